// The ES module entry for Node: the CommonJS build instantiates its wasm synchronously, so
// importing needs no init call; both module systems share one instance.
import binding from './cookie_engine.js';

export const { CookieJar, initSync, initFormats } = binding;
export default binding.default;
