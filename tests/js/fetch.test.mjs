// withCookies(fetch, jar) through Node's own fetch, against a server on 127.0.0.1 under several host
// names (localhost, a.localhost, b.localhost, 127.0.0.1): the cookies the server received on each
// hop of a redirect chain, fetch's redirect rules (methods, bodies, Authorization, the caller's
// Cookie header, the redirect modes, the limit), a Request as input, the request context for
// SameSite, and a clear error for each wrong argument. (undici's fetch and HTTPS:
// node22/clients.test.mjs.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hops, importPackage, mapHostsToLoopback, recordingServer } from './support.mjs';

const { CookieJar, withCookies } = await importPackage();
mapHostsToLoopback();

/**
 * The routes of the server: `host path` to [status, headers] (a Location as `host path`), or to a
 * function of the URL giving them; or one such function for every URL.
 */
let routes = {};
let server;
/** A URL of the server: `at('a.localhost', '/x')`. */
const at = (host, path) => server.url(host, path);

before(async () => {
  server = await recordingServer((url) => {
    const route = typeof routes === 'function' ? routes : routes[`${url.hostname} ${url.pathname}`];
    if (typeof route === 'function') return route(url);
    if (!route) return undefined;
    const [status, headers = {}] = route;
    const location = headers.location?.includes(' ') ? at(...headers.location.split(' ')) : headers.location;
    return [status, { ...headers, ...(location && { location }) }];
  });
});
after(() => server.close());

/** Runs `call` with `table` as the routes; its result, and what the server saw during it (as hop lines, and whole). */
async function served(table, call) {
  routes = table;
  server.seen.length = 0;
  const result = await call();
  return { result, seen: hops(server.seen), requests: [...server.seen] };
}

test('a redirect chain across four hosts: each hop stores its cookies and sends the ones for its own host', async () => {
  const jar = new CookieJar();
  const fetchWithCookies = withCookies(fetch, jar);
  const { result: response, seen } = await served(
    {
      'localhost /login': [303, { location: 'a.localhost /sso', 'set-cookie': ['sid=1; Path=/; HttpOnly', 'pref=dark'] }],
      'a.localhost /sso': [302, { location: 'b.localhost /bounce', 'set-cookie': 'a=1' }],
      'b.localhost /bounce': [307, { location: 'a.localhost /back', 'set-cookie': 'b=1' }],
      'a.localhost /back': [308, { location: '127.0.0.1 /ip' }],
      '127.0.0.1 /ip': [301, { location: 'localhost /home', 'set-cookie': 'ip=1' }],
      'localhost /home': [200, { 'content-type': 'text/plain' }],
    },
    () =>
      fetchWithCookies(at('localhost', '/login'), {
        method: 'POST',
        body: 'user=alice',
        headers: { authorization: 'Bearer t', cookie: 'mine=1', 'content-type': 'application/x-www-form-urlencoded' },
      }),
  );
  assert.deepEqual(seen, [
    'POST localhost/login cookie=mine=1 auth body=user=alice',
    // 303 after a POST: a GET without a body. Another origin: no Authorization, no caller's Cookie.
    'GET a.localhost/sso cookie=',
    'GET b.localhost/bounce cookie=',
    'GET a.localhost/back cookie=a=1',
    'GET 127.0.0.1/ip cookie=',
    // Back on the first origin, Authorization and the caller's Cookie stay dropped (Fetch 4.4 step 13).
    'GET localhost/home cookie=sid=1; pref=dark',
  ]);
  assert.equal(response.status, 200);
  assert.equal(response.url, at('localhost', '/home'));
  assert.equal(response.redirected, true);
  assert.equal(await response.text(), 'ok');
  assert.deepEqual(
    ['localhost', 'a.localhost', 'b.localhost', '127.0.0.1'].map((host) => jar.headerFor(at(host, '/'))),
    ['sid=1; pref=dark', 'a=1', 'b=1', 'ip=1'],
  );
});

test("fetch's method and body rules on each redirect status", async () => {
  // [method, status, the next hop's method, whether the body (if any) and its Content-Type go along]
  const table = [
    ['POST', 301, 'GET', false],
    ['POST', 302, 'GET', false],
    ['POST', 303, 'GET', false],
    ['PUT', 303, 'GET', false],
    ['HEAD', 303, 'HEAD', true],
    ['POST', 307, 'POST', true],
    ['PUT', 308, 'PUT', true],
    ['PUT', 302, 'PUT', true],
    ['DELETE', 301, 'DELETE', true],
  ];
  for (const [method, status, nextMethod, bodyKept] of table) {
    const jar = new CookieJar();
    const withBody = method !== 'HEAD';
    const { requests } = await served(
      { 'localhost /from': [status, { location: 'localhost /to', 'set-cookie': `hop=${status}` }], 'localhost /to': [200] },
      () => withCookies(fetch, jar)(at('localhost', '/from'), { method, headers: { 'content-type': 'text/plain', authorization: 'Basic x' }, ...(withBody && { body: 'payload' }) }),
    );
    const [first, next] = requests;
    const what = `${method} ${status}`;
    assert.equal(first.body, withBody ? 'payload' : '', what);
    assert.equal(next.method, nextMethod, what);
    assert.equal(next.body, bodyKept && withBody ? 'payload' : '', what);
    assert.equal(next.type, bodyKept ? 'text/plain' : null, what);
    assert.equal(next.authorization, 'Basic x', `${what}: Authorization stays on the same origin`);
    assert.equal(next.cookie, `hop=${status}`, `${what}: the redirect's cookie goes to the next hop`);
  }
});

test("the caller's redirect mode: 'manual' returns the redirect, 'error' throws; both store its cookies", async () => {
  const table = { 'localhost /go': [302, { location: 'a.localhost /there', 'set-cookie': 'went=1' }], 'a.localhost /there': [200] };
  const manualJar = new CookieJar();
  const { result: response, seen } = await served(table, () => withCookies(fetch, manualJar)(at('localhost', '/go'), { redirect: 'manual' }));
  assert.deepEqual(seen, ['GET localhost/go cookie=']);
  assert.equal(response.status, 302);
  assert.equal(response.headers.get('location'), at('a.localhost', '/there'));
  assert.equal(response.redirected, false);
  assert.equal(manualJar.headerFor(at('localhost', '/')), 'went=1');

  const errorJar = new CookieJar();
  const request = new Request(at('localhost', '/go'), { redirect: 'error' });
  await assert.rejects(
    served(table, () => withCookies(fetch, errorJar)(request)),
    (error) => error instanceof TypeError && error.message === `withCookies: ${at('localhost', '/go')} redirected (302) to ${at('a.localhost', '/there')}: the request's redirect mode is 'error'`,
  );
  assert.deepEqual(hops(server.seen), ['GET localhost/go cookie=']);
  assert.equal(errorJar.headerFor(at('localhost', '/')), 'went=1');
  await assert.rejects(withCookies(fetch, errorJar)(at('localhost', '/go'), { redirect: 'follow-me' }), /redirect must be 'follow', 'manual' or 'error', got follow-me/);
});

test('at most 20 redirects (or maxRedirects), then a TypeError as fetch gives; a loop says so', async () => {
  // localhost/n/3 -> /n/2 -> /n/1 -> /n/0 (200)
  const countdown = (url) => {
    const n = Number(url.pathname.slice('/n/'.length));
    return n === 0 ? [200] : [302, { location: `/n/${n - 1}` }];
  };
  const fetchFrom = (start, options) => served(countdown, () => withCookies(fetch, new CookieJar(), options)(at('localhost', `/n/${start}`)));
  assert.equal((await fetchFrom(3, { maxRedirects: 3 })).result.status, 200);
  await assert.rejects(fetchFrom(3, { maxRedirects: 2 }), (error) => error instanceof TypeError && error.message.endsWith('/n/1 redirected (302) to /n/0: more than 2 redirects'));
  assert.equal(server.seen.length, 3, 'three requests: the third redirect is not followed');
  assert.equal((await fetchFrom(20)).result.status, 200, 'the default follows 20 redirects');
  await assert.rejects(fetchFrom(21), /more than 20 redirects$/);
  assert.equal(server.seen.length, 21);

  // A loop: the chain comes back to a URL it visited.
  const loop = { 'localhost /ping': [302, { location: 'a.localhost /pong' }], 'a.localhost /pong': [302, { location: 'localhost /ping' }] };
  await assert.rejects(
    served(loop, () => withCookies(fetch, new CookieJar())(at('localhost', '/ping'))),
    (error) => error instanceof TypeError && error.message.endsWith('more than 20 redirects, a URL the chain had already visited (a redirect loop)'),
  );
  assert.equal(server.seen.length, 21);
  // Coming back to a URL is not an error in itself: a cookie check redirects to itself once.
  const check = { 'localhost /check': (url) => (server.seen.at(-1).cookie === 'checked=1' ? [200] : [302, { location: url.pathname, 'set-cookie': 'checked=1' }]) };
  const { result, seen } = await served(check, () => withCookies(fetch, new CookieJar())(at('localhost', '/check')));
  assert.equal(result.status, 200);
  assert.deepEqual(seen, ['GET localhost/check cookie=', 'GET localhost/check cookie=checked=1']);
});

test('a redirect to a URL that is not http or https, or not a URL, is a TypeError naming it', async () => {
  for (const [location, why] of [
    ['ftp://localhost/file', 'only http: and https: redirects are followed'],
    ['javascript:alert(1)', 'only http: and https: redirects are followed'],
    ['data:text/plain,hi', 'only http: and https: redirects are followed'],
    ['http://[::1', 'not a valid URL'],
  ]) {
    const jar = new CookieJar();
    await assert.rejects(
      served({ 'localhost /away': [302, { location, 'set-cookie': 'before=1' }] }, () => withCookies(fetch, jar)(at('localhost', '/away'))),
      (error) => error instanceof TypeError && error.message === `withCookies: ${at('localhost', '/away')} redirected (302) to ${location}: ${why}`,
      location,
    );
    assert.equal(jar.headerFor(at('localhost', '/')), 'before=1', 'the redirect stored its cookies first');
  }
});

test('a Request as input: its method, headers and body, sent again on a 307; init overrides it', async () => {
  const jar = new CookieJar();
  const table = { 'localhost /upload': [307, { location: '/stored', 'set-cookie': 'up=1' }], 'localhost /stored': [201] };
  const request = new Request(at('localhost', '/upload'), { method: 'PUT', body: 'file contents', headers: { 'content-type': 'text/plain', cookie: 'mine=1' } });
  const { result, requests } = await served(table, () => withCookies(fetch, jar)(request));
  assert.equal(result.status, 201);
  assert.deepEqual(
    requests.map(({ method, path, cookie, type, body }) => ({ method, path, cookie, type, body })),
    [
      { method: 'PUT', path: '/upload', cookie: 'mine=1', type: 'text/plain', body: 'file contents' },
      { method: 'PUT', path: '/stored', cookie: 'mine=1; up=1', type: 'text/plain', body: 'file contents' },
    ],
  );
  const { requests: overridden } = await served(table, () => withCookies(fetch, jar)(new Request(at('localhost', '/upload'), { method: 'POST', body: 'old' }), { body: 'new', headers: { 'x-from': 'init' } }));
  assert.deepEqual(overridden.map((r) => [r.method, r.body, r.headers['x-from']]), [['POST', 'new', 'init'], ['POST', 'new', 'init']]);
  // A URL object as input.
  const { seen } = await served({ 'localhost /u': [200] }, () => withCookies(fetch, jar)(new URL(at('localhost', '/u'))));
  assert.deepEqual(seen, ['GET localhost/u cookie=up=1']);
});

test('a streamed body is not sent again: a 307 after it is a TypeError, a 303 drops it', async () => {
  const stream = () => new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('streamed')), c.close()) });
  const table = { 'localhost /s307': [307, { location: '/end' }], 'localhost /s303': [303, { location: '/end' }], 'localhost /end': [200] };
  await assert.rejects(
    served(table, () => withCookies(fetch, new CookieJar())(at('localhost', '/s307'), { method: 'POST', body: stream(), duplex: 'half' })),
    /redirected \(307\) to \/end: the request body was a stream, which cannot be sent again$/,
  );
  const { seen } = await served(table, () => withCookies(fetch, new CookieJar())(at('localhost', '/s303'), { method: 'POST', body: stream(), duplex: 'half' }));
  assert.deepEqual(seen, ['POST localhost/s303 cookie= body=streamed', 'GET localhost/end cookie=']);
});

test('the request context decides SameSite, hop by hop with each hop\'s method', async () => {
  const jar = new CookieJar();
  await served({ 'localhost /set': [200, { 'set-cookie': ['strict=1; SameSite=Strict', 'lax=1; SameSite=Lax', 'none=1; SameSite=None; Secure'] }] }, () => withCookies(fetch, jar)(at('localhost', '/set')));
  assert.equal(jar.size, 3);
  // Requests from a page on another site (a.localhost is its own site: localhost is a public suffix).
  const crossSite = withCookies(fetch, jar, { context: { topLevelUrl: 'http://a.localhost/' } });
  const table = {
    'localhost /page': [200],
    // A cross-site form POST navigated, then redirected (303) to a GET.
    'localhost /post': [303, { location: '/after' }],
    'localhost /after': [200],
  };
  const { seen } = await served(table, async () => {
    await crossSite(at('localhost', '/page'));
    await crossSite(at('localhost', '/page'), { cookieContext: { topLevelUrl: 'http://a.localhost/', navigation: true } });
    await crossSite(at('localhost', '/post'), { method: 'POST', body: 'x', cookieContext: { topLevelUrl: 'http://a.localhost/', navigation: true } });
    await withCookies(fetch, jar)(at('localhost', '/page'));
  });
  assert.deepEqual(seen, [
    'GET localhost/page cookie=none=1',
    'GET localhost/page cookie=lax=1; none=1',
    'POST localhost/post cookie=none=1 body=x',
    'GET localhost/after cookie=lax=1; none=1',
    'GET localhost/page cookie=strict=1; lax=1; none=1',
  ]);
  await assert.rejects(crossSite(at('localhost', '/page'), { cookieContext: { topLevelURL: 'http://a.localhost/' } }), (error) => error instanceof TypeError && /'topLevelURL'/.test(error.message));
});

test('wrong arguments: each a TypeError that says what is wrong', async () => {
  const jar = new CookieJar();
  const cases = [
    [() => withCookies(undefined, jar), /^withCookies expects a fetch function as its first argument, got undefined$/],
    [() => withCookies('fetch', jar), /got string$/],
    [() => withCookies(fetch), /^withCookies expects a CookieJar of cookie-engine, got undefined$/],
    [() => withCookies(fetch, { getCookieString() {} }), /expects a CookieJar of cookie-engine, got an object \(Object\)$/],
    [() => withCookies(fetch, jar, { maxRedirect: 3 }), /^withCookies: unknown option 'maxRedirect' \(known: maxRedirects, context\)$/],
    [() => withCookies(fetch, jar, { maxRedirects: -1 }), /maxRedirects must be a whole number >= 0, got -1$/],
    [() => withCookies(fetch, jar, { maxRedirects: 2.5 }), /got 2.5$/],
    [() => withCookies(fetch, jar, { context: 'cross-site' }), /context must be an object \(a RequestContext\), got string$/],
    [() => withCookies(fetch, jar, 20), /options must be an object, got number$/],
  ];
  for (const [call, message] of cases) assert.throws(call, (error) => error instanceof TypeError && message.test(error.message), String(call));
  const fetchWithCookies = withCookies(fetch, jar);
  await assert.rejects(fetchWithCookies(42), /^TypeError: withCookies expects a URL string, a URL or a Request, got number$/);
  await assert.rejects(fetchWithCookies({ href: 'http://localhost/' }), /got an object \(Object\)$/);
  await assert.rejects(fetchWithCookies('not a url'), TypeError);
  await assert.rejects(fetchWithCookies(at('localhost', '/'), 'GET'), /init must be an object, got string$/);
  // A fetch that throws: its error reaches the caller unchanged.
  const failure = new Error('offline');
  await assert.rejects(withCookies(() => Promise.reject(failure), jar)(at('localhost', '/')), (error) => error === failure);
});
