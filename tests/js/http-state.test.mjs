// The http-state parser vectors again, through the JavaScript API of the packed package, with
// the same 6265bis overrides as the Rust harness (tests/http-state-overrides.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { VECTOR_CLOCK, importPackage, root } from './support.mjs';

const { CookieJar } = await importPackage();
const cases = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'http-state', 'parser.json'), 'utf8'));
const { overrides } = JSON.parse(readFileSync(join(root, 'tests', 'http-state-overrides.json'), 'utf8'));

/** A Cookie header value as the vectors' `sent` list: a nameless cookie is its value alone. */
const header = (sent) => sent.map(({ name, value }) => (name === '' ? value : `${name}=${value}`)).join('; ');

test('222 parser vectors, 27 overridden by 6265bis', () => {
  assert.equal(cases.length, 222);
  let overridden = 0;
  for (const { test: id, received, sent, 'sent-to': sentTo } of cases) {
    const override = overrides.find((o) => o.test === id);
    if (override) overridden++;
    const want = override ? override.sent : sent;
    const jar = new CookieJar({ now: () => VECTOR_CLOCK });
    jar.setFromHeader(received, 'http://home.example.org/cookie-parser');
    const to = new URL(sentTo ?? `/cookie-parser-result?${id}`, 'http://home.example.org/');
    const got = jar.cookies(to).map(({ name, value }) => ({ name, value }));
    assert.deepEqual(got, want, `${id}: ${JSON.stringify(received)}`);
    assert.equal(jar.headerFor(to), header(want), id);
  }
  assert.equal(overridden, 27);
});
