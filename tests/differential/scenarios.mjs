// The differential scenarios: the http-state parser and date vectors, families of hand-written
// cases (prefixes, SameSite, partitions, Secure overwrites, paths, domains), and random ones
// from a fixed seed. Each is `{ id, family, steps }` (see harness.mjs). Hosts are made up; the
// harness's Chromium sends every name to the local servers.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const vectors = join(dirname(fileURLToPath(import.meta.url)), '..', 'vectors', 'http-state');

/** A line a response can carry as one header field: no CR, LF or NUL. */
const sendable = (line) => !/[\r\n\0]/.test(line);

/** The http-state parser cases that a response can carry, each set and then asked for. */
function parserVectors() {
  const cases = JSON.parse(readFileSync(join(vectors, 'parser.json'), 'utf8'));
  return cases
    .filter((c) => c.received.every(sendable))
    .map((c) => ({
      id: `parser-${c.test}`,
      family: 'parser vectors',
      steps: [
        { kind: 'set', url: `http://home.example.org/cookie-parser?${c.test}`, lines: c.received, via: 'direct' },
        { kind: 'get', url: new URL(c['sent-to'] ?? `/cookie-parser-result?${c.test}`, 'http://home.example.org/').href, via: 'direct' },
      ],
    }));
}

/** The http-state date cases: a cookie with that Expires, sent or not. */
function dateVectors() {
  const read = (file) => JSON.parse(readFileSync(join(vectors, 'dates', file), 'utf8').split('\n').filter((line) => !line.trim().startsWith('//')).join('\n'));
  return [...read('examples.json'), ...read('bsd-examples.json')]
    .filter((c) => sendable(c.test))
    .map((c, i) => ({
      id: `date-${i}`,
      family: 'date vectors',
      steps: [
        { kind: 'set', url: 'http://dates.example/', lines: ['keep=1', `d=1; Expires=${c.test}`], via: 'direct' },
        { kind: 'get', url: 'http://dates.example/', via: 'direct' },
      ],
    }));
}

const set = (url, lines, via = 'direct', top) => ({ kind: 'set', url, lines, via, top });
const get = (url, via = 'direct', top) => ({ kind: 'get', url, via, top });
const script = (url) => ({ kind: 'script', url });
const wait = (ms) => ({ kind: 'wait', ms });

/** Hand-written families, each a list of [name, steps]. */
const FAMILIES = {
  prefixes: [
    ['__Secure- with Secure', [set('https://p.example/', ['__Secure-a=1; Secure']), get('https://p.example/')]],
    ['__Secure- without Secure', [set('https://p.example/', ['__Secure-a=1']), get('https://p.example/')]],
    ['__secure- lower case', [set('https://p.example/', ['__secure-a=1']), get('https://p.example/')]],
    ['__Host- valid', [set('https://p.example/a', ['__Host-a=1; Secure; Path=/']), get('https://p.example/')]],
    ['__Host- with Domain', [set('https://www.p.example/', ['__Host-a=1; Secure; Path=/; Domain=p.example']), get('https://www.p.example/')]],
    ['__Host- without Path', [set('https://p.example/a/b', ['__Host-a=1; Secure']), get('https://p.example/a/b')]],
    ['__Host- with Path=/a', [set('https://p.example/a/b', ['__Host-a=1; Secure; Path=/a']), get('https://p.example/a/b')]],
    ['__Host- over http', [set('http://p.example/', ['__Host-a=1; Secure; Path=/']), get('http://p.example/')]],
    ['__Http- with HttpOnly', [set('https://p.example/', ['__Http-a=1; Secure; HttpOnly']), get('https://p.example/'), script('https://p.example/')]],
    ['__Http- without HttpOnly', [set('https://p.example/', ['__Http-a=1; Secure']), get('https://p.example/')]],
    ['__Host-Http- valid', [set('https://p.example/', ['__Host-Http-a=1; Secure; HttpOnly; Path=/']), get('https://p.example/')]],
    ['nameless with a prefix', [set('https://p.example/', ['=__Secure-a=1; Secure', '__Host-b']), get('https://p.example/')]],
  ],
  'same-site': [
    ['direct', [set('https://s.example/', ['st=1; SameSite=Strict', 'lx=1; SameSite=Lax', 'no=1; SameSite=None; Secure', 'un=1']), get('https://s.example/')]],
    ['cross-site link', [set('https://s.example/', ['st=1; SameSite=Strict', 'lx=1; SameSite=Lax', 'no=1; SameSite=None; Secure', 'un=1']), get('https://s.example/', 'link', 'https://other.example/')]],
    ['same-site link', [set('https://s.example/', ['st=1; SameSite=Strict', 'lx=1; SameSite=Lax']), get('https://www.s.example/x', 'link', 'https://a.s.example/')]],
    ['cross-site form post', [set('https://s.example/', ['st=1; SameSite=Strict', 'lx=1; SameSite=Lax', 'no=1; SameSite=None; Secure', 'un=1']), get('https://s.example/post', 'form-post', 'https://other.example/')]],
    ['setting from a cross-site link', [set('https://s.example/', ['st=1; SameSite=Strict', 'lx=1; SameSite=Lax', 'un=1'], 'link', 'https://other.example/'), get('https://s.example/')]],
    ['setting from a cross-site form post', [set('https://s.example/', ['st=1; SameSite=Strict', 'un=1'], 'form-post', 'https://other.example/'), get('https://s.example/')]],
    ['schemeful: http page links to https', [set('https://s.example/', ['st=1; SameSite=Strict', 'lx=1; SameSite=Lax']), get('https://s.example/', 'link', 'http://s.example/')]],
    ['None without Secure', [set('https://s.example/', ['no=1; SameSite=None']), get('https://s.example/')]],
    ['unknown SameSite value', [set('https://s.example/', ['x=1; SameSite=Sometimes']), get('https://s.example/', 'link', 'https://other.example/')]],
  ],
  'third-party': [
    ['fetch sets and sends', [set('https://tp.example/', ['no=1; SameSite=None; Secure', 'lx=1; SameSite=Lax'], 'fetch', 'https://top.example/'), get('https://tp.example/', 'fetch', 'https://top.example/'), get('https://tp.example/')]],
    ['iframe sets and sends', [set('https://tp.example/', ['no=1; SameSite=None; Secure'], 'iframe', 'https://top.example/'), get('https://tp.example/', 'iframe', 'https://top.example/')]],
    ['first-party cookie, third-party request', [set('https://tp.example/', ['no=1; SameSite=None; Secure']), get('https://tp.example/', 'fetch', 'https://top.example/'), get('https://tp.example/', 'iframe', 'https://top.example/')]],
  ],
  partitions: [
    ['partitioned in an iframe, read under the same and another top', [set('https://chip.example/', ['p=1; Secure; SameSite=None; Partitioned', 'u=1; Secure; SameSite=None'], 'iframe', 'https://top-a.example/'), get('https://chip.example/', 'iframe', 'https://top-a.example/'), get('https://chip.example/', 'iframe', 'https://top-b.example/'), get('https://chip.example/')]],
    ['partitioned first-party', [set('https://chip.example/', ['p=1; Secure; Partitioned; Path=/']), get('https://chip.example/'), get('https://chip.example/', 'fetch', 'https://top-a.example/')]],
    ['partitioned without Secure', [set('https://chip.example/', ['p=1; Partitioned'], 'iframe', 'https://top-a.example/'), get('https://chip.example/', 'iframe', 'https://top-a.example/')]],
    ['partitioned by a fetch', [set('https://chip.example/', ['p=1; Secure; SameSite=None; Partitioned'], 'fetch', 'https://top-a.example/'), get('https://chip.example/', 'fetch', 'https://top-a.example/'), get('https://chip.example/', 'fetch', 'https://sub.top-a.example/')]],
  ],
  'secure overwrite': [
    ['http cannot overwrite a Secure cookie', [set('https://so.example/', ['id=secure; Secure']), set('http://so.example/', ['id=plain']), get('https://so.example/'), get('http://so.example/')]],
    ['http cannot shadow on a subdomain', [set('https://so.example/', ['id=secure; Secure; Domain=so.example']), set('http://www.so.example/', ['id=plain']), get('https://www.so.example/')]],
    ['http can set another name', [set('https://so.example/', ['id=secure; Secure']), set('http://so.example/', ['other=plain']), get('https://so.example/')]],
    ['Secure from http', [set('http://so.example/', ['id=1; Secure']), get('https://so.example/')]],
    ['https replaces Secure with non-Secure', [set('https://so.example/', ['id=1; Secure']), set('https://so.example/', ['id=2']), get('http://so.example/')]],
    ['http on a public-suffix host next to a Secure cookie below it', [set('https://example.co.uk/', ['id=secure; Secure']), set('http://co.uk/', ['id=plain']), get('http://co.uk/'), get('https://example.co.uk/')]],
    ['http below a public-suffix host with a Secure cookie', [set('https://github.io/', ['id=secure; Secure']), set('http://alice.github.io/', ['id=plain']), get('http://alice.github.io/'), get('https://github.io/')]],
  ],
  paths: [
    ['default path', [set('https://pa.example/a/b/c', ['d=1']), get('https://pa.example/a/b'), get('https://pa.example/a/b/x'), get('https://pa.example/a/bx'), get('https://pa.example/a')]],
    ['explicit paths and their order', [set('https://pa.example/', ['a=1; Path=/', 'b=1; Path=/x/y', 'c=1; Path=/x', 'd=1; Path=/x/']), get('https://pa.example/x/y/z'), get('https://pa.example/x'), get('https://pa.example/xy')]],
    ['relative and empty paths', [set('https://pa.example/dir/page', ['r=1; Path=relative', 'e=1; Path=', 'q=1; Path=/dir?x']), get('https://pa.example/dir/other'), get('https://pa.example/')]],
    ['case matters', [set('https://pa.example/', ['c=1; Path=/Dir']), get('https://pa.example/dir'), get('https://pa.example/Dir')]],
    ['document.cookie sees path cookies', [set('https://pa.example/', ['a=1; Path=/app', 'h=1; HttpOnly']), script('https://pa.example/app/page'), script('https://pa.example/')]],
  ],
  expiry: [
    ['Max-Age runs out', [set('https://ex.example/', ['short=1; Max-Age=1', 'long=1; Max-Age=600', 'past=1; Max-Age=0']), get('https://ex.example/'), wait(1500), get('https://ex.example/'), script('https://ex.example/')]],
    ['Max-Age wins over Expires', [set('https://ex.example/', ['a=1; Expires=Sat, 01 Jan 2050 00:00:00 GMT; Max-Age=1', 'b=1; Max-Age=1; Expires=Wed, 01 Jan 2020 00:00:00 GMT']), get('https://ex.example/'), wait(1500), get('https://ex.example/')]],
    ['an expired line deletes', [set('https://ex.example/', ['a=1', 'b=1']), set('https://ex.example/', ['a=gone; Max-Age=0', 'b=gone; Expires=Wed, 01 Jan 2020 00:00:00 GMT']), get('https://ex.example/')]],
  ],
  domains: [
    ['parent domain', [set('https://www.dom.example/', ['a=1; Domain=dom.example']), get('https://api.dom.example/'), get('https://dom.example/')]],
    ['leading dot and case', [set('https://www.dom.example/', ['a=1; Domain=.DOM.example']), get('https://x.dom.example/')]],
    ['public suffix', [set('https://www.example.co.uk/', ['a=1; Domain=co.uk', 'b=1; Domain=example.co.uk']), get('https://other.co.uk/'), get('https://api.example.co.uk/')]],
    ['private public suffix', [set('https://alice.github.io/', ['a=1; Domain=github.io', 'b=1']), get('https://bob.github.io/'), get('https://alice.github.io/')]],
    ['a domain that does not match', [set('https://www.dom.example/', ['a=1; Domain=other.example', 'b=1; Domain=ww.dom.example']), get('https://other.example/')]],
    ['host-only', [set('https://dom.example/', ['a=1']), get('https://www.dom.example/'), get('https://dom.example/')]],
    ['IP address', [set('http://127.0.0.1/', ['a=1', 'b=1; Domain=127.0.0.1', 'c=1; Domain=0.0.1']), get('http://127.0.0.1/')]],
    ['IDN host', [set('https://xn--bcher-kva.example/', ['a=1; Domain=xn--bcher-kva.example']), get('https://www.xn--bcher-kva.example/')]],
    ['empty Domain', [set('https://www.dom.example/', ['a=1; Domain=']), get('https://x.dom.example/'), get('https://www.dom.example/')]],
  ],
};

function families() {
  return Object.entries(FAMILIES).flatMap(([family, cases]) => cases.map(([name, steps], i) => ({ id: `${family.replaceAll(' ', '-')}-${i}`, family, name, steps })));
}

/** xorshift32: a small fixed-seed generator, so that a failure replays. */
function generator(seed) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const below = (n) => next() % n;
  return { below, pick: (items) => items[below(items.length)], chance: (p) => next() / 2 ** 32 < p };
}

const SITES = ['example.com', 'example.co.uk', 'shop.example.org', 'alice.github.io', 'site.com.au', 'xn--bcher-kva.example'];
const SUBDOMAINS = ['', 'www.', 'api.', 'a.b.'];
const PATHS = ['/', '/a', '/a/', '/a/b', '/a/b/c', '/b', '/A'];
const NAMES = ['sid', 'id', 'pref', 'x', '__Secure-s', '__Host-h', '__Http-t', ''];

/** A random Set-Cookie line for a response from `host`. */
function randomLine(r, host) {
  const name = r.pick(NAMES);
  const parts = [`${name}${name ? '=' : ''}${r.pick(['1', '2', 'v', 'a b', 'x=y'])}`];
  const site = host.split('.').slice(-2).join('.');
  if (r.chance(0.3)) parts.push(`Domain=${r.pick([site, host, `.${site}`, 'com', 'co.uk', 'github.io', 'other.example'])}`);
  if (r.chance(0.4)) parts.push(`Path=${r.pick(['/', '/a', '/a/', '/a/b', 'rel', ''])}`);
  if (r.chance(0.4)) parts.push('Secure');
  if (r.chance(0.2)) parts.push('HttpOnly');
  if (r.chance(0.4)) parts.push(`SameSite=${r.pick(['Strict', 'Lax', 'None', 'none', 'bogus'])}`);
  if (r.chance(0.15)) parts.push('Partitioned');
  if (r.chance(0.2)) parts.push(r.pick(['Max-Age=600', 'Max-Age=1', 'Max-Age=0', 'Max-Age=-1', 'Expires=Wed, 01 Jan 2020 00:00:00 GMT', 'Expires=Sat, 01 Jan 2050 00:00:00 GMT']));
  return parts.join('; ');
}

/** `count` random scenarios from `seed`: a few responses, maybe a clock step, then requests to related URLs. */
export function randomScenarios(count, seed = 0x2545f491) {
  const r = generator(seed);
  const url = (scheme, host, path) => `${scheme}://${host}${path}`;
  const randomUrl = (site) => url(r.chance(0.75) ? 'https' : 'http', `${r.pick(SUBDOMAINS)}${site}`, r.pick(PATHS));
  // Only a link crosses schemes: Chromium blocks an http fetch or frame in an https page (mixed
  // content, which a jar has no part in) and warns before an https form posts to http.
  const via = (target) => {
    const kind = r.pick(['direct', 'direct', 'link', 'form-post', 'fetch', 'iframe']);
    if (kind === 'direct') return { via: kind };
    const scheme = kind === 'link' && r.chance(0.5) ? 'http' : new URL(target).protocol.slice(0, -1);
    return { via: kind, top: url(scheme, r.pick(['top.example', 'www.top.example']), '/') };
  };
  return Array.from({ length: count }, (_, i) => {
    const site = r.pick(SITES);
    const steps = [];
    // A clock step, the only kind a browser allows: real time passes (Max-Age=1 cookies expire).
    if (r.chance(0.1)) steps.push({ kind: 'wait', ms: 1100 });
    for (let n = 1 + r.below(3); n > 0; n--) {
      const target = randomUrl(site);
      const lines = Array.from({ length: 1 + r.below(4) }, () => randomLine(r, new URL(target).hostname));
      steps.push({ kind: 'set', url: target, lines, ...via(target) });
    }
    // A clock step, the only kind a browser allows: real time passes (Max-Age=1 cookies expire).
    if (r.chance(0.1)) steps.push({ kind: 'wait', ms: 1100 });
    for (let n = 1 + r.below(3); n > 0; n--) {
      const target = randomUrl(site);
      steps.push({ kind: 'get', url: target, ...via(target) });
    }
    if (r.chance(0.3)) steps.push({ kind: 'script', url: randomUrl(site) });
    return { id: `random-${i}`, family: 'random', steps };
  });
}

/** Every scenario: the vectors, the families and `random` random ones. */
export function allScenarios({ random = 1000 } = {}) {
  return [...parserVectors(), ...dateVectors(), ...families(), ...randomScenarios(random)];
}

/** A small fixed slice for `npm test`: a few of each family and of the vectors. */
export function testSlice() {
  const slice = [...families()];
  const parser = parserVectors();
  for (let i = 0; i < parser.length; i += 20) slice.push(parser[i]);
  slice.push(...dateVectors().slice(0, 5), ...randomScenarios(10, 7));
  return slice;
}
