/**
 * The human report: findings grouped by system, each as `file:line:col: severity: message [rule]` with
 * the matching place on the other side below it, then one summary line. No source excerpts: a compose
 * line may hold a credential.
 */
import { formatDiagnostic, paint, plural, type Io } from '../cli/output.ts';
import type { SystemResult } from './load-system.ts';
import { hasDrift, tally, type CheckReport } from './report.ts';

export function textReport(report: CheckReport, io: Pick<Io, 'color'>): string {
  const blocks = report.systems.map((s) => systemBlock(s, io));
  return `${blocks.join('\n')}\n${summary(report, io)}\n`;
}

function systemBlock(system: SystemResult, io: Pick<Io, 'color'>): string {
  const counts = tally(system.findings);
  const mark =
    system.status === 'invalid'
      ? paint(io, 'red', '✗')
      : system.status === 'skipped'
        ? paint(io, 'dim', '-')
        : hasDrift(system)
          ? paint(io, counts.errors > 0 ? 'red' : 'yellow', '✗')
          : paint(io, 'green', '✓');
  const state =
    system.status === 'invalid'
      ? 'invalid input, not checked'
      : system.status === 'skipped'
        ? 'skipped'
        : hasDrift(system)
          ? [counts.errors ? plural(counts.errors, 'error') : '', counts.warnings ? plural(counts.warnings, 'warning') : '', counts.notes ? plural(counts.notes, 'note') : ''].filter(Boolean).join(', ')
          : `no drift${counts.notes ? ` (${plural(counts.notes, 'note')})` : ''}`;
  const lines = [`${mark} ${paint(io, 'bold', system.id)}  ${system.topology}: ${state}`];
  if (system.composeFiles.length > 0) lines.push(`  ${paint(io, 'dim', `compose: ${system.composeFiles.join(', ')}`)}`);
  for (const finding of system.findings) lines.push(formatDiagnostic(finding, io).replace(/^/gm, '  '));
  return `${lines.join('\n')}\n`;
}

function summary(report: CheckReport, io: Pick<Io, 'color'>): string {
  const checked = report.systems.filter((s) => s.status === 'checked');
  const drifted = checked.filter(hasDrift);
  const invalid = report.systems.filter((s) => s.status === 'invalid');
  const skipped = report.systems.filter((s) => s.status === 'skipped');
  const counts = tally(checked.flatMap((s) => s.findings));
  const parts = [`${plural(checked.length, 'system')} checked`];
  if (drifted.length > 0) parts.push(`${drifted.length} with drift (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')})`);
  else if (checked.length > 0) parts.push('no drift');
  if (counts.notes > 0) parts.push(plural(counts.notes, 'note'));
  if (skipped.length > 0) parts.push(`${skipped.length} skipped`);
  if (invalid.length > 0) parts.push(`${invalid.length} not checked (invalid input)`);
  const style = invalid.length > 0 || counts.errors > 0 ? 'red' : drifted.length > 0 ? 'yellow' : 'green';
  return paint(io, style, `${parts.join('; ')}.`);
}
