/**
 * Short plain-text descriptions of Traefik and host settings (middlewares, entrypoints, TLS
 * resolvers, firewall rules), shared by the ASCII views so that each setting reads the same in all.
 */
import type { Middleware } from '../../model/queries.ts';
import type { TopologyModel } from '../../model/schema/index.ts';
import { oneLine, type Marks } from './common.ts';

type Entrypoint = NonNullable<TopologyModel['entrypoints']>[string];
type Resolver = NonNullable<TopologyModel['tls']>['resolvers'][string];
type FirewallRule = NonNullable<TopologyModel['firewall']>['rules'][number];

const SECONDS_PER_DAY = 86_400;

/** HSTS max-age in the unit a reader thinks in. */
function duration(seconds: number): string {
  if (seconds > 0 && seconds % (365 * SECONDS_PER_DAY) === 0) {
    const years = seconds / (365 * SECONDS_PER_DAY);
    return `${years} year${years === 1 ? '' : 's'}`;
  }
  if (seconds > 0 && seconds % SECONDS_PER_DAY === 0) return `${seconds / SECONDS_PER_DAY} days`;
  return `${seconds} s`;
}

function headersSummary(h: NonNullable<Middleware['headers']>): string {
  const security: string[] = [];
  if (h.stsSeconds !== undefined) security.push(`HSTS ${duration(h.stsSeconds)}${h.stsIncludeSubdomains ? ' incl. subdomains' : ''}${h.stsPreload ? ', preload' : ''}`);
  if (h.frameDeny) security.push('frame deny');
  else if (h.customFrameOptionsValue) security.push(`X-Frame-Options ${h.customFrameOptionsValue}`);
  if (h.contentTypeNosniff) security.push('nosniff');
  if (h.browserXssFilter) security.push('XSS filter');
  if (h.referrerPolicy) security.push(`Referrer-Policy ${h.referrerPolicy}`);
  if (h.contentSecurityPolicy) security.push('CSP');
  if (h.customResponseHeaders) security.push(`custom ${Object.keys(h.customResponseHeaders).sort().join(', ')}`);
  const cors: string[] = [];
  if (h.accessControlAllowOriginList?.length) cors.push(`origins ${h.accessControlAllowOriginList.join(', ')}`);
  if (h.accessControlAllowMethods?.length) cors.push(`methods ${h.accessControlAllowMethods.join(', ')}`);
  if (h.accessControlAllowHeaders?.length) cors.push(`headers ${h.accessControlAllowHeaders.join(', ')}`);
  if (h.accessControlAllowCredentials) cors.push('credentials');
  if (h.accessControlMaxAge !== undefined) cors.push(`max age ${h.accessControlMaxAge} s`);
  const parts = [...(security.length ? [security.join(', ')] : []), ...(cors.length ? [`CORS ${cors.join('; ')}`] : [])];
  return parts.join('; ') || 'custom headers';
}

/** What a middleware does, with its settings: `rate limit 100 req per 1s, burst 50`. */
export function middlewareSummary(t: TopologyModel, mw: Middleware, marks: Marks): string {
  if (mw.rateLimit) {
    const r = mw.rateLimit;
    return `rate limit ${r.average} req per ${r.period ?? '1s'}${r.burst !== undefined ? `, burst ${r.burst}` : ''}`;
  }
  if (mw.headers) return headersSummary(mw.headers);
  if (mw.compress) {
    return `compression (${mw.compress.encodings?.join(', ') ?? 'gzip'})${mw.compress.minResponseBodyBytes !== undefined ? ` from ${mw.compress.minResponseBodyBytes} bytes` : ''}`;
  }
  if (mw.basicAuth) {
    const b = mw.basicAuth;
    const who = b.users?.length ? `users ${b.users.join(', ')}` : b.usersFileVariable ? `users from ${b.usersFileVariable}` : '';
    return `basic auth${who ? ` (${who})` : ''}${b.realm ? `, realm "${b.realm}"` : ''}`;
  }
  if (mw.forwardAuth) {
    const f = mw.forwardAuth;
    const provider = f.provider ? (t.services[f.provider]?.name ?? t.externals?.[f.provider]?.name ?? f.provider) : undefined;
    return `forward auth to ${f.address}${provider ? ` (${provider})` : ''}${f.unauthorized ? `; unauthorised: ${f.unauthorized}` : ''}`;
  }
  if (mw.ipAllowList) return `IP allow-list ${mw.ipAllowList.sourceRange.join(', ')}`;
  if (mw.redirectScheme) {
    const r = mw.redirectScheme;
    return `redirect to ${r.scheme}${r.port ? ` port ${r.port}` : ''}${r.permanent ? ' (permanent)' : ''}`;
  }
  if (mw.redirectRegex) return `redirect ${mw.redirectRegex.regex} ${marks.arrow} ${mw.redirectRegex.replacement}`;
  if (mw.stripPrefix) return `strip prefix ${mw.stripPrefix.prefixes.join(', ')}`;
  if (mw.chain) return `chain of ${mw.chain.middlewares.join(', ')}`;
  return 'middleware';
}

/** `web :80 HTTP ─► websecure (HTTPS redirect)` for one entrypoint. */
export function entrypointLine(name: string, ep: Entrypoint, marks: Marks): string {
  const host = ep.exposed ? (ep.published !== undefined && ep.published !== ep.port ? ` (published on ${ep.published})` : '') : ' (not published)';
  let line = `${name} :${ep.port} ${ep.protocol.toUpperCase()}${host}`;
  if (ep.redirect) line += ` ${marks.arrow} redirect to ${ep.redirect.to} (${ep.redirect.scheme.toUpperCase()}, ${ep.redirect.permanent ? 'permanent' : 'temporary'})`;
  if (ep.certResolver) line += `, TLS via ${ep.certResolver}`;
  if (ep.optional) line += ', optional';
  return line;
}

const CA_NAMES: Record<string, string> = { letsencrypt: "Let's Encrypt", zerossl: 'ZeroSSL', buypass: 'Buypass' };

/** The lines describing one certificate resolver: CA and challenge, storage, renewal. */
export function resolverLines(id: string, r: Resolver): string[] {
  const ca = CA_NAMES[r.provider] ?? r.provider;
  const challenge = `${r.challenge.toUpperCase()} challenge${r.challengeEntrypoint ? ` on ${r.challengeEntrypoint}` : ''}${r.dnsProvider ? ` via ${r.dnsProvider}` : ''}`;
  const lines = [`${id}: ${ca}${r.staging ? ' (staging)' : ''}, ${challenge}${r.wildcard ? ', wildcard certificates' : ''}`];
  if (r.alternativeChallenges?.length) lines.push(`alternatives: ${r.alternativeChallenges.map((c) => c.toUpperCase()).join(', ')}`);
  const renewal = r.renewal?.automatic === false ? 'manual renewal' : `automatic renewal${r.renewal?.before ? `, ${r.renewal.before} before expiry` : ''}`;
  lines.push(renewal);
  lines.push(`stored in ${oneLine(r.storage.path)}${r.storage.volume ? ` (volume ${r.storage.volume})` : ''}${r.storage.permissions ? `, mode ${r.storage.permissions}` : ''}`);
  return lines;
}

/** `allow 443/tcp from any (HTTPS)`. */
export function firewallRuleLine(r: FirewallRule): string {
  const port = r.port === undefined ? 'all ports' : `${r.port}/${r.protocol === 'any' ? 'tcp+udp' : r.protocol}`;
  const from = r.from !== 'any' ? ` from ${r.from}` : '';
  const states = r.state?.length ? ` (${r.state.join(', ')})` : '';
  const why = [r.description ? oneLine(r.description) : '', r.optional ? 'optional' : ''].filter(Boolean).join(', ');
  return `${r.action} ${r.direction === 'out' ? 'out ' : ''}${port}${from}${states}${why ? `: ${why}` : ''}`;
}
