/**
 * Key/value bags: attributes compose accepts either as a list of `KEY=VALUE` strings or as a
 * mapping (`labels`, `environment`, `deploy.labels`, `build.args`, `sysctls`, ...). Both forms
 * become one ordered list of entries, so merging and canonicalising treat them alike.
 */
import type { SourceLoc } from '../model/diagnostics.ts';
import type { DiagnosticSink } from './diagnostic-sink.ts';
import { referencedVariables } from './interpolation.ts';
import type { LEntry, LMap, LNode } from './located.ts';
import type { Located } from './types.ts';
import { mapNode, scalarNode } from './located.ts';

export interface BagEntry {
  key: string;
  keyLoc: SourceLoc;
  /** Null scalar when the list item had no `=` or the mapping value was empty (`KEY:`). */
  value: LNode;
}

/**
 * Entries of a bag in document order; a later duplicate key replaces the earlier value but
 * keeps its position. Anything that is neither list nor mapping is reported once.
 */
export function bagEntries(node: LNode | undefined, separator: '=' | '=:', what: string, sink?: DiagnosticSink): Map<string, BagEntry> {
  const out = new Map<string, BagEntry>();
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return out;
  if (node.kind === 'map') {
    for (const [key, entry] of node.entries) out.set(key, { key, keyLoc: entry.keyLoc, value: entry.value });
    return out;
  }
  if (node.kind === 'seq') {
    for (const item of node.items) {
      if (item.kind !== 'scalar' || item.value === null) {
        sink?.error('compose/invalid-value', `${what}: list items must be "KEY=VALUE" strings`, item.loc);
        continue;
      }
      const text = String(item.value);
      const cut = splitAt(text, separator);
      if (cut < 0) {
        out.set(text, { key: text, keyLoc: item.loc, value: scalarNode(null, item.loc) });
        continue;
      }
      const key = text.slice(0, cut);
      const value = text.slice(cut + 1);
      const raw = item.raw;
      const rawCut = raw === undefined ? -1 : splitAt(raw, separator);
      const rawValue = raw !== undefined && rawCut >= 0 ? raw.slice(rawCut + 1) : undefined;
      const variables = rawValue === undefined ? [] : referencedVariables(rawValue);
      const extra = rawValue !== undefined && variables.length > 0 ? { raw: rawValue, variables } : undefined;
      out.set(key, { key, keyLoc: item.loc, value: scalarNode(value, item.loc, extra) });
    }
    return out;
  }
  sink?.error('compose/invalid-value', `${what} must be a list of "KEY=VALUE" strings or a mapping`, node.loc);
  return out;
}

/** The bag as a mapping node (the merged form). */
export function bagToMap(entries: Map<string, BagEntry>, loc: SourceLoc): LMap {
  const map = new Map<string, LEntry>();
  for (const [key, entry] of entries) map.set(key, { key, keyLoc: entry.keyLoc, value: entry.value });
  return mapNode(map, loc);
}

/** `=` for labels and environment; `=:` for `extra_hosts`, where `host:ip` is also accepted. */
function splitAt(text: string, separator: '=' | '=:'): number {
  const eq = text.indexOf('=');
  if (eq >= 0 || separator === '=') return eq;
  return text.indexOf(':');
}

/** Labels as strings: `true` becomes `"true"`, an empty value `""` (compose-go types/labels). */
export function readLabels(node: LNode | undefined, what: string, sink: DiagnosticSink): Record<string, Located<string>> {
  const out: Record<string, Located<string>> = {};
  for (const [key, entry] of bagEntries(node, '=', what, sink)) {
    const value = entry.value;
    if (value.kind !== 'scalar') {
      sink.error('compose/invalid-value', `${what}.${key} must be a string, number or boolean`, value.loc);
      continue;
    }
    const label: Located<string> = { value: value.value === null ? '' : String(value.value), loc: entry.keyLoc };
    if (value.raw !== undefined && (value.variables?.length ?? 0) > 0) label.raw = value.raw;
    out[key] = label;
  }
  return out;
}
