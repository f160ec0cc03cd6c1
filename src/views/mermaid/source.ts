/**
 * Small building blocks shared by the Mermaid generators: an indenting line writer, the
 * accessibility header, safe unique ids and safe link targets.
 */
import { mermaidId, mermaidText } from '../escape.ts';

/** Lines of Mermaid source with block indentation, so the generated `.mmd` reads like hand-written code. */
export class MermaidWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  line(text: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}${text}`);
  }

  blank(): void {
    if (this.lines.length && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  /** Opens a block (`subgraph`, `rect`, `alt`…); close it with `close()`. */
  open(text: string): void {
    this.line(text);
    this.depth++;
  }

  /** A line at the enclosing block's level, such as `else …` inside `alt`. */
  sibling(text: string): void {
    this.depth--;
    this.line(text);
    this.depth++;
  }

  close(text = 'end'): void {
    this.depth = Math.max(0, this.depth - 1);
    this.line(text);
  }

  toString(): string {
    while (this.lines.length && this.lines[this.lines.length - 1] === '') this.lines.pop();
    return `${this.lines.join('\n')}\n`;
  }
}

/** `accTitle`/`accDescr` lines: screen readers get the fragment's title and description. */
export function accessibility(out: MermaidWriter, title: string, description: string): void {
  out.line(`accTitle: ${mermaidText(title)}`);
  out.line(`accDescr: ${mermaidText(description)}`);
}

/** Collapses whitespace (newlines included) for titles and descriptions kept as plain text. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The first sentence of a free-text description. */
export function firstSentence(s: string): string {
  const text = oneLine(s);
  const end = text.search(/[.!?](\s|$)/);
  return end >= 0 ? text.slice(0, end + 1) : text;
}

/**
 * Hands out Mermaid ids for topology keys: prefixed (so a service called `end` or `dns` cannot
 * collide with a keyword or a fixed node), reduced to safe characters, and unique even when two
 * keys differ only in characters that get replaced (`a-b`, `a.b`).
 */
export class IdAllocator {
  private readonly byKey = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r.toLowerCase());
  }

  id(prefix: string, key: string): string {
    const full = `${prefix}\u0000${key}`;
    const known = this.byKey.get(full);
    if (known !== undefined) return known;
    const base = mermaidId(`${prefix}${key}`);
    let candidate = base;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${base}_${n}`;
    this.taken.add(candidate.toLowerCase());
    this.byKey.set(full, candidate);
    return candidate;
  }
}

/** A link target safe inside `click … href "…"`: no quotes, no line breaks. */
export function safeHref(href: string): string {
  return href.replace(/[\r\n]/g, '').replace(/"/g, '%22');
}

/** Text joined into a multi-line Mermaid label; each part is escaped, the line breaks are ours. */
export function labelLines(parts: Array<string | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map(mermaidText).join('<br/>');
}
