/** Value conversions shared by the static and dynamic readers, following Traefik's Go decoding. */
import type { SourceLoc } from '../model/diagnostics.ts';

/** Go's strconv.ParseBool, which Traefik uses for boolean labels and flags. */
export function parseGoBool(text: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return null;
}

/** A base-10 integer as Go's strconv.Atoi / ParseInt(…, 10, …) reads it (optional sign, digits only). */
export function parseGoInt(text: string): number | null {
  if (!/^[+-]?\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** Comma-separated label lists (`entrypoints=web,websecure`), trimmed, empty items dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Traefik's provider.Normalize: runs of non-letters/digits become one `-`, trimmed at both ends. */
export function normalizeName(name: string): string {
  return name
    .split(/[^\p{L}\p{N}]+/u)
    .filter((part) => part !== '')
    .join('-');
}

/** Moves a location `offset` characters to the right on the same line. */
export function shiftLoc(loc: SourceLoc, offset: number): SourceLoc {
  return { file: loc.file, line: loc.line, column: loc.column + offset };
}

/** Major version from an image tag such as `v3.1`, `2.11.4`, `3`; null for `latest` or unknown tags. */
export function majorVersion(tag: string | undefined): number | null {
  if (!tag) return null;
  const match = /^v?(\d+)(?:\.|$|-)/.exec(tag.trim());
  return match ? Number(match[1]) : null;
}

export { compareStrings } from '../util/compare-strings.ts';
