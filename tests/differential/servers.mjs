// The differential harness's servers: one plain HTTP and one HTTPS (a self-signed certificate
// made by openssl at start-up) on 127.0.0.1, answering for any host name (Chromium maps every
// name here with --host-resolver-rules). They write their responses byte for byte, so that a
// Set-Cookie line can hold what Node's own server refuses to send (control characters, for
// example), and they record the Cookie header of every request.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createPlainServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { makeCertificate } from '../js/support.mjs';

/** A self-signed certificate and key (PEM), made for this run (Chromium ignores its names). */
function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-engine-differential-'));
  try {
    return makeCertificate(dir, ['localhost']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The head of an HTTP/1.1 request in `data` (up to the blank line), or null if incomplete. */
function requestHead(data) {
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) return null;
  // UTF-8, as the Set-Cookie lines went out: a browser sends a cookie's bytes back unchanged.
  const [requestLine, ...lines] = data.subarray(0, end).toString('utf8').split('\r\n');
  const [method, target] = requestLine.split(' ');
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method, target, headers, bodyStart: end + 4 };
}

/**
 * Starts both servers. `respond(request)` gives `{ status, setCookie: [lines], body, contentType }`
 * for a request `{ method, scheme, host, path, query, cookie }`; every request is also passed to
 * `record`. Resolves to `{ httpPort, httpsPort, close() }`.
 */
export async function startServers(respond, record) {
  const handle = (scheme) => (socket) => {
    let data = Buffer.alloc(0);
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const head = requestHead(data);
      if (head === null) return;
      const length = Number(head.headers['content-length'] ?? 0);
      if (data.length < head.bodyStart + length) return;
      const url = new URL(head.target, `${scheme}://${head.headers.host ?? 'unknown'}`);
      const request = { method: head.method, scheme, host: url.hostname, path: url.pathname, query: url.searchParams, cookie: head.headers.cookie ?? null };
      record(request);
      const { status = 200, setCookie = [], body = '', contentType = 'text/html; charset=utf-8' } = respond(request);
      const bodyBytes = Buffer.from(body, 'utf8');
      const lines = [`HTTP/1.1 ${status} OK`, `content-type: ${contentType}`, `content-length: ${bodyBytes.length}`, 'cache-control: no-store', 'connection: close'];
      // Set-Cookie lines go out as given, in UTF-8 (the scenarios keep CR and LF out of them).
      const head2 = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'), ...setCookie.map((line) => Buffer.from(`set-cookie: ${line}\r\n`, 'utf8')), Buffer.from('\r\n')]);
      socket.end(Buffer.concat([head2, bodyBytes]));
      data = Buffer.alloc(0);
    });
  };
  const plain = createPlainServer(handle('http'));
  const tls = createTlsServer(selfSignedCertificate(), handle('https'));
  const listen = (server) => new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve(server.address().port)));
  const [httpPort, httpsPort] = [await listen(plain), await listen(tls)];
  return {
    httpPort,
    httpsPort,
    close: () => Promise.all([plain, tls].map((server) => new Promise((resolve) => server.close(resolve)))),
  };
}
