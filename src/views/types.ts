import type { TopologyModel } from '../model/schema/index.ts';

export type FragmentKind = 'mermaid' | 'ascii' | 'markdown';

/**
 * One generated view. Each is written to `diagrams/<system>/<file>` and can be injected into a
 * user's Markdown between `<!-- topodoc:begin <system>/<name> -->` markers.
 */
export interface Fragment {
  /** Stable name, unique within a system, e.g. `architecture`, `sequence-admin`, `ports`. */
  name: string;
  kind: FragmentKind;
  title: string;
  /** One sentence for readers (and the diagram's accessible description). */
  description: string;
  /** Path relative to the system's folder, e.g. `architecture.mmd`, `ascii/system.txt`. */
  file: string;
  content: string;
}

export interface ViewOptions {
  /** Base URL path of service pages on the docs site, used for clickable diagram nodes. */
  serviceHref?: (systemId: string, serviceId: string) => string;
}

export type Generator = (t: TopologyModel, options: ViewOptions) => Fragment[];

export const defaultServiceHref = (systemId: string, serviceId: string) => `/systems/${systemId}/services/${serviceId}/`;
