/**
 * GitHub Actions workflow commands (actions/toolkit core/src/command.ts): one
 * `::error file=F,line=L,col=C,title=T::message` line per finding (`warning`, `notice` for the other
 * severities), followed by the full text report, because GitHub shows only the first annotations of a step.
 */
import type { Diagnostic } from '../model/diagnostics.ts';
import { textReport } from './report-text.ts';
import type { CheckReport } from './report.ts';

/** Message data: `%`, CR and LF are escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values: as data, plus `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

export function annotation(finding: Diagnostic): string {
  const props: string[] = [];
  if (finding.loc) {
    props.push(`file=${escapeProperty(finding.loc.file)}`, `line=${finding.loc.line}`, `col=${finding.loc.column}`);
  }
  props.push(`title=${escapeProperty(`topodoc ${finding.rule}`)}`);
  const related = (finding.related ?? []).map((r) => `${r.loc.file}:${r.loc.line}:${r.loc.column}: ${r.message}`);
  const message = [finding.message, ...related].join('\n');
  return `::${COMMAND[finding.severity]} ${props.join(',')}::${escapeData(message)}`;
}

export function githubReport(report: CheckReport): string {
  const lines = report.systems.flatMap((s) => s.findings.map(annotation));
  return `${lines.length ? `${lines.join('\n')}\n` : ''}${textReport(report, { color: false })}`;
}
