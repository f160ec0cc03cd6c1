/**
 * Adapter: the security review of one system for its site page, run exactly as
 * `topodoc check --security` runs it (same compose loading, same redaction of `.env` values), with
 * paths relative to the project root. The process environment is not read: the topology's
 * `compose.envFile` supplies the variables, as in CI.
 */
import { checkTopology } from '../check/load-system.ts';
import type { LoadedTopology } from '../io/topology-files.ts';
import type { SiteSecurityReview } from './security-review.ts';

export function siteSecurityReview(loaded: LoadedTopology, root: string): SiteSecurityReview | undefined {
  if (!loaded.topology?.compose) return undefined;
  let result;
  try {
    result = checkTopology(loaded, { cwd: root, env: {}, security: true });
  } catch (err) {
    return { status: 'unavailable', reason: `${(err as Error).message.split('\n', 1)[0]}.` };
  }
  if (result.status !== 'checked' || !result.securityChecks) {
    const first = result.findings.find((f) => f.severity === 'error');
    return { status: 'unavailable', reason: first ? `${first.loc ? `${first.loc.file}:${first.loc.line}: ` : ''}${first.message}.` : 'the compose files could not be loaded.' };
  }
  const findings = result.findings;
  return {
    status: 'reviewed',
    composeFiles: result.composeFiles,
    checks: result.securityChecks.map((c) => ({ ...c, findings: findings.filter((f) => f.rule === c.rule) })),
  };
}
