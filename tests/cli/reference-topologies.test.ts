import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, tempDir, topodoc, topodocProcess } from '../helpers/cli.ts';

const SOTHEBAIS = readFileSync(path.join(REPO_ROOT, 'topology/sothebais.yaml'), 'utf8');

/** Copies the reference topology with one edit into a scratch repo and validates it with the real executable. */
function validateEdited(from: string, to: string) {
  assert.ok(SOTHEBAIS.includes(from), `sothebais.yaml contains ${JSON.stringify(from)}`);
  const dir = tempDir();
  mkdirSync(path.join(dir, 'topology'));
  writeFileSync(path.join(dir, 'topology/sothebais.yaml'), SOTHEBAIS.replace(from, to));
  const line = SOTHEBAIS.slice(0, SOTHEBAIS.indexOf(from)).split('\n').length;
  return { ...topodocProcess(['validate'], dir), line };
}

test('npx topodoc validate names the five reference systems and exits 0', async () => {
  const r = await topodoc(['validate']);
  assert.equal(r.code, 0, r.stderr);
  for (const id of ['sothebais-v1', 'sothebais', 'infra-production', 'mito', 'sellybase']) {
    assert.match(r.stdout, new RegExp(`^✓ ${id} {2}topology/${id}\\.yaml `, 'm'));
  }
  // The one diagnostic is documented reality: SellyBase's seed scales its API (`--scale api=3`)
  // while its compose file fixes the container name.
  const diagnostics = r.stderr.split('\n').filter((line) => /^\S+:\d+:\d+: /.test(line));
  const sellybase = readFileSync(path.join(REPO_ROOT, 'topology/sellybase.yaml'), 'utf8');
  const line = sellybase.slice(0, sellybase.indexOf('      max: 3\n      horizontal: true\n      strategy: Traefik automatically distributes load')).split('\n').length;
  assert.deepEqual(diagnostics, [
    `topology/sellybase.yaml:${line}:12: warning: service "api" may run 3 instances (scaling.max), but its container name "selly-api" can belong to one container only; Compose cannot scale it out until that is removed [service/fixed-for-one-instance]`,
  ]);
});

test('the committed JSON Schema matches the zod schema', async () => {
  const r = await topodoc(['schema', '--check']);
  assert.equal(r.code, 0, r.stderr);
});

test('reference topology: a YAML syntax error exits 2 naming file and line', () => {
  const r = validateEdited('    technology: Redis\n', '    technology: Redis\n   bad: [unclosed\n');
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`^topology/sothebais\\.yaml:${r.line + 1}:\\d+: error: YAML syntax error`, 'm'));
});

test('reference topology: an unknown key exits 2 naming file and line', () => {
  const r = validateEdited('    technology: Redis\n', '    tech: Redis\n');
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`^topology/sothebais\\.yaml:${r.line}:5: error: unknown key "tech"`, 'm'));
});

test('reference topology: a wrong type exits 2 naming file, line and path', () => {
  const r = validateEdited('      main: { port: 6379, scheme: redis }', '      main: { port: "6379", scheme: redis }');
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`^topology/sothebais\\.yaml:${r.line}:\\d+: error: expected a number, found "6379"`, 'm'));
  assert.match(r.stderr, /at services\.redis\.ports\.main\.port/);
});

test('reference topology: a dangling reference exits 2 naming file and line', () => {
  const r = validateEdited('    restart: on-failure\n    networks: [auction_net]\n\n  prometheus:', '    restart: on-failure\n    networks: [auction_nett]\n\n  prometheus:');
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`^topology/sothebais\\.yaml:${r.line + 1}:16: error: network "auction_nett" is not declared in networks; did you mean "auction_net"\\?`, 'm'));
});
