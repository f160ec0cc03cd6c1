/** Builders for compact Traefik reader inputs: every label gets its own line, in insertion order. */
import type { SourceLoc } from '../../src/model/diagnostics.ts';
import type { Located, TraefikInput, TraefikServiceInput } from '../../src/traefik/input.ts';

export const FILE = 'compose.yaml';

export function loc(line: number, column = 9): SourceLoc {
  return { file: FILE, line, column };
}

export interface ServiceSpec {
  labels?: Record<string, string>;
  deployLabels?: Record<string, string>;
  ports?: number[];
  expose?: number[];
  networks?: string[];
  containerName?: string;
}

/**
 * Services laid out like a compose file: service `i` starts at line 100·(i+1); its ports at +1…,
 * expose at +20…, labels at +40…, deploy labels at +70… (column 9). Values start right after `key=`.
 */
export function services(specs: Record<string, ServiceSpec>): TraefikServiceInput[] {
  return Object.entries(specs).map(([name, spec], index) => {
    const base = 100 * (index + 1);
    const located = (entries: Record<string, string> | undefined, start: number): Record<string, Located<string>> =>
      Object.fromEntries(
        Object.entries(entries ?? {}).map(([key, value], i) => [
          key,
          { value, loc: loc(base + start + i), valueLoc: loc(base + start + i, 9 + key.length + 1) },
        ]),
      );
    const service: TraefikServiceInput = {
      name,
      loc: loc(base, 3),
      labels: located(spec.labels, 40),
      deployLabels: located(spec.deployLabels, 70),
      ports: (spec.ports ?? []).map((target, i) => ({ target, protocol: 'tcp', loc: loc(base + 1 + i) })),
      expose: (spec.expose ?? []).map((port, i) => ({ port, loc: loc(base + 20 + i) })),
      networks: spec.networks ?? [],
    };
    if (spec.containerName) service.containerName = spec.containerName;
    return service;
  });
}

/** Traefik command flags at lines 10, 11, … (column 9). */
export function flags(...values: string[]): Array<Located<string>> {
  return values.map((value, i) => ({ value, loc: loc(10 + i) }));
}

export function input(specs: Record<string, ServiceSpec>, args?: string[], extra: Partial<TraefikInput> = {}): TraefikInput {
  const result: TraefikInput = { projectName: 'myapp', services: services(specs), ...extra };
  if (args) result.staticInput = { ...(extra.staticInput ?? {}), args: flags(...args) };
  return result;
}
