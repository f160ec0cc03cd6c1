/**
 * The pages of one system on the docs site, assembled from the same generated views as
 * `diagrams/<system>/`: an overview with the architecture diagram, then one page per concern.
 * Pure: the loader renders the Markdown and the page template places the diagrams.
 */
import type { TopologyModel } from '../model/schema/index.ts';
import { displayName, routeHasTls, servicePorts } from '../model/queries.ts';
import { mdCell, mdCode, mdTable, mdText } from '../views/escape.ts';
import type { Fragment } from '../views/types.ts';
import { PageWriter, plainText, type SitePage } from './page-model.ts';
import { securityReviewMarkdown, type SiteSecurityReview } from './security-review.ts';
import { servicePath, systemPath } from './urls.ts';

/** Turns a root-relative path into the URL the site serves it at (adds the base path). */
export type Href = (path: string) => string;

export interface SystemSummary {
  id: string;
  name: string;
  description?: string;
  status?: string;
  counts: { services: number; routes: number; networks: number; volumes: number; flows: number; diagrams: number };
  hosts: string[];
}

export function systemSummary(t: TopologyModel, fragments: readonly Fragment[]): SystemSummary {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    status: t.status,
    counts: {
      services: Object.keys(t.services).length,
      routes: Object.keys(t.routes ?? {}).length,
      networks: Object.keys(t.networks ?? {}).length,
      volumes: Object.keys(t.volumes ?? {}).length,
      flows: fragments.filter((f) => f.kind === 'mermaid' && f.name !== 'architecture').length,
      diagrams: fragments.filter((f) => f.kind === 'mermaid').length,
    },
    hosts: [...new Set(Object.values(t.routes ?? {}).map((r) => r.host))].sort(),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Where each explicit flow appears, by its `kind`. */
function flowsOfKind(t: TopologyModel, fragments: readonly Fragment[], kinds: readonly string[]): Fragment[] {
  return fragments.filter((f) => {
    if (f.kind !== 'mermaid' || !f.name.startsWith('flow-')) return false;
    const flow = t.flows?.[f.name.slice('flow-'.length)];
    return kinds.includes(flow?.kind ?? 'other');
  });
}

export interface SystemPageEntry {
  slug: string;
  /** Sidebar label. */
  label: string;
  page: SitePage;
}

/** Every page of the system (services excluded), overview first. Pages with nothing to show are left out. */
export function systemPages(t: TopologyModel, fragments: readonly Fragment[], href: Href, review?: SiteSecurityReview): SystemPageEntry[] {
  const byName = new Map(fragments.map((f) => [f.name, f]));
  const take = (name: string) => byName.get(name);
  const starting = (prefix: string) => fragments.filter((f) => f.name.startsWith(prefix) && f.kind === 'mermaid');
  const pages: SystemPageEntry[] = [];
  const add = (slug: string, label: string, title: string, description: string, w: PageWriter) => {
    if (!w.isEmpty) pages.push({ slug, label, page: w.build(systemPath(t.id, slug), title, description) });
  };

  // Overview
  {
    const w = new PageWriter(t.id);
    if (t.status && t.status !== 'active') w.markdown(`> **Status:** ${mdText(t.status)}`);
    w.prose(t.description);
    w.markdown(atAGlance(t, fragments));
    w.diagram(take('architecture'), 2, true, 'Architecture');
    w.heading(2, 'Services').markdown(servicesTable(t, href));
    const explore = systemSubpageLinks(t, fragments, href);
    if (explore) w.heading(2, 'Explore').markdown(explore);
    for (const s of t.sections ?? []) w.heading(2, s.title).prose(s.body);
    add('', 'Overview', t.name, t.description ? firstSentence(t.description) : `Architecture of ${t.name}.`, w);
  }

  // Request flows
  {
    const w = new PageWriter(t.id);
    const urls = take('urls');
    if (urls) w.heading(2, urls.title).markdown(plainText(urls.description)).markdown(urls.content);
    const sequences = starting('sequence-');
    if (sequences.length) {
      w.heading(2, 'Request flows by route').markdown('How a request to each public route travels: DNS, the firewall, Traefik and its middlewares, then the service.');
      for (const f of sequences) w.diagram(f, 3);
    }
    const explicit = flowsOfKind(t, fragments, ['request', 'access', 'backup', 'other']);
    if (explicit.length) {
      w.heading(2, 'Flows');
      for (const f of explicit) w.diagram(f, 3);
    }
    add('flows', 'Request flows', `${t.name}: request flows`, `How requests reach the services of ${t.name}, route by route.`, w);
  }

  // Networks
  {
    const w = new PageWriter(t.id);
    for (const name of ['networks', 'hostnames']) {
      const f = take(name);
      if (f) w.heading(2, f.title).markdown(plainText(f.description)).markdown(f.content);
    }
    add('networks', 'Networks', `${t.name}: networks`, `Docker networks of ${t.name}, their isolation and who is on each.`, w);
  }

  // Ports
  {
    const w = new PageWriter(t.id);
    for (const name of ['ports', 'published-ports']) {
      const f = take(name);
      if (f) w.heading(2, f.title).markdown(plainText(f.description)).markdown(f.content);
    }
    add('ports', 'Ports', `${t.name}: ports`, `Container ports by role and host-published ports of ${t.name}.`, w);
  }

  // Security and TLS
  {
    const w = new PageWriter(t.id);
    if (review) w.markdown(securityReviewMarkdown(review, href));
    const security = take('security');
    if (security) w.heading(2, 'Security summary').markdown(plainText(security.description)).markdown(security.content);
    const routing = take('routing');
    if (routing) w.heading(2, routing.title).markdown(plainText(routing.description)).markdown(routing.content);
    const tls = [...starting('tls-'), ...flowsOfKind(t, fragments, ['certificate'])];
    if (tls.length) {
      w.heading(2, 'TLS');
      for (const f of tls) w.diagram(f, 3);
    }
    add('security', 'Security & TLS', `${t.name}: security and TLS`, `${review ? 'Security review of the compose files, checked' : 'Checked'} security facts, stated layers, Traefik entrypoints, middlewares and certificates of ${t.name}.`, w);
  }

  // Operations
  {
    const w = new PageWriter(t.id);
    for (const name of ['startup-order', 'volumes', 'scaling']) {
      const f = take(name);
      if (f) w.heading(2, f.title).markdown(plainText(f.description)).markdown(f.content);
    }
    const ops = take('operations');
    if (ops) w.heading(2, 'Backups and hosts').markdown(plainText(ops.description)).markdown(ops.content);
    const deployment = flowsOfKind(t, fragments, ['deployment']);
    if (deployment.length) {
      w.heading(2, 'Deployment');
      for (const f of deployment) w.diagram(f, 3);
    }
    add('operations', 'Operations', `${t.name}: operations`, `Start-up order, volumes, backups, scaling and deployment of ${t.name}.`, w);
  }

  // Text diagrams
  {
    const w = new PageWriter(t.id);
    const ascii = fragments.filter((f) => f.kind === 'ascii');
    const names = new Set(ascii.map((f) => f.name));
    for (const f of ascii) {
      // A `<name>-plain` view is the 7-bit twin of `<name>`: shown with it, not on its own.
      if (f.name.endsWith('-plain') && names.has(f.name.slice(0, -'-plain'.length))) continue;
      w.ascii(f, byName.get(`${f.name}-plain`), 2);
    }
    add('text', 'Text diagrams', `${t.name}: text diagrams`, `Diagrams of ${t.name} as plain text, ready to paste into a terminal, a commit or a ticket.`, w);
  }

  return pages;
}

function atAGlance(t: TopologyModel, fragments: readonly Fragment[]): string {
  const s = systemSummary(t, fragments);
  const lines = [
    `**At a glance:** ${[plural(s.counts.services, 'service'), plural(s.counts.routes, 'route'), plural(s.counts.networks, 'network'), plural(s.counts.volumes, 'volume'), plural(s.counts.diagrams, 'diagram')].join(' · ')}`,
  ];
  if (t.dns) lines.push(`**Domains:** ${t.dns.domains.map((d) => mdCode(d.name)).join(', ')}${t.dns.provider ? ` (DNS at ${mdText(t.dns.provider)})` : ''}`);
  if (t.compose) lines.push(`**Compose files:** ${t.compose.files.map(mdCode).join(', ')}`);
  return lines.join('  \n');
}

function servicesTable(t: TopologyModel, href: Href): string {
  const rows = Object.entries(t.services).map(([id, s]) => {
    const hosts = Object.values(t.routes ?? {})
      .filter((r) => r.service === id && !r.redirect)
      .map((r) => mdCode(`${routeHasTls(t, r) ? 'https' : 'http'}://${r.host}${r.path ?? ''}`));
    const ports = servicePorts(s).map((p) => `${p.role} ${p.port}`);
    return [
      `[${mdText(displayName(t, id))}](${href(servicePath(t.id, id))})${s.status && s.status !== 'active' ? ` *(${mdText(s.status)})*` : ''}`,
      s.kind,
      mdCell(s.technology),
      mdCell(ports.join(', ')),
      hosts.length ? [...new Set(hosts)].join('<br>') : '–',
    ];
  });
  return mdTable(['Service', 'Kind', 'Technology', 'Ports', 'Public URLs'], rows);
}

function systemSubpageLinks(t: TopologyModel, fragments: readonly Fragment[], href: Href): string {
  const has = (name: string) => fragments.some((f) => f.name === name || f.name.startsWith(`${name}-`));
  const items: Array<[string, string, string, boolean]> = [
    ['flows', 'Request flows', 'how each public route reaches its service', has('sequence') || has('urls') || has('flow')],
    ['networks', 'Networks', 'isolation and internal hostnames', has('networks') || has('hostnames')],
    ['ports', 'Ports', 'container ports by role and what is published on the host', has('ports') || has('published-ports')],
    ['security', 'Security & TLS', 'security review, checked facts, stated layers, middlewares and certificates', has('security') || has('routing') || has('tls')],
    ['operations', 'Operations', 'start-up order, volumes, backups and scaling', has('startup-order') || has('volumes') || has('operations')],
    ['text', 'Text diagrams', 'the same views as copyable text', fragments.some((f) => f.kind === 'ascii')],
  ];
  return items
    .filter(([, , , present]) => present)
    .map(([slug, label, what]) => `- [${label}](${href(systemPath(t.id, slug))}): ${what}`)
    .join('\n');
}

/** The first sentence of a description, for meta descriptions and cards. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(\s|$)/.exec(flat);
  const sentence = m ? m[1]! : flat;
  return sentence.length > 200 ? `${sentence.slice(0, 197).trimEnd()}…` : sentence;
}
