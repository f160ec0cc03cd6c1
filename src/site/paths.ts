/** Where the site's build inputs live, relative to the project root. */

/** Generated views (committed), the renderer's input. */
export const DIAGRAMS_DIR = 'diagrams';
/** Rendered SVGs and their cache manifest: a build output, served by the site at /diagrams/. */
export const SVG_DIR = '.topodoc-cache/svg';
export const TOPOLOGY_DIR = 'topology';
/** The latest `topodoc check --format json` report, when present (override with TOPODOC_CHECK_REPORT). */
export const DEFAULT_CHECK_REPORT = 'public/check-report.json';
