/**
 * Typed reads of located nodes for the canonicaliser. Values arrive as YAML scalars or as
 * interpolated strings, so numbers and booleans are also accepted in their string form (the
 * post-interpolation casts of compose-go). Wrong types become `compose/invalid-value` errors.
 */
import type { DiagnosticSink } from './diagnostic-sink.ts';
import type { LNode } from './located.ts';
import type { Located } from './types.ts';

export function readString(node: LNode | undefined, what: string, sink: DiagnosticSink): string | undefined {
  if (node === undefined) return undefined;
  if (node.kind !== 'scalar') {
    sink.error('compose/invalid-value', `${what} must be a string`, node.loc);
    return undefined;
  }
  return node.value === null ? undefined : String(node.value);
}

export function readLocatedString(node: LNode | undefined, what: string, sink: DiagnosticSink): Located<string> | undefined {
  const value = readString(node, what, sink);
  return value === undefined || node === undefined ? undefined : withRaw({ value, loc: node.loc }, node);
}

/** Keeps the text as written when interpolation changed it (see `Located.raw`). */
export function withRaw<T>(located: Located<T>, node: LNode): Located<T> {
  if (node.kind === 'scalar' && node.raw !== undefined && (node.variables?.length ?? 0) > 0) located.raw = node.raw;
  return located;
}

export function readInt(node: LNode | undefined, what: string, sink: DiagnosticSink): number | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind === 'scalar') {
    if (typeof node.value === 'number' && Number.isInteger(node.value)) return node.value;
    if (typeof node.value === 'string' && /^[+-]?\d+$/.test(node.value.trim())) return Number(node.value.trim());
  }
  sink.error('compose/invalid-value', `${what} must be an integer`, node.loc, { found: node.kind === 'scalar' ? String(node.value) : node.kind });
  return undefined;
}

export function readLocatedInt(node: LNode | undefined, what: string, sink: DiagnosticSink): Located<number> | undefined {
  const value = readInt(node, what, sink);
  return value === undefined || node === undefined ? undefined : { value, loc: node.loc };
}

export function readBool(node: LNode | undefined, what: string, sink: DiagnosticSink): boolean | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind === 'scalar') {
    if (typeof node.value === 'boolean') return node.value;
    if (typeof node.value === 'string') {
      const text = node.value.trim().toLowerCase();
      if (text === 'true') return true;
      if (text === 'false') return false;
    }
  }
  sink.error('compose/invalid-value', `${what} must be true or false`, node.loc, { found: node.kind === 'scalar' ? String(node.value) : node.kind });
  return undefined;
}

export function readLocatedBool(node: LNode | undefined, what: string, sink: DiagnosticSink): Located<boolean> | undefined {
  const value = readBool(node, what, sink);
  return value === undefined || node === undefined ? undefined : { value, loc: node.loc };
}

/** A list of strings; a single string is accepted as a one-item list where compose allows it. */
export function readStringList(node: LNode | undefined, what: string, sink: DiagnosticSink, allowSingle = false): Array<Located<string>> {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  if (node.kind === 'scalar' && allowSingle) return [{ value: String(node.value), loc: node.loc }];
  if (node.kind !== 'seq') {
    sink.error('compose/invalid-value', `${what} must be a list`, node.loc);
    return [];
  }
  const out: Array<Located<string>> = [];
  for (const item of node.items) {
    const value = readString(item, `${what} item`, sink);
    if (value !== undefined) out.push({ value, loc: item.loc });
  }
  return out;
}

/** Drops repeated values, keeping the first position (compose's uniqueness for cap_add, profiles, ...). */
export function uniqueValues(items: Array<Located<string>>): Array<Located<string>> {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.value) ? false : (seen.add(item.value), true)));
}
