/**
 * Traefik routers as topology routes: host and path (as written, `${DOMAIN}` kept), target service and
 * port, entrypoints, TLS and resolver, middlewares in order. A router matching any host (`Path(...)`
 * alone, `HostSNI(*)`, UDP) is written with host `*`. Pure.
 */
import type { SourceLoc } from '../model/diagnostics.ts';
import type { TraefikConfig, TraefikRouter } from '../traefik/types.ts';
import type { ImportNotes } from './notes.ts';
import type { SecretGuard } from './secrets.ts';
import { compareStrings } from '../util/compare-strings.ts';

export interface RouteDraft {
  host: string;
  path?: string;
  service: string;
  /** Container port Traefik sends traffic to; null when compose declares none (the image decides). */
  targetPort: number | null;
  entrypoints: string[];
  middlewares?: string[];
  tls?: boolean | { certResolver: string };
  auth?: 'basic-auth' | 'forward-auth';
  /** Served by Traefik itself (api@internal…). */
  internal: boolean;
  protocol: 'http' | 'tcp' | 'udp';
}

export interface RoutesImport {
  routes: Record<string, RouteDraft>;
  /** Container ports HTTP routers send traffic to, by compose service. */
  routedPorts: Map<string, Set<number>>;
  /** Ports named by `loadbalancer.server.port` labels, by compose service. */
  labelPorts: Map<string, Array<{ port: number; protocol: 'tcp' | 'udp' }>>;
}

const INTERNAL = /@internal$/i;

/** What importing the routers needs besides the routers themselves. */
export interface RouteSources {
  /** Names of the compose services. */
  composeServices: Set<string>;
  traefik: TraefikConfig;
  proxyService: string | undefined;
  /** Middlewares the import knows (lower-cased qualified names). */
  knownMiddlewares: Set<string>;
  /** Middleware type by name. */
  middlewareTypes: Map<string, string>;
  guard: SecretGuard;
  rawOf: (loc: SourceLoc | null) => string | undefined;
  notes: ImportNotes;
}

export function importRoutes(sources: RouteSources): RoutesImport {
  const { traefik, notes } = sources;
  const out: RoutesImport = { routes: {}, routedPorts: new Map(), labelPorts: new Map() };
  for (const service of traefik.services) {
    for (const server of service.servers) {
      if (server.source !== 'label' || server.composeService === null || server.port === null) continue;
      const list = out.labelPorts.get(server.composeService) ?? [];
      const protocol = service.protocol === 'udp' ? 'udp' : 'tcp';
      if (!list.some((p) => p.port === server.port && p.protocol === protocol)) list.push({ port: server.port, protocol });
      out.labelPorts.set(server.composeService, list);
    }
  }
  const routers = traefik.routers.filter((r) => r.provider !== 'internal');
  // HTTP routers first, so that a name shared with a TCP router goes to the HTTP one, as the check pairs them.
  const ordered = [...routers].sort((a, b) => Number(a.protocol !== 'http') - Number(b.protocol !== 'http') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const router of ordered) {
    if (out.routes[router.name]) {
      notes.warn('route-name', `${router.protocol.toUpperCase()} router "${router.name}" has the name of another router; the topology keeps the HTTP one`, router.loc ?? undefined);
      continue;
    }
    const draft = routeOf(router, sources);
    if (!draft) continue;
    out.routes[router.name] = draft;
    if (router.protocol === 'http' && !draft.internal && draft.targetPort !== null) {
      const set = out.routedPorts.get(draft.service) ?? new Set<number>();
      set.add(draft.targetPort);
      out.routedPorts.set(draft.service, set);
    }
  }
  // Written sorted by name.
  out.routes = Object.fromEntries(Object.entries(out.routes).sort(([a], [b]) => compareStrings(a, b)));
  return out;
}

function routeOf(router: TraefikRouter, { composeServices, traefik, proxyService, knownMiddlewares, middlewareTypes, guard, rawOf, notes }: RouteSources): RouteDraft | undefined {
  const loc = router.loc ?? undefined;
  const internal = router.service !== null && INTERNAL.test(router.service.qualifiedName);
  const targets = router.targets.filter((t) => t.composeService !== null);
  // A file-provider server URL naming a compose service (`http://api:3000`) goes to that service.
  const byUrl = targets.length === 0 ? router.targets.map((t) => ({ t, host: urlHost(t.url) })).find((u) => u.host !== undefined && composeServices.has(u.host)) : undefined;
  const target = targets[0] ?? (byUrl ? { ...byUrl.t, composeService: byUrl.host! } : undefined);
  const service = internal ? proxyService : (target?.composeService ?? router.composeService ?? proxyService);
  if (service === undefined || service === null) {
    notes.warn('route-target', `router "${router.name}" sends traffic to no compose service the topology could name; it is left out`, loc);
    return undefined;
  }
  if (!internal && target === undefined) {
    notes.warn('route-target', `router "${router.name}" targets no compose service (its service is defined outside compose); it is written as going to "${service}"`, loc);
  }
  const others = [...new Set(targets.map((t) => t.composeService!))].filter((s) => s !== service);
  if (others.length > 0) notes.warn('route-target', `router "${router.name}" balances over several compose services; the route names "${service}" (also: ${others.join(', ')})`, loc);

  // Host and path of the first alternative of the rule, as written.
  const raw = router.rule ? rawOf(router.rule.loc) : undefined;
  const first = router.routes[0];
  if (router.routes.length > 1) {
    notes.warn('route-hosts', `router "${router.name}" matches ${router.routes.length} host/path alternatives; the route records the first one`, router.rule?.loc ?? loc);
  }
  if (router.rule && !router.rule.ast) notes.warn('route-rule', `the rule of router "${router.name}" could not be read; the route matches any host`, router.rule.loc ?? loc);
  const host = first?.host ? guard.asWritten(first.host, raw) : '*';
  const draft: RouteDraft = {
    host,
    service,
    targetPort: internal ? null : (target?.port ?? null),
    entrypoints: router.entrypoints.value.length > 0 ? [...router.entrypoints.value] : traefik.defaultEntrypoints.length > 0 ? [...traefik.defaultEntrypoints] : ['web'],
    internal,
    protocol: router.protocol,
  };
  const path = first?.path ?? (first?.pathPrefix && first.pathPrefix !== '/' ? first.pathPrefix : null);
  if (path) draft.path = guard.asWritten(path, raw);

  const middlewares: string[] = [];
  for (const ref of router.middlewares) {
    if (!INTERNAL.test(ref.qualifiedName) && !knownMiddlewares.has(ref.qualifiedName.toLowerCase())) {
      notes.warn('route-middleware', `router "${router.name}" uses middleware "${ref.ref}", which the topology does not hold; the route is written without it`, ref.loc ?? loc);
      continue;
    }
    middlewares.push(ref.ref);
  }
  if (middlewares.length > 0) draft.middlewares = middlewares;
  if (router.tlsFrom !== null) draft.tls = router.certResolver ? { certResolver: router.certResolver.value } : true;
  const types = middlewares.map((m) => middlewareTypes.get(m.split('@')[0]!));
  if (types.includes('forwardAuth')) draft.auth = 'forward-auth';
  else if (types.includes('basicAuth')) draft.auth = 'basic-auth';
  return draft;
}

/** The host of a server URL (`http://api:3000/` → `api`). */
function urlHost(url: string | null): string | undefined {
  return url === null ? undefined : (/^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^:/?#]+)/i.exec(url)?.[1] ?? undefined);
}
