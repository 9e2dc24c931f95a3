// The service worker of the demo (worker.html), registered as a module. It runs the README's
// service-worker recipe on the demo API's requests: `handleFetch` sends each one with the jar's
// cookies in X-Cookie and stores the cookies of the response's X-Set-Cookie; the jar lives in
// IndexedDB, saved after each call that changed it and loaded when the worker starts. Its scope is
// worker.html alone; the page's other requests (its modules, styles) go to the network as if there
// were no worker.
//
// For the demo, it also tells the page what happened: for each client (page), the last call it
// carried (the X-Cookie it added, the X-Set-Cookie it received, the jar's changes), and the jar's
// cookies. A real worker would not show a page its HttpOnly cookies; this one does, to show the
// round trip.
import init, { handleFetch, loadFromIndexedDB, saveToIndexedDB } from './cookie-engine/web/cookie_engine.js';

/** When this worker started: a new one (the browser stopped the last, or the page replaced it) has a later time. */
const startedAt = Date.now();
/** The calls that go through the jar: the demo API, next to this script. */
const API = new URL('api/', self.location.href).href;

/** How many cookies the jar had when it was loaded (restored from IndexedDB), once loaded. */
let restored = null;
/** The name of the jar in IndexedDB. */
const SAVED = 'sw-demo';
const ready = init()
  .then(() => loadFromIndexedDB(SAVED))
  .then((jar) => {
    restored = jar.size;
    return jar;
  });

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The last call of each client (its id): what the page's demo shows. */
const lastCall = new Map();

/** The demo API's request through the jar, recorded for the page (which makes one call at a time). */
async function carry(event) {
  const jar = await ready;
  const call = { method: event.request.method, url: event.request.url, added: null, received: null, changes: [], status: null };
  // The fetch handleFetch makes: the request with the header it added, and the response before
  // it removes X-Set-Cookie (which the page never sees).
  const recording = async (request) => {
    call.added = request.headers.get('x-cookie');
    const response = await fetch(request);
    call.received = response.headers.get('x-set-cookie');
    call.status = response.status;
    return response;
  };
  const stop = jar.onChange(({ cause, cookie }) => call.changes.push({ cause, name: cookie.name, domain: cookie.domain, path: cookie.path }));
  try {
    const response = await handleFetch(event, jar, { fetch: recording });
    // Saved before the page gets its answer (`autosave: true` saves in the background instead):
    // a worker started right after the call finds it.
    if (call.changes.length > 0) await saveToIndexedDB(jar, SAVED);
    return response;
  } finally {
    stop();
    lastCall.set(event.clientId, call);
  }
}

self.addEventListener('fetch', (event) => {
  if (event.request.url.startsWith(API)) event.respondWith(carry(event));
});

// The page asks for what it shows: `{ ask: 'state' }` on a message port, answered with the
// worker's start, the jar's cookies, and the page's last call. `{ ask: 'claim' }`: a page this
// worker does not control yet (after Shift+reload, which bypasses it) asks to be.
self.addEventListener('message', (event) => {
  if (event.data?.ask === 'claim') return event.waitUntil(self.clients.claim());
  const [port] = event.ports;
  if (event.data?.ask !== 'state' || !port) return;
  ready.then(
    (jar) => port.postMessage({ startedAt, restored, cookies: jar.cookies(), lastCall: lastCall.get(event.source?.id) ?? null }),
    (error) => port.postMessage({ startedAt, error: `${error.name}: ${error.message}` }),
  );
});
