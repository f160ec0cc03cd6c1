/**
 * Benchmark (not a test): `topodoc render --force` vs. one `mmdc` run per diagram.
 *
 *   node_modules/.bin/node bench/render.bench.ts [--samples=N] [--repeat=3] [--mmdc-limit=K] [--keep]
 *
 * Copies the repository's generated diagrams (every .mmd below diagrams/; or N made-up samples
 * with --samples) to a temp dir and runs the CLI as a user does, a fresh `topodoc render --force`
 * process each time (the median of --repeat runs), and
 * `node_modules/.bin/mmdc -p puppeteer-config.json -i x.mmd -o x.svg` once per diagram (or for the
 * first K, extrapolated), with the same system Chromium, in interleaved rounds; then a warm
 * `topodoc render` (nothing changed).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, findChromium } from '../src/render/chromium.ts';
import { findDiagramFiles } from '../src/render/render-all.ts';
import { sampleDiagrams } from './render-samples.ts';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
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
const samplesWanted = arg('samples');
const samples =
  samplesWanted === undefined
    ? findDiagramFiles(join(projectDir, 'diagrams')).map((f) => ({ path: `${f.name}.mmd`, source: readFileSync(f.file, 'utf8') }))
    : sampleDiagrams(Number(samplesWanted));
const count = samples.length;
const mmdcLimit = Math.min(count, Number(arg('mmdc-limit') ?? count));
for (const { path, source } of samples) {
  mkdirSync(dirname(join(diagramsDir, path)), { recursive: true });
  writeFileSync(join(diagramsDir, path), source);
}

const chromium = findChromium();
const puppeteerConfig = join(work, 'puppeteer-config.json');
writeFileSync(puppeteerConfig, `${JSON.stringify({ executablePath: chromium, args: [...CHROMIUM_FLAGS] }, null, 2)}\n`);

console.log(`topodoc render benchmark: ${count} ${samplesWanted === undefined ? 'reference' : 'sample'} diagrams in ${work} (Chromium ${chromium})`);

/** One `topodoc render` process, as a user runs it; returns its wall time and how many it rendered. */
function topodocRender(force: boolean): { ms: number; rendered: number } {
  const args = [join(projectDir, 'bin', 'topodoc.js'), 'render', '--diagrams', diagramsDir, '--out', outDir, ...(force ? ['--force'] : [])];
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`topodoc render failed (exit ${r.status}): ${r.stderr}`);
  return { ms, rendered: Number(/(\d+) rendered/.exec(r.stdout)?.[1] ?? NaN) };
}

// mmdc's `#!/usr/bin/env node` must find this project's Node, not the system one.
const env = { ...process.env, PATH: `${join(projectDir, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}` };
mkdirSync(mmdcOut, { recursive: true });
/** Runs mmdc once for each of the given diagrams; returns the wall time. */
function mmdcEach(slice: ReadonlyArray<{ path: string; index: number }>): number {
  const started = performance.now();
  for (const { path, index } of slice) {
    const output = join(mmdcOut, `${index}.svg`);
    const r = spawnSync(join(projectDir, 'node_modules', '.bin', 'mmdc'), ['-q', '-p', puppeteerConfig, '-i', join(diagramsDir, path), '-o', output], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mmdc failed on ${path}: ${r.stderr}`);
  }
  return performance.now() - started;
}

// Rounds interleave the two tools (topodoc once, then a share of the mmdc runs), so a machine
// that speeds up or slows down during the benchmark affects both sides alike.
const mmdcWork = samples.slice(0, mmdcLimit).map(({ path }, index) => ({ path, index }));
const coldRuns: number[] = [];
const roundRatios: number[] = [];
let mmdcMeasuredMs = 0;
let cold = { rendered: 0 };
for (let round = 0; round < repeat; round++) {
  const run = topodocRender(true);
  coldRuns.push(run.ms);
  cold = run;
  const slice = mmdcWork.filter((_, i) => i % repeat === round);
  const sliceMs = mmdcEach(slice);
  mmdcMeasuredMs += sliceMs;
  if (slice.length > 0) roundRatios.push(((sliceMs / slice.length) * count) / run.ms);
}
const sorted = [...coldRuns].sort((a, b) => a - b);
const coldMs = sorted[Math.floor(sorted.length / 2)] ?? 0;
const warm = topodocRender(false);
if (warm.rendered !== 0) throw new Error(`a warm run rendered ${warm.rendered} diagrams`);
const ours = svgSizes(outDir);
const mmdcMs = (mmdcMeasuredMs / Math.max(1, mmdcLimit)) * count;
const theirs = svgSizes(mmdcOut);

const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const rows: Array<[string, string, string, string]> = [
  ['run', 'time', 'per diagram', 'SVG size avg / max'],
  [`topodoc render --force (${cold.rendered} rendered, median of ${repeat})`, secs(coldMs), `${Math.round(coldMs / count)} ms`, `${kb(avg(ours))} / ${kb(Math.max(...ours))}`],
  ['topodoc render, nothing changed', secs(warm.ms), '-', '-'],
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
console.log(`\ntopodoc render --force runs: ${coldRuns.map((ms) => secs(ms)).join(', ')}; speed-up per round: ${roundRatios.map((r) => `${r.toFixed(1)}×`).join(', ')}`);
console.log(`speed-up (median) vs mmdc once per diagram: ${(mmdcMs / coldMs).toFixed(1)}× (goal: at least 15×); warm run ${secs(warm.ms)} (goal: under 1.5 s)`);
if (!keep) rmSync(work, { recursive: true, force: true });
