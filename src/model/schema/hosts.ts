import * as z from 'zod';
import { Description, Id, Notes } from './common.ts';

export const Host = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'Display name, e.g. "VPS" or "EC2 instance".' }),
    kind: z
      .enum(['vps', 'vm', 'bare-metal', 'cloud-instance', 'managed'])
      .optional()
      .meta({ description: 'What kind of machine it is; left out when the docs do not say.' }),
    provider: z.string().optional().meta({ description: 'Hosting provider, e.g. "AWS", "DigitalOcean".' }),
    alternatives: z.array(z.string()).optional().meta({ description: 'Other places the doc says it runs on equally.' }),
    resources: z
      .strictObject({ cpus: z.number().positive().optional(), memory: z.string().optional(), disk: z.string().optional() })
      .optional()
      .meta({ description: 'Current size.' }),
    description: Description.optional(),
  })
  .meta({ description: 'A server the stack runs on.' });

export const VerticalScaling = z
  .strictObject({
    resource: z.string().meta({ description: 'CPU, RAM, Disk…' }),
    steps: z.array(z.string()).min(1).meta({ description: 'Sizes to grow through, e.g. ["2 cores", "4 cores", "8 cores"].' }),
  })
  .meta({ description: 'How one resource of the host grows.' });

export const HighAvailability = z
  .strictObject({
    optional: z.boolean().default(true).meta({ description: 'An optional extension rather than the running setup.' }),
    description: Description.optional(),
    loadBalancer: z.string().meta({ description: 'What spreads traffic over the servers, e.g. "AWS ALB / DigitalOcean LB".' }),
    servers: z
      .array(z.strictObject({ name: z.string(), runs: z.array(z.string()).meta({ description: 'What runs on it.' }) }))
      .min(2)
      .meta({ description: 'Servers behind the load balancer.' }),
    database: z.string().optional().meta({ description: 'Shared database, e.g. "RDS (managed)".' }),
    notes: Notes.optional(),
  })
  .meta({ description: 'An HA layout: a load balancer in front of several servers sharing a database.' });

export const Infrastructure = z
  .strictObject({
    hosts: z.record(Id, Host).optional().meta({ description: 'Servers, by id.' }),
    verticalScaling: z.array(VerticalScaling).optional(),
    highAvailability: HighAvailability.optional(),
  })
  .meta({ description: 'Where the stack runs and how it grows.' });
