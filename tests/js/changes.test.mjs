// Change events through the packed package: `jar.onChange(listener)` hears every insertion and
// removal with its cause, whichever way the call went into wasm; listeners come and go; one that
// throws breaks neither the jar nor the other listeners.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importPackage, projectDir } from './support.mjs';

const { CookieJar } = await importPackage();
const T0 = Date.UTC(2026, 0, 1);

/** A jar on a pinned clock and the changes its listener heard, as "cause name=value". */
function listenedJar(options = {}) {
  const clock = { now: T0 };
  const jar = new CookieJar({ ...options, now: () => clock.now });
  const heard = [];
  const stop = jar.onChange(({ cause, cookie }) => heard.push(`${cause} ${cookie.name}=${cookie.value}`));
  return { jar, clock, heard, stop };
}

test('every cause, through the transfer calls and the general methods alike', () => {
  for (const context of [undefined, {}]) {
    const { jar, clock, heard } = listenedJar();
    const url = 'https://www.example.com/';
    jar.setFromHeader(['a=1', 'b=2; Max-Age=1', 'c=3', 'x=1; Domain=com'], url, context);
    jar.setFromHeader('a=2', url, context);
    jar.setCookie('c=; Max-Age=0', url, context);
    clock.now += 2000;
    assert.equal(jar.headerFor(url, context), 'a=2');
    jar.setFromHeader(['d=4', 'e=5; Max-Age=60'], url, context);
    jar.delete('a', { domain: 'www.example.com' });
    jar.endSession();
    clock.now += 61_000;
    assert.equal(jar.removeExpired(), 1);
    jar.setFromHeader('f=6; Max-Age=600', url, context);
    jar.clear();
    assert.deepEqual(heard, [
      'inserted a=1',
      'inserted b=2',
      'inserted c=3',
      'overwritten a=1',
      'inserted a=2',
      'expired c=3',
      'expired b=2',
      'inserted d=4',
      'inserted e=5',
      'explicit a=2',
      'explicit d=4',
      'expired e=5',
      'inserted f=6',
      'explicit f=6',
    ], `context ${JSON.stringify(context)}`);
  }
});

test('the cookie of a change has every field', () => {
  const { jar } = listenedJar();
  const changes = [];
  jar.onChange((change) => changes.push(change));
  jar.setFromHeader('id=7; Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=Lax; Max-Age=60', 'https://www.example.com/');
  assert.deepEqual(changes, [{ cause: 'inserted', cookie: jar.cookies()[0] }]);
  assert.equal(changes[0].cookie.expires, T0 + 60_000);
});

test('evictions by limits', () => {
  const { jar, heard } = listenedJar({ limits: { perSite: 3, perSitePurgeTo: 2 } });
  for (const name of ['a', 'b', 'c', 'd']) jar.setFromHeader(`${name}=1`, 'https://example.com/');
  assert.deepEqual(heard, ['inserted a=1', 'inserted b=1', 'inserted c=1', 'inserted d=1', 'evicted a=1', 'evicted b=1']);
});

test('listeners come and go; without listeners nothing is recorded', () => {
  const { jar, heard, stop } = listenedJar();
  const second = [];
  const once = (change) => second.push(change.cookie.name);
  const stopSecond = jar.onChange(once);
  const stopThird = jar.onChange(once);
  jar.setFromHeader('a=1', 'https://example.com/');
  assert.deepEqual(second, ['a', 'a'], 'the same function added twice is called twice');
  stopThird();
  stopThird();
  jar.setFromHeader('b=1', 'https://example.com/');
  assert.deepEqual(second, ['a', 'a', 'b']);
  stop();
  stopSecond();
  jar.setFromHeader('c=1', 'https://example.com/');
  const later = [];
  jar.onChange((change) => later.push(change.cookie.name));
  jar.setFromHeader('d=1', 'https://example.com/');
  assert.deepEqual(later, ['d'], 'what changed while nobody listened is not delivered later');
  assert.deepEqual(heard, ['inserted a=1', 'inserted b=1']);
  assert.throws(() => jar.onChange('not a function'), TypeError);
  jar.free();
  assert.throws(() => jar.onChange(() => {}), /freed/);
});

test('a listener that throws breaks neither the jar nor the other listeners; its error is reported', () => {
  const file = join(projectDir, 'throwing-listener.mjs');
  writeFileSync(
    file,
    `import { CookieJar } from 'cookie-engine';
const reported = [];
process.on('uncaughtException', (error) => reported.push(error.message));
const jar = new CookieJar();
const heard = [];
jar.onChange(() => { throw new Error('listener failed'); });
jar.onChange((change) => heard.push(change.cookie.name));
const stored = jar.setFromHeader(['a=1', 'b=2'], 'https://example.com/');
const header = jar.headerFor('https://example.com/');
setTimeout(() => console.log(JSON.stringify({ stored, header, heard, reported, size: jar.size })), 10);
`,
  );
  const result = JSON.parse(execFileSync(process.execPath, [file], { cwd: projectDir, encoding: 'utf8' }));
  assert.deepEqual(result, { stored: 2, header: 'a=1; b=2', heard: ['a', 'b'], reported: ['listener failed', 'listener failed'], size: 2 });
});
