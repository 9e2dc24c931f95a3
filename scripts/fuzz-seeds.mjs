#!/usr/bin/env node
// Seeds the fuzz targets' corpora (`node scripts/fuzz-seeds.mjs DIR`): DIR/<target>/ gets the
// http-state vectors' Set-Cookie lines and dates, canonical and odd URLs, jar-operation
// sequences made of the vectors' lines, and, for each importer, a jar of those cookies saved in
// its format by the built package (pkg/, `node scripts/build.mjs`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) throw new Error('usage: node scripts/fuzz-seeds.mjs DIR');
const vectors = join(root, 'tests', 'vectors', 'http-state');
const json = (file) => JSON.parse(readFileSync(file, 'utf8').replace(/^\/\/.*$/gm, ''));

function write(target, seeds) {
  const folder = join(out, target);
  mkdirSync(folder, { recursive: true });
  seeds.forEach((seed, i) => writeFileSync(join(folder, `seed-${String(i).padStart(4, '0')}`), seed));
}

const lines = json(join(vectors, 'parser.json')).flatMap((test) => test.received);
write('set_cookie_parser', lines);
const dates = ['examples.json', 'bsd-examples.json'].flatMap((file) => json(join(vectors, 'dates', file)).map((test) => test.test));
write('cookie_date', [...dates, '2026-01-01T00:00:00.000Z', '2026-01-01 00:00:00Z', '+275760-09-13T00:00:00.000Z', '1994/11/06 08:49:37 +01:00']);
write('request_url', [
  'https://www.example.com/a/b?q#f',
  'http://127.0.0.1:8080/x',
  'http://[::1]/',
  'HTTPS://WWW.Example.COM/./a/../b',
  'https://xn--bcher-kva.example/',
  'https://bücher.example/',
  'http://0x7f.1/',
  'ws://example.com/socket',
  'wss://a.b.c.d.example.co.uk:443/',
  'http://a..b/',
  'mailto:someone@example.com',
]);

// jar_operations: a set (opcode 0, the line's length and bytes, a URL index, a context byte),
// then a retrieval (opcode 3), a clock step (5) and a restore (7).
const bytes = (line) => [...Buffer.from(line)].slice(0, 255);
const operations = [];
for (let i = 0; i + 4 <= lines.length; i += 4) {
  const ops = [];
  for (const [j, line] of lines.slice(i, i + 4).entries()) ops.push(0, bytes(line).length, ...bytes(line), j, j * 4);
  ops.push(3, 1, 0, 5, 30, 3, 2, 8, 7);
  operations.push(Buffer.from(ops));
}
write('jar_operations', operations);

const { CookieJar } = await import(pathToFileURL(join(root, 'pkg', 'node', 'index.mjs')).href);
const jar = new CookieJar({ now: () => Date.UTC(2026, 0, 1) });
for (const [i, line] of lines.entries()) jar.setCookie(`${line}; Max-Age=${i % 3 === 0 ? 3600 : 86400 * i}`, i % 2 ? 'https://www.example.com/a/b' : 'http://example.co.uk/');
jar.setCookie('chip=1; Secure; Partitioned; SameSite=None', 'https://embed.example/', { topLevelUrl: 'https://top.example/' });
const saved = (format) => {
  const data = jar.export(format, { includeSession: true });
  return typeof data === 'string' ? data : JSON.stringify(data);
};
for (const [target, format] of [['import_json', 'json'], ['import_netscape', 'netscape'], ['import_lwp', 'lwp'], ['import_tough_cookie', 'tough-cookie'], ['import_playwright', 'playwright'], ['import_cdp', 'cdp']]) {
  write(target, [saved(format)]);
}
jar.free();
