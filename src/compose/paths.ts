/**
 * Rebasing of relative host paths before a model is merged somewhere else: services pulled in
 * by `extends: {file}` and projects pulled in by `include` resolve their relative paths
 * against their own directory, not the including project's (05-services.md `extends`,
 * 14-include.md). Only attributes topodoc reads are rebased: `build` context, bind-mount
 * volume sources, `env_file`, and `file` of secrets and configs.
 */
import type { LEntry, LMap, LNode } from './located.ts';
import { scalarNode, seqNode } from './located.ts';
import { isHostPath, joinShortVolume, resolveHostPath, splitShortVolume, VolumeSyntaxError } from './volumes.ts';

/** Whether a build context is a remote URL (git, http) rather than a directory. */
export function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || /^github\.com\//.test(context);
}

function rebaseScalar(node: LNode, baseDir: string, test: (text: string) => boolean = () => true): LNode {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || !test(node.value)) return node;
  const resolved = resolveHostPath(node.value, baseDir);
  return resolved === node.value ? node : { ...node, value: resolved };
}

function withEntries(map: LMap, update: (key: string, value: LNode) => LNode): LMap {
  let changed = false;
  const entries = new Map<string, LEntry>();
  for (const [key, entry] of map.entries) {
    const value = update(key, entry.value);
    if (value !== entry.value) changed = true;
    entries.set(key, value === entry.value ? entry : { ...entry, value });
  }
  return changed ? { ...map, entries } : map;
}

function rebaseBuild(node: LNode, baseDir: string): LNode {
  const notRemote = (text: string): boolean => !isRemoteContext(text);
  if (node.kind === 'scalar') return rebaseScalar(node, baseDir, notRemote);
  if (node.kind !== 'map') return node;
  if (!node.entries.has('context')) {
    // A build without context builds the directory the file sits in.
    const entries = new Map(node.entries);
    entries.set('context', { key: 'context', keyLoc: node.loc, value: scalarNode(baseDir, node.loc) });
    return { ...node, entries };
  }
  return withEntries(node, (key, value) => (key === 'context' ? rebaseScalar(value, baseDir, notRemote) : value));
}

function rebaseVolume(item: LNode, baseDir: string): LNode {
  if (item.kind === 'map') {
    const type = item.entries.get('type')?.value;
    const source = item.entries.get('source')?.value;
    const isBind = type?.kind === 'scalar' ? type.value === 'bind' : source?.kind === 'scalar' && typeof source.value === 'string' && isHostPath(source.value);
    return isBind ? withEntries(item, (key, value) => (key === 'source' ? rebaseScalar(value, baseDir) : value)) : item;
  }
  if (item.kind !== 'scalar' || typeof item.value !== 'string') return item;
  try {
    const parsed = splitShortVolume(item.value);
    if (parsed.source === undefined || !isHostPath(parsed.source)) return item;
    const source = resolveHostPath(parsed.source, baseDir);
    return source === parsed.source ? item : { ...item, value: joinShortVolume({ ...parsed, source }) };
  } catch (err) {
    if (err instanceof VolumeSyntaxError) return item; // reported when canonicalised
    throw err;
  }
}

function rebaseEnvFile(node: LNode, baseDir: string): LNode {
  if (node.kind === 'scalar') return rebaseScalar(node, baseDir);
  if (node.kind !== 'seq') return node;
  const items = node.items.map((item) =>
    item.kind === 'map' ? withEntries(item, (key, value) => (key === 'path' ? rebaseScalar(value, baseDir) : value)) : rebaseScalar(item, baseDir),
  );
  return items.some((item, i) => item !== node.items[i]) ? seqNode(items, node.loc) : node;
}

export function rebaseService(service: LNode, baseDir: string): LNode {
  if (service.kind !== 'map') return service;
  return withEntries(service, (key, value) => {
    if (key === 'build') return rebaseBuild(value, baseDir);
    if (key === 'env_file') return rebaseEnvFile(value, baseDir);
    if (key === 'volumes' && value.kind === 'seq') {
      const items = value.items.map((item) => rebaseVolume(item, baseDir));
      return items.some((item, i) => item !== value.items[i]) ? { ...value, items } : value;
    }
    return value;
  });
}

/** Rebases every service and every secret/config `file` of a whole model. */
export function rebaseModel(root: LMap, baseDir: string): LMap {
  return withEntries(root, (section, value) => {
    if (value.kind !== 'map') return value;
    if (section === 'services') return withEntries(value, (_name, service) => rebaseService(service, baseDir));
    if (section === 'secrets' || section === 'configs') {
      return withEntries(value, (_name, def) => (def.kind === 'map' ? withEntries(def, (key, v) => (key === 'file' ? rebaseScalar(v, baseDir) : v)) : def));
    }
    return value;
  });
}
