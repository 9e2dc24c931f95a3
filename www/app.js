// The playground: forms in, the engine's answers out. Every decision, code and message shown
// comes from the package (its public web entry, as a user imports it); the page only keeps the
// scenario (scenario.js), owns the clock the jar reads (clock.js), and draws.
import init, { CookieJar, initFormats } from './cookie-engine/web/cookie_engine.js';
import { Clock, formatDuration, formatTime } from './clock.js';
import { h, patch } from './dom.js';
import { EXAMPLES } from './examples.js';
import { DEFAULT_POLICY, decodeScenario, emptyScenario, encodeScenario, enginePolicy, isScenarioHash, policyAfter, requestContext, samePolicy, setContext } from './scenario.js';

const $ = (id) => document.getElementById(id);

const clock = new Clock();
let scenario = emptyScenario();
/** The jar the steps made; its clock is the page's. */
let jar = null;
/** What each step did, in step order: a store's decisions, an import's result, nothing for a policy. */
let outcomes = [];
/** The jar table's order: a column key and 1 or -1. */
let sort = { key: 'order', dir: 1 };

const newJar = () => new CookieJar({ now: () => clock.now() });

/** The formats module (cookies.txt, Playwright), loaded the first time one is used. */
let formats = null;
let formatsLoaded = false;
const formatsReady = () =>
  (formats ??= initFormats().then(() => {
    formatsLoaded = true;
  }));
/** Why the last import failed, until the next one (or a new scenario). */
let importError = '';

// ---- Steps: what changes the jar ---------------------------------------------------------------

/** Applies one step to the jar at the clock's current time; returns what it did. Throws a TypeError or SyntaxError (bad URL, bad file) before changing anything. */
function applyStep(step) {
  switch (step.kind) {
    case 'set': {
      const context = setContext(step);
      return step.lines.map((line) => ({ line, ...jar.setCookie(line, step.url, context) }));
    }
    case 'import':
      return jar.import(step.format, step.data);
    case 'policy':
      jar.setPolicy(enginePolicy(step.policy));
      return null;
    default:
      throw new TypeError(`unknown step ${step.kind}`);
  }
}

/** Runs `step` now and keeps it; returns what it did, or throws (and keeps nothing). */
function perform(step) {
  const outcome = clock.at(step.at, () => applyStep(step));
  scenario.steps.push(step);
  outcomes.push(outcome);
  return outcome;
}

/**
 * Replaces the page's state with `next` (step times absolute), replaying its steps into a new
 * jar; `save` writes it into the address (not needed when it came from there).
 */
async function loadScenario(next, { save: saving = true } = {}) {
  const problems = [];
  if (next.steps.some((step) => step.kind === 'import' && step.format !== 'json')) await formatsReady();
  jar?.free();
  jar = newJar();
  scenario = { ...next, steps: [] };
  outcomes = [];
  importError = '';
  for (const step of next.steps) {
    try {
      perform(step);
    } catch (error) {
      problems.push(`${error.name}: ${error.message}`);
    }
  }
  writeForms();
  $('set-error').textContent = problems.length ? `Steps of this link the engine refused: ${problems.join('; ')}` : '';
  render();
  if (saving) save();
  else $('share-link').value = location.href;
}

// ---- Forms ---------------------------------------------------------------------------------------

const radio = (form, name) => form.elements[name].value;
const setRadio = (form, name, value) => {
  form.elements[name].value = String(value);
};
const domainList = (text) => text.split(/[\s,]+/).filter(Boolean);

function readSetForm() {
  const form = $('set-form');
  scenario.set = { lines: $('set-lines').value, url: $('set-url').value, top: $('set-top').value, navigation: radio(form, 'navigation') === 'true', api: radio(form, 'api') };
}

function readRequestForm() {
  const form = $('request-form');
  scenario.request = { url: $('request-url').value, top: $('request-top').value, method: $('request-method').value, navigation: radio(form, 'navigation') === 'true', api: radio(form, 'api') };
}

function readPolicyForm() {
  return {
    blockedDomains: domainList($('policy-blocked').value),
    allowedDomains: domainList($('policy-allowed').value),
    thirdParty: $('policy-third-party').value,
    unspecifiedSameSite: $('policy-samesite').value,
  };
}

function writeForms() {
  const { set, request } = scenario;
  $('set-lines').value = set.lines;
  $('set-url').value = set.url;
  $('set-top').value = set.top;
  setRadio($('set-form'), 'navigation', set.navigation);
  setRadio($('set-form'), 'api', set.api);
  $('request-url').value = request.url;
  $('request-top').value = request.top;
  $('request-method').value = request.method;
  setRadio($('request-form'), 'navigation', request.navigation);
  setRadio($('request-form'), 'api', request.api);
  const policy = policyAfter(scenario.steps);
  $('policy-blocked').value = policy.blockedDomains.join(', ');
  $('policy-allowed').value = policy.allowedDomains.join(', ');
  $('policy-third-party').value = policy.thirdParty;
  $('policy-samesite').value = policy.unspecifiedSameSite;
  $('policy-error').textContent = '';
}

function store() {
  readSetForm();
  const { set } = scenario;
  const lines = set.lines.split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0) {
    $('set-error').textContent = 'Write at least one Set-Cookie line.';
    return;
  }
  try {
    perform({ kind: 'set', at: clock.now(), url: set.url.trim(), top: set.top.trim(), navigation: set.navigation, api: set.api, lines });
    $('set-error').textContent = '';
  } catch (error) {
    $('set-error').textContent = `${error.name}: ${error.message}`;
    return;
  }
  render();
  save();
}

function applyPolicy() {
  const policy = readPolicyForm();
  if (samePolicy(policy, policyAfter(scenario.steps))) return;
  try {
    jar.setPolicy(enginePolicy(policy));
  } catch (error) {
    $('policy-error').textContent = `${error.name}: ${error.message}`;
    return;
  }
  $('policy-error').textContent = '';
  // Policy changes with nothing between them are one step.
  if (scenario.steps.at(-1)?.kind === 'policy') {
    scenario.steps.pop();
    outcomes.pop();
  }
  scenario.steps.push({ kind: 'policy', at: clock.now(), policy });
  outcomes.push(null);
  render();
  save();
}

/** An empty jar, keeping the forms and the policy. */
function startOver() {
  const policy = policyAfter(scenario.steps);
  readSetForm();
  readRequestForm();
  const steps = samePolicy(policy, DEFAULT_POLICY) ? [] : [{ kind: 'policy', at: clock.now(), policy }];
  $('example-about').textContent = '';
  loadScenario({ ...scenario, steps });
}

function loadExample(example) {
  clock.reset();
  const { lines, ...response } = example.set;
  const next = {
    set: { ...response, lines: lines.join('\n') },
    request: { ...example.request },
    clock: { offset: 0, paused: false },
    steps: [{ kind: 'set', at: clock.now(), ...response, lines }],
  };
  $('example-about').textContent = example.about;
  loadScenario(next);
}

// ---- Import and export -----------------------------------------------------------------------------

/** The format of a file's text: cookies.txt unless it is JSON; Playwright's has `origins` (or is its cookies array). */
function detectFormat(text) {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return 'netscape';
  try {
    const data = JSON.parse(text);
    return Array.isArray(data) || 'origins' in data ? 'playwright' : 'json';
  } catch {
    return 'json'; // the engine says what is wrong with it
  }
}

async function importText(text, name) {
  const chosen = $('import-format').value;
  const format = chosen === 'auto' ? detectFormat(text) : chosen;
  try {
    if (format !== 'json') await formatsReady();
    perform({ kind: 'import', at: clock.now(), format, data: text, name });
    importError = '';
  } catch (error) {
    importError = `${name || 'The text'} was not imported: ${error.name}: ${error.message}`;
  }
  render();
  save();
}

const FORMAT_NAMES = { json: 'cookie-engine JSON', netscape: 'cookies.txt', playwright: 'Playwright storage state' };
const EXPORT_FILES = { json: ['cookies.json', 'application/json'], netscape: ['cookies.txt', 'text/plain'], playwright: ['storage-state.json', 'application/json'] };

/** The jar in the export form's format, or null while the formats module loads. */
function exportText() {
  const format = $('export-format').value;
  const options = { includeSession: $('export-session').checked };
  if (format === 'json') return `${JSON.stringify(jar.toJSON(options), null, 2)}\n`;
  if (!formatsLoaded) {
    formatsReady().then(render);
    return null;
  }
  if (format === 'netscape') return jar.toNetscape(options);
  return `${JSON.stringify(jar.toPlaywright(options), null, 2)}\n`;
}

async function download() {
  if ($('export-format').value !== 'json') await formatsReady();
  const [name, type] = EXPORT_FILES[$('export-format').value];
  const url = URL.createObjectURL(new Blob([clock.at(clock.now(), exportText)], { type }));
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- Drawing ----------------------------------------------------------------------------------------

/** A stored cookie's identity, to match the same cookie across the engine's answers. */
const keyOf = (c) => JSON.stringify([c.name, c.domain, c.hostOnly, c.path, c.partitionKey, c.creationTime]);
const cookieText = (c) => (c.name === '' ? c.value : `${c.name}=${c.value}`);

/** A store's outcome (the engine's `outcome`), as a label and a gloss. */
const OUTCOMES = {
  new: ['stored', 'new'],
  replaced: ['stored', 'replaced the stored cookie it matches'],
  deleted: ['deleted', 'already expired: it removed the stored cookie it matches'],
  expired: ['not stored', 'already expired, and it matched none: nothing changed'],
  rejected: ['rejected', ''],
};

function reason(code, message, warn) {
  return h('p', { class: warn ? 'why warn' : 'why' }, h('code', null, code), ' ', message);
}

function decisionItem(d) {
  const [label, gloss] = OUTCOMES[d.outcome] ?? [d.outcome, ''];
  return h(
    'li',
    { class: `decision ${d.stored ? 'ok' : d.outcome === 'rejected' ? 'bad' : 'info'}` },
    h('span', { class: 'badge' }, d.stored ? '✓ ' : d.outcome === 'rejected' ? '✗ ' : '– ', label),
    gloss && h('span', { class: 'gloss' }, gloss),
    h('code', { class: 'line' }, d.line),
    d.code && reason(d.code, d.message),
    d.warning && reason(d.warning, d.message, true),
  );
}

function stepSummary(step, outcome) {
  const time = formatTime(step.at);
  if (step.kind === 'set') {
    const stored = outcome.filter((d) => d.stored).length;
    return `${time}: ${stored} of ${outcome.length} line${outcome.length === 1 ? '' : 's'} stored from ${step.url}${step.top ? ` under ${step.top}` : ''}`;
  }
  if (step.kind === 'import') return `${time}: ${outcome.imported} imported, ${outcome.skipped.length} skipped, from ${step.name || FORMAT_NAMES[step.format] || step.format}`;
  const p = enginePolicy(step.policy);
  const parts = [`third-party ${p.thirdParty}`, `no SameSite as ${p.unspecifiedSameSite}`];
  if (p.blockedDomains) parts.push(`blocked ${p.blockedDomains.join(', ')}`);
  if (p.allowedDomains) parts.push(`allowed only ${p.allowedDomains.join(', ')}`);
  return `${time}: policy ${parts.join('; ')}`;
}

function renderSteps() {
  const last = outcomes.findLastIndex((_, i) => scenario.steps[i].kind === 'set');
  const decisions = last === -1 ? [] : outcomes[last];
  patch($('set-results'), JSON.stringify(decisions), () => decisions.map(decisionItem));
  const stored = decisions.filter((d) => d.stored).length;
  const summary = last === -1 ? 'Nothing stored yet.' : `${stored} of ${decisions.length} line${decisions.length === 1 ? '' : 's'} stored at ${formatTime(scenario.steps[last].at)}.`;
  if ($('set-summary').textContent !== summary) $('set-summary').textContent = summary;

  const items = scenario.steps.map((step, i) => stepSummary(step, outcomes[i]));
  $('history-count').textContent = String(items.length);
  patch($('history-list'), JSON.stringify(items), () => items.map((text) => h('li', null, text)));

  const lastImport = outcomes.findLastIndex((_, i) => scenario.steps[i].kind === 'import');
  const result = lastImport === -1 || importError ? null : outcomes[lastImport];
  const step = scenario.steps[lastImport];
  const text = importError || (result ? `${step.name || FORMAT_NAMES[step.format]}: ${result.imported} cookie${result.imported === 1 ? '' : 's'} imported, ${result.skipped.length} skipped.` : '');
  const line = $('import-result');
  line.className = importError ? 'error' : '';
  if (line.textContent !== text) line.textContent = text;
  const skipped = result?.skipped ?? [];
  patch($('import-skipped'), JSON.stringify(skipped), () =>
    skipped.map((s) =>
      h('li', { class: 'decision bad' }, h('span', { class: 'badge' }, '✗ skipped'), h('span', { class: 'gloss' }, s.line !== undefined ? `line ${s.line}` : `record ${s.index}`), reason(s.code, s.message)),
    ),
  );
}

/** The request's decisions and header, from the engine; or the error it threw (a URL being typed). */
function explain() {
  const { request } = scenario;
  const url = request.url.trim();
  const context = requestContext(request);
  try {
    const decisions = jar.explainRequest(url, context);
    // The header as headerFor() gives it, asked of a copy: on the jar itself a request would
    // count as an access (last-access times, evicting expired cookies), and this is a preview.
    const { jar: copy } = CookieJar.fromJSON(jar.toJSON(), { now: () => clock.now(), policy: enginePolicy(policyAfter(scenario.steps)) });
    try {
      return { decisions, header: copy.headerFor(url, context) };
    } finally {
      copy.free();
    }
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  }
}

function renderRequest({ decisions, header, error }) {
  const script = scenario.request.api === 'script';
  $('header-heading').textContent = script ? 'document.cookie would read' : 'Cookie header';
  const out = $('request-header');
  const text = error ? '' : header || (script ? '(an empty string)' : '(no Cookie header: nothing to send)');
  if (out.textContent !== text) out.textContent = text;
  out.classList.toggle('empty', !header);
  $('request-error').textContent = error ?? '';
  const list = decisions ?? [];
  patch($('explain'), JSON.stringify(list), () =>
    list.length === 0
      ? h('li', { class: 'none' }, error ? 'Fix the request to see its cookies.' : 'The jar holds no cookie for this host.')
      : list.map((d) =>
          h(
            'li',
            { class: `decision ${d.sent ? 'ok' : 'withheld'}` },
            h('span', { class: 'badge' }, d.sent ? '✓ sent' : '✗ withheld'),
            h('code', { class: 'line' }, cookieText(d.cookie)),
            h('span', { class: 'where' }, `${d.cookie.hostOnly ? '' : '.'}${d.cookie.domain}${d.cookie.path}`, d.cookie.partitionKey && ` · partition ${d.cookie.partitionKey}`),
            d.code && reason(d.code, d.message),
          ),
        ),
  );
}

// The jar table's columns: [key, heading, sort value, cell].
const flag = (on) => (on ? h('span', { class: 'yes' }, 'yes') : h('span', { class: 'no' }, 'no'));
const COLUMNS = [
  ['order', '#', (c) => c.order, (c) => String(c.order)],
  ['name', 'Name', (c) => c.name, (c) => h('code', null, c.name === '' ? '(none)' : c.name)],
  ['value', 'Value', (c) => c.value, (c) => h('code', { class: 'value', title: c.value }, c.value)],
  ['domain', 'Domain', (c) => c.domain, (c) => [c.domain, ' ', h('span', { class: 'tag' }, c.hostOnly ? 'host-only' : '+ subdomains')]],
  ['path', 'Path', (c) => c.path, (c) => h('code', null, c.path)],
  ['expires', 'Expires', (c) => c.expires ?? Infinity, expiryCell],
  ['secure', 'Secure', (c) => c.secure, (c) => flag(c.secure)],
  ['httpOnly', 'HttpOnly', (c) => c.httpOnly, (c) => flag(c.httpOnly)],
  ['sameSite', 'SameSite', (c) => c.sameSite, (c) => c.sameSite],
  ['partition', 'Partition', (c) => c.partitionKey ?? '', (c) => c.partitionKey ?? h('span', { class: 'no' }, '–')],
];

function expiryCell(c) {
  if (c.expires === null) return h('span', { class: 'muted' }, 'session');
  return [h('time', { datetime: new Date(c.expires).toISOString() }, formatTime(c.expires)), h('br'), h('span', { class: 'countdown', dataset: { expires: String(c.expires), expired: String(c.expired) } })];
}

function updateCountdowns(now) {
  for (const span of document.querySelectorAll('[data-expires]')) {
    const left = Number(span.dataset.expires) - now;
    const text = span.dataset.expired === 'true' ? `expired ${formatDuration(left)} ago` : `in ${formatDuration(Math.max(0, left))}`;
    if (span.textContent !== text) span.textContent = text;
  }
}

function renderJar(cookies, request) {
  const sent = new Set((request.decisions ?? []).filter((d) => d.sent).map((d) => keyOf(d.cookie)));
  const withheld = new Map((request.decisions ?? []).filter((d) => !d.sent).map((d) => [keyOf(d.cookie), d.code]));
  const live = cookies.filter((c) => !c.expired).length;
  const expired = cookies.length - live;
  $('jar-summary').textContent =
    cookies.length === 0 ? 'The jar is empty.' : `${live} cookie${live === 1 ? '' : 's'}${expired ? `, and ${expired} expired (never sent; still held until the jar evicts them)` : ''}.`;

  const [, , sortValue] = COLUMNS.find(([key]) => key === sort.key);
  const rows = [...cookies].sort((a, b) => {
    const [x, y] = [sortValue(a), sortValue(b)];
    return (x < y ? -1 : x > y ? 1 : a.order - b.order) * sort.dir;
  });
  const table = $('jar-table');
  patch(table.tHead, JSON.stringify(sort), () =>
    h(
      'tr',
      null,
      COLUMNS.map(([key, heading]) =>
        h(
          'th',
          { scope: 'col', 'aria-sort': sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : null },
          h('button', { type: 'button', class: 'sort', dataset: { sort: key, focus: `sort-${key}` } }, heading, h('span', { class: 'arrow', 'aria-hidden': 'true' }, sort.key === key ? (sort.dir === 1 ? ' ▲' : ' ▼') : '')),
        ),
      ),
    ),
  );
  patch(table.tBodies[0], JSON.stringify([rows, [...sent], [...withheld]]), () =>
    rows.length === 0
      ? h('tr', null, h('td', { colspan: COLUMNS.length, class: 'none' }, 'No cookies yet: store some lines, load an example or import a file.'))
      : rows.map((c) =>
          h(
            'tr',
            { class: [c.expired && 'expired', sent.has(keyOf(c)) && 'sent'].filter(Boolean).join(' ') || null },
            COLUMNS.map(([key, , , cell]) => h(key === 'name' ? 'th' : 'td', { scope: key === 'name' ? 'row' : null, class: `col-${key}` }, cell(c), key === 'name' && c.expired && h('span', { class: 'tag bad' }, 'expired'))),
          ),
        ),
  );
  renderGroups(cookies, sent, withheld, request.error);
}

/** A host's site, as the engine sees it: the partition key of a cookie set under it as the top-level page. */
const sites = new Map();
let probe = null;
function siteOf(domain) {
  if (!sites.has(domain)) {
    probe ??= new CookieJar();
    let site = null;
    try {
      const url = `https://${domain}/`;
      if (probe.setCookie('site=1; Secure; SameSite=None; Partitioned', url, { topLevelUrl: url }).stored) site = probe.cookies()[0]?.partitionKey ?? null;
    } catch {
      // A domain no URL can have: it is its own group.
    }
    probe.clear();
    sites.set(domain, site === null ? domain : site.replace(/^https:\/\//, ''));
  }
  return sites.get(domain);
}

function renderGroups(cookies, sent, withheld, requestError) {
  const url = scenario.request.url.trim();
  const about = requestError ? 'Nothing is highlighted until the request above is one the engine takes.' : `Highlighted: what a request to ${url} would carry. Cookies it considers but withholds say why.`;
  $('groups-about').textContent = cookies.length === 0 ? '' : about;
  const tree = new Map();
  const child = (map, key) => map.get(key) ?? map.set(key, new Map()).get(key);
  for (const c of [...cookies].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.order - b.order))) {
    const hosts = child(tree, siteOf(c.domain));
    const paths = child(hosts, JSON.stringify([c.domain, c.hostOnly]));
    (paths.get(c.path) ?? paths.set(c.path, []).get(c.path)).push(c);
  }
  const sorted = (map) => [...map].sort(([a], [b]) => (a < b ? -1 : 1));
  patch($('groups'), JSON.stringify([[...tree].map(([s]) => s), cookies, [...sent], [...withheld]]), () =>
    h(
      'ul',
      { class: 'tree' },
      sorted(tree).map(([site, hosts]) =>
        h(
          'li',
          { class: 'site' },
          h('span', { class: 'label' }, h('span', { class: 'kind' }, 'site '), site),
          h(
            'ul',
            null,
            sorted(hosts).map(([hostKey, paths]) => {
              const [domain, hostOnly] = JSON.parse(hostKey);
              return h(
                'li',
                { class: 'host' },
                h('span', { class: 'label' }, h('span', { class: 'kind' }, hostOnly ? 'host ' : 'domain '), domain, ' ', h('span', { class: 'tag' }, hostOnly ? 'host-only' : '+ subdomains')),
                h(
                  'ul',
                  null,
                  sorted(paths).map(([path, list]) =>
                    h(
                      'li',
                      { class: 'path' },
                      h('span', { class: 'label' }, h('span', { class: 'kind' }, 'path '), h('code', null, path)),
                      h(
                        'ul',
                        { class: 'chips' },
                        list.map((c) => {
                          const key = keyOf(c);
                          const state = sent.has(key) ? 'sent' : withheld.has(key) ? 'withheld' : c.expired ? 'expired' : 'other';
                          return h(
                            'li',
                            { class: `chip ${state}` },
                            state === 'sent' && h('span', { class: 'mark' }, '✓ sent '),
                            h('code', null, cookieText(c)),
                            c.partitionKey && h('span', { class: 'tag' }, `partition ${c.partitionKey.replace(/^https?:\/\//, '')}`),
                            state === 'withheld' && h('span', { class: 'mark' }, ` ✗ ${withheld.get(key)}`),
                            state === 'expired' && h('span', { class: 'mark' }, ' expired'),
                          );
                        }),
                      ),
                    ),
                  ),
                ),
              );
            }),
          ),
        ),
      ),
    ),
  );
}

function renderClock(now) {
  $('clock-now').textContent = formatTime(now);
  const ahead = now - Date.now();
  const where = Math.abs(ahead) < 1000 ? 'real time' : `${formatDuration(ahead)} ${ahead > 0 ? 'ahead of' : 'behind'} real time`;
  $('clock-offset').textContent = clock.paused ? `(paused, ${where})` : `(${where})`;
  $('clock-pause').setAttribute('aria-pressed', String(clock.paused));
}

function renderExport() {
  const text = exportText();
  const area = $('export-text');
  const value = text ?? 'Loading the formats module…';
  if (area.value !== value) area.value = value;
}

/** Draws everything from the engine's answers, all read at one instant of the page's clock. */
function render() {
  if (jar === null) return;
  const now = clock.now();
  clock.at(now, () => {
    renderClock(now);
    renderSteps();
    const live = new Set(jar.cookies().map(keyOf));
    // Oldest first: the creation order. Expired cookies are still in the jar until it evicts them.
    const cookies = jar.toJSON({ includeExpired: true }).cookies.map((c, i) => ({ ...c, order: i + 1, expired: !live.has(keyOf(c)) }));
    const request = explain();
    renderRequest(request);
    renderJar(cookies, request);
    renderExport();
    updateCountdowns(now);
  });
}

// ---- The link -----------------------------------------------------------------------------------------

let saveTimer = null;
/** Writes the scenario into the address (soon, so that typing does not rewrite it at every key). */
function save() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, 250);
}

function saveNow() {
  clearTimeout(saveTimer);
  const now = clock.now();
  const hash = encodeScenario({ ...scenario, clock: { offset: now - Date.now(), paused: clock.paused } }, now);
  if (location.hash !== hash) history.replaceState(null, '', hash);
  $('share-link').value = location.href;
}

async function loadFromHash() {
  let next;
  try {
    next = decodeScenario(location.hash);
  } catch (error) {
    $('set-error').textContent = `This link's scenario could not be read (${error.message}); starting empty.`;
  }
  next ??= emptyScenario();
  clock.offset = next.clock.offset;
  clock.pausedAt = next.clock.paused ? Date.now() : null;
  const now = clock.now();
  await loadScenario({ ...next, steps: next.steps.map((step) => ({ ...step, at: step.at + now })) }, { save: false });
}

// ---- Wiring -------------------------------------------------------------------------------------------

function wire() {
  $('examples').replaceChildren(...EXAMPLES.map((example) => h('li', null, h('button', { type: 'button', class: 'example', onclick: () => loadExample(example) }, example.title))));

  const setForm = $('set-form');
  setForm.addEventListener('input', () => {
    readSetForm();
    save();
  });
  setForm.addEventListener('submit', (event) => {
    event.preventDefault();
    store();
  });
  // Ctrl+Enter in the lines stores them (Enter alone is a new line).
  $('set-lines').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      store();
    }
  });
  $('clear-jar').addEventListener('click', startOver);

  const requestForm = $('request-form');
  const requestChanged = () => {
    readRequestForm();
    render();
    save();
  };
  requestForm.addEventListener('input', requestChanged);
  requestForm.addEventListener('change', requestChanged);
  requestForm.addEventListener('submit', (event) => event.preventDefault());

  const policyForm = $('policy-form');
  policyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    applyPolicy();
  });
  for (const select of policyForm.querySelectorAll('select')) select.addEventListener('change', applyPolicy);

  const moved = () => {
    render();
    save();
  };
  for (const button of document.querySelectorAll('[data-move]')) {
    button.addEventListener('click', () => {
      clock.moveBy(Number(button.dataset.move));
      moved();
    });
  }
  $('clock-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const amount = Number($('clock-amount').value);
    if (Number.isFinite(amount) && amount > 0) clock.moveBy(amount * Number($('clock-unit').value));
    moved();
  });
  $('clock-pause').addEventListener('click', () => {
    if (clock.paused) clock.resume();
    else clock.pause();
    moved();
  });
  $('clock-reset').addEventListener('click', () => {
    clock.reset();
    moved();
  });

  $('jar-table').tHead.addEventListener('click', (event) => {
    const key = event.target.closest('[data-sort]')?.dataset.sort;
    if (!key) return;
    sort = { key, dir: sort.key === key ? -sort.dir : 1 };
    render();
  });

  $('import-file').addEventListener('change', async (event) => {
    const [file] = event.target.files;
    if (file) await importText(await file.text(), file.name);
    event.target.value = '';
  });
  $('import-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if ($('import-text').value.trim()) importText($('import-text').value, '');
  });
  const exportForm = $('export-form');
  exportForm.addEventListener('change', render);
  exportForm.addEventListener('submit', (event) => {
    event.preventDefault();
    download();
  });

  // A file dropped anywhere on the page is imported.
  const overlay = $('drop-overlay');
  const hasFiles = (event) => event.dataTransfer?.types.includes('Files');
  document.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) overlay.hidden = true;
  });
  document.addEventListener('drop', async (event) => {
    overlay.hidden = true;
    if (!hasFiles(event)) return;
    event.preventDefault();
    const [file] = event.dataTransfer.files;
    if (file) await importText(await file.text(), file.name);
  });

  $('share-copy').addEventListener('click', async () => {
    saveNow();
    const link = $('share-link');
    link.select();
    try {
      await navigator.clipboard.writeText(location.href);
      $('share-status').textContent = 'The link is copied.';
    } catch {
      $('share-status').textContent = 'The link is selected: copy it with Ctrl+C (⌘C).';
    }
  });

  // A link to another scenario, opened in this tab. (Other fragments are the page's own.)
  window.addEventListener('hashchange', () => {
    if (location.hash === '' || isScenarioHash(location.hash)) loadFromHash();
  });
  // The skip link focuses the jar without putting #jar in the address, where the scenario is.
  document.querySelector('.skip').addEventListener('click', (event) => {
    event.preventDefault();
    $('jar').focus();
  });
  window.addEventListener('pagehide', saveNow);
  // The clock runs: the countdowns and what has expired follow it.
  setInterval(() => {
    if (!clock.paused && document.visibilityState === 'visible') render();
  }, 1000);
}

async function main() {
  const status = $('status');
  try {
    await init();
  } catch (error) {
    status.textContent = `The engine did not load: ${error.message}`;
    status.classList.add('error');
    return;
  }
  wire();
  await loadFromHash();
  status.textContent = 'The engine is loaded: everything below is its answer.';
  document.documentElement.dataset.ready = 'true';
}

main();
