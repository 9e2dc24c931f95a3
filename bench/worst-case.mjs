#!/usr/bin/env node
// `npm run bench:worst`: the time of one call on the worst inputs we can construct (not a test:
// nothing here asserts). Each case fills a jar the way a hostile server could, then times the
// call that would suffer if a path were quadratic: µs per call, median of rounds.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { CookieJar } = await import(pathToFileURL(join(root, 'pkg', 'node', 'index.mjs')).href);
const T0 = Date.UTC(2026, 0, 1);

/** Median µs of `call` over rounds of `n` calls. */
function microseconds(n, call) {
  const rounds = [];
  for (let r = 0; r < 7; r++) {
    const start = performance.now();
    for (let i = 0; i < n; i++) call(i);
    rounds.push(((performance.now() - start) * 1000) / n);
  }
  return rounds.sort((a, b) => a - b)[3];
}

const big = { now: () => T0, limits: { perSite: 100_000, perSitePurgeTo: 100_000, total: 1_000_000, totalPurgeTo: 1_000_000 } };
const rows = [];
const row = (what, us) => rows.push([what, us]);

// Thousands of cookies on one site: every set searches the site for a twin and a Secure cookie
// to shadow, and inserts in order; every retrieval visits the site.
for (const count of [1_000, 10_000]) {
  const jar = new CookieJar(big);
  for (let i = 0; i < count; i++) jar.setFromHeader(`c${i}=v; Path=/${i % 50}`, 'https://www.example.com/');
  row(`setFromHeader into one site of ${count} cookies`, microseconds(200, (i) => jar.setFromHeader(`n${i}=v`, 'http://www.example.com/')));
  row(`headerFor on one site of ${count} cookies`, microseconds(50, () => jar.headerFor('https://www.example.com/1/x')));
  jar.free();
}
// The default limits: 180 cookies per site, 3,300 in all, met at every set.
{
  const jar = new CookieJar({ now: () => T0 });
  let i = 0;
  row('setFromHeader at the default limits (evicting each time)', microseconds(2_000, () => jar.setFromHeader(`c${i++}=v`, `https://s${i % 40}.example.com/`)));
  row('headerFor at the default limits', microseconds(2_000, (j) => jar.headerFor(`https://s${j % 40}.example.com/`)));
  jar.free();
}
// Deep paths: 1,000 cookies on paths of 100 segments, and a request 1,000 segments deep.
{
  const jar = new CookieJar(big);
  const deep = '/a'.repeat(100);
  for (let i = 0; i < 1_000; i++) jar.setFromHeader(`p${i}=v; Path=${deep.slice(0, 2 * (1 + (i % 100)))}`, 'https://example.com/');
  row('headerFor a 1,000-segment path over 1,000 cookies of deep paths', microseconds(50, () => jar.headerFor(`https://example.com${'/a'.repeat(1_000)}`)));
  jar.free();
}
// Long Domain chains: hosts of many labels, for sets and retrievals.
{
  const jar = new CookieJar(big);
  const host = `${'a.'.repeat(120)}example.com`;
  for (let i = 0; i < 1_000; i++) jar.setFromHeader(`d${i}=v; Domain=${host.slice(2 * (i % 120))}`, `https://${host}/`);
  row('headerFor a 253-octet host of 122 labels, 1,000 Domain cookies on its parents', microseconds(50, () => jar.headerFor(`https://${host}/`)));
  const huge = `https://${'a.'.repeat(500_000)}example.com/`;
  row('headerFor a 1 MB host of 500,000 labels', microseconds(3, () => jar.headerFor(huge)));
  row('setFromHeader from a 1 MB host (refused: domain-too-long)', microseconds(3, (i) => jar.setFromHeader(`x${i}=1`, huge)));
  jar.free();
}
// Many partitions of one site: each partition counts apart, up to the total.
{
  const jar = new CookieJar({ now: () => T0 });
  for (let i = 0; i < 3_300; i++) jar.setFromHeader(`p${i}=v; Secure; Partitioned`, 'https://embed.example/', { topLevelUrl: `https://top${i % 100}.example/` });
  row('headerFor in one of 100 partitions of a site (3,300 cookies)', microseconds(500, (i) => jar.headerFor('https://embed.example/', { topLevelUrl: `https://top${i % 100}.example/` })));
  jar.free();
}
// Imports of the largest inputs: 10,000 records in one snapshot.
{
  const source = new CookieJar(big);
  for (let i = 0; i < 10_000; i++) source.setFromHeader(`c${i}=v; Max-Age=3600`, `https://s${i % 1000}.example.com/`);
  const text = JSON.stringify(source);
  row(`CookieJar.fromJSON of 10,000 cookies (${(text.length / 1e6).toFixed(1)} MB), per cookie`, microseconds(1, () => CookieJar.fromJSON(text, big).jar.free()) / 10_000);
  source.free();
}

const width = Math.max(...rows.map(([what]) => what.length));
for (const [what, us] of rows) console.log(`${what.padEnd(width)}  ${us.toFixed(2).padStart(10)} µs`);
