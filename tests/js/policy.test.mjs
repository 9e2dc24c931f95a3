// Policies through the packed package: domain lists, third-party modes, unspecified SameSite,
// the Lax-allowing-unsafe window, and the accept and send callbacks (accepting, refusing,
// throwing, re-entering), each with its code in setCookie and explainRequest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importPackage } from './support.mjs';

const { CookieJar } = await importPackage();
const T0 = Date.UTC(2026, 0, 1);

function jarWith(policy, options = {}) {
  const clock = { now: T0 };
  return { jar: new CookieJar({ now: () => clock.now, policy, ...options }), clock };
}

test('blocked and allowed domains: codes, and messages that name the entry', () => {
  const { jar } = jarWith({ blockedDomains: ['ads.example', '.tracker.example', 'bücher.example'], allowedDomains: ['.example', '.xn--bcher-kva.example'] });
  const cases = [
    ['a=1', 'https://ads.example/', 'blocked-domain', /"ads\.example"/],
    ['a=1', 'https://www.ads.example/', null],
    ['a=1; Domain=ads.example', 'https://www.ads.example/', 'blocked-domain', /"ads\.example"/],
    ['a=1', 'https://x.tracker.example/', 'blocked-domain', /"\.tracker\.example"/],
    // An IDN entry is matched, and named, in its ASCII form, as a URL's host is.
    ['a=1', 'https://bücher.example/', 'blocked-domain', /"xn--bcher-kva\.example"/],
    ['a=1', 'https://news.example/', null],
    ['a=1', 'https://elsewhere.test/', 'not-allowed-domain', /allowedDomains/],
  ];
  for (const [line, url, code, message] of cases) {
    const decision = jar.setCookie(line, url);
    assert.equal(decision.code, code, `${line} from ${url}`);
    if (message) assert.match(decision.message, message, url);
  }
  assert.equal(jar.headerFor('https://news.example/'), 'a=1');

  // Cookies stored before the policy are withheld with the same codes.
  const { jar: before } = jarWith(undefined);
  before.setFromHeader('a=1', 'https://ads.example/');
  before.setPolicy({ blockedDomains: ['.ads.example'] });
  const [decision] = before.explainRequest('https://ads.example/');
  assert.deepEqual([decision.sent, decision.code], [false, 'blocked-domain']);
  assert.match(decision.message, /"\.ads\.example"/);
  assert.equal(before.headerFor('https://ads.example/'), '');
  before.setPolicy({ allowedDomains: ['news.example'] });
  assert.deepEqual(before.explainRequest('https://ads.example/').map((d) => [d.sent, d.code]), [[false, 'not-allowed-domain']]);
  before.setPolicy(undefined);
  assert.equal(before.headerFor('https://ads.example/'), 'a=1', 'undefined restores the default');
});

test('third-party modes, by topLevelUrl and navigation or by context.sameSite', () => {
  const embed = 'https://embed.example/';
  const lines = ['plain=1; SameSite=None; Secure', 'chip=1; SameSite=None; Secure; Partitioned'];
  const subresource = { topLevelUrl: 'https://top.example/' };
  const navigation = { topLevelUrl: 'https://top.example/', navigation: true };
  const cases = [
    ['allow', subresource, 'plain=1; chip=1'],
    ['block', subresource, ''],
    ['block', navigation, 'plain=1; chip=1'],
    ['block', {}, 'plain=1; chip=1'],
    ['partitioned-only', subresource, 'chip=1'],
    ['partitioned-only', { ...subresource, sameSite: 'none' }, 'chip=1'],
    ['partitioned-only', { sameSite: 'strict' }, 'plain=1; chip=1'],
  ];
  for (const [thirdParty, context, want] of cases) {
    const { jar } = jarWith({ thirdParty });
    const decisions = lines.map((line) => jar.setCookie(line, embed, context));
    assert.equal(jar.headerFor(embed, context), want, `${thirdParty} ${JSON.stringify(context)}`);
    for (const decision of decisions) assert.ok(decision.stored || decision.code === 'third-party-blocked', JSON.stringify(decision));
    const withheld = jar.explainRequest(embed, context).filter((d) => !d.sent).map((d) => d.code);
    assert.ok(withheld.every((code) => code === 'third-party-blocked'));
  }
  // Cookies stored before the mode changed are withheld by it.
  const { jar } = jarWith(undefined);
  jar.setFromHeader(lines, embed, subresource);
  jar.setPolicy({ thirdParty: 'block' });
  assert.deepEqual(jar.explainRequest(embed, subresource).map((d) => d.code), ['third-party-blocked', 'third-party-blocked']);
});

test('context.sameSite: the SameSite relation without the sites', () => {
  const { jar } = jarWith(undefined);
  const url = 'https://site.example/';
  jar.setFromHeader(['strict=1; SameSite=Strict', 'lax=1; SameSite=Lax', 'none=1; SameSite=None; Secure'], url);
  assert.equal(jar.headerFor(url, { sameSite: 'strict' }), 'strict=1; lax=1; none=1');
  assert.equal(jar.headerFor(url, { sameSite: 'lax' }), 'lax=1; none=1');
  assert.equal(jar.headerFor(url, { sameSite: 'none' }), 'none=1');
  assert.equal(jar.setCookie('x=1; SameSite=Lax', url, { sameSite: 'none' }).code, 'samesite-from-cross-site-request');
  assert.throws(() => jar.headerFor(url, { sameSite: 'loose' }), TypeError);
});

test('unspecifiedSameSite and the Lax-allowing-unsafe window (its old option is an alias)', () => {
  const url = 'https://site.example/';
  const crossSite = { topLevelUrl: 'https://other.example/' };
  for (const [unspecifiedSameSite, stored, sent] of [
    ['lax', 'samesite-from-cross-site-request', ''],
    ['none', null, 'unset=1'],
  ]) {
    const { jar } = jarWith({ unspecifiedSameSite });
    assert.equal(jar.setCookie('unset=1', url, crossSite).code, stored, unspecifiedSameSite);
    jar.setFromHeader('unset=1', url);
    assert.equal(jar.headerFor(url, crossSite), sent, unspecifiedSameSite);
  }
  const post = { topLevelUrl: 'https://other.example/', navigation: true, method: 'POST' };
  for (const options of [{ policy: { laxAllowingUnsafeMs: 0 } }, { laxAllowingUnsafeMs: 0 }]) {
    const jar = new CookieJar({ now: () => T0, ...options });
    jar.setFromHeader('unset=1', url);
    assert.equal(jar.headerFor(url, post), '', JSON.stringify(options));
  }
  assert.equal(new CookieJar({ now: () => T0 }).headerFor(url, post), '');
  const { jar } = jarWith(undefined);
  jar.setFromHeader('unset=1', url);
  assert.equal(jar.headerFor(url, post), 'unset=1', 'by default, a new cookie rides a cross-site POST navigation');
  assert.throws(() => new CookieJar({ laxAllowingUnsafeMs: 0, policy: { laxAllowingUnsafeMs: 0 } }), /given twice/);
});

test('accept and send: called with a plain cookie, the URL and the context; refusals have codes', () => {
  const calls = [];
  const policy = {
    accept(cookie, url, context) {
      calls.push(['accept', cookie.name, url, context]);
      cookie.value = 'changed by the callback';
      return cookie.name !== 'tracker';
    },
    send(cookie, url) {
      calls.push(['send', cookie.name, url]);
      return cookie.name !== 'private';
    },
  };
  const { jar } = jarWith(policy);
  const url = 'https://www.example.com/';
  const context = { method: 'GET' };
  assert.equal(jar.setFromHeader(['a=1', 'tracker=1', 'private=1', 'bad=1; Domain=com'], url, context), 2);
  assert.deepEqual(calls, [
    ['accept', 'a', url, context],
    ['accept', 'tracker', url, context],
    ['accept', 'private', url, context],
  ]);
  assert.deepEqual(jar.cookies().map((c) => `${c.name}=${c.value}`), ['a=1', 'private=1'], 'a callback cannot change the jar through its argument');
  assert.equal(jar.setCookie('tracker=2', url).code, 'rejected-by-policy');
  calls.length = 0;
  assert.equal(jar.headerFor(url), 'a=1');
  assert.deepEqual(calls.map(([kind, name]) => `${kind} ${name}`), ['send a', 'send private']);
  const explained = jar.explainRequest(url).map((d) => [d.cookie.name, d.code]);
  assert.deepEqual(explained, [['a', null], ['private', 'withheld-by-policy']]);
  assert.deepEqual(jar.cookies(url).map((c) => c.name), ['a']);
  // A callback's object has every field, as cookies() gives it.
  let seen;
  jar.setPolicy({ send: (cookie) => ((seen = cookie), true) });
  jar.headerFor(url);
  assert.deepEqual(seen, jar.cookies().find((c) => c.name === seen.name));
  assert.deepEqual(Object.keys(seen), Object.keys(jar.cookies()[0]));
});

test('a callback that throws: the call throws, naming it, and the jar is exactly as before', () => {
  const failure = new Error('lookup failed');
  const { jar } = jarWith({ accept: (cookie) => (cookie.name === 'boom' ? (() => { throw failure; })() : true) });
  const url = 'https://www.example.com/';
  jar.setFromHeader(['old=1', 'keep=1; Max-Age=60'], url);
  const changes = [];
  jar.onChange((change) => changes.push(change.cause));
  const before = jar.cookies();
  assert.throws(
    () => jar.setFromHeader(['old=2', 'new=1', 'boom=1', 'after=1'], url),
    (e) => e instanceof Error && /the policy's accept callback threw: lookup failed/.test(e.message) && e.cause === failure,
  );
  assert.deepEqual(jar.cookies(), before, 'none of the lines stored, the replaced cookie back');
  assert.deepEqual(changes, [], 'no change event for an undone call');
  assert.equal(jar.setCookie('new=1', url).outcome, 'new', 'the jar goes on');

  const { jar: sending } = jarWith({ send: () => { throw 'not an Error'; } });
  sending.setFromHeader('a=1; Max-Age=1', url);
  const snapshot = JSON.stringify(sending.cookies());
  assert.throws(() => sending.headerFor(url), /send callback threw: not an Error/);
  assert.throws(() => sending.explainRequest(url), /send callback threw/);
  assert.equal(JSON.stringify(sending.cookies()), snapshot, 'no last-access update');

  const { jar: wrong } = jarWith({ accept: () => 'yes' });
  assert.throws(() => wrong.setCookie('a=1', url), (e) => e instanceof TypeError && /accept must return true or false/.test(e.message));
  assert.equal(wrong.size, 0);
});

test('a callback that calls back into the jar gets a clear error; the jar is intact', () => {
  let jar;
  let inner;
  ({ jar } = jarWith({
    send() {
      try {
        jar.headerFor('https://www.example.com/');
      } catch (error) {
        inner = error;
        throw error;
      }
      return true;
    },
  }));
  jar.setFromHeader('a=1', 'https://www.example.com/');
  assert.throws(() => jar.headerFor('https://www.example.com/'), /send callback threw: a policy callback cannot use the jar/);
  assert.ok(inner instanceof Error);
  jar.setPolicy(undefined);
  assert.equal(jar.headerFor('https://www.example.com/'), 'a=1', 'the jar answers once the call is over');
});

test('a bad policy is a TypeError naming the field, at construction and in setPolicy', () => {
  const bad = [
    [{ accept: 'yes' }, /policy\.accept must be a function/],
    [{ send: 5 }, /policy\.send must be a function/],
    [{ blockedDomains: 'example.com' }, /policy\.blockedDomains must be an array/],
    [{ blockedDomains: [5] }, /policy\.blockedDomains must be an array of strings/],
    [{ allowedDomains: ['exa mple.com'] }, /policy\.allowedDomains: "exa mple\.com" is not a host/],
    [{ thirdParty: 'deny' }, /policy\.thirdParty/],
    [{ unspecifiedSameSite: 'strict' }, /policy\.unspecifiedSameSite/],
    [{ blockDomains: [] }, /'blockDomains'/],
    ['strict', /policy must be an object/],
  ];
  for (const [policy, message] of bad) {
    assert.throws(() => new CookieJar({ policy }), (e) => e instanceof TypeError && message.test(e.message), JSON.stringify(policy));
    const jar = new CookieJar({ policy: { blockedDomains: ['kept.example'] } });
    assert.throws(() => jar.setPolicy(policy), (e) => e instanceof TypeError && message.test(e.message));
    assert.equal(jar.setCookie('a=1', 'https://kept.example/').code, 'blocked-domain', 'a refused policy leaves the old one');
  }
  assert.throws(() => new CookieJar({ policy: { laxAllowingUnsafeMs: -5 } }), RangeError);
});
