// @ts-check
// The docs site: Astro + Starlight over the same topology model as the CLI (see src/site/).
// Its public URL and base path are set in ONE place: TOPODOC_SITE and TOPODOC_BASE, read by
// src/site/settings.ts. Every internal link and diagram URL is derived from them.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { astroDirs } from './src/site/paths.ts';
import { siteSettings } from './src/site/settings.ts';

const { site, base } = siteSettings(process.env);
// `topodoc build` runs this project from the installed package for another repository
// (TOPODOC_PROJECT_DIR): the site and Astro's cache then go there, not into node_modules.
const { outDir, cacheDir, viteCacheDir } = astroDirs(process.env);

export default defineConfig({
  site,
  base,
  ...(outDir ? { outDir } : {}),
  ...(cacheDir ? { cacheDir } : {}),
  ...(viteCacheDir ? { vite: { cacheDir: viteCacheDir } } : {}),
  // Pages live at /path/ (directory URLs); links are written with the trailing slash.
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  integrations: [
    starlight({
      title: 'topodoc',
      description: 'Architecture docs of our Docker Compose + Traefik systems, generated from one typed topology per system.',
      customCss: ['./src/site/styles/site.css'],
      routeMiddleware: './src/site/route-middleware.mjs',
      lastUpdated: false,
      // Our own 404 page (src/pages/404.astro) links home with the base path.
      disable404Route: true,
      sidebar: [
        { label: 'Guides', items: [{ autogenerate: { directory: 'guides' } }] },
        // Filled per page with every system, its pages and its services (src/site/sidebar.ts).
        // (Starlight adds the base path to these links itself.)
        { label: 'Systems', items: [{ label: 'All systems', link: '/' }] },
        {
          label: 'Reference',
          items: [
            { label: 'Topology schema', link: '/reference/schema/' },
            { label: 'Security rules', link: '/reference/security/' },
            { label: 'JSON Schema (for editors)', link: '/schema/topology.schema.json' },
          ],
        },
        { label: 'Drift', link: '/drift/' },
      ],
    }),
  ],
});
