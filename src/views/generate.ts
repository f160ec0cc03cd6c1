import type { TopologyModel } from '../model/schema/index.ts';
import { compareStrings } from '../util/compare-strings.ts';
import { asciiGenerators } from './ascii-views/index.ts';
import { externalUrls } from './markdown/external-urls.ts';
import { hostnames } from './markdown/hostnames.ts';
import { indexDoc } from './markdown/index-doc.ts';
import { networksTable } from './markdown/networks.ts';
import { operations } from './markdown/operations.ts';
import { portsByRole } from './markdown/ports-by-role.ts';
import { publishedPorts } from './markdown/published-ports.ts';
import { routingTables } from './markdown/routing.ts';
import { scalingTable } from './markdown/scaling.ts';
import { securitySummary } from './markdown/security.ts';
import { serviceCatalog } from './markdown/services.ts';
import { startupOrder } from './markdown/startup-order.ts';
import { systemDoc } from './markdown/system-doc.ts';
import { volumesTable } from './markdown/volumes.ts';
import { mermaidGenerators } from './mermaid/index.ts';
import { mdFence } from './escape.ts';
import type { Fragment, Generator, ViewOptions } from './types.ts';

export const markdownGenerators: Generator[] = [
  portsByRole,
  hostnames,
  externalUrls,
  publishedPorts,
  startupOrder,
  volumesTable,
  scalingTable,
  networksTable,
  routingTables,
  operations,
  securitySummary,
  serviceCatalog,
];

export const GENERATORS: Generator[] = [...mermaidGenerators, ...asciiGenerators, ...markdownGenerators];

/** Every view of one system, its README last. Pure and deterministic. */
export function generateSystem(t: TopologyModel, options: ViewOptions = {}): Fragment[] {
  const fragments = GENERATORS.flatMap((g) => g(t, options));
  const seen = new Set<string>();
  for (const f of fragments) {
    if (seen.has(f.file)) throw new Error(`two views of ${t.id} write ${f.file}`);
    seen.add(f.file);
  }
  return [...fragments, systemDoc(t, fragments)];
}

/** A system with every view of it, generated once and shared by the files, inject blocks and site pages. */
export interface GeneratedSystem {
  topology: TopologyModel;
  fragments: Fragment[];
}

export function generateSystems(systems: TopologyModel[], options: ViewOptions = {}): GeneratedSystem[] {
  return [...systems].sort((a, b) => a.id.localeCompare(b.id)).map((topology) => ({ topology, fragments: generateSystem(topology, options) }));
}

/** All files under the output root: `<system>/<file>` for each system, plus the index `README.md`. */
export function generateOutputs(generated: GeneratedSystem[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const { topology, fragments } of generated) for (const f of fragments) files.set(`${topology.id}/${f.file}`, f.content);
  files.set('README.md', indexDoc(generated.map((g) => g.topology)));
  return new Map([...files].sort(([a], [b]) => compareStrings(a, b)));
}

/** Views addressable by inject markers: `<system>/<name>`, and plain `<name>` when there is one system. */
export function injectableViews(generated: GeneratedSystem[]): Map<string, string> {
  const views = new Map<string, string>();
  for (const { topology, fragments } of generated) {
    for (const f of fragments) {
      const body = f.kind === 'mermaid' ? mdFence(f.content.trimEnd(), 'mermaid') : f.kind === 'ascii' ? mdFence(f.content.trimEnd(), 'text') : f.content;
      views.set(`${topology.id}/${f.name}`, body);
      if (generated.length === 1) views.set(f.name, body);
    }
  }
  return views;
}
