// A scenario is everything a shared link reproduces: the two forms, the clock and the steps that
// made the jar (stores, imports, policy changes, so the policy too), each at the time it happened.
// It travels in the URL's hash as base64url JSON, with times relative to the page's clock when it
// was written, so a link opened later replays the same steps at the same distances from "now".

/** The hash prefix; a new shape of scenario gets a new version. */
const PREFIX = '#v1=';

export const DEFAULT_POLICY = Object.freeze({ blockedDomains: [], allowedDomains: [], thirdParty: 'allow', unspecifiedSameSite: 'lax' });

export function emptyScenario() {
  return {
    set: { lines: '', url: 'https://example.com/', top: '', navigation: true, api: 'http' },
    request: { url: 'https://example.com/', top: '', method: 'GET', navigation: true, api: 'http' },
    clock: { offset: 0, paused: false },
    steps: [],
  };
}

/** The engine's policy for the form's: empty lists are left out (an empty allow-list would allow nothing). */
export function enginePolicy(policy) {
  const result = { thirdParty: policy.thirdParty, unspecifiedSameSite: policy.unspecifiedSameSite };
  if (policy.blockedDomains.length > 0) result.blockedDomains = policy.blockedDomains;
  if (policy.allowedDomains.length > 0) result.allowedDomains = policy.allowedDomains;
  return result;
}

export function samePolicy(a, b) {
  return JSON.stringify(enginePolicy(a)) === JSON.stringify(enginePolicy(b));
}

/** The policy in force after `steps`: the last one set. */
export function policyAfter(steps) {
  return steps.findLast((step) => step.kind === 'policy')?.policy ?? DEFAULT_POLICY;
}

/** The request context of a form: no top-level page means a same-site request. */
export function setContext(set) {
  return { api: set.api, navigation: set.navigation, ...(set.top.trim() && { topLevelUrl: set.top.trim() }) };
}

export function requestContext(request) {
  return { api: request.api, method: request.method, navigation: request.navigation, ...(request.top.trim() && { topLevelUrl: request.top.trim() }) };
}

export const isScenarioHash = (hash) => hash.startsWith(PREFIX);

/** The hash for `scenario`, its step times relative to `now`. */
export function encodeScenario(scenario, now) {
  const shared = { ...scenario, steps: scenario.steps.map(({ at, ...step }) => ({ ...step, at: at - now })) };
  const bytes = new TextEncoder().encode(JSON.stringify(shared));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return PREFIX + btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * The scenario in `hash`, null if it holds none; throws on a damaged one. Its step times are
 * still relative: add the clock's time once the clock is restored.
 */
export function decodeScenario(hash) {
  if (!isScenarioHash(hash)) return null;
  const binary = atob(hash.slice(PREFIX.length).replaceAll('-', '+').replaceAll('_', '/'));
  const data = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  // Whatever the link says goes through these checks (and the engine's) before it is used.
  const base = emptyScenario();
  const pick = (object, defaults) => {
    const out = { ...defaults };
    for (const [key, value] of Object.entries(defaults)) {
      const given = object?.[key];
      if (typeof given === typeof value && (!Array.isArray(value) || isStrings(given))) out[key] = given;
    }
    return out;
  };
  const scenario = {
    set: pick(data.set, base.set),
    request: pick(data.request, base.request),
    clock: pick(data.clock, base.clock),
    steps: Array.isArray(data.steps) ? data.steps.map(checkStep).filter(Boolean) : [],
  };
  return scenario;
}

const isStrings = (value) => Array.isArray(value) && value.every((item) => typeof item === 'string');

function checkStep(step) {
  if (typeof step?.at !== 'number' || !Number.isFinite(step.at)) return null;
  const { at } = step;
  switch (step.kind) {
    case 'set':
      if (!isStrings(step.lines) || typeof step.url !== 'string' || typeof step.top !== 'string') return null;
      return { kind: 'set', at, url: step.url, top: step.top, navigation: step.navigation === true, api: step.api === 'script' ? 'script' : 'http', lines: step.lines };
    case 'import':
      if (typeof step.format !== 'string' || typeof step.data !== 'string') return null;
      return { kind: 'import', at, format: step.format, data: step.data, name: typeof step.name === 'string' ? step.name : '' };
    case 'policy': {
      const policy = { ...DEFAULT_POLICY };
      for (const key of ['blockedDomains', 'allowedDomains']) if (isStrings(step.policy?.[key])) policy[key] = step.policy[key];
      for (const key of ['thirdParty', 'unspecifiedSameSite']) if (typeof step.policy?.[key] === 'string') policy[key] = step.policy[key];
      return { kind: 'policy', at, policy };
    }
    default:
      return null;
  }
}
