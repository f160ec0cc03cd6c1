/**
 * Networks: declared on both sides, their flags (external, internal, name, driver, subnet), and which
 * services join them. The implicit `default` network compose creates is left alone unless the
 * topology declares one.
 */
import type { ComposeNetwork } from '../compose/types.ts';
import type { CheckContext } from './context.ts';
import { isNotRunning, quoted, related } from './context.ts';

export function compareNetworks(ctx: CheckContext): void {
  const topoNetworks = ctx.topology.networks ?? {};
  const composeNetworks = ctx.compose.networks;
  const ignoredDefault = (key: string) => key === 'default' && composeNetworks[key]?.implicit === true && !topoNetworks[key];

  for (const [id, net] of Object.entries(topoNetworks)) {
    const compose = composeNetworks[id];
    if (!compose) {
      ctx.add(
        'drift/network-missing',
        isNotRunning(net) ? 'note' : 'error',
        `network "${id}" is in the topology but not declared in compose`,
        ctx.topo(['networks', id], true),
        [related('compose services', ctx.firstComposeLoc())],
      );
      continue;
    }
    compareFlags(ctx, id, compose);
  }
  for (const [key, net] of Object.entries(composeNetworks)) {
    if (topoNetworks[key] || ignoredDefault(key)) continue;
    ctx.add(
      'drift/network-extra',
      'error',
      net.implicit ? `services join compose's implicit "default" network, which the topology does not declare` : `compose network "${key}" is not in the topology`,
      net.loc ?? ctx.firstComposeLoc(),
      [related('topology networks', ctx.topo(ctx.topology.networks ? ['networks'] : [], true))],
    );
  }

  for (const id of ctx.sharedServices()) {
    const compose = ctx.composeService(id)!;
    const topoList = ctx.topology.services[id]!.networks ?? [];
    if (compose.networkMode) {
      // network_mode replaces networks: the service joins none of them.
      if (topoList.length > 0) {
        ctx.add('drift/network-membership', 'error', `service "${id}" joins ${quoted(topoList)} in the topology, but uses network_mode: ${compose.networkMode.value} in compose`, compose.networkMode.loc, [
          related('topology networks of the service', ctx.topo(['services', id, 'networks'], true)),
        ]);
      }
      continue;
    }
    const composeKeys = Object.keys(compose.networks).filter((key) => !(ignoredDefault(key) && topoList.length === 0));
    const missing = topoList.filter((n) => !compose.networks[n]);
    const extra = composeKeys.filter((n) => !topoList.includes(n));
    const topoLoc = () => ctx.topo(ctx.topology.services[id]!.networks ? ['services', id, 'networks'] : ['services', id], true);
    if (missing.length > 0) {
      ctx.add(
        'drift/network-membership',
        'error',
        `service "${id}" joins network${missing.length > 1 ? 's' : ''} ${quoted(missing)} in the topology, but not in compose`,
        topoLoc(),
        [related('compose service', compose.loc)],
      );
    }
    for (const key of extra) {
      const attachment = compose.networks[key]!;
      ctx.add(
        'drift/network-membership',
        'error',
        attachment.implicit
          ? `service "${id}" joins compose's implicit "default" network (it lists no networks), which the topology does not list for it`
          : `service "${id}" joins network "${key}" in compose, which the topology does not list for it`,
        attachment.implicit ? compose.loc : attachment.loc,
        [related('topology networks of the service', topoLoc())],
      );
    }
  }
}

function compareFlags(ctx: CheckContext, id: string, compose: ComposeNetwork): void {
  const net = ctx.topology.networks![id]!;
  const loc = compose.loc ?? ctx.firstComposeLoc();
  // A key the topology leaves to its default locates at the network itself.
  const at = (key: string) => ctx.topo(['networks', id, key], true);
  if (net.external !== compose.external) {
    ctx.add('drift/network-external', 'error', `network "${id}" is ${compose.external ? '' : 'not '}external in compose, but the topology says external: ${net.external}`, loc, [
      related('topology network', at('external')),
    ]);
  }
  if (net.internal !== compose.internal) {
    ctx.add('drift/network-internal', 'error', `network "${id}" is ${compose.internal ? '' : 'not '}internal in compose, but the topology says internal: ${net.internal}`, loc, [
      related('topology network', at('internal')),
    ]);
  }
  const defaultName = compose.external ? id : `${ctx.compose.name}_${id}`;
  const expected = net.name !== undefined ? ctx.src.expand(net.name) : defaultName;
  if (compose.realName !== expected) {
    const composeSays = compose.realName === defaultName ? `has no name: (Docker names it "${compose.realName}")` : `is named "${compose.realName}"`;
    ctx.add('drift/network-name', 'error', `network "${id}" ${composeSays} in compose, but the topology says name: ${net.name ?? `(none, i.e. "${defaultName}")`}`, loc, [
      related('topology network', at('name')),
    ]);
  }
  // Drivers of external networks are decided where they are created.
  const composeDriver = compose.driver ?? 'bridge';
  if (!compose.external && net.driver !== composeDriver) {
    ctx.add('drift/network-driver', 'error', `network "${id}" uses driver "${composeDriver}" in compose, but the topology says "${net.driver}"`, loc, [
      related('topology network', at('driver')),
    ]);
  }
  const subnets = compose.ipam.config.map((c) => c.subnet).filter((s): s is string => s !== undefined);
  if (net.subnet !== undefined ? !subnets.includes(net.subnet) : subnets.length > 0) {
    ctx.add(
      'drift/network-subnet',
      'error',
      net.subnet !== undefined
        ? subnets.length > 0
          ? `network "${id}" has subnet ${subnets.join(', ')} in compose, but the topology says ${net.subnet}`
          : `network "${id}" has no IPAM subnet in compose, but the topology says ${net.subnet}`
        : `network "${id}" has subnet ${subnets.join(', ')} in compose, which the topology does not state`,
      compose.ipam.config[0]?.loc ?? loc,
      [related('topology network', at('subnet'))],
    );
  }
}
