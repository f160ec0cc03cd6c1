/**
 * The Drift page's data: the latest `topodoc check --format json` report, read tolerantly (a
 * report from an older or newer topodoc still shows what it can). Pure; the loader reads the file.
 */
import { mdCell, mdCode, mdTable, mdText } from '../views/escape.ts';
import type { Href } from './system-pages.ts';
import { systemPath } from './urls.ts';

export interface DriftFinding {
  severity: 'error' | 'warning' | 'note';
  rule: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  path?: string;
  expected?: string;
  found?: string;
}

export interface DriftSystem {
  id: string;
  topology?: string;
  status?: string;
  composeFiles: string[];
  findings: DriftFinding[];
}

export interface DriftReport {
  systems: DriftSystem[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function finding(v: unknown): DriftFinding | undefined {
  if (!isRecord(v)) return undefined;
  const message = str(v['message']);
  if (!message) return undefined;
  const loc = isRecord(v['loc']) ? v['loc'] : v;
  const severity = v['severity'] === 'error' || v['severity'] === 'warning' || v['severity'] === 'note' ? v['severity'] : 'warning';
  return {
    severity,
    rule: str(v['rule']) ?? 'drift',
    message,
    file: str(loc['file']),
    line: num(loc['line']),
    column: num(loc['column']),
    path: str(v['path']),
    expected: str(v['expected']),
    found: str(v['found']),
  };
}

function findingsOf(v: Record<string, unknown>): DriftFinding[] {
  const list = Array.isArray(v['findings']) ? v['findings'] : Array.isArray(v['diagnostics']) ? v['diagnostics'] : [];
  // Security findings (`check --security`) have their own section on each system's security page.
  return list.map(finding).filter((f): f is DriftFinding => f !== undefined && !f.rule.startsWith('security/'));
}

/** Reads a parsed report; throws with a readable message when it is not a check report at all. */
export function normalizeCheckReport(json: unknown): DriftReport {
  if (!isRecord(json)) throw new Error('the check report is not a JSON object');
  if (Array.isArray(json['systems'])) {
    const systems = json['systems'].filter(isRecord).map((s): DriftSystem => ({
      id: str(s['id']) ?? str(s['topology']) ?? str(s['file']) ?? 'unknown',
      topology: str(s['topology']) ?? str(s['file']),
      status: str(s['status']),
      composeFiles: Array.isArray(s['composeFiles']) ? s['composeFiles'].filter((f): f is string => typeof f === 'string') : [],
      findings: findingsOf(s),
    }));
    return { systems };
  }
  if (Array.isArray(json['findings']) || Array.isArray(json['diagnostics'])) return { systems: [{ id: 'all systems', composeFiles: [], findings: findingsOf(json) }] };
  throw new Error('the check report has neither "systems" nor "findings"');
}

const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 } as const;

export function driftMarkdown(report: DriftReport, reportName: string, knownSystems: ReadonlySet<string>, href: Href): string {
  const all = report.systems.flatMap((s) => s.findings);
  const count = (sev: DriftFinding['severity']) => all.filter((f) => f.severity === sev).length;
  const out: string[] = [];
  const drift = count('error') + count('warning');
  out.push(
    drift === 0
      ? `**No drift.** The compose files agree with the topologies of ${report.systems.length} system${report.systems.length === 1 ? '' : 's'}.`
      : `**${drift} finding${drift === 1 ? '' : 's'}** where the compose files and the topologies disagree: ${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}${count('note') ? `, ${count('note')} note${count('note') === 1 ? '' : 's'}` : ''}.`,
    '',
    `From ${mdCode(reportName)}, the result of the last \`topodoc check\` the site was built with.`,
  );
  out.push('', mdTable(['System', 'Status', 'Errors', 'Warnings', 'Notes'], report.systems.map((s) => [systemLink(s.id, knownSystems, href), mdCell(s.status), ...(['error', 'warning', 'note'] as const).map((sev) => String(s.findings.filter((f) => f.severity === sev).length))])));
  for (const s of report.systems) {
    out.push('', `## ${mdText(s.id)}`);
    const meta = [s.topology ? `Topology ${mdCode(s.topology)}` : '', s.composeFiles.length ? `compose ${s.composeFiles.map(mdCode).join(', ')}` : ''].filter(Boolean).join('; ');
    if (meta) out.push('', `${meta}.`);
    if (s.findings.length === 0) {
      out.push('', 'No findings.');
      continue;
    }
    const sorted = [...s.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
    out.push(
      '',
      mdTable(
        ['Severity', 'Where', 'Finding', 'Expected', 'Found'],
        sorted.map((f) => [
          f.severity === 'error' ? '**error**' : f.severity,
          f.file ? mdCode(`${f.file}${f.line ? `:${f.line}` : ''}`) : '–',
          // Plain text: messages quote compose content (router names, rules), which must not become links or markup.
          `${mdText(f.message)} ${mdCode(f.rule)}`,
          mdCell(f.expected),
          mdCell(f.found),
        ]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function systemLink(id: string, known: ReadonlySet<string>, href: Href): string {
  return known.has(id) ? `[${mdText(id)}](${href(systemPath(id))})` : mdText(id);
}

/** The page shown when no report is present: how to produce one. */
export function driftHowToMarkdown(reportName: string): string {
  return [
    'No drift report was found when the site was built, so this page cannot say whether the running compose files still match the topologies.',
    '',
    '`topodoc check` compares every topology with the compose files it names (`compose.files`) and reports each difference with the file and line on both sides. To show its result here, write it as JSON before building the site:',
    '',
    '```sh',
    `npx topodoc check --format json > ${reportName}`,
    'npm run build',
    '```',
    '',
    'The site reads `public/check-report.json` by default; set `TOPODOC_CHECK_REPORT` to read another file (for example the artifact of a CI job).',
    'In CI, run the check on every pull request so that a compose change without a topology change (or the reverse) is caught before it is merged.',
  ].join('\n');
}
