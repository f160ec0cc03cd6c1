/**
 * Adapter of the drift check (reads files): for one loaded topology, loads the compose files it names
 * (with its env file, profiles and project name), reads the Traefik configuration from them, compares,
 * and returns the findings with every location relative to the working directory.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadComposeProjectSync } from '../compose/index.ts';
import { DiagnosticSink } from '../compose/diagnostic-sink.ts';
import { parseDotenv } from '../compose/dotenv.ts';
import { referencedVariables, substitute } from '../compose/interpolation.ts';
import type { ComposeProject } from '../compose/types.ts';
import { displayPath, type LoadedTopology } from '../io/topology-files.ts';
import { compareDiagnostics, UserInputError, type Diagnostic, type SourceLoc } from '../model/diagnostics.ts';
import { proxyId } from '../model/queries.ts';
import { readTraefikConfig } from '../traefik/index.ts';
import { compareSystem } from './compare.ts';
import { composeToTraefikInput, findTraefikService } from './traefik-input.ts';

export interface CheckOptions {
  /** Where paths in the output are relative to. */
  cwd: string;
  /** The process environment: wins over env files, like for `docker compose`. */
  env: Record<string, string | undefined>;
  /** `--env-file`: replaces every topology's `compose.envFile` (relative to `cwd`). */
  envFiles?: string[];
  /** `--profile`: activated in addition to the topology's `compose.profiles`. */
  profiles?: string[];
}

export type SystemStatus = 'checked' | 'skipped' | 'invalid';

export interface SystemResult {
  /** The system id, or the file name when the topology is invalid. */
  id: string;
  /** Topology file, relative to `cwd`. */
  topology: string;
  /** Compose files read (including `include` / `extends` files), relative to `cwd`. */
  composeFiles: string[];
  status: SystemStatus;
  findings: Diagnostic[];
}

export function checkTopology(loaded: LoadedTopology, options: CheckOptions): SystemResult {
  const topology = loaded.topology;
  if (!topology) {
    return { id: path.basename(loaded.file).replace(/\.ya?ml$/, ''), topology: loaded.file, composeFiles: [], status: 'invalid', findings: errorsOf(loaded.diagnostics) };
  }
  const base = { id: topology.id, topology: loaded.file };
  const source = topology.compose;
  if (!source) {
    const note: Diagnostic = {
      severity: 'note',
      rule: 'check/no-compose',
      message: `system "${topology.id}" names no compose files (compose.files), so it is not checked`,
      loc: loaded.locator.locate(['id'], { key: true }),
    };
    return { ...base, composeFiles: [], status: 'skipped', findings: [note] };
  }

  const topoDir = path.dirname(loaded.absPath);
  const files = source.files.map((f) => path.resolve(topoDir, f));
  const envFiles = options.envFiles?.map((f) => path.resolve(options.cwd, f)) ?? (source.envFile !== undefined ? [path.resolve(topoDir, source.envFile)] : undefined);
  const profiles = options.profiles !== undefined || source.profiles !== undefined ? [...new Set([...(source.profiles ?? []), ...(options.profiles ?? [])])] : undefined;
  const rootDir = repositoryRoot(topoDir) ?? (isInside(topoDir, options.cwd) ? options.cwd : topoDir);
  const env = definedEnv(options.env);
  const toDisplay = (file: string) => displayPath(path.resolve(rootDir, file), options.cwd);
  const listedFiles = files.map((f) => displayPath(f, options.cwd));

  let project: ComposeProject;
  try {
    project = loadComposeProjectSync({
      files,
      env,
      ...(envFiles ? { envFiles } : {}),
      ...(profiles ? { profiles } : {}),
      ...(source.projectName !== undefined ? { projectName: source.projectName } : {}),
      rootDir,
    });
  } catch (err) {
    if (!(err instanceof UserInputError)) throw err;
    const findings = relocate(errorsOf(err.diagnostics), loaded.file, toDisplay);
    return { ...base, composeFiles: listedFiles, status: 'invalid', findings };
  }

  const variables = variableValues(project, envFiles, env);
  const lookup = (name: string) => variables.get(name);
  const preferredProxy = proxyId(topology);
  const proxy = findTraefikService(project, preferredProxy);
  const traefik = readTraefikConfig(composeToTraefikInput(project, { ...(proxy ? { proxyService: proxy.name } : {}), readText, listDir }));
  const raws = rawLabels(project);

  const findings = compareSystem({
    topology,
    locateTopology: (p, opts) => loaded.locator.locate(p, opts),
    compose: project,
    traefik,
    expand: (text) => (text.includes('$') ? substitute(text, lookup).value : text),
    ...(proxy ? { proxyService: proxy.name } : {}),
    rawAt: (loc) => raws.get(locKey(loc)),
  });
  // Drift messages show labels as written, but router facts (entrypoints, middleware names…) and the
  // Traefik reader's findings come from interpolated values: the redactor catches what would leak.
  const redact = redactor(project, variables);
  const all = relocate([...findings, ...project.diagnostics, ...traefik.diagnostics].map(redact), loaded.file, toDisplay).sort(compareDiagnostics);
  return { ...base, composeFiles: project.files.map(toDisplay), status: 'checked', findings: all };
}

function errorsOf(diagnostics: Diagnostic[]): Diagnostic[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return (errors.length > 0 ? errors : diagnostics).slice().sort(compareDiagnostics);
}

function definedEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

/** The nearest ancestor holding `.git` (paths in reports are relative to the repository). */
export function repositoryRoot(start: string): string | undefined {
  let dir = start;
  for (;;) {
    try {
      statSync(path.join(dir, '.git'));
      return dir;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The variables compose interpolated with, rebuilt the way the loader builds them (env files fill
 * what the environment leaves unset), for interpolating topology text. Values stay in memory.
 */
function variableValues(project: ComposeProject, envFiles: string[] | undefined, env: Record<string, string>): Map<string, string> {
  const files = envFiles ?? project.envFiles.map((f) => path.resolve(project.rootDir, f));
  const values = new Map<string, string>();
  const sink = new DiagnosticSink(); // the loader already reported problems of these files
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const [key, value] of parseDotenv(text, file, (name) => env[name] ?? values.get(name), sink)) values.set(key, value);
  }
  for (const [key, value] of Object.entries(env)) values.set(key, value);
  return values;
}

function locKey(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/** Label text as written, by label location, for labels that referenced variables. */
function rawLabels(project: ComposeProject): Map<string, string> {
  const out = new Map<string, string>();
  for (const service of Object.values(project.services)) {
    for (const bag of [service.labels, service.deploy?.labels ?? {}]) {
      for (const label of Object.values(bag)) if (label.raw !== undefined) out.set(locKey(label.loc), label.raw);
    }
  }
  return out;
}

/**
 * Findings of the Traefik reader are built from interpolated label and flag values; the values of the
 * variables those referenced are written back as `${NAME}` so no `.env` value reaches the output.
 */
function redactor(project: ComposeProject, values: Map<string, string>): (d: Diagnostic) => Diagnostic {
  const names = new Set<string>();
  for (const service of Object.values(project.services)) {
    for (const bag of [service.labels, service.deploy?.labels ?? {}]) {
      for (const label of Object.values(bag)) if (label.raw !== undefined) for (const name of referencedVariables(label.raw)) names.add(name);
    }
    for (const arg of [...(service.command?.args ?? []), ...(service.entrypoint?.args ?? [])]) {
      if (arg.raw !== undefined) for (const name of referencedVariables(arg.raw)) names.add(name);
    }
  }
  const pairs = [...names]
    .map((name) => [name, values.get(name) ?? ''] as const)
    .filter(([, value]) => value.length >= 3)
    .sort((a, b) => b[1].length - a[1].length);
  if (pairs.length === 0) {
    return (d) => {
      const { found: _found, ...rest } = d;
      return rest;
    };
  }
  const scrub = (text: string) => pairs.reduce((acc, [name, value]) => acc.split(value).join(`\${${name}}`), text);
  return (d) => {
    const { found: _found, ...rest } = d;
    const out: Diagnostic = { ...rest, message: scrub(d.message) };
    if (d.expected !== undefined) out.expected = scrub(d.expected);
    if (d.related) out.related = d.related.map((r) => ({ ...r, message: scrub(r.message) }));
    return out;
  };
}

/** Compose locations are relative to the repository root; output paths are relative to `cwd`. */
function relocate(findings: Diagnostic[], topologyFile: string, toDisplay: (file: string) => string): Diagnostic[] {
  const move = (loc: SourceLoc): SourceLoc => (loc.file === topologyFile ? loc : { ...loc, file: toDisplay(loc.file) });
  return findings.map((f) => {
    const out: Diagnostic = { ...f };
    if (f.loc) out.loc = move(f.loc);
    if (f.related) out.related = f.related.map((r) => ({ ...r, loc: move(r.loc) }));
    return out;
  });
}

function readText(file: string): string | undefined {
  try {
    return statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function listDir(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}
