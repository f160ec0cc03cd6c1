/**
 * The Traefik model topodoc reads from a compose project: static configuration (entrypoints, certificate
 * resolvers, providers, API) and dynamic configuration (routers, services, middlewares) from Docker/Swarm
 * labels and file-provider configs. Every fact carries the source location it came from.
 */
import type { Diagnostic, SourceLoc } from '../model/diagnostics.ts';
import type { RuleNode, RuleRoute, RuleSyntax } from './rule.ts';

export type { RuleNode, RuleRoute, RuleSyntax } from './rule.ts';

/** A configured value and where it comes from. */
export interface Fact<T> {
  value: T;
  /** Where it is set; for a default, the declaration that implied it, or null when nothing did. */
  loc: SourceLoc | null;
  /** True when Traefik's default applies instead of an explicit setting. */
  isDefault: boolean;
}

// ---------------------------------------------------------------- static configuration

export interface EntrypointRedirect {
  to: Fact<string>;
  /** Default `https`. */
  scheme: Fact<string>;
  /** Default `true`. */
  permanent: Fact<boolean>;
  priority: Fact<number> | null;
}

export interface TlsDomain {
  main: string | null;
  sans: string[];
  loc: SourceLoc;
}

/** `entryPoints.<name>.http.tls`: TLS for every router attached to the entrypoint. */
export interface EntrypointTls {
  loc: SourceLoc;
  certResolver: Fact<string> | null;
  options: Fact<string> | null;
  domains: TlsDomain[];
}

export interface TraefikEntrypoint {
  name: string;
  /** First place the entrypoint is configured; null for Traefik's implicit `http`/`traefik` entrypoints. */
  loc: SourceLoc | null;
  /** Created by Traefik itself (`http` on :80 when none is configured, `traefik` on :8080 for the insecure API). */
  implicit: boolean;
  address: Fact<string> | null;
  /** Host part of the address (`0.0.0.0`, `[::]`), null for `:80`. */
  host: string | null;
  port: number | null;
  protocol: 'tcp' | 'udp';
  asDefault: Fact<boolean> | null;
  redirect: EntrypointRedirect | null;
  tls: EntrypointTls | null;
  /** `entryPoints.<name>.http.middlewares`, applied to every router of the entrypoint. */
  middlewares: Fact<string[]> | null;
}

export type AcmeChallenge =
  | { type: 'http'; entrypoint: Fact<string> | null; loc: SourceLoc }
  | { type: 'tls'; loc: SourceLoc }
  | { type: 'dns'; provider: Fact<string> | null; loc: SourceLoc };

export interface TraefikCertResolver {
  name: string;
  loc: SourceLoc;
  kind: 'acme' | 'tailscale' | 'other';
  email: Fact<string> | null;
  storage: Fact<string> | null;
  caServer: Fact<string> | null;
  challenges: AcmeChallenge[];
}

/** Docker or Swarm provider: both read labels (`labels:` resp. `deploy.labels:`). */
export interface LabelProviderSettings {
  /** Which label bag it reads: `docker` → `labels`, `swarm` → `deploy.labels`. */
  kind: 'docker' | 'swarm';
  /** Provider namespace used in `name@namespace` (Traefik v2 swarm mode still uses `docker`). */
  namespace: 'docker' | 'swarm';
  /** isDefault = assumed because the static configuration is unknown. */
  enabled: Fact<boolean>;
  exposedByDefault: Fact<boolean>;
  defaultRule: Fact<string>;
  network: Fact<string> | null;
  constraints: Fact<string> | null;
  endpoint: Fact<string> | null;
  useBindPortIP: Fact<boolean>;
  allowEmptyServices: Fact<boolean>;
}

export interface FileProviderSettings {
  loc: SourceLoc;
  filename: Fact<string> | null;
  directory: Fact<string> | null;
  watch: Fact<boolean> | null;
}

export interface TraefikProviders {
  docker: LabelProviderSettings | null;
  swarm: LabelProviderSettings | null;
  file: FileProviderSettings | null;
  /** Other providers switched on (kubernetesCRD, consulCatalog, http, …), by option name. */
  others: Array<{ name: string; loc: SourceLoc }>;
}

export interface TraefikApiSettings {
  loc: SourceLoc;
  /** Default `true` once the API is enabled. */
  dashboard: Fact<boolean>;
  /** Serves the API and dashboard on the `traefik` entrypoint without a router. */
  insecure: Fact<boolean>;
  debug: Fact<boolean>;
  basePath: Fact<string> | null;
}

export interface PrometheusSettings {
  loc: SourceLoc;
  /** Default `traefik`. */
  entryPoint: Fact<string>;
  manualRouting: Fact<boolean>;
  addEntryPointsLabels: Fact<boolean> | null;
  addRoutersLabels: Fact<boolean> | null;
  addServicesLabels: Fact<boolean> | null;
}

export interface TraefikMetrics {
  prometheus: PrometheusSettings | null;
  /** Other metrics backends switched on (datadog, otlp, …). */
  others: Array<{ name: string; loc: SourceLoc }>;
}

export interface TraefikStaticConfig {
  /** False when no flags and no file were given: Traefik defaults are assumed. */
  known: boolean;
  source: 'flags' | 'file' | 'none';
  /** Sorted by name. */
  entrypoints: TraefikEntrypoint[];
  /** Entrypoints a router without `entrypoints` attaches to (asDefault ones, else every TCP one but `traefik`). */
  defaultEntrypoints: string[];
  certResolvers: TraefikCertResolver[];
  providers: TraefikProviders;
  api: TraefikApiSettings | null;
  ping: { loc: SourceLoc; entryPoint: Fact<string> } | null;
  metrics: TraefikMetrics;
  /** `core.defaultRuleSyntax` (v3); null when not set. */
  defaultRuleSyntax: Fact<RuleSyntax> | null;
  /** Recognised options topodoc does not interpret (values left out on purpose). */
  unmodelled: Array<{ key: string; loc: SourceLoc }>;
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------- dynamic configuration

export type ProviderNamespace = 'docker' | 'swarm' | 'file' | 'internal';
export type TraefikProtocol = 'http' | 'tcp' | 'udp';

/** A typed option value. Credentials are never kept: `redacted` values hold user names only, or null. */
export interface OptionValue {
  value: string | number | boolean | string[] | null;
  loc: SourceLoc;
  redacted?: boolean;
}

export interface RouterRule {
  /** As written (or the evaluated default rule). */
  text: string;
  /** Canonical form (`printRule`), null when the rule does not parse. */
  canonical: string | null;
  ast: RuleNode | null;
  /** Label / key location; for a default rule, the provider's `defaultRule` setting if any. */
  loc: SourceLoc | null;
  source: 'config' | 'default-rule';
  /** Per-router `ruleSyntax` when set. */
  syntax: RuleSyntax | null;
}

export interface RouterTls {
  loc: SourceLoc;
  certResolver: Fact<string> | null;
  options: Fact<string> | null;
  domains: TlsDomain[];
  /** TCP only. */
  passthrough: Fact<boolean> | null;
}

export interface ReferenceTo {
  /** As written, e.g. `auth`, `auth@file`, `api@internal`. */
  ref: string;
  /** `name@namespace` after applying the referrer's namespace. */
  qualifiedName: string;
  /** Whether a definition with that qualified name is known. Internal services count as known. */
  resolved: boolean;
  loc: SourceLoc | null;
}

export type PortSource = 'label' | 'url' | 'single-port' | 'lowest-port' | 'unverifiable' | 'file';

/** One backend of a service. */
export interface ServerTarget {
  /** Compose service behind it; null for file-provider URLs. */
  composeService: string | null;
  port: number | null;
  /** File provider `url`/`address` or label `server.url`. */
  url: string | null;
  /**
   * How the port was found: `label` (`loadbalancer.server.port`), `url`, `single-port` (the only
   * compose port), `lowest-port` (Traefik's pick among several), `unverifiable` (no port in compose:
   * the image's EXPOSE decides), `file` (file provider).
   */
  source: PortSource;
  loc: SourceLoc | null;
  /** Container ports compose declares for the service (ports targets + expose), sorted. */
  candidates: number[];
}

export interface TraefikRouter {
  protocol: TraefikProtocol;
  name: string;
  qualifiedName: string;
  provider: ProviderNamespace;
  /** Compose service whose labels declare it; null for the file provider. */
  composeService: string | null;
  /** Created by Traefik's defaults (no router label). */
  implicit: boolean;
  loc: SourceLoc | null;
  /** Null for UDP routers (they have no rule) and when no rule could be determined. */
  rule: RouterRule | null;
  hosts: string[];
  paths: string[];
  pathPrefixes: string[];
  routes: RuleRoute[];
  entrypoints: Fact<string[]>;
  middlewares: ReferenceTo[];
  service: ReferenceTo | null;
  /** The router's own `tls` section. */
  tls: RouterTls | null;
  /** Where TLS comes from: the router, its entrypoints' `http.tls`, or nowhere (plain HTTP). */
  tlsFrom: 'router' | 'entrypoint' | null;
  /** Router resolver, else the entrypoints' default resolver. */
  certResolver: Fact<string> | null;
  /** Explicit priority, or Traefik's default (rule length) with isDefault. */
  priority: Fact<number> | null;
  /** Backends of the router's service. */
  targets: ServerTarget[];
}

export interface TraefikService {
  protocol: TraefikProtocol;
  name: string;
  qualifiedName: string;
  provider: ProviderNamespace;
  /** Compose services contributing servers (sorted); empty for the file provider. */
  composeServices: string[];
  implicit: boolean;
  loc: SourceLoc | null;
  kind: 'loadBalancer' | 'weighted' | 'mirroring' | 'failover';
  /** HTTP load balancers: `server.scheme`, default `http`. */
  scheme: Fact<string> | null;
  servers: ServerTarget[];
  /** Further load-balancer settings (passHostHeader, healthCheck.*, sticky.*…), canonical key → value. */
  options: Record<string, OptionValue>;
  /** Child services of weighted / mirroring / failover services. */
  references: ReferenceTo[];
}

export interface TraefikMiddleware {
  protocol: 'http' | 'tcp';
  name: string;
  qualifiedName: string;
  provider: ProviderNamespace;
  composeServices: string[];
  loc: SourceLoc | null;
  /** Canonical type (`rateLimit`, `headers`, `basicAuth`, `plugin`…); null when none is given. */
  type: string | null;
  /** Canonical option path → value (`stsSeconds`, `customRequestHeaders.X-Frame`, `users`…). */
  options: Record<string, OptionValue>;
  /** `chain` members. */
  references: ReferenceTo[];
}

export interface TraefikConfig {
  projectName: string;
  /** Whether a static configuration was given; when false, entrypoint checks are skipped. */
  staticKnown: boolean;
  entrypoints: TraefikEntrypoint[];
  defaultEntrypoints: string[];
  certResolvers: TraefikCertResolver[];
  /** Sorted by protocol then qualified name. */
  routers: TraefikRouter[];
  services: TraefikService[];
  middlewares: TraefikMiddleware[];
  api: TraefikApiSettings | null;
  metrics: TraefikMetrics;
  providers: TraefikProviders;
  /** Sorted with compareDiagnostics. */
  diagnostics: Diagnostic[];
}
