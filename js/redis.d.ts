// cookie-engine/redis (Node only): one jar shared by many processes and machines through Redis.
import type { Cluster, Redis } from 'ioredis';
import type { CookieJar, CookieJarOptions } from './cookie_engine.js';

/** Options of `sharedJar`: the shared key space, how errors are reported, and the local jar's options. */
export interface SharedJarOptions extends CookieJarOptions {
  /** The prefix of the shared keys (`<key>:cookies`, `<key>:log`, `<key>:meta`, `<key>:gc`); jars with the same key share their cookies. On Redis Cluster, give it a hash tag: `{fleet}`. */
  key: string;
  /** Called with the error when Redis cannot be reached or refuses a command, once per outage (until an exchange succeeds again). By default a process warning is emitted. */
  onError?: (error: Error) => void;
  /** How long Redis remembers a removed or expired cookie's last change, so that an older change that arrives late cannot bring it back (ms; default one day). */
  retentionMs?: number;
  /** How long a write or a read may go unanswered before the jar reports Redis unreachable and `flush` or `sync` rejects (ms; default 5000). A write stays on its way and counts when it arrives. */
  timeoutMs?: number;
  /** How many batches of changes the log keeps (approximately, at least this many; default 10,000). A copy further behind loads the whole key space again. */
  streamLength?: number;
}

/**
 * A local jar kept in step with a Redis key space: reads (`headerFor`, `cookies`) are the local
 * jar's, synchronous; every change the jar makes (a stored, replaced, removed or evicted cookie)
 * is written to Redis and published, and the changes other copies publish are applied here.
 * Made by `sharedJar`; the static `from...` and `open` methods of `CookieJar` throw here.
 */
export declare class SharedCookieJar extends CookieJar {
  /** Use `await sharedJar(redis, options)`. */
  private constructor();
  /** Whether the last exchange with Redis succeeded (false during an outage, until this copy has caught up). */
  readonly connected: boolean;
  /** The version of the shared log this copy has applied up to (each accepted batch of changes is one version). */
  readonly version: number;
  /** Resolves when every change made so far is acknowledged by Redis (written, and with `appendfsync always` on disk); rejects with the error if Redis cannot be reached (the changes stay queued and are sent when it is back). */
  flush(): Promise<void>;
  /** Resolves when this copy has sent its changes (as `flush`) and applied every change Redis had acknowledged when it was called. */
  sync(): Promise<void>;
  /** Stops sharing: sends what is pending (once), stops following the log and closes this jar's own connection. The jar stays usable, as a local jar; the client passed to `sharedJar` is the caller's to close. */
  close(): Promise<void>;
}

/**
 * A jar shared through the Redis key space `options.key`: it loads the shared cookies, then
 * follows the changes other copies make. `redis` is an ioredis client (`new Redis(...)` or
 * `new Redis.Cluster(...)`), used for writes and duplicated once for blocking reads.
 */
export function sharedJar(redis: Redis | Cluster, options: SharedJarOptions): Promise<SharedCookieJar>;
