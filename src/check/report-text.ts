/**
 * The human report: findings grouped by system, each as `file:line:col: severity: message [rule]` with
 * the matching place on the other side below it, then one summary line. With `--security`, each
 * system's security findings follow its drift findings under their own heading, with the count of
 * checks passed. No source excerpts: a compose line may hold a credential.
 */
import { formatDiagnostic, paint, plural, type Io } from '../cli/output.ts';
import type { SystemResult } from './load-system.ts';
import { failsSecurityReview, hasDrift, isSecurityFinding, systemFails, tally, type CheckReport } from './report.ts';

export function textReport(report: CheckReport, io: Pick<Io, 'color'>): string {
  const blocks = report.systems.map((s) => systemBlock(s, report, io));
  return `${blocks.join('\n')}\n${summary(report, io)}\n`;
}

function counts(findings: SystemResult['findings']): string {
  const c = tally(findings);
  return [c.errors ? plural(c.errors, 'error') : '', c.warnings ? plural(c.warnings, 'warning') : '', c.notes ? plural(c.notes, 'note') : ''].filter(Boolean).join(', ');
}

function systemBlock(system: SystemResult, report: CheckReport, io: Pick<Io, 'color'>): string {
  const driftFindings = system.findings.filter((f) => !isSecurityFinding(f));
  const securityFindings = system.findings.filter(isSecurityFinding);
  const driftCounts = tally(driftFindings);
  const fails = systemFails(system, report);
  const mark =
    system.status === 'invalid'
      ? paint(io, 'red', '✗')
      : system.status === 'skipped'
        ? paint(io, 'dim', '-')
        : fails
          ? paint(io, driftCounts.errors > 0 || tally(securityFindings).errors > 0 ? 'red' : 'yellow', '✗')
          : paint(io, 'green', '✓');
  let state =
    system.status === 'invalid'
      ? 'invalid input, not checked'
      : system.status === 'skipped'
        ? 'skipped'
        : hasDrift(system)
          ? counts(driftFindings)
          : `no drift${driftCounts.notes ? ` (${plural(driftCounts.notes, 'note')})` : ''}`;
  if (system.securityChecks) state += `; ${securityState(system)}`;
  const lines = [`${mark} ${paint(io, 'bold', system.id)}  ${system.topology}: ${state}`];
  if (system.composeFiles.length > 0) lines.push(`  ${paint(io, 'dim', `compose: ${system.composeFiles.join(', ')}`)}`);
  for (const finding of driftFindings) lines.push(formatDiagnostic(finding, io).replace(/^/gm, '  '));
  if (system.securityChecks && securityFindings.length > 0) {
    lines.push(`  ${paint(io, 'bold', 'Security review')}`);
    for (const finding of securityFindings) lines.push(formatDiagnostic(finding, io).replace(/^/gm, '  '));
  }
  return `${lines.join('\n')}\n`;
}

function securityState(system: SystemResult): string {
  const checks = system.securityChecks ?? [];
  const applied = checks.filter((c) => c.status !== 'not-applicable');
  const failed = applied.filter((c) => c.status === 'failed');
  if (failed.length === 0) return `security: all ${applied.length} checks passed`;
  return `security: ${failed.length} of ${applied.length} checks failed (${counts(system.findings.filter(isSecurityFinding))})`;
}

function summary(report: CheckReport, io: Pick<Io, 'color'>): string {
  const checked = report.systems.filter((s) => s.status === 'checked');
  const drifted = checked.filter(hasDrift);
  const invalid = report.systems.filter((s) => s.status === 'invalid');
  const skipped = report.systems.filter((s) => s.status === 'skipped');
  const drift = tally(checked.flatMap((s) => s.findings.filter((f) => !isSecurityFinding(f))));
  const parts = [`${plural(checked.length, 'system')} checked`];
  if (drifted.length > 0) parts.push(`${drifted.length} with drift (${plural(drift.errors, 'error')}, ${plural(drift.warnings, 'warning')})`);
  else if (checked.length > 0) parts.push('no drift');
  if (drift.notes > 0) parts.push(plural(drift.notes, 'note'));
  let securityFails = false;
  if (report.security) {
    const failOn = report.security.failOn;
    const failing = checked.filter((s) => failsSecurityReview(s, failOn));
    const sec = tally(checked.flatMap((s) => s.findings.filter(isSecurityFinding)));
    securityFails = failing.length > 0;
    parts.push(
      failing.length > 0
        ? `security: ${failing.length} failing at --fail-on ${failOn} (${plural(sec.errors, 'error')}, ${plural(sec.warnings, 'warning')}, ${plural(sec.notes, 'note')})`
        : `security: none failing at --fail-on ${failOn}${sec.errors + sec.warnings + sec.notes > 0 ? ` (${plural(sec.errors, 'error')}, ${plural(sec.warnings, 'warning')}, ${plural(sec.notes, 'note')})` : ''}`,
    );
  }
  if (skipped.length > 0) parts.push(`${skipped.length} skipped`);
  if (invalid.length > 0) parts.push(`${invalid.length} not checked (invalid input)`);
  const style = invalid.length > 0 || drift.errors > 0 ? 'red' : drifted.length > 0 || securityFails ? 'yellow' : 'green';
  return paint(io, style, `${parts.join('; ')}.`);
}
