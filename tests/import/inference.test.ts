/**
 * What import guesses — kinds, technologies, port roles — for well-known images, names and commands,
 * and that every guess is marked with a `# guessed …` comment on its line in the written topology.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { LineCounter, parseDocument, isMap, isScalar, type Node } from 'yaml';
import { loadSystemCompose } from '../../src/check/load-system.ts';
import { buildTopology } from '../../src/import/build-topology.ts';
import { emitTopology } from '../../src/import/emit.ts';
import { parseImageRef } from '../../src/compose/image-ref.ts';
import { assignPortRoles } from '../../src/import/port-roles.ts';
import { SecretGuard } from '../../src/import/secrets.ts';
import { identifyService } from '../../src/import/service-kind.ts';
import { technologyOfImage } from '../../src/import/technologies.ts';
import { REPO_ROOT, tempDir, writeFiles } from './helpers.ts';

const IMAGES: Array<[image: string, kind: string, technology: string]> = [
  ['traefik:v3.1', 'proxy', 'Traefik v3.1'],
  ['postgres:16-alpine', 'database', 'PostgreSQL 16'],
  ['docker.io/library/postgres:15.4', 'database', 'PostgreSQL 15.4'],
  ['pgvector/pgvector:pg16', 'database', 'PostgreSQL + pgvector'],
  ['mysql:8.0.27', 'database', 'MySQL 8.0.27'],
  ['mariadb:10.6.4-focal', 'database', 'MariaDB 10.6.4'],
  ['mongo:7', 'database', 'MongoDB 7'],
  ['mcr.microsoft.com/mssql/server:2022-latest', 'database', 'SQL Server 2022'],
  ['redis:7-alpine', 'cache', 'Redis 7'],
  ['valkey/valkey:8', 'cache', 'Valkey 8'],
  ['memcached:1.6', 'cache', 'Memcached 1.6'],
  ['rabbitmq:3-management', 'queue', 'RabbitMQ 3'],
  ['nats:2.10', 'queue', 'NATS 2.10'],
  ['bitnami/kafka:3.7', 'queue', 'Kafka'],
  ['confluentinc/cp-kafka:7.6.0', 'queue', 'Kafka'],
  ['minio/minio:RELEASE.2024-01-01T00-00-00Z', 'object-storage', 'MinIO'],
  ['prom/prometheus:v2.51.0', 'monitoring', 'Prometheus 2.51.0'],
  ['grafana/grafana:10.4.0', 'monitoring', 'Grafana 10.4.0'],
  ['prom/node-exporter:v1.7.0', 'exporter', 'Node Exporter 1.7.0'],
  ['oliver006/redis_exporter:v1.58.0', 'exporter', 'Redis Exporter 1.58.0'],
  ['prometheuscommunity/postgres-exporter', 'exporter', 'Postgres Exporter'],
  ['gcr.io/cadvisor/cadvisor:v0.49.1', 'exporter', 'cAdvisor'],
  ['httpd:2.4', 'static', 'Apache httpd 2.4'],
  ['caddy:2', 'static', 'Caddy 2'],
  ['quay.io/keycloak/keycloak:24.0', 'auth', 'Keycloak 24.0'],
  ['dpage/pgadmin4:latest', 'tool', 'pgAdmin'],
  ['wordpress:6-php8.2', 'app', 'WordPress 6'],
  ['node:22-alpine', 'app', 'Node.js 22'],
  ['python:3.12-slim', 'app', 'Python 3.12'],
  ['php:8.2-apache', 'app', 'PHP 8.2 + Apache'],
  ['golang:1.22', 'app', 'Go 1.22'],
  ['eclipse-temurin:21-jre', 'app', 'Java 21'],
];

test('kinds and technologies of well-known images', () => {
  const found = IMAGES.map(([image]) => {
    const id = identifyService({ name: 'svc', image, command: [], dependsOn: [], routed: false });
    return [image, id.kind.value, id.technology?.value ?? ''];
  });
  assert.deepEqual(found, IMAGES);
});

test('nginx is a reverse proxy in front of other services, else a static server', () => {
  const proxy = identifyService({ name: 'web', image: 'nginx:1.27', command: [], dependsOn: ['api'], routed: false });
  assert.deepEqual([proxy.kind.value, proxy.technology?.value, proxy.kind.from], ['proxy', 'Nginx 1.27', 'image nginx:1.27 in front of other services']);
  const files = identifyService({ name: 'site', image: 'nginx:alpine', command: [], dependsOn: [], routed: true });
  assert.deepEqual([files.kind.value, files.technology?.value], ['static', 'Nginx']);
});

test('services built from their own code: the name, the command, the Dockerfile', () => {
  const kind = (name: string, command: string[] = [], extra: { buildFrom?: string; routed?: boolean } = {}) =>
    identifyService({ name, command, dependsOn: [], routed: extra.routed ?? false, ...(extra.buildFrom ? { buildFrom: extra.buildFrom } : {}) });
  assert.equal(kind('api').kind.value, 'api');
  assert.equal(kind('backend').kind.value, 'api');
  assert.equal(kind('frontend').kind.value, 'frontend');
  assert.equal(kind('email-worker').kind.value, 'worker');
  assert.equal(kind('jobs', ['celery', '-A', 'app', 'worker']).kind.value, 'worker');
  assert.deepEqual(kind('tasks', ['python', 'manage.py', 'queue:work']).kind, { value: 'worker', from: 'its command ("queue:work")' });
  assert.equal(kind('postgres-db').kind.value, 'database');
  assert.equal(kind('thing').kind.value, 'app');
  const built = kind('shop', [], { buildFrom: 'node:20-alpine' });
  assert.deepEqual(built.technology, { value: 'Node.js 20', from: "the Dockerfile's FROM node:20-alpine" });
  assert.equal(built.kind.value, 'app');
});

test('image references', () => {
  assert.deepEqual(parseImageRef('localhost:5000/team/api:1.2@sha256:abc'), { text: 'localhost:5000/team/api:1.2@sha256:abc', registry: 'localhost:5000', path: 'team/api', name: 'api', namespace: 'team', tag: '1.2', tagged: true, digest: 'sha256:abc' });
  assert.equal(technologyOfImage(parseImageRef('ghcr.io/acme/shop'))?.name, undefined);
});

test('port roles: compose names, well-known ports, the routed port, then free roles', () => {
  const roles = (candidates: Parameters<typeof assignPortRoles>[0], image?: string, kind?: string) =>
    assignPortRoles(candidates, image ? technologyOfImage(parseImageRef(image)) : undefined, kind).assigned.map((a) => `${a.role}=${a.candidate.port}/${a.candidate.protocol}${a.guess ? ` (${a.guess})` : ''}`);
  assert.deepEqual(roles([{ port: 5672, protocol: 'tcp' }, { port: 15672, protocol: 'tcp' }, { port: 15692, protocol: 'tcp' }], 'rabbitmq:3-management'), [
    "main=5672/tcp (RabbitMQ's default port)",
    "metrics=15692/tcp (RabbitMQ's metrics port)",
    "admin=15672/tcp (RabbitMQ's admin port)",
  ]);
  assert.deepEqual(roles([{ port: 9090, protocol: 'tcp', name: 'metrics' }, { port: 3000, protocol: 'tcp', routed: true }, { port: 8443, protocol: 'tcp' }]), [
    'main=3000/tcp (the port Traefik routes to)',
    'https=8443/tcp (port 8443 usually serves HTTPS)',
    'metrics=9090/tcp',
  ]);
  assert.deepEqual(roles([{ port: 53, protocol: 'tcp' }, { port: 53, protocol: 'udp' }, { port: 5000, protocol: 'tcp' }]), [
    'main=53/tcp (the first port of the service)',
    'http=5000/tcp (a free role for a further port)',
    'stream=53/udp (a free role for a further port)',
  ]);
  assert.deepEqual(roles([{ port: 3306, protocol: 'tcp' }, { port: 33060, protocol: 'tcp' }], 'mariadb:11', 'database'), [
    "main=3306/tcp (MariaDB's default port)",
    'stream=33060/tcp (a free role for a further port)',
  ]);
  const many = Array.from({ length: 13 }, (_, i) => ({ port: 8000 + i, protocol: 'tcp' as const }));
  const result = assignPortRoles(many);
  assert.equal(result.assigned.length, 11);
  assert.deepEqual(result.unassigned.map((c) => c.port), [8011, 8012]);
});

/** The line of the value at `path` (and of its key), in a YAML text. */
function linesOf(text: string, segments: ReadonlyArray<string | number>): { key: number; value: number } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  for (const segment of segments) {
    assert.ok(isMap(node), `${segments.join('.')} exists`);
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    assert.ok(pair, `${segments.join('.')} exists`);
    keyNode = pair.key as Node;
    node = pair.value;
  }
  return { key: counter.linePos(keyNode!.range![0]).line, value: counter.linePos((node as Node).range![0]).line };
}

test('every guess is marked with a comment on its line (or right above its key)', () => {
  const cases = [
    { files: ['topology/stacks/mito/docker-compose.yml', 'topology/stacks/mito/docker-compose.override.yml'], envFile: 'topology/stacks/mito/.env.example' },
    { files: ['../shared/corpus/awesome-compose/pihole-cloudflared-DoH/compose.yaml'] },
    { files: ['../shared/corpus/awesome-compose/prometheus-grafana/compose.yaml'] },
  ];
  for (const c of cases) {
    const files = c.files.map((f) => path.resolve(REPO_ROOT, f));
    const sources = loadSystemCompose({ files, env: {}, rootDir: path.resolve(REPO_ROOT, '..'), ...(c.envFile ? { envFiles: [path.resolve(REPO_ROOT, c.envFile)] } : {}) });
    const result = buildTopology({ ...sources, guard: new SecretGuard(sources.variables) }, { id: 'x', composeFiles: c.files });
    const text = emitTopology(result.topology, result.notes.comments, { schema: 'x.json' });
    const lines = text.split('\n');
    assert.ok(result.notes.guesses.length >= 5, `${c.files[0]}: guesses were made`);
    const kinds = new Set(result.notes.guesses.map((g) => g.what));
    for (const what of ['kind', 'port role']) assert.ok(kinds.has(what), `${c.files[0]} guesses ${what}`);
    for (const guess of result.notes.guesses) {
      const at = linesOf(text, guess.path);
      const marked = [lines[at.value - 1], lines[at.key - 2]].some((line) => line !== undefined && /# guessed/.test(line));
      assert.ok(marked, `${guess.path.join('.')} (${guess.what}) is marked:\n${lines[at.key - 2]}\n${lines[at.value - 1]}`);
    }
    // Comments say what the guess was made from, e.g. the image.
    assert.match(text, /kind: \w[\w-]* # guessed from (image|the service name|nothing specific)/);
  }
});

test('a build is written as compose states it: the context alone, with its Dockerfile and target, or a Git URL', () => {
  const dir = tempDir('topodoc-import-build-');
  writeFiles(dir, {
    'stack/compose.yaml': [
      'services:',
      '  web:',
      '    build: ./web',
      '  api:',
      '    build:',
      '      context: ../services/api',
      '      dockerfile: Dockerfile.prod',
      '      target: production',
      '  docs:',
      '    build: https://github.com/example/docs.git#main',
      '',
    ].join('\n'),
  });
  const sources = loadSystemCompose({ files: [path.join(dir, 'stack/compose.yaml')], env: {}, rootDir: dir });
  const result = buildTopology({ ...sources, guard: new SecretGuard(sources.variables) }, { id: 'x', composeFiles: ['stack/compose.yaml'] });
  const text = emitTopology(result.topology, result.notes.comments, { schema: 'x.json' });
  assert.match(text, /\n {4}build: \.\/web\n/);
  assert.match(text, /\n {4}build: \{ context: \.\.\/services\/api, dockerfile: Dockerfile\.prod, target: production \}\n/);
  assert.match(text, /\n {4}build: https:\/\/github\.com\/example\/docs\.git#main\n/);
});
