/**
 * Writes an imported topology as YAML with yaml's Document API: the schema line first, sections in the
 * order of the hand-written topologies, a blank line between sections and between services, short
 * collections in flow style, and each comment (every guess) on the line of its value. Deterministic:
 * the same topology and comments always give the same bytes.
 */
import { Document, isCollection, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { pathKey, type TopologyPath } from './notes.ts';

export const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: true, indentSeq: true } as const;

/** Topology paths (`*` = any key) whose value is written in flow style, `{ a: 1 }` / `[a, b]`. */
const FLOW_PATHS: string[][] = [
  ['compose', 'profiles'],
  ['entrypoints', '*', 'redirect'],
  ['services', '*', 'build'],
  ['services', '*', 'ports', '*'],
  ['services', '*', 'networks'],
  ['services', '*', 'environment'],
  ['services', '*', 'dependsOn'],
  ['services', '*', 'dependsOn', '*'],
  ['services', '*', 'volumes', '*'],
  ['services', '*', 'healthcheck'],
  ['services', '*', 'resources'],
  ['services', '*', 'scaling'],
  ['routes', '*', 'entrypoints'],
  ['routes', '*', 'middlewares'],
  ['routes', '*', 'tls'],
  ['networks', '*'],
  ['middlewares', '*', '*', '*'],
];

/** Maps whose entries are separated by a blank line. */
const SPACED_MAPS: string[][] = [[], ['services'], ['routes'], ['middlewares'], ['entrypoints']];

export interface EmitOptions {
  /** The `$schema=` target of the first line. */
  schema: string;
  /** Further comment lines under the schema line. */
  header?: string[];
}

export function emitTopology(topology: Record<string, unknown>, comments: ReadonlyMap<string, string>, options: EmitOptions): string {
  const doc = new Document(topology);
  doc.commentBefore = [` yaml-language-server: $schema=${options.schema}`, ...(options.header ?? []).map((l) => ` ${l}`)].join('\n');
  styleNode(doc.contents as Node, [], comments);
  return doc.toString(YAML_OPTIONS);
}

export function styleNode(node: Node | null | undefined, path: Array<string | number>, comments: ReadonlyMap<string, string>): void {
  if (!node) return;
  if (isCollection(node) && node.items.length > 0 && matches(FLOW_PATHS, path) && !hasCommentsBelow(path, comments)) node.flow = true;
  if (isMap(node)) {
    const spaced = matches(SPACED_MAPS, path);
    (node as YAMLMap).items.forEach((pair: Pair, index: number) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const childPath = [...path, key];
      const sectionBreak = path.length > 0 || isCollection(pair.value) || isCollection(node.items[index - 1]?.value);
      if (spaced && index > 0 && sectionBreak && isScalar(pair.key)) pair.key.spaceBefore = true;
      styleNode(pair.value as Node, childPath, comments);
      attachComment(pair, childPath, comments);
    });
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const childPath = [...path, index];
      const text = comments.get(pathKey(childPath));
      if (text !== undefined && isScalar(item)) item.comment = ` ${text}`;
      styleNode(item as Node, childPath, comments);
    });
  }
}

/** A comment on the line of the value; above the key when the value spans several lines. */
export function attachComment(pair: Pair, path: Array<string | number>, comments: ReadonlyMap<string, string>): void {
  const text = comments.get(pathKey(path));
  if (text === undefined) return;
  const value = pair.value as Node | null;
  const oneLine = isScalar(value) || (isCollection(value) && (value.flow || value.items.length === 0) && !hasCommentsBelow(path, comments));
  if (oneLine && value && !(isCollection(value) && value.items.length === 0)) value.comment = ` ${text}`;
  else if (isScalar(pair.key)) pair.key.commentBefore = ` ${text}`;
}

function hasCommentsBelow(path: Array<string | number>, comments: ReadonlyMap<string, string>): boolean {
  const prefix = pathKey(path).slice(0, -1);
  for (const key of comments.keys()) if (key.startsWith(`${prefix},`)) return true;
  return false;
}

function matches(patterns: string[][], path: Array<string | number>): boolean {
  return patterns.some((p) => p.length === path.length && p.every((seg, i) => seg === '*' || seg === String(path[i])));
}
