/**
 * Read-only questions about a validated topology, shared by the reference checks, every
 * generator and the drift check, so that "the main port" or "the proxy" means one thing everywhere.
 */
import type { TopologyModel } from './schema/index.ts';

export type Service = TopologyModel['services'][string];
export type Route = NonNullable<TopologyModel['routes']>[string];
export type PortRoleName = keyof NonNullable<Service['ports']>;

export interface PortEntry {
  role: PortRoleName;
  port: number;
  protocol: 'tcp' | 'udp';
  scheme?: string;
  published?: number;
  hostIp?: string;
  optional?: boolean;
  description?: string;
}

export function servicePorts(service: Service): PortEntry[] {
  const out: PortEntry[] = [];
  for (const [role, spec] of Object.entries(service.ports ?? {})) {
    if (spec === undefined) continue;
    if (typeof spec === 'number') out.push({ role: role as PortRoleName, port: spec, protocol: 'tcp' });
    else out.push({ role: role as PortRoleName, ...spec });
  }
  return out;
}

/** A port of `service` named by role (`metrics`) or number (`9090`). */
export function resolvePort(service: Service, ref: string | number | undefined): PortEntry | undefined {
  const ports = servicePorts(service);
  if (ref === undefined) return ports.find((p) => p.role === 'main') ?? ports[0];
  if (typeof ref === 'number') return ports.find((p) => p.port === ref) ?? { role: 'main', port: ref, protocol: 'tcp' };
  return ports.find((p) => p.role === ref);
}

export interface Dependency {
  service: string;
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  required: boolean;
}

export function dependencies(service: Service): Dependency[] {
  const d = service.dependsOn;
  if (!d) return [];
  if (Array.isArray(d)) return d.map((s) => ({ service: s, condition: 'service_started', required: true }));
  return Object.entries(d).map(([s, c]) =>
    typeof c === 'string' ? { service: s, condition: c, required: true } : { service: s, condition: c.condition, required: c.required ?? true },
  );
}

export function displayName(topology: TopologyModel, id: string): string {
  return topology.services[id]?.name ?? topology.externals?.[id]?.name ?? id;
}

/** The Traefik service: the declared `proxy`, else the only service of kind `proxy`. */
export function proxyId(topology: TopologyModel): string | undefined {
  if (topology.proxy) return topology.proxy;
  const proxies = Object.entries(topology.services).filter(([, s]) => s.kind === 'proxy');
  return proxies.length === 1 ? proxies[0]![0] : undefined;
}

/** Splits `name@provider` middleware references. */
export function parseMiddlewareRef(ref: string): { name: string; provider?: string } {
  const at = ref.lastIndexOf('@');
  return at > 0 ? { name: ref.slice(0, at), provider: ref.slice(at + 1) } : { name: ref };
}

export interface BuildSpec {
  context: string;
  dockerfile?: string;
  target?: string;
}

/** The service's `build`, with the context-only shorthand (`build: ./api`) spelled out. */
export function buildOf(service: Service): BuildSpec | undefined {
  const build = service.build;
  if (build === undefined) return undefined;
  return typeof build === 'string' ? { context: build } : build;
}

/** How a build reads in docs: `./api`, `./api (Dockerfile.prod, target production)`. */
export function buildSummary(build: BuildSpec): string {
  const details = [build.dockerfile, build.target === undefined ? undefined : `target ${build.target}`].filter((d) => d !== undefined);
  return details.length === 0 ? build.context : `${build.context} (${details.join(', ')})`;
}

export function isHostPath(volume: string): boolean {
  return volume.startsWith('/') || volume.startsWith('.') || volume.startsWith('~');
}

/** Every host port the system publishes, with its owner, for uniqueness checks and port tables. */
export interface Publication {
  owner: string;
  what: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
  hostIp?: string;
  optional?: boolean;
  path: Array<string | number>;
}

export function publications(topology: TopologyModel): Publication[] {
  const out: Publication[] = [];
  const proxy = proxyId(topology);
  for (const [name, ep] of Object.entries(topology.entrypoints ?? {})) {
    if (!ep.exposed) continue;
    out.push({
      owner: proxy ?? 'traefik',
      what: `entrypoint ${name}`,
      hostPort: ep.published ?? ep.port,
      containerPort: ep.port,
      protocol: ep.protocol === 'udp' ? 'udp' : 'tcp',
      optional: ep.optional,
      path: ['entrypoints', name, ep.published !== undefined ? 'published' : 'port'],
    });
  }
  for (const [id, svc] of Object.entries(topology.services)) {
    for (const p of servicePorts(svc)) {
      if (p.published === undefined) continue;
      // The proxy's entrypoint ports are listed once, as entrypoints.
      if (id === proxy && out.some((o) => o.owner === id && o.hostPort === p.published && o.protocol === p.protocol)) continue;
      out.push({
        owner: id,
        what: `${p.role} port`,
        hostPort: p.published,
        containerPort: p.port,
        protocol: p.protocol,
        hostIp: p.hostIp,
        optional: p.optional,
        path: ['services', id, 'ports', p.role, 'published'],
      });
    }
  }
  return out.sort((a, b) => a.hostPort - b.hostPort || a.protocol.localeCompare(b.protocol) || a.owner.localeCompare(b.owner));
}

/** Service ids in start-up order: waves of services whose dependencies are all in earlier waves. */
export function startupWaves(topology: TopologyModel): string[][] {
  const remaining = new Set(Object.keys(topology.services).sort());
  const placed = new Set<string>();
  const waves: string[][] = [];
  while (remaining.size) {
    const wave = [...remaining].filter((id) => dependencies(topology.services[id]!).every((d) => placed.has(d.service) || !topology.services[d.service]));
    if (wave.length === 0) {
      waves.push([...remaining]);
      break;
    }
    for (const id of wave) {
      remaining.delete(id);
      placed.add(id);
    }
    waves.push(wave);
  }
  return waves;
}

export type Middleware = NonNullable<TopologyModel['middlewares']>[string];

/** One middleware a route runs, in order, with its declaration when the topology has one. */
export interface RouteMiddleware {
  /** The reference as written, e.g. `auth@file`. */
  ref: string;
  name: string;
  provider?: string;
  middleware?: Middleware;
  /** The chain it was reached through, outermost first (empty when listed on the route itself). */
  via: string[];
}

/**
 * The middlewares a route runs, in Traefik's order, with `chain` middlewares expanded in place.
 * A chain that reaches itself again is not expanded a second time.
 */
export function routeMiddlewares(topology: TopologyModel, route: Route): RouteMiddleware[] {
  const out: RouteMiddleware[] = [];
  const expand = (refs: string[], via: string[]) => {
    for (const ref of refs) {
      const { name, provider } = parseMiddlewareRef(ref);
      const middleware = provider === 'internal' ? undefined : topology.middlewares?.[name];
      if (middleware?.chain) {
        if (!via.includes(name)) expand(middleware.chain.middlewares, [...via, name]);
        continue;
      }
      out.push({ ref, name, provider, middleware, via });
    }
  };
  expand(route.middlewares ?? [], []);
  return out;
}

/** Whether the route terminates TLS (`tls` set, or listening only on `https` entrypoints). */
export function routeHasTls(topology: TopologyModel, route: Route): boolean {
  if (route.tls !== undefined) return route.tls !== false;
  return route.entrypoints.length > 0 && route.entrypoints.every((e) => topology.entrypoints?.[e]?.protocol === 'https');
}

/** The certificate resolver serving a route: its own `tls.certResolver`, else its entrypoints' default. */
export function routeCertResolver(topology: TopologyModel, route: Route): string | undefined {
  if (!routeHasTls(topology, route)) return undefined;
  if (typeof route.tls === 'object' && route.tls.certResolver !== undefined) return route.tls.certResolver;
  for (const e of route.entrypoints) {
    const resolver = topology.entrypoints?.[e]?.certResolver;
    if (resolver !== undefined) return resolver;
  }
  return undefined;
}

export type FirewallRule = NonNullable<TopologyModel['firewall']>['rules'][number];

/** Whether a firewall rule's port spec (`443` or a range `6000:6007`) covers `port`. */
export function firewallPortCovers(spec: number | string, port: number): boolean {
  if (typeof spec === 'number') return spec === port;
  const [from, to] = spec.split(':').map(Number);
  return to === undefined ? from === port : port >= from! && port <= to;
}

/**
 * The first inbound rule letting new TCP connections reach `port`, or undefined when the firewall
 * (if any) drops them. Rules that only admit ESTABLISHED/RELATED traffic open nothing new.
 */
export function firewallOpening(topology: TopologyModel, port: number): FirewallRule | undefined {
  return topology.firewall?.rules.find(
    (r) =>
      r.direction === 'in' &&
      (r.action === 'allow' || r.action === 'limit') &&
      r.protocol !== 'udp' &&
      (r.state === undefined || r.state.includes('NEW')) &&
      (r.port === undefined || firewallPortCovers(r.port, port)),
  );
}

/** An exposed plain-HTTP entrypoint that redirects to one of the route's entrypoints. */
export function httpRedirectEntrypoint(topology: TopologyModel, route: Route): { name: string; port: number; permanent: boolean } | undefined {
  for (const [name, ep] of Object.entries(topology.entrypoints ?? {})) {
    if (ep.exposed && ep.redirect && route.entrypoints.includes(ep.redirect.to)) return { name, port: ep.published ?? ep.port, permanent: ep.redirect.permanent };
  }
  return undefined;
}
