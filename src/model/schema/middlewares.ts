import * as z from 'zod';
import { Description, Duration } from './common.ts';

export const RateLimitSettings = z
  .strictObject({
    average: z.number().int().positive().meta({ description: 'Allowed average requests per `period`.' }),
    burst: z.number().int().positive().optional().meta({ description: 'Requests allowed in a burst above the average.' }),
    period: Duration.optional().meta({ description: 'Period for `average`; Traefik\'s default is 1s.' }),
  })
  .meta({ description: 'Traefik `rateLimit`.' });

export const HeadersSettings = z
  .strictObject({
    stsSeconds: z.number().int().nonnegative().optional().meta({ description: 'HSTS max-age.' }),
    stsIncludeSubdomains: z.boolean().optional(),
    stsPreload: z.boolean().optional(),
    forceSTSHeader: z.boolean().optional(),
    frameDeny: z.boolean().optional().meta({ description: 'X-Frame-Options: DENY.' }),
    customFrameOptionsValue: z.string().optional(),
    contentTypeNosniff: z.boolean().optional(),
    browserXssFilter: z.boolean().optional().meta({ description: 'X-XSS-Protection.' }),
    referrerPolicy: z.string().optional(),
    contentSecurityPolicy: z.string().optional(),
    accessControlAllowOriginList: z.array(z.string()).optional().meta({ description: 'CORS allowed origins.' }),
    accessControlAllowMethods: z.array(z.string()).optional().meta({ description: 'CORS allowed methods.' }),
    accessControlAllowHeaders: z.array(z.string()).optional().meta({ description: 'CORS allowed headers.' }),
    accessControlAllowCredentials: z.boolean().optional(),
    accessControlMaxAge: z.number().int().optional(),
    customResponseHeaders: z.record(z.string(), z.string()).optional(),
  })
  .meta({ description: 'Traefik `headers`: security headers and CORS.' });

export const BasicAuthSettings = z
  .strictObject({
    users: z.array(z.string()).optional().meta({ description: 'User names only; never write password hashes here.' }),
    usersFileVariable: z.string().optional().meta({ description: 'Variable or file holding the htpasswd users.' }),
    realm: z.string().optional(),
  })
  .meta({ description: 'Traefik `basicAuth`.' });

export const ForwardAuthSettings = z
  .strictObject({
    address: z.string().meta({ description: 'Authentication server URL.' }),
    provider: z.string().optional().meta({ description: 'Who answers it (an external or a service id), e.g. `clerk`.' }),
    trustForwardHeader: z.boolean().optional(),
    authResponseHeaders: z.array(z.string()).optional(),
    unauthorized: z
      .string()
      .optional()
      .meta({ description: 'What an unauthorised request gets, e.g. "redirect to /sign-in".' }),
  })
  .meta({ description: 'Traefik `forwardAuth`.' });

export const MiddlewareTypes = {
  rateLimit: RateLimitSettings.optional(),
  headers: HeadersSettings.optional(),
  compress: z
    .strictObject({
      encodings: z.array(z.enum(['gzip', 'br', 'zstd'])).optional(),
      minResponseBodyBytes: z.number().int().optional(),
    })
    .optional()
    .meta({ description: 'Traefik `compress`.' }),
  basicAuth: BasicAuthSettings.optional(),
  forwardAuth: ForwardAuthSettings.optional(),
  ipAllowList: z
    .strictObject({ sourceRange: z.array(z.string()).min(1).meta({ description: 'Allowed CIDRs.' }) })
    .optional()
    .meta({ description: 'Traefik `ipAllowList` (formerly ipWhiteList).' }),
  redirectScheme: z
    .strictObject({ scheme: z.enum(['https', 'http']), permanent: z.boolean().optional(), port: z.string().optional() })
    .optional()
    .meta({ description: 'Traefik `redirectScheme`.' }),
  redirectRegex: z
    .strictObject({ regex: z.string(), replacement: z.string(), permanent: z.boolean().optional() })
    .optional()
    .meta({ description: 'Traefik `redirectRegex`.' }),
  stripPrefix: z
    .strictObject({ prefixes: z.array(z.string()).min(1) })
    .optional()
    .meta({ description: 'Traefik `stripPrefix`.' }),
  chain: z
    .strictObject({ middlewares: z.array(z.string()).min(1) })
    .optional()
    .meta({ description: 'Traefik `chain`.' }),
} as const;

export const MIDDLEWARE_TYPE_NAMES = Object.keys(MiddlewareTypes) as Array<keyof typeof MiddlewareTypes>;

export const Middleware = z
  .strictObject({
    description: Description.optional(),
    provider: z
      .enum(['docker', 'file', 'swarm', 'internal'])
      .default('docker')
      .meta({ description: 'Where Traefik reads it from; routers refer to non-docker ones as `name@provider`.' }),
    optional: z.boolean().optional().meta({ description: 'Documented as optional (e.g. "IP whitelisting (optional)").' }),
    ...MiddlewareTypes,
  })
  .superRefine((mw, ctx) => {
    const present = MIDDLEWARE_TYPE_NAMES.filter((k) => mw[k] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          present.length === 0
            ? `a middleware needs exactly one type: one of ${MIDDLEWARE_TYPE_NAMES.join(', ')}`
            : `a middleware has exactly one type, found ${present.join(' and ')}`,
      });
    }
  })
  .meta({ description: 'A Traefik middleware with its settings: exactly one of the type keys.' });
