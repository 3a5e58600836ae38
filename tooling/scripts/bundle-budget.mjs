#!/usr/bin/env node
// The first-load JavaScript budget of the web app, checked after `vite build` (apps/web's `build` script runs it, so
// `pnpm build` fails above the budget). "First load" is what the browser fetches before it can render the first
// page: the entry chunk and, transitively, every chunk it imports statically (Vite lists them as modulepreload links
// in index.html). Chunks reached only through dynamic `import()` (lazy screens and widgets) are reported, not counted,
// except those named with --with (by source path, as in the manifest): chunks the first page always fetches right
// after the entry, such as the active language's translations and the landing screen.
// Sizes are gzip level 9, in kB of 1,000 bytes: the same figures Vite prints after a build.
//
//   node tooling/scripts/bundle-budget.mjs <dist dir> --budget-kb 170 [--with src/pages/home/home.page.tsx ...]
//
// Reads <dist>/.vite/manifest.json (Vite's `build.manifest: true`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** @typedef {{ file: string, src?: string, name?: string, isEntry?: boolean, isDynamicEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[] }} ManifestChunk */
/** @typedef {Record<string, ManifestChunk>} Manifest */
/** @typedef {{ file: string, raw: number, gzip: number }} Row */

const isJs = (file) => /\.m?js$/.test(file);
/** `../../node_modules/.pnpm/hls.js@1.7.4/node_modules/hls.js/dist/x.mjs` -> `hls.js/dist/x.mjs`. */
const displayName = (src) => src.replace(/^(\.\.\/)*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');

/** Manifest keys of `start` and everything it imports statically, depth first, each once. */
export function staticClosure(manifest, start, seen = new Set()) {
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The manifest has no chunk "${key}"`);
    seen.add(key);
    for (const child of chunk.imports ?? []) visit(child);
  };
  visit(start);
  return seen;
}

/**
 * The manifest key of the app's HTML entry: index.html when the build has several pages (the embeddable player's
 * embed.html is a page of its own, not part of the app's first load); otherwise exactly one entry is expected.
 */
export function entryKey(manifest) {
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
  if (entries.length > 1 && entries.includes('index.html')) return 'index.html';
  if (entries.length !== 1) throw new Error(`Expected one entry in the manifest, found ${entries.length}: ${entries.join(', ')}`);
  return entries[0];
}

/** Raw and gzip sizes of the given output files. */
export function measureFiles(files, readFile) {
  return files.map((file) => {
    const bytes = readFile(file);
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

/**
 * The JavaScript files of the first load (the entry, plus the dynamic entries in `withKeys`, each with its static
 * imports), and of each other lazily loaded chunk beyond what the first load already has.
 */
export function analyse(manifest, readFile, withKeys = []) {
  const entry = entryKey(manifest);
  const first = staticClosure(manifest, entry);
  for (const key of withKeys) staticClosure(manifest, key, first);
  const firstLoad = measureFiles([...first].map((key) => manifest[key].file).filter(isJs), readFile);
  const lazy = Object.keys(manifest)
    .filter((key) => manifest[key].isDynamicEntry && !first.has(key))
    .map((key) => {
      const extra = [...staticClosure(manifest, key)].filter((k) => !first.has(k)).map((k) => manifest[k].file).filter(isJs);
      const rows = measureFiles(extra, readFile);
      return { name: displayName(manifest[key].src ?? manifest[key].name ?? key), raw: sum(rows, 'raw'), gzip: sum(rows, 'gzip') };
    })
    .sort((a, b) => b.gzip - a.gzip);
  return { firstLoad, lazy };
}

const sum = (rows, field) => rows.reduce((total, row) => total + row[field], 0);
const kb = (bytes) => (bytes / 1000).toFixed(2);

/** Human-readable report; `ok` is false above the budget (in bytes). */
export function report({ firstLoad, lazy }, budgetBytes, withKeys = []) {
  const total = { raw: sum(firstLoad, 'raw'), gzip: sum(firstLoad, 'gzip') };
  const width = Math.max(24, ...firstLoad.map((row) => row.file.length), ...lazy.map((row) => row.name.length)) + 2;
  const line = (label, raw, gzip) => `${label.padEnd(width)}${kb(raw).padStart(10)} kB${kb(gzip).padStart(10)} kB`;
  const out = [
    `First-load JavaScript (entry + static imports${withKeys.map((key) => ` + ${key}`).join('')})`,
    `${'chunk'.padEnd(width)}${'raw'.padStart(13)}${'gzip'.padStart(13)}`,
    ...firstLoad.map((row) => line(row.file, row.raw, row.gzip)),
    line('total', total.raw, total.gzip),
    `budget: ${kb(budgetBytes)} kB gzip`,
  ];
  if (lazy.length > 0) {
    out.push('', 'Loaded on demand (each with the chunks it adds to the first load)');
    for (const row of lazy) out.push(line(row.name, row.raw, row.gzip));
  }
  const ok = total.gzip <= budgetBytes;
  out.push(
    '',
    ok
      ? `OK: first load ${kb(total.gzip)} kB gzip ≤ ${kb(budgetBytes)} kB`
      : `OVER BUDGET: first load ${kb(total.gzip)} kB gzip > ${kb(budgetBytes)} kB. Load the new code on demand (React.lazy, import()) or raise the budget in apps/web/package.json with a reason.`,
  );
  return { ok, total, text: out.join('\n') };
}

function parseArgs(argv) {
  const args = { dist: null, budgetKb: null, with: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--budget-kb') args.budgetKb = Number(argv[++i]);
    else if (argv[i] === '--with') args.with.push(argv[++i]);
    else args.dist = argv[i];
  }
  if (!args.dist || !Number.isFinite(args.budgetKb) || args.budgetKb <= 0) {
    throw new Error('Usage: bundle-budget.mjs <dist dir> --budget-kb <kB of gzip> [--with <source path of a dynamic entry>]...');
  }
  return args;
}

/** CLI: prints the report; the exit code is 1 above the budget (or on a missing/invalid manifest). */
export function main(argv = process.argv.slice(2)) {
  const { dist, budgetKb, with: withKeys } = parseArgs(argv);
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
  const result = report(analyse(manifest, (file) => readFileSync(join(dist, file)), withKeys), budgetKb * 1000, withKeys);
  console.log(result.text);
  return result.ok ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
