/**
 * Traefik static configuration: entrypoints (port, protocol, default resolver, HTTP→HTTPS redirect)
 * and certificate resolvers (challenge, storage). Publication of entrypoint ports is compared with the
 * other host ports (ports.ts). Without a static configuration in compose, nothing here can be verified.
 */
import path from 'node:path';
import { proxyId } from '../model/queries.ts';
import type { AcmeChallenge, TraefikCertResolver } from '../traefik/types.ts';
import type { CheckContext } from './context.ts';
import { isNotRunning, listing, related } from './context.ts';
import { composeSource } from './volumes.ts';

const CHALLENGE_TYPES = { 'http-01': 'http', 'tls-alpn-01': 'tls', 'dns-01': 'dns' } as const;
const CHALLENGE_NAMES: Record<AcmeChallenge['type'], string> = { http: 'http-01', tls: 'tls-alpn-01', dns: 'dns-01' };

export function compareEntrypoints(ctx: CheckContext): void {
  const topoEntrypoints = ctx.topology.entrypoints ?? {};
  const resolvers = ctx.topology.tls?.resolvers ?? {};
  if (!ctx.traefik.staticKnown) {
    if (Object.keys(topoEntrypoints).length + Object.keys(resolvers).length > 0) {
      ctx.add(
        'drift/entrypoint-unverifiable',
        'note',
        `compose has no Traefik static configuration (no traefik service with command flags or a mounted traefik.yml), so entrypoints and certificate resolvers cannot be verified`,
        ctx.topo([Object.keys(topoEntrypoints).length > 0 ? 'entrypoints' : 'tls'], true),
        [related('compose services', ctx.composeAnchor(ctx.src.proxyService ?? proxyId(ctx.topology)))],
      );
    }
    return;
  }
  const anchor = ctx.composeAnchor(ctx.src.proxyService ?? proxyId(ctx.topology));
  const used = new Set<string>();
  for (const [name, ep] of Object.entries(topoEntrypoints)) {
    const actual = ctx.traefik.entrypoints.find((e) => e.name.toLowerCase() === name.toLowerCase());
    const topo = (key?: string) => ctx.topo(['entrypoints', name, ...(key === undefined ? [] : [key])], true);
    if (!actual) {
      ctx.add('drift/entrypoint-missing', isNotRunning(ep) ? 'note' : 'error', `entrypoint "${name}" (:${ep.port}) is in the topology, but Traefik's static configuration does not define it`, topo(), [
        related('Traefik static configuration', anchor),
      ]);
      continue;
    }
    used.add(actual.name);
    const loc = actual.address?.loc ?? actual.loc ?? anchor;
    if (actual.port !== null && actual.port !== ep.port) {
      ctx.add('drift/entrypoint-port', 'error', `entrypoint "${name}" listens on port ${ep.port} in the topology, but on ${actual.port} in compose`, loc, [related('topology entrypoint port', topo('port'))]);
    }
    if ((ep.protocol === 'udp') !== (actual.protocol === 'udp')) {
      ctx.add('drift/entrypoint-protocol', 'error', `entrypoint "${name}" is ${ep.protocol} in the topology, but listens on ${actual.protocol.toUpperCase()} in compose`, loc, [
        related('topology entrypoint protocol', topo('protocol')),
      ]);
    }
    const resolver = actual.tls?.certResolver?.value;
    if ((ep.certResolver ?? undefined) !== resolver) {
      ctx.add(
        'drift/entrypoint-cert-resolver',
        'error',
        `entrypoint "${name}" gets certificates from ${ep.certResolver ? `resolver "${ep.certResolver}"` : 'no default resolver'} in the topology, but from ${resolver ? `"${resolver}"` : 'none'} in compose`,
        actual.tls?.certResolver?.loc ?? actual.tls?.loc ?? loc,
        [related('topology entrypoint', topo(ep.certResolver ? 'certResolver' : undefined))],
      );
    }
    const redirect = actual.redirect;
    if (ep.redirect && !redirect) {
      ctx.add('drift/redirect', 'error', `entrypoint "${name}" redirects to "${ep.redirect.to}" in the topology, but compose configures no redirection on it`, loc, [
        related('topology redirect', topo('redirect')),
      ]);
    } else if (!ep.redirect && redirect) {
      ctx.add('drift/redirect', 'error', `entrypoint "${name}" redirects to "${redirect.to.value}" in compose, which the topology does not state`, redirect.to.loc ?? loc, [related('topology entrypoint', topo())]);
    } else if (ep.redirect && redirect) {
      const differences: string[] = [];
      if (redirect.to.value !== ep.redirect.to) differences.push(`to "${redirect.to.value}" instead of "${ep.redirect.to}"`);
      if (redirect.scheme.value !== ep.redirect.scheme) differences.push(`scheme ${redirect.scheme.value} instead of ${ep.redirect.scheme}`);
      if (redirect.permanent.value !== ep.redirect.permanent) differences.push(redirect.permanent.value ? 'permanently instead of temporarily' : 'temporarily instead of permanently');
      if (differences.length > 0) {
        ctx.add('drift/redirect', 'error', `entrypoint "${name}" redirects ${listing(differences)} in compose`, redirect.to.loc ?? loc, [related('topology redirect', topo('redirect'))]);
      }
    }
  }
  for (const actual of ctx.traefik.entrypoints) {
    if (used.has(actual.name) || actual.implicit) continue;
    ctx.add('drift/entrypoint-extra', 'error', `compose defines Traefik entrypoint "${actual.name}"${actual.port !== null ? ` (:${actual.port})` : ''}, which the topology does not list`, actual.loc ?? anchor, [
      related('topology entrypoints', ctx.topo(ctx.topology.entrypoints ? ['entrypoints'] : [], true)),
    ]);
  }
  compareResolvers(ctx, anchor);
}

function compareResolvers(ctx: CheckContext, anchor: ReturnType<CheckContext['composeAnchor']>): void {
  const topoResolvers = ctx.topology.tls?.resolvers ?? {};
  const used = new Set<TraefikCertResolver>();
  for (const [name, resolver] of Object.entries(topoResolvers)) {
    const actual = ctx.traefik.certResolvers.find((r) => r.name.toLowerCase() === name.toLowerCase());
    const topo = (...keys: string[]) => ctx.topo(['tls', 'resolvers', name, ...keys], true);
    if (!actual) {
      ctx.add('drift/cert-resolver-missing', 'error', `certificate resolver "${name}" is in the topology, but Traefik's static configuration does not define it`, topo(), [
        related('Traefik static configuration', anchor),
      ]);
      continue;
    }
    used.add(actual);
    const active = actual.challenges.map((c) => CHALLENGE_NAMES[c.type]);
    const expected = CHALLENGE_TYPES[resolver.challenge];
    const challenge = actual.challenges.find((c) => c.type === expected);
    if (!challenge || actual.challenges.length > 1) {
      ctx.add(
        'drift/cert-resolver-challenge',
        'error',
        `certificate resolver "${name}" uses the ${resolver.challenge} challenge in the topology, but ${active.length ? listing(active) : 'no challenge'} in compose`,
        actual.challenges[0]?.loc ?? actual.loc,
        [related('topology challenge', topo('challenge'))],
      );
    } else if (challenge.type === 'http' && resolver.challengeEntrypoint !== undefined && challenge.entrypoint?.value !== resolver.challengeEntrypoint) {
      ctx.add(
        'drift/cert-resolver-challenge',
        'error',
        `certificate resolver "${name}" answers HTTP-01 on entrypoint "${resolver.challengeEntrypoint}" in the topology, but on ${challenge.entrypoint ? `"${challenge.entrypoint.value}"` : 'no entrypoint'} in compose`,
        challenge.entrypoint?.loc ?? challenge.loc,
        [related('topology challenge entrypoint', topo('challengeEntrypoint'))],
      );
    } else if (challenge.type === 'dns' && resolver.dnsProvider !== undefined && challenge.provider?.value !== resolver.dnsProvider) {
      ctx.add(
        'drift/cert-resolver-challenge',
        'error',
        `certificate resolver "${name}" uses DNS provider "${resolver.dnsProvider}" in the topology, but ${challenge.provider ? `"${challenge.provider.value}"` : 'none'} in compose`,
        challenge.provider?.loc ?? challenge.loc,
        [related('topology DNS provider', topo('dnsProvider'))],
      );
    }
    const staging = /staging/i.test(actual.caServer?.value ?? '');
    if ((resolver.staging ?? false) !== staging) {
      ctx.add('drift/cert-resolver-ca', 'error', `certificate resolver "${name}" uses the ${resolver.staging ? 'staging' : 'production'} CA in the topology, but the ${staging ? 'staging' : 'production'} CA in compose`, actual.caServer?.loc ?? actual.loc, [
        related('topology resolver', topo(resolver.staging !== undefined ? 'staging' : 'challenge')),
      ]);
    }
    compareStorage(ctx, name, resolver.storage, actual);
  }
  for (const actual of ctx.traefik.certResolvers) {
    if (used.has(actual)) continue;
    ctx.add('drift/cert-resolver-extra', 'error', `compose defines certificate resolver "${actual.name}", which the topology does not list`, actual.loc, [
      related('topology TLS', ctx.topo(ctx.topology.tls ? ['tls', 'resolvers'] : [], true)),
    ]);
  }
}

function compareStorage(ctx: CheckContext, name: string, storage: { path: string; volume?: string }, actual: TraefikCertResolver): void {
  const topo = (key: string) => ctx.topo(['tls', 'resolvers', name, 'storage', key], true);
  const actualPath = actual.storage?.value ?? 'acme.json';
  if (actualPath !== ctx.src.expand(storage.path)) {
    ctx.add('drift/cert-resolver-storage', 'error', `certificate resolver "${name}" stores certificates in ${storage.path} in the topology, but in ${actualPath}${actual.storage ? '' : ' (Traefik\'s default)'} in compose`, actual.storage?.loc ?? actual.loc, [
      related('topology storage path', topo('path')),
    ]);
    return;
  }
  if (storage.volume === undefined) return;
  const proxy = ctx.src.proxyService === undefined ? undefined : ctx.composeService(ctx.src.proxyService);
  if (!proxy || !path.posix.isAbsolute(storage.path)) return;
  // The mount holding the storage file: the deepest mount whose target contains it.
  const mount = proxy.volumes
    .filter((v) => storage.path === v.target || storage.path.startsWith(v.target.endsWith('/') ? v.target : `${v.target}/`))
    .sort((a, b) => b.target.length - a.target.length)[0];
  const declared = ctx.topology.volumes?.[storage.volume];
  const expectedBind = declared?.kind === 'bind' && declared.source !== undefined ? path.resolve(ctx.compose.projectDirectory, declared.source) : undefined;
  const matches =
    mount !== undefined &&
    (expectedBind !== undefined ? mount.type === 'bind' && mount.source !== undefined && path.resolve(mount.source) === expectedBind : mount.type === 'volume' && mount.source === storage.volume);
  if (!matches) {
    const where = mount ? (mount.type === 'volume' && mount.source ? `volume "${mount.source}"` : `${composeSource(ctx, mount)} (${mount.type})`) : 'no mount (certificates are lost with the container)';
    ctx.add(
      'drift/cert-resolver-storage',
      'error',
      `certificate resolver "${name}" keeps ${storage.path} on volume "${storage.volume}" in the topology, but on ${where} in compose`,
      mount?.loc ?? proxy.loc,
      [related('topology storage volume', topo('volume'))],
    );
  }
}
