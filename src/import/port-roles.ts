/**
 * Gives each container port of a service a role (`main`, `metrics`, `admin`…), as the topology
 * records ports by role. Roles come from the port's compose `name`, the image's well-known ports, the
 * port Traefik routes to, the application protocol and the port number; every role but an explicit
 * name is a guess and says why. A role holds one port, so a service with more ports than roles keeps
 * the first ones and reports the rest. Pure.
 */
import type { PortRoleName, Technology } from './technologies.ts';

export const PORT_ROLE_NAMES: readonly PortRoleName[] = ['main', 'http', 'https', 'stream', 'websocket', 'metrics', 'health', 'admin', 'console', 'dashboard', 'grpc'];

export interface PortCandidate {
  port: number;
  protocol: 'tcp' | 'udp';
  /** Host port, when published on one. */
  published?: number;
  /** Host address it is published on, when not every address. */
  hostIp?: string;
  /** Long-syntax `name:`. */
  name?: string;
  /** Long-syntax `app_protocol:`. */
  appProtocol?: string;
  /** A Traefik HTTP router sends traffic to it. */
  routed?: boolean;
}

export interface AssignedPort {
  role: PortRoleName;
  candidate: PortCandidate;
  /** Why this role, when it is a guess. */
  guess?: string;
}

export interface PortRoles {
  assigned: AssignedPort[];
  /** Ports no role was left for. */
  unassigned: PortCandidate[];
}

/** Roles tried, in order, for a port nothing else says anything about. */
const FALLBACK_TCP: readonly PortRoleName[] = ['main', 'http', 'admin', 'console', 'dashboard', 'stream', 'websocket', 'grpc', 'https', 'health', 'metrics'];
const FALLBACK_UDP: readonly PortRoleName[] = ['main', 'stream', 'http', 'admin', 'console', 'dashboard', 'websocket', 'grpc', 'https', 'health', 'metrics'];

const WELL_KNOWN: Record<number, PortRoleName> = { 443: 'https', 8443: 'https', 4317: 'grpc', 50051: 'grpc', 9464: 'metrics' };

/** Kinds whose extra ports are rarely HTTP (a replication or protocol port before a web UI). */
const NON_HTTP_KINDS = new Set(['database', 'cache', 'queue']);
const FALLBACK_NON_HTTP: readonly PortRoleName[] = ['main', 'stream', 'admin', 'console', 'dashboard', 'http', 'websocket', 'grpc', 'https', 'health', 'metrics'];

export function assignPortRoles(candidates: PortCandidate[], technology?: Technology, kind?: string): PortRoles {
  const assigned: AssignedPort[] = [];
  const taken = new Set<PortRoleName>();
  const pending = [...candidates];
  const give = (candidate: PortCandidate, role: PortRoleName, guess?: string) => {
    taken.add(role);
    pending.splice(pending.indexOf(candidate), 1);
    assigned.push(guess === undefined ? { role, candidate } : { role, candidate, guess });
  };
  const pass = (pick: (c: PortCandidate) => { role: PortRoleName; guess?: string } | undefined) => {
    for (const candidate of [...pending]) {
      const choice = pick(candidate);
      if (choice && !taken.has(choice.role)) give(candidate, choice.role, choice.guess);
    }
  };
  const tech = technology?.product || technology?.name;

  pass((c) => {
    const role = c.name?.toLowerCase();
    return role !== undefined && (PORT_ROLE_NAMES as readonly string[]).includes(role) ? { role: role as PortRoleName } : undefined;
  });
  pass((c) => {
    const role = c.protocol === 'tcp' || technology?.ports?.[c.port] === 'main' ? technology?.ports?.[c.port] : undefined;
    return role ? { role, guess: `${tech ? `${tech}'s` : 'the image\'s'} ${role === 'main' ? 'default' : role} port` } : undefined;
  });
  pass((c) => (c.routed ? { role: 'main', guess: 'the port Traefik routes to' } : undefined));
  pass((c) => {
    const byProtocol = appProtocolRole(c.appProtocol);
    if (byProtocol) return { role: byProtocol, guess: `app_protocol ${c.appProtocol}` };
    const byNumber = WELL_KNOWN[c.port];
    return byNumber ? { role: byNumber, guess: `port ${c.port} usually serves ${byNumber === 'https' ? 'HTTPS' : byNumber}` } : undefined;
  });
  for (const candidate of [...pending]) {
    const order = candidate.protocol === 'udp' ? FALLBACK_UDP : NON_HTTP_KINDS.has(kind ?? '') ? FALLBACK_NON_HTTP : FALLBACK_TCP;
    const role = order.find((r) => !taken.has(r));
    if (!role) continue;
    give(candidate, role, role === 'main' ? 'the first port of the service' : 'a free role for a further port');
  }
  return { assigned: sortByRole(assigned), unassigned: pending };
}

function appProtocolRole(appProtocol: string | undefined): PortRoleName | undefined {
  switch (appProtocol?.toLowerCase()) {
    case 'grpc':
    case 'h2c':
      return 'grpc';
    case 'https':
      return 'https';
    case 'ws':
    case 'wss':
      return 'websocket';
    default:
      return undefined;
  }
}

/** Roles in the schema's order, so the written ports read main first. */
function sortByRole(ports: AssignedPort[]): AssignedPort[] {
  return [...ports].sort((a, b) => PORT_ROLE_NAMES.indexOf(a.role) - PORT_ROLE_NAMES.indexOf(b.role));
}
