import { alignBlock, glyphCell, glyphRun, memoLayout, spaces, type Block, type Cell, type Content, type HAlign, type Layout } from './block.ts';
import { layoutContent } from './content.ts';
import { MIN_TEXT_WIDTH, text } from './text.ts';

export interface BoxOptions {
  /** Title row(s) above the content, wrapped like any text. */
  title?: string | readonly string[];
  titleAlign?: HAlign;
  /** Draw a ├──┤ rule between title and content (default true; omitted when there is no content). */
  separator?: boolean;
  /** Spaces between frame and content: a number for the sides, or x (sides) and y (top and bottom). Default x 1, y 0. */
  padding?: number | { x?: number; y?: number };
  /** Alignment of the content inside the frame. */
  align?: HAlign;
  /** Outer width: a number of columns (capped by the room), or 'fill' to take all the room. */
  width?: number | 'fill';
  minWidth?: number;
  /** Cap on the outer width; content wraps to stay inside. */
  maxWidth?: number;
}

function paddingOf(options: BoxOptions): { x: number; y: number } {
  const p = options.padding;
  if (typeof p === 'number') return { x: Math.max(0, p), y: 0 };
  return { x: Math.max(0, p?.x ?? 1), y: Math.max(0, p?.y ?? 0) };
}

/** A frame around content, with an optional title. Its width follows the content, within the room. */
export function box(content: Content, options: BoxOptions = {}): Layout {
  const pad = paddingOf(options);
  const chrome = 2 + 2 * pad.x;
  const titleLayout = options.title === undefined ? undefined : text(options.title, { align: options.titleAlign ?? 'center' });
  return memoLayout((maxWidth: number): Block => {
    const room = Math.min(maxWidth, options.maxWidth ?? Infinity);
    const requested = options.width === 'fill' ? room : Math.min(options.width ?? 0, room);
    const innerRoom = Math.max(MIN_TEXT_WIDTH, (requested > 0 ? requested : room) - chrome);
    const body = layoutContent(content, innerRoom);
    const title = titleLayout?.(innerRoom);
    const inner = Math.max(
      body.width,
      title?.width ?? 0,
      requested - chrome,
      Math.min(options.minWidth ?? 0, room) - chrome,
      1,
    );
    const span = inner + 2 * pad.x;
    const framed = (cells: readonly Cell[]): Cell[] => [
      glyphCell('vertical'),
      ...spaces(pad.x),
      ...cells,
      ...spaces(pad.x),
      glyphCell('vertical'),
    ];
    const rows: Cell[][] = [[glyphCell('topLeft'), ...glyphRun('horizontal', span), glyphCell('topRight')]];
    if (title) {
      for (const row of alignBlock(title, inner, options.titleAlign ?? 'center').rows) rows.push(framed(row));
      if (options.separator !== false && body.height > 0) {
        rows.push([glyphCell('teeRight'), ...glyphRun('horizontal', span), glyphCell('teeLeft')]);
      }
    }
    for (let i = 0; i < pad.y; i++) rows.push(framed(spaces(inner)));
    for (const row of alignBlock(body, inner, options.align ?? 'left').rows) rows.push(framed(row));
    for (let i = 0; i < pad.y; i++) rows.push(framed(spaces(inner)));
    rows.push([glyphCell('bottomLeft'), ...glyphRun('horizontal', span), glyphCell('bottomRight')]);
    const width = span + 2;
    return { width, height: rows.length, rows, axis: Math.floor(width / 2) };
  });
}
