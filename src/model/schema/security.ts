import * as z from 'zod';
import { Description } from './common.ts';

export const SecurityLayer = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'Layer title, e.g. "Network Isolation".' }),
    kind: z
      .enum(['network', 'firewall', 'transport', 'access-control', 'proxy', 'container', 'application', 'data', 'secrets'])
      .meta({ description: 'Which part of the stack the layer protects.' }),
    measures: z.array(z.string()).min(1).meta({ description: 'What the layer does, one measure per item.' }),
    description: Description.optional(),
  })
  .meta({ description: 'One layer of the security model as the team states it.' });

export const Security = z
  .strictObject({
    layers: z.array(SecurityLayer).min(1),
    notes: z.array(z.string()).optional(),
  })
  .meta({ description: 'The security model as stated by the team; the generated summary sets the model\'s proven facts beside it.' });

export const Backup = z
  .strictObject({
    name: z.string().min(1),
    target: z.string().meta({ description: 'What is backed up: a service or volume id.' }),
    schedule: z.string().meta({ description: 'When, in words or cron, e.g. "daily (cron)" or `0 3 * * *`.' }),
    tool: z.string().optional().meta({ description: 'Script or tool, e.g. `maintenance.sh`.' }),
    method: z.string().optional().meta({ description: 'e.g. "pg_dump, full database".' }),
    compression: z.string().optional(),
    destination: z.string().meta({ description: 'Where backups land, e.g. `backups/` on the host.' }),
    retention: z.string().meta({ description: 'How many or how long, e.g. "last 7 backups".' }),
    size: z.string().optional().meta({ description: 'Typical size of one backup.' }),
    offsite: z
      .strictObject({ optional: z.boolean().default(true), targets: z.array(z.string()).min(1) })
      .optional()
      .meta({ description: 'Remote copies, e.g. S3-compatible storage.' }),
    rto: z.string().optional().meta({ description: 'Recovery time objective, e.g. "< 15 minutes".' }),
    rpo: z.string().optional().meta({ description: 'Recovery point objective, e.g. "< 24 hours".' }),
    restore: z.string().optional().meta({ description: 'How to restore, e.g. a script name.' }),
    notes: z.array(z.string()).optional(),
  })
  .meta({ description: 'A backup policy.' });

export const PortConvention = z
  .strictObject({
    description: Description.optional(),
    rules: z
      .array(
        z.strictObject({
          role: z.string().meta({ description: 'Port role the rule constrains, e.g. `metrics`.' }),
          pattern: z
            .string()
            .regex(/^x*\d*$/, 'a pattern of x\'s then digits, such as xx90')
            .meta({ description: '`x` stands for the digits shared with the service\'s main port; digits must match, e.g. `xx90`.' }),
        }),
      )
      .min(1),
    services: z.array(z.string()).min(1).meta({ description: 'Services the convention applies to.' }),
  })
  .meta({ description: 'A port numbering convention, checked by `topodoc validate`.' });
