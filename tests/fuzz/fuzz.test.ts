/**
 * Fuzz test over mutated topology and compose files derived from the reference systems and the
 * awesome-compose corpus: a fixed seed and a bounded count keep it deterministic and within the
 * suite's time. Invariants: no exception escapes any stage, and every error diagnostic (every finding
 * of the comparison and the security review) names a file, line and column.
 * To explore further: TOPODOC_FUZZ_SEED=<n> TOPODOC_FUZZ_SCALE=<k> node --test tests/fuzz/fuzz.test.ts
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRng } from '../ascii/prng.ts';
import { corpusSeeds, mutate, referenceSeeds, runCompose, runTopology, type ComposeSeed, type Outcome } from './harness.ts';

const SEED = Number(process.env['TOPODOC_FUZZ_SEED'] ?? 20240607);
const SCALE = Math.max(1, Number(process.env['TOPODOC_FUZZ_SCALE'] ?? 1));
const TOPOLOGY_CASES = 400 * SCALE;
const REFERENCE_COMPOSE_CASES = 800 * SCALE;
const CORPUS_COMPOSE_CASES = 1400 * SCALE;

/** What the mutants ran into, reported with the test (and checked, so the fuzzer provably reaches every stage). */
class Stats {
  withErrors = 0;
  withFindings = 0;
  readonly rules = new Map<string, number>();
  add(out: Outcome): void {
    if (out.errors > 0) this.withErrors++;
    if (out.findings > 0) this.withFindings++;
    for (const r of new Set(out.rules)) this.rules.set(r, (this.rules.get(r) ?? 0) + 1);
  }
  summary(): string {
    const top = [...this.rules].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 12);
    return `${this.withErrors} rejected with located errors, ${this.withFindings} reached findings; errors by rule: ${top.map(([r, n]) => `${r} ${n}`).join(', ')}`;
  }
}

interface Failure {
  label: string;
  how: string[];
  problem: string;
}

function describeFailures(failures: Failure[]): string {
  return failures
    .slice(0, 10)
    .map((f) => `${f.label} [${f.how.join(', ')}]: ${f.problem}`)
    .join('\n');
}

const { topologies, compose } = referenceSeeds();
const corpus = corpusSeeds();

describe(`fuzz (seed ${SEED})`, () => {
  test(`${TOPOLOGY_CASES} mutated topologies: parse, generate, compare, review`, (t) => {
    const rng = createRng(SEED);
    const failures: Failure[] = [];
    const stats = new Stats();
    let valid = 0;
    for (let i = 0; i < TOPOLOGY_CASES; i++) {
      const seed = topologies[i % topologies.length]!;
      const m = mutate(seed.text, rng);
      const label = `#${i} ${seed.file}`;
      try {
        const out = runTopology(m.bytes ? Buffer.from(m.bytes).toString('utf8') : m.text, seed.file, seed.compose);
        if (out.stage !== 'parse') valid++;
        stats.add(out);
        for (const d of out.unlocated) failures.push({ label, how: m.how, problem: `unlocated ${d.severity} ${d.rule}: ${d.message.slice(0, 120)}` });
      } catch (err) {
        failures.push({ label, how: m.how, problem: `threw ${(err as Error).stack?.split('\n').slice(0, 4).join(' | ')}` });
      }
    }
    t.diagnostic(`${valid} valid mutants generated; ${stats.summary()}`);
    assert.deepEqual(failures.length, 0, describeFailures(failures));
    assert.ok(valid > TOPOLOGY_CASES / 20, `enough mutants stay valid to reach the generators (${valid})`);
    assert.ok(stats.withErrors > TOPOLOGY_CASES / 4, `enough mutants are rejected with located errors (${stats.withErrors})`);
  });

  const composeRun = (name: string, seeds: ComposeSeed[], cases: number, seedOffset: number) =>
    test(`${cases} mutated compose files (${name}): load, read Traefik, compare, review`, (t) => {
      const rng = createRng(SEED + seedOffset);
      const failures: Failure[] = [];
      const stats = new Stats();
      for (let i = 0; i < cases; i++) {
        const seed = seeds[i % seeds.length]!;
        const target = rng.pick(seed.files);
        const original = Buffer.from(seed.contents.get(target)!).toString('utf8');
        const m = mutate(original, rng);
        const contents = new Map(seed.contents);
        contents.set(target, m.bytes ?? new Uint8Array(Buffer.from(m.text, 'utf8')));
        const label = `#${i} ${seed.name}`;
        try {
          const out = runCompose(seed, contents);
          stats.add(out);
          for (const d of out.unlocated) failures.push({ label, how: m.how, problem: `unlocated ${d.severity} ${d.rule}: ${d.message.slice(0, 120)}` });
        } catch (err) {
          failures.push({ label, how: m.how, problem: `threw ${(err as Error).stack?.split('\n').slice(0, 4).join(' | ')}` });
        }
      }
      t.diagnostic(stats.summary());
      assert.deepEqual(failures.length, 0, describeFailures(failures));
      assert.ok(stats.withErrors > cases / 10, `enough mutants are rejected with located errors (${stats.withErrors})`);
      assert.ok(stats.withFindings > cases / 4, `enough mutants reach the comparison and the review (${stats.withFindings})`);
      for (const refusal of ['compose/binary-file', 'compose/encoding']) assert.ok(stats.rules.has(refusal), `some mutant is refused as ${refusal}`);
    });

  composeRun('reference stacks', compose, REFERENCE_COMPOSE_CASES, 1);
  composeRun('awesome-compose corpus', corpus, CORPUS_COMPOSE_CASES, 2);
});
