import type { TopologyModel } from '../../model/schema/index.ts';
import { displayName } from '../../model/queries.ts';
import { mdCell, mdCode, mdProse, mdTable } from '../escape.ts';
import type { Fragment } from '../types.ts';

/** Docker networks with their flags and members. */
export function networksTable(t: TopologyModel): Fragment[] {
  const nets = Object.entries(t.networks ?? {});
  if (nets.length === 0) return [];
  const rows = nets.map(([id, n]) => {
    const members = Object.entries(t.services).filter(([, s]) => s.networks?.includes(id)).map(([sid]) => displayName(t, sid));
    const flags = [n.external ? 'external' : '', n.internal ? 'internal' : '', n.status && n.status !== 'active' ? n.status : ''].filter(Boolean).join(', ');
    return [
      mdCode(n.name ?? id),
      n.driver,
      flags || '–',
      n.subnet ? mdCode(n.subnet) : '–',
      mdCell(n.purpose),
      members.map(mdCell).join(', ') || '–',
    ];
  });
  return [
    {
      name: 'networks',
      kind: 'markdown',
      title: 'Networks',
      description: 'Docker networks, their isolation flags and the services on each.',
      file: 'tables/networks.md',
      content: `${notes(nets)}${mdTable(['Network', 'Driver', 'Flags', 'Subnet', 'Purpose', 'Members'], rows)}\n`,
    },
  ];
}

function notes(nets: Array<[string, NonNullable<TopologyModel['networks']>[string]]>): string {
  const described = nets.filter(([, n]) => n.description);
  return described.length ? `${described.map(([id, n]) => `**${id}:** ${mdProse(n.description!)}`).join('\n\n')}\n\n` : '';
}
