import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, tempDir, topodoc } from '../helpers/cli.ts';

// The whole build (generate, render, Astro) in another repository is tests/package/pack.test.ts.

test('build --help names the site settings and the output folder', async () => {
  const r = await topodoc(['build', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: topodoc build \[--out DIR\] \[--site URL\] \[--base PATH\]/);
  assert.match(r.stdout, /TOPODOC_SITE/);
  assert.match(r.stdout, /TOPODOC_BASE/);
});

test('build refuses an output folder that would empty the repository or its topologies', async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'topology'));
  writeFileSync(path.join(dir, 'topology/keep.yaml'), 'id: keep\n');
  for (const out of ['.', 'topology', '..']) {
    const r = await topodoc(['build', '--out', out], dir);
    assert.equal(r.code, 2, `--out ${out}`);
    assert.match(r.stderr, /would empty/);
  }
  assert.ok(existsSync(path.join(dir, 'topology/keep.yaml')));
});

test('build refuses a malformed --site or --base before doing any work', async () => {
  const dir = tempDir();
  const site = await topodoc(['build', '--site', 'docs.example.com'], dir);
  assert.equal(site.code, 2);
  assert.match(site.stderr, /--site \(TOPODOC_SITE\) must be an absolute URL/);
  const base = await topodoc(['build', '--base', '/docs/../etc'], dir);
  assert.equal(base.code, 2);
  assert.match(base.stderr, /--base \(TOPODOC_BASE\) must be a URL path/);
  assert.ok(!existsSync(path.join(dir, 'diagrams')), 'nothing generated');
  const files = await topodoc(['build', 'topology/x.yaml'], dir);
  assert.equal(files.code, 2);
  assert.match(files.stderr, /takes no file arguments/);
});

test('the topodoc executable runs the TypeScript sources in a checkout, not a possibly stale bundle', () => {
  // A module hook that logs every module Node loads.
  const hook = "data:text/javascript,import{registerHooks}from'node:module';registerHooks({load(u,c,n){process.stderr.write('LOADED '+u+'\\n');return n(u,c)}})";
  const r = spawnSync(process.execPath, ['--import', hook, path.join(REPO_ROOT, 'bin/topodoc.js'), '--help'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ {2}build\s+Build the static docs site/m);
  const loaded = r.stderr.split('\n').filter((l) => l.startsWith('LOADED file:'));
  assert.ok(loaded.some((l) => l.endsWith('/src/cli/main.ts')), 'loads src/cli/main.ts');
  assert.deepEqual(loaded.filter((l) => l.includes('/dist-cli/')), []);
});
