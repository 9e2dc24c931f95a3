// Shared by the JS tests: where the packed package is installed (tests/js/install-package.mjs),
// and small helpers.
import { existsSync } from 'node:fs';
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

/** 2010-01-01T00:00:00Z, the pinned clock of the http-state vectors. */
export const VECTOR_CLOCK = Date.UTC(2010, 0, 1);
