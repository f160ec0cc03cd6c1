/**
 * The drift rules with a short description each (SARIF rule metadata, `--help`). Rule ids are part of
 * the interface: CI annotations and code-scanning alerts are keyed on them, so they never change.
 */
import type { Severity } from '../model/diagnostics.ts';
import { securityRule } from '../security/catalog.ts';
import { ruleDocsPath } from '../security/paths.ts';

export interface RuleInfo {
  id: string;
  description: string;
  /** Severity most findings of the rule have. */
  severity: Severity;
  /** Why the rule exists (security rules). */
  rationale?: string;
  /** How to fix a finding (security rules). */
  fix?: string;
  /** Root-relative path of the rule's page on the docs site (security rules). */
  docsPath?: string;
}

const rule = (id: string, severity: Severity, description: string): RuleInfo => ({ id, severity, description });

export const DRIFT_RULES: readonly RuleInfo[] = [
  rule('drift/service-missing', 'error', 'A topology service is in none of the compose files.'),
  rule('drift/service-extra', 'error', 'A compose service is not in the topology.'),
  rule('drift/port-undeclared', 'error', 'Compose exposes or publishes a container port the topology does not list.'),
  rule('drift/port-protocol', 'error', 'A container port uses another protocol (tcp/udp) in compose than in the topology.'),
  rule('drift/port-unverifiable', 'note', 'A topology port appears nowhere in compose; the image decides.'),
  rule('drift/published-port-undeclared', 'error', 'Compose publishes a port on the host that the topology does not declare published.'),
  rule('drift/published-port-missing', 'error', 'The topology declares a published port that compose does not publish.'),
  rule('drift/published-port-mismatch', 'error', 'A container port is published on another host port than the topology says.'),
  rule('drift/published-port-host-ip', 'error', 'A port is published on other host addresses than the topology says.'),
  rule('drift/network-missing', 'error', 'A topology network is not declared in compose.'),
  rule('drift/network-extra', 'error', 'A compose network is not in the topology.'),
  rule('drift/network-external', 'error', 'A network is external on one side only.'),
  rule('drift/network-internal', 'error', 'A network is internal on one side only.'),
  rule('drift/network-name', 'error', 'A network has another Docker name in compose than in the topology.'),
  rule('drift/network-driver', 'error', 'A network uses another driver in compose than in the topology.'),
  rule('drift/network-subnet', 'error', 'A network has another IPAM subnet in compose than in the topology.'),
  rule('drift/network-membership', 'error', 'A service joins other networks in compose than in the topology.'),
  rule('drift/route-missing', 'error', 'A topology route has no Traefik router in compose.'),
  rule('drift/route-extra', 'error', 'A Traefik router in compose is not in the topology.'),
  rule('drift/route-name', 'warning', 'A route matches a router of another name.'),
  rule('drift/route-host', 'error', 'A router matches other hosts than its topology route.'),
  rule('drift/route-path', 'error', 'A router matches another path than its topology route.'),
  rule('drift/route-entrypoints', 'error', 'A router listens on other entrypoints than its topology route.'),
  rule('drift/route-tls', 'error', 'A router terminates TLS on one side only.'),
  rule('drift/route-cert-resolver', 'error', 'A router uses another certificate resolver than its topology route.'),
  rule('drift/route-middlewares', 'error', 'A router runs other middlewares, or in another order, than its topology route.'),
  rule('drift/route-service', 'error', 'A router sends traffic to another service than its topology route.'),
  rule('drift/route-port', 'error', 'A router targets another container port than its topology route.'),
  rule('drift/redirect', 'error', 'An entrypoint or route redirects differently in compose than in the topology.'),
  rule('drift/middleware-missing', 'error', 'A topology middleware is not declared in compose.'),
  rule('drift/middleware-extra', 'error', 'A middleware declared in compose is not in the topology.'),
  rule('drift/middleware-type', 'error', 'A middleware has another type in compose than in the topology.'),
  rule('drift/middleware-setting', 'error', 'A middleware setting differs between compose and the topology.'),
  rule('drift/healthcheck', 'error', 'A health check differs between compose and the topology.'),
  rule('drift/depends-on', 'error', 'A start-up dependency or its condition differs between compose and the topology.'),
  rule('drift/volume', 'error', 'A mount or named volume differs between compose and the topology.'),
  rule('drift/user', 'error', 'A service runs as another user in compose than in the topology.'),
  rule('drift/image', 'error', 'A service uses another image in compose than in the topology.'),
  rule('drift/build', 'error', 'A service is built from another context, Dockerfile or target stage in compose than in the topology, or built on one side only.'),
  rule('drift/restart', 'error', 'A service has another restart policy in compose than in the topology.'),
  rule('drift/container-name', 'error', 'A service has another container name in compose than in the topology.'),
  rule('drift/environment', 'error', 'A service sets other environment variables (by name) in compose than the topology lists.'),
  rule('drift/resources', 'error', 'A service has other resource limits in compose than in the topology.'),
  rule('drift/entrypoint-missing', 'error', 'A topology entrypoint is not in Traefik\'s static configuration.'),
  rule('drift/entrypoint-extra', 'error', 'A Traefik entrypoint is not in the topology.'),
  rule('drift/entrypoint-port', 'error', 'An entrypoint listens on another port than the topology says.'),
  rule('drift/entrypoint-protocol', 'error', 'An entrypoint listens on another protocol (TCP/UDP) than the topology says.'),
  rule('drift/entrypoint-published', 'error', 'An entrypoint is published on the host differently than the topology says.'),
  rule('drift/entrypoint-cert-resolver', 'error', 'An entrypoint has another default certificate resolver than the topology says.'),
  rule('drift/entrypoint-unverifiable', 'note', 'Compose holds no Traefik static configuration to compare entrypoints with.'),
  rule('drift/cert-resolver-missing', 'error', 'A topology certificate resolver is not in Traefik\'s static configuration.'),
  rule('drift/cert-resolver-extra', 'error', 'A Traefik certificate resolver is not in the topology.'),
  rule('drift/cert-resolver-challenge', 'error', 'A certificate resolver uses another ACME challenge than the topology says.'),
  rule('drift/cert-resolver-ca', 'error', 'A certificate resolver uses the staging CA on one side only.'),
  rule('drift/cert-resolver-storage', 'error', 'A certificate resolver stores certificates elsewhere than the topology says.'),
  rule('check/no-compose', 'note', 'The topology names no compose files, so it is not checked.'),
];

const BY_ID = new Map(DRIFT_RULES.map((r) => [r.id, r]));

/** Metadata for any rule id a report may contain, including surfaced `traefik/…` and `compose/…` findings. */
export function ruleInfo(id: string): RuleInfo {
  const known = BY_ID.get(id);
  if (known) return known;
  const security = securityRule(id);
  if (security) {
    return { id, severity: security.severity, description: `${security.title}.`, rationale: security.rationale, fix: security.fix, docsPath: ruleDocsPath(id) };
  }
  const [area, name = id] = id.split('/', 2);
  const words = name.replace(/-/g, ' ');
  if (area === 'traefik') return { id, severity: 'error', description: `Traefik configuration read from compose: ${words}.` };
  if (area === 'compose') return { id, severity: 'error', description: `Compose file problem: ${words}.` };
  return { id, severity: 'error', description: `${area} problem: ${words}.` };
}
