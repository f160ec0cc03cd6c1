/**
 * Benchmark (not a test) of the docs site.
 *
 *   node_modules/.bin/node bench/site.bench.ts [--systems=50] [--skip-large] [--keep]
 *
 * 1. `npm run build` of this repository's site, cold (no caches, no rendered SVGs) and warm,
 *    step by step (validate, schema, generate, render, astro build), with each step's peak memory.
 * 2. The same for a generated set of --systems systems (copies of the bundled ones under new ids).
 * 3. The weight of a system page, a request-flows page and a service page as a reader downloads
 *    them (HTML, CSS, JS and SVG, gzip), next to Starlight's budgets.
 *
 * Builds run in temporary copies of the project (node_modules hard-linked, caches removed first),
 * so the repository's own dist/ and caches are left alone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SYSTEMS = Number(arg('systems') ?? 50);
const keep = process.argv.includes('--keep');
const skipLarge = process.argv.includes('--skip-large');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Starlight's page-weight budgets (gzip). */
const BUDGET = { html: 7 * 1024, js: 27 * 1024, css: 16.75 * 1024 };

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const gz = (data: string | Buffer): number => gzipSync(data).length;

/** A copy of the project to build in: sources copied, node_modules hard-linked, Astro/Vite caches dropped. */
function projectCopy(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `topodoc-site-bench-${label}-`));
  for (const entry of ['astro.config.mjs', 'package.json', 'src', 'topology', 'public', 'diagrams']) {
    cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  }
  rmSync(path.join(dir, 'public', 'check-report.json'), { force: true });
  const linked = spawnSync('cp', ['-al', path.join(REPO, 'node_modules'), path.join(dir, 'node_modules')]);
  if (linked.status !== 0) cpSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  // Caches are written in place: give the copy its own, so the repository's are never touched.
  for (const cache of ['node_modules/.astro', 'node_modules/.vite']) rmSync(path.join(dir, cache), { recursive: true, force: true });
  return dir;
}

interface StepResult {
  step: string;
  ms: number;
  /** Peak resident memory of the step's largest process, in kB (when /usr/bin/time is available). */
  peakKb?: number;
}

/** The steps of `npm run build`, read from package.json so the benchmark follows the real script. */
function buildSteps(dir: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts['build']!.split('&&').map((s) => s.trim());
}

function runBuild(dir: string): StepResult[] {
  const env = { ...process.env, PATH: `${path.join(dir, 'node_modules/.bin')}:${process.env['PATH']}`, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' };
  const results: StepResult[] = [];
  for (const step of buildSteps(dir)) {
    const command = step.replace(/^([A-Z_]+=\S+\s+)+/, '');
    const statsFile = path.join(dir, '.bench-time');
    const started = performance.now();
    const r = TIME
      ? spawnSync(TIME, ['-f', '%M', '-o', statsFile, 'sh', '-c', command], { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
      : spawnSync('sh', ['-c', command], { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const ms = performance.now() - started;
    if (r.status !== 0) throw new Error(`"${command}" failed in ${dir}:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
    const peakKb = TIME ? Number(readFileSync(statsFile, 'utf8').trim().split('\n').at(-1)) : undefined;
    results.push({ step: command.replace(/^node src\/cli\/bin\.ts /, 'topodoc ').replace(/^astro /, 'astro '), ms, peakKb });
  }
  return results;
}

function report(title: string, results: StepResult[]): void {
  const total = results.reduce((n, r) => n + r.ms, 0);
  const peak = Math.max(...results.map((r) => r.peakKb ?? 0));
  console.log(`\n${title}: ${secs(total)}${peak ? `, peak memory ${(peak / 1024).toFixed(0)} MB` : ''}`);
  for (const r of results) console.log(`  ${r.step.padEnd(22)} ${secs(r.ms).padStart(8)}${r.peakKb ? `  ${(r.peakKb / 1024).toFixed(0).padStart(5)} MB` : ''}`);
}

function countFiles(dir: string, ext: string): number {
  let n = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith(ext)) n++;
    }
  };
  if (existsSync(dir)) walk(dir);
  return n;
}

/** Writes `count` topologies made from the bundled ones under new ids into `dir/topology`. */
function generateSystems(dir: string, count: number): void {
  const topologyDir = path.join(dir, 'topology');
  const originals = readdirSync(topologyDir).filter((f) => f.endsWith('.yaml')).sort();
  const texts = originals.map((f) => readFileSync(path.join(topologyDir, f), 'utf8'));
  for (const f of originals) rmSync(path.join(topologyDir, f));
  for (let i = 0; i < count; i++) {
    const text = texts[i % texts.length]!;
    const id = /^id:\s*(\S+)/m.exec(text)![1]!;
    const copy = Math.floor(i / texts.length) + 1;
    const newId = `${id}-${String(copy).padStart(2, '0')}`;
    const out = text.replace(/^id:\s*\S+/m, `id: ${newId}`).replace(/^name:\s*(.+)$/m, (_m, name: string) => `name: ${name.replace(/^["']|["']$/g, '')} ${copy}`);
    writeFileSync(path.join(topologyDir, `${newId}.yaml`), out);
  }
  rmSync(path.join(dir, 'diagrams'), { recursive: true, force: true });
}

interface Weight {
  html: number;
  inlineSvg: number;
  css: number;
  js: number;
  lazySvg: number;
  lazyCount: number;
}

/** What a reader downloads for one page (gzip): the HTML, its stylesheets, its scripts and their static imports. */
function pageWeight(dist: string, page: string, base: string): Weight {
  const html = readFileSync(path.join(dist, page), 'utf8');
  const fileOf = (url: string) => path.join(dist, url.replace(new RegExp(`^${base === '/' ? '' : base}/`), '').split(/[?#]/)[0]!);
  const inline = [...html.matchAll(/<svg id="mmd-[\s\S]*?<\/svg>/g)].map((m) => m[0]);
  // The inline SVGs' share of the page, measured as the gzip difference with and without them.
  const withoutSvg = inline.reduce((h, s) => h.replace(s, ''), html);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !/print/.test(u));
  const scripts = new Set<string>();
  const addScript = (file: string) => {
    if (scripts.has(file) || !existsSync(file)) return;
    scripts.add(file);
    const text = readFileSync(file, 'utf8');
    // Static imports only: dynamic ones (the search index) load on demand.
    for (const m of text.matchAll(/(?:^|[;}\n])\s*import\s*(?:[^'"()]*?from\s*)?["']([^"']+)["']/g)) addScript(path.resolve(path.dirname(file), m[1]!));
  };
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) addScript(fileOf(m[1]!));
  const inlineScripts = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('');
  const lazy = [...html.matchAll(/data-svg-src="([^"]+)"/g)].map((m) => fileOf(m[1]!));
  return {
    html: gz(html),
    inlineSvg: gz(html) - gz(withoutSvg),
    css: css.reduce((n, u) => n + gz(readFileSync(fileOf(u))), 0),
    js: [...scripts].reduce((n, f) => n + gz(readFileSync(f)), 0) + (inlineScripts ? gz(inlineScripts) : 0),
    lazySvg: lazy.reduce((n, f) => n + (existsSync(f) ? gz(readFileSync(f)) : 0), 0),
    lazyCount: lazy.length,
  };
}

function weightReport(dist: string, pages: Array<[string, string]>): void {
  console.log('\nPage weight (gzip) — Starlight budgets: HTML ≤ 7 kB, JS ≤ 27 kB, CSS ≤ 16.75 kB');
  console.log(`  ${'page'.padEnd(36)} ${'HTML'.padStart(8)} ${'of which SVG'.padStart(13)} ${'CSS'.padStart(8)} ${'JS'.padStart(8)} ${'total'.padStart(8)}   on scroll`);
  for (const [label, page] of pages) {
    const w = pageWeight(dist, page, '/');
    const mark = (v: number, budget: number) => `${kb(v)}${v > budget ? '!' : ' '}`;
    console.log(
      `  ${label.padEnd(36)} ${mark(w.html - w.inlineSvg, BUDGET.html).padStart(8)} ${`+${kb(w.inlineSvg)}`.padStart(13)} ${mark(w.css, BUDGET.css).padStart(8)} ${mark(w.js, BUDGET.js).padStart(8)} ${kb(w.html + w.css + w.js).padStart(8)}   ${w.lazyCount ? `${w.lazyCount} SVGs, ${kb(w.lazySvg)}` : '–'}`,
    );
  }
  console.log('  (HTML is shown without its inline SVG, which is listed beside it; "!" marks a budget exceeded.)');
}

const dirs: string[] = [];
try {
  console.log(`topodoc site benchmark (${TIME ? 'peak memory via /usr/bin/time' : 'no /usr/bin/time: times only'})`);

  const site = projectCopy('repo');
  dirs.push(site);
  const cold = runBuild(site);
  report(`Cold build, ${countFiles(path.join(site, 'topology'), '.yaml')} systems (${countFiles(path.join(site, 'dist'), '.html')} pages, ${countFiles(path.join(site, '.topodoc-cache/svg'), '.svg')} diagrams)`, cold);
  report('Warm build (nothing changed)', runBuild(site));

  weightReport(path.join(site, 'dist'), [
    ['system overview (mito)', 'systems/mito/index.html'],
    ['system overview (infra-production)', 'systems/infra-production/index.html'],
    ['request flows (mito)', 'systems/mito/flows/index.html'],
    ['service (sellybase/api)', 'systems/sellybase/services/api/index.html'],
    ['home', 'index.html'],
  ]);

  if (!skipLarge) {
    const large = projectCopy('large');
    dirs.push(large);
    generateSystems(large, SYSTEMS);
    const coldLarge = runBuild(large);
    report(`Cold build, ${SYSTEMS} generated systems (${countFiles(path.join(large, 'dist'), '.html')} pages, ${countFiles(path.join(large, '.topodoc-cache/svg'), '.svg')} diagrams)`, coldLarge);
    report(`Warm build, ${SYSTEMS} systems`, runBuild(large));
    const dist = path.join(large, 'dist');
    const bytes = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? bytes(path.join(d, e.name)) : statSync(path.join(d, e.name)).size), 0);
    console.log(`  dist/ size: ${(bytes(dist) / 1024 / 1024).toFixed(1)} MB`);
    weightReport(dist, [[`system overview (${SYSTEMS} systems in the sidebar)`, 'systems/mito-01/index.html']]);
  }
} finally {
  if (keep) console.log(`\nkept: ${dirs.join(', ')}`);
  else for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
