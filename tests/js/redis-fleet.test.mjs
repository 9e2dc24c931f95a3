// A fleet of worker processes sharing one jar through a real redis-server (cookie-engine/redis,
// from the packed package): a scripted login that every worker's next request carries, requests,
// random churn on shared and own cookies (with limits and expiring cookies), a worker killed
// and started again, Redis killed and started again mid-run (nothing it acknowledged is lost),
// and a logout that clears the session everywhere. At the end every worker, and a copy that
// joins last, holds the same cookies and sends the same Cookie headers.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { startRedis } from './redis-server.mjs';
import { importRedisModule, projectDir } from './support.mjs';

const { sharedJar } = await importRedisModule();
const KEY = '{fleet}';
const LIMITS = { perSite: 12, perSitePurgeTo: 10 };
const SITES = ['app.example', 'shop.example', 'cdn.example', 'news.example'];
const URLS = [...SITES, 'login.example'].flatMap((site) => [`https://${site}/`, `https://www.${site}/a/b`, `http://${site}/`]);

// The worker: a shared jar driven by messages from this test.
const WORKER = `import { Redis } from 'ioredis';
import { sharedJar } from 'cookie-engine/redis';

const [port, name] = process.argv.slice(2);
const redis = new Redis({ port: Number(port), host: '127.0.0.1', maxRetriesPerRequest: 1, retryStrategy: () => 50 });
redis.on('error', () => {});
const errors = [];
const jar = await sharedJar(redis, { key: ${JSON.stringify(KEY)}, limits: ${JSON.stringify(LIMITS)}, timeoutMs: 1000, onError: (e) => errors.push(e.message) });
const SITES = ${JSON.stringify(SITES)};

/** A small seeded generator (mulberry32), so that each worker's churn is its own. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random changes: shared names (other workers change them too) and names of this worker's own. */
async function churn({ seed, count, shortLived }) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  for (let i = 0; i < count; i++) {
    const site = pick(SITES);
    const host = pick([site, 'www.' + site]);
    const url = 'https://' + host + pick(['/', '/a/', '/a/b']);
    const own = next() < 0.3;
    const cookie = own ? name + '-' + Math.floor(next() * 4) : 'shared' + Math.floor(next() * 6);
    const attributes = [pick(['', '; Path=/', '; Path=/a']), pick(['', '; Domain=' + site]), pick(['', '; Max-Age=3600', shortLived ? '; Max-Age=1' : '', '; Secure'])].join('');
    const roll = next();
    if (roll < 0.6) jar.setFromHeader(cookie + '=' + name + i + attributes, url);
    else if (roll < 0.75) jar.setFromHeader(cookie + '=; Max-Age=0' + attributes.replace(/; Max-Age=\\d+/, ''), url);
    else if (roll < 0.85) jar.delete(cookie, { domain: pick([site, host]) });
    else jar.headerFor(url);
    // Now and then, let the changes of the others in (and send ours).
    if (next() < 0.2) await new Promise((resolve) => setImmediate(resolve));
  }
}

async function run({ op, ...args }) {
  switch (op) {
    case 'set': return jar.setFromHeader(args.lines, args.url);
    case 'header': return jar.headerFor(args.url);
    case 'flush': return jar.flush();
    case 'settle': await jar.flush(); await jar.sync(); return jar.version;
    case 'churn': return churn(args);
    case 'waitFor': {
      // The requests this worker makes until one carries (or no longer carries) the cookie.
      const start = performance.now();
      for (let requests = 1; performance.now() - start < 5000; requests++) {
        if (jar.headerFor(args.url).split('; ').includes(args.cookie) === args.present) return { requests, ms: performance.now() - start };
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      throw new Error('waited 5 s for ' + args.cookie);
    }
    case 'acknowledged': {
      // Own cookies on a site of this worker's, set and acknowledged (flush resolved) before the answer.
      const lines = args.names.map((cookie) => cookie + '=' + name + '-ack; Max-Age=3600');
      jar.setFromHeader(lines, 'https://' + name + '.example/');
      await jar.flush();
      return lines.length;
    }
    case 'state': {
      const headers = Object.fromEntries(args.urls.map((url) => [url, jar.headerFor(url)]));
      const cookies = jar.cookies().map(({ lastAccessTime, ...cookie }) => JSON.stringify(cookie)).sort();
      return { headers, cookies, errors, connected: jar.connected, version: jar.version };
    }
    case 'exit': await jar.close(); redis.disconnect(); setImmediate(() => process.exit(0)); return true;
  }
  throw new Error('unknown op ' + op);
}

process.on('message', ({ id, message }) => {
  run(message).then((result) => process.send({ id, result }), (error) => process.send({ id, error: error.message }));
});
process.send({ ready: true });
`;

let server;
const workers = new Map();
const clients = [];

/** A client of the test's own (disconnected at the end). */
function client() {
  const redis = new Redis({ port: server.port, host: '127.0.0.1', maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  redis.on('error', () => {});
  clients.push(redis);
  return redis;
}

before(async () => {
  server = await startRedis();
  writeFileSync(join(projectDir, 'redis-worker.mjs'), WORKER);
});

after(async () => {
  for (const worker of workers.values()) worker.child.kill('SIGKILL');
  for (const redis of clients) redis.disconnect();
  await server?.stop();
});

/** Starts worker `name`; resolves once its jar has loaded. Its `call(message)` resolves with the answer. */
async function startWorker(name) {
  const child = fork(join(projectDir, 'redis-worker.mjs'), [String(server.port), name], { cwd: projectDir, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let next = 0;
  child.on('message', ({ id, result, error }) => {
    if (id === undefined) return;
    const { resolve, reject } = pending.get(id);
    pending.delete(id);
    if (error === undefined) resolve(result);
    else reject(new Error(`${name}: ${error}`));
  });
  child.on('exit', () => {
    for (const { reject } of pending.values()) reject(new Error(`${name} exited`));
  });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', () => reject(new Error(`${name} exited before it was ready`)));
  });
  const worker = {
    child,
    call: (message) =>
      new Promise((resolve, reject) => {
        pending.set(++next, { resolve, reject });
        child.send({ id: next, message });
      }),
  };
  workers.set(name, worker);
  return worker;
}

/** The workers, in the order of their names. */
const all = () => [...workers.keys()].sort().map((name) => workers.get(name));

/** Every worker flushes and syncs, until all have applied the last version of the log. */
async function settle() {
  const redis = client();
  for (let round = 0; round < 20; round++) {
    const versions = await Promise.all(all().map((worker) => worker.call({ op: 'settle' })));
    const version = Number((await redis.hget(`${KEY}:meta`, 'version')) ?? 0);
    if (versions.every((v) => v === version)) return version;
  }
  throw new Error('the workers did not settle');
}

test('a fleet of workers shares one jar: login, requests, churn, a worker and Redis killed and restarted, logout; all agree at the end', { timeout: 120_000 }, async () => {
  const names = ['w0', 'w1', 'w2', 'w3'];
  await Promise.all(names.map(startWorker));
  const [w0, w1, w2, w3] = names.map((name) => workers.get(name));

  // The login, in w0: every other worker's next request carries the session.
  await w0.call({ op: 'set', lines: ['sid=s3cr3t; Path=/; Secure; HttpOnly', 'user=alice; Domain=login.example; Path=/; Max-Age=3600'], url: 'https://login.example/login' });
  await w0.call({ op: 'flush' });
  for (const worker of [w1, w2, w3]) {
    await worker.call({ op: 'waitFor', url: 'https://login.example/account', cookie: 'sid=s3cr3t', present: true });
    assert.equal(await worker.call({ op: 'header', url: 'https://login.example/account' }), 'sid=s3cr3t; user=alice');
  }

  // Churn, everyone at once, with cookies that expire within a second.
  await Promise.all(all().map((worker, i) => worker.call({ op: 'churn', seed: 1 + i, count: 300, shortLived: true })));

  // A worker killed in the middle of its churn (what it had not sent is lost with it), started again.
  const churning = w3.call({ op: 'churn', seed: 40, count: 100_000, shortLived: false }).catch(() => 'killed');
  await Promise.all([w0, w1, w2].map((worker, i) => worker.call({ op: 'churn', seed: 10 + i, count: 200, shortLived: false })));
  w3.child.kill('SIGKILL');
  assert.equal(await churning, 'killed');
  workers.delete('w3');
  await Promise.all([w0, w1, w2].map((worker, i) => worker.call({ op: 'churn', seed: 20 + i, count: 200, shortLived: false })));
  await startWorker('w3');

  // Redis killed just after the workers' own cookies were acknowledged, started again while
  // the workers go on changing the jar.
  const acknowledged = names.map((name) => [0, 1, 2].map((j) => `ack-${name}-${j}`));
  await Promise.all(all().map((worker, i) => worker.call({ op: 'acknowledged', names: acknowledged[i] })));
  await server.kill();
  const churnWhileDown = Promise.all(all().map((worker, i) => worker.call({ op: 'churn', seed: 30 + i, count: 150, shortLived: false })));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await server.start();
  // Before the workers resend anything: Redis has every acknowledged cookie.
  const redis = client();
  const entries = Object.values(await redis.hgetall(`${KEY}:cookies`)).map((json) => JSON.parse(json));
  for (const [i, name] of names.entries()) {
    for (const cookie of acknowledged[i]) {
      const entry = entries.find((e) => e.r?.name === cookie);
      assert.equal(entry?.r.value, `${name}-ack`, `${cookie} survived the crash`);
    }
  }
  await churnWhileDown;

  // The logout, in w2 (which did not log in): no worker's next request carries the session.
  for (const worker of all()) assert.equal(await worker.call({ op: 'header', url: 'https://login.example/account' }), 'sid=s3cr3t; user=alice');
  await w2.call({ op: 'set', lines: ['sid=; Path=/; Secure; HttpOnly; Max-Age=0'], url: 'https://login.example/logout' });
  for (const worker of all()) await worker.call({ op: 'waitFor', url: 'https://login.example/account', cookie: 'sid=s3cr3t', present: false });

  // The short-lived cookies have expired; everyone settles.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await settle();
  const states = await Promise.all(all().map((worker) => worker.call({ op: 'state', urls: URLS })));
  for (const [i, state] of states.entries()) {
    assert.deepEqual(state.headers, states[0].headers, `w${i} sends what w0 sends`);
    assert.deepEqual(state.cookies, states[0].cookies, `w${i} holds what w0 holds`);
    assert.equal(state.connected, true);
  }
  // The workers that lived through the crash reported it.
  for (const state of states.slice(0, 3)) assert.ok(state.errors.length >= 1, 'the outage was reported');
  // And the copy that joins last.
  const last = await sharedJar(redis, { key: KEY, limits: LIMITS, onError: () => {} });
  assert.deepEqual(Object.fromEntries(URLS.map((url) => [url, last.headerFor(url)])), states[0].headers);
  assert.deepEqual(last.cookies().map(({ lastAccessTime, ...cookie }) => JSON.stringify(cookie)).sort(), states[0].cookies);
  await last.close();

  // What the churn must have left: the acknowledged cookies (nobody changed them after), no
  // session, nothing expired, and the limits.
  const cookies = states[0].cookies.map((json) => JSON.parse(json));
  for (const name of acknowledged.flat()) assert.ok(cookies.some((cookie) => cookie.name === name), name);
  assert.ok(!cookies.some((cookie) => cookie.name === 'sid'));
  assert.ok(cookies.every((cookie) => cookie.expires === null || cookie.expires > Date.now()));
  for (const site of SITES) assert.ok(cookies.filter((cookie) => cookie.domain.endsWith(site)).length <= LIMITS.perSite, site);
  assert.ok(cookies.length > 20, `${cookies.length} cookies: the churn left some`);

  await Promise.all(all().map((worker) => worker.call({ op: 'exit' })));
});
