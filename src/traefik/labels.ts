/**
 * Dynamic configuration from Docker provider `labels` and Swarm provider `deploy.labels`, with the
 * defaults Traefik's Docker/Swarm providers add (pkg/provider/docker config.go, pkg/provider/configuration.go):
 * implicit service and router named after the compose service, the provider's defaultRule, the sole
 * service for routers that name none, and the container port Traefik would pick.
 */
import type { Diagnostic, SourceLoc } from '../model/diagnostics.ts';
import type { ConfigEntry } from './config-entries.ts';
import { declaredRouter, decodeDynamic } from './dynamic.ts';
import type { DeclaredRouter, DeclaredService, Prop } from './dynamic.ts';
import type { Located, TraefikServiceInput } from './input.ts';
import { portOfUrl } from './provider-unit.ts';
import type { ProviderUnit, UnitRouter, UnitService } from './provider-unit.ts';
import type { LabelProviderSettings, ServerTarget, TraefikProtocol } from './types.ts';
import { recogniseV1Label, v1Replacement } from './v1-labels.ts';
import { compareStrings, normalizeName, parseGoBool } from './values.ts';

export interface LabelReadContext {
  projectName: string;
  provider: LabelProviderSettings;
}

/** Traefik's default name for a compose service: `<service>_<project>` (Docker) or `<stack>_<service>` (Swarm), normalised. */
export function defaultTraefikName(kind: 'docker' | 'swarm', serviceName: string, projectName: string): string {
  return normalizeName(kind === 'docker' ? `${serviceName}_${projectName}` : `${projectName}_${serviceName}`);
}

const DECODE_CONSEQUENCE = 'Traefik cannot decode this label set ("field not found") and skips the container';

/**
 * Reads one compose service's label bag (`labels` for Docker, `deploy.labels` for Swarm) for one
 * provider. A service that is not exposed yields an empty unit (plus findings about its labels).
 */
export function readServiceLabels(service: TraefikServiceInput, context: LabelReadContext): ProviderUnit {
  const { provider } = context;
  const bag = provider.kind === 'docker' ? service.labels : service.deployLabels;
  const bagName = provider.kind === 'docker' ? 'labels' : 'deploy.labels';
  const diagnostics: Diagnostic[] = [];
  const unit: ProviderUnit = {
    namespace: provider.namespace,
    composeService: service.name,
    loc: service.loc,
    routers: [],
    services: [],
    middlewares: [],
    tlsOptions: [],
    diagnostics,
  };
  const defaultName = defaultTraefikName(provider.kind, service.name, context.projectName);

  const labels = traefikLabels(bag, diagnostics);
  let enable: Prop<boolean> | null = null;
  let invalidEnable = false;
  let network: Prop<string> | null = null;
  const dynamicEntries: ConfigEntry[] = [];
  for (const { key, label } of labels) {
    const path = key.split('.');
    const lower = path.map((s) => s.toLowerCase());
    const entry: ConfigEntry = { path, value: label.value, loc: label.loc };
    if (label.valueLoc) entry.valueLoc = label.valueLoc;
    const namespace = lower[1];
    if (namespace === 'enable' && lower.length === 2) {
      const value = parseGoBool(label.value);
      if (value === null) {
        diagnostics.push({
          severity: 'error',
          rule: 'traefik/invalid-label-value',
          message: `\`${key}\` expects true or false; Traefik skips the container`,
          loc: label.loc,
          expected: 'true or false',
          found: label.value,
        });
        invalidEnable = true;
      } else enable = { value, loc: label.loc };
      continue;
    }
    if (namespace === 'docker' || namespace === 'swarm') {
      const option = lower.slice(2).join('.');
      const readsThis = namespace === 'docker' || provider.kind === 'swarm';
      if (readsThis && option === 'network') network = { value: label.value, loc: label.loc };
      else if (!(readsThis && option === 'lbswarm')) unknownLabel(diagnostics, key, label, 'warning', 'Traefik ignores it');
      continue;
    }
    if (namespace === 'http' || namespace === 'tcp' || namespace === 'udp' || namespace === 'tls') {
      dynamicEntries.push(entry);
      continue;
    }
    const v1 = recogniseV1Label(lower.slice(1));
    if (v1) {
      const replacement = v1Replacement(v1, label.value, defaultName);
      diagnostics.push({
        severity: 'warning',
        rule: 'traefik/v1-label',
        message:
          `Traefik v1 label \`${key}\` is ignored by Traefik v2 and later` +
          (replacement ? `; use \`${replacement}\`` : '; see the Traefik v1 to v2 migration guide'),
        loc: label.loc,
        found: key,
        ...(replacement ? { expected: replacement } : {}),
      });
      continue;
    }
    unknownLabel(diagnostics, key, label, 'warning', 'Traefik ignores it');
  }

  // An undecodable traefik.enable makes Traefik skip the container.
  if (invalidEnable) return unit;
  const exposed = enable?.value ?? provider.exposedByDefault.value;
  if (!exposed) {
    const first = dynamicEntries[0];
    if (first && enable === null) {
      diagnostics.push({
        severity: 'warning',
        rule: 'traefik/not-enabled',
        message: `service \`${service.name}\` has Traefik ${bagName} but no \`traefik.enable=true\`, and exposedByDefault is false: Traefik ignores them`,
        loc: first.loc,
        ...(provider.exposedByDefault.loc && !provider.exposedByDefault.isDefault
          ? { related: [{ message: 'exposedByDefault is set here', loc: provider.exposedByDefault.loc }] }
          : {}),
      });
    }
    return unit;
  }

  const declared = decodeDynamic(dynamicEntries, { rootLength: 1, noun: 'label', consequence: DECODE_CONSEQUENCE });
  diagnostics.push(...declared.diagnostics);
  unit.middlewares = declared.middlewares;
  unit.tlsOptions = declared.tlsOptions;
  checkNetwork(service, context, network, diagnostics);

  const byProtocol = (protocol: TraefikProtocol) => ({
    routers: declared.routers.filter((r) => r.protocol === protocol),
    services: declared.services.filter((s) => s.protocol === protocol),
  });
  const tcp = byProtocol('tcp');
  const udp = byProtocol('udp');
  const http = byProtocol('http');
  const tcpOrUdp = tcp.routers.length + tcp.services.length + udp.routers.length + udp.services.length > 0;
  const builder = new UnitBuilder(unit, service, context, defaultName);
  if (tcp.routers.length + tcp.services.length > 0) builder.build('tcp', tcp.routers, tcp.services);
  if (udp.routers.length + udp.services.length > 0) builder.build('udp', udp.routers, udp.services);
  // Any TCP/UDP definition suppresses the implicit HTTP router and service, unless HTTP is declared too.
  if (!tcpOrUdp || http.routers.length + http.services.length + declared.middlewares.filter((m) => m.protocol === 'http').length > 0) {
    builder.build('http', http.routers, http.services);
  }
  return unit;
}

function unknownLabel(diagnostics: Diagnostic[], key: string, label: Located<string>, severity: 'warning' | 'error', consequence: string): void {
  diagnostics.push({
    severity,
    rule: 'traefik/unknown-label',
    message: `unknown Traefik label \`${key}\`; ${consequence}`,
    loc: label.loc,
    found: key,
  });
}

/** Traefik labels in the order Traefik's decoder reads them; keys differing only in case collapse (last wins). */
function traefikLabels(bag: Record<string, Located<string>>, diagnostics: Diagnostic[]): Array<{ key: string; label: Located<string> }> {
  const sorted = Object.keys(bag)
    .filter((key) => key.toLowerCase().startsWith('traefik.'))
    .sort(compareStrings);
  const byLower = new Map<string, { key: string; label: Located<string> }>();
  for (const key of sorted) {
    const lower = key.toLowerCase();
    const previous = byLower.get(lower);
    const label = bag[key]!;
    if (previous) {
      diagnostics.push({
        severity: 'warning',
        rule: 'traefik/duplicate-label',
        message: `labels \`${previous.key}\` and \`${key}\` differ only in case; Traefik reads keys ignoring case and keeps one of them`,
        loc: label.loc,
        related: [{ message: 'the other label', loc: previous.label.loc }],
      });
    }
    byLower.set(lower, { key, label });
  }
  return [...byLower.values()];
}

function checkNetwork(
  service: TraefikServiceInput,
  context: LabelReadContext,
  label: Prop<string> | null,
  diagnostics: Diagnostic[],
): void {
  const setting = context.provider.network;
  const network = label?.value ?? setting?.value;
  if (network === undefined || service.networks.length === 0 || service.networks.includes(network)) return;
  // A label is the culprit itself; a provider-wide setting is reported on the service, pointing at the setting.
  const loc = label ? label.loc : service.loc;
  const related = !label && setting?.loc ? [{ message: 'the Traefik network is set here', loc: setting.loc }] : undefined;
  const prefixed = `${context.projectName}_${network}`;
  if (service.networks.includes(prefixed)) {
    diagnostics.push({
      severity: 'warning',
      rule: 'traefik/network-name',
      message: `Traefik network \`${network}\` must be the real network name \`${prefixed}\`; Traefik falls back to the first network of \`${service.name}\``,
      loc,
      expected: prefixed,
      found: network,
      ...(related ? { related } : {}),
    });
    return;
  }
  diagnostics.push({
    severity: 'warning',
    rule: 'traefik/network-not-attached',
    message: `service \`${service.name}\` is not on Traefik network \`${network}\` (it is on ${service.networks.map((n) => `\`${n}\``).join(', ')}); Traefik falls back to its first network`,
    loc,
    found: network,
    ...(related ? { related } : {}),
  });
}

class UnitBuilder {
  private readonly unit: ProviderUnit;
  private readonly service: TraefikServiceInput;
  private readonly context: LabelReadContext;
  private readonly defaultName: string;

  constructor(unit: ProviderUnit, service: TraefikServiceInput, context: LabelReadContext, defaultName: string) {
    this.unit = unit;
    this.service = service;
    this.context = context;
    this.defaultName = defaultName;
  }

  build(protocol: TraefikProtocol, routers: DeclaredRouter[], services: DeclaredService[]): void {
    const unitServices: UnitService[] = services.map((decl) => ({
      decl,
      implicit: false,
      scheme: null,
      servers: [],
      portNotes: [],
    }));
    if (unitServices.length === 0) {
      unitServices.push({ decl: this.implicitService(protocol), implicit: true, scheme: null, servers: [], portNotes: [] });
    }
    for (const unitService of unitServices) this.addServer(unitService);

    const routerDecls = [...routers];
    const implicitRouter = protocol === 'http' && routerDecls.length === 0;
    if (implicitRouter) {
      if (unitServices.length > 1) {
        this.unit.diagnostics.push({
          severity: 'note',
          rule: 'traefik/no-default-router',
          message: `service \`${this.service.name}\` declares several HTTP services and no router; Traefik creates no default router`,
          loc: unitServices[0]!.decl.loc,
        });
      } else routerDecls.push(this.implicitRouterDecl());
    }

    for (const decl of routerDecls) {
      const router: UnitRouter = {
        decl,
        implicit: implicitRouter,
        rule: decl.rule,
        ruleSource: 'config',
        defaultRuleLoc: null,
        service: decl.service,
        serviceInferred: false,
      };
      if (protocol === 'http' && decl.rule === null) {
        const evaluated = evaluateDefaultRule(this.context.provider.defaultRule.value, this.templateModel());
        if (evaluated === null || evaluated === '') {
          this.unit.diagnostics.push({
            severity: 'warning',
            rule: 'traefik/default-rule-unevaluated',
            message: `router \`${decl.name}\` has no rule and topodoc cannot evaluate the default rule \`${this.context.provider.defaultRule.value}\``,
            loc: this.context.provider.defaultRule.loc ?? decl.loc,
          });
          continue;
        }
        router.rule = { value: evaluated, loc: decl.loc };
        router.ruleSource = 'default-rule';
        router.defaultRuleLoc = this.context.provider.defaultRule.isDefault ? null : this.context.provider.defaultRule.loc;
      }
      if (protocol === 'tcp' && decl.rule === null) {
        this.unit.diagnostics.push({
          severity: 'error',
          rule: 'traefik/missing-rule',
          message: `TCP router \`${decl.name}\` has no rule; Traefik drops it (TCP routers have no default rule)`,
          loc: decl.loc,
        });
        continue;
      }
      if (decl.service === null) {
        if (unitServices.length > 1) {
          this.unit.diagnostics.push({
            severity: 'error',
            rule: 'traefik/router-without-service',
            message: `router \`${decl.name}\` names no service and service \`${this.service.name}\` declares ${unitServices.length} ${protocol.toUpperCase()} services (${unitServices.map((s) => `\`${s.decl.name}\``).join(', ')}); Traefik drops the router`,
            loc: decl.loc,
          });
          continue;
        }
        const only = unitServices[0]!;
        router.service = { value: only.decl.name, loc: decl.loc };
        router.serviceInferred = true;
      }
      this.unit.routers.push(router);
    }
    this.unit.services.push(...unitServices);
  }

  private implicitService(protocol: TraefikProtocol): DeclaredService {
    return {
      protocol,
      name: this.defaultName,
      loc: this.service.loc,
      kinds: [{ kind: 'loadBalancer', loc: this.service.loc }],
      serverPort: null,
      serverUrl: null,
      serverScheme: null,
      servers: [],
      options: {},
      references: [],
    };
  }

  private implicitRouterDecl(): DeclaredRouter {
    return declaredRouter('http', this.defaultName, this.service.loc);
  }

  private templateModel(): TemplateModel {
    const labels: Record<string, string> = {};
    const bag = this.context.provider.kind === 'docker' ? this.service.labels : this.service.deployLabels;
    for (const [key, label] of Object.entries(bag)) labels[key] = label.value;
    if (this.context.provider.kind === 'docker') {
      labels['com.docker.compose.service'] ??= this.service.name;
      labels['com.docker.compose.project'] ??= this.context.projectName;
    } else {
      labels['com.docker.stack.namespace'] ??= this.context.projectName;
    }
    return {
      Name: this.defaultName,
      ContainerName: this.service.containerName ?? `${this.context.projectName}-${this.service.name}-1`,
      Labels: labels,
    };
  }

  /** Traefik's port choice for this service's container (docker config.go getPort). */
  private addServer(unitService: UnitService): void {
    const { decl } = unitService;
    if (decl.kinds.some((k) => k.kind !== 'loadBalancer')) {
      this.unit.diagnostics.push({
        severity: 'error',
        rule: 'traefik/unsupported-service',
        message: `service \`${decl.name}\` is not a load balancer; ${this.context.provider.kind === 'docker' ? 'Docker' : 'Swarm'} labels can only declare load balancers ("load-balancer is not defined")`,
        loc: decl.loc,
      });
      return;
    }
    if (decl.protocol === 'http') {
      unitService.scheme = decl.serverScheme
        ? { value: decl.serverScheme.value, loc: decl.serverScheme.loc, isDefault: false }
        : { value: 'http', loc: decl.loc, isDefault: true };
    }
    unitService.servers.push(this.serverTarget(decl, unitService.portNotes));
  }

  private serverTarget(decl: DeclaredService, notes: Diagnostic[]): ServerTarget {
    const candidates = this.candidatePorts();
    const base = { composeService: this.service.name, url: null, candidates: candidates.map((c) => c.port) };
    if (decl.serverPort) {
      return { ...base, port: decl.serverPort.value, source: 'label', loc: decl.serverPort.loc };
    }
    if (decl.serverUrl) {
      return { ...base, url: decl.serverUrl.value, port: portOfUrl(decl.serverUrl.value), source: 'url', loc: decl.serverUrl.loc };
    }
    const portLabel = `traefik.${decl.protocol}.services.${decl.name}.loadbalancer.server.port`;
    if (this.context.provider.kind === 'swarm') {
      this.unit.diagnostics.push({
        severity: 'error',
        rule: 'traefik/swarm-port-required',
        message: `the Swarm provider needs \`${portLabel}\` for service \`${decl.name}\`: Swarm services expose no container ports to Traefik`,
        loc: decl.loc,
        expected: portLabel,
      });
      return { ...base, port: null, source: 'unverifiable', loc: null };
    }
    const first = candidates[0];
    if (!first) {
      notes.push({
        severity: 'note',
        rule: 'traefik/port-unverifiable',
        message: `compose declares no port for \`${this.service.name}\`; Traefik uses the lowest port the image EXPOSEs, which topodoc cannot see. Set \`${portLabel}\``,
        loc: decl.loc,
        expected: portLabel,
      });
      return { ...base, port: null, source: 'unverifiable', loc: null };
    }
    if (candidates.length > 1) {
      notes.push({
        severity: 'note',
        rule: 'traefik/ambiguous-port',
        message: `\`${this.service.name}\` has ports ${candidates.map((c) => c.port).join(', ')}; Traefik picks the lowest (${first.port}). Set \`${portLabel}\` to make it explicit`,
        loc: decl.loc,
        expected: portLabel,
      });
      return { ...base, port: first.port, source: 'lowest-port', loc: first.loc };
    }
    return { ...base, port: first.port, source: 'single-port', loc: first.loc };
  }

  /** Container ports compose declares (ports targets and expose), lowest first, each with its first location. */
  private candidatePorts(): Array<{ port: number; loc: SourceLoc }> {
    const found = new Map<number, SourceLoc>();
    for (const port of this.service.ports) if (!found.has(port.target)) found.set(port.target, port.loc);
    for (const port of this.service.expose) if (!found.has(port.port)) found.set(port.port, port.loc);
    return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([port, loc]) => ({ port, loc }));
  }
}

// ---------------------------------------------------------------- default rule template

export interface TemplateModel {
  Name: string;
  ContainerName: string;
  Labels: Record<string, string>;
}

/**
 * Evaluates the subset of Go templates used in defaultRule settings: `.Name`, `.ContainerName`,
 * `index .Labels "key"`, string literals, and the functions normalize, lower, upper, trim, trimPrefix,
 * trimSuffix, replace, in calls or pipelines. Returns null for anything else.
 */
export function evaluateDefaultRule(template: string, model: TemplateModel): string | null {
  let out = '';
  let rest = template;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    if (open < 0) {
      out += rest;
      break;
    }
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) return null;
    out += rest.slice(0, open);
    let action = rest.slice(open + 2, close);
    if (action.startsWith('-')) {
      action = action.slice(1);
      out = out.replace(/\s+$/, '');
    }
    let trimAfter = false;
    if (action.endsWith('-')) {
      action = action.slice(0, -1);
      trimAfter = true;
    }
    const value = evaluatePipeline(action.trim(), model);
    if (value === null) return null;
    out += value;
    rest = rest.slice(close + 2);
    if (trimAfter) rest = rest.replace(/^\s+/, '');
  }
  return out;
}

type TemplateToken = { kind: 'field'; path: string[] } | { kind: 'string'; value: string } | { kind: 'ident'; name: string } | { kind: 'pipe' };

function tokenizeAction(action: string): TemplateToken[] | null {
  const tokens: TemplateToken[] = [];
  let i = 0;
  while (i < action.length) {
    const ch = action[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '|') {
      tokens.push({ kind: 'pipe' });
      i++;
    } else if (ch === '"' || ch === '`') {
      const close = action.indexOf(ch, i + 1);
      if (close < 0) return null;
      tokens.push({ kind: 'string', value: action.slice(i + 1, close) });
      i = close + 1;
    } else {
      const match = /^[.A-Za-z_][.A-Za-z0-9_]*/.exec(action.slice(i));
      if (!match) return null;
      const word = match[0];
      if (word.startsWith('.')) tokens.push({ kind: 'field', path: word.slice(1).split('.') });
      else tokens.push({ kind: 'ident', name: word });
      i += word.length;
    }
  }
  return tokens;
}

const TEMPLATE_FUNCTIONS: Record<string, (args: string[]) => string | null> = {
  normalize: (a) => (a.length === 1 ? normalizeName(a[0]!) : null),
  lower: (a) => (a.length === 1 ? a[0]!.toLowerCase() : null),
  upper: (a) => (a.length === 1 ? a[0]!.toUpperCase() : null),
  trim: (a) => (a.length === 1 ? a[0]!.trim() : null),
  trimPrefix: (a) => (a.length === 2 ? (a[1]!.startsWith(a[0]!) ? a[1]!.slice(a[0]!.length) : a[1]!) : null),
  trimSuffix: (a) => (a.length === 2 ? (a[1]!.endsWith(a[0]!) ? a[1]!.slice(0, a[1]!.length - a[0]!.length) : a[1]!) : null),
  replace: (a) => (a.length === 3 ? a[2]!.split(a[0]!).join(a[1]!) : null),
};

function evaluatePipeline(action: string, model: TemplateModel): string | null {
  const tokens = tokenizeAction(action);
  if (!tokens || tokens.length === 0) return null;
  const commands: TemplateToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'pipe') commands.push([]);
    else commands[commands.length - 1]!.push(token);
  }
  let piped: string | null = null;
  for (const command of commands) {
    const value = evaluateCommand(command, piped, model);
    if (value === null) return null;
    piped = value;
  }
  return piped;
}

function evaluateCommand(command: TemplateToken[], piped: string | null, model: TemplateModel): string | null {
  const [head, ...args] = command;
  if (!head) return null;
  if (head.kind === 'ident' && head.name === 'index') {
    const [target, key] = args;
    if (piped !== null || args.length !== 2 || target?.kind !== 'field' || target.path.join('.') !== 'Labels' || key?.kind !== 'string') return null;
    return model.Labels[key.value] ?? '';
  }
  if (head.kind === 'ident') {
    const fn = TEMPLATE_FUNCTIONS[head.name];
    if (!fn) return null;
    const values: string[] = [];
    for (const arg of args) {
      const value = operand(arg, model);
      if (value === null) return null;
      values.push(value);
    }
    if (piped !== null) values.push(piped);
    return fn(values);
  }
  if (args.length > 0 || piped !== null) return null;
  return operand(head, model);
}

function operand(token: TemplateToken, model: TemplateModel): string | null {
  if (token.kind === 'string') return token.value;
  if (token.kind !== 'field') return null;
  const name = token.path.join('.');
  if (name === 'Name') return model.Name;
  if (name === 'ContainerName') return model.ContainerName;
  return null;
}
