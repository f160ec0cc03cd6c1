/** What every report format is built from, and the verdict (exit code) of a check run. */
import type { Diagnostic } from '../model/diagnostics.ts';
import type { SystemResult } from './load-system.ts';

export interface CheckReport {
  systems: SystemResult[];
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
  return finding.severity === 'error' || (finding.severity === 'warning' && finding.rule.startsWith('drift/'));
}

export function hasDrift(system: SystemResult): boolean {
  return system.status === 'checked' && system.findings.some(isDrift);
}

/** 0 clean, 1 drift, 2 invalid input (a topology or compose project that could not be read). */
export function exitCode(report: CheckReport): 0 | 1 | 2 {
  if (report.systems.some((s) => s.status === 'invalid')) return 2;
  return report.systems.some(hasDrift) ? 1 : 0;
}
