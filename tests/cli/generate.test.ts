import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, tempDir, topodoc } from '../helpers/cli.ts';

const MINIMAL = path.join(REPO_ROOT, 'tests/fixtures/topologies/minimal.yaml');

/** A scratch project with topology/minimal.yaml. */
function project(): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'topology'));
  cpSync(MINIMAL, path.join(dir, 'topology/minimal.yaml'));
  return dir;
}

test('generate writes every view, then --check is clean', async () => {
  const dir = project();
  const r = await topodoc(['generate'], dir);
  assert.equal(r.code, 0, r.stderr);
  for (const f of ['diagrams/README.md', 'diagrams/minimal/README.md', 'diagrams/minimal/tables/ports.md', 'diagrams/minimal/security.md', 'diagrams/.topodoc-manifest']) {
    assert.ok(existsSync(path.join(dir, f)), `${f} exists`);
  }
  const check = await topodoc(['generate', '--check'], dir);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /✓ \d+ generated files up to date in diagrams\//);
});

test('output is byte-identical across runs and output folders', async () => {
  const dir = project();
  await topodoc(['generate', '--out', 'a'], dir);
  await topodoc(['generate', '--out', 'b'], dir);
  for (const f of ['minimal/README.md', 'minimal/security.md', 'README.md']) {
    assert.equal(readFileSync(path.join(dir, 'a', f), 'utf8'), readFileSync(path.join(dir, 'b', f), 'utf8'));
  }
  const again = await topodoc(['generate', '--out', 'a'], dir);
  assert.match(again.stdout, /\(0 changed, 0 removed\)/);
});

test('--check exits 1 naming an edited generated file, with a diff', async () => {
  const dir = project();
  await topodoc(['generate'], dir);
  const ports = path.join(dir, 'diagrams/minimal/tables/ports.md');
  writeFileSync(ports, readFileSync(ports, 'utf8').replace('| api | 3000 |', '| api | 3001 |'));
  const r = await topodoc(['generate', '--check'], dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^stale {3}diagrams\/minimal\/tables\/ports\.md$/m);
  assert.match(r.stderr, /^ {4}-\| api \| 3001 \| 3091 \|$/m);
  assert.match(r.stderr, /^ {4}\+\| api \| 3000 \| 3091 \|$/m);
  assert.match(r.stderr, /1 file out of date/);
});

test('--check exits 1 when a topology value changes, and for missing and extra files', async () => {
  const dir = project();
  await topodoc(['generate'], dir);
  const topo = path.join(dir, 'topology/minimal.yaml');
  writeFileSync(topo, readFileSync(topo, 'utf8').replace('rateLimit: { average: 100, burst: 50 }', 'rateLimit: { average: 200, burst: 50 }'));
  const r = await topodoc(['generate', '--check'], dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /stale {3}diagrams\/minimal\/tables\/routing\.md/);
  assert.match(r.stderr, /average: 200/);

  // A route removed: its URL table row goes, a volume removed: the volumes table changes; a deleted file is missing.
  writeFileSync(topo, readFileSync(topo, 'utf8').replace('    dependsOn: { db: service_healthy }\n', ''));
  const r2 = await topodoc(['generate', '--check'], dir);
  assert.match(r2.stderr, /missing diagrams\/minimal\/tables\/startup-order\.md|extra {3}diagrams\/minimal\/tables\/startup-order\.md/);
});

test('generate removes only files it generated before', async () => {
  const dir = project();
  await topodoc(['generate'], dir);
  writeFileSync(path.join(dir, 'diagrams/minimal/notes-by-hand.md'), 'mine\n');
  const topo = path.join(dir, 'topology/minimal.yaml');
  writeFileSync(topo, readFileSync(topo, 'utf8').replace('    dependsOn: { db: service_healthy }\n', ''));
  const r = await topodoc(['generate'], dir);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /removed diagrams\/minimal\/tables\/startup-order\.md/);
  assert.equal(readFileSync(path.join(dir, 'diagrams/minimal/notes-by-hand.md'), 'utf8'), 'mine\n');
});

test('an invalid topology generates nothing and exits 2', async () => {
  const dir = project();
  const topo = path.join(dir, 'topology/minimal.yaml');
  writeFileSync(topo, readFileSync(topo, 'utf8').replace('kind: database', 'kind: databse'));
  const r = await topodoc(['generate'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /did you mean "database"/);
  assert.ok(!existsSync(path.join(dir, 'diagrams')));
});

test('inject replaces only the marked blocks and keeps every other byte', async () => {
  const dir = project();
  const doc = path.join(dir, 'ARCHITECTURE.md');
  const before = '# Our system\r\n\r\nHand-written intro ✍️\n\n<!-- topodoc:begin ports -->\nold table\n<!-- topodoc:end ports -->\n\nTrailing text, no newline';
  writeFileSync(doc, before);
  const r = await topodoc(['generate', '--inject', 'ARCHITECTURE.md'], dir);
  assert.equal(r.code, 0, r.stderr);
  const after = readFileSync(doc, 'utf8');
  assert.ok(after.startsWith('# Our system\r\n\r\nHand-written intro ✍️\n\n<!-- topodoc:begin ports -->\n| Service | Main | Health |'));
  assert.ok(after.endsWith('| db | 5432 | – |\n<!-- topodoc:end ports -->\n\nTrailing text, no newline'));
  assert.doesNotMatch(after, /old table/);

  const check = await topodoc(['generate', '--check', '--inject', 'ARCHITECTURE.md'], dir);
  assert.equal(check.code, 0, check.stderr);
  writeFileSync(doc, after.replace('| db | 5432 |', '| db | 5433 |'));
  const stale = await topodoc(['generate', '--check', '--inject', 'ARCHITECTURE.md'], dir);
  assert.equal(stale.code, 1);
  assert.match(stale.stderr, /stale {3}ARCHITECTURE\.md/);
});

test('inject reports missing, crossed and unknown markers with their line, and changes nothing', async () => {
  const dir = project();
  const cases: Array<[string, RegExp]> = [
    ['a\n<!-- topodoc:begin ports -->\nx\n', /doc\.md:2:1: error: "begin ports" is never closed; add "<!-- topodoc:end ports -->"/],
    ['a\n<!-- topodoc:end ports -->\n', /doc\.md:2:1: error: "end ports" has no matching "<!-- topodoc:begin ports -->" before it/],
    ['<!-- topodoc:begin ports -->\n<!-- topodoc:begin volumes -->\n<!-- topodoc:end ports -->\n<!-- topodoc:end volumes -->\n', /doc\.md:2:1: error: "begin volumes" opens before "begin ports" \(line 1\) is closed/],
    ['<!-- topodoc:begin prots -->\n<!-- topodoc:end prots -->\n', /doc\.md:1:\d+: error: no view named "prots"; did you mean "ports"\?/],
  ];
  for (const [text, expected] of cases) {
    writeFileSync(path.join(dir, 'doc.md'), text);
    const r = await topodoc(['generate', '--inject', 'doc.md'], dir);
    assert.equal(r.code, 2, text);
    assert.match(r.stderr, expected);
    assert.equal(readFileSync(path.join(dir, 'doc.md'), 'utf8'), text);
  }
});
