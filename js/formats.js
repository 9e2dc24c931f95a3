// The formats of other tools (cookies.txt, LWP, tough-cookie, Playwright, the DevTools protocol)
// are a WebAssembly module of their own (src/wasm/formats.rs), which converts them to and from
// our own snapshot; the jar's module imports and checks the snapshot. The web build loads the
// module on `await initFormats()`; the Node build loads it on first use. No cookie logic here.

let formatsModule = null;
let loadOnFirstUse = null;

/** Called with the loaded module's functions, `{ toSnapshot, fromSnapshot }`. */
export function setFormatsModule(module) {
  formatsModule = module;
}

/** Node: how to load the module synchronously when a format first needs it. */
export function loadFormatsOnFirstUse(load) {
  loadOnFirstUse = load;
}

/** The loaded module, or an Error saying how to load it. */
export function formatsModuleOrThrow() {
  if (formatsModule === null && loadOnFirstUse !== null) formatsModule = loadOnFirstUse();
  if (formatsModule === null) {
    throw new Error('cookies.txt, LWP, tough-cookie, Playwright and CDP are a separate module in the web build: call `await initFormats()` first');
  }
  return formatsModule;
}
