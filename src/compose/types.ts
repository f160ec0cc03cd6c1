/**
 * The canonical compose model topodoc works with: what `docker compose config` would print,
 * reduced to the attributes the docs and the drift check use, with every value carrying the
 * file position that produced it.
 *
 * Conventions:
 * - Short and long syntaxes are folded into one form (ports, volumes, networks, depends_on,
 *   labels, healthcheck, command, ...); port ranges are expanded to one entry per port.
 * - `loc` is the YAML node that produced the value. After merging several files, it is the
 *   location in the file whose value won; merged mappings (a service, a network) keep the
 *   location where they were first declared. Values reached through a YAML alias point at
 *   the anchored text. `loc.file` is relative to `ComposeProject.rootDir`, with `/` separators.
 * - Host paths (bind sources, build contexts, env_file, secret files) are absolute, resolved
 *   as compose does: against the project directory, or against the directory of the file
 *   that declared them for `extends: {file}` and `include`.
 * - Secrets stay out: `environment` keeps keys only, `.env` values are used for interpolation
 *   only, `build.args` keeps keys only, inline `configs.content` is not kept.
 */
import type { Diagnostic, SourceLoc } from '../model/diagnostics.ts';

/** A value and where it was written. */
export interface Located<T> {
  value: T;
  loc: SourceLoc;
  /**
   * The text as written, before interpolation; present only when it referenced variables.
   * Messages show this instead of `value`, which may hold values from `.env`.
   */
  raw?: string;
}

/** Options of `loadComposeProject`. Paths may be relative to the process working directory. */
export interface LoadComposeOptions {
  /** The `-f` files in order; later files merge onto earlier ones. At least one. */
  files: string[];
  /**
   * Variables for interpolation, standing for the process environment (never read from
   * `process.env` by the loader). They win over values from `.env` / `envFiles`.
   */
  env?: Record<string, string>;
  /** Replaces the default `<projectDirectory>/.env`, like repeated `--env-file`. */
  envFiles?: string[];
  /** Active profiles; `*` activates all. Default: `COMPOSE_PROFILES` from the environment, else none. */
  profiles?: string[];
  /** Like `-p`; wins over `COMPOSE_PROJECT_NAME` and the top-level `name`. */
  projectName?: string;
  /** Like `--project-directory`; default: the directory of the first file. */
  projectDirectory?: string;
  /**
   * Files referenced from compose content (`include`, `extends.file`, include `env_file`)
   * must resolve inside this directory. Default: the nearest ancestor of the first file that
   * holds `.git`, else the first file's directory. Locations are reported relative to it.
   */
  rootDir?: string;
  /** Return a model with error diagnostics instead of throwing `UserInputError` (for `import`). */
  tolerateErrors?: boolean;
}

export interface ComposeProject {
  /** Normalised project name; prefixes network and volume names. */
  name: string;
  /** Where the name came from; `loc` only for the top-level `name` attribute. */
  nameSource: { kind: 'option' | 'env' | 'file' | 'directory'; loc?: SourceLoc };
  /** Absolute directory relative paths are resolved against. */
  projectDirectory: string;
  /** Absolute; `loc.file` values are relative to it. */
  rootDir: string;
  /** Every compose file read, root-relative, in load order (including `include` / `extends.file`). */
  files: string[];
  /** Environment files read for interpolation, root-relative (their values are never kept). */
  envFiles: string[];
  activeProfiles: string[];
  /** Services enabled by the active profiles (or without `profiles`), in declaration order. */
  services: Record<string, ComposeService>;
  /** Services whose profiles are all inactive; kept so callers can mention them. */
  inactiveServices: Record<string, ComposeService>;
  /** Top-level networks, plus the implicit `default` network when a service uses it. */
  networks: Record<string, ComposeNetwork>;
  volumes: Record<string, ComposeVolume>;
  secrets: Record<string, ComposeSecret>;
  configs: Record<string, ComposeConfig>;
  /** Warnings (and, with `tolerateErrors`, errors), sorted by file, line and column. */
  diagnostics: Diagnostic[];
}

export interface ComposeService {
  name: string;
  /** The service's key. */
  loc: SourceLoc;
  image?: Located<string>;
  build?: ComposeBuild;
  /** Exec form; a string `command` is split into words like a shell would. */
  command?: ComposeCommand;
  entrypoint?: ComposeCommand;
  containerName?: Located<string>;
  hostname?: Located<string>;
  restart?: Located<string>;
  user?: Located<string>;
  readOnly?: Located<boolean>;
  privileged?: Located<boolean>;
  pid?: Located<string>;
  /** `ipc`, e.g. `host`, `shareable`, `service:x`. */
  ipc?: Located<string>;
  /** `userns_mode`, e.g. `host`. */
  usernsMode?: Located<string>;
  /** `security_opt` items as written, e.g. `no-new-privileges:true`, `seccomp:unconfined`. */
  securityOpt: Array<Located<string>>;
  /** Service-level limits (`mem_limit`, `cpus`, `pids_limit`), besides `deploy.resources.limits`. */
  memLimit?: Located<string>;
  cpus?: Located<string>;
  pidsLimit?: Located<number>;
  capAdd: Array<Located<string>>;
  capDrop: Array<Located<string>>;
  /** `network_mode`; when set, `networks` is empty. */
  networkMode?: ComposeNetworkMode;
  /** Networks joined, by top-level key; the implicit `default` when none is listed. */
  networks: Record<string, ComposeServiceNetwork>;
  /** Published ports, ranges expanded, duplicates (same host ip/published/target/protocol) removed. */
  ports: ComposePort[];
  /** Ports exposed to other services only, ranges expanded. */
  expose: ComposeExpose[];
  /** Container labels (the Docker provider of Traefik reads these). */
  labels: Record<string, Located<string>>;
  /** Keys only: the value never leaves the loader. */
  environment: Record<string, ComposeEnvironmentEntry>;
  envFiles: ComposeEnvFile[];
  dependsOn: Record<string, ComposeDependency>;
  healthcheck?: ComposeHealthcheck;
  volumes: ComposeServiceVolume[];
  secrets: ComposeServiceFileRef[];
  configs: ComposeServiceFileRef[];
  deploy?: ComposeDeploy;
  profiles: Array<Located<string>>;
  /** Set when the service was built with `extends`; the chain's first link. */
  extends?: { service: string; file?: string; loc: SourceLoc };
}

export interface ComposeBuild {
  /** Absolute directory, or the URL as written for remote contexts. */
  context: string;
  dockerfile?: string;
  target?: string;
  /** Names of build args; values are not kept. */
  argKeys: string[];
  loc: SourceLoc;
}

export interface ComposeCommand {
  /** True when written as one string (then split into `args`). */
  shellForm: boolean;
  /** Arguments; from a string, all share the string's location. */
  args: Array<Located<string>>;
  loc: SourceLoc;
}

export interface ComposeNetworkMode {
  /** As written, e.g. `host`, `service:vpn`. */
  value: string;
  kind: 'none' | 'host' | 'bridge' | 'service' | 'container' | 'other';
  /** Service or container name for `service:x` / `container:x`. */
  target?: string;
  loc: SourceLoc;
}

export interface ComposeServiceNetwork {
  /** Top-level network key. */
  name: string;
  aliases: Array<Located<string>>;
  ipv4Address?: Located<string>;
  ipv6Address?: Located<string>;
  macAddress?: Located<string>;
  interfaceName?: Located<string>;
  priority?: number;
  gwPriority?: number;
  linkLocalIps: string[];
  /** True for the `default` network joined because the service lists none. */
  implicit: boolean;
  loc: SourceLoc;
}

export interface ComposePort {
  /** Container port. */
  target: number;
  /** Host port or host range (`"8000-9000"` when one container port may use any of them); absent = ephemeral. */
  published?: string;
  /** Host address without brackets, e.g. `127.0.0.1`, `::1`. */
  hostIp?: string;
  /** `tcp` (default), `udp`, `sctp`. */
  protocol: string;
  appProtocol?: string;
  /** `ingress` (default) or `host`. */
  mode: string;
  name?: string;
  syntax: 'short' | 'long';
  loc: SourceLoc;
}

export interface ComposeExpose {
  port: number;
  /** As written after `/`, default `tcp`. */
  protocol: string;
  loc: SourceLoc;
}

/**
 * How an environment variable gets its value, without the value:
 * - `literal`: fixed text in the compose file;
 * - `interpolated`: built from `${VAR}` references (see `variables`);
 * - `empty`: the value is the empty string (written empty, or interpolated to nothing);
 * - `inherited`: only the key is written; the container gets the host's value at run time.
 */
export interface ComposeEnvironmentEntry {
  kind: 'literal' | 'interpolated' | 'empty' | 'inherited';
  /** Variables referenced by the value (names only). */
  variables: string[];
  /**
   * True when a literal value is a URL with a password in it (`scheme://user:password@host`); the
   * value itself is not kept.
   */
  embedsCredentials?: boolean;
  loc: SourceLoc;
}

export interface ComposeEnvFile {
  /** Absolute path. */
  path: string;
  required: boolean;
  loc: SourceLoc;
}

export interface ComposeDependency {
  service: string;
  /** `service_started` (default), `service_healthy`, `service_completed_successfully`. */
  condition: string;
  /** Default true. */
  required: boolean;
  /** Default false. */
  restart: boolean;
  loc: SourceLoc;
}

export interface ComposeHealthcheck {
  /** `test` normalised to a list whose first item is `NONE`, `CMD` or `CMD-SHELL`. */
  test?: Located<string[]>;
  /** `disable: true` or `test: ["NONE"]`. */
  disabled: boolean;
  interval?: ComposeDuration;
  timeout?: ComposeDuration;
  startPeriod?: ComposeDuration;
  startInterval?: ComposeDuration;
  retries?: Located<number>;
  loc: SourceLoc;
}

export interface ComposeDuration {
  /** As written, e.g. `1m30s`. */
  text: string;
  milliseconds: number;
  loc: SourceLoc;
}

export interface ComposeServiceVolume {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  /** Absolute host path for binds; the top-level volume key for named volumes; absent for anonymous volumes and tmpfs. */
  source?: string;
  target: string;
  readOnly: boolean;
  /** Bind of the Docker socket (`/var/run/docker.sock` or `/run/docker.sock`). */
  dockerSocket: boolean;
  syntax: 'short' | 'long';
  loc: SourceLoc;
}

/** A service's reference to a top-level secret or config. */
export interface ComposeServiceFileRef {
  source: string;
  /** Mount path; secrets default to `/run/secrets/<source>`, configs to `/<source>`. */
  target: string;
  loc: SourceLoc;
}

export interface ComposeDeploy {
  mode?: Located<string>;
  replicas?: Located<number>;
  /** Swarm service labels (the Swarm provider of Traefik reads these). */
  labels: Record<string, Located<string>>;
  resources: { limits?: ComposeResources; reservations?: ComposeResources };
  loc: SourceLoc;
}

export interface ComposeResources {
  cpus?: Located<string>;
  memory?: Located<string>;
  pids?: Located<number>;
}

export interface ComposeNetwork {
  /** Key in the compose file. */
  name: string;
  /** Name Docker uses: `name:` verbatim, the key for external networks, else `<project>_<key>`. */
  realName: string;
  external: boolean;
  internal: boolean;
  driver?: string;
  driverOpts: Record<string, string>;
  attachable?: boolean;
  enableIpv6?: boolean;
  ipam: { driver?: string; config: Array<{ subnet?: string; gateway?: string; ipRange?: string; loc: SourceLoc }> };
  labels: Record<string, Located<string>>;
  /** True for the `default` network compose creates without a declaration. */
  implicit: boolean;
  /** Absent for an implicit network. */
  loc?: SourceLoc;
}

export interface ComposeVolume {
  name: string;
  /** Like networks: `name:` verbatim, the key when external, else `<project>_<key>`. */
  realName: string;
  external: boolean;
  driver?: string;
  driverOpts: Record<string, string>;
  labels: Record<string, Located<string>>;
  loc: SourceLoc;
}

export interface ComposeSecret {
  name: string;
  /** Absolute path of `file:`. */
  file?: string;
  /** Name of the host variable given by `environment:` (the variable, not its value). */
  environment?: string;
  external: boolean;
  /** Explicit `name:`. */
  realName?: string;
  loc: SourceLoc;
}

export interface ComposeConfig extends ComposeSecret {
  /** True when the config is inline `content:` (not kept). */
  inlineContent: boolean;
}
