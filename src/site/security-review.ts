/**
 * The security review on the docs site: per system, every rule of `topodoc check --security` with
 * whether the compose files pass it, the findings with their compose line, and the rationale and
 * fix; and one reference page per rule. Pure: the loader runs the review (it reads compose files).
 * Messages are shown as plain text: they quote compose content, which must not become markup. Rationales
 * and fixes are topodoc's own Markdown.
 */
import type { Diagnostic } from '../model/diagnostics.ts';
import { SECURITY_RULES } from '../security/catalog.ts';
import { ruleDocsPath, SECURITY_RULES_PATH } from '../security/paths.ts';
import type { CheckStatus, SecurityRule } from '../security/types.ts';
import { mdCode, mdTable, mdText } from '../views/escape.ts';
import type { Href } from './system-pages.ts';

/** The review of one system as the site shows it. */
export type SiteSecurityReview =
  | { status: 'reviewed'; composeFiles: string[]; checks: Array<{ rule: string; status: CheckStatus; findings: Diagnostic[] }> }
  | { status: 'unavailable'; reason: string };

const SEVERITY_LABEL = { error: 'error', warning: 'warning', note: 'note' } as const;
const byId = new Map(SECURITY_RULES.map((r) => [r.id, r]));

function where(d: Diagnostic): string {
  return d.loc ? mdCode(`${d.loc.file}:${d.loc.line}:${d.loc.column}`) : '–';
}

/** The "Security review" section of a system's security page (headings at level 2 and 3). */
export function securityReviewMarkdown(review: SiteSecurityReview, href: Href): string {
  const out: string[] = ['## Security review', ''];
  if (review.status === 'unavailable') {
    out.push(`The compose files could not be reviewed when the site was built: ${mdText(review.reason)} Run ${mdCode('npx topodoc check --security')} to see why.`);
    return `${out.join('\n')}\n`;
  }
  const applied = review.checks.filter((c) => c.status !== 'not-applicable');
  const failed = applied.filter((c) => c.status === 'failed');
  const findings = failed.flatMap((c) => c.findings);
  const count = (sev: Diagnostic['severity']) => findings.filter((f) => f.severity === sev).length;
  out.push(
    `What the compose files (${review.composeFiles.map(mdCode).join(', ')}) actually run, checked by ${mdCode('topodoc check --security')}: ` +
      (failed.length === 0
        ? `**all ${applied.length} checks pass**.`
        : `**${failed.length} of ${applied.length} checks fail** (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('note')} note${count('note') === 1 ? '' : 's'}).`),
    '',
    mdTable(
      ['Check', 'Result', 'Rule'],
      review.checks.map((c) => {
        const rule = byId.get(c.rule);
        const result = c.status === 'passed' ? '✅ passed' : c.status === 'not-applicable' ? '– not applicable' : `⚠️ ${c.findings.length} finding${c.findings.length === 1 ? '' : 's'}`;
        return [rule ? mdText(rule.title) : mdText(c.rule), result, `[${mdCode(c.rule)}](${href(ruleDocsPath(c.rule))})`];
      }),
    ),
  );
  for (const check of failed) {
    const rule = byId.get(check.rule);
    out.push('', `### ${mdText(rule?.title ?? check.rule)}`, '');
    if (rule) out.push(rule.rationale, '', `**Fix:** ${rule.fix}`, '');
    out.push(
      mdTable(
        ['Severity', 'Where', 'Finding'],
        check.findings.map((f) => [SEVERITY_LABEL[f.severity], where(f), mdText(f.message) + (f.related?.length ? `<br>${f.related.map((r) => `${mdText(r.message)}: ${mdCode(`${r.loc.file}:${r.loc.line}`)}`).join('<br>')}` : '')]),
      ),
    );
  }
  const passed = applied.filter((c) => c.status === 'passed');
  if (passed.length > 0) {
    out.push('', '### Checks passed', '');
    for (const c of passed) {
      const rule = byId.get(c.rule);
      out.push(`- ✅ ${mdText(rule?.title ?? c.rule)}: no finding. ${rule ? (rule.rationale.split(/(?<=\.)\s/)[0] ?? '') : ''}`.trimEnd());
    }
  }
  return `${out.join('\n')}\n`;
}

/** The page of one rule: what it checks, why, how to fix it, and the KICS queries it corresponds to. */
export function securityRuleMarkdown(rule: SecurityRule, href: Href): string {
  const out = [
    `**Rule** ${mdCode(rule.id)} · **default severity** ${rule.severity}`,
    '',
    '## Why it matters',
    '',
    rule.rationale,
    '',
    '## How to fix it',
    '',
    rule.fix,
    '',
    '## How to run it',
    '',
    'Every pull request can run the review with the drift check; findings carry the compose line and the topology line:',
    '',
    '```sh',
    'npx topodoc check --security                   # fails on errors',
    'npx topodoc check --security --fail-on warning # fails on warnings too',
    '```',
  ];
  if (rule.kics.length > 0) {
    out.push('', '## Corresponding scanner checks', '', `KICS Docker Compose queries covering the same ground: ${rule.kics.map(mdCode).join(', ')}.`);
  }
  out.push('', `[All security rules](${href(SECURITY_RULES_PATH)})`);
  return `${out.join('\n')}\n`;
}

/** The index of every rule. */
export function securityRulesIndexMarkdown(href: Href): string {
  return [
    `${mdCode('topodoc check --security')} reviews what the compose files run against these rules. Each finding names the compose line (and the topology line that states the intent); a system's security page on this site lists which checks pass and which fail.`,
    '',
    mdTable(
      ['Rule', 'Severity', 'What it finds'],
      SECURITY_RULES.map((r) => [`[${mdCode(r.id)}](${href(ruleDocsPath(r.id))})`, r.severity, mdText(r.title)]),
    ),
    '',
  ].join('\n');
}
