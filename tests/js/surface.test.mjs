// The package's JavaScript surface, as a careful library exposes it: nothing internal reachable
// from a jar or the exports, a clear error for a freed jar and for mistyped options, the host's
// response headers accepted as they come, and an init() that Node and browsers share.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { build } from 'esbuild';
import { CookieJar as ToughJar } from 'tough-cookie';
import { importPackage, installedDir, projectDir, requirePackage } from './support.mjs';

const esm = await importPackage();
const cjs = requirePackage();
const { CookieJar } = esm;
const T0 = Date.UTC(2026, 0, 1);

/** Every property name reachable from `object`: own and inherited, enumerable or not, symbols too. */
function reachableNames(object) {
  const names = new Set();
  for (let o = object; o !== null && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Reflect.ownKeys(o)) names.add(String(key));
  }
  return [...names].sort();
}

test('nothing internal is reachable from a jar', () => {
  const jar = new CookieJar({ now: () => T0 });
  jar.setFromHeader(['a=1', 'b=2'], 'https://example.com/');
  assert.deepEqual(reachableNames(jar), [
    String(Symbol.dispose),
    'clear',
    'constructor',
    'cookies',
    'delete',
    'endSession',
    'explainRequest',
    'export',
    'flush',
    'free',
    'headerFor',
    'import',
    'onChange',
    'removeExpired',
    'save',
    'setCookie',
    'setFromHeader',
    'setPolicy',
    'size',
    'toCDP',
    'toJSON',
    'toLWP',
    'toNetscape',
    'toPlaywright',
    'toToughCookie',
  ]);
  assert.deepEqual(Object.keys(jar), []);
  const enumerated = [];
  for (const key in jar) enumerated.push(key);
  assert.deepEqual(enumerated, []);
  assert.deepEqual(JSON.parse(JSON.stringify(jar)), { version: 1, cookies: jar.cookies() }, 'its snapshot, not its insides');
  assert.equal(inspect(jar), 'CookieJar {}', 'what console.log shows');
  assert.equal(String(jar), '[object Object]');
});

test('nothing internal is reachable from the exports, ESM or CommonJS', async () => {
  const exported = ['CookieJar', 'cookieInterceptor', 'default', 'handleFetch', 'initFormats', 'initSync', 'toughCompatible', 'withCookies'];
  assert.deepEqual(Object.keys(esm).sort(), exported);
  assert.deepEqual(Object.keys(cjs).filter((k) => k !== '__esModule').sort(), exported);
  for (const name of exported) assert.equal(cjs[name], esm[name], `${name}: one function, one module instance`);
  assert.equal(cjs.CookieJar, CookieJar, 'one class, one module instance');
  // init resolves to nothing: the wasm instance's raw exports stay inside.
  assert.equal(await esm.default(), undefined);
  assert.equal(esm.initSync(), undefined);
  assert.equal(await esm.initFormats(), undefined);
  assert.deepEqual(reachableNames(CookieJar).filter((name) => name.startsWith('_') || /wbg|wasm|ptr|memory|transfer/i.test(name)), []);
});

test("the web build's exports: the jar, init, IndexedDB, and withCookies and handleFetch (not the Node clients' adapters)", async () => {
  const web = await import(pathToFileURL(join(installedDir, 'web', 'cookie_engine.js')).href);
  assert.deepEqual(Object.keys(web).sort(), ['CookieJar', 'default', 'deleteFromIndexedDB', 'handleFetch', 'initFormats', 'initSync', 'loadFromIndexedDB', 'saveToIndexedDB', 'withCookies']);
});

test('a freed jar throws an Error that says so; a second free() is harmless', () => {
  const jar = new CookieJar();
  jar.setFromHeader('a=1', 'https://example.com/');
  jar.free();
  jar.free();
  const calls = {
    setFromHeader: () => jar.setFromHeader('a=1', 'https://example.com/'),
    setCookie: () => jar.setCookie('a=1', 'https://example.com/'),
    headerFor: () => jar.headerFor('https://example.com/'),
    headerForUrl: () => jar.headerFor(new URL('https://example.com/')),
    explainRequest: () => jar.explainRequest('https://example.com/'),
    cookies: () => jar.cookies(),
    delete: () => jar.delete('a', { domain: 'example.com' }),
    clear: () => jar.clear(),
    removeExpired: () => jar.removeExpired(),
    endSession: () => jar.endSession(),
    size: () => jar.size,
  };
  for (const [name, call] of Object.entries(calls)) {
    assert.throws(call, (e) => e instanceof Error && !(e instanceof TypeError) && /this CookieJar was freed/.test(e.message), name);
  }
  // `using` frees the jar at the end of its scope (Symbol.dispose is free()).
  const scoped = new CookieJar();
  scoped[Symbol.dispose]();
  assert.throws(() => scoped.size, /freed/);
});

test('an unknown option, limit or context key throws a TypeError naming it', () => {
  const cases = [
    [() => new CookieJar({ maxAgeSecs: 10 }), /'maxAgeSecs'/],
    [() => new CookieJar({ limits: { perSites: 10 } }), /'perSites'/],
    [() => new CookieJar({ laxAllowingUnsafe: 0 }), /'laxAllowingUnsafe'/],
    [() => new CookieJar().headerFor('https://example.com/', { topLevelURL: 'https://top.example/' }), /'topLevelURL'/],
    [() => new CookieJar().setFromHeader('a=1', 'https://example.com/', { navigate: true }), /'navigate'/],
    [() => new CookieJar().delete('a', { domain: 'example.com', pth: '/' }), /'pth'/],
  ];
  for (const [call, message] of cases) assert.throws(call, (e) => e instanceof TypeError && message.test(e.message), String(call));
  // Wrong types throw as before.
  assert.throws(() => new CookieJar({ limits: 5 }), TypeError);
  assert.throws(() => new CookieJar({ maxAgeSeconds: '10' }), RangeError);
  assert.throws(() => new CookieJar([]), TypeError);
});

test("another library's serialized jar is not taken for options", () => {
  const tough = new ToughJar();
  tough.setCookieSync('a=1', 'https://example.com/');
  const serialized = tough.serializeSync();
  assert.throws(
    () => new CookieJar(serialized),
    (e) => e instanceof TypeError && /serialized cookie jar \(version tough-cookie@\d/.test(e.message),
  );
  assert.throws(() => new CookieJar(JSON.parse(JSON.stringify({ cookies: [] }))), /serialized cookie jar/);
});

test('setFromHeader takes a fetch Headers, anything with getSetCookie(), and Node header maps', async () => {
  const jar = new CookieJar({ now: () => T0 });
  const headers = new Headers();
  headers.append('Set-Cookie', 'a=1; Expires=Wed, 09 Jun 2100 10:18:14 GMT; Path=/');
  headers.append('Set-Cookie', 'b=2; Path=/');
  headers.append('Content-Type', 'text/plain');
  assert.equal(jar.setFromHeader(headers, 'https://example.com/'), 2);
  assert.equal(jar.setFromHeader(new Response('', { headers: { 'set-cookie': 'c=3' } }).headers, 'https://example.com/'), 1);
  assert.equal(jar.setFromHeader({ getSetCookie: () => ['d=4', 'e=5; Secure'] }, 'https://example.com/', {}), 2);
  assert.equal(jar.headerFor('https://example.com/'), 'a=1; b=2; c=3; d=4; e=5');
  assert.equal(jar.cookies().find((c) => c.name === 'a').expires, Date.UTC(2100, 5, 9, 10, 18, 14) > T0 + 400 * 86_400_000 ? T0 + 400 * 86_400_000 : Date.UTC(2100, 5, 9, 10, 18, 14));
  // A Headers-like object that can only give the fields comma-joined is refused, with the way out.
  assert.throws(() => jar.setFromHeader({ get: () => 'x=1, y=2' }, 'https://example.com/'), (e) => e instanceof TypeError && /getSetCookie\(\)/.test(e.message));

  // Node's http: IncomingMessage.headers, with and without Set-Cookie fields.
  const server = createServer((request, response) => {
    response.writeHead(200, request.url === '/login' ? { 'set-cookie': ['sid=9; HttpOnly', 'theme=dark'] } : { 'content-type': 'text/plain' });
    response.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fetchHeaders = (path) =>
    new Promise((resolve, reject) => get(`http://127.0.0.1:${server.address().port}${path}`, (response) => response.resume().on('end', () => resolve(response.headers))).on('error', reject));
  try {
    const node = new CookieJar({ now: () => T0 });
    assert.equal(node.setFromHeader(await fetchHeaders('/login'), 'http://127.0.0.1/login'), 2);
    assert.equal(node.setFromHeader(await fetchHeaders('/other'), 'http://127.0.0.1/other'), 0);
    assert.equal(node.setFromHeader((await fetchHeaders('/login'))['set-cookie'], 'http://127.0.0.1/'), 2);
    assert.equal(node.headerFor('http://127.0.0.1/'), 'sid=9; theme=dark');
  } finally {
    server.close();
  }
});

test("a comma-joined line (headers.get('set-cookie')) is read as one cookie, and setCookie says to use getSetCookie()", () => {
  const jar = new CookieJar({ now: () => T0 });
  const headers = new Headers([['set-cookie', 'a=1; Path=/'], ['set-cookie', 'b=2; Expires=Wed, 09 Jun 2100 10:18:14 GMT']]);
  const joined = headers.get('set-cookie');
  assert.equal(joined, 'a=1; Path=/, b=2; Expires=Wed, 09 Jun 2100 10:18:14 GMT');
  const decision = jar.setCookie(joined, 'https://example.com/');
  assert.equal(decision.stored, true);
  assert.equal(decision.warning, 'comma-joined-lines');
  assert.match(decision.message, /joined by commas.*getSetCookie\(\)/);
  // One cookie, as 6265bis reads the line: its Path attribute swallowed the second field.
  assert.deepEqual(jar.cookies().map(({ name, value, path }) => ({ name, value, path })), [{ name: 'a', value: '1', path: '/, b=2' }]);
  assert.equal(jar.headerFor('https://example.com/'), '');
  const rejected = jar.setCookie('x=1, y=2; Secure', 'http://example.com/');
  assert.equal(rejected.code, 'secure-from-insecure-origin');
  assert.equal(rejected.warning, 'comma-joined-lines');
  assert.match(rejected.message, /6265bis 5\.7 step 13.*getSetCookie/);
  // The fields one by one: two cookies, no warning.
  assert.equal(jar.setFromHeader(headers, 'https://example.com/'), 2);
  assert.equal(jar.setCookie('c=1; Expires=Wed, 09 Jun 2100 10:18:14 GMT', 'https://example.com/').warning, null);
});

test('init() and initSync() exist in Node and resolve at once, so shared code runs unchanged', () => {
  const esmFile = join(projectDir, 'shared-init.mjs');
  writeFileSync(esmFile, "import init, { CookieJar } from 'cookie-engine';\nawait init();\nconst jar = new CookieJar();\njar.setFromHeader('a=1', 'https://example.com/');\nconsole.log(jar.headerFor('https://example.com/'));\n");
  assert.equal(execFileSync(process.execPath, [esmFile], { cwd: projectDir, encoding: 'utf8' }), 'a=1\n');
  const cjsFile = join(projectDir, 'shared-init.cjs');
  writeFileSync(cjsFile, "const engine = require('cookie-engine');\nengine.initSync();\nengine.default().then((value) => console.log(value, typeof engine.CookieJar));\n");
  assert.equal(execFileSync(process.execPath, [cjsFile], { cwd: projectDir, encoding: 'utf8' }), 'undefined function\n');
});

test("bundlers resolve 'cookie-engine' to the web build for browsers and to the Node build for Node", async () => {
  const bundleInputs = async (platform) => {
    const result = await build({
      stdin: { contents: "import init, { CookieJar } from 'cookie-engine'; await init(); console.log(new CookieJar());", resolveDir: projectDir, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform,
      write: false,
      metafile: true,
      absWorkingDir: projectDir,
      logLevel: 'silent',
    });
    return Object.keys(result.metafile.inputs).filter((input) => input.includes('cookie-engine')).sort();
  };
  // The formats module's JavaScript comes along (initFormats imports it); its .wasm is fetched
  // only when initFormats() runs.
  const web = ['node_modules/cookie-engine/web/cookie_engine.js', 'node_modules/cookie-engine/web/cookie_engine_formats.js'];
  assert.deepEqual(await bundleInputs('browser'), web);
  assert.deepEqual(await bundleInputs('neutral'), web);
  // The Node build loads its .wasm from the package's folder: bundlers for Node leave it external
  // (the README says so), and its ES module entry requires the CommonJS one at run time.
  assert.deepEqual(await bundleInputs('node'), ['node_modules/cookie-engine/node/index.mjs']);
});

test('the web build says to call init() first', async () => {
  const file = join(projectDir, 'web-before-init.mjs');
  writeFileSync(file, "import { CookieJar } from 'cookie-engine/web';\ntry { new CookieJar(); } catch (e) { console.log(e.constructor.name, e.message); }\n");
  assert.match(execFileSync(process.execPath, [file], { cwd: projectDir, encoding: 'utf8' }), /^Error .*call `await init\(\)`/);
});
