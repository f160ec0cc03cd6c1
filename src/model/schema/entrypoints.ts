import * as z from 'zod';
import { Description, Id, PortNumber } from './common.ts';

export const EntrypointRedirect = z
  .strictObject({
    to: Id.meta({ description: 'Entrypoint that requests are redirected to, e.g. `websecure`.' }),
    scheme: z.enum(['https', 'http']).default('https'),
    permanent: z.boolean().default(true).meta({ description: '301/308 when true, 302/307 when false.' }),
  })
  .meta({ description: 'A redirect of every request on this entrypoint (Traefik `http.redirections.entryPoint`).' });

export const Entrypoint = z
  .strictObject({
    port: PortNumber.meta({ description: 'Port Traefik listens on inside its container.' }),
    published: PortNumber.optional().meta({ description: 'Host port mapped to it; defaults to `port`. Omit `exposed` or set it false for entrypoints not published.' }),
    exposed: z.boolean().default(true).meta({ description: 'Whether the port is published on the host.' }),
    protocol: z.enum(['http', 'https', 'tcp', 'udp']).meta({ description: 'What the entrypoint speaks. `https` means TLS is terminated here.' }),
    redirect: EntrypointRedirect.optional(),
    certResolver: Id.optional().meta({ description: 'Default TLS resolver for routers on this entrypoint.' }),
    optional: z.boolean().optional().meta({ description: 'An entrypoint the doc calls optional (e.g. a dashboard port).' }),
    description: Description.optional(),
  })
  .meta({ description: 'A Traefik entrypoint (static configuration).' });

export const Entrypoints = z.record(Id, Entrypoint).meta({ description: 'Traefik entrypoints by name (`web`, `websecure`…).' });
