// `cookie-engine/redis` (Node only): one jar shared by many processes and machines through Redis.
// Each process keeps a local CookieJar, so reads (headerFor) stay local and synchronous; every
// change the local jar makes is written to Redis and published, and the changes other processes
// publish are applied to the local jar. No cookie rule here: storing, replacing, expiring and
// evicting are the Rust core's, through the jar's public API; this module only carries changes
// and decides which of two changes of the same cookie is the later one.
//
// The layout, for a `key` K (all four keys share K, so `{fleet}`-style hash tags keep them on one
// Redis Cluster slot):
//   K:cookies  hash   identity -> the latest change of that cookie (an entry, JSON below)
//   K:log      stream one entry per accepted batch of changes, its ID `<version>-0`, its fields
//                     `w` (the writer) and `c` (the entries, a JSON array)
//   K:meta     hash   `version` (the last batch's) and `epoch` (a random name of this key
//                     space, to notice a Redis that lost its data)
//   K:gc       zset   identity -> when its entry stopped mattering (a removal's time, a cookie's
//                     expiry); entries dead for longer than `retentionMs` are dropped
// An entry is `{ i: identity, s: stamp, c: creation stamp, r: the cookie or null (removed) }`;
// a stamp is `[time, writer, counter]`, compared in that order (the later time wins; the writer
// id, then its counter, break ties).
import { createHash, randomBytes } from 'node:crypto';
import { CookieJar } from './cookie_engine.js';

/**
 * Writes a batch of changes, each only if it is later than the entry stored for its cookie, and
 * appends those it accepted to the log as one entry, under the next version. Then drops entries
 * dead for longer than the retention. Returns the epoch, the version after the call, and how
 * many changes were accepted.
 * KEYS: meta, cookies, log, gc. ARGV: now, retentionMs, streamLength, an epoch to use if the key
 * space has none, the writer, then per change: identity, dead-at ('' for never), entry JSON.
 */
const APPLY = `
local meta, cookies, log, gc = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local epoch = redis.call('HGET', meta, 'epoch')
if not epoch then
  epoch = ARGV[4]
  redis.call('HSET', meta, 'epoch', epoch)
end
local function later(a, b)
  for k = 1, 3 do
    if a[k] ~= b[k] then return a[k] > b[k] end
  end
  return false
end
local accepted = {}
for i = 6, #ARGV, 3 do
  local id, dead, json = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local old = redis.call('HGET', cookies, id)
  if not old or later(cjson.decode(json).s, cjson.decode(old).s) then
    redis.call('HSET', cookies, id, json)
    if dead == '' then redis.call('ZREM', gc, id) else redis.call('ZADD', gc, dead, id) end
    accepted[#accepted + 1] = json
  end
end
local version = tonumber(redis.call('HGET', meta, 'version') or '0')
if #accepted > 0 then
  version = redis.call('HINCRBY', meta, 'version', 1)
  redis.call('XADD', log, 'MAXLEN', '~', ARGV[3], version .. '-0', 'w', ARGV[5], 'c', '[' .. table.concat(accepted, ',') .. ']')
end
local gone = redis.call('ZRANGEBYSCORE', gc, '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]), 'LIMIT', 0, 200)
for _, id in ipairs(gone) do
  redis.call('HDEL', cookies, id)
  redis.call('ZREM', gc, id)
end
return {epoch, version, #accepted}
`;

/**
 * The key space as of one version, atomically: its epoch (set if there is none), the version,
 * and every entry. KEYS: meta, cookies. ARGV: an epoch to use if the key space has none.
 */
const SNAPSHOT = `
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('HSET', KEYS[1], 'epoch', epoch)
end
return {epoch, redis.call('HGET', KEYS[1], 'version') or '0', redis.call('HVALS', KEYS[2])}
`;

const SCRIPTS = new Map([APPLY, SNAPSHOT].map((lua) => [lua, createHash('sha1').update(lua).digest('hex')]));

/** How long a blocking read of the log waits before it checks that the key space is still the one it follows (ms). */
const IDLE_CHECK_MS = 1000;
/** How many log entries one read takes, and how many changes one write carries. */
const READ_COUNT = 200;
const WRITE_COUNT = 500;
/** Retries after a failure: the first delay and the longest (ms). */
const RETRY_FIRST_MS = 50;
const RETRY_MAX_MS = 2000;
/** How often the jar evicts its expired cookies and forgets their bookkeeping (ms). */
const SWEEP_MS = 60_000;
/** How many times `sync` sends and reads again while applying changes gives it changes to send. */
const SYNC_ROUNDS = 10;
const DEFAULTS = { retentionMs: 24 * 60 * 60 * 1000, streamLength: 10_000, timeoutMs: 5000 };

/** A cookie's identity (6265bis 5.7 step 23: name, domain, host-only-flag, path, partition key) as a string. */
const identity = (cookie) => JSON.stringify([cookie.name, cookie.domain, cookie.hostOnly, cookie.path, cookie.partitionKey]);

/** Orders two stamps `[time, writer, counter]`: negative if `a` is earlier. */
function compareStamps(a, b) {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

const isStamp = (stamp) => Array.isArray(stamp) && stamp.length === 3 && stamp.every(Number.isFinite);

/** Whether `entry` has the shape of an entry this module writes (the jar's import checks the cookie). */
const isEntry = (entry) =>
  entry !== null &&
  typeof entry === 'object' &&
  isIdentity(entry.i) &&
  isStamp(entry.s) &&
  isStamp(entry.c) &&
  (entry.r === null || (typeof entry.r === 'object' && typeof entry.r.creationTime === 'number' && identity(entry.r) === entry.i));

/** Whether `id` is an identity as `identity` writes it. */
function isIdentity(id) {
  try {
    const [name, domain, hostOnly, path, partitionKey, ...rest] = JSON.parse(id);
    return typeof name === 'string' && typeof domain === 'string' && typeof hostOnly === 'boolean' && typeof path === 'string' && (partitionKey === null || typeof partitionKey === 'string') && rest.length === 0;
  } catch {
    return false;
  }
}

/** Whether `cookie` had expired by `now` (its removal then is not news: every copy expires it). */
const expiredBy = (cookie, now) => cookie.expires !== null && cookie.expires <= now;

/** Makes sure `sharedJar`'s construction is its own. */
const CONSTRUCTING = Symbol('sharedJar');
/** `jar.#start()`, for `sharedJar` (set by the class). */
let start;

/** The options `sharedJar` takes for itself; the others are the local jar's. */
function readOptions(redis, options) {
  if (redis === null || typeof redis !== 'object' || typeof redis.duplicate !== 'function' || typeof redis.evalsha !== 'function') {
    throw new TypeError('sharedJar expects an ioredis client (new Redis(...) or new Redis.Cluster(...)) as its first argument');
  }
  if (options === null || typeof options !== 'object') throw new TypeError('sharedJar expects options with a key: sharedJar(redis, { key })');
  const { key, onError, retentionMs = DEFAULTS.retentionMs, streamLength = DEFAULTS.streamLength, timeoutMs = DEFAULTS.timeoutMs, ...jarOptions } = options;
  if (typeof key !== 'string' || key === '') throw new TypeError('options.key must be a non-empty string (the prefix of the shared keys)');
  if (onError !== undefined && typeof onError !== 'function') throw new TypeError('options.onError must be a function');
  if (!Number.isFinite(retentionMs) || retentionMs < 0) throw new RangeError('options.retentionMs must be a number of milliseconds, 0 or more');
  if (!Number.isSafeInteger(streamLength) || streamLength < 1) throw new RangeError('options.streamLength must be a positive integer');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('options.timeoutMs must be a positive number of milliseconds');
  return { key, onError, retentionMs, streamLength, timeoutMs, jarOptions };
}

/**
 * A local jar kept in step with a Redis key space. Reads are the local jar's; every change is
 * also sent to Redis, and the changes of the other copies are applied as they are published.
 */
export class SharedCookieJar extends CookieJar {
  #redis;
  #reader;
  #keys;
  #onError;
  #retentionMs;
  #streamLength;
  #timeoutMs;
  #clock;
  /** This copy's writer id (48 random bits: a number, exact in a double and in Lua). */
  #writer = randomBytes(6).readUIntBE(0, 6);
  #counter = 0;
  /** The time of this copy's last stamp, and the latest time of a stamp seen from elsewhere. */
  #lastTime = 0;
  #seenTime = 0;

  /** The local jar's cookies: identity -> { stamp, created, time (its creation time), expires, pos }. */
  #records = new Map();
  /** Identities by creation time: cookies whose creation times tie are ordered by their creation stamps. */
  #byTime = new Map();
  /** Where each cookie stands among its ties in the local jar: a counter, as the jar numbers insertions. */
  #pos = 0;
  /** This copy's removals, identity -> { stamp, until }: remembered until the log has passed them. */
  #removed = new Map();

  /** Changes not yet sent, identity -> { id, stamp, dead, json, seq }; the batch being written. */
  #outbox = new Map();
  #inFlight = null;
  #changes = 0;
  #flushWaiters = [];
  #versionWaiters = [];
  #retryDelay = RETRY_FIRST_MS;
  #retryTimer = null;
  #pumpScheduled = false;

  #epoch = null;
  #version = 0;
  /** False until the first load (whose failure rejects `sharedJar` instead of being reported). */
  #connected = false;
  #closed = false;
  #sweepTimer = null;
  /** Ends the reader's wait before a retry (when its connection is ready again, or at close). */
  #wake = null;

  /** How deep the calls of the jar this module makes are nested (each hears only its own changes). */
  #depth = 0;
  /** While true, the user's listeners hear nothing (the jar is reordering its own cookies). */
  #quiet = false;
  #subscribe;
  #import;
  #delete;
  #cookies;

  /** Use `await sharedJar(redis, options)`. */
  constructor(token, redis, options) {
    if (token !== CONSTRUCTING) throw new TypeError('a shared jar is made by `await sharedJar(redis, { key })` (cookie-engine/redis)');
    const { key, onError, retentionMs, streamLength, timeoutMs, jarOptions } = readOptions(redis, options);
    super(jarOptions);
    this.#clock = jarOptions.now ?? Date.now;
    this.#redis = redis;
    this.#keys = [`${key}:meta`, `${key}:cookies`, `${key}:log`, `${key}:gc`];
    this.#onError = onError ?? ((error) => process.emitWarning(`cookie-engine/redis: ${error.message}`, { code: 'COOKIE_ENGINE_REDIS' }));
    this.#retentionMs = retentionMs;
    this.#streamLength = streamLength;
    this.#timeoutMs = timeoutMs;
    // The jar's own methods, for changes that come from Redis (the overridden ones send changes).
    this.#subscribe = (listener) => super.onChange(listener);
    this.#import = (snapshot) => super.import('json', snapshot);
    this.#delete = (name, options) => super.delete(name, options);
    this.#cookies = () => super.cookies();
  }

  // ---- The jar's changes -------------------------------------------------------------------

  setFromHeader(setCookie, url, context) {
    return this.#local(() => super.setFromHeader(setCookie, url, context));
  }

  setCookie(setCookie, url, context) {
    return this.#local(() => super.setCookie(setCookie, url, context));
  }

  delete(name, options) {
    return this.#local(() => super.delete(name, options));
  }

  clear() {
    this.#local(() => super.clear());
  }

  removeExpired() {
    return this.#local(() => super.removeExpired());
  }

  endSession() {
    return this.#local(() => super.endSession());
  }

  import(format, data) {
    return this.#local(() => super.import(format, data), true);
  }

  onChange(listener) {
    if (typeof listener !== 'function') throw new TypeError('onChange expects a function');
    return super.onChange((change) => {
      if (!this.#quiet) listener(change);
    });
  }

  /**
   * Runs a call of the jar with a listener of its own: the jar records changes only during the
   * calls that can change it, so that `headerFor` costs what it costs in a jar without listeners.
   * (A retrieval only evicts expired cookies, which every copy expires by itself.)
   */
  #capture(call, handle) {
    // A listener of the user's that calls the jar makes a nested call: its changes are that
    // call's, not this one's.
    const depth = ++this.#depth;
    const stop = this.#subscribe((change) => {
      if (this.#depth === depth) handle(change);
    });
    try {
      return call();
    } finally {
      stop();
      this.#depth--;
    }
  }

  /** A call of the jar's user: its changes are this copy's, sent to Redis. */
  #local(call, imported = false) {
    const replaced = new Map();
    const times = new Set();
    const result = this.#capture(call, ({ cause, cookie }) => this.#localChange(cause, cookie, replaced, times, imported));
    // A cookie removed as overwritten with no insertion after it (an import whose record was
    // then refused) is a removal.
    for (const [id, meta] of replaced) this.#sendRemoval(id, this.#dropRecord(id) ?? meta);
    if (times.size > 0) this.#fixTies(times);
    this.#pumpSoon();
    return result;
  }

  #localChange(cause, cookie, replaced, times, imported) {
    const id = identity(cookie);
    if (cause === 'inserted') {
      const old = replaced.get(id);
      replaced.delete(id);
      const stamp = this.#stamp();
      // 6265bis 5.7 step 23.3: a cookie set over its twin keeps the twin's creation time and its
      // place among ties; an imported record takes a new place, the last. A new cookie is last
      // among its ties in every copy too: its stamp is later than any this copy has seen.
      const sameTime = old !== undefined && old !== null && old.time === cookie.creationTime;
      const created = sameTime ? old.created : stamp;
      const pos = sameTime && !imported ? old.pos : ++this.#pos;
      if (sameTime && imported) times.add(cookie.creationTime);
      this.#setRecord(id, cookie, { stamp, created, pos });
      this.#send(id, stamp, created, cookie);
      return;
    }
    // Overwritten: the insertion that follows updates the record.
    if (cause === 'overwritten') {
      replaced.set(id, this.#records.get(id) ?? null);
      return;
    }
    const meta = this.#dropRecord(id);
    if (!expiredBy(cookie, this.#clock())) this.#sendRemoval(id, meta);
  }

  /** Sends the removal of the cookie `id` (`meta`: what this copy knew of it, if anything). */
  #sendRemoval(id, meta) {
    const stamp = this.#stamp();
    this.#removed.set(id, { stamp, until: Infinity });
    this.#send(id, stamp, meta?.created ?? stamp, null);
  }

  /**
   * A new stamp for a change made here: the clock's time, but never earlier than this copy's
   * last stamp or than a change it has seen from elsewhere (a hybrid logical clock), so that a
   * change made after seeing another is later than it even when the other machine's clock is
   * ahead.
   */
  #stamp() {
    const time = Math.max(this.#clock(), this.#lastTime, this.#seenTime + 1);
    this.#lastTime = time;
    return [time, this.#writer, ++this.#counter];
  }

  #setRecord(id, cookie, { stamp, created, pos }) {
    const time = cookie.creationTime;
    const old = this.#records.get(id);
    this.#records.set(id, { stamp, created, time, expires: cookie.expires, pos });
    if (old?.time === time) return;
    if (old !== undefined) this.#untie(id, old.time);
    let ties = this.#byTime.get(time);
    if (ties === undefined) this.#byTime.set(time, (ties = new Set()));
    ties.add(id);
  }

  #dropRecord(id) {
    const meta = this.#records.get(id);
    if (meta === undefined) return undefined;
    this.#records.delete(id);
    this.#untie(id, meta.time);
    return meta;
  }

  #untie(id, time) {
    const ties = this.#byTime.get(time);
    ties?.delete(id);
    if (ties?.size === 0) this.#byTime.delete(time);
  }

  /**
   * Cookies whose creation times tie are sent in the order of their insertion into each jar
   * (their sequence numbers), which differs between copies that received them in different
   * orders. Not in the spec (6265bis 5.8.3 leaves the order of equal creation times open):
   * every copy orders them by their creation stamps, re-importing a group whose order here
   * differs (an import gives each record a new place after its ties, in the import's order).
   */
  #fixTies(times) {
    const now = this.#clock();
    let fresh = null;
    for (const time of times) {
      const ids = [...(this.#byTime.get(time) ?? [])].filter((id) => {
        const meta = this.#records.get(id);
        return meta.expires === null || meta.expires > now;
      });
      if (ids.length < 2) continue;
      const canonical = ids.sort((a, b) => compareStamps(this.#records.get(a).created, this.#records.get(b).created) || (a < b ? -1 : 1));
      // The first cookie placed before the one it should follow: it and the rest are imported
      // again, in order (an import places each after all its ties).
      const first = canonical.findIndex((id, i) => i > 0 && this.#records.get(id).pos < this.#records.get(canonical[i - 1]).pos);
      if (first === -1) continue;
      fresh ??= new Map(this.#cookies().map((cookie) => [identity(cookie), cookie]));
      const again = canonical.slice(first).filter((id) => fresh.has(id));
      this.#reimport(again.map((id) => ({ cookie: fresh.get(id), meta: this.#records.get(id) })));
    }
  }

  /** Imports cookies this jar already holds again, in the given order, without the user's listeners hearing it. */
  #reimport(items) {
    if (items.length === 0) return;
    const metas = new Map(items.map(({ cookie, meta }) => [identity(cookie), meta]));
    this.#quiet = true;
    try {
      this.#capture(() => this.#import({ version: 1, cookies: items.map(({ cookie }) => cookie) }), ({ cause, cookie }) => {
        const id = identity(cookie);
        if (cause === 'inserted' && metas.has(id)) this.#setRecord(id, cookie, { ...metas.get(id), pos: ++this.#pos });
        else if (cause !== 'inserted') this.#removedHere(cause, id, cookie);
      });
    } finally {
      this.#quiet = false;
    }
  }

  // ---- Writing: the outbox and the apply script --------------------------------------------

  /** Queues a change (written as JSON when it is sent: a change replaced before that costs nothing more). */
  #send(id, stamp, created, cookie) {
    this.#outbox.set(id, { id, stamp, created, cookie, removal: cookie === null, seq: ++this.#changes });
  }

  /** Sends the outbox once the current task is done: the changes of a run of calls go in one write. */
  #pumpSoon() {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    queueMicrotask(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  /** Sends the outbox, one batch at a time; after a failure, again later. */
  async #pump() {
    if (this.#inFlight !== null || this.#outbox.size === 0 || this.#closed || this.#retryTimer !== null) return;
    const batch = [...this.#outbox.values()].slice(0, WRITE_COUNT);
    for (const change of batch) this.#outbox.delete(change.id);
    this.#inFlight = new Map(batch.map((change) => [change.id, change]));
    try {
      const args = [this.#clock(), this.#retentionMs, this.#streamLength, this.#newEpoch(), this.#writer];
      for (const { id, stamp, created, cookie } of batch) {
        // When the entry stops mattering: a removal at once, a cookie when it expires.
        const dead = cookie === null ? String(stamp[0]) : cookie.expires === null ? '' : String(cookie.expires);
        args.push(id, dead, JSON.stringify({ i: id, s: stamp, c: created, r: cookie }));
      }
      // A client can hold a command for long when the network breaks without a word (the
      // write stays on its way, and counts when it arrives): say so after the timeout.
      const timer = setTimeout(() => {
        const error = this.#timeoutError('a write');
        this.#trouble(error);
        this.#settleFlushes(error);
      }, this.#timeoutMs);
      timer.unref();
      const [epoch, version] = await this.#script(APPLY, this.#keys, args).finally(() => clearTimeout(timer));
      this.#inFlight = null;
      this.#fine();
      // This copy's removals are remembered until the log has passed them (an earlier change
      // of the same cookie, still in the log, is then older than what this copy knows).
      if (epoch === this.#epoch) {
        for (const { id, stamp, removal } of batch) {
          const removed = this.#removed.get(id);
          if (removal && removed?.stamp === stamp) removed.until = Number(version);
        }
      }
      this.#settleFlushes(null);
    } catch (error) {
      this.#inFlight = null;
      // Back into the outbox, unless a later change of the same cookie is already there.
      for (const change of batch) if (!this.#outbox.has(change.id)) this.#outbox.set(change.id, change);
      this.#trouble(error);
      this.#settleFlushes(error);
      this.#retryLater();
      return;
    }
    if (this.#outbox.size > 0) this.#pump();
  }

  #retryLater() {
    if (this.#retryTimer !== null || this.#closed) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#pump();
    }, this.#retryDelay);
    this.#retryTimer.unref();
    this.#retryDelay = Math.min(this.#retryDelay * 2, RETRY_MAX_MS);
  }

  /** Resolves the flushes whose changes are all acknowledged; with an error, rejects them all. */
  #settleFlushes(error) {
    if (this.#flushWaiters.length === 0) return;
    let oldest = Infinity;
    for (const change of this.#outbox.values()) oldest = Math.min(oldest, change.seq);
    for (const change of this.#inFlight?.values() ?? []) oldest = Math.min(oldest, change.seq);
    const waiting = [];
    for (const waiter of this.#flushWaiters) {
      if (waiter.upTo < oldest) waiter.resolve();
      else if (error !== null) waiter.reject(error);
      else waiting.push(waiter);
    }
    this.#flushWaiters = waiting;
  }

  /** Runs one of this module's scripts (EVALSHA; EVAL when Redis does not have it, as after a restart). */
  async #script(lua, keys, args) {
    try {
      return await this.#redis.evalsha(SCRIPTS.get(lua), keys.length, ...keys, ...args);
    } catch (error) {
      if (!String(error?.message).startsWith('NOSCRIPT')) throw error;
      return this.#redis.eval(lua, keys.length, ...keys, ...args);
    }
  }

  #timeoutError(what) {
    return new Error(`Redis did not answer ${what} within ${this.#timeoutMs} ms`);
  }

  /** `promise`, or a rejection after the timeout (the promise itself is left to finish). */
  #timed(promise, what) {
    let timer;
    const timeout = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(this.#timeoutError(what)), this.#timeoutMs);
      timer.unref();
    });
    promise.catch(() => {});
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  /** An epoch for a key space that has none yet. */
  #newEpoch() {
    return randomBytes(8).toString('hex');
  }

  // ---- Reading: the snapshot and the log ---------------------------------------------------

  static {
    start = (jar) => jar.#start();
  }

  /** Loads the key space, then follows its log (not awaited: it runs until `close`). */
  async #start() {
    await this.#load();
    this.#reader = this.#redis.duplicate();
    this.#reader.on('error', (error) => this.#trouble(error));
    // Reconnected: retry now rather than at the end of the back-off.
    this.#reader.on('ready', () => this.#wake?.());
    this.#sweepTimer = setInterval(() => this.#sweep(), SWEEP_MS);
    this.#sweepTimer.unref();
    this.#follow();
  }

  /**
   * The snapshot: the entries of every cookie as of one version, read atomically with that
   * version. Applied like the log's entries (each only if later than what this copy knows); a
   * cookie of this copy that Redis does not know at all (dropped, or lost with the data) goes,
   * unless its change is still on its way.
   */
  async #load() {
    const [epoch, version, values] = await this.#timed(this.#script(SNAPSHOT, this.#keys.slice(0, 2), [this.#newEpoch()]), 'a snapshot');
    // Another epoch: the key space was emptied or lost; what this copy knew from it no longer counts.
    const trustLocal = this.#epoch === null || this.#epoch === epoch;
    const entries = this.#entries(values, this.#keys[1]);
    this.#epoch = epoch;
    this.#version = Number(version);
    if (!trustLocal) this.#removed.clear();
    this.#apply(entries, { snapshot: true, trustLocal });
    this.#fine();
    this.#settleVersions();
  }

  async #follow() {
    let reload = false;
    let check = false;
    let delay = RETRY_FIRST_MS;
    while (!this.#closed) {
      try {
        if (reload) {
          await this.#load();
          reload = false;
        }
        if (check) {
          // After an error or a quiet spell: is this still the key space this copy follows?
          const [epoch, version] = await this.#timed(this.#redis.hmget(this.#keys[0], 'epoch', 'version'), 'a read');
          check = false;
          if (epoch !== this.#epoch || Number(version ?? 0) < this.#version) {
            reload = true;
            continue;
          }
        }
        const reply = await this.#reader.xread('COUNT', READ_COUNT, 'BLOCK', IDLE_CHECK_MS, 'STREAMS', this.#keys[2], `${this.#version}-0`);
        this.#fine();
        delay = RETRY_FIRST_MS;
        if (reply === null) {
          check = true;
          continue;
        }
        for (const [id, fields] of reply[0][1]) {
          const version = Number(id.slice(0, id.indexOf('-')));
          // A version missing from the log (trimmed away while this copy was behind): reload.
          if (version !== this.#version + 1) {
            reload = true;
            break;
          }
          // This copy's own batch: made here already (or since replaced by what this copy knows).
          if (Number(fields[fields.indexOf('w') + 1]) !== this.#writer) {
            let batch = null;
            try {
              batch = JSON.parse(fields[fields.indexOf('c') + 1]);
            } catch {}
            const values = Array.isArray(batch) ? batch.map((entry) => JSON.stringify(entry)) : [String(batch)];
            this.#apply(this.#entries(values, `${this.#keys[2]} ${id}`), { snapshot: false, trustLocal: true });
          }
          this.#version = version;
        }
        this.#forgetRemovals();
        this.#settleVersions();
      } catch (error) {
        if (this.#closed) break;
        this.#trouble(error);
        check = true;
        // Back off while the reader's connection is down; it wakes this when it is ready.
        const ready = this.#reader.status === 'ready';
        await new Promise((resolve) => {
          this.#wake = resolve;
          setTimeout(resolve, ready ? RETRY_FIRST_MS : delay).unref();
        });
        this.#wake = null;
        if (!ready) delay = Math.min(delay * 2, RETRY_MAX_MS);
      }
    }
  }

  /** Forgets this copy's removals that the log has passed. */
  #forgetRemovals() {
    for (const [id, removal] of this.#removed) if (removal.until <= this.#version) this.#removed.delete(id);
  }

  /** The stamp of the latest change of `id` this copy knows (its own, pending or not, or applied). */
  #known(id, trustLocal) {
    const pending = this.#outbox.get(id)?.stamp ?? this.#inFlight?.get(id)?.stamp;
    const stamps = trustLocal ? [pending, this.#records.get(id)?.stamp, this.#removed.get(id)?.stamp] : [pending];
    let latest;
    for (const stamp of stamps) if (stamp !== undefined && (latest === undefined || compareStamps(stamp, latest) > 0)) latest = stamp;
    return latest;
  }

  #isPending(id) {
    return this.#outbox.has(id) || (this.#inFlight?.has(id) ?? false);
  }

  /**
   * Applies entries from Redis to the local jar, each only if it is later than what this copy
   * knows of its cookie (so an entry applied twice, or older than a change made here, changes
   * nothing): removals first, then insertions, in their creation order, in one import.
   */
  #apply(entries, { snapshot, trustLocal }) {
    const now = this.#clock();
    const removals = new Set();
    const insertions = [];
    for (const entry of entries) {
      this.#seenTime = Math.max(this.#seenTime, entry.s[0]);
      const known = this.#known(entry.i, trustLocal);
      if (known !== undefined && compareStamps(entry.s, known) <= 0) continue;
      this.#removed.delete(entry.i);
      // This copy's pending change of the cookie is older: Redis would refuse it.
      const pending = this.#outbox.get(entry.i);
      if (pending !== undefined && compareStamps(pending.stamp, entry.s) < 0) this.#outbox.delete(entry.i);
      if (entry.r === null || expiredBy(entry.r, now)) {
        if (this.#records.has(entry.i)) removals.add(entry.i);
      } else insertions.push(entry);
    }
    if (snapshot) {
      const present = new Set(entries.map((entry) => entry.i));
      for (const id of this.#records.keys()) if (!present.has(id) && !this.#isPending(id)) removals.add(id);
    }
    const times = new Set();
    if (removals.size > 0) this.#removeHere(removals, times);
    if (insertions.length > 0) this.#insertHere(insertions, times);
    if (times.size > 0) this.#fixTies(times);
    // Pending changes older than what Redis has are dropped: flushes waiting for them are done.
    this.#settleFlushes(null);
    this.#pump();
  }

  /**
   * Removes the cookies `ids` from the local jar. `delete` takes every cookie of a name, domain
   * and path (host-only or not, in every partition): the others it took are imported again.
   */
  #removeHere(ids, times) {
    const again = [];
    for (const id of ids) {
      const [name, domain, , path] = JSON.parse(id);
      this.#dropRecord(id);
      this.#capture(() => this.#delete(name, { domain, path }), ({ cause, cookie }) => {
        const other = identity(cookie);
        const meta = this.#dropRecord(other);
        if (cause === 'explicit' && other !== id && !ids.has(other) && meta !== undefined) again.push({ cookie, meta });
      });
    }
    if (again.length > 0) {
      for (const { cookie } of again) times.add(cookie.creationTime);
      this.#reimport(again);
    }
  }

  /** Imports entries from Redis into the local jar, in their creation order. */
  #insertHere(entries, times) {
    entries.sort((a, b) => a.r.creationTime - b.r.creationTime || compareStamps(a.c, b.c));
    const expected = new Map(entries.map((entry) => [entry.i, entry]));
    let skipped;
    try {
      ({ skipped } = this.#capture(
        () => this.#import({ version: 1, cookies: entries.map((entry) => entry.r) }),
        ({ cause, cookie }) => this.#remoteChange(cause, cookie, expected, times),
      ));
    } catch (error) {
      // A record of a shape the jar does not take (written by something else): the import
      // changed nothing; one at a time, the others go in and that one is reported.
      if (entries.length > 1) {
        for (const entry of entries) this.#insertHere([entry], times);
      } else {
        this.#report(new TypeError(`cookie-engine/redis: an entry from Redis the jar cannot import (left out): ${error.message}`, { cause: error }));
      }
      return;
    }
    // A record this jar refused (its policy, or it expired on the way): the older copy goes too.
    const refused = new Set();
    for (const { index } of skipped) {
      const entry = entries[index];
      if (entry !== undefined && this.#records.has(entry.i)) refused.add(entry.i);
    }
    if (refused.size > 0) this.#removeHere(refused, times);
  }

  #remoteChange(cause, cookie, expected, times) {
    const id = identity(cookie);
    const entry = expected.get(id);
    if (cause === 'inserted') {
      if (entry === undefined) return;
      expected.delete(id);
      this.#setRecord(id, cookie, { stamp: entry.s, created: entry.c, pos: ++this.#pos });
      times.add(cookie.creationTime);
      return;
    }
    // The limits evicted an older version of a cookie that this import replaces later on:
    // that is its replacement, not a removal of this copy's (which would be later than the
    // version being imported, and remove it everywhere else but here).
    if (entry !== undefined) this.#dropRecord(id);
    else this.#removedHere(cause, id, cookie);
  }

  /**
   * A cookie the jar removed while applying changes from Redis. The limits evicting one to make
   * room is this copy's own change, which every copy must make too.
   */
  #removedHere(cause, id, cookie) {
    const meta = this.#dropRecord(id);
    if (cause === 'evicted' && !expiredBy(cookie, this.#clock())) this.#sendRemoval(id, meta);
  }

  /** Evicts expired cookies and forgets the bookkeeping of those a retrieval evicted unheard. */
  #sweep() {
    if (this.#closed) return;
    try {
      this.removeExpired();
    } catch {
      return;
    }
    const now = this.#clock();
    for (const [id, meta] of this.#records) if (meta.expires !== null && meta.expires <= now) this.#dropRecord(id);
  }

  // ---- State, errors, waiting ---------------------------------------------------------------

  /** Reports an error once per outage (until an exchange with Redis succeeds again). */
  #trouble(error) {
    if (!this.#connected || this.#closed) return;
    this.#connected = false;
    this.#report(error instanceof Error ? error : new Error(String(error)));
  }

  /** Calls onError; an exception it throws is reported as an uncaught one, later. */
  #report(error) {
    try {
      this.#onError(error);
    } catch (thrown) {
      queueMicrotask(() => {
        throw thrown;
      });
    }
  }

  /**
   * The entries of a snapshot or a log entry's JSON that have this module's shape; the others
   * (written by something else under this key) are reported and left out.
   */
  #entries(values, where) {
    const entries = [];
    for (const value of values) {
      let entry;
      try {
        entry = JSON.parse(value);
      } catch {}
      if (isEntry(entry)) entries.push(entry);
      else this.#report(new TypeError(`${where} holds an entry cookie-engine/redis did not write (left out): ${String(value).slice(0, 200)}`));
    }
    return entries;
  }

  #fine() {
    if (this.#connected) return;
    this.#connected = true;
    this.#wake?.();
    this.#retryDelay = RETRY_FIRST_MS;
    if (this.#retryTimer !== null) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
    }
    this.#pump();
  }

  #settleVersions() {
    this.#versionWaiters = this.#versionWaiters.filter((waiter) => {
      if (waiter.epoch !== this.#epoch || waiter.version > this.#version) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Whether the last exchange with Redis succeeded. */
  get connected() {
    return this.#connected;
  }

  /** The version of the log this copy has applied up to. */
  get version() {
    return this.#version;
  }

  /**
   * Resolves when every change made so far (and the autosave, for a jar with a file) is
   * acknowledged by Redis; rejects with the error if Redis cannot be reached (the changes stay
   * queued, and are sent when it is back).
   */
  async flush() {
    await super.flush();
    if (this.#closed) return;
    const upTo = this.#changes;
    const pending = [...this.#outbox.values(), ...(this.#inFlight?.values() ?? [])].some((change) => change.seq <= upTo);
    if (!pending) return;
    const done = this.#timed(new Promise((resolve, reject) => this.#flushWaiters.push({ upTo, resolve, reject })), 'a write');
    if (this.#retryTimer !== null) {
      // Waiting to retry after a failure: try now.
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
    }
    this.#pump();
    return done;
  }

  /**
   * Resolves when this copy has sent its changes (as `flush`) and applied every change Redis
   * had acknowledged when it was called, and applying them left nothing to send (a copy makes
   * changes of its own while it applies others': the limits evict). Then its cookies are those
   * of the shared jar, as far as this copy can know.
   */
  async sync() {
    for (let round = 0; round < SYNC_ROUNDS && !this.#closed; round++) {
      await this.flush();
      if (this.#closed) return;
      const [epoch, version] = await this.#timed(this.#redis.hmget(this.#keys[0], 'epoch', 'version'), 'a read');
      const target = Number(version ?? 0);
      if (epoch !== this.#epoch || target > this.#version) {
        await this.#timed(new Promise((resolve) => this.#versionWaiters.push({ epoch, version: target, resolve })), 'the changes to read');
      }
      if (this.#outbox.size === 0 && this.#inFlight === null) return;
    }
  }

  /**
   * Stops sharing: sends what is pending (once; an error is reported, not thrown), stops
   * following the log and closes this jar's own connection. The jar stays usable, as a local
   * jar. The client passed to `sharedJar` is the caller's to close.
   */
  async close() {
    if (this.#closed) return;
    try {
      await this.flush();
    } catch {
      // Reported through onError already.
    }
    this.#stop();
  }

  #stop() {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#sweepTimer);
    this.#reader?.disconnect();
    this.#wake?.();
    for (const waiter of this.#versionWaiters) waiter.resolve();
    this.#versionWaiters = [];
  }

  /** Stops sharing (without waiting, see `close`) and frees the jar. */
  free() {
    if (!this.#closed) this.#stop();
    super.free();
  }
}

/**
 * A jar shared through the Redis key space `options.key`: loads its cookies, then follows the
 * changes the other copies publish. `redis` is an ioredis client (a `Redis` or a `Cluster`),
 * which the jar uses for its writes, and duplicates once for its blocking reads.
 */
export async function sharedJar(redis, options) {
  const jar = new SharedCookieJar(CONSTRUCTING, redis, options);
  try {
    await start(jar);
  } catch (error) {
    jar.free();
    throw error;
  }
  return jar;
}
