import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { driftHowToMarkdown, driftMarkdown, normalizeCheckReport } from '../../src/site/drift-report.ts';

const href = (p: string) => `/docs${p}`;

describe('drift report', () => {
  it('reads the JSON of `topodoc check --format json`', () => {
    const report = normalizeCheckReport({
      systems: [
        { id: 'shop', topology: 'topology/shop.yaml', composeFiles: ['a.yml'], status: 'checked', findings: [{ rule: 'drift/x', severity: 'warning', message: 'm', file: 'a.yml', line: 3, column: 1, related: [] }] },
        { id: 'blog', topology: 'topology/blog.yaml', composeFiles: [], status: 'skipped', findings: [{ rule: 'check/no-compose', severity: 'note', message: 'not checked' }] },
      ],
    });
    assert.equal(report.systems.length, 2);
    assert.deepEqual(report.systems[0]!.findings[0], { severity: 'warning', rule: 'drift/x', message: 'm', file: 'a.yml', line: 3, column: 1, path: undefined, expected: undefined, found: undefined });
  });

  it('also reads diagnostics with nested locations and a bare list of findings', () => {
    const report = normalizeCheckReport({ diagnostics: [{ rule: 'r', severity: 'error', message: 'boom', loc: { file: 'f.yml', line: 9, column: 2 } }, { not: 'a finding' }] });
    assert.equal(report.systems[0]!.findings.length, 1);
    assert.equal(report.systems[0]!.findings[0]!.line, 9);
    assert.throws(() => normalizeCheckReport([]), /not a JSON object/);
    assert.throws(() => normalizeCheckReport({ hello: 1 }), /neither "systems" nor "findings"/);
  });

  it('summarises findings per system, errors first, and links known systems', () => {
    const md = driftMarkdown(
      normalizeCheckReport({
        systems: [
          {
            id: 'shop',
            findings: [
              { rule: 'w', severity: 'warning', message: 'second <b>', file: 'a.yml', line: 1 },
              { rule: 'e', severity: 'error', message: 'first', file: 'b.yml', line: 2, expected: '3000', found: '3001' },
            ],
          },
        ],
      }),
      'public/check-report.json',
      new Set(['shop']),
      href,
    );
    assert.match(md, /\*\*2 findings\*\* where the compose files and the topologies disagree: 1 error, 1 warning/);
    assert.match(md, /\| \[shop\]\(\/docs\/systems\/shop\/\) \|/);
    assert.ok(md.indexOf('first') < md.indexOf('second'), 'errors first');
    assert.match(md, /\| 3000 \| 3001 \|/);
    assert.ok(!md.includes('<b>'), 'messages are escaped');
  });

  it('says when there is no drift, and how to produce a report', () => {
    assert.match(driftMarkdown({ systems: [{ id: 'a', composeFiles: [], findings: [] }] }, 'r.json', new Set(), href), /\*\*No drift\.\*\*/);
    assert.match(driftHowToMarkdown('public/check-report.json'), /npx topodoc check --format json > public\/check-report\.json/);
  });
});
