/**
 * Request flows as numbered text diagrams, one per public route: the client resolves the host,
 * Traefik terminates TLS and runs the route's middlewares in order, the service answers (calling
 * what it uses), and the response goes back through Traefik. Routes that share a target, port,
 * entrypoints, TLS resolver, middlewares and authentication make one flow listing every address.
 * Redirect-only and internal routes are summed up after the flows.
 */
import { hostUnder } from '../../model/check-references.ts';
import {
  proxyId,
  resolvePort,
  routeCertResolver,
  routeHasTls,
  routeMiddlewares,
  firewallOpening,
  httpRedirectEntrypoint,
  type Route,
  type RouteMiddleware,
} from '../../model/queries.ts';
import type { TopologyModel } from '../../model/schema/index.ts';
import { box, bullets, chain, text, tree, vstack, type Content, type Layout } from '../ascii/index.ts';
import type { Generator } from '../types.ts';
import { asciiFragments, firstSentence, listProse, nameOf, oneLine, plural, statusSuffix, type Marks } from './common.ts';
import { middlewareSummary } from './describe.ts';

/** Step boxes stay narrower than the page so the arrow labels beside them are not crowded out. */
const STEP_BOX_WIDTH = 84;

export const asciiRequestFlow: Generator = (t) =>
  asciiFragments({
    name: 'ascii-request-flow',
    title: 'Request flows',
    description: `How requests to ${oneLine(t.name)} travel, as numbered text diagrams: from the client through DNS and Traefik (TLS, middlewares in order) to the service and what it uses, and back.`,
    file: 'ascii/request-flow',
    build: (marks) => requestFlowLayout(t, marks),
  });

interface FlowGroup {
  routes: Array<[string, Route]>;
}

/** Public routes that reach a service, grouped when everything but the address is the same. */
function flowGroups(t: TopologyModel): FlowGroup[] {
  const groups = new Map<string, FlowGroup>();
  for (const [id, r] of Object.entries(t.routes ?? {})) {
    if (!r.public || r.redirect) continue;
    const svc = t.services[r.service];
    const port = svc ? resolvePort(svc, r.port)?.port : undefined;
    const key = JSON.stringify([r.service, port ?? r.port, r.entrypoints, routeCertResolver(t, r) ?? '', routeHasTls(t, r), r.middlewares ?? [], r.auth ?? '', r.status ?? '']);
    const group = groups.get(key) ?? { routes: [] };
    group.routes.push([id, r]);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function requestFlowLayout(t: TopologyModel, marks: Marks): Content {
  const groups = flowGroups(t);
  const parts: Content[] = [];
  groups.forEach((g, i) => {
    const [, first] = g.routes[0]!;
    const addresses = g.routes.map(([, r]) => address(t, r));
    const heading = `FLOW ${i + 1} OF ${groups.length}: ${addresses.join(', ')} ${marks.arrow} ${nameOf(t, first.service)}${statusSuffix(first.status)}`;
    // Boxed, so that no line starts with user text (a text diagram is embedded in Markdown fences).
    parts.push(vstack([box(text(heading)), flowLayout(t, g, marks)], { gap: 1 }));
  });
  const others = otherRoutes(t, marks);
  if (others) parts.push(others);
  if (parts.length === 0) parts.push(text('The topology declares no public routes.'));
  return vstack(parts, { gap: 2 });
}

function address(t: TopologyModel, r: Route): string {
  return oneLine(`${routeHasTls(t, r) ? 'https' : 'http'}://${r.host}${r.path ?? ''}`);
}

interface Step {
  title: string;
  body: Content[];
  /** Label of the arrow to the next step. */
  edge?: string;
}

function flowLayout(t: TopologyModel, g: FlowGroup, marks: Marks): Layout {
  const [, route] = g.routes[0]!;
  const proxy = proxyId(t);
  const proxyName = proxy ? nameOf(t, proxy) : 'Traefik';
  const service = t.services[route.service];
  const target = service ? resolvePort(service, route.port) : undefined;
  const tls = routeHasTls(t, route);
  const entry = pickEntrypoint(t, route);
  const middlewares = routeMiddlewares(t, route);
  const steps: Step[] = [];

  // 1. The client and name resolution.
  const client = Object.values(t.externals ?? {}).find((x) => x.kind === 'user' || x.kind === 'client');
  const clientLines = g.routes.map(([, r]) => `Requests ${address(t, r)}`);
  const redirect = tls ? httpRedirectEntrypoint(t, route) : undefined;
  if (redirect) clientLines.push(`Plain http:// on :${redirect.port} is first answered with a ${redirect.permanent ? '301' : '302'} redirect to https://`);
  if (t.dns) {
    const hosts = [...new Set(g.routes.map(([, r]) => oneLine(r.host)))];
    const zones = [...new Set(g.routes.map(([, r]) => t.dns!.domains.find((d) => hostUnder(r.host, d.name))?.name).filter((z): z is string => z !== undefined && !hosts.includes(z)))];
    clientLines.push(`DNS${t.dns.provider ? ` (${oneLine(t.dns.provider)})` : ''} resolves ${listProse(hosts)} to the server${zones.length ? ` (zone ${zones.join(', ')})` : ''}`);
  }
  const firewall = t.firewall ? firewallVerdict(t, entry?.port) : undefined;
  steps.push({
    title: `Client${client ? `: ${oneLine(client.name)}` : ''}`,
    body: [bullets(clientLines)],
    edge: `${tls ? 'HTTPS' : 'HTTP'} :${entry?.port ?? (tls ? 443 : 80)}${firewall ? `, ${firewall}` : ''}`,
  });

  // 2. Traefik: TLS, the router, the middlewares in order.
  const proxyLines: Content[] = [];
  const facts: string[] = [];
  if (tls) {
    const resolverId = routeCertResolver(t, route);
    const resolver = resolverId ? t.tls?.resolvers[resolverId] : undefined;
    const how = resolver ? ` (${resolver.challenge.toUpperCase()}${resolver.staging ? ', staging' : ''})` : '';
    facts.push(`TLS termination${resolverId ? `, certificate from resolver ${resolverId}${how}` : ''}${t.tls?.minVersion ? `, TLS ${t.tls.minVersion} or newer` : ''}`);
  }
  const rules = g.routes.map(([id, r]) => `Router ${id}: Host(\`${oneLine(r.host)}\`)${r.path ? ` && PathPrefix(\`${oneLine(r.path)}\`)` : ''}`);
  facts.push(...rules);
  proxyLines.push(bullets(facts));
  if (middlewares.length) {
    proxyLines.push(tree({ label: 'Middlewares, in order:', children: middlewares.map((m, i) => ({ label: middlewareLine(t, m, i, marks) })) }));
  } else {
    proxyLines.push(text('No middlewares.'));
  }
  const forwarded = forwardedPath(route, middlewares);
  const internal = route.service === proxy;
  steps.push({
    title: `${proxyName} :${entry?.port ?? (tls ? 443 : 80)}${entry ? ` (entrypoint ${entry.name})` : ''}`,
    body: proxyLines,
    edge: internal
      ? `handed to ${proxyName} itself`
      : target
        ? `${(target.scheme ?? 'http').toUpperCase()} :${target.port}${forwarded !== (route.path ?? '/') ? `, path ${forwarded}` : ''}`
        : undefined,
  });

  // 3. The service.
  const serviceLines: string[] = [];
  const forwardAuth = middlewares.find((m) => m.middleware?.forwardAuth);
  const basicAuth = middlewares.find((m) => m.middleware?.basicAuth);
  if (route.auth === 'app') serviceLines.push('Authenticates the request itself (in the application)');
  else if (forwardAuth) serviceLines.push(`Receives only requests ${forwardAuth.name} let through`);
  else if (basicAuth) serviceLines.push(`Receives only requests that passed ${basicAuth.name} (basic auth)`);
  else if (route.auth === 'none') serviceLines.push('No authentication');
  const replicas = service?.scaling?.replicas ?? 1;
  if (replicas > 1) serviceLines.push(`${proxyName} balances over ${plural(replicas, 'replica')}`);
  if (service?.description && route.service !== proxy) serviceLines.push(firstSentence(service.description));
  const portRole = target && target.role !== 'main' ? ` ${target.role}` : '';
  const uses = (route.service === proxy ? [] : service?.uses ?? []).filter((u) => u.service !== route.service);
  const technology = service?.technology && !internal ? `, ${oneLine(service.technology)}` : '';
  steps.push({
    title: internal
      ? `${proxyName} itself: ${target && target.role !== 'main' ? `${target.role} :${target.port}` : 'its API and dashboard (api@internal)'}`
      : `${nameOf(t, route.service)} :${target?.port ?? '?'}${portRole}${technology}`,
    body: serviceLines.length ? [bullets(serviceLines)] : [],
    edge: uses.length ? 'calls' : undefined,
  });

  // 4. What it uses while answering.
  if (uses.length) {
    const lines = uses.map((u) => {
      const svc = t.services[u.service];
      const port = svc ? resolvePort(svc, u.port) : undefined;
      const kind = svc ? svc.kind : t.externals?.[u.service] ? 'external' : '';
      return `${nameOf(t, u.service)}${port ? ` :${port.port}` : ''}${kind ? ` (${kind.replace('-', ' ')})` : ''}${u.label ? `: ${oneLine(u.label)}` : ''}${u.optional ? ', if needed' : ''}`;
    });
    steps.push({ title: `${nameOf(t, route.service)} calls`, body: [bullets(lines)], edge: 'results' });
  }

  // 5. The way back.
  const path = route.service === proxy ? [proxyName] : [nameOf(t, route.service), proxyName];
  const back: string[] = [`${[...path, 'client'].join(` ${marks.arrow} `)}${tls ? ', over the same TLS connection' : ''}`];
  for (const m of middlewares) {
    const mw = m.middleware;
    if (mw?.headers) back.push(`${m.name} adds its response headers`);
    if (mw?.compress) back.push(`${m.name} compresses the body (${mw.compress.encodings?.join(', ') ?? 'gzip'})`);
  }
  steps.push({ title: 'Response', body: [bullets(back)] });
  return stepFlow(steps);
}

function middlewareLine(t: TopologyModel, m: RouteMiddleware, i: number, marks: Marks): string {
  const via = m.via.length ? ` (in chain ${m.via.join(` ${marks.arrow} `)})` : '';
  const what = m.middleware ? middlewareSummary(t, m.middleware, marks) : m.provider === 'internal' ? "Traefik's own" : 'not declared in the topology';
  return `${i + 1}. ${m.ref}${via}: ${what}${m.middleware?.optional ? ' (optional)' : ''}`;
}

/** Numbered step boxes of one width under each other, joined by labelled arrows. */
function stepFlow(steps: readonly Step[]): Layout {
  const stepBox = (step: Step, i: number, width?: number): Layout =>
    box(vstack(step.body), { title: `${i + 1}. ${step.title}`, titleAlign: 'left', width, maxWidth: STEP_BOX_WIDTH });
  const labels = steps.map((s) => s.edge);
  return (maxWidth: number) => {
    const widest = steps.reduce((w, s, i) => Math.max(w, stepBox(s, i)(maxWidth).width), 0);
    return chain(steps.map((s, i) => stepBox(s, i, widest)), { labels })(maxWidth);
  };
}

/** Redirect-only routes and routes not open to the public, one line each. */
function otherRoutes(t: TopologyModel, marks: Marks): Layout | undefined {
  const lines: string[] = [];
  for (const [id, r] of Object.entries(t.routes ?? {})) {
    if (r.redirect && r.public) {
      lines.push(`${address(t, r)} ${marks.arrow} ${r.redirect.permanent ? '301/308' : '302/307'} redirect to ${oneLine(r.redirect.to)} (router ${id}${r.middlewares?.length ? `, via ${r.middlewares.join(', ')}` : ''})`);
    } else if (!r.public) {
      const svc = t.services[r.service];
      const port = svc ? resolvePort(svc, r.port) : undefined;
      lines.push(`${address(t, r)} ${marks.arrow} ${nameOf(t, r.service)}${port ? ` :${port.port}` : ''}: not public, on entrypoint ${r.entrypoints.join(', ')} (router ${id})`);
    }
  }
  if (lines.length === 0) return undefined;
  return box(bullets(lines), { title: 'Other routes', titleAlign: 'left' });
}

/** The entrypoint a route's HTTPS (or only) traffic arrives on, with its host port. */
function pickEntrypoint(t: TopologyModel, route: Route): { name: string; port: number } | undefined {
  const eps = route.entrypoints.flatMap((name) => {
    const ep = t.entrypoints?.[name];
    return ep ? [{ name, ep }] : [];
  });
  const pick = eps.find((e) => e.ep.protocol === 'https') ?? eps[0];
  return pick ? { name: pick.name, port: pick.ep.published ?? pick.ep.port } : undefined;
}

function firewallVerdict(t: TopologyModel, port: number | undefined): string {
  const rule = port === undefined ? undefined : firewallOpening(t, port);
  return rule ? `let through by the firewall (${rule.action} ${rule.port ?? 'all'}/tcp)` : `no firewall rule opens it (default ${t.firewall!.defaultIncoming})`;
}

/** The path the service sees: the route's path less any prefix a stripPrefix middleware removes. */
function forwardedPath(route: Route, middlewares: readonly RouteMiddleware[]): string {
  let path = route.path ?? '/';
  for (const m of middlewares) {
    const prefix = m.middleware?.stripPrefix?.prefixes.find((p) => path.startsWith(p));
    if (prefix !== undefined) path = path.slice(prefix.length).replace(/^(?!\/)/, '/');
  }
  return path;
}
