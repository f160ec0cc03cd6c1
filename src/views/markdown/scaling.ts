import type { TopologyModel } from '../../model/schema/index.ts';
import { displayName } from '../../model/queries.ts';
import { mdCell, mdCode, mdTable } from '../escape.ts';
import type { Fragment } from '../types.ts';

/** Replicas, how far each service scales and how load spreads; host sizes and the HA layout. */
export function scalingTable(t: TopologyModel): Fragment[] {
  const rows = Object.entries(t.services)
    .filter(([, s]) => s.scaling || s.resources)
    .map(([id, s]) => [
      mdCell(displayName(t, id)),
      String(s.scaling?.replicas ?? 1),
      s.scaling?.max !== undefined ? `${s.scaling.max} (${mdCode(`docker compose up -d --scale ${id}=${s.scaling.max}`)})` : '–',
      s.scaling?.horizontal === undefined ? '–' : s.scaling.horizontal ? 'yes' : 'no',
      mdCell([s.scaling?.strategy, ...(s.scaling?.notes ?? [])].filter(Boolean).join('; ')),
      s.resources ? mdCell([s.resources.cpus !== undefined ? `${s.resources.cpus} CPU` : '', s.resources.memory ?? ''].filter(Boolean).join(', ')) : '–',
    ]);
  const parts: string[] = [];
  if (rows.length) parts.push(mdTable(['Service', 'Replicas', 'Scale to', 'Horizontal', 'How load spreads', 'Limits'], rows));
  const infra = t.infrastructure;
  if (infra?.verticalScaling?.length) {
    parts.push(`**Vertical scaling (single server)**\n\n${mdTable(['Resource', 'Steps'], infra.verticalScaling.map((v) => [mdCell(v.resource), v.steps.map(mdCell).join(' → ')]))}`);
  }
  if (parts.length === 0) return [];
  return [
    {
      name: 'scaling',
      kind: 'markdown',
      title: 'Scaling',
      description: 'Replicas and scaling limits per service, and how the host grows.',
      file: 'tables/scaling.md',
      content: `${parts.join('\n\n')}\n`,
    },
  ];
}
