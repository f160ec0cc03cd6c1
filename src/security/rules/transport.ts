/**
 * Transport security at Traefik: every public router terminates TLS, and every plain-HTTP entrypoint
 * that is published redirects to HTTPS. (No KICS Docker Compose query covers Traefik routing.)
 */
import type { TraefikEntrypoint } from '../../traefik/types.ts';
import type { SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';

const hasRouters = (ctx: SecurityContext) => ctx.traefik.routers.some((r) => r.protocol === 'http' && r.provider !== 'internal');

export const routerWithoutTls: SecurityRule = {
  id: 'security/router-without-tls',
  title: 'A public router serves plain HTTP',
  severity: 'error',
  rationale:
    'A router without TLS sends requests, responses, cookies and credentials in clear text, readable and changeable by anyone on the path (public Wi-Fi, a hostile ISP). Browsers mark such pages "not secure", and an HTTP route next to an HTTPS one lets an attacker strip users down to HTTP.',
  fix: 'Put the router on the HTTPS entrypoint with TLS: `traefik.http.routers.<name>.entrypoints=websecure` and `traefik.http.routers.<name>.tls.certresolver=<resolver>`. Keep port 80 only to redirect (`--entrypoints.web.http.redirections.entrypoint.to=websecure`).',
  kics: [],
  applies: hasRouters,
  check(ctx: SecurityContext) {
    for (const router of ctx.publicRouters()) {
      if (router.tlsFrom !== null || ctx.routerOnlyRedirects(router)) continue;
      const plain = ctx.routerEntrypoints(router).filter((e) => e.redirect === null).map((e) => e.name);
      const on = plain.length > 0 ? ` on entrypoint${plain.length === 1 ? '' : 's'} ${plain.join(', ')}` : '';
      const rule = ctx.ruleText(router);
      ctx.add('error', `router "${router.name}"${rule ? ` (${rule})` : ''} serves plain HTTP${on} without TLS`, ctx.routerLoc(router), ctx.routeRelated(router));
    }
  },
};

/** Whether an entrypoint terminates TLS for everything on it (its own `http.tls`, or every router on it has TLS). */
function servesTls(ctx: SecurityContext, ep: TraefikEntrypoint): boolean {
  if (ep.tls !== null) return true;
  const routers = ctx.traefik.routers.filter((r) => r.protocol === 'http' && r.provider !== 'internal' && ctx.routerEntrypoints(r).includes(ep));
  if (routers.length > 0) return routers.every((r) => r.tlsFrom !== null);
  return ep.port === 443 || ep.port === 8443;
}

export const httpWithoutRedirect: SecurityRule = {
  id: 'security/http-without-redirect',
  title: 'A published plain-HTTP entrypoint does not redirect to HTTPS',
  severity: 'warning',
  rationale:
    'Users and links still arrive on port 80. An HTTP entrypoint that answers instead of redirecting keeps them on clear text, and HSTS never gets the chance to pin the site to HTTPS.',
  fix: 'Redirect the whole entrypoint: `--entrypoints.web.http.redirections.entrypoint.to=websecure` and `--entrypoints.web.http.redirections.entrypoint.scheme=https`. If the port is not meant for the public (a dashboard or metrics port), do not publish it.',
  kics: [],
  applies: (ctx) => ctx.traefik.staticKnown,
  check(ctx: SecurityContext) {
    for (const ep of ctx.traefik.entrypoints) {
      if (ep.protocol !== 'tcp' || ep.redirect !== null || !ctx.entrypointPublished(ep) || servesTls(ctx, ep)) continue;
      const loc = ep.address?.loc ?? ep.loc ?? ctx.serviceLoc(ctx.src.proxyService);
      const topo = Object.keys(ctx.topology.entrypoints ?? {}).find((n) => n.toLowerCase() === ep.name.toLowerCase());
      const related = topo ? [{ message: 'topology entrypoint', loc: ctx.topo(['entrypoints', topo]) }] : [];
      ctx.add('warning', `entrypoint "${ep.name}" (port ${ep.port ?? '?'}) is published and serves plain HTTP without redirecting to HTTPS`, loc, related);
    }
  },
};
