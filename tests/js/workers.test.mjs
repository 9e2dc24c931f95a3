// handleFetch(event, jar), the fetch-event handler, in the runtimes that run it, each installed
// from npm with its own binary and loading the package's web build: Cloudflare's workerd (through
// miniflare) and Deno run the README's edge-worker blocks as written, forwarding to a server on
// 127.0.0.1 with the real Cookie and Set-Cookie headers; Node runs it on Requests, with the real
// headers and with header names agreed with the server. (A browser's service worker, with the
// agreed X-Cookie and X-Set-Cookie: browser.test.mjs.)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Miniflare } from 'miniflare';
import { hops, importPackage, installedDir, projectDir, recordingServer, root } from './support.mjs';

const { CookieJar, handleFetch } = await importPackage();

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Browsers and service workers'), readme.indexOf('## Saving cookies'));
const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
const cloudflareBlock = blocks.find((code) => code.includes('module_or_path: wasm'));
const denoBlock = blocks.find((code) => code.includes('Deno.env'));

/**
 * The upstream: /login redirects to /account (a relative Location) setting two cookies; /account
 * answers with the Cookie header it received and sets one more; /x-login sets cookies in the
 * agreed header X-Set-Cookie (each line encoded, commas between them).
 */
let upstream;
before(async () => {
  upstream = await recordingServer((url, request) => {
    switch (url.pathname) {
      case '/login':
        return [302, { location: '/account', 'set-cookie': ['sid=1; Path=/; HttpOnly', 'theme=dark; Expires=Wed, 09 Jun 2100 10:18:14 GMT'] }];
      case '/account':
        return [200, { 'set-cookie': 'seen=1', 'content-type': 'text/plain' }, request.headers.cookie ?? ''];
      case '/x-login':
        return [200, { 'x-set-cookie': ['sid=2; Path=/; HttpOnly', 'theme=light; Expires=Wed, 09 Jun 2100 10:18:14 GMT'].map(encodeURIComponent).join(', ') }, request.headers['x-cookie'] ?? ''];
      default:
        return undefined;
    }
  });
});
after(() => upstream.close());

test('the README has the edge-worker blocks, for Cloudflare Workers and for Deno', () => {
  assert.ok(cloudflareBlock, 'a ```js block with `init({ module_or_path: wasm })`');
  assert.match(cloudflareBlock, /^import wasm from 'cookie-engine\/web\/cookie_engine_bg\.wasm';$/m);
  assert.ok(denoBlock, 'a ```js block with Deno.env');
});

test("workerd (miniflare): the README's Cloudflare worker sends and stores real cookies; a redirect goes back to the client", { timeout: 30_000 }, async () => {
  const web = join(installedDir, 'web');
  // The modules the worker imports, by the names it imports them (as wrangler's bundler resolves them).
  const mf = new Miniflare({
    modulesRoot: projectDir,
    modules: [
      { type: 'ESModule', path: join(projectDir, 'worker.js'), contents: cloudflareBlock },
      { type: 'ESModule', path: join(projectDir, 'cookie-engine'), contents: readFileSync(join(web, 'cookie_engine.js')) },
      { type: 'CompiledWasm', path: join(projectDir, 'cookie-engine', 'web', 'cookie_engine_bg.wasm'), contents: readFileSync(join(web, 'cookie_engine_bg.wasm')) },
    ],
    bindings: { UPSTREAM: upstream.url('127.0.0.1') },
    compatibilityDate: '2026-05-01',
  });
  try {
    upstream.seen.length = 0;
    // An incoming request in workerd has redirect 'manual': the worker answers the redirect (its
    // cookies stored), and the client follows it, through the worker again.
    const redirect = await mf.dispatchFetch('http://worker.example/login?from=edge', { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('location'), '/account');
    assert.deepEqual(redirect.headers.getSetCookie(), ['sid=1; Path=/; HttpOnly', 'theme=dark; Expires=Wed, 09 Jun 2100 10:18:14 GMT'], 'the client gets the Set-Cookie fields too');
    await redirect.arrayBuffer();
    const account = await mf.dispatchFetch('http://worker.example/account');
    assert.equal(await account.text(), 'sid=1; theme=dark');
    const again = await mf.dispatchFetch('http://worker.example/account');
    assert.equal(await again.text(), 'sid=1; theme=dark; seen=1');
    assert.deepEqual(hops(upstream.seen), ['GET 127.0.0.1/login?from=edge cookie=', 'GET 127.0.0.1/account cookie=sid=1; theme=dark', 'GET 127.0.0.1/account cookie=sid=1; theme=dark; seen=1']);
  } finally {
    await mf.dispose();
  }
});

test("Deno (deno serve): the README's Deno worker follows the redirect hop by hop, sending and storing real cookies", { timeout: 30_000 }, async () => {
  writeFileSync(join(projectDir, 'deno-worker.js'), denoBlock);
  const deno = spawn(join(root, 'node_modules', '.bin', 'deno'), ['serve', '--no-lock', '--port', '0', '--host', '127.0.0.1', '--allow-net', '--allow-read', '--allow-env', 'deno-worker.js'], {
    cwd: projectDir,
    env: { ...process.env, UPSTREAM: upstream.url('127.0.0.1'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    const origin = await new Promise((resolve, reject) => {
      const read = (chunk) => {
        output += chunk;
        const listening = /Listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
        if (listening) resolve(listening[1]);
      };
      deno.stdout.on('data', read);
      deno.stderr.on('data', read);
      deno.once('exit', (code) => reject(new Error(`deno serve exited (${code}): ${output}`)));
      setTimeout(() => reject(new Error(`deno serve did not start in 20 s: ${output}`)), 20_000).unref();
    });
    upstream.seen.length = 0;
    // Deno's incoming requests follow redirects: the worker follows /login's itself, storing its cookies.
    const response = await fetch(`${origin}/login`, { redirect: 'manual' });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'sid=1; theme=dark');
    assert.equal((await (await fetch(`${origin}/account`)).text()), 'sid=1; theme=dark; seen=1');
    assert.deepEqual(hops(upstream.seen), ['GET 127.0.0.1/login cookie=', 'GET 127.0.0.1/account cookie=sid=1; theme=dark', 'GET 127.0.0.1/account cookie=sid=1; theme=dark; seen=1']);
  } finally {
    deno.kill();
  }
});

test('Node: a fetch event or a Request, the jar or a promise of one; real headers, redirects hop by hop', async () => {
  const jar = new CookieJar();
  upstream.seen.length = 0;
  const event = { request: new Request(upstream.url('localhost', '/login'), { headers: { 'x-probe': '1' } }) };
  const response = await handleFetch(event, Promise.resolve(jar));
  assert.equal(response.status, 200);
  assert.equal(await response.text(), 'sid=1; theme=dark');
  assert.deepEqual(response.headers.getSetCookie(), ['seen=1'], 'the response as it came');
  assert.equal((await handleFetch(new Request(upstream.url('localhost', '/account')), jar)).status, 200);
  assert.deepEqual(hops(upstream.seen), ['GET localhost/login cookie=', 'GET localhost/account cookie=sid=1; theme=dark', 'GET localhost/account cookie=sid=1; theme=dark; seen=1']);
  assert.equal(upstream.seen[0].headers['x-probe'], '1');
  // The request's own redirect mode: 'manual' answers the redirect.
  const manual = await handleFetch(new Request(upstream.url('localhost', '/login'), { redirect: 'manual' }), jar);
  assert.equal(manual.status, 302);
});

test('Node, with header names agreed with the server: X-Cookie sent, X-Set-Cookie stored and removed from the response', async () => {
  const jar = new CookieJar();
  jar.setFromHeader('pre=1', upstream.url('localhost', '/'));
  const calls = [];
  const options = { cookieHeader: 'X-Cookie', setCookieHeader: 'X-Set-Cookie', fetch: (...args) => (calls.push(args[0]), fetch(...args)) };
  upstream.seen.length = 0;
  const response = await handleFetch(new Request(upstream.url('localhost', '/x-login')), jar, options);
  assert.equal(await response.text(), 'pre=1');
  assert.equal(response.headers.get('x-set-cookie'), null, 'the page does not see the cookies');
  assert.equal(upstream.seen[0].cookie, null, 'no real Cookie header');
  assert.deepEqual(calls, [upstream.url('localhost', '/x-login')], 'the fetch of the options');
  // Both lines, commas in Expires and all, were stored.
  assert.deepEqual(jar.cookies().map(({ name, value, httpOnly, expires }) => [name, value, httpOnly, expires === null]), [['pre', '1', false, true], ['sid', '2', true, true], ['theme', 'light', false, false]]);
});

test('Node: wrong arguments are each a TypeError that says what is wrong', async () => {
  const jar = new CookieJar();
  const request = new Request(upstream.url('localhost', '/account'));
  const cases = [
    [handleFetch(42, jar), /^handleFetch expects a fetch event or a Request, got number$/],
    [handleFetch({ request: 'http://localhost/' }, jar), /expects a fetch event or a Request, got an object \(Object\)$/],
    [handleFetch(request), /^handleFetch expects a CookieJar of cookie-engine, got undefined$/],
    [handleFetch(request, Promise.resolve({})), /expects a CookieJar of cookie-engine, got an object \(Object\)$/],
    [handleFetch(request, jar, { fetch: 'fetch' }), /^handleFetch: options.fetch must be a function, got string$/],
    [handleFetch(request, jar, { cookieHeader: '' }), /a header name is a non-empty string, got string$/],
    [handleFetch(request, jar, { setCookieHeaders: 'x' }), /^handleFetch: unknown option 'setCookieHeaders' \(known: fetch, cookieHeader, setCookieHeader, context, maxRedirects\)$/],
  ];
  for (const [promise, message] of cases) await assert.rejects(promise, (error) => error instanceof TypeError && message.test(error.message), String(message));
  // A jar that failed to load: its error, unchanged.
  const failure = new Error('IndexedDB is gone');
  await assert.rejects(handleFetch(request, Promise.reject(failure)), (error) => error === failure);
});
