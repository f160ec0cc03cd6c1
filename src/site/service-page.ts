/**
 * One page per service: what it is, how it is reached (hosts, ports by role, middlewares),
 * where it sits (networks), what it needs and who needs it, how its health and metrics are read,
 * and where it is defined. Written so that search finds a service by name, hostname or port. Pure.
 */
import type { SourceLoc } from '../model/diagnostics.ts';
import type { TopologyModel } from '../model/schema/index.ts';
import { MIDDLEWARE_TYPE_NAMES } from '../model/schema/index.ts';
import { buildOf, dependencies, displayName, resolvePort, routeCertResolver, routeHasTls, routeMiddlewares, servicePorts, type Service } from '../model/queries.ts';
import { mdCell, mdCode, mdProse, mdTable, mdText } from '../views/escape.ts';
import { buildMarkdown } from '../views/markdown/services.ts';
import type { Fragment } from '../views/types.ts';
import { PageWriter, type SitePage } from './page-model.ts';
import type { Href } from './system-pages.ts';
import { servicePath, systemPath } from './urls.ts';

/** Where a service is written down: its topology entry and its compose service key(s). */
export interface ServiceSources {
  topology?: SourceLoc;
  /** One per compose file that declares the service (override files add more), path relative to the repo. */
  compose?: SourceLoc[];
  /** Compose files the topology names, when the service could not be located in them. */
  composeFiles?: string[];
}

const CONDITION_TEXT = {
  service_started: 'started',
  service_healthy: 'healthy',
  service_completed_successfully: 'completed successfully',
} as const;

export function servicePage(t: TopologyModel, id: string, fragments: readonly Fragment[], href: Href, sources: ServiceSources = {}): SitePage {
  const s = t.services[id];
  if (!s) throw new Error(`no service "${id}" in ${t.id}`);
  const name = displayName(t, id);
  const hostname = s.hostname ?? id;
  const link = (other: string) => (t.services[other] ? `[${mdText(displayName(t, other))}](${href(servicePath(t.id, other))})` : mdText(displayName(t, other)));
  const w = new PageWriter(t.id);
  const routes = Object.entries(t.routes ?? {}).filter(([, r]) => r.service === id);
  const ports = servicePorts(s);

  // Lead: one line a search result can show, naming the service, its kind, host and ports.
  const facts = [
    `**${mdText(name)}** is ${article(s.kind)} **${mdText(s.kind)}** service${s.technology ? ` running **${mdText(s.technology)}**` : ''} in [${mdText(t.name)}](${href(systemPath(t.id))}).`,
    `Internal hostname ${mdCode(hostname)}${ports.length ? `, ports ${ports.map((p) => `${p.port} (${p.role})`).join(', ')}` : ''}.`,
  ];
  if (routes.length) facts.push(`Reached at ${[...new Set(routes.map(([, r]) => mdCode(r.host + (r.path ?? ''))))].join(', ')}.`);
  w.markdown(facts.join(' '));
  if (s.status && s.status !== 'active') w.markdown(`> **Status:** ${mdText(s.status)}`);
  w.prose(s.description);
  if (s.notes?.length) w.markdown(s.notes.map((n) => `- ${mdProse(n)}`).join('\n'));

  const build = buildOf(s);
  const summary: Array<[string, string | undefined]> = [
    ['Kind', mdText(s.kind)],
    ['Technology', s.technology ? mdText(s.technology) : undefined],
    ['Image', s.image ? mdCode(s.image) : undefined],
    ['Built from', build ? buildMarkdown(build) : undefined],
    ['Group', s.group ? mdText(t.groups?.[s.group]?.name ?? s.group) : undefined],
    ['Internal hostname', mdCode(hostname)],
    ['Container name', s.containerName ? mdCode(s.containerName) : undefined],
    ['Runs as', s.user ? mdCode(s.user) : undefined],
    ['Root filesystem', s.readOnly === undefined ? undefined : s.readOnly ? 'read-only' : 'writable'],
    ['Restart policy', s.restart ? mdCode(s.restart) : undefined],
    ['Logs', s.logs ? mdCode(s.logs) : undefined],
  ];
  w.markdown(mdTable(['', ''], summary.filter(([, v]) => v !== undefined).map(([k, v]) => [`**${k}**`, v!])));

  // Ports by role
  if (ports.length) {
    w.heading(2, 'Ports');
    w.markdown(
      mdTable(
        ['Role', 'Container port', 'Protocol', 'Published on host', 'Address on the network', 'Notes'],
        ports.map((p) => [
          p.role,
          `**${p.port}**`,
          `${p.protocol.toUpperCase()}${p.scheme ? ` · ${p.scheme}` : ''}`,
          p.published !== undefined ? `${p.hostIp ? `${p.hostIp}:` : ''}${p.published}${p.optional ? ' (optional)' : ''}` : 'not published',
          mdCode(`${hostname}:${p.port}`),
          mdCell(p.description),
        ]),
      ),
    );
  }

  // Routes and hosts
  if (routes.length) {
    w.heading(2, 'Routes and hosts');
    w.markdown(
      mdTable(
        ['URL', 'Router', 'Target port', 'Entrypoints', 'TLS', 'Auth', 'Middlewares'],
        routes.map(([rid, r]) => {
          const tls = routeHasTls(t, r);
          const target = resolvePort(s, r.port);
          const mws = routeMiddlewares(t, r).map((m) => mdCode(m.ref));
          return [
            `${mdCode(`${tls ? 'https' : 'http'}://${r.host}${r.path ?? ''}`)}${r.redirect ? ` → redirects to ${mdCode(r.redirect.to)}` : ''}${r.public ? '' : ' (internal)'}${r.status && r.status !== 'active' ? ` *(${mdText(r.status)})*` : ''}`,
            mdCode(rid),
            target ? `${target.port} (${target.role})` : mdCell(String(r.port)),
            r.entrypoints.map(mdCode).join(', '),
            tls ? `yes${routeCertResolver(t, r) ? `, ${mdCode(routeCertResolver(t, r)!)}` : ''}` : 'no',
            mdCell(r.auth),
            mws.length ? mws.join(' → ') : '–',
          ];
        }),
      ),
    );
    for (const [, r] of routes) if (r.description) w.markdown(`${mdCode(r.host + (r.path ?? ''))}: ${mdProse(r.description)}`);
  }

  // Middlewares on its routes, with their settings
  const middlewares = new Map<string, ReturnType<typeof routeMiddlewares>[number]>();
  for (const [, r] of routes) for (const m of routeMiddlewares(t, r)) if (!middlewares.has(m.ref)) middlewares.set(m.ref, m);
  if (middlewares.size) {
    w.heading(2, 'Middlewares');
    w.markdown(
      mdTable(
        ['Middleware', 'Type', 'Settings', 'Notes'],
        [...middlewares.values()].map((m) => {
          const type = m.middleware ? MIDDLEWARE_TYPE_NAMES.find((k) => m.middleware![k] !== undefined) : undefined;
          return [
            `${mdCode(m.ref)}${m.via.length ? ` (in chain ${m.via.map(mdCode).join(' → ')})` : ''}`,
            mdCell(type ?? (m.provider === 'internal' ? 'Traefik internal' : 'not declared in the topology')),
            type ? middlewareSettings(m.middleware![type] as Record<string, unknown>) : '–',
            mdCell([m.middleware?.description ?? '', m.middleware?.optional ? 'optional' : ''].filter(Boolean).join('; ')),
          ];
        }),
      ),
    );
  }

  // Networks
  if (s.networks?.length) {
    w.heading(2, 'Networks');
    w.markdown(
      mdTable(
        ['Network', 'Isolation', 'Also on it'],
        s.networks.map((n) => {
          const net = t.networks?.[n];
          const flags = net ? [net.internal ? 'internal (no outside route)' : '', net.external ? 'external (shared)' : '', net.purpose ?? '', net.subnet ? mdCode(net.subnet) : ''].filter(Boolean).join(', ') : '';
          const peers = Object.entries(t.services).filter(([oid, o]) => oid !== id && o.networks?.includes(n)).map(([oid]) => link(oid));
          return [mdCode(net?.name ?? n), flags || 'bridge', peers.join(', ') || '–'];
        }),
      ),
    );
  }

  // Dependencies and calls
  const deps = dependencies(s);
  const dependents = Object.entries(t.services).flatMap(([oid, o]) => dependencies(o).filter((d) => d.service === id).map((d) => ({ service: oid, condition: d.condition })));
  const uses = s.uses ?? [];
  const usedBy = Object.entries(t.services).flatMap(([oid, o]) => (o.uses ?? []).filter((u) => u.service === id).map((u) => ({ service: oid, label: u.label })));
  const scrapedBy = Object.entries(t.services).filter(([, o]) => o.scrapes?.includes(id)).map(([oid]) => oid);
  const exporters = Object.entries(t.services).filter(([, o]) => o.exports === id).map(([oid]) => oid);
  const relations: string[] = [];
  if (deps.length) relations.push(`**Depends on** (starts after): ${deps.map((d) => `${link(d.service)} (${CONDITION_TEXT[d.condition]}${d.required ? '' : ', optional'})`).join(', ')}`);
  if (dependents.length) relations.push(`**Depended on by**: ${dependents.map((d) => `${link(d.service)} (waits until ${CONDITION_TEXT[d.condition]})`).join(', ')}`);
  if (uses.length) relations.push(`**Calls**: ${uses.map((u) => `${link(u.service)}${u.label ? ` — ${mdText(u.label)}` : ''}${u.port !== undefined ? ` on ${mdText(String(u.port))}` : ''}${u.optional ? ' (optional)' : ''}`).join('; ')}`);
  if (usedBy.length) relations.push(`**Called by**: ${usedBy.map((u) => `${link(u.service)}${u.label ? ` — ${mdText(u.label)}` : ''}`).join('; ')}`);
  if (s.scrapes?.length) relations.push(`**Scrapes metrics of**: ${s.scrapes.map(link).join(', ')}`);
  if (scrapedBy.length) relations.push(`**Metrics scraped by**: ${scrapedBy.map(link).join(', ')}`);
  if (s.exports) relations.push(`**Exports metrics of**: ${link(s.exports)}`);
  if (exporters.length) relations.push(`**Metrics exported by**: ${exporters.map(link).join(', ')}`);
  if (relations.length) w.heading(2, 'Depends on and depended on by').markdown(relations.map((r) => `- ${r}`).join('\n'));

  // Health and metrics
  const health = healthLines(s, hostname);
  const metrics = ports.filter((p) => p.role === 'metrics').map((p) => `- **Metrics**: ${mdCode(`${p.scheme === 'https' ? 'https' : 'http'}://${hostname}:${p.port}`)}${p.description ? ` — ${mdText(p.description)}` : ''}`);
  if (health.length || metrics.length) w.heading(2, 'Health and metrics').markdown([...health, ...metrics].join('\n'));

  // Storage, scaling, configuration
  if (s.volumes?.length) {
    w.heading(2, 'Volumes');
    w.markdown(
      mdTable(
        ['Source', 'Mounted at', 'Mode', 'Persists'],
        s.volumes.map((v) => [mdCode(v.volume), mdCode(v.target), v.readOnly ? 'read-only' : 'read-write', mdCell(t.volumes?.[v.volume]?.persists)]),
      ),
    );
  }
  const scale: string[] = [];
  if (s.scaling) {
    scale.push(`- **Replicas**: ${s.scaling.replicas}${s.scaling.max ? `, up to ${s.scaling.max}` : ''}${s.scaling.horizontal ? ' (scales horizontally)' : ''}`);
    if (s.scaling.strategy) scale.push(`- **Strategy**: ${mdText(s.scaling.strategy)}`);
    for (const n of s.scaling.notes ?? []) scale.push(`- ${mdProse(n)}`);
  }
  if (s.resources) scale.push(`- **Limits**: ${[s.resources.cpus !== undefined ? `${s.resources.cpus} CPU` : '', s.resources.memory ? `${mdText(s.resources.memory)} memory` : ''].filter(Boolean).join(', ')}`);
  if (scale.length) w.heading(2, 'Scaling and resources').markdown(scale.join('\n'));
  if (s.environment?.length) w.heading(2, 'Environment').markdown(`Variables it needs (names only; values live in the env files): ${s.environment.map(mdCode).join(', ')}`);

  // How requests reach it: the route sequence diagrams that end here.
  const sequences = routes.map(([rid]) => fragments.find((f) => f.name === `sequence-${rid}` && f.kind === 'mermaid')).filter((f): f is Fragment => f !== undefined);
  if (sequences.length) {
    w.heading(2, 'How requests reach it');
    for (const f of sequences) w.diagram(f, 3);
  }

  // Defined in
  const where: string[] = [];
  if (sources.topology) where.push(`- Topology: ${mdCode(`${sources.topology.file}:${sources.topology.line}`)} (${mdCode(`services.${id}`)})`);
  for (const c of sources.compose ?? []) where.push(`- Compose: ${mdCode(`${c.file}:${c.line}`)}`);
  if (!sources.compose?.length) for (const f of sources.composeFiles ?? []) where.push(`- Compose: ${mdCode(f)}`);
  if (where.length) w.heading(2, 'Defined in').markdown(where.join('\n'));

  const description = `${name}: ${s.kind}${s.technology ? ` (${s.technology})` : ''} in ${t.name}; hostname ${hostname}${ports.length ? `, ports ${ports.map((p) => p.port).join(', ')}` : ''}.`;
  return w.build(servicePath(t.id, id), name, description);
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function healthLines(s: Service, hostname: string): string[] {
  const h = s.healthcheck;
  if (!h) return [];
  const port = h.type === 'command' ? undefined : resolvePort(s, h.port ?? (s.ports?.health !== undefined ? 'health' : 'main'));
  const timing = [h.interval ? `every ${h.interval}` : '', h.timeout ? `timeout ${h.timeout}` : '', h.retries ? `${h.retries} retries` : '', h.startPeriod ? `start period ${h.startPeriod}` : '']
    .filter(Boolean)
    .join(', ');
  let probe: string;
  if (h.type === 'http') probe = `HTTP ${mdCode(`http://${hostname}${port ? `:${port.port}` : ''}${h.path ?? '/'}`)}`;
  else if (h.type === 'tcp') probe = `TCP connect to ${mdCode(`${hostname}${port ? `:${port.port}` : ''}`)}`;
  else probe = `command ${mdCode(h.command ?? '(not stated)')}`;
  const lines = [`- **Health check**: ${probe}${timing ? ` (${timing})` : ''}${h.implemented ? '' : ' — if implemented'}`];
  if (h.description) lines.push(`  ${mdProse(h.description)}`);
  return lines;
}

function middlewareSettings(obj: Record<string, unknown>): string {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '–';
  return entries.map(([k, v]) => `${k}: ${mdCell(Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v))}`).join('<br>');
}
