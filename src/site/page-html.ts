/**
 * Adapter for the page templates: turns a rendered page (HTML with block placeholders) into its
 * final HTML, reading the rendered SVGs from disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { asciiFigureHtml, diagramFigureHtml } from './diagram-html.ts';
import type { PageBlock } from './page-model.ts';
import { splitAtBlocks } from './page-model.ts';
import { projectDir, SVG_DIR } from './paths.ts';
import { withBase } from './settings.ts';
import { diagramPath } from './urls.ts';

/** The rendered SVG of a diagram, or undefined when `topodoc render` has not produced it. */
export function readDiagramSvg(systemId: string, name: string, root: string = projectDir(process.env, process.cwd())): string | undefined {
  const file = path.join(root, SVG_DIR, systemId, `${name}.svg`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function blockHtml(block: PageBlock, base: string): string {
  if (block.type === 'ascii') return asciiFigureHtml(block);
  return diagramFigureHtml(block, {
    base,
    src: withBase(base, diagramPath(block.systemId, block.name)),
    svg: readDiagramSvg(block.systemId, block.name),
    downloadName: `${block.systemId}-${block.name}.svg`,
  });
}

/** The page body: rendered Markdown with each placeholder replaced by its diagram or text diagram. */
export function pageHtml(html: string, blocks: readonly PageBlock[], base: string): string {
  return splitAtBlocks(html)
    .map((part) => {
      if (typeof part === 'string') return part;
      const block = blocks[part];
      return block ? blockHtml(block, base) : '';
    })
    .join('');
}
