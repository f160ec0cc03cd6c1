/**
 * Decodes flat dynamic-configuration keys (`http.routers.<name>.rule`, …) into declared routers,
 * services and middlewares. Shared by Docker/Swarm labels (root `traefik.`) and file-provider configs.
 * Mirrors Traefik's label decoder: keys match ignoring case, names keep their first spelling.
 */
import type { Diagnostic, SourceLoc } from '../model/diagnostics.ts';
import { entryKey, keyLoc } from './config-entries.ts';
import type { ConfigEntry } from './config-entries.ts';
import {
  findMiddlewareType,
  findOption,
  LOAD_BALANCER_OPTIONS,
  ROUTER_OPTIONS,
  SECRET_KEY,
} from './middleware-catalog.ts';
import type { OptionKind, OptionMatch } from './middleware-catalog.ts';
import type { RuleSyntax } from './rule.ts';
import type { OptionValue, TlsDomain, TraefikProtocol } from './types.ts';
import { parseGoBool, parseGoInt, splitList } from './values.ts';

/** A value as declared, with where it was declared. */
export interface Prop<T> {
  value: T;
  loc: SourceLoc;
  valueLoc?: SourceLoc;
}

export interface DeclaredTls {
  loc: SourceLoc;
  certResolver: Prop<string> | null;
  options: Prop<string> | null;
  domains: TlsDomain[];
  passthrough: Prop<boolean> | null;
}

export interface DeclaredRouter {
  protocol: TraefikProtocol;
  name: string;
  loc: SourceLoc;
  rule: Prop<string> | null;
  ruleSyntax: Prop<RuleSyntax> | null;
  entrypoints: Prop<string[]> | null;
  middlewares: Prop<string[]> | null;
  service: Prop<string> | null;
  priority: Prop<number> | null;
  tls: DeclaredTls | null;
  options: Record<string, OptionValue>;
}

/** A router as first named, before any of its settings are read. */
export function declaredRouter(protocol: TraefikProtocol, name: string, loc: SourceLoc): DeclaredRouter {
  return { protocol, name, loc, rule: null, ruleSyntax: null, entrypoints: null, middlewares: null, service: null, priority: null, tls: null, options: {} };
}

export interface DeclaredServer {
  /** `url` (HTTP) or `address` (TCP/UDP) from a file-provider `servers` list. */
  url: Prop<string>;
}

export interface DeclaredService {
  protocol: TraefikProtocol;
  name: string;
  loc: SourceLoc;
  kinds: Array<{ kind: 'loadBalancer' | 'weighted' | 'mirroring' | 'failover'; loc: SourceLoc }>;
  /** Label form `loadbalancer.server.port`. */
  serverPort: Prop<number> | null;
  serverUrl: Prop<string> | null;
  serverScheme: Prop<string> | null;
  servers: DeclaredServer[];
  options: Record<string, OptionValue>;
  references: Array<Prop<string>>;
}

export interface DeclaredMiddleware {
  protocol: 'http' | 'tcp';
  name: string;
  loc: SourceLoc;
  types: Array<{ type: string; loc: SourceLoc }>;
  options: Record<string, OptionValue>;
  /** Chain members. */
  references: Array<Prop<string>>;
}

export interface DeclaredDynamic {
  routers: DeclaredRouter[];
  services: DeclaredService[];
  middlewares: DeclaredMiddleware[];
  /** Names of TLS options declared (`tls.options.<name>`). */
  tlsOptions: string[];
  diagnostics: Diagnostic[];
}

export interface DecodeContext {
  /** Number of leading path segments to skip (1 for the `traefik` label root, 0 for files). */
  rootLength: number;
  /** What to call a key in messages: `label` or `key`. */
  noun: 'label' | 'key';
  /** What Traefik does with an undecodable key, for the message. */
  consequence: string;
}

const SERVICE_KINDS = { loadbalancer: 'loadBalancer', weighted: 'weighted', mirroring: 'mirroring', failover: 'failover' } as const;

export function decodeDynamic(entries: ConfigEntry[], context: DecodeContext): DeclaredDynamic {
  return new DynamicDecoder(context).decode(entries);
}

class DynamicDecoder {
  private readonly context: DecodeContext;
  private readonly routers = new Map<string, DeclaredRouter>();
  private readonly services = new Map<string, DeclaredService>();
  private readonly middlewares = new Map<string, DeclaredMiddleware>();
  private readonly routerDomains = new Map<DeclaredRouter, Map<string, TlsDomain>>();
  private readonly tlsOptions = new Map<string, string>();
  private readonly diagnostics: Diagnostic[] = [];

  constructor(context: DecodeContext) {
    this.context = context;
  }

  decode(entries: ConfigEntry[]): DeclaredDynamic {
    for (const entry of entries) this.decodeEntry(entry);
    for (const [router, domains] of this.routerDomains) router.tls?.domains.push(...domains.values());
    return {
      routers: [...this.routers.values()],
      services: [...this.services.values()],
      middlewares: [...this.middlewares.values()],
      tlsOptions: [...this.tlsOptions.values()],
      diagnostics: this.diagnostics,
    };
  }

  private decodeEntry(entry: ConfigEntry): void {
    const written = entry.path.slice(this.context.rootLength);
    const path = written.map((s) => s.toLowerCase());
    const [protocol, section, name] = path;
    if (protocol === 'tls') {
      if (section === 'options' && written[2] !== undefined) {
        if (!this.tlsOptions.has(path[2]!)) this.tlsOptions.set(path[2]!, written[2]);
      } else if (section !== 'stores' && section !== 'certificates' && !section?.startsWith('certificates[')) {
        this.unknown(entry);
      }
      return;
    }
    if ((protocol !== 'http' && protocol !== 'tcp' && protocol !== 'udp') || name === undefined || name === '') {
      this.unknown(entry);
      return;
    }
    const writtenName = written[2]!;
    if (writtenName.includes('@')) {
      this.diagnostics.push({
        severity: 'error',
        rule: 'traefik/invalid-name',
        message: `\`${writtenName}\` contains \`@\`, which Traefik reserves for provider namespaces`,
        loc: entry.loc,
        found: writtenName,
      });
      return;
    }
    const rest = written.slice(3);
    switch (section) {
      case 'routers':
        this.decodeRouter(protocol, writtenName, rest, entry);
        return;
      case 'services':
        this.decodeService(protocol, writtenName, rest, entry);
        return;
      case 'middlewares':
        if (protocol === 'udp') this.unknown(entry);
        else this.decodeMiddleware(protocol, writtenName, rest, entry);
        return;
      case 'serverstransports':
        if (protocol === 'udp') this.unknown(entry);
        return;
      default:
        this.unknown(entry);
    }
  }

  // ------------------------------------------------------------ diagnostics and values

  private unknown(entry: ConfigEntry, detail = ''): void {
    this.diagnostics.push({
      severity: 'error',
      rule: `traefik/unknown-${this.context.noun}`,
      message: `unknown Traefik ${this.context.noun} \`${entryKey(entry.path)}\`${detail}; ${this.context.consequence}`,
      loc: entry.loc,
      found: entryKey(entry.path),
    });
  }

  private invalid(entry: ConfigEntry, expected: string, showValue = true): void {
    const diagnostic: Diagnostic = {
      severity: 'error',
      rule: `traefik/invalid-${this.context.noun}-value`,
      message: `\`${entryKey(entry.path)}\` expects ${expected}; ${this.context.consequence}`,
      loc: entry.loc,
      expected,
    };
    if (showValue) diagnostic.found = text(entry) ?? '';
    this.diagnostics.push(diagnostic);
  }

  private prop<T>(entry: ConfigEntry, value: T): Prop<T> {
    const result: Prop<T> = { value, loc: entry.loc };
    if (entry.valueLoc) result.valueLoc = entry.valueLoc;
    return result;
  }

  private stringProp(entry: ConfigEntry): Prop<string> | null {
    const value = text(entry);
    if (value === null) {
      this.invalid(entry, 'a value');
      return null;
    }
    return this.prop(entry, value);
  }

  private listProp(entry: ConfigEntry): Prop<string[]> {
    return this.prop(entry, list(entry));
  }

  private intProp(entry: ConfigEntry): Prop<number> | null {
    const value = parseGoInt(text(entry) ?? '');
    if (value === null) {
      this.invalid(entry, 'an integer');
      return null;
    }
    return this.prop(entry, value);
  }

  private boolValue(entry: ConfigEntry): boolean | null {
    if (entry.value === null) return true;
    const value = parseGoBool(text(entry) ?? '');
    if (value === null) this.invalid(entry, 'true or false');
    return value;
  }

  /** Converts a catalogued option; credentials keep user names only. */
  private option(entry: ConfigEntry, match: OptionMatch): OptionValue | null {
    const secret = match.mapKey !== null && SECRET_KEY.test(match.mapKey.split('.').pop() ?? '');
    if (secret) return { value: null, loc: entry.loc, redacted: true };
    return this.typedValue(entry, match.kind);
  }

  private typedValue(entry: ConfigEntry, kind: OptionKind): OptionValue | null {
    switch (kind) {
      case 'userList':
        // `user:hash` pairs: the hashes are credentials and never leave this function.
        return { value: list(entry).map((pair) => pair.split(':')[0]!), loc: entry.loc, redacted: true };
      case 'list':
        return { value: list(entry), loc: entry.loc };
      case 'int': {
        const value = parseGoInt(text(entry) ?? '');
        if (value === null) {
          this.invalid(entry, 'an integer');
          return null;
        }
        return { value, loc: entry.loc };
      }
      case 'float': {
        const raw = text(entry) ?? '';
        const value = Number(raw);
        if (raw.trim() === '' || !Number.isFinite(value)) {
          this.invalid(entry, 'a number');
          return null;
        }
        return { value, loc: entry.loc };
      }
      case 'bool':
      case 'presence': {
        const value = this.boolValue(entry);
        return value === null ? null : { value, loc: entry.loc };
      }
      case 'duration': {
        const value = text(entry) ?? '';
        if (!/^(?:\d+|(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/.test(value.trim())) {
          this.invalid(entry, 'a duration such as `10s` or a number of seconds');
          return null;
        }
        return { value, loc: entry.loc };
      }
      default:
        return { value: text(entry), loc: entry.loc };
    }
  }

  // ------------------------------------------------------------ routers

  private router(protocol: TraefikProtocol, name: string, loc: SourceLoc): DeclaredRouter {
    const key = `${protocol}/${name.toLowerCase()}`;
    let router = this.routers.get(key);
    if (!router) {
      router = declaredRouter(protocol, name, loc);
      this.routers.set(key, router);
    }
    router.loc = earlier(router.loc, loc);
    return router;
  }

  private decodeRouter(protocol: TraefikProtocol, name: string, rest: string[], entry: ConfigEntry): void {
    const router = this.router(protocol, name, keyLoc(entry, this.context.rootLength + 2));
    const key = rest.map((s) => s.toLowerCase()).join('.');
    if (key === '') return;
    const udpAllowed = key === 'entrypoints' || key === 'service';
    if (protocol === 'udp' && !udpAllowed) {
      this.unknown(entry, ' (UDP routers take only entrypoints and service)');
      return;
    }
    switch (key) {
      case 'rule':
        router.rule = this.stringProp(entry);
        return;
      case 'rulesyntax': {
        const value = text(entry);
        if (value === 'v2' || value === 'v3') router.ruleSyntax = this.prop(entry, value);
        else this.invalid(entry, '`v2` or `v3`');
        return;
      }
      case 'entrypoints':
        router.entrypoints = this.listProp(entry);
        return;
      case 'middlewares':
        router.middlewares = this.listProp(entry);
        return;
      case 'service':
        router.service = this.stringProp(entry);
        return;
      case 'priority':
        router.priority = this.intProp(entry);
        return;
      case 'tls': {
        // `tls=true` switches TLS on; `tls=false` leaves it off unless sub-options are set.
        if (this.boolValue(entry) === true) this.tls(router, keyLoc(entry, this.context.rootLength + 3));
        return;
      }
    }
    if (key.startsWith('tls.')) {
      this.decodeRouterTls(router, rest.slice(1), entry);
      return;
    }
    const match = findOption(ROUTER_OPTIONS, rest);
    if (!match) {
      this.unknown(entry);
      return;
    }
    const value = this.option(entry, match);
    if (value) router.options[match.key] = value;
  }

  private tls(router: DeclaredRouter, loc: SourceLoc): DeclaredTls {
    router.tls ??= { loc, certResolver: null, options: null, domains: [], passthrough: null };
    return router.tls;
  }

  private decodeRouterTls(router: DeclaredRouter, rest: string[], entry: ConfigEntry): void {
    const tls = this.tls(router, keyLoc(entry, this.context.rootLength + 3));
    const lower = rest.map((s) => s.toLowerCase());
    const key = lower.join('.');
    if (key === 'certresolver') tls.certResolver = this.stringProp(entry);
    else if (key === 'options') tls.options = this.stringProp(entry);
    else if (key === 'passthrough' && router.protocol === 'tcp') {
      const value = this.boolValue(entry);
      if (value !== null) tls.passthrough = this.prop(entry, value);
    } else if (/^domains\[\d+\]$/.test(lower[0] ?? '') && (lower[1] === 'main' || lower[1] === 'sans') && lower.length === 2) {
      const domains = this.routerDomains.get(router) ?? new Map<string, TlsDomain>();
      this.routerDomains.set(router, domains);
      const domain = domains.get(lower[0]!) ?? { main: null, sans: [], loc: keyLoc(entry, this.context.rootLength + 4) };
      domains.set(lower[0]!, domain);
      if (lower[1] === 'main') domain.main = text(entry);
      else domain.sans = list(entry);
    } else this.unknown(entry);
  }

  // ------------------------------------------------------------ services

  private service(protocol: TraefikProtocol, name: string, loc: SourceLoc): DeclaredService {
    const key = `${protocol}/${name.toLowerCase()}`;
    let service = this.services.get(key);
    if (!service) {
      service = {
        protocol,
        name,
        loc,
        kinds: [],
        serverPort: null,
        serverUrl: null,
        serverScheme: null,
        servers: [],
        options: {},
        references: [],
      };
      this.services.set(key, service);
    }
    service.loc = earlier(service.loc, loc);
    return service;
  }

  private decodeService(protocol: TraefikProtocol, name: string, rest: string[], entry: ConfigEntry): void {
    const service = this.service(protocol, name, keyLoc(entry, this.context.rootLength + 2));
    const lower = rest.map((s) => s.toLowerCase());
    if (lower.length === 0) return;
    const kind = SERVICE_KINDS[lower[0] as keyof typeof SERVICE_KINDS];
    if (!kind || (protocol !== 'http' && kind !== 'loadBalancer' && kind !== 'weighted')) {
      this.unknown(entry);
      return;
    }
    if (!service.kinds.some((k) => k.kind === kind)) service.kinds.push({ kind, loc: keyLoc(entry, this.context.rootLength + 3) });
    const sub = rest.slice(1);
    const subLower = lower.slice(1);
    const key = subLower.join('.');
    if (key === '') return;
    if (kind === 'loadBalancer') {
      this.decodeLoadBalancer(service, sub, subLower, entry);
      return;
    }
    // weighted.services[n].name / .weight, mirroring.service / .mirrors[n].name / .percent, failover.service / .fallback
    if (
      (kind === 'weighted' && /^services\[\d+\]\.name$/.test(key)) ||
      (kind === 'mirroring' && (key === 'service' || /^mirrors\[\d+\]\.name$/.test(key))) ||
      (kind === 'failover' && (key === 'service' || key === 'fallback'))
    ) {
      const ref = this.stringProp(entry);
      if (ref) service.references.push(ref);
      return;
    }
    // Remaining settings (weights, percentages, sticky, health checks) are kept by key only.
    service.options[`${kind}.${sub.join('.')}`] = { value: text(entry), loc: entry.loc };
  }

  private decodeLoadBalancer(service: DeclaredService, sub: string[], lower: string[], entry: ConfigEntry): void {
    const key = lower.join('.');
    if (key === 'server.port') {
      const port = this.intProp(entry);
      if (port && (port.value < 1 || port.value > 65535)) this.invalid(entry, 'a port between 1 and 65535');
      else service.serverPort = port;
      return;
    }
    if (key === 'server.url' && service.protocol === 'http') {
      service.serverUrl = this.stringProp(entry);
      return;
    }
    if (key === 'server.scheme' && service.protocol === 'http') {
      service.serverScheme = this.stringProp(entry);
      return;
    }
    const serverItem = /^servers\[\d+\]$/.test(lower[0] ?? '');
    if (serverItem) {
      const field = lower.slice(1).join('.');
      const expected = service.protocol === 'http' ? 'url' : 'address';
      if (field === expected) {
        const url = this.stringProp(entry);
        if (url) service.servers.push({ url });
      } else if (['weight', 'preservepath', 'tls'].includes(field)) {
        service.options[`${sub[0]}.${sub.slice(1).join('.')}`] = { value: text(entry), loc: entry.loc };
      } else this.unknown(entry);
      return;
    }
    const match = findOption(LOAD_BALANCER_OPTIONS[service.protocol], sub);
    if (!match) {
      this.unknown(entry);
      return;
    }
    const value = this.option(entry, match);
    if (value) service.options[match.key] = value;
  }

  // ------------------------------------------------------------ middlewares

  private decodeMiddleware(protocol: 'http' | 'tcp', name: string, rest: string[], entry: ConfigEntry): void {
    const writtenType = rest[0];
    if (writtenType === undefined) {
      this.unknown(entry, ' (a middleware key needs a type such as `headers` or `ratelimit`)');
      return;
    }
    const found = findMiddlewareType(protocol, writtenType);
    if (!found) {
      this.unknown(entry, ` (\`${writtenType}\` is not a ${protocol.toUpperCase()} middleware type)`);
      return;
    }
    // Only a key with a known type declares the middleware; others are reported above.
    const key = `${protocol}/${name.toLowerCase()}`;
    let middleware = this.middlewares.get(key);
    if (!middleware) {
      middleware = { protocol, name, loc: keyLoc(entry, this.context.rootLength + 2), types: [], options: {}, references: [] };
      this.middlewares.set(key, middleware);
    }
    middleware.loc = earlier(middleware.loc, keyLoc(entry, this.context.rootLength + 2));
    if (!middleware.types.some((t) => t.type === found.type)) middleware.types.push({ type: found.type, loc: keyLoc(entry, this.context.rootLength + 3) });
    const optionPath = rest.slice(1);
    if (optionPath.length === 0) {
      // `compress=true`: the type alone, with Traefik's defaults.
      if (entry.value !== null && parseGoBool(text(entry) ?? '') === null && !Array.isArray(entry.value)) {
        this.invalid(entry, 'true, or options under it');
      }
      return;
    }
    if (found.type === 'plugin') {
      const [plugin, ...pluginOption] = optionPath;
      const optionKey = [plugin, ...pluginOption].join('.');
      const secret = SECRET_KEY.test(pluginOption[pluginOption.length - 1] ?? '');
      middleware.options[optionKey] = secret ? { value: null, loc: entry.loc, redacted: true } : { value: entry.value, loc: entry.loc };
      return;
    }
    const match = findOption(found.options, optionPath);
    if (!match) {
      this.unknown(entry, ` (\`${found.type}\` has no option \`${optionPath.join('.')}\`)`);
      return;
    }
    const value = this.option(entry, match);
    if (!value) return;
    middleware.options[match.key] = value;
    if (found.type === 'chain' && match.key === 'middlewares') {
      for (const ref of list(entry)) middleware.references.push(this.prop(entry, ref));
    }
  }
}

/** The location that comes first in the same file (labels are decoded in key order, not file order). */
function earlier(a: SourceLoc, b: SourceLoc): SourceLoc {
  if (a.file !== b.file) return a;
  return b.line < a.line || (b.line === a.line && b.column < a.column) ? b : a;
}

function text(entry: ConfigEntry): string | null {
  if (Array.isArray(entry.value)) return entry.value.join(',');
  return entry.value;
}

function list(entry: ConfigEntry): string[] {
  if (Array.isArray(entry.value)) return entry.value.map((v) => v.trim()).filter((v) => v !== '');
  return entry.value === null ? [] : splitList(entry.value);
}
