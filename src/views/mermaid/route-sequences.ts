/**
 * One sequence diagram per public route, derived from the model: the client resolves the host,
 * passes the firewall, Traefik terminates TLS (after redirecting plain HTTP when the entrypoint
 * says so), runs the route's middlewares in order — each check that can refuse the request opens
 * an `alt` whose `else` branch carries the rest of the request — then the service answers, calling
 * the stores it uses.
 */
import { hostUnder } from '../../model/check-references.ts';
import {
  displayName,
  proxyId,
  resolvePort,
  routeCertResolver,
  routeHasTls,
  routeMiddlewares,
  type Middleware,
  firewallOpening,
  httpRedirectEntrypoint,
  type Route,
  type RouteMiddleware,
} from '../../model/queries.ts';
import type { TopologyModel } from '../../model/schema/index.ts';
import type { Fragment, Generator } from '../types.ts';
import { SequenceWriter, type Layer } from './sequence.ts';
import { IdAllocator, oneLine } from './source.ts';

const STORE_VERBS: Record<string, { ask: string; answer: string }> = {
  database: { ask: 'Query', answer: 'Rows' },
  cache: { ask: 'Get / set', answer: 'Cached value' },
  queue: { ask: 'Publish', answer: 'Ack' },
  'object-storage': { ask: 'Get / put object', answer: 'Object' },
};

export const routeSequenceDiagrams: Generator = (t) =>
  Object.entries(t.routes ?? {})
    .filter(([, route]) => route.public)
    .map(([id, route]) => routeSequence(t, id, route));

interface Cast {
  client: string;
  dns?: string;
  firewall?: string;
  proxy: string;
  service?: string;
  /** forwardAuth middleware name → participant id. */
  auth: Map<string, string>;
  stores: Array<{ id: string; use: NonNullable<TopologyModel['services'][string]['uses']>[number] }>;
  last: string;
}

function routeSequence(t: TopologyModel, routeId: string, route: Route): Fragment {
  const tls = routeHasTls(t, route);
  const url = `${tls ? 'https' : 'http'}://${route.host}${route.path ?? ''}`;
  const service = t.services[route.service];
  const serviceName = displayName(t, route.service);
  const middlewares = routeMiddlewares(t, route);
  const proxy = proxyId(t);
  const proxyName = proxy !== undefined ? displayName(t, proxy) : 'Traefik';

  const title = oneLine(`Request flow: ${route.host}${route.path ?? ''}`);
  const steps = [t.dns && 'DNS', t.firewall && 'the firewall', proxyName].filter(Boolean).join(', ').replace(/, ([^,]*)$/, ' and $1');
  const mwNames = middlewares.map((m) => m.name);
  const description = oneLine(
    route.redirect
      ? `How a request to ${url} passes ${steps} and is redirected to ${route.redirect.to}.`
      : `How a request to ${url} passes ${steps}${mwNames.length ? ` (${mwNames.join(', ')})` : ''} to ${serviceName} and back.`,
  );

  // ---- participants, left to right in the order the request meets them
  const ids = new IdAllocator(['C', 'DNS', 'FW', 'TR']);
  const client = Object.values(t.externals ?? {}).find((x) => x.kind === 'user' || x.kind === 'client');
  const seq = new SequenceWriter(title, description);
  const cast: Cast = { client: 'C', proxy: 'TR', auth: new Map(), stores: [], last: 'TR' };
  seq.participant('C', client?.name ?? 'Client', 'actor');
  if (t.dns) {
    cast.dns = 'DNS';
    seq.participant('DNS', t.dns.provider ? `DNS · ${t.dns.provider}` : 'DNS');
  }
  if (t.firewall) {
    cast.firewall = 'FW';
    seq.participant('FW', `Firewall · ${t.firewall.kind}`);
  }
  seq.participant('TR', proxyName);
  for (const m of middlewares) {
    const fa = m.middleware?.forwardAuth;
    if (!fa) continue;
    const provider = fa.provider;
    const id = provider && t.services[provider] ? ids.id('s_', provider) : provider && t.externals?.[provider] ? ids.id('x_', provider) : ids.id('auth_', m.name);
    if (![...cast.auth.values()].includes(id)) {
      const label = provider && t.externals?.[provider] ? `${t.externals[provider]!.name} (external)` : provider && t.services[provider] ? displayName(t, provider) : `Auth server ${authHost(fa.address)}`;
      seq.participant(id, label);
    }
    cast.auth.set(m.name, id);
  }
  if (!route.redirect && service) {
    cast.service = ids.id('s_', route.service);
    seq.participant(cast.service, serviceName);
    for (const use of service.uses ?? []) {
      const target = t.services[use.service];
      if (!target || !(target.kind in STORE_VERBS) || use.service === route.service) continue;
      const id = ids.id('s_', use.service);
      if (!cast.stores.some((s) => s.id === id)) seq.participant(id, displayName(t, use.service));
      cast.stores.push({ id, use });
    }
  }
  cast.last = cast.stores.at(-1)?.id ?? cast.service ?? [...cast.auth.values()].at(-1) ?? 'TR';

  const layers = {
    network: { color: 'grey', name: 'Network', over: [cast.client, cast.firewall ?? cast.dns ?? cast.proxy] },
    proxy: { color: 'yellow', name: proxyName, over: [cast.proxy] },
    auth: { color: 'blue', name: 'Authentication', over: [cast.proxy, [...cast.auth.values()].at(-1) ?? cast.proxy] },
    app: { color: 'purple', name: 'Application', over: cast.service ? [cast.service] : [cast.proxy] },
  } satisfies Record<string, Layer>;
  layers.auth.over = [...new Set(layers.auth.over)];

  const status = route.status && route.status !== 'active' ? ` (${route.status})` : '';
  seq.note([cast.client, cast.last], `${url} → ${route.redirect ? `redirect to ${route.redirect.to}` : serviceName} · router ${routeId}${status}`);

  // ---- network: name resolution, the optional plain-HTTP redirect, the firewall
  const entry = pickEntrypoint(t, route);
  seq.layer(layers.network);
  if (cast.dns) {
    const zone = t.dns?.domains.find((d) => hostUnder(route.host, d.name));
    seq.message(cast.client, cast.dns, `Resolve ${route.host}`);
    seq.message(cast.dns, cast.client, `Host IP${zone ? ` (${zone.name})` : ''}`, true);
  }
  const redirecting = tls ? httpRedirectEntrypoint(t, route) : undefined;
  if (redirecting) {
    seq.block('opt', `Plain HTTP request (http://${route.host}:${redirecting.port})`, () => {
      seq.message(cast.client, cast.proxy, `http://${route.host}${route.path ?? '/'} on ${redirecting.name} :${redirecting.port}`);
      seq.message(cast.proxy, cast.client, `${redirecting.permanent ? '301 Moved Permanently' : '302 Found'} → https://${route.host}${route.path ?? '/'}`, true);
    });
  }
  const port = entry ? `:${entry.port}` : tls ? ':443' : ':80';
  if (cast.firewall) {
    seq.message(cast.client, cast.firewall, `${tls ? 'HTTPS' : 'HTTP'} request to ${port}`);
    seq.message(cast.firewall, cast.proxy, firewallVerdict(t, entry?.port));
  } else {
    seq.message(cast.client, cast.proxy, `${tls ? 'HTTPS' : 'HTTP'} request to ${port}`);
  }

  // ---- Traefik: TLS, routing, middlewares in order
  seq.layer(layers.proxy);
  if (tls) {
    const resolver = routeCertResolver(t, route);
    const min = t.tls?.minVersion;
    const details = [resolver && `certificate from ${resolver}`, min && `TLS ≥ ${min}`].filter(Boolean);
    seq.message(cast.proxy, cast.proxy, `Terminate TLS${details.length ? ` (${details.join(', ')})` : ''}`);
  }
  const rule = `Host(\`${route.host}\`)${route.path ? ` && PathPrefix(\`${route.path}\`)` : ''}`;
  seq.message(cast.proxy, cast.proxy, `Match ${rule} on ${route.entrypoints.join(', ')} → router ${routeId}`);
  const responseNotes: string[] = [];
  for (const m of middlewares) {
    writeMiddleware(seq, cast, layers, m, route, responseNotes);
  }

  // ---- the answer
  if (route.redirect) {
    seq.layer(layers.proxy);
    seq.message(cast.proxy, cast.client, `${route.redirect.permanent ? '301 Moved Permanently' : '302 Found'} → ${route.redirect.to}`, true);
  } else if (cast.service && service) {
    seq.layer(layers.app);
    const target = resolvePort(service, route.port);
    const portText = target ? ` to :${target.port}${target.role !== 'main' ? ` (${target.role})` : ''}` : '';
    seq.message(cast.proxy, cast.service, `Forward ${forwardedPath(route, middlewares)}${portText}`);
    if (route.auth === 'app') seq.message(cast.service, cast.service, 'Authenticate the request (in the application)');
    for (const { id, use } of cast.stores) {
      const kind = t.services[use.service]!.kind;
      const verbs = STORE_VERBS[kind]!;
      const usePort = resolvePort(t.services[use.service]!, use.port);
      const ask = `${use.label ?? verbs.ask}${usePort ? ` (:${usePort.port})` : ''}`;
      const exchange = () => {
        seq.message(cast.service!, id, ask);
        seq.message(id, cast.service!, verbs.answer, true);
      };
      if (use.optional) seq.block('opt', `If needed: ${use.label ?? verbs.ask}`, exchange);
      else exchange();
    }
    seq.message(cast.service, cast.proxy, 'Response', true);
    seq.closeLayer();
    seq.message(cast.proxy, cast.client, `Response${responseNotes.length ? ` (${responseNotes.join(', ')})` : ''}`, true);
  }
  const content = seq.finish([cast.client, cast.last]);
  return { name: `sequence-${routeId}`, kind: 'mermaid', title, description, file: `sequence-${routeId}.mmd`, content };
}

type Layers = Record<'network' | 'proxy' | 'auth' | 'app', Layer>;

function writeMiddleware(seq: SequenceWriter, cast: Cast, layers: Layers, m: RouteMiddleware, route: Route, responseNotes: string[]): void {
  const mw = m.middleware;
  const tag = `${m.name}${m.via.length ? ` via ${m.via.join(' → ')}` : ''}${mw?.optional ? ', optional' : ''}`;
  const self = (text: string) => seq.message(cast.proxy, cast.proxy, text);
  const refuse = (text: string) => seq.message(cast.proxy, cast.client, text, true);
  if (!mw) {
    seq.layer(layers.proxy);
    self(`Middleware ${m.ref}`);
    return;
  }
  if (mw.rateLimit) {
    const r = mw.rateLimit;
    const limit = `${r.average} requests per ${r.period ?? '1s'}${r.burst !== undefined ? `, burst ${r.burst}` : ''}`;
    seq.layer(layers.proxy);
    self(`Rate limit (${tag}): ${limit}`);
    seq.branch(`Over ${limit}`, () => refuse('429 Too Many Requests'), 'Within the limit');
  } else if (mw.headers) {
    seq.layer(layers.proxy);
    const summary = headerSummary(mw);
    self(`Headers (${tag}): ${summary}`);
    responseNotes.push(mw.headers.accessControlAllowOriginList || mw.headers.accessControlAllowMethods ? 'CORS and security headers' : 'security headers');
  } else if (mw.compress) {
    seq.layer(layers.proxy);
    const encodings = mw.compress.encodings?.join(', ') ?? 'gzip';
    self(`Compress (${tag}): ${encodings}`);
    responseNotes.push(`compressed: ${encodings}`);
  } else if (mw.basicAuth) {
    seq.layer(layers.auth);
    self(`Basic auth (${tag})${mw.basicAuth.realm ? `, realm ${mw.basicAuth.realm}` : ''}`);
    seq.branch('Unauthorized', () => refuse('401 Unauthorized (WWW-Authenticate: Basic)'), 'Authorized');
  } else if (mw.forwardAuth) {
    const fa = mw.forwardAuth;
    const auth = cast.auth.get(m.name)!;
    seq.layer(layers.auth);
    seq.message(cast.proxy, auth, `Forward auth (${tag}): ${fa.address}`);
    seq.branch(
      'Unauthorized',
      () => {
        seq.message(auth, cast.proxy, 'Not authorised', true);
        refuse(fa.unauthorized ?? "The auth server's answer (401, 403 or a redirect to sign in)");
      },
      'Authorized',
    );
    seq.layer(layers.auth);
    seq.message(auth, cast.proxy, `2xx${fa.authResponseHeaders?.length ? ` + ${fa.authResponseHeaders.join(', ')}` : ''}`, true);
  } else if (mw.ipAllowList) {
    seq.layer(layers.proxy);
    self(`IP allow list (${tag}): ${mw.ipAllowList.sourceRange.join(', ')}`);
    seq.branch('Client IP not allowed', () => refuse('403 Forbidden'), 'Client IP allowed');
  } else if (mw.redirectScheme) {
    const r = mw.redirectScheme;
    seq.layer(layers.proxy);
    self(`Redirect scheme (${tag}) to ${r.scheme}`);
    seq.branch(`Request is not ${r.scheme}`, () => refuse(`${r.permanent ? '301 Moved Permanently' : '302 Found'} → ${r.scheme}://${route.host}${r.port ? `:${r.port}` : ''}${route.path ?? '/'}`), `Request is ${r.scheme}`);
  } else if (mw.redirectRegex) {
    const r = mw.redirectRegex;
    seq.layer(layers.proxy);
    self(`Redirect regex (${tag}): ${r.regex}`);
    seq.branch(`URL matches ${r.regex}`, () => refuse(`${r.permanent ? '301 Moved Permanently' : '302 Found'} → ${r.replacement}`), 'No match');
  } else if (mw.stripPrefix) {
    seq.layer(layers.proxy);
    self(`Strip prefix (${tag}): ${mw.stripPrefix.prefixes.join(', ')}`);
  }
}

/** The path the service sees: the route's path less any prefix a stripPrefix middleware removes. */
function forwardedPath(route: Route, middlewares: RouteMiddleware[]): string {
  let path = route.path ?? '/';
  for (const m of middlewares) {
    const prefix = m.middleware?.stripPrefix?.prefixes.find((p) => path.startsWith(p));
    if (prefix !== undefined) path = path.slice(prefix.length).replace(/^(?!\/)/, '/');
  }
  return path;
}

function headerSummary(mw: Middleware): string {
  const h = mw.headers!;
  const parts: string[] = [];
  if (h.stsSeconds !== undefined) parts.push(`HSTS max-age=${h.stsSeconds}${h.stsIncludeSubdomains ? ' incl. subdomains' : ''}${h.stsPreload ? ', preload' : ''}`);
  if (h.frameDeny) parts.push('frame deny');
  else if (h.customFrameOptionsValue) parts.push(`X-Frame-Options ${h.customFrameOptionsValue}`);
  if (h.contentTypeNosniff) parts.push('nosniff');
  if (h.browserXssFilter) parts.push('XSS filter');
  if (h.referrerPolicy) parts.push(`Referrer-Policy ${h.referrerPolicy}`);
  if (h.contentSecurityPolicy) parts.push('CSP');
  if (h.accessControlAllowOriginList?.length) parts.push(`CORS origins ${h.accessControlAllowOriginList.join(', ')}`);
  if (h.accessControlAllowMethods?.length) parts.push(`methods ${h.accessControlAllowMethods.join(', ')}`);
  if (h.customResponseHeaders) parts.push(`custom ${Object.keys(h.customResponseHeaders).sort().join(', ')}`);
  return parts.join(', ') || 'custom headers';
}

/** The entrypoint a route's HTTPS (or only) traffic arrives on, with its host port. */
function pickEntrypoint(t: TopologyModel, route: Route): { name: string; port: number } | undefined {
  const eps = route.entrypoints.map((name) => ({ name, ep: t.entrypoints?.[name] })).filter((e) => e.ep !== undefined);
  const pick = eps.find((e) => e.ep!.protocol === 'https') ?? eps[0];
  return pick ? { name: pick.name, port: pick.ep!.published ?? pick.ep!.port } : undefined;
}

function firewallVerdict(t: TopologyModel, port: number | undefined): string {
  const rule = port === undefined ? undefined : firewallOpening(t, port);
  if (rule) return `Allowed: ${rule.action} ${rule.port ?? 'all'}/${rule.protocol === 'any' ? 'tcp' : rule.protocol}`;
  return `No rule names ${port !== undefined ? `:${port}` : 'this port'} (default: ${t.firewall!.defaultIncoming} incoming)`;
}

function authHost(address: string): string {
  return address.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/, 1)[0] ?? address;
}
