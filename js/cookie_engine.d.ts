// Type declarations of cookie-engine, written by hand for the package's JavaScript surface
// (js/cookie_jar.js and the entries). They type-check under TypeScript's defaults (no
// tsconfig, target ES5) as well as under module nodenext and bundler resolution.

/** Where a request comes from. Omitted: a first-party (same-site) request. */
export interface RequestContext {
  /** 'script' is the non-HTTP API (document.cookie semantics): no HttpOnly cookies. Default 'http'. */
  api?: 'http' | 'script';
  /**
   * The URL of the top-level document: the partition key of partitioned cookies (CHIPS), and the
   * site for cookies unless `siteForCookies` is given. For a top-level navigation, the page it
   * starts from: the page it loads becomes the top level, so its partition is the request URL's.
   */
  topLevelUrl?: string | URL;
  /** The site for cookies of the request's client; null for an opaque origin (always cross-site). */
  siteForCookies?: string | URL | null;
  /** The request method, default 'GET' (unsafe methods limit SameSite=Lax cookies cross-site). */
  method?: string;
  /** Whether the request is a top-level navigation (default false). */
  navigation?: boolean;
  /**
   * The SameSite relation, for a caller that knows it rather than the sites (tough-cookie's
   * `sameSiteContext`): 'strict' a same-site request, 'lax' a cross-site top-level navigation
   * with a safe method, 'none' a cross-site request. It decides over `topLevelUrl` and
   * `siteForCookies`, which still give the partition key.
   */
  sameSite?: 'strict' | 'lax' | 'none';
}

/**
 * The user's say over what the jar stores and sends, after the drafts' rules (Python's
 * `DefaultCookiePolicy`, a browser's cookie settings). Every field is optional.
 */
export interface CookiePolicy {
  /** Never store or send cookies for these: 'example.com' is that host only, '.example.com' the domain and every subdomain (Python's convention). */
  blockedDomains?: string[];
  /** If given, only cookies for these (same convention). */
  allowedDomains?: string[];
  /** In a third-party context (a cross-site request that is not a top-level navigation): store and send everything ('allow', the default), nothing ('block'), or only Partitioned cookies ('partitioned-only'). */
  thirdParty?: 'allow' | 'block' | 'partitioned-only';
  /** How a cookie without a valid SameSite is enforced: 'lax' (the default, Chromium) or 'none' (Firefox and Safari). */
  unspecifiedSameSite?: 'lax' | 'none';
  /** How long a cookie without SameSite is still sent on cross-site top-level POSTs (ms); default 120000, 0 turns it off. */
  laxAllowingUnsafeMs?: number;
  /** Runs after every other rule lets a cookie be stored; false refuses it ('rejected-by-policy'). It must not use the jar. */
  accept?: (cookie: StoredCookie, url: string | URL, context: RequestContext | undefined) => boolean;
  /** Runs for each cookie every other rule would send; false withholds it ('withheld-by-policy'). It must not use the jar. */
  send?: (cookie: StoredCookie, url: string | URL, context: RequestContext | undefined) => boolean;
}

/** Options of a new jar. An unknown key throws a TypeError. */
export interface CookieJarOptions {
  /** The clock, in milliseconds since the epoch; default Date.now. */
  now?: () => number;
  /** Limits; cookies over a limit are evicted (expired, then non-secure, then least recently used). */
  limits?: {
    /** Cookies per site (registrable domain); default 180. */
    perSite?: number;
    /** What a site is purged down to; default 150. */
    perSitePurgeTo?: number;
    /** Cookies in the jar; default 3300. */
    total?: number;
    /** What the jar is purged down to; default 3000. */
    totalPurgeTo?: number;
    /** Bytes of names and values per partition and site (CHIPS); default 10240. */
    partitionedBytesPerSite?: number;
  };
  /** The cap on Max-Age and Expires, in seconds; default 400 days. */
  maxAgeSeconds?: number;
  /** An alias of `policy.laxAllowingUnsafeMs` (give one or the other). */
  laxAllowingUnsafeMs?: number;
  /** The policy: lists, third-party mode, SameSite enforcement, callbacks. */
  policy?: CookiePolicy;
}

/** A stored cookie, every field. Times are milliseconds since the epoch. */
export interface StoredCookie {
  /** The cookie's name ('' for a nameless cookie, sent as its value alone). */
  name: string;
  /** The cookie's value. */
  value: string;
  /** The host (host-only cookies) or the Domain attribute, without a leading dot. */
  domain: string;
  /** The cookie's path. */
  path: string;
  /** null for a session cookie. */
  expires: number | null;
  /** When it was first stored (a replacement keeps this). */
  creationTime: number;
  /** When a request last sent it. */
  lastAccessTime: number;
  /** Whether it is sent to its host only (no Domain attribute). */
  hostOnly: boolean;
  /** Whether it is sent over secure connections only. */
  secure: boolean;
  /** Whether it is hidden from scripts (the 'script' API). */
  httpOnly: boolean;
  /** Its SameSite enforcement; 'default' when it had no valid SameSite attribute. */
  sameSite: 'strict' | 'lax' | 'none' | 'default';
  /** The top-level site of a partitioned cookie (CHIPS), e.g. "https://example.com"; null otherwise. */
  partitionKey: string | null;
  /** Chromium's Priority attribute. */
  priority: 'low' | 'medium' | 'high';
}

/** Why a Set-Cookie line was rejected: one code per rule (see the README's table). */
export type RejectionCode =
  | 'control-character'
  | 'name-value-too-long'
  | 'empty-name-and-value'
  | 'non-cookieable-scheme'
  | 'domain-not-ascii'
  | 'domain-is-public-suffix'
  | 'domain-mismatch'
  | 'secure-from-insecure-origin'
  | 'httponly-from-non-http-api'
  | 'overlays-secure-cookie'
  | 'samesite-from-cross-site-script'
  | 'samesite-from-cross-site-request'
  | 'samesite-none-without-secure'
  | 'partitioned-without-secure'
  | 'secure-prefix'
  | 'host-prefix'
  | 'http-prefix'
  | 'host-http-prefix'
  | 'nameless-with-prefix'
  | 'overwrites-httponly-from-non-http-api'
  // Restored records only: what no Set-Cookie line could have given.
  | 'invalid-name'
  | 'invalid-value'
  | 'invalid-domain'
  | 'invalid-path'
  | 'invalid-partition-key'
  | 'domain-too-long'
  | 'path-too-long'
  // Policy refusals.
  | 'blocked-domain'
  | 'not-allowed-domain'
  | 'third-party-blocked'
  | 'rejected-by-policy';

/** Why a stored cookie is not sent with a request. */
export type WithheldCode =
  | 'expired'
  | 'host-only'
  | 'domain-is-public-suffix'
  | 'path-mismatch'
  | 'secure'
  | 'httponly'
  | 'samesite-strict'
  | 'samesite-lax'
  | 'partition'
  // Policy refusals.
  | 'blocked-domain'
  | 'not-allowed-domain'
  | 'third-party-blocked'
  | 'withheld-by-policy';

/** What storing one Set-Cookie line did. */
export interface SetDecision {
  /** Whether the jar now holds the cookie. */
  stored: boolean;
  /** new, replaced, deleted (an expired cookie removed its twin), expired (nothing changed) or rejected. */
  outcome: 'new' | 'replaced' | 'deleted' | 'expired' | 'rejected';
  /** Why it was rejected; null when not rejected. */
  code: RejectionCode | null;
  /** For people: the rule it broke, with its spec step, and what the warning is about; null when neither. */
  message: string | null;
  /** 'comma-joined-lines': the line looks like several Set-Cookie fields joined by commas (`headers.get('set-cookie')`), read as one cookie. */
  warning: 'comma-joined-lines' | null;
}

/** A stored cookie considered for a request, and whether it is sent. */
export interface RequestDecision {
  /** The cookie. */
  cookie: StoredCookie;
  /** Whether the request carries it. */
  sent: boolean;
  /** Why it is withheld; null when sent. */
  code: WithheldCode | null;
  /** The rule, for people; null when sent. */
  message: string | null;
}

/** Why a cookie entered or left the jar ('inserted' adds it; the others remove it). */
export type ChangeCause =
  /** Stored: new, the new value of a replaced cookie, or restored. */
  | 'inserted'
  /** Removed because a cookie with the same identity replaced it. */
  | 'overwritten'
  /** Removed because it expired, or because a server set an expired cookie with its identity. */
  | 'expired'
  /** Removed to bring a site, a partition or the jar under its limits. */
  | 'evicted'
  /** Removed by a call: delete(), clear(), endSession(). */
  | 'explicit';

/** One change of the jar, as `onChange` listeners receive it. */
export interface CookieChange {
  /** Why the cookie entered or left the jar. */
  cause: ChangeCause;
  /** The cookie inserted or removed. */
  cookie: StoredCookie;
}

/** The formats a jar is saved in and restored from. */
export type Format = 'json' | 'netscape' | 'lwp' | 'tough-cookie' | 'playwright' | 'cdp';

/** What an export includes besides unexpired persistent cookies (Python cookielib's ignore_discard and ignore_expires). */
export interface ExportOptions {
  /** Session cookies (no Max-Age or Expires) too; default false, but true for `toJSON`. */
  includeSession?: boolean;
  /** Expired cookies not yet evicted too; default false. */
  includeExpired?: boolean;
}

/** A saved record an import left out, and why. */
export interface SkippedRecord {
  /** The record's index, for the JSON formats. */
  index?: number;
  /** The record's line (from 1), for cookies.txt and LWP. */
  line?: number;
  /** Why: a rejection code (the checks every stored cookie passes), or 'expired'. */
  code: RejectionCode | 'expired';
  /** The rule, for people. */
  message: string;
}

/** What an import into a jar did. */
export interface ImportResult {
  /** How many cookies it stored. */
  imported: number;
  /** The records it left out, with the reason. */
  skipped: SkippedRecord[];
}

/** A new jar made from saved cookies, and the records left out. */
export interface ImportedJar {
  /** The new jar. */
  jar: CookieJar;
  /** The records left out, with the reason. */
  skipped: SkippedRecord[];
}

/** Our own snapshot: every field of every cookie. */
export interface JarSnapshot {
  /** The format's version, 1. */
  version: 1;
  /** The cookies, oldest first. */
  cookies: StoredCookie[];
}

/**
 * The Set-Cookie header fields of one response: a string, an array of strings, a fetch
 * `Headers` (its `getSetCookie()`), or a header map such as Node's `response.headers`.
 */
export type SetCookieInput = string | string[] | { getSetCookie(): string[] } | { 'set-cookie'?: string | string[] };

/** A cookie jar with the storage and retrieval rules of browsers (RFC 6265bis, CHIPS). */
export class CookieJar {
  /** A new, empty jar. Throws a TypeError for an unknown or ill-typed option, a RangeError for invalid limits. */
  constructor(options?: CookieJarOptions);
  /**
   * Stores the cookies of a response's Set-Cookie header fields, received from `url`; returns how
   * many were stored (see `setCookie` for why one was not). Pass the fields one by one
   * (`response.headers.getSetCookie()`, or the headers themselves), never `headers.get('set-cookie')`:
   * that joins them with commas into one line, which is read as one cookie.
   */
  setFromHeader(setCookie: SetCookieInput, url: string | URL, context?: RequestContext): number;
  /** Stores one Set-Cookie line from `url` and says what happened, and why. */
  setCookie(setCookie: string, url: string | URL, context?: RequestContext): SetDecision;
  /** The Cookie header field value for a request to `url`; '' when no cookie applies. With `{ api: 'script' }`, what `document.cookie` would return. */
  headerFor(url: string | URL, context?: RequestContext): string;
  /** Every stored cookie considered for a request to `url`: those sent, in header order, then those withheld, with the reason. Changes nothing. */
  explainRequest(url: string | URL, context?: RequestContext): RequestDecision[];
  /** The stored cookies: all of them, oldest first, or, given a URL, those a request to it would send, in header order (without counting as an access). */
  cookies(url?: string | URL, context?: RequestContext): StoredCookie[];
  /** Removes the cookies named `name` on `options.domain` (and `options.path`, if given), host-only or not, in every partition. Returns how many. */
  delete(name: string, options: { domain: string; path?: string }): number;
  /** Removes every cookie. */
  clear(): void;
  /** Evicts expired cookies now (they are never sent either way). Returns how many. */
  removeExpired(): number;
  /** Ends the session: removes the session cookies (those without Max-Age or Expires). Returns how many. */
  endSession(): number;
  /**
   * Calls `listener` for every cookie the jar inserts or removes from now on (a replacement is
   * the old cookie 'overwritten', then the new one 'inserted'), after the call that changed it.
   * Returns a function that removes the listener. A listener that throws does not stop the jar or
   * the other listeners: its error is reported as an event listener's would be (asynchronously).
   * A jar without listeners records nothing.
   */
  onChange(listener: (change: CookieChange) => void): () => void;
  /** Replaces the whole policy; `undefined` restores the default. A TypeError names a wrong field. */
  setPolicy(policy?: CookiePolicy): void;
  /**
   * Restores cookies saved in `format` into this jar. Every record goes through the checks of a
   * received cookie; one that fails is skipped with its position and reason. Input that is not
   * the format at all throws a SyntaxError (a TypeError for a wrong shape) and changes nothing.
   */
  import(format: Format, data: string | object): ImportResult;
  /** The cookies in `format`: text for 'netscape' and 'lwp', an object or array for the others. */
  export(format: Format, options?: ExportOptions): any;
  /** The jar's snapshot: every unexpired cookie, session cookies included (`JSON.stringify(jar)` uses it). */
  toJSON(options?: ExportOptions): JarSnapshot;
  /** Netscape cookies.txt, as curl, wget, yt-dlp and Python's MozillaCookieJar read it. */
  toNetscape(options?: ExportOptions): string;
  /** Python's LWPCookieJar format (Set-Cookie3 lines). */
  toLWP(options?: ExportOptions): string;
  /** tough-cookie's serialized jar, which its `CookieJar.deserializeSync` restores. */
  toToughCookie(options?: ExportOptions): object;
  /** Playwright's storage state (`{ cookies, origins: [] }`), for `browser.newContext({ storageState })`. */
  toPlaywright(options?: ExportOptions): { cookies: object[]; origins: object[] };
  /** The Chrome DevTools Protocol's cookies (`Network.setCookies` parameters; Puppeteer's `page.setCookie`). */
  toCDP(options?: ExportOptions): object[];
  /** A jar from its snapshot (`toJSON()`), as an object or JSON text. */
  static fromJSON(data: JarSnapshot | string, options?: CookieJarOptions): ImportedJar;
  /** A jar from a Netscape cookies.txt file's text. */
  static fromNetscape(text: string, options?: CookieJarOptions): ImportedJar;
  /** A jar from a Python LWPCookieJar file's text. */
  static fromLWP(text: string, options?: CookieJarOptions): ImportedJar;
  /** A jar from tough-cookie's `serializeSync()` or `toJSON()` (versions 4 to 6). */
  static fromToughCookie(data: object | string, options?: CookieJarOptions): ImportedJar;
  /** A jar from Playwright's `context.storageState()` (or its cookies array). */
  static fromPlaywright(data: object | string, options?: CookieJarOptions): ImportedJar;
  /** A jar from the Chrome DevTools Protocol's cookies (`Network.getCookies`, Puppeteer's `page.cookies()`). */
  static fromCDP(data: object | string, options?: CookieJarOptions): ImportedJar;
  /** How many unexpired cookies the jar holds. */
  readonly size: number;
  /** Releases the jar's WebAssembly memory now; using the jar afterwards throws an Error (a second free() does nothing). Without it the garbage collector frees it, later. */
  free(): void;
}

/** What `init()` can load the module from: its URL, a Response, its bytes or a compiled module. */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module (in browsers and workers: the `cookie_engine_bg.wasm` next to the
 * module, unless `module_or_path` says otherwise). In Node it resolves at once: the module is
 * ready when imported. Call it once before `new CookieJar()`.
 */
export default function init(input?: { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;

/** `init()` synchronously, from the module's bytes or a compiled module (does nothing in Node). */
export function initSync(input?: { module: BufferSource | WebAssembly.Module }): void;

/**
 * Loads the module of the formats of other tools: cookies.txt, LWP, tough-cookie, Playwright and
 * the DevTools protocol (in browsers and workers: `cookie_engine_formats_bg.wasm` next to the
 * module, unless `module_or_path` says otherwise). Call it once before using those formats; our
 * own snapshot needs none. In Node it resolves at once: the module loads on first use.
 */
export function initFormats(input?: { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;

// ---- Host integrations: fetch and the fetch event (js/fetch.js, js/fetch_event.js) ----

/** Options of `withCookies`. */
export interface WithCookiesOptions {
  /** How many redirects a call follows before it fails with a TypeError; default 20, fetch's limit. */
  maxRedirects?: number;
  /** The request context of every call (for SameSite), each hop with its own method; a call's `init.cookieContext` overrides it. Omitted: first-party requests. */
  context?: RequestContext;
}

/** What a fetch made by `withCookies` takes besides its fetch's own init. */
export interface CookieRequestInit {
  /** The request context of this call, instead of the `context` option. */
  cookieContext?: RequestContext;
}

/**
 * A fetch (the global one, undici's, or one of the same shape) that sends `jar`'s cookies and
 * stores every response's Set-Cookie fields. It follows redirects itself (`redirect: 'manual'`
 * underneath), as fetch does, so that each hop's cookies are stored and the next hop gets the
 * cookies of its URL: 303, and 301 or 302 after a POST, become a GET without a body;
 * Authorization and the caller's Cookie header (sent before the jar's) do not follow a redirect to
 * another origin; more than `maxRedirects` redirects, or one to a URL that is not http(s), reject
 * with a TypeError. A call's `redirect: 'manual'` returns the redirect, `'error'` rejects. It takes
 * a URL or a Request (whose body is read once, to be sent again on a 307 or 308). Throws a
 * TypeError for a `fetch` that is not a function or a `jar` that is not a CookieJar.
 */
export function withCookies<F extends (input: any, init?: any) => Promise<any>>(fetch: F, jar: CookieJar, options?: WithCookiesOptions): (input: Parameters<F>[0], init?: Parameters<F>[1] & CookieRequestInit) => ReturnType<F>;

/** Options of `handleFetch`. */
export interface HandleFetchOptions {
  /** The fetch that sends the request on; default the global fetch. */
  fetch?: (input: any, init?: any) => Promise<Response>;
  /** The request header the jar's cookies go in: 'cookie' where script may set it (edge runtimes, Deno, Node), else 'x-cookie' (a browser's service worker). */
  cookieHeader?: string;
  /** The response header cookies come in: 'set-cookie' where script may read it, else 'x-set-cookie'. Another name than set-cookie carries each Set-Cookie line encoded with encodeURIComponent, commas between them, and is removed from the response returned. */
  setCookieHeader?: string;
  /** The request context (for SameSite), each request with its own method. Omitted: first-party requests. */
  context?: RequestContext;
  /** How many redirects are followed where the handler follows them (not in a browser); default 20. */
  maxRedirects?: number;
}

/**
 * The fetch-event handler of service workers and edge workers: sends the event's request (or a
 * Request) on with `jar`'s cookies and stores the cookies of the response; use it in
 * `event.respondWith(handleFetch(event, jar))`, or return it from an edge worker's
 * `fetch(request)`. `jar` may be a promise of a jar (one being loaded). Where script may set
 * Cookie and read Set-Cookie (edge runtimes, Deno, Node) it uses them and follows redirects hop by
 * hop as the request's `redirect` says; in a browser's service worker, where both are forbidden,
 * it uses header names agreed with the server (X-Cookie and X-Set-Cookie by default) and the
 * browser follows redirects. Rejects with a TypeError for a wrong argument.
 */
export function handleFetch(event: { readonly request: Request } | Request, jar: CookieJar | PromiseLike<CookieJar>, options?: HandleFetchOptions): Promise<Response>;
