// `toughCompatible(jar)`: the jar behind the methods of tough-cookie's CookieJar that HTTP clients
// call (got's `cookieJar`, fetch-cookie, axios-cookiejar-support, http-cookie-agent): each method
// with a callback, a Promise without one, and its *Sync twin. tough-cookie's options that have a
// meaning here become the jar's request context; the jar decides. No cookie rules here.
import { checkJar, checkOptions, describe } from './host.js';

/** tough-cookie's options of setCookie; `loose` and `now` are accepted and ignored. */
const SET_OPTIONS = ['http', 'sameSiteContext', 'ignoreError', 'loose', 'now'];
/** tough-cookie's options of getCookies and getCookieString; `expire`, `allPaths` and `sort` are accepted and ignored. */
const GET_OPTIONS = ['http', 'sameSiteContext', 'expire', 'allPaths', 'sort'];

/** The request context of tough-cookie's options: `http: false` is the script API, and
 * `sameSiteContext` ('strict', 'lax', 'none') is the context's `sameSite`. */
function contextOf(options, known, caller) {
  const { http = true, sameSiteContext } = checkOptions(options, known, caller);
  if (typeof http !== 'boolean') throw new TypeError(`${caller}: options.http must be a boolean, got ${describe(http)}`);
  if (sameSiteContext !== undefined && !['strict', 'lax', 'none'].includes(sameSiteContext)) {
    throw new TypeError(`${caller}: options.sameSiteContext must be 'strict', 'lax' or 'none', got ${String(sameSiteContext)}`);
  }
  const context = { ...(sameSiteContext !== undefined && { sameSite: sameSiteContext }), ...(!http && { api: 'script' }) };
  // An empty context is a first-party request, which the jar's fast path takes without one.
  return Object.keys(context).length > 0 ? context : undefined;
}

/** A URL argument as the jar takes it (a string or a URL). */
function urlOf(url, caller) {
  if (typeof url === 'string' || url instanceof URL) return url;
  throw new TypeError(`${caller}: the URL must be a string or a URL, got ${describe(url)}`);
}

/**
 * Runs `work` for a tough-cookie method: with a callback, calls it node-style (`(error, value)`);
 * without one, returns a Promise.
 */
function settle(work, callback, caller) {
  if (callback === undefined) return new Promise((resolve) => resolve(work()));
  if (typeof callback !== 'function') throw new TypeError(`${caller}: the callback must be a function, got ${describe(callback)}`);
  let value;
  try {
    value = work();
  } catch (error) {
    callback(error);
    return undefined;
  }
  callback(null, value);
  return undefined;
}

/**
 * A stored cookie as tough-cookie's Cookie shows it: `key`, `value`, `domain`, `path`, `expires`
 * (a Date, or 'Infinity' for a session cookie), `secure`, `httpOnly`, `hostOnly`, `sameSite`,
 * `creation`, `lastAccessed`; `cookieString()` and `toString()` as tough-cookie writes them.
 */
class ToughCookie {
  constructor(cookie) {
    this.key = cookie.name;
    this.value = cookie.value;
    this.domain = cookie.domain;
    this.path = cookie.path;
    this.expires = cookie.expires === null ? 'Infinity' : new Date(cookie.expires);
    this.secure = cookie.secure;
    this.httpOnly = cookie.httpOnly;
    this.hostOnly = cookie.hostOnly;
    this.sameSite = cookie.sameSite === 'default' ? undefined : cookie.sameSite;
    this.creation = new Date(cookie.creationTime);
    this.lastAccessed = new Date(cookie.lastAccessTime);
    this.partitionKey = cookie.partitionKey;
  }

  /** The cookie as a Cookie header carries it: `key=value` (the value alone for a nameless cookie). */
  cookieString() {
    return this.key ? `${this.key}=${this.value}` : this.value;
  }

  /** The cookie as a Set-Cookie line (which `setCookie` takes back). */
  toString() {
    const attributes = [this.cookieString()];
    if (this.expires !== 'Infinity') attributes.push(`Expires=${this.expires.toUTCString()}`);
    if (!this.hostOnly) attributes.push(`Domain=${this.domain}`);
    attributes.push(`Path=${this.path}`);
    if (this.secure) attributes.push('Secure');
    if (this.httpOnly) attributes.push('HttpOnly');
    if (this.sameSite) attributes.push(`SameSite=${this.sameSite[0].toUpperCase()}${this.sameSite.slice(1)}`);
    if (this.partitionKey !== null) attributes.push('Partitioned');
    return attributes.join('; ');
  }
}

/** The tough-cookie-shaped methods over `jar`, made by `toughCompatible`. */
class ToughCompatible {
  #jar;

  constructor(jar) {
    this.#jar = jar;
  }

  /** What http-cookie-agent checks: the *Sync methods work. */
  get store() {
    return { synchronous: true };
  }

  /**
   * Stores a Set-Cookie line (or a cookie whose `toString()` is one, as tough-cookie's Cookie)
   * received from `url`. A rejected cookie is an Error with its `code` unless `ignoreError`.
   * Returns the jar's decision, where tough-cookie gives the stored Cookie.
   */
  setCookieSync(cookie, url, options) {
    const caller = 'setCookie';
    if (typeof cookie !== 'string' && !(cookie !== null && typeof cookie === 'object' && Object.hasOwn(cookie, 'key'))) {
      throw new TypeError(`${caller} expects a Set-Cookie string or a cookie object, got ${describe(cookie)}`);
    }
    const context = contextOf(options, SET_OPTIONS, caller);
    const decision = this.#jar.setCookie(String(cookie), urlOf(url, caller), context);
    if (decision.outcome === 'rejected' && !options?.ignoreError) {
      throw Object.assign(new Error(`${caller}: the cookie was rejected (${decision.code}): ${decision.message}`), { code: decision.code });
    }
    return decision;
  }

  /** The cookies a request to `url` sends, in the Cookie header's order (the request counts as their access). */
  getCookiesSync(url, options) {
    const caller = 'getCookies';
    const context = contextOf(options, GET_OPTIONS, caller);
    urlOf(url, caller);
    this.#jar.headerFor(url, context);
    return this.#jar.cookies(url, context).map((cookie) => new ToughCookie(cookie));
  }

  /** The Cookie header for a request to `url` ('' when none). */
  getCookieStringSync(url, options) {
    const caller = 'getCookieString';
    return this.#jar.headerFor(urlOf(url, caller), contextOf(options, GET_OPTIONS, caller));
  }

  // Four parameters, and three for getCookieString: got takes a jar whose setCookie has four and
  // getCookieString none for callback style (tough-cookie's); this one is called as Promises.
  setCookie(cookie, url, options, callback) {
    if (typeof options === 'function') [options, callback] = [undefined, options];
    return settle(() => this.setCookieSync(cookie, url, options), callback, 'setCookie');
  }

  getCookies(url, options, callback) {
    if (typeof options === 'function') [options, callback] = [undefined, options];
    return settle(() => this.getCookiesSync(url, options), callback, 'getCookies');
  }

  getCookieString(url, options, callback) {
    if (typeof options === 'function') [options, callback] = [undefined, options];
    return settle(() => this.getCookieStringSync(url, options), callback, 'getCookieString');
  }
}

/** `jar` behind tough-cookie's CookieJar methods, for HTTP clients that take a tough-cookie jar. */
export function toughCompatible(jar) {
  return new ToughCompatible(checkJar(jar, 'toughCompatible'));
}
