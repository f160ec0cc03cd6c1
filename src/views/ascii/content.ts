import { isBlock, memoLayout, type Block, type Content, type Layout } from './block.ts';
import { text } from './text.ts';

/** Turns any accepted content into a layout; strings become left-aligned wrapping text. */
export function toLayout(content: Content): Layout {
  if (typeof content === 'function') return content;
  if (isBlock(content)) return () => content;
  return text(content);
}

/** Lays content out within `maxWidth` columns. */
export function layoutContent(content: Content, maxWidth: number): Block {
  return toLayout(content)(Math.max(1, Math.floor(maxWidth)));
}

/** Moves the column where vertical connectors (chain, fan-out) meet the content. */
export function withAxis(content: Content, at: number | 'left' | 'center' | 'right'): Layout {
  const layout = toLayout(content);
  return memoLayout((maxWidth: number): Block => {
    const block = layout(maxWidth);
    const last = Math.max(0, block.width - 1);
    const axis = at === 'left' ? 0 : at === 'right' ? last : at === 'center' ? Math.floor(block.width / 2) : Math.min(Math.max(0, at), last);
    return { ...block, axis };
  });
}
