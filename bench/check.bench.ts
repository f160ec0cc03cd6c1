/**
 * Benchmark (not a test) of `topodoc check`:
 *
 *   node_modules/.bin/node bench/check.bench.ts [--runs=7] [--sizes=100,1000,10000] [--keep]
 *
 * 1. Start-up: the CLI checking the repository's five reference systems, against a bare `node -e 0`
 *    (median wall time of --runs spawns each, after one warm-up run that fills Node's compile cache),
 *    and the ratio (goal: within 8×). Also a process that only parses the same YAML with the `yaml`
 *    library (bench/yaml-parse-only.ts): the floor under any check that keeps source positions.
 * 2. Size: a generated system (bench/check-stack.ts) of 100, 1,000 and 10,000 services written to a
 *    temp dir, checked by the CLI (median wall time, and the CPU time of the child from
 *    /proc/self/stat, which is steadier on a busy machine) and in-process (load topology + check,
 *    best of three). Goal: 1,000 services under 1 s, growth linear (µs per service about constant).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTopology } from '../src/check/load-system.ts';
import { loadTopologyFile } from '../src/io/topology-files.ts';
import { generateSystem } from './check-stack.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repo, 'src/cli/bin.ts');
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const runs = Math.max(1, Number(arg('runs') ?? 7));
const sizes = (arg('sizes') ?? '100,1000,10000').split(',').map(Number);
const keep = process.argv.includes('--keep');

/** User + system CPU seconds of waited-for children (Linux /proc; undefined elsewhere). */
function childCpu(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // Fields after the command: state is index 0, so cutime/cstime (stat fields 16/17) are 13/14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

interface Timing {
  wall: number;
  cpu: number | undefined;
  code: number | null;
}

function spawnTimed(args: string[], cwd: string): Timing {
  const cpuBefore = childCpu();
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  const wall = performance.now() - start;
  const cpuAfter = childCpu();
  return { wall, cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) * 1000, code: r.status };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function repeat(n: number, args: string[], cwd: string): { wall: number; cpu: number | undefined; codes: Set<number | null> } {
  const timings = Array.from({ length: n }, () => spawnTimed(args, cwd));
  const cpus = timings.map((t) => t.cpu).filter((c): c is number => c !== undefined);
  return { wall: median(timings.map((t) => t.wall)), cpu: cpus.length === n ? median(cpus) : undefined, codes: new Set(timings.map((t) => t.code)) };
}

const ms = (v: number | undefined) => (v === undefined ? '    n/a' : `${v.toFixed(0).padStart(6)} ms`);

// ---------------------------------------------------------------- start-up against node -e 0
spawnTimed([bin, 'check'], repo); // warm-up: fills the compile cache
const bare = repeat(runs, ['-e', '0'], repo);
const yamlOnly = repeat(runs, [join(repo, 'bench/yaml-parse-only.ts'), 'topology'], repo);
const five = repeat(runs, [bin, 'check'], repo);
console.log(`topodoc check on the five reference systems (median of ${runs} runs, wall / child CPU):`);
console.log(`  node -e 0        ${ms(bare.wall)} / ${ms(bare.cpu)}`);
console.log(`  yaml parse only  ${ms(yamlOnly.wall)} / ${ms(yamlOnly.cpu)}   (load \`yaml\`, parse every file below topology/: ${(yamlOnly.wall / bare.wall).toFixed(1)}× node -e 0)`);
console.log(`  topodoc check    ${ms(five.wall)} / ${ms(five.cpu)}   exit ${[...five.codes].join(',')}`);
console.log(`  ratio            ${(five.wall / bare.wall).toFixed(1)}× wall${bare.cpu && five.cpu ? `, ${(five.cpu / bare.cpu).toFixed(1)}× CPU` : ''} (goal: within 8×)`);
console.log('');

// ---------------------------------------------------------------- generated systems
const dir = mkdtempSync(join(tmpdir(), 'topodoc-check-bench-'));
try {
  const rows: string[] = [];
  let previous: { size: number; perService: number } | undefined;
  for (const size of sizes) {
    const root = join(dir, `s${size}`);
    mkdirSync(join(root, 'topology/stacks/big'), { recursive: true });
    const system = generateSystem(size);
    writeFileSync(join(root, 'topology/big.yaml'), system.topology.replace('files: [compose.yaml]', 'files: [stacks/big/compose.yaml]'));
    writeFileSync(join(root, 'topology/stacks/big/compose.yaml'), system.compose);

    const n = size >= 10000 ? Math.min(runs, 3) : runs;
    const cli = repeat(n, [bin, 'check'], root);
    const parseOnly = repeat(n, [join(repo, 'bench/yaml-parse-only.ts'), 'topology'], root);

    let inProcess = Number.POSITIVE_INFINITY;
    let findings = 0;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const loaded = await loadTopologyFile(join(root, 'topology/big.yaml'), root);
      const result = checkTopology(loaded, { cwd: root, env: {} });
      inProcess = Math.min(inProcess, performance.now() - start);
      findings = result.findings.length + (result.status === 'checked' ? 0 : 1);
    }
    const perService = (inProcess * 1000) / size;
    const growth = previous ? `${(perService / previous.perService).toFixed(2)}×` : '';
    rows.push(
      `${String(size).padStart(8)} | ${ms(cli.wall)} | ${ms(cli.cpu)} | ${ms(parseOnly.wall)} | ${ms(inProcess)} | ${perService.toFixed(0).padStart(8)} µs | ${growth.padStart(9)} | exit ${[...cli.codes].join(',')}, ${findings} findings`,
    );
    previous = { size, perService };
  }
  console.log('generated systems (one Traefik, one database, N routed apps):');
  console.log('services |  CLI wall | CLI CPU   | yaml only | in-process | per service | growth/svc | result');
  for (const row of rows) console.log(row);
  console.log('\ngoal: 1,000 services under 1 s; linear growth means µs per service stays about the same.');
  console.log('"yaml only": a fresh process that just parses the same topology and compose files with `yaml`.');
} finally {
  if (keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
