/**
 * Astro content loaders for the docs site (adapters: they read files and, in `astro dev`, watch them).
 *
 * `topologyLoader` reads every topology with the same parser and zod schema as `topodoc validate`,
 * so an invalid topology fails the build with `file:line:column` and a source frame. Each system
 * becomes one entry holding its pages, rendered from the same generated views as `diagrams/`.
 * In `astro dev` a change under `topology/` reloads the pages, regenerates `diagrams/` and renders
 * the diagrams that changed, so the browser shows the new topology without a restart.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstroError } from 'astro/errors';
import type { Loader, LoaderContext } from 'astro/loaders';
import { formatDiagnostic } from '../cli/output.ts';
import { compareGenerated, writeGenerated } from '../io/generated-files.ts';
import { findTopologyFiles, loadTopologyFiles, type LoadedTopology } from '../io/topology-files.ts';
import { compareDiagnostics, type Diagnostic } from '../model/diagnostics.ts';
import { topologyJsonSchema } from '../model/json-schema.ts';
import { generateOutputs, generateSystems, type GeneratedSystem } from '../views/generate.ts';
import { composeLocations } from './compose-locations.ts';
import { driftHowToMarkdown, driftMarkdown, normalizeCheckReport } from './drift-report.ts';
import type { PageBlock, SitePage } from './page-model.ts';
import { DEFAULT_CHECK_REPORT, DIAGRAMS_DIR, projectDir, SVG_DIR, TOPOLOGY_DIR } from './paths.ts';
import { schemaReferenceMarkdown } from './schema-reference.ts';
import { SECURITY_RULES } from '../security/catalog.ts';
import { ruleDocsPath, ruleSlug, SECURITY_RULES_PATH } from '../security/paths.ts';
import { siteSecurityReview } from './security-loader.ts';
import { securityRuleMarkdown, securityRulesIndexMarkdown } from './security-review.ts';
import { servicePage } from './service-page.ts';
import { normalizeBase, withBase } from './settings.ts';
import { systemPages, systemSummary, type SystemSummary } from './system-pages.ts';
import { JSON_SCHEMA_URL_PATH } from './urls.ts';

export interface PageHeading {
  depth: number;
  slug: string;
  text: string;
}

/** A page ready for the template: rendered HTML with block placeholders, and its headings for the table of contents. */
export interface RenderedPage {
  path: string;
  title: string;
  description: string;
  html: string;
  headings: PageHeading[];
  blocks: PageBlock[];
}

export interface SystemPageData extends RenderedPage {
  slug: string;
  label: string;
}

export interface ServicePageData extends RenderedPage {
  id: string;
  name: string;
  kind: string;
  status?: string;
}

export interface SystemEntryData extends Record<string, unknown> {
  id: string;
  name: string;
  /** Topology file, relative to the project root. */
  file: string;
  summary: SystemSummary;
  pages: SystemPageData[];
  services: ServicePageData[];
}

export interface ReferenceEntryData extends RenderedPage, Record<string, unknown> {}

interface Dirs {
  /** The documented repository (the Astro root, unless `topodoc build` points elsewhere). */
  root: string;
  base: string;
}

function dirsOf(ctx: LoaderContext): Dirs {
  return { root: projectDir(process.env, fileURLToPath(ctx.config.root)), base: normalizeBase(ctx.config.base) };
}

async function renderPage(ctx: LoaderContext, page: SitePage): Promise<RenderedPage> {
  const rendered = await ctx.renderMarkdown(page.markdown);
  const headings = (rendered.metadata?.headings ?? []).map((h) => ({ depth: h.depth, slug: h.slug, text: h.text }));
  return { path: page.path, title: page.title, description: page.description, html: rendered.html, headings, blocks: page.blocks };
}

function report(diagnostics: Diagnostic[], loaded: readonly LoadedTopology[]): string {
  const sources = new Map(loaded.map((l) => [l.file, l.text]));
  return [...diagnostics].sort(compareDiagnostics).map((d) => formatDiagnostic(d, { color: false }, sources)).join('\n');
}

/** Runs `fn` after events stop arriving for a moment (an editor's save is several events). */
function debounce(fn: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

/** Watchers already listening, so that a reload of the content config does not add listeners twice. */
/**
 * `topodoc render` in a child process: the renderer hands functions to the browser as source text,
 * which Vite's module runner (where loaders run) would rewrite.
 */
function runRender(root: string, diagramsDir: string, svgDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  // The launcher runs the sources in a checkout and the bundle in an installed package.
  const bin = fileURLToPath(new URL('../../bin/topodoc.js', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'render', '--diagrams', diagramsDir, '--out', svgDir], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => resolve({ code: -1, stdout, stderr: err.message }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const watched = new WeakSet<object>();
const watchedReport = new WeakSet<object>();

export interface TopologyLoaderOptions {
  /** Folder of topology files, relative to the project root. */
  dir?: string;
  diagramsDir?: string;
  svgDir?: string;
  /** Check and render the diagrams (default true; tests of the pages turn it off). */
  diagrams?: boolean;
}

export function topologyLoader(options: TopologyLoaderOptions = {}): Loader {
  const topologyDir = options.dir ?? TOPOLOGY_DIR;
  const diagramsDir = options.diagramsDir ?? DIAGRAMS_DIR;
  const svgDir = options.svgDir ?? SVG_DIR;
  let current: LoaderContext | undefined;

  const sync = async (ctx: LoaderContext, dev: boolean): Promise<void> => {
    const { root, base } = dirsOf(ctx);
    const href = (p: string) => withBase(base, p);
    const loaded = await loadTopologyFiles(await findTopologyFiles([topologyDir], root), root);
    const problems = loaded.flatMap((l) => l.diagnostics);
    const invalid = loaded.filter((l) => !l.topology);
    if (invalid.length) {
      const message = `${invalid.length} invalid topology file${invalid.length === 1 ? '' : 's'}:\n${report(problems.filter((d) => d.severity === 'error'), loaded)}`;
      // In dev the last good pages stay up while the file is fixed; a build must fail.
      if (dev) {
        ctx.logger.error(message);
        return;
      }
      throw new AstroError(message, 'Fix the topology (run "npx topodoc validate" to check it alone), then build again.');
    }
    const warnings = problems.filter((d) => d.severity !== 'error');
    if (warnings.length) ctx.logger.warn(report(warnings, loaded));

    const generated = new Map(generateSystems(loaded.map((l) => l.topology!)).map((g) => [g.topology.id, g]));
    if (options.diagrams !== false) await prepareDiagrams(ctx, root, [...generated.values()], dev);

    const seen = new Set<string>();
    for (const l of loaded) {
      const t = l.topology!;
      seen.add(t.id);
      const fragments = generated.get(t.id)!.fragments;
      const compose = composeLocations(t, l.absPath, root);
      const pages: SystemPageData[] = [];
      const review = siteSecurityReview(l, root);
      for (const entry of systemPages(t, fragments, href, review)) pages.push({ ...(await renderPage(ctx, entry.page)), slug: entry.slug, label: entry.label });
      const services: ServicePageData[] = [];
      for (const [id, s] of Object.entries(t.services)) {
        const page = servicePage(t, id, fragments, href, {
          topology: l.locator.locate(['services', id], { key: true }),
          compose: compose?.services.has(id) ? [compose.services.get(id)!] : [],
          composeFiles: compose?.files,
        });
        services.push({ ...(await renderPage(ctx, page)), id, name: s.name ?? id, kind: s.kind, status: s.status });
      }
      const data: SystemEntryData = { id: t.id, name: t.name, file: l.file, summary: systemSummary(t, fragments), pages, services };
      ctx.store.set({ id: t.id, data, digest: ctx.generateDigest(JSON.stringify(data)) });
    }
    for (const id of ctx.store.keys()) if (!seen.has(id)) ctx.store.delete(id);
  };

  /**
   * Makes sure the SVGs match the topologies. `npm run build` has already generated and rendered
   * them (then this finds everything cached); in dev this is what updates a changed diagram.
   */
  const prepareDiagrams = async (ctx: LoaderContext, root: string, generated: GeneratedSystem[], dev: boolean) => {
    const diagramsAbs = path.join(root, diagramsDir);
    const outputs = generateOutputs(generated);
    if (dev) await writeGenerated(diagramsAbs, outputs);
    else {
      const stale = await compareGenerated(diagramsAbs, outputs);
      if (stale.length) ctx.logger.warn(`${diagramsDir}/ is out of date (${stale.length} file${stale.length === 1 ? '' : 's'}); the diagrams may not match the topologies. Run "npx topodoc generate" (npm run build does).`);
    }
    const result = await runRender(root, diagramsDir, svgDir);
    if (result.code !== 0) ctx.logger.warn(`some diagrams could not be rendered; their pages say so:\n${result.stderr.trim()}`);
    else if (!/: 0 rendered/.test(result.stdout)) ctx.logger.info(result.stdout.trim());
  };

  return {
    name: 'topodoc-topologies',
    async load(ctx) {
      current = ctx;
      const dev = ctx.watcher !== undefined;
      await sync(ctx, dev);
      const watcher = ctx.watcher;
      if (!watcher || watched.has(watcher)) return;
      watched.add(watcher);
      const { root } = dirsOf(ctx);
      const dirAbs = path.join(root, topologyDir);
      watcher.add(dirAbs);
      const resync = debounce(() => {
        const c = current!;
        sync(c, true).catch((err: unknown) => c.logger.error(err instanceof Error ? err.message : String(err)));
      }, 150);
      watcher.on('all', (_event, file) => {
        if (path.resolve(file).startsWith(`${dirAbs}${path.sep}`)) resync();
      });
    },
  };
}

export interface ReferenceLoaderOptions {
  /** The check report; default `TOPODOC_CHECK_REPORT` or public/check-report.json. */
  checkReport?: string;
  topologyDir?: string;
}

/** The generated reference pages: the schema reference and the drift report. */
export function referenceLoader(options: ReferenceLoaderOptions = {}): Loader {
  let current: LoaderContext | undefined;
  const reportPath = options.checkReport ?? (process.env['TOPODOC_CHECK_REPORT'] || DEFAULT_CHECK_REPORT);

  const sync = async (ctx: LoaderContext) => {
    const { root, base } = dirsOf(ctx);
    const href = (p: string) => withBase(base, p);
    const schema = JSON.parse(topologyJsonSchema()) as Record<string, unknown>;
    const schemaPage: SitePage = {
      path: '/reference/schema/',
      title: 'Topology schema',
      description: 'Every field of a topology file: its type, allowed values, default and meaning.',
      markdown: schemaReferenceMarkdown(schema, href(JSON_SCHEMA_URL_PATH)),
      blocks: [],
    };
    ctx.store.set({ id: 'schema', data: { ...(await renderPage(ctx, schemaPage)) } satisfies ReferenceEntryData });

    const rulesPage: SitePage = {
      path: SECURITY_RULES_PATH,
      title: 'Security rules',
      description: 'Every rule of topodoc check --security: what it finds, why it matters and how to fix it.',
      markdown: securityRulesIndexMarkdown(href),
      blocks: [],
    };
    ctx.store.set({ id: 'security-rules', data: { ...(await renderPage(ctx, rulesPage)), slug: '' } satisfies ReferenceEntryData });
    for (const rule of SECURITY_RULES) {
      const page: SitePage = { path: ruleDocsPath(rule.id), title: rule.id, description: `${rule.title}.`, markdown: securityRuleMarkdown(rule, href), blocks: [] };
      ctx.store.set({ id: `security-rule-${ruleSlug(rule.id)}`, data: { ...(await renderPage(ctx, page)), slug: ruleSlug(rule.id) } satisfies ReferenceEntryData });
    }

    const abs = path.resolve(root, reportPath);
    let markdown: string;
    let found = false;
    if (existsSync(abs)) {
      try {
        const known = new Set<string>();
        const files = await findTopologyFiles([options.topologyDir ?? TOPOLOGY_DIR], root).catch(() => [] as string[]);
        for (const f of files) known.add(path.basename(f).replace(/\.ya?ml$/, ''));
        markdown = driftMarkdown(normalizeCheckReport(JSON.parse(readFileSync(abs, 'utf8'))), reportPath, known, href);
        found = true;
      } catch (err) {
        ctx.logger.warn(`cannot read the check report ${reportPath}: ${(err as Error).message}`);
        markdown = `The check report ${'`'}${reportPath}${'`'} could not be read: ${(err as Error).message.replace(/[<>]/g, '')}.\n\n${driftHowToMarkdown(reportPath)}`;
      }
    } else markdown = driftHowToMarkdown(reportPath);
    const driftPage: SitePage = {
      path: '/drift/',
      title: 'Drift',
      description: found ? 'Where the compose files and the topologies disagree, from the latest topodoc check.' : 'How to show the latest topodoc check result on this site.',
      markdown,
      blocks: [],
    };
    ctx.store.set({ id: 'drift', data: { ...(await renderPage(ctx, driftPage)), reportFound: found } satisfies ReferenceEntryData });
  };

  return {
    name: 'topodoc-reference',
    async load(ctx) {
      current = ctx;
      await sync(ctx);
      const watcher = ctx.watcher;
      if (!watcher || watchedReport.has(watcher)) return;
      watchedReport.add(watcher);
      const abs = path.resolve(dirsOf(ctx).root, reportPath);
      watcher.add(abs);
      const resync = debounce(() => void sync(current!).catch((err: unknown) => current!.logger.error(String(err))), 150);
      watcher.on('all', (_event, file) => {
        if (path.resolve(file) === abs) resync();
      });
    },
  };
}
