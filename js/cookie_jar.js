// The package's `CookieJar`: a class of its own around the generated wasm-bindgen object, which
// it keeps in a private field, so no generated or internal member is reachable from a user's jar.
// It adapts JavaScript conventions (the clock option, response headers, a freed jar) and
// delegates every decision to the Rust core; argument types are checked on the Rust side.
import { WasmCookieJar } from './binding.js';
import { formatsModuleOrThrow } from './formats.js';
import { Transfer, isReady } from './transfer.js';

/**
 * The WebAssembly.RuntimeError of the first trap (an `unreachable`, an access out of bounds, an
 * allocation that failed): once an instance has trapped, its memory is not to be trusted, so
 * every later call of every jar throws instead of answering from it. Null while none has.
 */
let trap = null;

/** The Error every call throws once an instance has trapped. */
const brokenError = () =>
  new Error(`cookie-engine cannot be used any more: its WebAssembly instance trapped (${trap.message}) and its memory is not to be trusted; every jar of this module refuses calls. Restart the process or reload the page.`, { cause: trap });

/** What a call that failed with `error` throws: a trap marks the package broken. */
function failed(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return error;
  trap ??= error;
  return brokenError();
}

/** What a thrown value says, for a message: its message, or what it is. */
const messageOf = (thrown) => {
  try {
    return thrown instanceof Error ? String(thrown.message) : typeof thrown === 'string' ? thrown : `a ${typeof thrown}`;
  } catch {
    return 'an unreadable value';
  }
};

/** `read()`, the reading of an argument; a getter, Proxy trap or method of the caller's that throws becomes a TypeError naming `what`, with the thrown value as its cause. */
export function readArgument(what, read) {
  try {
    return read();
  } catch (thrown) {
    if (thrown instanceof WebAssembly.RuntimeError) throw thrown;
    throw new TypeError(`${what} could not be read: ${messageOf(thrown)}`, { cause: thrown });
  }
}

/** A value as an error message shows it, without calling any code of the caller's (a string cut to 40 characters). */
export const describe = (value) => (typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value) : value === null ? 'null' : `a ${typeof value}`);

/**
 * The lines of a `setFromHeader` argument: a string or an array as given; the `Set-Cookie`
 * fields of a fetch `Headers` (`getSetCookie()`), or of a header map such as Node's
 * `IncomingMessage.headers` (its `set-cookie` array, absent when the response set none).
 * Anything else is returned as is, for the Rust side to reject with a TypeError.
 */
function setCookieLines(setCookie) {
  if (typeof setCookie === 'string' || setCookie === null || typeof setCookie !== 'object') return setCookie;
  return readArgument('setFromHeader: the response headers', () => {
    if (Array.isArray(setCookie)) return setCookie;
    if (typeof setCookie.getSetCookie === 'function') return setCookie.getSetCookie();
    if (typeof setCookie.get === 'function') {
      // A Headers object without getSetCookie() can only give the fields comma-joined, which
      // cannot be split safely (Expires dates contain commas).
      throw new TypeError('setFromHeader: these Headers have no getSetCookie() (Node >= 19.7, current browsers and workers have it); pass response.headers.getSetCookie() lines');
    }
    // A header map such as Node's `response.headers`: no Set-Cookie field means no lines.
    const key = Object.keys(setCookie).find((name) => name.toLowerCase() === 'set-cookie');
    return key === undefined ? [] : setCookie[key] ?? [];
  });
}

/** The formats `import` and `export` take, and whether their data is JSON (else text). */
const FORMATS = new Map([
  ['json', true],
  ['netscape', false],
  ['lwp', false],
  ['tough-cookie', true],
  ['playwright', true],
  ['cdp', true],
]);

/** Whether `format`'s data is JSON; a TypeError for a format that does not exist. */
function isJsonFormat(format) {
  const json = FORMATS.get(format);
  if (json === undefined) throw new TypeError(`unknown format ${describe(format)} (known: ${[...FORMATS.keys()].join(', ')})`);
  return json;
}

/** The text the core parses: a text format's string; a JSON format's string, or its object serialized. */
function importText(format, data) {
  const json = isJsonFormat(format);
  if (typeof data === 'string') return data;
  if (json && data !== null && typeof data === 'object') return readArgument(`import of ${format}: the data`, () => JSON.stringify(data));
  throw new TypeError(`import of ${format} expects ${json ? 'a JSON string or its object' : 'a string'}`);
}

/** JSON text as a value; a SyntaxError that says it was our snapshot's. */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`json: ${error.message}`);
  }
}

/** `{ jar, skipped }`: a new jar of class `Jar` (options as `new Jar(options)`) holding the import. */
function importedJar(Jar, format, data, options) {
  const jar = new Jar(options);
  try {
    return { jar, skipped: jar.import(format, data).skipped };
  } catch (error) {
    jar.free();
    throw error;
  }
}

/**
 * Reports an error thrown by a change listener the way an EventTarget reports one thrown by an
 * event listener: asynchronously (a browser's `error` event, Node's `uncaughtException`), after
 * the jar's call has finished and the other listeners have run.
 */
function reportListenerError(error) {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else queueMicrotask(() => {
    throw error;
  });
}

export class CookieJar {
  /** The generated object; null once freed. */
  #inner;
  /** The user's clock, or null for Date.now. */
  #clock;
  #transfer;
  /** The change listeners; null while there are none (then the jar records no changes). */
  #listeners = null;
  /** Whether the policy has callbacks, and whether one of its calls is running. */
  #callbacks = false;
  #busy = false;

  // Every method catches what its calls into wasm throw: a trap (`failed`) marks the package
  // broken, and from then on `#jar()` refuses every call of every jar.

  constructor(options) {
    if (!isReady()) throw new Error('cookie-engine is not initialized: call `await init()` (the default export) before `new CookieJar()`');
    if (trap !== null) throw brokenError();
    const clock = options === null || typeof options !== 'object' ? undefined : readArgument('options.now', () => options.now);
    if (clock !== undefined && typeof clock !== 'function') throw new TypeError('options.now must be a function returning milliseconds since the epoch');
    try {
      this.#inner = new WasmCookieJar(options);
      this.#callbacks = this.#inner.hasCallbacks();
    } catch (error) {
      throw failed(error);
    }
    this.#clock = clock ?? null;
    this.#transfer = new Transfer(this.#inner);
  }

  /** The generated object, or an Error if the package is broken, the jar was freed or a policy callback is using it. */
  #jar() {
    if (trap !== null) throw brokenError();
    if (this.#inner === null) throw new Error('this CookieJar was freed (jar.free() was called); create a new CookieJar');
    if (this.#busy) throw new Error("a policy callback cannot use the jar it decides for (this jar's call is still running)");
    return this.#inner;
  }

  /** `call()`; while it runs, a policy callback that calls back into the jar gets an Error. */
  #guarded(call) {
    if (!this.#callbacks) return call();
    this.#busy = true;
    try {
      return call();
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Replaces the whole policy (lists, third-party mode, SameSite enforcement, callbacks);
   * `undefined` restores the default. Checked like `options.policy`.
   */
  setPolicy(policy) {
    const jar = this.#jar();
    try {
      jar.setPolicy(policy);
      this.#callbacks = jar.hasCallbacks();
    } catch (error) {
      throw failed(error);
    }
  }

  /** The time of this call, read before the call crosses into wasm. */
  #now() {
    if (this.#clock === null) return Date.now();
    // An exception thrown by the user's clock reaches the caller unchanged.
    const now = this.#clock();
    if (typeof now !== 'number' || !Number.isFinite(now)) throw new TypeError('options.now() must return a finite number of milliseconds');
    return now;
  }

  setFromHeader(setCookie, url, context) {
    const jar = this.#jar();
    const lines = setCookieLines(setCookie);
    const now = this.#now();
    try {
      let stored;
      if (!this.#callbacks && typeof url === 'string' && context === undefined && (typeof lines === 'string' || Array.isArray(lines))) {
        // The transfer reads the array's elements (a Proxy's traps may throw): what is not a
        // trap is an element that could not be read.
        stored = readArgument('setFromHeader: the lines', () => this.#transfer.setFromHeader(lines, url, now));
      }
      stored ??= this.#guarded(() => jar.setFromHeader(now, lines, url, context));
      if (this.#listeners !== null) this.#notify();
      return stored;
    } catch (error) {
      throw failed(error);
    }
  }

  setCookie(setCookie, url, context) {
    const jar = this.#jar();
    const now = this.#now();
    try {
      const decision = this.#guarded(() => jar.setCookie(now, setCookie, url, context));
      if (this.#listeners !== null) this.#notify();
      return decision;
    } catch (error) {
      throw failed(error);
    }
  }

  headerFor(url, context) {
    const jar = this.#jar();
    const now = this.#now();
    try {
      let header;
      if (!this.#callbacks && typeof url === 'string' && context === undefined) header = this.#transfer.headerFor(url, now);
      header ??= this.#guarded(() => jar.headerFor(now, url, context));
      // A retrieval evicts the expired cookies it meets.
      if (this.#listeners !== null) this.#notify();
      return header;
    } catch (error) {
      throw failed(error);
    }
  }

  explainRequest(url, context) {
    const jar = this.#jar();
    const now = this.#now();
    try {
      return JSON.parse(this.#guarded(() => jar.explainRequest(now, url, context)));
    } catch (error) {
      throw failed(error);
    }
  }

  cookies(url, context) {
    const jar = this.#jar();
    const now = this.#now();
    try {
      return JSON.parse(this.#guarded(() => jar.cookies(now, url, context)));
    } catch (error) {
      throw failed(error);
    }
  }

  delete(name, options) {
    const jar = this.#jar();
    try {
      return this.#changed(jar.delete(name, options));
    } catch (error) {
      throw failed(error);
    }
  }

  clear() {
    const jar = this.#jar();
    try {
      this.#changed(jar.clear());
    } catch (error) {
      throw failed(error);
    }
  }

  removeExpired() {
    const jar = this.#jar();
    const now = this.#now();
    try {
      return this.#changed(jar.removeExpired(now));
    } catch (error) {
      throw failed(error);
    }
  }

  endSession() {
    const jar = this.#jar();
    try {
      return this.#changed(jar.endSession());
    } catch (error) {
      throw failed(error);
    }
  }

  /**
   * Restores the cookies of `data`, saved in `format`, into this jar. Every record goes through
   * the same checks as a received cookie: one that fails is skipped, with its position and
   * reason. Input that is not the format at all throws (SyntaxError, or TypeError for a wrong
   * shape) and leaves the jar unchanged. Returns `{ imported, skipped }`.
   */
  import(format, data) {
    const jar = this.#jar();
    const now = this.#now();
    try {
      // Our snapshot, as an object; its text is parsed here (the jar's module has no JSON reader).
      if (format === 'json') return this.#changed(jar.importSnapshot(now, typeof data === 'string' ? parseJson(data) : data));
      // Another tool's format: the formats module reads it into our snapshot (or throws), and the
      // jar imports that; a skipped cookie's position is mapped back to the text's line or index.
      const text = importText(format, data);
      const [snapshot, positions] = formatsModuleOrThrow().toSnapshot(format, text, now);
      const result = jar.importSnapshot(now, JSON.parse(snapshot));
      const key = FORMATS.get(format) ? 'index' : 'line';
      result.skipped = result.skipped.map(({ index, code, message }) => ({ [key]: positions[index], code, message }));
      return this.#changed(result);
    } catch (error) {
      throw failed(error);
    }
  }

  /** The cookies in `format`: text for 'netscape' and 'lwp', an object (or array) for the JSON formats. */
  export(format, options) {
    const json = isJsonFormat(format);
    const { includeSession = false, includeExpired = false } = readArgument('export options', () =>
      options !== null && typeof options === 'object' ? { includeSession: options.includeSession, includeExpired: options.includeExpired } : {},
    );
    const jar = this.#jar();
    const now = this.#now();
    try {
      const snapshot = { version: 1, cookies: JSON.parse(jar.exportSnapshot(now, Boolean(includeSession), Boolean(includeExpired))) };
      if (format === 'json') return snapshot;
      const text = formatsModuleOrThrow().fromSnapshot(format, JSON.stringify(snapshot), now);
      return json ? JSON.parse(text) : text;
    } catch (error) {
      throw failed(error);
    }
  }

  /** The jar's snapshot, `{ version: 1, cookies }`: every unexpired cookie, session cookies included. */
  toJSON(options) {
    // JSON.stringify calls toJSON(key): a string, not options.
    return this.export('json', { includeSession: true, ...readArgument('toJSON options', () => ({ ...(typeof options === 'object' ? options : undefined) })) });
  }

  toNetscape(options) {
    return this.export('netscape', options);
  }

  toLWP(options) {
    return this.export('lwp', options);
  }

  toToughCookie(options) {
    return this.export('tough-cookie', options);
  }

  toPlaywright(options) {
    return this.export('playwright', options);
  }

  toCDP(options) {
    return this.export('cdp', options);
  }

  static fromJSON(data, options) {
    return importedJar(this, 'json', data, options);
  }

  static fromNetscape(text, options) {
    return importedJar(this, 'netscape', text, options);
  }

  static fromLWP(text, options) {
    return importedJar(this, 'lwp', text, options);
  }

  static fromToughCookie(data, options) {
    return importedJar(this, 'tough-cookie', data, options);
  }

  static fromPlaywright(data, options) {
    return importedJar(this, 'playwright', data, options);
  }

  static fromCDP(data, options) {
    return importedJar(this, 'cdp', data, options);
  }

  /**
   * Calls `listener({ cause, cookie })` for every cookie the jar inserts or removes from now on,
   * after the call that changed it; returns a function that removes the listener.
   */
  onChange(listener) {
    const jar = this.#jar();
    if (typeof listener !== 'function') throw new TypeError('onChange expects a function');
    if (this.#listeners === null) {
      try {
        jar.recordChanges(true);
      } catch (error) {
        throw failed(error);
      }
      this.#listeners = new Set();
    }
    // A wrapper of its own, so that the same function added twice is called twice.
    const entry = (change) => listener(change);
    this.#listeners.add(entry);
    return () => {
      if (this.#listeners?.delete(entry) && this.#listeners.size === 0) {
        this.#listeners = null;
        if (trap === null) this.#inner?.recordChanges(false);
      }
    };
  }

  /** Notifies the listeners, if any, of the changes of a call; returns the call's result. */
  #changed(result) {
    if (this.#listeners !== null) this.#notify();
    return result;
  }

  #notify() {
    const changes = JSON.parse(this.#inner.takeChanges());
    for (const change of changes) {
      for (const listener of [...this.#listeners ?? []]) {
        try {
          listener(change);
        } catch (error) {
          reportListenerError(error);
        }
      }
    }
  }

  get size() {
    const jar = this.#jar();
    const now = this.#now();
    try {
      return jar.size(now);
    } catch (error) {
      throw failed(error);
    }
  }

  /** Releases the jar's wasm memory (after a trap there is nothing to release: the instance is done). */
  free() {
    if (this.#busy) throw new Error("a policy callback cannot free the jar it decides for (this jar's call is still running)");
    if (trap === null) this.#inner?.free();
    this.#inner = null;
    this.#transfer = null;
    this.#listeners = null;
  }
}

// `using jar = new CookieJar()` frees the jar at the end of its scope, where the runtime has
// explicit resource management: the jar's own free(), so a subclass's (a file's autosave, a
// shared jar's connection) runs too.
if (typeof Symbol.dispose === 'symbol') {
  Object.defineProperty(CookieJar.prototype, Symbol.dispose, {
    value() {
      this.free();
    },
    writable: true,
    configurable: true,
  });
}
