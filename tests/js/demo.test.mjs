// The demo `npm run demo` runs (demo/demo.mjs): it must exit 0 and print what the jar really sent and
// decided at each hop. It imports the built package (pkg/), which `npm test` builds first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './support.mjs';

const run = spawnSync(process.execPath, [join(root, 'demo', 'demo.mjs')], { cwd: root, encoding: 'utf8', timeout: 10_000 });
const port = /on 127\.0\.0\.1:(\d+),/.exec(run.stdout)?.[1];
const output = port ? run.stdout.replaceAll(`:${port}`, ':PORT') : run.stdout;

/** The printed lines from `heading` up to the next blank line. */
function section(heading) {
  const start = output.indexOf(heading);
  assert.notEqual(start, -1, `no ${JSON.stringify(heading)} in:\n${output}`);
  return output.slice(start).split('\n\n')[0].split('\n');
}

test('the demo exits 0, quietly on stderr', () => {
  assert.equal(run.error, undefined);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.ok(port, 'it prints its port');
});

test('each hop: the URL and the Cookie header the jar sent', () => {
  const hops = [...output.matchAll(/^\d+\. GET (\S+)\n {3}Cookie: +(.*)$/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(hops, [
    ['http://localhost:PORT/login', '(none)'],
    ['http://127.0.0.1:PORT/sso', '(none)'],
    ['http://localhost:PORT/account', 'sid=31d4d96e; theme=dark; pay=ok'],
    ['http://localhost:PORT/cart/checkout', 'cart=3; sid=31d4d96e; theme=dark; pay=ok'],
  ]);
  assert.match(section('3. GET').join('\n'), /Withheld: +cart +path-mismatch:/);
});

test('each Set-Cookie line with the decision the jar printed for it', () => {
  const decisions = [...output.matchAll(/^ {3}(?:Set-Cookie: | {12})(\S.*?\S) {2,}(stored \(new\)|deleted|rejected {2}[a-z-]+)/gm)].map((m) => `${m[1]} => ${m[2]}`);
  assert.deepEqual(decisions, [
    'sid=31d4d96e; Path=/; HttpOnly => stored (new)',
    'theme=dark; Path=/; SameSite=Strict => stored (new)',
    'cart=3; Path=/cart => stored (new)',
    'pay=ok; Secure; Path=/ => stored (new)',
    'track=1; Domain=127.0.0.1 => rejected  domain-mismatch',
    'ads=1; SameSite=None => rejected  samesite-none-without-secure',
    'sso=ok; Path=/; HttpOnly => stored (new)',
    'sid=forged; Domain=localhost => rejected  domain-is-public-suffix',
    'cart=; Path=/cart; Max-Age=0 => deleted',
  ]);
});

test('the jar at the end, one explained request and the Secure rejection', () => {
  assert.deepEqual(section('jar.cookies():').slice(2).map((line) => line.trim().split(/ {2,}/)), [
    ['sid=31d4d96e', 'localhost', '/', 'host-only HttpOnly session'],
    ['theme=dark', 'localhost', '/', 'host-only SameSite=strict session'],
    ['pay=ok', 'localhost', '/', 'host-only Secure session'],
    ['sso=ok', '127.0.0.1', '/', 'host-only HttpOnly session'],
  ]);
  const explained = section("jar.explainRequest('http://localhost:PORT/account'").slice(3);
  assert.deepEqual(explained.map((line) => line.trim().split(/ {2,}/).slice(0, 2)), [['sid', 'yes'], ['pay', 'yes'], ['theme', 'no']]);
  assert.match(explained[2], /samesite-strict: /);
  assert.match(section("jar.setCookie('pay=ok; Secure; Path=/', 'http://shop.example/')")[1], /rejected {2}secure-from-insecure-origin: /);
});
