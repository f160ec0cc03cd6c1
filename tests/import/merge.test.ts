/**
 * `topodoc import --merge`: what compose states is added or updated, everything written by hand
 * (descriptions, flows, comments, key order, reviewed guesses) stays byte for byte, nothing is deleted,
 * and the changes are listed.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { mergeTopology } from '../../src/import/merge.ts';
import { UserInputError } from '../../src/model/diagnostics.ts';
import { REPO_ROOT, tempDir, topodoc, writeFiles } from './helpers.ts';

const COMPOSE = `services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
    depends_on: [api]
  api:
    build: ./api
    expose: ["3000"]
    environment:
      DB_HOST: db
    depends_on:
      db: { condition: service_healthy }
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
      interval: 10s
    volumes: [pgdata:/var/lib/postgresql/data]
volumes:
  pgdata: {}
`;

/** Hand edits: a reviewed kind, a description, a comment, reordered keys, a flow and a note. */
const HAND_API = `  # The API is the heart of the shop: keep it boring.
  api:
    description: >-
      Serves the catalogue and the cart;
      talks to PostgreSQL over the default network.
    kind: api
    technology: Fastify 5   # reviewed
    build: ./api
    uses: [{ service: db, label: SQL }]
`;
const HAND_FLOW = `
flows:
  checkout:
    title: Checkout
    # Two steps are enough for the overview.
    participants: [{ id: U, kind: actor, label: User }, { id: A, ref: api }]
    steps:
      - { from: U, to: A, text: POST /checkout }
      - { from: A, to: U, text: 201 Created, reply: true }
`;

async function importedShop(): Promise<{ dir: string; file: string; text: string }> {
  const dir = tempDir('topodoc-import-merge-');
  writeFiles(dir, { 'stack/docker-compose.yml': COMPOSE });
  const result = await topodoc(['import', 'stack/docker-compose.yml', '--name', 'shop'], dir);
  assert.equal(result.code, 0, result.stderr);
  const file = path.join(dir, 'topology/shop.yaml');
  return { dir, file, text: readFileSync(file, 'utf8') };
}

/** The `api` block of the imported file replaced by the hand-written one. */
function handEdit(text: string): string {
  const start = text.indexOf('  api:\n');
  const end = text.indexOf('    ports:', start);
  assert.ok(start > 0 && end > start);
  return `${text.slice(0, start)}${HAND_API}${text.slice(end)}`.replace('name: Shop # guessed from the system id', 'name: The Shop') + HAND_FLOW;
}

test('merge: a hand edit survives byte for byte while a new service and a changed port are applied', async () => {
  const { dir, file, text } = await importedShop();
  const edited = handEdit(text);
  writeFileSync(file, edited);
  assert.equal((await topodoc(['validate', 'topology/shop.yaml'], dir)).code, 0);

  // Compose changes: the API moves to port 3001, needs a cache and a new variable.
  writeFiles(dir, {
    'stack/docker-compose.yml': COMPOSE.replace('expose: ["3000"]', 'expose: ["3001"]')
      .replace('      DB_HOST: db\n', '      DB_HOST: db\n      REDIS_URL: redis://cache:6379\n')
      .replace('volumes:\n  pgdata: {}', '  cache:\n    image: redis:7\n    expose: ["6379"]\nvolumes:\n  pgdata: {}'),
  });
  const merged = await topodoc(['import', 'stack/docker-compose.yml', '--name', 'shop', '--merge'], dir);
  assert.equal(merged.code, 0, merged.stderr);
  assert.deepEqual(merged.stdout.split('\n').filter((l) => /^ {2}[~+!-] /.test(l)), [
    '  ~ services.api.ports.main: 3000 → 3001',
    '  + services.api.environment: REDIS_URL',
    '  + services.cache',
  ]);
  const after = readFileSync(file, 'utf8');

  // Hand-written content, byte for byte, in its place and order.
  assert.ok(after.includes(HAND_API), 'the api block with its comment, description, key order and reviewed kind');
  assert.ok(after.endsWith(HAND_FLOW), 'the flow');
  assert.ok(after.includes('name: The Shop\n'));
  // Compose's changes.
  assert.match(after, /\n {6}main: 3001 # guessed: the first port of the service\n/);
  assert.match(after, /\n {4}environment: \[ DB_HOST, REDIS_URL \]\n/);
  assert.match(after, /\n {2}cache:\n {4}kind: cache # guessed from image redis:7\n/);
  // Nothing else moved: the edited file is the merged one minus the changed and added lines.
  const removedAdded = after
    .replace(/\n\n {2}cache:\n(?: {4}.*\n)+/, '\n')
    .replace('main: 3001', 'main: 3000')
    .replace('[ DB_HOST, REDIS_URL ]', '[ DB_HOST ]');
  assert.equal(removedAdded, edited);

  const checked = await topodoc(['check', 'topology/shop.yaml'], dir);
  assert.equal(checked.code, 0, checked.stdout);

  // A second merge has nothing to do and writes nothing new.
  const again = await topodoc(['import', 'stack/docker-compose.yml', '--name', 'shop', '--merge'], dir);
  assert.match(again.stdout, /already up to date/);
  assert.equal(readFileSync(file, 'utf8'), after);
});

test('merge: services compose no longer has are reported and kept', async () => {
  const { dir, file } = await importedShop();
  writeFiles(dir, { 'stack/docker-compose.yml': COMPOSE.replace(/ {2}web:\n(?: {4}.*\n)+/, '') });
  const before = readFileSync(file, 'utf8');
  const merged = await topodoc(['import', 'stack/docker-compose.yml', '--name', 'shop', '--merge'], dir);
  assert.equal(merged.code, 0);
  assert.match(merged.stdout, /! service "web" is not in compose any more \(kept; delete it if it is gone\)/);
  assert.equal(readFileSync(file, 'utf8'), before);
});

test('merge: publications follow compose inside a hand-written port spec', () => {
  const existing = `id: x
name: X
services:
  web:
    kind: app
    ports:
      http: { port: 80, published: 8080, description: Public site }  # by hand
`;
  const imported = { id: 'x', services: { web: { kind: 'proxy', ports: { main: { port: 80, published: 9090, hostIp: '127.0.0.1' } } } } };
  const merged = mergeTopology(existing, 'x.yaml', imported, new Map());
  assert.equal(
    merged.text,
    existing.replace('{ port: 80, published: 8080, description: Public site }', '{ port: 80, published: 9090, description: Public site, hostIp: 127.0.0.1 }'),
  );
  assert.deepEqual(merged.changes, ['~ services.web.ports.http.published: 8080 → 9090', '+ services.web.ports.http.hostIp: 127.0.0.1']);
});

test('merge: a starter topology (services: {}) takes the whole import', async () => {
  const dir = tempDir('topodoc-import-merge-');
  writeFiles(dir, { 'stack/docker-compose.yml': COMPOSE });
  assert.equal((await topodoc(['init', '--name', 'shop'], dir)).code, 0);
  const starter = readFileSync(path.join(dir, 'topology/shop.yaml'), 'utf8');
  const merged = await topodoc(['import', 'stack/docker-compose.yml', '--out', 'topology/shop.yaml', '--merge'], dir);
  assert.equal(merged.code, 0, merged.stderr);
  const after = readFileSync(path.join(dir, 'topology/shop.yaml'), 'utf8');
  // The starter's comments are all still there.
  for (const line of starter.split('\n').filter((l) => l.startsWith('#'))) assert.ok(after.includes(`${line}\n`), line);
  assert.equal((await topodoc(['check', 'topology/shop.yaml'], dir)).code, 0);
});

test('merge: each reference topology is already up to date with its own compose files', async () => {
  for (const id of ['infra-production', 'mito', 'sellybase', 'sothebais-v1', 'sothebais']) {
    const dir = tempDir('topodoc-import-merge-');
    cpSync(path.join(REPO_ROOT, 'topology', `${id}.yaml`), path.join(dir, 'topology', `${id}.yaml`));
    cpSync(path.join(REPO_ROOT, 'topology/stacks', id), path.join(dir, 'topology/stacks', id), { recursive: true });
    const hand = readFileSync(path.join(dir, 'topology', `${id}.yaml`), 'utf8');
    const compose = (parseDocument(hand).toJS() as { compose: { files: string[]; envFile?: string } }).compose;
    const args = ['import', ...compose.files.map((f) => `topology/${f}`), '--name', id, '--out', `topology/${id}.yaml`, '--merge'];
    if (compose.envFile) args.push('--env-file', `topology/${compose.envFile}`);
    const merged = await topodoc(args, dir);
    assert.equal(merged.code, 0, `${id}: ${merged.stderr}`);
    assert.equal(readFileSync(path.join(dir, 'topology', `${id}.yaml`), 'utf8'), hand, `${id} unchanged:\n${merged.stdout}`);
    assert.doesNotMatch(merged.stdout, /^ {2}[~+-] /m, `${id}: no change listed`);
  }
});

test('merge: an existing file that is not valid YAML is refused with its position', () => {
  assert.throws(
    () => mergeTopology('id: x\nservices: [unclosed\n', 'topology/x.yaml', { id: 'x' }, new Map()),
    (err: unknown) => err instanceof UserInputError && err.diagnostics[0]!.loc?.file === 'topology/x.yaml' && err.diagnostics[0]!.loc.line >= 2,
  );
});
