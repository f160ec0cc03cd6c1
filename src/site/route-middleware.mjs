// Starlight route middleware: fills the sidebar's "Systems" group from the systems collection.
// (A .mjs file: `astro:content` is a virtual module that only Astro resolves.)
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { getCollection } from 'astro:content';
import { applySystemsSidebar } from './sidebar.ts';
import { normalizeBase } from './settings.ts';

export const onRequest = defineRouteMiddleware(async (context) => {
  const systems = await getCollection('systems');
  const sidebarSystems = systems.map(({ data }) => ({
    id: data.id,
    name: data.name,
    pages: data.pages.map((p) => ({ slug: p.slug, label: p.label })),
    services: data.services.map((s) => ({ id: s.id, name: s.name, status: s.status })),
  }));
  applySystemsSidebar(context.locals.starlightRoute, sidebarSystems, normalizeBase(import.meta.env.BASE_URL), context.url.pathname);
});
