// toughCompatible(jar): the methods of tough-cookie's CookieJar that HTTP clients call, over our
// jar: Promises, callbacks and *Sync twins; cookie objects as tough-cookie shows them; its options
// (http, sameSiteContext, ignoreError) as the jar's request context, beside tough-cookie 6 itself;
// and fetch-cookie 3 with Node's fetch across hosts. (got, axios, http-cookie-agent, undici:
// node22/clients.test.mjs.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { promisify } from 'node:util';
import fetchCookie from 'fetch-cookie';
import { CookieJar as ToughJar } from 'tough-cookie';
import { hops, importPackage, mapHostsToLoopback, recordingServer } from './support.mjs';

const { CookieJar, toughCompatible } = await importPackage();
const T0 = Date.UTC(2026, 0, 1);
const URL_ = 'https://www.example.com/';

test('the methods clients call, with the arities got reads', () => {
  const tough = toughCompatible(new CookieJar());
  for (const name of ['setCookie', 'setCookieSync', 'getCookies', 'getCookiesSync', 'getCookieString', 'getCookieStringSync']) assert.equal(typeof tough[name], 'function', name);
  // got takes a jar whose setCookie has four parameters and getCookieString none for callback style
  // (tough-cookie before 5); these have tough-cookie 6's arities, four and three, so got calls
  // them as Promises, as it calls tough-cookie 6's.
  const theirs = new ToughJar();
  assert.deepEqual([tough.setCookie.length, tough.getCookieString.length], [4, 3]);
  assert.deepEqual([theirs.setCookie.length, theirs.getCookieString.length], [4, 3]);
  // http-cookie-agent (and so axios-cookiejar-support) needs a synchronous store.
  assert.equal(tough.store.synchronous, true);
});

test('Promises, node-style callbacks (also in the options place, as promisify passes them) and *Sync give the same', async () => {
  const jar = new CookieJar({ now: () => T0 });
  const tough = toughCompatible(jar);
  assert.deepEqual(await tough.setCookie('a=1; Path=/', URL_), { stored: true, outcome: 'new', code: null, message: null, warning: null });
  const viaCallback = await new Promise((resolve, reject) => tough.setCookie('b=2', URL_, {}, (error, value) => (error ? reject(error) : resolve(value))));
  assert.equal(viaCallback.outcome, 'new');
  assert.equal((await promisify(tough.setCookie.bind(tough))('c=3; Max-Age=60', URL_)).stored, true);
  assert.equal(tough.setCookieSync('d=4; HttpOnly', URL_).stored, true);
  const header = 'a=1; b=2; c=3; d=4';
  assert.equal(await tough.getCookieString(URL_), header);
  assert.equal(await promisify(tough.getCookieString.bind(tough))(URL_), header);
  assert.equal(await new Promise((resolve) => tough.getCookieString(URL_, {}, (error, value) => resolve([error, value]))).then(([error, value]) => (assert.equal(error, null), value)), header);
  assert.equal(tough.getCookieStringSync(new URL(URL_)), header);
  assert.equal(jar.headerFor(URL_), header);
  assert.equal((await tough.getCookies(URL_)).length, 4);
  assert.equal((await promisify(tough.getCookies.bind(tough))(URL_)).length, 4);
});

test('getCookies gives cookies as tough-cookie shows them: key, value, domain, path, cookieString(), toString()', async () => {
  const jar = new CookieJar({ now: () => T0 });
  const tough = toughCompatible(jar);
  tough.setCookieSync('sid=31d4; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=3600', URL_);
  tough.setCookieSync('lang=en; Domain=example.com', URL_);
  tough.setCookieSync('nameless', URL_);
  const cookies = tough.getCookiesSync(URL_);
  assert.deepEqual(
    cookies.map(({ key, value, domain, path, hostOnly, secure, httpOnly, sameSite }) => ({ key, value, domain, path, hostOnly, secure, httpOnly, sameSite })),
    [
      { key: 'sid', value: '31d4', domain: 'www.example.com', path: '/', hostOnly: true, secure: true, httpOnly: true, sameSite: 'lax' },
      { key: 'lang', value: 'en', domain: 'example.com', path: '/', hostOnly: false, secure: false, httpOnly: false, sameSite: undefined },
      { key: '', value: 'nameless', domain: 'www.example.com', path: '/', hostOnly: true, secure: false, httpOnly: false, sameSite: undefined },
    ],
  );
  assert.deepEqual(cookies.map((c) => c.cookieString()), ['sid=31d4', 'lang=en', 'nameless']);
  assert.deepEqual(cookies[0].expires, new Date(T0 + 3600_000));
  assert.equal(cookies[1].expires, 'Infinity');
  assert.deepEqual(cookies.map(String), [
    'sid=31d4; Expires=Thu, 01 Jan 2026 01:00:00 GMT; Path=/; Secure; HttpOnly; SameSite=Lax',
    'lang=en; Domain=example.com; Path=/',
    'nameless; Path=/',
  ]);
  // tough-cookie reads them as we wrote them (a nameless cookie only in its loose mode)...
  assert.deepEqual(cookies.map((c) => new ToughJar().setCookieSync(String(c), URL_, { loose: true }).cookieString()), ['sid=31d4', 'lang=en', 'nameless']);
  // ...and setCookie takes such a cookie back (its toString()), as tough-cookie takes its Cookie.
  const copy = toughCompatible(new CookieJar({ now: () => T0 }));
  for (const cookie of cookies) copy.setCookieSync(cookie, URL_);
  assert.equal(copy.getCookieStringSync(URL_), 'sid=31d4; lang=en; nameless');
  assert.equal((await new ToughJar().setCookie(new ToughJar().setCookieSync('t=1', URL_), URL_)).key, 't', "tough-cookie's Cookie");
  assert.equal(copy.setCookieSync(new ToughJar().setCookieSync('t=1', URL_), URL_).stored, true, "a Cookie of tough-cookie's is taken too");
  // A getCookies call is a request: it counts as an access, as tough-cookie's does.
  const clock = { now: T0 };
  const accessed = new CookieJar({ now: () => clock.now });
  accessed.setFromHeader('a=1', URL_);
  clock.now += 5000;
  assert.deepEqual(toughCompatible(accessed).getCookiesSync(URL_)[0].lastAccessed, new Date(T0 + 5000));
  assert.equal(accessed.cookies()[0].lastAccessTime, T0 + 5000);
});

test('a rejected cookie is an Error with its code unless ignoreError, as tough-cookie throws one', async () => {
  const tough = toughCompatible(new CookieJar());
  const rejected = (error) => error instanceof Error && error.code === 'domain-mismatch' && /^setCookie: the cookie was rejected \(domain-mismatch\): /.test(error.message);
  assert.throws(() => tough.setCookieSync('a=1; Domain=other.example', URL_), rejected);
  await assert.rejects(tough.setCookie('a=1; Domain=other.example', URL_), rejected);
  const [error] = await new Promise((resolve) => tough.setCookie('a=1; Domain=other.example', URL_, (...args) => resolve(args)));
  assert.ok(rejected(error));
  assert.throws(() => new ToughJar().setCookieSync('a=1; Domain=other.example', URL_), /Cookie not in this host's domain/, 'tough-cookie throws for the same line');
  assert.deepEqual(tough.setCookieSync('a=1; Domain=other.example', URL_, { ignoreError: true }), {
    stored: false,
    outcome: 'rejected',
    code: 'domain-mismatch',
    message: tough.setCookieSync('a=1; Domain=other.example', URL_, { ignoreError: true }).message,
    warning: null,
  });
  assert.equal((await tough.setCookie('a=1; Domain=com', URL_, { ignoreError: true })).code, 'domain-is-public-suffix');
});

test("sameSiteContext: 'strict' is a same-site request, 'lax' a cross-site navigation, 'none' a cross-site request", () => {
  const lines = ['strict=1; SameSite=Strict', 'lax=1; SameSite=Lax', 'none=1; SameSite=None; Secure', 'default=1'];
  const names = (header) => header.split('; ').filter(Boolean).map((pair) => pair.split('=')[0]);
  // Retrieval: what each context sends, with tough-cookie 6's answer beside ours.
  const sent = { strict: ['strict', 'lax', 'none', 'default'], lax: ['lax', 'none', 'default'], none: ['none'] };
  const ours = toughCompatible(new CookieJar());
  const theirs = new ToughJar();
  for (const line of lines) {
    ours.setCookieSync(line, URL_, { sameSiteContext: 'strict' });
    theirs.setCookieSync(line, URL_, { sameSiteContext: 'strict' });
  }
  for (const [context, expected] of Object.entries(sent)) {
    assert.deepEqual(names(ours.getCookieStringSync(URL_, { sameSiteContext: context })), expected, context);
    assert.deepEqual(ours.getCookiesSync(URL_, { sameSiteContext: context }).map((c) => c.key), expected, context);
    // tough-cookie never withholds a cookie without SameSite; browsers treat it as Lax.
    assert.deepEqual(names(theirs.getCookieStringSync(URL_, { sameSiteContext: context })), context === 'none' ? ['none', 'default'] : expected, `tough-cookie, ${context}`);
  }
  // Storage: which lines each context stores.
  const stored = { strict: ['strict', 'lax', 'none', 'default'], lax: ['strict', 'lax', 'none', 'default'], none: ['none'] };
  for (const [context, expected] of Object.entries(stored)) {
    const jar = toughCompatible(new CookieJar());
    const codes = lines.map((line) => jar.setCookieSync(line, URL_, { sameSiteContext: context, ignoreError: true }).code);
    assert.deepEqual(names(jar.getCookieStringSync(URL_)), expected, context);
    assert.deepEqual(codes.filter(Boolean), context === 'none' ? Array(3).fill('samesite-from-cross-site-request') : [], context);
    const tough = new ToughJar();
    for (const line of lines) tough.setCookieSync(line, URL_, { sameSiteContext: context, ignoreError: true });
    assert.deepEqual(names(tough.getCookieStringSync(URL_)), context === 'none' ? ['none', 'default'] : expected, `tough-cookie, ${context}`);
  }
});

test("http: false is the script API (document.cookie's rules); the other options of tough-cookie are accepted", () => {
  const tough = toughCompatible(new CookieJar());
  tough.setCookieSync('sid=1; HttpOnly', URL_);
  tough.setCookieSync('theme=dark', URL_);
  assert.equal(tough.getCookieStringSync(URL_, { http: false }), 'theme=dark');
  assert.deepEqual(tough.getCookiesSync(URL_, { http: false, sameSiteContext: 'none' }), []);
  assert.throws(() => tough.setCookieSync('x=1; HttpOnly', URL_, { http: false }), (e) => e.code === 'httponly-from-non-http-api');
  assert.throws(() => tough.setCookieSync('sid=2', URL_, { http: false }), (e) => e.code === 'overwrites-httponly-from-non-http-api');
  // Ignored: loose, now (the jar's clock decides), expire, allPaths, sort.
  assert.equal(tough.setCookieSync('y=1', URL_, { loose: true, now: new Date(0) }).stored, true);
  assert.equal(tough.getCookieStringSync(URL_, { expire: false, allPaths: true, sort: true }), 'sid=1; theme=dark; y=1');
});

test('wrong arguments: each a TypeError that says what is wrong (rejected Promises, or the callback\'s error)', async () => {
  const cases = [
    [() => toughCompatible(), /^toughCompatible expects a CookieJar of cookie-engine, got undefined$/],
    [() => toughCompatible(new ToughJar()), /got an object \(\w*CookieJar\)$/],
  ];
  for (const [call, message] of cases) assert.throws(call, (e) => e instanceof TypeError && message.test(e.message));
  const tough = toughCompatible(new CookieJar());
  const rejects = [
    [tough.setCookie(42, URL_), /^setCookie expects a Set-Cookie string or a cookie object, got number$/],
    [tough.setCookie('a=1', 42), /^setCookie: the URL must be a string or a URL, got number$/],
    [tough.setCookie('a=1', URL_, { sameSiteContext: 'lenient' }), /sameSiteContext must be 'strict', 'lax' or 'none', got lenient$/],
    [tough.setCookie('a=1', URL_, { http: 'no' }), /options.http must be a boolean, got string$/],
    [tough.setCookie('a=1', URL_, { ignoreErrors: true }), /^setCookie: unknown option 'ignoreErrors' \(known: http, sameSiteContext, ignoreError, loose, now\)$/],
    [tough.getCookieString(URL_, { ignoreError: true }), /^getCookieString: unknown option 'ignoreError'/],
    [tough.getCookies('not a url'), /not a url/],
  ];
  for (const [promise, message] of rejects) await assert.rejects(promise, (e) => e instanceof TypeError && message.test(e.message), String(message));
  assert.throws(() => tough.getCookieString(URL_, {}, 'callback'), /the callback must be a function, got string$/);
  const [error] = await new Promise((resolve) => tough.getCookies(42, (...args) => resolve(args)));
  assert.ok(error instanceof TypeError);
});

test('fetch-cookie 3 with Node\'s fetch: a redirect chain across hosts, each hop with its own cookies', async () => {
  mapHostsToLoopback();
  const server = await recordingServer((url) => {
    const at = (host, path) => `http://${host}:${url.port}${path}`;
    return {
      'localhost /login': [302, { location: at('a.localhost', '/sso'), 'set-cookie': ['sid=1; Path=/', 'x=1; Domain=a.localhost'] }],
      'a.localhost /sso': [303, { location: at('b.localhost', '/next'), 'set-cookie': 'a=1' }],
      'b.localhost /next': [307, { location: at('localhost', '/home'), 'set-cookie': 'b=1' }],
      'localhost /home': [200, {}],
    }[`${url.hostname} ${url.pathname}`];
  });
  try {
    const jar = new CookieJar();
    const fetchWithCookies = fetchCookie(fetch, toughCompatible(jar));
    const response = await fetchWithCookies(server.url('localhost', '/login'));
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'ok');
    assert.deepEqual(hops(server.seen), ['GET localhost/login cookie=', 'GET a.localhost/sso cookie=', 'GET b.localhost/next cookie=', 'GET localhost/home cookie=sid=1']);
    assert.equal(jar.headerFor(server.url('a.localhost', '/')), 'a=1');
    assert.equal(jar.headerFor(server.url('b.localhost', '/')), 'b=1');
    // The jar rejected the Domain cookie for another host; fetch-cookie passes ignoreError, so no error.
    assert.equal(jar.size, 3);
  } finally {
    await server.close();
  }
});
