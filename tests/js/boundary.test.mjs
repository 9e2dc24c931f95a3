// The JavaScript boundary under hostile input: every exported function and option of the packed
// package, called with wrong types, undefined, null, objects whose getters, traps or toString
// throw, proxies, 10 MB strings, invalid URLs, lone surrogates and non-ASCII text, either answers
// (a decision, for input that is valid if odd) or throws a TypeError or RangeError with a message
// (a SyntaxError for an import's text that is not its format, as documented), and a call that
// throws leaves the jar exactly as it was. No call makes the wasm instance trap or leaves a jar
// unusable.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importPackage } from './support.mjs';

const { CookieJar } = await importPackage();
const T0 = Date.UTC(2026, 0, 1);
const URL_ = 'https://www.example.com/';

/** An object each of whose properties is a getter that throws, and whose conversions throw. */
function throwingObject(label) {
  const fail = () => {
    throw new Error(`${label} was read`);
  };
  const keys = ['api', 'topLevelUrl', 'siteForCookies', 'method', 'navigation', 'sameSite', 'domain', 'path', 'now', 'limits', 'policy', 'maxAgeSeconds', 'laxAllowingUnsafeMs', 'blockedDomains', 'allowedDomains', 'thirdParty', 'unspecifiedSameSite', 'accept', 'send', 'perSite', 'total', 'includeSession', 'includeExpired', 'version', 'cookies', 'getSetCookie', 'get', 'set-cookie', 'format', 'autosave', 'onCorrupt', 'toJSON'];
  const object = { toString: fail, valueOf: fail, [Symbol.toPrimitive]: fail };
  for (const key of keys) Object.defineProperty(object, key, { get: fail, enumerable: true });
  return object;
}

/** A Proxy every trap of which throws. */
function throwingProxy(target) {
  const fail = () => {
    throw new Error('a trap ran');
  };
  const traps = ['get', 'set', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'defineProperty', 'deleteProperty', 'apply', 'construct', 'isExtensible', 'preventExtensions', 'setPrototypeOf'];
  return new Proxy(target, Object.fromEntries(traps.map((trap) => [trap, fail])));
}

/** A URL whose class overrides what a reader might call. */
class HostileURL extends URL {
  get href() {
    throw new Error('href was read');
  }
  get hostname() {
    throw new Error('hostname was read');
  }
  toString() {
    throw new Error('toString was called');
  }
}

/** An array whose element getter answers a string once, then a number. */
function changingArray() {
  let reads = 0;
  const array = ['a=1'];
  Object.defineProperty(array, 0, { get: () => (reads++ === 0 ? 'changing=1' : 7), enumerable: true });
  return array;
}

const TEN_MB = 'v'.repeat(10 * 1024 * 1024);
const revoked = Proxy.revocable({}, {});
revoked.revoke();

/** The hostile values, each with a name for messages. A fresh set for each call (some have state). */
const hostileValues = () => [
  ['undefined', undefined],
  ['null', null],
  ['0', 0],
  ['NaN', NaN],
  ['-Infinity', -Infinity],
  ['a bigint', 10n],
  ['true', true],
  ['a symbol', Symbol('s')],
  ['the empty string', ''],
  ['a function', () => true],
  ['an empty object', {}],
  ['an empty array', []],
  ['an array of numbers', [1, 2]],
  ['an object with throwing getters', throwingObject('a property')],
  ['a proxy whose traps throw', throwingProxy({})],
  ['a proxy of an array whose traps throw', throwingProxy(['a=1'])],
  ['a proxy of a function whose traps throw', throwingProxy(() => true)],
  ['a revoked proxy', revoked.proxy],
  ['a URL subclass with throwing getters', new HostileURL(URL_)],
  ['an array whose element changes', changingArray()],
  ['a 10 MB string', TEN_MB],
  ['a 10 MB URL', `https://www.example.com/${TEN_MB}`],
  ['a 10 MB host', `https://${'a.'.repeat(5 * 1024 * 1024)}example.com/`],
  ['an invalid URL', 'https://exa mple.com/'],
  ['an unclosed IPv6 URL', 'http://[::1/'],
  ['a javascript: URL', 'javascript:alert(1)'],
  ['a lone surrogate', '\uD800'],
  ['a URL with a lone surrogate in its host', 'https://ex\uDC00ample.com/'],
  ['a URL with a lone surrogate in its path', 'https://www.example.com/\uD800'],
  ['non-ASCII text', 'ünï=cödé; Domain=bücher.example'],
  ['a control character', 'a=\u0000b'],
];

/** The jar's whole state as JSON: every cookie with every field (nothing here touches it). */
const state = (jar) => JSON.stringify([jar.cookies(), jar.size]);

/** A jar with cookies of every kind, on a pinned clock. */
function filledJar(options = {}) {
  const jar = new CookieJar({ now: () => T0, ...options });
  jar.setFromHeader(['plain=1', 'secure=1; Secure', 'http=1; HttpOnly', 'wide=1; Domain=example.com', 'deep=1; Path=/a/b'], URL_);
  jar.setCookie('chip=1; Secure; Partitioned', 'https://embed.example/', { topLevelUrl: 'https://top.example/' });
  return jar;
}

const ALLOWED = [TypeError, RangeError];

/**
 * Calls `call(value)` for every hostile value; a call that throws must throw one of `allowed`
 * with a message and leave `jar` as it was. Returns how many calls threw.
 */
function probe(jar, name, call, allowed = ALLOWED) {
  let threw = 0;
  for (const [what, value] of hostileValues()) {
    const before = state(jar);
    let error = null;
    try {
      call(value);
    } catch (e) {
      error = e;
    }
    if (error === null) continue;
    threw++;
    assert.ok(
      allowed.some((type) => error instanceof type),
      `${name} with ${what}: threw ${error?.constructor?.name}: ${error?.message ?? error}`,
    );
    assert.ok(typeof error.message === 'string' && error.message.length > 10, `${name} with ${what}: a message`);
    assert.equal(state(jar), before, `${name} with ${what}: the jar is as it was`);
  }
  // The jar still answers, and no call left it borrowed.
  assert.equal(typeof jar.headerFor(URL_), 'string', `${name}: the jar still answers`);
  return threw;
}

test('every method, each argument hostile in turn', () => {
  const jar = filledJar();
  const methods = {
    'setFromHeader(lines)': (v) => jar.setFromHeader(v, URL_),
    'setFromHeader(url)': (v) => jar.setFromHeader('n=1', v),
    'setFromHeader(lines, url)': (v) => jar.setFromHeader(v, v),
    'setFromHeader(context)': (v) => jar.setFromHeader('n=1', URL_, v),
    'setCookie(line)': (v) => jar.setCookie(v, URL_),
    'setCookie(url)': (v) => jar.setCookie('n=1', v),
    'setCookie(context)': (v) => jar.setCookie('n=1', URL_, v),
    'headerFor(url)': (v) => jar.headerFor(v),
    'headerFor(context)': (v) => jar.headerFor(URL_, v),
    'explainRequest(url)': (v) => jar.explainRequest(v),
    'explainRequest(context)': (v) => jar.explainRequest(URL_, v),
    'cookies(url)': (v) => jar.cookies(v),
    'cookies(context)': (v) => jar.cookies(URL_, v),
    'delete(name)': (v) => jar.delete(v, { domain: 'nowhere.example' }),
    'delete(options)': (v) => jar.delete('nothing', v),
    'export(format)': (v) => jar.export(v),
    'export(options)': (v) => jar.export('json', v),
    'toJSON(options)': (v) => jar.toJSON(v),
    'toNetscape(options)': (v) => jar.toNetscape(v),
    'toLWP(options)': (v) => jar.toLWP(v),
    'toToughCookie(options)': (v) => jar.toToughCookie(v),
    'toPlaywright(options)': (v) => jar.toPlaywright(v),
    'toCDP(options)': (v) => jar.toCDP(v),
    'onChange(listener)': (v) => jar.onChange(v)(),
  };
  let threw = 0;
  for (const [name, call] of Object.entries(methods)) threw += probe(jar, name, call);
  assert.ok(threw > 300, `most hostile values are refused (${threw})`);
  // An import's data that is not its format is a SyntaxError, as documented; it changes nothing either.
  const imports = {
    'import(format)': [(target, v) => target.import(v, '{"version":1,"cookies":[]}'), ALLOWED],
    ...Object.fromEntries(['json', 'netscape', 'lwp', 'tough-cookie', 'playwright', 'cdp'].map((format) => [`import(${format} data)`, [(target, v) => target.import(format, v), [...ALLOWED, SyntaxError]]])),
  };
  // Imports that succeed add cookies: each runs on a jar of its own.
  for (const [name, [call, allowed]] of Object.entries(imports)) {
    const own = filledJar();
    probe(own, name, (v) => call(own, v), allowed);
  }
  assert.match(jar.headerFor(URL_), /plain=1/);
});

test('each key of every options object and context, hostile in turn', () => {
  const jar = filledJar();
  const contextKeys = ['api', 'topLevelUrl', 'siteForCookies', 'method', 'navigation', 'sameSite'];
  for (const key of contextKeys) {
    probe(jar, `headerFor context.${key}`, (v) => jar.headerFor(URL_, { [key]: v }));
    probe(jar, `setCookie context.${key}`, (v) => jar.setCookie('n=1', URL_, { [key]: v }));
    probe(jar, `explainRequest context.${key}`, (v) => jar.explainRequest(URL_, { [key]: v }));
  }
  probe(jar, 'delete options.domain', (v) => jar.delete('nothing', { domain: v }));
  probe(jar, 'delete options.path', (v) => jar.delete('nothing', { domain: 'nowhere.example', path: v }));
  probe(jar, 'export options.includeSession', (v) => jar.export('json', { includeSession: v }));

  // Options of a new jar: a constructor that throws makes no jar.
  const policyKeys = ['blockedDomains', 'allowedDomains', 'thirdParty', 'unspecifiedSameSite', 'laxAllowingUnsafeMs', 'accept', 'send'];
  const limitKeys = ['perSite', 'perSitePurgeTo', 'total', 'totalPurgeTo', 'partitionedBytesPerSite'];
  const optionCases = {
    options: (v) => new CookieJar(v),
    ...Object.fromEntries(['now', 'limits', 'maxAgeSeconds', 'laxAllowingUnsafeMs', 'policy'].map((key) => [`options.${key}`, (v) => new CookieJar({ [key]: v })])),
    ...Object.fromEntries(limitKeys.map((key) => [`options.limits.${key}`, (v) => new CookieJar({ limits: { [key]: v } })])),
    ...Object.fromEntries(policyKeys.map((key) => [`options.policy.${key}`, (v) => new CookieJar({ policy: { [key]: v } })])),
    ...Object.fromEntries(policyKeys.map((key) => [`setPolicy policy.${key}`, (v) => jar.setPolicy({ [key]: v })])),
    'setPolicy(policy)': (v) => jar.setPolicy(v),
    'CookieJar.fromJSON(options)': (v) => CookieJar.fromJSON('{"version":1,"cookies":[]}', v),
    'CookieJar.fromNetscape(options)': (v) => CookieJar.fromNetscape('', v),
  };
  for (const [name, call] of Object.entries(optionCases)) {
    probe(jar, name, (v) => {
      const made = call(v);
      // A jar made with an odd but valid option works, and is freed; setPolicy is undone.
      if (made instanceof CookieJar) made.free();
      else if (made?.jar instanceof CookieJar) made.jar.free();
      jar.setPolicy(undefined);
    });
  }
  // Valid options work after all that.
  const fresh = new CookieJar({ now: () => T0, limits: { perSite: 5, perSitePurgeTo: 4 }, policy: { blockedDomains: ['.blocked.example'] } });
  assert.equal(fresh.setCookie('a=1', 'https://blocked.example/').code, 'blocked-domain');
  assert.equal(fresh.setCookie('a=1', URL_).stored, true);
});

test('hostile callbacks and clocks: their errors are the caller\'s to see, and the jar is as it was', () => {
  for (const thrown of [new Error('boom'), 'a string', throwingObject('the thrown value'), throwingProxy({}), undefined]) {
    for (const key of ['accept', 'send']) {
      const jar = filledJar();
      jar.setPolicy({
        [key]: () => {
          throw thrown;
        },
      });
      const before = state(jar);
      assert.throws(
        () => (key === 'accept' ? jar.setFromHeader(['x=1', 'y=2'], URL_) : jar.headerFor(URL_)),
        (e) => e instanceof Error && e.message.startsWith(`the policy's ${key} callback threw`) && e.cause === thrown,
      );
      assert.equal(state(jar), before);
    }
  }
  // A callback that answers neither true nor false, or that uses or frees its own jar.
  const answers = [undefined, 1, 'yes', throwingObject('the answer')];
  for (const answer of answers) {
    const jar = filledJar();
    jar.setPolicy({ accept: () => answer });
    const before = state(jar);
    assert.throws(() => jar.setCookie('x=1', URL_), (e) => e instanceof TypeError && /must return true or false/.test(e.message));
    assert.equal(state(jar), before);
  }
  let jar;
  const uses = [() => jar.headerFor(URL_), () => jar.free(), () => jar.setPolicy(undefined), () => new CookieJar().headerFor(URL_)];
  for (const use of uses) {
    let inner = null;
    jar = filledJar({
      policy: {
        accept: () => {
          try {
            use();
          } catch (e) {
            inner = e;
          }
          return true;
        },
      },
    });
    jar.setCookie('x=1', URL_);
    if (use !== uses[3]) assert.match(inner?.message ?? '', /a policy callback cannot/, String(use));
    assert.equal(jar.cookies().find((c) => c.name === 'x').value, '1', 'the call went on');
  }
  // A policy whose accept getter answers a function once, then nothing: the jar reads it once.
  let reads = 0;
  const flaky = {
    get accept() {
      return reads++ === 0 ? () => true : undefined;
    },
  };
  const guarded = new CookieJar({ policy: flaky });
  assert.equal(reads, 1, 'the policy is read once, by the binding');
  assert.equal(guarded.setCookie('a=1', URL_).stored, true);
});

test('a getter of an options object that calls into another jar (or this one) neither traps nor borrows', () => {
  const other = filledJar();
  const jar = filledJar();
  const reentrant = {
    get api() {
      other.headerFor(URL_, { api: 'http' });
      other.setCookie('from-getter=1', URL_, { navigation: false });
      return 'http';
    },
  };
  assert.equal(jar.headerFor(URL_, reentrant), 'plain=1; secure=1; http=1; wide=1');
  assert.match(other.headerFor(URL_), /from-getter=1/);
  const selfish = {
    get api() {
      jar.headerFor(URL_, { api: 'script' });
      return 'http';
    },
  };
  // The binding borrows the jar while it reads the context: the nested call gets an Error, which
  // the getter throws, and the outer call reports it as an unreadable option.
  assert.throws(() => jar.headerFor(URL_, selfish), (e) => e instanceof TypeError && /'api' option could not be read/.test(e.message));
  assert.equal(jar.headerFor(URL_), 'plain=1; secure=1; http=1; wide=1');
});

test('non-ASCII and lone surrogates: the same decision through both ways into wasm', () => {
  // The transfer calls (string URL, no context) and the general methods (a context) encode a
  // lone surrogate as TextEncoder does, U+FFFD.
  const lines = ['s=\uD800', 'u=ünïcödé', '\uDC00=x', 'snow=☃; Path=/☃'];
  const fast = new CookieJar({ now: () => T0 });
  const general = new CookieJar({ now: () => T0 });
  assert.equal(fast.setFromHeader(lines, URL_), 4);
  assert.equal(general.setFromHeader(lines, URL_, {}), 4);
  assert.deepEqual(fast.cookies(), general.cookies());
  assert.deepEqual(fast.cookies().map((c) => `${c.name}=${c.value}`), ['s=\uFFFD', 'u=ünïcödé', '\uFFFD=x', 'snow=☃']);
  assert.equal(fast.headerFor('https://www.example.com/\uD800'), general.headerFor('https://www.example.com/\uD800', {}));
  assert.equal(fast.setCookie('a=1', 'https://bücher.example/').stored, true);
  assert.equal(fast.cookies().at(-1).domain, 'xn--bcher-kva.example');
});

test('CookieJar.open and jar.save with hostile arguments reject with a TypeError or RangeError', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'cookie-engine-boundary-'));
  // A hostile string is also a relative path that can be written: it lands in the folder.
  const cwd = process.cwd();
  process.chdir(folder);
  try {
    const jar = filledJar();
    const before = state(jar);
    for (const [what, value] of hostileValues()) {
      if (typeof value === 'string' && value.length > 1000) continue;
      for (const [name, call] of [
        ['open(path)', () => CookieJar.open(value)],
        ['open(options)', () => CookieJar.open(join(folder, 'jar.json'), value)],
        ['save(path)', () => jar.save(value)],
        ['save(options)', () => jar.save(join(folder, 'out.json'), value)],
      ]) {
        let error = null;
        let result;
        try {
          result = await call();
        } catch (e) {
          error = e;
        }
        if (error === null) {
          result?.flush && (await result.flush(), result.free());
          continue;
        }
        assert.ok(error instanceof TypeError || error instanceof RangeError || error?.code === 'ENOENT' || error?.code === 'EISDIR', `${name} with ${what}: ${error?.constructor?.name} ${error?.message}`);
      }
      assert.equal(state(jar), before);
    }
  } finally {
    process.chdir(cwd);
    rmSync(folder, { recursive: true, force: true });
  }
});
