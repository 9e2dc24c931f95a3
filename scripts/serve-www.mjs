#!/usr/bin/env node
// `npm start` serves the playground on 127.0.0.1 and prints its URL: www/ as it is (edit and
// reload), with the built package (pkg/) at /cookie-engine/, where the page imports it from;
// the same layout as the static site `npm run build:www` makes, plus the service-worker demo's
// API under /api/ (scripts/demo-api.mjs). `--dir FOLDER` serves a built site instead (with the
// API; `--no-api` leaves it out, as a static host would). PORT chooses the port (default 8080,
// or any free one if 8080 is taken).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createDemoApi } from './demo-api.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The file `dir` holds at `relative` (a folder's index.html), or null: never outside `dir`. */
function fileIn(dir, relative) {
  const file = resolve(dir, `.${sep}${relative}`);
  if (file !== dir && !file.startsWith(dir + sep)) return null;
  try {
    const stat = statSync(file);
    if (stat.isFile()) return file;
    if (stat.isDirectory()) return statSync(join(file, 'index.html')).isFile() ? join(file, 'index.html') : null;
  } catch {
    // not there
  }
  return null;
}

/**
 * A static file server: `mounts` maps URL path prefixes ('/' last) to folders. GET and HEAD only;
 * `onRequest` sees every request (the tests record them). `api(request, response, pathname)`, if
 * given, answers every request under /api/ (the demo's, `createDemoApi()`); without it the server
 * is a plain static host.
 */
export function createSiteServer({ mounts, onRequest = () => {}, api = null }) {
  const folders = mounts.map(([prefix, dir]) => [prefix, resolve(dir)]);
  return createServer((request, response) => {
    onRequest(request);
    const send = (status, type, body) => response.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' }).end(body);
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'text/plain; charset=utf-8', 'bad request');
    }
    if (api && pathname.startsWith('/api/')) return api(request, response, pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'method not allowed');
    const mount = folders.find(([prefix]) => pathname.startsWith(prefix));
    const file = mount && fileIn(mount[1], pathname.slice(mount[0].length));
    if (!file) return send(404, 'text/plain; charset=utf-8', 'not found');
    // Revalidated on every load (an edited file is seen at once); an unchanged one is a 304, so
    // the browser keeps its compiled WebAssembly.
    const modified = new Date(Math.floor(statSync(file).mtimeMs / 1000) * 1000).toUTCString();
    const headers = { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', 'last-modified': modified };
    if (request.headers['if-modified-since'] === modified) return response.writeHead(304, headers).end();
    response.writeHead(200, headers);
    if (request.method === 'HEAD') return response.end();
    createReadStream(file).pipe(response);
  });
}

/** Listens on 127.0.0.1: `port`, or, if that one is taken and was not asked for, any free one. */
export async function listen(server, port, fallback) {
  try {
    await new Promise((done, fail) => server.once('error', fail).listen(port, '127.0.0.1', done));
  } catch (error) {
    if (error.code !== 'EADDRINUSE' || !fallback) throw error;
    await new Promise((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  }
  return `http://127.0.0.1:${server.address().port}/`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, 'no-api': { type: 'boolean' } } });
  const mounts = values.dir
    ? [['/', values.dir]]
    : [
        ['/cookie-engine/', join(root, 'pkg')],
        ['/', join(root, 'www')],
      ];
  const api = values['no-api'] ? null : createDemoApi();
  const server = createSiteServer({ mounts, api });
  const url = await listen(server, Number(process.env.PORT ?? 8080), process.env.PORT === undefined);
  const what = values.dir ? resolve(values.dir) : 'www/, with the package (pkg/) at /cookie-engine/';
  console.log(`The playground: ${url}\nThe service-worker demo: ${url}worker.html${api ? '' : ' (without its API: --no-api)'}\n(serving ${what}${api ? ' and the demo API at /api/' : ''}; Ctrl+C stops)`);
}
