/**
 * What one comparison works on (a validated topology, its loaded compose project and the Traefik
 * configuration read from it) and the helpers every concern uses to report a finding with both
 * locations: where the culprit is, and the matching place on the other side.
 */
import type { BuiltImage } from '../compose/dockerfile.ts';
import type { ComposeProject, ComposeService } from '../compose/types.ts';
import type { Diagnostic, Severity, SourceLoc } from '../model/diagnostics.ts';
import type { TopologyModel } from '../model/schema/index.ts';
import type { TraefikConfig } from '../traefik/types.ts';
import type { PathSegment } from '../util/yaml-positions.ts';

export interface SystemSources {
  topology: TopologyModel;
  /** Position of a path in the topology file (`key: true` for the key rather than the value). */
  locateTopology: (path: ReadonlyArray<PathSegment>, opts?: { key?: boolean }) => SourceLoc;
  compose: ComposeProject;
  traefik: TraefikConfig;
  /**
   * Interpolates `${VAR}` in topology text with the variables compose used, so that `api.${DOMAIN}` in
   * the topology compares with the interpolated label. The result is for comparing only, never shown.
   */
  expand: (text: string) => string;
  /** Compose service running Traefik, when there is one. */
  proxyService?: string;
  /**
   * The text as written of the compose value at `loc` when it was interpolated (labels, strings),
   * so messages show `${DOMAIN}` and never a value that came from `.env`.
   */
  rawAt?: (loc: SourceLoc) => string | undefined;
  /** What the Dockerfile of each service compose builds says (USER, HEALTHCHECK), when it could be read. */
  dockerfiles?: ReadonlyMap<string, BuiltImage>;
}

export type Related = NonNullable<Diagnostic['related']>;

export class CheckContext {
  readonly src: SystemSources;
  readonly topology: TopologyModel;
  readonly compose: ComposeProject;
  readonly traefik: TraefikConfig;
  readonly findings: Diagnostic[] = [];

  constructor(src: SystemSources) {
    this.src = src;
    this.topology = src.topology;
    this.compose = src.compose;
    this.traefik = src.traefik;
  }

  /** Topology position of a value, or of its key with `key`. */
  topo(path: ReadonlyArray<PathSegment>, key = false): SourceLoc {
    return this.src.locateTopology(path, { key });
  }

  add(rule: string, severity: Severity, message: string, loc: SourceLoc, related: Related = []): void {
    const finding: Diagnostic = { severity, rule, message, loc };
    if (related.length > 0) finding.related = related;
    this.findings.push(finding);
  }

  /** Where a missing compose element would go: the service, else the first compose file. */
  composeAnchor(service?: string): SourceLoc {
    const found = service === undefined ? undefined : this.compose.services[service];
    if (found) return found.loc;
    return this.firstComposeLoc();
  }

  firstComposeLoc(): SourceLoc {
    const first = Object.values(this.compose.services)[0];
    return first?.loc ?? { file: this.compose.files[0] ?? '', line: 1, column: 1 };
  }

  composeService(name: string): ComposeService | undefined {
    return this.compose.services[name];
  }

  /** Ids of services present on both sides, in topology order. */
  sharedServices(): string[] {
    return Object.keys(this.topology.services).filter((id) => this.compose.services[id] !== undefined);
  }
}

/** A compose value as it may be shown: the text as written when it was interpolated (see `Located.raw`). */
export function shown(value: { value: unknown; raw?: string }): string {
  return value.raw ?? String(value.value);
}

export function related(message: string, loc: SourceLoc): Related[number] {
  return { message, loc };
}

/** `a, b and c` for messages. */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function quoted(items: readonly string[]): string {
  return listing(items.map((i) => `"${i}"`));
}

/** Whether the element is documented as not (yet) running: a missing counterpart is then only a note. */
export function isNotRunning(element: { status?: string; optional?: boolean }): boolean {
  return element.status === 'planned' || element.status === 'optional' || element.optional === true;
}
