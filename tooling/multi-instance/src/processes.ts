// Child processes of the multi-instance test: started with captured output, always killed at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';

/** `count` distinct free TCP ports on 127.0.0.1 (held together while asked, so none repeats, then released). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer().listen(0, '127.0.0.1'));
  await Promise.all(servers.map((s) => once(s, 'listening')));
  const ports = servers.map((s) => {
    const address = s.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

const MAX_OUTPUT = 512 * 1024;

export interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  /** stdout and stderr so far (the last 512 KB). */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  running(): boolean;
}

export function startProcess(name: string, command: string, args: string[], options: { env: Record<string, string>; cwd: string }): Proc {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > MAX_OUTPUT) output = output.slice(-MAX_OUTPUT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      keep(Buffer.from(`\n[${name}] ${String(error)}\n`));
      resolve(-1);
    });
  });
  return { name, child, output: () => output, exited, running: () => child.exitCode === null && child.signalCode === null };
}

/** Kills whatever still runs (SIGKILL) and waits for every exit. */
export async function killAll(procs: Proc[]): Promise<void> {
  for (const proc of procs) if (proc.running()) proc.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exited));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns something other than undefined/false; throws with `what` (and the check's last error) after the timeout. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

/** Waits until `url` answers 200; throws with the process's output when it exits first or the time runs out. */
export async function waitReady(proc: Proc, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!proc.running()) throw new Error(`${proc.name} exited early:\n${proc.output().slice(-4000)}`);
    const res = await fetch(url).catch(() => null);
    if (res?.status === 200) return;
    await sleep(200);
  }
  throw new Error(`${proc.name} not ready at ${url} after ${timeoutMs} ms:\n${proc.output().slice(-4000)}`);
}

/** GET one key from Redis (a single inline command over a socket: no client library for one read). */
export async function redisGet(redisUrl: string, key: string): Promise<string | null> {
  const { hostname, port } = new URL(redisUrl);
  const socket = connect(Number(port || 6379), hostname);
  socket.setTimeout(5_000, () => socket.destroy(new Error('Redis did not answer')));
  await once(socket, 'connect');
  socket.write(`*2\r\n$3\r\nGET\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n`);
  let reply = '';
  for await (const chunk of socket) {
    reply += (chunk as Buffer).toString();
    if (reply.startsWith('$-1\r\n')) break;
    const header = /^\$(\d+)\r\n/.exec(reply);
    if (header && reply.length >= header[0].length + Number(header[1]) + 2) break;
    if (reply.startsWith('-')) throw new Error(`Redis: ${reply.trim()}`);
  }
  socket.destroy();
  const header = /^\$(\d+)\r\n/.exec(reply);
  return header ? reply.slice(header[0].length, header[0].length + Number(header[1])) : null;
}
