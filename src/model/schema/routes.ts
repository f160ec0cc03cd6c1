import * as z from 'zod';
import { Description, Id, PortNumber, Status } from './common.ts';
import { PortRole } from './services.ts';

export const Route = z
  .strictObject({
    host: z
      .string()
      .min(1)
      .meta({ description: 'Host matched (Traefik `Host(...)`, `HostSNI(...)`); `${DOMAIN}` placeholders are kept as written. `*` matches any host (a rule without Host, `HostSNI(`*`)`, a UDP router).' }),
    path: z.string().regex(/^\//, 'a path starting with "/"').optional().meta({ description: 'Path prefix matched (Traefik `PathPrefix(...)`).' }),
    service: Id.meta({ description: 'Service the route sends traffic to.' }),
    port: z.union([PortRole, PortNumber]).default('main').meta({ description: 'Target port on the service: a role or a number.' }),
    entrypoints: z.array(Id).min(1).meta({ description: 'Entrypoints the router listens on.' }),
    middlewares: z.array(z.string()).optional().meta({ description: 'Middlewares in order; ids from `middlewares`, optionally suffixed `@provider`.' }),
    tls: z
      .union([z.boolean(), z.strictObject({ certResolver: Id.optional(), options: z.string().optional() })])
      .optional()
      .meta({ description: '`true`, or the certificate resolver; absent means plain HTTP.' }),
    redirect: z
      .strictObject({
        to: z.string().min(1).meta({ description: 'Where requests go instead, e.g. `https://admin.example.com`.' }),
        permanent: z.boolean().default(true),
      })
      .optional()
      .meta({ description: 'The route only redirects (e.g. root domain → admin subdomain).' }),
    auth: z
      .enum(['none', 'forward-auth', 'basic-auth', 'app'])
      .optional()
      .meta({ description: 'Who authenticates requests: a middleware, or the app itself (`app`, e.g. JWT).' }),
    public: z.boolean().default(true).meta({ description: 'Reachable from the Internet.' }),
    status: Status.optional(),
    description: Description.optional(),
  })
  .meta({ description: 'A Traefik router: which requests go to which service port, through which middlewares.' });
