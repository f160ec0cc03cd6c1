/**
 * Runs every security rule on one system and records, per rule, whether it passed, failed or had
 * nothing to look at. Pure; a rule that throws is a bug, reported as such rather than hidden.
 */
import { compareDiagnostics, type Diagnostic } from '../model/diagnostics.ts';
import type { SystemSources } from '../check/context.ts';
import { SECURITY_RULES } from './catalog.ts';
import { SecurityContext } from './context.ts';
import type { FailOn, RuleOutcome, SecurityReview } from './types.ts';

export function reviewSecurity(src: SystemSources): SecurityReview {
  const ctx = new SecurityContext(src);
  const outcomes: RuleOutcome[] = [];
  for (const rule of SECURITY_RULES) {
    if (rule.applies && !rule.applies(ctx)) {
      outcomes.push({ rule: rule.id, status: 'not-applicable', findings: [] });
      continue;
    }
    const before = ctx.findings.length;
    ctx.startRule(rule.id);
    rule.check(ctx);
    const findings = dedupe(ctx.findings.slice(before)).sort(compareDiagnostics);
    outcomes.push({ rule: rule.id, status: findings.length > 0 ? 'failed' : 'passed', findings });
  }
  return { outcomes, findings: outcomes.flatMap((o) => o.findings).sort(compareDiagnostics) };
}

function dedupe(findings: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.message}\u0000${f.loc?.file}:${f.loc?.line}:${f.loc?.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether a security finding fails `topodoc check --security --fail-on <failOn>` (notes never do). */
export function failsSecurity(finding: Diagnostic, failOn: FailOn): boolean {
  return finding.rule.startsWith('security/') && (finding.severity === 'error' || (failOn === 'warning' && finding.severity === 'warning'));
}
