/**
 * The shape of a generated site page: Markdown (rendered by Astro's Markdown pipeline, which also
 * gives the table of contents) with placeholders where diagrams and text diagrams go. Pure.
 */
import { mdCode, mdProse, mdText } from '../views/escape.ts';
import type { Fragment } from '../views/types.ts';

/** A Mermaid view, shown as its pre-rendered SVG. */
export interface DiagramBlock {
  type: 'diagram';
  systemId: string;
  /** Fragment name: the SVG is `<system>/<name>.svg`. */
  name: string;
  title: string;
  description: string;
  /** Inline the SVG in the HTML (the page's main diagram); others are inlined when scrolled to. */
  eager: boolean;
}

/** A text diagram, with its plain-ASCII twin when there is one. */
export interface AsciiBlock {
  type: 'ascii';
  name: string;
  title: string;
  description: string;
  content: string;
  plain?: string;
}

export type PageBlock = DiagramBlock | AsciiBlock;

export interface SitePage {
  /** Root-relative URL path without the base, e.g. `/systems/mito/flows/`. */
  path: string;
  title: string;
  /** One sentence: the page's meta description and its lead in the sidebar of search results. */
  description: string;
  markdown: string;
  blocks: PageBlock[];
}

/**
 * Text shown as written: Markdown escaped, and URLs set as code (a view's description names hosts
 * like `https://api.${DOMAIN}`, which must not become links).
 */
export function plainText(s: string): string {
  const url = /\b(?:https?|ftp):\/\/[^\s]*[^\s.,;:!?)\]]|\bwww\.[^\s]*[^\s.,;:!?)\]]/gi;
  let out = '';
  let last = 0;
  for (const m of s.matchAll(url)) {
    out += mdText(s.slice(last, m.index)) + mdCode(m[0]);
    last = m.index + m[0].length;
  }
  return out + mdText(s.slice(last));
}

/** Stands for `blocks[index]` in the rendered HTML; an HTML block of its own in the Markdown. */
export function blockPlaceholder(index: number): string {
  return `<div data-topodoc-block="${index}"></div>`;
}

export const BLOCK_PLACEHOLDER_PATTERN = /<div data-topodoc-block="(\d+)"><\/div>/g;

/** Splits rendered HTML at the placeholders: strings are HTML, numbers index `blocks`. */
export function splitAtBlocks(html: string): Array<string | number> {
  const parts: Array<string | number> = [];
  let last = 0;
  for (const m of html.matchAll(BLOCK_PLACEHOLDER_PATTERN)) {
    parts.push(html.slice(last, m.index));
    parts.push(Number(m[1]));
    last = m.index + m[0].length;
  }
  parts.push(html.slice(last));
  return parts.filter((p) => p !== '');
}

/** Builds one page's Markdown and blocks in reading order. */
export class PageWriter {
  readonly #parts: string[] = [];
  readonly #blocks: PageBlock[] = [];
  readonly #systemId: string;

  constructor(systemId: string) {
    this.#systemId = systemId;
  }

  get isEmpty(): boolean {
    return this.#parts.length === 0;
  }

  heading(level: 2 | 3 | 4, text: string): this {
    this.#parts.push(`${'#'.repeat(level)} ${mdText(text)}`);
    return this;
  }

  /** Markdown written by topodoc (already escaped where it holds topology text). */
  markdown(md: string | undefined): this {
    if (md && md.trim()) this.#parts.push(md.trim());
    return this;
  }

  /** Topology prose (descriptions): Markdown kept, HTML neutralised. */
  prose(text: string | undefined): this {
    if (text && text.trim()) this.#parts.push(mdProse(text));
    return this;
  }

  /** A Mermaid fragment under its own heading (its title unless `heading` is given), with its description as the lead. */
  diagram(f: Fragment | undefined, level: 2 | 3, eager = false, heading?: string): this {
    if (!f) return this;
    this.heading(level, heading ?? f.title);
    this.#parts.push(plainText(f.description));
    return this.#block({ type: 'diagram', systemId: this.#systemId, name: f.name, title: f.title, description: f.description, eager });
  }

  ascii(f: Fragment, plain: Fragment | undefined, level: 2 | 3): this {
    this.heading(level, f.title);
    this.#parts.push(plainText(f.description));
    return this.#block({ type: 'ascii', name: f.name, title: f.title, description: f.description, content: f.content, plain: plain?.content });
  }

  #block(block: PageBlock): this {
    this.#parts.push(blockPlaceholder(this.#blocks.length));
    this.#blocks.push(block);
    return this;
  }

  build(path: string, title: string, description: string): SitePage {
    return { path, title, description, markdown: `${this.#parts.join('\n\n')}\n`, blocks: [...this.#blocks] };
  }
}
