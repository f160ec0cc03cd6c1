/**
 * Network isolation as a text diagram: the networks Traefik joins with their members on top,
 * arrows down to the other networks that a member of those reaches (the services bridging both
 * are named on each), networks nothing bridges below, then who can and cannot be reached.
 */
import { isDatastore } from '../../model/security-facts.ts';
import { proxyId, publications, type Service } from '../../model/queries.ts';
import type { TopologyModel } from '../../model/schema/index.ts';
import { box, chain, fanOut, text, vstack, wrapRow, type Content, type Layout } from '../ascii/index.ts';
import type { Generator } from '../types.ts';
import { asciiFragments, brief, isLoopback, listProse, markedList, nameOf, oneLine, overFan, statusSuffix, type Marks, type MarkedItem } from './common.ts';

/** Compose puts services that list no networks on the project's network called `default`. */
const DEFAULT_NETWORK = 'default';
const MEMBER_BOX_WIDTH = 26;
const NETWORK_BOX_WIDTH = 47;

export const asciiNetworkIsolation: Generator = (t) =>
  asciiFragments({
    name: 'ascii-network-isolation',
    title: 'Network isolation',
    description: `The Docker networks of ${oneLine(t.name)} as a text diagram: the networks Traefik joins and their members, the internal networks behind them and the services bridging both, and which containers cannot be reached from the Internet or from Traefik.`,
    file: 'ascii/network-isolation',
    build: (marks) => isolationLayout(t, marks),
  });

function networksOf(s: Service): string[] {
  return s.networks?.length ? s.networks : [DEFAULT_NETWORK];
}

/** Declared networks in topology order, then networks only services mention (e.g. `default`). */
function allNetworks(t: TopologyModel): string[] {
  const ids = Object.keys(t.networks ?? {});
  for (const s of Object.values(t.services)) for (const n of networksOf(s)) if (!ids.includes(n)) ids.push(n);
  return ids;
}

function members(t: TopologyModel, net: string): string[] {
  return Object.keys(t.services).filter((id) => networksOf(t.services[id]!).includes(net));
}

function isolationLayout(t: TopologyModel, marks: Marks): Content {
  const proxy = proxyId(t);
  const nets = allNetworks(t);
  const proxyNets = proxy ? networksOf(t.services[proxy]!).filter((n) => nets.includes(n)) : [];
  const others = nets.filter((n) => !proxyNets.includes(n));
  const bridgesOf = (net: string) => members(t, net).filter((id) => id !== proxy && networksOf(t.services[id]!).some((n) => proxyNets.includes(n)));
  const reached = others.filter((n) => bridgesOf(n).length > 0);
  const apart = others.filter((n) => bridgesOf(n).length === 0);

  const parts: Content[] = [];
  if (proxy && proxyNets.length) {
    const inbound = inboundLabel(t, proxy);
    const top = proxyNets.length === 1
      ? networkBox(t, proxyNets[0]!, proxy, [])
      : box(wrapRow(proxyNets.map((n) => networkBox(t, n, proxy, []))), { title: `Networks ${nameOf(t, proxy)} joins` });
    const fed = reached.length
      ? overFan(top, fanOut(reached.map((n) => networkBox(t, n, proxy, bridgesOf(n)))), 'reached through the services that join both')
      : top;
    parts.push(chain([box([], { title: 'INTERNET', minWidth: 40 }), fed], { labels: [inbound] }));
  } else if (others.length) {
    parts.push(wrapRow(reached.map((n) => networkBox(t, n, proxy, []))));
  }
  if (apart.length) {
    parts.push(
      vstack([
        text(proxy ? `Networks no member of ${nameOf(t, proxy)}'s networks joins:` : 'Networks:'),
        wrapRow(apart.map((n) => networkBox(t, n, proxy, []))),
      ]),
    );
  }
  parts.push(reachabilityBox(t, proxy, proxyNets, marks));
  return vstack(parts, { gap: 1, align: 'center' });
}

function inboundLabel(t: TopologyModel, proxy: string): string | undefined {
  const ports = publications(t)
    .filter((p) => p.owner === proxy && !isLoopback(p.hostIp))
    .map((p) => `:${p.hostPort}`);
  return ports.length ? `${nameOf(t, proxy)} publishes ${ports.join(', ')}` : undefined;
}

function networkBox(t: TopologyModel, net: string, proxy: string | undefined, bridges: readonly string[]): Layout {
  const n = t.networks?.[net];
  const joined = proxy !== undefined && networksOf(t.services[proxy]!).includes(net);
  const proxyName = proxy !== undefined ? nameOf(t, proxy) : 'the proxy';
  const purpose = n?.purpose === 'internal' && !n.internal ? 'internal-use network, not marked internal' : n?.internal ? 'internal network' : n?.purpose ? `${n.purpose} network` : 'network';
  const role = joined ? `${purpose} ${proxyName} joins` : purpose;
  const name = n?.name && n.name !== net ? `${net} (${oneLine(n.name)})` : net;
  const flags = [
    n?.driver ?? 'bridge',
    n?.external ? 'external: created outside this project' : '',
    n?.internal ? 'internal: no route to the outside world' : '',
    n?.subnet ? `subnet ${n.subnet}` : '',
    net === DEFAULT_NETWORK && !n ? "Compose's default network" : '',
  ].filter(Boolean);
  const lines: string[] = [flags.join(', ')];
  if (n?.description) lines.push(brief(n.description));
  if (bridges.length) lines.push(`Reached via ${listProse(bridges.map((id) => nameOf(t, id)))}`);
  const memberBoxes = members(t, net).map((id) => memberBox(t, id, net, proxy));
  return box(vstack([text(lines), wrapRow(memberBoxes, { gap: 1, rowGap: 0 })]), {
    title: `${name}${statusSuffix(n?.status)}: ${role}`,
    titleAlign: 'left',
    // Networks behind the routing ones are drawn two to a row.
    maxWidth: joined ? undefined : NETWORK_BOX_WIDTH,
  });
}

function memberBox(t: TopologyModel, id: string, net: string, proxy: string | undefined): Layout {
  const s = t.services[id]!;
  const lines: string[] = [];
  if (id === proxy) lines.push('reverse proxy');
  else if (isDatastore(s.kind)) lines.push(`${s.kind.replace('-', ' ')}`);
  else lines.push(s.kind);
  const elsewhere = networksOf(s).filter((n) => n !== net);
  if (elsewhere.length) lines.push(`also on ${elsewhere.join(', ')}`);
  return box(lines, { title: `${nameOf(t, id)}${statusSuffix(s.status)}`, maxWidth: MEMBER_BOX_WIDTH, separator: false });
}

/** Who can reach whom, stated: what the Internet reaches, what is published, what nothing outside reaches. */
function reachabilityBox(t: TopologyModel, proxy: string | undefined, proxyNets: readonly string[], marks: Marks): Layout {
  const neutral = (text: string): MarkedItem => ({ mark: marks.bullet, text });
  const pubs = publications(t);
  const routedPublic = new Set(Object.values(t.routes ?? {}).filter((r) => r.public && !r.redirect).map((r) => r.service));
  const items: MarkedItem[] = [];
  const ids = Object.keys(t.services);
  const routed = ids.filter((id) => routedPublic.has(id));
  if (routed.length) items.push(neutral(`Reachable from the Internet through ${proxy ? nameOf(t, proxy) : 'the proxy'} routes: ${listProse(routed.map((id) => nameOf(t, id)))}.`));
  const direct = pubs.filter((p) => p.owner !== proxy);
  for (const p of direct) {
    const where = isLoopback(p.hostIp) ? `on ${p.hostIp} only (the server itself)` : p.hostIp ? `on ${p.hostIp}` : 'on every host address';
    items.push(neutral(`${nameOf(t, p.owner)} publishes host port ${p.hostPort} (${p.what}) ${where}, bypassing ${proxy ? nameOf(t, proxy) : 'the proxy'}.`));
  }
  const hidden = ids.filter((id) => id !== proxy && !routedPublic.has(id) && !pubs.some((p) => p.owner === id && !isLoopback(p.hostIp)));
  if (hidden.length) items.push({ mark: marks.holds, text: `NOT reachable from the Internet (no public route, no published port): ${listProse(hidden.map((id) => nameOf(t, id)))}.` });
  if (proxy) {
    const sealed = ids.filter((id) => id !== proxy && !networksOf(t.services[id]!).some((n) => proxyNets.includes(n)));
    if (sealed.length) items.push({ mark: marks.holds, text: `NOT reachable from ${nameOf(t, proxy)} (on no network it joins): ${listProse(sealed.map((id) => nameOf(t, id)))}.` });
    const exposedStores = ids.filter((id) => isDatastore(t.services[id]!.kind) && !routedPublic.has(id) && networksOf(t.services[id]!).some((n) => proxyNets.includes(n)));
    if (exposedStores.length) {
      items.push({
        mark: marks.fails,
        text: `Datastores on a network ${nameOf(t, proxy)} joins (reachable from it, though not routed): ${listProse(
          exposedStores.map((id) => `${nameOf(t, id)} (${networksOf(t.services[id]!).filter((n) => proxyNets.includes(n)).join(', ')})`),
        )}.`,
      });
    }
    const bridges = ids.filter((id) => id !== proxy && networksOf(t.services[id]!).some((n) => proxyNets.includes(n)) && networksOf(t.services[id]!).some((n) => !proxyNets.includes(n)));
    if (bridges.length) {
      items.push(
        neutral(`Bridges between ${nameOf(t, proxy)}'s networks and the others: ${bridges
          .map((id) => `${nameOf(t, id)} (${networksOf(t.services[id]!).join(' + ')})`)
          .join(', ')}.`),
      );
    }
  }
  return box(markedList(items), { title: 'REACHABILITY', titleAlign: 'left', width: 'fill' });
}
