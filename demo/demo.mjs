// The cookie-engine demo (`npm run demo`): one local HTTP server answering for two hosts,
// http://localhost:PORT and http://127.0.0.1:PORT (different hosts, and different sites, to the
// jar), a login that redirects from one to the other and back, and, for every hop, the Cookie
// header the jar sent, the Set-Cookie lines it received and what it decided about each.
// Nothing leaves 127.0.0.1: `localhost` resolves from /etc/hosts, not DNS.
import { createServer } from 'node:http';
// The built package's Node entry; users write `import { CookieJar } from 'cookie-engine'`.
import { CookieJar } from '../pkg/node/index.mjs';

// What each host answers: [status, Set-Cookie lines, Location path on the other host or null].
// Both hosts count as secure origins for cookies (as in browsers), so `Secure` works over http here.
const routes = {
  'localhost /login': [302, [
    'sid=31d4d96e; Path=/; HttpOnly',
    'theme=dark; Path=/; SameSite=Strict',
    'cart=3; Path=/cart',
    'pay=ok; Secure; Path=/',
    'track=1; Domain=127.0.0.1', // a cookie for the other host: rejected
    'ads=1; SameSite=None', // SameSite=None without Secure: rejected
  ], '127.0.0.1 /sso'],
  '127.0.0.1 /sso': [302, [
    'sso=ok; Path=/; HttpOnly',
    // A cookie for the other host: rejected. `localhost` has no dot, so the Public Suffix List's
    // default rule makes it a public suffix, and that check comes first (6265bis 5.7 step 9).
    'sid=forged; Domain=localhost',
  ], 'localhost /account'],
  'localhost /account': [200, [], null],
  'localhost /cart/checkout': [200, ['cart=; Path=/cart; Max-Age=0'], null],
};

/** Every request as the server saw it: "host path cookie". */
const received = [];

const server = createServer((request, response) => {
  const url = new URL(request.url, `http://${request.headers.host}`);
  const key = `${url.hostname} ${url.pathname}`;
  received.push(`${key} ${request.headers.cookie ?? ''}`);
  const [status, setCookie, location] = routes[key] ?? [404, [], null];
  const headers = { 'content-type': 'text/plain', 'set-cookie': setCookie };
  if (location) {
    const [host, path] = location.split(' ');
    headers.location = `http://${host}:${port}${path}`;
  }
  response.writeHead(status, headers).end(`${status}\n`);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

/**
 * The README's `fetchWithCookies`, with a report of each hop to `onHop`: the cookies withheld
 * from the request (`jar.explainRequest`) and a decision for each Set-Cookie line, stored one by
 * one with `jar.setCookie` (the rules `jar.setFromHeader` applies to each line).
 */
async function fetchWithCookies(jar, url, init = {}, onHop = () => {}) {
  for (let hop = 0; hop < 20; hop++) {
    const headers = new Headers(init.headers);
    const withheld = jar.explainRequest(url).filter((d) => !d.sent);
    const cookie = jar.headerFor(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    const decisions = response.headers.getSetCookie().map((line) => ({ line, ...jar.setCookie(line, url) }));
    const location = response.headers.get('location');
    onHop({ url, cookie, withheld, status: response.status, location, decisions });
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.arrayBuffer(); // the redirect's body: read to free the connection
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}

const label = (text) => `   ${text.padEnd(12)}`;
const blank = label('');
let hops = 0;

function printHop({ url, cookie, withheld, status, location, decisions }) {
  hops += 1;
  console.log(`\n${hops}. GET ${url}`);
  console.log(`${label('Cookie:')}${cookie || '(none)'}`);
  withheld.forEach((d, i) => console.log(`${i === 0 ? label('Withheld:') : blank}${d.cookie.name}  ${d.code}: ${d.message}`));
  console.log(`${label('Response:')}${status}${location ? ` -> ${location}` : ''}`);
  const width = Math.max(0, ...decisions.map((d) => d.line.length));
  decisions.forEach((d, i) => {
    const verdict = d.code ? `rejected  ${d.code}: ${d.message}` : d.stored ? `stored (${d.outcome})` : d.outcome;
    console.log(`${i === 0 ? label('Set-Cookie:') : blank}${d.line.padEnd(width)}  ${verdict}`);
  });
  if (decisions.length === 0) console.log(`${label('Set-Cookie:')}(none)`);
}

function printTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) console.log(`   ${row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()}`);
}

const local = (host, path) => `http://${host}:${port}${path}`;
const sent = [];
try {
  const jar = new CookieJar();
  console.log(`cookie-engine demo: one server on 127.0.0.1:${port}, two hosts (localhost and 127.0.0.1)`);
  console.log('Both are secure origins for cookies, as in browsers: Secure cookies work over http here.');

  const record = (hop) => {
    sent.push(`${new URL(hop.url).hostname} ${new URL(hop.url).pathname} ${hop.cookie}`);
    printHop(hop);
  };
  await (await fetchWithCookies(jar, local('localhost', '/login'), {}, record)).text();
  await (await fetchWithCookies(jar, local('localhost', '/cart/checkout'), {}, record)).text();

  // The server must have received exactly the Cookie headers printed above.
  if (received.join('\n') !== sent.join('\n')) {
    throw new Error(`the server received other Cookie headers:\n${received.join('\n')}\nthan were sent:\n${sent.join('\n')}`);
  }

  console.log('\njar.cookies():');
  printTable([
    ['name=value', 'domain', 'path', 'flags'],
    ...jar.cookies().map((c) => [
      `${c.name}=${c.value}`,
      c.domain,
      c.path,
      [c.hostOnly && 'host-only', c.secure && 'Secure', c.httpOnly && 'HttpOnly', c.sameSite !== 'default' && `SameSite=${c.sameSite}`, c.expires === null && 'session']
        .filter(Boolean)
        .join(' '),
    ]),
  ]);

  const target = local('localhost', '/account');
  const context = { topLevelUrl: local('127.0.0.1', '/'), navigation: true };
  console.log(`\njar.explainRequest('${target}', ${JSON.stringify(context)}):`);
  console.log('   (a link on 127.0.0.1 to localhost: a cross-site top-level navigation)');
  printTable([
    ['cookie', 'sent', 'why not'],
    ...jar.explainRequest(target, context).map((d) => [d.cookie.name, d.sent ? 'yes' : 'no', d.code ? `${d.code}: ${d.message}` : '']),
  ]);

  // No request here: over plain http from a host that is not local, Secure is refused.
  const line = 'pay=ok; Secure; Path=/';
  const decision = jar.setCookie(line, 'http://shop.example/');
  console.log(`\njar.setCookie('${line}', 'http://shop.example/'), no request made:`);
  console.log(`   ${decision.outcome}  ${decision.code}: ${decision.message}`);
} finally {
  server.close();
  server.closeAllConnections();
}
