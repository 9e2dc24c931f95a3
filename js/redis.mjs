// The ES module entry of `cookie-engine/redis`: the CommonJS build (node/redis.js), which shares
// the package's one WebAssembly instance with `cookie-engine` (both require node/cookie_engine.js).
import { createRequire } from 'node:module';

const redis = createRequire(import.meta.url)('./redis.js');

export const { sharedJar, SharedCookieJar } = redis;
