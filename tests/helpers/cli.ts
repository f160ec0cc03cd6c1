import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/main.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO_ROOT, 'src/cli/bin.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as a user would from `cwd` (default: the repo root). */
export async function topodoc(args: string[], cwd = REPO_ROOT): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    env: {},
    color: false,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
  });
  return { code, stdout, stderr };
}

/** Runs the real executable in a child process (exit codes, no stack traces, TTY handling). */
export function topodocProcess(args: string[], cwd = REPO_ROOT, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, ['--', BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'topodoc-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
