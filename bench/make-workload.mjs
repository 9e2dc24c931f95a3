#!/usr/bin/env node
// Prints (JSON) the standard workload that `npm run bench` (JS and wasm, and tough-cookie) and
// `cargo bench` (the native core) both replay:
// 100 sites over several public suffixes, each setting 11 cookies from www., api. and cdn.
// hosts (host-only and Domain cookies, Path=/ and deeper paths, Secure, HttpOnly, SameSite
// values, Max-Age and Expires, a __Host- cookie, 20-40 byte values), and one request per host,
// each matching 5 to 7 cookies. `--sites N` makes a larger one, `--clock MS` pins its clock.

const SUFFIXES = ['com', 'co.uk', 'org', 'github.io', 'com.au', 'net', 'io', 'de', 'co.jp', 'fr'];

/** A deterministic value of 20 to 40 characters. */
function value(seed) {
  let x = (seed * 2654435761) >>> 0;
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = '';
  const length = 20 + (x % 21);
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

/** The workload for `siteCount` sites, replayed at `clock` (ms since the epoch). */
export function makeWorkload(siteCount, clock) {
  const expires = new Date(clock + 30 * 86_400_000).toUTCString();
  const sets = [];
  const requests = [];
  for (let i = 0; i < siteCount; i++) {
    const suffix = SUFFIXES[i % SUFFIXES.length];
    const site = suffix === 'github.io' ? `user${i}.github.io` : `site${i}.${suffix}`;
    const www = `https://www.${site}/shop/cart`;
    const api = `https://api.${site}/v1/login`;
    const cdn = `https://cdn.${site}/assets/app.js`;
    let n = i * 16;
    const add = (url, line) => sets.push({ url, line });
    add(www, `sid=${value(n++)}; Path=/; Secure; HttpOnly; SameSite=Lax`);
    add(www, `__Host-csrf=${value(n++)}; Secure; Path=/; SameSite=Strict`);
    add(www, `prefs=${value(n++)}; Path=/; Max-Age=31536000`);
    add(www, `cart=${value(n++)}; Path=/shop; Expires=${expires}`);
    add(www, `uid=${value(n++)}; Domain=${site}; Path=/; Max-Age=63072000; SameSite=None; Secure`);
    add(www, `lang=en-US; Domain=${site}; Path=/`);
    add(api, `api_token=${value(n++)}; Path=/v1; Secure; HttpOnly`);
    add(api, `rl=${value(n++)}; Path=/; Max-Age=60`);
    add(cdn, `edge=${value(n++)}; Path=/; Max-Age=3600`);
    add(cdn, `ver=${value(n++)}; Path=/assets`);
    add(cdn, `ab=${value(n++)}; Domain=.${site}; Path=/; Expires=${expires}`);
    requests.push(`https://www.${site}/shop/item?id=${i}`, `https://api.${site}/v1/users/${i}`, `https://cdn.${site}/assets/img/${i}.png`);
  }
  return { clock, sets, requests };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
  // The clock defaults to the start of this hour, so that runs within an hour replay the same data.
  const workload = makeWorkload(option('--sites', 100), option('--clock', Math.floor(Date.now() / 3_600_000) * 3_600_000));
  process.stdout.write(JSON.stringify(workload));
}
