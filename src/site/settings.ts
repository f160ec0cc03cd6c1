/**
 * The site's public URL and base path, decided in one place (astro.config.mjs reads them from here)
 * so that every link, diagram URL and test agrees on them.
 */
export interface SiteSettings {
  /** Public origin the site is hosted at, e.g. `https://docs.example.com`. */
  site: string;
  /** Path prefix the site lives under: `/` or `/docs` (leading slash, no trailing slash). */
  base: string;
}

export const DEFAULT_SITE = 'https://topodoc.dev';
export const DEFAULT_BASE = '/';

/** `TOPODOC_SITE` and `TOPODOC_BASE` from the environment, with sane defaults. */
export function siteSettings(env: Readonly<Record<string, string | undefined>>): SiteSettings {
  return { site: normalizeSite(env['TOPODOC_SITE']), base: normalizeBase(env['TOPODOC_BASE']) };
}

export function normalizeSite(value: string | undefined): string {
  const site = (value ?? '').trim() || DEFAULT_SITE;
  let url: URL;
  try {
    url = new URL(site);
  } catch {
    throw new Error(`TOPODOC_SITE must be an absolute URL such as https://docs.example.com; got "${site}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`TOPODOC_SITE must be an http(s) URL; got "${site}"`);
  return url.origin;
}

/** `docs`, `/docs/`, `//docs` all mean `/docs`; empty means the root. */
export function normalizeBase(value: string | undefined): string {
  const parts = (value ?? '').split('/').filter(Boolean);
  for (const p of parts) {
    if (p === '.' || p === '..' || !/^[A-Za-z0-9._~!$&'()*+,;=:@%-]+$/.test(p)) throw new Error(`TOPODOC_BASE must be a URL path such as /docs; got "${value}"`);
  }
  return parts.length ? `/${parts.join('/')}` : DEFAULT_BASE;
}

/** Prefixes a root-relative path (`/systems/x/`) with the base path; other URLs are returned as they are. */
export function withBase(base: string, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) return path;
  if (base === '/' || base === '') return path;
  return `${base}${path}`;
}

/** The base path Astro builds with, inside the site's own modules (Vite provides `import.meta.env`). */
export function astroBase(): string {
  return normalizeBase((import.meta as ImportMeta & { env?: { BASE_URL?: string } }).env?.BASE_URL);
}
