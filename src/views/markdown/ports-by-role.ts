import type { TopologyModel } from '../../model/schema/index.ts';
import { displayName, proxyId, servicePorts } from '../../model/queries.ts';
import { mdCell, mdCode, mdProse, mdTable, mdText } from '../escape.ts';
import type { Fragment } from '../types.ts';

const COLUMNS: Array<{ header: string; roles: string[] }> = [
  { header: 'Main', roles: ['main', 'http', 'https', 'grpc'] },
  { header: 'WS/Stream', roles: ['stream', 'websocket'] },
  { header: 'Metrics', roles: ['metrics'] },
  { header: 'Health', roles: ['health'] },
  { header: 'Admin/Console', roles: ['admin', 'console', 'dashboard'] },
];

/** Ports by role, one row per service (seed 001's "Port Reference"). */
export function portsByRole(t: TopologyModel): Fragment[] {
  const proxy = proxyId(t);
  const rows: string[][] = [];
  const used = new Set<string>();
  const footnotes: string[] = [];
  for (const [id, svc] of Object.entries(t.services)) {
    const ports = servicePorts(svc);
    // Entrypoints the proxy's own ports leave out; a port already listed under its role (e.g. metrics) stays there.
    const declared = new Set(ports.map((p) => String(p.port)));
    const extraEntrypoints = id === proxy ? Object.values(t.entrypoints ?? {}).filter((ep) => ep.protocol !== 'udp' && !declared.has(String(ep.port))) : [];
    const cells = COLUMNS.map((col) => {
      const values = ports.filter((p) => col.roles.includes(p.role)).map((p) => String(p.port));
      const fromEntrypoints = col.header === 'Main' ? extraEntrypoints.filter((ep) => !ep.optional) : col.header === 'Admin/Console' ? extraEntrypoints.filter((ep) => ep.optional) : [];
      for (const ep of fromEntrypoints) if (!values.includes(String(ep.port))) values.push(String(ep.port));
      if (values.length) used.add(col.header);
      return values;
    });
    // An exporter's metrics port documents the service it exports for (seed 001: "Redis | 9121*").
    const exporters = Object.entries(t.services).filter(([, s]) => s.exports === id);
    for (const [eid, exp] of exporters) {
      const m = servicePorts(exp).find((p) => p.role === 'metrics' || p.role === 'main');
      if (m && cells[2]!.length === 0) {
        cells[2]!.push(`${m.port}*`);
        used.add('Metrics');
        footnotes.push(`\\* ${mdCell(displayName(t, id))} metrics are exposed by ${mdCell(displayName(t, eid))}.`);
      }
    }
    rows.push([mdCell(displayName(t, id)), ...cells.map((v) => (v.length ? v.join('/') : '–'))]);
  }
  const keep = COLUMNS.map((c) => used.has(c.header));
  const table = mdTable(
    ['Service', ...COLUMNS.filter((_, i) => keep[i]).map((c) => c.header)],
    rows.map((r) => [r[0]!, ...r.slice(1).filter((_, i) => keep[i])]),
  );
  const convention = t.portConvention ? `\n${conventionText(t, t.portConvention)}\n` : '';
  return [
    {
      name: 'ports',
      kind: 'markdown',
      title: 'Ports by role',
      description: `Container ports of every ${t.name} service, by role.`,
      file: 'tables/ports.md',
      content: `${table}\n${footnotes.length ? `\n${footnotes.join('\n')}\n` : ''}${convention}`,
    },
  ];
}

/** The declared port numbering convention: one pattern per role, the services it applies to, and why. */
function conventionText(t: TopologyModel, conv: NonNullable<TopologyModel['portConvention']>): string {
  const rules = conv.rules.map((r) => `${mdText(r.role)} ${mdCode(r.pattern)}`).join(', ');
  const services = conv.services.map((id) => mdCell(displayName(t, id))).join(', ');
  return `**Port convention** (${services}): ${rules}.${conv.description ? ` ${mdProse(conv.description)}` : ''}`;
}
