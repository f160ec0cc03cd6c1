import { blank, Canvas, fitToWidth, glyphCell, isGlyph, memoLayout, spaces, textCells, type Block, type Cell, type Content, type Layout } from './block.ts';
import type { Glyph } from './charset.ts';
import { toLayout } from './content.ts';
import { joinHorizontally } from './stack.ts';
import { MIN_TEXT_WIDTH, wrapText } from './text.ts';
import { sanitizeLine, stringWidth, truncateToWidth } from './width.ts';

export interface ArrowDownOptions {
  /** Total rows including the arrowhead; grows to fit a wrapped label. Default 2 (1 without a head). */
  length?: number;
  /** End with ▼ (default) or with a plain line that joins whatever comes below. */
  head?: boolean;
}

/** A vertical connector │ … ▼ with an optional label beside the shaft. Its axis is column 0. */
export function arrowDown(label?: string, options: ArrowDownOptions = {}): Layout {
  const head = options.head ?? true;
  return memoLayout((maxWidth: number): Block => {
    const labelLines = label ? wrapText(label, Math.max(MIN_TEXT_WIDTH, maxWidth - 2)) : [];
    const length = options.length ?? (head ? 2 : 1);
    const shaft = Math.max(length - (head ? 1 : 0), labelLines.length, 1);
    const rows: Cell[][] = [];
    for (let i = 0; i < shaft; i++) {
      const line = labelLines[i];
      rows.push(line === undefined ? [glyphCell('vertical')] : [glyphCell('vertical'), ...spaces(1), ...textCells(line)]);
    }
    if (head) rows.push([glyphCell('arrowDown')]);
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    return { width, height: rows.length, rows: rows.map((r) => [...r, ...spaces(width - r.length)]), axis: 0 };
  });
}

/** A one-row horizontal connector ──► with an optional short label (cut with … if too long). */
export function arrowRight(label?: string): Layout {
  return memoLayout((maxWidth: number): Block => {
    const cells: Cell[] = [glyphCell('horizontal')];
    if (label) {
      const room = Math.max(MIN_TEXT_WIDTH, maxWidth - 5);
      const clean = sanitizeLine(label.replace(/\r\n|\r|\n/g, ' '));
      const shown = stringWidth(clean) > room ? truncateToWidth(clean, room - 1, '') : clean;
      cells.push(...spaces(1), ...textCells(shown));
      if (shown !== clean) cells.push(glyphCell('ellipsis'));
      cells.push(...spaces(1));
    }
    cells.push(glyphCell('horizontal'), glyphCell('arrowRight'));
    return { width: cells.length, height: 1, rows: [cells], axis: 0 };
  });
}

/** Cells that a line arriving from above can join without an arrowhead. */
function acceptsLineFromAbove(cell: Cell | undefined): boolean {
  return isGlyph(cell, 'vertical', 'teeUp', 'cross', 'teeRight', 'teeLeft');
}

/**
 * A ─ inside a line (a box's bottom edge), not the end of a branch such as `└─ item`, and not
 * next to a corner: in the ASCII style `└┬` would read `++`, two boxes side by side.
 */
function isJoinableEdge(canvas: Canvas, x: number, y: number): boolean {
  return [x - 1, x, x + 1].every((cx) => isGlyph(canvas.get(cx, y), 'horizontal'));
}

export interface ChainOptions {
  /** Label of the arrow after each item (index i labels the arrow from item i to item i+1). */
  labels?: ReadonlyArray<string | undefined>;
}

/**
 * Items under each other joined by arrows, all on one vertical axis. Where an arrow leaves a box
 * its bottom edge gets a ┬; where the next item already starts with a line (a fan-out), the arrow
 * joins it instead of ending in ▼.
 */
export function chain(items: readonly Content[], options: ChainOptions = {}): Layout {
  const layouts = items.map(toLayout);
  return memoLayout((maxWidth: number): Block =>
    fitToWidth(maxWidth, (room) => {
      const blocks = layouts.map((layout) => layout(room)).filter((b) => b.height > 0 && b.width > 0);
      const axisColumn = blocks.reduce((a, b) => Math.max(a, b.axis), 0);
      const arrowRoom = Math.max(MIN_TEXT_WIDTH + 2, maxWidth - axisColumn);
      const pieces: Array<{ block: Block; joinsAbove: boolean }> = [];
      blocks.forEach((block, i) => {
        pieces.push({ block, joinsAbove: false });
        const next = blocks[i + 1];
        if (!next) return;
        const head = !acceptsLineFromAbove(next.rows[0]?.[next.axis]);
        pieces.push({ block: arrowDown(options.labels?.[i], { head })(arrowRoom), joinsAbove: true });
      });
      const width = pieces.reduce((w, p) => Math.max(w, axisColumn - p.block.axis + p.block.width), 0);
      const canvas = new Canvas(width, pieces.reduce((h, p) => h + p.block.height, 0));
      let y = 0;
      for (const piece of pieces) {
        canvas.draw(piece.block, axisColumn - piece.block.axis, y);
        if (piece.joinsAbove && y > 0 && isJoinableEdge(canvas, axisColumn, y - 1)) {
          canvas.set(axisColumn, y - 1, glyphCell('teeDown'));
        }
        y += piece.block.height;
      }
      return canvas.toBlock(axisColumn);
    }));
}

export interface FanOutOptions {
  /** Blank columns between children (default 2, at least 1). */
  gap?: number;
  /** Blank rows between wrapped rows of children (default 1). */
  rowGap?: number;
}

/** The glyph a bus cell becomes when the trunk joins it from above. */
function withLineFromAbove(cell: Cell | undefined): Glyph {
  if (isGlyph(cell, 'teeDown')) return 'cross';
  if (isGlyph(cell, 'topLeft')) return 'teeRight';
  if (isGlyph(cell, 'topRight')) return 'teeLeft';
  return 'teeUp';
}

interface PlacedRow {
  blocks: Block[];
  drops: number[];
  width: number;
}

function placeRow(blocks: Block[], x0: number, gap: number): PlacedRow {
  let x = x0;
  const drops: number[] = [];
  for (const block of blocks) {
    drops.push(x + block.axis);
    x += block.width + gap;
  }
  return { blocks, drops, width: x - gap };
}

/** The ─┬─┐ row feeding the drops of one row of children; the first cell is given by the caller. */
function busCells(first: Cell, from: number, drops: readonly number[], width: number): Cell[] {
  const cells = spaces(width);
  const last = drops[drops.length - 1] ?? from;
  for (let x = from; x <= last; x++) cells[x] = glyphCell('horizontal');
  for (const d of drops) cells[d] = glyphCell('teeDown');
  cells[last] = glyphCell('topRight');
  cells[from] = first;
  return cells;
}

/**
 * One line splitting into several: a trunk comes in from above and feeds an arrow into each
 * child, e.g. Traefik routing to its containers. Children that do not fit on one row continue on
 * further rows, fed by a rail down the left side. The block's axis is the trunk.
 */
export function fanOut(children: readonly Content[], options: FanOutOptions = {}): Layout {
  const gap = Math.max(1, options.gap ?? 2);
  const rowGap = Math.max(0, options.rowGap ?? 1);
  const layouts = children.map(toLayout);
  return memoLayout((maxWidth: number): Block => {
    // Children with nothing to show get no arrow.
    const visible = (block: Block): boolean => block.width > 0 && block.height > 0;
    let blocks = layouts.map((layout) => layout(maxWidth)).filter(visible);
    if (blocks.length === 0) return blank(0, 0);
    if (blocks.length === 1) {
      const only = blocks[0] as Block;
      const canvas = new Canvas(only.width, only.height + 2);
      canvas.set(only.axis, 0, glyphCell('vertical'));
      canvas.set(only.axis, 1, glyphCell('arrowDown'));
      canvas.draw(only, 0, 2);
      return canvas.toBlock(only.axis);
    }
    const single = placeRow(blocks, 0, gap);
    const rows: PlacedRow[] = [];
    if (single.width <= maxWidth) {
      rows.push(single);
    } else {
      // Children are indented two columns so the rail in column 0 can pass beside them.
      const room = Math.max(1, maxWidth - 2);
      blocks = layouts.map((layout) => layout(room)).filter(visible);
      let current: Block[] = [];
      for (const block of blocks) {
        if (current.length > 0 && placeRow([...current, block], 2, gap).width > maxWidth) {
          rows.push(placeRow(current, 2, gap));
          current = [];
        }
        current.push(block);
      }
      rows.push(placeRow(current, 2, gap));
    }
    const railed = rows.length > 1;
    const width = rows.reduce((w, r) => Math.max(w, r.width), 0);
    const height = 1 + rows.reduce((h, r) => h + 2 + joinHorizontally(r.blocks, gap, 'top').height, 0) + rowGap * (rows.length - 1);
    const canvas = new Canvas(width, height);
    const firstDrops = rows[0]?.drops ?? [];
    const busStart = railed ? 0 : (firstDrops[0] ?? 0);
    const middle = Math.floor((busStart + (firstDrops[firstDrops.length - 1] ?? 0)) / 2);
    // A trunk right beside a joint of the bus would read `++` in ASCII; meeting it reads clearly.
    const trunk = [busStart, ...firstDrops].find((joint) => Math.abs(joint - middle) === 1) ?? middle;
    canvas.set(trunk, 0, glyphCell('vertical'));
    let y = 1;
    rows.forEach((row, index) => {
      // The rail starts at the first bus, passes the middle ones and ends at the last.
      const first: Glyph = !railed || index === 0 ? 'topLeft' : index === rows.length - 1 ? 'bottomLeft' : 'teeRight';
      const from = railed ? 0 : (row.drops[0] ?? 0);
      canvas.write(0, y, busCells(glyphCell(first), from, row.drops, width));
      if (index === 0) canvas.set(trunk, y, glyphCell(withLineFromAbove(canvas.get(trunk, y))));
      for (const d of row.drops) canvas.set(d, y + 1, glyphCell('arrowDown'));
      const body = joinHorizontally(row.blocks, gap, 'top');
      canvas.draw(body, railed ? 2 : 0, y + 2);
      const end = y + 2 + body.height + (index < rows.length - 1 ? rowGap : 0);
      if (railed && index < rows.length - 1) for (let r = y + 1; r < end; r++) canvas.set(0, r, glyphCell('vertical'));
      y = end;
    });
    return canvas.toBlock(trunk);
  });
}
