/**
 * Parser for compose `.env` files (Docker docs "Syntax for environment files"; compose-go
 * `dotenv`). Rules:
 * - blank lines and lines starting with `#` are ignored; an optional `export ` prefix is dropped;
 * - `KEY=VAL` (or YAML-style `KEY: VAL`); a bare `KEY` takes its value from the lookup, if set;
 * - unquoted values end at the line end, lose a ` #...` inline comment and trailing blanks,
 *   and are interpolated;
 * - single-quoted values are literal (only `\'` is an escape) and may span lines;
 * - double-quoted values may span lines, support `\n`, `\r`, `\t`, `\\`, `\"`, `\$` (a literal
 *   `$`) and are interpolated; a comment may follow the closing quote.
 * Interpolation looks a name up in `lookup` first, then among the keys defined above it.
 *
 * Values are secrets as far as topodoc is concerned: they are only used for interpolation and
 * never appear in diagnostics (messages name the line and key, never the value).
 */
import type { SourceLoc } from '../model/diagnostics.ts';
import type { DiagnosticSink } from './diagnostic-sink.ts';
import { reportTemplateProblems } from './interpolate-tree.ts';
import { substitute } from './interpolation.ts';
import type { VariableLookup } from './interpolation.ts';

const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
const INLINE_BLANK = /[ \t\v\f\r\u0085\u00a0]/;

/** Parses `text` (the content of `file`, a display path) into key/value pairs in file order. */
export function parseDotenv(text: string, file: string, lookup: VariableLookup, sink: DiagnosticSink): Map<string, string> {
  const values = new Map<string, string>();
  const resolve: VariableLookup = (name) => lookup(name) ?? values.get(name);
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const locAt = (offset: number): SourceLoc => ({ file, line, column: offset - lineStart + 1 });
  const skipToNextLine = (): void => {
    const nl = src.indexOf('\n', pos);
    pos = nl < 0 ? src.length : nl + 1;
    if (nl >= 0) {
      line++;
      lineStart = pos;
    }
  };

  while (pos < src.length) {
    const ch = src[pos]!;
    if (ch === '\n') {
      skipToNextLine();
      continue;
    }
    if (INLINE_BLANK.test(ch)) {
      pos++;
      continue;
    }
    if (ch === '#') {
      skipToNextLine();
      continue;
    }
    const statementLoc = locAt(pos);
    const exportMatch = /^export[ \t]+/.exec(src.slice(pos, pos + 64));
    if (exportMatch) pos += exportMatch[0].length;
    const keyStart = pos;
    while (pos < src.length && KEY_CHAR.test(src[pos]!)) pos++;
    const key = src.slice(keyStart, pos);
    while (pos < src.length && (src[pos] === ' ' || src[pos] === '\t')) pos++;
    const sep = src[pos];
    if (key === '' || (sep !== '=' && sep !== ':' && sep !== '\n' && sep !== '\r' && sep !== undefined && sep !== '#')) {
      sink.error('compose/dotenv-syntax', `${file}:${line}: unexpected character ${JSON.stringify(sep ?? '')} in variable name`, locAt(pos));
      skipToNextLine();
      continue;
    }
    if (sep !== '=' && sep !== ':') {
      // A bare KEY inherits its value from the environment, when there is one.
      const inherited = lookup(key);
      if (inherited !== undefined) values.set(key, inherited);
      skipToNextLine();
      continue;
    }
    pos++;
    while (pos < src.length && INLINE_BLANK.test(src[pos]!)) pos++;
    const quote = src[pos];
    if (quote === '"' || quote === "'") {
      const startLine = line;
      const parsed = readQuoted(src, pos, quote);
      if (!parsed) {
        sink.error('compose/dotenv-syntax', `${file}:${startLine}: unterminated quoted value for ${key}`, statementLoc);
        pos = src.length;
        break;
      }
      for (let i = pos; i < parsed.end; i++) {
        if (src[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      pos = parsed.end;
      let value = parsed.value;
      if (quote === '"') value = interpolate(value, statementLoc, resolve, sink);
      values.set(key, value);
      while (pos < src.length && INLINE_BLANK.test(src[pos]!)) pos++;
      if (pos < src.length && src[pos] !== '\n' && src[pos] !== '#') {
        sink.error('compose/dotenv-syntax', `${file}:${line}: unexpected text after the closing quote of ${key}`, locAt(pos));
      }
      skipToNextLine();
      continue;
    }
    const nl = src.indexOf('\n', pos);
    let raw = src.slice(pos, nl < 0 ? src.length : nl);
    const comment = raw.search(/[ \t]#/);
    if (comment >= 0) raw = raw.slice(0, comment);
    raw = raw.replace(/\s+$/u, '');
    values.set(key, interpolate(raw, statementLoc, resolve, sink));
    skipToNextLine();
  }
  return values;
}

function interpolate(value: string, loc: SourceLoc, lookup: VariableLookup, sink: DiagnosticSink): string {
  const result = substitute(value, lookup);
  reportTemplateProblems(result.problems, loc, sink);
  return result.value;
}

/** Reads a quoted value starting at the opening quote; returns the unescaped text and the index after the closing quote. */
function readQuoted(src: string, start: number, quote: '"' | "'"): { value: string; end: number } | undefined {
  let out = '';
  for (let i = start + 1; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === quote) return { value: out, end: i + 1 };
    if (ch !== '\\' || i + 1 >= src.length) {
      out += ch;
      continue;
    }
    const next = src[i + 1]!;
    i++;
    if (quote === "'") {
      out += next === "'" ? "'" : `\\${next}`;
      continue;
    }
    switch (next) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case '$':
        out += '$$'; // stays literal through interpolation
        break;
      default:
        out += next;
    }
  }
  return undefined;
}
