// Jars in files (Node): CookieJar.open and jar.save, in our JSON, cookies.txt and LWP; atomic
// writes that a crash or a failed write never leave half-done; autosave; corrupt files.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { importPackage, projectDir } from './support.mjs';

const { CookieJar } = await importPackage();
const T0 = Date.UTC(2026, 0, 1);
const clock = () => T0;
const folder = mkdtempSync(join(tmpdir(), 'cookie-engine-files-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const LINES = ['sid=1; Path=/; Secure; HttpOnly; Max-Age=3600', 'pref=dark; Domain=example.com; Max-Age=86400', 'session=1; Path=/'];
const URL = 'https://www.example.com/';

function filledJar(options = {}) {
  const jar = new CookieJar({ now: clock, ...options });
  jar.setFromHeader(LINES, URL);
  return jar;
}

test('open a missing file: an empty jar; save writes it atomically, mode 0600; open reads it back', async () => {
  for (const [file, format, header] of [
    ['jar.json', 'json', '{'],
    ['cookies.txt', 'netscape', '# Netscape HTTP Cookie File'],
    ['cookies.lwp', 'lwp', '#LWP-Cookies-2.0'],
  ]) {
    const path = join(folder, file);
    const jar = await CookieJar.open(path, { now: clock });
    assert.equal(jar.size, 0);
    assert.equal(existsSync(path), false, 'opening does not create the file');
    jar.setFromHeader(LINES, URL);
    await jar.save();
    assert.equal(statSync(path).mode & 0o777, 0o600, file);
    assert.ok(readFileSync(path, 'utf8').startsWith(header), `${file} is ${format}`);
    const reopened = await CookieJar.open(path, { now: clock });
    // Session cookies are saved only when asked (Python cookielib's ignore_discard).
    assert.equal(reopened.headerFor(URL), 'sid=1; pref=dark', file);
    await jar.save(path, { includeSession: true });
    assert.equal((await CookieJar.open(path, { now: clock })).headerFor(URL), 'sid=1; pref=dark; session=1', file);
    assert.deepEqual(readdirSync(folder).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  }
  // The format is found from the text, whatever the name says.
  const misnamed = join(folder, 'actually-netscape.json');
  writeFileSync(misnamed, filledJar().toNetscape());
  assert.equal((await CookieJar.open(misnamed, { now: clock })).headerFor(URL), 'sid=1; pref=dark');
});

test('a jar opened with includeSession saves its session cookies; save takes a path and a format', async () => {
  const path = join(folder, 'with-session.json');
  const jar = await CookieJar.open(path, { now: clock, includeSession: true });
  jar.setFromHeader(LINES, URL);
  await jar.save();
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).cookies.length, 3);
  const other = join(folder, 'elsewhere.data');
  await jar.save(other, { format: 'lwp' });
  assert.ok(readFileSync(other, 'utf8').startsWith('#LWP-Cookies-2.0'));
  await assert.rejects(() => new CookieJar().save(), TypeError, 'a jar not opened from a file needs a path');
  await assert.rejects(() => jar.save(other, { format: 'yaml' }), TypeError);
  await assert.rejects(() => CookieJar.open(path, { format: 'cdp' }), TypeError);
  await assert.rejects(() => CookieJar.open(path, { maxAgeSecs: 1 }), /maxAgeSecs/);
});

test('a corrupt file rejects, naming the file and the line, unless onCorrupt is "empty"', async () => {
  const path = join(folder, 'corrupt.txt');
  writeFileSync(path, '# Netscape HTTP Cookie File\nexample.com\tFALSE\t/\n');
  await assert.rejects(() => CookieJar.open(path), (e) => e instanceof SyntaxError && e.message.includes(path) && /line 2/.test(e.message));
  const json = join(folder, 'corrupt.json');
  writeFileSync(json, '{"version":1,"cookies":[{"name":');
  await assert.rejects(() => CookieJar.open(json), SyntaxError);
  const jar = await CookieJar.open(json, { onCorrupt: 'empty', now: clock });
  assert.equal(jar.size, 0);
  assert.equal(readFileSync(json, 'utf8'), '{"version":1,"cookies":[{"name":', 'the corrupt file stays until a save');
  jar.setFromHeader(LINES, URL);
  await jar.save();
  assert.equal((await CookieJar.open(json, { now: clock })).size, 2);
});

test('autosave writes the changes, debounced; flush waits for it; free and exit write what is pending', async () => {
  const path = join(folder, 'auto.json');
  const jar = await CookieJar.open(path, { now: clock, autosave: 20, includeSession: true });
  jar.setFromHeader(LINES, URL);
  jar.setFromHeader('more=1', URL);
  assert.equal(existsSync(path), false, 'not yet: debounced');
  await jar.flush();
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')).cookies.map((c) => c.name), ['sid', 'pref', 'session', 'more']);
  jar.delete('more', { domain: 'www.example.com' });
  jar.free();
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')).cookies.map((c) => c.name), ['sid', 'pref', 'session'], 'free() wrote the pending change');

  // `using` (Symbol.dispose) is the same free(): a change pending at the end of the scope is written.
  const scoped = await CookieJar.open(path, { now: clock, autosave: 60_000, includeSession: true });
  scoped.setFromHeader('scoped=1', URL);
  scoped[Symbol.dispose]();
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')).cookies.map((c) => c.name), ['sid', 'pref', 'session', 'scoped'], 'dispose wrote the pending change');

  // A process that exits right after a change still saves it.
  const exiting = join(folder, 'exit.txt');
  const script = join(projectDir, 'autosave-exit.mjs');
  writeFileSync(script, `import { CookieJar } from 'cookie-engine';
const jar = await CookieJar.open(${JSON.stringify(exiting)}, { autosave: 60_000 });
jar.setFromHeader('kept=1; Max-Age=600', 'https://example.com/');
process.exit(0);
`);
  execFileSync(process.execPath, [script], { cwd: projectDir });
  assert.match(readFileSync(exiting, 'utf8'), /\tkept\t1$/m);
});

test('a save that fails rejects with the cause and leaves the previous file intact', async () => {
  const path = join(folder, 'intact.json');
  const jar = filledJar();
  await jar.save(path);
  const before = readFileSync(path, 'utf8');
  await assert.rejects(() => jar.save(join(folder, 'missing-folder', 'x.json')), { code: 'ENOENT' });
  // A file-size limit (as a full disk would): the write fails half-way.
  const script = join(projectDir, 'save-too-big.mjs');
  writeFileSync(script, `import { CookieJar } from 'cookie-engine';
process.on('SIGXFSZ', () => {});
const { jar } = CookieJar.fromJSON(${JSON.stringify(readFileSync(path, 'utf8'))});
for (let i = 0; i < 150; i++) jar.setFromHeader('big' + i + '=' + 'v'.repeat(3000) + '; Max-Age=600', 'https://site' + i + '.example/');
try { await jar.save(${JSON.stringify(path)}); console.log('saved'); } catch (error) { console.log(error.code); }
`);
  const output = execFileSync('bash', ['-c', `ulimit -f 64; exec "${process.execPath}" "${script}"`], { cwd: projectDir, encoding: 'utf8' });
  assert.equal(output.trim(), 'EFBIG');
  assert.equal(readFileSync(path, 'utf8'), before);
  assert.deepEqual(readdirSync(folder).filter((f) => f.endsWith('.tmp')), []);
});

test('killed at random moments while saving, the file always loads: to the old jar or the new one', { timeout: 120_000 }, async () => {
  const path = join(folder, 'crash.json');
  // Each generation is a whole jar: 40 cookies, all with the generation's value.
  const script = join(projectDir, 'save-forever.mjs');
  writeFileSync(script, `import { CookieJar } from 'cookie-engine';
const jar = await CookieJar.open(${JSON.stringify(path)});
let generation = Number(process.argv[2]);
console.log('ready');
for (;;) {
  generation++;
  const lines = [];
  for (let i = 0; i < 40; i++) lines.push('c' + i + '=' + generation + '-' + 'x'.repeat(200) + '; Max-Age=3600');
  jar.setFromHeader(lines, 'https://site' + (generation % 5) + '.example/');
  jar.clear();
  jar.setFromHeader(lines, 'https://crash.example/');
  await jar.save();
}
`);
  let generation = 0;
  let loads = 0;
  for (let run = 0; run < 40; run++) {
    const child = spawn(process.execPath, [script, String(generation * 1000)], { cwd: projectDir, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 60)));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    generation++;
    if (!existsSync(path)) continue;
    const jar = await CookieJar.open(path);
    const values = new Set(jar.cookies().map((c) => c.value.split('-')[0]));
    assert.equal(jar.size, 40, `run ${run}: a whole jar`);
    assert.equal(values.size, 1, `run ${run}: one generation`);
    loads++;
  }
  assert.ok(loads >= 30, `${loads} of 40 runs had saved before the kill`);
});
