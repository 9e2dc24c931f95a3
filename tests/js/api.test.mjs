// The JavaScript API of the packed package: arguments, errors, options, decisions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importPackage } from './support.mjs';

const { CookieJar } = await importPackage();
const T0 = Date.UTC(2026, 0, 1);

function pinnedJar(options = {}) {
  const clock = { now: T0 };
  const jar = new CookieJar({ now: () => clock.now, ...options });
  return { jar, clock };
}

test('set and get, with string and URL arguments', () => {
  const { jar } = pinnedJar();
  assert.equal(jar.setFromHeader('a=1', 'https://www.example.com/'), 1);
  assert.equal(jar.setFromHeader(['b=2; Domain=example.com', 'c=3; Secure', 'bad=1; Domain=other.com'], new URL('https://www.example.com/x')), 2);
  assert.equal(jar.headerFor('https://www.example.com/'), 'a=1; b=2; c=3');
  assert.equal(jar.headerFor(new URL('http://www.example.com/')), 'a=1; b=2');
  assert.equal(jar.headerFor('https://api.example.com/'), 'b=2');
  assert.equal(jar.headerFor('https://elsewhere.test/'), '');
  assert.equal(jar.size, 3);
});

test('setCookie says what happened and why', () => {
  const { jar } = pinnedJar();
  assert.deepEqual(jar.setCookie('a=1', 'https://example.com/'), { stored: true, outcome: 'new', code: null, message: null, warning: null });
  assert.deepEqual(jar.setCookie('a=2', 'https://example.com/'), { stored: true, outcome: 'replaced', code: null, message: null, warning: null });
  assert.deepEqual(jar.setCookie('a=; Max-Age=0', 'https://example.com/'), { stored: false, outcome: 'deleted', code: null, message: null, warning: null });
  assert.deepEqual(jar.setCookie('a=; Max-Age=0', 'https://example.com/'), { stored: false, outcome: 'expired', code: null, message: null, warning: null });
  const rejected = jar.setCookie('__Host-id=1; Secure; Domain=example.com; Path=/', 'https://example.com/');
  assert.equal(rejected.stored, false);
  assert.equal(rejected.outcome, 'rejected');
  assert.equal(rejected.code, 'host-prefix');
  assert.match(rejected.message, /__Host- .*6265bis 5\.7 step 21/);
  const cases = [
    ['a=1; Secure', 'http://example.com/', 'secure-from-insecure-origin'],
    ['a=1; Domain=co.uk', 'https://example.co.uk/', 'domain-is-public-suffix'],
    ['a=1; SameSite=None', 'https://example.com/', 'samesite-none-without-secure'],
    ['a=\u0001', 'https://example.com/', 'control-character'],
    ['a=1', 'ftp://example.com/', 'non-cookieable-scheme'],
  ];
  for (const [line, url, code] of cases) assert.equal(jar.setCookie(line, url).code, code, line);
  assert.equal(jar.size, 0);
});

test('cookies() returns every field as plain values', () => {
  const { jar, clock } = pinnedJar();
  jar.setFromHeader('id=7; Domain=Example.com; Path=/app; Max-Age=60; Secure; HttpOnly; SameSite=Strict; Priority=High', 'https://www.example.com/');
  clock.now += 1000;
  jar.headerFor('https://www.example.com/app');
  assert.deepEqual(jar.cookies(), [
    {
      name: 'id',
      value: '7',
      domain: 'example.com',
      path: '/app',
      expires: T0 + 60_000,
      creationTime: T0,
      lastAccessTime: T0 + 1000,
      hostOnly: false,
      secure: true,
      httpOnly: true,
      sameSite: 'strict',
      partitionKey: null,
      priority: 'high',
    },
  ]);
  assert.deepEqual(jar.cookies('https://www.example.com/other'), []);
  assert.equal(jar.cookies('https://www.example.com/app/x').length, 1);
  assert.deepEqual(JSON.parse(JSON.stringify(jar.cookies())), jar.cookies(), 'JSON-safe');
});

test('cookies() lists every cookie oldest first, across sites; a replaced one keeps its place', () => {
  const { jar } = pinnedJar();
  jar.setFromHeader('z=1', 'https://zeta.example/');
  jar.setFromHeader(['a=1', 'b=1; Domain=alpha.example'], 'https://www.alpha.example/');
  jar.setFromHeader('m=1', 'http://127.0.0.1/');
  jar.setFromHeader('z=2', 'https://zeta.example/');
  assert.deepEqual(jar.cookies().map(({ name, value }) => `${name}=${value}`), ['z=2', 'a=1', 'b=1', 'm=1']);
});

test('explainRequest lists sent and withheld cookies with reasons, and changes nothing', () => {
  const { jar, clock } = pinnedJar();
  jar.setFromHeader(['s=1; Secure', 'h=1; HttpOnly', 'p=1; Path=/private', 'plain=1'], 'https://example.com/');
  clock.now += 5000;
  const decisions = jar.explainRequest('http://example.com/', { api: 'script' });
  assert.deepEqual(
    decisions.map((d) => [d.cookie.name, d.sent, d.code]),
    [
      ['plain', true, null],
      // Withheld cookies follow, in header order too (longer paths first).
      ['p', false, 'path-mismatch'],
      ['s', false, 'secure'],
      ['h', false, 'httponly'],
    ],
  );
  assert.ok(decisions.every((d) => d.cookie.lastAccessTime === T0), 'no last-access update');
});

test('contexts: script API, SameSite, partitions', () => {
  const { jar } = pinnedJar();
  const site = 'https://site.example/';
  jar.setFromHeader(['strict=1; SameSite=Strict', 'lax=1; SameSite=Lax', 'none=1; SameSite=None; Secure', 'http=1; HttpOnly'], site);
  assert.equal(jar.headerFor(site, { api: 'script' }), 'strict=1; lax=1; none=1');
  assert.equal(jar.headerFor(site, { topLevelUrl: 'https://other.example/' }), 'none=1');
  assert.equal(jar.headerFor(site, { topLevelUrl: 'https://other.example/', navigation: true }), 'lax=1; none=1; http=1');
  assert.equal(jar.headerFor(site, { topLevelUrl: 'https://other.example/', navigation: true, method: 'post' }), 'none=1; http=1');
  assert.equal(jar.headerFor(site, { topLevelUrl: new URL('https://www.site.example/') }), 'strict=1; lax=1; none=1; http=1');
  assert.equal(jar.headerFor(site, { siteForCookies: null }), 'none=1');
  assert.equal(jar.headerFor(site, { topLevelUrl: 'https://site.example/', siteForCookies: 'https://other.example/' }), 'none=1');

  assert.equal(jar.setCookie('x=1', site, { topLevelUrl: 'https://other.example/' }).code, 'samesite-from-cross-site-request');
  assert.equal(jar.setCookie('x=1; HttpOnly', site, { api: 'script' }).code, 'httponly-from-non-http-api');

  const embedded = { topLevelUrl: 'https://top.example/page' };
  assert.equal(jar.setCookie('chip=1; Secure; SameSite=None; Partitioned', 'https://embed.example/', embedded).outcome, 'new');
  assert.equal(jar.cookies().find((c) => c.name === 'chip').partitionKey, 'https://top.example');
  assert.equal(jar.headerFor('https://embed.example/', embedded), 'chip=1');
  assert.equal(jar.headerFor('https://embed.example/', { topLevelUrl: 'https://elsewhere.example/' }), '');
});

test('the clock option decides expiry, and its exceptions pass through unchanged', () => {
  const { jar, clock } = pinnedJar();
  jar.setFromHeader(['short=1; Max-Age=10', 'session=1'], 'https://example.com/');
  clock.now += 10_000;
  assert.equal(jar.headerFor('https://example.com/'), 'session=1');
  assert.equal(jar.endSession(), 1);
  assert.equal(jar.size, 0);

  const failure = new Error('clock failure');
  const broken = new CookieJar({ now: () => { throw failure; } });
  assert.throws(() => broken.headerFor('https://example.com/'), (e) => e === failure);
  const wrong = new CookieJar({ now: () => 'soon' });
  assert.throws(() => wrong.headerFor('https://example.com/'), TypeError);
});

test('bad arguments throw TypeError or RangeError and leave the jar unchanged', () => {
  const { jar } = pinnedJar();
  jar.setFromHeader('keep=1', 'https://example.com/');
  const before = jar.cookies();
  const typeErrors = [
    () => jar.setFromHeader(42, 'https://example.com/'),
    () => jar.setFromHeader(['a=1', 7], 'https://example.com/'),
    () => jar.setFromHeader('a=1', 'not a url'),
    () => jar.setFromHeader('a=1', { href: 'https://example.com/' }),
    () => jar.setFromHeader('a=1'),
    () => jar.setFromHeader('a=1', 'https://example.com/', { api: 'javascript' }),
    () => jar.setFromHeader('a=1', 'https://example.com/', { topLevelUrl: 'nope' }),
    () => jar.setFromHeader('a=1', 'https://example.com/', 'context'),
    () => jar.setFromHeader('a=1', 'https://example.com/', { navigation: 'yes' }),
    () => jar.setCookie(undefined, 'https://example.com/'),
    () => jar.headerFor(),
    () => jar.headerFor('https://exa mple.com/'),
    () => jar.delete('keep'),
    () => jar.delete(1, { domain: 'example.com' }),
    () => new CookieJar({ now: 5 }),
    () => new CookieJar('options'),
  ];
  for (const call of typeErrors) {
    assert.throws(call, (e) => e instanceof TypeError && e.message.length > 10, call.toString());
  }
  assert.throws(() => new CookieJar({ limits: { perSite: 10, perSitePurgeTo: 20 } }), RangeError);
  assert.throws(() => new CookieJar({ limits: { total: -1 } }), RangeError);
  assert.throws(() => new CookieJar({ maxAgeSeconds: 1.5 }), RangeError);
  assert.deepEqual(jar.cookies(), before);
  assert.equal(jar.headerFor('https://example.com/'), 'keep=1');
});

test('limits are configurable and enforced', () => {
  const { jar } = pinnedJar({ limits: { perSite: 5, perSitePurgeTo: 3, total: 8, totalPurgeTo: 6 } });
  for (let i = 0; i < 6; i++) jar.setFromHeader(`c${i}=1`, 'https://example.com/');
  assert.equal(jar.size, 3);
  for (let i = 0; i < 6; i++) jar.setFromHeader(`c=1`, `https://site${i}.example/`);
  assert.equal(jar.size, 6);
});

test('delete, clear and removeExpired', () => {
  const { jar, clock } = pinnedJar();
  jar.setFromHeader(['a=1', 'a=2; Path=/x', 'b=1; Max-Age=1'], 'https://www.example.com/');
  assert.equal(jar.delete('a', { domain: 'www.example.com', path: '/x' }), 1);
  assert.equal(jar.delete('a', { domain: '.WWW.example.com' }), 1);
  assert.equal(jar.delete('a', { domain: 'www.example.com' }), 0);
  clock.now += 1000;
  assert.equal(jar.removeExpired(), 1);
  jar.setFromHeader('c=1', 'https://www.example.com/');
  jar.clear();
  assert.equal(jar.size, 0);
});
