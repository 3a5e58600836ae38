import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { FfmpegError } from './errors.ts';
import type { AudioFormat } from './probe.ts';

/** Where to look for system binaries when the caller does not pass its own PATH (we never read process.env here). */
const DEFAULT_SEARCH_PATH = '/usr/local/bin:/usr/bin:/bin';
/** The only environment the child sees: no secrets, no proxy variables, no locale surprises. */
const CHILD_ENV = { PATH: '/usr/bin:/bin', LC_ALL: 'C', AV_LOG_FORCE_NOCOLOR: '1' };
const STDERR_TAIL_LINES = 64;
const MAX_CAPTURED_STDOUT = 4 * 1024 * 1024;

export interface ResolveOptions {
  /** An explicit binary (from the app's env.ts); used as is when executable. */
  override?: string;
  /** A PATH-style list of directories; defaults to /usr/local/bin:/usr/bin:/bin. */
  searchPath?: string;
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const findOnPath = (name: string, { override, searchPath = DEFAULT_SEARCH_PATH }: ResolveOptions) => {
  if (override && isExecutable(override)) return resolve(override);
  for (const dir of searchPath.split(':')) {
    if (!dir) continue;
    const candidate = resolve(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
};

const npmFfmpeg = () => {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  try {
    const pkg = createRequire(import.meta.url).resolve('@ffmpeg-installer/linux-x64/package.json');
    const binary = join(dirname(pkg), 'ffmpeg');
    return isExecutable(binary) ? binary : null;
  } catch {
    return null;
  }
};

/** The system ffmpeg when there is one (current, patched by the OS), else the npm-shipped 2018 static build. */
export function resolveFfmpeg(options: ResolveOptions = {}): string {
  const found = findOnPath('ffmpeg', options) ?? npmFfmpeg();
  if (!found) throw new Error('No ffmpeg binary found: install ffmpeg or the @ffmpeg-installer/linux-x64 package.');
  return found;
}

/** The system ffprobe, or null: the npm ffprobe builds crash on some inputs, so callers fall back to music-metadata. */
export function resolveFfprobe(options: ResolveOptions = {}): string | null {
  return findOnPath('ffprobe', options);
}

/** ffmpeg demuxer for each sniffed container. Forcing it means a disguised playlist is never parsed as one. */
export const DEMUXERS: Record<AudioFormat, string> = { mp3: 'mp3', wav: 'wav', flac: 'flac', ogg: 'ogg', m4a: 'mov', aiff: 'aiff' };

/** Input options for an untrusted file: local files only, the demuxer we sniffed, an absolute `file:` URL. */
export function inputArgs(path: string, format: AudioFormat): string[] {
  return ['-protocol_whitelist', 'file,pipe', '-f', DEMUXERS[format], '-i', `file:${resolve(path)}`];
}

export interface RunOptions {
  /** Wall-clock limit; the process is SIGKILLed when it is reached. */
  timeoutMs: number;
  signal?: AbortSignal;
  onStderrLine?: (line: string) => void;
  /** Asks for `-progress pipe:1` and reports the output position in milliseconds. */
  onProgress?: (outTimeMs: number) => void;
  /** Raw stdout chunks (e.g. decoded PCM). Not together with onProgress. */
  onStdout?: (chunk: Buffer) => void;
  /** Defaults to `error`; `info` only for filters that report at that level (ebur128's summary). */
  logLevel?: 'error' | 'warning' | 'info';
  /** The binary to run; defaults to resolveFfmpeg() / resolveFfprobe(). */
  binary?: string;
  /** Working directory (the output folder). */
  cwd?: string;
}

interface RunResult {
  stdout: string;
  stderr: string;
}

let cachedFfmpeg: string | undefined;
let cachedFfprobe: string | null | undefined;

/** Runs ffmpeg with an argument array (no shell), hardened prefix, timeout and abort. Resolves with the stderr tail. */
export async function runFfmpeg(args: string[], options: RunOptions): Promise<{ stderr: string }> {
  const binary = options.binary ?? (cachedFfmpeg ??= resolveFfmpeg());
  const progress = options.onProgress ? ['-progress', 'pipe:1'] : [];
  const prefix = ['-hide_banner', '-nostdin', '-nostats', '-v', options.logLevel ?? 'error', ...progress];
  const { stderr } = await runProcess(binary, [...prefix, ...args], options);
  return { stderr };
}

/** Runs ffprobe the same way and returns its stdout (JSON when asked for). */
export async function runFfprobe(args: string[], options: RunOptions): Promise<RunResult> {
  const binary = options.binary ?? (cachedFfprobe === undefined ? (cachedFfprobe = resolveFfprobe()) : cachedFfprobe);
  if (!binary) throw new Error('No ffprobe binary found.');
  return runProcess(binary, ['-hide_banner', '-v', options.logLevel ?? 'error', ...args], { ...options, onProgress: undefined });
}

function runProcess(binary: string, args: string[], options: RunOptions): Promise<RunResult> {
  const { timeoutMs, signal, onStderrLine, onProgress, onStdout } = options;
  return new Promise((resolvePromise, reject) => {
    if (signal?.aborted) {
      reject(new FfmpegError({ exitCode: null, killSignal: null, aborted: true, stderrTail: [] }));
      return;
    }
    const child = spawn(binary, args, { cwd: options.cwd, env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const tail: string[] = [];
    let stdoutText = '';
    let stdoutBytes = 0;
    let stderrRest = '';
    let progressRest = '';
    let timedOut = false;
    let aborted = false;
    let callbackError: unknown;

    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const guard = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        callbackError ??= error;
        kill();
      }
    };
    const timer = setTimeout(
      () => {
        timedOut = true;
        kill();
      },
      Math.min(Math.max(0, timeoutMs), 2 ** 31 - 1), // larger delays overflow and fire at once
    );
    const onAbort = () => {
      aborted = true;
      kill();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const pushLine = (line: string) => {
      if (!line) return;
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      if (onStderrLine) guard(() => onStderrLine(line));
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      const lines = (stderrRest + text).split(/\r?\n|\r/);
      stderrRest = lines.pop() ?? '';
      lines.forEach(pushLine);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (onStdout) return guard(() => onStdout(chunk));
      if (onProgress) {
        const lines = (progressRest + chunk.toString('utf8')).split('\n');
        progressRest = lines.pop() ?? '';
        for (const line of lines) {
          // out_time_us is the position in microseconds; old builds only print out_time_ms, which is also microseconds.
          const match = /^out_time_(?:us|ms)=(\d+)/.exec(line);
          if (match) guard(() => onProgress(Number(match[1]) / 1000));
        }
        return;
      }
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_CAPTURED_STDOUT) {
        callbackError ??= new Error('ffprobe printed more than 4 MB.');
        kill();
      } else stdoutText += chunk.toString('utf8');
    });

    child.on('error', (error) => {
      callbackError ??= error;
    });
    child.on('close', (exitCode, killSignal) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      pushLine(stderrRest);
      if (exitCode === 0 && !timedOut && !aborted && callbackError === undefined) {
        resolvePromise({ stdout: stdoutText, stderr: tail.join('\n') });
        return;
      }
      reject(new FfmpegError({ exitCode, killSignal, timedOut, aborted, stderrTail: [...tail], cause: callbackError }));
    });
  });
}
