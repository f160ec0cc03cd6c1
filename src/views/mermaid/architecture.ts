/**
 * The architecture flowchart: Internet → DNS → firewall → Traefik entrypoints → routes →
 * services boxed by network (and group), with datastores, `uses` calls, redirects, forward auth
 * and monitoring.
 *
 * Placement rule (Mermaid draws a node in exactly one subgraph):
 * - the proxy sits in the "Ingress" box with the entrypoints and redirect routes;
 * - every other service sits in its *home* network: the first network (in the service's own
 *   order) that it shares with the proxy, preferring `purpose: routing`; failing that its first
 *   network; a service without networks is on Compose's default network;
 * - a `group` is nested in its members' common home network, else in the first network (in
 *   topology order) that all of them join; a group with no network in common becomes a top-level
 *   box of its own;
 * - memberships a box cannot show are written in the node label ("also on: data").
 *
 * Bundling rule for monitoring: a scraper gets one "scrapes metrics" edge to a box (network or
 * group, largest first) when it covers every service drawn inside it — scrapes it, or scrapes the
 * exporter that `exports` it — scraping at least two of them directly, and the box does not
 * contain the scraper itself; the services left over get one edge each.
 *
 * Direction rule: pages are narrow and scroll vertically, so the diagram should not grow
 * sideways. Top-to-bottom puts each rank (Internet, DNS, firewall, entrypoints, proxy, services,
 * stores…) in a row: its width grows with the busiest rank. Left-to-right puts ranks in columns:
 * its width grows with the number of ranks. The layout ranks are estimated as longest paths over
 * the edges, and left-to-right is chosen only when the busiest rank holds more than 1.3 times as
 * many nodes as there are ranks (a flat system: many services straight behind the proxy).
 */
import { hostUnder } from '../../model/check-references.ts';
import {
  proxyId,
  publications,
  resolvePort,
  routeHasTls,
  routeMiddlewares,
  servicePorts,
  type PortEntry,
  type Route,
  type Service,
} from '../../model/queries.ts';
import type { TopologyModel } from '../../model/schema/index.ts';
import { mermaidText } from '../escape.ts';
import { defaultServiceHref, type Fragment, type Generator } from '../types.ts';
import {
  CLUSTER_STYLES,
  DEPRECATED_STYLE,
  EDGE_STYLES,
  INFRA_STYLES,
  KIND_STYLES,
  PLANNED_STYLE,
  type ServiceKindName,
} from './palette.ts';
import { IdAllocator, MermaidWriter, accessibility, labelLines, oneLine, safeHref } from './source.ts';

/** Compose puts services that list no networks on the project's network called `default`. */
const DEFAULT_NETWORK = 'default';
const STORE_KINDS: ReadonlySet<string> = new Set(['database', 'cache', 'queue', 'object-storage']);
const MAX_LABEL_LINES = 6;

/** Every class the diagram may use, in the order the `classDef` lines are written. */
const CLASS_STYLES: Record<string, string> = {
  ...INFRA_STYLES,
  ...KIND_STYLES,
  ingressBox: CLUSTER_STYLES.ingress,
  networkBox: CLUSTER_STYLES.network,
  internalNetworkBox: CLUSTER_STYLES.internalNetwork,
  groupBox: CLUSTER_STYLES.group,
  externalsBox: CLUSTER_STYLES.externals,
  planned: PLANNED_STYLE,
  deprecated: DEPRECATED_STYLE,
};
/** Node text width (px) before Mermaid wraps a line: room for `websocket :4001 · metrics :4090`. */
const WRAPPING_WIDTH = 300;
/** Left-to-right only when the graph is this many times wider (nodes per rank) than deep (ranks). */
const WIDE_RATIO = 1.3;

type Status = 'active' | 'planned' | 'optional' | 'deprecated' | undefined;
type EdgeStyle = keyof typeof EDGE_STYLES;

interface Box {
  id: string;
  title: string;
  cls: 'ingress' | 'network' | 'internalNetwork' | 'group';
  status: Status;
  services: string[];
  boxes: Box[];
  /** Nodes that are not services (entrypoints, redirects, externals), already rendered. */
  extra: string[];
}

interface Edge {
  from: string;
  to: string;
  label?: string | string[];
  dashed: boolean;
  both?: boolean;
  style?: EdgeStyle;
}

export const architectureDiagram: Generator = (t, options) => {
  const href = options.serviceHref ?? defaultServiceHref;
  const ids = new IdAllocator(['internet', 'dns', 'firewall', 'ingress', 'externals']);
  const sid = (id: string) => ids.id('s_', id);
  const xid = (id: string) => ids.id('x_', id);
  const proxy = proxyId(t);
  const proxyService = proxy !== undefined ? t.services[proxy] : undefined;
  const serviceIds = Object.keys(t.services);

  const nodeClasses = new Map<string, string[]>();
  const addClass = (node: string, cls: string) => nodeClasses.set(node, [...(nodeClasses.get(node) ?? []), cls]);
  const markStatus = (node: string, status: Status) => {
    if (status === 'planned' || status === 'optional') addClass(node, 'planned');
    if (status === 'deprecated') addClass(node, 'deprecated');
  };
  const edges: Edge[] = [];

  // ---- placement -------------------------------------------------------------------------
  const layout = placeServices(t, proxy);
  const networkBoxes = new Map<string, Box>();
  for (const net of layout.networkOrder) {
    const declared = t.networks?.[net];
    const flags = declared ? [declared.internal && 'internal', declared.external && 'external', declared.subnet] : [];
    const title = [declared ? `Network ${declared.name ?? net}` : 'Default network', ...flags].filter(Boolean).join(' · ');
    networkBoxes.set(net, {
      id: ids.id('net_', net),
      title,
      cls: declared?.internal ? 'internalNetwork' : 'network',
      status: declared?.status,
      services: [],
      boxes: [],
      extra: [],
    });
  }
  const topBoxes: Box[] = [];
  const groupBoxes = new Map<string, Box>();
  for (const [groupId, members] of layout.groups) {
    const group = t.groups?.[groupId];
    const box: Box = { id: ids.id('grp_', groupId), title: group?.name ?? groupId, cls: 'group', status: group?.status, services: members, boxes: [], extra: [] };
    groupBoxes.set(groupId, box);
    const net = layout.groupNetwork.get(groupId);
    if (net !== undefined) networkBoxes.get(net)!.boxes.push(box);
    else topBoxes.push(box);
  }
  for (const id of serviceIds) {
    if (id === proxy) continue;
    const group = t.services[id]!.group;
    if (group !== undefined && groupBoxes.has(group)) continue;
    networkBoxes.get(layout.box.get(id)!)!.services.push(id);
  }

  /** Networks a service's box cannot show, written into its label. */
  const otherNetworks = (id: string): string[] => {
    const svc = t.services[id]!;
    const placed = layout.box.get(id);
    const nets = (svc.networks ?? []).filter((n) => n !== placed).map((n) => t.networks?.[n]?.name ?? n);
    return placed === undefined && nets.length === 0 ? ['default'] : nets;
  };

  const serviceNode = (id: string): string => {
    const svc = t.services[id]!;
    const node = sid(id);
    addClass(node, svc.kind);
    markStatus(node, svc.status);
    const others = otherNetworks(id);
    const onLabel = layout.box.has(id) ? 'also on' : 'on';
    const label = labelLines([
      serviceTitle(svc, id),
      servicePortLine(svc, id),
      extraPortLine(svc),
      others.length > 0 && `${onLabel}: ${others.join(', ')}`,
    ]);
    return `${node}${shapeFor(svc.kind, label)}`;
  };

  // ---- the way in: Internet, DNS, firewall, entrypoints -----------------------------------
  const entrypoints = Object.entries(t.entrypoints ?? {});
  const pubs = publications(t).filter((p) => !p.what.startsWith('entrypoint ') && !isLoopback(p.hostIp));
  // Users and clients come in from the Internet, unless a service calls them (alert recipients…).
  const called = new Set(Object.values(t.services).flatMap((s) => (s.uses ?? []).map((u) => u.service)));
  // An external named "Internet" is the Internet node itself.
  const clients = Object.entries(t.externals ?? {}).filter(
    ([id, x]) => (x.kind === 'user' || x.kind === 'client') && !called.has(id) && x.name.trim().toLowerCase() !== 'internet',
  );
  const hasWayIn = t.dns !== undefined || t.firewall !== undefined || entrypoints.length > 0 || pubs.length > 0 || clients.length > 0;
  const headNodes: string[] = [];
  let gate: string | undefined;
  if (hasWayIn) {
    headNodes.push(`internet(("${mermaidText('Internet')}"))`);
    addClass('internet', 'internet');
    gate = 'internet';
    for (const [id, x] of clients) {
      const node = xid(id);
      headNodes.push(`${node}(("${labelLines([x.name])}"))`);
      addClass(node, 'external');
      edges.push({ from: node, to: 'internet', dashed: false });
    }
    if (t.dns) {
      const domains = t.dns.domains.map((d) => d.name);
      headNodes.push(`dns["${labelLines([t.dns.provider ? `DNS · ${t.dns.provider}` : 'DNS', ...capLines(domains)])}"]`);
      addClass('dns', 'dns');
      edges.push({ from: gate, to: 'dns', label: 'resolve', dashed: false });
      gate = 'dns';
    }
    if (t.firewall) {
      headNodes.push(`firewall["${labelLines([`Firewall · ${t.firewall.kind}`, ...capLines(firewallLines(t.firewall))])}"]`);
      addClass('firewall', 'firewall');
      edges.push({ from: gate, to: 'firewall', label: t.dns ? 'host IP' : undefined, dashed: false });
      gate = 'firewall';
    }
  }

  // ---- ingress box: entrypoints, the proxy, redirect routes --------------------------------
  const ingress: Box | undefined =
    proxy !== undefined && proxyService
      ? { id: 'ingress', title: `Ingress · ${proxyService.name ?? proxy}`, cls: 'ingress', status: undefined, services: [proxy], boxes: [], extra: [] }
      : undefined;
  const epId = (name: string) => ids.id('ep_', name);
  if (ingress) {
    for (const [name, ep] of entrypoints) {
      const node = epId(name);
      const port = ep.published ?? ep.port;
      const proto =
        ep.protocol === 'https'
          ? `HTTPS${ep.certResolver ? ` · TLS ${ep.certResolver}` : ''}`
          : ep.protocol.toUpperCase();
      ingress.extra.push(`${node}(["${labelLines([`${name} · :${port}`, [proto, !ep.exposed && 'not published', ep.optional && 'optional'].filter(Boolean).join(' · ')])}"])`);
      addClass(node, 'entrypoint');
      if (ep.optional) addClass(node, 'planned');
      if (ep.exposed && gate) edges.push({ from: gate, to: node, label: `:${port}`, dashed: ep.optional === true });
      if (ep.redirect && t.entrypoints?.[ep.redirect.to]) {
        const what = `${ep.protocol.toUpperCase()} → ${ep.redirect.scheme.toUpperCase()}`;
        edges.push({ from: node, to: epId(ep.redirect.to), label: `redirect ${what} (${ep.redirect.permanent ? 'permanent' : 'temporary'})`, dashed: true, style: 'redirect' });
      } else {
        edges.push({ from: node, to: sid(proxy!), label: ep.protocol === 'https' ? 'TLS termination' : undefined, dashed: ep.optional === true });
      }
    }
    if (entrypoints.length === 0 && gate) edges.push({ from: gate, to: sid(proxy!), dashed: false });
  }
  for (const p of pubs) {
    if (!gate) break;
    edges.push({ from: gate, to: sid(p.owner), label: `published :${p.hostPort}${p.protocol === 'udp' ? '/udp' : ''}`, dashed: p.optional === true });
  }

  // ---- routes ------------------------------------------------------------------------------
  const routes = Object.entries(t.routes ?? {});
  const routeEdges = new Map<string, Edge & { lines: string[] }>();
  for (const [routeId, route] of routes) {
    if (!ingress) break;
    const dashed = isDashed(route.status) || isDashed(t.services[route.service]?.status);
    const label = routeLabel(t, route);
    if (route.redirect) {
      const node = ids.id('rt_', routeId);
      ingress.extra.push(`${node}>"${labelLines(['Redirect', `${route.host}${route.path ?? ''} → ${route.redirect.to}`])}"]`);
      addClass(node, 'redirect');
      markStatus(node, route.status);
      edges.push({ from: sid(proxy!), to: node, label, dashed });
      const target = redirectTarget(t, route.redirect.to);
      if (target !== undefined) {
        edges.push({ from: node, to: sid(target), label: route.redirect.permanent ? 'permanent redirect' : 'temporary redirect', dashed: true, style: 'redirect' });
      }
      continue;
    }
    const key = `${route.service}\u0000${dashed}`;
    const existing = routeEdges.get(key);
    if (existing) existing.lines.push(label);
    else routeEdges.set(key, { from: sid(proxy!), to: sid(route.service), dashed, lines: [label] });
  }
  for (const e of routeEdges.values()) edges.push({ ...e, label: e.lines });

  // ---- forward auth, uses, monitoring -----------------------------------------------------
  const externalNodes = new Map<string, string>();
  const nodeFor = (id: string): string => {
    if (t.services[id]) return sid(id);
    const x = t.externals?.[id];
    if (x && !externalNodes.has(id)) {
      const node = xid(id);
      externalNodes.set(id, `${node}("${labelLines([x.name, externalKindLabel(x.kind)])}")`);
      addClass(node, 'external');
    }
    return xid(id);
  };
  const authProviders = new Set<string>();
  for (const [, route] of routes) {
    if (!ingress) break;
    for (const m of routeMiddlewares(t, route)) {
      const provider = m.middleware?.forwardAuth?.provider;
      if (provider === undefined || authProviders.has(provider)) continue;
      if (!t.services[provider] && !t.externals?.[provider]) continue;
      authProviders.add(provider);
      // The proxy's own `uses` entry already draws this call.
      if (proxyService?.uses?.some((u) => u.service === provider)) continue;
      edges.push({ from: sid(proxy!), to: nodeFor(provider), label: 'forward auth', dashed: true, style: 'auth' });
    }
  }
  for (const id of serviceIds) {
    const svc = t.services[id]!;
    for (const use of svc.uses ?? []) {
      const target = t.services[use.service];
      const port = target ? resolvePort(target, use.port) : undefined;
      const portText = port ? `:${port.port}` : typeof use.port === 'number' ? `:${use.port}` : undefined;
      edges.push({
        from: sid(id),
        to: nodeFor(use.service),
        label: use.label ?? portText,
        dashed: use.optional === true || isDashed(svc.status) || isDashed(target?.status),
        both: use.direction === 'both',
      });
    }
  }
  const allBoxes = [...networkBoxes.values(), ...topBoxes];
  for (const id of serviceIds) {
    const svc = t.services[id]!;
    if (svc.scrapes?.length) {
      for (const target of bundleScrapes(t, id, svc.scrapes, allBoxes)) {
        edges.push({ from: sid(id), to: target.kind === 'box' ? target.id : sid(target.id), label: 'scrapes metrics', dashed: true, style: 'monitoring' });
      }
    }
    if (svc.exports !== undefined && t.services[svc.exports]) {
      edges.push({ from: sid(id), to: sid(svc.exports), label: 'exports metrics of', dashed: true, style: 'monitoring' });
    }
  }

  // ---- write ---------------------------------------------------------------------------------
  const serviceCount = serviceIds.length;
  const direction = chooseDirection(serviceIds.map(sid), edges, new Set(flattenBoxes(allBoxes).map((b) => b.id)));
  const title = `${oneLine(t.name)}: architecture`;
  const networkCount = [...networkBoxes.values()].filter((b) => boxServices(b).length > 0).length;
  const description = oneLine(
    `How traffic reaches ${t.name}: from the Internet${t.dns ? ' through DNS' : ''}${t.firewall ? ', the firewall' : ''}${ingress ? ' and Traefik' : ''} to ${count(serviceCount, 'service')} on ${count(networkCount, 'network')}, with the calls between them${layout.hasMonitoring ? ' and monitoring' : ''}.`,
  );

  const out = new MermaidWriter();
  // Mermaid wraps node text at 200px, which breaks `Name · :port` lines mid-phrase.
  for (const line of ['---', 'config:', '  flowchart:', `    wrappingWidth: ${WRAPPING_WIDTH}`, '---']) out.line(line);
  out.open(`flowchart ${direction}`);
  accessibility(out, title, description);
  out.blank();
  if (headNodes.length) {
    out.line('%% The way in');
    for (const n of headNodes) out.line(n);
  }
  const writeBox = (box: Box) => {
    if (boxServices(box).length === 0 && box.extra.length === 0) return;
    out.open(`subgraph ${box.id}["${mermaidText(box.title)}"]`);
    for (const n of box.extra) out.line(n);
    for (const id of box.services) out.line(serviceNode(id));
    for (const b of box.boxes) writeBox(b);
    out.close();
  };
  if (ingress) {
    out.blank();
    out.line('%% Traefik: entrypoints, the proxy and redirect routes');
    writeBox(ingress);
  }
  out.blank();
  out.line('%% Services by network (see the placement rule in the generator)');
  for (const box of [...networkBoxes.values(), ...topBoxes]) writeBox(box);
  if (externalNodes.size) {
    out.blank();
    out.open(`subgraph externals["${mermaidText('External services')}"]`);
    for (const n of externalNodes.values()) out.line(n);
    out.close();
  }

  out.blank();
  out.line('%% Edges: traffic, calls, monitoring');
  const styled = new Map<EdgeStyle, number[]>();
  edges.forEach((e, index) => {
    out.line(edgeLine(e));
    if (e.style) styled.set(e.style, [...(styled.get(e.style) ?? []), index]);
  });

  out.blank();
  out.line('%% Styles: one class per service kind; planned and optional elements dashed');
  const drawnBoxes = [...(ingress ? [ingress] : []), ...flattenBoxes([...networkBoxes.values(), ...topBoxes])].filter(
    (b) => boxServices(b).length > 0 || b.extra.length > 0,
  );
  for (const b of drawnBoxes) {
    addClass(b.id, `${b.cls}Box`);
    markStatus(b.id, b.status);
  }
  if (externalNodes.size) addClass('externals', 'externalsBox');
  const members = new Map<string, string[]>();
  for (const [node, classes] of nodeClasses) for (const c of classes) members.set(c, [...(members.get(c) ?? []), node]);
  for (const [cls, style] of Object.entries(CLASS_STYLES)) {
    if (members.has(cls)) out.line(`classDef ${classDefName(cls)} ${style}`);
  }
  for (const cls of Object.keys(CLASS_STYLES)) {
    const nodes = members.get(cls);
    if (nodes) out.line(`class ${[...new Set(nodes)].sort().join(',')} ${classDefName(cls)}`);
  }
  for (const [style, indexes] of styled) out.line(`linkStyle ${indexes.join(',')} ${EDGE_STYLES[style]}`);

  out.blank();
  out.line('%% Every service links to its page');
  for (const id of serviceIds) out.line(`click ${sid(id)} href "${safeHref(href(t.id, id))}"`);

  const fragment: Fragment = { name: 'architecture', kind: 'mermaid', title, description, file: 'architecture.mmd', content: out.toString() };
  return [fragment];
};

// ---- placement -------------------------------------------------------------------------------

interface Layout {
  /** The network box each service is drawn in; absent for the proxy and for members of top-level groups. */
  box: Map<string, string>;
  /** The network box each group is nested in, or undefined for a top-level group box. */
  groupNetwork: Map<string, string | undefined>;
  networkOrder: string[];
  /** Group id → members (proxy excluded), in service order. */
  groups: Map<string, string[]>;
  hasMonitoring: boolean;
}

function placeServices(t: TopologyModel, proxy: string | undefined): Layout {
  const proxyNets = new Set(proxy !== undefined ? (t.services[proxy]?.networks ?? []) : []);
  const home = new Map<string, string>();
  const groups = new Map<string, string[]>();
  let hasMonitoring = false;
  for (const [id, svc] of Object.entries(t.services)) {
    if (svc.scrapes?.length || svc.exports !== undefined) hasMonitoring = true;
    if (id === proxy) continue;
    const nets = svc.networks ?? [];
    const shared = nets.filter((n) => proxyNets.has(n));
    const pick = shared.find((n) => t.networks?.[n]?.purpose === 'routing') ?? shared[0] ?? nets[0] ?? DEFAULT_NETWORK;
    home.set(id, pick);
    if (svc.group !== undefined) groups.set(svc.group, [...(groups.get(svc.group) ?? []), id]);
  }
  const box = new Map(home);
  const groupNetwork = new Map<string, string | undefined>();
  const networkKeys = [...new Set([...Object.keys(t.networks ?? {}), DEFAULT_NETWORK])];
  for (const [groupId, members] of groups) {
    const homes = new Set(members.map((m) => home.get(m)!));
    const joins = (m: string, n: string) => (t.services[m]!.networks?.length ? t.services[m]!.networks!.includes(n) : n === DEFAULT_NETWORK);
    const net = homes.size === 1 ? [...homes][0] : networkKeys.find((n) => members.every((m) => joins(m, n)));
    groupNetwork.set(groupId, net);
    for (const m of members) if (net !== undefined) box.set(m, net);
    else box.delete(m);
  }
  const used = new Set([...box.values(), ...[...groupNetwork.values()].filter((n): n is string => n !== undefined)]);
  const networkOrder = networkKeys.filter((n) => used.has(n));
  return { box, groupNetwork, networkOrder, groups, hasMonitoring };
}

function boxServices(box: Box): string[] {
  return [...box.services, ...box.boxes.flatMap(boxServices)];
}

function flattenBoxes(boxes: Box[]): Box[] {
  return boxes.flatMap((b) => [b, ...flattenBoxes(b.boxes)]);
}

function boxContains(box: Box, service: string): boolean {
  return boxServices(box).includes(service);
}

type ScrapeTarget = { kind: 'box'; id: string } | { kind: 'service'; id: string };

/** See the bundling rule at the top of the file. */
function bundleScrapes(t: TopologyModel, scraper: string, scrapes: string[], boxes: Box[]): ScrapeTarget[] {
  const remaining = new Set(scrapes.filter((s) => s !== scraper));
  // A service whose exporter is scraped has its metrics scraped too.
  const covered = new Set(remaining);
  for (const s of remaining) {
    const exported = t.services[s]?.exports;
    if (exported !== undefined) covered.add(exported);
  }
  const out: ScrapeTarget[] = [];
  const candidates = flattenBoxes(boxes)
    .map((b, order) => ({ b, members: boxServices(b), order }))
    .filter(({ members }) => members.filter((m) => remaining.has(m)).length >= 2)
    .sort((a, b) => b.members.length - a.members.length || a.order - b.order);
  for (const { b, members } of candidates) {
    if (boxContains(b, scraper)) continue;
    if (!members.every((m) => covered.has(m))) continue;
    if (!members.some((m) => remaining.has(m))) continue;
    out.push({ kind: 'box', id: b.id });
    for (const m of members) {
      remaining.delete(m);
      covered.delete(m);
    }
  }
  for (const s of scrapes) if (remaining.has(s)) out.push({ kind: 'service', id: s });
  return out;
}

/** See the direction rule at the top of the file. */
function chooseDirection(nodes: string[], edges: Edge[], boxes: ReadonlySet<string>): 'TB' | 'LR' {
  const out = new Map<string, string[]>();
  const all = new Set(nodes);
  for (const e of edges) {
    if (boxes.has(e.from) || boxes.has(e.to) || e.from === e.to) continue;
    all.add(e.from);
    all.add(e.to);
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  }
  // Longest path from any source, ignoring edges that close a cycle.
  const rank = new Map<string, number>();
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  const visit = (n: string) => {
    if (state.has(n)) return;
    state.set(n, 'open');
    for (const m of out.get(n) ?? []) visit(m);
    state.set(n, 'done');
    order.push(n);
  };
  for (const n of all) visit(n);
  const indexOf = new Map(order.map((n, i) => [n, i]));
  for (const n of [...order].reverse()) {
    for (const m of out.get(n) ?? []) {
      if (indexOf.get(m)! >= indexOf.get(n)!) continue; // back edge
      rank.set(m, Math.max(rank.get(m) ?? 0, (rank.get(n) ?? 0) + 1));
    }
  }
  const perRank = new Map<number, number>();
  for (const n of all) perRank.set(rank.get(n) ?? 0, (perRank.get(rank.get(n) ?? 0) ?? 0) + 1);
  const depth = perRank.size;
  const width = Math.max(0, ...perRank.values());
  return width > WIDE_RATIO * depth ? 'LR' : 'TB';
}

// ---- labels and shapes -----------------------------------------------------------------------

function serviceTitle(svc: Service, id: string): string {
  const replicas = svc.scaling && svc.scaling.replicas > 1 ? ` ×${svc.scaling.replicas}` : '';
  const status = svc.status && svc.status !== 'active' ? ` (${svc.status})` : '';
  return `${svc.name ?? id}${replicas}${status}`;
}

function portText(p: PortEntry): string {
  return `:${p.port}${p.protocol === 'udp' ? '/udp' : ''}`;
}

/** Technology (unless it only repeats the name) and the main port: `Next.js · :3000`. */
function servicePortLine(svc: Service, id: string): string | undefined {
  const main = servicePorts(svc).find((p) => p.role === 'main');
  const tech = svc.technology !== undefined && svc.technology.toLowerCase() !== (svc.name ?? id).toLowerCase() ? svc.technology : undefined;
  return [tech, main && portText(main)].filter(Boolean).join(' · ') || undefined;
}

/** The other ports by role: `metrics :3090 · health :3091`. */
function extraPortLine(svc: Service): string | undefined {
  const others = servicePorts(svc).filter((p) => p.role !== 'main');
  return others.map((p) => `${p.role} ${portText(p)}`).join(' · ') || undefined;
}

function shapeFor(kind: ServiceKindName, label: string): string {
  switch (kind) {
    case 'database':
    case 'cache':
    case 'object-storage':
      return `[("${label}")]`;
    case 'queue':
      return `[["${label}"]]`;
    case 'exporter':
      return `("${label}")`;
    default:
      return `["${label}"]`;
  }
}

function externalKindLabel(kind: string): string {
  return kind === 'saas' ? 'SaaS' : kind;
}

function routeLabel(t: TopologyModel, route: Route): string {
  const path = route.path && route.path !== '/' ? route.path : '';
  const notes = [!routeHasTls(t, route) && 'HTTP', !route.public && 'internal', isDashed(route.status) && route.status].filter(Boolean);
  return `${route.host}${path}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

/** The service of the route whose host a redirect URL points at, if any. */
function redirectTarget(t: TopologyModel, to: string): string | undefined {
  const host = to.replace(/^[a-z]+:\/\//i, '').split(/[/:?#]/, 1)[0] ?? '';
  const match = Object.values(t.routes ?? {}).find((r) => !r.redirect && hostUnder(host, r.host));
  return match?.service;
}

/** Inbound rules that let traffic in, merged per action and source: `allow 80, 443/tcp`. */
function firewallLines(fw: NonNullable<TopologyModel['firewall']>): string[] {
  const merged = new Map<string, string[]>();
  const replies: string[] = [];
  for (const r of fw.rules) {
    if (r.direction !== 'in' || (r.action !== 'allow' && r.action !== 'limit')) continue;
    // A rule for ESTABLISHED/RELATED traffic lets replies in, not new connections.
    if (r.state !== undefined && !r.state.includes('NEW')) {
      replies.push(`${r.action} ${r.state.join(', ')} connections`);
      continue;
    }
    const proto = r.protocol === 'any' ? 'tcp+udp' : r.protocol;
    const key = `${r.action}\u0000${proto}\u0000${r.from}\u0000${r.optional ? 'optional' : ''}`;
    merged.set(key, [...(merged.get(key) ?? []), r.port === undefined ? 'all' : String(r.port)]);
  }
  const lines = [`${fw.defaultIncoming} by default`];
  for (const [key, ports] of merged) {
    const [action, proto, from, optional] = key.split('\u0000') as [string, string, string, string];
    lines.push(`${action} ${ports.join(', ')}/${proto}${from !== 'any' ? ` from ${from}` : ''}${optional ? ' (optional)' : ''}`);
  }
  return [...lines, ...replies];
}

function capLines(lines: string[]): string[] {
  return lines.length <= MAX_LABEL_LINES ? lines : [...lines.slice(0, MAX_LABEL_LINES - 1), `… ${lines.length - MAX_LABEL_LINES + 1} more`];
}

function edgeLine(e: Edge): string {
  const arrow = e.dashed ? (e.both ? '<-.->' : '-.->') : e.both ? '<-->' : '-->';
  const lines = (typeof e.label === 'string' ? [e.label] : (e.label ?? [])).filter((l) => l !== '');
  const label = lines.length ? `|"${lines.map(mermaidText).join('<br/>')}"|` : '';
  return `${e.from} ${arrow}${label} ${e.to}`;
}

function isDashed(status: Status): boolean {
  return status === 'planned' || status === 'optional' || status === 'deprecated';
}

function isLoopback(hostIp: string | undefined): boolean {
  return hostIp !== undefined && /^(127\.|::1$|localhost$)/.test(hostIp);
}

/** Class names must be plain identifiers: `object-storage` becomes `object_storage`. */
function classDefName(cls: string): string {
  return cls.replace(/[^A-Za-z0-9_]/g, '_');
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
