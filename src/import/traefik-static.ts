/**
 * Traefik's static configuration as the topology states it: entrypoints (port, protocol, publication
 * on the host, redirect, default resolver) and ACME certificate resolvers (challenge, CA, storage).
 * Pure.
 */
import type { ComposePort, ComposeService } from '../compose/types.ts';
import type { TraefikCertResolver, TraefikConfig, TraefikEntrypoint, TraefikRouter } from '../traefik/types.ts';
import type { ImportNotes } from './notes.ts';
import type { SecretGuard } from './secrets.ts';

export interface EntrypointOut {
  port: number;
  published?: number;
  exposed?: boolean;
  protocol: 'http' | 'https' | 'tcp' | 'udp';
  redirect?: { to: string; scheme?: 'http'; permanent?: false };
  certResolver?: string;
}

export interface ResolverOut {
  provider?: string;
  challenge: 'http-01' | 'tls-alpn-01' | 'dns-01';
  challengeEntrypoint?: string;
  alternativeChallenges?: Array<'http-01' | 'tls-alpn-01' | 'dns-01'>;
  dnsProvider?: string;
  staging?: boolean;
  emailVariable?: string;
  storage: { path: string; volume?: string };
}

export interface StaticImport {
  entrypoints: Record<string, EntrypointOut>;
  resolvers: Record<string, ResolverOut>;
  /** Publications of the proxy that its entrypoints state (so they are not repeated as service ports). */
  coveredPublications: Set<ComposePort>;
  /** Container ports of the proxy that are entrypoints (declared by them). */
  entrypointPorts: Set<string>;
}

/** Ports Traefik's usual entrypoint names listen on, for entrypoints routers name but compose does not configure. */
const USUAL_PORTS: Record<string, number> = { web: 80, http: 80, websecure: 443, https: 443, traefik: 8080, metrics: 8082 };

export function importStatic(traefik: TraefikConfig, proxy: ComposeService | undefined, guard: SecretGuard, rawOf: (loc: { file: string; line: number; column: number } | null) => string | undefined, notes: ImportNotes): StaticImport {
  const out: StaticImport = { entrypoints: {}, resolvers: {}, coveredPublications: new Set(), entrypointPorts: new Set() };
  const routers = traefik.routers.filter((r) => r.provider !== 'internal');
  const referenced = new Set(routers.flatMap((r) => r.entrypoints.value));

  for (const ep of traefik.entrypoints) {
    const published = proxy ? proxy.ports.filter((p) => p.target === ep.port && samePortProtocol(p.protocol, ep.protocol)) : [];
    if (ep.implicit && published.length === 0 && !referenced.has(ep.name)) continue;
    if (ep.port === null) {
      notes.warn('entrypoint-address', `entrypoint "${ep.name}" has no port Traefik could listen on; it is left out`, ep.loc ?? undefined);
      continue;
    }
    const entry: EntrypointOut = { port: ep.port, protocol: entrypointProtocol(ep, routers) };
    out.entrypointPorts.add(`${ep.port}/${ep.protocol}`);
    const everywhere = published.find((p) => isWildcard(p.hostIp) && p.published !== undefined && /^\d+$/.test(p.published));
    if (everywhere) {
      out.coveredPublications.add(everywhere);
      if (Number(everywhere.published) !== ep.port) entry.published = Number(everywhere.published);
    } else entry.exposed = false;
    if (ep.redirect) {
      entry.redirect = { to: ep.redirect.to.value };
      if (ep.redirect.scheme.value === 'http') entry.redirect.scheme = 'http';
      if (ep.redirect.permanent.value === false) entry.redirect.permanent = false;
    }
    const resolver = ep.tls?.certResolver?.value;
    if (resolver !== undefined) entry.certResolver = resolver;
    out.entrypoints[ep.name] = entry;
    const unused = !routers.some((r) => r.entrypoints.value.includes(ep.name));
    if (unused && entry.protocol === 'http' && (ep.port === 443 || /secure|https|tls/i.test(ep.name))) {
      entry.protocol = 'https';
      notes.guess(['entrypoints', ep.name, 'protocol'], 'protocol', `its ${ep.port === 443 ? 'port 443' : 'name'} (no router uses it)`);
    } else if (entry.protocol === 'https' && !ep.tls) notes.guess(['entrypoints', ep.name, 'protocol'], 'protocol', 'every router on it terminating TLS');
  }

  // Entrypoints routers name that no static configuration declares (Traefik's configuration is not in compose).
  for (const name of [...referenced].sort()) {
    if (out.entrypoints[name] || traefik.entrypoints.some((e) => e.name === name)) continue;
    const port = USUAL_PORTS[name.toLowerCase()] ?? 80;
    const onIt = routers.filter((r) => r.entrypoints.value.includes(name));
    const protocol = onIt.length > 0 && onIt.every((r) => r.protocol === 'udp') ? 'udp' : onIt.length > 0 && onIt.every((r) => r.tlsFrom !== null) ? 'https' : onIt.every((r) => r.protocol === 'tcp') && onIt.length > 0 ? 'tcp' : 'http';
    out.entrypoints[name] = { port, protocol };
    notes.guess(['entrypoints', name, 'port'], 'entrypoint port', `the entrypoint's name (compose holds no Traefik static configuration)`);
  }

  for (const resolver of traefik.certResolvers) {
    const imported = importResolver(resolver, proxy, guard, rawOf, notes);
    if (imported) out.resolvers[resolver.name] = imported;
  }
  return out;
}

function samePortProtocol(composeProtocol: string, traefikProtocol: 'tcp' | 'udp'): boolean {
  return (composeProtocol === 'udp') === (traefikProtocol === 'udp');
}

export function isWildcard(ip: string | undefined): boolean {
  return ip === undefined || ip === '' || ip === '0.0.0.0' || ip === '::';
}

function entrypointProtocol(ep: TraefikEntrypoint, routers: TraefikRouter[]): EntrypointOut['protocol'] {
  if (ep.protocol === 'udp') return 'udp';
  if (ep.tls) return 'https';
  const onIt = routers.filter((r) => r.entrypoints.value.includes(ep.name));
  if (onIt.length === 0) return 'http';
  if (onIt.every((r) => r.protocol === 'tcp')) return 'tcp';
  const http = onIt.filter((r) => r.protocol === 'http');
  return http.length > 0 && http.every((r) => r.tlsFrom !== null) ? 'https' : 'http';
}

const CHALLENGES = { http: 'http-01', tls: 'tls-alpn-01', dns: 'dns-01' } as const;

function importResolver(
  resolver: TraefikCertResolver,
  proxy: ComposeService | undefined,
  guard: SecretGuard,
  rawOf: (loc: { file: string; line: number; column: number } | null) => string | undefined,
  notes: ImportNotes,
): ResolverOut | undefined {
  const at = ['tls', 'resolvers', resolver.name];
  if (resolver.kind !== 'acme') {
    notes.warn('cert-resolver', `certificate resolver "${resolver.name}" is not an ACME resolver; the topology describes ACME resolvers only, so it is left out`, resolver.loc);
    return undefined;
  }
  const [first, ...others] = resolver.challenges;
  const out = {} as ResolverOut;
  const ca = resolver.caServer?.value;
  if (ca !== undefined && !/letsencrypt/i.test(ca)) {
    const host = /^[a-z]+:\/\/([^/:]+)/i.exec(ca)?.[1];
    if (host) out.provider = host;
  }
  out.challenge = first ? CHALLENGES[first.type] : 'http-01';
  if (!first) notes.guess([...at, 'challenge'], 'challenge', 'guessed: compose configures no ACME challenge for this resolver (HTTP-01 assumed)');
  if (first?.type === 'http' && first.entrypoint) out.challengeEntrypoint = first.entrypoint.value;
  if (others.length > 0) out.alternativeChallenges = others.map((c) => CHALLENGES[c.type]);
  if (first?.type === 'dns' && first.provider) out.dnsProvider = first.provider.value;
  if (ca !== undefined && /staging/i.test(ca)) out.staging = true;
  const emailRaw = resolver.email ? rawOf(resolver.email.loc) : undefined;
  const emailVariable = emailRaw !== undefined ? /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(emailRaw)?.[1] : undefined;
  if (emailVariable !== undefined) out.emailVariable = emailVariable;
  const storagePath = resolver.storage ? guard.asWritten(resolver.storage.value, rawOf(resolver.storage.loc)) : 'acme.json';
  out.storage = { path: storagePath };
  const volume = proxy ? storageVolume(proxy, resolver.storage?.value ?? 'acme.json') : undefined;
  if (volume !== undefined) out.storage.volume = volume;
  if (others.length > 0) {
    notes.warn('cert-resolver', `certificate resolver "${resolver.name}" configures ${resolver.challenges.length} challenges; the topology names one (${out.challenge}) and lists the others as alternatives`, resolver.loc);
  }
  return out;
}

/** The named volume holding the certificate store, through the proxy's mounts (the deepest one wins). */
function storageVolume(proxy: ComposeService, storagePath: string): string | undefined {
  if (!storagePath.startsWith('/')) return undefined;
  const mount = proxy.volumes
    .filter((v) => storagePath === v.target || storagePath.startsWith(v.target.endsWith('/') ? v.target : `${v.target}/`))
    .sort((a, b) => b.target.length - a.target.length)[0];
  return mount?.type === 'volume' && mount.source !== undefined ? mount.source : undefined;
}
