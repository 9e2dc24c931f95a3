// The formats module's entry (web/cookie_engine_formats.js, bundled with its generated binding):
// what `initFormats()` imports. It loads `cookie_engine_formats_bg.wasm` next to it by default.
import bindingInit, { fromSnapshot, initSync as bindingInitSync, toSnapshot } from './formats_binding.js';

/** Loads and instantiates the module; resolves to its functions. */
export async function load(input) {
  await bindingInit(input);
  return { toSnapshot, fromSnapshot };
}

/** `load` from the module's bytes or a compiled module, synchronously. */
export function loadSync(input) {
  bindingInitSync(input);
  return { toSnapshot, fromSnapshot };
}
