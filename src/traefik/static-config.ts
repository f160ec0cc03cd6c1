/**
 * Traefik static configuration from the Traefik container's CLI flags or a traefik.yml / traefik.toml.
 * Keys are case-insensitive (Traefik's paerser matches fields ignoring case); names of entrypoints and
 * resolvers keep their first spelling. Defaults follow Traefik's install-configuration reference.
 */
import type { Diagnostic, SourceLoc } from '../model/diagnostics.ts';
import { entryKey, keyLoc, readConfigEntries } from './config-entries.ts';
import type { ConfigEntry } from './config-entries.ts';
import type { Located, TraefikStaticInput } from './input.ts';
import type { RuleSyntax } from './rule.ts';
import type {
  AcmeChallenge,
  Fact,
  FileProviderSettings,
  LabelProviderSettings,
  TlsDomain,
  TraefikApiSettings,
  TraefikCertResolver,
  TraefikEntrypoint,
  TraefikStaticConfig,
} from './types.ts';
import { compareStrings, parseGoBool, parseGoInt, splitList } from './values.ts';

export const DEFAULT_RULE_TEMPLATE = 'Host(`{{ normalize .Name }}`)';
export const INTERNAL_ENTRYPOINT = 'traefik';

/** Top-level sections Traefik accepts whose content topodoc does not interpret. */
const UNMODELLED_SECTIONS = new Set([
  'global',
  'serverstransport',
  'tcpserverstransport',
  'log',
  'accesslog',
  'tracing',
  'hostresolver',
  'experimental',
  'pilot',
  'hub',
  'spiffe',
  'ocsp',
  'observability',
  'otlp',
]);

const OTHER_PROVIDERS = new Set([
  'kubernetescrd',
  'kubernetesingress',
  'kubernetesingressnginx',
  'kubernetesgateway',
  'knative',
  'consulcatalog',
  'consul',
  'etcd',
  'redis',
  'zookeeper',
  'http',
  'rest',
  'ecs',
  'nomad',
  'plugin',
  'marathon',
  'rancher',
]);

const ENTRYPOINT_OPTIONS = new Set([
  'address',
  'asdefault',
  'allowacmebypass',
  'reuseport',
  'forwardedheaders',
  'proxyprotocol',
  'transport',
  'http',
  'http2',
  'http3',
  'udp',
  'observability',
]);

const LABEL_PROVIDER_OPTIONS = new Set([
  'exposedbydefault',
  'defaultrule',
  'network',
  'constraints',
  'endpoint',
  'usebindportip',
  'allowemptyservices',
  'watch',
  'tls',
  'httpclienttimeout',
  'username',
  'password',
  'swarmmode',
  'swarmmoderefreshseconds',
  'refreshseconds',
]);

const ACME_OPTIONS = new Set([
  'email',
  'storage',
  'caserver',
  'httpchallenge',
  'tlschallenge',
  'dnschallenge',
  'keytype',
  'certificatesduration',
  'preferredchain',
  'eab',
  'caservername',
  'cacertificates',
  'casystemcertpool',
  'profile',
  'emailaddresses',
  'disablecommonname',
  'clienttimeout',
  'clientresponseheadertimeout',
]);

interface EntrypointBuilder extends TraefikEntrypoint {
  tlsDomains: Map<string, TlsDomain>;
}

interface LabelProviderBuilder {
  loc: SourceLoc;
  enabled: boolean;
  swarmMode: Fact<boolean> | null;
  options: Map<string, { entry: ConfigEntry }>;
}

class StaticReader {
  readonly diagnostics: Diagnostic[] = [];
  readonly unmodelled: Array<{ key: string; loc: SourceLoc }> = [];
  readonly entrypoints = new Map<string, EntrypointBuilder>();
  readonly resolvers = new Map<string, TraefikCertResolver>();
  docker: LabelProviderBuilder | null = null;
  swarm: LabelProviderBuilder | null = null;
  file: FileProviderSettings | null = null;
  readonly otherProviders: Array<{ name: string; loc: SourceLoc }> = [];
  api: TraefikApiSettings | null = null;
  apiDisabled = false;
  ping: { loc: SourceLoc; entryPoint: Fact<string> } | null = null;
  prometheus: TraefikStaticConfig['metrics']['prometheus'] = null;
  readonly otherMetrics: Array<{ name: string; loc: SourceLoc }> = [];
  defaultRuleSyntax: Fact<RuleSyntax> | null = null;

  read(entry: ConfigEntry): void {
    const path = entry.path.map((s) => s.toLowerCase());
    const section = path[0]!;
    switch (section) {
      case 'entrypoints':
        this.readEntrypoint(entry, path);
        return;
      case 'certificatesresolvers':
        this.readResolver(entry, path);
        return;
      case 'providers':
        this.readProvider(entry, path);
        return;
      case 'api':
        this.readApi(entry, path);
        return;
      case 'metrics':
        this.readMetrics(entry, path);
        return;
      case 'ping':
        this.readPing(entry, path);
        return;
      case 'core':
        if (path[1] === 'defaultrulesyntax') {
          const value = this.text(entry);
          if (value === 'v2' || value === 'v3') this.defaultRuleSyntax = fact(value, entry.loc);
          else this.invalid(entry, 'v2 or v3');
        } else this.unknown(entry);
        return;
      case 'configfile':
        this.note(entry, 'traefik/static-config-file', `--configFile points Traefik at a file; pass its content as fileConfig so topodoc can read it`);
        return;
      default:
        if (UNMODELLED_SECTIONS.has(section)) this.unmodelled.push({ key: entryKey(entry.path), loc: entry.loc });
        else this.unknown(entry);
    }
  }

  // ------------------------------------------------------------ helpers

  private text(entry: ConfigEntry): string | null {
    if (Array.isArray(entry.value)) return entry.value.join(',');
    return entry.value;
  }

  private bool(entry: ConfigEntry): boolean | null {
    // A bare flag (`--api`) or an empty section enables it.
    if (entry.value === null || entry.value === '') return true;
    if (Array.isArray(entry.value)) return null;
    return parseGoBool(entry.value);
  }

  private boolFact(entry: ConfigEntry): Fact<boolean> | null {
    const value = this.bool(entry);
    if (value === null) {
      this.invalid(entry, 'true or false');
      return null;
    }
    return fact(value, entry.loc);
  }

  private stringFact(entry: ConfigEntry): Fact<string> | null {
    const value = this.text(entry);
    if (value === null) {
      this.invalid(entry, 'a value');
      return null;
    }
    return fact(value, entry.loc);
  }

  private list(entry: ConfigEntry): string[] {
    if (Array.isArray(entry.value)) return entry.value;
    return entry.value === null ? [] : splitList(entry.value);
  }

  private unknown(entry: ConfigEntry): void {
    this.diagnostics.push({
      severity: 'warning',
      rule: 'traefik/unknown-static-option',
      message: `unknown Traefik static option \`${entryKey(entry.path)}\`; Traefik refuses to start with "field not found"`,
      loc: entry.loc,
      found: entryKey(entry.path),
    });
  }

  private invalid(entry: ConfigEntry, expected: string): void {
    this.diagnostics.push({
      severity: 'error',
      rule: 'traefik/invalid-static-value',
      message: `\`${entryKey(entry.path)}\` expects ${expected}`,
      loc: entry.loc,
      expected,
      found: this.text(entry) ?? '',
    });
  }

  private note(entry: ConfigEntry, rule: string, message: string): void {
    this.diagnostics.push({ severity: 'note', rule, message, loc: entry.loc });
  }

  // ------------------------------------------------------------ entrypoints

  private entrypoint(name: string, loc: SourceLoc): EntrypointBuilder {
    const key = name.toLowerCase();
    let ep = this.entrypoints.get(key);
    if (!ep) {
      ep = {
        name,
        loc,
        implicit: false,
        address: null,
        host: null,
        port: null,
        protocol: 'tcp',
        asDefault: null,
        redirect: null,
        tls: null,
        middlewares: null,
        tlsDomains: new Map(),
      };
      this.entrypoints.set(key, ep);
    }
    return ep;
  }

  private readEntrypoint(entry: ConfigEntry, path: string[]): void {
    const name = entry.path[1];
    if (name === undefined || name === '') {
      this.unknown(entry);
      return;
    }
    const ep = this.entrypoint(name, keyLoc(entry, 1));
    const option = path.slice(2);
    const key = option.join('.');
    if (option.length === 0) return;
    if (!ENTRYPOINT_OPTIONS.has(option[0]!)) {
      this.unknown(entry);
      return;
    }
    if (key === 'address') {
      const text = this.text(entry) ?? '';
      const parsed = parseAddress(text);
      if (!parsed) {
        this.invalid(entry, 'an address such as `:80`, `0.0.0.0:443` or `:53/udp`');
        return;
      }
      ep.address = fact(text, entry.loc);
      ep.host = parsed.host;
      ep.port = parsed.port;
      ep.protocol = parsed.protocol;
    } else if (key === 'asdefault') {
      ep.asDefault = this.boolFact(entry);
    } else if (option[0] === 'http' && option[1] === 'redirections') {
      this.readRedirect(ep, entry, option.slice(2));
    } else if (key === 'http.tls') {
      if (this.bool(entry) !== false) ep.tls ??= { loc: keyLoc(entry, 3), certResolver: null, options: null, domains: [] };
    } else if (option[0] === 'http' && option[1] === 'tls') {
      ep.tls ??= { loc: keyLoc(entry, 3), certResolver: null, options: null, domains: [] };
      const sub = option.slice(2);
      if (sub.join('.') === 'certresolver') ep.tls.certResolver = this.stringFact(entry);
      else if (sub.join('.') === 'options') ep.tls.options = this.stringFact(entry);
      else if (sub[0]?.startsWith('domains[')) this.readDomain(ep.tlsDomains, entry, sub);
      else this.unknown(entry);
    } else if (key === 'http.middlewares') {
      ep.middlewares = fact(this.list(entry), entry.loc);
    } else {
      this.unmodelled.push({ key: entryKey(entry.path), loc: entry.loc });
    }
  }

  private readRedirect(ep: EntrypointBuilder, entry: ConfigEntry, option: string[]): void {
    if (option[0] !== 'entrypoint') {
      this.unknown(entry);
      return;
    }
    const ensure = (loc: SourceLoc) =>
      (ep.redirect ??= {
        to: fact('', loc),
        scheme: defaultFact('https', loc),
        permanent: defaultFact(true, loc),
        priority: null,
      });
    switch (option[1]) {
      case 'to': {
        const to = this.stringFact(entry);
        if (!to) return;
        const redirect = ensure(entry.loc);
        redirect.to = to;
        if (redirect.scheme.isDefault) redirect.scheme = defaultFact('https', entry.loc);
        if (redirect.permanent.isDefault) redirect.permanent = defaultFact(true, entry.loc);
        return;
      }
      case 'scheme': {
        const scheme = this.stringFact(entry);
        if (scheme) ensure(entry.loc).scheme = scheme;
        return;
      }
      case 'permanent': {
        const permanent = this.boolFact(entry);
        if (permanent) ensure(entry.loc).permanent = permanent;
        return;
      }
      case 'priority': {
        const value = parseGoInt(this.text(entry) ?? '');
        if (value === null) this.invalid(entry, 'an integer');
        else ensure(entry.loc).priority = fact(value, entry.loc);
        return;
      }
      default:
        this.unknown(entry);
    }
  }

  private readDomain(domains: Map<string, TlsDomain>, entry: ConfigEntry, option: string[]): void {
    const slot = option[0]!;
    const domain = domains.get(slot) ?? { main: null, sans: [], loc: keyLoc(entry, entry.path.length - 2) };
    domains.set(slot, domain);
    if (option[1] === 'main') domain.main = this.text(entry);
    else if (option[1] === 'sans') domain.sans = this.list(entry);
    else this.unknown(entry);
  }

  // ------------------------------------------------------------ certificate resolvers

  private readResolver(entry: ConfigEntry, path: string[]): void {
    const name = entry.path[1];
    const kind = path[2];
    if (name === undefined || kind === undefined) {
      this.unknown(entry);
      return;
    }
    let resolver = this.resolvers.get(name.toLowerCase());
    if (!resolver) {
      resolver = {
        name,
        loc: keyLoc(entry, 1),
        kind: kind === 'acme' ? 'acme' : kind === 'tailscale' ? 'tailscale' : 'other',
        email: null,
        storage: null,
        caServer: null,
        challenges: [],
      };
      this.resolvers.set(name.toLowerCase(), resolver);
    }
    if (kind !== 'acme') {
      if (kind !== 'tailscale') this.unknown(entry);
      return;
    }
    const option = path.slice(3);
    if (option.length === 0) return;
    if (!ACME_OPTIONS.has(option[0]!)) {
      this.unknown(entry);
      return;
    }
    const key = option.join('.');
    const challenge = <T extends AcmeChallenge['type']>(type: T): Extract<AcmeChallenge, { type: T }> => {
      let found = resolver.challenges.find((c) => c.type === type);
      if (!found) {
        const loc = keyLoc(entry, 3);
        found =
          type === 'http'
            ? { type: 'http', entrypoint: null, loc }
            : type === 'dns'
              ? { type: 'dns', provider: null, loc }
              : { type: 'tls', loc };
        resolver.challenges.push(found);
      }
      return found as Extract<AcmeChallenge, { type: T }>;
    };
    switch (key) {
      case 'email':
        resolver.email = this.stringFact(entry);
        return;
      case 'storage':
        resolver.storage = this.stringFact(entry);
        return;
      case 'caserver':
        resolver.caServer = this.stringFact(entry);
        return;
      case 'httpchallenge':
      case 'tlschallenge':
      case 'dnschallenge':
        if (this.bool(entry) === true) challenge(key === 'httpchallenge' ? 'http' : key === 'tlschallenge' ? 'tls' : 'dns');
        return;
      case 'httpchallenge.entrypoint':
        challenge('http').entrypoint = this.stringFact(entry);
        return;
      case 'dnschallenge.provider':
        challenge('dns').provider = this.stringFact(entry);
        return;
      default:
        if (option[0] === 'httpchallenge') challenge('http');
        if (option[0] === 'dnschallenge') challenge('dns');
        // Values may be credentials (eab.hmacEncoded): keep the key only.
        this.unmodelled.push({ key: entryKey(entry.path), loc: entry.loc });
    }
  }

  // ------------------------------------------------------------ providers

  private readProvider(entry: ConfigEntry, path: string[]): void {
    const name = path[1];
    if (name === undefined) {
      this.unknown(entry);
      return;
    }
    if (name === 'docker' || name === 'swarm') {
      const builder = (name === 'docker' ? this.docker : this.swarm) ?? {
        loc: keyLoc(entry, 1),
        enabled: true,
        swarmMode: null,
        options: new Map(),
      };
      if (name === 'docker') this.docker = builder;
      else this.swarm = builder;
      const option = path.slice(2);
      if (option.length === 0) {
        builder.enabled = this.bool(entry) !== false;
        return;
      }
      if (!LABEL_PROVIDER_OPTIONS.has(option[0]!)) {
        this.unknown(entry);
        return;
      }
      const key = option.join('.');
      if (key === 'swarmmode' && name === 'docker') builder.swarmMode = this.boolFact(entry);
      else if (['exposedbydefault', 'defaultrule', 'network', 'constraints', 'endpoint', 'usebindportip', 'allowemptyservices'].includes(key)) {
        builder.options.set(key, { entry });
      } else this.unmodelled.push({ key: entryKey(entry.path), loc: entry.loc });
      return;
    }
    if (name === 'file') {
      this.file ??= { loc: keyLoc(entry, 1), filename: null, directory: null, watch: null };
      const key = path.slice(2).join('.');
      if (key === 'filename') this.file.filename = this.stringFact(entry);
      else if (key === 'directory') this.file.directory = this.stringFact(entry);
      else if (key === 'watch') this.file.watch = this.boolFact(entry);
      else if (key === 'debugloggeneratedtemplate') this.unmodelled.push({ key: entryKey(entry.path), loc: entry.loc });
      else if (key !== '') this.unknown(entry);
      return;
    }
    if (name === 'providersthrottleduration') {
      this.unmodelled.push({ key: entryKey(entry.path), loc: entry.loc });
      return;
    }
    if (OTHER_PROVIDERS.has(name)) {
      if (!this.otherProviders.some((p) => p.name.toLowerCase() === name)) {
        this.otherProviders.push({ name: entry.path[1]!, loc: keyLoc(entry, 1) });
      }
      return;
    }
    this.unknown(entry);
  }

  private labelProvider(kind: 'docker' | 'swarm', builder: LabelProviderBuilder | null): LabelProviderSettings | null {
    if (!builder || !builder.enabled) return null;
    const option = (key: string): ConfigEntry | undefined => builder.options.get(key)?.entry;
    const boolOption = (key: string, fallback: boolean): Fact<boolean> => {
      const entry = option(key);
      return (entry && this.boolFact(entry)) ?? defaultFact(fallback, builder.loc);
    };
    const stringOption = (key: string): Fact<string> | null => {
      const entry = option(key);
      return entry ? this.stringFact(entry) : null;
    };
    const swarm = kind === 'swarm' || builder.swarmMode?.value === true;
    return {
      kind: swarm ? 'swarm' : 'docker',
      namespace: kind,
      enabled: fact(true, builder.loc),
      exposedByDefault: boolOption('exposedbydefault', true),
      defaultRule: stringOption('defaultrule') ?? defaultFact(DEFAULT_RULE_TEMPLATE, builder.loc),
      network: stringOption('network'),
      constraints: stringOption('constraints'),
      endpoint: stringOption('endpoint'),
      useBindPortIP: boolOption('usebindportip', false),
      allowEmptyServices: boolOption('allowemptyservices', false),
    };
  }

  // ------------------------------------------------------------ api, metrics, ping

  private readApi(entry: ConfigEntry, path: string[]): void {
    const key = path.slice(1).join('.');
    if (key === '') {
      if (this.bool(entry) === false) this.apiDisabled = true;
      else this.ensureApi(keyLoc(entry, 0));
      return;
    }
    const api = this.ensureApi(keyLoc(entry, 0));
    if (key === 'dashboard') api.dashboard = this.boolFact(entry) ?? api.dashboard;
    else if (key === 'insecure') api.insecure = this.boolFact(entry) ?? api.insecure;
    else if (key === 'debug') api.debug = this.boolFact(entry) ?? api.debug;
    else if (key === 'basepath') api.basePath = this.stringFact(entry);
    else if (key === 'disabledashboardad') this.unmodelled.push({ key: entryKey(entry.path), loc: entry.loc });
    else this.unknown(entry);
  }

  private ensureApi(loc: SourceLoc): TraefikApiSettings {
    this.api ??= {
      loc,
      dashboard: defaultFact(true, loc),
      insecure: defaultFact(false, loc),
      debug: defaultFact(false, loc),
      basePath: null,
    };
    return this.api;
  }

  private readMetrics(entry: ConfigEntry, path: string[]): void {
    const backend = path[1];
    if (backend === undefined) return;
    if (backend === 'addinternals') {
      this.unmodelled.push({ key: entryKey(entry.path), loc: entry.loc });
      return;
    }
    if (backend !== 'prometheus') {
      if (!this.otherMetrics.some((m) => m.name.toLowerCase() === backend)) this.otherMetrics.push({ name: entry.path[1]!, loc: keyLoc(entry, 1) });
      return;
    }
    const key = path.slice(2).join('.');
    if (key === '' && this.bool(entry) === false) return;
    const prometheusLoc = keyLoc(entry, 1);
    const prometheus = (this.prometheus ??= {
      loc: prometheusLoc,
      entryPoint: defaultFact(INTERNAL_ENTRYPOINT, prometheusLoc),
      manualRouting: defaultFact(false, prometheusLoc),
      addEntryPointsLabels: null,
      addRoutersLabels: null,
      addServicesLabels: null,
    });
    if (key === '') return;
    if (key === 'entrypoint') prometheus.entryPoint = this.stringFact(entry) ?? prometheus.entryPoint;
    else if (key === 'manualrouting') prometheus.manualRouting = this.boolFact(entry) ?? prometheus.manualRouting;
    else if (key === 'addentrypointslabels') prometheus.addEntryPointsLabels = this.boolFact(entry);
    else if (key === 'addrouterslabels') prometheus.addRoutersLabels = this.boolFact(entry);
    else if (key === 'addserviceslabels') prometheus.addServicesLabels = this.boolFact(entry);
    else if (key === 'buckets' || key.startsWith('headerlabels')) this.unmodelled.push({ key: entryKey(entry.path), loc: entry.loc });
    else this.unknown(entry);
  }

  private readPing(entry: ConfigEntry, path: string[]): void {
    const key = path.slice(1).join('.');
    if (key === '' && this.bool(entry) === false) return;
    this.ping ??= { loc: keyLoc(entry, 0), entryPoint: defaultFact(INTERNAL_ENTRYPOINT, keyLoc(entry, 0)) };
    if (key === 'entrypoint') this.ping.entryPoint = this.stringFact(entry) ?? this.ping.entryPoint;
    else if (key === 'manualrouting' || key === 'terminatingstatuscode') this.unmodelled.push({ key: entryKey(entry.path), loc: entry.loc });
    else if (key !== '') this.unknown(entry);
  }

  // ------------------------------------------------------------ result

  finish(source: TraefikStaticConfig['source']): TraefikStaticConfig {
    const entrypoints = [...this.entrypoints.values()];
    for (const ep of entrypoints) {
      ep.tls?.domains.push(...ep.tlsDomains.values());
    }
    // Traefik's SetEffectiveConfiguration: `http` on :80 when no entrypoint is configured.
    if (entrypoints.length === 0 && source !== 'none') entrypoints.push(implicitEntrypoint('http', 80));
    const api = this.apiDisabled ? null : this.api;
    const needsInternal =
      (api !== null && api.insecure.value) ||
      (this.ping !== null && this.ping.entryPoint.value === INTERNAL_ENTRYPOINT) ||
      (this.prometheus !== null && !this.prometheus.manualRouting.value && this.prometheus.entryPoint.value === INTERNAL_ENTRYPOINT);
    if (needsInternal && !entrypoints.some((ep) => ep.name === INTERNAL_ENTRYPOINT)) {
      entrypoints.push(implicitEntrypoint(INTERNAL_ENTRYPOINT, 8080));
    }
    const sorted: TraefikEntrypoint[] = entrypoints
      .map(({ tlsDomains: _domains, ...ep }) => ep)
      .sort((a, b) => compareStrings(a.name, b.name));
    const known = source !== 'none';
    const config: TraefikStaticConfig = {
      known,
      source,
      entrypoints: sorted,
      defaultEntrypoints: defaultEntrypoints(sorted),
      certResolvers: [...this.resolvers.values()].sort((a, b) => compareStrings(a.name, b.name)),
      providers: {
        docker: this.labelProvider('docker', this.docker),
        swarm: this.labelProvider('swarm', this.swarm),
        file: this.file,
        others: this.otherProviders,
      },
      api,
      ping: this.ping,
      metrics: { prometheus: this.prometheus, others: this.otherMetrics },
      defaultRuleSyntax: this.defaultRuleSyntax,
      unmodelled: this.unmodelled,
      diagnostics: this.diagnostics,
    };
    this.checkReferences(config);
    return config;
  }

  private checkReferences(config: TraefikStaticConfig): void {
    const names = new Set(config.entrypoints.map((ep) => ep.name));
    const check = (ref: Fact<string> | null, what: string): void => {
      if (!ref || ref.isDefault || names.has(ref.value)) return;
      this.diagnostics.push({
        severity: 'error',
        rule: 'traefik/unknown-entrypoint',
        message: `${what} refers to entrypoint \`${ref.value}\`, which is not defined${caseHint(ref.value, names)}`,
        loc: ref.loc ?? undefined,
        found: ref.value,
        expected: [...names].join(', '),
      });
    };
    for (const ep of config.entrypoints) {
      // A redirection target may also be a port (`:443`).
      if (ep.redirect && !/^:\d+$/.test(ep.redirect.to.value)) check(ep.redirect.to, `the redirection of entrypoint \`${ep.name}\``);
    }
    for (const resolver of config.certResolvers) {
      for (const challenge of resolver.challenges) {
        if (challenge.type === 'http') check(challenge.entrypoint, `the HTTP challenge of resolver \`${resolver.name}\``);
      }
    }
    if (config.metrics.prometheus && !config.metrics.prometheus.manualRouting.value) {
      check(config.metrics.prometheus.entryPoint, 'metrics.prometheus.entryPoint');
    }
    if (config.ping) check(config.ping.entryPoint, 'ping.entryPoint');
  }
}

export function caseHint(name: string, names: Iterable<string>): string {
  const match = [...names].find((n) => n.toLowerCase() === name.toLowerCase() && n !== name);
  return match ? ` (names are case-sensitive: did you mean \`${match}\`?)` : '';
}

function fact<T>(value: T, loc: SourceLoc | null): Fact<T> {
  return { value, loc, isDefault: false };
}

function defaultFact<T>(value: T, loc: SourceLoc | null): Fact<T> {
  return { value, loc, isDefault: true };
}

function implicitEntrypoint(name: string, port: number): EntrypointBuilder {
  return {
    name,
    loc: null,
    implicit: true,
    address: defaultFact(`:${port}`, null),
    host: null,
    port,
    protocol: 'tcp',
    asDefault: null,
    redirect: null,
    tls: null,
    middlewares: null,
    tlsDomains: new Map(),
  };
}

/** `[host]:port[/tcp|/udp]` as in entryPoints.<name>.address. */
export function parseAddress(text: string): { host: string | null; port: number; protocol: 'tcp' | 'udp' } | null {
  const match = /^(.*):(\d{1,5})(?:\/(tcp|udp))?$/i.exec(text.trim());
  if (!match) return null;
  const port = Number(match[2]);
  if (port > 65535) return null;
  const host = match[1]!;
  return { host: host === '' ? null : host, port, protocol: (match[3]?.toLowerCase() ?? 'tcp') as 'tcp' | 'udp' };
}

/** Traefik's getDefaultsEntrypoints: asDefault ones if any, else all; never UDP, never `traefik`. */
export function defaultEntrypoints(entrypoints: TraefikEntrypoint[]): string[] {
  const flagged = entrypoints.some((ep) => ep.asDefault?.value === true);
  return entrypoints
    .filter((ep) => (!flagged || ep.asDefault?.value === true) && ep.protocol !== 'udp' && ep.name !== INTERNAL_ENTRYPOINT)
    .map((ep) => ep.name)
    .sort(compareStrings);
}

/** CLI arguments → entries. Accepts `--key=value`, `--key value` and bare boolean `--key`. */
export function flagEntries(args: Array<Located<string>>): { entries: ConfigEntry[]; diagnostics: Diagnostic[] } {
  const entries: ConfigEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const text = arg.value.trim();
    if (!text.startsWith('-')) {
      // The image's entrypoint accepts the binary name first (`traefik --api`).
      if (i === 0 && text === 'traefik') continue;
      diagnostics.push({
        severity: 'warning',
        rule: 'traefik/bad-flag',
        message: `\`${text}\` is not a flag; Traefik stops with "bad flag syntax"`,
        loc: arg.loc,
        found: text,
      });
      continue;
    }
    const body = text.replace(/^--?/, '');
    const eq = body.indexOf('=');
    let key = eq >= 0 ? body.slice(0, eq) : body;
    let value: string | null = eq >= 0 ? body.slice(eq + 1) : null;
    let valueLoc = eq >= 0 ? arg.valueLoc && { ...arg.valueLoc, column: arg.valueLoc.column + (arg.value.indexOf('=') + 1) } : undefined;
    if (value === null) {
      const next = args[i + 1];
      if (next && !next.value.trim().startsWith('-')) {
        value = next.value;
        valueLoc = next.valueLoc;
        i++;
      }
    }
    key = key.trim();
    if (key === '') {
      diagnostics.push({ severity: 'warning', rule: 'traefik/bad-flag', message: `\`${text}\` is not a valid flag`, loc: arg.loc, found: text });
      continue;
    }
    const entry: ConfigEntry = { path: key.split('.'), value, loc: arg.loc };
    if (valueLoc) entry.valueLoc = valueLoc;
    entries.push(entry);
  }
  return { entries, diagnostics };
}

/**
 * Reads the static configuration. A configuration file takes precedence: Traefik's loaders stop at the
 * first source found (file, then flags, then environment), so flags next to a file are ignored.
 */
export function readStaticConfig(input: TraefikStaticInput | undefined): TraefikStaticConfig {
  const reader = new StaticReader();
  let source: TraefikStaticConfig['source'] = 'none';
  let entries: ConfigEntry[] = [];
  if (input?.fileConfig) {
    source = 'file';
    const result = readConfigEntries(input.fileConfig);
    entries = result.entries;
    reader.diagnostics.push(...result.diagnostics);
    const ignored = input.args.filter((a) => a.value.trim().startsWith('-') && !/^--?configfile(=|$)/i.test(a.value.trim()));
    for (const arg of ignored) {
      reader.diagnostics.push({
        severity: 'warning',
        rule: 'traefik/static-flag-ignored',
        message: `Traefik reads its static configuration from ${input.fileConfig.file} and ignores the flag \`${arg.value.trim()}\``,
        loc: arg.loc,
      });
    }
  } else if (input && input.args.length > 0) {
    source = 'flags';
    const result = flagEntries(input.args);
    entries = result.entries;
    reader.diagnostics.push(...result.diagnostics);
  }
  for (const entry of entries) reader.read(entry);
  return reader.finish(source);
}
