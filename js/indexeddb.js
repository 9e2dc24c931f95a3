// Jars in IndexedDB, for browsers and service workers (the web entry): a jar's snapshot
// (`jar.toJSON()`) under a name, in the object store `jars` of the database `cookie-engine`.
// One transaction per save, so a save is whole or not at all. No cookie logic here.
import { CookieJar } from './cookie_jar.js';

const DATABASE = 'cookie-engine';
const STORE = 'jars';

/** The database, created on first use. */
function openDatabase() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs `operation(store)` in a transaction; resolves with its request's result once committed. */
async function inStore(mode, operation) {
  const database = await openDatabase();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = operation(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('the IndexedDB transaction was aborted'));
    });
  } finally {
    database.close();
  }
}

function checkName(name) {
  if (typeof name !== 'string' || name === '') throw new TypeError('a saved jar is named by a non-empty string');
}

/** Saves `jar` (every unexpired cookie, session cookies included) under `name`. */
export async function saveToIndexedDB(jar, name) {
  checkName(name);
  if (!(jar instanceof CookieJar)) throw new TypeError('saveToIndexedDB expects a CookieJar');
  const snapshot = jar.toJSON();
  await inStore('readwrite', (store) => store.put(snapshot, name));
}

/**
 * The jar saved under `name` (an empty jar if there is none), with `new CookieJar` options.
 * Saved cookies that no longer pass the jar's checks (expired ones) are left out. With
 * `autosave: true`, the jar saves itself under `name` after each call that changed it.
 */
export async function loadFromIndexedDB(name, options = {}) {
  checkName(name);
  const { autosave = false, ...jarOptions } = options;
  const snapshot = await inStore('readonly', (store) => store.get(name));
  const jar = snapshot === undefined ? new CookieJar(jarOptions) : CookieJar.fromJSON(snapshot, jarOptions).jar;
  if (autosave) {
    // All the changes of one call are saved once, in the microtask after it.
    let scheduled = false;
    jar.onChange(() => {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        saveToIndexedDB(jar, name).catch((error) => (typeof reportError === 'function' ? reportError(error) : Promise.reject(error)));
      });
    });
  }
  return jar;
}

/** Removes the jar saved under `name`. */
export async function deleteFromIndexedDB(name) {
  checkName(name);
  await inStore('readwrite', (store) => store.delete(name));
}
