// `withCookies(fetch, jar)`: a fetch that sends the jar's cookies and stores every response's.
// It follows redirects itself (`redirect: 'manual'` underneath), hop by hop as the Fetch
// standard's HTTP-redirect fetch (4.4) does, so that each hop's Set-Cookie fields are stored and
// the next hop gets the cookies of its own URL. The jar decides what to send and to store: no
// cookie rules here, only fetch's redirect rules.
import { checkContext, checkJar, checkOptions, describe, hopContext } from './host.js';

/** Fetch's redirect statuses. */
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
/** Fetch's request-body-header names, removed when a redirect drops the body (4.4 step 12). */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];
/** The methods fetch normalizes to upper case. */
const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
const REDIRECT_MODES = ['follow', 'manual', 'error'];

/** The header names the cookies travel in: the real ones, unless agreed otherwise with the server. */
export const REAL_HEADERS = { cookie: 'cookie', setCookie: 'set-cookie' };

/**
 * The Set-Cookie lines of `response`: its Set-Cookie fields; or, for a header name agreed with
 * the server, the comma-separated values of that field, each a line encoded with
 * encodeURIComponent (so that commas in lines, as in Expires dates, cannot split one).
 */
export function receivedLines(response, name) {
  if (name === 'set-cookie') return response.headers;
  const value = response.headers.get(name);
  if (value === null) return [];
  return value.split(',').map((encoded) => {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // Not encoded as agreed: the jar reads it as it is.
      return encoded.trim();
    }
  });
}

/** Throws a TypeError unless `max` is a whole number of redirects. */
export function checkMaxRedirects(max, caller) {
  if (!Number.isInteger(max) || max < 0) throw new TypeError(`${caller}: maxRedirects must be a whole number >= 0, got ${String(max)}`);
  return max;
}

/**
 * The URL and init of a fetch call. A Request's method, headers, body, signal and redirect mode
 * are used, under `init`'s as `new Request(input, init)` would; its body is read once, so that a
 * 307 or 308 can send it again.
 */
async function requestParts(input, init, caller) {
  if (init !== undefined && (init === null || typeof init !== 'object')) throw new TypeError(`${caller}: init must be an object, got ${describe(init)}`);
  if (typeof input === 'string' || input instanceof URL) return [String(input), init ?? {}];
  if (input !== null && typeof input === 'object' && typeof input.url === 'string' && typeof input.arrayBuffer === 'function') {
    const { url, method, headers, signal, redirect } = input;
    const body = input.body === null || init?.body !== undefined ? undefined : await input.arrayBuffer();
    return [url, { method, headers, body, signal, redirect, ...init }];
  }
  throw new TypeError(`${caller} expects a URL string, a URL or a Request, got ${describe(input)}`);
}

/** Whether `body` can be read only once (a stream): such a body is not sent again on a 307 or 308. */
const isStream = (body) => typeof body?.getReader === 'function' || typeof body?.[Symbol.asyncIterator] === 'function';

/**
 * Fetches `input` with the jar's cookies, storing each response's, following redirects as
 * `init.redirect` (or the Request's) says. `settings`: `{ maxRedirects, context, headers }`, the
 * header names from REAL_HEADERS or agreed with the server.
 */
export async function fetchWithCookies(fetch, jar, input, init, settings, caller) {
  const [first, { cookieContext, ...request }] = await requestParts(input, init, caller);
  const context = checkContext(cookieContext ?? settings.context, caller);
  const mode = request.redirect ?? 'follow';
  if (!REDIRECT_MODES.includes(mode)) throw new TypeError(`${caller}: redirect must be 'follow', 'manual' or 'error', got ${String(mode)}`);
  const names = settings.headers;
  let url = new URL(first).href;
  let method = String(request.method ?? 'GET');
  if (NORMALIZED_METHODS.includes(method.toUpperCase())) method = method.toUpperCase();
  let { body } = request;
  const headers = new Headers(request.headers);
  // A Cookie header the caller set goes first, then the jar's: servers read the first of two
  // cookies with one name, so the caller's choice wins. Like Authorization, it is a credential:
  // it does not follow a redirect to another origin.
  let callerCookie = headers.get(names.cookie);
  const visited = new Set();
  for (let redirects = 0; ; redirects++) {
    visited.add(url);
    const sentContext = hopContext(context, method);
    const cookie = [callerCookie, jar.headerFor(url, sentContext)].filter(Boolean).join('; ');
    if (cookie) headers.set(names.cookie, cookie);
    else headers.delete(names.cookie);
    const response = await fetch(url, { ...request, method, headers, body, redirect: 'manual' });
    jar.setFromHeader(receivedLines(response, names.setCookie), url, sentContext);
    const location = REDIRECT_STATUSES.includes(response.status) ? response.headers.get('location') : null;
    if (location === null || mode === 'manual') {
      if (redirects > 0) Object.defineProperty(response, 'redirected', { value: true });
      return response;
    }
    // The redirect's own body is not read: cancelling it frees the connection.
    await response.body?.cancel();
    const { status } = response;
    const failed = (why) => new TypeError(`${caller}: ${url} redirected (${status}) to ${location}: ${why}`);
    if (mode === 'error') throw failed("the request's redirect mode is 'error'");
    let next;
    try {
      next = new URL(location, url);
    } catch {
      throw failed('not a valid URL');
    }
    // Fetch 4.4 step 5: only HTTP(S) URLs are fetched.
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw failed('only http: and https: redirects are followed');
    if (redirects === settings.maxRedirects) {
      const loop = visited.has(next.href) ? ', a URL the chain had already visited (a redirect loop)' : '';
      throw failed(`more than ${settings.maxRedirects} redirects${loop}`);
    }
    // Fetch 4.4 step 11: a body that was a stream cannot be sent again.
    if (status !== 303 && body != null && isStream(body)) throw failed('the request body was a stream, which cannot be sent again');
    // Fetch 4.4 step 12: 303 (but for HEAD), and 301 or 302 after a POST, become a GET without a body.
    if ((status === 303 && method !== 'GET' && method !== 'HEAD') || (status <= 302 && method === 'POST')) {
      method = 'GET';
      body = undefined;
      for (const name of BODY_HEADERS) headers.delete(name);
    }
    // Fetch 4.4 step 13: credentials do not follow a redirect to another origin.
    if (next.origin !== new URL(url).origin) {
      headers.delete('authorization');
      callerCookie = null;
    }
    url = next.href;
  }
}

/**
 * A fetch that sends the jar's cookies and stores every response's, following redirects hop by
 * hop. `options`: `{ maxRedirects = 20, context }`; a call's `init.cookieContext` overrides
 * `context` for that call.
 */
export function withCookies(fetch, jar, options) {
  if (typeof fetch !== 'function') throw new TypeError(`withCookies expects a fetch function as its first argument, got ${describe(fetch)}`);
  checkJar(jar, 'withCookies');
  const { maxRedirects = 20, context } = checkOptions(options, ['maxRedirects', 'context'], 'withCookies');
  const settings = { maxRedirects: checkMaxRedirects(maxRedirects, 'withCookies'), context: checkContext(context, 'withCookies'), headers: REAL_HEADERS };
  return (input, init) => fetchWithCookies(fetch, jar, input, init, settings, 'withCookies');
}
