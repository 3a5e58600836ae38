// A throwaway PostgreSQL cluster for a benchmark: the machine's own PostgreSQL binaries (initdb, postgres), a data
// directory under the system's temp dir, listening on 127.0.0.1 only, on a free port, stopped and deleted at the end.
// It is there to measure on a server configured for the data set, as one would configure a production server
// (shared_buffers large enough to hold the hot tables and their indexes, SSD page costs), rather than on whatever the
// machine's shared server happens to be set to (Debian's default shared_buffers is 128 MB).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The directory of PostgreSQL's server binaries: PG_BINDIR, else the newest /usr/lib/postgresql/<n>/bin. */
function binDir() {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('No PostgreSQL server binaries found (set PG_BINDIR to the directory holding initdb).');
  return join(root, versions[0], 'bin');
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Starts a cluster with `settings` (postgresql.conf names → values). initdb refuses to run as root: as root, the
 * cluster runs as the `postgres` system user. Returns its admin URL, a one-line description and `stop()`.
 */
export async function startCluster(settings) {
  const bin = binDir();
  const dir = await mkdtemp(join(tmpdir(), 'veza-bench-pg-'));
  const data = join(dir, 'data');
  let ids = {};
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    await chown(dir, uid, gid);
    ids = { uid, gid };
  }
  execFileSync(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'], { ...ids, stdio: 'ignore' });
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  const server = spawn(join(bin, 'postgres'), args, { ...ids, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      if (i > 100 || server.exitCode !== null) throw new Error(`The benchmark's PostgreSQL did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const version = execFileSync(join(bin, 'postgres'), ['--version']).toString().trim();
  return {
    url,
    description: `${version}, own cluster on 127.0.0.1:${port} with ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(', ')}`,
    async stop() {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGINT');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
