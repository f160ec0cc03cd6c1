/**
 * Compose loader timing: `node bench/compose-load.bench.ts`. Prints the best of three CPU
 * times (user + system, less noisy than wall time on a busy machine) for growing stacks, one
 * file and the same stack plus an override file, so linear cost is visible.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadComposeProjectSync } from '../src/compose/index.ts';
import { generateOverride, generateStack } from '../tests/compose/stack-generator.ts';

const dir = mkdtempSync(join(tmpdir(), 'topodoc-compose-bench-'));
try {
  for (const count of [1000, 2000, 4000, 8000]) {
    const base = join(dir, `compose-${count}.yaml`);
    const override = join(dir, `override-${count}.yaml`);
    writeFileSync(base, generateStack(count));
    writeFileSync(override, generateOverride(count));
    loadComposeProjectSync({ files: [base], rootDir: dir }); // warm-up
    const single = time(() => loadComposeProjectSync({ files: [base], rootDir: dir }));
    const both = time(() => loadComposeProjectSync({ files: [base, override], rootDir: dir }));
    console.log(`${String(count).padStart(5)} services: one file ${single.toFixed(0).padStart(5)} ms CPU, with override ${both.toFixed(0).padStart(5)} ms CPU`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function time(fn: () => unknown): number {
  const runs = 3;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}
