import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError, type Diagnostic } from '../model/diagnostics.ts';
import { parseTopology, type ParsedTopology } from '../model/parse-topology.ts';
import { displayPath } from '../util/display-path.ts';

export const DEFAULT_TOPOLOGY_DIR = 'topology';
/** Topology files larger than this are refused before parsing (a topology is a few hundred lines). */
export const MAX_TOPOLOGY_BYTES = 4 * 1024 * 1024;

/** Topology files named on the command line, or every `*.yaml`/`*.yml` directly in `topology/`. */
export async function findTopologyFiles(args: string[], cwd: string): Promise<string[]> {
  const inputs = args.length ? args : [DEFAULT_TOPOLOGY_DIR];
  const files: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const info = await stat(abs).catch(() => undefined);
    if (!info) {
      throw new UserInputError([
        {
          severity: 'error',
          rule: 'input/not-found',
          message: args.length
            ? `${input}: no such file or directory`
            : `no ${DEFAULT_TOPOLOGY_DIR}/ folder here (${cwd}); run "topodoc init" or name topology files`,
        },
      ]);
    }
    if (info.isDirectory()) {
      const names = (await readdir(abs)).filter((n) => /\.ya?ml$/.test(n) && !n.startsWith('.')).sort();
      files.push(...names.map((n) => path.join(abs, n)));
    } else files.push(abs);
  }
  if (files.length === 0) {
    throw new UserInputError([{ severity: 'error', rule: 'input/not-found', message: `no topology files (*.yaml) in ${inputs.join(', ')}` }]);
  }
  return [...new Set(files)];
}

export interface LoadedTopology extends ParsedTopology {
  absPath: string;
  text: string;
}

/** Reads and validates each file; problems come back as diagnostics, never as exceptions. */
export async function loadTopologyFiles(files: string[], cwd: string): Promise<LoadedTopology[]> {
  const loaded = await Promise.all(files.map((f) => loadTopologyFile(f, cwd)));
  const byId = new Map<string, LoadedTopology>();
  for (const l of loaded) {
    if (!l.topology) continue;
    const prior = byId.get(l.topology.id);
    if (prior) {
      l.diagnostics.push({
        severity: 'error',
        rule: 'topology/duplicate-id',
        loc: l.locator.locate(['id']),
        path: 'id',
        message: `system id "${l.topology.id}" is already used by ${prior.file}`,
        related: [{ message: 'first declared here', loc: prior.locator.locate(['id']) }],
      });
      l.topology = undefined;
    } else byId.set(l.topology.id, l);
  }
  return loaded;
}

export async function loadTopologyFile(absPath: string, cwd: string): Promise<LoadedTopology> {
  const file = displayPath(absPath, cwd);
  const fail = (message: string, rule = 'input/unreadable'): LoadedTopology => {
    const parsed = parseTopology('', file);
    const diagnostics: Diagnostic[] = [{ severity: 'error', rule, message, loc: { file, line: 1, column: 1 } }];
    return { ...parsed, diagnostics, absPath, text: '' };
  };
  let buf: Buffer;
  try {
    const info = await stat(absPath);
    if (info.size > MAX_TOPOLOGY_BYTES) return fail(`file is ${info.size} bytes; topology files are limited to ${MAX_TOPOLOGY_BYTES} bytes`, 'input/too-large');
    buf = await readFile(absPath);
  } catch (err) {
    return fail(`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (buf.includes(0)) return fail('this is a binary file, not YAML text', 'input/binary');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return fail('the file is not valid UTF-8 text', 'input/encoding');
  }
  return { ...parseTopology(text, file), absPath, text };
}

