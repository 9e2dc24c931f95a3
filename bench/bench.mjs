#!/usr/bin/env node
// `npm run bench`: cookie-engine (the release npm build, through its JS API, every JS-to-wasm
// crossing included) against tough-cookie 6 and the native Rust core, side by side in one run on
// the standard workload (bench/make-workload.mjs); then scaling, cold start, memory and size.
// Figures are ops/s; on shared machines absolute numbers are noise, the ratios are the result.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CookieJar as ToughJar } from 'tough-cookie';
import { makeWorkload } from './make-workload.mjs';
import { opsPerSecond } from './ops-per-second.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = pathToFileURL(join(root, 'pkg', 'node', 'index.mjs')).href;
const { CookieJar } = await import(entry);

const clock = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const standard = makeWorkload(100, clock);

// A jar made for one round is freed at its end: wasm memory is not the garbage collector's, and
// leaving thousands of full jars to FinalizationRegistry would measure finalization instead.
const engine = {
  name: 'cookie-engine',
  jar: (options) => new CookieJar(options),
  set: (jar, line, url) => jar.setFromHeader(line, url),
  get: (jar, url) => jar.headerFor(url),
  free: (jar) => jar.free(),
};
const tough = {
  name: 'tough-cookie',
  jar: () => new ToughJar(),
  set: (jar, line, url) => jar.setCookieSync(line, url, { ignoreError: true }),
  get: (jar, url) => jar.getCookieStringSync(url),
  free: () => {},
};

function fill(impl, jar, workload) {
  for (const { line, url } of workload.sets) impl.set(jar, line, url);
  return jar;
}

function measure(impl) {
  const set = opsPerSecond(standard.sets.length, () => impl.free(fill(impl, impl.jar(), standard)));
  const jar = fill(impl, impl.jar(), standard);
  let sent = 0;
  for (const url of standard.requests) sent += impl.get(jar, url).split('; ').length;
  const get = opsPerSecond(standard.requests.length, () => {
    for (const url of standard.requests) impl.get(jar, url);
  });
  return { set, get, sentPerRequest: sent / standard.requests.length };
}

// The same Set-Cookie lines grouped by response (consecutive lines from one URL), as
// `setFromHeader(response.headers.getSetCookie(), url)` receives them.
const responses = [];
for (const { line, url } of standard.sets) {
  const last = responses.at(-1);
  if (last && last.url === url) last.lines.push(line);
  else responses.push({ url, lines: [line] });
}
const setPerResponse = opsPerSecond(standard.sets.length, () => {
  const jar = new CookieJar();
  for (const { lines, url } of responses) jar.setFromHeader(lines, url);
  jar.free();
});

// Change events cost nothing while nobody listens; with a listener, each change is copied out.
const setWithListener = opsPerSecond(standard.sets.length, () => {
  const jar = new CookieJar();
  let heard = 0;
  jar.onChange(() => heard++);
  for (const { line, url } of standard.sets) jar.setFromHeader(line, url);
  jar.free();
});

// Policies: lists and modes are matched inside wasm; callbacks cost a call per cookie decided.
const listPolicy = { blockedDomains: ['.blocked.example', 'ads.example.com'], allowedDomains: ['.com', '.uk', '.org', '.io', '.au', '.net', '.de', '.jp'], thirdParty: 'partitioned-only' };
const callbackPolicy = { accept: () => true, send: () => true };
function withPolicy(policy) {
  const policied = { ...engine, jar: (options) => new CookieJar({ ...options, policy }) };
  return measure(policied);
}

const native = JSON.parse(
  execFileSync('cargo', ['bench', '--quiet', '--bench', 'workload', '--', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop(),
);
const ours = measure(engine);
const theirs = measure(tough);
const withLists = withPolicy(listPolicy);
const withCallbacks = withPolicy(callbackPolicy);

// Scaling: the standard requests on a jar of 10,000 sites (110,000 cookies).
const large = makeWorkload(10_000, clock);
const bigLimits = { limits: { perSite: 1000, perSitePurgeTo: 1000, total: 1_000_000, totalPurgeTo: 1_000_000 } };
const largeJar = fill(engine, engine.jar(bigLimits), large);

// Memory: a fresh instance of the web build, whose linear memory the package keeps to itself;
// the benchmark catches it as the instance is made.
const { Instance } = WebAssembly;
let instanceMemory = null;
WebAssembly.Instance = class extends Instance {
  constructor(module, imports) {
    super(module, imports);
    instanceMemory = this.exports.memory;
  }
};
const web = await import(pathToFileURL(join(root, 'pkg', 'web', 'cookie_engine.js')).href);
web.initSync({ module: readFileSync(join(root, 'pkg', 'web', 'cookie_engine_bg.wasm')) });
WebAssembly.Instance = Instance;
const memoryBefore = instanceMemory.buffer.byteLength;
const memoryJar = new web.CookieJar(bigLimits);
for (const { line, url } of large.sets) memoryJar.setFromHeader(line, url);
const wasmBytesPerCookie = (instanceMemory.buffer.byteLength - memoryBefore) / memoryJar.size;
const getLarge = opsPerSecond(standard.requests.length, () => {
  for (const url of standard.requests) largeJar.headerFor(url);
});

// Cold start in a fresh process: import, instantiate, first headerFor.
const coldStarts = [];
for (let i = 0; i < 7; i++) {
  const script = `const t0 = performance.now(); const { CookieJar } = await import(${JSON.stringify(entry)}); new CookieJar().headerFor('https://www.example.com/'); console.log(performance.now() - t0);`;
  coldStarts.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })));
}
coldStarts.sort((a, b) => a - b);
const coldStart = coldStarts[3];

const size = JSON.parse(execFileSync(process.execPath, [join(root, 'scripts', 'size.mjs'), '--json'], { encoding: 'utf8' }));

const f = (n) => Math.round(n).toLocaleString('en-US').padStart(12);
const x = (n) => `${n.toFixed(1)}x`;
console.log(`standard workload: ${standard.sets.length} Set-Cookie lines over 100 sites, ${standard.requests.length} requests (${ours.sentPerRequest.toFixed(1)} cookies sent per request; tough-cookie ${theirs.sentPerRequest.toFixed(1)})`);
console.log('');
console.log('                     cookie-engine  tough-cookie 6   native core   vs tough (target)   vs native (target)');
console.log(`setFromHeader ops/s ${f(ours.set)}  ${f(theirs.set)}  ${f(native.setOpsPerSecond)}   ${x(ours.set / theirs.set).padStart(8)} (>= 5x)    ${x(native.setOpsPerSecond / ours.set).padStart(6)} slower (<= 2x)`);
console.log(`headerFor ops/s     ${f(ours.get)}  ${f(theirs.get)}  ${f(native.headerOpsPerSecond)}   ${x(ours.get / theirs.get).padStart(8)} (>= 10x)   ${x(native.headerOpsPerSecond / ours.get).padStart(6)} slower (<= 2x)`);
console.log(`setFromHeader, one call per response (${responses.length} calls): ${f(setPerResponse).trim()} cookies/s, ${x(setPerResponse / theirs.set)} tough-cookie, ${x(native.setOpsPerSecond / setPerResponse)} slower than native`);
console.log(`with a policy of lists and modes: setFromHeader ${f(withLists.set).trim()} ops/s (${x(withLists.set / theirs.set)} tough-cookie), headerFor ${f(withLists.get).trim()} ops/s (${x(withLists.get / theirs.get)})`);
console.log(`with accept and send callbacks: setFromHeader ${f(withCallbacks.set).trim()} ops/s (${x(withCallbacks.set / theirs.set)}), headerFor ${f(withCallbacks.get).trim()} ops/s (${x(withCallbacks.get / theirs.get)})`);
console.log(`setFromHeader with an onChange listener: ${f(setWithListener).trim()} ops/s (${((100 * setWithListener) / ours.set).toFixed(0)}% of the jar without one)`);
console.log('');
console.log(`scaling: headerFor on ${largeJar.size.toLocaleString('en-US')} cookies (10,000 sites) ${f(getLarge)} ops/s: ${x(ours.get / getLarge)} the time of the 1,100-cookie jar (target <= 1.5x)`);
console.log(`cold start (import, instantiate, first headerFor), median of 7: ${coldStart.toFixed(1)} ms (target <= 20 ms)`);
console.log(`memory per cookie (${memoryJar.size.toLocaleString('en-US')} cookies, ${native.textBytesPerCookie.toFixed(0)} bytes of name+value+domain+path each): wasm linear memory grew ${wasmBytesPerCookie.toFixed(0)} bytes per cookie (${x(wasmBytesPerCookie / native.textBytesPerCookie)}, target <= 3x); native structures ${native.bytesPerCookie.toFixed(0)} bytes (${x(native.bytesPerCookie / native.textBytesPerCookie)})`);
console.log(`download size (wasm + JS glue, gzip -9): ${(size.total / 1024).toFixed(1)} KB (target <= 64 KB); with Brotli ${(size.totalBrotli / 1024).toFixed(1)} KB`);
