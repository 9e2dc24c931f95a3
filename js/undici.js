// `cookieInterceptor(jar)`: an undici interceptor (`Agent.compose`, `Dispatcher.compose`) that adds
// the jar's Cookie header to each request it dispatches and stores the Set-Cookie fields of each
// response. undici's fetch dispatches every redirect hop itself, and its redirect interceptor
// dispatches each hop through the interceptors composed before it, so each hop gets the cookies
// of its own URL. It uses undici's handler API of versions 7 and 8 (onRequestStart,
// onResponseStart, ...). No cookie rules here.
import { checkContext, checkJar, checkOptions, hopContext } from './host.js';

/** `headers` of a dispatch (an object, a flat or paired array, an iterable) as a flat [name, value, ...] list. */
function headerList(headers) {
  const list = [];
  if (headers == null) return list;
  if (Array.isArray(headers)) {
    if (Array.isArray(headers[0])) for (const [name, value] of headers) list.push(name, value);
    else list.push(...headers);
  } else if (typeof headers[Symbol.iterator] === 'function') {
    for (const [name, value] of headers) list.push(name, value);
  } else {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) list.push(name, value);
  }
  return list;
}

/**
 * `headers` with one Cookie field: the caller's Cookie values first (servers read the first of
 * two cookies with one name, so the caller's choice wins), then `fromJar`.
 */
function withCookieHeader(headers, fromJar) {
  const list = headerList(headers);
  const others = [];
  const cookies = [];
  for (let i = 0; i < list.length; i += 2) {
    if (String(list[i]).toLowerCase() === 'cookie') cookies.push(...[list[i + 1]].flat().map(String));
    else others.push(list[i], list[i + 1]);
  }
  if (fromJar) cookies.push(fromJar);
  return cookies.length === 0 ? others : [...others, 'cookie', cookies.join('; ')];
}

/** Passes every event on to undici's handler; stores the response's Set-Cookie fields first. */
class CookieHandler {
  #handler;
  #store;

  constructor(handler, store) {
    this.#handler = handler;
    this.#store = store;
  }

  onRequestStart(controller, context) {
    // undici's redirect handler passes its `history` to the handler it wraps: here, that means
    // this interceptor was composed after (outside) the redirect interceptor, where it would see
    // the first request and the last response only, and store that response's cookies for the
    // first URL.
    if (Array.isArray(context?.history)) {
      controller.abort(new TypeError('cookieInterceptor must be composed before interceptors.redirect (`agent.compose(cookieInterceptor(jar), interceptors.redirect())`), so that each redirect hop passes through it'));
    }
    return this.#handler.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(controller, statusCode, headers, socket) {
    return this.#handler.onRequestUpgrade?.(controller, statusCode, headers, socket);
  }

  onRequestSent() {
    return this.#handler.onRequestSent?.();
  }

  onBodySent(chunk) {
    return this.#handler.onBodySent?.(chunk);
  }

  onResponseStart(controller, statusCode, headers, statusMessage) {
    // `headers` is an object of lower-case names (several Set-Cookie fields an array), which
    // setFromHeader reads as a header map.
    this.#store(headers ?? {});
    return this.#handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
  }

  onResponseData(controller, chunk) {
    return this.#handler.onResponseData?.(controller, chunk);
  }

  onResponseEnd(controller, trailers) {
    return this.#handler.onResponseEnd?.(controller, trailers);
  }

  onResponseError(controller, error) {
    return this.#handler.onResponseError?.(controller, error);
  }
}

/**
 * An undici interceptor that sends `jar`'s cookies with each request and stores each response's.
 * Options: `{ context }`, the request context of every request (its method is each request's).
 */
export function cookieInterceptor(jar, options) {
  checkJar(jar, 'cookieInterceptor');
  const context = checkContext(checkOptions(options, ['context'], 'cookieInterceptor').context, 'cookieInterceptor');
  return (dispatch) =>
    function dispatchWithCookies(opts, handler) {
      const url = new URL(opts.path, opts.origin).href;
      const sentContext = hopContext(context, opts.method);
      const headers = withCookieHeader(opts.headers, jar.headerFor(url, sentContext));
      // A new options object: undici's redirect handler keeps its own, to send again to the next hop.
      return dispatch({ ...opts, headers }, new CookieHandler(handler, (received) => jar.setFromHeader(received, url, sentContext)));
    };
}
