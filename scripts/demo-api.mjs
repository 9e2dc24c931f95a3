// The service-worker demo's API (www/worker.html), which `npm start` serves under /api/. A
// browser's service worker may neither set a request's Cookie header nor read a response's
// Set-Cookie, so the cookies travel in the header names agreed with `handleFetch`: X-Cookie on
// requests (the Cookie header's value), X-Set-Cookie on responses (each Set-Cookie line encoded
// with encodeURIComponent, commas between them). Every answer is JSON saying what the server saw
// and what it set. The server does what a small app's server does (it reads the cookies it got and
// sets the lines it means); every cookie rule is the worker's jar's.
import { randomBytes } from 'node:crypto';

/** The session cookie: `__Host-` (Secure, Path=/, no Domain), sent to this host only, never to scripts. */
const SESSION = '__Host-session';
/** The preference cookie, kept for 30 days. */
const PREFERENCE = 'theme';

/** What `GET /api/` answers: the page asks it first, and a static host that has no API answers something else. */
export const API_INDEX = {
  api: 'cookie-engine service-worker demo',
  endpoints: ['POST /api/login', 'GET /api/whoami', 'POST /api/logout'],
};

/** The name-value pairs of a Cookie header's value, as a server reads them (`[name, value]`, in order). */
function readCookies(header) {
  if (!header) return [];
  return header.split(';').map((pair) => {
    const at = pair.indexOf('=');
    return at === -1 ? ['', pair.trim()] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
  });
}

/**
 * The demo API: `handle(request, response, pathname)` answers a request under /api/. Sessions
 * are kept in memory, for as long as the server runs.
 */
export function createDemoApi() {
  const sessions = new Set();
  const endpoints = {
    'GET /api/': () => ({ body: API_INDEX }),
    'POST /api/login': () => {
      const id = randomBytes(8).toString('hex');
      sessions.add(id);
      return {
        set: [`${SESSION}=${id}; Path=/; Secure; HttpOnly; SameSite=Strict`, `${PREFERENCE}=dark; Path=/; Max-Age=2592000; SameSite=Lax`],
        message: `Logged in: a new session, ${id}, and the preference ${PREFERENCE}=dark.`,
      };
    },
    'GET /api/whoami': ({ cookies }) => {
      const id = cookies.find(([name]) => name === SESSION)?.[1];
      const theme = cookies.find(([name]) => name === PREFERENCE)?.[1];
      const who = id === undefined ? 'No session cookie: not logged in.' : sessions.has(id) ? `Session ${id}: logged in.` : `Session ${id}: not one this server issued (it restarted?).`;
      return { message: `${who} ${theme === undefined ? 'No preference.' : `Preference: ${PREFERENCE}=${theme}.`}`, session: id ?? null };
    },
    'POST /api/logout': ({ cookies }) => {
      sessions.delete(cookies.find(([name]) => name === SESSION)?.[1]);
      return {
        // Max-Age=0 expires a cookie; a `__Host-` line must still carry Secure and Path=/.
        set: [`${SESSION}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`, `${PREFERENCE}=; Path=/; Max-Age=0`],
        message: 'Logged out: both cookies expired.',
      };
    },
  };

  return function handle(request, response, pathname) {
    const send = (status, body, set = []) => {
      const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
      if (set.length > 0) headers['x-set-cookie'] = set.map(encodeURIComponent).join(', ');
      response.writeHead(status, headers).end(JSON.stringify(body, null, 2));
    };
    const key = `${request.method} ${pathname}`;
    const endpoint = endpoints[key];
    if (!endpoint) {
      const known = Object.keys(endpoints).some((k) => k.endsWith(` ${pathname}`));
      return send(known ? 405 : 404, { error: known ? `${request.method} is not allowed here` : `no endpoint ${pathname}`, ...API_INDEX });
    }
    const xCookie = request.headers['x-cookie'] ?? null;
    const saw = { method: request.method, path: pathname, xCookie, cookie: request.headers.cookie ?? null };
    const cookies = readCookies(xCookie);
    const { body, set = [], ...rest } = endpoint({ cookies });
    if (body) return send(200, body);
    send(200, { saw, cookies, set, ...rest }, set);
  };
}
