/**
 * Layout kit for ASCII architecture diagrams: rectangular blocks composed into boxes, stacks,
 * wrapped rows, connectors, lists and flows, rendered with Unicode box drawing or plain ASCII.
 * Pure: no file system, no process state.
 */
export type { Block, Cell, Content, HAlign, Layout } from './block.ts';
export { blank, glyphCell, textCells } from './block.ts';
export type { Charset, FrameStyle, Glyph } from './charset.ts';
export { ASCII_CHARSET, UNICODE_CHARSET, charsetFor } from './charset.ts';
export { layoutContent, toLayout, withAxis } from './content.ts';
export { MIN_TEXT_WIDTH, text, wrapText, type TextOptions } from './text.ts';
export { box, type BoxOptions } from './box.ts';
export { hstack, vstack, wrapRow, spacer, type HStackOptions, type VStackOptions, type WrapRowOptions, type VAlign } from './stack.ts';
export { arrowDown, arrowRight, chain, fanOut, type ArrowDownOptions, type ChainOptions, type FanOutOptions } from './connectors.ts';
export { bullets, tree, type TreeNode, type TreeOptions } from './lists.ts';
export { numberedFlow, type FlowStep, type NumberedFlowOptions } from './flow.ts';
export { render, blockLines, DEFAULT_MAX_WIDTH, type RenderOptions } from './render.ts';
export { graphemes, graphemeWidth, stringWidth, truncateToWidth, wrapToWidth, padEndToWidth, sanitizeLine } from './width.ts';
export { checkDiagram, problemsToDiagnostics, type CheckOptions, type DiagramProblem, type DiagramRule } from './check.ts';
export { extractFencedBlocks, type FencedBlock } from './fences.ts';
