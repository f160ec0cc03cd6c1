/**
 * One provider's contribution from one source (a compose service's labels, or a file-provider config)
 * after Traefik's provider defaults are applied, before configurations are merged across sources.
 */
import type { Diagnostic, SourceLoc } from '../model/diagnostics.ts';
import { readConfigEntries } from './config-entries.ts';
import { decodeDynamic } from './dynamic.ts';
import type { DeclaredMiddleware, DeclaredRouter, DeclaredService, Prop } from './dynamic.ts';
import type { ConfigText } from './input.ts';
import type { Fact, ProviderNamespace, ServerTarget } from './types.ts';
import { parseAddress } from './static-config.ts';

export interface UnitRouter {
  decl: DeclaredRouter;
  implicit: boolean;
  /** Declared rule, or the evaluated default rule. */
  rule: Prop<string> | null;
  ruleSource: 'config' | 'default-rule';
  /** For a default rule: where the provider's defaultRule is set, if anywhere. */
  defaultRuleLoc: SourceLoc | null;
  service: Prop<string> | null;
  /** True when the service was not named and Traefik picked the source's only service. */
  serviceInferred: boolean;
}

export interface UnitService {
  decl: DeclaredService;
  implicit: boolean;
  servers: ServerTarget[];
  scheme: Fact<string> | null;
  /** Port-choice notes, reported only when the service is declared or used by a router. */
  portNotes: Diagnostic[];
}

export interface ProviderUnit {
  namespace: ProviderNamespace;
  composeService: string | null;
  /** Location used for implicit definitions (the compose service key). */
  loc: SourceLoc | null;
  routers: UnitRouter[];
  services: UnitService[];
  middlewares: DeclaredMiddleware[];
  tlsOptions: string[];
  diagnostics: Diagnostic[];
}

/** Port of a `scheme://host:port/…` URL or `host:port` address; the scheme's default port otherwise. */
export function portOfUrl(url: string): number | null {
  const withScheme = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/:?#]*)(?::(\d+))?/i.exec(url.trim());
  if (withScheme) {
    if (withScheme[3] !== undefined) return Number(withScheme[3]);
    const scheme = withScheme[1]!.toLowerCase();
    return scheme === 'https' ? 443 : scheme === 'http' || scheme === 'h2c' ? 80 : null;
  }
  return parseAddress(url)?.port ?? null;
}

/** A file-provider configuration: declared as-is, servers are URLs, no defaults are added. */
export function fileProviderUnit(config: ConfigText): ProviderUnit {
  const { entries, diagnostics } = readConfigEntries(config);
  const declared = decodeDynamic(entries, {
    rootLength: 0,
    noun: 'key',
    consequence: `Traefik rejects ${config.file} ("field not found")`,
  });
  const unit: ProviderUnit = {
    namespace: 'file',
    composeService: null,
    loc: null,
    routers: [],
    services: [],
    middlewares: declared.middlewares,
    tlsOptions: declared.tlsOptions,
    diagnostics: [...diagnostics, ...declared.diagnostics],
  };
  for (const decl of declared.services) {
    unit.services.push({
      decl,
      implicit: false,
      scheme: null,
      portNotes: [],
      servers: decl.servers.map((server) => ({
        composeService: null,
        port: portOfUrl(server.url.value),
        url: server.url.value,
        source: 'file',
        loc: server.url.loc,
        candidates: [],
      })),
    });
  }
  for (const decl of declared.routers) {
    unit.routers.push({
      decl,
      implicit: false,
      rule: decl.rule,
      ruleSource: 'config',
      defaultRuleLoc: null,
      service: decl.service,
      serviceInferred: false,
    });
    if (decl.protocol !== 'udp' && decl.rule === null) {
      unit.diagnostics.push({
        severity: 'error',
        rule: 'traefik/missing-rule',
        message: `router \`${decl.name}\` in ${config.file} has no rule; the file provider has no default rule`,
        loc: decl.loc,
      });
    }
    if (decl.service === null) {
      unit.diagnostics.push({
        severity: 'error',
        rule: 'traefik/router-without-service',
        message: `router \`${decl.name}\` in ${config.file} names no service; Traefik drops it`,
        loc: decl.loc,
      });
    }
  }
  unit.routers = unit.routers.filter((r) => (r.decl.protocol === 'udp' || r.rule !== null) && r.service !== null);
  return unit;
}
