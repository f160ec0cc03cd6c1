/** A scratch copy of the careless stack fixture (topology + compose + .env) in a temporary directory. */
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { checkTopology, type SystemResult } from '../../src/check/load-system.ts';
import { loadTopologyFile } from '../../src/io/topology-files.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { ScratchCopy } from '../helpers/scratch-copy.ts';

export const CARELESS = path.join(REPO_ROOT, 'tests/fixtures/security/careless');
export const CARELESS_COMPOSE = 'topology/stacks/careless/docker-compose.yml';
export const CARELESS_TOPOLOGY = 'topology/careless.yaml';

export class Careless extends ScratchCopy {
  constructor() {
    super('topodoc-security-');
    cpSync(CARELESS, this.dir, { recursive: true });
  }

  /** 1-based line of the only line containing `needle`. */
  line(file: string, needle: string): number {
    const lines = this.read(file).split('\n');
    const found = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
    assert.equal(found.length, 1, `${file} has one line containing ${JSON.stringify(needle)} (found ${found.length})`);
    return found[0]!;
  }

  async check(security = true): Promise<SystemResult> {
    const loaded = await loadTopologyFile(path.join(this.dir, CARELESS_TOPOLOGY), this.dir);
    assert.ok(loaded.topology, JSON.stringify(loaded.diagnostics));
    return checkTopology(loaded, { cwd: this.dir, env: {}, security });
  }
}
