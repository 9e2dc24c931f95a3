
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
