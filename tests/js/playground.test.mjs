// The playground (www/) in Chromium, used as a person uses it: the site as `npm run build:www`
// makes it from the packed package, served by a plain static server on 127.0.0.1. Everything the
// page shows is checked against the engine's own answers, computed here with the same package in
// Node, on the same clock: the page's Date.now() is pinned (Playwright's clock), so its times are
// known. Screenshots of the main states, at 1280 and 375 px, go to target/screenshots/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { chromium } from 'playwright-core';
import { buildSite } from '../../scripts/build-www.mjs';
import { createSiteServer, listen } from '../../scripts/serve-www.mjs';
import { EXAMPLES } from '../../www/examples.js';
import { assertChromium, CHROMIUM, CHROMIUM_ARGS, importPackage, installedDir, root, tabTo } from './support.mjs';

/** Every wait is bounded by this (ms). */
const WAIT = 10_000;
/** The page's real time: 2026-05-01T12:00:00Z. */
const T = Date.UTC(2026, 4, 1, 12);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 800 };
const SCREENSHOTS = join(root, 'target', 'screenshots');

const { CookieJar } = await importPackage();

// ---- The site, its server, Chromium -----------------------------------------------------------------

const siteDir = join(root, 'target', 'playground-test', 'site');
/** Every request the server received (its path). */
const seen = [];
let server;
let origin;
let browser;
/** The browser context the tests' pages share (its HTTP cache keeps the compiled wasm between them). */
let shared;
/** Problems in the pages (console errors and warnings, uncaught exceptions), as text. */
const errors = [];

before(async () => {
  assertChromium();
  buildSite({ packageDir: installedDir, out: siteDir });
  server = createSiteServer({ mounts: [['/', siteDir]], onRequest: (request) => seen.push(new URL(request.url, 'http://x').pathname) });
  origin = (await listen(server, 0)).replace(/\/$/, '');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: WAIT });
  shared = await newContext();
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await shared?.close();
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done()));
});

beforeEach(() => {
  errors.length = 0;
});

const assertNoErrors = () => assert.deepEqual(errors, [], `errors in the page:\n  ${errors.join('\n  ')}`);

async function newContext() {
  const context = await browser.newContext({ viewport: DESKTOP });
  context.setDefaultTimeout(WAIT);
  context.on('weberror', (e) => errors.push(`uncaught: ${e.error().stack ?? e.error()}`));
  context.on('console', (m) => ['error', 'warning'].includes(m.type()) && errors.push(`console.${m.type()}: ${m.text()}`));
  return context;
}

/**
 * A new page at `url` (the site's root by default), once the engine is loaded. The context's
 * clock (Playwright's clock is the context's) is pinned at `now`.
 */
async function openPage({ url = `${origin}/`, now = T, context = shared } = {}) {
  await context.clock.setFixedTime(now);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready]');
  return page;
}

const close = (page) => page.close();

/** Runs `use(page)` on a new page (`options` as openPage's), then checks that the page reported no error. */
async function onPage(use, options) {
  const page = await openPage(options);
  try {
    await use(page);
    assertNoErrors();
  } finally {
    await close(page);
  }
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

// ---- What the page shows ------------------------------------------------------------------------------

/** The page's answers as a person reads them: decisions, request, jar table, clock. */
function readPage(page) {
  return page.evaluate(() => {
    const text = (element) => element?.textContent ?? null;
    const reasons = (li) => [...li.querySelectorAll('.why')].map(text);
    const cell = (tr, key) => tr.querySelector(`.col-${key}`);
    return {
      decisions: [...document.querySelectorAll('#set-results > li')].map((li) => ({ badge: text(li.querySelector('.badge')), line: text(li.querySelector('.line')), reasons: reasons(li) })),
      header: text(document.getElementById('request-header')),
      requestError: text(document.getElementById('request-error')),
      explain: [...document.querySelectorAll('#explain > li.decision')].map((li) => ({ badge: text(li.querySelector('.badge')), cookie: text(li.querySelector('.line')), reasons: reasons(li) })),
      rows: [...document.querySelectorAll('#jar-table tbody tr')]
        .filter((tr) => !tr.querySelector('.none'))
        .map((tr) => ({
          order: Number(text(cell(tr, 'order'))),
          name: text(cell(tr, 'name').querySelector('code')),
          expired: text(cell(tr, 'name').querySelector('.tag')) === 'expired',
          value: text(cell(tr, 'value')),
          domain: text(cell(tr, 'domain').firstChild),
          hostOnly: text(cell(tr, 'domain').querySelector('.tag')) === 'host-only',
          path: text(cell(tr, 'path')),
          expires: cell(tr, 'expires').querySelector('time')?.getAttribute('datetime') ?? text(cell(tr, 'expires')),
          countdown: text(cell(tr, 'expires').querySelector('.countdown')),
          secure: text(cell(tr, 'secure')),
          httpOnly: text(cell(tr, 'httpOnly')),
          sameSite: text(cell(tr, 'sameSite')),
          partition: text(cell(tr, 'partition')),
          highlighted: tr.classList.contains('sent'),
        })),
      sentChips: [...document.querySelectorAll('#groups .chip.sent code')].map(text),
      clock: text(document.getElementById('clock-now')),
      clockOffset: text(document.getElementById('clock-offset')),
    };
  });
}

// ---- What the engine says, in Node --------------------------------------------------------------------

/**
 * A Node jar after `steps` (each `{ at, lines, url, context }`, `{ at, policy }` or
 * `{ at, format, data }`), and what the page should show at `now` for `request` (`{ url, context }`).
 */
function engine(steps, now, request) {
  let time = now;
  const jar = new CookieJar({ now: () => time });
  const decisions = [];
  let imported;
  for (const step of steps) {
    time = step.at;
    if (step.lines) decisions.splice(0, Infinity, ...step.lines.map((line) => ({ line, ...jar.setCookie(line, step.url, step.context) })));
    else if (step.policy) jar.setPolicy(step.policy);
    else imported = jar.import(step.format, step.data);
  }
  time = now;
  const live = new Set(jar.cookies().map((c) => JSON.stringify(c)));
  const snapshot = jar.toJSON({ includeExpired: true, includeSession: true });
  const explained = jar.explainRequest(request.url, request.context);
  const sent = new Set(explained.filter((d) => d.sent).map((d) => `${d.cookie.name}|${d.cookie.domain}|${d.cookie.path}`));
  const cookieText = (c) => (c.name === '' ? c.value : `${c.name}=${c.value}`);
  const reason = (code, message) => `${code} ${message}`;
  const expected = {
    decisions: decisions.map((d) => ({
      stored: d.stored,
      rejected: d.outcome === 'rejected',
      line: d.line,
      reasons: [d.code && reason(d.code, d.message), d.warning && reason(d.warning, d.message)].filter(Boolean),
    })),
    explain: explained.map((d) => ({ badge: d.sent ? '✓ sent' : '✗ withheld', cookie: cookieText(d.cookie), reasons: d.code ? [reason(d.code, d.message)] : [] })),
    rows: snapshot.cookies.map((c, i) => ({
      order: i + 1,
      name: c.name === '' ? '(none)' : c.name,
      expired: !live.has(JSON.stringify(c)),
      value: c.value,
      domain: c.domain,
      hostOnly: c.hostOnly,
      path: c.path,
      expires: c.expires === null ? 'session' : new Date(c.expires).toISOString(),
      secure: c.secure ? 'yes' : 'no',
      httpOnly: c.httpOnly ? 'yes' : 'no',
      sameSite: c.sameSite,
      partition: c.partitionKey ?? '–',
      highlighted: sent.has(`${c.name}|${c.domain}|${c.path}`),
    })),
    sentChips: explained.filter((d) => d.sent).map((d) => cookieText(d.cookie)),
    imported,
    jar,
    at: (t) => (time = t),
  };
  // Last: a request counts as an access, and evicts the expired cookies it meets.
  expected.header = jar.headerFor(request.url, request.context);
  expected.noHeader = request.context.api === 'script' ? '(an empty string)' : '(no Cookie header: nothing to send)';
  return expected;
}

/** Checks the page against the engine: every line's decision, the request, the table and the grouped view. */
function assertMatches(shown, expected, what) {
  assert.deepEqual(
    shown.decisions.map((d) => ({ stored: d.badge.startsWith('✓'), rejected: d.badge.includes('rejected'), line: d.line, reasons: d.reasons })),
    expected.decisions.map(({ stored, rejected, line, reasons }) => ({ stored, rejected, line, reasons })),
    `${what}: each line's decision`,
  );
  assert.equal(shown.requestError, '', `${what}: no request error`);
  assert.equal(shown.header, expected.header || expected.noHeader, `${what}: the Cookie header`);
  assert.deepEqual(shown.explain, expected.explain, `${what}: every cookie considered, sent or why not`);
  // The countdowns are the page's own arithmetic on these times (the clock test reads them).
  assert.deepEqual(
    shown.rows.map(({ countdown, ...row }) => row),
    expected.rows,
    `${what}: the jar table`,
  );
  assert.deepEqual([...shown.sentChips].sort(), [...expected.sentChips].sort(), `${what}: the highlighted cookies of the grouped view`);
}

/** Fills the response form and stores its lines. */
async function store(page, { lines, url, top = '', navigation = true, api = 'http' }) {
  await page.fill('#set-lines', lines.join('\n'));
  await page.fill('#set-url', url);
  await page.fill('#set-top', top);
  await page.check(`#set-form input[name=navigation][value="${navigation}"]`);
  await page.check(`#set-form input[name=api][value="${api}"]`);
  await page.getByRole('button', { name: 'Store in the jar' }).click();
}

async function describeRequest(page, { url, top = '', method = 'GET', navigation = true, api = 'http' }) {
  await page.fill('#request-url', url);
  await page.fill('#request-top', top);
  await page.selectOption('#request-method', method);
  await page.check(`#request-form input[name=navigation][value="${navigation}"]`);
  await page.check(`#request-form input[name=api][value="${api}"]`);
}

/** The engine's context for the response form: the same fields, and no top-level URL when none is given. */
const setContext = ({ top = '', api = 'http', navigation = true }) => ({ api, navigation, ...(top && { topLevelUrl: top }) });
/** The engine's context for the request form, which has a method too. */
const requestContext = ({ method = 'GET', ...request }) => ({ ...setContext(request), method });

/** A ready example as the tests replay it: its lines stored at T (`step`), and its request (`req`). */
function exampleCase({ id, title, set, request }) {
  const { lines, ...response } = set;
  return { id, title, lines, response, request, step: { at: T, lines, url: response.url, context: setContext(response) }, req: { url: request.url, context: requestContext(request) } };
}
const example = (id) => exampleCase(EXAMPLES.find((e) => e.id === id));

// ---- Tests -----------------------------------------------------------------------------------------------

test("the built site loads the engine from the package's public web entry, and nothing else of it", () => {
  const from = seen.length;
  return onPage(async (page) => {
    assert.equal(await page.textContent('#status'), 'The engine is loaded: everything below is its answer.');
    const packageFiles = seen.slice(from).filter((path) => path.startsWith('/cookie-engine/'));
    assert.deepEqual(packageFiles.sort(), ['/cookie-engine/web/cookie_engine.js', '/cookie-engine/web/cookie_engine_bg.wasm']);
    // The site's page files are www/'s, unchanged.
    for (const file of ['index.html', 'app.js', 'style.css']) assert.equal(readFileSync(join(siteDir, file), 'utf8'), readFileSync(join(root, 'www', file), 'utf8'));
    assert.equal(existsSync(join(siteDir, 'README.md')), false, "www/README.md (the maintainers' notes) is not part of the site");
    const shown = await readPage(page);
    assert.deepEqual([shown.rows, shown.decisions, shown.explain], [[], [], []], 'an empty jar to start with');
    assert.equal(shown.clock, '2026-05-01 12:00:00 UTC');
    assert.equal(shown.clockOffset, '(real time)');
  });
});

test("lines stored and a request described: every decision, the header, the reasons and the table are the engine's", () =>
  onPage(async (page) => {
    const response = {
      url: 'https://www.example.com/login',
      lines: [
        'sid=1; Secure; HttpOnly; Path=/; SameSite=Lax',
        'csrf=2; Secure; Path=/; SameSite=Strict',
        'pref=dark; Domain=example.com; Path=/; Max-Age=86400',
        'cart=3; Path=/cart',
        '__Host-x=1; Path=/',
        'wide=1; Domain=com',
        'none=1; SameSite=None',
        'a=1, b=2',
        '=nameless',
      ],
    };
    await store(page, response);
    const steps = [{ at: T, ...response, context: setContext(response) }];
    const requests = [
      { url: 'https://www.example.com/cart/x', navigation: true },
      { url: 'https://api.example.com/', top: 'https://other.example/', method: 'POST', navigation: true },
      { url: 'https://www.example.com/', top: 'https://other.example/', navigation: false, api: 'script' },
      { url: 'http://www.example.com/', navigation: true },
    ];
    for (const request of requests) {
      await describeRequest(page, request);
      assertMatches(await readPage(page), engine(steps, T, { url: request.url, context: requestContext(request) }), `request ${JSON.stringify(request)}`);
    }
    assert.equal(await page.textContent('#header-heading'), 'Cookie header');
    // A URL being typed is not a request yet: the engine's TypeError says so, and nothing breaks.
    await page.fill('#request-url', 'https://');
    assert.match(await page.textContent('#request-error'), /^TypeError: invalid URL/);
    await page.fill('#set-url', 'not a url');
    await page.getByRole('button', { name: 'Store in the jar' }).click();
    assert.equal(await page.textContent('#set-error'), 'TypeError: invalid URL: not a url');
    assert.equal(await page.textContent('#history-count'), '1', 'the refused store is not a step');
    await screenshot(page, 'desktop-lines-and-request');
  }));

test("each ready example: its decisions, header, reasons and table are the engine's", () =>
  onPage(async (page) => {
    for (const { about, ...rest } of EXAMPLES) {
      const { id, title, lines, request, step, req } = exampleCase(rest);
      await page.getByRole('button', { name: title }).click();
      assert.equal(await page.inputValue('#set-lines'), lines.join('\n'), `${id}: the lines are in the form`);
      assert.equal(await page.inputValue('#request-url'), request.url);
      assert.equal(await page.textContent('#example-about'), about);
      assertMatches(await readPage(page), engine([step], T, req), id);
      if (id === 'embed') {
        // The README's picture (docs/playground.png): the page down to the two panels' answers.
        const bottom = await page.evaluate(() => document.querySelector('.columns').getBoundingClientRect().bottom + 16);
        await page.screenshot({ path: join(SCREENSHOTS, 'readme.png'), fullPage: true, clip: { x: 0, y: 0, width: DESKTOP.width, height: bottom } });
      }
      if (id === 'login') {
        await screenshot(page, 'desktop-login');
        await page.setViewportSize(PHONE);
        await screenshot(page, 'phone-login');
        await page.setViewportSize(DESKTOP);
      }
      if (id === 'prefix') await screenshot(page, 'desktop-prefix');
    }
  }));

test('the clock: +1 min expires the one-minute cookie, the field and +400 days move it on, reset goes back', () =>
  onPage(async (page) => {
    const { title, step, req } = example('minute');
    const check = async (now, what) => assertMatches(await readPage(page), engine([step], now, req), what);
    await page.getByRole('button', { name: title }).click();
    let shown = await readPage(page);
    assert.equal(shown.rows.find((r) => r.name === 'flash').countdown, 'in 1 min');
    assert.match(shown.header, /flash=saved/);

    await page.getByRole('button', { name: '+1 min' }).click();
    shown = await readPage(page);
    assert.equal(shown.clock, '2026-05-01 12:01:00 UTC');
    assert.equal(shown.clockOffset, '(1 min ahead of real time)');
    const flash = shown.rows.find((r) => r.name === 'flash');
    assert.deepEqual([flash.expired, flash.countdown], [true, 'expired 0 s ago']);
    assert.deepEqual(shown.explain.find((d) => d.cookie === 'flash=saved').reasons, ['expired the cookie has expired']);
    await check(T + MINUTE, 'after +1 min');
    await screenshot(page, 'desktop-expired');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'phone-expired');
    await page.setViewportSize(DESKTOP);

    // The field: 2 hours more; the hour cookie has gone too.
    await page.fill('#clock-amount', '2');
    await page.selectOption('#clock-unit', { label: 'hours' });
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    assert.equal((await readPage(page)).clock, '2026-05-01 14:01:00 UTC');
    await check(T + MINUTE + 2 * HOUR, 'after 2 h more');

    await page.getByRole('button', { name: '+400 days' }).click();
    await check(T + MINUTE + 2 * HOUR + 400 * 24 * HOUR, 'after +400 days');

    await page.getByRole('button', { name: 'Reset to real time' }).click();
    shown = await readPage(page);
    assert.deepEqual([shown.clock, shown.clockOffset], ['2026-05-01 12:00:00 UTC', '(real time)']);
    await check(T, 'after the reset');
    // Pause is a toggle; the pinned clock shows it paused at the same time.
    await page.getByRole('button', { name: 'Pause' }).click();
    assert.equal(await page.getAttribute('#clock-pause', 'aria-pressed'), 'true');
    assert.equal((await readPage(page)).clockOffset, '(paused, real time)');
  }));

test('policies: third-party modes and blocked domains change the decisions as the engine decides', () =>
  onPage(async (page) => {
    const { title, step, req } = example('embed');
    const steps = [step];
    await page.getByRole('button', { name: title }).click();
    assertMatches(await readPage(page), engine(steps, T, req), 'the default policy');

    // A select applies at once; the stored cookies are now judged by it.
    await page.selectOption('#policy-third-party', 'partitioned-only');
    steps.push({ at: T, policy: { thirdParty: 'partitioned-only', unspecifiedSameSite: 'lax' } });
    let expected = engine(steps, T, req);
    assert.ok(expected.explain.some((d) => d.reasons[0]?.startsWith('third-party-blocked')), 'the engine withholds the unpartitioned cookie');
    assertMatches(await readPage(page), expected, 'third-party: partitioned-only');
    await screenshot(page, 'desktop-policy');

    // The same lines stored again, under the policy.
    await page.getByRole('button', { name: 'Store in the jar' }).click();
    steps.push(step);
    assertMatches(await readPage(page), engine(steps, T, req), 'stored again under partitioned-only');

    // A blocked domain, applied with the button; then the SameSite mode.
    await page.fill('#policy-blocked', '.widget.example, ads.example');
    await page.getByRole('button', { name: 'Apply the policy' }).click();
    steps.push({ at: T, policy: { thirdParty: 'partitioned-only', unspecifiedSameSite: 'lax', blockedDomains: ['.widget.example', 'ads.example'] } });
    expected = engine(steps, T, req);
    assert.ok(expected.explain.some((d) => d.reasons[0]?.startsWith('blocked-domain')), 'the engine withholds the blocked cookie');
    assertMatches(await readPage(page), expected, 'blocked .widget.example');

    // A wrong entry: the engine's TypeError, and the policy stays as it was.
    await page.fill('#policy-blocked', 'https://ads.example');
    await page.getByRole('button', { name: 'Apply the policy' }).click();
    assert.match(await page.textContent('#policy-error'), /^TypeError: policy\.blockedDomains: "https:\/\/ads\.example" is not a host/);
    assertMatches(await readPage(page), expected, 'after a refused policy');

    // Start over: an empty jar under the same policy, the lines still in the form.
    await page.getByRole('button', { name: 'Start over (empty jar)' }).click();
    assert.deepEqual((await readPage(page)).rows, []);
    assert.equal(await page.textContent('#history-count'), '1', 'one step: the policy');
    assert.equal(await page.inputValue('#policy-third-party'), 'partitioned-only');
    await page.getByRole('button', { name: 'Store in the jar' }).click();
    const policy = steps.at(-1);
    assertMatches(await readPage(page), engine([policy, step], T, req), 'stored into the new jar');
  }));

test('import a cookies.txt file (chosen, then dropped) and Playwright state (pasted); export JSON as a downloaded file', () =>
  onPage(async (page) => {
    // A cookies.txt made by the engine in Node, plus a line it must skip.
    const source = new CookieJar({ now: () => T });
    source.setFromHeader(['sid=abc; Path=/; Secure; HttpOnly; Max-Age=7200', 'lang=fr; Domain=example.org; Max-Age=86400', 'tmp=1'], 'https://www.example.org/');
    const cookiesTxt = `${source.toNetscape({ includeSession: true })}.com\tTRUE\t/\tFALSE\t0\twide\t1\n`;
    await page.setInputFiles('#import-file', { name: 'cookies.txt', mimeType: 'text/plain', buffer: Buffer.from(cookiesTxt) });
    const request = { url: 'https://www.example.org/', context: requestContext({}) };
    const steps = [{ at: T, format: 'netscape', data: cookiesTxt }];
    let expected = engine(steps, T, request);
    assert.deepEqual(expected.imported.skipped.map((s) => s.code), ['domain-is-public-suffix']);
    await page.waitForFunction(() => document.getElementById('import-result').textContent !== '');
    assert.equal(await page.textContent('#import-result'), `cookies.txt: ${expected.imported.imported} cookies imported, 1 skipped.`);
    const skipped = expected.imported.skipped[0];
    assert.equal(await page.textContent('#import-skipped li'), `✗ skippedline ${skipped.line}${skipped.code} ${skipped.message}`);
    await describeRequest(page, { url: request.url });
    assertMatches(await readPage(page), expected, 'after the cookies.txt import');

    // The same file dropped on the page: the second import replaces the same cookies.
    await page.clock.setFixedTime(T + MINUTE);
    const dropped = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
      return data;
    }, cookiesTxt);
    await page.dispatchEvent('main', 'dragover', { dataTransfer: dropped });
    assert.equal(await page.isVisible('#drop-overlay'), true, 'dragging a file shows where to drop it');
    await page.dispatchEvent('main', 'drop', { dataTransfer: dropped });
    await page.waitForFunction(() => document.getElementById('import-result').textContent.startsWith('dropped.txt'));
    assert.equal(await page.isVisible('#drop-overlay'), false);
    steps.push({ at: T + MINUTE, format: 'netscape', data: cookiesTxt });

    // Playwright's storage state, pasted.
    const state = { cookies: [{ name: 'pw', value: '1', domain: 'app.example.net', path: '/', expires: T / 1000 + 3600, httpOnly: false, secure: true, sameSite: 'Strict' }], origins: [] };
    await page.fill('#import-text', JSON.stringify(state));
    await page.getByRole('button', { name: 'Import the text' }).click();
    await page.waitForFunction(() => document.getElementById('import-result').textContent.startsWith('Playwright'));
    steps.push({ at: T + MINUTE, format: 'playwright', data: JSON.stringify(state) });
    expected = engine(steps, T + MINUTE, request);
    assert.equal(await page.textContent('#import-result'), 'Playwright storage state: 1 cookie imported, 0 skipped.');
    assertMatches(await readPage(page), expected, 'after the three imports');
    await screenshot(page, 'desktop-imported');

    // A broken file: the engine's SyntaxError, and the jar unchanged.
    await page.setInputFiles('#import-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "cookies": [') });
    await page.waitForFunction(() => document.getElementById('import-result').textContent.startsWith('broken.json'));
    assert.match(await page.textContent('#import-result'), /^broken\.json was not imported: SyntaxError: json: /);
    assertMatches(await readPage(page), expected, 'after the broken file');

    // Export: the JSON shown and the file downloaded are the engine's snapshot.
    const snapshot = expected.jar.toJSON({ includeSession: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    assert.equal(download.suggestedFilename(), 'cookies.json');
    const file = readFileSync(await download.path(), 'utf8');
    assert.deepEqual(JSON.parse(file), JSON.parse(JSON.stringify(snapshot)));
    assert.deepEqual(JSON.parse(await page.inputValue('#export-text')), JSON.parse(JSON.stringify(snapshot)));
    // And cookies.txt, after the formats module loads.
    await page.selectOption('#export-format', 'netscape');
    await page.waitForFunction(() => document.getElementById('export-text').value.startsWith('# Netscape'));
    const [txt] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    assert.equal(txt.suggestedFilename(), 'cookies.txt');
    assert.equal(readFileSync(await txt.path(), 'utf8'), expected.jar.toNetscape({ includeSession: true }));
  }));

test('a shared link opens the same state: forms, steps, clock, policy, and so the same answers', () =>
  onPage(async (page) => {
    const { title, request, step } = example('login');
    await page.getByRole('button', { name: title }).click();
    await page.getByRole('button', { name: '+1 h' }).click();
    const more = { url: 'https://app.example.com/settings', lines: ['theme=dark; Path=/settings; Max-Age=600'] };
    await store(page, more);
    await page.selectOption('#policy-samesite', 'none');
    const req = { ...request, url: 'https://app.example.com/settings/profile', top: 'https://mail.example.org/', navigation: false };
    await describeRequest(page, req);
    await page.getByRole('button', { name: 'Copy the link' }).click();
    const link = await page.inputValue('#share-link');
    assert.match(link, new RegExp(`^${origin}/#v1=[A-Za-z0-9_-]+$`));
    assert.equal(link, page.url());
    const before = await readPage(page);
    const forms = (p) => p.evaluate(() => [...document.querySelectorAll('#set-form, #request-form, #policy-form')].map((form) => [...new FormData(form)]));
    const formsBefore = await forms(page);
    const steps = [
      step,
      { at: T + HOUR, lines: more.lines, url: more.url, context: setContext({}) },
      { at: T + HOUR, policy: { thirdParty: 'allow', unspecifiedSameSite: 'none' } },
    ];
    assertMatches(before, engine(steps, T + HOUR, { url: req.url, context: requestContext(req) }), 'before sharing');

    // Opened five minutes later, elsewhere: the same steps at the same distances from its now.
    const later = T + 5 * MINUTE;
    const elsewhere = await newContext();
    const opened = await openPage({ url: link, now: later, context: elsewhere });
    const after = await readPage(opened);
    assert.deepEqual(await forms(opened), formsBefore, 'the forms and the policy');
    assert.equal(after.clock, '2026-05-01 13:05:00 UTC');
    assert.equal(after.clockOffset, before.clockOffset);
    const shift = (row) => ({ ...row, expires: row.expires === 'session' ? row.expires : new Date(Date.parse(row.expires) + 5 * MINUTE).toISOString() });
    assert.deepEqual(after.rows, before.rows.map(shift), 'the same cookies, their times five minutes on, the same countdowns');
    assert.deepEqual([after.decisions, after.header, after.explain, after.sentChips], [before.decisions, before.header, before.explain, before.sentChips]);
    assert.equal(await opened.textContent('#history-count'), '3');
    assertMatches(after, engine(steps.map((s) => ({ ...s, at: s.at + 5 * MINUTE })), later + HOUR, { url: req.url, context: requestContext(req) }), 'the opened link');
    await elsewhere.close();
  }));

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js', { paths: [root] });

test('axe-core finds no serious or critical accessibility violations, at 1280 and 375 px', () =>
  onPage(async (page) => {
    // A full page: decisions of every kind, withheld cookies, an expired one, the steps open.
    await page.getByRole('button', { name: example('embed').title }).click();
    await page.selectOption('#policy-third-party', 'block');
    await store(page, { url: 'https://widget.example/embed', lines: ['soon=1; Max-Age=60', 'bad=1; Domain=example'] });
    await page.getByRole('button', { name: '+1 min' }).click();
    await page.click('#history summary');
    await page.addScriptTag({ path: AXE });
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      const violations = await page.evaluate(async () => {
        const results = await window.axe.run(document, { resultTypes: ['violations'] });
        return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
      });
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious, [], `at ${viewport.width} px:\n${JSON.stringify(serious, null, 2)}`);
      // Readable on a phone: nothing wider than the screen but the table's own scrolling region.
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), viewport.width, `no horizontal scrolling of the page at ${viewport.width} px`);
    }
    await screenshot(page, 'phone-policy-blocked');
  }));

test('keyboard only (Tab, Enter, Space): skip link, an example, the clock, sorting, storing, the steps, sharing', () =>
  onPage(async (page) => {
    await tabTo(page, example('minute').title);
    await page.keyboard.press('Enter');
    assert.equal((await readPage(page)).rows.length, 3, 'Enter on an example loads it');

    await tabTo(page, '+1 min');
    await page.keyboard.press('Space');
    assert.equal((await readPage(page)).rows.find((r) => r.name === 'flash').expired, true, 'Space on +1 min expires flash');

    await tabTo(page, 'Store in the jar');
    await page.keyboard.press('Space');
    assert.equal(await page.textContent('#history-count'), '2', 'Space on the submit button stores the lines again');

    await tabTo(page, 'Every step so far');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#history', 'open'), '', 'Enter opens the steps');

    await tabTo(page, 'Name');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#jar-table th:nth-child(2)', 'aria-sort'), 'ascending');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.sort), 'name', 'the focus stays on the sort button after the table is redrawn');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#jar-table th:nth-child(2)', 'aria-sort'), 'descending');
    assert.deepEqual((await readPage(page)).rows.map((r) => r.name), ['visits', 'session', 'flash']);

    await tabTo(page, 'Copy the link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('share-status').textContent !== '');
    const link = await page.inputValue('#share-link');
    assert.equal(link, page.url());

    // Opened again: the first Tab stop is the skip link, which moves the focus to the jar and
    // leaves the scenario in the address.
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    await tabTo(page, 'Skip to the jar');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'jar', 'the skip link moves the focus to the jar');
    assert.equal(page.url(), link);
    assert.equal((await readPage(page)).rows.length, 3);
  }));
