// `npm test` after install: every check CI runs, in order, stopping at the first failure.
// Unit and integration suites run on embedded PGlite; when DATABASE_URL is set, the database-backed
// suites run a second time against PostgreSQL (each test file creates and drops a fresh database), and with
// REDIS_URL too the many-instances test runs (tooling/multi-instance).
import { spawn } from 'node:child_process';

process.env.TURBO_TELEMETRY_DISABLED = '1';
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

/** Runs a step, echoing its output, and counts the tests its runners report. */
function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const counts = { passed: 0, failed: 0 };
    let tail = '';
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
      process.stdout.write(c);
      scan(c);
    });
    child.stderr.on('data', (c) => process.stderr.write(c));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), counts }));
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
