/**
 * Flattens a Traefik configuration text (YAML or TOML) into key paths with source locations, the same
 * shape labels and CLI flags have, so one interpreter serves every configuration source.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Diagnostic, SourceLoc } from '../model/diagnostics.ts';
import type { ConfigText } from './input.ts';

export type EntryValue = string | string[] | null;

export interface ConfigEntry {
  /** Key segments as written; items of a list of objects appear as `name[index]`. */
  path: string[];
  /** Scalar as text, list of scalars as texts, or null for an empty section (which still enables it). */
  value: EntryValue;
  /** Location of the key (labels: the label; flags: the argument). */
  loc: SourceLoc;
  /** Location of the value's first character when offsets into the value map onto columns. */
  valueLoc?: SourceLoc;
  /** Location of each path segment's key (files); absent for labels and flags, where `loc` covers all. */
  keyLocs?: SourceLoc[];
}

/** Location of the key at `depth` in the entry's path (e.g. 1 = the entrypoint name in `entryPoints.web.address`). */
export function keyLoc(entry: ConfigEntry, depth: number): SourceLoc {
  return entry.keyLocs?.[depth] ?? entry.loc;
}

export interface EntriesResult {
  entries: ConfigEntry[];
  diagnostics: Diagnostic[];
}

export function readConfigEntries(input: ConfigText): EntriesResult {
  return input.format === 'yaml' ? readYamlEntries(input) : readTomlEntries(input);
}

export function entryKey(path: readonly string[]): string {
  return path.join('.');
}

// ---------------------------------------------------------------- YAML

function readYamlEntries(input: ConfigText): EntriesResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(input.text, { lineCounter, merge: true, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): SourceLoc => {
    const pos = lineCounter.linePos(offset);
    return { file: input.file, line: Math.max(pos.line, 1), column: pos.col };
  };
  for (const error of doc.errors) {
    diagnostics.push({
      severity: 'error',
      rule: 'traefik/config-syntax',
      message: `${input.file} is not valid YAML: ${error.message.split('\n')[0]}`,
      loc: at(error.pos[0]),
    });
  }
  if (doc.errors.length > 0) return { entries: [], diagnostics };
  const entries: ConfigEntry[] = [];
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { entries, diagnostics };
  if (!isMap(root)) {
    diagnostics.push({
      severity: 'error',
      rule: 'traefik/config-syntax',
      message: `${input.file} must be a mapping at the top level`,
      loc: at(root.range?.[0] ?? 0),
    });
    return { entries, diagnostics };
  }
  walkYamlMap(root, [], [], { doc, at, input, entries, diagnostics });
  return { entries, diagnostics };
}

interface YamlWalk {
  doc: Document;
  at: (offset: number) => SourceLoc;
  input: ConfigText;
  entries: ConfigEntry[];
  diagnostics: Diagnostic[];
}

function resolveYaml(node: unknown, walk: YamlWalk): unknown {
  return isAlias(node) ? node.resolve(walk.doc) : node;
}

function walkYamlMap(map: YAMLMap, path: string[], locs: SourceLoc[], walk: YamlWalk): void {
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const pair = item as Pair<unknown, unknown>;
    const key = pair.key;
    // With `merge: true` the yaml library marks `<<` keys with a symbol value.
    if (isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol')) {
      // Merge key: fold the referenced mapping(s) into this level.
      const source = resolveYaml(pair.value, walk);
      const sources = isSeq(source) ? source.items.map((n) => resolveYaml(n, walk)) : [source];
      for (const merged of sources) if (isMap(merged)) walkYamlMap(merged, path, locs, walk);
      continue;
    }
    if (!isScalar(key) || key.value === null || typeof key.value === 'object') {
      walk.diagnostics.push({
        severity: 'error',
        rule: 'traefik/config-syntax',
        message: `${walk.input.file}: only plain keys are allowed`,
        loc: walk.at((key as YamlNode | null)?.range?.[0] ?? 0),
      });
      continue;
    }
    const keyLoc = walk.at(key.range?.[0] ?? 0);
    walkYamlValue(resolveYaml(pair.value, walk), [...path, String(key.value)], [...locs, keyLoc], walk);
  }
}

function yamlScalarText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function walkYamlValue(value: unknown, path: string[], locs: SourceLoc[], walk: YamlWalk): void {
  const keyLoc = locs[locs.length - 1]!;
  if (value === null || value === undefined) {
    walk.entries.push({ path, value: null, loc: keyLoc, keyLocs: locs });
    return;
  }
  if (isMap(value)) {
    if (value.items.length === 0) walk.entries.push({ path, value: null, loc: keyLoc, keyLocs: locs });
    else walkYamlMap(value, path, locs, walk);
    return;
  }
  if (isSeq(value)) {
    const items = value.items.map((n) => resolveYaml(n, walk));
    if (items.every((n) => isScalar(n))) {
      const texts = items.map((n) => yamlScalarText(isScalar(n) ? n.value : null) ?? '');
      walk.entries.push({ path, value: texts, loc: keyLoc, keyLocs: locs });
      return;
    }
    const last = path[path.length - 1]!;
    const parent = path.slice(0, -1);
    items.forEach((item, index) => {
      const itemLoc = walk.at((item as YamlNode | null)?.range?.[0] ?? 0);
      walkYamlValue(item, [...parent, `${last}[${index}]`], [...locs.slice(0, -1), itemLoc], walk);
    });
    return;
  }
  if (isScalar(value)) {
    const text = yamlScalarText(value.value);
    const entry: ConfigEntry = { path, value: text, loc: keyLoc, keyLocs: locs };
    const start = value.range?.[0];
    const end = value.range?.[1];
    if (text !== null && start !== undefined && end !== undefined) {
      const source = walk.input.text.slice(start, end);
      if (source === text) entry.valueLoc = walk.at(start);
      else if (source.length === text.length + 2 && source.slice(1, -1) === text) entry.valueLoc = walk.at(start + 1);
    }
    walk.entries.push(entry);
  }
}

// ---------------------------------------------------------------- TOML

function readTomlEntries(input: ConfigText): EntriesResult {
  let data: Record<string, unknown>;
  try {
    data = parseToml(input.text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      return {
        entries: [],
        diagnostics: [
          {
            severity: 'error',
            rule: 'traefik/config-syntax',
            message: `${input.file} is not valid TOML: ${error.message.split('\n')[0]}`,
            loc: { file: input.file, line: error.line, column: error.column },
          },
        ],
      };
    }
    throw error;
  }
  const index = indexTomlKeys(input.text);
  const locateAll = (path: string[]): SourceLoc[] => path.map((_, i) => locate(path.slice(0, i + 1)));
  // A table only named through its children (`[a.b.c]` names `a` and `a.b`) sits at its first child.
  const locate = (path: string[]): SourceLoc => {
    for (let length = path.length; length > 0; length--) {
      const key = path.slice(0, length).join('.').toLowerCase();
      let found = index.get(key);
      if (!found) {
        for (const [other, pos] of index) {
          if (other.startsWith(`${key}.`) && (!found || pos.line < found.line)) found = pos;
        }
      }
      if (found) return { file: input.file, line: found.line, column: found.column };
    }
    return { file: input.file, line: 1, column: 1 };
  };
  const entries: ConfigEntry[] = [];
  walkTomlTable(data, [], locateAll, entries);
  return { entries, diagnostics: [] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function tomlScalarText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function walkTomlTable(
  table: Record<string, unknown>,
  path: string[],
  locateAll: (path: string[]) => SourceLoc[],
  entries: ConfigEntry[],
): void {
  const push = (entryPath: string[], value: EntryValue): void => {
    const keyLocs = locateAll(entryPath);
    entries.push({ path: entryPath, value, loc: keyLocs[keyLocs.length - 1]!, keyLocs });
  };
  for (const [key, value] of Object.entries(table)) {
    const childPath = [...path, key];
    if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) push(childPath, null);
      else walkTomlTable(value, childPath, locateAll, entries);
    } else if (Array.isArray(value)) {
      if (value.every((item) => !isPlainObject(item) && !Array.isArray(item))) {
        push(childPath, value.map(tomlScalarText));
      } else {
        value.forEach((item, i) => {
          const itemPath = [...path, `${key}[${i}]`];
          if (isPlainObject(item)) walkTomlTable(item, itemPath, locateAll, entries);
          else push(itemPath, tomlScalarText(item));
        });
      }
    } else {
      push(childPath, tomlScalarText(value));
    }
  }
}

/** Splits a TOML key (`a."b.c".d`) into segments. */
function splitTomlKey(text: string): string[] | null {
  const segments: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) return null;
      segments.push(text.slice(i + 1, close));
      i = close + 1;
    } else {
      const match = /^[A-Za-z0-9_-]+/.exec(text.slice(i));
      if (!match) return null;
      segments.push(match[0]);
      i += match[0].length;
    }
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i < text.length) {
      if (text[i] !== '.') return null;
      i++;
    }
  }
  return segments;
}

/**
 * Best-effort map from lower-cased dotted key path to the position of its key: table headers, array
 * tables (`[[x]]` become `x[n]`) and `key = value` lines. Keys inside inline tables map to their parent.
 */
function indexTomlKeys(text: string): Map<string, { line: number; column: number }> {
  const index = new Map<string, { line: number; column: number }>();
  const arrayCounts = new Map<string, number>();
  let current: string[] = [];
  let multiline: string | null = null;
  const lines = text.split('\n');
  lines.forEach((rawLine, lineIndex) => {
    const line = rawLine.replace(/\r$/, '');
    if (multiline !== null) {
      if (line.includes(multiline)) multiline = null;
      return;
    }
    const indent = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const arrayHeader = /^\[\[([^\]]+)\]\]/.exec(trimmed);
    const header = arrayHeader ? null : /^\[([^\]]+)\]/.exec(trimmed);
    if (arrayHeader || header) {
      const segments = splitTomlKey((arrayHeader ?? header)![1]!);
      if (!segments) return;
      if (arrayHeader) {
        const base = segments.join('.').toLowerCase();
        const count = arrayCounts.get(base) ?? 0;
        arrayCounts.set(base, count + 1);
        segments[segments.length - 1] = `${segments[segments.length - 1]}[${count}]`;
      }
      current = segments;
      const key = current.join('.').toLowerCase();
      if (!index.has(key)) index.set(key, { line: lineIndex + 1, column: indent + 1 });
      return;
    }
    const eq = trimmed.indexOf('=');
    if (eq <= 0) return;
    const segments = splitTomlKey(trimmed.slice(0, eq).trim());
    if (!segments) return;
    const key = [...current, ...segments].join('.').toLowerCase();
    if (!index.has(key)) index.set(key, { line: lineIndex + 1, column: indent + 1 });
    const rest = trimmed.slice(eq + 1);
    for (const quote of ['"""', "'''"]) {
      const first = rest.indexOf(quote);
      if (first >= 0 && rest.indexOf(quote, first + 3) < 0) multiline = quote;
    }
  });
  return index;
}
