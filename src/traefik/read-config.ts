/**
 * readTraefikConfig: static configuration + every provider's dynamic configuration, merged the way
 * Traefik merges one provider's sources (pkg/provider/configuration.go Merge), with references
 * (entrypoints, middlewares, services, resolvers) checked and rules parsed.
 */
import { compareDiagnostics } from '../model/diagnostics.ts';
import type { Diagnostic, SourceLoc } from '../model/diagnostics.ts';
import type { DeclaredMiddleware, DeclaredRouter, Prop } from './dynamic.ts';
import type { TraefikInput, TraefikServiceInput } from './input.ts';
import { readServiceLabels } from './labels.ts';
import { fileProviderUnit } from './provider-unit.ts';
import type { ProviderUnit, UnitRouter, UnitService } from './provider-unit.ts';
import { parseRule, printRule, ruleTargets } from './rule.ts';
import type { RuleSyntax } from './rule.ts';
import { caseHint, DEFAULT_RULE_TEMPLATE, readStaticConfig } from './static-config.ts';
import type {
  Fact,
  LabelProviderSettings,
  ProviderNamespace,
  ReferenceTo,
  RouterRule,
  RouterTls,
  ServerTarget,
  TraefikConfig,
  TraefikMiddleware,
  TraefikProtocol,
  TraefikRouter,
  TraefikService,
  TraefikStaticConfig,
} from './types.ts';
import { compareStrings, majorVersion, shiftLoc } from './values.ts';

/** Services Traefik itself provides (`api@internal` for the dashboard, …). */
const INTERNAL_SERVICES = new Set(['api', 'dashboard', 'noop', 'ping', 'prometheus', 'rest', 'acme-http']);

export function readTraefikConfig(input: TraefikInput): TraefikConfig {
  const staticConfig = readStaticConfig(input.staticInput);
  const diagnostics: Diagnostic[] = [...staticConfig.diagnostics];
  const providers = effectiveLabelProviders(input, staticConfig, diagnostics);

  const units: ProviderUnit[] = [];
  for (const provider of providers) {
    for (const service of input.services) {
      units.push(readServiceLabels(service, { projectName: input.projectName, provider }));
    }
  }
  const dynamicFiles = input.staticInput?.dynamicFiles ?? [];
  if (dynamicFiles.length > 0 && staticConfig.known && !staticConfig.providers.file) {
    diagnostics.push({
      severity: 'note',
      rule: 'traefik/file-provider-disabled',
      message: `the file provider is not enabled, so Traefik ignores ${dynamicFiles.map((f) => f.file).join(', ')}`,
    });
  } else {
    for (const file of dynamicFiles) units.push(fileProviderUnit(file));
  }
  for (const unit of units) diagnostics.push(...unit.diagnostics);

  const resolver = new ConfigResolver(staticConfig, units, dynamicFiles.length > 0, majorVersion(input.staticInput?.version), diagnostics);
  const result = resolver.resolve();

  const api = staticConfig.api;
  if (api && api.dashboard.value && !api.insecure.value && !result.routers.some((r) => r.service?.qualifiedName === 'api@internal')) {
    diagnostics.push({
      severity: 'note',
      rule: 'traefik/dashboard-unrouted',
      message: 'the dashboard is enabled but no router uses `service=api@internal` and api.insecure is off, so it is not reachable',
      loc: api.loc,
    });
  }

  return {
    projectName: input.projectName,
    staticKnown: staticConfig.known,
    entrypoints: staticConfig.entrypoints,
    defaultEntrypoints: staticConfig.defaultEntrypoints,
    certResolvers: staticConfig.certResolvers,
    routers: result.routers,
    services: result.services,
    middlewares: result.middlewares,
    api: staticConfig.api,
    metrics: staticConfig.metrics,
    providers: { ...staticConfig.providers, docker: providers.find((p) => p.namespace === 'docker') ?? null, swarm: providers.find((p) => p.namespace === 'swarm') ?? null },
    diagnostics: dedupe(diagnostics).sort(compareDiagnostics),
  };
}

function hasTraefikLabels(bag: Record<string, unknown>): boolean {
  return Object.keys(bag).some((key) => key.toLowerCase().startsWith('traefik.'));
}

function firstTraefikLabelLoc(service: TraefikServiceInput, bag: 'labels' | 'deployLabels'): SourceLoc | undefined {
  const key = Object.keys(service[bag]).find((k) => k.toLowerCase().startsWith('traefik.'));
  return key === undefined ? undefined : service[bag][key]!.loc;
}

function assumedProvider(kind: 'docker' | 'swarm'): LabelProviderSettings {
  const assumed = <T>(value: T): Fact<T> => ({ value, loc: null, isDefault: true });
  return {
    kind,
    namespace: kind,
    enabled: assumed(true),
    exposedByDefault: assumed(true),
    defaultRule: assumed(DEFAULT_RULE_TEMPLATE),
    network: null,
    constraints: null,
    endpoint: null,
    useBindPortIP: assumed(false),
    allowEmptyServices: assumed(false),
  };
}

/**
 * Which label bags are read. With a known static configuration, exactly the enabled providers; without
 * one, the Docker provider (unless only `deploy.labels` carry Traefik labels) and the Swarm provider
 * when some `deploy.labels` do.
 */
function effectiveLabelProviders(input: TraefikInput, staticConfig: TraefikStaticConfig, diagnostics: Diagnostic[]): LabelProviderSettings[] {
  const dockerLabels = input.services.filter((s) => hasTraefikLabels(s.labels));
  const swarmLabels = input.services.filter((s) => hasTraefikLabels(s.deployLabels));
  if (!staticConfig.known) {
    const result: LabelProviderSettings[] = [];
    if (dockerLabels.length > 0 || swarmLabels.length === 0) result.push(assumedProvider('docker'));
    if (swarmLabels.length > 0) result.push(assumedProvider('swarm'));
    return result;
  }
  const result = [staticConfig.providers.docker, staticConfig.providers.swarm].filter((p): p is LabelProviderSettings => p !== null);
  const readsContainers = result.some((p) => p.kind === 'docker');
  const readsSwarm = result.some((p) => p.kind === 'swarm');
  const ignored = (services: TraefikServiceInput[], bag: 'labels' | 'deployLabels', why: string) => {
    for (const service of services) {
      diagnostics.push({
        severity: 'warning',
        rule: 'traefik/labels-ignored',
        message: `Traefik ${bag === 'labels' ? 'labels' : 'deploy.labels'} of \`${service.name}\` are not read: ${why}`,
        loc: firstTraefikLabelLoc(service, bag),
      });
    }
  };
  if (!readsContainers) ignored(dockerLabels, 'labels', 'the Docker provider (container labels) is not enabled');
  if (!readsSwarm) ignored(swarmLabels, 'deployLabels', 'the Swarm provider (service labels) is not enabled');
  return result;
}

// ---------------------------------------------------------------- merging and resolution

interface MergedRouter {
  namespace: ProviderNamespace;
  units: ProviderUnit[];
  router: UnitRouter;
}

interface MergedService {
  namespace: ProviderNamespace;
  units: ProviderUnit[];
  service: UnitService;
  servers: ServerTarget[];
  portNotes: Diagnostic[];
}

interface MergedMiddleware {
  namespace: ProviderNamespace;
  units: ProviderUnit[];
  middleware: DeclaredMiddleware;
}

/** JSON of a value without source locations, keys sorted: two definitions are equal when this is. */
function signature(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => {
    if (key === 'loc' || key === 'valueLoc') return undefined;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => compareStrings(a, b)));
    }
    return inner;
  });
}

function routerSignature(router: UnitRouter): string {
  const { decl } = router;
  return signature({ ...decl, name: decl.name.toLowerCase(), rule: router.rule, service: router.service });
}

function serviceSignature(service: UnitService): string {
  const { decl } = service;
  return signature({ kinds: decl.kinds, scheme: service.scheme?.value, options: decl.options, references: decl.references, name: decl.name.toLowerCase() });
}

function qualify(ref: string, namespace: ProviderNamespace): string {
  return ref.includes('@') ? ref : `${ref}@${namespace}`;
}

class ConfigResolver {
  private readonly staticConfig: TraefikStaticConfig;
  private readonly units: ProviderUnit[];
  private readonly filesKnown: boolean;
  private readonly diagnostics: Diagnostic[];
  private readonly routers = new Map<string, MergedRouter>();
  private readonly services = new Map<string, MergedService>();
  private readonly middlewares = new Map<string, MergedMiddleware>();
  private readonly major: number | null;

  constructor(staticConfig: TraefikStaticConfig, units: ProviderUnit[], filesKnown: boolean, major: number | null, diagnostics: Diagnostic[]) {
    this.staticConfig = staticConfig;
    this.units = units;
    this.filesKnown = filesKnown;
    this.major = major;
    this.diagnostics = diagnostics;
  }

  resolve(): { routers: TraefikRouter[]; services: TraefikService[]; middlewares: TraefikMiddleware[] } {
    this.merge();
    const middlewares = [...this.middlewares.entries()].map(([key, m]) => this.middlewareOut(key, m));
    const services = [...this.services.entries()].map(([key, s]) => this.serviceOut(key, s));
    const routers = [...this.routers.entries()].map(([key, r]) => this.routerOut(key, r));
    const usedServices = new Set(routers.filter((r) => r.service !== null).map((r) => `${r.protocol}|${r.service!.qualifiedName}`));
    for (const [key, merged] of this.services) {
      if (usedServices.has(key) || !merged.service.implicit) this.diagnostics.push(...merged.portNotes);
    }
    const order = (a: { protocol: string; qualifiedName: string }, b: { protocol: string; qualifiedName: string }) =>
      compareStrings(a.protocol, b.protocol) || compareStrings(a.qualifiedName, b.qualifiedName);
    return { routers: routers.sort(order), services: services.sort(order), middlewares: middlewares.sort(order) };
  }

  // ------------------------------------------------------------ merge

  private merge(): void {
    const conflicts = new Map<string, { kind: string; name: string; locs: SourceLoc[] }>();
    const conflict = (map: string, key: string, name: string, locs: Array<SourceLoc | null>) => {
      const existing = conflicts.get(`${map}|${key}`) ?? { kind: map, name, locs: [] };
      for (const loc of locs) if (loc && !existing.locs.includes(loc)) existing.locs.push(loc);
      conflicts.set(`${map}|${key}`, existing);
    };
    for (const unit of this.units) {
      for (const router of unit.routers) {
        const key = `${router.decl.protocol}|${router.decl.name}@${unit.namespace}`;
        const existing = this.routers.get(key);
        if (!existing) this.routers.set(key, { namespace: unit.namespace, units: [unit], router });
        else if (routerSignature(existing.router) === routerSignature(router)) existing.units.push(unit);
        else conflict('router', key, router.decl.name, [existing.router.decl.loc, router.decl.loc]);
      }
      for (const service of unit.services) {
        const key = `${service.decl.protocol}|${service.decl.name}@${unit.namespace}`;
        const existing = this.services.get(key);
        if (!existing) {
          this.services.set(key, { namespace: unit.namespace, units: [unit], service, servers: [...service.servers], portNotes: [...service.portNotes] });
        } else if (serviceSignature(existing.service) === serviceSignature(service)) {
          // Same load balancer declared by several containers: their servers are merged.
          existing.units.push(unit);
          existing.servers.push(...service.servers);
          existing.portNotes.push(...service.portNotes);
        } else conflict('service', key, service.decl.name, [existing.service.decl.loc, service.decl.loc]);
      }
      for (const middleware of unit.middlewares) {
        const key = `${middleware.protocol}|${middleware.name}@${unit.namespace}`;
        const existing = this.middlewares.get(key);
        if (!existing) this.middlewares.set(key, { namespace: unit.namespace, units: [unit], middleware });
        else if (signature({ ...middleware, name: middleware.name.toLowerCase() }) === signature({ ...existing.middleware, name: existing.middleware.name.toLowerCase() })) {
          existing.units.push(unit);
        } else conflict('middleware', key, middleware.name, [existing.middleware.loc, middleware.loc]);
      }
    }
    for (const [id, found] of conflicts) {
      const key = id.slice(id.indexOf('|') + 1);
      if (found.kind === 'router') this.routers.delete(key);
      if (found.kind === 'service') this.services.delete(key);
      if (found.kind === 'middleware') this.middlewares.delete(key);
      const [first, ...others] = found.locs;
      this.diagnostics.push({
        severity: 'error',
        rule: 'traefik/conflicting-definition',
        message: `${found.kind} \`${found.name}\` is defined several times with different settings; Traefik drops it`,
        loc: first,
        related: others.map((loc) => ({ message: 'also defined here', loc })),
      });
    }
  }

  // ------------------------------------------------------------ references

  private reference(
    ref: Prop<string>,
    namespace: ProviderNamespace,
    kind: 'middleware' | 'service',
    protocol: TraefikProtocol,
    referrer: string,
  ): ReferenceTo {
    const qualifiedName = qualify(ref.value, namespace);
    const [name, refNamespace] = qualifiedName.split('@') as [string, string];
    const map = kind === 'service' ? this.services : this.middlewares;
    let resolved = map.has(`${protocol}|${qualifiedName}`);
    if (kind === 'service' && refNamespace === 'internal' && INTERNAL_SERVICES.has(name)) resolved = true;
    const result: ReferenceTo = { ref: ref.value, qualifiedName, resolved, loc: ref.loc };
    if (resolved) return result;
    if (refNamespace === 'file' && !this.filesKnown && !(this.staticConfig.known && this.staticConfig.providers.file === null)) {
      this.diagnostics.push({
        severity: 'note',
        rule: 'traefik/unverifiable-reference',
        message: `${referrer} uses ${kind} \`${qualifiedName}\` from the file provider, whose files were not given`,
        loc: ref.loc,
      });
      return result;
    }
    const known = [...map.keys()].filter((k) => k.startsWith(`${protocol}|`)).map((k) => k.slice(k.indexOf('|') + 1));
    const why = refNamespace === 'file' && this.staticConfig.known && this.staticConfig.providers.file === null ? ' (the file provider is not enabled)' : '';
    this.diagnostics.push({
      severity: 'error',
      rule: kind === 'service' ? 'traefik/unresolved-service' : 'traefik/unresolved-middleware',
      message: `${referrer} uses ${protocol.toUpperCase()} ${kind} \`${qualifiedName}\`, which no provider defines${why}; Traefik disables the router${caseHint(qualifiedName, known)}`,
      loc: ref.loc,
      found: qualifiedName,
    });
    return result;
  }

  // ------------------------------------------------------------ routers

  private routerOut(key: string, merged: MergedRouter): TraefikRouter {
    const { router, namespace } = merged;
    const { decl } = router;
    const qualifiedName = key.slice(key.indexOf('|') + 1);
    const label = `router \`${qualifiedName}\``;
    const composeServices = merged.units.map((u) => u.composeService).filter((s): s is string => s !== null).sort(compareStrings);
    const rule = decl.protocol === 'udp' ? null : this.ruleOut(router, label);
    const targets = rule?.ast ? ruleTargets(rule.ast) : null;
    const entrypoints = this.entrypointsOut(decl, label);
    const middlewares = (decl.middlewares?.value ?? []).map((ref) =>
      this.reference({ value: ref, loc: decl.middlewares!.loc }, namespace, 'middleware', decl.protocol, label),
    );
    const service = router.service ? this.reference(router.service, namespace, 'service', decl.protocol, label) : null;
    const tls = decl.tls ? this.tlsOut(decl) : null;
    const entrypointTls = this.staticConfig.entrypoints.filter((ep) => entrypoints.value.includes(ep.name) && ep.tls !== null);
    const tlsFrom = tls ? 'router' : decl.protocol === 'http' && entrypointTls.length > 0 ? 'entrypoint' : null;
    let certResolver: Fact<string> | null = tls?.certResolver ?? null;
    if (!certResolver && tlsFrom === 'entrypoint') {
      const inherited = entrypointTls.find((ep) => ep.tls?.certResolver)?.tls?.certResolver;
      if (inherited) certResolver = { value: inherited.value, loc: inherited.loc, isDefault: true };
    }
    if (tls?.certResolver) this.checkResolver(tls.certResolver, label);
    const priority: Fact<number> | null = decl.priority
      ? { value: decl.priority.value, loc: decl.priority.loc, isDefault: false }
      : rule
        ? { value: rule.text.length, loc: null, isDefault: true }
        : null;
    const serviceKey = service ? `${decl.protocol}|${service.qualifiedName}` : null;
    const targetsOut = serviceKey ? (this.services.get(serviceKey)?.servers ?? []) : [];
    return {
      protocol: decl.protocol,
      name: decl.name,
      qualifiedName,
      provider: namespace,
      composeService: composeServices[0] ?? null,
      implicit: router.implicit,
      loc: decl.loc,
      rule,
      hosts: targets?.hosts ?? [],
      paths: targets?.paths ?? [],
      pathPrefixes: targets?.pathPrefixes ?? [],
      routes: targets?.routes ?? [],
      entrypoints,
      middlewares,
      service,
      tls,
      tlsFrom,
      certResolver,
      priority,
      targets: sortServers(targetsOut),
    };
  }

  /** Rule syntax in force for a router: its ruleSyntax, core.defaultRuleSyntax, else by Traefik version. */
  private effectiveSyntax(decl: DeclaredRouter): RuleSyntax | null {
    if (decl.ruleSyntax) return decl.ruleSyntax.value;
    if (this.staticConfig.defaultRuleSyntax) return this.staticConfig.defaultRuleSyntax.value;
    if (this.major === 2) return 'v2';
    if (this.major !== null && this.major >= 3) return 'v3';
    return null;
  }

  private ruleOut(router: UnitRouter, label: string): RouterRule | null {
    const { decl } = router;
    const rule = router.rule;
    if (!rule) return null;
    const syntax = decl.ruleSyntax?.value ?? null;
    const out: RouterRule = {
      text: rule.value,
      canonical: null,
      ast: null,
      loc: router.ruleSource === 'config' ? rule.loc : router.defaultRuleLoc,
      source: router.ruleSource,
      syntax,
    };
    const parsed = parseRule(rule.value, { protocol: decl.protocol === 'tcp' ? 'tcp' : 'http' });
    if (!parsed.ok) {
      const where = router.ruleSource === 'config' ? rule : null;
      const loc = where?.valueLoc ? shiftLoc(where.valueLoc, parsed.error.offset) : (out.loc ?? rule.loc);
      this.diagnostics.push({
        severity: 'error',
        rule: 'traefik/malformed-rule',
        message: `malformed rule for ${label}: ${parsed.error.message} (column ${parsed.error.column} of the rule); Traefik disables the router`,
        loc,
        found: rule.value,
      });
      return out;
    }
    out.ast = parsed.ast;
    out.canonical = printRule(parsed.ast);
    const effective = this.effectiveSyntax(decl);
    if (!parsed.syntaxes.includes('v3')) {
      const fix = parsed.syntaxes.includes('v2') ? `; in the v3 syntax: \`${out.canonical}\`` : '';
      if (effective === 'v3') {
        this.diagnostics.push({
          severity: 'error',
          rule: 'traefik/rule-syntax',
          message: `rule of ${label} uses the v2 rule syntax, which Traefik v3 rejects by default${fix}`,
          loc: rule.loc,
          found: rule.value,
        });
      } else if (effective === null) {
        this.diagnostics.push({
          severity: 'warning',
          rule: 'traefik/rule-syntax',
          message: `rule of ${label} uses the v2 rule syntax, which Traefik v3 rejects unless \`ruleSyntax=v2\`${fix}`,
          loc: rule.loc,
          found: rule.value,
        });
      }
    } else if (!parsed.syntaxes.includes('v2') && effective === 'v2') {
      this.diagnostics.push({
        severity: 'error',
        rule: 'traefik/rule-syntax',
        message: `rule of ${label} uses matchers of the v3 rule syntax, which the v2 syntax in force here does not know`,
        loc: rule.loc,
        found: rule.value,
      });
    }
    return out;
  }

  private entrypointsOut(decl: DeclaredRouter, label: string): Fact<string[]> {
    const all = this.staticConfig.entrypoints;
    if (!decl.entrypoints) {
      const value = !this.staticConfig.known
        ? []
        : decl.protocol === 'udp'
          ? all.filter((ep) => ep.protocol === 'udp').map((ep) => ep.name)
          : this.staticConfig.defaultEntrypoints;
      return { value, loc: null, isDefault: true };
    }
    if (this.staticConfig.known) {
      const names = all.map((ep) => ep.name);
      for (const name of decl.entrypoints.value) {
        const ep = all.find((e) => e.name === name);
        if (!ep) {
          this.diagnostics.push({
            severity: 'error',
            rule: 'traefik/unknown-entrypoint',
            message: `${label} uses entrypoint \`${name}\`, which the static configuration does not define${caseHint(name, names)}`,
            loc: decl.entrypoints.loc,
            found: name,
            expected: names.join(', '),
          });
        } else if ((ep.protocol === 'udp') !== (decl.protocol === 'udp')) {
          this.diagnostics.push({
            severity: 'error',
            rule: 'traefik/entrypoint-protocol',
            message: `${label} is a ${decl.protocol.toUpperCase()} router but entrypoint \`${name}\` listens on ${ep.protocol.toUpperCase()}`,
            loc: decl.entrypoints.loc,
          });
        }
      }
    }
    return { value: decl.entrypoints.value, loc: decl.entrypoints.loc, isDefault: false };
  }

  private tlsOut(decl: DeclaredRouter): RouterTls {
    const tls = decl.tls!;
    const factOf = <T>(prop: Prop<T> | null): Fact<T> | null => (prop ? { value: prop.value, loc: prop.loc, isDefault: false } : null);
    return {
      loc: tls.loc,
      certResolver: factOf(tls.certResolver),
      options: factOf(tls.options),
      domains: tls.domains,
      passthrough: factOf(tls.passthrough),
    };
  }

  private checkResolver(resolver: Fact<string>, label: string): void {
    if (!this.staticConfig.known) return;
    const names = this.staticConfig.certResolvers.map((r) => r.name);
    if (names.includes(resolver.value)) return;
    this.diagnostics.push({
      severity: 'error',
      rule: 'traefik/unknown-cert-resolver',
      message: `${label} uses certificate resolver \`${resolver.value}\`, which the static configuration does not define${caseHint(resolver.value, names)}`,
      loc: resolver.loc ?? undefined,
      found: resolver.value,
      expected: names.join(', '),
    });
  }

  // ------------------------------------------------------------ services and middlewares

  private serviceOut(key: string, merged: MergedService): TraefikService {
    const { service, namespace } = merged;
    const { decl } = service;
    const qualifiedName = key.slice(key.indexOf('|') + 1);
    const label = `service \`${qualifiedName}\``;
    return {
      protocol: decl.protocol,
      name: decl.name,
      qualifiedName,
      provider: namespace,
      composeServices: [...new Set(merged.units.map((u) => u.composeService).filter((s): s is string => s !== null))].sort(compareStrings),
      implicit: service.implicit,
      loc: decl.loc,
      kind: decl.kinds[0]?.kind ?? 'loadBalancer',
      scheme: service.scheme,
      servers: sortServers(merged.servers),
      options: decl.options,
      references: decl.references.map((ref) => this.reference(ref, namespace, 'service', decl.protocol, label)),
    };
  }

  private middlewareOut(key: string, merged: MergedMiddleware): TraefikMiddleware {
    const { middleware, namespace } = merged;
    const qualifiedName = key.slice(key.indexOf('|') + 1);
    const label = `middleware \`${qualifiedName}\``;
    if (middleware.types.length > 1) {
      this.diagnostics.push({
        severity: 'error',
        rule: 'traefik/middleware-multiple-types',
        message: `${label} declares several types (${middleware.types.map((t) => t.type).join(', ')}); Traefik supports one type per middleware`,
        loc: middleware.types[1]!.loc,
      });
    }
    return {
      protocol: middleware.protocol,
      name: middleware.name,
      qualifiedName,
      provider: namespace,
      composeServices: [...new Set(merged.units.map((u) => u.composeService).filter((s): s is string => s !== null))].sort(compareStrings),
      loc: middleware.loc,
      type: middleware.types[0]?.type ?? null,
      options: middleware.options,
      references: middleware.references.map((ref) => this.reference(ref, namespace, 'middleware', middleware.protocol, label)),
    };
  }
}

function sortServers(servers: ServerTarget[]): ServerTarget[] {
  return [...servers].sort(
    (a, b) => compareStrings(a.composeService ?? '', b.composeService ?? '') || compareStrings(a.url ?? '', b.url ?? '') || (a.port ?? 0) - (b.port ?? 0),
  );
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.rule, d.message, d.loc]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
