import * as z from 'zod';
import { Id } from './common.ts';
import { Dns } from './dns.ts';
import { Entrypoints } from './entrypoints.ts';
import { Firewall, Ssh } from './firewall.ts';
import { Flow } from './flows.ts';
import { Infrastructure } from './hosts.ts';
import { Middleware } from './middlewares.ts';
import { Network, Volume } from './networks.ts';
import { Route } from './routes.ts';
import { Backup, PortConvention, Security } from './security.ts';
import { Service } from './services.ts';
import { SystemInfo } from './system.ts';
import { Tls } from './tls.ts';

/** The whole topology file: one system, everything its docs state. */
export const Topology = z
  .strictObject({
    ...SystemInfo,
    dns: Dns.optional(),
    firewall: Firewall.optional(),
    ssh: Ssh.optional(),
    infrastructure: Infrastructure.optional(),
    proxy: Id.optional().meta({ description: 'Id of the Traefik service; defaults to the only service of kind `proxy`.' }),
    entrypoints: Entrypoints.optional(),
    tls: Tls.optional(),
    middlewares: z.record(Id, Middleware).optional().meta({ description: 'Traefik middlewares by name.' }),
    services: z.record(Id, Service).meta({ description: 'Container services by compose service name.' }),
    routes: z.record(Id, Route).optional().meta({ description: 'Traefik routers by name.' }),
    networks: z.record(Id, Network).optional().meta({ description: 'Docker networks by compose key.' }),
    volumes: z.record(Id, Volume).optional().meta({ description: 'Volumes by compose key.' }),
    flows: z.record(Id, Flow).optional().meta({ description: 'Explicit sequences (access, deployment, request walk-throughs) by id.' }),
    security: Security.optional(),
    backups: z.array(Backup).optional(),
    portConvention: PortConvention.optional(),
  })
  .meta({ title: 'topodoc topology', description: 'One system: its services, networks, routing, TLS, security and operations.' });

export type TopologyInput = z.input<typeof Topology>;
export type TopologyModel = z.output<typeof Topology>;
