/**
 * Reads compose YAML text into located trees (located.ts), one per document.
 * Anchors, aliases and `<<` merge keys are resolved here, before interpolation, as
 * 10-fragments.md requires; `!reset` / `!override` (13-merge.md) survive as node tags.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node as YamlNode, Pair, Tags } from 'yaml';
import type { SourceLoc } from '../model/diagnostics.ts';
import type { DiagnosticSink } from './diagnostic-sink.ts';
import type { LEntry, LMap, LNode, MergeTag } from './located.ts';
import { mapNode, scalarNode, seqNode } from './located.ts';

/**
 * Alias bombs ("billion laughs") are bounded twice: the located tree may hold at most
 * `maxExpandedNodes` nodes after alias expansion, and a document whose anchors contain aliases
 * (the only way to grow exponentially) must also pass yaml's own check, `toJS` with this
 * `maxAliasCount`. Plain anchors used many times (`<<: *defaults` in every service) skip that
 * check: yaml counts every use against the limit and walks the document once more.
 */
export const MAX_ALIAS_COUNT = 10_000;
/**
 * Upper bound on the nodes a file's documents may expand to after resolving aliases, relative
 * to the text size: a real compose file needs about one node per 10 characters, an alias bomb
 * millions from a few lines.
 */
export function maxExpandedNodes(textLength: number): number {
  return Math.max(100_000, textLength * 2);
}
/** Deeper nesting is refused (real compose files stay far below), so later recursive stages cannot overflow the stack. */
export const MAX_DEPTH = 200;

const MERGE_TAGS: Tags = (['!reset', '!override'] as const).flatMap((tag) => [
  { tag, resolve: (text: string) => text },
  { tag, collection: 'map' as const, resolve: (node: unknown) => node },
  { tag, collection: 'seq' as const, resolve: (node: unknown) => node },
]);

export interface ReadYamlResult {
  /** One located tree per non-empty document; documents with syntax errors are left out. */
  documents: LNode[];
  /** True when the text holds no content at all (only comments or blanks), which is not an error. */
  empty: boolean;
}

/**
 * Parses `text` (the content of `file`, a display path used in locations). Syntax errors,
 * duplicate keys, alias bombs and unresolvable aliases become error diagnostics; the documents
 * that had them are dropped so later stages never see half-parsed data.
 */
export function readComposeYaml(text: string, file: string, sink: DiagnosticSink): ReadYamlResult {
  try {
    return readDocuments(text, file, sink);
  } catch (err) {
    // The yaml parser recurses per nesting level; absurd nesting overflows the stack.
    if (!(err instanceof RangeError)) throw err;
    sink.error('compose/yaml-syntax', 'YAML nesting is too deep to read', { file, line: 1, column: 1 });
    return { documents: [], empty: false };
  }
}

function readDocuments(text: string, file: string, sink: DiagnosticSink): ReadYamlResult {
  const lineCounter = new LineCounter();
  const locAt = (offset: number): SourceLoc => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  // Duplicate keys are detected while building the tree: yaml's `uniqueKeys` check is quadratic per mapping.
  const docs = parseAllDocuments(text, { lineCounter, merge: true, customTags: MERGE_TAGS, prettyErrors: false, uniqueKeys: false });
  const documents: LNode[] = [];
  let empty = true;
  for (const doc of docs) {
    if (doc.contents !== null || doc.errors.length > 0) empty = false;
    let failed = false;
    for (const err of doc.errors) {
      failed = true;
      // The yaml parser recurses per nesting level; absurd nesting overflows its stack.
      const message = /maximum call stack/i.test(err.message) ? 'YAML nesting is too deep to read' : `YAML syntax error: ${firstLine(err.message)}`;
      sink.error('compose/yaml-syntax', message, locAt(err.pos[0]));
    }
    for (const warning of doc.warnings) {
      sink.warning('compose/yaml-warning', `YAML: ${firstLine(warning.message)}`, locAt(warning.pos[0]));
    }
    if (failed || doc.contents === null) continue;
    const builder = new TreeBuilder(locAt, sink, maxExpandedNodes(text.length));
    const tree = builder.build(doc.contents, locAt(doc.contents.range?.[0] ?? 0));
    if (!tree) continue;
    if (builder.nestedAliases && !passesAliasCheck(doc, locAt, sink)) continue;
    documents.push(tree);
  }
  return { documents, empty };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

/** yaml's resource-exhaustion check (maxAliasCount) for documents with aliases inside anchors. */
function passesAliasCheck(doc: Document.Parsed, locAt: (offset: number) => SourceLoc, sink: DiagnosticSink): boolean {
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const loc = locAt(doc.contents?.range?.[0] ?? 0);
    if (/excessive alias count/i.test(message)) {
      sink.error('compose/alias-limit', `YAML aliases expand too often (yaml maxAliasCount ${MAX_ALIAS_COUNT}); refusing a possible alias bomb`, loc);
    } else {
      sink.error('compose/yaml-syntax', `YAML error: ${firstLine(message)}`, loc);
    }
    return false;
  }
}

class TreeBuilder {
  /** Set when an anchored node contains an alias (the precondition for exponential expansion). */
  nestedAliases = false;
  private readonly locAt: (offset: number) => SourceLoc;
  private readonly sink: DiagnosticSink;
  /** Anchors seen so far in document order; an alias refers to the latest one of its name. */
  private readonly anchors = new Map<string, YamlNode>();
  private readonly expanding = new Set<YamlNode>();
  private readonly maxNodes: number;
  private produced = 0;
  private depth = 0;
  private aborted = false;

  constructor(locAt: (offset: number) => SourceLoc, sink: DiagnosticSink, maxNodes: number) {
    this.locAt = locAt;
    this.sink = sink;
    this.maxNodes = maxNodes;
  }

  build(node: YamlNode, fallback: SourceLoc): LNode | undefined {
    const tree = this.convert(node, fallback);
    return this.aborted ? undefined : tree;
  }

  private fail(rule: string, message: string, loc: SourceLoc): LNode {
    if (!this.aborted) this.sink.error(rule, message, loc);
    this.aborted = true;
    return scalarNode(null, loc);
  }

  private convert(node: YamlNode | null | undefined, fallback: SourceLoc): LNode {
    if (this.aborted) return scalarNode(null, fallback);
    if (this.depth >= MAX_DEPTH) return this.fail('compose/yaml-syntax', `YAML nesting deeper than ${MAX_DEPTH} levels is not supported`, fallback);
    this.depth++;
    try {
      return this.convertNode(node, fallback);
    } finally {
      this.depth--;
    }
  }

  private convertNode(node: YamlNode | null | undefined, fallback: SourceLoc): LNode {
    if (++this.produced > this.maxNodes) {
      return this.fail('compose/alias-limit', `YAML aliases expand the document to more than ${this.maxNodes} nodes; refusing a possible alias bomb`, fallback);
    }
    if (node === null || node === undefined) return scalarNode(null, fallback);
    const loc = node.range ? this.locAt(node.range[0]) : fallback;
    if (isAlias(node)) {
      const target = this.anchors.get(node.source);
      if (!target) return this.fail('compose/yaml-syntax', `YAML alias *${node.source} has no anchor before it`, loc);
      if (this.expanding.size > 0) this.nestedAliases = true;
      if (this.expanding.has(target)) return this.fail('compose/yaml-syntax', `YAML alias *${node.source} refers to a node containing itself`, loc);
      this.expanding.add(target);
      try {
        return this.convert(target, loc);
      } finally {
        this.expanding.delete(target);
      }
    }
    // Anchors inside an alias expansion were registered when first read; registering them again could re-point a name.
    if (node.anchor && this.expanding.size === 0) this.anchors.set(node.anchor, node);
    const tag = mergeTagOf(node.tag);
    if (isScalar(node)) {
      const raw = node.value;
      const value = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || raw === null ? raw : typeof raw === 'bigint' ? Number(raw) : String(raw);
      const out = scalarNode(value, loc);
      return tag ? { ...out, tag } : out;
    }
    if (isSeq(node)) {
      const items = node.items.map((item) => this.convert(item as YamlNode | null, loc));
      const out = seqNode(items, loc);
      return tag ? { ...out, tag } : out;
    }
    if (isMap(node)) {
      const out = this.convertMap(node.items as Array<Pair<YamlNode | null, YamlNode | null>>, loc);
      return tag ? { ...out, tag } : out;
    }
    return this.fail('compose/yaml-syntax', 'Unsupported YAML node', loc);
  }

  /**
   * YAML merge keys (yaml.org/type/merge.html): keys written in the mapping win over merged
   * ones wherever they appear; among merged mappings, earlier ones win.
   */
  private convertMap(pairs: Array<Pair<YamlNode | null, YamlNode | null>>, loc: SourceLoc): LMap {
    const explicit = new Set<string>();
    for (const pair of pairs) {
      if (!isMergeKey(pair.key)) {
        const key = this.keyText(pair.key);
        if (key !== undefined) explicit.add(key);
      }
    }
    const entries = new Map<string, LEntry>();
    const written = new Set<string>();
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      const keyLoc = pair.key && (pair.key as YamlNode).range ? this.locAt((pair.key as YamlNode).range![0]) : loc;
      if (isMergeKey(pair.key)) {
        for (const source of this.mergeSources(pair.value, keyLoc)) {
          for (const [key, entry] of source.entries) {
            if (!explicit.has(key) && !entries.has(key)) entries.set(key, entry);
          }
        }
        continue;
      }
      const key = this.keyText(pair.key);
      if (key === undefined) {
        this.fail('compose/yaml-syntax', 'Mapping keys must be plain values, not mappings or sequences', keyLoc);
        continue;
      }
      if (written.has(key)) {
        this.fail('compose/yaml-syntax', `YAML syntax error: duplicate key "${key}" (mapping keys must be unique)`, keyLoc);
        continue;
      }
      written.add(key);
      entries.set(key, { key, keyLoc, value: this.convert(pair.value, keyLoc) });
    }
    return mapNode(entries, loc);
  }

  private mergeSources(value: YamlNode | null, loc: SourceLoc): LMap[] {
    const converted = this.convert(value, loc);
    const candidates = converted.kind === 'seq' ? converted.items : [converted];
    const maps: LMap[] = [];
    for (const candidate of candidates) {
      if (candidate.kind === 'map') maps.push(candidate);
      else this.fail('compose/yaml-syntax', 'YAML merge key `<<` needs a mapping or a list of mappings', candidate.loc);
    }
    return maps;
  }

  private keyText(key: unknown): string | undefined {
    if (key === null || key === undefined) return '';
    if (isAlias(key)) {
      const target = this.anchors.get(key.source);
      return target ? this.keyText(target) : undefined;
    }
    if (isScalar(key)) {
      const value = key.value;
      if (value === null || value === undefined) return '';
      if (typeof value === 'symbol') return value.description ?? '';
      return String(value);
    }
    return undefined;
  }
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

function mergeTagOf(tag: string | undefined): MergeTag | undefined {
  if (tag === '!reset') return 'reset';
  if (tag === '!override') return 'override';
  return undefined;
}
