/**
 * One sequence diagram per certificate resolver: Traefik starts and loads its certificate store;
 * a stored certificate is used and renewed before expiry, otherwise the ACME order runs the
 * configured challenge (HTTP-01, TLS-ALPN-01 or DNS-01; RFC 8555 §8, RFC 8737); the certificate is
 * stored and HTTPS is served. Alternative challenges are listed as notes.
 */
import { displayName, proxyId, routeCertResolver } from '../../model/queries.ts';
import type { TopologyModel } from '../../model/schema/index.ts';
import type { Fragment, Generator } from '../types.ts';
import { SequenceWriter, type Layer } from './sequence.ts';
import { oneLine } from './source.ts';

type Resolver = NonNullable<TopologyModel['tls']>['resolvers'][string];
type Challenge = Resolver['challenge'];

const CHALLENGE_NAMES: Record<Challenge, string> = { 'http-01': 'HTTP-01', 'tls-alpn-01': 'TLS-ALPN-01', 'dns-01': 'DNS-01' };
const CA_NAMES: Record<string, string> = { letsencrypt: "Let's Encrypt", zerossl: 'ZeroSSL', buypass: 'Buypass', google: 'Google Trust Services' };
/** Traefik renews ACME certificates 30 days before they expire unless told otherwise. */
const TRAEFIK_RENEW_BEFORE = '30d';
/** Domains named in a message before the rest are counted. */
const MAX_DOMAINS_INLINE = 3;

export const tlsFlowDiagrams: Generator = (t) =>
  Object.entries(t.tls?.resolvers ?? {}).map(([id, resolver]) => tlsFlow(t, id, resolver));

function tlsFlow(t: TopologyModel, resolverId: string, r: Resolver): Fragment {
  const proxy = proxyId(t);
  const proxyName = proxy !== undefined ? displayName(t, proxy) : 'Traefik';
  const ca = `${CA_NAMES[r.provider.toLowerCase()] ?? r.provider}${r.staging ? ' (staging)' : ''}`;
  const challenge = CHALLENGE_NAMES[r.challenge];
  const domains = resolverDomains(t, resolverId, r);
  const domainText = domains.length === 0 ? 'the routed domains' : domains.length <= MAX_DOMAINS_INLINE ? domains.join(', ') : `${domains.slice(0, MAX_DOMAINS_INLINE).join(', ')} and ${domains.length - MAX_DOMAINS_INLINE} more`;
  const sample = domains.find((d) => !d.startsWith('*.')) ?? domains[0]?.replace(/^\*\./, '') ?? '<domain>';
  const dnsName = (domains.find((d) => d.startsWith('*.'))?.slice(2) ?? sample);

  const title = oneLine(`TLS certificates: ${resolverId} (${ca}, ${challenge})`);
  const description = oneLine(
    `How ${proxyName} obtains, stores and renews certificates for ${domainText} from ${ca} with the ${challenge} challenge, then serves HTTPS.`,
  );

  const seq = new SequenceWriter(title, description);
  seq.participant('C', 'Client', 'actor');
  seq.participant('TR', proxyName);
  seq.participant('ST', `Certificate store ${r.storage.path}`);
  seq.participant('CA', `${ca} ACME`);
  const dnsProvider = r.dnsProvider ?? t.dns?.provider;
  if (r.challenge === 'dns-01') seq.participant('DNSP', `DNS provider${dnsProvider ? ` · ${dnsProvider}` : ''}`);
  const last = r.challenge === 'dns-01' ? 'DNSP' : 'CA';

  const layers = {
    startup: { color: 'grey', name: 'Startup', over: ['TR', 'ST'] },
    challenge: { color: 'blue', name: `${challenge} challenge`, over: ['TR', last] },
    serve: { color: 'purple', name: 'Serving HTTPS', over: ['C', 'TR'] },
  } satisfies Record<string, Layer>;

  seq.note(['C', last], `Resolver ${resolverId}: ${ca}, ${challenge}${r.wildcard ? ', wildcard' : ''} · ${domainText}`);

  // ---- startup: read the store
  seq.layer(layers.startup);
  seq.message('TR', 'TR', `Read static configuration: resolver ${resolverId}${r.emailVariable ? `, account e-mail from ${r.emailVariable}` : ''}`);
  const storage = [r.storage.volume && `volume ${r.storage.volume}`, r.storage.permissions && `mode ${r.storage.permissions}`].filter(Boolean);
  seq.message('TR', 'ST', `Load ${r.storage.path}${storage.length ? ` (${storage.join(', ')})` : ''}`);
  seq.message('ST', 'TR', 'ACME account and stored certificates', true);
  seq.closeLayer();

  // ---- certificate check
  const before = r.renewal?.before ?? TRAEFIK_RENEW_BEFORE;
  seq.branch(
    'A valid certificate is in the store',
    () => {
      seq.message('TR', 'TR', 'Use the stored certificate');
      if (r.renewal?.automatic === false) {
        seq.note(['TR'], 'Automatic renewal is off: renew by hand before the certificate expires');
        return;
      }
      seq.block('loop', 'Every 24 h: check expiry', () =>
        seq.block('opt', `Expires within ${before}${r.renewal?.before ? '' : ' (Traefik default)'}`, () => {
          seq.message('TR', 'CA', `Renew with ${challenge} (same challenge as a new order)`);
          seq.message('CA', 'TR', 'Renewed certificate', true);
          seq.message('TR', 'ST', `Save to ${r.storage.path}`);
        }),
      );
    },
    'No certificate yet',
  );
  seq.message('TR', 'CA', `New order for ${domainText}`);
  seq.message('CA', 'TR', `${challenge} challenge with a token`, true);
  seq.layer(layers.challenge);
  writeChallenge(seq, t, r, sample, dnsName);
  seq.closeLayer();
  seq.message('TR', 'CA', 'Finalize the order (CSR)');
  seq.message('CA', 'TR', `Certificate issued${r.wildcard ? ' (wildcard)' : ''}`, true);
  seq.message('TR', 'ST', `Save to ${r.storage.path}${r.storage.permissions ? ` (mode ${r.storage.permissions})` : ''}`);

  // What follows holds for both branches. Alternatives are documented, not active: notes.
  seq.closeBranches();
  for (const alt of r.alternativeChallenges ?? []) {
    if (alt !== r.challenge) seq.note(['TR', last], `Alternative: ${CHALLENGE_NAMES[alt]}: ${challengeSummary(alt, t, r)}`);
  }
  seq.layer(layers.serve);
  const https = httpsEntrypoint(t, resolverId);
  seq.message('C', 'TR', `TLS handshake for ${sample} (SNI) on :${https?.port ?? 443}`);
  seq.message('TR', 'C', `Certificate for ${sample}${t.tls?.minVersion ? `, TLS ≥ ${t.tls.minVersion}` : ''}`, true);
  seq.message('C', 'TR', 'HTTPS requests');
  const content = seq.finish(['C', last]);
  return { name: `tls-${resolverId}`, kind: 'mermaid', title, description, file: `tls-${resolverId}.mmd`, content };
}

function writeChallenge(seq: SequenceWriter, t: TopologyModel, r: Resolver, domain: string, dnsName: string): void {
  switch (r.challenge) {
    case 'http-01': {
      const ep = challengeEntrypoint(t, r);
      seq.message('TR', 'TR', `Serve the key authorization at /.well-known/acme-challenge/<token> on ${ep.name} :${ep.port}`);
      seq.message('CA', 'TR', `GET http://${domain}/.well-known/acme-challenge/<token> (port ${ep.port})`);
      seq.message('TR', 'CA', 'Key authorization', true);
      break;
    }
    case 'tls-alpn-01': {
      const port = httpsEntrypoint(t, undefined)?.port ?? 443;
      seq.message('CA', 'TR', `TLS handshake to ${domain}:${port} with ALPN acme-tls/1`);
      seq.message('TR', 'CA', 'Self-signed challenge certificate with the acmeIdentifier extension', true);
      break;
    }
    case 'dns-01': {
      const provider = r.dnsProvider ?? t.dns?.provider ?? 'the DNS provider';
      seq.message('TR', 'DNSP', `Create TXT _acme-challenge.${dnsName} via the ${provider} API`);
      seq.message('CA', 'DNSP', `Look up TXT _acme-challenge.${dnsName}`);
      seq.message('DNSP', 'CA', 'TXT record value', true);
      seq.message('TR', 'DNSP', 'Remove the TXT record');
      break;
    }
  }
  seq.message('CA', 'TR', 'Challenge valid', true);
}

function challengeSummary(c: Challenge, t: TopologyModel, r: Resolver): string {
  switch (c) {
    case 'http-01':
      return `token served at /.well-known/acme-challenge/ on port ${challengeEntrypoint(t, r).port}`;
    case 'tls-alpn-01':
      return `TLS handshake with ALPN acme-tls/1 on port ${httpsEntrypoint(t, undefined)?.port ?? 443}, no HTTP or DNS change`;
    case 'dns-01':
      return `TXT record _acme-challenge via the DNS provider's API; needed for wildcards`;
  }
}

/** The entrypoint answering HTTP-01: the declared one, else the first exposed plain-HTTP one. */
function challengeEntrypoint(t: TopologyModel, r: Resolver): { name: string; port: number } {
  const eps = Object.entries(t.entrypoints ?? {});
  const named = r.challengeEntrypoint !== undefined ? eps.find(([n]) => n === r.challengeEntrypoint) : undefined;
  const pick = named ?? eps.find(([, e]) => e.protocol === 'http' && e.exposed);
  return pick ? { name: pick[0], port: pick[1].published ?? pick[1].port } : { name: 'web', port: 80 };
}

/** The HTTPS entrypoint: the one defaulting to this resolver, else the first `https` one. */
function httpsEntrypoint(t: TopologyModel, resolverId: string | undefined): { name: string; port: number } | undefined {
  const eps = Object.entries(t.entrypoints ?? {});
  const pick = eps.find(([, e]) => e.protocol === 'https' && e.certResolver === resolverId && resolverId !== undefined) ?? eps.find(([, e]) => e.protocol === 'https');
  return pick ? { name: pick[0], port: pick[1].published ?? pick[1].port } : undefined;
}

/** Hosts of the routes this resolver serves, plus the DNS wildcards for a wildcard resolver. */
function resolverDomains(t: TopologyModel, resolverId: string, r: Resolver): string[] {
  const hosts = Object.values(t.routes ?? {})
    .filter((route) => routeCertResolver(t, route) === resolverId)
    .map((route) => route.host);
  const wildcards = r.wildcard ? (t.dns?.domains ?? []).map((d) => d.name).filter((n) => n.startsWith('*.')) : [];
  return [...new Set([...wildcards, ...hosts])];
}
