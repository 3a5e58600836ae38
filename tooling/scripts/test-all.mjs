// `npm test` after install: every check CI runs, in order, stopping at the first failure.
// Unit and integration suites run on embedded PGlite; when DATABASE_URL is set, the database-backed
// suites run a second time against PostgreSQL (each test file creates and drops a fresh database), and with
// REDIS_URL too the many-instances test runs (tooling/multi-instance).
import { spawn } from 'node:child_process';

process.env.TURBO_TELEMETRY_DISABLED = '1';
// Test runners print each test as it starts (tooling/scripts/vitest-start-reporter.mjs), for a hang's report.
process.env.VEZA_TRACE_TESTS = '1';
const withoutDb = { ...process.env };
delete withoutDb.DATABASE_URL;

const steps = [
  ['System packages (Chromium, ffmpeg, HAProxy, Prometheus)', ['node', 'tooling/scripts/ensure-system-deps.mjs'], process.env],
  ['Typecheck', ['pnpm', 'run', '-s', 'typecheck'], process.env],
  ['Lint', ['pnpm', 'run', '-s', 'lint'], process.env],
  ['Unit and integration tests (PGlite)', ['pnpm', 'run', '-s', 'test:unit'], withoutDb],
];
if (process.env.DATABASE_URL) {
  steps.push([
    'Integration tests (PostgreSQL)',
    ['pnpm', 'run', '-s', 'test:pg'],
    process.env,
  ]);
}
if (process.env.DATABASE_URL && process.env.REDIS_URL) {
  steps.push([
    'Many instances (HAProxy, two servers, a worker, Prometheus)',
    ['pnpm', '--filter', '@veza/multi-instance', 'run', '-s', 'test:multi'],
    process.env,
  ]);
}
steps.push(
  ['Storybook build', ['pnpm', 'run', '-s', 'storybook:build'], process.env],
  ['Stories (every story rendered in Chromium, its play function run)', ['pnpm', 'exec', 'vitest', 'run', '--config', 'vitest.storybook.config.ts'], withoutDb],
  ['Build', ['pnpm', 'run', '-s', 'build'], process.env],
  ['End-to-end tests (Chromium)', ['pnpm', 'exec', 'playwright', 'test'], withoutDb],
);

/** A step that prints nothing for this long is taken as hung: what is still running is shown, then it is stopped. */
const SILENCE_LIMIT_MS = Number(process.env.CI_STEP_SILENCE_MS ?? 8 * 60_000);
/** How many of a step's last output lines a hang's report repeats. */
const RECENT_LINES = 40;

/** Every process still running under `pid` (the step's process group leader), as a tree, for a hung step's report. */
function processTree() {
  return new Promise((resolve) => {
    const ps = spawn('ps', ['-eo', 'pid,ppid,pgid,etime,pcpu,rss,args', '--forest'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    ps.stdout.on('data', (c) => (out += c));
    ps.on('close', () => resolve(out));
    ps.on('error', () => resolve('(ps unavailable)'));
  });
}

/** The running step's process, stopped with its group when CI itself is stopped. */
let current = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current) killGroup(current.pid, 'SIGKILL');
    process.exit(1);
  });
}

/** Sends `signal` to the step's whole process group; a group already gone is not an error. */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Runs a step in a process group of its own, echoing its output, and counts the tests its runners report. The step
 * ends when its process exits, not when every copy of its output pipes is closed: a grandchild left behind (a browser, a
 * server a test spawned) would otherwise hold them open for ever. What is left of the group afterwards is killed. A
 * step silent for SILENCE_LIMIT_MS is reported with the processes still running and stopped, so a hang fails with a
 * cause instead of running into CI's time limit.
 */
function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const counts = { passed: 0, failed: 0 };
    let tail = '';
    let lastOutput = Date.now();
    /** The step's last lines (both streams): shown again after a hang's process tree, which would push them away. */
    const recent = [];
    const remember = (chunk) => {
      recent.push(...chunk.toString().split('\n').filter((line) => line.trim()));
      if (recent.length > RECENT_LINES) recent.splice(0, recent.length - RECENT_LINES);
    };
    const scan = (chunk) => {
      const text = tail + chunk.toString();
      const lines = text.split('\n');
      tail = lines.pop() ?? '';
      for (const raw of lines) {
        const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
        const vitest = line.match(/^(?:.*:)?\s*Tests\s+(?:(\d+) failed \| )?(\d+) passed/);
        if (vitest) {
          counts.failed += Number(vitest[1] ?? 0);
          counts.passed += Number(vitest[2]);
        }
        const pw = line.match(/^\s+(\d+) (passed|failed)(?: \(|$)/);
        if (pw && !line.includes('Tests')) counts[pw[2]] += Number(pw[1]);
      }
    };
    child.stdout.on('data', (c) => {
      lastOutput = Date.now();
      process.stdout.write(c);
      remember(c);
      scan(c);
    });
    child.stderr.on('data', (c) => {
      lastOutput = Date.now();
      process.stderr.write(c);
      remember(c);
    });
    let hung = false;
    const watchdog = setInterval(async () => {
      if (hung || Date.now() - lastOutput < SILENCE_LIMIT_MS) return;
      hung = true;
      console.error(`\n✖ No output for ${Math.round(SILENCE_LIMIT_MS / 60_000)} min: taken as hung. Processes running:\n${await processTree()}`);
      console.error(`Its last ${recent.length} lines of output (a test runner's last "▷" line names the test that hung):\n${recent.join('\n')}`);
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000).unref();
    }, 10_000);
    current = child;
    let settled = false;
    const finish = (code) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      child.stdout.destroy();
      child.stderr.destroy();
      killGroup(child.pid, 'SIGKILL');
      current = null;
      resolve({ code: hung ? 1 : code, counts });
    };
    child.on('error', (error) => {
      console.error(error);
      finish(1);
    });
    child.on('exit', (code, signal) => {
      // Output still in the pipes is read first (bounded: a leftover process may keep them open).
      const exitCode = code ?? (signal ? 1 : 0);
      let drained = 0;
      const done = () => ++drained === 2 && finish(exitCode);
      for (const stream of [child.stdout, child.stderr]) {
        if (stream.readableEnded) done();
        else stream.once('end', done);
      }
      setTimeout(() => finish(exitCode), 2_000).unref();
    });
  });
}

const started = Date.now();
const total = { passed: 0, failed: 0 };
for (const [name, [cmd, ...args], env] of steps) {
  console.log(`\n▶ ${name}`);
  const t0 = Date.now();
  const { code, counts } = await run(cmd, args, env);
  total.passed += counts.passed;
  total.failed += counts.failed;
  if (code !== 0) {
    console.error(`\n✖ ${name} failed (exit ${code}).`);
    console.log(`${total.passed} passed, ${Math.max(total.failed, 1)} failed`);
    process.exit(code || 1);
  }
  console.log(`✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
console.log(`${total.passed} passed, ${total.failed} failed`);
