/**
 * Top-level networks (real name, driver, external, internal, subnet) and volumes (named, external, and
 * the stand-ins for anonymous volumes and tmpfs mounts) as the topology states them. Pure.
 */
import type { ComposeProject } from '../compose/types.ts';
import type { ImportNotes } from './notes.ts';
import type { SecretGuard } from './secrets.ts';

const DRIVERS = new Set(['bridge', 'overlay', 'host', 'macvlan', 'none']);

export function importNetworks(project: ComposeProject, proxy: string | undefined, routed: boolean, guard: SecretGuard, notes: ImportNotes): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, net] of Object.entries(project.networks)) {
    const entry: Record<string, unknown> = {};
    const defaultName = net.external ? key : `${project.name}_${key}`;
    if (net.realName !== defaultName) entry.name = guard.scrub(net.realName);
    if (net.driver !== undefined && net.driver !== 'bridge' && !net.external) {
      if (DRIVERS.has(net.driver)) entry.driver = net.driver;
      else notes.warn('network-driver', `network "${key}" uses driver "${net.driver}", which the topology cannot state (${[...DRIVERS].join(', ')})`, net.loc);
    }
    if (net.external) entry.external = true;
    if (net.internal) entry.internal = true;
    const subnet = net.ipam.config.map((c) => c.subnet).find((s) => s !== undefined);
    if (subnet !== undefined && /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(subnet)) entry.subnet = subnet;
    const members = Object.values(project.services).filter((s) => s.networks[key] !== undefined);
    if (routed && proxy !== undefined && members.some((s) => s.name === proxy) && members.length > 1) {
      entry.purpose = 'routing';
      notes.guess(['networks', key, 'purpose'], 'purpose', 'Traefik joining it to reach the services it routes to');
    } else if (net.internal) entry.purpose = 'internal';
    if (net.implicit) notes.comment(['networks', key], "compose's implicit default network");
    out[key] = entry;
  }
  return out;
}

export interface VolumeStandIns {
  anonymous?: string;
  tmpfs?: string;
}

export function importVolumes(project: ComposeProject, standIns: VolumeStandIns, notes: ImportNotes): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, volume] of Object.entries(project.volumes)) {
    const mounts = Object.values(project.services).flatMap((s) => s.volumes.filter((v) => v.type === 'volume' && v.source === key).map((v) => `${s.name}:${v.target}`));
    const entry: Record<string, unknown> = { persists: mounts.length > 0 ? `data mounted at ${mounts.slice(0, 3).join(', ')}${mounts.length > 3 ? ', …' : ''}` : 'nothing mounts it yet' };
    notes.guess(['volumes', key, 'persists'], 'what it keeps', 'guessed from its mounts: say what it keeps');
    if (volume.external) entry.external = true;
    out[key] = entry;
  }
  if (standIns.anonymous !== undefined) {
    out[standIns.anonymous] = { kind: 'anonymous', persists: 'anonymous volumes: data kept with each container, lost when it is removed' };
  }
  if (standIns.tmpfs !== undefined) out[standIns.tmpfs] = { kind: 'tmpfs', persists: 'nothing: tmpfs mounts live in memory' };
  return out;
}

/** An id for a stand-in volume that no compose volume uses. */
export function freeVolumeId(project: ComposeProject, wanted: string): string {
  let id = wanted;
  for (let n = 2; project.volumes[id] !== undefined; n++) id = `${wanted}-${n}`;
  return id;
}
