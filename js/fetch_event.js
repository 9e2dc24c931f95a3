// `handleFetch(event, jar)`: the fetch-event handler of service workers and edge workers. It sends
// the request on with the jar's cookies and stores what comes back. Where script may set a
// request's Cookie and read a response's Set-Cookie (edge runtimes, Deno, Node) it uses those
// headers and follows redirects hop by hop (fetch.js); a browser forbids both names to script, so
// there the cookies travel in header names agreed with the server (X-Cookie, X-Set-Cookie), and
// the browser follows redirects itself. No cookie rules here.
import { checkMaxRedirects, fetchWithCookies, REAL_HEADERS, receivedLines } from './fetch.js';
import { checkContext, checkJar, checkOptions, describe, hopContext } from './host.js';

/** The header names agreed with the server where the real ones are forbidden (browsers). */
const AGREED_HEADERS = { cookie: 'x-cookie', setCookie: 'x-set-cookie' };

let realHeadersAllowed;
/** Whether script may set a request's Cookie header here: not in browsers, where it is a forbidden name. */
const mayUseRealHeaders = () => (realHeadersAllowed ??= new Request('http://localhost/', { headers: { cookie: 'a=1' } }).headers.has('cookie'));

/** A header name option: a non-empty string, in lower case. */
function headerName(name, fallback, caller) {
  if (name === undefined) return fallback;
  if (typeof name !== 'string' || name === '') throw new TypeError(`${caller}: a header name is a non-empty string, got ${describe(name)}`);
  return name.toLowerCase();
}

/** `response` without the header `name`, which carried cookies only the jar should see. */
function withoutHeader(response, name) {
  if (!response.headers.has(name)) return response;
  const headers = new Headers(response.headers);
  headers.delete(name);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Handles a fetch event (or a Request, as edge workers' `fetch(request)` handlers get it): sends
 * the request with `jar`'s cookies and stores the cookies of the response. `jar` is a CookieJar
 * or a promise of one (a jar being loaded). Options: `{ fetch, cookieHeader, setCookieHeader,
 * context, maxRedirects }`.
 */
export async function handleFetch(event, jar, options) {
  const caller = 'handleFetch';
  const request = event?.request ?? event;
  if (request === null || typeof request !== 'object' || typeof request.url !== 'string' || typeof request.headers?.get !== 'function') {
    throw new TypeError(`${caller} expects a fetch event or a Request, got ${describe(event)}`);
  }
  const { fetch = globalThis.fetch, cookieHeader, setCookieHeader, context, maxRedirects = 20 } = checkOptions(options, ['fetch', 'cookieHeader', 'setCookieHeader', 'context', 'maxRedirects'], caller);
  if (typeof fetch !== 'function') throw new TypeError(`${caller}: options.fetch must be a function, got ${describe(fetch)}`);
  const real = mayUseRealHeaders();
  const defaults = real ? REAL_HEADERS : AGREED_HEADERS;
  const headers = { cookie: headerName(cookieHeader, defaults.cookie, caller), setCookie: headerName(setCookieHeader, defaults.setCookie, caller) };
  const settings = { maxRedirects: checkMaxRedirects(maxRedirects, caller), context: checkContext(context, caller), headers };
  const cookieJar = checkJar(await jar, caller);
  let response;
  if (real) {
    response = await fetchWithCookies(fetch, cookieJar, request, undefined, settings, caller);
  } else {
    // A browser's service worker: the request goes on whole (a navigation stays one), and the
    // browser follows its redirects, whose responses script cannot read: the agreed header of the
    // final response is stored.
    const sentContext = hopContext(settings.context, request.method);
    const sent = new Headers(request.headers);
    const cookie = cookieJar.headerFor(request.url, sentContext);
    if (cookie) sent.set(headers.cookie, cookie);
    response = await fetch(new Request(request, { headers: sent }));
    cookieJar.setFromHeader(receivedLines(response, headers.setCookie), response.url || request.url, sentContext);
  }
  // The agreed header carries cookies the page must not read (HttpOnly ones): it stops here.
  return headers.setCookie === 'set-cookie' ? response : withoutHeader(response, headers.setCookie);
}
