/** A fenced code block found in Markdown (CommonMark backtick or tilde fences). */
export interface FencedBlock {
  /** The info string after the opening fence, e.g. `text` or `mermaid`; empty when absent. */
  info: string;
  /** 1-based line of the opening fence; the content starts on the next line. */
  openingLine: number;
  /** The lines between the fences, joined with newlines and ending with one. */
  content: string;
}

/**
 * Extracts fenced code blocks. A block closes at a fence of the same character at least as long
 * as the opening one; an unclosed block runs to the end of the document, as CommonMark says.
 */
export function extractFencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: FencedBlock[] = [];
  let open: { fence: string; info: string; openingLine: number; body: string[] } | undefined;
  lines.forEach((line, index) => {
    if (!open) {
      const start = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/.exec(line);
      if (start) open = { fence: start[1] ?? '```', info: start[2] ?? '', openingLine: index + 1, body: [] };
      return;
    }
    const fenceChar = open.fence[0] ?? '`';
    const close = new RegExp(`^ {0,3}${fenceChar === '`' ? '`' : '~'}{${open.fence.length},}\\s*$`).exec(line);
    if (close) {
      blocks.push({ info: open.info, openingLine: open.openingLine, content: open.body.map((l) => l + '\n').join('') });
      open = undefined;
      return;
    }
    open.body.push(line);
  });
  if (open) blocks.push({ info: open.info, openingLine: open.openingLine, content: open.body.map((l) => l + '\n').join('') });
  return blocks;
}
