// The differential harness: runs a scenario through Chromium (driven by playwright-core, every
// host name mapped to the local servers, so the browser applies its own Public Suffix List,
// Secure, SameSite, prefix and partition rules) and through a cookie jar with the matching
// context, and compares what each sent. It talks to the jar through its public API only, so a
// different jar (tough-cookie, say) could run the same scenarios.
//
// A scenario is `{ id, family, steps }`; a step is
//   { kind: 'set', url, lines, via, top? }  a response to `url` carrying the Set-Cookie `lines`
//   { kind: 'get', url, via, top? }         a request to `url`: its Cookie header is compared
//   { kind: 'script', url }                 `document.cookie` in a top-level page at `url`
//   { kind: 'wait', ms }                    the clock moves on, for both: real time passes
//                                           (Chromium's clock cannot be set; the jar reads the same one)
// and `via` is how the browser makes the request: 'direct' (a navigation the user starts),
// 'link' (a top-level navigation from the page at `top`), 'form-post' (a form at `top` posting
// to `url`), 'fetch' (from the page at `top`, credentials included) or 'iframe' (a frame in the
// page at `top`).
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { assertChromium, CHROMIUM, CHROMIUM_ARGS as TEST_ARGS } from '../js/support.mjs';
import { startServers } from './servers.mjs';

/** The browser tests' flags, every host name sent to the local servers, and their certificate taken. */
const CHROMIUM_ARGS = [...TEST_ARGS, '--host-resolver-rules=MAP * 127.0.0.1', '--ignore-certificate-errors'];
const WAIT = 10_000;

/** The context the jar is given for a request the browser makes `via` from the page at `top`. */
export function contextFor({ via, top, method }) {
  switch (via) {
    case 'direct':
      return undefined;
    case 'link':
      return { topLevelUrl: top, navigation: true };
    case 'form-post':
      return { topLevelUrl: top, navigation: true, method: 'POST' };
    case 'fetch':
    case 'iframe':
      return { topLevelUrl: top, method: method ?? 'GET' };
    default:
      throw new Error(`unknown way of making a request: ${via}`);
  }
}

/**
 * Starts the servers and Chromium. With `thirdPartyCookies: 'allowed'`, a profile whose
 * preferences allow them (Chromium blocks third-party cookies by default, partitioned ones
 * excepted). Resolves to `{ version, args, run(scenario, jar), close() }`.
 */
export async function startHarness({ thirdPartyCookies = 'blocked' } = {}) {
  assertChromium();
  /** What each step's token answers, and the Cookie header each token's request carried. */
  const responses = new Map();
  const received = new Map();
  const servers = await startServers(
    (request) => {
      const token = request.query.get('t');
      if (request.path === '/favicon.ico') return { status: 404, body: '' };
      const lines = (token && responses.get(token)) || [];
      return { setCookie: lines, body: '<!doctype html><meta charset="utf-8"><title>differential</title><body>ok</body>' };
    },
    (request) => {
      const token = request.query.get('t');
      if (token) received.set(token, request.cookie ?? '');
    },
  );
  const userDataDir = mkdtempSync(join(tmpdir(), 'cookie-engine-differential-profile-'));
  if (thirdPartyCookies === 'allowed') {
    mkdirSync(join(userDataDir, 'Default'), { recursive: true });
    writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  }
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, ignoreHTTPSErrors: true, timeout: WAIT });
  context.setDefaultTimeout(WAIT);
  let page = await context.newPage();
  const version = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));

  /** `url` on the local servers' port for its scheme, with the step's token. */
  const served = (url, token) => {
    const parsed = new URL(url);
    parsed.port = String(parsed.protocol === 'https:' ? servers.httpsPort : servers.httpPort);
    parsed.searchParams.set('t', token);
    return parsed.href;
  };

  /** `promise`, or an Error after WAIT: page.evaluate has no timeout of its own. */
  const bounded = (promise, what) =>
    Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish in ${WAIT} ms`)), WAIT).unref())]);

  /** Makes the browser request `url` (with `token`) as the step says. */
  async function browse(step, url) {
    if (step.via === 'direct') {
      await page.goto(url);
      return;
    }
    await page.goto(served(step.top, 'page'));
    switch (step.via) {
      case 'link':
        await Promise.all([page.waitForURL(url), page.evaluate((target) => { location.href = target; }, url)]);
        return;
      case 'form-post':
        await Promise.all([
          page.waitForURL(url),
          page.evaluate((target) => {
            const form = document.createElement('form');
            form.method = 'POST';
            form.action = target;
            document.body.append(form);
            form.submit();
          }, url),
        ]);
        return;
      case 'fetch':
        await bounded(page.evaluate((target) => fetch(target, { credentials: 'include', mode: 'no-cors' }).then(() => {}), url), 'fetch');
        return;
      case 'iframe':
        await bounded(
          page.evaluate(
            (target) =>
              new Promise((loaded) => {
                const frame = document.createElement('iframe');
                frame.onload = loaded;
                frame.src = target;
                document.body.append(frame);
              }),
            url,
          ),
          'iframe',
        );
        return;
      default:
        throw new Error(`unknown way of making a request: ${step.via}`);
    }
  }

  /** Runs `scenario` in the browser and through `jar`; the observations of each, step by step. */
  async function run(scenario, jar) {
    try {
      return await runSteps(scenario, jar);
    } catch (error) {
      // A fresh page for the next scenario: this one may be stuck mid-navigation.
      await page.close().catch(() => {});
      page = await context.newPage();
      throw error;
    }
  }

  async function runSteps(scenario, jar) {
    await context.clearCookies();
    const observations = [];
    for (const [index, step] of scenario.steps.entries()) {
      if (step.kind === 'wait') {
        await new Promise((resolve) => setTimeout(resolve, step.ms));
        continue;
      }
      const token = `${scenario.id}-${index}`;
      const url = served(step.url, token);
      const top = step.top && served(step.top, 'page');
      const context = step.kind === 'script' ? { api: 'script' } : contextFor({ ...step, top });
      if (step.kind === 'set') {
        responses.set(token, step.lines);
        await browse(step, url);
        jar.setFromHeader(step.lines, url, context);
      } else if (step.kind === 'get') {
        await browse(step, url);
        observations.push({ step: index, browser: received.get(token) ?? '(no request)', engine: jar.headerFor(url, context) });
      } else if (step.kind === 'script') {
        await page.goto(url);
        observations.push({ step: index, script: true, browser: await page.evaluate(() => document.cookie), engine: jar.headerFor(url, context) });
      }
      responses.delete(token);
      received.delete(token);
    }
    return observations;
  }

  return {
    version,
    args: CHROMIUM_ARGS,
    run,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
      await servers.close();
    },
  };
}
