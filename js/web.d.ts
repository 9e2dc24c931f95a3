
// ---- Browsers and workers: jars in IndexedDB (js/indexeddb.js) ----

/** Saves `jar`'s snapshot (every unexpired cookie, session cookies included) in IndexedDB under `name`. */
export function saveToIndexedDB(jar: CookieJar, name: string): Promise<void>;

/** The jar saved in IndexedDB under `name` (an empty jar if there is none); with `autosave`, it saves itself after each call that changed it. */
export function loadFromIndexedDB(name: string, options?: CookieJarOptions & { autosave?: boolean }): Promise<CookieJar>;

/** Removes the jar saved in IndexedDB under `name`. */
export function deleteFromIndexedDB(name: string): Promise<void>;
