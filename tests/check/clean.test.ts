/**
 * What must NOT be drift: the five reference systems as committed, and equivalent ways of writing the
 * same compose content (interpolated ports, labels as a map, an override file, reordered keys).
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { generateSystem } from '../../bench/check-stack.ts';
import { loadComposeProjectSync } from '../../src/compose/index.ts';
import { checkTopology } from '../../src/check/load-system.ts';
import { loadTopologyFile } from '../../src/io/topology-files.ts';
import { tempDir } from '../helpers/cli.ts';
import { drift, SystemCopy } from './helpers.ts';

const MITO = 'topology/stacks/mito/docker-compose.yml';
const MITO_TOPOLOGY = 'topology/mito.yaml';
const SELLY = 'topology/stacks/sellybase/docker-compose.prod.yml';

for (const id of ['infra-production', 'mito', 'sellybase', 'sothebais-v1', 'sothebais']) {
  test(`reference system ${id}: checked, no finding at all`, async () => {
    const result = await new SystemCopy(id).check();
    assert.equal(result.status, 'checked');
    assert.deepEqual(result.findings, []);
    assert.ok(result.composeFiles.length >= 1 && result.composeFiles.every((f) => f.startsWith(`topology/stacks/${id}/`)), result.composeFiles.join(', '));
  });
}

test('clean: interpolated ports (published, expose and label port) with defaults', async () => {
  const s = new SystemCopy('sellybase')
    .replace(SELLY, '      - "8080:8080"\n', '      - "${DASHBOARD_PORT:-8080}:8080"\n')
    .replace(SELLY, '    expose:\n      - "3001"\n', '    expose:\n      - "${API_PORT:-3001}"\n')
    .replace(SELLY, 'traefik.http.services.api.loadbalancer.server.port=3001', 'traefik.http.services.api.loadbalancer.server.port=${API_PORT:-3001}');
  assert.deepEqual(drift(await s.check()), []);
  // The same variables set elsewhere are drift again: the check compares what compose would run.
  assert.deepEqual(
    drift(await s.check({ env: { DASHBOARD_PORT: '9090' } })).map((f) => f.rule),
    ['drift/entrypoint-published'],
  );
});

test('clean: labels as a map instead of a list', async () => {
  const list = [
    '      - "traefik.enable=true"',
    '      - "traefik.http.routers.api.rule=Host(`api.${DOMAIN}`)"',
    '      - "traefik.http.routers.api.entrypoints=websecure"',
    '      - "traefik.http.routers.api.tls.certresolver=letsencrypt"',
    '      - "traefik.http.routers.api.middlewares=api-ratelimit"',
    '      - "traefik.http.services.api.loadbalancer.server.port=3000"',
    '      - "traefik.http.middlewares.api-ratelimit.ratelimit.average=100"',
    '      - "traefik.http.middlewares.api-ratelimit.ratelimit.burst=50"',
  ].join('\n');
  const map = [
    '      traefik.enable: true',
    '      traefik.http.routers.api.rule: Host(`api.${DOMAIN}`)',
    '      traefik.http.routers.api.entrypoints: websecure',
    '      traefik.http.routers.api.tls.certresolver: letsencrypt',
    '      traefik.http.routers.api.middlewares: api-ratelimit',
    '      traefik.http.services.api.loadbalancer.server.port: 3000',
    '      traefik.http.middlewares.api-ratelimit.ratelimit.average: 100',
    '      traefik.http.middlewares.api-ratelimit.ratelimit.burst: "50"',
  ].join('\n');
  const s = new SystemCopy('mito').replace(MITO, list, map);
  assert.deepEqual((await s.check()).findings, []);
  // …and drift is still found and located in the map form.
  s.replace(MITO, 'traefik.http.routers.api.rule: Host(`api.${DOMAIN}`)', 'traefik.http.routers.api.rule: Host(`app.${DOMAIN}`)');
  assert.deepEqual(
    drift(await s.check()).map((f) => [f.rule, f.at]),
    [['drift/route-host', `${MITO}:${s.line(MITO, 'traefik.http.routers.api.rule:')}:7`]],
  );
});

test('clean: part of a service moved into an override file the topology lists', async () => {
  const labels = [
    '    labels:',
    '      - "traefik.enable=true"',
    '      - "traefik.http.routers.admin-web.rule=Host(`admin.${DOMAIN}`)"',
    '      - "traefik.http.routers.admin-web.entrypoints=websecure"',
    '      - "traefik.http.routers.admin-web.tls.certresolver=letsencrypt"',
    '      - "traefik.http.services.admin-web.loadbalancer.server.port=3001"',
    '',
  ].join('\n');
  const s = new SystemCopy('mito')
    .replace(MITO, labels, '')
    .write('topology/stacks/mito/docker-compose.routing.yml', `services:\n  admin-web:\n${labels}    restart: "no"\n`)
    .replace(MITO_TOPOLOGY, '    - stacks/mito/docker-compose.override.yml\n', '    - stacks/mito/docker-compose.override.yml\n    - stacks/mito/docker-compose.routing.yml\n');
  const result = await s.check();
  assert.deepEqual(result.findings, []);
  assert.deepEqual(result.composeFiles, [MITO, 'topology/stacks/mito/docker-compose.override.yml', 'topology/stacks/mito/docker-compose.routing.yml']);
  // Drift in the override file is located there.
  s.replace('topology/stacks/mito/docker-compose.routing.yml', 'server.port=3001', 'server.port=3002');
  assert.deepEqual(
    drift(await s.check()).map((f) => [f.rule, f.at]),
    [['drift/route-port', `topology/stacks/mito/docker-compose.routing.yml:${s.line('topology/stacks/mito/docker-compose.routing.yml', 'server.port=3002')}:9`]],
  );
});

test('clean: reordered keys, services and labels', async () => {
  const s = new SystemCopy('sellybase');
  const text = s.read(SELLY);
  const webStart = text.indexOf('\n  web:\n') + 1;
  const apiStart = text.indexOf('\n  api:\n') + 1;
  const postgresStart = text.indexOf('\n  postgres:\n') + 1;
  const web = text.slice(webStart, apiStart);
  const api = text.slice(apiStart, postgresStart);
  // web: labels first (in reverse order), then the rest of its keys in reverse order.
  const webLines = web.trimEnd().split('\n');
  const blocks: string[][] = [];
  for (const line of webLines.slice(1)) {
    if (/^ {4}\S/.test(line)) blocks.push([line]);
    else blocks[blocks.length - 1]!.push(line);
  }
  const reordered = blocks.reverse().map((b) => (b[0] === '    labels:' ? [b[0], ...b.slice(1).reverse()] : b));
  const newWeb = `${[webLines[0], ...reordered.flat()].join('\n')}\n\n`;
  s.write(SELLY, text.slice(0, webStart) + api + newWeb + text.slice(postgresStart));
  assert.notEqual(s.read(SELLY), text);
  assert.deepEqual((await s.check()).findings, []);
});

test('clean: a generated system of 30 routed services (the benchmark\'s generator)', async () => {
  const dir = tempDir('topodoc-check-gen-');
  mkdirSync(path.join(dir, 'topology'), { recursive: true });
  const system = generateSystem(30);
  writeFileSync(path.join(dir, 'topology/big.yaml'), system.topology);
  writeFileSync(path.join(dir, 'topology/compose.yaml'), system.compose);
  const result = checkTopology(await loadTopologyFile(path.join(dir, 'topology/big.yaml'), dir), { cwd: dir, env: {} });
  assert.equal(result.status, 'checked');
  assert.deepEqual(result.findings, []);
});

test('--env-file replaces the topology\'s env file; the process environment wins over both', async () => {
  const s = new SystemCopy('sothebais');
  s.write('other.env', s.read('topology/stacks/sothebais/.env.example').replace('DOMAIN=sothebais.com', 'DOMAIN=example.org'));
  assert.ok(drift(await s.check({ envFiles: ['other.env'] })).some((f) => f.rule === 'drift/route-host'));
  assert.deepEqual(drift(await s.check({ env: { DOMAIN: 'sothebais.com' }, envFiles: ['other.env'] })), []);
});

test('the compose loader keeps the text of interpolated labels as written (Located.raw), and only for those', () => {
  const project = loadComposeProjectSync({
    files: [path.join(new SystemCopy('mito').dir, MITO)],
    envFiles: [],
    env: { DOMAIN: 'example.com' },
    tolerateErrors: true,
  });
  const labels = project.services.api!.labels;
  assert.deepEqual(labels['traefik.http.routers.api.rule'], {
    value: 'Host(`api.example.com`)',
    raw: 'Host(`api.${DOMAIN}`)',
    loc: labels['traefik.http.routers.api.rule']!.loc,
  });
  assert.equal(labels['traefik.http.routers.api.entrypoints']!.raw, undefined);
});
