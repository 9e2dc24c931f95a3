// A real redis-server for the tests and the benchmark of cookie-engine/redis: Debian's
// `redis-server` (scripts/setup.sh --tests installs it), on a free port of 127.0.0.1, with a
// temporary folder of its own, the append-only file on and fsync'ed at every write (so that an
// acknowledged write survives a kill), and no RDB snapshots.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A port nobody listens on now (the kernel's choice for port 0). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether a server on `port` answers PING with PONG. */
function pong(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(500);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      reply += data;
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts redis-server; resolves when it answers. The result can `kill()` it (SIGKILL: a crash,
 * nothing flushed beyond what fsync already wrote), `start()` it again on the same port and
 * folder (it replays its append-only file), and `stop()` it for good, removing its folder.
 */
export async function startRedis() {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-engine-redis-'));
  const port = await freePort();
  let child = null;
  let exited = null;
  const server = {
    port,
    dir,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      let log = '';
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--daemonize', 'no', '--loglevel', 'warning'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child.stdout.on('data', (data) => (log += data));
      child.stderr.on('data', (data) => (log += data));
      exited = new Promise((resolve) => child.once('exit', resolve));
      const failed = await Promise.race([
        (async () => {
          for (let i = 0; i < 200; i++) {
            if (await pong(port)) return false;
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
          return true;
        })(),
        exited.then(() => true),
      ]);
      if (failed) throw new Error(`redis-server did not start on 127.0.0.1:${port}: ${log.trim() || 'no output (is it installed? scripts/setup.sh --tests installs it)'}`);
    },
    /** SIGKILL, and waits until the process is gone. */
    async kill() {
      if (child === null) return;
      child.kill('SIGKILL');
      await exited;
      child = null;
    },
    async stop() {
      if (child !== null) {
        child.kill('SIGTERM');
        await exited;
        child = null;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
