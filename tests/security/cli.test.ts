/** `topodoc check --security` through the CLI: exit codes with --fail-on, and every report format. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../../src/cli/main.ts';
import { REPO_ROOT, topodoc } from '../helpers/cli.ts';
import { Careless } from './helpers.ts';

async function cli(args: string[], cwd = REPO_ROOT, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, env, color: false, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

describe('the reference systems', () => {
  test('without --security the check stays clean (exit 0), with no security finding', async () => {
    const r = await topodoc(['check']);
    assert.equal(r.code, 0, r.stdout);
    assert.doesNotMatch(r.stdout, /security\//);
  });

  test('with --security they show their real posture: mito runs the dashboard insecure', async () => {
    const r = await topodoc(['check', '--security', 'topology/mito.yaml']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /topology\/stacks\/mito\/docker-compose\.yml:\d+:\d+: error: Traefik serves its API and dashboard without authentication \(api\.insecure\), and its port 8080 is published on the host \[security\/traefik-api-insecure\]/);
    assert.match(r.stdout, /no drift; security: \d+ of \d+ checks failed/);
    assert.match(r.stdout, /Security review/);
  });

  test('--fail-on decides: infra-production has security warnings but no error', async () => {
    assert.equal((await topodoc(['check', '--security', 'topology/infra-production.yaml'])).code, 0);
    const strict = await topodoc(['check', '--security', '--fail-on', 'warning', 'topology/infra-production.yaml']);
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /security: 1 failing at --fail-on warning/);
  });

  test('--fail-on needs --security and a known severity', async () => {
    assert.equal((await topodoc(['check', '--fail-on', 'warning'])).code, 2);
    const bad = await topodoc(['check', '--security', '--fail-on', 'note']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--fail-on must be error or warning/);
  });
});

describe('report formats', () => {
  test('json: findings, securityChecks per system and the failOn setting', async () => {
    const s = new Careless();
    const r = await cli(['check', '--security', '--format', 'json'], s.dir);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { systems: Array<{ securityChecks: Array<{ rule: string; status: string }>; findings: Array<{ rule: string; file: string; line: number }> }>; security: { failOn: string } };
    assert.equal(report.security.failOn, 'error');
    const checks = report.systems[0]!.securityChecks;
    assert.deepEqual(checks.find((c) => c.rule === 'security/privileged'), { rule: 'security/privileged', status: 'failed' });
    const f = report.systems[0]!.findings.find((x) => x.rule === 'security/privileged')!;
    assert.equal(f.file, 'topology/stacks/careless/docker-compose.yml');
    assert.equal(f.line, s.line('topology/stacks/careless/docker-compose.yml', 'privileged: true'));
  });

  test('sarif: rules carry the rationale as fullDescription, the fix as help and the docs page as helpUri', async () => {
    const s = new Careless();
    const r = await cli(['check', '--security', '--format', 'sarif'], s.dir, { TOPODOC_SITE: 'https://docs.example.com', TOPODOC_BASE: '/handbook' });
    const sarif = JSON.parse(r.stdout) as { runs: Array<{ tool: { driver: { rules: Array<Record<string, any>> } }; results: Array<Record<string, any>> }> };
    const rule = sarif.runs[0]!.tool.driver.rules.find((x) => x.id === 'security/docker-socket')!;
    assert.match(rule.fullDescription.text, /Whoever can talk to the Docker socket controls the host/);
    assert.match(rule.help.text, /socket proxy/);
    assert.equal(rule.helpUri, 'https://docs.example.com/handbook/reference/security/docker-socket/');
    assert.equal(rule.defaultConfiguration.level, 'error');
    const result = sarif.runs[0]!.results.find((x) => x.ruleId === 'security/docker-socket')!;
    assert.equal(result.locations[0].physicalLocation.region.startLine, s.line('topology/stacks/careless/docker-compose.yml', '/var/run/docker.sock:/var/run/docker.sock'));
    assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, 'topology/careless.yaml');
  });

  test('github: one annotation per security finding, then the text report', async () => {
    const s = new Careless();
    const r = await cli(['check', '--security', '--format', 'github'], s.dir);
    const line = s.line('topology/stacks/careless/docker-compose.yml', 'privileged: true');
    assert.ok(r.stdout.includes(`::error file=topology/stacks/careless/docker-compose.yml,line=${line},col=`), r.stdout.slice(0, 500));
    assert.match(r.stdout, /title=topodoc security\/privileged::service "agent" runs privileged/);
    assert.match(r.stdout, /Security review/);
  });
});
