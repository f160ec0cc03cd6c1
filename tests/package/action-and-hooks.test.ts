/**
 * action.yml and .pre-commit-hooks.yaml: well-formed, and the action's scripts really run. The
 * action runs here against a scratch repository whose node_modules/.bin/topodoc is this checkout
 * (as after `npm install --save-dev topodoc`); the packed, installed package is pack.test.ts.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { COMMAND_LOADERS } from '../../src/cli/main.ts';
import { REPO_ROOT, tempDir, topodoc } from '../helpers/cli.ts';
import { runCompositeAction, type ActionRun, type CompositeAction } from './composite-action.ts';

const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as CompositeAction;

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  pass_filenames?: boolean;
}
const hooks = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

/** Node 24 first on PATH: the bin's `#!/usr/bin/env node` and npm then run with it. */
const ENV = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`, NO_COLOR: '1' };

/** A repository with the reference system sellybase under `dir`, and topodoc "installed" at its root. */
async function scratchRepository(dir = '.'): Promise<{ root: string; compose: string }> {
  const root = path.join(tempDir('topodoc-action-'), 'repo');
  const project = path.join(root, dir);
  mkdirSync(path.join(project, 'topology'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'topology/sellybase.yaml'), path.join(project, 'topology/sellybase.yaml'));
  cpSync(path.join(REPO_ROOT, 'topology/stacks/sellybase'), path.join(project, 'topology/stacks/sellybase'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), '{ "name": "scratch", "private": true }\n');
  mkdirSync(path.join(root, 'node_modules/.bin'), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'bin/topodoc.js'), path.join(root, 'node_modules/.bin/topodoc'));
  const generated = await topodoc(['generate'], project);
  assert.equal(generated.code, 0, generated.stderr);
  return { root, compose: path.join(project, 'topology/stacks/sellybase/docker-compose.prod.yml') };
}

function run(root: string, inputs: Record<string, string> = {}): ActionRun {
  return runCompositeAction(action, { inputs, workspace: root, actionPath: REPO_ROOT, env: ENV });
}

function step(result: ActionRun, name: string) {
  const found = result.steps.find((s) => s.name === name);
  assert.ok(found, `no step "${name}"`);
  return found;
}

/** A published host port the topology does not declare: drift. */
function addDrift(compose: string): void {
  const text = readFileSync(compose, 'utf8');
  const marked = text.replace('    container_name: selly-postgres\n', '    container_name: selly-postgres\n    ports: ["5432:5432"]\n');
  assert.notEqual(marked, text);
  writeFileSync(compose, marked);
}

describe('GitHub Action (action.yml)', () => {
  it('is a composite action whose inputs, outputs and steps fit together', () => {
    assert.equal(typeof action.name, 'string');
    assert.ok(action.description.length > 20);
    assert.equal(action.runs.using, 'composite');
    const inputs = action.inputs ?? {};
    for (const required of ['working-directory', 'topology', 'fail-on', 'formats', 'node-version', 'security']) {
      assert.ok(inputs[required], `input ${required}`);
      assert.ok(inputs[required].description, `input ${required} is described`);
    }
    const text = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
    for (const m of text.matchAll(/inputs\.([\w-]+)/g)) assert.ok(m[1]! in inputs, `inputs.${m[1]} is declared`);
    const ids = action.runs.steps.map((s) => s.id).filter(Boolean);
    for (const m of text.matchAll(/steps\.([\w-]+)\.outputs/g)) assert.ok(ids.includes(m[1]!), `step ${m[1]} exists`);
    for (const s of action.runs.steps) {
      assert.ok(s.uses !== undefined || (s.run !== undefined && s.shell === 'bash'), `${s.name}: uses, or run with a shell`);
      assert.ok(s.uses === undefined || /@v\d+$/.test(s.uses), `${s.uses} is pinned to a major version`);
    }
    for (const [name, o] of Object.entries(action.outputs ?? {})) assert.match(o.value, /^\$\{\{ steps\.[\w-]+\.outputs\.[\w-]+ \}\}$/, `output ${name}`);
    // The README and the docs page show it.
    for (const doc of ['README.md', 'src/content/docs/guides/use-in-your-repo.md']) assert.match(readFileSync(path.join(REPO_ROOT, doc), 'utf8'), /uses: OWNER\/topodoc@v/);
  });

  it('passes a clean repository, writes the reports asked for and uploads the SARIF one', async () => {
    const { root } = await scratchRepository();
    const result = run(root, { formats: 'sarif, json text' });
    assert.equal(result.failed, false, result.steps.map((s) => `${s.name}: ${s.status}\n${s.log}`).join('\n'));
    assert.equal(step(result, 'Find topodoc').outputs['command'], path.join(root, 'node_modules/.bin/topodoc'), 'uses the repository’s own topodoc');
    assert.equal(result.outputs['check-exit-code'], '0');
    assert.equal(result.outputs['generate-exit-code'], '0');
    assert.match(step(result, 'topodoc generate --check').log, /generated files up to date in diagrams\//);
    const sarif = JSON.parse(readFileSync(result.outputs['sarif-file']!, 'utf8')) as { version: string; runs: unknown[] };
    assert.equal(sarif.version, '2.1.0');
    assert.equal((JSON.parse(readFileSync(result.outputs['json-file']!, 'utf8')) as { systems: Array<{ id: string }> }).systems[0]?.id, 'sellybase');
    assert.match(readFileSync(result.outputs['text-file']!, 'utf8'), /no drift/);
    const upload = step(result, 'Upload SARIF to code scanning');
    assert.equal(upload.uses, 'github/codeql-action/upload-sarif@v3');
    assert.equal(upload.with?.['sarif_file'], result.outputs['sarif-file']);
  });

  it('fails on drift with annotations on the compose line, unless fail-on is never', async () => {
    const { root, compose } = await scratchRepository();
    addDrift(compose);
    const result = run(root);
    assert.equal(result.failed, true);
    assert.equal(result.outputs['check-exit-code'], '1');
    assert.match(step(result, 'topodoc check').log, /^::error file=topology\/stacks\/sellybase\/docker-compose\.prod\.yml,line=\d+,col=\d+,title=topodoc drift\//m);
    assert.equal(step(result, 'Upload SARIF to code scanning').status, 'skipped');
    assert.equal(step(result, 'Verdict').status, 'failure');

    const reportOnly = run(root, { 'fail-on': 'never' });
    assert.equal(reportOnly.failed, false);
    assert.match(step(reportOnly, 'Verdict').log, /fail-on is never/);
  });

  it('adds the security rules when asked, and refuses an unknown fail-on', async () => {
    const { root } = await scratchRepository();
    const secured = run(root, { security: 'true', 'generate-check': 'false' });
    assert.match(step(secured, 'topodoc check').log, /title=topodoc security\//);
    assert.equal(step(secured, 'topodoc generate --check').status, 'skipped');
    const bogus = run(root, { 'fail-on': 'sometimes' });
    assert.equal(bogus.failed, true);
    assert.match(step(bogus, 'Find topodoc').log, /fail-on must be error, warning or never/);
    assert.equal(step(bogus, 'topodoc check').status, 'skipped');
  });

  it('checks a folder of a monorepo, with paths from the repository root', async () => {
    const { root, compose } = await scratchRepository('deploy');
    const clean = run(root, { 'working-directory': 'deploy' });
    assert.equal(clean.failed, false, clean.steps.map((s) => s.log).join('\n'));
    assert.equal(clean.outputs['generate-exit-code'], '0');
    addDrift(compose);
    const drift = run(root, { 'working-directory': 'deploy', 'generate-check': 'false' });
    assert.match(step(drift, 'topodoc check').log, /^::error file=deploy\/topology\/stacks\/sellybase\/docker-compose\.prod\.yml,/m);
  });
});

describe('pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  it('declares node hooks that run existing topodoc commands', () => {
    assert.deepEqual(hooks.map((h) => h.id), ['topodoc-validate', 'topodoc-generate-check', 'topodoc-check']);
    for (const h of hooks) {
      for (const key of ['id', 'name', 'entry', 'language'] as const) assert.equal(typeof h[key], 'string', `${h.id}: ${key}`);
      assert.equal(h.language, 'node');
      const [bin, command] = h.entry.split(' ');
      assert.equal(bin, 'topodoc');
      assert.ok(command && command in COMMAND_LOADERS, `${h.entry}: a topodoc command`);
    }
    assert.match(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'), /id: topodoc-validate/);
  });

  it('passes only topology files to validate, and runs the whole-set checks when their inputs change', () => {
    const matches = (id: string, file: string) => new RegExp(hooks.find((h) => h.id === id)!.files!).test(file);
    const byId = Object.fromEntries(hooks.map((h) => [h.id, h]));
    assert.equal(byId['topodoc-validate']!.pass_filenames, true);
    assert.equal(byId['topodoc-generate-check']!.pass_filenames, false);
    assert.equal(byId['topodoc-check']!.pass_filenames, false);
    assert.ok(matches('topodoc-validate', 'topology/shop.yaml'));
    assert.ok(matches('topodoc-validate', 'deploy/topology/shop.yml'));
    assert.ok(!matches('topodoc-validate', 'topology/stacks/shop/docker-compose.yml'), 'compose files are not topologies');
    assert.ok(!matches('topodoc-validate', 'diagrams/shop/README.md'));
    assert.ok(matches('topodoc-generate-check', 'topology/shop.yaml'));
    assert.ok(matches('topodoc-generate-check', 'diagrams/shop/architecture.mmd'));
    assert.ok(!matches('topodoc-generate-check', 'src/app.ts'));
    for (const f of ['docker-compose.yml', 'stacks/shop/compose.prod.yaml', 'traefik/traefik.toml', '.env', 'stacks/shop/.env.production', 'topology/shop.yaml']) {
      assert.ok(matches('topodoc-check', f), `check runs when ${f} changes`);
    }
    assert.ok(!matches('topodoc-check', 'README.md'));
  });

  it('validates the files pre-commit passes, as the hook entry would', async () => {
    const { root } = await scratchRepository();
    const validate = hooks.find((h) => h.id === 'topodoc-validate')!;
    const r = await topodoc([...validate.entry.split(' ').slice(1), 'topology/sellybase.yaml'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /✓ sellybase/);
  });
});
