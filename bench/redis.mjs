#!/usr/bin/env node
// `npm run bench:redis`: cookie-engine/redis (the release npm build) against a local
// redis-server (started here on a free port of 127.0.0.1, append-only with fsync at every
// write, as the tests run it): how long a change made in one process takes to be seen in
// another, and what sharing costs the calls of the jar (headerFor, setFromHeader) and a copy
// that joins (loading the snapshot). A benchmark, not a test: nothing is asserted.
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { startRedis } from '../tests/js/redis-server.mjs';
import { makeWorkload } from './make-workload.mjs';
import { opsPerSecond } from './ops-per-second.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { CookieJar } = await import(pathToFileURL(join(root, 'pkg', 'node', 'index.mjs')).href);
const { sharedJar } = await import(pathToFileURL(join(root, 'pkg', 'node', 'redis.mjs')).href);
const clock = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const standard = makeWorkload(100, clock);

/** Wall-clock time in ms with sub-ms precision, comparable between processes on one machine. */
const wallClock = () => performance.timeOrigin + performance.now();

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const client = (server) => {
  const redis = new Redis({ port: server.port, host: '127.0.0.1' });
  redis.on('error', () => {});
  return redis;
};

// The other process: a shared jar that reports, for each cookie it hears inserted, when.
if (process.argv[2] === 'listener') {
  const redis = new Redis({ port: Number(process.argv[3]), host: '127.0.0.1' });
  const jar = await sharedJar(redis, { key: process.argv[4] });
  jar.onChange(({ cause, cookie }) => {
    if (cause === 'inserted') process.send({ name: cookie.name, value: cookie.value, at: wallClock() });
  });
  process.on('message', async (message) => {
    if (message === 'exit') {
      await jar.close();
      redis.disconnect();
      process.exit(0);
    }
  });
  process.send('ready');
} else {
  const server = await startRedis();
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}

async function run(server) {
  console.log(`cookie-engine/redis against redis-server on 127.0.0.1 (appendonly, appendfsync always); ${new Date().toISOString()}`);

  // ---- A change in one process, seen in another ------------------------------------------
  const key = 'bench:propagation';
  const listener = fork(fileURLToPath(import.meta.url), ['listener', String(server.port), key], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve) => listener.once('message', resolve));
  const heard = new Map();
  listener.on('message', ({ value, at }) => heard.get(value)?.(at));
  const writer = client(server);
  const jar = await sharedJar(writer, { key });
  const seen = (value) => new Promise((resolve) => heard.set(value, resolve));

  // One change at a time: set, and wait until the other process has applied it.
  const latencies = [];
  for (let i = 0; i < 300; i++) {
    const applied = seen(`one-${i}`);
    const start = wallClock();
    jar.setFromHeader(`c${i % 20}=one-${i}; Path=/`, 'https://www.example.com/');
    latencies.push((await applied) - start);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `one change at a time, set in one process until applied in the other (300): median ${percentile(latencies, 50).toFixed(2)} ms, p90 ${percentile(latencies, 90).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`,
  );

  // A burst: the standard workload's 1,100 Set-Cookie lines, one call each, as fast as they come.
  const last = standard.sets.at(-1);
  const lastLine = last.line.split(';')[0];
  const allApplied = seen(lastLine.slice(lastLine.indexOf('=') + 1));
  const burstStart = wallClock();
  for (const { line, url } of standard.sets) jar.setFromHeader(line, url);
  const setDone = wallClock();
  await jar.flush();
  const acknowledged = wallClock();
  const appliedAt = await allApplied;
  console.log(
    `a burst of 1,100 cookies: set in ${(setDone - burstStart).toFixed(1)} ms, acknowledged by Redis after ${(acknowledged - burstStart).toFixed(1)} ms, all applied in the other process after ${(appliedAt - burstStart).toFixed(1)} ms`,
  );
  listener.send('exit');
  await new Promise((resolve) => listener.once('exit', resolve));

  // ---- What sharing costs the jar's calls ----------------------------------------------
  // Rounds of each jar in turn (one closure each), medians: the same process also runs the
  // shared jar's writes and reads in the background.
  const plain = new CookieJar({ now: () => clock });
  const shared = await sharedJar(writer, { key: 'bench:calls', now: () => clock });
  for (const { line, url } of standard.sets) {
    plain.setFromHeader(line, url);
    shared.setFromHeader(line, url);
  }
  await shared.sync();
  const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
  const alternate = async (rounds, measure) => {
    const figures = { plain: [], shared: [] };
    for (let i = 0; i < rounds; i++) {
      figures.plain.push(measure(plain));
      figures.shared.push(measure(shared));
      await shared.flush();
    }
    return [median(figures.plain), median(figures.shared)];
  };
  const [plainGet, sharedGet] = await alternate(5, (j) => opsPerSecond(standard.requests.length, () => {
    for (const url of standard.requests) j.headerFor(url);
  }));
  console.log(`headerFor, the standard requests: plain jar ${(plainGet / 1e6).toFixed(2)}M ops/s, shared jar ${(sharedGet / 1e6).toFixed(2)}M ops/s (${(plainGet / sharedGet).toFixed(2)}x the time)`);

  // setFromHeader: the same 1,100 lines again, each replacing its cookie (one change each, which
  // the shared jar also queues and sends, batched, after the call).
  const [plainSet, sharedSet] = await alternate(5, (j) => opsPerSecond(standard.sets.length, () => {
    for (const { line, url } of standard.sets) j.setFromHeader(line, url);
  }));
  console.log(
    `setFromHeader, one line per call, each replacing a cookie: plain jar ${(plainSet / 1e6).toFixed(2)}M ops/s (${(1e6 / plainSet).toFixed(2)} µs), shared jar ${(sharedSet / 1e3).toFixed(0)}k ops/s (${(1e6 / sharedSet).toFixed(2)} µs)`,
  );

  // ---- A copy that joins -------------------------------------------------------------------
  for (const sites of [100, 300]) {
    const joinKey = `bench:join${sites}`;
    const filler = await sharedJar(writer, { key: joinKey, limits: { perSite: 1000, perSitePurgeTo: 1000, total: 100_000, totalPurgeTo: 100_000 } });
    for (const { line, url } of makeWorkload(sites, clock).sets) filler.setFromHeader(line, url);
    await filler.flush();
    const times = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const joiner = await sharedJar(writer, { key: joinKey, limits: { perSite: 1000, perSitePurgeTo: 1000, total: 100_000, totalPurgeTo: 100_000 } });
      times.push(performance.now() - start);
      await joiner.close();
      joiner.free();
    }
    times.sort((a, b) => a - b);
    console.log(`a copy joining a shared jar of ${filler.size} cookies (snapshot, import, following): median of 5 ${times[2].toFixed(1)} ms`);
    await filler.close();
  }
  await shared.close();
  await jar.close();
  writer.disconnect();
}
