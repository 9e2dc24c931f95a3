// The README's HTTP-client examples ("Node", "HTTP clients"), each run as written by Node 22 in the
// test project, after the fetch block that makes the jar: against an HTTPS server on 127.0.0.1 for
// `example.com` (a certificate made here, trusted through NODE_EXTRA_CA_CERTS; every name sent to
// 127.0.0.1 as --host-resolver-rules does for Chromium). The only change to the text: the server's
// port after `https://example.com`. The test checks what the server received on each hop and the
// jar's cookies at the end.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { hops, makeCertificate, projectDir, recordingServer, root } from '../support.mjs';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const nodeSection = readme.slice(readme.indexOf('## Node'), readme.indexOf('## Browsers'));
const [, fetchBlock, ...clientBlocks] = [...nodeSection.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
/** The clients the blocks import, which the test project gets as links to this repository's devDependencies. */
const CLIENTS = ['got', 'axios', 'axios-cookiejar-support', 'fetch-cookie', 'http-cookie-agent', 'undici'];

let server;
let certificateDir;
const dir = join(projectDir, 'readme-clients');

before(async () => {
  certificateDir = mkdtempSync(join(tmpdir(), 'cookie-engine-tls-'));
  const tls = makeCertificate(certificateDir, ['example.com']);
  server = await recordingServer(
    (url, request, body) => {
      // Each response closes its connection, so that a finished example exits at once.
      const close = { connection: 'close' };
      if (url.pathname === '/login' && request.method === 'POST' && body === 'user=alice') return [303, { ...close, location: '/welcome', 'set-cookie': 'sid=31d4; Path=/; Secure; HttpOnly' }];
      if (url.pathname === '/welcome') return [200, close];
      if (url.pathname === '/account') return [200, { ...close, 'set-cookie': 'seen=1; Path=/; Secure' }];
      return undefined;
    },
    { tls },
  );
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of CLIENTS) {
    const link = join(projectDir, 'node_modules', name);
    if (!existsSync(link)) symlinkSync(join(root, 'node_modules', name), link, 'dir');
  }
  writeFileSync(join(dir, 'map-hosts.mjs'), `import { mapHostsToLoopback } from ${JSON.stringify(new URL('../support.mjs', import.meta.url).href)};\nmapHostsToLoopback();\n`);
});

after(async () => {
  await server?.close();
  rmSync(certificateDir, { recursive: true, force: true });
});

/** Runs `code` as an ES module in the test project with Node 22 (this process); what it printed. */
async function run(name, code) {
  const file = join(dir, `${name}.mjs`);
  // The only change: the server's port. At exit the example prints its jar's cookies.
  writeFileSync(file, `${code.replaceAll('https://example.com/', `https://example.com:${server.port}/`)}\nprocess.on('exit', () => console.log(jar.headerFor('https://example.com/')));\n`);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', join(dir, 'map-hosts.mjs'), file], { cwd: dir, env: { ...process.env, NODE_EXTRA_CA_CERTS: join(certificateDir, 'cert.pem') }, timeout: 20_000 });
  return stdout.trim();
}

const LOGIN = ['POST example.com/login cookie= body=user=alice', 'GET example.com/welcome cookie=sid=31d4'];

test('the fetch block: withCookies logs in, storing the redirect\'s cookie and sending it on the next hop', async () => {
  server.seen.length = 0;
  assert.equal(await run('fetch', fetchBlock), 'sid=31d4');
  assert.deepEqual(hops(server.seen), LOGIN);
});

for (const [i, block] of clientBlocks.entries()) {
  const client = [...block.matchAll(/from '([^']+)'/g)].map((m) => m[1]).filter((name) => !name.startsWith('node:')).at(-1);
  test(`the ${client} block sends the jar's cookies and stores the response's`, async () => {
    server.seen.length = 0;
    assert.equal(await run(`client-${i}`, `${fetchBlock}\n${block}`), 'sid=31d4; seen=1');
    assert.deepEqual(hops(server.seen), [...LOGIN, 'GET example.com/account cookie=sid=31d4']);
  });
}
