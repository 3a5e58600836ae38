import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./bundle-budget.mjs', import.meta.url));

/** A fake `vite build` output: random bytes do not compress, so each file's gzip size is its size plus ~30 bytes. */
function fixture(files, manifest) {
  const dist = mkdtempSync(join(tmpdir(), 'bundle-budget-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, '.vite'));
  for (const [file, size] of Object.entries(files)) writeFileSync(join(dist, file), randomBytes(size));
  writeFileSync(join(dist, '.vite/manifest.json'), JSON.stringify(manifest));
  return dist;
}

const run = (dist, budgetKb, extra = []) => {
  const { status, stdout, stderr } = spawnSync(process.execPath, [script, dist, '--budget-kb', String(budgetKb), ...extra], { encoding: 'utf8' });
  return { status, out: stdout + stderr };
};

// index.html -> entry.js -> (react.js -> shared.js); lazy page.js -> (shared.js, page-dep.js); a stylesheet.
const manifest = {
  'index.html': { file: 'assets/entry.js', isEntry: true, imports: ['_react.js'], dynamicImports: ['src/page.tsx'], css: ['assets/app.css'] },
  '_react.js': { file: 'assets/react.js', name: 'react', imports: ['_shared.js'] },
  '_shared.js': { file: 'assets/shared.js', name: 'shared' },
  'src/page.tsx': { file: 'assets/page.js', src: 'src/page.tsx', isDynamicEntry: true, imports: ['_shared.js', '_page-dep.js'] },
  '_page-dep.js': { file: 'assets/page-dep.js', name: 'page-dep' },
};
const sizes = {
  'assets/entry.js': 20_000,
  'assets/react.js': 50_000,
  'assets/shared.js': 10_000,
  'assets/page.js': 30_000,
  'assets/page-dep.js': 40_000,
  'assets/app.css': 90_000,
};

describe('bundle-budget', () => {
  let dist;
  beforeAll(() => {
    dist = fixture(sizes, manifest);
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('counts the entry and its static imports, not lazy chunks or CSS, and passes under the budget', () => {
    const { status, out } = run(dist, 81);
    expect(status).toBe(0);
    const firstLoad = out.split('\n\n')[0];
    for (const file of ['assets/entry.js', 'assets/react.js', 'assets/shared.js']) expect(firstLoad).toContain(file);
    for (const file of ['page.js', 'page-dep.js', 'app.css']) expect(firstLoad).not.toContain(file);
    // 80,000 incompressible bytes: a little over 80 kB once gzipped (headers), under 81.
    expect(out).toMatch(/^total\s+80\.00 kB\s+80\.\d\d kB$/m);
    expect(out).toContain('OK: first load 80.');
  });

  it('reports each lazy chunk with what it adds beyond the first load', () => {
    const { out } = run(dist, 81);
    // page.js + page-dep.js; shared.js is already loaded.
    expect(out).toMatch(/^src\/page\.tsx\s+70\.00 kB\s+70\.\d\d kB$/m);
  });

  it('fails above the budget, saying by how much', () => {
    const { status, out } = run(dist, 79);
    expect(status).toBe(1);
    expect(out).toMatch(/OVER BUDGET: first load 80\.\d\d kB gzip > 79\.00 kB/);
  });

  it('counts the lazy chunks named with --with (the landing screen) in the first load, once each', () => {
    const { status, out } = run(dist, 151, ['--with', 'src/page.tsx']);
    expect(status).toBe(0);
    // entry + react + shared + page + page-dep: shared is counted once.
    expect(out).toMatch(/^total\s+150\.00 kB\s+150\.\d\d kB$/m);
    expect(out.split('\n\n')[0]).toContain('assets/page-dep.js');
    expect(out).not.toContain('Loaded on demand');
    expect(run(dist, 149, ['--with', 'src/page.tsx']).status).toBe(1);
  });

  it('fails on a --with that names no chunk (a renamed screen)', () => {
    const { status, out } = run(dist, 500, ['--with', 'src/gone.tsx']);
    expect(status).toBe(1);
    expect(out).toContain('The manifest has no chunk "src/gone.tsx"');
  });

  it('fails when there is no manifest (the build did not write one)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'bundle-budget-'));
    try {
      const { status, out } = run(empty, 170);
      expect(status).toBe(1);
      expect(out).toContain('manifest.json');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses a missing budget', () => {
    const { status, stderr } = spawnSync(process.execPath, [script, dist], { encoding: 'utf8' });
    expect(status).toBe(1);
    expect(stderr).toContain('Usage: bundle-budget.mjs <dist dir> --budget-kb');
  });
});
