// The jar handed to the HTTP clients Node users have, each as it is installed from npm (pinned in
// package.json): undici 8's fetch and request (cookieInterceptor, with and without undici's
// redirect interceptor), withCookies over undici's fetch and Node's, got 16, axios 1 with
// axios-cookiejar-support 7, http-cookie-agent 8 (its undici agent and its http(s) agent). Each
// runs the same two scenarios against real servers on 127.0.0.1, and the test checks the cookies
// the servers received on every hop: a redirect chain across localhost, a.localhost and
// b.localhost; and Secure cookies over HTTPS (a self-signed certificate made here, which this
// process trusts) that stay off the HTTP hop after them. These clients need Node 22: scripts/test.sh
// runs this folder with it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import tls from 'node:tls';
import axios from 'axios';
import { wrapper } from 'axios-cookiejar-support';
import got from 'got';
import { MixedCookieAgent } from 'http-cookie-agent/http';
import { CookieAgent } from 'http-cookie-agent/undici';
import { Agent, Dispatcher1Wrapper, fetch as undiciFetch, interceptors, request } from 'undici';
import { hops, importPackage, makeCertificate, mapHostsToLoopback, recordingServer } from '../support.mjs';

const { CookieJar, cookieInterceptor, toughCompatible, withCookies } = await importPackage();
mapHostsToLoopback();

let plain;
let secure;
let certificateDir;
/** A URL on the HTTP server or, for `https`, the HTTPS server: `url('a.localhost /x')`. */
const url = (hostAndPath, scheme = 'http') => (scheme === 'https' ? secure : plain).url(...hostAndPath.split(' '));

/** The redirect chain: `host path` -> [status, next `host path` or null, Set-Cookie lines]. */
const CHAIN = {
  'localhost /login': [302, 'a.localhost /sso', ['sid=1; Path=/', 'other=1; Domain=b.localhost']],
  'a.localhost /sso': [302, 'b.localhost /bounce', ['a=1']],
  'b.localhost /bounce': [302, 'a.localhost /back', ['b=1']],
  'a.localhost /back': [302, 'localhost /home', []],
  'localhost /home': [200, null, ['done=1']],
};
/** What the servers received along it: a cookie only where the jar holds one for that host. */
const CHAIN_HOPS = [
  'GET localhost/login cookie=',
  'GET a.localhost/sso cookie=',
  'GET b.localhost/bounce cookie=',
  'GET a.localhost/back cookie=a=1',
  'GET localhost/home cookie=sid=1',
];
/** The Secure scenario, on shop.example: the HTTPS server's routes, then the HTTP server's. */
const SECURE = {
  'shop.example /login': [200, null, ['sid=s; Path=/; Secure; HttpOnly', 'cart=1; Path=/']],
  'shop.example /checkout': [302, 'shop.example /receipt', []],
};
const PLAIN = { 'shop.example /receipt': [200, null, ['forged=1; Secure']], 'localhost /echo': [200, null, []] };

before(async () => {
  certificateDir = mkdtempSync(join(tmpdir(), 'cookie-engine-tls-'));
  const certificate = makeCertificate(certificateDir, ['shop.example', 'localhost']);
  // Every client in this process trusts it, as a system's own CA (Node >= 22.19).
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), certificate.cert]);
  const route = (table, scheme) => (at) => {
    const entry = table[`${at.hostname} ${at.pathname}`];
    if (!entry) return undefined;
    const [status, next, lines] = entry;
    const location = next && (table[next] ? url(next, scheme) : url(next, scheme === 'https' ? 'http' : 'https'));
    return [status, { 'set-cookie': lines, 'content-type': 'text/plain', ...(location && { location }) }];
  };
  plain = await recordingServer(route({ ...CHAIN, ...PLAIN }, 'http'));
  secure = await recordingServer(route(SECURE, 'https'), { tls: certificate });
});

after(async () => {
  await Promise.all([plain?.close(), secure?.close()]);
  rmSync(certificateDir, { recursive: true, force: true });
});

/**
 * Each client as `(jar) => get`, where `get(url)` makes a GET with the client, following
 * redirects, and resolves to [status, body text].
 */
const CLIENTS = {
  "withCookies over undici's fetch": (jar) => {
    const fetchWithCookies = withCookies(undiciFetch, jar);
    return async (to) => {
      const response = await fetchWithCookies(to);
      return [response.status, await response.text()];
    };
  },
  "withCookies over Node's fetch": (jar) => {
    const fetchWithCookies = withCookies(fetch, jar);
    return async (to) => {
      const response = await fetchWithCookies(to);
      return [response.status, await response.text()];
    };
  },
  "undici's fetch with cookieInterceptor (fetch follows the redirects)": (jar) => {
    const dispatcher = new Agent().compose(cookieInterceptor(jar));
    return async (to) => {
      const response = await undiciFetch(to, { dispatcher });
      return [response.status, await response.text()];
    };
  },
  "Node's fetch with cookieInterceptor (undici 8's Agent behind its Dispatcher1Wrapper)": (jar) => {
    const dispatcher = new Dispatcher1Wrapper(new Agent().compose(cookieInterceptor(jar)));
    return async (to) => {
      const response = await fetch(to, { dispatcher });
      return [response.status, await response.text()];
    };
  },
  "undici's request with cookieInterceptor, then undici's redirect interceptor": (jar) => {
    const dispatcher = new Agent().compose(cookieInterceptor(jar), interceptors.redirect({ maxRedirections: 10 }));
    return async (to) => {
      const { statusCode, body } = await request(to, { dispatcher });
      return [statusCode, await body.text()];
    };
  },
  // got fails a request whose response sets a cookie the jar rejects, as with tough-cookie (the
  // chain sets one), unless ignoreInvalidCookies: see the test after these.
  'got, cookieJar: toughCompatible(jar)': (jar) => {
    const client = got.extend({ cookieJar: toughCompatible(jar), ignoreInvalidCookies: true });
    return async (to) => {
      const response = await client(to);
      return [response.statusCode, response.body];
    };
  },
  'axios with axios-cookiejar-support, jar: toughCompatible(jar)': (jar) => {
    const client = wrapper(axios.create({ jar: toughCompatible(jar) }));
    return async (to) => {
      const response = await client.get(to);
      return [response.status, response.data];
    };
  },
  "http-cookie-agent's CookieAgent (undici) with undici's fetch": (jar) => {
    const dispatcher = new CookieAgent({ cookies: { jar: toughCompatible(jar) } });
    return async (to) => {
      const response = await undiciFetch(to, { dispatcher });
      return [response.status, await response.text()];
    };
  },
  "http-cookie-agent's MixedCookieAgent with Node's http and https (redirects followed here)": (jar) => {
    const agent = new MixedCookieAgent({ cookies: { jar: toughCompatible(jar) } });
    const get = (to) =>
      new Promise((resolve, reject) => {
        (to.startsWith('https:') ? https : http)
          .get(to, { agent }, (response) => {
            let text = '';
            response.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve({ response, text }));
          })
          .on('error', reject);
      });
    return async (to) => {
      for (;;) {
        const { response, text } = await get(to);
        if (!response.headers.location) return [response.statusCode, text];
        to = new URL(response.headers.location, to).href;
      }
    };
  },
};

for (const [name, client] of Object.entries(CLIENTS)) {
  describe(name, () => {
    test('a redirect chain across localhost, a.localhost and b.localhost: each hop sends the cookies for its own host', async () => {
      const jar = new CookieJar();
      const get = client(jar);
      plain.seen.length = 0;
      assert.deepEqual(await get(url('localhost /login')), [200, 'ok']);
      assert.deepEqual(hops(plain.seen), CHAIN_HOPS);
      assert.deepEqual(
        ['localhost', 'a.localhost', 'b.localhost'].map((host) => jar.headerFor(url(`${host} /`))),
        ['sid=1; done=1', 'a=1', 'b=1'],
        'the jar stored every hop\'s cookies (and rejected the Domain cookie for another host)',
      );
    });

    test('Secure cookies set over HTTPS go to HTTPS only: not to the HTTP hop a redirect leads to', async () => {
      const jar = new CookieJar();
      const get = client(jar);
      [plain.seen.length, secure.seen.length] = [0, 0];
      assert.deepEqual(await get(url('shop.example /login', 'https')), [200, 'ok']);
      assert.deepEqual(await get(url('shop.example /checkout', 'https')), [200, 'ok']);
      assert.deepEqual(hops(secure.seen), ['GET shop.example/login cookie=', 'GET shop.example/checkout cookie=sid=s; cart=1']);
      assert.deepEqual(hops(plain.seen), ['GET shop.example/receipt cookie=cart=1']);
      // The HTTP hop's Secure cookie was rejected (6265bis 5.7 step 13).
      assert.equal(jar.headerFor(url('shop.example /', 'https')), 'sid=s; cart=1');
    });
  });
}

test("got, as with tough-cookie, fails a request whose response sets a cookie the jar rejects; the error has the jar's code", async () => {
  const jar = new CookieJar();
  await assert.rejects(got(url('localhost /login'), { cookieJar: toughCompatible(jar) }), (error) => error.code === 'domain-mismatch' && /the cookie was rejected \(domain-mismatch\)/.test(error.message));
  // The fields before the rejected one were stored.
  assert.equal(jar.headerFor(url('localhost /')), 'sid=1');
});

describe('cookieInterceptor', () => {
  test("a Cookie header the caller set goes first, merged with the jar's", async () => {
    const jar = new CookieJar();
    jar.setFromHeader('sid=1', url('localhost /'));
    const dispatcher = new Agent().compose(cookieInterceptor(jar));
    plain.seen.length = 0;
    for (const headers of [{ cookie: 'mine=1' }, ['cookie', 'mine=1', 'x-other', 'y'], [['Cookie', 'mine=1']], new Headers({ cookie: 'mine=1' }), {}]) {
      const { body } = await request(url('localhost /echo'), { dispatcher, headers });
      await body.text();
    }
    assert.deepEqual(plain.seen.map((r) => r.cookie), ['mine=1; sid=1', 'mine=1; sid=1', 'mine=1; sid=1', 'mine=1; sid=1', 'sid=1']);
    assert.equal(plain.seen[1].headers['x-other'], 'y');
  });

  test('its context applies SameSite, with each request\'s own method', async () => {
    const jar = new CookieJar();
    jar.setFromHeader(['strict=1; SameSite=Strict', 'lax=1; SameSite=Lax'], url('localhost /'));
    const crossSite = new Agent().compose(cookieInterceptor(jar, { context: { topLevelUrl: 'http://a.localhost/', navigation: true } }));
    plain.seen.length = 0;
    for (const method of ['GET', 'POST']) await (await request(url('localhost /echo'), { dispatcher: crossSite, method })).body.text();
    assert.deepEqual(plain.seen.map((r) => `${r.method} ${r.cookie}`), ['GET lax=1', 'POST null']);
  });

  test('composed after the redirect interceptor, where it would see one hop of several, it fails with a TypeError saying so', async () => {
    const jar = new CookieJar();
    const wrongOrder = new Agent().compose(interceptors.redirect({ maxRedirections: 10 }), cookieInterceptor(jar));
    await assert.rejects(request(url('localhost /login'), { dispatcher: wrongOrder }), (error) => error instanceof TypeError && /^cookieInterceptor must be composed before interceptors\.redirect/.test(error.message));
    assert.equal(jar.size, 0);
  });

  test('wrong arguments: a TypeError that says what is wrong', () => {
    assert.throws(() => cookieInterceptor(), /^TypeError: cookieInterceptor expects a CookieJar of cookie-engine, got undefined$/);
    assert.throws(() => cookieInterceptor(toughCompatible(new CookieJar())), /got an object \(ToughCompatible\)$/);
    assert.throws(() => cookieInterceptor(new CookieJar(), { contxt: {} }), /^TypeError: cookieInterceptor: unknown option 'contxt' \(known: context\)$/);
    assert.throws(() => new Agent().compose(cookieInterceptor(new CookieJar()), 'redirect'), /invalid interceptor/);
  });
});
