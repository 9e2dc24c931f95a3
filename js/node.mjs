// The ES module entry for Node: the CommonJS build instantiates its wasm synchronously, so
// importing needs no init call; both module systems share one instance. (Speed: loaded with
// `require` rather than `import`, so that Node does not scan the CommonJS bundle for its export
// names: 5 ms of a cold start.)
import { createRequire } from 'node:module';

const binding = createRequire(import.meta.url)('./cookie_engine.js');

export const { CookieJar, initSync, initFormats, withCookies, handleFetch, toughCompatible, cookieInterceptor } = binding;
export default binding.default;
