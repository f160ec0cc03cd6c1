/**
 * Benchmark (not a test): topodoc's renderer vs. one `mmdc` run per diagram.
 *
 *   node_modules/.bin/node bench/render.bench.ts [--n=30 | --reference] [--repeat=3] [--mmdc-limit=K] [--keep]
 *
 * Writes N sample diagrams to a temp dir, renders them with renderDiagrams (force, cold; the
 * median of --repeat runs, each with its own browser), again without force (warm, in this
 * process and in a fresh Node process), then runs
 * `node_modules/.bin/mmdc -p puppeteer-config.json -i x.mmd -o x.svg` once per diagram
 * (or for the first K and extrapolates), with the system Chromium.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, findChromium } from '../src/render/chromium.ts';
import { findDiagramFiles, renderDiagrams } from '../src/render/render-all.ts';
import { sampleDiagrams } from './render-samples.ts';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const requested = Number(arg('n') ?? 30);
const repeat = Math.max(1, Number(arg('repeat') ?? 3));
const keep = process.argv.includes('--keep');

function svgSizes(dir: string): number[] {
  const sizes: number[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.svg')) sizes.push(statSync(p).size);
    }
  };
  walk(dir);
  return sizes;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const work = mkdtempSync(join(tmpdir(), 'topodoc-bench-'));
const diagramsDir = join(work, 'diagrams');
const outDir = join(work, 'public', 'diagrams');
const mmdcOut = join(work, 'mmdc');
// --reference: the repository's own generated diagrams (diagrams/**/*.mmd) instead of samples.
const samples = process.argv.includes('--reference')
  ? findDiagramFiles(join(projectDir, 'diagrams')).map((f) => ({ path: `${f.name}.mmd`, source: readFileSync(f.file, 'utf8') }))
  : sampleDiagrams(requested);
const count = samples.length;
const mmdcLimit = Math.min(count, Number(arg('mmdc-limit') ?? count));
for (const { path, source } of samples) {
  mkdirSync(dirname(join(diagramsDir, path)), { recursive: true });
  writeFileSync(join(diagramsDir, path), source);
}

const chromium = findChromium();
const puppeteerConfig = join(work, 'puppeteer-config.json');
writeFileSync(puppeteerConfig, `${JSON.stringify({ executablePath: chromium, args: [...CHROMIUM_FLAGS] }, null, 2)}\n`);

console.log(`topodoc render benchmark: ${count} diagrams in ${work} (Chromium ${chromium})`);

const coldRuns: number[] = [];
let cold = { rendered: 0 };
for (let i = 0; i < repeat; i++) {
  const started = performance.now();
  cold = await renderDiagrams({ rootDir: diagramsDir, outDir, force: true });
  coldRuns.push(performance.now() - started);
}
const sorted = [...coldRuns].sort((a, b) => a - b);
const coldMs = sorted[Math.floor(sorted.length / 2)] ?? 0;

let t = performance.now();
const warm = await renderDiagrams({ rootDir: diagramsDir, outDir });
const warmMs = performance.now() - t;

// A warm build step as CI runs it: a fresh Node process that finds everything cached.
const script = `import { renderDiagrams } from ${JSON.stringify(join(projectDir, 'src/render/render-all.ts'))};
const s = await renderDiagrams({ rootDir: ${JSON.stringify(diagramsDir)}, outDir: ${JSON.stringify(outDir)} });
if (s.rendered !== 0) process.exit(1);`;
t = performance.now();
const fresh = spawnSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
const warmProcessMs = performance.now() - t;
if (fresh.status !== 0) throw new Error('warm run in a fresh process rendered something');

const ours = svgSizes(outDir);

// mmdc's `#!/usr/bin/env node` must find this project's Node, not the system one.
const env = { ...process.env, PATH: `${join(projectDir, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}` };
mkdirSync(mmdcOut, { recursive: true });
t = performance.now();
for (const [i, { path }] of samples.slice(0, mmdcLimit).entries()) {
  const output = join(mmdcOut, `${i}.svg`);
  const r = spawnSync(join(projectDir, 'node_modules', '.bin', 'mmdc'), ['-q', '-p', puppeteerConfig, '-i', join(diagramsDir, path), '-o', output], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mmdc failed on ${path}: ${r.stderr}`);
}
const mmdcMeasuredMs = performance.now() - t;
const mmdcMs = (mmdcMeasuredMs / Math.max(1, mmdcLimit)) * count;
const theirs = svgSizes(mmdcOut);

const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const rows: Array<[string, string, string, string]> = [
  ['run', 'time', 'per diagram', 'SVG size avg / max'],
  [`topodoc cold (force, ${cold.rendered} rendered, median of ${repeat})`, secs(coldMs), `${Math.round(coldMs / count)} ms`, `${kb(avg(ours))} / ${kb(Math.max(...ours))}`],
  [`topodoc warm (${warm.cached} cached, same process)`, secs(warmMs), '-', '-'],
  ['topodoc warm (fresh node process)', secs(warmProcessMs), '-', '-'],
  [
    `mmdc once per diagram${mmdcLimit < count ? ` (${mmdcLimit} run, extrapolated)` : ''}`,
    secs(mmdcMs),
    `${Math.round(mmdcMs / count)} ms`,
    `${kb(avg(theirs))} / ${kb(Math.max(...theirs))}`,
  ],
];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
}
console.log(`\ntopodoc cold runs: ${coldRuns.map((ms) => secs(ms)).join(', ')}`);
console.log(`speed-up cold (median) vs mmdc: ${(mmdcMs / coldMs).toFixed(1)}x`);
if (!keep) rmSync(work, { recursive: true, force: true });
