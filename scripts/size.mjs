#!/usr/bin/env node
// `npm run size`: what a browser downloads (the web build's .wasm and its JavaScript, the
// cookie_engine.js entry point, which bundles the generated binding), each gzipped at level 9 as a server
// would send it (and the total with Brotli), and where the bytes go: the Public Suffix List blob,
// the code and data by function (twiggy, on the unoptimized wasm, which keeps names).
// `--json` prints only the figures.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
// Brotli at its highest quality, as CDNs serve static files to browsers that accept it.
const br = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const web = join(root, 'pkg', 'web');
if (!existsSync(join(web, 'cookie_engine_bg.wasm'))) {
  console.error('size: pkg/ is not built; run `npm run build` first');
  process.exit(1);
}
const wasm = readFileSync(join(web, 'cookie_engine_bg.wasm'));
const entry = readFileSync(join(web, 'cookie_engine.js'));

// The PSL blob build.rs wrote for the wasm build.
const buildDir = join(root, 'target', 'wasm32-unknown-unknown', 'wasm-release', 'build');
const blobs = existsSync(buildDir)
  ? readdirSync(buildDir)
      .map((d) => join(buildDir, d, 'out', 'psl.bin'))
      .filter(existsSync)
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
  : [];
const psl = blobs.length > 0 ? readFileSync(blobs[0]) : Buffer.alloc(0);

const figures = {
  wasm: wasm.length,
  wasmGzip: gz(wasm),
  entry: entry.length,
  entryGzip: gz(entry),
  pslBlob: psl.length,
  pslBlobGzip: gz(psl),
};
figures.total = figures.wasmGzip + figures.entryGzip;
figures.totalBrotli = br(wasm) + br(entry);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(figures));
  process.exit(0);
}
const kb = (n) => `${(n / 1024).toFixed(1).padStart(6)} KB`;
console.log('what a browser downloads (gzip -9):');
console.log(`  cookie_engine_bg.wasm ${kb(figures.wasmGzip)}  (${kb(figures.wasm)} raw)`);
console.log(`  cookie_engine.js      ${kb(figures.entryGzip)}  (${kb(figures.entry)} raw)`);
console.log(`  total                 ${kb(figures.total)}  (target 64 KB)`);
console.log(`  (with Brotli, quality 11: ${kb(figures.totalBrotli).trim()})`);
console.log('');
console.log('inside the wasm:');
console.log(`  Public Suffix List blob ${kb(figures.pslBlobGzip)} gzipped alone (${kb(figures.pslBlob)} raw)`);
console.log(`  everything else         ~${kb(figures.wasmGzip - figures.pslBlobGzip).trim()} gzipped`);
const unoptimized = join(root, 'target', 'wasm32-unknown-unknown', 'wasm-release', 'cookie_engine.wasm');
try {
  const top = execFileSync('twiggy', ['top', '-n', '25', unoptimized], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  console.log('');
  console.log('largest items before wasm-opt (twiggy top):');
  console.log(top);
} catch {
  console.log('\n(for a per-function breakdown install twiggy: `cargo install twiggy`)');
}
