
// ---- Node only: jars in files (js/files.js) ----

/** The formats a cookie file holds. */
export type FileFormat = 'json' | 'netscape' | 'lwp';

/** Options of `CookieJar.open`: where and how the file is read and saved, and the jar's options. */
export interface OpenOptions extends CookieJarOptions {
  /** The file's format; found from its text (or, for a new file, its extension) unless given. */
  format?: FileFormat;
  /** Save the jar to the file after changes, debounced: true (100 ms) or a delay in ms. Default false. */
  autosave?: boolean | number;
  /** What an autosave that fails does; by default its error is reported like an uncaught one. */
  onAutosaveError?: (error: Error) => void;
  /** A file that cannot be read as its format: 'error' (default) rejects; 'empty' opens an empty jar. */
  onCorrupt?: 'error' | 'empty';
  /** Whether saves include session cookies (default false, as Python's cookielib). */
  includeSession?: boolean;
  /** Whether saves include expired cookies not yet evicted (default false). */
  includeExpired?: boolean;
}

/** Options of `jar.save`. */
export interface SaveOptions extends ExportOptions {
  /** The file's format; by default the opened file's, else by the path's extension ('.txt' Netscape, '.lwp' LWP, else JSON). */
  format?: FileFormat;
}

/** Node only: a jar's file. */
export interface CookieJar {
  /** Saves the jar to `path` (default: the file it was opened from), atomically (a temporary file, fsync, rename), mode 0600. A failed save rejects and leaves the previous file intact. */
  save(path?: string, options?: SaveOptions): Promise<void>;
  /** Waits until the changes autosave has not yet written are written. */
  flush(): Promise<void>;
}

/** Node only: opening a jar's file. */
export declare namespace CookieJar {
  /** A jar with the cookies of the file at `path`; an empty jar if there is none. */
  function open(path: string, options?: OpenOptions): Promise<CookieJar>;
}

// ---- Node only: HTTP clients (js/tough_compatible.js, js/undici.js) ----

/** tough-cookie's options of setCookie that apply here. */
export interface ToughSetCookieOptions {
  /** false: the script API (document.cookie's rules: no HttpOnly cookie may be set). Default true. */
  http?: boolean;
  /** 'strict': a same-site request; 'lax': a cross-site top-level navigation; 'none': a cross-site request. Omitted: same-site. */
  sameSiteContext?: 'strict' | 'lax' | 'none';
  /** true: a rejected cookie is no error (the decision says why). Default false: an Error with the rejection's `code`. */
  ignoreError?: boolean;
  /** Accepted and ignored: the jar parses as 6265bis does. */
  loose?: boolean;
  /** Accepted and ignored: the jar's clock decides. */
  now?: Date;
}

/** tough-cookie's options of getCookies and getCookieString that apply here. */
export interface ToughGetCookiesOptions {
  /** false: the script API (document.cookie's rules: no HttpOnly cookies). Default true. */
  http?: boolean;
  /** 'strict': a same-site request; 'lax': a cross-site top-level navigation; 'none': a cross-site request. Omitted: same-site. */
  sameSiteContext?: 'strict' | 'lax' | 'none';
  /** Accepted and ignored: expired cookies are never sent. */
  expire?: boolean;
  /** Accepted and ignored: paths always apply. */
  allPaths?: boolean;
  /** Accepted and ignored: cookies come in the Cookie header's order. */
  sort?: boolean;
}

/** A stored cookie as tough-cookie's Cookie shows it. */
export interface ToughCookie {
  /** The cookie's name ('' for a nameless cookie). */
  key: string;
  /** The cookie's value. */
  value: string;
  /** The host (host-only cookies) or the Domain attribute. */
  domain: string;
  /** The cookie's path. */
  path: string;
  /** When it expires; 'Infinity' for a session cookie. */
  expires: Date | 'Infinity';
  /** Whether it is sent over secure connections only. */
  secure: boolean;
  /** Whether it is hidden from scripts. */
  httpOnly: boolean;
  /** Whether it is sent to its host only. */
  hostOnly: boolean;
  /** Its SameSite attribute; undefined when it had none. */
  sameSite: 'strict' | 'lax' | 'none' | undefined;
  /** When it was first stored. */
  creation: Date;
  /** When a request last sent it. */
  lastAccessed: Date;
  /** The top-level site of a partitioned cookie (CHIPS); null otherwise (not in tough-cookie). */
  partitionKey: string | null;
  /** `key=value`, as a Cookie header carries it (the value alone for a nameless cookie). */
  cookieString(): string;
  /** The cookie as a Set-Cookie line, which `setCookie` takes back. */
  toString(): string;
}

/** A node-style callback, as tough-cookie's methods take it. */
export type ToughCallback<T> = (error: Error | null, value?: T) => void;

/**
 * A jar behind the methods of tough-cookie's CookieJar that HTTP clients call: got's
 * `cookieJar`, fetch-cookie, axios-cookiejar-support, http-cookie-agent. Each method returns a
 * Promise without a callback; the *Sync twins return at once.
 */
export interface ToughCompatibleJar {
  /** What http-cookie-agent checks: the *Sync methods work. */
  readonly store: { readonly synchronous: true };
  /** Stores a Set-Cookie line (or a cookie whose toString() is one) received from `url`; resolves with the jar's decision. A rejected cookie rejects with an Error with its `code`, unless `ignoreError`. */
  setCookie(cookie: string | ToughCookie | { key: string }, url: string | URL, options?: ToughSetCookieOptions): Promise<SetDecision>;
  /** `setCookie` with a node-style callback, in the options' place. */
  setCookie(cookie: string | ToughCookie | { key: string }, url: string | URL, callback: ToughCallback<SetDecision>): void;
  /** `setCookie` with a node-style callback. */
  setCookie(cookie: string | ToughCookie | { key: string }, url: string | URL, options: ToughSetCookieOptions | undefined, callback: ToughCallback<SetDecision>): void;
  /** `setCookie`, synchronously: returns the decision, or throws. */
  setCookieSync(cookie: string | ToughCookie | { key: string }, url: string | URL, options?: ToughSetCookieOptions): SetDecision;
  /** The cookies a request to `url` sends, in the Cookie header's order (the request counts as their access). */
  getCookies(url: string | URL, options?: ToughGetCookiesOptions): Promise<ToughCookie[]>;
  /** `getCookies` with a node-style callback, in the options' place. */
  getCookies(url: string | URL, callback: ToughCallback<ToughCookie[]>): void;
  /** `getCookies` with a node-style callback. */
  getCookies(url: string | URL, options: ToughGetCookiesOptions | undefined, callback: ToughCallback<ToughCookie[]>): void;
  /** `getCookies`, synchronously. */
  getCookiesSync(url: string | URL, options?: ToughGetCookiesOptions): ToughCookie[];
  /** The Cookie header for a request to `url` ('' when none). */
  getCookieString(url: string | URL, options?: ToughGetCookiesOptions): Promise<string>;
  /** `getCookieString` with a node-style callback, in the options' place. */
  getCookieString(url: string | URL, callback: ToughCallback<string>): void;
  /** `getCookieString` with a node-style callback. */
  getCookieString(url: string | URL, options: ToughGetCookiesOptions | undefined, callback: ToughCallback<string>): void;
  /** `getCookieString`, synchronously. */
  getCookieStringSync(url: string | URL, options?: ToughGetCookiesOptions): string;
}

/** `jar` behind tough-cookie's CookieJar methods, for the HTTP clients that take a tough-cookie jar. Throws a TypeError for anything but a CookieJar. */
export function toughCompatible(jar: CookieJar): ToughCompatibleJar;

/** Options of `cookieInterceptor`. */
export interface CookieInterceptorOptions {
  /** The request context of every request (for SameSite), each with its own method. Omitted: first-party requests. */
  context?: RequestContext;
}

/** An undici dispatch function, as interceptors take and return it. */
export type UndiciDispatch = (options: any, handler: any) => boolean;

/** An undici interceptor, for `Agent.compose` and `Dispatcher.compose`. */
export type UndiciInterceptor = (dispatch: UndiciDispatch) => UndiciDispatch;

/**
 * An undici interceptor (undici 7 and 8) that sends `jar`'s cookies with each request (after a
 * Cookie header the caller set) and stores each response's. undici's fetch dispatches each
 * redirect hop through it; with undici's redirect interceptor, compose this one first
 * (`agent.compose(cookieInterceptor(jar), interceptors.redirect())`), so that each hop passes
 * through it: composed the other way round, a request fails with a TypeError saying so.
 */
export function cookieInterceptor(jar: CookieJar, options?: CookieInterceptorOptions): UndiciInterceptor;
