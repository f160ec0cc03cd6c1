/**
 * HTML for diagrams and text diagrams on the site. Pure: the caller reads the SVG file.
 *
 * The page's main diagram is inlined, so that its colours follow Starlight's theme toggle
 * (the SVG's stylesheet reacts to `[data-theme]` on <html>) and its nodes link to service pages.
 * Other diagrams start as <img> (which follows the system colour scheme on its own) and are
 * swapped for the inline SVG when scrolled to, keeping pages light (see client/enhance.ts).
 */
import type { AsciiBlock, DiagramBlock } from './page-model.ts';
import { withBase } from './settings.ts';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Root-relative link targets inside the SVG (`click` hrefs) get the site's base path. */
export function svgWithBase(svg: string, base: string): string {
  if (base === '/' || base === '') return svg;
  return svg.replace(/(\s(?:xlink:)?href=")(\/(?!\/)[^"]*)"/g, (_m, attr: string, href: string) => `${attr}${withBase(base, href)}"`);
}

/** The intrinsic size of an SVG from its width/height or viewBox, for layout before it loads. */
export function svgSize(svg: string): { width: number; height: number } | undefined {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0];
  if (!open) return undefined;
  const viewBox = /\sviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(open);
  if (viewBox) return { width: Math.round(Number(viewBox[1])), height: Math.round(Number(viewBox[2])) };
  const w = /\swidth="([\d.]+)"/.exec(open);
  const h = /\sheight="([\d.]+)"/.exec(open);
  return w && h ? { width: Math.round(Number(w[1])), height: Math.round(Number(h[1])) } : undefined;
}

/** The SVG's root element without its fixed pixel size: the page's CSS sizes it. */
function responsiveSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  if (start < 0) return svg;
  const body = svg.slice(start);
  return body.replace(/^<svg\b[^>]*>/, (open) => open.replace(/\s(width|height)="[^"]*"/g, '').replace(/\sstyle="[^"]*"/, ''));
}

export interface DiagramHtmlOptions {
  base: string;
  /** URL of the SVG on the site (with the base). */
  src: string;
  /** The rendered SVG, when it exists. */
  svg: string | undefined;
  /** Name offered when downloading, e.g. `mito-architecture.svg`. */
  downloadName: string;
}

export function diagramFigureHtml(block: DiagramBlock, o: DiagramHtmlOptions): string {
  const title = escapeHtml(block.title);
  if (o.svg === undefined) {
    return (
      `<figure class="td-diagram td-diagram--missing" data-pagefind-ignore>` +
      `<p>This diagram has not been rendered yet. Run <code>npx topodoc render</code> (or <code>npm run build</code>) and reload.</p>` +
      `</figure>`
    );
  }
  const size = svgSize(o.svg);
  const style = size ? ` style="--td-w:${size.width};--td-h:${size.height}"` : '';
  const canvas = block.eager
    ? responsiveSvg(svgWithBase(o.svg, o.base))
    : `<img src="${escapeHtml(o.src)}" alt="${title}" loading="lazy" decoding="async"${size ? ` width="${size.width}" height="${size.height}"` : ''}>`;
  const links =
    `<a href="${escapeHtml(o.src)}" target="_blank" rel="noopener">Open full size</a>` +
    `<a href="${escapeHtml(o.src)}" download="${escapeHtml(o.downloadName)}">Download SVG</a>` +
    `<button type="button" class="td-zoom" hidden>Enlarge</button>`;
  return (
    `<figure class="td-diagram" data-pagefind-ignore${block.eager ? '' : ` data-svg-src="${escapeHtml(o.src)}"`}>` +
    `<div class="td-diagram__canvas"${style}>${canvas}</div>` +
    `<figcaption class="td-diagram__bar"><span class="td-diagram__title">${title}</span>${links}</figcaption>` +
    `</figure>`
  );
}

export function asciiFigureHtml(block: AsciiBlock): string {
  const pre = (text: string, label: string) =>
    `<div class="td-ascii__frame"><button type="button" class="td-copy" data-label="${escapeHtml(label)}" hidden>Copy</button>` +
    `<pre class="td-ascii__text" tabindex="0" aria-label="${escapeHtml(label)}">${escapeHtml(text.replace(/\n+$/, ''))}</pre></div>`;
  return (
    `<figure class="td-ascii" data-pagefind-ignore>` +
    pre(block.content, `${block.title} (text diagram)`) +
    (block.plain !== undefined
      ? `<details class="td-ascii__plain"><summary>Plain ASCII version</summary>${pre(block.plain, `${block.title} (plain ASCII)`)}</details>`
      : '') +
    `</figure>`
  );
}
