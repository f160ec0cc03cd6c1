/**
 * Host port publications: datastores and caches must not be published, and services the topology
 * documents as internal must not be published on every host interface.
 * KICS: container_traffic_not_bound_to_host_interface (Container Traffic Not Bound To Host Interface).
 */
import type { ComposePort } from '../../compose/types.ts';
import { servicePorts } from '../../model/queries.ts';
import { isLoopback, isWildcardHost, type SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';

function where(port: ComposePort): string {
  const host = isWildcardHost(port.hostIp) ? 'all host interfaces' : port.hostIp!;
  return `${port.published ?? 'a random port'} on ${host} (container port ${port.target}/${port.protocol})`;
}

export const datastorePublished: SecurityRule = {
  id: 'security/datastore-published',
  title: 'A database, cache, queue or object store publishes a host port',
  severity: 'error',
  rationale:
    'A datastore published on the host is reachable by anyone who can reach the host, past Traefik, its TLS and its middlewares; a host firewall does not help, because Docker writes its own iptables rules ahead of ufw. Datastores are attacked by scanners within minutes of exposure, and a weak or default password is then all that stands between the Internet and the data.',
  fix: 'Remove the `ports:` entry and let the applications reach the datastore over a Docker network (use `expose:` to document the port). For local tools, publish on the loopback address only: `127.0.0.1:5432:5432`, or use an SSH tunnel.',
  kics: ['container_traffic_not_bound_to_host_interface'],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      if (!ctx.isDatastore(service)) continue;
      for (const port of ctx.published(service)) {
        if (isLoopback(port.hostIp)) continue;
        ctx.add('error', `datastore "${service.name}" publishes ${where(port)}; datastores should be reachable only over Docker networks`, port.loc, ctx.serviceRelated(service.name));
      }
    }
  },
};

export const internalServicePublished: SecurityRule = {
  id: 'security/internal-service-published',
  title: 'A service the topology documents as internal is published on all host interfaces',
  severity: 'error',
  rationale:
    'The topology is the team\'s statement of what is reachable from outside. A port published on 0.0.0.0 (the default of `ports:`) that the topology does not declare published opens a way in that bypasses Traefik — no TLS, no authentication, no rate limit — and that nobody reviewing the docs knows about.',
  fix: 'Remove the publication and route the service through Traefik, or bind it to one address (`127.0.0.1:8080:8080`). If the service really is meant to be public on that port, declare it in the topology (`ports.<role>.published`, with `hostIp` when bound to one address).',
  kics: ['container_traffic_not_bound_to_host_interface'],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      const topo = ctx.topoService(service.name);
      if (!topo || ctx.isDatastore(service)) continue; // unknown services: drift/service-extra; datastores: their own rule
      const declared = servicePorts(topo);
      for (const port of ctx.published(service)) {
        if (!isWildcardHost(port.hostIp)) continue;
        const intended = declared.find((p) => p.port === port.target && p.published !== undefined && isWildcardHost(p.hostIp));
        if (intended) continue;
        const local = declared.find((p) => p.port === port.target && p.hostIp !== undefined && !isWildcardHost(p.hostIp));
        const why = local ? `the topology binds it to ${local.hostIp}` : 'the topology does not declare it published';
        ctx.add('error', `service "${service.name}" publishes ${where(port)}, but ${why}`, port.loc, ctx.serviceRelated(service.name));
      }
    }
  },
};
