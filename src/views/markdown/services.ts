import type { TopologyModel } from '../../model/schema/index.ts';
import { buildOf, dependencies, displayName, resolvePort, servicePorts, type BuildSpec } from '../../model/queries.ts';
import { mdCell, mdCode, mdProse, mdText } from '../escape.ts';
import type { Fragment } from '../types.ts';

/** Where an image is built from, in Markdown: `./api` (Dockerfile `Dockerfile.prod`, target `production`). */
export function buildMarkdown(build: BuildSpec): string {
  const details = [build.dockerfile === undefined ? undefined : `Dockerfile ${mdCode(build.dockerfile)}`, build.target === undefined ? undefined : `target ${mdCode(build.target)}`].filter((d) => d !== undefined);
  return mdCode(build.context) + (details.length > 0 ? ` (${details.join(', ')})` : '');
}

/** One reference entry per service: what it is, how to reach it, what it needs and who needs it. */
export function serviceCatalog(t: TopologyModel): Fragment[] {
  const entries = Object.entries(t.services).map(([id, s]) => {
    const build = buildOf(s);
    const lines: string[] = [];
    const facts: Array<[string, string | undefined]> = [
      ['Kind', s.kind + (s.status && s.status !== 'active' ? ` (${s.status})` : '')],
      ['Technology', s.technology ? mdText(s.technology) : undefined],
      ['Group', s.group ? mdText(t.groups?.[s.group]?.name ?? s.group) : undefined],
      ['Image', s.image ? mdCode(s.image) : undefined],
      ['Built from', build ? buildMarkdown(build) : undefined],
      ['Hostname', mdCode(s.hostname ?? id) + (s.containerName ? `, container ${mdCode(s.containerName)}` : '')],
      ['Ports', servicePorts(s).map((p) => `${p.role} ${p.port}${p.published !== undefined ? ` (host ${p.hostIp ? `${p.hostIp}:` : ''}${p.published})` : ''}`).join(', ') || undefined],
      ['Runs as', s.user ? mdCode(s.user) : undefined],
      ['Root filesystem', s.readOnly === undefined ? undefined : s.readOnly ? 'read-only' : 'writable'],
      ['Health check', s.healthcheck ? healthText(s) : undefined],
      ['Restart', s.restart ? mdCode(s.restart) : undefined],
      ['Networks', s.networks?.map(mdCode).join(', ')],
      ['Volumes', s.volumes?.map((v) => `${mdCode(v.volume)} → ${mdCode(v.target)}${v.readOnly ? ' (ro)' : ''}`).join(', ')],
      ['Depends on', dependencies(s).map((d) => `${mdText(displayName(t, d.service))} (${d.condition.replace('service_', '')})`).join(', ') || undefined],
      ['Needed by', Object.entries(t.services).filter(([, o]) => dependencies(o).some((d) => d.service === id)).map(([oid]) => mdText(displayName(t, oid))).join(', ') || undefined],
      ['Calls', s.uses?.map((u) => `${mdText(displayName(t, u.service))}${u.label ? ` (${mdText(u.label)})` : ''}`).join(', ')],
      ['Scrapes', s.scrapes?.map((x) => mdText(displayName(t, x))).join(', ')],
      ['Exports metrics of', s.exports ? mdText(displayName(t, s.exports)) : undefined],
      ['Routes', routesOf(t, id)],
      ['Scaling', s.scaling ? `${s.scaling.replicas} replica${s.scaling.replicas === 1 ? '' : 's'}${s.scaling.max ? `, up to ${s.scaling.max}` : ''}` : undefined],
      ['Logs', s.logs ? mdCode(s.logs) : undefined],
      ['Environment', s.environment?.map(mdCode).join(', ')],
    ];
    lines.push(`#### ${mdText(displayName(t, id))} (${mdCode(id)})`);
    if (s.description) lines.push('', mdProse(s.description));
    lines.push('');
    for (const [k, v] of facts) if (v) lines.push(`- **${k}:** ${v}`);
    for (const n of s.notes ?? []) lines.push(`- ${mdProse(n)}`);
    return lines.join('\n');
  });
  return [
    {
      name: 'services',
      kind: 'markdown',
      title: 'Services',
      description: `Every service of ${t.name}: kind, ports, health, dependencies and routes.`,
      file: 'services.md',
      content: `${entries.join('\n\n')}\n`,
    },
  ];
}

function healthText(s: TopologyModel['services'][string]): string {
  const h = s.healthcheck!;
  const port = h.port !== undefined ? resolvePort(s, h.port)?.port : undefined;
  const probe = h.type === 'command' ? mdCode(h.command ?? 'command') : h.type === 'http' ? `HTTP ${mdCode(h.path ?? '/')}${port ? ` on ${port}` : ''}` : `TCP${port ? ` ${port}` : ''}`;
  const timing = [h.interval ? `every ${h.interval}` : '', h.timeout ? `timeout ${h.timeout}` : '', h.retries ? `${h.retries} retries` : ''].filter(Boolean).join(', ');
  return `${probe}${timing ? ` (${timing})` : ''}${h.implemented ? '' : ' — if implemented'}${h.description ? ` — ${mdText(h.description)}` : ''}`;
}

function routesOf(t: TopologyModel, id: string): string | undefined {
  const list = Object.entries(t.routes ?? {})
    .filter(([, r]) => r.service === id)
    .map(([, r]) => `${mdCode(`${r.tls ? 'https' : 'http'}://${r.host}${r.path ?? ''}`)}${r.middlewares?.length ? ` via ${r.middlewares.map(mdCode).join(' → ')}` : ''}${r.redirect ? ` → redirects to ${mdCode(r.redirect.to)}` : ''}`);
  return list.length ? list.join('; ') : undefined;
}
