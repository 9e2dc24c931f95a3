#!/usr/bin/env node
// `npm run build:www`: the playground as a self-contained static site, target/www/ by default:
//   index.html, app.js, ... (www/ as it is: plain ES modules, no build step of their own)
//   cookie-engine/web/      the package's web build, as pkg/web/ holds it (the page imports
//                           ./cookie-engine/web/cookie_engine.js, the public web entry)
//   cookie-engine/package.json and the licences
// Any static file server can serve the folder (one that sends .wasm as application/wasm lets the
// browser compile while downloading). Options: --package DIR (a built or installed package,
// default pkg/) and --out DIR.
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the site from `packageDir` (a folder with the package's web/) into `out`; returns `out`. */
export function buildSite({ packageDir = join(root, 'pkg'), out = join(root, 'target', 'www') } = {}) {
  if (!existsSync(join(packageDir, 'web', 'cookie_engine.js'))) {
    throw new Error(`build-www: no package in ${packageDir}: run \`npm run build\` first (npm start and npm run build:www do)`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // www/README.md is for the people who work on the page, and www/package.json tells Node (the
  // tests) that the modules are ES modules: neither is part of the site.
  cpSync(join(root, 'www'), out, { recursive: true, filter: (path) => !['README.md', 'package.json'].includes(basename(path)) });
  const engine = join(out, 'cookie-engine');
  cpSync(join(packageDir, 'web'), join(engine, 'web'), { recursive: true });
  for (const file of ['package.json', 'LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(join(packageDir, file), join(engine, file));
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { package: { type: 'string' }, out: { type: 'string' } } });
  try {
    const out = buildSite({ packageDir: values.package && resolve(values.package), out: values.out && resolve(values.out) });
    console.log(`build-www: the playground is in ${out} (serve the folder with any static file server)`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
