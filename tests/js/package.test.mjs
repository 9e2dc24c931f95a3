// The packed package works the way users load it: ESM and CommonJS in Node without an init
// call, and its TypeScript declarations type-check user code (tsc --noEmit).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { installedDir, projectDir, root } from './support.mjs';

const node = (file) => execFileSync(process.execPath, [file], { cwd: projectDir, encoding: 'utf8' });

test('ESM: import { CookieJar } from "cookie-engine"', () => {
  const file = join(projectDir, 'esm-example.mjs');
  writeFileSync(
    file,
    `import { CookieJar } from 'cookie-engine';
const jar = new CookieJar();
jar.setFromHeader('a=1; Path=/', 'http://example.com/');
console.log(jar.headerFor(new URL('http://example.com/x')));
`,
  );
  assert.equal(node(file), 'a=1\n');
});

test('CommonJS: require("cookie-engine")', () => {
  const file = join(projectDir, 'cjs-example.cjs');
  writeFileSync(
    file,
    `const { CookieJar } = require('cookie-engine');
const jar = new CookieJar({ now: () => 0 });
console.log(jar.setFromHeader(['a=1', 'b=2; Max-Age=10'], 'https://example.com/'), jar.headerFor('https://example.com/'));
`,
  );
  assert.equal(node(file), '2 a=1; b=2\n');
});

test('the manifest routes each runtime to its build and lists its files', () => {
  const manifest = JSON.parse(readFileSync(join(installedDir, 'package.json'), 'utf8'));
  const cargoVersion = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
  assert.equal(manifest.name, 'cookie-engine');
  assert.equal(manifest.version, cargoVersion);
  assert.deepEqual(manifest.exports['.'].node, {
    import: { types: './node/index.d.mts', default: './node/index.mjs' },
    require: { types: './node/cookie_engine.d.ts', default: './node/cookie_engine.js' },
  });
  const web = { types: './web/cookie_engine.d.ts', default: './web/cookie_engine.js' };
  for (const condition of ['deno', 'workerd', 'worker', 'browser', 'default']) assert.deepEqual(manifest.exports['.'][condition], web, condition);
  // Conditions are tried in order: the web runtimes before "node", "default" last.
  assert.deepEqual(Object.keys(manifest.exports['.']), ['deno', 'workerd', 'worker', 'browser', 'node', 'default']);
  assert.deepEqual(manifest.engines, { node: '>=20' });
  // cookie-engine/redis: Node only (another runtime gets no file, only the types), and the Redis
  // client is the user's: an optional peer.
  assert.deepEqual(manifest.exports['./redis'], {
    node: { import: { types: './node/redis.d.mts', default: './node/redis.mjs' }, require: { types: './node/redis.d.ts', default: './node/redis.js' } },
    types: './node/redis.d.mts',
  });
  assert.deepEqual(manifest.peerDependencies, { ioredis: '^5.0.0 || ^6.0.0' });
  assert.deepEqual(manifest.peerDependenciesMeta, { ioredis: { optional: true } });
  assert.equal(manifest.dependencies, undefined);
  for (const file of ['node/redis.js', 'node/redis.mjs', 'node/redis.d.ts', 'node/redis.d.mts', 'node/cookie_engine.js', 'node/index.mjs', 'node/index.d.mts', 'web/cookie_engine.js', 'web/cookie_engine_bg.wasm', 'web/cookie_engine.d.ts', 'README.md', 'CHANGELOG.md', 'LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.ok(readFileSync(join(installedDir, file)).length > 0, file);
  }
});

test('the tarball holds each .wasm once (the jar\'s and the formats\'), the licences, and no build leftovers', () => {
  const [{ files }] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', join(root, 'pkg')], { cwd: projectDir, encoding: 'utf8' }));
  const paths = files.map((f) => f.path).sort();
  assert.deepEqual(paths.filter((p) => p.endsWith('.wasm')), ['web/cookie_engine_bg.wasm', 'web/cookie_engine_formats_bg.wasm']);
  assert.ok(paths.includes('LICENSE-MIT') && paths.includes('LICENSE-APACHE'));
  assert.deepEqual(
    paths.filter((p) => !/^(node|web)\/|^(README|CHANGELOG)\.md$|^LICENSE-(MIT|APACHE)$|^package\.json$/.test(p)),
    [],
    'nothing outside node/, web/, the docs and the manifest',
  );
  assert.deepEqual(paths.filter((p) => /binding|\.gitignore|_bg\.js|wasm\.d\.ts/.test(p)), []);
});

test('the web build pulls in nothing of Node (files are the Node entry\'s)', () => {
  for (const file of ['web/cookie_engine.js', 'web/cookie_engine_formats.js']) {
    const text = readFileSync(join(installedDir, file), 'utf8');
    assert.doesNotMatch(text, /node:|require\(|readFileSync|__dirname/, file);
  }
  assert.match(readFileSync(join(installedDir, 'node', 'cookie_engine.js'), 'utf8'), /node:fs/);
});

test('cookie-engine/redis is a module of its own: no main entry holds or loads it; it shares their jar class', () => {
  for (const file of ['web/cookie_engine.js', 'node/cookie_engine.js', 'node/index.mjs']) {
    assert.doesNotMatch(readFileSync(join(installedDir, file), 'utf8'), /sharedJar|XREAD|redis/i, file);
  }
  // It requires the Node entry rather than bundling a second copy of it (and of the wasm glue).
  const redis = readFileSync(join(installedDir, 'node', 'redis.js'), 'utf8');
  assert.match(redis, /require\("\.\/cookie_engine\.js"\)/);
  assert.doesNotMatch(redis, /WebAssembly|require\("ioredis"\)/, "neither a second wasm glue nor the client (the caller passes one)");
  const script = `const before = Object.keys(require.cache).length;
const { CookieJar } = require('cookie-engine');
const loaded = Object.keys(require.cache).filter((path) => path.endsWith('redis.js'));
const { SharedCookieJar } = require('cookie-engine/redis');
console.log(JSON.stringify({ loaded, shared: Object.getPrototypeOf(SharedCookieJar) === CookieJar }));
`;
  writeFileSync(join(projectDir, 'redis-separate.cjs'), script);
  assert.equal(node(join(projectDir, 'redis-separate.cjs')), '{"loaded":[],"shared":true}\n');
  writeFileSync(join(projectDir, 'redis-separate.mjs'), `import { CookieJar } from 'cookie-engine';
import { SharedCookieJar, sharedJar } from 'cookie-engine/redis';
console.log(Object.getPrototypeOf(SharedCookieJar) === CookieJar, typeof sharedJar);
`);
  assert.equal(node(join(projectDir, 'redis-separate.mjs')), 'true function\n');
});

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
/** Runs tsc in `dir` with `args`; its output, and whether it passed. */
function typeCheck(dir, args) {
  try {
    return { ok: true, output: execFileSync(process.execPath, [tsc, ...args], { cwd: dir, encoding: 'utf8' }) };
  } catch (error) {
    return { ok: false, output: `${error.stdout}${error.stderr}` };
  }
}
/** A fresh folder of the test project, with `files` written in it. */
function tsProject(name, files) {
  const dir = join(projectDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), typeof text === 'string' ? text : JSON.stringify(text));
  return dir;
}

/** User code that touches every declaration; `header` imports the package, `node` adds the Node build's. */
const userCode = (header, node = '') => `${header}
const jar = new CookieJar({ now: function () { return Date.now(); }, limits: { perSite: 50, perSitePurgeTo: 40 } });
const stored: number = jar.setFromHeader(['a=1', 'b=2'], new URL('https://example.com/'));
const fromHeaders: number = jar.setFromHeader({ getSetCookie: function () { return ['c=3']; } }, 'https://example.com/');
const fromNode: number = jar.setFromHeader({ 'set-cookie': ['d=4'] }, 'https://example.com/');
const context: RequestContext = { api: 'script', topLevelUrl: 'https://top.example/', method: 'POST', navigation: false, siteForCookies: null };
const header: string = jar.headerFor('https://example.com/', context);
const decision: SetDecision = jar.setCookie('x=1; Domain=com', 'https://example.com/');
const code: RejectionCode | null = decision.code;
const outcome: 'new' | 'replaced' | 'deleted' | 'expired' | 'rejected' = decision.outcome;
const cookies: StoredCookie[] = jar.cookies();
const expires: number | null = cookies[0].expires;
const why: RequestDecision[] = jar.explainRequest('https://example.com/');
const withheld: WithheldCode | null = why[0].code;
const removed: number = jar.delete('a', { domain: 'example.com', path: '/' });
jar.clear();
const size: number = jar.size;
const ready: Promise<void> = init();
initSync();
const fetchWithCookies = withCookies(fetch, jar, { maxRedirects: 5, context: { topLevelUrl: 'https://top.example/' } });
const fetched: Promise<Response> = fetchWithCookies('https://example.com/', { method: 'POST', body: 'a=1', cookieContext: { navigation: true } });
const handled: Promise<Response> = handleFetch(new Request('https://example.com/'), jar, { cookieHeader: 'x-cookie', setCookieHeader: 'x-set-cookie', fetch: fetch, maxRedirects: 3 });
${node}
jar.free();
export { stored, fromHeaders, fromNode, header, code, outcome, expires, withheld, removed, size, ready, fetched, handled };
`;
/** The Node build's host integrations: toughCompatible and cookieInterceptor. */
const nodeCode = `const tough: ToughCompatibleJar = toughCompatible(jar);
const toughHeader: Promise<string> = tough.getCookieString('https://example.com/', { sameSiteContext: 'lax', http: false });
const toughDecision: SetDecision = tough.setCookieSync('a=1', new URL('https://example.com/'), { ignoreError: true, sameSiteContext: 'none' });
tough.setCookie('a=1', 'https://example.com/', function (error: Error | null, value?: SetDecision) { return [error, value]; });
const toughCookie: ToughCookie = tough.getCookiesSync('https://example.com/')[0];
const toughLine: string = toughCookie.cookieString() + toughCookie.toString() + toughCookie.key;
const synchronous: true = tough.store.synchronous;
const interceptor: UndiciInterceptor = cookieInterceptor(jar, { context: { navigation: true } });
export { toughHeader, toughDecision, toughLine, synchronous, interceptor };`;
const namedTypes = 'type StoredCookie, type SetDecision, type RequestDecision, type RequestContext, type RejectionCode, type WithheldCode, withCookies, handleFetch';
const nodeNames = 'toughCompatible, cookieInterceptor, type ToughCompatibleJar, type ToughCookie, type UndiciInterceptor';

/** User code of cookie-engine/redis that touches every declaration; `header` imports it. */
const redisCode = (header) => `${header}
async function main(redis: Redis): Promise<string> {
  const jar: SharedCookieJar = await sharedJar(redis, { key: '{fleet}', onError: function (error: Error) { console.error(error.message); }, retentionMs: 60000, streamLength: 1000, timeoutMs: 2000, limits: { perSite: 50 } });
  const base: CookieJar = jar;
  jar.setFromHeader('a=1', 'https://example.com/');
  const flushed: Promise<void> = jar.flush();
  await flushed;
  await jar.sync();
  const connected: boolean = jar.connected;
  const version: number = jar.version;
  const header: string = base.headerFor('https://example.com/') + connected + version;
  await jar.close();
  return header;
}
export { main };
`;

test('TypeScript with no tsconfig at all (target ES5, node10 resolution): tsc --noEmit app.ts', () => {
  const dir = tsProject('ts-defaults', {
    'app.ts': userCode("import init, { CookieJar, initSync, StoredCookie, SetDecision, RequestDecision, RequestContext, RejectionCode, WithheldCode, withCookies, handleFetch, toughCompatible, cookieInterceptor, ToughCompatibleJar, ToughCookie, UndiciInterceptor } from 'cookie-engine';", nodeCode),
  });
  const { ok, output } = typeCheck(dir, ['--noEmit', 'app.ts']);
  assert.ok(ok, output);
});

test('TypeScript, module nodenext: ES module and CommonJS files, and misuse is caught', () => {
  const dir = tsProject('ts-nodenext', {
    'tsconfig.json': { compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, types: [], lib: ['es2022', 'dom'] }, include: ['*.mts', '*.cts'] },
    'good.mts': userCode(`import init, { CookieJar, initSync, ${namedTypes}, ${nodeNames} } from 'cookie-engine';`, nodeCode),
    'good.cts': `import cookieEngine = require('cookie-engine');
const header: string = new cookieEngine.CookieJar().headerFor('https://example.com/');
const ready: Promise<void> = cookieEngine.default();
export { header, ready };
`,
  });
  let { ok, output } = typeCheck(dir, ['-p', '.']);
  assert.ok(ok, output);
  writeFileSync(
    join(dir, 'bad.mts'),
    `import { CookieJar, type SetDecision, withCookies, toughCompatible } from 'cookie-engine';
const jar = new CookieJar();
jar.headerFor(42);
jar.headerFor('https://example.com/', { api: 'javascript' });
const code: 'not-a-code' = jar.setCookie('a=1', 'https://example.com/').code!;
new CookieJar({ maxAgeSecs: 10 });
withCookies(fetch, jar, { maxRedirect: 3 });
toughCompatible(jar).getCookieString('https://example.com/', { sameSiteContext: 'loose' });
export type { SetDecision };
`,
  );
  ({ ok, output } = typeCheck(dir, ['-p', '.']));
  assert.equal(ok, false);
  assert.match(output, /bad\.mts\(3,.*TS2345/, 'a number is not a URL');
  assert.match(output, /bad\.mts\(4,.*'"javascript"' is not assignable/, 'api is checked');
  assert.match(output, /bad\.mts\(5,.*is not assignable to type '"not-a-code"'/, 'codes are a union of literals');
  assert.match(output, /bad\.mts\(6,.*'maxAgeSecs' does not exist/, 'option names are checked');
  assert.match(output, /bad\.mts\(7,.*'maxRedirect' does not exist/, "withCookies's options are checked");
  assert.match(output, /bad\.mts\(8,.*No overload matches this call[\s\S]*'"loose"' is not assignable/, "tough-cookie's sameSiteContext values are checked");
  assert.doesNotMatch(output, /good\.[mc]ts/);
});

test('TypeScript, moduleResolution bundler: the package and its web build', () => {
  const dir = tsProject('ts-bundler', {
    'tsconfig.json': { compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', noEmit: true, types: [], lib: ['es2022', 'dom'] }, include: ['*.ts'] },
    'page.ts': `import init, { CookieJar } from 'cookie-engine/web';
await init();
const header: string = new CookieJar().headerFor('https://example.com/');
export { header };
`,
    'shared.ts': userCode(`import init, { CookieJar, initSync, ${namedTypes} } from 'cookie-engine';`),
  });
  const { ok, output } = typeCheck(dir, ['-p', '.']);
  assert.ok(ok, output);
});

test('TypeScript: cookie-engine/redis with ioredis\'s types (nodenext, ES module and CommonJS); misuse is caught', () => {
  // One tsc run, apart: ioredis's declarations bring in @types/node, which the tests above keep
  // out (it triples their time). skipLibCheck: the package's own declarations are checked above.
  const dir = tsProject('ts-redis', {
    'tsconfig.json': { compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: true, types: [], lib: ['es2022', 'dom'] }, include: ['*.mts', '*.cts'] },
    'good.mts': redisCode(`import { Redis } from 'ioredis';
import { CookieJar } from 'cookie-engine';
import { sharedJar, type SharedCookieJar, type SharedJarOptions } from 'cookie-engine/redis';
const options: SharedJarOptions = { key: 'k' };
export { options };`),
    'good.cts': `import redisModule = require('cookie-engine/redis');
import { Cluster } from 'ioredis';
const shared: Promise<redisModule.SharedCookieJar> = redisModule.sharedJar(new Cluster([{ host: '127.0.0.1', port: 7000 }]), { key: '{fleet}' });
export { shared };
`,
    'bad.mts': `import { Redis } from 'ioredis';
import { sharedJar, SharedCookieJar } from 'cookie-engine/redis';
sharedJar(new Redis(), {});
sharedJar(new Redis(), { key: 'k', retention: 5 });
new SharedCookieJar();
sharedJar({ host: 'localhost' }, { key: 'k' });
export {};
`,
  });
  const { ok, output } = typeCheck(dir, ['-p', '.']);
  assert.equal(ok, false);
  assert.match(output, /bad\.mts\(3,.*\n.*'key' is missing/, 'a shared jar needs its key');
  assert.match(output, /bad\.mts\(4,.*'retention' does not exist/, 'option names are checked');
  assert.match(output, /bad\.mts\(5,.*Constructor of class 'SharedCookieJar' is private/, 'a shared jar is made by sharedJar');
  assert.match(output, /bad\.mts\(6,.*'host' does not exist in type 'Redis/, 'the client is an ioredis client');
  assert.doesNotMatch(output, /good\.[mc]ts/);
});

test('the declared codes are exactly the core\'s (src/decision.rs)', () => {
  const declarations = readFileSync(join(installedDir, 'web', 'cookie_engine.d.ts'), 'utf8');
  const union = (name) => [...new RegExp(`export type ${name} =([^;]*);`).exec(declarations)[1].matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
  const decision = readFileSync(join(root, 'src', 'decision.rs'), 'utf8');
  // The `code()` arms: `Rejection::X => "kebab-case"` (the `message()` arms are sentences).
  const codes = (type) => [...decision.matchAll(new RegExp(`${type}::\\w+(?:\\(_\\))? => "([a-z-]+)"`, 'g'))].map((m) => m[1]).sort();
  assert.deepEqual(union('RejectionCode'), [...new Set(codes('Rejection'))]);
  assert.deepEqual(union('WithheldCode'), [...new Set(codes('Withheld'))]);
  assert.equal(union('RejectionCode').length, 31);
  assert.equal(union('WithheldCode').length, 13);
});

test('every export and every member of the declarations has a doc comment', () => {
  for (const [file, least] of [
    ['node/cookie_engine.d.ts', 50],
    ['node/index.d.mts', 50],
    ['web/cookie_engine.d.ts', 50],
    ['node/redis.d.ts', 12],
    ['node/redis.d.mts', 12],
  ]) {
    const lines = readFileSync(join(installedDir, file), 'utf8').split('\n');
    let members = 0;
    for (const [i, line] of lines.entries()) {
      // Exports, and members of interfaces and classes (two spaces in, not a comment or a union's `|`).
      if (/^export (declare )?(interface|class|type|function|default function)/.test(line) || /^ {2}(readonly |private )?[\w'[]/.test(line) || /^ {4}\w+\??:/.test(line)) {
        assert.ok(lines[i - 1].trim().endsWith('*/'), `${file}: no doc comment above ${line.trim()}`);
        members++;
      }
    }
    assert.ok(members >= least, `${file}: ${members} declarations`);
  }
});


