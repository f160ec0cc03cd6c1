import type { TopologyModel } from '../../model/schema/index.ts';
import { mdCell, mdCode, mdProse, mdTable, mdText } from '../escape.ts';
import type { Fragment } from '../types.ts';

/** Backups, hosts and the HA layout. */
export function operations(t: TopologyModel): Fragment[] {
  const parts: string[] = [];
  for (const b of t.backups ?? []) {
    const rows: Array<[string, string | undefined]> = [
      ['What', `${b.target}`],
      ['Schedule', b.schedule],
      ['Tool', b.tool],
      ['Method', b.method],
      ['Compression', b.compression],
      ['Destination', b.destination],
      ['Retention', b.retention],
      ['Size', b.size],
      ['Off-site copies', b.offsite ? `${b.offsite.targets.join(', ')}${b.offsite.optional ? ' (optional)' : ''}` : undefined],
      ['Restore', b.restore],
      ['RTO (recovery time objective)', b.rto],
      ['RPO (recovery point objective)', b.rpo],
    ];
    parts.push(
      `**Backup: ${mdText(b.name)}**\n\n${mdTable(['', ''], rows.filter(([, v]) => v !== undefined).map(([k, v]) => [k, mdCell(v)]))}${(b.notes ?? []).map((n) => `\n- ${mdProse(n)}`).join('')}`,
    );
  }
  const infra = t.infrastructure;
  const hosts = Object.entries(infra?.hosts ?? {});
  if (hosts.length) {
    parts.push(
      `**Hosts**\n\n${mdTable(
        ['Host', 'Kind', 'Provider', 'Size', 'Notes'],
        hosts.map(([id, h]) => [
          `${mdText(h.name)} (${mdCode(id)})`,
          mdCell(h.kind),
          mdCell([h.provider, ...(h.alternatives ?? [])].filter(Boolean).join(' / ')),
          mdCell([h.resources?.cpus !== undefined ? `${h.resources.cpus} CPU` : '', h.resources?.memory ?? '', h.resources?.disk ?? ''].filter(Boolean).join(', ')),
          mdCell(h.description),
        ]),
      )}`,
    );
  }
  const ha = infra?.highAvailability;
  if (ha) {
    parts.push(
      `**High availability${ha.optional ? ' (optional)' : ''}**\n\n${ha.description ? `${mdProse(ha.description)}\n\n` : ''}- Load balancer: ${mdText(ha.loadBalancer)}\n${ha.servers.map((s) => `- ${mdText(s.name)}: ${s.runs.map(mdText).join(', ')}`).join('\n')}${ha.database ? `\n- Shared database: ${mdText(ha.database)}` : ''}${(ha.notes ?? []).map((n) => `\n- ${mdProse(n)}`).join('')}`,
    );
  }
  if (parts.length === 0) return [];
  return [
    {
      name: 'operations',
      kind: 'markdown',
      title: 'Operations',
      description: 'Backups, hosts and high availability.',
      file: 'tables/operations.md',
      content: `${parts.join('\n\n')}\n`,
    },
  ];
}
