// Bounded resources through the packed package: a hostile server that sends a million distinct
// cookies over many hosts and partitions leaves the jar within its limits and its wasm memory
// within the bound SECURITY.md states (measured in pages of the instance's memory, caught as the
// package instantiates it, as bench/bench.mjs does); oversized headers and imports are refused
// without growing it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importPackageWithMemory } from './support.mjs';

const { engine, memory } = await importPackageWithMemory();
const { CookieJar } = engine;

const T0 = Date.UTC(2026, 0, 1);
const MB = 1024 * 1024;
/** SECURITY.md's bound on one cookie in memory: 4096 octets of name and value, a 253-octet domain, a 1024-octet path, a 262-octet partition key, and 512 bytes of structure and index. */
const COOKIE_BOUND = 4096 + 254 + 1024 + 262 + 512;

const site = (domain) => domain.split('.').slice(-2).join('.');

test('a million cookies over many hosts and partitions stay within the limits and the memory bound', (t) => {
  const jar = new CookieJar({ now: () => T0 });
  jar.setFromHeader('warm=1', 'https://warm.example/');
  const before = memory.buffer.byteLength;
  let sent = 0;
  // 900,000 unpartitioned cookies, 1,000 a response, from 9,000 hosts of 900 sites.
  for (let response = 0; response < 900; response++) {
    const lines = [];
    for (let i = 0; i < 1000; i++) lines.push(`c${response}-${i}=${'v'.repeat(i % 64)}; Domain=s${response % 900}.example; Path=/${i % 7}`);
    jar.setFromHeader(lines, `https://h${response % 10}.s${response % 900}.example/`);
    sent += lines.length;
  }
  // 100,000 partitioned ones, 1,000 a response, under 100 top-level sites.
  for (let response = 0; response < 100; response++) {
    const lines = [];
    for (let i = 0; i < 1000; i++) lines.push(`p${response}-${i}=${'w'.repeat(100)}; Secure; SameSite=None; Partitioned`);
    jar.setFromHeader(lines, `https://embed${response % 10}.example/`, { topLevelUrl: `https://top${response}.example/` });
    sent += lines.length;
  }
  assert.equal(sent, 1_000_000);
  const cookies = jar.cookies();
  assert.ok(cookies.length <= 3300, `${cookies.length} cookies`);
  const groups = new Map();
  for (const cookie of cookies) {
    const key = `${site(cookie.domain)} ${cookie.partitionKey}`;
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count++;
    group.bytes += cookie.name.length + cookie.value.length;
    groups.set(key, group);
  }
  for (const [key, { count, bytes }] of groups) {
    assert.ok(count <= 180, `${key}: ${count} cookies`);
    if (!key.endsWith(' null')) assert.ok(bytes <= 10 * 1024, `${key}: ${bytes} bytes`);
  }
  const grown = memory.buffer.byteLength - before;
  const bound = 3300 * COOKIE_BOUND + 8 * MB;
  t.diagnostic(`wasm memory grew ${(grown / MB).toFixed(1)} MB (${grown / 65536} pages) for 1,000,000 cookies sent, ${cookies.length} kept; bound ${(bound / MB).toFixed(1)} MB`);
  assert.ok(grown <= bound, `wasm memory grew ${(grown / MB).toFixed(1)} MB, over ${(bound / MB).toFixed(1)} MB`);
  // Over again: the jar churns at its limits, and memory does not grow further.
  const full = memory.buffer.byteLength;
  for (let response = 0; response < 200; response++) {
    const lines = Array.from({ length: 1000 }, (_, i) => `again${response}-${i}=1`);
    jar.setFromHeader(lines, `https://again${response}.example/`);
  }
  assert.ok(memory.buffer.byteLength - full <= 4 * MB, `${((memory.buffer.byteLength - full) / MB).toFixed(1)} MB more`);
  jar.free();
});

test('oversized headers, URLs and imports are refused cleanly, without growing memory for good', () => {
  const jar = new CookieJar({ now: () => T0 });
  jar.setFromHeader('keep=1', 'https://example.com/');
  const huge = 'v'.repeat(10 * MB);
  // A first oversized call may grow memory for its temporary copy; the same calls again do not.
  const calls = [
    () => assert.equal(jar.setFromHeader(`big=${huge}`, 'https://example.com/'), 0),
    () => assert.equal(jar.setCookie(`big=${huge}`, 'https://example.com/').code, 'name-value-too-long'),
    () => assert.equal(jar.setFromHeader(Array.from({ length: 100 }, () => `a=${'v'.repeat(100_000)}`), 'https://example.com/'), 0),
    () => assert.equal(jar.headerFor(`https://example.com/${huge}`), 'keep=1'),
    () => assert.equal(jar.setFromHeader('deep=1', `https://example.com/${huge}/`), 0),
    () => assert.equal(jar.import('json', { version: 1, cookies: [{ name: 'big', value: huge, domain: 'example.com', path: '/', creationTime: T0, lastAccessTime: T0, expires: null, hostOnly: true, secure: false, httpOnly: false, sameSite: 'default', partitionKey: null, priority: 'medium' }] }).skipped[0].code, 'name-value-too-long'),
    () => assert.throws(() => jar.import('netscape', `example.com\tFALSE\t/\tFALSE\t0\tn\t${huge}\n${'x\t'.repeat(MB)}`), SyntaxError),
  ];
  for (const call of calls) call();
  const settled = memory.buffer.byteLength;
  for (let round = 0; round < 3; round++) for (const call of calls) call();
  assert.equal(memory.buffer.byteLength, settled, 'the same oversized calls again take no more memory');
  assert.equal(jar.headerFor('https://example.com/'), 'keep=1');
  assert.equal(jar.size, 1);
  jar.free();
});
