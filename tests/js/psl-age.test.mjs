// The vendored Public Suffix List says when it was retrieved; a list older than MAX_AGE_DAYS is
// reported as a warning (refresh it with scripts/update-psl.sh), not a failure: an old list is
// a maintenance task, not a broken build. The header itself must be there and readable.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './support.mjs';

/** SECURITY.md's promise: the list is refreshed at least every six months. */
const MAX_AGE_DAYS = 180;

test('the vendored Public Suffix List is recent (a warning, not a failure, when it is not)', (t) => {
  const list = readFileSync(join(root, 'data', 'public_suffix_list.dat'), 'utf8');
  const retrieved = /^\/\/ Retrieved: (\d{4}-\d{2}-\d{2})/m.exec(list);
  assert.ok(retrieved, 'the list names the day it was retrieved (scripts/update-psl.sh writes it)');
  const days = Math.floor((Date.now() - Date.parse(`${retrieved[1]}T00:00:00Z`)) / 86_400_000);
  assert.ok(Number.isFinite(days));
  const message = `the Public Suffix List was retrieved ${retrieved[1]}, ${days} days ago`;
  if (days > MAX_AGE_DAYS) {
    const warning = `WARNING: ${message}, over ${MAX_AGE_DAYS}: run scripts/update-psl.sh and commit the result`;
    console.warn(warning);
    t.diagnostic(warning);
  } else {
    t.diagnostic(message);
  }
});
