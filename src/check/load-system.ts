/**
 * Adapter of the drift check (reads files): for one loaded topology, loads the compose files it names
 * (with its env file, profiles and project name), reads the Traefik configuration from them, compares,
 * and returns the findings with every location relative to the working directory.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadComposeProjectSync } from '../compose/index.ts';
import { checkProjectFileSize, decodeProjectFile } from '../compose/file-checks.ts';
import { DiagnosticSink } from '../compose/diagnostic-sink.ts';
import { builtStage, type BuiltImage } from '../compose/dockerfile.ts';
import { parseDotenv } from '../compose/dotenv.ts';
import { referencedVariables, substitute } from '../compose/interpolation.ts';
import { isRemoteContext } from '../compose/paths.ts';
import type { ComposeProject, ComposeService } from '../compose/types.ts';
import type { TraefikConfig } from '../traefik/types.ts';
import type { LoadedTopology } from '../io/topology-files.ts';
import { displayPath } from '../util/display-path.ts';
import { compareDiagnostics, UserInputError, type Diagnostic, type SourceLoc } from '../model/diagnostics.ts';
import { proxyId } from '../model/queries.ts';
import { readTraefikConfig } from '../traefik/index.ts';
import { reviewSecurity } from '../security/review.ts';
import type { CheckStatus } from '../security/types.ts';
import { compareSystem, type SystemSources } from './compare.ts';
import { composeToTraefikInput, findTraefikService, isTraefikImage } from './traefik-input.ts';

export interface CheckOptions {
  /** Where paths in the output are relative to. */
  cwd: string;
  /** The process environment: wins over env files, like for `docker compose`. */
  env: Record<string, string | undefined>;
  /** `--env-file`: replaces every topology's `compose.envFile` (relative to `cwd`). */
  envFiles?: string[];
  /** `--profile`: activated in addition to the topology's `compose.profiles`. */
  profiles?: string[];
  /** `--security`: also run the security review (src/security) and add its findings. */
  security?: boolean;
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
  /** With `security`, every security rule and whether it passed, failed or did not apply (catalog order). */
  securityChecks?: Array<{ rule: string; status: CheckStatus }>;
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
  const rootDir = systemRootDir(topoDir, options.cwd);
  const env = definedEnv(options.env);
  const toDisplay = (file: string) => displayPath(path.resolve(rootDir, file), options.cwd);
  const listedFiles = files.map((f) => displayPath(f, options.cwd));

  // The topology names the files to read; like `include` and `extends`, they must stay inside the project.
  const inside = insideRoot(rootDir);
  const escaping: Diagnostic[] = [];
  source.files.forEach((f, i) => {
    if (!inside(files[i]!)) escaping.push(outsideRoot(`compose file "${f}"`, rootDir, loaded.locator.locate(['compose', 'files', i])));
  });
  if (source.envFile !== undefined && options.envFiles === undefined && !inside(envFiles![0]!)) {
    escaping.push(outsideRoot(`env file "${source.envFile}"`, rootDir, loaded.locator.locate(['compose', 'envFile'])));
  }
  if (escaping.length > 0) return { ...base, composeFiles: listedFiles, status: 'invalid', findings: escaping };

  let sources: SystemCompose;
  try {
    sources = loadSystemCompose({
      files,
      env,
      ...(envFiles ? { envFiles } : {}),
      ...(profiles ? { profiles } : {}),
      ...(source.projectName !== undefined ? { projectName: source.projectName } : {}),
      rootDir,
      ...(proxyId(topology) !== undefined ? { preferredProxy: proxyId(topology)! } : {}),
    });
  } catch (err) {
    if (!(err instanceof UserInputError)) throw err;
    const findings = relocate(errorsOf(err.diagnostics), loaded.file, toDisplay);
    return { ...base, composeFiles: listedFiles, status: 'invalid', findings };
  }
  const { project, traefik, proxy, variables, rawAt, dockerfiles } = sources;
  const lookup = (name: string) => variables.get(name);

  const compared: SystemSources = {
    topology,
    locateTopology: (p, opts) => loaded.locator.locate(p, opts),
    compose: project,
    traefik,
    expand: (text) => (text.includes('$') ? substitute(text, lookup).value : text),
    ...(proxy ? { proxyService: proxy.name } : {}),
    rawAt,
    dockerfiles,
  };
  const findings = compareSystem(compared);
  const review = options.security ? reviewSecurity(compared) : undefined;
  // Drift messages show labels as written, but router facts (entrypoints, middleware names…) and the
  // Traefik reader's findings come from interpolated values: the redactor catches what would leak.
  const redact = redactor(project, variables);
  const all = relocate([...findings, ...(review?.findings ?? []), ...project.diagnostics, ...traefik.diagnostics].map(redact), loaded.file, toDisplay).sort(compareDiagnostics);
  const result: SystemResult = { ...base, composeFiles: project.files.map(toDisplay), status: 'checked', findings: all };
  if (review) result.securityChecks = review.outcomes.map((o) => ({ rule: o.rule, status: o.status }));
  return result;
}

/** What `loadSystemCompose` needs: the compose sources of one system, resolved to absolute paths. */
export interface SystemComposeOptions {
  /** Compose files, absolute, in `-f` order. */
  files: string[];
  /** Variables standing for the process environment (win over env files). */
  env: Record<string, string>;
  /** Absolute env files replacing the default `.env` beside the first compose file. */
  envFiles?: string[];
  profiles?: string[];
  projectName?: string;
  /** Where `include` / `extends` files must stay (see `systemRootDir`). */
  rootDir: string;
  /** The topology's Traefik service, when it names one. */
  preferredProxy?: string;
  /** Keep going on compose errors (they come back in `project.diagnostics`). */
  tolerateErrors?: boolean;
}

/** A system's compose project and everything read from it, as `topodoc check` compares them. */
export interface SystemCompose {
  project: ComposeProject;
  traefik: TraefikConfig;
  proxy?: ComposeService;
  /** Values of the variables compose interpolated with; for comparing only, never for output. */
  variables: Map<string, string>;
  /** The text as written of an interpolated label, by its location. */
  rawAt: (loc: SourceLoc) => string | undefined;
  /** For each service compose builds from a readable Dockerfile inside the project: what the built stage says. */
  dockerfiles: ReadonlyMap<string, BuiltImage>;
}

/**
 * Loads the compose project of a system and reads its Traefik configuration, exactly as the drift
 * check does; `topodoc import` uses it too, so that what it writes is what `check` will compare.
 * Throws `UserInputError` on compose errors unless `tolerateErrors`.
 */
export function loadSystemCompose(options: SystemComposeOptions): SystemCompose {
  const project = loadComposeProjectSync({
    files: options.files,
    env: options.env,
    ...(options.envFiles ? { envFiles: options.envFiles } : {}),
    ...(options.profiles ? { profiles: options.profiles } : {}),
    ...(options.projectName !== undefined ? { projectName: options.projectName } : {}),
    rootDir: options.rootDir,
    ...(options.tolerateErrors ? { tolerateErrors: true } : {}),
  });
  const variables = variableValues(project, options.envFiles, options.env);
  const proxy = findTraefikService(project, options.preferredProxy);
  // Traefik's files are found through the proxy's bind mounts, which may point anywhere on the host:
  // only files inside the project are read.
  const inside = insideRoot(options.rootDir);
  const input = composeToTraefikInput(project, { ...(proxy ? { proxyService: proxy.name } : {}), readText: (f) => (inside(f) ? readText(f) : undefined), listDir: (d) => (inside(d) ? listDir(d) : undefined) });
  // Without a Traefik service and without a single Traefik label, Traefik plays no part in this project:
  // its defaults (every container exposed) would invent a router per service.
  // The proxy the topology names may be another web server: it runs Traefik when its image, its flags or
  // its configuration file say so.
  const runsTraefik =
    proxy !== undefined &&
    ((proxy.image !== undefined && isTraefikImage(proxy.image.value)) ||
      input.staticInput?.fileConfig !== undefined ||
      (input.staticInput?.args ?? []).some((a) => /^--?(entrypoints|providers|api|certificatesresolvers|configfile)\b/i.test(a.value)));
  const traefik = readTraefikConfig(runsTraefik || usesTraefikLabels(project) ? input : { projectName: input.projectName, services: [] });
  const raws = rawLabels(project);
  const dockerfiles = readDockerfiles(project, options.rootDir, inside);
  return { project, traefik, ...(proxy ? { proxy } : {}), variables, rawAt: (loc) => raws.get(locKey(loc)), dockerfiles };
}

/** The Dockerfiles of the services compose builds from a local context; like Traefik's files, only those inside the project. */
function readDockerfiles(project: ComposeProject, rootDir: string, inside: (file: string) => boolean): Map<string, BuiltImage> {
  const out = new Map<string, BuiltImage>();
  for (const service of Object.values(project.services)) {
    const build = service.build;
    if (!build || isRemoteContext(build.context)) continue;
    const file = path.resolve(build.context, build.dockerfile ?? 'Dockerfile');
    const text = inside(file) ? readText(file) : undefined;
    const stage = text === undefined ? undefined : builtStage(text, build.target);
    if (stage) out.set(service.name, { file: path.relative(rootDir, file).split(path.sep).join('/'), stage });
  }
  return out;
}

function usesTraefikLabels(project: ComposeProject): boolean {
  return Object.values(project.services).some((service) =>
    [...Object.keys(service.labels), ...Object.keys(service.deploy?.labels ?? {})].some((key) => key.toLowerCase().startsWith('traefik.')),
  );
}

/** The directory compose content must stay in for a topology in `topologyDir`, as `check` decides it. */
export function systemRootDir(topologyDir: string, cwd: string): string {
  return repositoryRoot(topologyDir) ?? (isInside(topologyDir, cwd) ? cwd : topologyDir);
}

function errorsOf(diagnostics: Diagnostic[]): Diagnostic[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return (errors.length > 0 ? errors : diagnostics).slice().sort(compareDiagnostics);
}

export function definedEnv(env: Record<string, string | undefined>): Record<string, string> {
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
export function redactor(project: ComposeProject, values: Map<string, string>): (d: Diagnostic) => Diagnostic {
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

/** A project file's text (Traefik configuration, Dockerfile); undefined when missing, or refused as too large, binary or not UTF-8. */
function readText(file: string): string | undefined {
  try {
    const info = statSync(file);
    if (!info.isFile()) return undefined;
    checkProjectFileSize(info.size);
    return decodeProjectFile(readFileSync(file));
  } catch {
    return undefined;
  }
}

function outsideRoot(what: string, rootDir: string, loc: SourceLoc): Diagnostic {
  return {
    severity: 'error',
    rule: 'check/path-outside-root',
    message: `the ${what} resolves outside the project root "${rootDir}"; topodoc only reads files inside it`,
    loc,
  };
}

/** Whether a path (symbolic links resolved) lies inside `root`. */
function insideRoot(root: string): (file: string) => boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const base = real(root);
  return (file) => isInside(real(file), base);
}

function listDir(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}
