/**
 * A reader for the minified CSS Mermaid puts in its SVGs (stylis output): rules, at-rule
 * blocks and declarations, with quotes and parentheses respected when splitting. Enough to
 * rewrite and prune that CSS; not a general CSS parser.
 */

/** A stylesheet item: a style rule, a nested block (`@media`), or text kept as is (`@keyframes`, `@import`). */
export type CssItem =
  | { kind: 'rule'; selector: string; declarations: Declaration[] }
  | { kind: 'group'; prelude: string; items: CssItem[] }
  | { kind: 'raw'; text: string };

export interface Declaration {
  property: string;
  value: string;
  important: boolean;
}

/** Index just past the closing `}` that matches the `{` at `open`, or -1. */
function matchingBrace(css: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < css.length; i++) {
    const ch = css[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Index of the first `stop` character at nesting depth 0 (outside quotes and parentheses), or -1. */
function indexAtTopLevel(text: string, stops: string, from = 0): number {
  let parens = 0;
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') parens++;
    else if (ch === ')') parens = Math.max(0, parens - 1);
    else if (parens === 0 && stops.includes(ch)) return i;
  }
  return -1;
}

function parseDeclarations(body: string): Declaration[] {
  const out: Declaration[] = [];
  let start = 0;
  while (start < body.length) {
    let end = indexAtTopLevel(body, ';', start);
    if (end < 0) end = body.length;
    const text = body.slice(start, end).trim();
    start = end + 1;
    const colon = text.indexOf(':');
    if (colon <= 0) continue;
    let value = text.slice(colon + 1).trim();
    const important = /!\s*important\s*$/i.test(value);
    if (important) value = value.replace(/\s*!\s*important\s*$/i, '');
    out.push({ property: text.slice(0, colon).trim(), value, important });
  }
  return out;
}

export function parseCss(css: string): CssItem[] {
  const items: CssItem[] = [];
  let i = 0;
  while (i < css.length) {
    while (i < css.length && /\s/.test(css[i] ?? '')) i++;
    if (i >= css.length) break;
    const stop = indexAtTopLevel(css, '{;}', i);
    if (stop < 0 || css[stop] !== '{') {
      // A statement without a block (`@import ...;`) or stray text: keep verbatim.
      const end = stop < 0 ? css.length : stop + 1;
      items.push({ kind: 'raw', text: css.slice(i, end) });
      i = end;
      continue;
    }
    const close = matchingBrace(css, stop);
    const end = close < 0 ? css.length : close;
    const prelude = css.slice(i, stop).trim();
    const body = css.slice(stop + 1, close < 0 ? css.length : close - 1);
    if (/^@(media|supports|layer|container)\b/i.test(prelude)) items.push({ kind: 'group', prelude, items: parseCss(body) });
    else if (prelude.startsWith('@')) items.push({ kind: 'raw', text: css.slice(i, end) });
    else items.push({ kind: 'rule', selector: prelude, declarations: parseDeclarations(body) });
    i = end;
  }
  return items;
}

export function serializeCss(items: readonly CssItem[]): string {
  let out = '';
  for (const item of items) {
    if (item.kind === 'raw') out += item.text;
    else if (item.kind === 'group') out += `${item.prelude}{${serializeCss(item.items)}}`;
    else out += `${item.selector}{${item.declarations.map((d) => `${d.property}:${d.value}${d.important ? '!important' : ''};`).join('')}}`;
  }
  return out;
}


function splitSelectors(selectorList: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start <= selectorList.length) {
    let end = indexAtTopLevel(selectorList, ',', start);
    if (end < 0) end = selectorList.length;
    out.push(selectorList.slice(start, end));
    start = end + 1;
  }
  return out;
}

/** Class names a selector requires, or undefined when it has functional pseudo-classes we do not reason about. */
function requiredClasses(selector: string): string[] | undefined {
  if (/:(not|is|where|has)\(/.test(selector)) return undefined;
  return [...selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1] ?? '');
}

/**
 * Drops selectors that need a class no element has, and rules left without selectors.
 * A compound selector only matches an element carrying all its classes, so this is safe.
 */
export function pruneUnusedRules(css: string, classes: ReadonlySet<string>): string {
  const prune = (items: readonly CssItem[]): CssItem[] => {
    const kept: CssItem[] = [];
    for (const item of items) {
      if (item.kind === 'group') {
        const inner = prune(item.items);
        if (inner.length > 0) kept.push({ ...item, items: inner });
      } else if (item.kind === 'rule') {
        const selectors = splitSelectors(item.selector).filter((s) => requiredClasses(s)?.every((c) => classes.has(c)) ?? true);
        if (selectors.length > 0) kept.push({ ...item, selector: selectors.join(',') });
      } else {
        kept.push(item);
      }
    }
    return kept;
  };
  return serializeCss(prune(parseCss(css)));
}
