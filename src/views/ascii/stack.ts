import { Canvas, fitToWidth, memoLayout, type Block, type Content, type HAlign, type Layout } from './block.ts';
import { toLayout } from './content.ts';

export type VAlign = 'top' | 'middle' | 'bottom';

export interface HStackOptions {
  /** Blank columns between neighbours (default 1). */
  gap?: number;
  /** Vertical placement of blocks shorter than the tallest (default top). */
  align?: VAlign;
}

function verticalOffset(height: number, total: number, align: VAlign): number {
  const free = total - height;
  return align === 'top' ? 0 : align === 'bottom' ? free : Math.floor(free / 2);
}

/** Places fixed blocks side by side. */
export function joinHorizontally(blocks: readonly Block[], gap: number, align: VAlign): Block {
  const height = blocks.reduce((h, b) => Math.max(h, b.height), 0);
  const width = blocks.reduce((w, b) => w + b.width, 0) + gap * Math.max(0, blocks.length - 1);
  const canvas = new Canvas(width, height);
  let x = 0;
  for (const block of blocks) {
    canvas.draw(block, x, verticalOffset(block.height, height, align));
    x += block.width + gap;
  }
  return canvas.toBlock();
}

/**
 * Side by side, never wrapping (see wrapRow for rows of boxes). When the natural widths do not
 * fit, each child is laid out again with a share of the room proportional to its natural width,
 * then the widest children that still give way are squeezed until the row fits.
 */
export function hstack(items: readonly Content[], options: HStackOptions = {}): Layout {
  const gap = Math.max(0, options.gap ?? 1);
  const align = options.align ?? 'top';
  const layouts = items.map(toLayout);
  return memoLayout((maxWidth: number): Block => {
    const gaps = gap * Math.max(0, layouts.length - 1);
    const total = (blocks: readonly Block[]): number => blocks.reduce((w, b) => w + b.width, 0) + gaps;
    let blocks = layouts.map((layout) => layout(Math.max(1, maxWidth - gaps)));
    const natural = total(blocks) - gaps;
    if (natural + gaps > maxWidth && layouts.length > 1) {
      const room = Math.max(layouts.length, maxWidth - gaps);
      blocks = layouts.map((layout, i) => layout(Math.max(1, Math.floor(((blocks[i]?.width ?? 0) * room) / Math.max(1, natural)))));
    }
    const unyielding = new Set<number>();
    for (let guard = 0; guard < 4 * layouts.length && total(blocks) > maxWidth; guard++) {
      let widest = -1;
      blocks.forEach((b, i) => {
        if (!unyielding.has(i) && (widest < 0 || b.width > (blocks[widest]?.width ?? 0))) widest = i;
      });
      const current = blocks[widest];
      const layout = layouts[widest];
      if (!current || !layout) break;
      const squeezed = layout(Math.max(1, current.width - (total(blocks) - maxWidth)));
      if (squeezed.width >= current.width) unyielding.add(widest);
      else blocks = blocks.map((b, i) => (i === widest ? squeezed : b));
    }
    return joinHorizontally(blocks, gap, align);
  });
}

export interface VStackOptions {
  /** Blank rows between blocks (default 0). */
  gap?: number;
  /** Horizontal placement; 'axis' lines up the blocks' connector columns (default left). */
  align?: HAlign | 'axis';
}

/** Places fixed blocks under each other. */
export function joinVertically(blocks: readonly Block[], gap: number, align: HAlign | 'axis'): Block {
  const axisColumn = blocks.reduce((a, b) => Math.max(a, b.axis), 0);
  const offsetOf = (block: Block, width: number): number => {
    if (align === 'axis') return axisColumn - block.axis;
    const free = width - block.width;
    return align === 'left' ? 0 : align === 'right' ? free : Math.floor(free / 2);
  };
  const width =
    align === 'axis'
      ? blocks.reduce((w, b) => Math.max(w, axisColumn - b.axis + b.width), 0)
      : blocks.reduce((w, b) => Math.max(w, b.width), 0);
  const height = blocks.reduce((h, b) => h + b.height, 0) + gap * Math.max(0, blocks.length - 1);
  const canvas = new Canvas(width, height);
  let y = 0;
  for (const block of blocks) {
    canvas.draw(block, offsetOf(block, width), y);
    y += block.height + gap;
  }
  return canvas.toBlock(align === 'axis' ? axisColumn : undefined);
}

/** Blocks under each other, each given the full room. */
export function vstack(items: readonly Content[], options: VStackOptions = {}): Layout {
  const gap = Math.max(0, options.gap ?? 0);
  const align = options.align ?? 'left';
  const layouts = items.map(toLayout);
  return memoLayout((maxWidth: number): Block =>
    fitToWidth(maxWidth, (room) => joinVertically(layouts.map((layout) => layout(room)), gap, align)));
}

export interface WrapRowOptions {
  /** Blank columns between blocks on a row (default 2). */
  gap?: number;
  /** Blank rows between wrapped rows (default 1). */
  rowGap?: number;
  /** Cap on the total width, on top of the room given (the render width, 100 by default). */
  maxWidth?: number;
  /** Vertical placement of blocks within a row (default top). */
  align?: VAlign;
}

/** A row of blocks that continues on further rows whenever the next block would not fit. */
export function wrapRow(items: readonly Content[], options: WrapRowOptions = {}): Layout {
  const gap = Math.max(0, options.gap ?? 2);
  const rowGap = Math.max(0, options.rowGap ?? 1);
  const align = options.align ?? 'top';
  const layouts = items.map(toLayout);
  return memoLayout((available: number): Block => {
    const room = Math.max(1, Math.min(available, options.maxWidth ?? Infinity));
    const rows: Block[][] = [];
    let current: Block[] = [];
    let used = 0;
    for (const layout of layouts) {
      const block = layout(room);
      const needed = current.length === 0 ? block.width : used + gap + block.width;
      if (current.length > 0 && needed > room) {
        rows.push(current);
        current = [block];
        used = block.width;
      } else {
        current.push(block);
        used = needed;
      }
    }
    if (current.length > 0) rows.push(current);
    return joinVertically(rows.map((row) => joinHorizontally(row, gap, align)), rowGap, 'left');
  });
}

/** Empty space, e.g. to indent a block or separate rows. */
export function spacer(width: number, height = 1): Layout {
  return () => new Canvas(Math.max(0, width), Math.max(0, height)).toBlock();
}
