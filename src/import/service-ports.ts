/**
 * The container ports of one compose service, gathered from `ports`, `expose` and Traefik port labels,
 * with their host publications, ready for role assignment (port-roles.ts). Publications the proxy's
 * entrypoints already state are left to them. Pure.
 */
import type { ComposePort, ComposeService } from '../compose/types.ts';
import type { ImportNotes } from './notes.ts';
import type { PortCandidate } from './port-roles.ts';
import { isWildcard } from './traefik-static.ts';

export interface PortSources {
  /** Proxy publications stated by entrypoints. */
  covered: Set<ComposePort>;
  /** For the proxy: its entrypoint container ports (`80/tcp`), declared by the entrypoints. */
  entrypointPorts: Set<string>;
  labelPorts: Array<{ port: number; protocol: 'tcp' | 'udp' }>;
  routedPorts: Set<number>;
}

export function portCandidates(service: ComposeService, sources: PortSources, notes: ImportNotes): PortCandidate[] {
  const out: PortCandidate[] = [];
  const find = (port: number, protocol: string) => out.find((c) => c.port === port && c.protocol === protocol);
  const protocolOf = (written: string, loc: ComposePort['loc']): 'tcp' | 'udp' | undefined => {
    if (written === 'tcp' || written === 'udp') return written;
    notes.warn('port-protocol', `service "${service.name}" uses protocol ${written}, which the topology cannot state (tcp or udp); the port is left out`, loc);
    return undefined;
  };
  for (const p of service.ports) {
    if (sources.covered.has(p)) continue;
    const protocol = protocolOf(p.protocol, p.loc);
    if (protocol === undefined) continue;
    const candidate: PortCandidate = { port: p.target, protocol };
    if (p.published !== undefined && /^\d+$/.test(p.published)) {
      candidate.published = Number(p.published);
      if (!isWildcard(p.hostIp)) candidate.hostIp = p.hostIp!;
    } else {
      notes.warn(
        'published-port',
        `service "${service.name}" publishes container port ${p.target}/${p.protocol} on ${p.published === undefined ? 'an ephemeral host port' : `host port range ${p.published}`}; the topology states fixed host ports only, so "topodoc check" will report it`,
        p.loc,
      );
    }
    if (p.name !== undefined) candidate.name = p.name;
    if (p.appProtocol !== undefined) candidate.appProtocol = p.appProtocol;
    const prior = find(p.target, protocol);
    if (prior && prior.published === undefined) {
      Object.assign(prior, candidate);
      continue;
    }
    if (prior && candidate.published === undefined) continue;
    out.push(candidate);
  }
  for (const e of service.expose) {
    const protocol = protocolOf(e.protocol, e.loc);
    if (protocol === undefined || find(e.port, protocol)) continue;
    if (sources.entrypointPorts.has(`${e.port}/${protocol}`)) continue;
    out.push({ port: e.port, protocol });
  }
  for (const l of sources.labelPorts) {
    if (!find(l.port, l.protocol)) out.push({ port: l.port, protocol: l.protocol });
  }
  // Entrypoint ports of the proxy that no publication remains for are declared by the entrypoints.
  const kept = out.filter((c) => c.published !== undefined || !sources.entrypointPorts.has(`${c.port}/${c.protocol}`));
  for (const c of kept) if (c.protocol === 'tcp' && sources.routedPorts.has(c.port)) c.routed = true;
  return kept.sort((a, b) => Number(b.routed ?? false) - Number(a.routed ?? false) || a.port - b.port || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
}
