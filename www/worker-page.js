// The service-worker demo's page: it registers the worker (sw.js, a module), calls the demo API
// with plain fetches, and shows each round trip from what the worker and the server report. The
// engine runs in the worker only; the page holds no cookie rule and draws what it is told.
import { formatTime } from './clock.js';
import { h } from './dom.js';

const $ = (id) => document.getElementById(id);
const sw = navigator.serviceWorker;
/**
 * The worker's registration: its script, a module, and its scope, this page alone (the playground
 * next to it needs no worker). The fetches of a page go to the worker that controls it, whatever
 * their URL: the API's too.
 */
const SCRIPT = 'sw.js';
const OPTIONS = { type: 'module', scope: './worker.html' };

/** Says `text` in the header's status line (an error in red). */
function status(text, error = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', error);
}

/** Resolves with the next `controllerchange`: the page is controlled by a new worker. */
const nextController = () => new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));

/** Whether the demo API answers here: a static host has no /api/. Resolves with a reason, or null. */
async function apiMissing() {
  try {
    const response = await fetch('api/', { cache: 'no-store' });
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) return `api/ answered ${response.status}`;
    if (!type.startsWith('application/json')) return `api/ answered ${type || 'without a content type'}`;
    const body = await response.json();
    return body?.api === 'cookie-engine service-worker demo' ? null : 'api/ answered something else';
  } catch (error) {
    return `api/ did not answer: ${error.message}`;
  }
}

/** Whether the page is controlled by the demo's worker (sw.js, under any query). */
const controlled = () => sw.controller !== null && new URL(sw.controller.scriptURL).pathname === new URL(SCRIPT, location.href).pathname;

/** Makes the page controlled by the demo's worker, registering it if it is not yet. */
async function startWorker() {
  if (controlled()) return;
  const changed = nextController();
  const registration = await sw.register(SCRIPT, OPTIONS);
  await sw.ready;
  if (controlled()) return;
  // A new worker claims the page when it activates; one that was already active (the page was
  // loaded with Shift+reload, which bypasses it) is asked to.
  registration.active.postMessage({ ask: 'claim' });
  await changed;
}

/**
 * A new worker in place of the one running: the same script under another URL (a registration
 * whose script URL changes installs a new worker). It starts as a worker the browser stopped
 * and started again does: with the jar it loads from IndexedDB.
 */
async function replaceWorker() {
  const changed = nextController();
  await sw.register(`${SCRIPT}?new=${Date.now()}`, OPTIONS);
  await changed;
}

/** The worker's report: `{ startedAt, restored, cookies, lastCall }` (see sw.js). */
function askWorker() {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => (data.error ? reject(new Error(`the worker's jar did not load: ${data.error}`)) : resolve(data));
    sw.controller.postMessage({ ask: 'state' }, [channel.port2]);
  });
}

// ---- Drawing --------------------------------------------------------------------------------------

const flag = (on) => (on ? h('span', { class: 'yes' }, 'yes') : h('span', { class: 'no' }, 'no'));
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const path = (url) => {
  const { pathname, search } = new URL(url);
  return pathname + search;
};

function showWorker({ startedAt, restored }) {
  const worker = $('worker-state');
  worker.dataset.startedAt = String(startedAt);
  worker.textContent = `The worker running now started at ${formatTime(startedAt)} and loaded ${plural(restored, 'cookie')} from IndexedDB.`;
}

function showJar(cookies) {
  $('jar-summary').textContent = cookies.length === 0 ? 'The jar is empty.' : `The jar holds ${plural(cookies.length, 'cookie')}:`;
  const rows =
    cookies.length === 0
      ? h('tr', null, h('td', { colspan: 8, class: 'none' }, 'No cookies.'))
      : cookies.map((c) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row', class: 'col-name' }, h('code', null, c.name)),
            h('td', { class: 'col-value' }, h('code', { title: c.value }, c.value)),
            h('td', { class: 'col-domain' }, c.domain, ' ', h('span', { class: 'tag' }, c.hostOnly ? 'host-only' : '+ subdomains')),
            h('td', { class: 'col-path' }, h('code', null, c.path)),
            h('td', { class: 'col-expires' }, c.expires === null ? h('span', { class: 'muted' }, 'session') : h('time', { datetime: new Date(c.expires).toISOString() }, formatTime(c.expires))),
            h('td', { class: 'col-secure' }, flag(c.secure)),
            h('td', { class: 'col-httpOnly' }, flag(c.httpOnly)),
            h('td', { class: 'col-sameSite' }, c.sameSite),
          ),
        );
  $('jar-table').tBodies[0].replaceChildren(...[rows].flat());
}

/** A header-out box: `text` in the dark box, or `empty` in the dashed one. */
function box(element, text, empty) {
  element.textContent = text ?? empty;
  element.classList.toggle('empty', text === null);
}

/** One call's round trip: the page's request and response, the worker's record, the server's JSON. */
function showCall({ method, url, response, body }, call) {
  $('trip-summary').textContent = `${method} ${path(url)}: ${body?.message ?? `the server answered ${response.status}`}`;
  box($('trip-asked'), `${method} ${path(url)}`);
  $('trip-got').textContent = `No cookie in it (a page's script cannot set the Cookie header). It got back ${response.status} ${response.statusText}, ${response.headers.has('x-set-cookie') ? 'with' : 'without'} X-Set-Cookie${response.headers.has('x-set-cookie') ? '' : ': the worker took it out'}.`;

  if (call === null) {
    box($('trip-added'), null, '(unknown: a new worker answered)');
    $('trip-added-about').textContent = 'The worker that carried the call has been replaced since.';
  } else {
    box($('trip-added'), call.added === null ? null : `X-Cookie: ${call.added}`, 'nothing');
    $('trip-added-about').textContent = call.added === null ? 'The jar has no cookie for this URL.' : "The jar's Cookie header for this URL, under the agreed name.";
  }

  const saw = body?.saw;
  const setLines = body?.set ?? [];
  const fact = (term, ...details) => [h('dt', null, term), h('dd', null, ...details)];
  const header = (value) => (value === null || value === undefined ? h('span', { class: 'muted' }, '(none)') : h('code', null, value));
  $('trip-server').replaceChildren(
    ...fact('X-Cookie', header(saw?.xCookie)),
    ...fact('Cookie', header(saw?.cookie)),
    ...fact('It read', body?.cookies?.length ? h('ul', { class: 'plain' }, body.cookies.map(([name, value]) => h('li', null, h('code', null, `${name} = ${value}`)))) : h('span', { class: 'muted' }, 'no cookies')),
    ...fact('It set', setLines.length ? h('ul', { class: 'plain', id: 'trip-set' }, setLines.map((line) => h('li', null, h('code', null, line)))) : h('span', { class: 'muted' }, 'nothing')),
    ...(call?.received ? fact('As X-Set-Cookie', h('code', { id: 'trip-x-set-cookie' }, call.received)) : []),
  );

  const changes = call?.changes ?? [];
  $('trip-changes').replaceChildren(
    ...(changes.length === 0
      ? [h('li', { class: 'none' }, call === null ? '' : 'The call changed nothing in the jar.')]
      : changes.map(({ cause, name, domain, path: cookiePath }) =>
          h('li', { class: `decision ${cause === 'inserted' ? 'ok' : 'withheld'}` }, h('span', { class: 'badge' }, cause === 'inserted' ? '✓ inserted' : `− ${cause}`), h('code', { class: 'line' }, name), h('span', { class: 'where' }, `${domain}${cookiePath}`)),
        )),
  );
}

// ---- Wiring ---------------------------------------------------------------------------------------

/** Runs `work` with the page's buttons marked busy, one call at a time; reports a failure. */
let busy = Promise.resolve();
function serially(work) {
  busy = busy.then(async () => {
    $('call-error').textContent = '';
    try {
      await work();
    } catch (error) {
      $('call-error').textContent = `${error.name}: ${error.message}`;
    }
  });
  return busy;
}

async function call(method, url) {
  const response = await fetch(url, { method });
  const type = response.headers.get('content-type') ?? '';
  const body = type.startsWith('application/json') ? await response.json() : null;
  const state = await askWorker();
  showCall({ method, url: response.url || new URL(url, location.href).href, response, body }, state.lastCall);
  showJar(state.cookies);
  showWorker(state);
  document.documentElement.dataset.calls = String(Number(document.documentElement.dataset.calls ?? 0) + 1);
}

async function refresh() {
  const state = await askWorker();
  showJar(state.cookies);
  showWorker(state);
}

function wire() {
  for (const button of document.querySelectorAll('#calls button[data-path]')) {
    button.addEventListener('click', () => serially(() => call(button.dataset.method, button.dataset.path)));
  }
  $('new-worker').addEventListener('click', () =>
    serially(async () => {
      $('worker-state').textContent = 'Starting a new worker…';
      await replaceWorker();
      await refresh();
      document.documentElement.dataset.workers = String(Number(document.documentElement.dataset.workers ?? 1) + 1);
    }),
  );
  $('reload').addEventListener('click', () => location.reload());
  document.querySelector('.skip').addEventListener('click', (event) => {
    event.preventDefault();
    $('main').focus();
  });
}

async function main() {
  const ready = (state) => (document.documentElement.dataset.ready = state);
  if (!('serviceWorker' in navigator)) {
    status('This browser runs no service worker here: they need a secure origin (https, or http on localhost or 127.0.0.1).', true);
    return ready('no-worker');
  }
  const missing = await apiMissing();
  if (missing) {
    $('no-api-detail').textContent = missing;
    $('no-api').hidden = false;
    status('The demo needs its API: run npm start and open this page at the address it prints.', true);
    return ready('no-api');
  }
  try {
    await startWorker();
    await refresh();
  } catch (error) {
    status(`The service worker did not start: ${error.name}: ${error.message}`, true);
    return ready('error');
  }
  for (const id of ['calls', 'trip', 'worker']) $(id).hidden = false;
  wire();
  status('The worker is running the engine: every call below goes through its jar.');
  ready('true');
}

main();
