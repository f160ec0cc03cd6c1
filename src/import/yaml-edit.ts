/**
 * Edits a YAML text in place, byte for byte outside the edited spans: nodes are found with yaml's
 * Document API (their source ranges), and each change is a splice of the original text. Re-printing
 * the whole document (Document#toString) would re-flow hand-written prose and quoting; splicing keeps
 * every untouched line, comment and blank line exactly as the author wrote it.
 */
import { Document, isCollection, visit, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { YAML_OPTIONS } from './emit.ts';

interface Edit {
  start: number;
  end: number;
  text: string;
  seq: number;
}

export class YamlTextEditor {
  readonly source: string;
  private readonly edits: Edit[] = [];
  private readonly commentedLines = new Set<number>();

  constructor(source: string) {
    this.source = source;
  }

  /** Replaces a value node: on its line(s) in flow style, or as a block at the old block's place. */
  replaceValue(node: Node, value: unknown): void {
    const [start, end] = range(node);
    if (isCollection(node) && !node.flow && node.items.length > 0 && isObjectLike(value)) {
      const indent = columnOf(this.source, start);
      const block = indentLines(blockText(value), indent).slice(indent);
      this.splice(start, end, block.endsWith('\n') || !this.source.slice(0, end).endsWith('\n') ? block : `${block}\n`);
      return;
    }
    if (isCollection(node) && !node.flow && node.items.length > 0) {
      // A block collection becomes a one-line value: it goes after the key's colon.
      const lineStart = this.source.lastIndexOf('\n', start - 1);
      const colon = this.source.lastIndexOf(':', lineStart);
      this.splice(colon + 1, end, ` ${flowText(value)}\n`);
      return;
    }
    this.splice(start, end, flowText(value));
  }

  /** Adds `key: value` at the end of a map (a block map gets lines at its indentation). */
  addPair(map: YAMLMap, key: string, value: unknown, style: PairStyler, options: { spaced?: boolean; comment?: string } = {}): void {
    if (map.flow || map.items.length === 0) {
      const inner = `${keyText(key)}: ${flowText(value)}`;
      const last = map.items[map.items.length - 1];
      if (!last) {
        const [start, end] = range(map);
        this.splice(start, end, `{ ${inner} }`);
      } else {
        const end = range((last.value as Node | null) ?? (last.key as Node))[1];
        this.splice(end, end, `, ${inner}`);
      }
      if (options.comment !== undefined) this.commentAtLineEnd(range(map)[1], options.comment);
      return;
    }
    const indent = columnOf(this.source, range(map.items[0]!.key as Node)[0]);
    const at = this.lineEndAfter(range(map)[1]);
    const text = indentLines(pairText(key, value, style), indent);
    this.insertLines(at, `${options.spaced ? '\n' : ''}${text}`);
  }

  /** Fills an empty `key: {}` with pairs, as a block map one level deeper than the line holding it. */
  fillEmptyMap(map: YAMLMap, pairs: Array<{ key: string; value: unknown; style: PairStyler }>, spaced: boolean): void {
    const [start, end] = range(map);
    const lineStart = this.source.lastIndexOf('\n', start - 1) + 1;
    const indent = (/^ */.exec(this.source.slice(lineStart, start))?.[0].length ?? 0) + 2;
    const text = pairs.map((p, i) => `${spaced && i > 0 ? '\n' : ''}${indentLines(pairText(p.key, p.value, p.style), indent)}`).join('');
    this.splice(start - (this.source[start - 1] === ' ' ? 1 : 0), end, `\n${text.trimEnd()}`);
  }

  /** Adds a top-level `key: value` section after the section `after` (or at the end). */
  addSection(after: Pair | undefined, key: string, value: unknown, style: PairStyler): void {
    const at = after ? this.lineEndAfter(range((after.value as Node | null) ?? (after.key as Node))[1]) : this.source.length;
    this.insertLines(at, `\n${pairText(key, value, style)}`);
  }

  /** Appends an item to a sequence. */
  appendItem(seq: YAMLSeq, value: unknown): void {
    const [start, end] = range(seq);
    if (seq.flow || seq.items.length === 0) {
      const last = seq.items[seq.items.length - 1] as Node | undefined;
      if (!last) this.splice(start, end, `[${flowText(value)}]`);
      else {
        const lastEnd = range(last)[1];
        this.splice(lastEnd, lastEnd, `, ${flowText(value)}`);
      }
      return;
    }
    const firstItem = seq.items[0] as Node;
    const dash = this.source.lastIndexOf('-', range(firstItem)[0]);
    const indent = columnOf(this.source, dash);
    const at = this.lineEndAfter(end);
    this.insertLines(at, `${' '.repeat(indent)}- ${flowText(value)}\n`);
  }

  /** Removes a pair: its lines from a block map, its text from a flow map. */
  deletePair(map: YAMLMap, pair: Pair): void {
    const keyStart = range(pair.key as Node)[0];
    const valueEnd = range((pair.value as Node | null) ?? (pair.key as Node))[1];
    if (map.flow) {
      const index = map.items.indexOf(pair);
      const next = map.items[index + 1];
      if (next) this.splice(keyStart, range(next.key as Node)[0], '');
      else {
        const prevComma = this.source.lastIndexOf(',', keyStart);
        this.splice(prevComma >= range(map)[0] ? prevComma : keyStart, valueEnd, '');
      }
      return;
    }
    const lineStart = this.source.lastIndexOf('\n', keyStart - 1) + 1;
    this.splice(lineStart, this.lineEndAfter(valueEnd), '');
  }

  /** Adds `# text` at the end of the line holding `offset`, unless the line has a comment already. */
  commentAtLineEnd(offset: number, text: string): void {
    const lineEnd = this.source.indexOf('\n', Math.max(0, offset - 1));
    const end = lineEnd < 0 ? this.source.length : lineEnd;
    const lineStart = this.source.lastIndexOf('\n', end - 1) + 1;
    if (/\s#/.test(this.source.slice(lineStart, end)) || this.commentedLines.has(end)) return;
    this.commentedLines.add(end);
    this.splice(end, end, ` # ${text}`);
  }

  apply(): string {
    const edits = [...this.edits].sort((a, b) => b.start - a.start || b.seq - a.seq);
    let out = this.source;
    for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    return out;
  }

  get changed(): boolean {
    return this.edits.length > 0;
  }

  private splice(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, seq: this.edits.length });
  }

  private insertLines(at: number, text: string): void {
    const needsNewline = at > 0 && this.source[at - 1] !== '\n';
    this.splice(at, at, `${needsNewline ? '\n' : ''}${text.endsWith('\n') ? text : `${text}\n`}`);
  }

  /** The start of the line after `offset` (past a trailing comment), or the text's end. */
  private lineEndAfter(offset: number): number {
    if (offset > 0 && this.source[offset - 1] === '\n') return offset;
    const nl = this.source.indexOf('\n', offset);
    return nl < 0 ? this.source.length : nl + 1;
  }
}

function range(node: Node): [number, number] {
  const r = node.range;
  if (!r) throw new Error('yaml node without a source range');
  return [r[0], r[1]];
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function indentLines(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

function isObjectLike(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

function keyText(key: string): string {
  return new Document(key).toString(YAML_OPTIONS).trimEnd();
}

/** One line: collections in flow style. */
export function flowText(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Map(_k, node) {
      node.flow = true;
    },
    Seq(_k, node) {
      node.flow = true;
    },
  });
  return doc.toString(YAML_OPTIONS).trimEnd();
}

function blockText(value: unknown): string {
  return new Document(value).toString(YAML_OPTIONS);
}

/** `key: value` as lines; `style` styles the pair (flow paths, comments). */
function pairText(key: string, value: unknown, style: PairStyler): string {
  const doc = new Document({ [key]: value });
  style((doc.contents as YAMLMap).items[0]!);
  return doc.toString(YAML_OPTIONS);
}

export type PairStyler = (pair: Pair) => void;
