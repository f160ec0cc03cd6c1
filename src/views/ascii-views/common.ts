/**
 * What the ASCII views share: the style-dependent marks, the two renderings of one layout, and
 * plain-text forms of topology values (names, ports, prose without Markdown).
 */
import { displayName, servicePorts, type PortEntry, type Service } from '../../model/queries.ts';
import type { TopologyModel } from '../../model/schema/index.ts';
import { chain, hstack, MIN_TEXT_WIDTH, render, spacer, textCells, withAxis, wrapText, type Block, type Cell, type Content, type FrameStyle, type Layout } from '../ascii/index.ts';
import type { Fragment } from '../types.ts';

/** Widest diagram line, in display columns. */
export const MAX_WIDTH = 100;

/**
 * Symbols a view writes inside its text. Each pair has the same display width in both styles,
 * so the Unicode and plain renderings wrap identically and share one geometry.
 */
export interface Marks {
  /** Between a source and what it leads to: `host ─► service`. */
  arrow: string;
  /** A statement that holds. */
  holds: string;
  /** A statement that does not hold. */
  fails: string;
  /** A neutral list item. */
  bullet: string;
}

export const UNICODE_MARKS: Marks = { arrow: '─►', holds: '✓', fails: '✗', bullet: '•' };
export const PLAIN_MARKS: Marks = { arrow: '->', holds: '+', fails: '!', bullet: '*' };

export interface AsciiView {
  /** Fragment name of the Unicode rendering; the plain one is suffixed `-plain`. */
  name: string;
  title: string;
  description: string;
  /** File path without extension, e.g. `ascii/system`. */
  file: string;
  /** The layout, built with the marks of the style it is rendered in. */
  build: (marks: Marks) => Content;
}

/** The Unicode (`<file>.txt`) and plain `+-|` (`<file>.plain.txt`) renderings of one view. */
export function asciiFragments(view: AsciiView): Fragment[] {
  const rendered = (style: FrameStyle, marks: Marks) => render(view.build(marks), { style, maxWidth: MAX_WIDTH });
  return [
    { name: view.name, kind: 'ascii', title: view.title, description: view.description, file: `${view.file}.txt`, content: rendered('unicode', UNICODE_MARKS) },
    {
      name: `${view.name}-plain`,
      kind: 'ascii',
      title: `${view.title} (plain ASCII)`,
      description: `${view.description} Drawn with plain +-| characters.`,
      file: `${view.file}.plain.txt`,
      content: rendered('ascii', PLAIN_MARKS),
    },
  ];
}

/** One line of user text: newlines and runs of whitespace collapse to one space. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Free text documented as Markdown, read as plain text: code ticks and emphasis markers dropped. */
export function plainProse(s: string): string {
  return oneLine(s.replace(/`+([^`]*)`+/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1').replace(/__([^_]+)__/g, '$1'));
}

/** The first sentence of free text (a stop followed by a capital, or a paragraph break, ends it). */
export function firstSentence(s: string): string {
  const paragraph = s.trim().split(/\n\s*\n/)[0] ?? '';
  const text = plainProse(paragraph);
  const end = text.search(/[.!?]\s+(?=[A-Z(])/);
  return end >= 0 ? text.slice(0, end + 1) : text;
}

/** Short free text whole; longer text by its first sentence (the full text is in the Markdown views). */
export function brief(s: string, max = 120): string {
  const text = plainProse(s);
  return text.length <= max && !/\n\s*\n/.test(s.trim()) ? text : firstSentence(s);
}

/** A service's display name on one line. */
export function nameOf(t: TopologyModel, id: string): string {
  return oneLine(displayName(t, id));
}

/** `Name (Technology)`, leaving the technology out when the name already says it. */
export function nameWithTechnology(t: TopologyModel, id: string): string {
  const name = nameOf(t, id);
  const tech = t.services[id]?.technology;
  if (!tech) return name;
  const technology = oneLine(tech);
  return name.toLowerCase().includes(technology.toLowerCase()) ? name : `${name} (${technology})`;
}

/** ` (planned)` for elements that are not simply active. */
export function statusSuffix(status: string | undefined): string {
  return status && status !== 'active' ? ` (${status})` : '';
}

/** A port as readers look it up: `4000`, `4001 websocket`, `9001 console, published 127.0.0.1:9001`. */
export function portText(p: PortEntry, withRole: boolean): string {
  const parts = [`${p.port}${p.protocol === 'udp' ? '/udp' : ''}`];
  if (withRole && p.role !== 'main') parts.push(p.role);
  let text = parts.join(' ');
  if (p.published !== undefined) text += `, published ${p.hostIp ? `${p.hostIp}:` : ''}${p.published}`;
  if (p.optional) text += ', optional';
  return text;
}

/** `Port: 3000` or `Ports: 4000, 4001 websocket, 4090 metrics`. */
export function portsLine(service: Service): string | undefined {
  const ports = servicePorts(service);
  if (ports.length === 0) return undefined;
  if (ports.length === 1) {
    const only = ports[0]!;
    return `Port: ${portText(only, true)}`;
  }
  const texts = ports.map((p) => portText(p, true));
  // Semicolons only when a port's own text needs commas.
  return `Ports: ${texts.join(texts.some((x) => x.includes(',')) ? '; ' : ', ')}`;
}

/** Joins words as prose: `a`, `a and b`, `a, b and c`. */
export function listProse(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A host address only the server itself can reach. */
export function isLoopback(hostIp: string | undefined): boolean {
  return hostIp !== undefined && (/^127\./.test(hostIp) || hostIp === '::1' || hostIp === 'localhost');
}

/**
 * A box over the fan of what it leads to, centred, with the box's connector moved onto the fan's
 * trunk: a full-width box centred over an off-centre trunk would push the diagram past the width.
 */
export function overFan(top: Layout, fan: Layout, label?: string): Layout {
  return (maxWidth: number) => {
    const fanned = fan(maxWidth);
    const indent = Math.max(0, Math.floor((maxWidth - fanned.width) / 2));
    const below = indent > 0 ? withAxis(hstack([spacer(indent), fanned], { gap: 0 }), indent + fanned.axis)(maxWidth) : fanned;
    const above = withAxis(top, below.axis)(maxWidth);
    return chain([above, below], { labels: [label] })(maxWidth);
  };
}

export interface MarkedItem {
  /** One column wide: a mark from Marks. */
  mark: string;
  text: string;
}

/**
 * A list whose items start with their own mark (✓, ✗, •), indented by `indent` columns; wrapped
 * lines hang under the text.
 */
export function markedList(items: readonly MarkedItem[], indent = 0): Layout {
  return (maxWidth: number): Block => {
    const room = Math.max(MIN_TEXT_WIDTH, maxWidth - 2 - indent);
    const margin = ' '.repeat(indent);
    const rows: Cell[][] = [];
    for (const item of items) {
      wrapText(item.text, room).forEach((line, i) => rows.push([...textCells(margin + (i === 0 ? `${item.mark} ` : '  ')), ...textCells(line)]));
    }
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    const padded = rows.map((r) => [...r, ...textCells(' '.repeat(width - r.length))]);
    return { width, height: padded.length, rows: padded, axis: Math.floor(width / 2) };
  };
}
