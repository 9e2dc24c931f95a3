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
