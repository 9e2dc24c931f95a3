// Saving and restoring jars through the packed package: our snapshot (toJSON/fromJSON), the
// formats of other tools (tough-cookie, cookies.txt, LWP, the DevTools protocol), imports into a
// jar, and hostile input. (Files: files.test.mjs; Playwright and IndexedDB in Chromium:
// browser.test.mjs; Python and curl: tests/interop.rs.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CookieJar as ToughJar } from 'tough-cookie';
import { importPackage } from './support.mjs';

const { CookieJar } = await importPackage();
const T0 = Date.UTC(2026, 0, 1);

/** A jar on a clock the test moves, filled from several sites, paths, partitions and times. */
function busyJar(options = {}) {
  const clock = { now: T0 };
  const jar = new CookieJar({ now: () => clock.now, ...options });
  const responses = [
    ['https://www.example.com/login', ['sid=1; Path=/; Secure; HttpOnly', 'pref=dark; Domain=example.com; Max-Age=86400', 'deep=1; Path=/a/b; Max-Age=600']],
    ['https://shop.example.co.uk/cart', ['cart=3; SameSite=Strict; Max-Age=3600', 'ads=1; Domain=example.co.uk; SameSite=None; Secure; Max-Age=60']],
    ['http://127.0.0.1:8080/', ['ip=1; Max-Age=100', '__Host-x=1']],
    ['https://alice.github.io/', ['page=1; Priority=High; Max-Age=1000']],
  ];
  for (const [url, lines] of responses) {
    jar.setFromHeader(lines, url);
    clock.now += 1000;
  }
  jar.setFromHeader('chip=1; Secure; SameSite=None; Partitioned; Max-Age=500', 'https://embed.example/', { topLevelUrl: 'https://top.example/' });
  clock.now += 1000;
  jar.setFromHeader('pref=light; Domain=example.com; Max-Age=86400', 'https://www.example.com/');
  jar.headerFor('https://www.example.com/a/b/c');
  return { jar, clock };
}

const URLS = ['https://www.example.com/a/b/c', 'http://www.example.com/', 'https://shop.example.co.uk/', 'https://x.example.co.uk/', 'http://127.0.0.1:8080/', 'https://alice.github.io/', 'https://www.example.com/'];

/** What the jar would send, to every URL above and to the partitioned frame. */
const headers = (jar) => [...URLS.map((url) => jar.headerFor(url)), jar.headerFor('https://embed.example/', { topLevelUrl: 'https://top.example/' })];

test('a snapshot round trip gives the same jar: cookies, times, order, headers, eviction', () => {
  const { jar, clock } = busyJar();
  const snapshot = JSON.parse(JSON.stringify(jar));
  assert.equal(snapshot.version, 1);
  // (127.0.0.1's `__Host-x=1` has no Secure: refused.)
  assert.equal(snapshot.cookies.length, 8);
  assert.deepEqual(snapshot.cookies, jar.cookies(), 'every field, oldest first');
  for (const text of [JSON.stringify(jar), snapshot]) {
    const { jar: copy, skipped } = CookieJar.fromJSON(text, { now: () => clock.now });
    assert.deepEqual(skipped, []);
    assert.deepEqual(copy.cookies(), jar.cookies());
    assert.deepEqual(copy.explainRequest('https://www.example.com/a/b/c'), jar.explainRequest('https://www.example.com/a/b/c'));
  }
  // Eviction too: fill both with the same new cookies under a small limit.
  const small = { limits: { perSite: 6, perSitePurgeTo: 4 } };
  const { jar: original } = busyJar(small);
  const { jar: copy } = CookieJar.fromJSON(JSON.stringify(original), { now: () => clock.now, ...small });
  for (const each of [original, copy]) {
    for (let i = 0; i < 5; i++) each.setFromHeader(`n${i}=1; Max-Age=900`, 'https://www.example.com/');
  }
  assert.deepEqual(copy.cookies().map((c) => c.name), original.cookies().map((c) => c.name));
  assert.deepEqual(headers(copy), headers(original));
});

test('toJSON keeps session cookies; the file formats save them only when asked', () => {
  const { jar } = busyJar();
  const names = (cookies) => cookies.map((c) => c.name).sort();
  assert.ok(names(jar.toJSON().cookies).includes('sid'));
  assert.ok(!names(jar.toJSON({ includeSession: false }).cookies).includes('sid'));
  assert.doesNotMatch(jar.toNetscape(), /\tsid\t/);
  assert.match(jar.toNetscape({ includeSession: true }), /\tsid\t1$/m);
  assert.doesNotMatch(jar.toLWP(), /sid=/);
  assert.match(jar.toLWP({ includeSession: true }), /Set-Cookie3: sid=/);
});

test('imports check every record like a received cookie, skip what fails with its position, and throw only for another format', () => {
  const snapshot = busyJar().jar.toJSON();
  snapshot.cookies.push(
    { ...snapshot.cookies[0], name: 'bad', domain: 'com', hostOnly: false },
    { ...snapshot.cookies[0], name: '__Host-bad', secure: false },
    { ...snapshot.cookies[0], name: 'old', expires: T0 - 1 },
  );
  const { jar, skipped } = CookieJar.fromJSON(snapshot, { now: () => T0 + 10_000 });
  assert.deepEqual(
    skipped.map(({ index, code }) => [index, code]),
    [
      [8, 'domain-is-public-suffix'],
      [9, 'host-prefix'],
      [10, 'expired'],
    ],
  );
  assert.ok(skipped.every((s) => s.message.length > 10));
  assert.equal(jar.size, 8);

  // Into a jar: what the import brings joins what is there; a twin is replaced.
  const target = new CookieJar({ now: () => T0 + 10_000 });
  target.setFromHeader(['sid=old; Path=/; Secure; HttpOnly', 'mine=1'], 'https://www.example.com/');
  const changes = [];
  target.onChange((change) => changes.push(`${change.cause} ${change.cookie.name}=${change.cookie.value}`));
  const result = target.import('json', snapshot);
  assert.equal(result.imported, 8);
  assert.equal(result.skipped.length, 3);
  assert.equal(target.headerFor('https://www.example.com/'), 'sid=1; pref=light; mine=1');
  assert.deepEqual(changes.slice(0, 2), ['overwritten sid=old', 'inserted sid=1']);

  // Not the format: a SyntaxError or TypeError naming where, and the jar is unchanged.
  const before = target.cookies();
  const refusals = [
    ['json', '{"version":1,"cookies":[{"name":', SyntaxError],
    ['json', { version: 2, cookies: [] }, TypeError],
    ['json', { version: 1, cookies: 5 }, TypeError],
    ['json', { version: 1, cookies: [{ ...snapshot.cookies[0], name: 7 }] }, TypeError],
    ['netscape', 'example.com\tTRUE\t/\n', SyntaxError],
    ['netscape', { not: 'text' }, TypeError],
    ['yaml', 'x', TypeError],
  ];
  for (const [format, data, type] of refusals) {
    assert.throws(() => target.import(format, data), (e) => e instanceof type && e.message.length > 10, `${format} ${JSON.stringify(data)}`);
  }
  assert.throws(() => target.import('json', { version: 1, cookies: [{ ...snapshot.cookies[0], name: 7 }] }), /cookie 0|index 0/);
  assert.throws(() => target.import('netscape', 'example.com\tTRUE\t/\n'), /line 1/);
  assert.deepEqual(target.cookies(), before);
});

test('tough-cookie 6 there and back', () => {
  const tough = new ToughJar();
  tough.setCookieSync('sid=1; Path=/; Secure; HttpOnly', 'https://www.example.com/login');
  tough.setCookieSync('pref=dark; Domain=example.com; Max-Age=86400; SameSite=Lax', 'https://www.example.com/');
  tough.setCookieSync('deep=1; Path=/a; Expires=Fri, 01 Jan 2100 00:00:00 GMT', 'https://www.example.com/');
  for (const data of [tough.serializeSync(), tough.toJSON(), JSON.stringify(tough.serializeSync())]) {
    const { jar, skipped } = CookieJar.fromToughCookie(data);
    assert.deepEqual(skipped, []);
    for (const url of ['https://www.example.com/a/x', 'http://api.example.com/']) {
      assert.equal(jar.headerFor(url), tough.getCookieStringSync(url), url);
    }
  }
  const { jar } = busyJar({ now: () => Date.now() });
  const back = ToughJar.deserializeSync(jar.toToughCookie({ includeSession: true }));
  for (const url of ['https://www.example.com/a/b/c', 'https://shop.example.co.uk/', 'https://alice.github.io/']) {
    assert.equal(back.getCookieStringSync(url), jar.headerFor(url), url);
  }
});

test('Chrome DevTools Protocol cookies (Puppeteer page.cookies()) there and back', () => {
  const expires = T0 / 1000 + 3600.5;
  const cdp = [
    { name: 'sid', value: '1', domain: 'www.example.com', path: '/', expires: -1, size: 4, httpOnly: true, secure: true, session: true, sameSite: 'Lax', priority: 'Medium', sameParty: false, sourceScheme: 'Secure', sourcePort: 443 },
    { name: 'pref', value: 'dark', domain: '.example.com', path: '/', expires, size: 8, httpOnly: false, secure: false, session: false, priority: 'High', sameParty: false, sourceScheme: 'Secure', sourcePort: 443 },
    { name: 'chip', value: '1', domain: 'embed.example', path: '/', expires, size: 5, httpOnly: false, secure: true, session: false, sameSite: 'None', partitionKey: { topLevelSite: 'https://top.example', hasCrossSiteAncestor: false } },
  ];
  const { jar, skipped } = CookieJar.fromCDP(cdp, { now: () => T0 });
  assert.deepEqual(skipped, []);
  assert.equal(jar.headerFor('https://www.example.com/'), 'sid=1; pref=dark');
  assert.equal(jar.headerFor('http://api.example.com/'), 'pref=dark');
  assert.equal(jar.headerFor('https://embed.example/', { topLevelUrl: 'https://top.example/' }), 'chip=1');
  const pref = jar.cookies().find((c) => c.name === 'pref');
  assert.deepEqual([pref.hostOnly, pref.expires, pref.priority], [false, T0 + 3_600_500, 'high']);
  assert.equal(CookieJar.fromCDP({ cookies: cdp }, { now: () => T0 }).jar.size, 3, 'Network.getCookies result');
  const back = CookieJar.fromCDP(jar.toCDP({ includeSession: true }), { now: () => T0 }).jar;
  assert.deepEqual(back.cookies().map((c) => [c.name, c.domain, c.hostOnly, c.secure, c.httpOnly, c.partitionKey]), jar.cookies().map((c) => [c.name, c.domain, c.hostOnly, c.secure, c.httpOnly, c.partitionKey]));
});

test('hostile input: truncated, prototype keys, 10 MB, deep nesting', () => {
  const text = JSON.stringify(busyJar().jar);
  for (let end = 0; end < text.length; end += 7) {
    assert.throws(() => CookieJar.fromJSON(text.slice(0, end)), (e) => e instanceof SyntaxError || e instanceof TypeError, `cut at ${end}`);
  }
  const polluting = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"version":1,"cookies":[{"__proto__":{"secure":true},"name":"a","value":"1","domain":"example.com","path":"/","expires":null,"creationTime":0,"lastAccessTime":0,"hostOnly":true,"secure":false,"httpOnly":false,"sameSite":"lax","partitionKey":null,"priority":"medium"}]}';
  for (const data of [polluting, JSON.parse(polluting)]) {
    const { jar } = CookieJar.fromJSON(data, { now: () => T0 });
    assert.equal(jar.headerFor('http://example.com/'), 'a=1');
    assert.equal(jar.cookies()[0].secure, false);
  }
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);

  const huge = { version: 1, cookies: [{ ...JSON.parse(polluting).cookies[0], value: 'v'.repeat(10 * 1024 * 1024) }] };
  assert.deepEqual(CookieJar.fromJSON(huge).skipped.map((s) => s.code), ['name-value-too-long']);
  const many = busyJar().jar.toNetscape({ includeSession: true }).repeat(40_000);
  assert.ok(many.length > 10 * 1024 * 1024);
  const once = CookieJar.fromNetscape(busyJar().jar.toNetscape({ includeSession: true })).jar.size;
  assert.equal(CookieJar.fromNetscape(many).jar.size, once, `the same ${once} cookies, 40,000 times over`);
  assert.throws(() => CookieJar.fromJSON('['.repeat(100_000)), SyntaxError);
  assert.throws(() => CookieJar.fromNetscape(`example.com\tFALSE\t/\tFALSE\t0\tname\n`), /line 1/);
  assert.deepEqual(CookieJar.fromNetscape(`example.com\tFALSE\t/\tFALSE\t0\tn\t${'v'.repeat(5000)}\n`).skipped.map((s) => [s.line, s.code]), [[1, 'name-value-too-long']]);
});
