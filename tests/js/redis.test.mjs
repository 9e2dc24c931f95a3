// cookie-engine/redis through the packed package, against a real redis-server (Debian's, started
// here on a free port of 127.0.0.1 with its own folder): the layout in Redis, convergence of
// concurrent changes, ties, limits and expiry across copies, catching up after a network break
// (from the log, or from a snapshot when the log no longer reaches back), and Redis going away
// and coming back. Several jars in this process, each with its own client and often its own
// pinned clock; the fleet of processes is redis-fleet.test.mjs.
import assert from 'node:assert/strict';
import { createConnection, createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { startRedis } from './redis-server.mjs';
import { importPackage, importRedisModule } from './support.mjs';

const { CookieJar } = await importPackage();
const { sharedJar, SharedCookieJar } = await importRedisModule();
const T0 = Date.UTC(2026, 0, 1);

let server;
const clients = [];
const jars = [];
const unhandled = [];
const onUnhandled = (reason) => unhandled.push(reason);

before(async () => {
  server = await startRedis();
  process.on('unhandledRejection', onUnhandled);
});

after(async () => {
  for (const jar of jars) await jar.close().catch(() => {});
  for (const client of clients) client.disconnect();
  await server?.stop();
  process.off('unhandledRejection', onUnhandled);
  assert.deepEqual(unhandled, [], 'no unhandled rejection');
});

/** An ioredis client of the test server (or of `port`), quick to give up while it is down. */
function client(port = server.port) {
  const redis = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  redis.on('error', () => {});
  clients.push(redis);
  return redis;
}

let keys = 0;
/** A key space of its own for each test. */
const newKey = () => `test${++keys}`;

/** A shared jar on `key`, with its errors collected and, given `clock`, that clock. */
async function jar(key, { clock, port, ...options } = {}) {
  const errors = [];
  const shared = await sharedJar(client(port), { key, timeoutMs: 500, onError: (error) => errors.push(error), ...(clock ? { now: () => clock.now } : {}), ...options });
  shared.errors = errors;
  shared.key = key;
  jars.push(shared);
  return shared;
}

/** `count` shared jars on a new key and one pinned clock (`options`: more of `jar`'s). */
async function copies(count, options = {}) {
  const key = newKey();
  const clock = { now: T0 };
  const all = [];
  for (let i = 0; i < count; i++) all.push(await jar(key, { clock, ...options }));
  return { key, clock, all };
}

/** Flushes and syncs every jar until all have applied the same, last version (evictions made while applying are changes too). */
async function settle(...all) {
  const meta = clients[0];
  for (let round = 0; round < 10; round++) {
    await Promise.all(all.map((j) => j.flush()));
    await Promise.all(all.map((j) => j.sync()));
    const versions = new Set(all.map((j) => j.version));
    const [version] = await meta.hmget(`${all[0].key}:meta`, 'version').catch(() => [null]);
    if (versions.size === 1 && all.every((j) => j.version === Number(version ?? 0))) return;
  }
  throw new Error('the jars did not settle');
}

/**
 * What a jar holds, comparable between copies: every field but the last access (each copy's own
 * reads), in one order (`cookies()` lists them in the order each copy first stored them).
 */
const contents = (j) =>
  j
    .cookies()
    .map(({ lastAccessTime, ...cookie }) => JSON.stringify(cookie))
    .sort();

test('a change in one copy is written to Redis, published, and applied in the others; the layout', async () => {
  const { key, clock, all: [a, b] } = await copies(2);
  const heard = [];
  b.onChange(({ cause, cookie }) => heard.push(`${cause} ${cookie.name}=${cookie.value}`));
  assert.ok(a instanceof CookieJar && a instanceof SharedCookieJar);

  a.setFromHeader(['sid=31d4; Path=/; Secure; HttpOnly', 'lang=en; Domain=example.com; Max-Age=3600'], 'https://www.example.com/login');
  await a.flush();
  await b.sync();
  assert.equal(b.headerFor('https://www.example.com/account'), 'sid=31d4; lang=en');
  assert.deepEqual(contents(b), contents(a));
  assert.deepEqual(heard, ['inserted sid=31d4', 'inserted lang=en']);

  // Redis: one hash entry per cookie (its latest change), one log entry per accepted batch.
  const redis = clients[0];
  assert.deepEqual(await redis.hgetall(`${key}:meta`), { epoch: (await redis.hget(`${key}:meta`, 'epoch')), version: '1' });
  assert.match(await redis.hget(`${key}:meta`, 'epoch'), /^[0-9a-f]{16}$/);
  const entries = Object.values(await redis.hgetall(`${key}:cookies`)).map((json) => JSON.parse(json));
  assert.deepEqual(entries.map((entry) => entry.i).sort(), ['["lang","example.com",false,"/",null]', '["sid","www.example.com",true,"/",null]']);
  for (const entry of entries) {
    assert.equal(entry.s[0], T0);
    assert.deepEqual(entry.r, a.cookies().find((cookie) => cookie.name === entry.r.name));
  }
  const log = await redis.xrange(`${key}:log`, '-', '+');
  assert.deepEqual(log.map(([id]) => id), ['1-0']);
  const [w, writer, c, batch] = log[0][1];
  assert.deepEqual([w, c], ['w', 'c']);
  assert.equal(writer, String(entries[0].s[1]), 'the writer of the batch');
  assert.deepEqual(JSON.parse(batch).map((entry) => entry.r.name), ['sid', 'lang']);
  // The expiring cookie is in the GC set at its expiry; the session cookie is not.
  assert.deepEqual(await redis.zrange(`${key}:gc`, 0, -1, 'WITHSCORES'), ['["lang","example.com",false,"/",null]', String(T0 + 3_600_000)]);

  // A logout in b: the server deletes the cookie (an expired Set-Cookie); it goes everywhere.
  clock.now += 1000;
  b.setCookie('sid=; Max-Age=0; Path=/; Secure; HttpOnly', 'https://www.example.com/logout');
  await settle(a, b);
  assert.equal(a.headerFor('https://www.example.com/account'), 'lang=en');
  const removal = JSON.parse(await redis.hget(`${key}:cookies`, '["sid","www.example.com",true,"/",null]'));
  assert.equal(removal.r, null);
  assert.equal(removal.s[0], T0 + 1000);
  assert.deepEqual(heard.slice(2), ['expired sid=31d4'], 'b heard its own change once');
  assert.equal(a.version, 2);
  assert.deepEqual([a.errors, b.errors], [[], []]);
});

test('concurrent changes of one cookie: the later one wins everywhere, whichever reaches Redis first', async () => {
  for (const order of ['earlier first', 'later first']) {
    const key = newKey();
    const early = { now: T0 };
    const late = { now: T0 + 5 };
    // Each copy changes the cookie before it hears of the other's change: the one whose change
    // reaches Redis second is cut off from it meanwhile.
    const [first, second] = [await proxy(), await proxy()];
    const a = await jar(key, { clock: early, port: order === 'earlier first' ? first.port : second.port });
    const b = await jar(key, { clock: late, port: order === 'earlier first' ? second.port : first.port });
    const url = 'https://example.com/';
    second.cut();
    const [writesFirst, writesSecond] = order === 'earlier first' ? [a, b] : [b, a];
    writesSecond.setFromHeader(`x=from-${writesSecond === a ? 'a' : 'b'}`, url);
    writesFirst.setFromHeader(`x=from-${writesFirst === a ? 'a' : 'b'}`, url);
    await writesFirst.flush();
    second.restore();
    await settle(a, b);
    assert.equal(a.headerFor(url), 'x=from-b', order);
    assert.equal(b.headerFor(url), 'x=from-b', order);
    const c = await jar(key);
    assert.equal(c.headerFor(url), 'x=from-b', `${order}: a late joiner`);
  }
  // The same time: the writer ids break the tie, the same way everywhere.
  const { all: [a, b, c] } = await copies(3);
  a.setFromHeader('x=a', 'https://example.com/');
  b.setFromHeader('x=b', 'https://example.com/');
  c.setFromHeader('x=c', 'https://example.com/');
  await settle(a, b, c);
  const winner = a.headerFor('https://example.com/');
  assert.match(winner, /^x=[abc]$/);
  assert.deepEqual([b.headerFor('https://example.com/'), c.headerFor('https://example.com/')], [winner, winner]);
});

test('a change made after seeing another is later than it, even on a clock that is behind', async () => {
  const key = newKey();
  const ahead = { now: T0 + 10_000 };
  const behind = { now: T0 };
  const a = await jar(key, { clock: ahead });
  const b = await jar(key, { clock: behind });
  const url = 'https://example.com/';
  a.setFromHeader('sid=1', url);
  await settle(a, b);
  a.setCookie('sid=; Max-Age=0', url);
  await settle(a, b);
  assert.equal(b.headerFor(url), '');
  // b logs in again, after the logout it saw; its clock says 10 s earlier.
  b.setFromHeader('sid=2', url);
  await settle(a, b);
  assert.equal(a.headerFor(url), 'sid=2');
  assert.equal(b.headerFor(url), 'sid=2');
});

test('cookies created at the same time are sent in the same order by every copy', async () => {
  const { key, clock, all: [a, b, c] } = await copies(3);
  const url = 'https://shop.example/';
  // One response: its order is kept (6265bis 5.8.3: equal paths, equal creation times).
  a.setFromHeader(['z=1', 'm=1', 'a=1'], url);
  // Other copies, the same millisecond, before they heard of it.
  b.setFromHeader(['b=1'], url);
  c.setFromHeader(['c=1', 'y=1'], url);
  await settle(a, b, c);
  const header = a.headerFor(url);
  assert.deepEqual(header.split('; ').sort(), ['a=1', 'b=1', 'c=1', 'm=1', 'y=1', 'z=1']);
  assert.match(header, /z=1; m=1; a=1/);
  assert.match(header, /c=1; y=1/);
  assert.deepEqual([b.headerFor(url), c.headerFor(url)], [header, header]);
  // A cookie replaced keeps its creation time and place (6265bis 5.7 step 23.3), in every copy.
  clock.now += 1000;
  b.setFromHeader('z=2', url);
  await settle(a, b, c);
  const replaced = header.replace('z=1', 'z=2');
  assert.deepEqual([a.headerFor(url), b.headerFor(url), c.headerFor(url)], [replaced, replaced, replaced]);
  const joiner = await jar(key, { clock });
  assert.equal(joiner.headerFor(url), replaced);
});

test('limits hold for the shared jar: copies that add cookies to one site at once end with the same cookies, within the limit', async () => {
  const { key, clock, all } = await copies(3, { limits: { perSite: 4, perSitePurgeTo: 3, total: 10, totalPurgeTo: 8 } });
  const url = 'https://site.example/';
  for (const [i, j] of all.entries()) {
    clock.now += 1;
    j.setFromHeader([`w${i}a=1`, `w${i}b=1`, `w${i}c=1`], url);
  }
  await settle(...all);
  const names = all.map((j) => j.cookies().map((cookie) => cookie.name));
  assert.ok(names[0].length <= 4, `${names[0]}`);
  assert.deepEqual(names[1], names[0]);
  assert.deepEqual(names[2], names[0]);
  // In Redis too: the cookies not removed are exactly the copies'.
  const live = Object.values(await clients[0].hgetall(`${key}:cookies`))
    .map((json) => JSON.parse(json))
    .filter((entry) => entry.r !== null)
    .map((entry) => entry.r.name);
  assert.deepEqual(live.sort(), [...names[0]].sort());

  // The total limit: cookies of many sites from several copies.
  for (const [i, j] of all.entries()) {
    for (let site = 0; site < 4; site++) j.setFromHeader([`n${i}=1`, `m${i}=1`], `https://s${site}.example/`);
  }
  await settle(...all);
  const sizes = all.map((j) => j.size);
  assert.ok(sizes[0] <= 10, `${sizes[0]} cookies`);
  assert.deepEqual(all.map(contents), [contents(all[0]), contents(all[0]), contents(all[0])]);
});

test('expired cookies disappear everywhere: not sent, not loaded by a late joiner, dropped from Redis after the retention', async () => {
  const { key, clock, all: [a, b] } = await copies(2, { retentionMs: 1000 });
  const url = 'https://example.com/';
  a.setFromHeader(['short=1; Max-Age=10', 'long=1; Max-Age=3600'], url);
  await settle(a, b);
  assert.equal(b.headerFor(url), 'short=1; long=1');
  clock.now += 10_000;
  assert.equal(a.headerFor(url), 'long=1');
  assert.equal(b.headerFor(url), 'long=1');
  const c = await jar(key, { clock });
  assert.deepEqual(c.cookies().map((cookie) => cookie.name), ['long']);
  // Past the retention, the next write drops the entry.
  clock.now += 1001;
  a.setFromHeader('other=1', url);
  await settle(a, b, c);
  const ids = Object.keys(await clients[0].hgetall(`${key}:cookies`));
  assert.deepEqual(ids.sort(), ['["long","example.com",true,"/",null]', '["other","example.com",true,"/",null]']);
  // A removal is remembered for the retention too, then dropped.
  b.delete('other', { domain: 'example.com' });
  await settle(a, b, c);
  assert.equal(a.headerFor(url), 'long=1');
  const removal = JSON.parse(await clients[0].hget(`${key}:cookies`, '["other","example.com",true,"/",null]'));
  assert.equal(removal.r, null);
  assert.equal(await clients[0].zscore(`${key}:gc`, '["other","example.com",true,"/",null]'), String(removal.s[0]));
  clock.now += 1002;
  a.setFromHeader('more=1', url);
  await settle(a, b, c);
  assert.equal(await clients[0].hget(`${key}:cookies`, '["other","example.com",true,"/",null]'), null);
});

test('removing one of the cookies that share a name, domain and path removes only it', async () => {
  const { all: [a, b] } = await copies(2);
  const embed = 'https://widget.example/';
  // CHIPS: the same cookie in two partitions, and a host-only twin of a Domain cookie.
  a.setFromHeader('__Host-id=1; Secure; Path=/; Partitioned; SameSite=None', embed, { topLevelUrl: 'https://one.example/' });
  a.setFromHeader('__Host-id=2; Secure; Path=/; Partitioned; SameSite=None', embed, { topLevelUrl: 'https://two.example/' });
  a.setFromHeader(['k=host', 'k=domain; Domain=widget.example'], embed);
  await settle(a, b);
  assert.equal(b.size, 4);
  a.setFromHeader('__Host-id=; Max-Age=0; Secure; Path=/; Partitioned; SameSite=None', embed, { topLevelUrl: 'https://one.example/' });
  a.setFromHeader('k=; Max-Age=0', embed);
  await settle(a, b);
  assert.deepEqual(contents(b), contents(a));
  assert.deepEqual(b.cookies().map((cookie) => `${cookie.name}=${cookie.value}`), ['__Host-id=2', 'k=domain']);
  assert.equal(b.headerFor(embed, { topLevelUrl: 'https://two.example/' }), '__Host-id=2');
  assert.equal(b.headerFor(embed, { topLevelUrl: 'https://one.example/' }), '');
  assert.equal(b.headerFor(embed), 'k=domain');
});

/** A TCP proxy to the test server, whose connections the test can cut (a network break for one copy). */
async function proxy() {
  const sockets = new Set();
  let open = true;
  const front = createServer((socket) => {
    if (!open) return socket.destroy();
    const back = createConnection({ host: '127.0.0.1', port: server.port });
    for (const s of [socket, back]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    socket.pipe(back).pipe(socket);
    socket.on('close', () => back.destroy());
    back.on('close', () => socket.destroy());
  });
  await new Promise((resolve) => front.listen(0, '127.0.0.1', resolve));
  after(() => front.close());
  return {
    port: front.address().port,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
  };
}

test('a copy cut off from Redis keeps working, reports the outage once, and catches up from the log without missing or repeating a change', async () => {
  const key = newKey();
  const a = await jar(key);
  const link = await proxy();
  const b = await jar(key, { port: link.port });
  const heard = [];
  b.onChange(({ cause, cookie }) => heard.push(`${cause} ${cookie.name}`));
  link.cut();
  // b, on its own: its jar works; its changes wait.
  b.setFromHeader('offline=b', 'https://b.example/');
  assert.equal(b.headerFor('https://b.example/'), 'offline=b');
  await assert.rejects(b.flush(), Error);
  assert.equal(b.connected, false);
  // Meanwhile, 150 changes elsewhere, one batch each.
  for (let i = 0; i < 150; i++) {
    a.setFromHeader(`c${i}=1`, 'https://a.example/');
    await a.flush();
  }
  link.restore();
  await settle(a, b);
  assert.equal(b.connected, true);
  assert.equal(b.errors.length, 1, `one report for the outage: ${b.errors.map((e) => e.message)}`);
  assert.equal(a.headerFor('https://b.example/'), 'offline=b');
  assert.equal(b.cookies().length, 151);
  assert.deepEqual(contents(b), contents(a));
  // Each change heard once: b's own, then a's 150 in order.
  assert.deepEqual(heard, ['inserted offline', ...Array.from({ length: 150 }, (_, i) => `inserted c${i}`)]);
});

test('a copy whose missed changes are no longer in the log loads a snapshot, then follows the log', async () => {
  const key = newKey();
  const a = await jar(key);
  const link = await proxy();
  const b = await jar(key, { port: link.port });
  a.setFromHeader(['keep=1', 'gone=1'], 'https://a.example/');
  await settle(a, b);
  const heard = [];
  b.onChange(({ cause, cookie }) => heard.push(`${cause} ${cookie.name}=${cookie.value}`));
  link.cut();
  b.setFromHeader('mine=1', 'https://b.example/');
  a.setFromHeader(['keep=2', 'gone=; Max-Age=0', 'new=1'], 'https://a.example/');
  await a.flush();
  // The log no longer reaches back to b's version.
  await clients[0].xtrim(`${key}:log`, 'MAXLEN', 0);
  link.restore();
  await settle(a, b);
  assert.deepEqual(contents(b), contents(a));
  assert.equal(b.headerFor('https://a.example/'), 'keep=2; new=1');
  assert.equal(a.headerFor('https://b.example/'), 'mine=1');
  assert.deepEqual(heard.sort(), ['explicit gone=1', 'inserted keep=2', 'inserted mine=1', 'inserted new=1', 'overwritten keep=1']);
  // And it follows the log again.
  a.setFromHeader('after=1', 'https://a.example/');
  await settle(a, b);
  assert.equal(b.headerFor('https://a.example/'), 'keep=2; new=1; after=1');
});

test('Redis stopped and started again: the copies work alone meanwhile, report it, then catch up; nothing acknowledged is lost', async () => {
  const key = newKey();
  const a = await jar(key);
  const b = await jar(key);
  a.setFromHeader(['acked=1; Max-Age=3600', 'session=1'], 'https://example.com/');
  await a.flush();
  await server.kill();
  a.setFromHeader('while-down=a', 'https://example.com/');
  b.setFromHeader('while-down=b', 'https://other.example/');
  assert.equal(a.headerFor('https://example.com/'), 'acked=1; session=1; while-down=a');
  await assert.rejects(a.flush(), Error);
  assert.equal(a.connected, false);
  await server.start();
  await settle(a, b);
  assert.equal(b.headerFor('https://example.com/'), 'acked=1; session=1; while-down=a');
  assert.equal(a.headerFor('https://other.example/'), 'while-down=b');
  assert.equal(a.errors.length, 1);
  assert.ok(a.errors[0] instanceof Error);
  assert.ok(b.errors.length >= 1);
  assert.deepEqual(contents(a), contents(b));
});

test('entries that something else wrote under the key are reported and left out; the copies go on', async () => {
  const { key, all: [a, b] } = await copies(2);
  const redis = clients[0];
  a.setFromHeader('before=1', 'https://example.com/');
  await settle(a, b);
  // A foreign batch in the log (under the next version), and foreign entries in the hash.
  const version = await redis.hincrby(`${key}:meta`, 'version', 1);
  await redis.xadd(`${key}:log`, `${version}-0`, 'w', '1', 'c', 'not JSON');
  await redis.hset(`${key}:cookies`, 'garbage', '{"i":"x"}', '["a","example.com",true,"/",null]', JSON.stringify({ i: '["a","example.com",true,"/",null]', s: [1, 2, 3], c: [1, 2, 3], r: { name: 'a', value: 1, domain: 'example.com', hostOnly: true, path: '/', partitionKey: null, creationTime: 1 } }));
  a.setFromHeader('after=1', 'https://example.com/');
  await settle(a, b);
  assert.equal(b.headerFor('https://example.com/'), 'before=1; after=1');
  assert.equal(b.errors.length, 1);
  assert.match(b.errors[0].message, /did not write/);
  // A copy that joins now: the foreign entries reported, the others loaded.
  const c = await jar(key);
  assert.equal(c.headerFor('https://example.com/'), 'before=1; after=1');
  assert.deepEqual(c.errors.map((error) => error.constructor.name), ['TypeError', 'TypeError']);
  assert.match(c.errors.map((error) => error.message).join(' | '), /did not write.*\| .*cannot import|cannot import.*\| .*did not write/);
});

test('bad arguments are TypeErrors and RangeErrors; a shared jar is made only by sharedJar', async () => {
  const redis = client();
  await assert.rejects(sharedJar(null, { key: 'k' }), /ioredis client/);
  await assert.rejects(sharedJar({}, { key: 'k' }), TypeError);
  await assert.rejects(sharedJar(redis), /options with a key/);
  await assert.rejects(sharedJar(redis, { key: '' }), TypeError);
  await assert.rejects(sharedJar(redis, { key: 'k', onError: 'log' }), TypeError);
  await assert.rejects(sharedJar(redis, { key: 'k', retentionMs: -1 }), RangeError);
  await assert.rejects(sharedJar(redis, { key: 'k', streamLength: 0 }), RangeError);
  await assert.rejects(sharedJar(redis, { key: 'k', maxAgeSecs: 1 }), /maxAgeSecs/, 'the local jar checks its own options');
  assert.throws(() => new SharedCookieJar(), /sharedJar/);
  assert.throws(() => SharedCookieJar.fromJSON({ version: 1, cookies: [] }), TypeError);
  // A server that is not there: sharedJar rejects (the first load is not retried).
  const nowhere = new Redis({ port: 1, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
  nowhere.on('error', () => {});
  await assert.rejects(sharedJar(nowhere, { key: 'k' }), Error);
  nowhere.disconnect();
});

test('close stops sharing; the jar stays a local jar', async () => {
  const key = newKey();
  const a = await jar(key);
  const b = await jar(key);
  a.setFromHeader('before=1', 'https://example.com/');
  await a.close();
  await b.sync();
  assert.equal(b.headerFor('https://example.com/'), 'before=1');
  a.setFromHeader('after=1', 'https://example.com/');
  assert.equal(a.headerFor('https://example.com/'), 'before=1; after=1');
  b.setFromHeader('from-b=1', 'https://example.com/');
  await settle(b);
  assert.equal(a.headerFor('https://example.com/'), 'before=1; after=1');
  assert.equal(b.headerFor('https://example.com/'), 'before=1; from-b=1');
  a.free();
  assert.throws(() => a.headerFor('https://example.com/'), /freed/);
  // `using` (Symbol.dispose) stops sharing too: its reading connection closes.
  if (typeof Symbol.dispose === 'symbol') {
    const c = await jar(key);
    c[Symbol.dispose]();
    assert.throws(() => c.size, /freed/);
    b.setFromHeader('after-dispose=1', 'https://example.com/');
    await b.sync();
  }
});

test('every method of CookieJar that can change the jar is one the shared jar sends changes of', () => {
  // The shared jar listens for changes only during the calls that can make them (so that a
  // retrieval costs what it costs in a plain jar): a new method that changes the jar must be
  // added to its overrides, or its changes stay in this copy.
  const readOnly = ['constructor', 'headerFor', 'explainRequest', 'cookies', 'export', 'toJSON', 'toNetscape', 'toLWP', 'toToughCookie', 'toPlaywright', 'toCDP', 'size', 'setPolicy', 'save'];
  const methods = new Set();
  for (let proto = CookieJar.prototype; proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) methods.add(name);
  }
  const own = Object.getOwnPropertyNames(SharedCookieJar.prototype);
  const unshared = [...methods].filter((name) => !readOnly.includes(name) && !own.includes(name));
  assert.deepEqual(unshared, []);
  assert.ok(['setFromHeader', 'setCookie', 'delete', 'clear', 'removeExpired', 'endSession', 'import', 'onChange', 'flush', 'free'].every((name) => own.includes(name)));
});
