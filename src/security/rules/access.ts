/**
 * Who may call a public route: admin surfaces need authentication, APIs a rate limit.
 * (Traefik routing; no KICS Docker Compose query covers it.)
 */
import { AUTH_MIDDLEWARES, type SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';
import type { TraefikRouter } from '../../traefik/types.ts';

const hasRouters = (ctx: SecurityContext) => ctx.traefik.routers.some((r) => r.protocol === 'http' && r.provider !== 'internal');

function describe(ctx: SecurityContext, router: TraefikRouter): string {
  const rule = ctx.ruleText(router);
  const target = ctx.routerTarget(router);
  return `router "${router.name}"${rule ? ` (${rule})` : ''}${target ? ` to "${target.service.name}"` : ''}`;
}

export const adminRouteWithoutAuth: SecurityRule = {
  id: 'security/admin-route-without-auth',
  title: 'A public route to an admin surface has no authentication middleware',
  severity: 'error',
  rationale:
    'Dashboards, consoles and monitoring UIs (Grafana, Prometheus, MinIO console, Portainer, database admin tools) give whoever opens them control over data or infrastructure, and often ship with default or no credentials. Relying on an unguessable hostname does not work: certificate transparency logs publish every hostname that gets a certificate.',
  fix: 'Add an authentication middleware in front of the route (forwardAuth to your identity provider, or basicAuth with a users file from a secret), and an ipAllowList where the audience is known. If the application authenticates every request itself, say so in the topology (`routes.<id>.auth: app`).',
  kics: [],
  applies: hasRouters,
  check(ctx: SecurityContext) {
    for (const router of ctx.publicRouters()) {
      if (ctx.routerOnlyRedirects(router) || !ctx.routerIsAdminSurface(router)) continue;
      if ([...ctx.routerMiddlewareTypes(router)].some((t) => AUTH_MIDDLEWARES.has(t))) continue;
      const route = ctx.topoRoute(router);
      const auth = route?.[1].auth;
      if (auth === 'app' || auth === 'basic-auth' || auth === 'forward-auth') continue;
      ctx.add('error', `${describe(ctx, router)} reaches an admin surface from the Internet without an authentication middleware`, ctx.routerLoc(router), ctx.routeRelated(router));
    }
  },
};

/** Routers to an API: the topology's kind `api`, else an `api.` host or an `/api` path. */
function isApiRouter(ctx: SecurityContext, router: TraefikRouter): boolean {
  const target = ctx.routerTarget(router);
  const kind = target ? ctx.kindOf(target.service.name) : undefined;
  if (kind !== undefined) return kind === 'api';
  const route = ctx.topoRoute(router);
  if (route) return ctx.kindOf(route[1].service) === 'api';
  return router.hosts.some((h) => /^api\./i.test(h)) || router.pathPrefixes.some((p) => /^\/api(\/|$)/i.test(p));
}

export const apiWithoutRateLimit: SecurityRule = {
  id: 'security/api-without-rate-limit',
  title: 'A public API route has no rate limit',
  severity: 'warning',
  rationale:
    'An API without a rate limit lets one client exhaust its workers and database connections, and makes credential stuffing and scraping cheap. Traefik can refuse the excess before it reaches the application.',
  fix: 'Add a rateLimit middleware to the router (`traefik.http.middlewares.api-ratelimit.ratelimit.average=100`, `.burst=50`), and an inFlightReq limit for expensive endpoints.',
  kics: [],
  applies: hasRouters,
  check(ctx: SecurityContext) {
    for (const router of ctx.publicRouters()) {
      if (ctx.routerOnlyRedirects(router) || !isApiRouter(ctx, router)) continue;
      const types = ctx.routerMiddlewareTypes(router);
      if (types.has('rateLimit') || types.has('inFlightReq')) continue;
      ctx.add('warning', `${describe(ctx, router)} is a public API without a rateLimit middleware`, ctx.routerLoc(router), ctx.routeRelated(router));
    }
  },
};
