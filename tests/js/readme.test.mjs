// The README's Node examples run against the packed package: the first block as written, each
// `console.log(...); // expected` line checked against what it printed. (The HTTP clients' blocks:
// node22/readme.test.mjs; the browser blocks: browser.test.mjs; the edge workers':
// workers.test.mjs.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startRedis } from './redis-server.mjs';
import { importPackage, projectDir, root } from './support.mjs';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const nodeSection = readme.slice(readme.indexOf('## Node'), readme.indexOf('## Browsers'));
const jsBlocks = [...nodeSection.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the README has its Node examples: the jar, then fetch and each HTTP client', () => {
  assert.equal(jsBlocks.length, 7);
  for (const [i, client] of ['withCookies(fetch', "from 'got'", "from 'axios-cookiejar-support'", "from 'fetch-cookie'", "from 'http-cookie-agent/http'", "from 'undici'"].entries()) assert.ok(jsBlocks[i + 1].includes(client), client);
});

test('the first Node example prints what its comments say, saved as app.mjs in a fresh `npm init -y` project', () => {
  assert.match(nodeSection, /Save this as `app\.mjs`/);
  // A new project as `npm init -y` makes it (CommonJS), with the packed package installed.
  const dir = join(projectDir, 'fresh-project');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const npm = (args) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, encoding: 'utf8' });
  npm(['init', '-y']);
  assert.equal(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type ?? 'commonjs', 'commonjs');
  npm(['install', '--offline', join(projectDir, readdirSync(projectDir).find((f) => f.endsWith('.tgz')))]);
  const file = join(dir, 'app.mjs');
  writeFileSync(file, jsBlocks[0]);
  const printed = execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' }).trimEnd().split('\n');
  const expected = [...jsBlocks[0].matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
  assert.equal(expected.length, 3);
  assert.deepEqual(printed, expected);
});

// ---- "Saving cookies": each Node example runs as written in a scratch folder ----------------

/** The README's section under `title`, up to the next one. */
const section = (title) => readme.slice(readme.indexOf(`## ${title}`), readme.indexOf('\n## ', readme.indexOf(`## ${title}`) + 1));
const savingSection = section('Saving cookies');
const savingBlocks = [...savingSection.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

/** Runs `code` as an ES module in a fresh folder of the test project; what it printed, by line. */
function runInFolder(name, code, env = {}) {
  const dir = join(projectDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, 'example.mjs'), code);
  const printed = execFileSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } }).trimEnd().split('\n');
  return { dir, printed };
}

/** The `// expected` comments of a block's console.log lines. */
const expectedPrints = (code) => [...code.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);

test('the "Saving cookies" section has an example per format', () => {
  assert.equal(savingBlocks.length, 4);
  for (const name of ['toJSON', 'fromJSON', 'toNetscape', 'fromNetscape', 'toLWP', 'fromLWP', 'CookieJar.open', 'fromToughCookie', 'toToughCookie', 'fromPlaywright', 'toPlaywright', 'fromCDP', 'toCDP', 'saveToIndexedDB', 'loadFromIndexedDB']) {
    assert.ok(savingSection.includes(name.replace('toJSON', 'JSON.stringify(jar)')), name);
  }
});

test('the snapshot, cookies.txt and LWP example prints what its comments say', () => {
  const { dir, printed } = runInFolder('readme-saving', savingBlocks[0]);
  assert.deepEqual(printed, expectedPrints(savingBlocks[0]));
  assert.match(readFileSync(join(dir, 'cookies.txt'), 'utf8'), /^# Netscape HTTP Cookie File/);
});

test('the file example saves a jar that the next run opens', () => {
  const { dir } = runInFolder('readme-file', savingBlocks[1]);
  const saved = JSON.parse(readFileSync(join(dir, 'cookies.json'), 'utf8'));
  assert.deepEqual(saved.cookies.map((c) => `${c.name}=${c.value}`), ['visits=1']);
  // The next run: the same code opens the file and finds its cookie.
  writeFileSync(join(dir, 'next.mjs'), "import { CookieJar } from 'cookie-engine';\nconst jar = await CookieJar.open('cookies.json');\nconsole.log(jar.headerFor('https://example.com/'));\n");
  assert.equal(execFileSync(process.execPath, ['next.mjs'], { cwd: dir, encoding: 'utf8' }), 'visits=1\n');
});

test('the tough-cookie example prints what its comment says', () => {
  const { printed } = runInFolder('readme-tough', savingBlocks[2]);
  assert.deepEqual(printed, expectedPrints(savingBlocks[2]));
});

test('the "Policies" example prints what its comments say', () => {
  const [block] = [...section('Policies').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  const { printed } = runInFolder('readme-policies', block);
  assert.deepEqual(printed, expectedPrints(block));
  assert.equal(printed.length, 2);
});

test('the "Sharing a jar between processes" example prints what its comments say, against a local redis-server', async () => {
  const blocks = [...section('Sharing a jar between processes').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 1);
  const server = await startRedis();
  try {
    const { printed } = runInFolder('readme-redis', blocks[0], { REDIS_URL: server.url });
    assert.deepEqual(printed, expectedPrints(blocks[0]));
    assert.equal(printed.length, 2);
  } finally {
    await server.stop();
  }
});
