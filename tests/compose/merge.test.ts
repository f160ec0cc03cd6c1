/**
 * Merging several compose files (Compose Specification 13-merge.md): mappings merge, sequences
 * append, scalars are replaced; special rules for command/entrypoint/healthcheck.test, key/value
 * bags, networks and depends_on, uniqueness keys, and the `!reset` / `!override` tags.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ComposeProject } from '../../src/compose/index.ts';
import { load } from './helpers.ts';

/** Loads compose.yaml then override.yaml, like `-f compose.yaml -f override.yaml`. */
function merged(base: string, override: string): ComposeProject {
  return load(base, { extra: { 'override.yaml': override }, files: ['compose.yaml', 'override.yaml'] });
}

const web = (project: ComposeProject) => project.services.web!;

describe('merge of -f files', () => {
  test('scalars: the last file wins, with its location', () => {
    const project = merged('services:\n  web:\n    image: nginx:1\n', 'services:\n  web:\n    image: nginx:2\n');
    assert.equal(web(project).image?.value, 'nginx:2');
    assert.equal(web(project).image?.loc.file, 'override.yaml');
    assert.deepEqual(project.files, ['compose.yaml', 'override.yaml']);
  });

  test('mappings merge: attributes of both files are kept; the service stays where it was declared', () => {
    const project = merged('services:\n  web:\n    image: nginx\n', 'services:\n  web:\n    hostname: web1\n');
    assert.deepEqual([web(project).image?.value, web(project).hostname?.value], ['nginx', 'web1']);
    assert.equal(web(project).loc.file, 'compose.yaml');
  });

  test('a service only in the override is added after the others', () => {
    const project = merged('services:\n  web:\n    image: a\n', 'services:\n  worker:\n    image: b\n');
    assert.deepEqual(Object.keys(project.services), ['web', 'worker']);
  });

  test('sequences append (ports)', () => {
    const project = merged('services:\n  web:\n    image: x\n    ports: ["80:80"]\n', 'services:\n  web:\n    ports: ["443:443"]\n');
    assert.deepEqual(web(project).ports.map((p) => p.target), [80, 443]);
  });

  test('ports are unique by host_ip:published:target/protocol; the override location wins', () => {
    const project = merged('services:\n  web:\n    image: x\n    ports: ["80:80", "81:81"]\n', 'services:\n  web:\n    ports: ["80:80"]\n');
    assert.deepEqual(web(project).ports.map((p) => [p.target, p.loc.file]), [
      [80, 'override.yaml'],
      [81, 'compose.yaml'],
    ]);
  });

  test('volumes are unique by target', () => {
    const project = merged(
      'services:\n  web:\n    image: x\n    volumes: ["./dev:/app", "./logs:/logs"]\n',
      'services:\n  web:\n    volumes: ["./prod:/app:ro"]\n',
    );
    assert.deepEqual(web(project).volumes.map((v) => [v.source, v.target, v.readOnly]), [
      ['/proj/prod', '/app', true],
      ['/proj/logs', '/logs', false],
    ]);
  });

  test('expose is unique by value', () => {
    const project = merged('services:\n  web:\n    image: x\n    expose: ["3000"]\n', 'services:\n  web:\n    expose: ["3000", "4000"]\n');
    assert.deepEqual(web(project).expose.map((e) => e.port), [3000, 4000]);
  });

  test('cap_add appends without duplicates', () => {
    const project = merged('services:\n  web:\n    image: x\n    cap_add: [NET_ADMIN]\n', 'services:\n  web:\n    cap_add: [NET_ADMIN, SYS_TIME]\n');
    assert.deepEqual(web(project).capAdd.map((c) => c.value), ['NET_ADMIN', 'SYS_TIME']);
  });

  test('secrets are unique by target', () => {
    const project = merged(
      'services:\n  web:\n    image: x\n    secrets: [a]\nsecrets:\n  a: {file: ./a}\n  b: {file: ./b}\n',
      'services:\n  web:\n    secrets:\n      - source: b\n        target: a\n',
    );
    assert.deepEqual(web(project).secrets.map((s) => [s.source, s.target]), [['b', '/run/secrets/a']]);
  });

  test('command is replaced, not appended', () => {
    const project = merged('services:\n  web:\n    image: x\n    command: ["npm", "start"]\n', 'services:\n  web:\n    command: ["npm", "run", "dev"]\n');
    assert.deepEqual(web(project).command?.args.map((a) => a.value), ['npm', 'run', 'dev']);
  });

  test('entrypoint is replaced, not appended', () => {
    const project = merged('services:\n  web:\n    image: x\n    entrypoint: ["/a"]\n', 'services:\n  web:\n    entrypoint: /b --flag\n');
    assert.deepEqual(web(project).entrypoint?.args.map((a) => a.value), ['/b', '--flag']);
  });

  test('healthcheck.test is replaced while other healthcheck attributes merge', () => {
    const project = merged(
      'services:\n  web:\n    image: x\n    healthcheck:\n      test: ["CMD", "a"]\n      interval: 10s\n',
      'services:\n  web:\n    healthcheck:\n      test: ["CMD", "b"]\n',
    );
    assert.deepEqual(web(project).healthcheck?.test?.value, ['CMD', 'b']);
    assert.equal(web(project).healthcheck?.interval?.text, '10s');
  });

  test('labels merge by key across list and map forms', () => {
    const project = merged('services:\n  web:\n    image: x\n    labels: ["a=1", "b=2"]\n', 'services:\n  web:\n    labels:\n      b: "3"\n      c: "4"\n');
    assert.deepEqual(Object.fromEntries(Object.entries(web(project).labels).map(([k, v]) => [k, [v.value, v.loc.file]])), {
      a: ['1', 'compose.yaml'],
      b: ['3', 'override.yaml'],
      c: ['4', 'override.yaml'],
    });
  });

  test('environment merges by key; the winner decides the kind', () => {
    const project = merged('services:\n  web:\n    image: x\n    environment:\n      A: "1"\n      B: "2"\n', 'services:\n  web:\n    environment: ["B=${X:-y}", "C"]\n');
    assert.deepEqual(Object.fromEntries(Object.entries(web(project).environment).map(([k, v]) => [k, v.kind])), { A: 'literal', B: 'interpolated', C: 'inherited' });
  });

  test('deploy.labels merge by key', () => {
    const project = merged('services:\n  web:\n    image: x\n    deploy:\n      labels: ["a=1"]\n', 'services:\n  web:\n    deploy:\n      labels: {b: "2"}\n');
    assert.deepEqual(Object.keys(web(project).deploy!.labels), ['a', 'b']);
  });

  test('networks: list and map merge into one map', () => {
    const project = merged(
      'services:\n  web:\n    image: x\n    networks:\n      front:\n        aliases: [site]\nnetworks:\n  front:\n  back:\n',
      'services:\n  web:\n    networks: [front, back]\n',
    );
    assert.deepEqual(Object.keys(web(project).networks), ['front', 'back']);
    assert.deepEqual(web(project).networks.front?.aliases.map((a) => a.value), ['site']);
  });

  test('depends_on: list and map merge; a listed dependency means service_started', () => {
    const project = merged(
      'services:\n  db:\n    image: x\n  cache:\n    image: x\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_healthy\n',
      'services:\n  web:\n    depends_on: [db, cache]\n',
    );
    assert.deepEqual(Object.values(web(project).dependsOn).map((d) => [d.service, d.condition, d.required]), [
      ['db', 'service_started', true],
      ['cache', 'service_started', true],
    ]);
  });

  test('depends_on map in the override refines a list', () => {
    const project = merged(
      'services:\n  db:\n    image: x\n  web:\n    image: x\n    depends_on: [db]\n',
      'services:\n  web:\n    depends_on:\n      db:\n        condition: service_healthy\n        restart: true\n',
    );
    assert.deepEqual([web(project).dependsOn.db?.condition, web(project).dependsOn.db?.restart, web(project).dependsOn.db?.required], ['service_healthy', true, true]);
  });

  test('build: a string context merges with a mapping', () => {
    const project = merged('services:\n  web:\n    build: ./app\n', 'services:\n  web:\n    build:\n      dockerfile: Dockerfile.prod\n');
    assert.deepEqual([web(project).build?.context, web(project).build?.dockerfile], ['/proj/app', 'Dockerfile.prod']);
  });

  test('top-level networks merge', () => {
    const project = merged('services: {}\nnetworks:\n  front:\n    driver: bridge\n', 'networks:\n  front:\n    internal: true\n');
    assert.deepEqual([project.networks.front?.driver, project.networks.front?.internal], ['bridge', true]);
  });

  test('!reset clears a sequence', () => {
    const project = merged('services:\n  web:\n    image: x\n    ports: ["80:80"]\n', 'services:\n  web:\n    ports: !reset []\n');
    assert.deepEqual(web(project).ports, []);
  });

  test('!reset clears a scalar', () => {
    const project = merged('services:\n  web:\n    image: x\n    hostname: web1\n', 'services:\n  web:\n    hostname: !reset null\n');
    assert.equal(web(project).hostname, undefined);
  });

  test('!reset removes one environment key', () => {
    const project = merged('services:\n  web:\n    image: x\n    environment:\n      FOO: "1"\n      BAR: "2"\n', 'services:\n  web:\n    environment:\n      FOO: !reset null\n');
    assert.deepEqual(Object.keys(web(project).environment), ['BAR']);
  });

  test('!reset removes a whole service attribute mapping (healthcheck)', () => {
    const project = merged('services:\n  web:\n    image: x\n    healthcheck:\n      test: ["CMD", "a"]\n', 'services:\n  web:\n    healthcheck: !reset {}\n');
    assert.equal(web(project).healthcheck, undefined);
  });

  test('!override replaces a sequence instead of appending', () => {
    const project = merged('services:\n  web:\n    image: x\n    ports: ["80:80", "443:443"]\n', 'services:\n  web:\n    ports: !override ["8080:80"]\n');
    assert.deepEqual(web(project).ports.map((p) => [p.published, p.target]), [['8080', 80]]);
  });

  test('!override replaces a mapping instead of merging', () => {
    const project = merged('services:\n  web:\n    image: x\n    labels: {a: "1", b: "2"}\n', 'services:\n  web:\n    labels: !override {c: "3"}\n');
    assert.deepEqual(Object.keys(web(project).labels), ['c']);
  });

  test('!override on a whole service drops the base attributes', () => {
    const project = merged('services:\n  web:\n    image: x\n    ports: ["80:80"]\n', 'services:\n  web: !override\n    image: y\n');
    assert.deepEqual([web(project).image?.value, web(project).ports.length], ['y', 0]);
  });

  test('tags in a single file: !reset after a YAML merge key removes the merged attribute', () => {
    const project = load('x-base: &base\n  image: x\n  ports: ["80:80"]\nservices:\n  web:\n    <<: *base\n    ports: !reset []\n');
    assert.deepEqual(web(project).ports, []);
    assert.equal(web(project).image?.value, 'x');
  });

  test('three files merge left to right', () => {
    const project = load('services:\n  web:\n    image: a\n', {
      extra: { 'b.yaml': 'services:\n  web:\n    image: b\n    hostname: hb\n', 'c.yaml': 'services:\n  web:\n    image: c\n' },
      files: ['compose.yaml', 'b.yaml', 'c.yaml'],
    });
    assert.deepEqual([web(project).image?.value, web(project).hostname?.value], ['c', 'hb']);
  });

  test('several YAML documents in one file merge in order', () => {
    const project = load('services:\n  web:\n    image: a\n    ports: ["80:80"]\n---\nservices:\n  web:\n    image: b\n    ports: ["81:81"]\n');
    assert.deepEqual([web(project).image?.value, web(project).ports.length], ['b', 2]);
  });
});
