import type { TopologyModel } from '../../model/schema/index.ts';
import { displayName, publications, servicePorts } from '../../model/queries.ts';
import { mdCell, mdTable } from '../escape.ts';
import type { Fragment } from '../types.ts';

/** What the host exposes, and what stays on Docker networks (seed 003's port mapping tables). */
export function publishedPorts(t: TopologyModel): Fragment[] {
  const pubs = publications(t);
  const published = mdTable(
    ['Host port', 'Container port', 'Service', 'Purpose'],
    pubs.map((p) => {
      const ep = p.what.startsWith('entrypoint ') ? t.entrypoints?.[p.what.slice('entrypoint '.length)] : undefined;
      const purpose = ep?.description ?? p.what + (ep?.redirect ? ` (redirects to ${ep.redirect.to})` : '');
      return [
        `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort}${p.protocol === 'udp' ? '/udp' : ''}`,
        String(p.containerPort),
        mdCell(displayName(t, p.owner)),
        mdCell(purpose + (p.optional ? ' (optional)' : '')),
      ];
    }),
  );
  const owners = new Set(pubs.map((p) => p.owner));
  const internalRows: string[][] = [];
  for (const [id, svc] of Object.entries(t.services)) {
    for (const p of servicePorts(svc)) {
      if (p.published !== undefined) continue;
      if (owners.has(id) && pubs.some((x) => x.owner === id && x.containerPort === p.port)) continue;
      internalRows.push([String(p.port), mdCell(id), mdCell(p.description ?? `${p.role}${svc.technology ? ` (${svc.technology})` : ''}`)]);
    }
  }
  const summary =
    owners.size === 0
      ? 'No service publishes a host port.'
      : `Only ${[...owners].map((o) => displayName(t, o)).join(', ')} ${owners.size === 1 ? 'publishes' : 'publish'} ports on the host.`;
  return [
    {
      name: 'published-ports',
      kind: 'markdown',
      title: 'Host-published ports',
      description: 'Ports published on the host, and container-only ports reachable just inside Docker networks.',
      file: 'tables/published-ports.md',
      content: `${mdCell(summary)}\n\n${published}\n\n**Container-only ports** (reachable only inside Docker networks):\n\n${mdTable(['Container port', 'Service', 'Purpose'], internalRows)}\n`,
    },
  ];
}
