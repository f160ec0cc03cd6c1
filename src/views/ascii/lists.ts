import { blockFromRows, glyphCell, memoLayout, spaces, textCells, type Block, type Cell, type Layout } from './block.ts';
import { MIN_TEXT_WIDTH, wrapText } from './text.ts';

/** A bulleted list; wrapped items hang under their first word. */
export function bullets(items: readonly string[]): Layout {
  return memoLayout((maxWidth: number): Block => {
    const room = Math.max(MIN_TEXT_WIDTH, maxWidth - 2);
    const rows: Cell[][] = [];
    for (const item of items) {
      wrapText(item, room).forEach((line, i) => {
        rows.push([...(i === 0 ? [glyphCell('bullet'), ...spaces(1)] : spaces(2)), ...textCells(line)]);
      });
    }
    return blockFromRows(rows);
  });
}

export interface TreeNode {
  label: string;
  children?: readonly TreeNode[];
}

export interface TreeOptions {
  /** Blank rows between top-level nodes (default 0). */
  gap?: number;
}

const BRANCH_WIDTH = 3;

function childRows(children: readonly TreeNode[], prefix: readonly Cell[], maxWidth: number, rows: Cell[][]): void {
  children.forEach((child, i) => {
    const last = i === children.length - 1;
    const branch = [glyphCell(last ? 'bottomLeft' : 'teeRight'), glyphCell('horizontal'), ...spaces(1)];
    const continuation = [...(last ? spaces(1) : [glyphCell('vertical')]), ...spaces(BRANCH_WIDTH - 1)];
    const room = Math.max(MIN_TEXT_WIDTH, maxWidth - prefix.length - BRANCH_WIDTH);
    wrapText(child.label, room).forEach((line, k) => {
      rows.push([...prefix, ...(k === 0 ? branch : continuation), ...textCells(line)]);
    });
    childRows(child.children ?? [], [...prefix, ...continuation], maxWidth, rows);
  });
}

/**
 * Labels with their children drawn as branches, e.g. a security layer and its measures:
 *   Layer 1: Network isolation
 *   ├─ External network for routing
 *   └─ Internal networks per stack
 */
export function tree(roots: TreeNode | readonly TreeNode[], options: TreeOptions = {}): Layout {
  const list: readonly TreeNode[] = Array.isArray(roots) ? roots : [roots as TreeNode];
  const gap = Math.max(0, options.gap ?? 0);
  return memoLayout((maxWidth: number): Block => {
    const rows: Cell[][] = [];
    list.forEach((root, i) => {
      if (i > 0) for (let g = 0; g < gap; g++) rows.push([]);
      for (const line of wrapText(root.label, Math.max(MIN_TEXT_WIDTH, maxWidth))) rows.push(textCells(line));
      childRows(root.children ?? [], [], maxWidth, rows);
    });
    return blockFromRows(rows);
  });
}
