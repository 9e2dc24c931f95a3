// The floor of `npm run bench` (bench/floor/, see its Cargo.toml): builds the minimal
// wasm-bindgen module into target/bench-floor/ as the package's build does (cargo for wasm32,
// wasm-bindgen-cli at the version Cargo.lock pins, binaryen's wasm-opt -Oz) and instantiates it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cargoBin = join(process.env.CARGO_HOME ?? join(process.env.HOME ?? '', '.cargo'), 'bin');
const env = { ...process.env, PATH: `${cargoBin}:${process.env.PATH}` };

/** The version of `name` a Cargo.lock pins. */
const locked = (lockFile, name) => new RegExp(`name = "${name}"\\nversion = "([^"]+)"`).exec(readFileSync(lockFile, 'utf8'))?.[1];

/** Builds the floor module; returns its exports (`headerFor(url, now, length)`, `setFromHeader(line, url, now)`). */
export async function loadFloor() {
  const crate = join(root, 'bench', 'floor');
  const want = locked(join(root, 'Cargo.lock'), 'wasm-bindgen');
  const have = locked(join(crate, 'Cargo.lock'), 'wasm-bindgen');
  if (want !== have) throw new Error(`bench/floor/Cargo.lock pins wasm-bindgen ${have}, the package ${want}: update bench/floor/Cargo.toml`);
  const target = join(root, 'target', 'bench-floor');
  const out = join(target, 'pkg');
  const run = (command, args) => execFileSync(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  run('cargo', ['build', '--quiet', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '--manifest-path', join(crate, 'Cargo.toml'), '--target-dir', target]);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'floor', join(target, 'wasm32-unknown-unknown', 'release', 'cookie_engine_bench_floor.wasm')]);
  run(join(root, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--strip-debug', '--strip-producers', join(out, 'floor_bg.wasm'), '-o', join(out, 'floor_bg.wasm')]);
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  const floor = await import(pathToFileURL(join(out, 'floor.js')).href);
  floor.initSync({ module: readFileSync(join(out, 'floor_bg.wasm')) });
  return floor;
}
