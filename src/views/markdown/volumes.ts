import type { TopologyModel } from '../../model/schema/index.ts';
import { isHostPath } from '../../model/queries.ts';
import { mdCell, mdCode, mdTable } from '../escape.ts';
import type { Fragment } from '../types.ts';

/** Volumes and bind mounts: what each persists, who mounts it, and whether it is backed up. */
export function volumesTable(t: TopologyModel): Fragment[] {
  const mounts = new Map<string, string[]>();
  for (const [id, svc] of Object.entries(t.services)) {
    for (const v of svc.volumes ?? []) {
      const list = mounts.get(v.volume) ?? [];
      list.push(`${id}:${v.target}${v.readOnly ? ' (ro)' : ''}`);
      mounts.set(v.volume, list);
    }
  }
  const backedUp = new Set((t.backups ?? []).map((b) => b.target));
  const rows: string[][] = [];
  for (const [id, vol] of Object.entries(t.volumes ?? {})) {
    const users = mounts.get(id) ?? [];
    const backed = backedUp.has(id) || users.some((u) => backedUp.has(u.split(':')[0]!));
    rows.push([mdCode(id), vol.kind + (vol.source ? ` (${vol.source})` : '') + (vol.external ? ', external' : ''), mdCell(vol.persists), users.map(mdCode).join(', ') || '–', backed ? 'yes' : '–']);
  }
  for (const [source, users] of [...mounts].filter(([v]) => isHostPath(v)).sort(([a], [b]) => a.localeCompare(b))) {
    const socket = source.endsWith('docker.sock');
    rows.push([mdCode(source), 'bind', socket ? 'Docker API socket (control of the Docker engine)' : '–', users.map(mdCode).join(', '), '–']);
  }
  if (rows.length === 0) return [];
  return [
    {
      name: 'volumes',
      kind: 'markdown',
      title: 'Volumes',
      description: 'Volumes and bind mounts, what they persist and which services mount them.',
      file: 'tables/volumes.md',
      content: `${mdTable(['Volume', 'Kind', 'Persists', 'Mounted by', 'Backed up'], rows)}\n`,
    },
  ];
}
