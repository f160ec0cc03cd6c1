/**
 * Drift-check fixtures: a copy of one reference system (its topology and its compose stack) in a
 * temporary directory, mutated by exact text replacement, then checked in-process.
 */
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { checkTopology, type SystemResult } from '../../src/check/load-system.ts';
import { isDrift } from '../../src/check/report.ts';
import { loadTopologyFile } from '../../src/io/topology-files.ts';
import type { Diagnostic } from '../../src/model/diagnostics.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { ScratchCopy } from '../helpers/scratch-copy.ts';

export class SystemCopy extends ScratchCopy {
  readonly id: string;
  readonly topologyFile: string;

  constructor(id: string) {
    super('topodoc-check-');
    this.id = id;
    this.topologyFile = `topology/${id}.yaml`;
    cpSync(path.join(REPO_ROOT, this.topologyFile), path.join(this.dir, this.topologyFile));
    cpSync(path.join(REPO_ROOT, 'topology/stacks', id), path.join(this.dir, 'topology/stacks', id), { recursive: true });
  }

  /** 1-based line of the first occurrence of `needle` in `file` (after mutations). */
  line(file: string, needle: string): number {
    const text = this.read(file);
    const at = text.indexOf(needle);
    assert.ok(at >= 0, `${file} contains ${JSON.stringify(needle)}`);
    return text.slice(0, at).split('\n').length;
  }

  /** Line of the top-level service key `name:` in a compose file (or of a map key two spaces in). */
  serviceLine(file: string, name: string): number {
    return this.line(file, `\n  ${name}:\n`) + 1;
  }

  async check(options: { envFiles?: string[]; profiles?: string[]; env?: Record<string, string> } = {}): Promise<SystemResult> {
    const loaded = await loadTopologyFile(path.join(this.dir, this.topologyFile), this.dir);
    return checkTopology(loaded, { cwd: this.dir, env: options.env ?? {}, ...(options.envFiles ? { envFiles: options.envFiles } : {}), ...(options.profiles ? { profiles: options.profiles } : {}) });
  }
}

/** `file:line:col` of a location. */
export function at(d: { loc?: { file: string; line: number; column: number } }): string {
  return d.loc ? `${d.loc.file}:${d.loc.line}:${d.loc.column}` : '';
}

/** Findings that are drift (they fail the check), in a compact comparable form. */
export function drift(result: SystemResult): Array<{ rule: string; severity: string; message: string; at: string; related: string[] }> {
  return result.findings.filter(isDrift).map(compact);
}

export function compact(f: Diagnostic): { rule: string; severity: string; message: string; at: string; related: string[] } {
  return { rule: f.rule, severity: f.severity, message: f.message, at: at(f), related: (f.related ?? []).map((r) => `${at(r)} ${r.message}`) };
}
