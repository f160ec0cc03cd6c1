import * as z from 'zod';
import { Description, Duration, Id } from './common.ts';

export const AcmeChallenge = z
  .enum(['http-01', 'tls-alpn-01', 'dns-01'])
  .meta({ description: 'ACME challenge type (RFC 8555 §8, RFC 8737).' });

export const CertResolver = z
  .strictObject({
    provider: z.string().default('letsencrypt').meta({ description: 'CA, e.g. `letsencrypt`.' }),
    challenge: AcmeChallenge,
    challengeEntrypoint: Id.optional().meta({ description: 'Entrypoint answering HTTP-01 challenges (port 80).' }),
    alternativeChallenges: z
      .array(AcmeChallenge)
      .optional()
      .meta({ description: 'Other challenges the team may switch to (documented, not active).' }),
    dnsProvider: z.string().optional().meta({ description: 'Lego DNS provider for DNS-01, e.g. `cloudflare`.' }),
    staging: z.boolean().optional().meta({ description: 'Uses the CA\'s staging endpoint.' }),
    emailVariable: z
      .string()
      .optional()
      .meta({ description: 'Name of the variable holding the ACME account e-mail (never the value).' }),
    storage: z
      .strictObject({
        path: z.string().meta({ description: 'Path of the certificate store inside the Traefik container, e.g. `/letsencrypt/acme.json`.' }),
        volume: Id.optional().meta({ description: 'Volume holding it.' }),
        permissions: z.string().regex(/^[0-7]{3,4}$/, 'an octal mode such as 600').optional(),
      })
      .meta({ description: 'Where issued certificates are kept.' }),
    renewal: z
      .strictObject({
        automatic: z.boolean().default(true),
        before: Duration.optional().meta({ description: 'Renew when the certificate expires within this time, e.g. `30d`.' }),
      })
      .optional(),
    wildcard: z.boolean().optional().meta({ description: 'Issues wildcard certificates (needs DNS-01).' }),
    description: Description.optional(),
  })
  .meta({ description: 'A Traefik certificate resolver (ACME).' });

export const Tls = z
  .strictObject({
    minVersion: z.enum(['1.0', '1.1', '1.2', '1.3']).optional().meta({ description: 'Lowest TLS version accepted.' }),
    cipherSuites: z.string().optional().meta({ description: 'Cipher policy in words, e.g. "modern".' }),
    resolvers: z.record(Id, CertResolver).meta({ description: 'Certificate resolvers by name.' }),
    notes: z.array(z.string()).optional(),
  })
  .meta({ description: 'TLS termination at Traefik.' });
