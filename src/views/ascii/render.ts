import type { Block, Content } from './block.ts';
import { charsetFor, type FrameStyle } from './charset.ts';
import { layoutContent } from './content.ts';

export interface RenderOptions {
  /** Frame characters: Unicode box drawing (default) or plain 7-bit ASCII. */
  style?: FrameStyle;
  /** Columns available to the whole diagram (default 100). */
  maxWidth?: number;
}

export const DEFAULT_MAX_WIDTH = 100;

/** Lines of a block in the given style, without trailing spaces. */
export function blockLines(block: Block, style: FrameStyle = 'unicode'): string[] {
  const charset = charsetFor(style);
  return block.rows.map((row) => {
    let line = '';
    for (const cell of row) {
      if (cell.kind === 'glyph') line += charset[cell.glyph];
      else if (cell.kind === 'text') line += cell.text;
    }
    return line.trimEnd();
  });
}

/**
 * Lays content out within `maxWidth` columns and renders it: one line per row, no trailing
 * spaces, no trailing blank lines, ending with a newline.
 */
export function render(content: Content, options: RenderOptions = {}): string {
  const block = layoutContent(content, options.maxWidth ?? DEFAULT_MAX_WIDTH);
  const lines = blockLines(block, options.style ?? 'unicode');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n') + '\n';
}
