/** A scratch copy of the careless stack fixture (topology + compose + .env) in a temporary directory. */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkTopology, type SystemResult } from '../../src/check/load-system.ts';
import { loadTopologyFile } from '../../src/io/topology-files.ts';
import { REPO_ROOT, tempDir } from '../helpers/cli.ts';

export const CARELESS = path.join(REPO_ROOT, 'tests/fixtures/security/careless');
export const CARELESS_COMPOSE = 'topology/stacks/careless/docker-compose.yml';
export const CARELESS_TOPOLOGY = 'topology/careless.yaml';

export class Careless {
  readonly dir: string;
  constructor() {
    this.dir = tempDir('topodoc-security-');
    cpSync(CARELESS, this.dir, { recursive: true });
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8');
  }

  write(file: string, text: string): this {
    mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    writeFileSync(path.join(this.dir, file), text);
    return this;
  }

  replace(file: string, from: string, to: string): this {
    const text = this.read(file);
    assert.equal(text.split(from).length - 1, 1, `${file} contains ${JSON.stringify(from)} once`);
    writeFileSync(path.join(this.dir, file), text.replace(from, () => to));
    return this;
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
