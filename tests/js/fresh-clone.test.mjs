// The repository stands alone: a clone in an empty temporary folder, with nothing beside it,
// passes `cargo test` (the vectors, the suffix list and everything else the Rust tests read are
// inside it), and no tracked file refers to a path outside the repository. (The clone is of the
// committed HEAD; CI runs on a clean clone, where the two are the same.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './support.mjs';

const git = (args, cwd = root) => execFileSync('git', args, { cwd, encoding: 'utf8' });

test('no tracked file refers to a path outside the repository', () => {
  // `git grep` exits 1 when nothing matches.
  const outside = (pattern) => {
    try {
      return git(['grep', '-n', '-I', '-E', pattern, '--', '.', ':!tests/js/fresh-clone.test.mjs']).trim().split('\n');
    } catch (error) {
      if (error.status === 1) return [];
      throw error;
    }
  };
  assert.deepEqual(outside('\\.\\./shared|shared/(vectors|specs)|/work/'), []);
});

test('a clone in an empty folder passes cargo test', { timeout: 15 * 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-engine-clone-'));
  try {
    const clone = join(dir, 'cookie-engine');
    git(['clone', '--quiet', '--no-local', root, clone], dir);
    assert.deepEqual(readdirSync(dir), ['cookie-engine'], 'nothing beside the clone');
    // The clone's own build, in a target folder kept between runs (only to save compile time).
    const env = { ...process.env, CARGO_TARGET_DIR: join(root, 'target', 'fresh-clone') };
    const output = execFileSync('cargo', ['test', '--all-features', '--quiet'], { cwd: clone, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const passed = [...output.matchAll(/test result: ok\. (\d+) passed; 0 failed/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    assert.ok(passed >= 60, `${passed} Rust tests passed in the clone`);
    assert.doesNotMatch(output, /FAILED|failed; [1-9]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
