// A trap of the WebAssembly instance (here: an allocation that fails once its memory is at the
// largest size the engine allows) marks the package broken: the call that trapped and every
// later call of every jar throw an Error that says so, with the trap as its cause, instead of
// answering from memory that can no longer be trusted.
//
// How the trap is provoked, without a test-only export in the package: this file (node --test
// runs each file in a process of its own) catches the instance's WebAssembly.Memory as the
// package instantiates it, as bench/bench.mjs does, and grows it to its maximum from outside.
// The allocator does not know of those pages and cannot grow any further, so the next large
// allocation fails, and Rust's allocation-failure path aborts: an `unreachable` trap, exactly
// what a real out-of-memory or a bug's panic would give.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importPackageWithMemory } from './support.mjs';

const { engine, memory } = await importPackageWithMemory();
const { CookieJar } = engine;

const URL_ = 'https://www.example.com/';

/** Grows `memory` as far as the engine lets it (halving the step after each refusal). */
function growToMaximum(memory) {
  for (let pages = 65536; pages >= 1; ) {
    try {
      memory.grow(pages);
    } catch {
      pages = Math.floor(pages / 2);
    }
  }
}

test('a trap marks every jar broken, with a clear error', () => {
  assert.ok(memory instanceof WebAssembly.Memory, 'the package instantiated its module here');
  const first = new CookieJar();
  const second = new CookieJar();
  first.setFromHeader('a=1', URL_);
  second.setFromHeader('b=1', URL_);
  assert.equal(first.headerFor(URL_), 'a=1');

  growToMaximum(memory);
  // 64 MB to copy into wasm: more than the allocator has left, and it cannot grow.
  const huge = `c=${'v'.repeat(64 * 1024 * 1024)}`;
  let trapped;
  assert.throws(
    () => first.setCookie(huge, URL_),
    (e) => {
      trapped = e;
      return e instanceof Error && e.cause instanceof WebAssembly.RuntimeError && /trapped/.test(e.message);
    },
  );
  assert.match(trapped.message, /cannot be used any more.*Restart the process or reload the page/);

  // Every later call of every jar, through every way in, throws the same kind of Error.
  const calls = {
    'headerFor (transfer)': () => first.headerFor(URL_),
    'headerFor (general)': () => second.headerFor(URL_, { api: 'http' }),
    'setFromHeader (transfer)': () => second.setFromHeader('d=1', URL_),
    setCookie: () => second.setCookie('d=1', URL_),
    explainRequest: () => second.explainRequest(URL_),
    cookies: () => second.cookies(),
    size: () => second.size,
    delete: () => second.delete('b', { domain: 'www.example.com' }),
    clear: () => second.clear(),
    toJSON: () => second.toJSON(),
    import: () => second.import('json', { version: 1, cookies: [] }),
    onChange: () => second.onChange(() => {}),
    'new CookieJar': () => new CookieJar(),
    'CookieJar.fromJSON': () => CookieJar.fromJSON('{"version":1,"cookies":[]}'),
  };
  for (const [name, call] of Object.entries(calls)) {
    assert.throws(call, (e) => e instanceof Error && !(e instanceof TypeError) && /trapped/.test(e.message) && e.cause === trapped.cause, name);
  }
  // free() does not call into the broken instance, and a freed jar says it was freed.
  second.free();
  assert.throws(() => second.headerFor(URL_), /trapped/, 'broken first, whatever else');
});
