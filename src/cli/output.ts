import type { Diagnostic } from '../model/diagnostics.ts';
import { findingToJson } from '../check/report-json.ts';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Colour only on a TTY and never with NO_COLOR set (https://no-color.org). */
  color: boolean;
}

const codes = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 } as const;
export type Style = keyof typeof codes;

export function paint(io: Pick<Io, 'color'>, style: Style, s: string): string {
  return io.color ? `\u001b[${codes[style]}m${s}\u001b[0m` : s;
}

/**
 * `file:line:col: severity: message [rule]`, then the path and a frame of the source line,
 * so that editors and terminals can jump to the culprit.
 */
export function formatDiagnostic(d: Diagnostic, io: Pick<Io, 'color'>, sources?: ReadonlyMap<string, string>): string {
  const where = d.loc ? `${d.loc.file}:${d.loc.line}:${d.loc.column}: ` : '';
  const sev = paint(io, d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'yellow' : 'cyan', d.severity);
  const lines = [`${where}${sev}: ${d.message} ${paint(io, 'dim', `[${d.rule}]`)}`];
  if (d.path) lines.push(`  at ${d.path}`);
  if (d.expected && !d.message.includes(d.expected)) lines.push(`  expected: ${d.expected}`);
  const text = d.loc ? sources?.get(d.loc.file) : undefined;
  if (text && d.loc) {
    const src = text.split('\n')[d.loc.line - 1];
    if (src !== undefined) {
      const num = String(d.loc.line);
      lines.push(`  ${paint(io, 'dim', `${num} |`)} ${src.replace(/\t/g, ' ')}`);
      lines.push(`  ${' '.repeat(num.length)} ${paint(io, 'dim', '|')} ${' '.repeat(Math.max(0, d.loc.column - 1))}${paint(io, 'red', '^')}`);
    }
  }
  for (const r of d.related ?? []) lines.push(`  ${r.loc.file}:${r.loc.line}:${r.loc.column}: ${r.message}`);
  return lines.join('\n');
}

/** `validate --format json`: a check finding's fields plus where in the topology and what was expected. */
export function diagnosticToJson(d: Diagnostic) {
  const { related, ...finding } = findingToJson(d);
  return { ...finding, path: d.path ?? null, expected: d.expected ?? null, found: d.found ?? null, related };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
