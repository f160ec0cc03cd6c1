/**
 * Routes against Traefik routers read from compose labels: matched by name (then by host and path),
 * compared for hosts, paths, entrypoints, TLS and resolver, middlewares in order, target service and
 * port, and route-level redirects.
 */
import type { SourceLoc } from '../model/diagnostics.ts';
import { parseMiddlewareRef, proxyId, resolvePort, routeCertResolver, routeHasTls, type Route } from '../model/queries.ts';
import type { TraefikRouter } from '../traefik/types.ts';
import { redactUrlCredentials } from '../util/url-credentials.ts';
import type { CheckContext } from './context.ts';
import { isNotRunning, listing, related } from './context.ts';

const INTERNAL_API_SERVICES = new Set(['api@internal', 'dashboard@internal']);

export function compareRoutes(ctx: CheckContext): void {
  const routes = Object.entries(ctx.topology.routes ?? {});
  const routers = ctx.traefik.routers.filter((r) => r.provider !== 'internal');
  const pairs: Array<[string, Route, TraefikRouter]> = [];
  const unmatchedRoutes: Array<[string, Route]> = [];
  const used = new Set<TraefikRouter>();

  const routersByName = new Map<string, TraefikRouter[]>();
  for (const router of routers) {
    const key = router.name.toLowerCase();
    routersByName.set(key, [...(routersByName.get(key) ?? []), router]);
  }
  for (const [id, route] of routes) {
    const byName = (routersByName.get(id.toLowerCase()) ?? []).filter((r) => !used.has(r));
    const router = byName.find((r) => r.protocol === 'http') ?? byName[0];
    if (router) {
      used.add(router);
      pairs.push([id, route, router]);
    } else unmatchedRoutes.push([id, route]);
  }
  // A route whose router has another name still documents it when host and path agree.
  for (const [id, route] of unmatchedRoutes) {
    const router = routers.find((r) => !used.has(r) && matchesHostAndPath(ctx, route, r) === 'exact');
    if (router) {
      used.add(router);
      pairs.push([id, route, router]);
      ctx.add(
        'drift/route-name',
        'warning',
        `route "${id}" is the compose router "${router.name}" (same host and path); give both the same name so the docs and Traefik's dashboard agree`,
        router.loc ?? ctx.firstComposeLoc(),
        [related('topology route', ctx.topo(['routes', id], true))],
      );
      continue;
    }
    if (ctx.topology.services[route.service] && !ctx.compose.services[route.service]) continue; // drift/service-missing says it
    ctx.add(
      'drift/route-missing',
      isNotRunning(route) ? 'note' : 'error',
      `route "${id}" (${route.host}${route.path ?? ''}) is in the topology, but no compose router matches it`,
      ctx.topo(['routes', id], true),
      [related('compose service the route targets', ctx.composeAnchor(route.service))],
    );
  }
  for (const router of routers) {
    if (used.has(router)) continue;
    const rule = router.rule ? ` (${ruleText(ctx, router)})` : '';
    ctx.add(
      'drift/route-extra',
      router.implicit ? 'warning' : 'error',
      router.implicit
        ? `Traefik gives compose service "${router.composeService}" its default router "${router.name}"${rule}, as the service has no router of its own; the topology does not document it (document the route, or set traefik.enable=false)`
        : `compose router "${router.name}"${rule} is not in the topology`,
      router.loc ?? ctx.composeAnchor(router.composeService ?? undefined),
      [related('topology routes', ctx.topo(ctx.topology.routes ? ['routes'] : [], true))],
    );
  }
  for (const [id, route, router] of pairs) compareRoute(ctx, id, route, router);
}

/** The router's rule as written in compose (never the interpolated value, which may hold `.env` values). */
export function ruleText(ctx: CheckContext, router: TraefikRouter): string {
  if (!router.rule) return '';
  const raw = router.rule.source === 'config' && router.rule.loc ? ctx.src.rawAt?.(router.rule.loc) : undefined;
  return raw ?? router.rule.text;
}

function matchesHostAndPath(ctx: CheckContext, route: Route, router: TraefikRouter): 'exact' | 'host' | 'none' {
  const host = ctx.src.expand(route.host).toLowerCase();
  // `*` is a route for any host: a rule without Host, HostSNI(`*`), or a UDP router.
  const alternatives = router.routes.filter((r) => r.host === host || (host === '*' && r.host === null));
  if (alternatives.length === 0) return 'none';
  const path = route.path ?? null;
  const samePath = alternatives.some((r) => (path === null ? r.path === null && (r.pathPrefix === null || r.pathPrefix === '/') : r.pathPrefix === path || r.path === path));
  return samePath ? 'exact' : 'host';
}

function compareRoute(ctx: CheckContext, id: string, route: Route, router: TraefikRouter): void {
  const at = router.loc ?? ctx.firstComposeLoc();
  const topo = (key: string) => ctx.topo(['routes', id, key], true);
  const name = `route "${id}"`;

  if (router.rule?.ast) {
    const match = matchesHostAndPath(ctx, route, router);
    const rule = ruleText(ctx, router);
    const ruleLoc = router.rule.loc ?? at;
    if (match === 'none') {
      ctx.add('drift/route-host', 'error', `${name} matches host ${route.host} in the topology, but compose router "${router.name}" has rule ${rule}`, ruleLoc, [
        related('topology host', topo('host')),
      ]);
    } else if (match === 'host') {
      ctx.add(
        'drift/route-path',
        'error',
        `${name} matches ${route.path === undefined ? 'every path' : `path prefix ${route.path}`} in the topology, but compose router "${router.name}" has rule ${rule}`,
        ruleLoc,
        [related('topology route', topo(route.path === undefined ? 'host' : 'path'))],
      );
    } else {
      const host = ctx.src.expand(route.host).toLowerCase();
      if (router.routes.some((r) => r.host !== host && !(host === '*' && r.host === null))) {
        ctx.add('drift/route-host', 'warning', `compose router "${router.name}" also matches other hosts than the topology's ${route.host}: rule ${rule}`, ruleLoc, [
          related('topology host', topo('host')),
        ]);
      }
    }
  }

  const entrypoints = router.entrypoints;
  if (!(entrypoints.isDefault && !ctx.traefik.staticKnown)) {
    const composeEps = [...entrypoints.value].sort();
    const topoEps = [...route.entrypoints].sort();
    if (composeEps.join(',') !== topoEps.join(',')) {
      ctx.add(
        'drift/route-entrypoints',
        'error',
        `${name} listens on ${listing(topoEps)} in the topology, but compose router "${router.name}" on ${composeEps.length ? listing(composeEps) : 'no entrypoint'}${entrypoints.isDefault ? ' (Traefik\'s default entrypoints: it sets none)' : ''}`,
        entrypoints.loc ?? at,
        [related('topology entrypoints', topo('entrypoints'))],
      );
    }
  }

  const topoTls = routeHasTls(ctx.topology, route);
  const composeTls = router.tlsFrom !== null;
  if (topoTls !== composeTls) {
    ctx.add(
      'drift/route-tls',
      'error',
      composeTls ? `compose router "${router.name}" terminates TLS, but the topology's ${name} is plain HTTP` : `${name} uses TLS in the topology, but compose router "${router.name}" has no tls`,
      router.tls?.loc ?? at,
      [related('topology route', topo('tls'))],
    );
  } else if (topoTls) {
    const topoResolver = routeCertResolver(ctx.topology, route);
    const composeResolver = router.certResolver?.value;
    if (topoResolver !== composeResolver) {
      ctx.add(
        'drift/route-cert-resolver',
        'error',
        `${name} gets certificates from ${topoResolver ? `resolver "${topoResolver}"` : 'no resolver'} in the topology, but compose router "${router.name}" from ${composeResolver ? `"${composeResolver}"` : 'none'}`,
        router.certResolver?.loc ?? router.tls?.loc ?? at,
        [related('topology TLS', topo('tls'))],
      );
    }
  }

  compareRouteMiddlewares(ctx, id, route, router, at);
  compareTarget(ctx, id, route, router, at);
  if (route.redirect) compareRouteRedirect(ctx, id, route, router, at);
}

function compareRouteMiddlewares(ctx: CheckContext, id: string, route: Route, router: TraefikRouter, at: SourceLoc): void {
  const namespace = router.provider;
  const topoRefs = (route.middlewares ?? []).map((ref) => {
    const { name, provider } = parseMiddlewareRef(ref);
    return `${name}@${provider ?? namespace}`.toLowerCase();
  });
  const composeRefs = router.middlewares.map((m) => m.qualifiedName.toLowerCase());
  if (topoRefs.join(',') === composeRefs.join(',')) return;
  const short = (refs: string[]) => refs.map((r) => (r.endsWith(`@${namespace}`) ? r.slice(0, -namespace.length - 1) : r));
  const missing = topoRefs.filter((r) => !composeRefs.includes(r));
  const extra = composeRefs.filter((r) => !topoRefs.includes(r));
  const detail =
    missing.length === 0 && extra.length === 0
      ? `the order differs: ${short(topoRefs).join(', ')} in the topology, ${short(composeRefs).join(', ')} in compose`
      : [missing.length ? `missing in compose: ${short(missing).join(', ')}` : '', extra.length ? `not in the topology: ${short(extra).join(', ')}` : ''].filter(Boolean).join('; ');
  ctx.add('drift/route-middlewares', 'error', `middlewares of route "${id}" (compose router "${router.name}") differ: ${detail}`, router.middlewares[0]?.loc ?? at, [
    related('topology middlewares', ctx.topo(['routes', id, route.middlewares ? 'middlewares' : 'service'], true)),
  ]);
}

function compareTarget(ctx: CheckContext, id: string, route: Route, router: TraefikRouter, at: SourceLoc): void {
  const service = router.service;
  if (!service) return;
  const topo = (key: string) => ctx.topo(['routes', id, key], true);
  if (INTERNAL_API_SERVICES.has(service.qualifiedName.toLowerCase())) {
    const proxy = proxyId(ctx.topology);
    if (route.service !== proxy) {
      ctx.add('drift/route-service', 'error', `compose router "${router.name}" serves Traefik's own API (${service.qualifiedName}), but the topology's route "${id}" goes to service "${route.service}"`, service.loc ?? at, [
        related('topology route service', topo('service')),
      ]);
    }
    return;
  }
  const targets = router.targets.filter((t) => t.composeService !== null);
  if (targets.length === 0) return; // unresolved service or file-provider URL: the Traefik findings say why
  const onService = targets.filter((t) => t.composeService === route.service);
  if (onService.length === 0) {
    const names = [...new Set(targets.map((t) => t.composeService!))];
    ctx.add(
      'drift/route-service',
      'error',
      `route "${id}" goes to service "${route.service}" in the topology, but compose router "${router.name}" sends traffic to ${listing(names.map((n) => `"${n}"`))}`,
      service.loc ?? at,
      [related('topology route service', topo('service'))],
    );
    return;
  }
  const topoService = ctx.topology.services[route.service];
  const expected = topoService ? resolvePort(topoService, route.port)?.port : undefined;
  if (expected === undefined) return;
  for (const target of onService) {
    const portLoc = target.loc ?? service.loc ?? at;
    if (target.source === 'unverifiable' || target.port === null) {
      ctx.add(
        'drift/route-port',
        'note',
        `route "${id}" targets port ${expected} of "${route.service}", but compose declares no port Traefik could use (no port label, expose or ports), so the image's EXPOSE decides`,
        portLoc,
        [related('topology route port', topo('port'))],
      );
    } else if (target.port !== expected) {
      const how = target.source === 'label' ? 'its port label' : target.source === 'lowest-port' ? 'the lowest declared port, as Traefik picks it' : target.source === 'single-port' ? 'the only declared port' : 'its URL';
      ctx.add(
        'drift/route-port',
        'error',
        `route "${id}" targets port ${expected} of "${route.service}" in the topology, but compose router "${router.name}" uses port ${target.port} (${how})`,
        portLoc,
        [related('topology route port', topo('port'))],
      );
    }
  }
}

function compareRouteRedirect(ctx: CheckContext, id: string, route: Route, router: TraefikRouter, at: SourceLoc): void {
  const redirect = route.redirect!;
  const topo = ctx.topo(['routes', id, 'redirect'], true);
  const middleware = router.middlewares
    .map((ref) => ctx.traefik.middlewares.find((m) => m.qualifiedName.toLowerCase() === ref.qualifiedName.toLowerCase() && m.protocol === 'http'))
    .find((m) => m?.type === 'redirectRegex' || m?.type === 'redirectScheme');
  if (!middleware) {
    ctx.add('drift/redirect', 'error', `route "${id}" redirects to ${redirect.to} in the topology, but compose router "${router.name}" has no redirectRegex or redirectScheme middleware`, router.middlewares[0]?.loc ?? at, [
      related('topology redirect', topo),
    ]);
    return;
  }
  const loc = middleware.loc ?? at;
  if (middleware.type === 'redirectRegex') {
    const replacement = middleware.options.replacement;
    const target = ctx.src.expand(redirect.to);
    if (typeof replacement?.value === 'string' && !replacement.value.startsWith(target)) {
      const written = redactUrlCredentials(ctx.src.rawAt?.(replacement.loc) ?? replacement.value);
      ctx.add('drift/redirect', 'error', `route "${id}" redirects to ${redirect.to} in the topology, but middleware "${middleware.name}" replaces with ${written}`, replacement.loc, [
        related('topology redirect', topo),
      ]);
    }
  }
  const permanent = middleware.options.permanent?.value === true;
  if (permanent !== redirect.permanent) {
    ctx.add(
      'drift/redirect',
      'error',
      `route "${id}" redirects ${redirect.permanent ? 'permanently' : 'temporarily'} in the topology, but middleware "${middleware.name}" redirects ${permanent ? 'permanently' : middleware.options.permanent ? 'temporarily' : 'temporarily (permanent is not set)'}`,
      middleware.options.permanent?.loc ?? loc,
      [related('topology redirect', topo)],
    );
  }
}
