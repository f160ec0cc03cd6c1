/**
 * Top-level `include` (14-include.md): each entry is a file (short form) or
 * `{path: file|[files], project_directory, env_file}`. Every included model is loaded on its own
 * (its own includes and extends, relative paths resolved against its project directory, its
 * own `.env` filling variables the including project does not set) and its resources are
 * imported. On a name conflict the local definition is merged over the imported one, as
 * compose-go does, with a warning (the spec asks for one). Include cycles are errors.
 */
import { dirname, join, resolve } from 'node:path';
import type { SourceLoc } from '../model/diagnostics.ts';
import { readString } from './field-read.ts';
import type { Environment, LoaderContext } from './loader-context.ts';
import type { LEntry, LMap, LNode } from './located.ts';
import { mapNode, setEntry } from './located.ts';
import { mergeNodes } from './merge.ts';
import { rebaseModel } from './paths.ts';

const IMPORTED_SECTIONS = ['services', 'networks', 'volumes', 'secrets', 'configs'] as const;

interface IncludeEntry {
  paths: string[];
  projectDirectory: string;
  envFiles: string[] | undefined;
  loc: SourceLoc;
}

/** Loads the includes of one document of `path` and imports their resources into it. */
export function applyInclude(doc: LMap, path: string, env: Environment, includeChain: readonly string[], ctx: LoaderContext): LMap {
  const includeEntry = doc.entries.get('include');
  if (!includeEntry) return doc;
  let result = setEntry(doc, 'include', undefined);
  const node = includeEntry.value;
  if (node.kind === 'scalar' && node.value === null) return result;
  if (node.kind !== 'seq') {
    ctx.sink.error('compose/invalid-value', 'include must be a list', node.loc);
    return result;
  }
  const here = dirname(path);
  for (const item of node.items) {
    const entry = readIncludeEntry(item, here, ctx);
    if (!entry) continue;
    const cycle = entry.paths.find((p) => includeChain.includes(p) || p === path);
    if (cycle !== undefined) {
      const chain = [...includeChain, path, cycle].map((p) => ctx.display(p)).join(' -> ');
      ctx.sink.error('compose/include-cycle', `include cycle: ${chain}`, entry.loc);
      continue;
    }
    if (!entry.paths.every((p) => ctx.checkInsideRoot(p, 'include path', entry.loc))) continue;
    let envFiles = entry.envFiles;
    if (envFiles === undefined) {
      const dotenv = join(entry.projectDirectory, '.env');
      envFiles = ctx.fs.isFile(dotenv) ? [dotenv] : [];
    } else if (!envFiles.every((p) => ctx.checkInsideRoot(p, 'include env_file', entry.loc))) continue;
    // The including project's variables win; the included .env only fills the gaps.
    const ownVariables = ctx.readEnvFiles(envFiles, env, entry.loc);
    const includedEnv = new Map(ownVariables);
    for (const [key, value] of env) includedEnv.set(key, value);
    const unit = ctx.loadUnit(entry.paths, includedEnv, [...includeChain, path], entry.loc);
    result = importResources(result, rebaseModel(unit, entry.projectDirectory), entry.loc, ctx);
  }
  return result;
}

function readIncludeEntry(item: LNode, here: string, ctx: LoaderContext): IncludeEntry | undefined {
  if (item.kind === 'scalar') {
    const file = readString(item, 'include item', ctx.sink);
    if (file === undefined) return undefined;
    const abs = resolve(here, file);
    return { paths: [abs], projectDirectory: dirname(abs), envFiles: undefined, loc: item.loc };
  }
  if (item.kind !== 'map') {
    ctx.sink.error('compose/invalid-value', 'include items must be paths or mappings with "path"', item.loc);
    return undefined;
  }
  const get = (key: string): LNode | undefined => item.entries.get(key)?.value;
  const paths = stringOrList(get('path'), 'include path', ctx).map((p) => resolve(here, p));
  if (paths.length === 0) {
    ctx.sink.error('compose/invalid-value', 'include: an entry needs "path"', item.loc);
    return undefined;
  }
  const projectDirectory = readString(get('project_directory'), 'include project_directory', ctx.sink);
  const envNode = get('env_file');
  return {
    paths,
    projectDirectory: projectDirectory !== undefined ? resolve(here, projectDirectory) : dirname(paths[0]!),
    envFiles: envNode === undefined ? undefined : stringOrList(envNode, 'include env_file', ctx).map((p) => resolve(here, p)),
    loc: item.loc,
  };
}

function stringOrList(node: LNode | undefined, what: string, ctx: LoaderContext): string[] {
  if (node === undefined) return [];
  if (node.kind === 'seq') return node.items.map((item) => readString(item, what, ctx.sink)).filter((v): v is string => v !== undefined);
  const single = readString(node, what, ctx.sink);
  return single === undefined ? [] : [single];
}

function importResources(local: LMap, imported: LMap, loc: SourceLoc, ctx: LoaderContext): LMap {
  let result = local;
  for (const section of IMPORTED_SECTIONS) {
    const theirs = imported.entries.get(section)?.value;
    if (theirs?.kind !== 'map' || theirs.entries.size === 0) continue;
    const oursEntry = result.entries.get(section);
    const ours = oursEntry?.value.kind === 'map' ? oursEntry.value : undefined;
    const entries = new Map<string, LEntry>(theirs.entries);
    for (const [key, entry] of ours?.entries ?? []) {
      const previous = entries.get(key);
      if (previous) {
        ctx.sink.warning('compose/include-conflict', `${section}.${key} is also defined by an included file; the local definition is merged over it`, entry.keyLoc, {
          related: [{ message: 'included definition', loc: previous.keyLoc }],
        });
        const merged = mergeNodes(previous.value, entry.value, [section, key]);
        if (merged) entries.set(key, { ...entry, value: merged });
        else entries.delete(key);
      } else entries.set(key, entry);
    }
    result = setEntry(result, section, mapNode(entries, ours?.loc ?? loc), oursEntry?.keyLoc ?? loc);
  }
  return result;
}
