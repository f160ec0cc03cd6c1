/**
 * The located tree: a YAML document after anchors, aliases and `<<` merge keys are resolved,
 * where every node remembers the file position it came from. Interpolation, `include`,
 * `extends` and multi-file merging all work on this tree; only the final canonicaliser turns
 * it into the public model (types.ts). Nodes are never mutated once built, so a node reached
 * through several aliases can be shared safely.
 */
import type { SourceLoc } from '../model/diagnostics.ts';

/** Compose merge tags (13-merge.md): `!reset` removes the attribute, `!override` replaces it. */
export type MergeTag = 'reset' | 'override';

/**
 * Internal service key under which the extends stage records the `extends` reference it
 * resolved (no YAML key can collide: it starts with a NUL character).
 */
export const EXTENDS_MARKER = '\u0000extends';

export type ScalarValue = string | number | boolean | null;

export interface LScalar {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  readonly loc: SourceLoc;
  readonly tag?: MergeTag;
  /** The text before interpolation, present only when interpolation changed or inspected the value. */
  readonly raw?: string;
  /** Names of the variables the raw text referenced (names only, never their values). */
  readonly variables?: readonly string[];
}

export interface LEntry {
  readonly key: string;
  readonly keyLoc: SourceLoc;
  readonly value: LNode;
}

export interface LMap {
  readonly kind: 'map';
  readonly entries: ReadonlyMap<string, LEntry>;
  readonly loc: SourceLoc;
  readonly tag?: MergeTag;
}

export interface LSeq {
  readonly kind: 'seq';
  readonly items: readonly LNode[];
  readonly loc: SourceLoc;
  readonly tag?: MergeTag;
}

export type LNode = LScalar | LMap | LSeq;

export function scalarNode(value: ScalarValue, loc: SourceLoc, extra?: Partial<Pick<LScalar, 'raw' | 'variables'>>): LScalar {
  const node: { -readonly [K in keyof LScalar]: LScalar[K] } = { kind: 'scalar', value, loc };
  if (extra?.raw !== undefined) node.raw = extra.raw;
  if (extra?.variables !== undefined && extra.variables.length > 0) node.variables = extra.variables;
  return node;
}

export function mapNode(entries: ReadonlyMap<string, LEntry>, loc: SourceLoc): LMap {
  return { kind: 'map', entries, loc };
}

export function seqNode(items: readonly LNode[], loc: SourceLoc): LSeq {
  return { kind: 'seq', items, loc };
}

/** The same node without its merge tag (tags only matter while merging). */
export function withoutTag<N extends LNode>(node: N): N {
  if (node.tag === undefined) return node;
  const { tag: _tag, ...rest } = node;
  return rest as unknown as N;
}

export function isMap(node: LNode | undefined): node is LMap {
  return node?.kind === 'map';
}

export function isSeq(node: LNode | undefined): node is LSeq {
  return node?.kind === 'seq';
}

export function isScalar(node: LNode | undefined): node is LScalar {
  return node?.kind === 'scalar';
}

export function isNull(node: LNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.value === null);
}

export function getEntry(node: LNode | undefined, key: string): LEntry | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}

export function getNode(node: LNode | undefined, key: string): LNode | undefined {
  return getEntry(node, key)?.value;
}

/** A copy of `map` with one entry replaced, added (at the end) or, when `value` is undefined, removed. */
export function setEntry(map: LMap, key: string, value: LNode | undefined, keyLoc?: SourceLoc): LMap {
  const entries = new Map(map.entries);
  if (value === undefined) entries.delete(key);
  else entries.set(key, { key, keyLoc: keyLoc ?? entries.get(key)?.keyLoc ?? value.loc, value });
  return { ...map, entries };
}

/** Scalar text as compose reads it: strings as they are, numbers and booleans printed, null as undefined. */
export function scalarText(node: LNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}
