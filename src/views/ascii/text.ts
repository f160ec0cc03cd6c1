import { alignRow, glyphCell, memoLayout, textCells, type Block, type Cell, type HAlign, type Layout } from './block.ts';
import { graphemes, graphemeWidth, sanitizeLine, stringWidth, wrapToWidth } from './width.ts';

export interface TextOptions {
  /** What to do with a line wider than the room: wrap it (default) or cut it with an ellipsis. */
  overflow?: 'wrap' | 'truncate';
  align?: HAlign;
}

/** Narrowest text column: one wide character must always fit. */
export const MIN_TEXT_WIDTH = 2;

/**
 * User text as display lines of at most `maxWidth` columns: split at newlines, sanitized
 * (sanitizeLine), then word-wrapped. Every primitive that shows user text goes through here or text().
 */
export function wrapText(content: string, maxWidth: number): string[] {
  return content.split(/\r\n|\r|\n/).flatMap((line) => wrapToWidth(sanitizeLine(line), maxWidth));
}

/** Cells of a line cut to `maxWidth` columns, ending in the ellipsis glyph. */
function truncatedCells(line: string, maxWidth: number): Cell[] {
  const cells: Cell[] = [];
  let width = 0;
  for (const g of graphemes(line)) {
    const w = graphemeWidth(g);
    if (width + w > maxWidth - 1) break;
    cells.push(...textCells(g));
    width += w;
  }
  cells.push(glyphCell('ellipsis'));
  return cells;
}

/**
 * Plain text, one string per line (strings may also contain newlines). Lines wider than the
 * room are wrapped at spaces (long words at punctuation, else between characters) or truncated.
 */
export function text(content: string | readonly string[], options: TextOptions = {}): Layout {
  const sourceLines = (typeof content === 'string' ? [content] : content)
    .flatMap((s) => s.split(/\r\n|\r|\n/))
    .map(sanitizeLine);
  const overflow = options.overflow ?? 'wrap';
  const align = options.align ?? 'left';
  return memoLayout((maxWidth: number): Block => {
    const room = Math.max(MIN_TEXT_WIDTH, Math.floor(maxWidth));
    const rows: Cell[][] = [];
    for (const line of sourceLines) {
      if (stringWidth(line) <= room) rows.push(textCells(line));
      else if (overflow === 'truncate') rows.push(truncatedCells(line, room));
      else for (const piece of wrapToWidth(line, room)) rows.push(textCells(piece));
    }
    const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
    const aligned = rows.map((row) => alignRow(row, width, align));
    return { width, height: aligned.length, rows: aligned, axis: Math.floor(width / 2) };
  });
}
