#!/usr/bin/env node
// Builds the npm package into pkg/ (what `npm pack ./pkg` packs):
//   pkg/node/  wasm-pack --target nodejs: CommonJS, loads its wasm synchronously (no init call)
//   pkg/web/   wasm-pack --target web: an ES module for browsers and workers (one `await init()`)
// then optimizes each .wasm with binaryen's wasm-opt from npm (wasm-pack's own wasm-opt step is
// off in Cargo.toml), and makes each folder's cookie_engine.js the entry point: the generated
// glue becomes binding.js, under js/transfer.js wrapped for the folder's module system. Last,
// minifies the web JavaScript with terser and copies in the hand-written manifest, Node ES
// module entry and README.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const cargoBin = join(process.env.CARGO_HOME ?? join(process.env.HOME ?? '', '.cargo'), 'bin');
const env = { ...process.env, PATH: `${cargoBin}:${process.env.PATH}` };
const run = (command, args) => execFileSync(command, args, { cwd: root, env, stdio: 'inherit' });

rmSync(pkg, { recursive: true, force: true });
for (const [target, dir] of [['nodejs', 'node'], ['web', 'web']]) {
  run('wasm-pack', ['build', '--profile', 'wasm-release', '--no-pack', '--weak-refs', '--target', target, '--out-dir', join(pkg, dir)]);
  rmSync(join(pkg, dir, '.gitignore'), { force: true });
  const wasm = join(pkg, dir, 'cookie_engine_bg.wasm');
  run(join(root, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--strip-debug', '--strip-producers', wasm, '-o', wasm]);
  // wasm-bindgen declares `[Symbol.dispose]()`: make the declarations load the lib that types
  // it, so that user projects type-check without esnext libs or skipLibCheck.
  // The two members wasm-bindgen generates get doc comments like every other export.
  const dts = join(pkg, dir, 'cookie_engine.d.ts');
  const declarations = readFileSync(dts, 'utf8')
    .replace('  free(): void;', "  /** Releases the jar's WebAssembly memory now; the jar cannot be used afterwards. Without it the garbage collector frees it, later. */\n    free(): void;")
    .replace('  [Symbol.dispose](): void;', '  /** `using jar = new CookieJar()` frees the jar at the end of its scope. */\n    [Symbol.dispose](): void;')
    .replace('export type InitInput', '/** What `init()` loads the module from: its URL or its bytes. */\nexport type InitInput')
    .replace('export interface InitOutput', "/** The WebAssembly instance's raw exports (internal; use `CookieJar`). */\nexport interface InitOutput")
    .replace('export type SyncInitInput', '/** What `initSync()` instantiates: the bytes or a compiled module. */\nexport type SyncInitInput');
  writeFileSync(dts, `/// <reference lib="esnext.disposable" />\n${declarations}`);
  // The entry point: the generated binding's CookieJar with the transfer calls. It exports what
  // the generated declarations describe.
  const entry = join(pkg, dir, 'cookie_engine.js');
  renameSync(entry, join(pkg, dir, 'binding.js'));
  const transfer = readFileSync(join(root, 'js', 'transfer.js'), 'utf8');
  writeFileSync(
    entry,
    target === 'nodejs'
      ? `'use strict';\nconst binding = require('./binding.js');\n\n${transfer}\nexports.CookieJar = withTransferCalls(binding.CookieJar, binding.__memory);\n`
      : `import * as binding from './binding.js';\nexport { default, initSync } from './binding.js';\n\n${transfer}\nexport const CookieJar = withTransferCalls(binding.CookieJar, binding.__memory);\n`,
  );
  // Browsers download the web JavaScript: minify it (the Node files stay readable).
  if (target === 'web') {
    for (const file of ['binding.js', 'cookie_engine.js']) {
      const path = join(pkg, dir, file);
      run(join(root, 'node_modules', '.bin', 'terser'), [path, '--module', '--compress', '--mangle', '--output', path]);
    }
  }
  // Each folder says which module system its .js files use.
  const type = target === 'nodejs' ? 'commonjs' : 'module';
  writeFileSync(join(pkg, dir, 'package.json'), `${JSON.stringify({ type }, null, 2)}\n`);
}

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const manifest = JSON.parse(readFileSync(join(root, 'js', 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(root, 'js', 'node.mjs'), join(pkg, 'node', 'index.mjs'));
copyFileSync(join(root, 'README.md'), join(pkg, 'README.md'));
console.log(`build: pkg/ holds cookie-engine ${version}`);
