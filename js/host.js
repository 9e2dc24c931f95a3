// What the host integrations (fetch.js, fetch_event.js, tough_compatible.js, undici.js) share:
// checking their arguments, and the request context a hop is sent in. No cookie rules here.
import { CookieJar } from './cookie_jar.js';

/** How a wrong argument is named in an error: its type, or its class. */
export function describe(value) {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return `an object (${value.constructor?.name ?? 'no class'})`;
}

/** Throws a TypeError unless `jar` is this package's CookieJar. */
export function checkJar(jar, caller) {
  if (!(jar instanceof CookieJar)) throw new TypeError(`${caller} expects a CookieJar of cookie-engine, got ${describe(jar)}`);
  return jar;
}

/** `options` (an object or undefined, as `{}`); a TypeError names an unknown key. */
export function checkOptions(options, known, caller) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new TypeError(`${caller}: options must be an object, got ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${caller}: unknown option '${key}' (known: ${known.join(', ')})`);
  }
  return options;
}

/** A context given by the user (checked by the jar when used); a TypeError if it is not an object. */
export function checkContext(context, caller) {
  if (context !== undefined && (context === null || typeof context !== 'object')) throw new TypeError(`${caller}: context must be an object (a RequestContext), got ${describe(context)}`);
  return context;
}

/**
 * The context one request is sent in: none (a first-party request, the jar's fast path) unless
 * the user gave one; then the user's with the request's own method, which SameSite=Lax reads.
 */
export const hopContext = (context, method) => (context === undefined ? undefined : { ...context, method });
