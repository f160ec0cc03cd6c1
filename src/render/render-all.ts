import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { compareDiagnostics, UserInputError } from '../model/diagnostics.ts';
import type { Diagnostic } from '../model/diagnostics.ts';
import { diagramHash, isCached, readManifest, sha256, writeManifest } from './cache.ts';
import type { BrowserLauncher } from './chromium.ts';
import { openMermaidRenderer, rendererFingerprint } from './mermaid-renderer.ts';
import type { ColorScheme, MermaidDiagram } from './mermaid-renderer.ts';

export interface RenderDiagramsOptions {
  /** Where the generated `.mmd` files are (`diagrams/<system>/<name>.mmd`). */
  rootDir?: string;
  /** Where SVGs and the manifest go, mirroring the source tree (`public/diagrams/<system>/<name>.svg`). */
  outDir?: string;
  /** Render everything, ignoring the cache. */
  force?: boolean;
  launch?: BrowserLauncher;
  pages?: number;
  colorScheme?: ColorScheme;
}

export interface RenderStats {
  rendered: number;
  cached: number;
  /** SVGs deleted because their source disappeared. */
  removed: number;
  ms: number;
}

export interface DiagramFile {
  /** Path below the root without `.mmd`, `/`-separated: `shop/overview`. */
  name: string;
  /** Path as found, for diagnostics. */
  file: string;
}

/** Every `.mmd` below `rootDir`, sorted by name; hidden directories and node_modules are skipped. */
export function findDiagramFiles(rootDir: string): DiagramFile[] {
  const found: DiagramFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.mmd')) {
        found.push({ name: relative(rootDir, path).slice(0, -'.mmd'.length).split(sep).join('/'), file: path });
      }
    }
  };
  walk(rootDir);
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function removeOutput(outDir: string, svg: string): boolean {
  const path = join(outDir, svg);
  // Only touch files inside the output directory, whatever a manifest says.
  if (relative(outDir, path).startsWith('..') || !existsSync(path)) return false;
  rmSync(path);
  return true;
}

/**
 * Renders every diagram whose source, Mermaid version or render settings changed since the
 * last run, and nothing else: when all are cached no browser is started. Throws a
 * UserInputError listing the diagrams Mermaid rejected, after writing the others.
 */
export async function renderDiagrams(options: RenderDiagramsOptions = {}): Promise<RenderStats> {
  const started = performance.now();
  const rootDir = options.rootDir ?? 'diagrams';
  const outDir = options.outDir ?? join('public', 'diagrams');
  if (!existsSync(rootDir) || !statSync(rootDir).isDirectory()) {
    throw new UserInputError([{ severity: 'error', rule: 'render/no-diagrams-dir', message: `Diagrams directory ${rootDir} does not exist; generate the diagrams first.` }]);
  }
  const fingerprint = rendererFingerprint(options.colorScheme);
  const files = findDiagramFiles(rootDir);
  const manifest = readManifest(outDir);
  const stats: RenderStats = { rendered: 0, cached: 0, removed: 0, ms: 0 };

  const current = new Set(files.map((f) => f.name));
  for (const [name, entry] of Object.entries(manifest.diagrams)) {
    if (current.has(name)) continue;
    if (removeOutput(outDir, entry.svg)) stats.removed++;
    delete manifest.diagrams[name];
  }

  const pending: Array<MermaidDiagram & { hash: string }> = [];
  for (const { name, file } of files) {
    const source = readFileSync(file, 'utf8');
    const hash = diagramHash(source, fingerprint);
    if (!options.force && isCached(outDir, manifest, name, hash)) stats.cached++;
    else pending.push({ name, file, source, hash });
  }

  const diagnostics: Diagnostic[] = [];
  if (pending.length > 0) {
    const renderer = openMermaidRenderer({ launch: options.launch, pages: options.pages, colorScheme: options.colorScheme });
    try {
      const outcomes = await renderer.render(pending);
      outcomes.forEach((outcome, i) => {
        const { name, hash } = pending[i] as MermaidDiagram & { hash: string };
        const svgPath = `${name}.svg`;
        if (!outcome.ok) {
          diagnostics.push(outcome.diagnostic);
          // A stale picture of a diagram that no longer parses would hide the error on the site.
          removeOutput(outDir, svgPath);
          delete manifest.diagrams[name];
          return;
        }
        const target = join(outDir, svgPath);
        mkdirSync(dirname(target), { recursive: true });
        if (!existsSync(target) || readFileSync(target, 'utf8') !== outcome.svg) writeFileSync(target, outcome.svg);
        manifest.diagrams[name] = { hash, svg: svgPath, svgSha256: sha256(outcome.svg) };
        stats.rendered++;
      });
    } finally {
      await renderer.close();
    }
  }

  if (files.length > 0 || existsSync(outDir)) {
    mkdirSync(outDir, { recursive: true });
    writeManifest(outDir, manifest);
  }
  stats.ms = Math.round(performance.now() - started);
  if (diagnostics.length > 0) throw new UserInputError(diagnostics.sort(compareDiagnostics));
  return stats;
}
