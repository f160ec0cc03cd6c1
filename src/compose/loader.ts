/**
 * The compose loader (an adapter: it reads files). Pipeline per file, as in compose-go:
 * YAML (anchors, `<<`, `!reset`/`!override`, several documents) → interpolation →
 * `include` → `extends` → merge onto the previous documents and `-f` files (13-merge.md).
 * Then the project name, profiles, canonical model and consistency checks (assemble.ts).
 *
 * Variables come from `options.env` (standing for the process environment; `process.env`
 * is never read here), then from `.env` beside the first file (or `options.envFiles`), which
 * only fills variables the environment does not set.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { compareDiagnostics, UserInputError } from '../model/diagnostics.ts';
import type { SourceLoc } from '../model/diagnostics.ts';
import { assembleProject } from './assemble.ts';
import { dedupeDiagnostics, DiagnosticSink } from './diagnostic-sink.ts';
import { checkProjectFileSize, decodeProjectFile, ProjectFileError } from './file-checks.ts';
import { parseDotenv } from './dotenv.ts';
import { applyExtends } from './extends.ts';
import { applyInclude } from './include.ts';
import { interpolateTree } from './interpolate-tree.ts';
import type { ComposeFileSystem, Environment, LoaderContext } from './loader-context.ts';
import type { LMap } from './located.ts';
import { mapNode } from './located.ts';
import { mergeNodes } from './merge.ts';
import { isValidProjectName, normalizeProjectName, PROJECT_NAME_RULE } from './project-name.ts';
import type { ComposeProject, LoadComposeOptions } from './types.ts';
import { readComposeYaml } from './yaml-reader.ts';

/** Compose files one project may read, counting each `include` / `extends` load (real projects read a handful). */
export const MAX_FILE_LOADS = 256;

const TOP_LEVEL_KEYS = new Set(['version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models']);

/** Node's file system, read synchronously (the loader is CPU-bound and small files). */
export const nodeFileSystem: ComposeFileSystem = {
  readText(path) {
    let bytes: Buffer;
    try {
      const info = statSync(path);
      if (!info.isFile()) return undefined;
      // Refused before reading: a multi-gigabyte file must not be loaded to find out it is too large.
      checkProjectFileSize(info.size);
      bytes = readFileSync(path);
    } catch (err) {
      if (err instanceof ProjectFileError) throw err;
      return undefined;
    }
    return decodeProjectFile(bytes);
  },
  isFile(path) {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  isDirectory(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  realPath(path) {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  },
};

/** Loads and canonicalises a compose project. Throws `UserInputError` on errors unless `tolerateErrors`. */
export async function loadComposeProject(options: LoadComposeOptions): Promise<ComposeProject> {
  return loadComposeProjectSync(options);
}

export function loadComposeProjectSync(options: LoadComposeOptions, fs: ComposeFileSystem = nodeFileSystem): ComposeProject {
  if (options.files.length === 0) {
    throw new UserInputError([{ severity: 'error', rule: 'compose/no-files', message: 'No compose file given' }]);
  }
  const files = options.files.map((file) => resolve(file));
  const firstDir = dirname(files[0]!);
  const projectDirectory = options.projectDirectory !== undefined ? resolve(options.projectDirectory) : firstDir;
  const rootDir = options.rootDir !== undefined ? resolve(options.rootDir) : findRepositoryRoot(firstDir, fs);
  const loader = new Loader(fs, rootDir);
  const sink = loader.sink;

  const processEnv = new Map(Object.entries(options.env ?? {}));
  let envFiles: string[];
  if (options.envFiles !== undefined) {
    envFiles = options.envFiles.map((file) => resolve(file));
  } else {
    const dotenv = join(projectDirectory, '.env');
    envFiles = isTruthy(processEnv.get('COMPOSE_DISABLE_ENV_FILE')) || !fs.isFile(dotenv) ? [] : [dotenv];
  }
  const env = new Map(loader.readEnvFiles(envFiles, processEnv));
  for (const [key, value] of processEnv) env.set(key, value);

  const root = loader.loadUnit(files, env, []);
  const { name, nameSource } = projectName(options, env, root, projectDirectory, sink, loader);
  const profiles = options.profiles ?? (env.get('COMPOSE_PROFILES') ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  const parts = assembleProject(root, name, projectDirectory, profiles, sink);

  const diagnostics = dedupeDiagnostics(sink.items).sort(compareDiagnostics);
  if (!options.tolerateErrors && diagnostics.some((d) => d.severity === 'error')) throw new UserInputError(diagnostics);
  return {
    name,
    nameSource,
    projectDirectory,
    rootDir,
    files: loader.filesRead.map((file) => loader.display(file)),
    envFiles: loader.envFilesRead.map((file) => loader.display(file)),
    activeProfiles: [...profiles],
    ...parts,
    diagnostics,
  };
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes'].includes(value.toLowerCase());
}

/** The nearest ancestor holding `.git`, else `start`. */
function findRepositoryRoot(start: string, fs: ComposeFileSystem): string {
  let dir = start;
  for (;;) {
    const marker = join(dir, '.git');
    if (fs.isDirectory(marker) || fs.isFile(marker)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

function projectName(
  options: LoadComposeOptions,
  env: Environment,
  root: LMap,
  projectDirectory: string,
  sink: DiagnosticSink,
  loader: Loader,
): Pick<ComposeProject, 'name' | 'nameSource'> {
  const explicit = (value: string, kind: 'option' | 'env' | 'file', loc?: SourceLoc): Pick<ComposeProject, 'name' | 'nameSource'> => {
    if (!isValidProjectName(value)) sink.error('compose/project-name', `Invalid project name "${value}": ${PROJECT_NAME_RULE}`, loc);
    return { name: value, nameSource: loc ? { kind, loc } : { kind } };
  };
  if (options.projectName !== undefined) return explicit(options.projectName, 'option');
  const fromEnv = env.get('COMPOSE_PROJECT_NAME');
  if (fromEnv !== undefined && fromEnv !== '') return explicit(fromEnv, 'env');
  const nameNode = root.entries.get('name')?.value;
  if (nameNode?.kind === 'scalar' && nameNode.value !== null && String(nameNode.value) !== '') {
    return explicit(String(nameNode.value), 'file', nameNode.loc);
  }
  const name = normalizeProjectName(basename(projectDirectory));
  if (name === '') {
    sink.error('compose/project-name', `Cannot derive a project name from the directory "${loader.display(projectDirectory)}"; set "name:" or pass a project name`);
  }
  return { name, nameSource: { kind: 'directory' } };
}

class Loader implements LoaderContext {
  readonly sink = new DiagnosticSink();
  readonly fs: ComposeFileSystem;
  readonly filesRead: string[] = [];
  readonly envFilesRead: string[] = [];
  private loads = 0;
  private readonly rootDir: string;
  private readonly rootReal: string;

  constructor(fs: ComposeFileSystem, rootDir: string) {
    this.fs = fs;
    this.rootDir = rootDir;
    this.rootReal = fs.realPath(rootDir);
  }

  display(path: string): string {
    const rel = relative(this.rootDir, path);
    return (rel === '' ? '.' : rel).split(sep).join('/');
  }

  checkInsideRoot(path: string, what: string, loc: SourceLoc): boolean {
    const real = this.fs.realPath(path);
    const rel = relative(this.rootReal, real);
    if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel))) return true;
    this.sink.error('compose/path-outside-root', `The ${what} "${this.display(path)}" resolves outside the project root "${this.rootDir}"; topodoc only reads files inside it`, loc, {
      found: this.display(path),
    });
    return false;
  }

  readDocuments(path: string, env: Environment, referencedAt?: SourceLoc): LMap[] {
    // `include` loads each included file on its own, so a diamond of includes (a includes b twice, b
    // includes c twice…) doubles the work per level: bound the number of files read.
    if (++this.loads > MAX_FILE_LOADS) {
      if (this.loads === MAX_FILE_LOADS + 1) {
        const message = `More than ${MAX_FILE_LOADS} compose files are read through include and extends; refusing to load more (an include graph that multiplies?)`;
        if (referencedAt) this.sink.error('compose/too-many-files', message, referencedAt);
        else this.sink.error('compose/too-many-files', message);
      }
      return [];
    }
    const text = this.readChecked(path, referencedAt);
    if (text === null) return [];
    if (text === undefined) {
      const message = `Compose file not found: ${this.display(path)}`;
      if (referencedAt) this.sink.error('compose/file-not-found', message, referencedAt);
      else this.sink.error('compose/file-not-found', message);
      return [];
    }
    if (!this.filesRead.includes(path)) this.filesRead.push(path);
    const file = this.display(path);
    const { documents, empty } = readComposeYaml(text, file, this.sink);
    if (empty) this.sink.warning('compose/empty-file', `Compose file ${file} is empty`, { file, line: 1, column: 1 });
    const lookup = (name: string): string | undefined => env.get(name);
    const out: LMap[] = [];
    for (const doc of documents) {
      if (doc.kind !== 'map') {
        this.sink.error('compose/invalid-value', 'A compose file must be a mapping at the top level', doc.loc);
        continue;
      }
      for (const [key, entry] of doc.entries) {
        if (key === 'version') {
          this.sink.warning('compose/version-obsolete', 'The attribute "version" is obsolete and ignored; remove it to avoid confusion', entry.keyLoc);
        } else if (!TOP_LEVEL_KEYS.has(key) && !key.startsWith('x-')) {
          this.sink.warning('compose/unknown-key', `Unknown top-level attribute "${key}" is ignored`, entry.keyLoc, { path: key });
        }
      }
      const interpolated = interpolateTree(doc, lookup, this.sink);
      out.push(interpolated.kind === 'map' ? interpolated : doc);
    }
    return out;
  }

  loadUnit(files: readonly string[], env: Environment, includeChain: readonly string[], referencedAt?: SourceLoc): LMap {
    let merged: LMap = mapNode(new Map(), { file: this.display(files[0] ?? '.'), line: 1, column: 1 });
    for (const path of files) {
      for (let doc of this.readDocuments(path, env, referencedAt)) {
        doc = applyInclude(doc, path, env, includeChain, this);
        doc = applyExtends(doc, path, env, this);
        const next = mergeNodes(merged, doc, []);
        if (next?.kind === 'map') merged = next;
      }
    }
    return merged;
  }

  /** The file's text; undefined when missing; null when refused (too large, binary, not UTF-8: reported here). */
  private readChecked(path: string, referencedAt?: SourceLoc): string | undefined | null {
    try {
      return this.fs.readText(path);
    } catch (err) {
      if (!(err instanceof ProjectFileError)) throw err;
      this.sink.error(err.rule, `${this.display(path)}: ${err.message}`, { file: this.display(path), line: 1, column: 1 });
      if (referencedAt) this.sink.error(err.rule, `cannot read ${this.display(path)}: ${err.message}`, referencedAt);
      return null;
    }
  }

  readEnvFiles(files: readonly string[], env: Environment, referencedAt?: SourceLoc): Map<string, string> {
    const values = new Map<string, string>();
    for (const path of files) {
      const text = this.readChecked(path, referencedAt);
      if (text === null) continue;
      if (text === undefined) {
        const message = `Environment file not found: ${this.display(path)}`;
        if (referencedAt) this.sink.error('compose/file-not-found', message, referencedAt);
        else this.sink.error('compose/file-not-found', message);
        continue;
      }
      if (!this.envFilesRead.includes(path)) this.envFilesRead.push(path);
      // `${X}` inside a value: the environment first, then keys of earlier files (and earlier lines).
      const parsed = parseDotenv(text, this.display(path), (name) => env.get(name) ?? values.get(name), this.sink);
      for (const [key, value] of parsed) values.set(key, value);
    }
    return values;
  }
}

