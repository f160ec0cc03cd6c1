/**
 * Networks meant only for traffic between applications and their datastores must be `internal`, so
 * their containers have no route to the Internet (a compromised database cannot call home).
 * KICS: networks_not_set (Networks Not Set) is the nearest query: it asks for explicit networks.
 */
import type { SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';

export const networkNotInternal: SecurityRule = {
  id: 'security/network-not-internal',
  title: 'A network for internal traffic only is not marked internal',
  severity: 'warning',
  rationale:
    'A Docker bridge network gives every container on it a route to the Internet. A network that only connects applications to their datastores needs none: marked `internal: true`, a compromised datastore cannot download tools or send data out, and nothing on it can be published by mistake.',
  fix: 'Set `internal: true` on the network in compose (and in the topology). Services that need the Internet or Traefik join a second, non-internal network as well.',
  kics: ['networks_not_set'],
  check(ctx: SecurityContext) {
    const topoNetworks = ctx.topology.networks ?? {};
    for (const net of Object.values(ctx.compose.networks)) {
      if (net.internal || net.external) continue;
      const members = ctx.services().filter((s) => Object.hasOwn(s.networks, net.name));
      const topo = Object.hasOwn(topoNetworks, net.name) ? topoNetworks[net.name] : undefined;
      const loc = net.loc ?? members[0]?.loc ?? ctx.serviceLoc();
      if (topo?.purpose === 'internal') {
        ctx.add('warning', `network "${net.name}" is for internal traffic only (purpose: internal in the topology), but compose does not mark it internal`, loc, [
          { message: 'topology network purpose', loc: ctx.topo(['networks', net.name, 'purpose']) },
        ]);
        continue;
      }
      if (topo?.purpose !== undefined) continue;
      // Datastores and no Traefik on it, and every other member has a second network for its way out:
      // marking it internal would cut off nobody but the datastores.
      const stores = members.filter((s) => ctx.isDatastore(s));
      const others = members.filter((s) => !ctx.isDatastore(s));
      if (stores.length > 0 && !members.some((s) => ctx.isProxy(s)) && stores.every((s) => s.ports.length === 0) && others.every((s) => Object.keys(s.networks).length > 1)) {
        ctx.add('warning', `network "${net.name}" carries datastores (${stores.map((m) => m.name).join(', ')}) and no Traefik, but is not marked internal`, loc, topo ? [{ message: 'topology network', loc: ctx.topo(['networks', net.name]) }] : []);
      }
    }
  },
};
