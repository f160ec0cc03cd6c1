import type { TopologyModel } from '../../model/schema/index.ts';
import { dependencies, displayName, startupWaves } from '../../model/queries.ts';
import { mdCell, mdCode, mdTable } from '../escape.ts';
import type { Fragment } from '../types.ts';

const CONDITION_WORDS = {
  service_started: 'started',
  service_healthy: 'healthy',
  service_completed_successfully: 'completed',
} as const;

/** Start-up order derived from depends_on and health conditions (seed 003's "Startup Order"). */
export function startupOrder(t: TopologyModel): Fragment[] {
  const waves = startupWaves(t);
  if (!Object.values(t.services).some((s) => s.dependsOn)) return [];
  const rows = waves.map((wave, i) => {
    const waits = wave.flatMap((id) =>
      dependencies(t.services[id]!).map((d) => `${id} waits for ${d.service} ${CONDITION_WORDS[d.condition]}${d.required ? '' : ' (optional)'}`),
    );
    const checks = wave
      .filter((id) => t.services[id]!.healthcheck)
      .map((id) => {
        const h = t.services[id]!.healthcheck!;
        const probe = h.type === 'command' ? (h.command ?? 'command') : h.type === 'http' ? `HTTP ${h.path ?? '/'}` : 'TCP connect';
        return `${id}: ${mdCode(probe)}${h.implemented ? '' : ' (if implemented)'}`;
      });
    return [String(i + 1), wave.map((id) => mdCell(displayName(t, id))).join(', '), waits.length ? waits.map(mdCell).join('; ') : 'nothing (start in parallel)', checks.join('; ') || '–'];
  });
  return [
    {
      name: 'startup-order',
      kind: 'markdown',
      title: 'Start-up order',
      description: 'The order Docker Compose starts services in, derived from depends_on conditions and health checks.',
      file: 'tables/startup-order.md',
      content: `${mdTable(['Step', 'Services', 'Waits for', 'Health checks'], rows)}\n`,
    },
  ];
}
