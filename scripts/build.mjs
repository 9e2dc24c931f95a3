#!/usr/bin/env node
// Builds the npm package into pkg/ (what `npm pack ./pkg` packs):
//   pkg/web/cookie_engine_bg.wasm  the WebAssembly module, once, shared by both builds
//   pkg/web/cookie_engine.js       an ES module for browsers, workers and edge runtimes (`await init()`)
//   pkg/node/cookie_engine.js      CommonJS for Node: loads the .wasm synchronously, no init call
//   pkg/node/index.mjs             the ES module entry for Node (re-exports the CommonJS one)
//   pkg/node/redis.js, redis.mjs   cookie-engine/redis: a jar shared through Redis (Node only)
// wasm-pack (--target web) generates the binding, binaryen's wasm-opt from npm optimizes the
// .wasm (wasm-pack's own wasm-opt step is off in Cargo.toml), and esbuild bundles the
// hand-written modules of js/ with the binding into each entry. Last, the hand-written manifest,
// declarations, README and licences are copied in.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const stage = join(root, 'target', 'js-build');
const cargoBin = join(process.env.CARGO_HOME ?? join(process.env.HOME ?? '', '.cargo'), 'bin');
const env = { ...process.env, PATH: `${cargoBin}:${process.env.PATH}` };
const bin = (name) => join(root, 'node_modules', '.bin', name);

// A fresh clone has none of the tools yet: say what to run instead of failing with a stack.
const missing = [
  ...['wasm-pack', 'wasm-bindgen'].filter((tool) => !existsSync(join(cargoBin, tool))),
  ...['wasm-opt', 'esbuild', 'terser'].filter((tool) => !existsSync(bin(tool))),
];
if (missing.length > 0) {
  console.error(`build: ${missing.join(', ')} not installed; run \`npm run setup\` first (or \`npm run build\`, which does)`);
  process.exit(1);
}
const run = (command, args) => execFileSync(command, args, { cwd: root, env, stdio: 'inherit' });

rmSync(pkg, { recursive: true, force: true });
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(pkg, 'web'), { recursive: true });
// Two WebAssembly modules: the jar's, and the formats of other tools (the crate's
// `formats-module` feature), which only those who use them load. Each generated binding is
// renamed next to the hand-written modules that import it.
//
// Size: the standard library is rebuilt with `panic = "immediate-abort"` (a panic, which the
// crate's lints keep out of the library, is a bare `unreachable` trap: no panic machinery, no
// message formatting, no location strings): 3.1 KB gzipped less at opt-level 2 (npm run size).
// Both are unstable cargo features, enabled on the stable toolchain with RUSTC_BOOTSTRAP=1;
// `-Zbuild-std` needs the toolchain's `rust-src` component, which scripts/setup.sh installs.
const immediateAbort = ['-Zbuild-std=std,panic_abort', '-Zpanic-immediate-abort', '--config', 'profile.wasm-release.panic="immediate-abort"'];
const wasmEnv = { ...env, RUSTC_BOOTSTRAP: '1' };
for (const [name, binding, features] of [['cookie_engine', 'binding.js', []], ['cookie_engine_formats', 'formats_binding.js', ['--features', 'formats-module']]]) {
  const out = join(stage, name);
  execFileSync('wasm-pack', ['build', root, '--profile', 'wasm-release', '--no-pack', '--no-typescript', '--weak-refs', '--target', 'web', '--out-dir', out, '--out-name', name, '--', ...immediateAbort, ...features], { cwd: root, env: wasmEnv, stdio: 'inherit' });
  run(bin('wasm-opt'), ['-Oz', '--strip-debug', '--strip-producers', join(out, `${name}_bg.wasm`), '-o', join(pkg, 'web', `${name}_bg.wasm`)]);
  copyFileSync(join(out, `${name}.js`), join(stage, binding));
}
cpSync(join(root, 'js'), stage, { recursive: true, filter: (path) => !path.endsWith('.json') && !path.endsWith('.d.ts') && !path.endsWith('.mjs') });
const bundle = (entry, out, format, extra) =>
  run(bin('esbuild'), [join(stage, entry), '--bundle', `--format=${format}`, `--outfile=${out}`, '--target=es2022', '--log-level=warning', ...extra]);
// Browsers download the web JavaScript: minified (esbuild bundles, terser squeezes a little more).
// The formats module is a file of its own, which initFormats() imports.
for (const [entry, out, extra] of [
  ['web.js', 'cookie_engine.js', ['--external:./cookie_engine_formats.js']],
  ['formats_module.js', 'cookie_engine_formats.js', []],
]) {
  const file = join(pkg, 'web', out);
  bundle(entry, file, 'esm', ['--platform=neutral', ...extra]);
  run(bin('terser'), [file, '--module', '--compress', 'passes=2', '--mangle', '--output', file]);
}
// The Node files stay readable. (The binding's default .wasm URL uses import.meta, which the
// Node entry never reaches: it instantiates from the file.)
bundle('node.js', join(pkg, 'node', 'cookie_engine.js'), 'cjs', ['--platform=node', '--log-override:empty-import-meta=silent']);
copyFileSync(join(root, 'js', 'node.mjs'), join(pkg, 'node', 'index.mjs'));
// `cookie-engine/redis` (Node only), a module of its own that no other entry imports: it
// requires the Node entry (one wasm instance for both) and no Redis client (the caller passes one).
bundle('redis.js', join(pkg, 'node', 'redis.js'), 'cjs', ['--platform=node', '--external:./cookie_engine.js']);
copyFileSync(join(root, 'js', 'redis.mjs'), join(pkg, 'node', 'redis.mjs'));

// One declaration file, in each of the forms TypeScript reads: CommonJS (node/, for require and
// for resolution without `exports`), ES module (node/index.d.mts, web/).
// Each build adds what only it has: files in Node, IndexedDB on the web.
const declarations = readFileSync(join(root, 'js', 'cookie_engine.d.ts'), 'utf8');
const nodeDeclarations = declarations + readFileSync(join(root, 'js', 'node.d.ts'), 'utf8');
for (const file of ['node/cookie_engine.d.ts', 'node/index.d.mts']) writeFileSync(join(pkg, file), nodeDeclarations);
writeFileSync(join(pkg, 'web', 'cookie_engine.d.ts'), declarations + readFileSync(join(root, 'js', 'web.d.ts'), 'utf8'));
// cookie-engine/redis's, importing the Node declarations in the same module system.
const redisDeclarations = readFileSync(join(root, 'js', 'redis.d.ts'), 'utf8');
writeFileSync(join(pkg, 'node', 'redis.d.ts'), redisDeclarations);
writeFileSync(join(pkg, 'node', 'redis.d.mts'), redisDeclarations.replace("from './cookie_engine.js'", "from './index.mjs'"));
// Each folder says which module system its .js files use.
writeFileSync(join(pkg, 'node', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
writeFileSync(join(pkg, 'web', 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const manifest = JSON.parse(readFileSync(join(root, 'js', 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(join(root, file), join(pkg, file));
console.log(`build: pkg/ holds cookie-engine ${version}`);
