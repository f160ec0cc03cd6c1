/** What every report format is built from, and the verdict (exit code) of a check run. */
import type { Diagnostic } from '../model/diagnostics.ts';
import { failsSecurity } from '../security/review.ts';
import type { FailOn } from '../security/types.ts';
import type { SystemResult } from './load-system.ts';

export interface CheckReport {
  systems: SystemResult[];
  /** Present with `--security`: the lowest severity of security findings that fails the check. */
  security?: { failOn: FailOn };
}

export interface Tally {
  errors: number;
  warnings: number;
  notes: number;
}

export function tally(findings: readonly Diagnostic[]): Tally {
  const out = { errors: 0, warnings: 0, notes: 0 };
  for (const f of findings) {
    if (f.severity === 'error') out.errors++;
    else if (f.severity === 'warning') out.warnings++;
    else out.notes++;
  }
  return out;
}

/**
 * Errors, and warnings of drift rules, fail the check. Warnings of the compose loader and the Traefik
 * reader (an unset variable, an ignored label) and notes (unverifiable facts) are shown but do not.
 */
export function isDrift(finding: Diagnostic): boolean {
  if (isSecurityFinding(finding)) return false;
  return finding.severity === 'error' || (finding.severity === 'warning' && finding.rule.startsWith('drift/'));
}

/** Findings of the security review (`--security`), judged by `--fail-on` rather than as drift. */
export function isSecurityFinding(finding: Diagnostic): boolean {
  return finding.rule.startsWith('security/');
}

export function hasDrift(system: SystemResult): boolean {
  return system.status === 'checked' && system.findings.some(isDrift);
}

/** Whether the system's security findings fail the check at `failOn`. */
export function failsSecurityReview(system: SystemResult, failOn: FailOn): boolean {
  return system.status === 'checked' && system.findings.some((f) => failsSecurity(f, failOn));
}

/** Whether the system fails the check: drift, or (with `--security`) security findings at or above `--fail-on`. */
export function systemFails(system: SystemResult, report: Pick<CheckReport, 'security'>): boolean {
  return hasDrift(system) || (report.security !== undefined && failsSecurityReview(system, report.security.failOn));
}

/** 0 clean, 1 drift or failed security checks, 2 invalid input (a topology or compose project that could not be read). */
export function exitCode(report: CheckReport): 0 | 1 | 2 {
  if (report.systems.some((s) => s.status === 'invalid')) return 2;
  return report.systems.some((s) => systemFails(s, report)) ? 1 : 0;
}
