/**
 * Every URL path of the docs site, root-relative and without the base path (callers add it with
 * `withBase`). Service pages are where the diagrams' clickable nodes point (`defaultServiceHref`).
 */
import { defaultServiceHref } from '../views/types.ts';

export const SYSTEM_PAGE_SLUGS = ['', 'flows', 'networks', 'ports', 'security', 'operations', 'text'] as const;
export type SystemPageSlug = (typeof SYSTEM_PAGE_SLUGS)[number];

export function systemPath(systemId: string, slug: string = ''): string {
  return slug ? `/systems/${systemId}/${slug}/` : `/systems/${systemId}/`;
}

export function servicePath(systemId: string, serviceId: string): string {
  return defaultServiceHref(systemId, serviceId);
}

/** A rendered diagram, served by the site next to the pages that show it. */
export function diagramPath(systemId: string, fragmentName: string): string {
  return `/diagrams/${systemId}/${fragmentName}.svg`;
}

export const SCHEMA_REFERENCE_PATH = '/reference/schema/';
export const JSON_SCHEMA_URL_PATH = '/schema/topology.schema.json';
export const DRIFT_PATH = '/drift/';
