/**
 * Machine-readable report:
 * `{ systems: [{ id, topology, composeFiles, status, findings: [{ rule, severity, message, file, line, column, related }] }] }`,
 * plus, with `--security`, `securityChecks: [{ rule, status }]` per system and `security: { failOn }`;
 * `related` being `[{ message, file, line, column }]`; paths relative to the working directory.
 */
import type { Diagnostic } from '../model/diagnostics.ts';
import type { CheckReport } from './report.ts';

export interface JsonFinding {
  rule: string;
  severity: Diagnostic['severity'];
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  related: Array<{ message: string; file: string; line: number; column: number }>;
}

export function findingToJson(d: Diagnostic): JsonFinding {
  return {
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    file: d.loc?.file ?? null,
    line: d.loc?.line ?? null,
    column: d.loc?.column ?? null,
    related: (d.related ?? []).map((r) => ({ message: r.message, file: r.loc.file, line: r.loc.line, column: r.loc.column })),
  };
}

export function jsonReport(report: CheckReport): string {
  const systems = report.systems.map((s) => ({
    id: s.id,
    topology: s.topology,
    composeFiles: s.composeFiles,
    status: s.status,
    findings: s.findings.map(findingToJson),
    ...(s.securityChecks ? { securityChecks: s.securityChecks } : {}),
  }));
  return `${JSON.stringify(report.security ? { systems, security: report.security } : { systems }, null, 2)}\n`;
}
