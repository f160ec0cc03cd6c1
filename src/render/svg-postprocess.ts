/**
 * String-level fixes applied to the SVG Mermaid serialises, so the file works on its own
 * (as `<img src>`), inline in a page next to other diagrams, and is byte-stable across runs.
 * The input is Mermaid's SVG re-serialised by the browser's XMLSerializer: well-formed XML of a
 * regular shape (one root `<svg>`, one `<style>`, `>` escaped in attribute values and text),
 * so string operations suffice; the renderer checks the result with DOMParser.
 */

/** Attributes whose value is an id or a space-separated list of ids. */
const ID_ATTRIBUTES = new Set(['id', 'aria-labelledby', 'aria-describedby', 'aria-owns', 'aria-controls', 'aria-activedescendant', 'aria-details']);

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Index just past the `>` that closes the tag starting at `start` (quotes respected), or -1. */
function tagEnd(svg: string, start: number): number {
  let quote = '';
  for (let i = start; i < svg.length; i++) {
    const ch = svg[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i + 1;
  }
  return -1;
}

function rootTag(svg: string): { start: number; end: number; tag: string } {
  const start = svg.indexOf('<svg');
  const end = start < 0 ? -1 : tagEnd(svg, start);
  if (end < 0) throw new Error('Mermaid output has no <svg> root element');
  return { start, end, tag: svg.slice(start, end) };
}

export function getRootAttribute(svg: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(rootTag(svg).tag);
  return match?.[1];
}

/** Sets (or with `undefined`, removes) an attribute on the root `<svg>`. */
export function setRootAttribute(svg: string, name: string, value: string | undefined): string {
  const { start, end, tag } = rootTag(svg);
  const pattern = new RegExp(`\\s${name}="[^"]*"`);
  let next: string;
  const attribute = value === undefined ? '' : ` ${name}="${escapeXml(value)}"`;
  // Function replacements, so a `$` in the value is not read as a replacement pattern.
  if (pattern.test(tag)) next = tag.replace(pattern, () => attribute);
  else if (value === undefined) next = tag;
  else next = tag.replace(/\s*(\/?)>$/, (_m, slash: string) => `${attribute}${slash}>`);
  return svg.slice(0, start) + next + svg.slice(end);
}

/**
 * Replaces Mermaid's `width="100%"` + `max-width: Npx` with the natural size plus
 * `max-width:100%;height:auto`: an `<img>` then gets a real intrinsic size (with only a
 * percentage width it falls back to 300×150), and inline SVG still shrinks with its column.
 */
export function makeResponsive(svg: string): string {
  const viewBox = getRootAttribute(svg, 'viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (!viewBox || viewBox.length !== 4 || viewBox.some((n) => !Number.isFinite(n))) return svg;
  const [, , width = 0, height = 0] = viewBox;
  const round = (n: number): string => String(Math.round(n * 100) / 100);
  let out = setRootAttribute(svg, 'width', round(width));
  out = setRootAttribute(out, 'height', round(height));
  const kept = (getRootAttribute(out, 'style') ?? '')
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !/^(max-width|width|height)\s*:/i.test(d));
  return setRootAttribute(out, 'style', [...kept, 'max-width:100%', 'height:auto'].join(';'));
}

/**
 * Gives the diagram an accessible name and description (SVG Accessibility API Mappings: a
 * `<title>` child names the graphic, `<desc>` describes it). Mermaid writes both when the
 * source has `accTitle`/`accDescr`; otherwise the given texts are inserted the same way.
 */
export function ensureAccessibleText(svg: string, id: string, texts: { title: string; description?: string | undefined }): string {
  const { end } = rootTag(svg);
  const head = svg.slice(end, end + 600);
  let inserted = '';
  let out = svg;
  if (!/^\s*<title[\s>]/.test(head)) {
    const titleId = `chart-title-${id}`;
    inserted += `<title id="${titleId}">${escapeXml(texts.title)}</title>`;
    out = setRootAttribute(out, 'aria-labelledby', titleId);
  }
  if (texts.description !== undefined && texts.description !== '' && !/^\s*(<title[\s>][\s\S]*?<\/title>)?\s*<desc[\s>]/.test(head)) {
    const descId = `chart-desc-${id}`;
    inserted += `<desc id="${descId}">${escapeXml(texts.description)}</desc>`;
    out = setRootAttribute(out, 'aria-describedby', descId);
  }
  if (inserted === '') return out;
  if (inserted.startsWith('<desc')) {
    // Keep Mermaid's <title> first; the description goes right after it.
    const titleClose = out.indexOf('</title>', rootTag(out).end);
    const at = titleClose + '</title>'.length;
    return out.slice(0, at) + inserted + out.slice(at);
  }
  const at = rootTag(out).end;
  // A new <title> goes first; a <desc> Mermaid already wrote stays after it.
  return out.slice(0, at) + inserted + out.slice(at);
}

/**
 * Some Mermaid renderers give elements ids that are neither prefixed with the render id nor
 * reset between renders (the sequence diagram numbers its actors `actor0`, `root-0`... with a
 * page-wide counter). That makes output depend on what the page rendered before, and clashes
 * when two diagrams are inlined into one HTML page. Such ids get the render id as prefix and
 * their numbers renumbered in order of first appearance; references in attributes follow.
 */
export function scopeStrayIds(svg: string, id: string): string {
  const isScoped = (value: string): boolean =>
    value === id || value.startsWith(`${id}-`) || value.startsWith(`${id}_`) || value.endsWith(`-${id}`);
  const stray: string[] = [];
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    const value = match[1] ?? '';
    if (!isScoped(value) && !stray.includes(value)) stray.push(value);
  }
  if (stray.length === 0) return svg;
  const numbers = new Map<string, number>();
  const renamed = new Map<string, string>();
  for (const value of stray) {
    const next = value.replace(/\d+/g, (digits) => {
      if (!numbers.has(digits)) numbers.set(digits, numbers.size);
      return String(numbers.get(digits));
    });
    renamed.set(value, `${id}-${next}`);
  }
  const rename = (name: string): string => renamed.get(name) ?? name;
  // Only attributes that hold ids or references are rewritten, never text a reader sees.
  return svg.replace(/(\s)([\w:-]+)="([^"]*)"/g, (_all, space: string, attr: string, value: string) => {
    let next: string;
    if (ID_ATTRIBUTES.has(attr)) next = value.split(' ').map(rename).join(' ');
    else if (attr.startsWith('on')) next = value.replace(/'([^']+)'/g, (_m, name: string) => `'${rename(name)}'`);
    else next = value.replace(/#([\w.:-]+)/g, (_m, name: string) => `#${rename(name)}`);
    return `${space}${attr}="${next}"`;
  });
}

/** Geometry attributes whose numbers Mermaid writes with full double precision. */
const GEOMETRY_ATTRIBUTES = new Set(['d', 'points', 'transform', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'viewBox']);
/** Sizes round up, so a foreignObject never clips the label it was measured for. */
const SIZE_ATTRIBUTES = new Set(['width', 'height']);

/**
 * Rounds coordinates to 1/100 px (invisible, and a third of the bytes of a big diagram) and
 * drops `data-points`, a base64 copy of each edge's points Mermaid only reads while rendering.
 * Numbers glued to a previous number (`1.5.5`) are left alone rather than mis-split.
 */
export function compactGeometry(svg: string): string {
  return svg.replace(/\s([\w:-]+)="([^"]*)"/g, (all, attr: string, value: string) => {
    if (attr === 'data-points') return '';
    if (!GEOMETRY_ATTRIBUTES.has(attr)) return all;
    const round = SIZE_ATTRIBUTES.has(attr) ? Math.ceil : Math.round;
    const next = value.replace(/(?<![\d.])-?\d*\.\d{3,}(?:e-?\d+)?(?![\d.])/gi, (n) => String(round(Number(n) * 100) / 100 || 0));
    return ` ${attr}="${next}"`;
  });
}

/** Every class name used on an element. */
export function classNamesIn(svg: string): Set<string> {
  const names = new Set<string>();
  for (const match of svg.matchAll(/\sclass="([^"]*)"/g)) for (const name of (match[1] ?? '').split(/\s+/)) if (name) names.add(name);
  return names;
}

function unescapeXmlText(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');
}

function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The CSS of the first `<style>` element (XML escapes decoded: `.a > b`, not `.a &gt; b`), with its position. */
export function findStyle(svg: string): { start: number; end: number; css: string } | undefined {
  const open = /<style(\s[^>]*)?>/.exec(svg);
  if (!open) return undefined;
  const start = open.index + open[0].length;
  const end = svg.indexOf('</style>', start);
  if (end < 0) return undefined;
  return { start, end, css: unescapeXmlText(svg.slice(start, end)) };
}

/** Replaces the CSS of the first `<style>` element, escaping it for XML as XMLSerializer does. */
export function replaceStyle(svg: string, css: string): string {
  const style = findStyle(svg);
  if (!style) return svg;
  return svg.slice(0, style.start) + escapeXmlText(css) + svg.slice(style.end);
}

/**
 * Moves `style` attributes that repeat (Mermaid writes the same label and edge styles on many
 * elements) into one class rule each. The rule is `#id#id .td-sN`: two ids outrank every
 * rule Mermaid writes (one id), so it wins where the inline style won, and `!important` stays
 * on exactly the declarations that had it, so the cascade between them is unchanged.
 */
export function hoistRepeatedStyles(svg: string, id: string): string {
  const root = rootTag(svg);
  const counts = new Map<string, number>();
  const styleAttr = /\sstyle="([^"]*)"/;
  const tags = /<[A-Za-z][^\s/>]*(?:\s[^>]*)?>/g;
  const body = svg.slice(root.end);
  for (const match of body.matchAll(tags)) {
    const style = styleAttr.exec(match[0])?.[1];
    if (style !== undefined && style.trim() !== '') counts.set(style, (counts.get(style) ?? 0) + 1);
  }
  const classes = new Map<string, string>();
  for (const [style, count] of counts) {
    // Quotes or url() could hide a `;` inside a value; such styles stay where they are.
    if (count > 1 && !/url\(|&quot;|&apos;|["']/.test(style)) classes.set(style, `td-s${classes.size}`);
  }
  if (classes.size === 0) return svg;
  const rewritten = body.replace(tags, (tag) => {
    const style = styleAttr.exec(tag)?.[1];
    const name = style === undefined ? undefined : classes.get(style);
    if (name === undefined) return tag;
    const withoutStyle = tag.replace(styleAttr, '');
    if (/\sclass="/.test(withoutStyle)) return withoutStyle.replace(/\sclass="([^"]*)"/, (_m, existing: string) => ` class="${existing} ${name}"`);
    return withoutStyle.replace(/\s*(\/?)>$/, ` class="${name}"$1>`);
  });
  const rules = [...classes].map(([style, name]) => {
    const declarations = unescapeXmlText(style)
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d.includes(':'))
      .join(';');
    return `#${id}#${id} .${name}{${declarations}}`;
  });
  const out = svg.slice(0, root.end) + rewritten;
  const style = findStyle(out);
  return style ? replaceStyle(out, style.css + rules.join('')) : out;
}
