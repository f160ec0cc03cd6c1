/** Deterministic string comparison (code-unit order, locale-independent), for stable output order. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
