import * as z from 'zod';
import { Description, PortNumber } from './common.ts';

export const FirewallRule = z
  .strictObject({
    action: z.enum(['allow', 'deny', 'reject', 'limit']).meta({ description: '`limit` is ufw\'s rate-limited allow.' }),
    direction: z.enum(['in', 'out']).default('in').meta({ description: 'Traffic direction.' }),
    port: z
      .union([PortNumber, z.string().regex(/^\d+(:\d+)?$/, 'a port or a range such as 6000:6007')])
      .optional()
      .meta({ description: 'Port or range; omitted means every port.' }),
    protocol: z.enum(['tcp', 'udp', 'any']).default('tcp'),
    from: z.string().default('any').meta({ description: 'Source address or CIDR; `any` for everyone.' }),
    state: z
      .array(z.enum(['NEW', 'ESTABLISHED', 'RELATED']))
      .optional()
      .meta({ description: 'Connection states this rule matches (iptables `-m state`).' }),
    description: Description.optional(),
    optional: z.boolean().optional().meta({ description: 'Recommended but not required (e.g. "SSH, if needed").' }),
  })
  .meta({ description: 'One firewall rule, rendered as ufw and iptables commands.' });

export const Firewall = z
  .strictObject({
    kind: z
      .enum(['ufw', 'iptables', 'nftables', 'security-group', 'cloud-firewall'])
      .meta({ description: 'The firewall in front of the host.' }),
    alternatives: z
      .array(z.string())
      .optional()
      .meta({ description: 'Other firewalls the doc names as interchangeable (e.g. "AWS Security Group").' }),
    defaultIncoming: z.enum(['allow', 'deny', 'reject']).default('deny'),
    defaultOutgoing: z.enum(['allow', 'deny', 'reject']).default('allow'),
    rules: z.array(FirewallRule).meta({ description: 'Rules in evaluation order.' }),
    notes: z.array(z.string()).optional(),
  })
  .meta({ description: 'The host firewall (ufw, iptables, a cloud security group).' });

export const Ssh = z
  .strictObject({
    port: PortNumber.default(22),
    auth: z.enum(['key', 'password', 'key+password']).default('key'),
    users: z.array(z.string()).optional().meta({ description: 'Login users (never keys or passwords).' }),
    clients: z.array(z.string()).optional().meta({ description: 'How people connect, e.g. "VSCode Remote".' }),
    rateLimited: z.boolean().optional().meta({ description: 'Whether the firewall rate-limits SSH.' }),
    description: Description.optional(),
  })
  .meta({ description: 'SSH access to the host.' });
