import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import type { Diagnostic } from '../model/diagnostics.ts';
import { launchChromium } from './chromium.ts';
import type { BrowserLauncher } from './chromium.ts';
import { adaptiveCss, darkPaletteFrom } from './theme-css.ts';
import type { DarkPalette } from './theme-css.ts';
import { simplifyPaths } from './path-data.ts';
import { compareStrings } from '../util/compare-strings.ts';
import { pruneUnusedRules } from './css.ts';
import { classNamesIn, compactGeometry, ensureAccessibleText, hoistRepeatedStyles, findStyle, makeResponsive, replaceStyle, scopeStrayIds } from './svg-postprocess.ts';

/** Bump whenever post-processing or render settings change the SVG bytes: it invalidates caches. */
export const RENDERER_VERSION = 1;

/**
 * Starlight's system font stack (minus emoji fonts), so diagrams match the site's text.
 * No web fonts: nothing is embedded, nothing is downloaded.
 */
export const SYSTEM_FONT_STACK =
  'ui-sans-serif, system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

/**
 * `adaptive`: one SVG whose colours follow `prefers-color-scheme` and a `[data-theme]` ancestor
 * (see theme-css.ts). `light`/`dark`: one fixed Mermaid theme.
 */
export type ColorScheme = 'adaptive' | 'light' | 'dark';

export const THEMES = { light: 'default', dark: 'dark' } as const;

/** Flowchart layout engine (Mermaid's classic one; a source may still pick ELK in its front-matter config). */
export const LAYOUT = 'dagre';

export interface MermaidSource {
  /** Stable name, e.g. `shop/overview`; the render id (and so every id in the SVG) derives from it. */
  name: string;
  source: string;
  /** File shown in diagnostics; defaults to `name`. */
  file?: string;
}

export interface MermaidDiagram extends MermaidSource {
  /** Accessible name, used when the source has no `accTitle` (default: the diagram name). */
  title?: string;
  /** Accessible description, used when the source has no `accDescr`. */
  description?: string;
}

export type RenderOutcome =
  | { name: string; ok: true; svg: string }
  | { name: string; ok: false; diagnostic: Diagnostic };

export type ParseOutcome =
  | { name: string; ok: true; diagramType: string }
  | { name: string; ok: false; diagnostic: Diagnostic };

export interface MermaidRendererOptions {
  /** Starts the browser; defaults to the system Chromium. Called at most once, and only when there is work. */
  launch?: BrowserLauncher;
  /** Pages rendering in parallel; defaults to the number of cores, at most 4. */
  pages?: number;
  colorScheme?: ColorScheme;
  /**
   * Render every diagram a second time in the dark theme to learn its dark colours, instead
   * of learning them once per diagram type from a probe. Slower; used to check the probe.
   */
  exactDarkStyles?: boolean;
}

export interface MermaidRenderer {
  render(diagrams: readonly MermaidDiagram[]): Promise<RenderOutcome[]>;
  parse(sources: readonly MermaidSource[]): Promise<ParseOutcome[]>;
  close(): Promise<void>;
}

const MERMAID_ENTRY = 'mermaid/dist/mermaid.esm.min.mjs';
/**
 * A made-up origin (`.invalid` never resolves, RFC 2606). Module imports need an http(s) page, not
 * about:blank; every request to it is answered from node_modules, any other is refused.
 */
const PAGE_ORIGIN = 'http://topodoc.invalid';
const BLANK_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>topodoc renderer</title></head><body></body></html>';
const PROBE_ID = 'topodoc-probe';
/** Minimal diagrams whose stylesheets teach the dark palette of their type (Mermaid styles depend on type and theme, not content). */
const PROBES: Readonly<Record<string, string>> = {
  'flowchart-v2': 'flowchart LR\n  a[A] --> b[B]\n',
  flowchart: 'flowchart LR\n  a[A] --> b[B]\n',
  sequence: 'sequenceDiagram\n  participant a as A\n  a->>a: m\n',
};

let installedMermaid: { distDir: string; version: string } | undefined;

/** The project's installed Mermaid: its dist directory and version (part of every cache key). */
export function mermaidInstall(): { distDir: string; version: string } {
  if (!installedMermaid) {
    const distDir = dirname(fileURLToPath(import.meta.resolve(MERMAID_ENTRY)));
    const pkg = JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8')) as { version: string };
    installedMermaid = { distDir, version: pkg.version };
  }
  return installedMermaid;
}

/** Everything besides the source that decides the SVG bytes; hashed into cache keys. */
export function rendererFingerprint(colorScheme: ColorScheme = 'adaptive'): string {
  return JSON.stringify({
    renderer: RENDERER_VERSION,
    mermaid: mermaidInstall().version,
    colorScheme,
    themes: THEMES,
    layout: LAYOUT,
    font: SYSTEM_FONT_STACK,
    securityLevel: 'strict',
  });
}

/**
 * The Mermaid render id for a diagram name: `mmd-` and 8 hex digits of the name's hash. It
 * prefixes every id and CSS selector in the SVG (~200 times in a big diagram), hence short;
 * it is a valid XML id and CSS identifier, and differs between diagrams inlined on one page.
 */
export function renderIdFor(name: string): string {
  return `mmd-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

function seedFor(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0);
}

/** The YAML front matter block Mermaid accepts before a diagram, if any. */
function frontMatter(source: string): string {
  return /^-{3}\s*\r?\n[\s\S]*?\r?\n-{3}\s*\r?\n/.exec(source)?.[0] ?? '';
}

/** Mermaid strips front matter before parsing, so its line numbers start after it. */
function frontMatterLines(source: string): number {
  return frontMatter(source).split('\n').length - 1;
}

/**
 * The lines Mermaid's parser sees, each with the 1-based line of the source it came from.
 * Mermaid drops front matter and `%%` comment lines, removes `%%{...}%%` directives (a
 * multi-line one leaves one line) and trims leading blank lines before parsing, so its error
 * line numbers are counted after all that.
 */
function parserLines(source: string): Array<{ origin: number; text: string }> {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const kept: Array<{ origin: number; text: string }> = [];
  let inDirective = false;
  for (let i = frontMatterLines(source); i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (inDirective) {
      if (text.includes('}%%')) inDirective = false;
      continue;
    }
    if (/^\s*%%(?!\{).+/.test(text)) continue;
    const open = text.indexOf('%%{');
    if (open >= 0 && !text.slice(open).includes('}%%')) inDirective = true;
    kept.push({ origin: i + 1, text: text.replace(/%%\{.*?(\}%%|$)/g, '') });
  }
  while (kept.length > 0 && (kept[0]?.text ?? '').trim() === '') kept.shift();
  return kept;
}

/** For each line of the text Mermaid's parser sees, the 1-based line of the source it came from. */
export function parserLineOrigins(source: string): number[] {
  return parserLines(source).map((l) => l.origin);
}

/** The diagram's declaration keyword (`flowchart`, `sequenceDiagram`, …): the first word Mermaid's parser sees. */
export function diagramKeyword(source: string): string {
  return /^\s*([A-Za-z][\w-]*)/.exec(parserLines(source)[0]?.text ?? '')?.[1] ?? '';
}

interface PageError {
  message: string;
  line?: number;
  column?: number;
}

function mermaidDiagnostic(src: MermaidSource, error: PageError): Diagnostic {
  const origins = parserLineOrigins(src.source);
  // Without a line from the parser (e.g. an unknown diagram type) the culprit is the declaration line.
  const line = origins[(error.line ?? 1) - 1] ?? origins[0] ?? 1;
  const [first = '', ...rest] = error.message.split('\n');
  // Say the line of the file, not Mermaid's count.
  const headline = /line \d+/.test(first) ? first.replace(/line \d+/, `line ${line}`) : `line ${line}: ${first}`;
  return {
    severity: 'error',
    rule: 'mermaid/syntax',
    message: [`${src.file ?? src.name}: ${headline}`, ...rest].join('\n'),
    loc: { file: src.file ?? src.name, line, column: (error.column ?? 0) + 1 },
  };
}

/**
 * Config keys that change a diagram's stylesheet: Mermaid builds it from the theme and its
 * variables, `look`, the fonts, `htmlLabels` and `themeCSS` (createUserStyles in mermaidAPI).
 * Layout options such as `flowchart.wrappingWidth` leave it alone.
 */
const STYLE_CONFIG_KEYS: ReadonlySet<string> = new Set(['theme', 'themeVariables', 'themeCSS', 'darkMode', 'look', 'handDrawnSeed', 'fontFamily', 'altFontFamily', 'fontSize', 'htmlLabels', 'dompurifyConfig']);

function setsStyleKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, inner]) => STYLE_CONFIG_KEYS.has(key) || setsStyleKey(inner));
}

/**
 * Whether the source's own config may change its colours, so it must learn its dark palette from
 * itself rather than from its type's probe. Directives count always; front-matter config only
 * when it sets a style key at any depth (or cannot be read).
 */
export function configChangesStyles(source: string): boolean {
  if (/%%\{/.test(source)) return true;
  const block = frontMatter(source);
  if (!/^\s*config\s*:/m.test(block)) return false;
  // yaml is loaded only for the few diagrams that carry front-matter config.
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  try {
    const matter: unknown = parse(block.replace(/^-{3}\s*\r?\n/, '').replace(/\r?\n-{3}\s*\r?\n$/, '\n'));
    const config = typeof matter === 'object' && matter !== null ? (matter as { config?: unknown }).config : undefined;
    return typeof config !== 'object' || config === null || setsStyleKey(config);
  } catch {
    return true;
  }
}

// ---- Code that runs inside the page. It must not refer to anything outside itself. ----

interface PageMermaid {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
  parse(text: string): Promise<{ diagramType: string }>;
  detectType(text: string): string;
}

interface PageRenderArgs {
  id: string;
  source: string;
  config: Record<string, unknown>;
  seed: number;
}

type PageRenderResult = { ok: true; svg: string; diagramType: string } | ({ ok: false } & PageError);

interface PageGlobals {
  topodocMermaid: PageMermaid;
  /** Message and, for Jison parse errors, the position Mermaid reports. */
  topodocError(error: unknown): PageError;
}

async function loadMermaidInPage(entry: string): Promise<void> {
  const mod = (await import(entry)) as { default: PageMermaid };
  const page = globalThis as unknown as PageGlobals;
  page.topodocMermaid = mod.default;
  page.topodocError = (error) => {
    const e = error as { message?: unknown; hash?: { loc?: { first_line?: number; first_column?: number } } };
    const loc = e.hash?.loc;
    const result: PageError = { message: String(e.message ?? error) };
    if (loc?.first_line !== undefined) result.line = loc.first_line;
    if (loc?.first_column !== undefined) result.column = loc.first_column;
    return result;
  };
}

async function renderInPage(args: PageRenderArgs): Promise<PageRenderResult> {
  const mermaid = (globalThis as unknown as PageGlobals).topodocMermaid;
  // Mulberry32 seeded by the render id: whatever in Mermaid draws random numbers draws the same ones each run.
  let state = args.seed >>> 0;
  Math.random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    mermaid.initialize(args.config);
    const diagramType = mermaid.detectType(args.source);
    const { svg } = await mermaid.render(args.id, args.source);
    // Mermaid returns HTML serialisation (`<br>` in labels, undeclared `xlink:`); a .svg file must be XML.
    const holder = document.createElement('div');
    holder.innerHTML = svg;
    const root = holder.querySelector('svg');
    if (!root) throw new Error('Mermaid returned no <svg> element');
    return { ok: true, svg: new XMLSerializer().serializeToString(root), diagramType };
  } catch (error) {
    return { ok: false, ...(globalThis as unknown as PageGlobals).topodocError(error) };
  } finally {
    // Mermaid leaves its scratch container behind when a render fails.
    document.body.replaceChildren();
  }
}

async function parseInPage(args: { source: string; config: Record<string, unknown> }): Promise<{ ok: true; diagramType: string } | ({ ok: false } & PageError)> {
  const mermaid = (globalThis as unknown as PageGlobals).topodocMermaid;
  try {
    mermaid.initialize(args.config);
    const { diagramType } = await mermaid.parse(args.source);
    return { ok: true, diagramType };
  } catch (error) {
    return { ok: false, ...(globalThis as unknown as PageGlobals).topodocError(error) };
  }
}

/** The XML parser's complaint about an SVG, or '' when it is well-formed. */
function wellFormedInPage(svg: string): string {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  return error ? (error.textContent ?? 'parse error') : '';
}

// ---- Node side ----

function mermaidConfig(theme: string): Record<string, unknown> {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme,
    deterministicIds: true,
    // Mermaid 12 lays flowcharts out with ELK by default; its 1.6 MB chunk costs ~1 s per page to compile.
    layout: LAYOUT,
    fontFamily: SYSTEM_FONT_STACK,
    // Gradient borders reference a <defs> entry only the dark render has; plain borders theme cleanly.
    themeVariables: { fontFamily: SYSTEM_FONT_STACK, useGradient: false },
  };
}

/**
 * The order the pool should see items in (indices into `items`): grouped by kind, so the pages
 * working from either end each meet mostly one kind; and within a group the biggest items towards
 * the list's ends, so the pages meet in the middle over small items and finish together.
 */
export function poolOrder(items: ReadonlyArray<{ kind: string; size: number }>): number[] {
  const byKind = new Map<string, number[]>();
  items.forEach((item, i) => {
    const group = byKind.get(item.kind);
    if (group) group.push(i);
    else byKind.set(item.kind, [i]);
  });
  const kinds = [...byKind.keys()].sort(compareStrings);
  const order: number[] = [];
  for (const kind of kinds) {
    const group = byKind.get(kind) ?? [];
    // Groups that start in the first half of the list are taken from the front: biggest first.
    const fromFront = order.length + group.length / 2 <= items.length / 2;
    const size = (i: number): number => items[i]?.size ?? 0;
    order.push(...group.sort((a, b) => (fromFront ? size(b) - size(a) : size(a) - size(b)) || a - b));
  }
  return order;
}

/** Yields to the event loop, so requests already issued (to a page) are sent before Node does CPU work. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `draw` (work in a page) and then `finish` (work in Node) over `items` with up to `workers`
 * pages; results keep the input order. A page starts its next item before Node finishes the one
 * it just returned, so pages never wait for Node. `verify` checks each result in the page that
 * made it, queued behind that page's next item, so only the last check is left at the end.
 */
async function inPool<T, D, R>(
  items: readonly T[],
  workers: number,
  page: (slot: number) => Promise<Page>,
  draw: (page: Page, item: T) => Promise<D>,
  finish: (item: T, drawn: D) => R,
  verify?: (page: Page, result: R) => Promise<void>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let front = 0;
  let back = items.length - 1;
  // Even slots work from the front, odd ones from the back: with items grouped by kind, each page
  // mostly sees one kind of diagram, and its JIT warms up for that kind only.
  const take = (slot: number): number | undefined => (front > back ? undefined : slot % 2 === 0 ? front++ : back--);
  const worker = async (slot: number): Promise<void> => {
    let current = take(slot);
    if (current === undefined) return;
    const p = await page(slot);
    const checks: Array<Promise<void>> = [];
    let drawing = draw(p, items[current] as T);
    while (current !== undefined) {
      const drawn = await drawing;
      const following = take(slot);
      if (following !== undefined) {
        drawing = draw(p, items[following] as T);
        // Awaited on the next pass; until then a failure must not count as unhandled.
        drawing.catch(() => undefined);
        await nextTurn();
      }
      const result = finish(items[current] as T, drawn);
      results[current] = result;
      if (verify) {
        const check = verify(p, result);
        // Awaited below; until then a failure must not count as unhandled.
        check.catch(() => undefined);
        checks.push(check);
      }
      current = following;
    }
    await Promise.all(checks);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, (_, slot) => worker(slot)));
  return results;
}

export function openMermaidRenderer(options: MermaidRendererOptions = {}): MermaidRenderer {
  const launch = options.launch ?? (() => launchChromium());
  const colorScheme = options.colorScheme ?? 'adaptive';
  const poolSize = Math.max(1, options.pages ?? Math.min(4, availableParallelism()));
  const { distDir } = mermaidInstall();
  let browser: Promise<Browser> | undefined;
  let context: Promise<BrowserContext> | undefined;
  const pages = new Map<number, Promise<Page>>();
  const palettes = new Map<string, Promise<DarkPalette>>();
  const files = new Map<string, Buffer>();

  const serve = async (route: Route): Promise<void> => {
    const url = new URL(route.request().url());
    if (url.origin !== PAGE_ORIGIN) return route.abort('blockedbyclient');
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: BLANK_PAGE });
    if (url.pathname.startsWith('/mermaid/')) {
      const file = join(distDir, decodeURIComponent(url.pathname.slice('/mermaid/'.length)));
      const rel = relative(distDir, file);
      if (!rel.startsWith('..') && !isAbsolute(rel)) {
        let body = files.get(file);
        if (!body) {
          try {
            body = readFileSync(file);
          } catch {
            return route.fulfill({ status: 404, body: '' });
          }
          files.set(file, body);
        }
        return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body });
      }
    }
    return route.fulfill({ status: 404, body: '' });
  };

  const getContext = (): Promise<BrowserContext> => {
    context ??= (async () => {
      browser = launch();
      const ctx = await (await browser).newContext();
      await ctx.route('**/*', serve);
      return ctx;
    })();
    return context;
  };

  const getPage = (slot: number): Promise<Page> => {
    let page = pages.get(slot);
    if (!page) {
      page = (async () => {
        const p = await (await getContext()).newPage();
        await p.goto(`${PAGE_ORIGIN}/`);
        await p.evaluate(loadMermaidInPage, `/mermaid/${MERMAID_ENTRY.split('/').pop() ?? ''}`);
        return p;
      })();
      pages.set(slot, page);
    }
    return page;
  };

  const renderRaw = async (page: Page, id: string, source: string, theme: string): Promise<PageRenderResult> =>
    page.evaluate(renderInPage, { id, source, config: mermaidConfig(theme), seed: seedFor(id) });

  const styleOf = (svg: string): string => findStyle(svg)?.css ?? '';

  /** Renders a probe once per renderer and type (on whichever page asks first) and learns its palette. */
  const probePalette = (page: Page, type: string, probe: string): Promise<DarkPalette> => {
    let palette = palettes.get(type);
    if (!palette) {
      palette = (async () => {
        const light = await renderRaw(page, PROBE_ID, probe, THEMES.light);
        const dark = await renderRaw(page, PROBE_ID, probe, THEMES.dark);
        if (!light.ok || !dark.ok) throw new Error(`topodoc: the ${type} probe diagram failed to render: ${light.ok ? '' : light.message}${dark.ok ? '' : dark.message}`);
        return darkPaletteFrom(styleOf(light.svg), styleOf(dark.svg), PROBE_ID);
      })();
      palettes.set(type, palette);
    }
    return palette;
  };

  /** The page's part of a render: Mermaid's SVG and the dark palette it will adapt to. */
  type Drawn = { ok: true; svg: string; palette?: DarkPalette } | { ok: false; diagnostic: Diagnostic };

  const draw = async (page: Page, diagram: MermaidDiagram): Promise<Drawn> => {
    const id = renderIdFor(diagram.name);
    const baseTheme = colorScheme === 'dark' ? THEMES.dark : THEMES.light;
    const first = await renderRaw(page, id, diagram.source, baseTheme);
    if (!first.ok) return { ok: false, diagnostic: mermaidDiagnostic(diagram, first) };
    if (colorScheme !== 'adaptive') return { ok: true, svg: first.svg };
    const probe = PROBES[first.diagramType];
    if (probe !== undefined && !options.exactDarkStyles && !configChangesStyles(diagram.source)) {
      return { ok: true, svg: first.svg, palette: await probePalette(page, first.diagramType, probe) };
    }
    const dark = await renderRaw(page, id, diagram.source, THEMES.dark);
    if (!dark.ok) return { ok: false, diagnostic: mermaidDiagnostic(diagram, dark) };
    return { ok: true, svg: first.svg, palette: darkPaletteFrom(styleOf(first.svg), styleOf(dark.svg), id) };
  };

  /** Node's part: theme-adaptive styles, smaller geometry, accessible text. */
  const finish = (diagram: MermaidDiagram, drawn: Drawn): RenderOutcome => {
    if (!drawn.ok) return { name: diagram.name, ok: false, diagnostic: drawn.diagnostic };
    const id = renderIdFor(diagram.name);
    let svg = drawn.svg;
    if (drawn.palette) svg = replaceStyle(svg, adaptiveCss(styleOf(svg), id, drawn.palette));
    svg = hoistRepeatedStyles(svg, id);
    svg = replaceStyle(svg, pruneUnusedRules(styleOf(svg), classNamesIn(svg)));
    svg = scopeStrayIds(svg, id);
    svg = compactGeometry(simplifyPaths(svg));
    svg = makeResponsive(svg);
    svg = ensureAccessibleText(svg, id, { title: diagram.title ?? diagram.name, description: diagram.description });
    return { name: diagram.name, ok: true, svg };
  };

  /** The browser's XML parser checks every SVG the post-processing produced. */
  const verify = async (page: Page, result: RenderOutcome): Promise<void> => {
    if (!result.ok) return;
    const error = await page.evaluate(wellFormedInPage, result.svg);
    if (error !== '') throw new Error(`topodoc: rendering ${result.name} produced malformed SVG: ${error}`);
  };

  return {
    async render(diagrams) {
      // The pool takes work from both ends (see inPool); results go back to the callers' order.
      const order = poolOrder(diagrams.map((d) => ({ kind: diagramKeyword(d.source), size: d.source.length })));
      const outcomes = await inPool(
        order.map((i) => diagrams[i] as MermaidDiagram),
        poolSize,
        getPage,
        draw,
        finish,
        verify,
      );
      const results = new Array<RenderOutcome>(diagrams.length);
      order.forEach((i, k) => {
        results[i] = outcomes[k] as RenderOutcome;
      });
      return results;
    },
    parse: (sources) =>
      inPool(
        sources,
        poolSize,
        getPage,
        (page, src) => page.evaluate(parseInPage, { source: src.source, config: mermaidConfig(THEMES.light) }),
        (src, result): ParseOutcome =>
          result.ok ? { name: src.name, ok: true, diagramType: result.diagramType } : { name: src.name, ok: false, diagnostic: mermaidDiagnostic(src, result) },
      ),
    async close() {
      const running = browser;
      browser = undefined;
      // A launch that failed has nothing to close; its error already reached the caller.
      if (running) await running.then((b) => b.close(), () => undefined);
      context = undefined;
      pages.clear();
      palettes.clear();
    },
  };
}

/** Renders diagrams with one browser, closed afterwards. */
export async function renderMermaid(diagrams: readonly MermaidDiagram[], options: MermaidRendererOptions = {}): Promise<RenderOutcome[]> {
  const renderer = openMermaidRenderer(options);
  try {
    return await renderer.render(diagrams);
  } finally {
    await renderer.close();
  }
}

/** Checks that sources parse (e.g. in tests of generated diagrams), without rendering them. */
export async function parseMermaid(sources: ReadonlyArray<MermaidSource | string>, options: MermaidRendererOptions = {}): Promise<ParseOutcome[]> {
  const renderer = openMermaidRenderer(options);
  try {
    return await renderer.parse(sources.map((s, i) => (typeof s === 'string' ? { name: `source ${i + 1}`, source: s } : s)));
  } finally {
    await renderer.close();
  }
}
