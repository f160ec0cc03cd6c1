/**
 * The "Systems" part of the sidebar, built per page from the systems collection (so that `astro dev`
 * shows a new system or service without a restart): each system with its pages and its services.
 * Pure; src/site/route-middleware.mjs applies it to Starlight's route data.
 */
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { withBase } from './settings.ts';
import { servicePath, systemPath } from './urls.ts';

type SidebarEntry = StarlightRouteData['sidebar'][number];
type SidebarLink = Extract<SidebarEntry, { type: 'link' }>;
type SidebarGroup = Extract<SidebarEntry, { type: 'group' }>;

export interface SidebarSystem {
  id: string;
  name: string;
  pages: Array<{ slug: string; label: string }>;
  services: Array<{ id: string; name: string; status?: string }>;
}

/** The label of the group in astro.config.mjs that this fills. */
export const SYSTEMS_GROUP_LABEL = 'Systems';

/**
 * Above this many links, only the current system lists its pages and services (the others link to
 * their overview), so that a site with many systems keeps light pages.
 */
export const FULL_TREE_LIMIT = 400;

/** Path comparison as Starlight does it: trailing slashes do not matter. */
function samePath(a: string, b: string): boolean {
  const strip = (p: string) => decodeURI(p).replace(/\/index\.html$/, '/').replace(/\/+$/, '');
  return strip(a) === strip(b);
}

function link(label: string, href: string, current: string, badge?: string): SidebarLink {
  return {
    type: 'link',
    label,
    href,
    isCurrent: samePath(href, current),
    badge: badge ? { text: badge, variant: 'caution' } : undefined,
    attrs: {},
  };
}

function group(label: string, entries: SidebarEntry[], collapsed: boolean): SidebarGroup {
  return { type: 'group', label, entries, collapsed, badge: undefined };
}

export function systemsSidebar(systems: readonly SidebarSystem[], base: string, currentPath: string): SidebarEntry[] {
  const sorted = [...systems].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const total = sorted.reduce((n, s) => n + s.pages.length + s.services.length, 0);
  const inSystem = (s: SidebarSystem) => samePath(currentPath, withBase(base, systemPath(s.id))) || decodeURI(currentPath).startsWith(withBase(base, systemPath(s.id)));
  return sorted.map((s) => {
    const here = inSystem(s);
    if (!here && total > FULL_TREE_LIMIT) return link(s.name, withBase(base, systemPath(s.id)), currentPath);
    const pages = s.pages.map((p) => link(p.label, withBase(base, systemPath(s.id, p.slug)), currentPath));
    const services = s.services.map((svc) => link(svc.name, withBase(base, servicePath(s.id, svc.id)), currentPath, svc.status && svc.status !== 'active' ? svc.status : undefined));
    const onService = services.some((l) => l.isCurrent);
    return group(s.name, [...pages, group('Services', services, !onService)], !here);
  });
}

function flatten(entries: readonly SidebarEntry[]): SidebarLink[] {
  return entries.flatMap((e) => (e.type === 'link' ? [e] : flatten(e.entries)));
}

/** Replaces the placeholder "Systems" group's entries and recomputes the previous/next links. */
export function applySystemsSidebar(route: Pick<StarlightRouteData, 'sidebar' | 'pagination'>, systems: readonly SidebarSystem[], base: string, currentPath: string): void {
  const target = route.sidebar.find((e): e is SidebarGroup => e.type === 'group' && e.label === SYSTEMS_GROUP_LABEL);
  if (!target) return;
  const entries = systemsSidebar(systems, base, currentPath);
  target.entries = [...target.entries.filter((e) => e.type === 'link'), ...entries];
  // Previous/next walk through pages only, not files such as the JSON Schema.
  const links = flatten(route.sidebar).filter((l) => !/\.[a-z0-9]+$/i.test(l.href.split(/[?#]/)[0] ?? ''));
  const index = links.findIndex((l) => l.isCurrent);
  if (index >= 0) route.pagination = { prev: links[index - 1], next: links[index + 1] };
}
