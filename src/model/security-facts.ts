/**
 * Security facts proven from the topology alone: each is a statement that holds or not,
 * computed from networks, ports, routes and middlewares rather than restated from prose.
 */
import type { TopologyModel } from './schema/index.ts';
import { displayName, isHostPath, parseMiddlewareRef, proxyId, publications, servicePorts } from './queries.ts';

export type SecurityLayerKind = 'network' | 'transport' | 'access-control' | 'application' | 'data';

export interface SecurityFact {
  layer: SecurityLayerKind;
  holds: boolean;
  statement: string;
  /** The rule of `topodoc check --security` that checks the same thing against the compose files. */
  rule: string;
}

const DATASTORE_KINDS = new Set(['database', 'cache', 'queue', 'object-storage']);
const ADMIN_ROLES = new Set(['admin', 'console', 'dashboard']);

export function isDatastore(kind: string): boolean {
  return DATASTORE_KINDS.has(kind);
}

/** Middleware types applied by a route, in order, resolved through `chain`. */
export function routeMiddlewareTypes(t: TopologyModel, refs: string[] | undefined): string[] {
  const out: string[] = [];
  const visit = (ref: string, depth: number) => {
    const mw = t.middlewares?.[parseMiddlewareRef(ref).name];
    if (!mw || depth > 10) return;
    if (mw.chain) for (const m of mw.chain.middlewares) visit(m, depth + 1);
    for (const key of ['rateLimit', 'headers', 'compress', 'basicAuth', 'forwardAuth', 'ipAllowList', 'redirectScheme', 'redirectRegex', 'stripPrefix'] as const) {
      if (mw[key] !== undefined) out.push(key);
    }
  };
  for (const r of refs ?? []) visit(r, 0);
  return out;
}

export function securityFacts(t: TopologyModel): SecurityFact[] {
  const facts: SecurityFact[] = [];
  const proxy = proxyId(t);
  const proxyNets = new Set(proxy ? (t.services[proxy]?.networks ?? []) : []);
  const pubs = publications(t);
  const name = (id: string) => displayName(t, id);

  // Network isolation
  const publishers = [...new Set(pubs.map((p) => p.owner))];
  if (proxy) {
    const others = publishers.filter((o) => o !== proxy);
    facts.push({
      layer: 'network',
      rule: 'security/internal-service-published',
      holds: others.length === 0,
      statement: others.length === 0 ? `Only ${name(proxy)} publishes ports on the host.` : `Besides ${name(proxy)}, ${others.map(name).join(', ')} publish ports on the host.`,
    });
  }
  for (const [id, net] of Object.entries(t.networks ?? {})) {
    const members = Object.entries(t.services).filter(([, s]) => s.networks?.includes(id));
    const hasStore = members.some(([, s]) => isDatastore(s.kind));
    if (net.internal) facts.push({ layer: 'network', rule: 'security/network-not-internal', holds: true, statement: `Network ${id} is internal: its containers have no route to the outside world.` });
    else if (hasStore && !proxyNets.has(id) && net.purpose === 'internal') {
      facts.push({ layer: 'network', rule: 'security/network-not-internal', holds: false, statement: `Network ${id} carries datastores but is not marked internal, so its containers can reach the Internet.` });
    }
  }

  // Transport
  for (const [id, ep] of Object.entries(t.entrypoints ?? {})) {
    if (ep.protocol !== 'http' || !ep.exposed) continue;
    facts.push({
      layer: 'transport',
      rule: 'security/http-without-redirect',
      holds: Boolean(ep.redirect),
      statement: ep.redirect ? `Entrypoint ${id} (port ${ep.port}) redirects every request to ${ep.redirect.to} over ${ep.redirect.scheme.toUpperCase()}.` : `Entrypoint ${id} (port ${ep.port}) serves plain HTTP without a redirect to HTTPS.`,
    });
  }
  const routes = Object.entries(t.routes ?? {}).filter(([, r]) => r.public);
  const plain = routes.filter(([, r]) => !r.tls && !r.entrypoints.some((e) => t.entrypoints?.[e]?.protocol === 'https'));
  if (routes.length) {
    facts.push({
      layer: 'transport',
      rule: 'security/router-without-tls',
      holds: plain.length === 0,
      statement: plain.length === 0 ? (routes.length === 1 ? 'The public route is served over TLS.' : `All ${routes.length} public routes are served over TLS.`) : `Routes without TLS: ${plain.map(([n, r]) => `${n} (${r.host})`).join(', ')}.`,
    });
  }

  // Access control
  for (const [rid, r] of routes) {
    const svc = t.services[r.service];
    const types = routeMiddlewareTypes(t, r.middlewares);
    const port = svc ? servicePorts(svc).find((p) => (typeof r.port === 'number' ? p.port === r.port : p.role === r.port)) : undefined;
    const adminSurface = (port && ADMIN_ROLES.has(port.role)) || svc?.kind === 'monitoring' || (svc?.kind === 'proxy' && !r.redirect);
    const authed = types.includes('forwardAuth') || types.includes('basicAuth') || types.includes('ipAllowList') || r.auth === 'app' || r.auth === 'basic-auth' || r.auth === 'forward-auth';
    if (adminSurface && !r.redirect) {
      facts.push({
        layer: 'access-control',
        rule: 'security/admin-route-without-auth',
        holds: authed,
        statement: authed ? `Admin surface ${r.host}${r.path ?? ''} (${name(r.service)}) requires authentication.` : `Admin surface ${r.host}${r.path ?? ''} (${name(r.service)}) is public without an auth middleware.`,
      });
    }
    if ((svc?.kind === 'api' || r.host.startsWith('api.')) && !r.redirect) {
      const limited = types.includes('rateLimit');
      facts.push({
        layer: 'access-control',
        rule: 'security/api-without-rate-limit',
        holds: limited,
        statement: limited ? `API route ${r.host}${r.path ?? ''} is rate limited.` : `API route ${r.host}${r.path ?? ''} has no rate limit.`,
      });
    }
  }

  // Application
  const withHeaders = routes.filter(([, r]) => routeMiddlewareTypes(t, r.middlewares).includes('headers'));
  if (routes.length) {
    facts.push({
      layer: 'application',
      rule: 'security/missing-security-headers',
      holds: withHeaders.length === routes.filter(([, r]) => !r.redirect).length,
      statement: `${withHeaders.length} of ${routes.filter(([, r]) => !r.redirect).length} public routes set security headers.`,
    });
  }
  const noHealth = Object.entries(t.services).filter(([, s]) => !s.healthcheck && s.status !== 'planned');
  facts.push({
    layer: 'application',
    rule: 'security/no-healthcheck',
    holds: noHealth.length === 0,
    statement: noHealth.length === 0 ? 'Every service declares a health check.' : `Services without a health check: ${noHealth.map(([id]) => name(id)).join(', ')}.`,
  });
  const users = Object.entries(t.services).filter(([, s]) => s.user !== undefined);
  const root = users.filter(([, s]) => s.user === 'root' || s.user === '0' || s.user?.startsWith('0:'));
  if (users.length) {
    facts.push({
      layer: 'application',
      rule: 'security/container-root',
      holds: root.length === 0,
      statement: root.length === 0 ? `Services with a declared user run as non-root: ${users.map(([id, s]) => `${name(id)} (${s.user})`).join(', ')}.` : `Running as root: ${root.map(([id]) => name(id)).join(', ')}.`,
    });
  }
  const socket = Object.entries(t.services).flatMap(([id, s]) => (s.volumes ?? []).filter((v) => isHostPath(v.volume) && v.volume.endsWith('docker.sock')).map((v) => ({ id, ro: Boolean(v.readOnly) })));
  if (socket.length) {
    facts.push({
      layer: 'application',
      rule: 'security/docker-socket',
      holds: socket.every((s) => s.ro),
      statement: socket.map((s) => `${name(s.id)} mounts the Docker socket ${s.ro ? 'read-only' : 'read-write'}.`).join(' '),
    });
  }

  // Data
  for (const [id, s] of Object.entries(t.services)) {
    if (!isDatastore(s.kind)) continue;
    const published = pubs.filter((p) => p.owner === id);
    const sharesProxy = (s.networks ?? []).filter((n) => proxyNets.has(n));
    const isolated = published.length === 0 && sharesProxy.length === 0;
    const parts: string[] = [];
    parts.push(published.length ? `publishes host port ${published.map((p) => p.hostPort).join(', ')}` : 'publishes no port');
    parts.push(sharesProxy.length ? `shares network ${sharesProxy.join(', ')} with Traefik` : 'is on no network Traefik joins');
    facts.push({ layer: 'data', rule: 'security/datastore-published', holds: isolated || published.length === 0, statement: `${name(id)} ${parts.reverse().join(' and ')}.` });
  }
  return facts;
}
