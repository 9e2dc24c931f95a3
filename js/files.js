// Jars in files, for Node only (the web build never imports this module): `CookieJar.open` and
// `jar.save`, in the formats a file can hold (our own JSON snapshot, Netscape cookies.txt, LWP).
// Writes are atomic: a temporary file in the same folder, written and fsync'ed, then renamed
// over the old one, so that a crash or a failed write leaves the previous file whole. No cookie
// logic here: the formats and every check are the Rust core's.
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { describe, readArgument } from './cookie_jar.js';

// Speed: node:fs/promises is loaded when a file is first opened or saved, not when the package
// is imported (a cold start that uses no file should not pay for it).
let fsPromises = null;
const promises = async () => (fsPromises ??= await import('node:fs/promises'));

/** The formats a file can hold. */
const FILE_FORMATS = ['json', 'netscape', 'lwp'];
/** How long autosave waits after a change for more changes, by default (ms). */
const AUTOSAVE_DELAY = 100;

/** The format of a file's text: LWP's and Netscape's headers, JSON's brace; else cookies.txt. */
function detectFormat(text) {
  const start = text.trimStart();
  if (start.startsWith('#LWP-Cookies')) return 'lwp';
  if (start.startsWith('{')) return 'json';
  return 'netscape';
}

/** The format to save a file in by default: by its extension, JSON unless it says otherwise. */
const formatOfPath = (path) => ({ '.txt': 'netscape', '.lwp': 'lwp' })[extname(path).toLowerCase()] ?? 'json';

/** The own properties of an options object (a copy: its getters run once); none for anything else. */
const copyOf = (options) => (options !== null && typeof options === 'object' ? { ...options } : {});

function checkFormat(format) {
  if (!FILE_FORMATS.includes(format)) throw new TypeError(`a cookie file's format is one of ${FILE_FORMATS.join(', ')}; got ${describe(format)}`);
  return format;
}

/** Where a save of `path` writes first: a new file in the same folder (so that rename is
 * atomic), named after the process, the time and a counter, which no other save uses. */
let saves = 0;
const temporaryPath = (path) => join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.${++saves}.tmp`);

/** Writes `text` to `path` atomically, readable by its owner only. */
async function writeAtomically(path, text) {
  const { open, rename, unlink } = await promises();
  const temporary = temporaryPath(path);
  let handle;
  try {
    handle = await open(temporary, 'wx', 0o600);
    await handle.writeFile(text);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(temporary).catch(() => {});
    throw error;
  }
  await syncFolder(dirname(path));
}

/** `writeAtomically` for the process's last moments ('exit' handlers cannot wait). */
function writeAtomicallySync(path, text) {
  const temporary = temporaryPath(path);
  let fd;
  try {
    fd = openSync(temporary, 'wx', 0o600);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {}
    throw error;
  }
}

/** Makes the rename durable: fsync the folder (where the file system allows it). */
async function syncFolder(folder) {
  const { open } = await promises();
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is still atomic.
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** The jars whose autosave has changes not yet written, flushed synchronously at process exit. */
const unsavedAtExit = new Set();
let exitHooked = false;

function flushAtExit(flushSync) {
  unsavedAtExit.add(flushSync);
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', () => {
      for (const flush of unsavedAtExit) flush();
    });
  }
}

/**
 * Adds `CookieJar.open(path, options)` and `jar.save(path?, options)` to `CookieJar`: the Node
 * entry's class is the package's class with files.
 */
export function withFiles(PackageCookieJar) {
  return class CookieJar extends PackageCookieJar {
    /** The file this jar was opened from, its format, and what a save includes by default. */
    #path = null;
    #format = null;
    #saveOptions = {};
    #autosave = null;

    /**
     * A jar with the cookies of the file at `path` (an empty jar if there is none). `format`
     * ('json', 'netscape' or 'lwp') is found from the text unless given. A file that cannot be
     * read as its format rejects, unless `onCorrupt: 'empty'` (then the jar starts empty, and the
     * next save replaces the file). `autosave: true` (or a delay in ms) saves the jar to the
     * file after changes, debounced; `includeSession` and `includeExpired` are the defaults of
     * its saves. Other options are `new CookieJar` options.
     */
    static async open(path, options = {}) {
      if (typeof path !== 'string' || path === '') throw new TypeError('CookieJar.open expects a file path');
      const { format, autosave = false, onCorrupt = 'error', onAutosaveError, includeSession, includeExpired, ...jarOptions } = readArgument('CookieJar.open options', () => copyOf(options));
      if (format !== undefined) checkFormat(format);
      if (onCorrupt !== 'error' && onCorrupt !== 'empty') throw new TypeError("options.onCorrupt is 'error' or 'empty'");
      if (autosave !== false && autosave !== true && !(Number.isFinite(autosave) && autosave >= 0)) throw new RangeError('options.autosave is true, false or a delay in ms');
      let text = null;
      try {
        text = await (await promises()).readFile(path, 'utf8');
      } catch (error) {
        if (error.code !== 'ENOENT') throw error;
      }
      const jar = new this(jarOptions);
      jar.#path = path;
      jar.#format = format ?? (text === null ? formatOfPath(path) : detectFormat(text));
      jar.#saveOptions = { includeSession, includeExpired };
      if (text !== null) {
        try {
          jar.import(jar.#format, text);
        } catch (error) {
          if (onCorrupt === 'error') {
            jar.free();
            throw new error.constructor(`${path}: ${error.message}`, { cause: error });
          }
        }
      }
      if (autosave !== false) jar.#startAutosave(autosave === true ? AUTOSAVE_DELAY : autosave, onAutosaveError);
      return jar;
    }

    /**
     * Saves the jar to `path` (by default the file it was opened from), atomically, mode 0600.
     * `format` defaults to the opened file's, else to the path's extension ('.txt' Netscape,
     * '.lwp' LWP, else JSON). Session and expired cookies are saved only with `includeSession`
     * and `includeExpired` (Python cookielib's ignore_discard and ignore_expires; a jar opened
     * with them saves them by default). A failed save rejects with the cause and leaves the
     * previous file intact.
     */
    async save(path, options = {}) {
      const target = path ?? this.#path;
      if (typeof target !== 'string' || target === '') throw new TypeError('save expects a file path (this jar was not opened from a file)');
      const saveOptions = readArgument('save options', () => ({ ...this.#saveOptions, ...copyOf(options) }));
      const format = checkFormat(saveOptions.format ?? (target === this.#path ? this.#format : formatOfPath(target)));
      await writeAtomically(target, this.#text(format, saveOptions));
    }

    /** Waits until the changes autosave has not yet written are written (or have failed). */
    async flush() {
      await this.#autosave?.flush();
    }

    /** Frees the jar, first writing what autosave has not yet written. */
    free() {
      this.#autosave?.stop();
      this.#autosave = null;
      super.free();
    }

    #text(format, options) {
      const exported = this.export(format, options);
      return typeof exported === 'string' ? exported : `${JSON.stringify(exported, null, 2)}\n`;
    }

    #startAutosave(delay, onError) {
      const report = (error) => {
        if (typeof onError === 'function') onError(error);
        else queueMicrotask(() => {
          throw error;
        });
      };
      let timer = null;
      let writing = Promise.resolve();
      const save = () => {
        clearTimeout(timer);
        timer = null;
        unsavedAtExit.delete(flushSync);
        // One save at a time, each of the jar as it is when it starts.
        writing = writing.then(() => this.save().catch(report));
        return writing;
      };
      // The process is leaving, or the jar is freed, with changes not yet saved: write them now.
      const flushSync = () => {
        if (timer === null) return;
        clearTimeout(timer);
        timer = null;
        unsavedAtExit.delete(flushSync);
        try {
          writeAtomicallySync(this.#path, this.#text(this.#format, this.#saveOptions));
        } catch (error) {
          report(error);
        }
      };
      const unsubscribe = this.onChange(() => {
        if (timer !== null) return;
        timer = setTimeout(save, delay);
        flushAtExit(flushSync);
      });
      this.#autosave = {
        flush: () => (timer !== null ? save() : writing),
        stop: () => {
          flushSync();
          unsubscribe();
        },
      };
    }
  };
}
