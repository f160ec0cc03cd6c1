/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one run, the rules used
 * with their short description, one result per finding with its location (repository-relative URI
 * under `%SRCROOT%`), related locations, and a fingerprint without line numbers, so an alert survives
 * edits above it and rule ids and paths stay stable across runs.
 */
import { createHash } from 'node:crypto';
import type { SourceLoc } from '../model/diagnostics.ts';
import type { CheckReport } from './report.ts';
import { ruleInfo } from './rules.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL = { error: 'error', warning: 'warning', note: 'note' } as const;

export interface SarifOptions {
  toolVersion: string;
  /** Repository-relative path, with `/`, of a path as printed in findings. */
  uriOf: (file: string) => string;
  /** Absolute URL of a docs-site path (`/reference/security/docker-socket/`), for rules' `helpUri`. */
  docsUrl?: (path: string) => string;
}

export function sarifReport(report: CheckReport, options: SarifOptions): string {
  const findings = report.systems.flatMap((s) => s.findings.map((f) => ({ system: s.id, finding: f })));
  const ruleIds = [...new Set(findings.map(({ finding }) => finding.rule))].sort();
  const rules = ruleIds.map((id) => {
    const info = ruleInfo(id);
    const rule: Record<string, unknown> = { id, shortDescription: { text: info.description } };
    if (info.rationale) rule.fullDescription = { text: info.rationale };
    if (info.fix) rule.help = { text: info.fix, markdown: info.fix };
    if (info.docsPath && options.docsUrl) rule.helpUri = options.docsUrl(info.docsPath);
    if (id.startsWith('security/')) rule.properties = { tags: ['security'] };
    rule.defaultConfiguration = { level: LEVEL[info.severity] };
    return rule;
  });
  const location = (loc: SourceLoc) => ({
    physicalLocation: {
      artifactLocation: { uri: options.uriOf(loc.file), uriBaseId: '%SRCROOT%' },
      region: { startLine: loc.line, startColumn: loc.column },
    },
  });
  const results = findings.map(({ system, finding }) => {
    const result: Record<string, unknown> = {
      ruleId: finding.rule,
      ruleIndex: ruleIds.indexOf(finding.rule),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
    };
    if (finding.loc) result.locations = [location(finding.loc)];
    if (finding.related?.length) {
      result.relatedLocations = finding.related.map((r, index) => ({ id: index + 1, ...location(r.loc), message: { text: r.message } }));
    }
    const uri = finding.loc ? options.uriOf(finding.loc.file) : '';
    result.partialFingerprints = { 'topodocFinding/v1': fingerprint([system, finding.rule, uri, finding.message]) };
    return result;
  });
  const sarif = {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: { driver: { name: 'topodoc', version: options.toolVersion, semanticVersion: options.toolVersion, rules } },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function fingerprint(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
