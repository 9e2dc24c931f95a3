// The README's browser examples, run in Chromium against the packed package as a static site
// serves it (/node_modules/cookie-engine/...): the page snippet as written, and the service-worker
// snippet as written, registered as a module service worker that then handles the page's
// requests. Both snippets are read from README.md at test time, never copied here.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, beforeEach, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { assertChromium, CHROMIUM, CHROMIUM_ARGS, installedDir, root } from './support.mjs';
/** Every wait in this file is bounded by this (ms); the whole file takes a few seconds. */
const WAIT = 10_000;

// ---- The README's snippets --------------------------------------------------------------------

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const sectionStart = readme.indexOf('## Browsers and service workers');
const sectionEnd = readme.indexOf('\n## ', sectionStart + 1);
const section = sectionStart === -1 ? '' : readme.slice(sectionStart, sectionEnd === -1 ? undefined : sectionEnd);
const blocks = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2], at: m.index }));
const pageBlock = blocks.find((b) => b.lang === 'html');
const workerBlock = pageBlock && blocks.find((b) => b.lang === 'js' && b.at > pageBlock.at && b.code.includes("self.addEventListener('fetch'"));
/** The page snippet, verbatim. */
const pageSnippet = pageBlock?.code;
/** The service-worker snippet, verbatim. */
const workerSnippet = workerBlock?.code;

/**
 * Appended to the served service worker, after the README's text, so that the test can ask the
 * snippet's own jar (its `ready` promise) to do things: each message is a list of
 * `[method, ...args]` calls, answered on the message's port in order, a thrown error as
 * `{ error: { isTypeError, isError, name, message } }`; every answer also lists the worker's
 * uncaught errors so far.
 */
const WORKER_ADDENDUM = `
// ---- test-only addendum (tests/js/browser.test.mjs): not part of the README snippet above ----
import { CookieJar as AddendumCookieJar } from './node_modules/cookie-engine/web/cookie_engine.js';
const workerErrors = [];
self.addEventListener('error', (event) => workerErrors.push(String(event.error?.stack ?? event.message)));
self.addEventListener('unhandledrejection', (event) => workerErrors.push(String(event.reason?.stack ?? event.reason)));
self.addEventListener('message', (event) => {
  const [port] = event.ports;
  ready.then(
    (jar) => {
      const answers = event.data.map(([method, ...args]) => {
        try {
          return { value: jar[method](...args) };
        } catch (error) {
          return { error: { isTypeError: error instanceof TypeError, isError: error instanceof Error, name: error?.name, message: error?.message } };
        }
      });
      port.postMessage({ isCookieJar: jar instanceof AddendumCookieJar, answers, workerErrors });
    },
    (error) => port.postMessage({ readyFailed: String(error?.stack ?? error), workerErrors }),
  );
});
`;

// ---- A static server: the installed package, the pages, and an echo endpoint ------------------

const CONTENT_TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};
const PACKAGE_PREFIX = '/node_modules/cookie-engine/';

/** The page snippet in a minimal document, at the site's root so that its `./node_modules/...` import resolves. */
const readmePage = () => `<!doctype html>\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n<title>README page snippet</title>\n<body>\n${pageSnippet}</body>\n`;
/** The page that registers the service worker; the test drives it with page.evaluate. */
const blankPage = '<!doctype html>\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n<title>service worker test</title>\n<body>\n</body>\n';

/** Every request the server received, in order: `{ method, path, headers }`. */
const seen = [];
const requestsTo = (path) => seen.filter((r) => r.path === path);

function handle(request, response) {
  const path = request.url;
  seen.push({ method: request.method, path, headers: request.headers });
  const send = (status, type, body, headers = {}) => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    response.end(body);
  };
  const pathname = new URL(path, 'http://127.0.0.1').pathname;
  if (pathname.startsWith(PACKAGE_PREFIX)) {
    const file = resolve(installedDir, decodeURIComponent(pathname.slice(PACKAGE_PREFIX.length)));
    const type = CONTENT_TYPES[extname(file)];
    if (!file.startsWith(installedDir + sep) || !type || !existsSync(file) || !statSync(file).isFile()) return send(404, 'text/plain', 'not found');
    return send(200, type, readFileSync(file));
  }
  switch (pathname) {
    case '/readme-page.html':
      return send(200, 'text/html; charset=utf-8', readmePage());
    case '/blank.html':
      return send(200, 'text/html; charset=utf-8', blankPage);
    case '/sw.js':
      return send(200, 'text/javascript; charset=utf-8', workerSnippet + WORKER_ADDENDUM);
    case '/login':
      // A login in the browser: the session cookie a later import must carry.
      return send(200, 'text/html; charset=utf-8', '<!doctype html><title>logged in</title>', { 'set-cookie': ['session=s3cr3t; Path=/; HttpOnly; SameSite=Lax', 'theme=dark; Path=/; Max-Age=3600'] });
    case '/whoami':
      return send(200, 'text/plain', request.headers.cookie ?? '');
    case '/echo': {
      // What the server received; with ?set-cookie, a Set-Cookie the browser hides from service
      // workers; with ?x-set-cookie, cookies in the header agreed with handleFetch (each line
      // encoded, commas between them).
      const query = new URL(path, origin).searchParams;
      const received = { path, probe: request.headers['x-probe'] ?? null, cookie: request.headers.cookie ?? null, xCookie: request.headers['x-cookie'] ?? null };
      return send(200, 'application/json', JSON.stringify(received), {
        'x-echo': 'yes',
        ...(query.has('set-cookie') && { 'set-cookie': 'from-server=1; Path=/' }),
        ...(query.has('x-set-cookie') && { 'x-set-cookie': ['agreed=1; Path=/; HttpOnly', 'dated=2; Path=/; Expires=Wed, 09 Jun 2100 10:18:14 GMT'].map(encodeURIComponent).join(', ') }),
      });
    }
    default:
      return send(404, 'text/plain', 'not found');
  }
}

// ---- Chromium -----------------------------------------------------------------------------------

let server;
let origin;
let userDataDir;
let context;
/** Problems in pages and service workers (console errors and warnings, uncaught exceptions), as text. */
const errors = [];

before(async () => {
  assertChromium();
  if (!existsSync(join(installedDir, 'web', 'cookie_engine.js'))) {
    throw new Error('the package is not installed: run `node scripts/build.mjs && node tests/js/install-package.mjs` (npm test does)');
  }
  server = createServer(handle);
  await new Promise((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${server.address().port}`;
  userDataDir = mkdtempSync(join(tmpdir(), 'cookie-engine-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: WAIT });
  context.setDefaultTimeout(WAIT);
  context.on('weberror', (e) => errors.push(`uncaught in page: ${e.error().stack ?? e.error()}`));
  // Pages' and service workers' console messages both come here.
  context.on('console', (m) => ['error', 'warning'].includes(m.type()) && errors.push(`console.${m.type()} in ${m.location().url || 'the browser'}: ${m.text()}`));
});

after(async () => {
  await context?.close().catch(() => {});
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done()));
});

// Each test reports the errors that happened during it.
beforeEach(() => {
  errors.length = 0;
});

/** Resolves like `promise`, or rejects after `ms` saying what was awaited and the errors so far. */
function within(promise, what, ms = WAIT) {
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms waiting for ${what}${errorsSoFar()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
const errorsSoFar = () => (errors.length ? `; errors in the browser:\n  ${errors.join('\n  ')}` : '');
const assertNoErrors = () => assert.deepEqual(errors, [], `errors in the browser:\n  ${errors.join('\n  ')}`);

/** Waits until `predicate` holds in the page, failing early, with the errors, if any occurs. */
async function waitInPage(page, predicate, what) {
  const done = page.waitForFunction(predicate, undefined, { timeout: WAIT, polling: 25 });
  let check;
  const failed = new Promise((_, fail) => {
    check = setInterval(() => errors.length && fail(new Error(`an error while waiting for ${what}${errorsSoFar()}`)), 25);
  });
  try {
    await Promise.race([done, failed]);
  } finally {
    clearInterval(check);
  }
}

// ---- Tests ------------------------------------------------------------------------------------

test('the README has a page snippet and, after it, a service-worker snippet', () => {
  assert.ok(section, 'README.md has no "## Browsers and service workers" section');
  assert.ok(pageSnippet, 'no ```html block under "## Browsers and service workers"');
  assert.ok(workerSnippet, "no ```js block with self.addEventListener('fetch', ...) after the ```html block");
  assert.match(pageSnippet, /\.\/node_modules\/cookie-engine\/web\/cookie_engine\.js/);
  assert.match(workerSnippet, /\.\/node_modules\/cookie-engine\/web\/cookie_engine\.js/);
});

test('the page snippet runs as written: document.body.dataset.cookie is what its comment says', { timeout: 2 * WAIT }, async () => {
  const expected = /document\.body\.dataset\.cookie = .*; \/\/ (.*)$/m.exec(pageSnippet)?.[1];
  assert.equal(expected, 'theme=dark', 'the snippet states its result in a trailing comment');
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/readme-page.html`);
    await waitInPage(page, () => document.body.dataset.cookie !== undefined, 'the snippet to set document.body.dataset.cookie');
    assert.equal(await page.evaluate(() => document.body.dataset.cookie), expected);
    // init() fetched the .wasm next to the module (served as application/wasm: otherwise the
    // wasm-bindgen glue falls back with a console warning, which fails the test).
    const wasm = requestsTo('/node_modules/cookie-engine/web/cookie_engine_bg.wasm');
    assert.equal(wasm.length, 1, 'the page fetched the .wasm file once');
    assert.equal(wasm[0].headers.referer, `${origin}/readme-page.html`, 'fetched by this page (no service worker yet)');
    assertNoErrors();
  } finally {
    await page.close();
  }
});

test('in the page, a wrong argument throws a TypeError with a message and leaves the jar unchanged', { timeout: 2 * WAIT }, async () => {
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/readme-page.html`);
    await waitInPage(page, () => document.body.dataset.cookie !== undefined, 'the page snippet to run');
    const result = await within(
      page.evaluate(async () => {
        // The module the snippet imported and initialised (the same module instance).
        const { CookieJar } = await import('./node_modules/cookie-engine/web/cookie_engine.js');
        const jar = new CookieJar({ now: () => Date.UTC(2026, 0, 1) });
        jar.setFromHeader(['a=1; Path=/', 'b=2; Domain=example.com'], 'https://www.example.com/');
        const state = () => JSON.stringify({ size: jar.size, header: jar.headerFor('https://www.example.com/'), cookies: jar.cookies() });
        const before = state();
        const calls = {
          'setFromHeader(["c=3", 42], url)': () => jar.setFromHeader(['c=3', 42], 'https://www.example.com/'),
          'setFromHeader("c=3", "not a url")': () => jar.setFromHeader('c=3', 'not a url'),
          'setCookie(42, url)': () => jar.setCookie(42, 'https://www.example.com/'),
          'headerFor({})': () => jar.headerFor({}),
        };
        const thrown = {};
        for (const [call, f] of Object.entries(calls)) {
          try {
            thrown[call] = { returned: f() };
          } catch (error) {
            thrown[call] = { isTypeError: error instanceof TypeError, name: error.name, message: error.message, hasStack: typeof error.stack === 'string' };
          }
        }
        return { before, after: state(), thrown };
      }),
      'the wrong-argument calls in the page',
    );
    for (const [call, outcome] of Object.entries(result.thrown)) {
      assert.equal(outcome.isTypeError, true, `${call} throws a TypeError: got ${JSON.stringify(outcome)}`);
      assert.equal(outcome.name, 'TypeError', call);
      assert.ok(outcome.message.length > 10, `${call} says what is wrong: ${JSON.stringify(outcome.message)}`);
      assert.equal(outcome.hasStack, true, `${call} has a stack`);
    }
    assert.match(result.thrown['setFromHeader(["c=3", 42], url)'].message, /setFromHeader/);
    assert.equal(JSON.parse(result.before).header, 'a=1; b=2');
    assert.equal(result.after, result.before, 'the jar is unchanged after the failed calls');
    assertNoErrors();
  } finally {
    await page.close();
  }
});

test('in the page: the formats module loads on initFormats(), and jars go to IndexedDB and back', { timeout: 2 * WAIT }, async () => {
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/readme-page.html`);
    await waitInPage(page, () => document.body.dataset.cookie !== undefined, 'the page snippet to run');
    const from = seen.length;
    const result = await within(
      page.evaluate(async () => {
        const { CookieJar, initFormats, saveToIndexedDB, loadFromIndexedDB, deleteFromIndexedDB } = await import('./node_modules/cookie-engine/web/cookie_engine.js');
        const clock = { now: () => Date.UTC(2026, 0, 1) };
        const jar = new CookieJar(clock);
        jar.setFromHeader(['a=1; Max-Age=3600', 'b=2'], 'https://example.com/');
        let before;
        try {
          jar.toNetscape();
        } catch (error) {
          before = error.message;
        }
        // Our own snapshot needs no module.
        const snapshot = CookieJar.fromJSON(JSON.stringify(jar), clock).jar.headerFor('https://example.com/');
        await initFormats();
        const netscape = jar.toNetscape({ includeSession: true });
        const back = CookieJar.fromNetscape(netscape, clock).jar.headerFor('https://example.com/');
        await saveToIndexedDB(jar, 'page-jar');
        const loaded = (await loadFromIndexedDB('page-jar', clock)).headerFor('https://example.com/');
        await deleteFromIndexedDB('page-jar');
        const afterDelete = (await loadFromIndexedDB('page-jar')).size;
        return { before, snapshot, netscape: netscape.split('\n')[0], back, loaded, afterDelete };
      }),
      'the formats module and IndexedDB in the page',
    );
    assert.match(result.before, /initFormats\(\)/);
    assert.equal(result.snapshot, 'a=1; b=2');
    assert.equal(result.netscape, '# Netscape HTTP Cookie File');
    assert.equal(result.back, 'a=1; b=2');
    assert.equal(result.loaded, 'a=1; b=2');
    assert.equal(result.afterDelete, 0);
    const fetched = seen.slice(from).map((r) => r.path);
    assert.equal(fetched.filter((p) => p === '/node_modules/cookie-engine/web/cookie_engine_formats_bg.wasm').length, 1, 'initFormats fetched the formats module once');
    assertNoErrors();
  } finally {
    await page.close();
  }
});

// These tests run in order and share one page, which the worker comes to control.
describe('the service-worker snippet', () => {
  let page;
  /** Asks the worker's jar (see WORKER_ADDENDUM): `calls` is a list of `[method, ...args]`. */
  const askWorker = (calls) =>
    within(
      page.evaluate(
        (calls) =>
          new Promise((answer) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = (event) => answer(event.data);
            navigator.serviceWorker.controller.postMessage(calls, [channel.port2]);
          }),
        calls,
      ),
      `the service worker's answer to ${JSON.stringify(calls)}`,
    ).then((reply) => {
      assert.equal(reply.readyFailed, undefined, `the snippet's ready promise rejected: ${reply.readyFailed}`);
      assert.deepEqual(reply.workerErrors, [], 'uncaught errors in the service worker');
      assert.equal(reply.isCookieJar, true, "the snippet's ready promise resolves to a CookieJar");
      return reply.answers;
    });
  /** The page fetches `path`; returns what it got and the resource-timing workerStart. */
  const fetchFromPage = (path) =>
    within(
      page.evaluate(async (path) => {
        const response = await fetch(path, { headers: { 'x-probe': 'probe-1' } });
        const body = await response.json();
        // The resource-timing entry is added once the body has been read.
        const url = new URL(path, location.href).href;
        let timing;
        while (!(timing = performance.getEntriesByName(url).at(-1))) await new Promise((next) => setTimeout(next, 10));
        return { status: response.status, type: response.headers.get('content-type'), echo: response.headers.get('x-echo'), xSetCookie: response.headers.get('x-set-cookie'), body, workerStart: timing.workerStart };
      }, path),
      `the page's fetch of ${path}`,
    );

  after(() => page?.close());

  test('installs and activates as a module worker, and runs init() inside it', { timeout: 2 * WAIT }, async () => {
    page = await context.newPage();
    await page.goto(`${origin}/blank.html`);
    // The control: before the worker, the page's own request reaches the server, its referrer the page.
    const direct = await fetchFromPage('/echo?n=0');
    assert.deepEqual(direct.body, { path: '/echo?n=0', probe: 'probe-1', cookie: null, xCookie: null });
    assert.equal(direct.workerStart, 0);
    assert.equal(requestsTo('/echo?n=0')[0].headers.referer, `${origin}/blank.html`);
    const from = seen.length;
    const worker = await within(
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.register('/sw.js', { type: 'module', scope: '/' });
        await navigator.serviceWorker.ready;
        const active = registration.active;
        if (active.state !== 'activated') await new Promise((done) => active.addEventListener('statechange', () => active.state === 'activated' && done()));
        // The snippet's clients.claim() makes it this page's controller without a reload.
        if (navigator.serviceWorker.controller === null) await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
        return { scope: registration.scope, scriptURL: active.scriptURL, state: active.state, controller: navigator.serviceWorker.controller?.scriptURL };
      }),
      'the service worker to install, activate and claim the page',
    );
    assert.deepEqual(worker, { scope: `${origin}/`, scriptURL: `${origin}/sw.js`, state: 'activated', controller: `${origin}/sw.js` });
    // The worker fetched its script, the package module (a static import), and the .wasm: the
    // last one from inside the worker (its referrer is the worker), which only init() does.
    const fetched = seen.slice(from);
    const script = fetched.find((r) => r.path === '/sw.js');
    assert.equal(script?.headers['service-worker'], 'script', 'the worker script was fetched as a service worker');
    assert.ok(fetched.some((r) => r.path === '/node_modules/cookie-engine/web/cookie_engine.js'), 'the worker imported the package module');
    const wasm = fetched.filter((r) => r.path === '/node_modules/cookie-engine/web/cookie_engine_bg.wasm');
    assert.equal(wasm.length, 1, "the worker's init() fetched the .wasm file");
    assert.equal(wasm[0].headers.referer, `${origin}/sw.js`, 'the .wasm was fetched from inside the worker');
    // The page that registered it is controlled on its first load: its next fetch goes through the worker.
    const claimed = await fetchFromPage('/echo?n=claimed');
    assert.ok(claimed.workerStart > 0, `the first page's fetch went through the worker (workerStart ${claimed.workerStart})`);
    assert.equal(requestsTo('/echo?n=claimed')[0].headers.referer, `${origin}/sw.js`);
    // And init() finished: the snippet's `ready` resolves to a working CookieJar.
    await page.reload();
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), `${origin}/sw.js`, 'the worker controls the reloaded page');
    assert.deepEqual(await askWorker([['headerFor', 'https://example.com/']]), [{ value: '' }]);
    assertNoErrors();
  });

  test("its fetch handler handles the page's requests and returns the responses intact", { timeout: 2 * WAIT }, async () => {
    // The reload above was a navigation the worker handled: the snippet's `new Request(event.request, { headers })`
    // turns a navigate-mode request into a same-origin one whose referrer is the worker.
    const reloads = requestsTo('/blank.html');
    assert.equal(reloads.length, 2, 'the page reached the server twice: its first load and its reload (not once more behind the worker)');
    assert.equal(reloads[0].headers['sec-fetch-mode'], 'navigate', 'the first load, before the worker, went straight to the network');
    assert.equal(reloads[1].headers['sec-fetch-mode'], 'same-origin', 'the reload went through the worker');
    assert.equal(reloads[1].headers.referer, `${origin}/sw.js`);

    const got = await fetchFromPage('/echo?n=1');
    assert.deepEqual(got.body, { path: '/echo?n=1', probe: 'probe-1', cookie: null, xCookie: null }, 'the body, and the request headers the page set, arrive intact');
    assert.equal(got.status, 200);
    assert.equal(got.type, 'application/json');
    assert.equal(got.echo, 'yes', 'the response headers arrive intact');
    assert.ok(got.workerStart > 0, `resource timing says a service worker handled the fetch (workerStart ${got.workerStart})`);
    const echoes = requestsTo('/echo?n=1');
    assert.equal(echoes.length, 1, 'one request reached the server');
    assert.equal(echoes[0].headers.referer, `${origin}/sw.js`, "the request the server got was the worker's, not the page's");
    assert.equal(echoes[0].headers['x-probe'], 'probe-1');
    assertNoErrors();
  });

  test('the page snippet works under it too: its module and .wasm come through the fetch handler', { timeout: 2 * WAIT }, async () => {
    const from = seen.length;
    await page.goto(`${origin}/readme-page.html`);
    await waitInPage(page, () => document.body.dataset.cookie !== undefined, 'the page snippet to run under the worker');
    assert.equal(await page.evaluate(() => document.body.dataset.cookie), 'theme=dark');
    const wasm = seen.slice(from).filter((r) => r.path === '/node_modules/cookie-engine/web/cookie_engine_bg.wasm');
    assert.equal(wasm.length, 1, 'the .wasm reached the server once');
    assert.equal(wasm[0].headers.referer, `${origin}/sw.js`, "the page's .wasm request went through the worker");
    await page.goto(`${origin}/blank.html`);
    assertNoErrors();
  });

  test('its jar works: it stores, sends, rejects with a reason, and throws TypeErrors', { timeout: 2 * WAIT }, async () => {
    const answers = await askWorker([
      ['setFromHeader', ['sid=31d4d96e; Secure; HttpOnly; Path=/', 'lang=en; Domain=example.com'], 'https://www.example.com/login'],
      ['headerFor', 'https://www.example.com/account'],
      ['headerFor', 'http://api.example.com/'],
      ['setCookie', 'x=1; Domain=com', 'https://www.example.com/'],
      ['setFromHeader', 42, 'https://www.example.com/'],
      ['headerFor', 'https://www.example.com/account'],
    ]);
    assert.deepEqual(answers.slice(0, 3), [{ value: 2 }, { value: 'sid=31d4d96e; lang=en' }, { value: 'lang=en' }]);
    assert.equal(answers[3].value.stored, false);
    assert.equal(answers[3].value.code, 'domain-is-public-suffix');
    assert.equal(answers[4].error?.isTypeError, true, `a wrong argument throws a TypeError in the worker: ${JSON.stringify(answers[4])}`);
    assert.equal(answers[4].error.isError, true);
    assert.match(answers[4].error.message, /setFromHeader expects/);
    assert.deepEqual(answers[5], { value: 'sid=31d4d96e; lang=en' }, 'the jar is unchanged by the failed call');
    assertNoErrors();
  });

  test('as the README says, its handler sends the jar\'s cookies in X-Cookie: the browser would drop a Cookie header, and hides Set-Cookie', { timeout: 2 * WAIT }, async () => {
    // The jar now has a cookie for this origin, so the handler adds X-Cookie to the request...
    const [stored, header] = await askWorker([
      ['setFromHeader', 'from-jar=1; Path=/', `${origin}/`],
      ['headerFor', `${origin}/echo?n=2`],
    ]);
    assert.deepEqual([stored, header], [{ value: 1 }, { value: 'from-jar=1' }]);
    const got = await fetchFromPage('/echo?n=2&set-cookie');
    assert.equal(got.body.xCookie, 'from-jar=1', 'the jar\'s cookies reached the server in X-Cookie');
    assert.equal(got.body.cookie, null, 'no Cookie header (the browser\'s own jar had none for it yet)');
    assert.equal(requestsTo('/echo?n=2&set-cookie').length, 1);
    // ...and the response's Set-Cookie (from-server=1) never reaches the jar: the browser hides it.
    assert.deepEqual(await askWorker([['headerFor', `${origin}/echo?n=3`]]), [{ value: 'from-jar=1' }], 'the jar did not see the Set-Cookie');
    assertNoErrors();
  });

  test('its handler stores the cookies of X-Set-Cookie, which the page never sees, and sends them on', { timeout: 2 * WAIT }, async () => {
    const got = await fetchFromPage('/echo?n=4&x-set-cookie');
    assert.equal(got.status, 200);
    assert.equal(got.echo, 'yes');
    assert.equal(got.xSetCookie, null, 'the handler removed X-Set-Cookie from the page\'s response');
    const [cookies] = await askWorker([['cookies', `${origin}/`]]);
    assert.deepEqual(
      cookies.value.map(({ name, value, httpOnly, expires }) => [name, value, httpOnly, expires === null]),
      [['from-jar', '1', false, true], ['agreed', '1', true, true], ['dated', '2', false, false]],
      'both lines, the comma of the Expires date and all',
    );
    const next = await fetchFromPage('/echo?n=5');
    assert.equal(next.body.xCookie, 'from-jar=1; agreed=1; dated=2');
    assertNoErrors();
  });

  test('its jar outlives the worker: stopped and started again, it loads the jar from IndexedDB', { timeout: 3 * WAIT }, async () => {
    const [stored] = await askWorker([['setFromHeader', ['kept=1; Path=/; Max-Age=3600', 'session=2; Path=/'], 'https://kept.example/']]);
    assert.deepEqual(stored, { value: 2 });
    // The snippet's autosave wrote the jar: wait until IndexedDB (which the page shares) has it.
    await waitInPage(
      page,
      () =>
        new Promise((resolve) => {
          const request = indexedDB.open('cookie-engine');
          request.onsuccess = () => {
            const database = request.result;
            const get = database.transaction('jars').objectStore('jars').get('cookies');
            get.onsuccess = () => resolve((get.result?.cookies ?? []).some((c) => c.name === 'session'));
            get.onerror = () => resolve(false);
            database.close();
          };
          request.onerror = () => resolve(false);
        }),
      'the jar to be saved in IndexedDB',
    );
    const cdp = await context.newCDPSession(page);
    try {
      await cdp.send('ServiceWorker.enable');
      const stopped = new Promise((resolve) =>
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => versions.some((v) => v.runningStatus === 'stopped') && resolve()),
      );
      await cdp.send('ServiceWorker.stopAllWorkers');
      await within(stopped, 'the service worker to stop');
    } finally {
      await cdp.detach();
    }
    // The message starts the worker again; its module runs anew and loads the saved jar.
    assert.deepEqual(await askWorker([['headerFor', 'https://kept.example/']]), [{ value: 'kept=1; session=2' }]);
    assertNoErrors();
  });
});

test('a login in Chromium becomes the jar\'s session (Playwright storageState), and goes back', { timeout: 2 * WAIT }, async () => {
  const { CookieJar } = await import(pathToFileURL(join(installedDir, 'node', 'index.mjs')).href);
  const page = await context.newPage();
  try {
    // Only the login's cookies (the worker tests left one of the echo endpoint's).
    await context.clearCookies();
    await page.goto(`${origin}/login`);
    const state = await context.storageState();
    const { jar, skipped } = CookieJar.fromPlaywright(state);
    assert.deepEqual(skipped, []);
    const header = jar.headerFor(`${origin}/whoami`);
    assert.match(header, /session=s3cr3t/);
    // The session goes with the jar's next request, made outside the browser.
    const response = await fetch(`${origin}/whoami`, { headers: { cookie: header } });
    assert.equal(await response.text(), header);
    assert.deepEqual(requestsTo('/whoami').at(-1).headers.cookie, header);
    // And back: the browser, its cookies cleared, takes the jar's cookies and sends the session.
    const exported = jar.toPlaywright({ includeSession: true });
    assert.deepEqual(exported.cookies.map((c) => c.name).sort(), ['session', 'theme']);
    assert.equal(exported.cookies.find((c) => c.name === 'session').httpOnly, true);
    await context.clearCookies();
    await context.addCookies(exported.cookies);
    await page.goto(`${origin}/whoami`);
    assert.equal(await page.evaluate(() => document.body.textContent), header);
  } finally {
    await page.close();
  }
});

test("the README's browser-automation example runs against Chromium (Playwright, and the DevTools protocol as Puppeteer's page.cookies())", { timeout: 2 * WAIT }, async () => {
  const savingSection = readme.slice(readme.indexOf('## Saving cookies'), readme.indexOf('## What gets rejected'));
  const block = [...savingSection.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.includes('fromPlaywright'));
  assert.ok(block, 'the README has the browser-automation example');
  const { CookieJar } = await import(pathToFileURL(join(installedDir, 'node', 'index.mjs')).href);
  const browserPage = await context.newPage();
  const cdp = await context.newCDPSession(browserPage);
  try {
    await context.clearCookies();
    await browserPage.goto(`${origin}/login`);
    // Puppeteer's page.cookies() and page.setCookie() are these DevTools protocol calls.
    const page = {
      cookies: async () => (await cdp.send('Network.getAllCookies')).cookies,
      setCookie: (...cookies) => cdp.send('Network.setCookies', { cookies }),
    };
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    const example = new AsyncFunction('CookieJar', 'context', 'page', `${block}\nreturn { jar, fromChrome };`);
    const { jar, fromChrome } = await example(CookieJar, context, page);
    assert.match(jar.headerFor(`${origin}/whoami`), /^session=s3cr3t; theme=dark$/);
    assert.equal(fromChrome.headerFor(`${origin}/whoami`), jar.headerFor(`${origin}/whoami`));
    // The browser took both jars' cookies back: it still sends the session.
    await browserPage.goto(`${origin}/whoami`);
    assert.equal(await browserPage.evaluate(() => document.body.textContent), 'session=s3cr3t; theme=dark');
    assertNoErrors();
  } finally {
    await cdp.detach();
    await browserPage.close();
  }
});
