/**
 * Where the site's build inputs and outputs live. Relative paths are relative to the project
 * directory: the repository being documented (see `projectDir`).
 */
import path from 'node:path';

/** Generated views (committed), the renderer's input. */
export const DIAGRAMS_DIR = 'diagrams';
/** Rendered SVGs and their cache manifest: a build output, served by the site at /diagrams/. */
export const SVG_DIR = '.topodoc-cache/svg';
export const TOPOLOGY_DIR = 'topology';
/** The latest `topodoc check --format json` report, when present (override with TOPODOC_CHECK_REPORT). */
export const DEFAULT_CHECK_REPORT = 'public/check-report.json';
/** Where `topodoc build` writes the site, unless told otherwise. */
export const DEFAULT_SITE_OUT_DIR = 'dist';
/** Astro's and Vite's caches when the site documents another repository (kept out of the installed package). */
export const ASTRO_CACHE_DIR = '.topodoc-cache/astro';
export const VITE_CACHE_DIR = '.topodoc-cache/vite';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The repository the site documents: where topology/, diagrams/, the rendered SVGs and the check
 * report are. The Astro project itself (config, pages) may live elsewhere: `topodoc build` runs
 * the one inside the installed package and sets TOPODOC_PROJECT_DIR to the user's repository.
 * Without it, `fallback` (the Astro root, i.e. this repository when run with `npm run build`).
 */
export function projectDir(env: Env, fallback: string): string {
  const dir = env['TOPODOC_PROJECT_DIR']?.trim();
  return dir ? path.resolve(dir) : fallback;
}

export interface AstroDirs {
  /** Absolute; Astro's default (dist/ in its root) when undefined. */
  outDir?: string;
  cacheDir?: string;
  viteCacheDir?: string;
}

/**
 * Astro's output and cache folders, for astro.config.mjs. TOPODOC_OUT_DIR (relative to the
 * project directory) moves the site; building another repository also moves Astro's cache there.
 */
export function astroDirs(env: Env): AstroDirs {
  const project = env['TOPODOC_PROJECT_DIR']?.trim() ? projectDir(env, '') : undefined;
  const out = env['TOPODOC_OUT_DIR']?.trim();
  const base = project ?? process.cwd();
  return {
    ...(out || project ? { outDir: path.resolve(base, out || DEFAULT_SITE_OUT_DIR) } : {}),
    ...(project ? { cacheDir: path.join(project, ASTRO_CACHE_DIR), viteCacheDir: path.join(project, VITE_CACHE_DIR) } : {}),
  };
}
