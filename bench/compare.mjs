#!/usr/bin/env node
// Compares builds of the package on a shared machine: `node bench/compare.mjs DIR_A DIR_B
// [DIR_C ...]`, each DIR a built package (pkg/, or a copy of it with another .wasm; COMPARE_ROUNDS
// rounds, default 7). Each round runs every build once, in an order turned each round, each in
// fresh processes (no build inherits another's JIT state or heap): headerFor and one-line
// setFromHeader on the standard workload (tinybench, BENCH_MS per task, default 400: the median
// and the fastest pass, per operation), and cold
// start (import, instantiate, first headerFor; median of 3 processes). Prints each build's median
// over rounds and the median (and range) of its per-round ratio to the first build. Not a test.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [, script, ...args] = process.argv;

if (args[0] === '--child') {
  const { Bench } = await import('tinybench');
  const { makeWorkload } = await import('./make-workload.mjs');
  const { CookieJar } = await import(pathToFileURL(resolve(args[1], 'node', 'index.mjs')).href);
  const workload = makeWorkload(100, Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const jar = new CookieJar();
  for (const { line, url } of workload.sets) jar.setFromHeader(line, url);
  const bench = new Bench({ time: Number(process.env.BENCH_MS ?? 400), warmupTime: 100 });
  bench.add('get', () => {
    for (const url of workload.requests) jar.headerFor(url);
  });
  bench.add('set', () => {
    const fresh = new CookieJar();
    for (const { line, url } of workload.sets) fresh.setFromHeader(line, url);
    fresh.free();
  });
  await bench.run();
  // The fastest pass and the median pass: on a loaded machine, other processes only add time, so
  // these move less than the mean.
  const ns = (name, stat, ops) => (bench.getTask(name).result.latency[stat] * 1e6) / ops;
  const [gets, sets] = [workload.requests.length, workload.sets.length];
  console.log(JSON.stringify({ get: ns('get', 'p50', gets), getMin: ns('get', 'min', gets), set: ns('set', 'p50', sets), setMin: ns('set', 'min', sets) }));
  process.exit(0);
}

if (args.length < 2) {
  console.error('usage: node bench/compare.mjs DIR_A DIR_B [DIR_C ...]');
  process.exit(2);
}
const rounds = Number(process.env.COMPARE_ROUNDS ?? 7);
const child = (dir) => JSON.parse(execFileSync(process.execPath, [script, '--child', dir], { encoding: 'utf8' }));
const cold = (dir) => {
  const entry = JSON.stringify(pathToFileURL(resolve(dir, 'node', 'index.mjs')).href);
  const code = `const t0 = performance.now(); const { CookieJar } = await import(${entry}); new CookieJar().headerFor('https://www.example.com/'); console.log(performance.now() - t0);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }));
};
const median = (values) => [...values].sort((x, y) => x - y)[(values.length - 1) >> 1];
const results = args.map(() => []);
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < args.length; k++) {
    const i = (k + r) % args.length;
    results[i][r] = { ...child(args[i]), cold: median([cold(args[i]), cold(args[i]), cold(args[i])]) };
  }
}
for (const [metric, label, unit, digits] of [
  ['get', 'headerFor, median pass', 'ns', 0],
  ['getMin', 'headerFor, fastest pass', 'ns', 0],
  ['set', 'setFromHeader one line, median pass', 'ns', 0],
  ['setMin', 'setFromHeader one line, fastest pass', 'ns', 0],
  ['cold', 'cold start', 'ms', 1],
]) {
  console.log(`${label} (${unit}, median of ${rounds} rounds; per-round ratio to ${args[0]})`);
  args.forEach((dir, i) => {
    const ratios = results[i].map((r, n) => r[metric] / results[0][n][metric]);
    console.log(`  ${dir.padEnd(28)} ${median(results[i].map((r) => r[metric])).toFixed(digits).padStart(7)}  ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)})`);
  });
}
