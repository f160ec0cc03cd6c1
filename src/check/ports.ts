/**
 * Container ports (`expose`, `ports` targets, Traefik port labels, the proxy's entrypoints) against the
 * topology's ports by role, and host publications (`ports`) against what the topology declares published.
 * A port the topology lists but compose never mentions is only a note: the image's EXPOSE decides.
 */
import type { ComposePort } from '../compose/types.ts';
import type { SourceLoc } from '../model/diagnostics.ts';
import { proxyId, publications, servicePorts, type Publication } from '../model/queries.ts';
import type { CheckContext } from './context.ts';
import { related } from './context.ts';

interface SeenPort {
  port: number;
  protocol: string;
  loc: SourceLoc;
  how: string;
}

export function comparePorts(ctx: CheckContext): void {
  const labelPorts = labelPortsByService(ctx);
  const proxy = proxyId(ctx.topology);
  for (const id of ctx.sharedServices()) compareContainerPorts(ctx, id, labelPorts.get(id) ?? [], id === proxy);
  comparePublications(ctx);
}

/** Ports named by `loadbalancer.server.port` labels, per compose service. */
function labelPortsByService(ctx: CheckContext): Map<string, SeenPort[]> {
  const out = new Map<string, SeenPort[]>();
  for (const service of ctx.traefik.services) {
    for (const server of service.servers) {
      if (server.source !== 'label' || server.composeService === null || server.port === null || server.loc === null) continue;
      const list = out.get(server.composeService) ?? [];
      list.push({ port: server.port, protocol: service.protocol === 'udp' ? 'udp' : 'tcp', loc: server.loc, how: 'Traefik port label' });
      out.set(server.composeService, list);
    }
  }
  return out;
}

function compareContainerPorts(ctx: CheckContext, id: string, labels: SeenPort[], isProxy: boolean): void {
  const service = ctx.topology.services[id]!;
  const compose = ctx.composeService(id)!;
  const seen: SeenPort[] = [
    ...compose.ports.map((p) => ({ port: p.target, protocol: p.protocol, loc: p.loc, how: 'ports' })),
    ...compose.expose.map((e) => ({ port: e.port, protocol: e.protocol, loc: e.loc, how: 'expose' })),
    ...labels,
  ];
  if (isProxy && ctx.traefik.staticKnown) {
    for (const ep of ctx.traefik.entrypoints) {
      if (ep.port !== null) seen.push({ port: ep.port, protocol: ep.protocol, loc: ep.loc ?? compose.loc, how: `entrypoint "${ep.name}"` });
    }
  }
  const declared = servicePorts(service).map((p) => ({ port: p.port, protocol: p.protocol as string, role: p.role as string, path: ['services', id, 'ports', p.role] as Array<string | number> }));
  if (isProxy) {
    for (const [name, ep] of Object.entries(ctx.topology.entrypoints ?? {})) {
      declared.push({ port: ep.port, protocol: ep.protocol === 'udp' ? 'udp' : 'tcp', role: `entrypoint ${name}`, path: ['entrypoints', name, 'port'] });
    }
  }

  const reported = new Set<string>();
  // Port labels and entrypoints are compared with routes and entrypoints; here they only count as seen.
  for (const port of seen.filter((p) => p.how === 'ports' || p.how === 'expose')) {
    const key = `${port.port}/${port.protocol}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const sameNumber = declared.filter((d) => d.port === port.port);
    if (sameNumber.length === 0) {
      ctx.add(
        'drift/port-undeclared',
        'error',
        `service "${id}" has container port ${key} (${port.how}), which the topology does not list among its ports`,
        port.loc,
        [related('topology ports of the service', ctx.topo(service.ports ? ['services', id, 'ports'] : ['services', id], true))],
      );
    } else if (!sameNumber.some((d) => d.protocol === port.protocol)) {
      const first = sameNumber[0]!;
      ctx.add(
        'drift/port-protocol',
        'error',
        `service "${id}" has container port ${key} (${port.how}), but the topology lists port ${first.port} (${first.role}) as ${first.protocol}`,
        port.loc,
        [related('topology port', ctx.topo(first.path))],
      );
    }
  }
  for (const d of declared) {
    if (d.role.startsWith('entrypoint ')) continue; // entrypoints are compared on their own (entrypoints.ts)
    if (seen.some((p) => p.port === d.port)) continue;
    ctx.add(
      'drift/port-unverifiable',
      'note',
      `port ${d.port} (${d.role}) of service "${id}" appears nowhere in compose (no expose, ports or Traefik port label), so it cannot be verified: the image's EXPOSE decides`,
      ctx.topo(d.path),
      [related('compose service', compose.loc)],
    );
  }
}

function isWildcard(ip: string | undefined): boolean {
  return ip === undefined || ip === '' || ip === '0.0.0.0' || ip === '::';
}

function hostOf(port: ComposePort): string {
  const ip = port.hostIp === undefined ? '' : port.hostIp.includes(':') ? `[${port.hostIp}]:` : `${port.hostIp}:`;
  return port.published === undefined ? `an ephemeral host port${ip ? ` on ${ip.slice(0, -1)}` : ''}` : `host port ${ip}${port.published}`;
}

function comparePublications(ctx: CheckContext): void {
  const pubs = publications(ctx.topology);
  const proxy = proxyId(ctx.topology);
  const matched = new Set<Publication>();
  const byOwner = new Map<string, Publication[]>();
  for (const pub of pubs) byOwner.set(pub.owner, [...(byOwner.get(pub.owner) ?? []), pub]);
  for (const [name, service] of Object.entries(ctx.compose.services)) {
    if (!ctx.topology.services[name]) continue; // reported as drift/service-extra
    for (const port of service.ports) {
      const protocol = port.protocol === 'udp' ? 'udp' : 'tcp';
      const candidates = (byOwner.get(name) ?? []).filter((p) => p.containerPort === port.target && p.protocol === protocol);
      const pub = candidates.find((p) => port.published === String(p.hostPort)) ?? candidates[0];
      const published = `${port.target}/${port.protocol}`;
      if (!pub) {
        const hiddenEntrypoint = name === proxy ? Object.entries(ctx.topology.entrypoints ?? {}).find(([, ep]) => ep.port === port.target && !ep.exposed) : undefined;
        if (hiddenEntrypoint) {
          ctx.add(
            'drift/entrypoint-published',
            'error',
            `compose publishes entrypoint "${hiddenEntrypoint[0]}" (container port ${published}) on ${hostOf(port)}, but the topology says it is not exposed`,
            port.loc,
            [related('topology entrypoint', ctx.topo(['entrypoints', hiddenEntrypoint[0]], true))],
          );
          continue;
        }
        const role = ctx.topology.services[name]!.ports ? servicePorts(ctx.topology.services[name]!).find((p) => p.port === port.target) : undefined;
        ctx.add(
          'drift/published-port-undeclared',
          'error',
          `service "${name}" publishes container port ${published} on ${hostOf(port)}, which the topology does not declare published`,
          port.loc,
          [related(role ? `topology port "${role.role}" (no published)` : 'topology service', ctx.topo(role ? ['services', name, 'ports', role.role] : ['services', name], true))],
        );
        continue;
      }
      matched.add(pub);
      const rule = pub.what.startsWith('entrypoint ') ? 'drift/entrypoint-published' : 'drift/published-port-mismatch';
      if (port.published !== String(pub.hostPort)) {
        ctx.add(
          rule,
          'error',
          `service "${name}" publishes container port ${published} (${pub.what}) on ${hostOf(port)}; the topology says host port ${pub.hostPort}`,
          port.loc,
          [related(`topology ${pub.what}`, ctx.topo(pub.path))],
        );
      } else if (isWildcard(pub.hostIp) !== isWildcard(port.hostIp) || (!isWildcard(pub.hostIp) && pub.hostIp !== port.hostIp)) {
        const topoIp = isWildcard(pub.hostIp) ? 'every host address' : pub.hostIp!;
        const composeIp = isWildcard(port.hostIp) ? 'every host address' : port.hostIp!;
        ctx.add(
          'drift/published-port-host-ip',
          isWildcard(port.hostIp) ? 'error' : 'warning',
          `service "${name}" publishes host port ${pub.hostPort} (${pub.what}) on ${composeIp}; the topology says ${topoIp}`,
          port.loc,
          [related(`topology ${pub.what}`, ctx.topo(pub.path.slice(0, -1).concat(pub.hostIp === undefined ? [] : ['hostIp']), true))],
        );
      }
    }
  }
  for (const pub of pubs) {
    if (matched.has(pub)) continue;
    if (!ctx.compose.services[pub.owner] && ctx.topology.services[pub.owner]) continue; // drift/service-missing says it
    const entrypoint = pub.what.startsWith('entrypoint ');
    ctx.add(
      entrypoint ? 'drift/entrypoint-published' : 'drift/published-port-missing',
      pub.optional ? 'note' : 'error',
      `the topology publishes container port ${pub.containerPort}/${pub.protocol} of "${pub.owner}" (${pub.what}) on host port ${pub.hostPort}, but compose does not publish it${pub.optional ? ' (marked optional)' : ''}`,
      ctx.topo(pub.path),
      [related('compose service', ctx.composeAnchor(pub.owner))],
    );
  }
}
