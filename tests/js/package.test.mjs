// The packed package works the way users load it: ESM and CommonJS in Node without an init
// call, and its TypeScript declarations type-check user code (tsc --noEmit).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { installedDir, projectDir, root } from './support.mjs';

const node = (file) => execFileSync(process.execPath, [file], { cwd: projectDir, encoding: 'utf8' });

test('ESM: import { CookieJar } from "cookie-engine"', () => {
  const file = join(projectDir, 'esm-example.mjs');
  writeFileSync(
    file,
    `import { CookieJar } from 'cookie-engine';
const jar = new CookieJar();
jar.setFromHeader('a=1; Path=/', 'http://example.com/');
console.log(jar.headerFor(new URL('http://example.com/x')));
`,
  );
  assert.equal(node(file), 'a=1\n');
});

test('CommonJS: require("cookie-engine")', () => {
  const file = join(projectDir, 'cjs-example.cjs');
  writeFileSync(
    file,
    `const { CookieJar } = require('cookie-engine');
const jar = new CookieJar({ now: () => 0 });
console.log(jar.setFromHeader(['a=1', 'b=2; Max-Age=10'], 'https://example.com/'), jar.headerFor('https://example.com/'));
`,
  );
  assert.equal(node(file), '2 a=1; b=2\n');
});

test('the manifest routes each runtime to its build and lists its files', () => {
  const manifest = JSON.parse(readFileSync(join(installedDir, 'package.json'), 'utf8'));
  const cargoVersion = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
  assert.equal(manifest.name, 'cookie-engine');
  assert.equal(manifest.version, cargoVersion);
  assert.deepEqual(manifest.exports['.'].node, {
    types: './node/cookie_engine.d.ts',
    import: './node/index.mjs',
    require: './node/cookie_engine.js',
  });
  assert.equal(manifest.exports['.'].default, './web/cookie_engine.js');
  for (const file of ['node/cookie_engine.js', 'node/cookie_engine_bg.wasm', 'node/index.mjs', 'web/cookie_engine.js', 'web/cookie_engine_bg.wasm', 'web/cookie_engine.d.ts', 'README.md']) {
    assert.ok(readFileSync(join(installedDir, file)).length > 0, file);
  }
});

test('TypeScript: the declarations type-check user code, and catch misuse', () => {
  const tsDir = join(projectDir, 'ts');
  rmSync(tsDir, { recursive: true, force: true });
  mkdirSync(tsDir, { recursive: true });
  writeFileSync(
    join(tsDir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, types: [], lib: ['es2022', 'dom'] },
      include: ['*.ts', '*.mts'],
    }),
  );
  writeFileSync(
    join(tsDir, 'good.mts'),
    `import { CookieJar, type StoredCookie, type SetDecision, type RequestDecision, type RequestContext } from 'cookie-engine';
const jar = new CookieJar({ now: () => Date.now(), limits: { perSite: 50, perSitePurgeTo: 40 } });
const stored: number = jar.setFromHeader(['a=1', 'b=2'], new URL('https://example.com/'));
const context: RequestContext = { api: 'script', topLevelUrl: 'https://top.example/', method: 'POST', navigation: false, siteForCookies: null };
const header: string = jar.headerFor('https://example.com/', context);
const decision: SetDecision = jar.setCookie('x=1; Domain=com', 'https://example.com/');
const code: string | null = decision.code;
const cookies: StoredCookie[] = jar.cookies();
const expires: number | null = cookies[0].expires;
const why: RequestDecision[] = jar.explainRequest('https://example.com/');
const removed: number = jar.delete('a', { domain: 'example.com', path: '/' });
jar.clear();
const size: number = jar.size;
export { stored, header, code, expires, why, removed, size };
`,
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', tsDir], { encoding: 'utf8' });

  writeFileSync(
    join(tsDir, 'bad.mts'),
    `import { CookieJar } from 'cookie-engine';
const jar = new CookieJar();
jar.headerFor(42);
jar.headerFor('https://example.com/', { api: 'javascript' });
`,
  );
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', tsDir], { encoding: 'utf8' });
  } catch (error) {
    output = error.stdout;
  }
  assert.match(output, /bad\.mts\(3,.*TS2345/, 'a number is not a URL');
  assert.match(output, /bad\.mts\(4,.*'"javascript"' is not assignable/, 'api is checked');
  assert.doesNotMatch(output, /good\.mts/);
});

test('TypeScript: the web build declares init() for browsers and workers', () => {
  const tsDir = join(projectDir, 'ts-web');
  mkdirSync(tsDir, { recursive: true });
  writeFileSync(
    join(tsDir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', noEmit: true, types: [], lib: ['es2022', 'dom'] },
      include: ['*.ts'],
    }),
  );
  writeFileSync(
    join(tsDir, 'page.ts'),
    `import init, { CookieJar } from 'cookie-engine/web';
await init();
const header: string = new CookieJar().headerFor('https://example.com/');
export { header };
`,
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', tsDir], { encoding: 'utf8' });
});

test('every export and every member of the declarations has a doc comment', () => {
  for (const build of ['node', 'web']) {
    const lines = readFileSync(join(installedDir, build, 'cookie_engine.d.ts'), 'utf8').split('\n');
    const start = lines.findIndex((line) => line.startsWith('export class CookieJar'));
    const end = lines.findIndex((line, i) => i > start && line === '}');
    const members = lines.slice(start + 1, end).filter((line) => /^ {4}[\w[]/.test(line));
    assert.ok(members.length >= 13, `${build}: ${members.length} members`);
    for (const member of members) {
      const above = lines[lines.indexOf(member) - 1].trim();
      assert.ok(above.endsWith('*/'), `${build}: no doc comment above ${member.trim()}`);
    }
    for (const [i, line] of lines.entries()) {
      if (/^export (interface|class|type|function|default function)/.test(line)) {
        assert.ok(lines[i - 1].trim().endsWith('*/'), `${build}: no doc comment above ${line}`);
      }
    }
  }
});
