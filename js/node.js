// The package's entry for Node. scripts/build.mjs bundles it with the generated binding into
// node/cookie_engine.js, a CommonJS module (so `require` works too; node/index.mjs re-exports it
// for `import`). The WebAssembly module is instantiated synchronously at load, from the one
// .wasm file the package ships (in web/), so nothing needs an init call.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync as bindingInitSync } from './binding.js';
import { CookieJar as PackageCookieJar } from './cookie_jar.js';
import { withFiles } from './files.js';
import { loadFormatsOnFirstUse } from './formats.js';
import { loadSync as loadFormats } from './formats_module.js';
import { bindMemory } from './transfer.js';

export { withCookies } from './fetch.js';
export { handleFetch } from './fetch_event.js';
export { toughCompatible } from './tough_compatible.js';
export { cookieInterceptor } from './undici.js';

/** The package's CookieJar, with files (`CookieJar.open`, `jar.save`). */
export const CookieJar = withFiles(PackageCookieJar);

// `__dirname` is the bundle's folder, node/ (this file becomes CommonJS).
const wasm = readFileSync(join(__dirname, '..', 'web', 'cookie_engine_bg.wasm'));
bindMemory(bindingInitSync({ module: wasm }).memory);
// The formats of other tools are a module of their own, loaded when one is first used.
loadFormatsOnFirstUse(() => loadFormats({ module: readFileSync(join(__dirname, '..', 'web', 'cookie_engine_formats_bg.wasm')) }));

/**
 * Resolves at once: in Node the module is ready when imported. It exists so that code shared
 * with browsers (`import init, { CookieJar } from 'cookie-engine'; await init();`) runs unchanged.
 */
export default function init() {
  return Promise.resolve();
}

/** Does nothing in Node (see `init`). */
export function initSync() {}

/** Resolves at once: in Node the formats module loads when a format first needs it. */
export function initFormats() {
  return Promise.resolve();
}
