import type { Glyph } from './charset.ts';
import { graphemes, graphemeWidth, sanitizeLine } from './width.ts';

/**
 * One display column of a block: a frame glyph (rendered per style), a text cluster one or two
 * columns wide, or the second column of a wide cluster (renders as nothing).
 */
export type Cell =
  | { readonly kind: 'glyph'; readonly glyph: Glyph }
  | { readonly kind: 'text'; readonly text: string; readonly width: 1 | 2 }
  | { readonly kind: 'wide-tail' };

/**
 * A laid-out rectangle: `height` rows of exactly `width` cells each. Blocks are immutable, so a
 * frame built around them can never be pushed out of line by their content.
 */
export interface Block {
  readonly width: number;
  readonly height: number;
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>;
  /** Column where vertical connectors enter and leave the block. */
  readonly axis: number;
}

/**
 * A deferred block: lays itself out within the columns it is given. Composites pass each child
 * the width left for it, so long text wraps where it stands instead of widening the diagram.
 * A layout returns at most `maxWidth` columns unless that is below its minimum
 * (two text columns plus its own frame), in which case it overflows rather than fails.
 */
export type Layout = (maxWidth: number) => Block;

/** What composites accept: a layout, a fixed block, or plain text (one string per line). */
export type Content = Layout | Block | string | readonly string[];

export const SPACE: Cell = { kind: 'text', text: ' ', width: 1 };
const WIDE_TAIL: Cell = { kind: 'wide-tail' };
const glyphCells = new Map<Glyph, Cell>();

export function glyphCell(glyph: Glyph): Cell {
  let cell = glyphCells.get(glyph);
  if (!cell) {
    cell = { kind: 'glyph', glyph };
    glyphCells.set(glyph, cell);
  }
  return cell;
}

export function isGlyph(cell: Cell | undefined, ...glyphs: Glyph[]): boolean {
  return cell?.kind === 'glyph' && glyphs.includes(cell.glyph);
}

/** Cells for one line of user text (sanitized: see sanitizeLine). */
export function textCells(line: string): Cell[] {
  const cells: Cell[] = [];
  for (const g of graphemes(sanitizeLine(line))) {
    const w = graphemeWidth(g);
    if (w === 0) continue;
    cells.push({ kind: 'text', text: g, width: w });
    if (w === 2) cells.push(WIDE_TAIL);
  }
  return cells;
}

export function glyphRun(glyph: Glyph, count: number): Cell[] {
  return new Array<Cell>(Math.max(0, count)).fill(glyphCell(glyph));
}

export function spaces(count: number): Cell[] {
  return new Array<Cell>(Math.max(0, count)).fill(SPACE);
}

export function isBlock(content: Content): content is Block {
  return typeof content === 'object' && 'rows' in content;
}

export function blank(width: number, height: number): Block {
  const rows = Array.from({ length: Math.max(0, height) }, () => spaces(width));
  return { width: Math.max(0, width), height: rows.length, rows, axis: Math.floor(Math.max(0, width) / 2) };
}

/** Builds a block from rows, padding each row with spaces to the widest one. */
export function blockFromRows(rows: ReadonlyArray<ReadonlyArray<Cell>>, axis?: number): Block {
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  const padded = rows.map((row) => (row.length === width ? row : [...row, ...spaces(width - row.length)]));
  return { width, height: padded.length, rows: padded, axis: axis ?? Math.floor(width / 2) };
}

/**
 * A mutable grid used by composites to place child blocks at offsets and to join lines where
 * they meet (e.g. turning a box's bottom edge ─ into ┬ above a connector).
 */
export class Canvas {
  readonly width: number;
  readonly height: number;
  private readonly cells: Cell[][];

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.cells = Array.from({ length: height }, () => spaces(width));
  }

  draw(block: Block, x: number, y: number): void {
    block.rows.forEach((row, dy) => {
      const target = this.cells[y + dy];
      if (!target) return;
      row.forEach((cell, dx) => {
        if (x + dx < this.width) target[x + dx] = cell;
      });
    });
  }

  get(x: number, y: number): Cell | undefined {
    return this.cells[y]?.[x];
  }

  set(x: number, y: number, cell: Cell): void {
    const row = this.cells[y];
    if (row && x >= 0 && x < this.width) row[x] = cell;
  }

  /** Writes cells left to right from (x, y), clipped to the canvas. */
  write(x: number, y: number, cells: readonly Cell[]): void {
    cells.forEach((cell, i) => this.set(x + i, y, cell));
  }

  toBlock(axis?: number): Block {
    return { width: this.width, height: this.height, rows: this.cells.map((r) => [...r]), axis: axis ?? Math.floor(this.width / 2) };
  }
}

/**
 * Layouts are pure, so one asked again for the same width answers from memory. Composites lay
 * children out more than once while settling widths; without this, nesting costs exponential time.
 */
export function memoLayout(layout: Layout): Layout {
  const cache = new Map<number, Block>();
  return (maxWidth: number): Block => {
    let block = cache.get(maxWidth);
    if (!block) {
      block = layout(maxWidth);
      cache.set(maxWidth, block);
    }
    return block;
  };
}

/**
 * Lays out with `maxWidth` and, if the result is wider (an aligned stack shifts children
 * sideways), searches for the largest room whose result fits; if none does, takes the narrowest.
 */
export function fitToWidth(maxWidth: number, build: (width: number) => Block): Block {
  const first = build(maxWidth);
  if (first.width <= maxWidth) return first;
  let best: Block | undefined;
  let low = 1;
  let high = maxWidth - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const block = build(mid);
    if (block.width <= maxWidth) {
      best = block;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return best ?? build(1);
}

export type HAlign = 'left' | 'center' | 'right';

/** Pads a row of cells with spaces to `width`, placing it left, centred or right. */
export function alignRow(cells: readonly Cell[], width: number, align: HAlign): Cell[] {
  const free = Math.max(0, width - cells.length);
  const left = align === 'left' ? 0 : align === 'right' ? free : Math.floor(free / 2);
  return [...spaces(left), ...cells, ...spaces(free - left)];
}

/** Places a block inside a wider area of `width` columns, as alignRow does for one row. */
export function alignBlock(block: Block, width: number, align: HAlign): Block {
  if (block.width >= width) return block;
  const free = width - block.width;
  const left = align === 'left' ? 0 : align === 'right' ? free : Math.floor(free / 2);
  const rows = block.rows.map((row) => [...spaces(left), ...row, ...spaces(free - left)]);
  return { width, height: block.height, rows, axis: block.axis + left };
}
