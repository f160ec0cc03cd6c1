import { EAST_ASIAN_WIDE_RANGES } from './east-asian-wide.ts';

/**
 * Display width of text in a monospaced terminal or code block, per grapheme cluster (UAX #29)
 * and East Asian Width (UAX #11). Ambiguous-width characters (box drawing, •, ▼, ✓ …) count 1,
 * as Western terminals and code viewers show them.
 */

// Segmentation of grapheme clusters does not depend on the locale; pin one for determinism.
const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ZERO_WIDTH_CODE_POINT = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u1160-\u11ff\ud7b0-\ud7ff]$/u;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
const EMOJI = /^\p{Emoji}$/u;
const VARIATION_SELECTOR_EMOJI = 0xfe0f;
const REGIONAL_INDICATOR_FIRST = 0x1f1e6;
const REGIONAL_INDICATOR_LAST = 0x1f1ff;

/**
 * Layout measures the same labels many times over; segmenting is the costly part, so results
 * are remembered (bounded, and dropped wholesale when full: the answers never change).
 */
const CACHE_LIMIT = 20_000;
const graphemeCache = new Map<string, readonly string[]>();
const clusterWidthCache = new Map<string, 0 | 1 | 2>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Splits text into grapheme clusters (user-perceived characters). */
export function graphemes(text: string): string[] {
  if (PRINTABLE_ASCII.test(text)) return text.split('');
  const known = graphemeCache.get(text);
  if (known) return [...known];
  const out: string[] = [];
  for (const { segment } of graphemeSegmenter.segment(text)) out.push(segment);
  remember(graphemeCache, text, out);
  return [...out];
}

function isEastAsianWide(codePoint: number): boolean {
  let lo = 0;
  let hi = EAST_ASIAN_WIDE_RANGES.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = EAST_ASIAN_WIDE_RANGES[mid * 2] ?? 0;
    const end = EAST_ASIAN_WIDE_RANGES[mid * 2 + 1] ?? 0;
    if (codePoint < start) hi = mid - 1;
    else if (codePoint > end) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Width of one grapheme cluster: 0, 1 or 2 columns. The cluster takes the width of its first
 * visible code point (combining marks, joiners and variation selectors add nothing), except that
 * emoji presentation (an emoji base, VS16, a flag) makes it 2.
 */
export function graphemeWidth(cluster: string): 0 | 1 | 2 {
  if (cluster.length === 1 && cluster >= ' ' && cluster <= '~') return 1;
  return clusterWidthCache.get(cluster) ?? remember(clusterWidthCache, cluster, measureCluster(cluster));
}

function measureCluster(cluster: string): 0 | 1 | 2 {
  const codePoints = Array.from(cluster, (c) => c.codePointAt(0) ?? 0);
  const base = codePoints.find((cp) => !ZERO_WIDTH_CODE_POINT.test(String.fromCodePoint(cp)));
  if (base === undefined) return 0;
  if (base >= REGIONAL_INDICATOR_FIRST && base <= REGIONAL_INDICATOR_LAST) return 2;
  const baseChar = String.fromCodePoint(base);
  if (EMOJI_PRESENTATION.test(baseChar)) return 2;
  if (codePoints.includes(VARIATION_SELECTOR_EMOJI) && EMOJI.test(baseChar)) return 2;
  return isEastAsianWide(base) ? 2 : 1;
}

/** Number of terminal columns the text occupies (no line breaks expected). */
export function stringWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const g of graphemes(text)) width += graphemeWidth(g);
  return width;
}

/**
 * Makes user text safe to place on one diagram row: tabs become spaces, control characters and
 * clusters with no width of their own (a lone combining mark, a bidi override, a zero-width space)
 * are dropped, since they would attach to or reorder the frame around them.
 */
export function sanitizeLine(text: string): string {
  const spaced = text.replace(/\t/g, ' ');
  if (PRINTABLE_ASCII.test(spaced)) return spaced;
  return graphemes(spaced)
    .filter((g) => graphemeWidth(g) > 0)
    .join('');
}

/** Cuts text to at most `maxWidth` columns, never splitting a cluster; appends `ellipsis` when cut. */
export function truncateToWidth(text: string, maxWidth: number, ellipsis = '…'): string {
  if (stringWidth(text) <= maxWidth) return text;
  const room = maxWidth - stringWidth(ellipsis);
  let out = '';
  let width = 0;
  for (const g of graphemes(text)) {
    const w = graphemeWidth(g);
    if (width + w > room) break;
    out += g;
    width += w;
  }
  return out + ellipsis;
}

/** Characters after which a long word (a host name, a path, an image tag) may be broken. */
const SOFT_BREAK_AFTER = new Set(['-', '_', '/', '.', ':', '@', ',', '=']);

/**
 * Splits one overlong word into pieces of at most `maxWidth` columns. Prefers to break after
 * punctuation when that keeps the piece at least half full; otherwise breaks between clusters.
 * A single cluster wider than `maxWidth` stays whole (the caller guarantees `maxWidth` >= 2).
 */
function breakWord(word: string, maxWidth: number): string[] {
  const pieces: string[] = [];
  const clusters = graphemes(word);
  // Walks an index rather than slicing the rest off each time: linear in the word's length (a slice per
  // piece made a 100 000-character label take seconds).
  let start = 0;
  while (start < clusters.length) {
    let width = 0;
    let fit = 0;
    let softBreak = 0;
    for (let i = start; i < clusters.length; i++) {
      const g = clusters[i]!;
      const w = graphemeWidth(g);
      if (width + w > maxWidth && fit > 0) break;
      width += w;
      fit++;
      if (SOFT_BREAK_AFTER.has(g) && width * 2 >= maxWidth) softBreak = fit;
    }
    const cut = start + fit < clusters.length && softBreak > 0 ? softBreak : fit;
    pieces.push(clusters.slice(start, start + cut).join(''));
    start += cut;
  }
  return pieces;
}

/**
 * Word-wraps one line of text to at most `maxWidth` columns. Runs of spaces at a wrap point are
 * dropped; words longer than the width are broken (see breakWord). Returns at least one line.
 */
export function wrapToWidth(text: string, maxWidth: number): string[] {
  const limit = Math.max(1, Math.floor(maxWidth));
  if (stringWidth(text) <= limit) return [text];
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const flush = (): void => {
    lines.push(line);
    line = '';
    lineWidth = 0;
  };
  for (const word of text.split(/ +/)) {
    if (word === '') continue;
    const wordWidth = stringWidth(word);
    const gap = lineWidth > 0 ? 1 : 0;
    if (lineWidth + gap + wordWidth <= limit) {
      line += (gap ? ' ' : '') + word;
      lineWidth += gap + wordWidth;
      continue;
    }
    if (lineWidth > 0) flush();
    if (wordWidth <= limit) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    const pieces = breakWord(word, limit);
    const last = pieces.pop() ?? '';
    for (const piece of pieces) lines.push(piece);
    line = last;
    lineWidth = stringWidth(last);
  }
  if (lineWidth > 0 || lines.length === 0) flush();
  return lines;
}

/** Pads text with spaces on the right up to `width` columns. */
export function padEndToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}
