/** Services on one side only: `drift/service-missing` (topology only) and `drift/service-extra` (compose only). */
import type { CheckContext } from './context.ts';
import { isNotRunning, listing, related } from './context.ts';

export function compareServices(ctx: CheckContext): void {
  const { topology, compose } = ctx;
  for (const [id, service] of Object.entries(topology.services)) {
    if (compose.services[id]) continue;
    const loc = ctx.topo(['services', id], true);
    const inactive = compose.inactiveServices[id];
    if (inactive) {
      const profiles = inactive.profiles.map((p) => p.value);
      ctx.add(
        'drift/service-missing',
        isNotRunning(service) ? 'note' : 'error',
        `service "${id}" runs only with compose profile ${listing(profiles.map((p) => `"${p}"`))}, which is not active; activate it with --profile or the topology's compose.profiles`,
        loc,
        [related('compose service with the profile', inactive.loc)],
      );
      continue;
    }
    ctx.add(
      'drift/service-missing',
      isNotRunning(service) ? 'note' : 'error',
      `service "${id}" is in the topology but in none of the compose files${isNotRunning(service) ? ` (the topology marks it ${service.status ?? 'optional'})` : ''}`,
      loc,
      [related('compose services', ctx.firstComposeLoc())],
    );
  }
  const topologyServices = ctx.topo(['services'], true);
  for (const [name, service] of Object.entries(compose.services)) {
    if (topology.services[name]) continue;
    ctx.add('drift/service-extra', 'error', `compose service "${name}" is not in the topology`, service.loc, [
      related('topology services', topologyServices),
    ]);
  }
}
