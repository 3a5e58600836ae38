// A small production-like cluster on 127.0.0.1: HAProxy (deploy/haproxy/haproxy.cfg) in front of two servers, one
// worker, a fresh PostgreSQL database, this machine's Redis, an S3 bucket (s3rver) and a real Prometheus loaded with
// deploy/prometheus/alerts.yml. Every port is free-picked; `stop()` kills every process and removes every file.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@veza/db/testing';
import S3rver from 's3rver';
import { DEPLOY_DIR, REPO_ROOT } from './queries.ts';
import { freePorts, killAll, startProcess, waitReady, type Proc } from './processes.ts';

export interface Instance {
  name: string;
  proc: Proc;
  /** http://127.0.0.1:<port> */
  origin: string;
  metricsPort: number;
}

export interface Cluster {
  /** HAProxy's frontend. */
  origin: string;
  servers: [Instance, Instance];
  worker: Instance;
  haproxy: Proc;
  prometheus: Proc | null;
  prometheusOrigin: string;
  metricsToken: string;
  /** The fresh PostgreSQL database every process uses. */
  databaseUrl: string;
  startPrometheus(): Promise<void>;
  /** Starts a new version of a stopped server on the same ports (a rolling deploy), and waits until it is ready. */
  replaceServer(index: 0 | 1): Promise<Instance>;
  stop(): Promise<void>;
}

const HAPROXY = '/usr/sbin/haproxy';
const BUCKET = 'veza-multi';

/** deploy/haproxy/haproxy.cfg with local binds and the two servers in place of the DNS server-template. */
export async function haproxyConfig(frontendPort: number, statsPort: number, servers: { name: string; port: number }[]): Promise<string> {
  const cfg = await readFile(join(DEPLOY_DIR, 'haproxy', 'haproxy.cfg'), 'utf8');
  const replaced = cfg
    .replace(/^\s*bind :8080$/m, `  bind 127.0.0.1:${frontendPort}`)
    .replace(/^\s*bind :8404$/m, `  bind 127.0.0.1:${statsPort}`)
    .replace(/^\s*server-template .*$/m, servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port}`).join('\n'))
    // No Docker DNS here, and the file-descriptor limit of a test machine.
    .replace(/^resolvers docker\n(?:[ \t]+.*\n)+/m, '')
    .replace(/^(\s*)maxconn \d+$/m, '$1maxconn 2000');
  for (const marker of [`127.0.0.1:${frontendPort}`, `127.0.0.1:${statsPort}`, ...servers.map((s) => `127.0.0.1:${s.port}`)]) {
    if (!replaced.includes(marker)) throw new Error(`deploy/haproxy/haproxy.cfg changed shape: could not place ${marker}`);
  }
  return replaced;
}

/** `path`: the PATH the processes get (where node's helpers, haproxy and prometheus are found). */
export async function startCluster(env: { redisUrl: string; postgresUrl: string; path: string }): Promise<Cluster> {
  const work = await mkdtemp(join(tmpdir(), 'veza-multi-'));
  const procs: Proc[] = [];
  let db: TestDatabase | null = null;
  let s3: S3rver | null = null;
  const cleanup = async () => {
    await killAll(procs);
    await s3?.close().catch(() => undefined);
    await db?.destroy().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  };
  try {
    // Migrated once here, so the instances start on an up-to-date schema (as after the compose `migrate` step).
    db = await createTestDatabase(env.postgresUrl);
    const databaseUrl = db.url;
    await db.close();
    if (!databaseUrl) throw new Error('createTestDatabase gave no PostgreSQL URL');

    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: join(work, 's3'), configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port: s3Port } = await s3.run();

    const ports = await freePorts(8);
    const port = (i: number) => ports[i] ?? 0;
    const [frontendPort, statsPort, prometheusPort, portA, portB, metricsA, metricsB, metricsW] = [0, 1, 2, 3, 4, 5, 6, 7].map(port) as [number, number, number, number, number, number, number, number];
    const metricsToken = randomBytes(24).toString('base64url');
    const uploadDir = join(work, 'uploads');
    await mkdir(uploadDir);
    const origin = `http://127.0.0.1:${frontendPort}`;
    const common: Record<string, string> = {
      PATH: env.path,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_URL: env.redisUrl,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      PUBLIC_ORIGIN: origin,
      TRUST_PROXY: 'true',
      WORKER_IN_PROCESS: 'false',
      STORAGE: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_FORCE_PATH_STYLE: 'true',
      S3_BUCKET: BUCKET,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      UPLOAD_DIR: uploadDir,
      SHUTDOWN_DRAIN_SECONDS: '4',
      METRICS_HOST: '127.0.0.1',
      METRICS_TOKEN: metricsToken,
      WEB_DIST: join(work, 'no-web'),
    };
    const node = process.execPath;
    const startInstance = async (name: string, script: string, port: number, metricsPort: number, dataDir = join(work, name)): Promise<Instance> => {
      const proc = startProcess(name, node, [script], {
        cwd: REPO_ROOT,
        env: { ...common, PORT: String(port), DATA_DIR: dataDir, METRICS_PORT: String(metricsPort) },
      });
      procs.push(proc);
      return { name, proc, origin: `http://127.0.0.1:${port}`, metricsPort };
    };
    const a = await startInstance('server-a', 'apps/server/src/main.ts', portA, metricsA);
    const b = await startInstance('server-b', 'apps/server/src/main.ts', portB, metricsB);
    const worker = await startInstance('worker', 'apps/server/src/worker.ts', 0, metricsW);
    await Promise.all([waitReady(a.proc, `${a.origin}/readyz`), waitReady(b.proc, `${b.origin}/readyz`)]);

    await writeFile(join(work, 'haproxy.cfg'), await haproxyConfig(frontendPort, statsPort, [{ name: 'a', port: portA }, { name: 'b', port: portB }]));
    const haproxy = startProcess('haproxy', HAPROXY, ['-db', '-f', join(work, 'haproxy.cfg')], { cwd: work, env: { PATH: env.path } });
    procs.push(haproxy);
    await waitReady(haproxy, `${origin}/readyz`, 15_000);

    const prometheusOrigin = `http://127.0.0.1:${prometheusPort}`;
    const cluster: Cluster = {
      origin,
      servers: [a, b],
      worker,
      haproxy,
      prometheus: null,
      prometheusOrigin,
      metricsToken,
      databaseUrl,
      async startPrometheus() {
        const scrape = (job: string, ports: number[]) =>
          `  - job_name: ${job}\n    authorization:\n      credentials: ${metricsToken}\n    static_configs:\n      - targets: [${ports.map((p) => `'127.0.0.1:${p}'`).join(', ')}]\n`;
        const config =
          `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - ${join(DEPLOY_DIR, 'prometheus', 'alerts.yml')}\nscrape_configs:\n` +
          scrape('veza-server', [metricsA, metricsB]) +
          scrape('veza-worker', [metricsW]);
        await writeFile(join(work, 'prometheus.yml'), config);
        const proc = startProcess('prometheus', 'prometheus', [
          `--config.file=${join(work, 'prometheus.yml')}`,
          `--storage.tsdb.path=${join(work, 'prometheus-data')}`,
          `--web.listen-address=127.0.0.1:${prometheusPort}`,
          '--log.level=warn',
        ], { cwd: work, env: { PATH: env.path } });
        procs.push(proc);
        cluster.prometheus = proc;
        await waitReady(proc, `${prometheusOrigin}/-/ready`, 30_000);
      },
      async replaceServer(index) {
        const old = cluster.servers[index];
        if (old.proc.running()) throw new Error(`${old.name} still runs`);
        const port = Number(new URL(old.origin).port);
        const next = await startInstance(`${old.name}-v2`, 'apps/server/src/main.ts', port, old.metricsPort, join(work, old.name));
        await waitReady(next.proc, `${next.origin}/readyz`);
        cluster.servers[index] = next;
        return next;
      },
      stop: cleanup,
    };
    return cluster;
  } catch (error) {
    await cleanup();
    throw error;
  }
}
