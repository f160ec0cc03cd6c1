import * as z from 'zod';
import { Description, Status } from './common.ts';

export const Network = z
  .strictObject({
    name: z.string().optional().meta({ description: 'Real Docker name when it differs from the id (compose `name:`).' }),
    driver: z.enum(['bridge', 'overlay', 'host', 'macvlan', 'none']).default('bridge'),
    external: z.boolean().default(false).meta({ description: 'Created outside this compose project (shared, e.g. a Traefik network).' }),
    internal: z.boolean().default(false).meta({ description: 'No route to the outside world (compose `internal: true`).' }),
    subnet: z
      .string()
      .regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'a CIDR such as 172.25.0.0/16')
      .optional()
      .meta({ description: 'IPAM subnet.' }),
    purpose: z.enum(['routing', 'internal', 'shared']).optional().meta({
      description: '`routing`: Traefik reaches apps through it; `internal`: app ↔ datastore only.',
    }),
    status: Status.optional(),
    description: Description.optional(),
  })
  .meta({ description: 'A Docker network.' });

export const Volume = z
  .strictObject({
    kind: z
      .enum(['named', 'bind', 'tmpfs', 'anonymous'])
      .default('named')
      .meta({ description: '`named` volume, `bind` mount, `tmpfs`, or `anonymous`: stands for the anonymous volumes compose creates for mounts without a source.' }),
    source: z.string().optional().meta({ description: 'Host path for bind mounts, e.g. `./backups`.' }),
    persists: z.string().meta({ description: 'What it keeps, e.g. "Database persistence".' }),
    external: z.boolean().optional(),
    description: Description.optional(),
  })
  .meta({ description: 'A volume or bind mount and what it persists.' });
