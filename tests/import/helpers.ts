/**
 * Shared by the import tests: stacks written into temporary directories, the CLI run in-process, and
 * the directory `check` must run from so that compose files outside the temporary directory (the
 * shared corpus, the reference stacks) are inside its project root.
 */
import { mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { topodoc, type CliResult } from '../helpers/cli.ts';

export { REPO_ROOT, tempDir, topodoc } from '../helpers/cli.ts';

/** Writes `files` (relative path → text) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** The deepest directory holding both paths, symbolic links resolved (as `check` resolves them). */
export function commonAncestor(a: string, b: string): string {
  const x = realpathSync(path.resolve(a)).split(path.sep);
  const y = realpathSync(path.resolve(b)).split(path.sep);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return x.slice(0, i).join(path.sep) || path.sep;
}

/** `topodoc check <topology>` from a directory that contains the topology and every compose file. */
export async function checkFrom(topology: string, composeFile: string): Promise<CliResult> {
  return topodoc(['check', topology], commonAncestor(path.dirname(topology), path.dirname(composeFile)));
}

/** Every file under `dir`, recursively, with its text. */
export function allFiles(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...allFiles(file));
    else out.push({ file, text: readFileSync(file, 'utf8') });
  }
  return out;
}
