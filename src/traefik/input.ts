/**
 * What the Traefik reader needs from a compose project. Deliberately small and independent of the
 * compose loader so that a loaded compose service can be mapped onto it by a thin adapter.
 */
import type { SourceLoc } from '../model/diagnostics.ts';

export interface Located<T> {
  value: T;
  /** Where the entry starts (for a label: its key). */
  loc: SourceLoc;
  /**
   * Where the value's first character is, when the value sits on one line without escape sequences,
   * so that an offset inside the value (e.g. a rule error) can be added to its column.
   */
  valueLoc?: SourceLoc;
}

export interface TraefikServiceInput {
  /** Compose service name (the key under `services:`). */
  name: string;
  /** Location of the service key, used for findings about implicit routers/services. */
  loc: SourceLoc;
  /** Container labels (`labels:`), read by the Docker provider. Non-Traefik labels are ignored. */
  labels: Record<string, Located<string>>;
  /** Swarm service labels (`deploy.labels:`), read by the Swarm provider. */
  deployLabels: Record<string, Located<string>>;
  /** Container-side ports of `ports:` (one entry per port after range expansion). */
  ports: Array<{ target: number; protocol: string; loc: SourceLoc }>;
  /** Ports of `expose:` (one entry per port after range expansion). */
  expose: Array<{ port: number; loc: SourceLoc }>;
  /** Real Docker network names the service joins (after `<project>_` prefixing or `name:`). */
  networks: string[];
  /** `container_name:` when set; used by default-rule templates that read `.ContainerName`. */
  containerName?: string;
}

export type ConfigFormat = 'yaml' | 'toml';

export interface ConfigText {
  text: string;
  /** Path reported in diagnostics. */
  file: string;
  format: ConfigFormat;
}

export interface TraefikStaticInput {
  /** The Traefik container's `command:` arguments, already split, each with its location. */
  args: Array<Located<string>>;
  /** A mounted `traefik.yml` / `traefik.toml`, read by the caller. Traefik ignores it when flags are given. */
  fileConfig?: ConfigText;
  /** File-provider dynamic configuration files, read by the caller. */
  dynamicFiles?: ConfigText[];
  /** Traefik image tag (e.g. `v3.1`, `2.11`, `latest`); decides which rule syntax is the default. */
  version?: string;
}

export interface TraefikInput {
  /** Normalised compose project name (also the Swarm stack name). */
  projectName: string;
  services: TraefikServiceInput[];
  /** Absent when the Traefik configuration is unknown; Traefik's defaults are then assumed. */
  staticInput?: TraefikStaticInput;
}
