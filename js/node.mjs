// The ES module entry for Node: the CommonJS build loads its wasm synchronously, so importing
// needs no init call.
import binding from './cookie_engine.js';

export const { CookieJar } = binding;
