#!/usr/bin/env node
// `npm run bench`: cookie-engine (the release npm build, through its JS API, every JS-to-wasm
// crossing included) against tough-cookie 6, the floor of a wasm-bindgen call (bench/floor/) and
// the native Rust core (`cargo bench`, divan), side by side in one run on the standard workload
// (bench/make-workload.mjs); then other uses, scaling, cold start, memory and size. Writes the
// comparison as a chart, docs/bench.svg.
//
// The JavaScript side is timed by tinybench: each task is a function that does a whole pass of
// the workload (300 headerFor calls, or a new jar and its 1,100 setFromHeader lines), sampled for
// BENCH_MS (default 500) per round. The main tasks run in BENCH_ROUNDS rounds (default 5), their
// order turned each round, so that a burst of load on a shared machine lands on every
// implementation alike; a ratio is taken within each round. Each round's figure for a task is
// its median pass (a burst of load on a shared machine moves the median less than the mean);
// printed with it, that round's mean and tinybench's 95% margin of the mean (±%). The verdicts use
// the median round, the ratios their median and range over the rounds, and the native core divan's
// median sample. Absolute figures move with the machine's load; ratios are the result. Nothing
// here is a test.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { CookieJar as ToughJar } from 'tough-cookie';
import { loadFloor } from './floor.mjs';
import { makeWorkload } from './make-workload.mjs';
import { runNative } from './native.mjs';
import { chart } from './chart.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = pathToFileURL(join(root, 'pkg', 'node', 'index.mjs')).href;
const { CookieJar } = await import(entry);

const clock = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const standard = makeWorkload(100, clock);
const TASK_MS = Number(process.env.BENCH_MS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SETS = standard.sets.length;
const REQUESTS = standard.requests.length;

// A jar made for one pass is freed at its end: wasm memory is not the garbage collector's, and
// leaving thousands of full jars to FinalizationRegistry would measure finalization instead.
const engine = {
  jar: (options) => new CookieJar(options),
  set: (jar, line, url) => jar.setFromHeader(line, url),
  get: (jar, url) => jar.headerFor(url),
  free: (jar) => jar.free(),
};
const tough = {
  jar: () => new ToughJar(),
  set: (jar, line, url) => jar.setCookieSync(line, url, { ignoreError: true }),
  get: (jar, url) => jar.getCookieStringSync(url),
  free: () => {},
};
const fill = (impl, jar, workload = standard) => {
  for (const { line, url } of workload.sets) impl.set(jar, line, url);
  return jar;
};
/** The two passes of an implementation: a new jar filled line by line, and every request's header. */
function passes(impl, jarOptions) {
  const implWith = jarOptions === undefined ? impl : { ...impl, jar: () => impl.jar(jarOptions) };
  const jar = fill(implWith, implWith.jar());
  return {
    set: () => implWith.free(fill(implWith, implWith.jar())),
    get: () => {
      for (const url of standard.requests) implWith.get(jar, url);
    },
    sent: () => standard.requests.reduce((n, url) => n + implWith.get(jar, url).split('; ').length, 0) / REQUESTS,
  };
}

// The floor: the same strings in, Date.now() read and passed in, a string of each header's length out.
const floor = await loadFloor();
const ours = passes(engine);
const theirs = passes(tough);
const lengthJar = fill(engine, engine.jar());
const headerLengths = standard.requests.map((url) => [url, engine.get(lengthJar, url).length]);
lengthJar.free();
const floorPasses = {
  get: () => {
    for (const [url, length] of headerLengths) floor.headerFor(url, Date.now(), length);
  },
  set: () => {
    for (const { line, url } of standard.sets) floor.setFromHeader(line, url, Date.now());
  },
};

// ns per operation, per round, of each main task.
const MAIN = {
  'floor headerFor': [floorPasses.get, REQUESTS],
  'cookie-engine headerFor': [ours.get, REQUESTS],
  'tough-cookie headerFor': [theirs.get, REQUESTS],
  'floor setFromHeader': [floorPasses.set, SETS],
  'cookie-engine setFromHeader': [ours.set, SETS],
  'tough-cookie setFromHeader': [theirs.set, SETS],
};
const rounds = Object.fromEntries(Object.keys(MAIN).map((name) => [name, []]));
/** Runs `tasks` ({ name: [fn, opsPerCall] }) in one tinybench run; returns { name: { ns, rme } }. */
async function timeTasks(tasks) {
  const bench = new Bench({ time: TASK_MS, warmupTime: 100 });
  for (const [name, [fn]] of Object.entries(tasks)) bench.add(name, fn);
  await bench.run();
  const out = {};
  for (const task of bench.tasks) {
    if (task.result.state !== 'completed') throw new Error(`${task.name}: ${task.result.state} ${task.result.error ?? ''}`);
    const { mean, p50, rme } = task.result.latency;
    const perOp = (ms) => (ms * 1e6) / tasks[task.name][1];
    out[task.name] = { ns: perOp(p50), mean: perOp(mean), rme };
  }
  return out;
}
const names = Object.keys(MAIN);
for (let r = 0; r < ROUNDS; r++) {
  const order = [...names.slice(r % names.length), ...names.slice(0, r % names.length)];
  const result = await timeTasks(Object.fromEntries(order.map((name) => [name, MAIN[name]])));
  for (const name of names) rounds[name].push(result[name]);
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** A task's median round (by mean), with its margin. */
const typical = (name) => {
  const byMean = [...rounds[name]].sort((a, b) => a.ns - b.ns);
  return byMean[(byMean.length - 1) >> 1];
};
/** How many times faster `a` is than `b`, per round: median and range. */
const ratio = (a, b) => {
  const each = rounds[a].map((round, i) => rounds[b][i].ns / round.ns);
  return { median: median(each), min: Math.min(...each), max: Math.max(...each) };
};

// Other uses, one run each (their ratios against tough-cookie's typical round).
const responses = [];
for (const { line, url } of standard.sets) {
  const last = responses.at(-1);
  if (last && last.url === url) last.lines.push(line);
  else responses.push({ url, lines: [line] });
}
const listPolicy = { blockedDomains: ['.blocked.example', 'ads.example.com'], allowedDomains: ['.com', '.uk', '.org', '.io', '.au', '.net', '.de', '.jp'], thirdParty: 'partitioned-only' };
const callbackPolicy = { accept: () => true, send: () => true };
const withLists = passes(engine, { policy: listPolicy });
const withCallbacks = passes(engine, { policy: callbackPolicy });
// Scaling: the standard requests on a jar of 10,000 sites (110,000 cookies).
const large = makeWorkload(10_000, clock);
const bigLimits = { limits: { perSite: 1000, perSitePurgeTo: 1000, total: 1_000_000, totalPurgeTo: 1_000_000 } };
const largeJar = fill(engine, engine.jar(bigLimits), large);
const others = await timeTasks({
  'setFromHeader, one call per response': [
    () => {
      const jar = new CookieJar();
      for (const { lines, url } of responses) jar.setFromHeader(lines, url);
      jar.free();
    },
    SETS,
  ],
  'setFromHeader with an onChange listener': [
    () => {
      const jar = new CookieJar();
      let heard = 0;
      jar.onChange(() => heard++);
      for (const { line, url } of standard.sets) jar.setFromHeader(line, url);
      jar.free();
    },
    SETS,
  ],
  'setFromHeader, policy of lists and modes': [withLists.set, SETS],
  'headerFor, policy of lists and modes': [withLists.get, REQUESTS],
  'setFromHeader, accept and send callbacks': [withCallbacks.set, SETS],
  'headerFor, accept and send callbacks': [withCallbacks.get, REQUESTS],
  'headerFor on 110,000 cookies': [
    () => {
      for (const url of standard.requests) largeJar.headerFor(url);
    },
    REQUESTS,
  ],
});

const native = runNative({ set_cookie_fill: SETS, cookie_header: REQUESTS, cookie_header_large_jar: REQUESTS });

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

// Cold start in a fresh process: import, instantiate, first headerFor.
const coldStarts = [];
for (let i = 0; i < 7; i++) {
  const script = `const t0 = performance.now(); const { CookieJar } = await import(${JSON.stringify(entry)}); new CookieJar().headerFor('https://www.example.com/'); console.log(performance.now() - t0);`;
  coldStarts.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })));
}
const coldStart = median(coldStarts);

const size = JSON.parse(execFileSync(process.execPath, [join(root, 'scripts', 'size.mjs'), '--json'], { encoding: 'utf8' }));

// The report.
const time = (ns) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
const opsPerSecond = (ns) => 1e9 / ns;
const ops = (n) => `${Math.round(n).toLocaleString('en-US')}`;
const pct = (rme) => `±${rme.toFixed(1)}%`;
const cell = (name) => `${time(typical(name).ns)} (${time(typical(name).mean)} ${pct(typical(name).rme)})`.padEnd(27);
const x = (n) => `${n.toFixed(1)}x`;
const range = (r) => `${x(r.median)} (${x(r.min)}-${x(r.max)})`;
const nativeHeader = native.benches.cookie_header;
const nativeSet = native.benches.set_cookie_fill;
console.log(`standard workload: ${SETS} Set-Cookie lines over 100 sites, ${REQUESTS} requests (${ours.sent().toFixed(1)} cookies sent per request; tough-cookie ${theirs.sent().toFixed(1)}; native ${native.memory.meanCookiesPerRequest})`);
console.log(`${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.versions.node}; tinybench, ${ROUNDS} rounds of ${TASK_MS} ms per task; divan for the native core`);
console.log('');
console.log('per call: median pass (mean, 95% margin)  floor                        cookie-engine                tough-cookie 6               native (divan median, mean)');
for (const [label, key, nat] of [
  ['headerFor', 'headerFor', nativeHeader],
  ['setFromHeader, one line', 'setFromHeader', nativeSet],
]) {
  console.log(`  ${label.padEnd(40)} ${cell(`floor ${key}`)}  ${cell(`cookie-engine ${key}`)}  ${cell(`tough-cookie ${key}`)}  ${time(nat.median)} (${time(nat.mean)})`);
}
console.log('');
const verdict = (met) => (met ? 'met' : 'not met');
const goals = {};
for (const [label, key, nat, times] of [
  ['headerFor', 'headerFor', nativeHeader, 12],
  ['setFromHeader, one line', 'setFromHeader', nativeSet, 6],
]) {
  const result = typical(`cookie-engine ${key}`).ns;
  const floorNs = typical(`floor ${key}`).ns;
  const target = floorNs + 2 * nat.median;
  const vsTough = ratio(`cookie-engine ${key}`, `tough-cookie ${key}`);
  goals[key] = { result, floor: floorNs, native: nat.median, target, vsTough };
  console.log(`${label}: ${range(vsTough)} tough-cookie over the rounds (target >= ${times}x: ${verdict(vsTough.median >= times)})`);
  console.log(`  floor ${time(floorNs)} + 2 x native ${time(nat.median)} = target ${time(target)}; cookie-engine ${time(result)}: ${verdict(result <= target)} (${((100 * result) / target).toFixed(0)}% of the target; ${time(result - floorNs)} above the floor, ${x((result - floorNs) / nat.median)} native)`);
}
console.log('');
const toughSet = typical('tough-cookie setFromHeader').ns;
const toughGet = typical('tough-cookie headerFor').ns;
for (const [name, result] of Object.entries(others)) {
  const vs = name.startsWith('headerFor') ? toughGet : toughSet;
  console.log(`${name.padEnd(42)} ${ops(opsPerSecond(result.ns)).padStart(10)} ops/s (mean ${ops(opsPerSecond(result.mean))} ${pct(result.rme)})  ${x(vs / result.ns)} tough-cookie`);
}
console.log(`one call per response: ${time(others['setFromHeader, one call per response'].ns)} a line, ${x(others['setFromHeader, one call per response'].ns / nativeSet.median)} the native time`);
console.log(`setFromHeader with an onChange listener: ${((100 * typical('cookie-engine setFromHeader').ns) / others['setFromHeader with an onChange listener'].ns).toFixed(0)}% of the throughput without one`);
console.log('');
const largeNs = others['headerFor on 110,000 cookies'].ns;
console.log(`scaling: headerFor on ${largeJar.size.toLocaleString('en-US')} cookies (10,000 sites): ${x(largeNs / typical('cookie-engine headerFor').ns)} the time of the 1,100-cookie jar (target <= 1.5x); native ${x(native.benches.cookie_header_large_jar.median / nativeHeader.median)}`);
console.log(`cold start (import, instantiate, first headerFor), median of 7 fresh processes: ${coldStart.toFixed(1)} ms (${Math.min(...coldStarts).toFixed(1)}-${Math.max(...coldStarts).toFixed(1)})`);
const textBytes = native.memory.textBytesPerCookie;
console.log(`memory per cookie (${memoryJar.size.toLocaleString('en-US')} cookies, ${textBytes.toFixed(0)} bytes of name+value+domain+path each): wasm linear memory grew ${wasmBytesPerCookie.toFixed(0)} bytes per cookie (${x(wasmBytesPerCookie / textBytes)}, target <= 3x); native structures ${native.memory.bytesPerCookie.toFixed(0)} bytes (${x(native.memory.bytesPerCookie / textBytes)})`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`download for a page or service worker (web entry + jar's wasm): ${kb(size.total.gzip)} gzip -9, ${kb(size.total.brotli)} Brotli 11; tough-cookie ${size.tough.toughCookie} + tldts ${size.tough.tldts} bundled by esbuild: ${kb(size.tough.gzip)}, ${kb(size.tough.brotli)} (target: below it in both: ${verdict(size.total.gzip < size.tough.gzip && size.total.brotli < size.tough.brotli)}). The formats module, loaded apart by initFormats(): ${kb(size.formats.gzip)} gzip`);

const svg = join(root, 'docs', 'bench.svg');
writeFileSync(
  svg,
  chart({
    machine: `${cpus().length} cores, Node ${process.versions.node}`,
    speed: [
      { label: 'headerFor', ours: opsPerSecond(goals.headerFor.result), theirs: opsPerSecond(toughGet), ratio: goals.headerFor.vsTough.median },
      { label: 'setFromHeader, one line per call', ours: opsPerSecond(goals.setFromHeader.result), theirs: opsPerSecond(toughSet), ratio: goals.setFromHeader.vsTough.median },
      { label: 'setFromHeader, one call per response', ours: opsPerSecond(others['setFromHeader, one call per response'].ns), theirs: opsPerSecond(toughSet) },
    ],
    size: [
      { label: 'gzip -9', ours: size.total.gzip, theirs: size.tough.gzip },
      { label: 'Brotli 11', ours: size.total.brotli, theirs: size.tough.brotli },
    ],
  }),
);
console.log(`\nwrote ${svg}`);
