// The service-worker demo (www/worker.html, www/sw.js) in Chromium, used as a person uses it: the
// site as `npm run build:www` makes it from the packed package, served with the demo API
// (scripts/demo-api.mjs) as `npm start` serves it, and once more without it, as a static host
// does. Everything the page shows is checked against what the server really received and sent
// (recorded here) and against the engine's own answers, computed here with the same package in
// Node. Screenshots at 1280 and 375 px go to target/sw-demo-test/screenshots/ (not in
// target/screenshots/, which the playground's test, running at the same time, empties first).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { chromium } from 'playwright-core';
import { buildSite } from '../../scripts/build-www.mjs';
import { API_INDEX, createDemoApi } from '../../scripts/demo-api.mjs';
import { createSiteServer, listen } from '../../scripts/serve-www.mjs';
import { assertChromium, CHROMIUM, CHROMIUM_ARGS, importPackage, installedDir, root, tabTo } from './support.mjs';

/** Every wait is bounded by this (ms). */
const WAIT = 10_000;
const DAY = 86_400_000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 800 };
const SCREENSHOTS = join(root, 'target', 'sw-demo-test', 'screenshots');

const { CookieJar } = await importPackage();

// ---- The site, its two servers, Chromium -------------------------------------------------------------

const siteDir = join(root, 'target', 'sw-demo-test', 'site');
/** Every request the server with the API received: `{ method, path, headers }`, and for /api/, `sent` (the response's headers). */
const seen = [];
/** Where the current test's page started in `seen`. */
let pageStart = 0;
const sincePage = () => seen.slice(pageStart);
let server;
let origin;
/** The same site on a static host: no API. */
let staticServer;
let staticOrigin;
let browser;
/** Problems in the pages and the workers (console errors and warnings, uncaught exceptions), as text. */
const errors = [];

before(async () => {
  assertChromium();
  buildSite({ packageDir: installedDir, out: siteDir });
  const api = createDemoApi();
  server = createSiteServer({
    mounts: [['/', siteDir]],
    onRequest: (request) => seen.push({ method: request.method, path: new URL(request.url, 'http://x').pathname, headers: request.headers }),
    api: (request, response, pathname) => {
      // What the API sent back, as the browser (the worker) got it.
      const record = seen.at(-1);
      const writeHead = response.writeHead;
      response.writeHead = (status, headers) => {
        record.sent = { status, headers };
        return writeHead.call(response, status, headers);
      };
      api(request, response, pathname);
    },
  });
  origin = (await listen(server, 0)).replace(/\/$/, '');
  staticServer = createSiteServer({ mounts: [['/', siteDir]] });
  staticOrigin = (await listen(staticServer, 0)).replace(/\/$/, '');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: WAIT });
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  for (const s of [server, staticServer]) {
    s?.closeAllConnections();
    await new Promise((done) => (s ? s.close(done) : done()));
  }
});

beforeEach(() => {
  errors.length = 0;
});

const assertNoErrors = () => assert.deepEqual(errors, [], `errors in the browser:\n  ${errors.join('\n  ')}`);

/**
 * A new page at `url` in a context of its own (its own service workers and IndexedDB), once the
 * page says it is ready; `use(page, context)` runs on it, then the page must have reported no
 * error (`expectedErrors` excepted).
 */
async function onPage(use, { url = `${origin}/worker.html`, ready = 'true', expectedErrors = [] } = {}) {
  const context = await browser.newContext({ viewport: DESKTOP });
  context.setDefaultTimeout(WAIT);
  context.on('weberror', (e) => errors.push(`uncaught: ${e.error().stack ?? e.error()}`));
  // The pages' and the service workers' console messages.
  context.on('console', (m) => ['error', 'warning'].includes(m.type()) && errors.push(`console.${m.type()} in ${m.location().url || 'the browser'}: ${m.text()}`));
  try {
    const page = await context.newPage();
    pageStart = seen.length;
    await page.goto(url);
    await page.waitForSelector('html[data-ready]');
    assert.equal(await page.getAttribute('html', 'data-ready'), ready, `the page is ready (${await page.textContent('#status')})`);
    await use(page, context);
    assert.deepEqual(
      errors.filter((e) => !expectedErrors.some((expected) => e.includes(expected))),
      [],
      `errors in the browser:\n  ${errors.join('\n  ')}`,
    );
  } finally {
    await context.close();
  }
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

// ---- What the page shows ------------------------------------------------------------------------------

/** The page as a person reads it: the round trip's four steps, the jar, the worker. */
function readDemo(page) {
  return page.evaluate(() => {
    const $ = (id) => document.getElementById(id);
    const server = Object.fromEntries([...document.querySelectorAll('#trip-server dt')].map((dt) => [dt.textContent, dt.nextElementSibling.querySelector('ul') ? [...dt.nextElementSibling.querySelectorAll('li')].map((li) => li.textContent) : dt.nextElementSibling.textContent]));
    const cell = (tr, key) => tr.querySelector(`.col-${key}`);
    return {
      summary: $('trip-summary').textContent,
      asked: $('trip-asked').textContent,
      got: $('trip-got').textContent,
      added: $('trip-added').classList.contains('empty') ? null : $('trip-added').textContent,
      addedAbout: $('trip-added-about').textContent,
      server,
      changes: [...document.querySelectorAll('#trip-changes li')].map((li) => (li.classList.contains('none') ? li.textContent : [...li.children].map((e) => e.textContent))),
      jarSummary: $('jar-summary').textContent,
      rows: [...document.querySelectorAll('#jar-table tbody tr')]
        .filter((tr) => !tr.querySelector('.none'))
        .map((tr) => ({
          name: cell(tr, 'name').textContent,
          value: cell(tr, 'value').textContent,
          domain: cell(tr, 'domain').firstChild.textContent,
          hostOnly: cell(tr, 'domain').querySelector('.tag').textContent === 'host-only',
          path: cell(tr, 'path').textContent,
          expires: cell(tr, 'expires').querySelector('time')?.getAttribute('datetime') ?? cell(tr, 'expires').textContent,
          secure: cell(tr, 'secure').textContent,
          httpOnly: cell(tr, 'httpOnly').textContent,
          sameSite: cell(tr, 'sameSite').textContent,
        })),
      worker: $('worker-state').textContent,
      startedAt: Number($('worker-state').dataset.startedAt),
      controller: navigator.serviceWorker.controller?.scriptURL ?? null,
    };
  });
}

/** Clicks the button `name` and waits for the call it makes to be shown; returns the requests the server got for it. */
async function callApi(page, name) {
  const calls = Number((await page.getAttribute('html', 'data-calls')) ?? 0);
  const from = seen.length;
  await page.getByRole('button', { name, exact: true }).click();
  await waitForCall(page, calls + 1);
  return seen.slice(from).filter((r) => r.path.startsWith('/api/'));
}

/** Waits until the page has shown `n` calls, or failed one (then says why). */
async function waitForCall(page, n) {
  await page.waitForFunction((n) => document.documentElement.dataset.calls === String(n) || document.getElementById('call-error').textContent !== '', n);
  assert.equal(await page.textContent('#call-error'), '', 'the call failed');
}

/** The jar table's rows for `cookies` (the engine's StoredCookie objects), as readDemo reads them. */
const rowsOf = (cookies) =>
  cookies.map((c) => ({
    name: c.name,
    value: c.value,
    domain: c.domain,
    hostOnly: c.hostOnly,
    path: c.path,
    expires: c.expires === null ? 'session' : new Date(c.expires).toISOString(),
    secure: c.secure ? 'yes' : 'no',
    httpOnly: c.httpOnly ? 'yes' : 'no',
    sameSite: c.sameSite,
  }));

/** The jar `lines` make in the engine (in Node) when a response from `url` sets them at `now`. */
function engineJar(lines, url, now) {
  const jar = new CookieJar({ now: () => now });
  jar.setFromHeader(lines, url);
  return jar;
}

/** The X-Set-Cookie header's lines, as the server wrote them (each encoded, commas between them). */
const decodeLines = (header) => header.split(', ').map(decodeURIComponent);

/** Stops every service worker of the page's browser context, as DevTools' "Stop" does (or the browser, when one is idle). */
async function stopWorkers(context, page) {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    const stopped = new Promise((resolve) => cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => versions.some((v) => v.runningStatus === 'stopped') && resolve()));
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await cdp.detach();
  }
}

// ---- Tests -----------------------------------------------------------------------------------------------

test('the built site has the demo, and the server its API', async () => {
  for (const file of ['worker.html', 'worker-page.js', 'sw.js']) assert.equal(readFileSync(join(siteDir, file), 'utf8'), readFileSync(join(root, 'www', file), 'utf8'), `${file} is www/'s`);
  const index = await fetch(`${origin}/api/`);
  assert.deepEqual([index.status, await index.json()], [200, API_INDEX]);
  const wrongMethod = await fetch(`${origin}/api/login`);
  assert.equal(wrongMethod.status, 405);
  assert.equal((await fetch(`${origin}/api/nothing`, { method: 'POST' })).status, 404);
  assert.equal((await fetch(`${staticOrigin}/api/`)).status, 404, 'the static host has no API');
  // The server reads the agreed header, and sets cookies in the other one.
  const login = await fetch(`${origin}/api/login`, { method: 'POST', headers: { 'x-cookie': 'theme=light; other=1' } });
  const body = await login.json();
  assert.deepEqual(body.saw, { method: 'POST', path: '/api/login', xCookie: 'theme=light; other=1', cookie: null });
  assert.deepEqual(body.cookies, [
    ['theme', 'light'],
    ['other', '1'],
  ]);
  assert.deepEqual(decodeLines(login.headers.get('x-set-cookie')), body.set);
  assert.equal(login.headers.get('set-cookie'), null, 'no real Set-Cookie: the browser would keep it from the worker');
});

test('the round trip: log in, who am I, log out; what the page asked, what the worker added, what the server saw and set, the jar after', () =>
  onPage(async (page) => {
    const loaded = await readDemo(page);
    assert.equal(await page.textContent('#status'), 'The worker is running the engine: every call below goes through its jar.');
    assert.equal(loaded.controller, `${origin}/sw.js`, 'the demo worker controls the page');
    assert.equal(loaded.summary, 'No call yet: use a button above.');
    assert.deepEqual([loaded.rows, loaded.jarSummary], [[], 'The jar is empty.']);
    assert.match(loaded.worker, /^The worker running now started at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC and loaded 0 cookies from IndexedDB\.$/);
    // A module worker that imports the package's public web entry: it fetched the module and
    // the .wasm itself; the page fetched nothing of the package.
    const script = sincePage().find((r) => r.path === '/sw.js');
    assert.equal(script?.headers['service-worker'], 'script');
    const wasm = sincePage().filter((r) => r.path === '/cookie-engine/web/cookie_engine_bg.wasm');
    assert.deepEqual(
      wasm.map((r) => r.headers.referer),
      [`${origin}/sw.js`],
      'the .wasm was fetched once, by the worker',
    );
    assert.deepEqual(
      sincePage()
        .filter((r) => [`${origin}/worker.html`, `${origin}/worker-page.js`].includes(r.headers.referer))
        .map((r) => r.path)
        .sort(),
      ['/api/', '/clock.js', '/dom.js', '/style.css', '/sw.js', '/worker-page.js'],
      "the page's own requests (its modules', and its probe of api/): nothing of the package",
    );

    // 1. Log in: nothing to add; the server sets a session and a preference.
    const url = `${origin}/api/login`;
    let [request] = await callApi(page, 'Log in');
    assert.equal(request.method, 'POST');
    assert.equal(request.headers['x-cookie'], undefined, 'the jar had nothing to add');
    assert.equal(request.headers.cookie, undefined, "the browser's own jar sent nothing");
    const sent = request.sent.headers['x-set-cookie'];
    const lines = decodeLines(sent);
    assert.equal(lines.length, 2);
    const id = /^__Host-session=([0-9a-f]{16}); Path=\/; Secure; HttpOnly; SameSite=Strict$/.exec(lines[0])?.[1];
    assert.ok(id, `the session line: ${lines[0]}`);
    assert.equal(lines[1], 'theme=dark; Path=/; Max-Age=2592000; SameSite=Lax');
    let shown = await readDemo(page);
    assert.equal(shown.summary, `POST /api/login: Logged in: a new session, ${id}, and the preference theme=dark.`);
    assert.equal(shown.asked, 'POST /api/login');
    assert.equal(shown.got, 'No cookie in it (a page\'s script cannot set the Cookie header). It got back 200 OK, without X-Set-Cookie: the worker took it out.');
    assert.equal(shown.added, null);
    assert.equal(shown.addedAbout, 'The jar has no cookie for this URL.');
    assert.deepEqual(shown.server, { 'X-Cookie': '(none)', Cookie: '(none)', 'It read': 'no cookies', 'It set': lines, 'As X-Set-Cookie': sent });
    assert.deepEqual(shown.changes, [
      ['✓ inserted', '__Host-session', '127.0.0.1/'],
      ['✓ inserted', 'theme', '127.0.0.1/'],
    ]);
    assert.equal(shown.jarSummary, 'The jar holds 2 cookies:');
    // The engine, in Node, stores the same lines for the same URL: the same cookies; the
    // preference expires 30 days after the worker stored it.
    const stored = engineJar(lines, url, 0).cookies();
    const rows = shown.rows.map(({ expires, ...row }) => row);
    assert.deepEqual(
      rows,
      rowsOf(stored).map(({ expires, ...row }) => row),
    );
    assert.equal(shown.rows[0].expires, 'session');
    const themeExpires = Date.parse(shown.rows[1].expires);
    assert.ok(themeExpires >= shown.startedAt + 30 * DAY && themeExpires <= Date.now() + 30 * DAY, `theme expires 30 days after it was stored: ${shown.rows[1].expires}`);
    await screenshot(page, 'desktop-login');

    // 2. Who am I: the worker adds the jar's Cookie header in X-Cookie; the server reads it.
    [request] = await callApi(page, 'Who am I?');
    const header = engineJar(lines, url, Date.now()).headerFor(`${origin}/api/whoami`);
    assert.equal(header, `__Host-session=${id}; theme=dark`, "the engine's header for the call");
    assert.equal(request.headers['x-cookie'], header, 'the server received the jar\'s cookies in X-Cookie');
    assert.equal(request.headers.cookie, undefined);
    assert.equal(request.sent.headers['x-set-cookie'], undefined);
    shown = await readDemo(page);
    assert.equal(shown.summary, `GET /api/whoami: Session ${id}: logged in. Preference: theme=dark.`);
    assert.equal(shown.asked, 'GET /api/whoami');
    assert.equal(shown.added, `X-Cookie: ${header}`);
    assert.equal(shown.addedAbout, "The jar's Cookie header for this URL, under the agreed name.");
    assert.deepEqual(shown.server, { 'X-Cookie': header, Cookie: '(none)', 'It read': [`__Host-session = ${id}`, 'theme = dark'], 'It set': 'nothing' });
    assert.deepEqual(shown.changes, ['The call changed nothing in the jar.']);
    assert.deepEqual(shown.rows.map((r) => r.name), ['__Host-session', 'theme']);
    await screenshot(page, 'desktop-whoami');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'phone-whoami');
    await page.setViewportSize(DESKTOP);

    // 3. Log out: the server expires both; the jar removes them.
    [request] = await callApi(page, 'Log out');
    assert.equal(request.headers['x-cookie'], header);
    const expiring = decodeLines(request.sent.headers['x-set-cookie']);
    assert.deepEqual(expiring, ['__Host-session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0', 'theme=; Path=/; Max-Age=0']);
    shown = await readDemo(page);
    assert.equal(shown.summary, 'POST /api/logout: Logged out: both cookies expired.');
    assert.deepEqual(shown.server['It set'], expiring);
    assert.deepEqual(shown.changes, [
      ['− expired', '__Host-session', '127.0.0.1/'],
      ['− expired', 'theme', '127.0.0.1/'],
    ]);
    assert.deepEqual([shown.rows, shown.jarSummary], [[], 'The jar is empty.']);
    const engineAfter = engineJar(lines, url, Date.now());
    engineAfter.setFromHeader(expiring, `${origin}/api/logout`);
    assert.equal(engineAfter.size, 0, 'the engine in Node removes them too');

    // 4. Who am I, again: nothing to add.
    [request] = await callApi(page, 'Who am I?');
    assert.equal(request.headers['x-cookie'], undefined);
    shown = await readDemo(page);
    assert.equal(shown.summary, 'GET /api/whoami: No session cookie: not logged in. No preference.');
    assert.equal(shown.added, null);
    assert.equal(sincePage().filter((r) => r.path.startsWith('/api/') && r.path !== '/api/').length, 4, 'four calls reached the API, one each');

    // The worker's scope is the demo page alone: the playground next to it is not controlled.
    const playground = await page.context().newPage();
    await playground.goto(`${origin}/`);
    await playground.waitForSelector('html[data-ready]');
    assert.equal(await playground.evaluate(() => navigator.serviceWorker.controller), null);
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope), `${origin}/worker.html`);
    await playground.close();
  }));

test('the jar outlives the worker: stopped, then the page reloaded; replaced by a new worker; each time restored from IndexedDB', () =>
  onPage(async (page, context) => {
    const first = await readDemo(page);
    await callApi(page, 'Log in');
    const loggedIn = await readDemo(page);
    assert.equal(loggedIn.rows.length, 2);
    const [session] = loggedIn.rows;

    // Stopped as the browser stops an idle worker; the reloaded page starts it again.
    await stopWorkers(context, page);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    const reloaded = await readDemo(page);
    assert.ok(reloaded.startedAt > first.startedAt, 'a new run of the worker answered');
    assert.match(reloaded.worker, /and loaded 2 cookies from IndexedDB\.$/);
    assert.deepEqual(reloaded.rows, loggedIn.rows, 'the same jar, restored');
    assert.equal(reloaded.summary, 'No call yet: use a button above.');
    let [request] = await callApi(page, 'Who am I?');
    assert.equal(request.headers['x-cookie'], `__Host-session=${session.value}; theme=dark`, 'the restored jar sends the session');
    assert.equal((await readDemo(page)).summary, `GET /api/whoami: Session ${session.value}: logged in. Preference: theme=dark.`);
    await screenshot(page, 'desktop-restored');

    // "Start a new worker": a new instance of sw.js takes over the page, and loads the jar.
    await page.getByRole('button', { name: 'Start a new worker' }).click();
    await page.waitForFunction(() => document.documentElement.dataset.workers === '2' || document.getElementById('call-error').textContent !== '');
    assert.equal(await page.textContent('#call-error'), '');
    const replaced = await readDemo(page);
    assert.match(replaced.controller, new RegExp(`^${origin}/sw\\.js\\?new=\\d+$`));
    assert.ok(replaced.startedAt > reloaded.startedAt, 'a new worker answered');
    assert.match(replaced.worker, /and loaded 2 cookies from IndexedDB\.$/);
    assert.deepEqual(replaced.rows, loggedIn.rows);
    [request] = await callApi(page, 'Log out');
    assert.equal(request.headers['x-cookie'], `__Host-session=${session.value}; theme=dark`, 'the new worker sends the session');
    assert.deepEqual((await readDemo(page)).rows, []);

    // The logout was saved too: stopped and started again, the worker loads an empty jar.
    await stopWorkers(context, page);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    const empty = await readDemo(page);
    assert.match(empty.worker, /and loaded 0 cookies from IndexedDB\.$/);
    assert.deepEqual(empty.rows, []);
    [request] = await callApi(page, 'Who am I?');
    assert.equal(request.headers['x-cookie'], undefined);
  }));

test('on a static host, without the API, the page says that the demo needs `npm start`, and registers no worker', () =>
  onPage(
    async (page) => {
      assert.equal(await page.isVisible('#no-api'), true);
      assert.equal(await page.textContent('#no-api-heading'), 'The demo API is not here');
      assert.equal(await page.textContent('#no-api-detail'), 'api/ answered 404');
      assert.match(await page.textContent('#no-api'), /npm start/);
      assert.equal(await page.textContent('#status'), 'The demo needs its API: run npm start and open this page at the address it prints.');
      for (const id of ['#calls', '#trip', '#worker']) assert.equal(await page.isVisible(id), false, `${id} is hidden`);
      assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
      await axeClean(page, 'the static host');
      await screenshot(page, 'desktop-no-api');
    },
    // Chromium reports the failed probe of api/ (a 404) on the console.
    { url: `${staticOrigin}/worker.html`, ready: 'no-api', expectedErrors: ['status of 404'] },
  ));

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js', { paths: [root] });

/** axe-core finds no violation at 1280 and 375 px, and the page does not scroll sideways. */
async function axeClean(page, what) {
  await page.addScriptTag({ path: AXE });
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    const violations = await page.evaluate(async () => {
      const results = await window.axe.run(document, { resultTypes: ['violations'] });
      return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
    });
    assert.deepEqual(violations, [], `${what} at ${viewport.width} px:\n${JSON.stringify(violations, null, 2)}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), viewport.width, `no horizontal scrolling of the page at ${viewport.width} px`);
  }
  await page.setViewportSize(DESKTOP);
}

test('axe-core finds no accessibility violations in the demo, before and after a call, at 1280 and 375 px', () =>
  onPage(async (page) => {
    await axeClean(page, 'before a call');
    await callApi(page, 'Log in');
    await axeClean(page, 'after a login');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'phone-login');
  }));

test('keyboard only (Tab, Enter, Space): the skip link, the three calls, a new worker, the jar region', () =>
  onPage(async (page) => {
    await tabTo(page, 'Skip to the demo');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main', 'the skip link moves the focus to the demo');

    await tabTo(page, 'Log in');
    await page.keyboard.press('Enter');
    await waitForCall(page, 1);
    assert.deepEqual((await readDemo(page)).rows.map((r) => r.name), ['__Host-session', 'theme']);
    await tabTo(page, 'Who am I?');
    await page.keyboard.press('Space');
    await waitForCall(page, 2);
    assert.match((await readDemo(page)).added, /^X-Cookie: __Host-session=[0-9a-f]{16}; theme=dark$/);

    // The jar's table scrolls in a region of its own, which the keyboard reaches.
    const region = await tabTo(page, "Cookies in the worker's jar");
    assert.equal(region.role, 'region');
    await tabTo(page, 'Start a new worker');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.dataset.workers === '2');
    assert.match((await readDemo(page)).worker, /loaded 2 cookies from IndexedDB\.$/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'new-worker', 'the focus stays on the button');
  }));
