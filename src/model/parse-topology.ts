import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { Diagnostic } from './diagnostics.ts';
import { Topology, type TopologyModel } from './schema/index.ts';
import { schemaIssuesToDiagnostics } from './schema-issues.ts';
import { checkReferences } from './check-references.ts';
import { YamlLocator } from '../util/yaml-positions.ts';

/** Aliases allowed per document: plenty for real files, far too few for a "billion laughs" bomb. */
export const MAX_ALIAS_COUNT = 200;
/** Deeper nesting is refused: real topologies stay below ten levels, and later stages recurse. */
export const MAX_DEPTH = 64;
export const SCHEMA_COMMENT = /^#\s*yaml-language-server:\s*\$schema=\S+/;

export interface ParsedTopology {
  file: string;
  topology?: TopologyModel;
  diagnostics: Diagnostic[];
  locator: YamlLocator;
}

/**
 * Parses and validates one topology file's text. Pure: the caller reads the file.
 * Reports every problem it can find at once: YAML errors stop the parse, but schema and
 * reference errors are all collected.
 */
export function parseTopology(text: string, file: string): ParsedTopology {
  const lineCounter = new LineCounter();
  // yaml's own `uniqueKeys` check compares every pair of keys of a mapping (quadratic in the number of
  // services); duplicateKeys does the same check in one pass.
  const doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false, strict: true });
  const locator = new YamlLocator(file, lineCounter, doc);
  const diagnostics: Diagnostic[] = [];

  // Depth first: the checks below walk the tree recursively.
  const deep = doc.errors.length ? undefined : deepestNode(doc);
  if (deep !== undefined) {
    diagnostics.push({ severity: 'error', rule: 'yaml/too-deep', loc: locator.at(deep), message: `YAML nesting deeper than ${MAX_DEPTH} levels; a topology needs a handful` });
    return { file, diagnostics, locator };
  }
  const errors = [...doc.errors.map((err) => ({ offset: err.pos[0], message: firstLine(err.message) })), ...(doc.errors.length ? [] : duplicateKeys(doc))];
  for (const err of errors.sort((a, b) => a.offset - b.offset)) {
    // The yaml parser recurses per nesting level; absurd nesting overflows its stack.
    const tooDeep = /maximum call stack/i.test(err.message);
    diagnostics.push({
      severity: 'error',
      rule: tooDeep ? 'yaml/too-deep' : 'yaml/syntax',
      loc: locator.at(err.offset),
      message: tooDeep ? `YAML nesting is too deep to read (more than ${MAX_DEPTH} levels are refused)` : `YAML syntax error: ${err.message}`,
    });
  }
  if (diagnostics.length) return { file, diagnostics, locator };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    diagnostics.push({
      severity: 'error',
      rule: 'yaml/alias-limit',
      loc: locator.at(0),
      message: `YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} alias uses): ${firstLine((err as Error).message)}`,
    });
    return { file, diagnostics, locator };
  }

  if (!SCHEMA_COMMENT.test(text.split('\n', 1)[0] ?? '')) {
    diagnostics.push({
      severity: 'warning',
      rule: 'topology/schema-comment',
      loc: { file, line: 1, column: 1 },
      message: 'the file does not start with a "# yaml-language-server: $schema=…" line, so editors cannot complete or check it',
      expected: '# yaml-language-server: $schema=../public/schema/topology.schema.json',
    });
  }

  const parsed = Topology.safeParse(value);
  if (!parsed.success) {
    const schemaErrors = schemaIssuesToDiagnostics(parsed.error.issues, Topology, value, locator);
    diagnostics.push(...schemaErrors, ...bestEffortReferences(value, schemaErrors, locator));
    return { file, diagnostics, locator };
  }
  diagnostics.push(...checkReferences(parsed.data, (path, opts) => locator.locate(path, opts)));
  const topology = diagnostics.some((d) => d.severity === 'error') ? undefined : parsed.data;
  return { file, topology, diagnostics, locator };
}

/** Offset of the first node nested deeper than MAX_DEPTH (walked without recursion), or undefined. */
function deepestNode(doc: Document.Parsed): number | undefined {
  const stack: Array<[unknown, number]> = [[doc.contents, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return (node as { range?: [number] } | null)?.range?.[0] ?? 0;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          stack.push([item.key, depth + 1], [item.value, depth + 1]);
        } else stack.push([item, depth + 1]);
      }
    }
  }
  return undefined;
}

/** Keys repeated in one mapping (merge keys `<<` aside), with yaml's message for them. */
function duplicateKeys(doc: Document.Parsed): Array<{ offset: number; message: string }> {
  const found: Array<{ offset: number; message: string }> = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || pair.key.value === '<<') continue;
        const value = pair.key.value;
        if (seen.has(value)) found.push({ offset: pair.key.range?.[0] ?? 0, message: 'Map keys must be unique' });
        else seen.add(value);
      }
    },
  });
  return found;
}

function firstLine(s: string): string {
  return s.split('\n', 1)[0]!.trim();
}

/**
 * Reference problems are worth reporting alongside schema errors, so a user fixes everything in one
 * round. The raw value is not schema-valid, so the checks may trip over it: keep what they find
 * away from the paths the schema already complained about, and drop them if they fail.
 */
function bestEffortReferences(value: unknown, schemaErrors: Diagnostic[], locator: YamlLocator): Diagnostic[] {
  if (value === null || typeof value !== 'object' || typeof (value as { services?: unknown }).services !== 'object') return [];
  try {
    const found = checkReferences(value as TopologyModel, (path, opts) => locator.locate(path, opts));
    const bad = schemaErrors.map((d) => d.path ?? '');
    return found.filter((d) => !bad.some((p) => p && (d.path ?? '').startsWith(p)));
  } catch {
    return [];
  }
}
