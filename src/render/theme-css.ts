/**
 * Turns Mermaid's per-theme stylesheet into one that follows the reader's colour scheme.
 *
 * Mermaid bakes theme colours into the `<style>` of each SVG as literal values. We render a
 * diagram with the light theme, learn from a light/dark pair of stylesheets which declaration
 * takes which dark value, and rewrite those declarations to `var(--td-N)`. The variables get
 * light values by default and dark values under `prefers-color-scheme: dark` (an SVG opened
 * alone or through `<img>`) and under a `[data-theme="dark"]` ancestor (Starlight's theme
 * toggle sets `data-theme` on `<html>`; `[data-theme="light"]` wins over the media query).
 */
import { parseCss, serializeCss } from './css.ts';
import type { CssItem, Declaration } from './css.ts';

export interface ThemePair {
  light: string;
  dark: string;
}

/** For each declaration position (see `forEachDeclaration`), its light and dark value. */
export type DarkPalette = ReadonlyMap<string, ThemePair>;

const VARIABLE_PREFIX = '--td-';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces the diagram's own id in a selector, so stylesheets of different diagrams line up. */
function neutralSelector(selector: string, id: string): string {
  return selector.replace(new RegExp(`#${escapeRegExp(id)}(?![\\w-])`, 'g'), '#\u00a7');
}

function normalValue(value: string): string {
  return value.replace(/\s+/g, '').toLowerCase();
}

/** Visits every declaration with a key that names its position independently of the diagram id. */
function forEachDeclaration(items: readonly CssItem[], id: string, visit: (key: string, decl: Declaration) => void, context = '', seen = new Map<string, number>()): void {
  for (const item of items) {
    if (item.kind === 'group') forEachDeclaration(item.items, id, visit, `${context}${item.prelude}\u0001`, seen);
    else if (item.kind === 'rule') {
      const selector = neutralSelector(item.selector, id);
      for (const decl of item.declarations) {
        const base = `${context}${selector}\u0001${decl.property}`;
        const nth = seen.get(base) ?? 0;
        seen.set(base, nth + 1);
        visit(`${base}\u0001${nth}`, decl);
      }
    }
  }
}

/**
 * Learns the dark value of each themed declaration from the same diagram (or a probe diagram of
 * the same type) rendered once per theme. `lightId`/`darkId` are the render ids used.
 */
export function darkPaletteFrom(lightCss: string, darkCss: string, lightId: string, darkId: string = lightId): DarkPalette {
  const darkValues = new Map<string, string>();
  forEachDeclaration(parseCss(darkCss), darkId, (key, decl) => darkValues.set(key, decl.value.replaceAll(`#${darkId}`, '#\u00a7')));
  const palette = new Map<string, ThemePair>();
  forEachDeclaration(parseCss(lightCss), lightId, (key, decl) => {
    const dark = darkValues.get(key);
    // A dark value pointing into the SVG (`url(#...)`) would reference defs only the dark render has.
    if (dark === undefined || dark.includes('url(') || normalValue(dark) === normalValue(decl.value)) return;
    palette.set(key, { light: decl.value.replaceAll(`#${lightId}`, '#\u00a7'), dark });
  });
  return palette;
}

/**
 * Rewrites a light stylesheet of diagram `id` so themed colours come from CSS variables.
 * A declaration is only rewritten when its light value is the one the palette was learnt
 * from; anything a diagram overrides itself (directives, classDef) stays literal.
 */
export function adaptiveCss(lightCss: string, id: string, palette: DarkPalette): string {
  const items = parseCss(lightCss);
  const variables = new Map<string, { name: string; pair: ThemePair }>();
  forEachDeclaration(items, id, (key, decl) => {
    const pair = palette.get(key);
    if (!pair || normalValue(pair.light.replaceAll('#\u00a7', `#${id}`)) !== normalValue(decl.value)) return;
    const light = decl.value;
    const dark = pair.dark.replaceAll('#\u00a7', `#${id}`);
    const pairKey = `${normalValue(light)}\u0000${normalValue(dark)}`;
    let variable = variables.get(pairKey);
    if (!variable) {
      variable = { name: `${VARIABLE_PREFIX}${variables.size}`, pair: { light, dark } };
      variables.set(pairKey, variable);
    }
    decl.value = `var(${variable.name})`;
  });
  if (variables.size === 0) return lightCss;
  const lightVars = [...variables.values()].map((v) => `${v.name}:${v.pair.light};`).join('');
  const darkVars = [...variables.values()].map((v) => `${v.name}:${v.pair.dark};`).join('');
  const scope = `#${id}`;
  return (
    `${scope}{${lightVars}}` +
    serializeCss(items) +
    `@media (prefers-color-scheme:dark){${scope}{${darkVars}}}` +
    `[data-theme="light"] ${scope}{${lightVars}}` +
    `[data-theme="dark"] ${scope}{${darkVars}}`
  );
}
