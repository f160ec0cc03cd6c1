/**
 * Security headers on public routes: HSTS, framing protection and MIME sniffing protection, set by a
 * Traefik `headers` middleware (OWASP Secure Headers Project). No KICS Docker Compose query covers it.
 */
import type { OptionValue } from '../../traefik/types.ts';
import type { SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';

const truthy = (o: OptionValue | undefined) => o !== undefined && (o.value === true || o.value === 'true');
const positive = (o: OptionValue | undefined) => o !== undefined && Number(o.value) > 0;
const text = (o: OptionValue | undefined) => (o !== undefined && typeof o.value === 'string' ? o.value : '');

export const missingSecurityHeaders: SecurityRule = {
  id: 'security/missing-security-headers',
  title: 'A public route does not set the security headers',
  severity: 'warning',
  rationale:
    'Without `Strict-Transport-Security` a browser may still try HTTP first, which an attacker on the network can intercept (SSL stripping). Without `X-Frame-Options`/`frame-ancestors` the page can be framed for clickjacking, and without `X-Content-Type-Options: nosniff` browsers may execute uploads as scripts. Setting them at Traefik covers every application behind it.',
  fix: 'Add a headers middleware to the router (or to the HTTPS entrypoint for all routers): `stsseconds=31536000`, `stsincludesubdomains=true`, `framedeny=true`, `contenttypenosniff=true`, `referrerpolicy=strict-origin-when-cross-origin`.',
  kics: [],
  applies: (ctx) => ctx.traefik.routers.some((r) => r.protocol === 'http' && r.provider !== 'internal'),
  check(ctx: SecurityContext) {
    for (const router of ctx.publicRouters()) {
      if (ctx.routerOnlyRedirects(router)) continue;
      const headers = ctx.routerMiddlewares(router).filter((m) => m.type === 'headers');
      const any = (pred: (o: Record<string, OptionValue>) => boolean) => headers.some((m) => pred(m.options));
      const missing: string[] = [];
      if (!any((o) => positive(o['stsSeconds']) || /max-age=[1-9]/i.test(text(o['customResponseHeaders.Strict-Transport-Security'])))) missing.push('Strict-Transport-Security (HSTS)');
      if (!any((o) => truthy(o['frameDeny']) || text(o['customFrameOptionsValue']) !== '' || /frame-ancestors/i.test(text(o['contentSecurityPolicy'])) || text(o['customResponseHeaders.X-Frame-Options']) !== '')) missing.push('X-Frame-Options');
      if (!any((o) => truthy(o['contentTypeNosniff']) || /nosniff/i.test(text(o['customResponseHeaders.X-Content-Type-Options'])))) missing.push('X-Content-Type-Options');
      if (missing.length === 0) continue;
      const rule = ctx.ruleText(router);
      ctx.add('warning', `router "${router.name}"${rule ? ` (${rule})` : ''} does not set ${missing.join(', ')}${headers.length === 0 ? ' (no headers middleware)' : ''}`, ctx.routerLoc(router), ctx.routeRelated(router));
    }
  },
};
