/**
 * Colours for the Mermaid views. Node fills are mid-light tints with a darker stroke of the same
 * hue and an explicit dark text colour, so a node reads the same on light and dark pages; block
 * tints in sequence diagrams are translucent so the theme's text colour stays legible over them.
 */
import type { SERVICE_KINDS } from '../../model/schema/index.ts';

export type ServiceKindName = (typeof SERVICE_KINDS)[number];

/** Classes for things that are not services: the path in from the Internet, externals, redirects. */
export type InfraClass = 'internet' | 'dns' | 'firewall' | 'entrypoint' | 'redirect' | 'external';

const TEXT = 'color:#111827';

function nodeStyle(fill: string, stroke: string): string {
  return `fill:${fill},stroke:${stroke},stroke-width:1.5px,${TEXT}`;
}

export const KIND_STYLES: Record<ServiceKindName, string> = {
  proxy: nodeStyle('#c7d2fe', '#4338ca'),
  app: nodeStyle('#bfdbfe', '#1d4ed8'),
  frontend: nodeStyle('#bae6fd', '#0369a1'),
  api: nodeStyle('#a5f3fc', '#0e7490'),
  worker: nodeStyle('#ddd6fe', '#6d28d9'),
  database: nodeStyle('#fed7aa', '#c2410c'),
  cache: nodeStyle('#fecaca', '#b91c1c'),
  queue: nodeStyle('#fde68a', '#b45309'),
  'object-storage': nodeStyle('#d9f99d', '#4d7c0f'),
  monitoring: nodeStyle('#bbf7d0', '#15803d'),
  exporter: nodeStyle('#d1fae5', '#047857'),
  auth: nodeStyle('#fbcfe8', '#be185d'),
  static: nodeStyle('#e0f2fe', '#0284c7'),
  tool: nodeStyle('#e5e7eb', '#4b5563'),
};

export const INFRA_STYLES: Record<InfraClass, string> = {
  internet: nodeStyle('#e2e8f0', '#334155'),
  dns: nodeStyle('#e2e8f0', '#475569'),
  firewall: nodeStyle('#fee2e2', '#991b1b'),
  entrypoint: nodeStyle('#e0e7ff', '#4338ca'),
  redirect: nodeStyle('#fef9c3', '#a16207'),
  external: nodeStyle('#f5d0fe', '#a21caf'),
};

/** Added on top of the kind's class: planned or optional elements are drawn dashed. */
export const PLANNED_STYLE = 'stroke-dasharray:6 4';
/** Deprecated elements: dashed and faded. */
export const DEPRECATED_STYLE = 'stroke-dasharray:2 3,opacity:0.7';

/** Subgraph borders: networks solid, groups dotted, the ingress box in the proxy's hue. */
export const CLUSTER_STYLES = {
  network: 'fill:none,stroke:#64748b,stroke-width:1.5px',
  internalNetwork: 'fill:none,stroke:#64748b,stroke-width:1.5px,stroke-dasharray:8 4',
  group: 'fill:none,stroke:#94a3b8,stroke-width:1px,stroke-dasharray:3 3',
  ingress: 'fill:none,stroke:#4338ca,stroke-width:1.5px',
  externals: 'fill:none,stroke:#a21caf,stroke-width:1px,stroke-dasharray:3 3',
} as const;

/** Edge colours (linkStyle) for edges whose meaning is not traffic. */
export const EDGE_STYLES = {
  monitoring: 'stroke:#16a34a,stroke-width:1.5px',
  redirect: 'stroke:#ca8a04,stroke-width:1.5px',
  auth: 'stroke:#db2777,stroke-width:1.5px',
} as const;

export type LayerColor = 'grey' | 'blue' | 'purple' | 'red' | 'green' | 'yellow';

/** Translucent block tints for sequence diagrams (`rect rgba(…)`), named as in topology flows. */
export const LAYER_TINTS: Record<LayerColor, string> = {
  grey: 'rgba(148, 163, 184, 0.18)',
  blue: 'rgba(59, 130, 246, 0.14)',
  purple: 'rgba(168, 85, 247, 0.14)',
  red: 'rgba(239, 68, 68, 0.13)',
  green: 'rgba(34, 197, 94, 0.14)',
  yellow: 'rgba(234, 179, 8, 0.16)',
};
