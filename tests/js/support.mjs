// Shared by the JS tests: where the packed package is installed (tests/js/install-package.mjs),
// and small helpers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import dns from 'node:dns';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** A project that depends on the packed tarball, as a user's would. */
export const projectDir = join(root, 'target', 'npm-test');
export const installedDir = join(projectDir, 'node_modules', 'cookie-engine');

function assertInstalled() {
  if (!existsSync(join(installedDir, 'package.json'))) {
    throw new Error('the package is not installed: run `node scripts/build.mjs && node tests/js/install-package.mjs` (npm test does)');
  }
}

/** The package as `import { ... } from 'cookie-engine'` in the test project gives it. */
export async function importPackage() {
  assertInstalled();
  return import(pathToFileURL(join(projectDir, 'esm-entry.mjs')).href);
}

/** `cookie-engine/redis` as `import { ... } from 'cookie-engine/redis'` in the test project gives it. */
export async function importRedisModule() {
  assertInstalled();
  return import(pathToFileURL(join(projectDir, 'redis-entry.mjs')).href);
}

/** The package as `require('cookie-engine')` in the test project gives it. */
export function requirePackage() {
  assertInstalled();
  return createRequire(join(projectDir, 'package.json'))(join(projectDir, 'cjs-entry.cjs'));
}

/** Debian's Chromium, which `scripts/setup.sh --tests` installs, unless CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** How the browser tests start it: headless, and quiet on the network (nothing but 127.0.0.1). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Throws, saying what to do, if Chromium is not where the browser tests look for it. */
export function assertChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`scripts/setup.sh --tests\` (npm test does), or set CHROMIUM_PATH`);
}

/** 2010-01-01T00:00:00Z, the pinned clock of the http-state vectors. */
export const VECTOR_CLOCK = Date.UTC(2010, 0, 1);

// ---- Host integrations: servers on 127.0.0.1 under several host names -------------------------

/**
 * Node 22, for the tests of clients that need it (undici 8, got 16, http-cookie-agent 8 and
 * axios-cookiejar-support 7 declare Node >= 22): the `node` package from npm, which
 * `scripts/setup.sh --tests` installs into target/node22 (NODE22 names another).
 */
export const node22 = process.env.NODE22 || join(root, 'target', 'node22', 'node_modules', 'node', 'bin', 'node');

/**
 * Sends every host name to 127.0.0.1, as Chromium's `--host-resolver-rules="MAP * 127.0.0.1"`
 * does: Node's fetch, http, https and undici resolve names through `dns.lookup`, which this
 * replaces in this process. So `a.localhost`, `b.localhost` or `shop.example` reach the local
 * servers (Node resolves `localhost` alone, from /etc/hosts).
 */
export function mapHostsToLoopback() {
  if (dns.lookup.mapsToLoopback) return;
  const lookup = dns.lookup;
  const mapped = (hostname, options, callback) => lookup.call(dns, '127.0.0.1', options, callback);
  mapped.mapsToLoopback = true;
  dns.lookup = mapped;
}

/** A self-signed certificate for `names`, made by openssl in `dir`: `{ key, cert }` as PEM text. */
export function makeCertificate(dir, names) {
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=cookie-engine tests', '-addext', `subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`], { stdio: 'ignore' });
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

/**
 * A server on 127.0.0.1 (HTTPS with `tls: { key, cert }`) for every host name: `route(url,
 * request, body)` answers `[status, headers, body?]` (404 when it returns nothing). `seen` lists
 * every request it received, as `{ method, host, path, cookie, authorization, type, body }`;
 * `url(host, path)` is a URL of the server under a host name.
 */
export async function recordingServer(route, { tls } = {}) {
  const seen = [];
  const handle = async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const url = new URL(request.url, `${tls ? 'https' : 'http'}://${request.headers.host}`);
    const { method, headers } = request;
    seen.push({ method, host: url.hostname, path: `${url.pathname}${url.search}`, cookie: headers.cookie ?? null, authorization: headers.authorization ?? null, type: headers['content-type'] ?? null, body, headers });
    const [status, responseHeaders = {}, text = 'ok'] = route(url, request, body) ?? [404, {}, 'not found'];
    response.writeHead(status, responseHeaders);
    response.end(text);
  };
  const server = tls ? createHttpsServer(tls, handle) : createHttpServer(handle);
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    seen,
    port,
    url: (host, path = '/') => `${tls ? 'https' : 'http'}://${host}:${port}${path}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** `seen` requests as lines: "METHOD host/path cookie=... [auth] [body=...]". */
export const hops = (seen) => seen.map((r) => `${r.method} ${r.host}${r.path} cookie=${r.cookie ?? ''}${r.authorization ? ' auth' : ''}${r.body ? ` body=${r.body}` : ''}`);

/**
 * The package, imported after catching the WebAssembly.Memory of the instance it makes (as
 * bench/bench.mjs does): `{ engine, memory }`. Only where nothing imported the package before, as
 * in a test file of its own (node --test runs each file in its own process).
 */
export async function importPackageWithMemory() {
  const { Instance } = WebAssembly;
  let memory = null;
  WebAssembly.Instance = class extends Instance {
    constructor(module, imports) {
      super(module, imports);
      memory ??= this.exports.memory;
    }
  };
  try {
    return { engine: await importPackage(), memory };
  } finally {
    WebAssembly.Instance = Instance;
  }
}

/**
 * Presses Tab on `page` until the focus is on the element whose accessible name (aria-labelledby,
 * aria-label, its label, its text, in that order) starts with `name`, checking on the way that
 * every stop shows its focus (an outline of 2 px or more). Returns the focused element's name,
 * tag and role.
 */
export async function tabTo(page, name, { most = 120 } = {}) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      const labelledBy = element.getAttribute('aria-labelledby');
      const label = labelledBy ? document.getElementById(labelledBy).textContent : (element.getAttribute('aria-label') ?? element.labels?.[0]?.textContent ?? element.textContent);
      return { name: label.trim(), tag: element.tagName, role: element.getAttribute('role'), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    assert.ok(focused.outline, `the focus is visible on ${focused.tag} "${focused.name}"`);
    if (focused.name.startsWith(name)) return focused;
  }
  assert.fail(`Tab never reached "${name}"`);
}
