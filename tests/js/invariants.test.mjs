// The jar's invariants through the packed package, over a fixed-seed random sequence of
// operations (the property tests of tests/invariants.rs do the same natively, with proptest):
// Secure cookies only to secure URLs, HttpOnly never to the script API, partitioned cookies only
// in their partition, domain and path matching, the limits, headerFor equal to the sent part of
// explainRequest, and the snapshot's round trip the identity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importPackage } from './support.mjs';

const { CookieJar } = await importPackage();

/** xorshift32: a failure replays from its seed. */
function generator(seed) {
  let x = seed;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  return { below: (n) => Math.floor(next() * n), pick: (items) => items[Math.floor(next() * items.length)] };
}

const URLS = ['http://example.com/', 'https://www.example.com/a/b', 'http://www.example.com/a/', 'https://shop.other.example/x', 'http://127.0.0.1/a', 'http://localhost/', 'https://other.example/'];
const NAMES = ['a', 'b', 'sid', '__Secure-s', '__Host-h', ''];
const ATTRIBUTES = ['Secure', 'HttpOnly', 'Path=/', 'Path=/a', 'Domain=example.com', 'Domain=co.uk', 'SameSite=None', 'SameSite=Strict', 'SameSite=Lax', 'Partitioned', 'Max-Age=0', 'Max-Age=60'];
const LIMITS = { perSite: 6, perSitePurgeTo: 4, total: 15, totalPurgeTo: 10, partitionedBytesPerSite: 60 };

const domainMatches = (host, domain) => host === domain || (host.endsWith(`.${domain}`) && !/^[\d.]+$/.test(host));
const pathMatches = (path, cookiePath) => path === cookiePath || (path.startsWith(cookiePath) && (cookiePath.endsWith('/') || path[cookiePath.length] === '/'));
// (The URLs' sites are their last two labels: no public suffix of more than one label here.)
const siteOf = (url) => `${url.protocol === 'https:' ? 'https' : 'http'}://${/^[\d.]+$/.test(url.hostname) ? url.hostname : url.hostname.split('.').slice(-2).join('.')}`;

test('invariants hold after every operation of 3,000 random ones', () => {
  const random = generator(0x2545f491);
  const clock = { now: Date.UTC(2026, 0, 1) };
  const jar = new CookieJar({ now: () => clock.now, limits: LIMITS });
  const context = () => ({
    api: random.below(4) === 0 ? 'script' : 'http',
    ...(random.below(2) === 0 ? { topLevelUrl: random.pick(URLS) } : {}),
    navigation: random.below(2) === 0,
  });
  let sentCookies = 0;
  for (let step = 0; step < 3000; step++) {
    const url = random.pick(URLS);
    const ctx = context();
    const op = random.below(10);
    if (op < 6) {
      const attributes = Array.from({ length: random.below(4) }, () => random.pick(ATTRIBUTES));
      const before = new Map(jar.cookies().map((c) => [`${c.name}|${c.domain}|${c.path}|${c.partitionKey}`, c]));
      jar.setCookie([`${random.pick(NAMES)}=v${step}`, ...attributes].join('; '), url, ctx);
      for (const cookie of jar.cookies()) {
        const old = before.get(`${cookie.name}|${cookie.domain}|${cookie.path}|${cookie.partitionKey}`);
        if (old?.value === cookie.value) continue;
        if (ctx.api === 'script') assert.ok(!cookie.httpOnly && !old?.httpOnly, `step ${step}: the script API set or overwrote an HttpOnly cookie`);
        if (url.startsWith('http:') && !/localhost|127\./.test(url)) assert.ok(!cookie.secure && !old?.secure, `step ${step}: an insecure origin set or overwrote a Secure cookie`);
      }
    } else if (op < 9) {
      const parsed = new URL(url);
      const explained = jar.explainRequest(url, ctx);
      const sent = explained.filter((d) => d.sent).map((d) => d.cookie);
      // CHIPS: the top-level document's site; a top-level navigation's document is the page it loads.
      const partition = ctx.topLevelUrl && !ctx.navigation ? siteOf(new URL(ctx.topLevelUrl)) : siteOf(parsed);
      for (const cookie of sent) {
        assert.ok(!cookie.secure || parsed.protocol === 'https:' || /localhost|127\./.test(url), `step ${step}: Secure to ${url}`);
        assert.ok(cookie.hostOnly ? cookie.domain === parsed.hostname : domainMatches(parsed.hostname, cookie.domain), `step ${step}: domain`);
        assert.ok(pathMatches(parsed.pathname, cookie.path), `step ${step}: path`);
        assert.ok(!cookie.httpOnly || ctx.api === 'http', `step ${step}: HttpOnly to the script API`);
        assert.ok(cookie.partitionKey === null || cookie.partitionKey === partition, `step ${step}: ${cookie.partitionKey} outside its partition ${partition}`);
      }
      assert.equal(jar.headerFor(url, ctx), sent.map((c) => (c.name === '' ? c.value : `${c.name}=${c.value}`)).join('; '), `step ${step}: headerFor is explainRequest's sent part`);
      sentCookies += sent.length;
    } else {
      clock.now += random.below(120_000);
    }
    const cookies = jar.cookies();
    assert.ok(cookies.length <= LIMITS.total, `step ${step}: ${cookies.length} cookies`);
    const groups = new Map();
    for (const c of cookies) {
      const key = `${c.domain.split('.').slice(-2).join('.')} ${c.partitionKey}`;
      const group = groups.get(key) ?? { count: 0, bytes: 0 };
      group.count++;
      group.bytes += c.name.length + c.value.length;
      groups.set(key, group);
      assert.ok(c.partitionKey === null || c.secure, `step ${step}: partitioned, not Secure`);
    }
    for (const [key, { count, bytes }] of groups) {
      assert.ok(count <= LIMITS.perSite, `step ${step}: ${key} has ${count}`);
      if (!key.endsWith(' null')) assert.ok(bytes <= LIMITS.partitionedBytesPerSite, `step ${step}: ${key} has ${bytes} bytes`);
    }
    if (step % 100 === 0) {
      const { jar: copy, skipped } = CookieJar.fromJSON(JSON.stringify(jar), { now: () => clock.now, limits: LIMITS });
      assert.deepEqual(skipped, []);
      assert.deepEqual(copy.cookies(), jar.cookies(), `step ${step}: the snapshot's round trip`);
      copy.free();
    }
  }
  assert.ok(sentCookies > 500, `the sequence sends cookies (${sentCookies})`);
});
