// The package's entry for browsers, service workers and edge runtimes (an ES module): call
// `await init()` once, then use `CookieJar`. scripts/build.mjs bundles it with the generated
// binding into web/cookie_engine.js.
import bindingInit, { initSync as bindingInitSync } from './binding.js';
import { setFormatsModule } from './formats.js';
import { bindMemory } from './transfer.js';

export { CookieJar } from './cookie_jar.js';
export { withCookies } from './fetch.js';
export { handleFetch } from './fetch_event.js';
export { deleteFromIndexedDB, loadFromIndexedDB, saveToIndexedDB } from './indexeddb.js';

/**
 * Loads the module of the formats of other tools (cookies.txt, LWP, tough-cookie, Playwright,
 * the DevTools protocol): by default `cookie_engine_formats_bg.wasm` next to this file, else what
 * `input` gives (`{ module_or_path }`). Our own snapshot (`toJSON`, `fromJSON`) needs no module.
 */
export async function initFormats(input) {
  const { load } = await import('./cookie_engine_formats.js');
  setFormatsModule(await load(input));
}

/**
 * Loads and instantiates the WebAssembly module: by default the `cookie_engine_bg.wasm` next to
 * this file, else what `input` gives (`{ module_or_path }`: a URL, a Response, bytes or a
 * compiled module). Resolves once the jar can be used; calling it again does nothing more.
 */
export default async function init(input) {
  bindMemory((await bindingInit(input)).memory);
}

/** `init()` from bytes or a compiled module, synchronously: `initSync({ module })`. */
export function initSync(input) {
  bindMemory(bindingInitSync(input).memory);
}
