import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
import type { SourceLoc } from '../model/diagnostics.ts';

export type PathSegment = string | number;

/** Maps document paths to file positions, for diagnostics that point at the culprit. */
export class YamlLocator {
  readonly file: string;
  readonly lineCounter: LineCounter;
  readonly doc: Document.Parsed | undefined;

  constructor(file: string, lineCounter: LineCounter, doc: Document.Parsed | undefined) {
    this.file = file;
    this.lineCounter = lineCounter;
    this.doc = doc;
  }

  at(offset: number): SourceLoc {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /**
   * The position of the value at `path`, or of the deepest existing ancestor when the path
   * does not exist (e.g. a missing required key points at its parent map).
   * With `key: true` the position of the key of the last segment is returned instead.
   */
  locate(path: ReadonlyArray<PathSegment>, opts: { key?: boolean } = {}): SourceLoc {
    let node: unknown = this.doc?.contents;
    let lastKeyNode: Node | undefined;
    let best: number = (node as Node | undefined)?.range?.[0] ?? 0;
    for (const seg of path) {
      const next = child(node, seg, this.doc);
      if (!next) break;
      node = next.value;
      lastKeyNode = next.key;
      const start = (next.value as Node | undefined)?.range?.[0] ?? next.key?.range?.[0];
      if (start !== undefined) best = start;
    }
    if (opts.key && lastKeyNode?.range) best = lastKeyNode.range[0];
    return this.at(best);
  }

  /** The position of the key `key` inside the map at `path` (for unknown keys). */
  locateKey(path: ReadonlyArray<PathSegment>, key: string): SourceLoc {
    const map = this.nodeAt(path);
    if (isMap(map)) {
      for (const pair of map.items) {
        if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) return this.at(pair.key.range[0]);
      }
    }
    return this.locate(path);
  }

  nodeAt(path: ReadonlyArray<PathSegment>): unknown {
    let node: unknown = this.doc?.contents;
    for (const seg of path) {
      const next = child(node, seg, this.doc);
      if (!next) return undefined;
      node = next.value;
    }
    return node;
  }
}

function child(node: unknown, seg: PathSegment, doc: Document.Parsed | undefined): { key?: Node; value: unknown } | undefined {
  if (isMap(node)) {
    for (let i = node.items.length - 1; i >= 0; i--) {
      const pair = node.items[i]!;
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(seg)) {
        return { key: pair.key as Node, value: pair.value };
      }
    }
    // Keys brought in by a `<<` merge key: follow the alias to where the value is written.
    for (const pair of node.items) {
      if (isScalar(pair.key) && pair.key.value === '<<') {
        const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
        for (const src of sources) {
          const target = isAlias(src) ? src.resolve(doc as Document) : src;
          const found = child(target, seg, doc);
          if (found) return found;
        }
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}
