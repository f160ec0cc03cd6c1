/** Test helpers for the compose loader: an in-memory file system and short load calls. */
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserInputError } from '../../src/model/diagnostics.ts';
import type { Diagnostic } from '../../src/model/diagnostics.ts';
import { loadComposeProjectSync } from '../../src/compose/index.ts';
import type { ComposeFileSystem, ComposeProject, ComposeService, LoadComposeOptions } from '../../src/compose/index.ts';

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Files keyed by absolute path; directories are implied by the paths. */
export function memoryFs(files: Record<string, string>): ComposeFileSystem {
  const dirs = new Set<string>();
  for (const path of Object.keys(files)) {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      dirs.add(dir);
      if (dirname(dir) === dir) break;
    }
  }
  return {
    readText: (path) => files[path],
    isFile: (path) => path in files,
    isDirectory: (path) => dirs.has(path),
    realPath: (path) => path,
  };
}

export interface InlineOptions extends Omit<LoadComposeOptions, 'files'> {
  /** More files of the in-memory project, keyed by path relative to /proj. */
  extra?: Record<string, string>;
  /** `-f` files relative to /proj; default `compose.yaml`. */
  files?: string[];
}

/** Loads `yaml` as /proj/compose.yaml from memory; throws UserInputError like the real loader. */
export function load(yaml: string, options: InlineOptions = {}): ComposeProject {
  const { extra = {}, files = ['compose.yaml'], ...rest } = options;
  const all: Record<string, string> = { '/proj/compose.yaml': yaml };
  for (const [path, text] of Object.entries(extra)) all[resolve('/proj', path)] = text;
  return loadComposeProjectSync({ ...rest, files: files.map((f) => resolve('/proj', f)) }, memoryFs(all));
}

/** The diagnostics of a load expected to fail (asserts that it throws UserInputError). */
export function loadErrors(yaml: string, options: InlineOptions = {}): Diagnostic[] {
  try {
    load(yaml, options);
  } catch (err) {
    assert.ok(err instanceof UserInputError, `expected UserInputError, got ${String(err)}`);
    return err.diagnostics;
  }
  assert.fail('expected the load to fail');
}

/** The one service of a project (or the named one). */
export function service(project: ComposeProject, name?: string): ComposeService {
  const svc = name === undefined ? Object.values(project.services)[0] : project.services[name];
  assert.ok(svc, `service ${name ?? '(first)'} missing`);
  return svc;
}

/** One service from a `services: { s: <body> }` snippet; `body` is indented YAML under the service. */
export function svc(body: string, options: InlineOptions = {}): ComposeService {
  const indented = body
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `    ${line}`))
    .join('\n');
  return service(load(`services:\n  s:\n${indented}\n`, options), 's');
}

export function rules(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.rule);
}

export function warnings(project: ComposeProject): Diagnostic[] {
  return project.diagnostics.filter((d) => d.severity === 'warning');
}
