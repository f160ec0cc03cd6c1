import type { TopologyModel } from '../../model/schema/index.ts';
import { servicePorts } from '../../model/queries.ts';
import { mdCell, mdCode, mdTable } from '../escape.ts';
import type { Fragment } from '../types.ts';

/** Internal hostnames and ports reachable on the Docker networks (seed 003's service communication table). */
export function hostnames(t: TopologyModel): Fragment[] {
  const rows: string[][] = [];
  for (const [id, svc] of Object.entries(t.services)) {
    const ports = servicePorts(svc);
    const host = svc.hostname ?? id;
    const nets = (svc.networks ?? []).join(', ');
    if (ports.length === 0) {
      rows.push([mdCell(id), mdCode(host), '–', '–', '–', mdCell(nets)]);
      continue;
    }
    for (const p of ports) {
      const label = ports.length > 1 ? `${id} (${p.role})` : id;
      rows.push([mdCell(label), mdCode(host), String(p.port), (p.scheme ?? p.protocol).toUpperCase(), mdCell(p.description), mdCell(nets)]);
    }
  }
  return [
    {
      name: 'hostnames',
      kind: 'markdown',
      title: 'Internal hostnames and ports',
      description: 'How services reach each other by Docker DNS name on their networks.',
      file: 'tables/hostnames.md',
      content: `${mdTable(['Service', 'Internal hostname', 'Port', 'Protocol', 'Purpose', 'Networks'], rows)}\n`,
    },
  ];
}
