// `npm test` after install: every check CI runs, stopping at the first failure.
// Unit and integration suites run on embedded PGlite; when DATABASE_URL is set, the database-backed
// suites run a second time against PostgreSQL (each test file creates and drops a fresh database), and with
// REDIS_URL too the many-instances test runs (tooling/multi-instance).
//
// Stages run one after another; the lanes of a stage run side by side. Vitest runs one test file at a time on this
// 2-core machine (its default is one worker per core but one), so the PGlite suites and the PostgreSQL ones, which
// share no state (each PostgreSQL test file has its own database, each PGlite one its own cluster, and only the
// PostgreSQL lane is given Redis), run at the same time, one core each. Lines of a lane are prefixed with its name.
import { spawn } from 'node:child_process';

process.env.TURBO_TELEMETRY_DISABLED = '1';
// Test runners print each test as it starts (tooling/scripts/vitest-start-reporter.mjs), for a hang's report.
process.env.VEZA_TRACE_TESTS = '1';
/** The embedded defaults: no PostgreSQL, no Redis (the Redis paths are tested in the PostgreSQL lane). */
const embedded = { ...process.env };
delete embedded.DATABASE_URL;
delete embedded.REDIS_URL;

const step = (name, command, env) => ({ name, command, env });
const production = [];
if (process.env.DATABASE_URL) {
  production.push(step('Integration tests (PostgreSQL, Redis)', ['pnpm', 'run', '-s', 'test:pg'], process.env));
}
if (process.env.DATABASE_URL && process.env.REDIS_URL) {
  production.push(
    step('Many instances (HAProxy, two servers, a worker, Prometheus)', ['pnpm', '--filter', '@veza/multi-instance', 'run', '-s', 'test:multi'], process.env),
  );
}
production.push(step('Storybook build', ['pnpm', 'run', '-s', 'storybook:build'], process.env));

/** Stages, in order; each stage is a list of lanes ([name, steps]) run side by side. */
const stages = [
  [['', [step('System packages (Chromium, ffmpeg, HAProxy, Prometheus)', ['node', 'tooling/scripts/ensure-system-deps.mjs'], process.env)]]],
  [['', [step('Typecheck', ['pnpm', 'run', '-s', 'typecheck'], process.env)]]],
  [['', [step('Lint', ['pnpm', 'run', '-s', 'lint'], process.env)]]],
  [
    ['pglite', [step('Unit and integration tests (PGlite)', ['pnpm', 'run', '-s', 'test:unit'], embedded)]],
    ['postgres', production],
  ],
  [['', [step('Stories (every story rendered in Chromium, its play function run)', ['pnpm', 'exec', 'vitest', 'run', '--config', 'vitest.storybook.config.ts'], embedded)]]],
  [['', [step('Build', ['pnpm', 'run', '-s', 'build'], process.env), step('End-to-end tests (Chromium)', ['pnpm', 'exec', 'playwright', 'test'], embedded)]]],
];

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

/** The running steps' processes, stopped with their groups when CI itself is stopped or a lane fails. */
const running = new Set();
const stopAll = () => {
  for (const child of running) killGroup(child.pid, 'SIGKILL');
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll();
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
function run(cmd, args, env, lane) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out = echo(process.stdout, lane);
    const err = echo(process.stderr, lane);
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
      out.write(c);
      remember(c);
      scan(c);
    });
    child.stderr.on('data', (c) => {
      lastOutput = Date.now();
      err.write(c);
      remember(c);
    });
    let hung = false;
    const watchdog = setInterval(async () => {
      if (hung || Date.now() - lastOutput < SILENCE_LIMIT_MS) return;
      hung = true;
      console.error(`\n✖ ${lane ? `[${lane}] ` : ''}No output for ${Math.round(SILENCE_LIMIT_MS / 60_000)} min: taken as hung. Processes running:\n${await processTree()}`);
      console.error(`Its last ${recent.length} lines of output (a test runner's last "▷" line names the test that hung):\n${recent.join('\n')}`);
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000).unref();
    }, 10_000);
    running.add(child);
    let settled = false;
    const finish = (code) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      child.stdout.destroy();
      child.stderr.destroy();
      killGroup(child.pid, 'SIGKILL');
      running.delete(child);
      out.end();
      err.end();
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

/**
 * Writes a step's output to `stream`: as it comes when its lane runs alone, else line by line with the lane's name in
 * front, so that two lanes' lines interleave but never mix.
 */
function echo(stream, lane) {
  if (!lane) return { write: (chunk) => stream.write(chunk), end: () => {} };
  let partial = '';
  return {
    write(chunk) {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      if (lines.length) stream.write(lines.map((line) => `[${lane}] ${line}\n`).join(''));
    },
    end() {
      if (partial) stream.write(`[${lane}] ${partial}\n`);
      partial = '';
    },
  };
}

const started = Date.now();
const total = { passed: 0, failed: 0 };
let failure = null;

/** Runs a lane's steps in order; the first failure anywhere stops every lane. */
async function runLane(lane, steps) {
  const tag = lane ? `[${lane}] ` : '';
  for (const { name, command, env } of steps) {
    if (failure) return;
    console.log(`\n${tag}▶ ${name}`);
    const t0 = Date.now();
    const [cmd, ...args] = command;
    const { code, counts } = await run(cmd, args, env, lane);
    total.passed += counts.passed;
    total.failed += counts.failed;
    if (failure) return;
    if (code !== 0) {
      failure = { name, code };
      console.error(`\n✖ ${tag}${name} failed (exit ${code}).`);
      stopAll();
      return;
    }
    console.log(`${tag}✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

for (const lanes of stages) {
  const t0 = Date.now();
  await Promise.all(lanes.map(([lane, steps]) => runLane(lane, steps)));
  if (failure) {
    console.log(`${total.passed} passed, ${Math.max(total.failed, 1)} failed`);
    process.exit(failure.code || 1);
  }
  if (lanes.length > 1) console.log(`✔ ${lanes.map(([lane]) => lane).join(' ‖ ')} side by side (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
console.log(`${total.passed} passed, ${total.failed} failed`);
