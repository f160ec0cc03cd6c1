/** The four report formats and the exit codes, through the CLI on mutated copies of the reference systems. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { annotation, escapeData, escapeProperty } from '../../src/check/report-github.ts';
import { DRIFT_RULES } from '../../src/check/rules.ts';
import { topodoc, topodocProcess } from '../helpers/cli.ts';
import { SystemCopy } from './helpers.ts';

const MITO = 'topology/stacks/mito/docker-compose.yml';

/** mito with two findings: a wrong host (error) and an undocumented user (warning). */
function driftedMito(): SystemCopy {
  return new SystemCopy('mito')
    .replace(MITO, 'Host(`api.${DOMAIN}`)', 'Host(`app.${DOMAIN}`)')
    .replace(MITO, '    image: redis:7-alpine\n', '    image: redis:7-alpine\n    user: redis\n');
}

test('exit 0 on the repository\'s reference systems, 1 on drift, 2 on invalid input', async () => {
  const clean = await topodoc(['check']);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /^5 systems checked; no drift\.$/m);

  const drifted = driftedMito();
  assert.equal((await topodoc(['check'], drifted.dir)).code, 1);

  const invalidTopology = new SystemCopy('mito').replace('topology/mito.yaml', '    kind: proxy\n', '    kind: proxie\n');
  const r2 = await topodoc(['check'], invalidTopology.dir);
  assert.equal(r2.code, 2);
  assert.match(r2.stdout, /✗ mito {2}topology\/mito\.yaml: invalid input, not checked/);
  assert.match(r2.stdout, /error: expected one of proxy, .*found "proxie"/);

  const missingFile = new SystemCopy('mito').replace('topology/mito.yaml', 'stacks/mito/docker-compose.override.yml', 'stacks/mito/docker-compose.local.yml');
  const r3 = await topodoc(['check'], missingFile.dir);
  assert.equal(r3.code, 2);
  assert.match(r3.stdout, /Compose file not found: topology\/stacks\/mito\/docker-compose\.local\.yml \[compose\/file-not-found\]/);

  const requiredVariable = new SystemCopy('mito').replace(MITO, '${POSTGRES_DB}\n      DB_USER', '${POSTGRES_DB:?set POSTGRES_DB}\n      DB_USER').replace('topology/stacks/mito/.env.example', 'POSTGRES_DB=mito\n', '');
  const r4 = await topodoc(['check', '--format', 'json'], requiredVariable.dir);
  assert.equal(r4.code, 2);
  const json = JSON.parse(r4.stdout) as { systems: Array<{ status: string; findings: Array<{ rule: string; line: number }> }> };
  assert.equal(json.systems[0]!.status, 'invalid');
  assert.deepEqual(json.systems[0]!.findings.map((f) => [f.rule, f.line]), [['compose/variable-required', requiredVariable.line(MITO, 'POSTGRES_DB:?')]]);
  assert.match(r4.stderr, /1 system could not be checked \(invalid input\)/);

  const usage = await topodoc(['check', '--format', 'xml']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--format must be one of text, github, json, sarif; got "xml"/);
});

test('exit codes through the real executable', () => {
  const drifted = driftedMito();
  const r = topodocProcess(['check', 'topology/mito.yaml'], drifted.dir);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /✗ mito {2}topology\/mito\.yaml: 1 error, 1 warning/);
  assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour without a terminal');
  assert.equal(topodocProcess(['check']).code, 0);
});

test('text: grouped by system, compose line first, the topology line below, a summary', async () => {
  const s = driftedMito();
  const r = await topodoc(['check', 'topology/mito.yaml'], s.dir);
  const hostLine = s.line(MITO, 'Host(`app.');
  assert.equal(
    r.stdout,
    [
      '✗ mito  topology/mito.yaml: 1 error, 1 warning',
      '  compose: topology/stacks/mito/docker-compose.yml, topology/stacks/mito/docker-compose.override.yml',
      `  ${MITO}:${hostLine}:9: error: route "api" matches host api.\${DOMAIN} in the topology, but compose router "api" has rule Host(\`app.\${DOMAIN}\`) [drift/route-host]`,
      `    topology/mito.yaml:${s.line('topology/mito.yaml', '    host: api.${DOMAIN}')}:5: topology host`,
      `  ${MITO}:${s.line(MITO, 'user: redis')}:11: warning: service "redis" runs as user redis in compose; the topology does not say (absent means unknown) [drift/user]`,
      `    topology/mito.yaml:${s.line('topology/mito.yaml', '\n  redis:\n') + 1}:3: topology service`,
      '',
      '1 system checked; 1 with drift (1 error, 1 warning).',
      '',
    ].join('\n'),
  );
});

test('json: the documented shape', async () => {
  const s = driftedMito();
  const r = await topodoc(['check', '--format', 'json'], s.dir);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stdout) as { systems: Array<Record<string, unknown>> };
  assert.deepEqual(Object.keys(report), ['systems']);
  const mito = report.systems[0]!;
  assert.deepEqual(Object.keys(mito), ['id', 'topology', 'composeFiles', 'status', 'findings']);
  assert.equal(mito.id, 'mito');
  assert.equal(mito.topology, 'topology/mito.yaml');
  assert.deepEqual(mito.composeFiles, [MITO, 'topology/stacks/mito/docker-compose.override.yml']);
  const findings = mito.findings as Array<Record<string, unknown>>;
  assert.equal(findings.length, 2);
  assert.deepEqual(findings[0], {
    rule: 'drift/route-host',
    severity: 'error',
    message: 'route "api" matches host api.${DOMAIN} in the topology, but compose router "api" has rule Host(`app.${DOMAIN}`)',
    file: MITO,
    line: s.line(MITO, 'Host(`app.'),
    column: 9,
    related: [{ message: 'topology host', file: 'topology/mito.yaml', line: s.line('topology/mito.yaml', '    host: api.${DOMAIN}'), column: 5 }],
  });
});

test('sarif: version 2.1.0, rules with descriptions for every ruleId, physical locations, stable fingerprints', async () => {
  const s = driftedMito();
  const r = await topodoc(['check', '--format', 'sarif'], s.dir);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(sarif.runs.length, 1);
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'topodoc');
  const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
  assert.deepEqual(ruleIds, ['drift/route-host', 'drift/user']);
  for (const rule of run.tool.driver.rules) assert.ok(rule.shortDescription.text.length > 10);
  assert.equal(run.results.length, 2);
  for (const result of run.results) {
    assert.ok(ruleIds.includes(result.ruleId));
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(result.level));
    const location = result.locations[0].physicalLocation;
    assert.equal(location.artifactLocation.uri, MITO, 'repository-relative, forward slashes');
    assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.ok(location.region.startLine > 0 && location.region.startColumn > 0);
    assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, 'topology/mito.yaml');
    assert.match(result.partialFingerprints['topodocFinding/v1'], /^[0-9a-f]{32}$/);
  }
  assert.equal(run.results[0].level, 'error');
  assert.equal(run.results[1].level, 'warning');
  // Lines above the finding move; the fingerprint does not.
  s.replace(MITO, '# MITO Platform', '# An added line\n# MITO Platform');
  const again = JSON.parse((await topodoc(['check', '--format', 'sarif'], s.dir)).stdout);
  assert.equal(again.runs[0].results[0].locations[0].physicalLocation.region.startLine, run.results[0].locations[0].physicalLocation.region.startLine + 1);
  assert.deepEqual(
    again.runs[0].results.map((x: { partialFingerprints: unknown }) => x.partialFingerprints),
    run.results.map((x: { partialFingerprints: unknown }) => x.partialFingerprints),
  );
});

test('github: one workflow command per finding, escaped, then the full text report', async () => {
  const s = driftedMito();
  const r = await topodoc(['check', '--format', 'github'], s.dir);
  assert.equal(r.code, 1);
  const lines = r.stdout.split('\n');
  const commands = lines.filter((l) => l.startsWith('::'));
  assert.equal(commands.length, 2);
  const grammar = /^::(error|warning|notice) file=[^,:\n]+,line=\d+,col=\d+,title=[^,:\n]+::[^\r\n]*$/;
  for (const c of commands) assert.match(c, grammar);
  assert.equal(
    commands[0],
    `::error file=${MITO},line=${s.line(MITO, 'Host(`app.')},col=9,title=topodoc drift/route-host::route "api" matches host api.\${DOMAIN} in the topology, but compose router "api" has rule Host(\`app.\${DOMAIN}\`)%0Atopology/mito.yaml:${s.line('topology/mito.yaml', '    host: api.${DOMAIN}')}:5: topology host`,
  );
  assert.match(commands[1]!, /^::warning file=/);
  assert.ok(r.stdout.includes('\n✗ mito  topology/mito.yaml: 1 error, 1 warning\n'), 'the text report follows');
  assert.ok(r.stdout.endsWith('1 system checked; 1 with drift (1 error, 1 warning).\n'));
});

test('github escaping: % CR LF in messages; also : and , in properties', () => {
  assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
  assert.equal(escapeProperty('dir:a,b/c%.yml'), 'dir%3Aa%2Cb/c%25.yml');
  assert.equal(
    annotation({ severity: 'note', rule: 'x/y', message: 'a%b\nc', loc: { file: 'we,ird:name.yml', line: 3, column: 4 } }),
    '::notice file=we%2Cird%3Aname.yml,line=3,col=4,title=topodoc x/y::a%25b%0Ac',
  );
});

test('every drift rule has a drift case in tests/check', () => {
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts') && f !== 'reports.test.ts')
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const untested = DRIFT_RULES.map((r) => r.id).filter((id) => !sources.includes(`'${id}'`));
  assert.deepEqual(untested, []);
});
