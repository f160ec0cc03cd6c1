/**
 * `topodoc init` and the command surface of `topodoc import`: the starter topology, never overwriting,
 * `--from`, where the schema line points, `--out -`, help.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { COMMAND_LOADERS } from '../../src/cli/main.ts';
import { schemaReference } from '../../src/import/schema-ref.ts';
import { REPO_ROOT, tempDir, topodoc, writeFiles } from './helpers.ts';

test('init: a blank starter that validates, generates and is never overwritten', async () => {
  const dir = tempDir('topodoc-init-');
  const first = await topodoc(['init', '--name', 'shop'], dir);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /wrote topology\/shop\.yaml/);
  const text = readFileSync(path.join(dir, 'topology/shop.yaml'), 'utf8');
  assert.match(text, /^# yaml-language-server: \$schema=https:\/\/topodoc\.dev\/schema\/topology\.schema\.json\n/);
  assert.match(text, /\nid: shop\nname: Shop\n/);
  assert.ok(text.split('\n').filter((l) => l.startsWith('#')).length >= 10, 'commented');
  const validated = await topodoc(['validate', 'topology/shop.yaml'], dir);
  assert.equal(validated.code, 0, validated.stderr);
  assert.match(validated.stdout, /shop/);
  assert.equal((await topodoc(['generate', 'topology/shop.yaml', '--out', 'diagrams'], dir)).code, 0);

  const again = await topodoc(['init', '--name', 'shop'], dir);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /topology\/shop\.yaml:1:1: error: topology\/shop\.yaml already exists; nothing was written/);
  assert.equal(readFileSync(path.join(dir, 'topology/shop.yaml'), 'utf8'), text);
});

test('init: the id defaults to the folder name', async () => {
  const dir = path.join(tempDir('topodoc-init-'), 'My Shop');
  writeFiles(dir, { 'README.md': '' });
  const result = await topodoc(['init'], dir);
  assert.equal(result.code, 0, result.stderr);
  assert.match(readFileSync(path.join(dir, 'topology/myshop.yaml'), 'utf8'), /\nid: myshop\n/);
});

test('init --from: imports the compose files, refuses an existing file', async () => {
  const dir = tempDir('topodoc-init-');
  writeFiles(dir, { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n', 'compose.override.yaml': 'services:\n  web:\n    restart: always\n' });
  const result = await topodoc(['init', '--from', 'compose.yaml', 'compose.override.yaml', '--name', 'site'], dir);
  assert.equal(result.code, 0, result.stderr);
  const text = readFileSync(path.join(dir, 'topology/site.yaml'), 'utf8');
  assert.match(text, /\ncompose:\n {2}files:\n {4}- \.\.\/compose\.yaml\n {4}- \.\.\/compose\.override\.yaml\n/);
  assert.match(text, /restart: always/);
  assert.equal((await topodoc(['check', 'topology/site.yaml'], dir)).code, 0);
  const again = await topodoc(['init', '--from', 'compose.yaml', '--name', 'site'], dir);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /topology\/site\.yaml already exists/);
});

test("init --from: a service compose builds takes its kind, user and health check from the built stage's FROM, USER and HEALTHCHECK", async () => {
  const dir = tempDir('topodoc-init-dockerfile-');
  writeFiles(dir, {
    'compose.yaml': 'services:\n  store:\n    build:\n      context: ./db\n      target: runtime\n',
    'db/Dockerfile': 'FROM node:22 AS tools\nFROM postgres:16 AS runtime\nUSER postgres\nHEALTHCHECK --interval=10s CMD pg_isready -U postgres\nFROM nginx:1.27\nUSER nginx\n',
  });
  const result = await topodoc(['init', '--from', 'compose.yaml', '--name', 'shop'], dir);
  assert.equal(result.code, 0, result.stderr);
  const text = readFileSync(path.join(dir, 'topology/shop.yaml'), 'utf8');
  assert.match(text, /\n {4}kind: database # guessed from the Dockerfile's FROM postgres:16\n/);
  assert.match(text, /\n {4}build: \{ context: \.\/db, target: runtime \}\n {4}user: postgres # guessed from the Dockerfile's USER\n/);
  assert.match(text, /\n {4}healthcheck: \{ type: command, command: pg_isready, interval: 10s \} # guessed from the Dockerfile's HEALTHCHECK\n/);
  // check reads the same Dockerfile: the user it wrote is the one compose's build runs as.
  const checked = await topodoc(['check', 'topology/shop.yaml'], dir);
  assert.equal(checked.code, 0, checked.stdout + checked.stderr);
});

test('the schema line: relative to a public/schema beside the repository, else the published URL', () => {
  const existing = new Set([path.join(REPO_ROOT, 'public/schema/topology.schema.json')]);
  const exists = (file: string) => existing.has(file);
  assert.equal(schemaReference(path.join(REPO_ROOT, 'topology/x.yaml'), exists), '../public/schema/topology.schema.json');
  assert.equal(schemaReference(path.join(REPO_ROOT, 'docs/systems/x.yaml'), exists), '../../public/schema/topology.schema.json');
  assert.equal(schemaReference('/elsewhere/topology/x.yaml', exists), 'https://topodoc.dev/schema/topology.schema.json');
  const installed = (file: string) => file === '/proj/node_modules/topodoc/public/schema/topology.schema.json';
  assert.equal(schemaReference('/proj/topology/x.yaml', installed), '../node_modules/topodoc/public/schema/topology.schema.json');
});

test('import inside this repository layout points its schema line at public/schema', async () => {
  const dir = tempDir('topodoc-import-cli-');
  writeFiles(dir, { 'public/schema/topology.schema.json': '{}', 'stack/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' });
  assert.equal((await topodoc(['import', 'stack/compose.yaml', '--name', 'web'], dir)).code, 0);
  assert.match(readFileSync(path.join(dir, 'topology/web.yaml'), 'utf8'), /^# yaml-language-server: \$schema=\.\.\/public\/schema\/topology\.schema\.json\n/);
});

test('import --out - prints the topology', async () => {
  const dir = tempDir('topodoc-import-cli-');
  writeFiles(dir, { 'compose.yaml': 'services:\n  cache:\n    image: valkey/valkey:8\n' });
  const result = await topodoc(['import', 'compose.yaml', '--out', '-', '--name', 'c'], dir);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^# yaml-language-server: /);
  assert.match(result.stdout, /\n {4}kind: cache # guessed from image valkey\/valkey:8\n {4}technology: Valkey 8 # guessed from image valkey\/valkey:8\n/);
});

test('help lists init and import first, and each explains itself', async () => {
  assert.deepEqual(Object.keys(COMMAND_LOADERS).slice(0, 2), ['init', 'import']);
  const main = await topodoc(['--help']);
  assert.match(main.stdout, /\n {2}init +Scaffold topology\/.*\n {2}import +Start a topology from existing compose files/);
  const help = await topodoc(['import', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: topodoc import <compose files…> \[--name ID\] \[--env-file F\] \[--profile P\] \[--out FILE\] \[--merge\]/);
  assert.match((await topodoc(['init', '--help'])).stdout, /^Usage: topodoc init \[--from compose files…\] \[--name ID\]/);
});
