/**
 * What a security rule works on: the compose project as it runs, the Traefik configuration read from
 * it, and the topology for intent (a service's kind, a network's purpose, a route that is not public).
 * Findings point at the compose line; the topology line that states the intent goes in `related`.
 * Pure: no file system, no process. Messages name keys, services and routers, never values that
 * interpolation produced (those may come from `.env`).
 */
import type { BuiltImage } from '../compose/dockerfile.ts';
import type { ComposePort, ComposeService } from '../compose/types.ts';
import type { Diagnostic, Severity, SourceLoc } from '../model/diagnostics.ts';
import { servicePorts, type Route, type Service } from '../model/queries.ts';
import type { TopologyModel } from '../model/schema/index.ts';
import type { SystemSources } from '../check/context.ts';
import type { TraefikConfig, TraefikEntrypoint, TraefikMiddleware, TraefikRouter } from '../traefik/types.ts';
import type { PathSegment } from '../util/yaml-positions.ts';

export type Related = NonNullable<Diagnostic['related']>;

const DATASTORE_KINDS = new Set(['database', 'cache', 'queue', 'object-storage']);

/** Images of datastores and caches, by the last segment of the image name (without tag). */
const DATASTORE_IMAGE =
  /^(postgres|postgis|timescaledb|pgvector|supabase-postgres|mysql|mariadb|percona(-server)?|mongo|mongodb(-community-server)?|redis(-stack(-server)?)?|valkey|keydb|dragonfly|memcached|elasticsearch|opensearch|rabbitmq|nats|kafka|cp-kafka|zookeeper|minio|clickhouse(-server)?|cassandra|scylla|couchdb|couchbase|influxdb|neo4j|etcd|cockroach|mssql-server|oracle|arangodb|qdrant|weaviate|meilisearch|typesense)$/i;

/** Images whose web UI administers something (checked when the topology does not say). */
const ADMIN_IMAGE =
  /^(portainer|portainer-ce|portainer-ee|adminer|pgadmin4?|phpmyadmin|mongo-express|redis-commander|redisinsight|grafana|prometheus|alertmanager|kibana|netdata|uptime-kuma|dozzle|cadvisor|jaeger|all-in-one|pihole|traefik|whoami|rabbitmq-management|kafka-ui|akhq|n8n|nodered|node-red|code-server|jupyter|jenkins|gitea|drone|rundeck|webmin|cockpit|filebrowser)$/i;

/** Port roles the topology uses for administration UIs. */
const ADMIN_ROLES = new Set(['admin', 'console', 'dashboard']);

/** Middleware types that authenticate or restrict who may call a router. */
export const AUTH_MIDDLEWARES = new Set(['basicAuth', 'digestAuth', 'forwardAuth', 'ipAllowList', 'ipWhiteList']);

/** The last path segment of an image reference, without tag or digest (`bitnami/redis:7` → `redis`). */
export function imageName(image: string | undefined): string {
  if (!image) return '';
  const withoutDigest = image.split('@')[0] ?? '';
  const last = withoutDigest.split('/').pop() ?? '';
  return (last.split(':')[0] ?? '').toLowerCase();
}

export function isWildcardHost(ip: string | undefined): boolean {
  return ip === undefined || ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '[::]';
}

export function isLoopback(ip: string | undefined): boolean {
  return ip !== undefined && (/^127\./.test(ip) || ip === '::1' || ip === 'localhost');
}

export class SecurityContext {
  readonly src: SystemSources;
  readonly topology: TopologyModel;
  readonly compose: SystemSources['compose'];
  readonly traefik: TraefikConfig;
  readonly findings: Diagnostic[] = [];
  #rule = '';

  constructor(src: SystemSources) {
    this.src = src;
    this.topology = src.topology;
    this.compose = src.compose;
    this.traefik = src.traefik;
  }

  /** Sets the rule that `add` reports under (the runner does this). */
  startRule(id: string): void {
    this.#rule = id;
  }

  add(severity: Severity, message: string, loc: SourceLoc, related: Related = []): void {
    const finding: Diagnostic = { severity, rule: this.#rule, message, loc };
    if (related.length > 0) finding.related = related;
    this.findings.push(finding);
  }

  /** Compose services that run (active profiles), in declaration order. */
  services(): ComposeService[] {
    return Object.values(this.compose.services);
  }

  topoService(name: string): Service | undefined {
    return Object.hasOwn(this.topology.services, name) ? this.topology.services[name] : undefined;
  }

  /** What the service's Dockerfile says, when compose builds it from one topodoc could read. */
  builtImage(name: string): BuiltImage | undefined {
    return this.src.dockerfiles?.get(name);
  }

  topo(path: ReadonlyArray<PathSegment>, key = true): SourceLoc {
    return this.src.locateTopology(path, { key });
  }

  /** `related` pointing at the topology's service, when the topology has it. */
  serviceRelated(name: string, message = 'topology service'): Related {
    return this.topoService(name) ? [{ message, loc: this.topo(['services', name]) }] : [];
  }

  /** The service's kind from the topology, when it documents the service. */
  kindOf(name: string): string | undefined {
    return this.topoService(name)?.kind;
  }

  /** A database, cache, queue or object store: by the topology's kind, else by its image. */
  isDatastore(service: ComposeService): boolean {
    const kind = this.kindOf(service.name);
    if (kind !== undefined) return DATASTORE_KINDS.has(kind);
    return DATASTORE_IMAGE.test(imageName(service.image?.value));
  }

  /** The compose service running Traefik, when there is one. */
  proxy(): ComposeService | undefined {
    const name = this.src.proxyService;
    return name !== undefined ? this.compose.services[name] : undefined;
  }

  isProxy(service: ComposeService): boolean {
    return service.name === this.src.proxyService || this.kindOf(service.name) === 'proxy';
  }

  /** Ports a service publishes on the host (every `ports:` entry; without a host port, Docker picks one). */
  published(service: ComposeService): ComposePort[] {
    return service.ports;
  }

  /** Whether Traefik's entrypoint is reachable from outside the host's Docker networks. */
  entrypointPublished(ep: TraefikEntrypoint): boolean {
    const proxy = this.proxy();
    if (!proxy) return true; // Traefik runs elsewhere: assume what it listens on is reachable.
    if (proxy.networkMode?.kind === 'host') return true;
    return ep.port !== null && proxy.ports.some((p) => p.target === ep.port && ep.protocol === (p.protocol === 'udp' ? 'udp' : 'tcp'));
  }

  entrypoint(name: string): TraefikEntrypoint | undefined {
    const lower = name.toLowerCase();
    return this.traefik.entrypoints.find((e) => e.name.toLowerCase() === lower);
  }

  /** Entrypoints a router listens on (its own list, else Traefik's defaults). */
  routerEntrypoints(router: TraefikRouter): TraefikEntrypoint[] {
    const names = router.entrypoints.value.length > 0 ? router.entrypoints.value : this.traefik.defaultEntrypoints;
    return names.map((n) => this.entrypoint(n)).filter((e): e is TraefikEntrypoint => e !== undefined);
  }

  /** The topology route documenting a router (same name, case-insensitive). */
  topoRoute(router: TraefikRouter): [string, Route] | undefined {
    const lower = router.name.toLowerCase();
    return Object.entries(this.topology.routes ?? {}).find(([id]) => id.toLowerCase() === lower);
  }

  routeRelated(router: TraefikRouter): Related {
    const route = this.topoRoute(router);
    return route ? [{ message: 'topology route', loc: this.topo(['routes', route[0]]) }] : [];
  }

  /** HTTP routers of compose labels and file-provider files that the Internet reaches. */
  publicRouters(): TraefikRouter[] {
    return this.traefik.routers.filter((r) => {
      if (r.protocol !== 'http' || r.provider === 'internal' || r.implicit) return false;
      const route = this.topoRoute(r);
      if (route && route[1].public === false) return false;
      const eps = this.routerEntrypoints(r);
      // Unknown entrypoints (no static configuration): assume the router is reachable.
      return eps.length === 0 || eps.some((e) => this.entrypointPublished(e));
    });
  }

  /** The middlewares a router runs: the entrypoints' first, then its own, chains expanded. */
  routerMiddlewares(router: TraefikRouter): TraefikMiddleware[] {
    const out: TraefikMiddleware[] = [];
    const seen = new Set<TraefikMiddleware>();
    const visit = (ref: string, depth: number) => {
      const mw = this.middleware(ref, router.provider);
      if (!mw || seen.has(mw) || depth > 20) return;
      seen.add(mw);
      out.push(mw);
      for (const member of mw.references) visit(member.qualifiedName, depth + 1);
    };
    for (const ep of this.routerEntrypoints(router)) for (const ref of ep.middlewares?.value ?? []) visit(ref, 0);
    for (const ref of router.middlewares) visit(ref.qualifiedName, 0);
    return out;
  }

  routerMiddlewareTypes(router: TraefikRouter): Set<string> {
    return new Set(this.routerMiddlewares(router).map((m) => m.type ?? ''));
  }

  private middleware(ref: string, namespace: string): TraefikMiddleware | undefined {
    const qualified = ref.includes('@') ? ref : `${ref}@${namespace}`;
    return this.traefik.middlewares.find((m) => m.protocol === 'http' && m.qualifiedName === qualified);
  }

  /** Whether the router only redirects (a redirectScheme/redirectRegex middleware or an entrypoint redirect). */
  routerOnlyRedirects(router: TraefikRouter): boolean {
    const types = this.routerMiddlewareTypes(router);
    if (types.has('redirectScheme') || types.has('redirectRegex')) return true;
    const eps = this.routerEntrypoints(router);
    if (eps.length > 0 && eps.every((e) => e.redirect !== null)) return true;
    const route = this.topoRoute(router);
    return route?.[1].redirect !== undefined;
  }

  /** Compose service behind a router (its first backend). */
  routerTarget(router: TraefikRouter): { service: ComposeService; port: number | null } | undefined {
    for (const target of router.targets) {
      const service = target.composeService ? this.compose.services[target.composeService] : undefined;
      if (service) return { service, port: target.port };
    }
    return undefined;
  }

  /** Whether a router reaches an administration UI (not Traefik's own API, which its own rule covers). */
  routerIsAdminSurface(router: TraefikRouter): boolean {
    if (isTraefikApi(router)) return false;
    const route = this.topoRoute(router);
    const target = this.routerTarget(router);
    const topoSvc = target ? this.topoService(target.service.name) : route ? this.topoService(route[1].service) : undefined;
    if (topoSvc) {
      if (topoSvc.kind === 'monitoring') return true;
      const roles = servicePorts(topoSvc).filter((p) => p.port === target?.port).map((p) => p.role as string);
      if (roles.some((r) => ADMIN_ROLES.has(r))) return true;
      if (route && typeof route[1].port === 'string' && ADMIN_ROLES.has(route[1].port)) return true;
      if (topoSvc.kind === 'proxy') return true;
    }
    if (target && ADMIN_IMAGE.test(imageName(target.service.image?.value))) return true;
    const hosts = router.hosts.map((h) => h.toLowerCase());
    return hosts.some((h) => /^(admin|dashboard|grafana|prometheus|traefik|portainer|console|kibana|pgadmin|adminer|phpmyadmin|monitor(ing)?)\./.test(h));
  }

  /** The router's rule as written in compose (never the interpolated value). */
  ruleText(router: TraefikRouter): string {
    if (!router.rule) return '';
    const raw = router.rule.source === 'config' && router.rule.loc ? this.src.rawAt?.(router.rule.loc) : undefined;
    return raw ?? router.rule.text;
  }

  routerLoc(router: TraefikRouter): SourceLoc {
    return router.loc ?? this.serviceLoc(router.composeService ?? undefined);
  }

  serviceLoc(name?: string): SourceLoc {
    const found = name !== undefined ? this.compose.services[name] : undefined;
    if (found) return found.loc;
    const first = Object.values(this.compose.services)[0];
    return first?.loc ?? { file: this.compose.files[0] ?? '', line: 1, column: 1 };
  }
}

export function isTraefikApi(router: TraefikRouter): boolean {
  const service = router.service?.qualifiedName;
  return service === 'api@internal' || service === 'dashboard@internal';
}

/** `a, b and c`. */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
