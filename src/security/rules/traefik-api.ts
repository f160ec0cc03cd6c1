/**
 * Traefik's own API and dashboard: never in insecure mode, and routed only behind authentication.
 * KICS has no Docker Compose query for Traefik; these follow Traefik's documentation ("Enabling the
 * API in production is not recommended, because it will expose all configuration elements").
 */
import { AUTH_MIDDLEWARES, isTraefikApi, listing, type SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';

const hasTraefik = (ctx: SecurityContext) => ctx.traefik.staticKnown || ctx.traefik.routers.length > 0;

export const traefikApiInsecure: SecurityRule = {
  id: 'security/traefik-api-insecure',
  title: 'Traefik\'s API and dashboard run in insecure mode',
  severity: 'error',
  rationale:
    '`--api.insecure=true` serves the API and the dashboard on the `traefik` entrypoint (port 8080) without a router, so no middleware — no authentication, no TLS — can protect them. They list every router, service and middleware of the system, which is the map an attacker wants; published on the host, anyone can read it.',
  fix: 'Remove `--api.insecure=true`. Keep `--api.dashboard=true` and route the dashboard through a router on the HTTPS entrypoint with `service=api@internal` and an authentication middleware (basicAuth with hashed passwords from a secret file, or forwardAuth).',
  kics: [],
  applies: hasTraefik,
  check(ctx: SecurityContext) {
    const api = ctx.traefik.api;
    if (!api || api.insecure.value !== true) return;
    const ep = ctx.entrypoint('traefik');
    const published = ep !== undefined && ep.port !== null && ctx.entrypointPublished(ep);
    const where = published ? `, and its port ${ep!.port} is published on the host` : ' (on the internal `traefik` entrypoint)';
    ctx.add('error', `Traefik serves its API and dashboard without authentication (api.insecure)${where}`, api.insecure.loc ?? api.loc, ctx.src.proxyService ? ctx.serviceRelated(ctx.src.proxyService, 'topology proxy service') : []);
  },
};

export const traefikDashboardUnauthenticated: SecurityRule = {
  id: 'security/traefik-dashboard-unauthenticated',
  title: 'A router serves Traefik\'s dashboard without authentication',
  severity: 'error',
  rationale:
    'A router to `api@internal` publishes Traefik\'s API and dashboard on a hostname. Without an authentication middleware anyone who guesses the hostname (certificate transparency logs list it) reads the whole routing configuration.',
  fix: 'Add an authentication middleware to the router: `traefik.http.routers.<name>.middlewares=dashboard-auth` with `traefik.http.middlewares.dashboard-auth.basicauth.usersfile=/run/secrets/dashboard-users` (or forwardAuth to your identity provider), and optionally an ipAllowList.',
  kics: [],
  applies: (ctx) => ctx.traefik.routers.some(isTraefikApi),
  check(ctx: SecurityContext) {
    for (const router of ctx.traefik.routers) {
      if (!isTraefikApi(router)) continue;
      const types = ctx.routerMiddlewareTypes(router);
      if ([...types].some((t) => AUTH_MIDDLEWARES.has(t))) continue;
      const mws = router.middlewares.map((m) => m.ref);
      ctx.add(
        'error',
        `router "${router.name}" serves Traefik's dashboard (${router.service?.ref}) without an authentication middleware${mws.length ? ` (it runs ${listing(mws)})` : ''}`,
        ctx.routerLoc(router),
        ctx.routeRelated(router),
      );
    }
  },
};
