#!/usr/bin/env node
// `npm run size`: what a browser or service worker downloads, like for like against tough-cookie,
// gzip -9 and Brotli quality 11 (as servers and CDNs send static files):
// - cookie-engine: the web entry (`web/cookie_engine.js`, which bundles the generated binding,
//   withCookies, handleFetch and the IndexedDB helpers: every feature a service worker uses) and
//   the jar's module (`web/cookie_engine_bg.wasm`). The formats of other tools are a module of
//   their own (`cookie_engine_formats.js` and `_bg.wasm`), loaded only by `await initFormats()`:
//   shown apart, not in the total.
// - tough-cookie 6 with tldts (its suffix list), bundled in the same run by esbuild as a
//   browser bundle (`--bundle --minify --format=esm --platform=browser`).
// Then where the bytes go: the Public Suffix List blob, and the code and data by function
// (twiggy, on the jar's wasm before wasm-opt, which keeps names). `--json` prints only the figures.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const br = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const web = join(root, 'pkg', 'web');
if (!existsSync(join(web, 'cookie_engine_bg.wasm'))) {
  console.error('size: pkg/ is not built; run `npm run build` first');
  process.exit(1);
}
const file = (name) => readFileSync(join(web, name));
const sizes = (bytes) => ({ raw: bytes.length, gzip: gz(bytes), brotli: br(bytes) });
const sum = (...parts) => ({ raw: 0, gzip: 0, brotli: 0, ...Object.fromEntries(['raw', 'gzip', 'brotli'].map((k) => [k, parts.reduce((n, p) => n + p[k], 0)])) });

// tough-cookie 6 and tldts, as a page or service worker would bundle them.
const toughDir = join(root, 'target', 'size');
mkdirSync(toughDir, { recursive: true });
writeFileSync(join(toughDir, 'tough-cookie-entry.mjs'), "export * from 'tough-cookie';\n");
const toughBundle = join(toughDir, 'tough-cookie.min.js');
execFileSync(join(root, 'node_modules', '.bin', 'esbuild'), [join(toughDir, 'tough-cookie-entry.mjs'), '--bundle', '--minify', '--format=esm', '--platform=browser', `--outfile=${toughBundle}`, '--log-level=warning'], { cwd: root, stdio: 'inherit' });
const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

// The PSL blob build.rs wrote for the wasm build.
const buildDir = join(root, 'target', 'wasm32-unknown-unknown', 'wasm-release', 'build');
const blobs = existsSync(buildDir)
  ? readdirSync(buildDir)
      .map((d) => join(buildDir, d, 'out', 'psl.bin'))
      .filter(existsSync)
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
  : [];
const psl = blobs.length > 0 ? readFileSync(blobs[0]) : Buffer.alloc(0);

const wasm = sizes(file('cookie_engine_bg.wasm'));
const entry = sizes(file('cookie_engine.js'));
const formatsWasm = sizes(file('cookie_engine_formats_bg.wasm'));
const formatsEntry = sizes(file('cookie_engine_formats.js'));
const figures = {
  wasm,
  entry,
  total: sum(wasm, entry),
  formats: sum(formatsWasm, formatsEntry),
  pslBlob: sizes(psl),
  tough: { ...sizes(readFileSync(toughBundle)), toughCookie: version('tough-cookie'), tldts: version('tldts') },
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(figures));
  process.exit(0);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
const row = (label, s) => console.log(`  ${label.padEnd(44)} ${kb(s.gzip)} ${kb(s.brotli)} ${kb(s.raw)}`);
console.log(`what a browser or service worker downloads                 gzip -9 Brotli 11       raw`);
row('cookie-engine web/cookie_engine.js', entry);
row('cookie-engine web/cookie_engine_bg.wasm', wasm);
row('cookie-engine, total', figures.total);
row(`tough-cookie ${figures.tough.toughCookie} + tldts ${figures.tough.tldts} (esbuild, minified)`, figures.tough);
const ratio = (k) => `${((100 * figures.total[k]) / figures.tough[k]).toFixed(0)}%`;
console.log(`  cookie-engine is ${ratio('gzip')} (gzip) and ${ratio('brotli')} (Brotli) of tough-cookie + tldts (target: below 100% in both)`);
row('not in the total: the formats module (initFormats)', figures.formats);
console.log('');
console.log('inside the jar\'s wasm:');
row('the Public Suffix List blob, compressed alone', figures.pslBlob);
console.log(`  everything else: ~${kb(wasm.gzip - figures.pslBlob.gzip).trim()} gzip, ~${kb(wasm.brotli - figures.pslBlob.brotli).trim()} Brotli`);
// The jar's module as wasm-bindgen left it, before wasm-opt: it keeps the names. (The crate's own
// target/wasm32-unknown-unknown/wasm-release/cookie_engine.wasm is the formats module, built last.)
const unoptimized = join(root, 'target', 'js-build', 'cookie_engine', 'cookie_engine_bg.wasm');
try {
  const top = execFileSync('twiggy', ['top', '-n', '25', unoptimized], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  console.log('');
  console.log('largest items before wasm-opt (twiggy top):');
  console.log(top);
} catch {
  console.log('\n(for a per-function breakdown install twiggy: `scripts/setup.sh --twiggy`)');
}
