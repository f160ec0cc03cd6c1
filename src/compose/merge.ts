/**
 * Merging of compose models (13-merge.md), used for several `-f` files, several documents in
 * one file, `extends` and `include` conflicts:
 * - mappings merge recursively, sequences append, scalars: the last one wins;
 * - `command`, `entrypoint` and `healthcheck.test` are replaced, not appended;
 * - `labels`, `environment`, `deploy.labels`, `build.args`, ... (list or mapping) merge by key;
 * - service `networks` and `depends_on` turn lists into mappings first (a listed dependency
 *   means `{condition: service_started, required: true}`), then merge as mappings;
 * - `build: path` counts as `build: {context: path}`; `logging` merges only for the same driver;
 * - `!reset` removes the attribute, `!override` replaces it wholesale; a null value keeps the base.
 * Sequences with identity keys (ports, volumes, expose, secrets, ...) are only appended here:
 * the canonicaliser removes duplicates (last wins, first position), like compose-go's
 * "enforce unicity" step. Cost is linear in the size of both trees.
 */
import { bagEntries, bagToMap } from './bags.ts';
import type { LEntry, LMap, LNode } from './located.ts';
import { EXTENDS_MARKER, mapNode, scalarNode, seqNode, withoutTag } from './located.ts';

type Rule = 'generic' | 'replace' | 'bag' | 'host-bag' | 'networks' | 'depends_on' | 'build' | 'logging';

const SERVICE_RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ['command', 'replace'],
  ['entrypoint', 'replace'],
  ['healthcheck.test', 'replace'],
  ['labels', 'bag'],
  ['environment', 'bag'],
  ['annotations', 'bag'],
  ['sysctls', 'bag'],
  ['deploy.labels', 'bag'],
  ['build.args', 'bag'],
  ['build.labels', 'bag'],
  ['build.additional_contexts', 'bag'],
  ['extra_hosts', 'host-bag'],
  ['build.extra_hosts', 'host-bag'],
  ['networks', 'networks'],
  ['depends_on', 'depends_on'],
  ['build', 'build'],
  ['logging', 'logging'],
  [EXTENDS_MARKER, 'replace'],
]);

const LABELLED_SECTIONS = new Set(['networks', 'volumes', 'secrets', 'configs']);

function ruleFor(path: readonly string[]): Rule {
  if (path[0] === 'services' && path.length >= 3) return SERVICE_RULES.get(path.slice(2).join('.')) ?? 'generic';
  if (path.length === 3 && path[2] === 'labels' && LABELLED_SECTIONS.has(path[0]!)) return 'bag';
  return 'generic';
}

/**
 * Merges `override` onto `base` at `path` (keys from the document root, e.g.
 * `['services', 'web']`). Returns undefined when the result is "no value" (a `!reset`).
 */
export function mergeNodes(base: LNode | undefined, override: LNode, path: readonly string[]): LNode | undefined {
  if (override.tag === 'reset') return undefined;
  if (base === undefined || override.tag === 'override') return stripMergeTags(override);
  const rule = ruleFor(path);
  if (rule === 'replace') return stripMergeTags(override);
  if (override.kind === 'scalar' && override.value === null) return base;
  switch (rule) {
    case 'bag':
    case 'host-bag': {
      const separator = rule === 'bag' ? '=' : '=:';
      const merged = bagEntries(base, separator, path.join('.'));
      for (const [key, entry] of bagEntries(override, separator, path.join('.'))) {
        if (entry.value.tag === 'reset') merged.delete(key);
        else merged.set(key, { ...entry, value: stripMergeTags(entry.value) });
      }
      return bagToMap(merged, base.loc);
    }
    case 'networks':
      return mergeMaps(listToMap(base, false), listToMap(override, false), path);
    case 'depends_on':
      return mergeMaps(listToMap(base, true), listToMap(override, true), path);
    case 'build':
      return mergeMaps(buildAsMap(base), buildAsMap(override), path);
    case 'logging': {
      const baseDriver = driverOf(base);
      const overrideDriver = driverOf(override);
      if (baseDriver !== undefined && overrideDriver !== undefined && baseDriver !== overrideDriver) return stripMergeTags(override);
      break;
    }
    default:
      break;
  }
  if (base.kind === 'map' && override.kind === 'map') return mergeMaps(base, override, path);
  if (base.kind === 'seq' && override.kind === 'seq') return seqNode([...base.items, ...stripMergeTags(override).items], base.loc);
  return stripMergeTags(override);
}

/** Merges two mappings; the base keeps its key order and location, new keys are appended. */
export function mergeMaps(base: LMap, override: LMap, path: readonly string[]): LMap {
  const entries = new Map<string, LEntry>(base.entries);
  for (const [key, entry] of override.entries) {
    const previous = entries.get(key);
    const merged = mergeNodes(previous?.value, entry.value, [...path, key]);
    if (merged === undefined) {
      entries.delete(key);
      continue;
    }
    // A mapping merged into an existing one stays "declared" where it was first written.
    const keyLoc = previous && previous.value.kind === 'map' && merged.kind === 'map' && entry.value.tag !== 'override' ? previous.keyLoc : entry.keyLoc;
    entries.set(key, { key, keyLoc, value: merged });
  }
  return base.tag === undefined ? { ...base, entries } : mapNode(entries, base.loc);
}

/** Removes merge tags below `node` and drops entries tagged `!reset` (a reset with nothing to reset). */
export function stripMergeTags<N extends LNode>(node: N): N {
  const untagged = withoutTag(node);
  if (untagged.kind === 'scalar') return untagged;
  if (untagged.kind === 'seq') {
    let changed = untagged !== (node as LNode);
    const items = untagged.items.map((item) => {
      const next = stripMergeTags(item);
      if (next !== item) changed = true;
      return next;
    });
    return (changed ? { ...untagged, items } : untagged) as N;
  }
  let changed = untagged !== (node as LNode);
  const entries = new Map<string, LEntry>();
  for (const [key, entry] of untagged.entries) {
    if (entry.value.tag === 'reset') {
      changed = true;
      continue;
    }
    const value = stripMergeTags(entry.value);
    if (value !== entry.value) changed = true;
    entries.set(key, value === entry.value ? entry : { ...entry, value });
  }
  return (changed ? { ...untagged, entries } : untagged) as N;
}

/** Service `networks` / `depends_on` as a mapping; list items become keys. */
function listToMap(node: LNode, dependency: boolean): LMap {
  if (node.kind === 'map') return node;
  const entries = new Map<string, LEntry>();
  if (node.kind === 'seq') {
    for (const item of node.items) {
      if (item.kind !== 'scalar' || item.value === null) continue;
      const key = String(item.value);
      const value = dependency
        ? mapNode(
            new Map<string, LEntry>([
              ['condition', { key: 'condition', keyLoc: item.loc, value: scalarNode('service_started', item.loc) }],
              ['required', { key: 'required', keyLoc: item.loc, value: scalarNode(true, item.loc) }],
            ]),
            item.loc,
          )
        : scalarNode(null, item.loc);
      entries.set(key, { key, keyLoc: item.loc, value });
    }
  }
  return mapNode(entries, node.loc);
}

function buildAsMap(node: LNode): LMap {
  if (node.kind === 'map') return node;
  return mapNode(new Map([['context', { key: 'context', keyLoc: node.loc, value: node }]]), node.loc);
}

function driverOf(node: LNode): string | undefined {
  if (node.kind !== 'map') return undefined;
  const driver = node.entries.get('driver')?.value;
  return driver?.kind === 'scalar' && driver.value !== null ? String(driver.value) : undefined;
}
