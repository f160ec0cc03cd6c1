import * as z from 'zod';
import { Description } from './common.ts';

export const DnsRecord = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'Record name relative to the domain (`@`, `*`, `api`).' }),
    type: z.enum(['A', 'AAAA', 'CNAME', 'TXT', 'MX', 'CAA', 'NS']).meta({ description: 'DNS record type.' }),
    value: z.string().meta({ description: 'Record value, e.g. the server IP or a CNAME target.' }),
  })
  .meta({ description: 'One DNS record.' });

export const Domain = z
  .strictObject({
    name: z
      .string()
      .regex(/^(\*\.)?[A-Za-z0-9${}_.-]+$/, 'a domain such as example.com or *.example.com')
      .meta({ description: 'The domain. `*.example.com` declares a wildcard; `${DOMAIN}` placeholders are kept as written.' }),
    description: Description.optional(),
    records: z.array(DnsRecord).optional().meta({ description: 'Records that matter to the system.' }),
  })
  .meta({ description: 'A domain the system answers on.' });

export const Dns = z
  .strictObject({
    provider: z.string().optional().meta({ description: 'Who hosts the zone (Cloudflare, Route 53…).' }),
    domains: z.array(Domain).min(1).meta({ description: 'Domains and wildcards. Every route host must fall under one of them.' }),
    notes: z.array(z.string()).optional(),
  })
  .meta({ description: 'How public names resolve to the system.' });
