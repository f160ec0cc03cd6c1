/**
 * The whole system as one text diagram, the way the hand-drawn overviews show it: the Internet,
 * DNS, the firewall, then the server with Traefik (entrypoints, TLS, middlewares, routing) on
 * top, the containers it routes to below, then networks and volumes.
 *
 * Containers form trees: Traefik fans out to the services it routes to, and a service leads to
 * the services it `uses` that nothing above has claimed yet, so each container is drawn once.
 * When the topology has groups, each group is one box and a tree stays inside its group; calls
 * that no arrow can show are written in the caller's box. Containers no route and no call reaches
 * are drawn below, unconnected.
 */
import { isDatastore } from '../../model/security-facts.ts';
import { isHostPath, proxyId, publications, resolvePort, servicePorts, type Service } from '../../model/queries.ts';
import type { TopologyModel } from '../../model/schema/index.ts';
import { box, bullets, chain, fanOut, padEndToWidth, stringWidth, text, tree, vstack, wrapRow, type Content, type Layout } from '../ascii/index.ts';
import type { Generator } from '../types.ts';
import {
  asciiFragments,
  isLoopback,
  overFan,
  brief,
  listProse,
  nameOf,
  nameWithTechnology,
  oneLine,
  plainProse,
  portsLine,
  statusSuffix,
  type Marks,
} from './common.ts';
import { entrypointLine, firewallRuleLine, middlewareSummary, resolverLines } from './describe.ts';

/** Widest container box: three side by side fit a group box inside the server box. */
const SERVICE_BOX_WIDTH = 28;
const MAX_NOTE_LENGTH = 40;

export const asciiSystem: Generator = (t) =>
  asciiFragments({
    name: 'ascii-system',
    title: 'System overview',
    description: `${oneLine(t.name)} in one text diagram: how a request from the Internet reaches the server, what Traefik does with it, which containers it routes to and what they call, and the networks and volumes they use.`,
    file: 'ascii/system',
    build: (marks) => systemLayout(t, marks),
  });

function systemLayout(t: TopologyModel, marks: Marks): Content {
  const items: Content[] = [internetBox(t)];
  const labels: Array<string | undefined> = [];
  const next = (label: string | undefined, item: Content) => {
    labels.push(label);
    items.push(item);
  };
  const inbound = inboundLabel(t);
  if (t.dns) next('name lookup', dnsBox(t));
  if (t.firewall) next(inbound, firewallBox(t));
  next(t.firewall ? allowedLabel(t) : inbound, serverBox(t, marks));
  return chain(items, { labels });
}

// ---------------------------------------------------------------- outside the server

function internetBox(t: TopologyModel): Layout {
  const externals = Object.entries(t.externals ?? {});
  const clients = externals.filter(([, x]) => x.kind === 'user' || x.kind === 'client').map(([, x]) => oneLine(x.name));
  const called = new Map<string, string[]>();
  for (const [id, s] of Object.entries(t.services)) {
    for (const use of s.uses ?? []) {
      const x = t.externals?.[use.service];
      if (!x || x.kind === 'user' || x.kind === 'client') continue;
      const list = called.get(use.service) ?? [];
      list.push(nameOf(t, id));
      called.set(use.service, list);
    }
  }
  const lines: string[] = [];
  if (clients.length) lines.push(`Clients: ${clients.join(', ')}`);
  if (called.size) {
    lines.push(`Called from the server: ${[...called].map(([id, by]) => `${nameOf(t, id)} (by ${listProse(by)})`).join(', ')}`);
  }
  return box(lines, { title: 'INTERNET', minWidth: 40 });
}

/** What arrives from outside: the published entrypoints and the host ports of other services. */
function inboundLabel(t: TopologyModel): string | undefined {
  const eps = Object.values(t.entrypoints ?? {})
    .filter((e) => e.exposed)
    .map((e) => `${e.protocol === 'https' ? 'HTTPS' : e.protocol.toUpperCase()} :${e.published ?? e.port}`);
  const proxy = proxyId(t);
  const direct = publications(t)
    .filter((p) => p.owner !== proxy && !isLoopback(p.hostIp))
    .map((p) => `${nameOf(t, p.owner)} :${p.hostPort}${p.hostIp ? ` on ${p.hostIp}` : ''}`);
  const parts = [...eps, ...direct];
  return parts.length ? parts.join(', ') : undefined;
}

/** Ports the firewall lets in, as one arrow label. */
function allowedLabel(t: TopologyModel): string | undefined {
  const fw = t.firewall!;
  const ports = fw.rules
    // Rules for established connections only answer traffic; they let no new request in.
    .filter((r) => r.direction === 'in' && (r.action === 'allow' || r.action === 'limit') && (r.state === undefined || r.state.includes('NEW')))
    .map((r) => (r.port === undefined ? 'all ports' : `${r.port}${r.protocol === 'udp' ? '/udp' : ''}${r.optional ? ' (optional)' : ''}`));
  return ports.length ? `allowed: ${[...new Set(ports)].join(', ')}` : undefined;
}

function dnsBox(t: TopologyModel): Layout {
  const dns = t.dns!;
  const lines: string[] = [];
  for (const d of dns.domains) {
    const described = d.description ? `${d.name}: ${plainProse(d.description)}` : d.name;
    lines.push(described);
    for (const r of d.records ?? []) lines.push(`  ${r.name} ${r.type} ${oneLine(r.value)}`);
  }
  return box(lines, { title: dns.provider ? `DNS (${oneLine(dns.provider)})` : 'DNS' });
}

const FIREWALL_KINDS: Record<string, string> = {
  ufw: 'UFW',
  iptables: 'iptables',
  nftables: 'nftables',
  'security-group': 'security group',
  'cloud-firewall': 'cloud firewall',
};

function firewallBox(t: TopologyModel): Layout {
  const fw = t.firewall!;
  const kinds = [FIREWALL_KINDS[fw.kind] ?? fw.kind, ...(fw.alternatives ?? []).map(oneLine)];
  const lines = [`Default: ${fw.defaultIncoming} incoming, ${fw.defaultOutgoing} outgoing`];
  const body: Content[] = [text(lines), bullets(fw.rules.map(firewallRuleLine))];
  if (t.ssh) {
    const s = t.ssh;
    const auth = s.auth === 'key' ? 'key-based login' : s.auth === 'password' ? 'password login' : 'key and password login';
    body.push(text(`SSH: port ${s.port}, ${auth}${s.users?.length ? `, users ${s.users.join(', ')}` : ''}${s.rateLimited ? ', rate limited' : ''}`));
  }
  return box(vstack(body), { title: `FIREWALL (${kinds.join(' / ')})` });
}

// ---------------------------------------------------------------- the server

function serverBox(t: TopologyModel, marks: Marks): Layout {
  const hosts = Object.values(t.infrastructure?.hosts ?? {});
  const hostTitle = hosts.length
    ? hosts.map((h) => `${oneLine(h.name)}${h.provider ? ` (${oneLine(h.provider)})` : ''}`).join(' / ')
    : 'Docker host';
  const resources = hosts[0]?.resources;
  const size = resources ? [resources.cpus !== undefined ? `${resources.cpus} CPUs` : '', resources.memory ? `${resources.memory} RAM` : '', resources.disk ? `${resources.disk} disk` : ''].filter(Boolean).join(', ') : '';
  const title = [`SERVER: ${hostTitle}`, ...(size ? [size] : [])];

  const containers = containerForest(t);
  const proxy = proxyId(t);
  const parts: Content[] = [];
  const trees = containers.connected.map((c) => clusterLayout(t, c, marks));
  if (proxy && t.services[proxy]) {
    const traefik = proxyBox(t, proxy, marks);
    parts.push(trees.length ? overFan(traefik, fanOut(trees), 'routes by host') : traefik);
  } else if (trees.length) {
    parts.push(wrapRow(trees));
  }
  if (containers.loose.length) {
    parts.push(
      vstack([
        text(proxy ? 'Not behind a route (reached only from inside):' : 'Containers:'),
        wrapRow(containers.loose.map((c) => clusterLayout(t, c, marks))),
      ]),
    );
  }
  const nets = networksBox(t);
  if (nets) parts.push(nets);
  const vols = volumesBox(t);
  if (vols) parts.push(vols);
  return box(vstack(parts, { gap: 1, align: 'center' }), { title, padding: { x: 1, y: 1 } });
}

function proxyBox(t: TopologyModel, proxy: string, marks: Marks): Layout {
  const s = t.services[proxy]!;
  const sections: Content[] = [];
  const container = containerFacts(t, proxy, s, marks, { ports: false });
  if (container.length) sections.push(bullets(container));

  const eps = Object.entries(t.entrypoints ?? {});
  if (eps.length) sections.push(section('Entrypoints', bullets(eps.map(([name, ep]) => entrypointLine(name, ep, marks)))));

  const resolvers = Object.entries(t.tls?.resolvers ?? {});
  if (resolvers.length || t.tls?.minVersion) {
    const general = [t.tls?.minVersion ? `TLS ${t.tls.minVersion} or newer` : '', t.tls?.cipherSuites ? `${oneLine(t.tls.cipherSuites)} ciphers` : ''].filter(Boolean).join(', ');
    const roots = resolvers.map(([id, r]) => {
      const [head, ...rest] = resolverLines(id, r);
      return { label: head!, children: rest.map((label) => ({ label })) };
    });
    sections.push(section('TLS certificates', vstack([...(general ? [text(general)] : []), tree(roots)])));
  }

  const mws = Object.entries(t.middlewares ?? {});
  if (mws.length) {
    sections.push(
      section(
        'Middlewares',
        bullets(mws.map(([id, mw]) => `${id}${mw.provider !== 'docker' ? `@${mw.provider}` : ''}: ${middlewareSummary(t, mw, marks)}${mw.optional ? ' (optional)' : ''}`)),
      ),
    );
  }

  const routes = Object.entries(t.routes ?? {});
  if (routes.length) sections.push(section('Routing', routingLines(t, marks)));
  const title = [nameWithTechnology(t, proxy) + statusSuffix(s.status), ...(s.description ? [brief(s.description)] : [])];
  return box(vstack(sections, { gap: 1 }), { title, width: 'fill' });
}

function section(title: string, content: Content): Layout {
  return box(content, { title, titleAlign: 'left', width: 'fill' });
}

/** `host/path  ─► Service :port` per route, arrows aligned, then the middlewares in order. */
function routingLines(t: TopologyModel, marks: Marks): Layout {
  const routes = Object.values(t.routes ?? {});
  const sources = routes.map((r) => oneLine(`${r.host}${r.path ?? ''}`));
  const column = Math.min(36, Math.max(...sources.map(stringWidth)));
  return bullets(
    routes.map((r, i) => {
      const source = padEndToWidth(sources[i]!, column);
      const svc = t.services[r.service];
      const port = svc ? resolvePort(svc, r.port) : undefined;
      const target = r.redirect
        ? `redirect to ${oneLine(r.redirect.to)}${r.redirect.permanent ? '' : ' (temporary)'}`
        : `${nameOf(t, r.service)}${port ? ` :${port.port}` : ''}`;
      const notes = [
        r.public ? '' : `internal, on ${r.entrypoints.join(', ')}`,
        r.status && r.status !== 'active' ? r.status : '',
        r.auth === 'app' ? 'auth in the app' : '',
      ].filter(Boolean);
      const first = `${source} ${marks.arrow} ${target}${notes.length ? ` (${notes.join(', ')})` : ''}`;
      return r.middlewares?.length ? `${first}\nvia ${r.middlewares.join(', ')}` : first;
    }),
  );
}

// ---------------------------------------------------------------- containers

interface Cluster {
  group?: string;
  /** Tree roots: routed services first, then the rest. */
  roots: string[];
}

interface TreeCluster extends Cluster {
  /** Each service's children in the drawing, shared by all clusters. */
  children: Map<string, string[]>;
}

interface Forest {
  /** Clusters Traefik routes to: one arrow each. */
  connected: TreeCluster[];
  /** Clusters nothing routes to. */
  loose: TreeCluster[];
}

/**
 * Splits the containers (all but the proxy) into clusters — one per group, and one per tree of
 * services outside any group — and grows each tree along `uses` within its group.
 */
function containerForest(t: TopologyModel): Forest {
  const proxy = proxyId(t);
  const ids = Object.keys(t.services).filter((id) => id !== proxy);
  const clusterOf = (id: string): string => t.services[id]!.group ?? '';
  const routed: string[] = [];
  for (const r of Object.values(t.routes ?? {})) {
    if (r.service !== proxy && t.services[r.service] && !routed.includes(r.service)) routed.push(r.service);
  }

  const placed = new Set<string>();
  const children = new Map<string, string[]>();
  const grow = (root: string) => {
    const queue = [root];
    while (queue.length) {
      const id = queue.shift()!;
      for (const use of t.services[id]?.uses ?? []) {
        const target = use.service;
        if (!t.services[target] || target === proxy || placed.has(target)) continue;
        if (clusterOf(target) !== clusterOf(id)) continue;
        placed.add(target);
        children.set(id, [...(children.get(id) ?? []), target]);
        queue.push(target);
      }
    }
  };
  // Routed services are roots before any tree claims them: Traefik's arrow reaches them directly.
  for (const id of routed) placed.add(id);
  for (const id of routed) grow(id);
  const looseRoots: string[] = [];
  for (const id of ids) {
    if (placed.has(id)) continue;
    placed.add(id);
    looseRoots.push(id);
    grow(id);
  }

  // One cluster per group, or per tree for services outside any group.
  const clusters = new Map<string, TreeCluster & { routed: boolean }>();
  const order: Array<TreeCluster & { routed: boolean }> = [];
  for (const id of [...routed, ...looseRoots]) {
    const group = t.services[id]!.group;
    const key = group !== undefined ? `group:${group}` : `tree:${id}`;
    const existing = clusters.get(key);
    if (existing) {
      existing.roots.push(id);
      continue;
    }
    const cluster = { group, roots: [id], children, routed: routed.includes(id) };
    clusters.set(key, cluster);
    order.push(cluster);
  }
  const connected = order.filter((c) => c.routed);
  const loose = order.filter((c) => !c.routed);
  return { connected, loose };
}

function clusterLayout(t: TopologyModel, c: TreeCluster, marks: Marks): Layout {
  const trees = c.roots.map((id) => treeLayout(t, id, c.children, marks));
  if (c.group === undefined) return trees.length === 1 ? trees[0]! : wrapRow(trees);
  const g = t.groups?.[c.group];
  const title = `${oneLine(g?.name ?? c.group)}${statusSuffix(g?.status)}`;
  return box(wrapRow(trees), { title });
}

function treeLayout(t: TopologyModel, id: string, children: Map<string, string[]>, marks: Marks): Layout {
  const kids = children.get(id) ?? [];
  const arrowed = kids.length === 1 ? kids[0] : undefined;
  const node = serviceBox(t, id, marks, kids);
  if (kids.length === 0) return node;
  if (arrowed !== undefined) {
    const use = t.services[id]?.uses?.find((u) => u.service === arrowed);
    return chain([node, treeLayout(t, arrowed, children, marks)], { labels: [use?.label ? oneLine(use.label) : undefined] });
  }
  return chain([node, fanOut(kids.map((k) => treeLayout(t, k, children, marks)))]);
}

function serviceBox(t: TopologyModel, id: string, marks: Marks, drawn: readonly string[]): Layout {
  const s = t.services[id]!;
  const title = [`${nameOf(t, id)}${statusSuffix(s.status)}`];
  if (s.technology && oneLine(s.technology) !== nameOf(t, id)) title.push(oneLine(s.technology));
  const lines = containerFacts(t, id, s, marks, { ports: true });
  // Calls an arrow already shows are left out; the rest are listed with what flows.
  for (const u of s.uses ?? []) {
    if (drawn.includes(u.service)) continue;
    lines.push(`${marks.arrow} ${nameOf(t, u.service)}${u.label ? `: ${oneLine(u.label)}` : ''}${u.optional ? ' (optional)' : ''}`);
  }
  if (s.scrapes?.length) lines.push(`Scrapes: ${s.scrapes.length > 4 ? `${s.scrapes.length} services` : s.scrapes.map((x) => nameOf(t, x)).join(', ')}`);
  if (s.exports) lines.push(`Exports metrics of ${nameOf(t, s.exports)}`);
  return box(bullets(lines), { title, maxWidth: SERVICE_BOX_WIDTH });
}

/** The facts about one container a reader checks first: ports, user, health, exposure, mounts, notes. */
function containerFacts(t: TopologyModel, id: string, s: Service, marks: Marks, options: { ports: boolean }): string[] {
  const lines: string[] = [];
  if (options.ports) {
    const ports = portsLine(s);
    if (ports) lines.push(ports);
  }
  if (s.user !== undefined) lines.push(`User: ${oneLine(s.user)}`);
  if (s.healthcheck) {
    const h = s.healthcheck;
    const how = h.type === 'http' ? `HTTP ${h.path ?? '/'}` : h.type === 'tcp' ? 'TCP' : h.command ? oneLine(h.command) : 'command';
    lines.push(`Health check ${marks.holds} ${how}${h.implemented ? '' : ' (if implemented)'}`);
  } else if (s.status !== 'planned') {
    lines.push(`Health check ${marks.fails} none`);
  }
  // With several networks, which ones a container joins says what it can reach.
  if (options.ports && Object.keys(t.networks ?? {}).length > 1 && s.networks?.length) lines.push(`Networks: ${s.networks.join(', ')}`);
  const replicas = s.scaling?.replicas ?? 1;
  if (replicas !== 1 || s.scaling?.max) lines.push(`Replicas: ${replicas}${s.scaling?.max ? ` (up to ${s.scaling.max})` : ''}`);
  const routed = Object.values(t.routes ?? {}).some((r) => r.service === id && r.public);
  const published = servicePorts(s).some((p) => p.published !== undefined);
  const notes = (s.notes ?? []).map(plainProse);
  if (!routed && !published && proxyId(t) !== id && !notes.some((n) => /not exposed/i.test(n))) {
    lines.push(isDatastore(s.kind) ? `Not exposed ${marks.holds}` : 'Not exposed');
  }
  for (const v of s.volumes ?? []) {
    const isSocket = v.volume.endsWith('docker.sock');
    const what = isSocket ? 'Docker socket' : isHostPath(v.volume) ? `Mount: ${v.volume}` : `Volume: ${v.volume}`;
    lines.push(`${what}${v.readOnly ? ' (read-only)' : isSocket ? ' (read-write)' : ''}`);
  }
  // Short notes ("Production Build") belong in the box; longer prose is in the service catalogue.
  lines.push(...notes.filter((n) => n.length <= MAX_NOTE_LENGTH));
  return lines;
}

// ---------------------------------------------------------------- networks and volumes

function networksBox(t: TopologyModel): Layout | undefined {
  const nets = Object.entries(t.networks ?? {});
  if (nets.length === 0) return undefined;
  const items = nets.map(([id, n]) => {
    const members = Object.keys(t.services).filter((s) => t.services[s]!.networks?.includes(id)).length;
    const flags = [
      n.driver,
      n.subnet ? `subnet ${n.subnet}` : '',
      n.external ? 'external (created outside this project)' : '',
      n.internal ? 'internal (no route to the outside world)' : '',
      `${members} container${members === 1 ? '' : 's'}`,
    ].filter(Boolean);
    const name = n.name && n.name !== id ? `${id} (${oneLine(n.name)})` : id;
    const about = n.description ? `\n${brief(n.description)}` : '';
    return `${name}${statusSuffix(n.status)}: ${flags.join(', ')}${about}`;
  });
  return box(bullets(items), { title: 'DOCKER NETWORKS', titleAlign: 'left', width: 'fill' });
}

function volumesBox(t: TopologyModel): Layout | undefined {
  const vols = Object.entries(t.volumes ?? {});
  if (vols.length === 0) return undefined;
  const items = vols.map(([id, v]) => {
    const users = Object.keys(t.services).filter((s) => t.services[s]!.volumes?.some((m) => m.volume === id || (v.source !== undefined && m.volume === v.source)));
    const kind = v.kind === 'bind' ? `bind mount${v.source ? ` of ${oneLine(v.source)}` : ''}` : v.kind === 'tmpfs' ? 'tmpfs' : v.kind === 'anonymous' ? 'anonymous volumes' : `${v.external ? 'external ' : ''}named volume`;
    return `${id} (${kind}): ${plainProse(v.persists)}${users.length ? `; mounted by ${listProse(users.map((u) => nameOf(t, u)))}` : ''}`;
  });
  return box(bullets(items), { title: 'VOLUMES', titleAlign: 'left', width: 'fill' });
}
