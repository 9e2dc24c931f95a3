// The transfer calls: `headerFor(url)` and `setFromHeader(lines, url)` with string arguments and
// no context take a shorter way into wasm (js/transfer.js, src/wasm/transfer.rs). A call with a
// context object, even an empty one, takes the general methods: twin jars on one pinned clock,
// one called without a context and one with `{}`, check that the short way gives the same
// answers, and that it hands every other case to the general methods.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importPackage, requirePackage } from './support.mjs';

const { CookieJar } = await importPackage();

/** A jar on the transfer calls and a jar on the general methods, fed the same calls at the same times. */
function twinJars(Jar = CookieJar, options = {}) {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const fast = new Jar({ ...options, now: () => clock.now });
  const general = new Jar({ ...options, now: () => clock.now });
  /** `call(jar, context)`: `context` is undefined for the fast jar, `{}` for the general one. */
  const both = (call) => {
    const answers = [call(fast, undefined), call(general, {})];
    assert.deepEqual(answers[0], answers[1]);
    return answers[0];
  };
  const stored = () => [fast, general].map((jar) => jar.cookies());
  return { fast, general, both, stored, clock };
}

test('the transfer calls answer as the general methods do', () => {
  const { both, stored } = twinJars();
  const lines = [
    ['sid=1; Path=/; Secure; HttpOnly', 'https://www.example.com/'],
    ['pref=dark; Domain=example.com; Max-Age=3600', 'https://www.example.com/a/b'],
    ['deep=1; Path=/a', 'https://www.example.com/'],
    ['__Host-id=2; Path=/; Secure', 'https://api.example.com/'],
    ['bad=1; Domain=other.test', 'https://www.example.com/'],
    ['insecure=1; Secure', 'http://www.example.com/'],
    ['nameless', 'https://www.example.com/'],
    ['utf8=café ☕', 'https://www.example.com/'],
    ['ctl=a\u0001b', 'https://www.example.com/'],
    ['ip=1', 'http://127.0.0.1:8080/'],
    ['x=1', 'ftp://example.com/'],
    // Not canonical: the general method parses these with the host's URL.
    ['upper=1', 'https://WWW.Example.COM/'],
    ['idn=1', 'https://bücher.example/'],
    ['dots=1; Path=/x', 'https://www.example.com/a/../x/y'],
  ];
  let total = 0;
  for (const [line, url] of lines) total += both((jar, context) => jar.setFromHeader(line, url, context));
  assert.equal(total, 10);
  assert.equal(both((jar, context) => jar.setFromHeader(['a=1', 'b=2; Secure', 'c=3; Domain=evil.test'], 'https://shop.example.com/', context)), 2);
  assert.equal(both((jar, context) => jar.setFromHeader([], 'https://shop.example.com/', context)), 0);
  assert.equal(both((jar, context) => jar.setFromHeader(['a=1', 'd=4'], 'https://SHOP.example.com/', context)), 2);
  for (const url of [
    'https://www.example.com/',
    'https://www.example.com/a/b?q=1#f',
    'http://www.example.com/a',
    'https://api.example.com/',
    'https://shop.example.com/x',
    'https://WWW.EXAMPLE.com/a',
    'https://xn--bcher-kva.example/',
    'https://bücher.example/',
    'http://127.0.0.1:8080/',
    'https://www.example.com/x/y',
    'https://unrelated.test/',
    'ftp://www.example.com/',
  ]) {
    both((jar, context) => jar.headerFor(url, context));
  }
  assert.equal(both((jar, context) => jar.headerFor('https://www.example.com/a/b', context)), 'pref=dark; deep=1; sid=1; nameless; utf8=café ☕; upper=1');
  const [fast, general] = stored();
  assert.deepEqual(fast, general);
  assert.equal(fast.length, 13);
});

test('bad arguments still throw, and change nothing', () => {
  const { fast } = twinJars();
  assert.throws(() => fast.headerFor(42), TypeError);
  assert.throws(() => fast.headerFor('not a url'), TypeError);
  assert.throws(() => fast.setFromHeader(42, 'https://example.com/'), TypeError);
  assert.throws(() => fast.setFromHeader(['a=1', 42], 'https://example.com/'), TypeError);
  assert.throws(() => fast.setFromHeader('a=1', ''), TypeError);
  assert.equal(fast.size, 0);
  fast.free();
  assert.throws(() => fast.headerFor('https://example.com/'), /freed/);
});

test('long non-ASCII URLs, lines and headers: the transfer calls encode them whole', () => {
  const { both, stored } = twinJars();
  // 2, 3 and 4 UTF-8 bytes per character, and a lone surrogate (encoded as U+FFFD).
  const path = `/${'é'.repeat(3000)}/${'☃'.repeat(2000)}/${'😀'.repeat(1000)}\ud800`;
  const url = `https://example.com${path}`;
  const values = ['é'.repeat(1300), '☃'.repeat(1300), '😀'.repeat(900), 'a\ud800b'];
  assert.equal(both((jar, context) => jar.setFromHeader(values.map((value, i) => `n${i}=${value}; Path=/`), url, context)), 4);
  const header = both((jar, context) => jar.headerFor(url, context));
  assert.equal(header, values.map((value, i) => `n${i}=${value.replace('\ud800', '\ufffd')}`).join('; '));
  assert.equal(both((jar, context) => jar.headerFor(`https://example.com/${'ü'.repeat(5000)}`, context)), header);
  // Its default-path is over 1024 octets: refused both ways (path-too-long); a shorter one is not.
  assert.equal(both((jar, context) => jar.setFromHeader('deep=1', url, context)), 0);
  const shorter = `https://example.com/${'é'.repeat(100)}/${'😀'.repeat(10)}\ud800`;
  assert.equal(both((jar, context) => jar.setFromHeader('deep=1', shorter, context)), 1);
  assert.deepEqual(stored()[0], stored()[1]);
  assert.equal(stored()[0].find((c) => c.name === 'deep').path, new URL(shorter).pathname.slice(0, new URL(shorter).pathname.lastIndexOf('/')));
});

test('long lines and headers grow the transfer buffer', () => {
  const { both } = twinJars();
  const value = 'v'.repeat(3000);
  for (let i = 0; i < 40; i++) both((jar, context) => jar.setFromHeader(`c${i}=${value}${i}; Path=/`, 'https://example.com/', context));
  const header = both((jar, context) => jar.headerFor('https://example.com/', context));
  assert.equal(header.split('; ').length, 40);
  assert.ok(header.length > 120_000);
  // The header overwrote the URL kept in the buffer: the same URL again is sent again.
  assert.equal(both((jar, context) => jar.headerFor('https://example.com/', context)), header);
  assert.equal(both((jar, context) => jar.setFromHeader('c0=again; Path=/', 'https://example.com/', context)), 1);
  assert.equal(both((jar, context) => jar.headerFor('https://example.com/', context)).split('; ')[0], 'c0=again');
  // A short call after a long one reads only its own bytes.
  both((jar, context) => jar.setFromHeader('short=1', 'https://short.example/', context));
  assert.equal(both((jar, context) => jar.headerFor('https://short.example/', context)), 'short=1');
});

test('jars keep their own buffers, and wasm memory growth between calls is harmless', () => {
  const one = new CookieJar();
  const two = new CookieJar();
  one.setFromHeader('one=1', 'https://one.example/');
  two.setFromHeader('two=2', 'https://two.example/');
  // Fill a third jar with over 4 MB of cookies, which grows wasm memory (its first size is about
  // 1 MB) and so detaches every view of the old memory.
  const filler = new CookieJar({ limits: { perSite: 1000, perSitePurgeTo: 1000, total: 100_000, totalPurgeTo: 100_000 } });
  for (let i = 0; i < 20_000; i++) filler.setFromHeader(`f${i}=${'x'.repeat(200)}`, `https://s${i % 500}.example/`);
  assert.equal(one.headerFor('https://one.example/'), 'one=1');
  assert.equal(two.headerFor('https://two.example/'), 'two=2');
  assert.equal(one.setFromHeader('more=3', 'https://one.example/'), 1);
  assert.equal(one.headerFor('https://one.example/'), 'one=1; more=3');
  filler.free();
});

test('CommonJS gets the same class', () => {
  const { CookieJar: Required } = requirePackage();
  const { both } = twinJars(Required);
  assert.equal(both((jar, context) => jar.setFromHeader(['a=1', 'b=2'], 'https://example.com/', context)), 2);
  assert.equal(both((jar, context) => jar.headerFor('https://example.com/', context)), 'a=1; b=2');
});

test('random lines and URLs: the transfer calls agree with the general methods', () => {
  const pieces = ['a', 'b', 'SID', '=', '=', ';', '; ', ' ', '\t', '\u0000', '\n', 'é', '☃', '__Host-', '__Secure-', 'Path=/', 'Path=/a', 'Path=', 'Domain=example.com', 'Domain=.Example.com', 'Domain=com', 'Domain=co.uk', 'Secure', 'HttpOnly', 'SameSite=Lax', 'SameSite=None', 'Partitioned', 'Max-Age=0', 'Max-Age=600', 'Expires=Fri, 01 Jan 2100 00:00:00 GMT', 'v'.repeat(300)];
  const urls = ['http://example.com/', 'https://www.example.com/a/b', 'https://api.example.com/a', 'https://WWW.example.com/a', 'https://example.co.uk/x/y', 'http://co.uk/', 'https://alice.github.io/', 'http://127.0.0.1:8080/a', 'http://[::1]/', 'https://bücher.example/', 'ws://example.com/socket', 'https://www.example.com/a/../b'];
  let seed = 0x2545f491;
  const below = (n) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const line = () => Array.from({ length: below(10) }, () => pieces[below(pieces.length)]).join('');
  // Small limits, so that eviction (least recently used first) takes part too.
  const limits = { perSite: 12, perSitePurgeTo: 9, total: 40, totalPurgeTo: 30 };
  const { both, stored, clock } = twinJars(CookieJar, { limits });
  for (let i = 0; i < 3000; i++) {
    clock.now += below(4) * 200_000;
    const url = urls[below(urls.length)];
    if (below(3) === 0) {
      both((jar, context) => jar.headerFor(url, context));
    } else {
      const lines = below(2) === 0 ? line() : Array.from({ length: below(5) }, line);
      both((jar, context) => jar.setFromHeader(lines, url, context));
    }
  }
  const [fast, general] = stored();
  assert.deepEqual(fast, general);
  assert.ok(fast.length > 20, `${fast.length} cookies stored`);
});
