/** The compose → Traefik reader adapter: label bags, networks, and static / file-provider configuration from mounts. */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { checkTopology } from '../../src/check/load-system.ts';
import { composeToTraefikInput, findTraefikService, hostPathOf, imageTag, isTraefikImage } from '../../src/check/traefik-input.ts';
import { loadComposeProjectSync } from '../../src/compose/index.ts';
import { loadTopologyFile } from '../../src/io/topology-files.ts';
import { readTraefikConfig } from '../../src/traefik/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { compact } from './helpers.ts';

test('Traefik images and tags', () => {
  for (const image of ['traefik', 'traefik:v3.3', 'docker.io/library/traefik:3', 'ghcr.io/x/traefik@sha256:abc', 'TRAEFIK:latest']) assert.ok(isTraefikImage(image), image);
  for (const image of ['traefik-forward-auth', 'thomseddon/traefik-forward-auth:2', 'nginx', 'traefik/whoami']) assert.ok(!isTraefikImage(image), image);
  assert.equal(imageTag('traefik:v3.3'), 'v3.3');
  assert.equal(imageTag('registry:5000/traefik'), 'latest');
  assert.equal(imageTag('traefik:2.11@sha256:abc'), '2.11');
});

/** A small stack whose Traefik reads traefik.yml and a file-provider directory from bind mounts. */
function fileConfiguredStack(): { dir: string; compose: string } {
  const dir = tempDir('topodoc-check-files-');
  mkdirSync(path.join(dir, 'topology/stacks/shop/traefik/dynamic'), { recursive: true });
  const compose = path.join(dir, 'topology/stacks/shop/compose.yaml');
  writeFileSync(
    compose,
    [
      'name: shop',
      'services:',
      '  proxy:',
      '    image: traefik:v3.1',
      '    ports: ["443:443"]',
      '    volumes:',
      '      - ./traefik/traefik.yml:/etc/traefik/traefik.yml:ro',
      '      - ./traefik/dynamic:/etc/traefik/dynamic:ro',
      '      - certs:/certs',
      '    networks: [web]',
      '  shop:',
      '    image: shop:1',
      '    expose: ["8000"]',
      '    networks: [web]',
      '    labels:',
      '      - traefik.enable=true',
      '      - traefik.http.routers.shop.rule=Host(`shop.example.com`)',
      '      - traefik.http.routers.shop.entrypoints=websecure',
      '      - traefik.http.routers.shop.tls.certresolver=le',
      '      - traefik.http.routers.shop.middlewares=hsts@file',
      'networks:',
      '  web:',
      'volumes:',
      '  certs:',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'topology/stacks/shop/traefik/traefik.yml'),
    [
      'entryPoints:',
      '  websecure:',
      '    address: ":443"',
      'providers:',
      '  docker:',
      '    exposedByDefault: false',
      '    network: shop_web',
      '  file:',
      '    directory: /etc/traefik/dynamic',
      'certificatesResolvers:',
      '  le:',
      '    acme:',
      '      storage: /certs/acme.json',
      '      tlsChallenge: {}',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'topology/stacks/shop/traefik/dynamic/middlewares.yml'), 'http:\n  middlewares:\n    hsts:\n      headers:\n        stsSeconds: 63072000\n');
  return { dir, compose };
}

test('the static configuration comes from a mounted traefik.yml, file-provider files from a mounted directory', () => {
  const { dir, compose } = fileConfiguredStack();
  const project = loadComposeProjectSync({ files: [compose], rootDir: dir });
  const proxy = findTraefikService(project)!;
  assert.equal(proxy.name, 'proxy');
  assert.equal(hostPathOf(proxy, '/etc/traefik/dynamic/a.yml'), path.join(dir, 'topology/stacks/shop/traefik/dynamic/a.yml'));
  assert.equal(hostPathOf(proxy, '/certs/acme.json'), undefined, 'a named volume has no host path');
  const input = composeToTraefikInput(project, { readText: (p) => readFileSync(p, 'utf8'), listDir: (p) => readdirSync(p) });
  assert.equal(input.staticInput?.fileConfig?.file, 'topology/stacks/shop/traefik/traefik.yml');
  assert.deepEqual(input.staticInput?.dynamicFiles?.map((f) => f.file), ['topology/stacks/shop/traefik/dynamic/middlewares.yml']);
  assert.deepEqual(input.services.find((s) => s.name === 'shop')?.networks, ['shop_web']);
  const config = readTraefikConfig(input);
  assert.deepEqual(config.entrypoints.map((e) => [e.name, e.port]), [['websecure', 443]]);
  assert.deepEqual(config.routers[0]!.middlewares.map((m) => [m.qualifiedName, m.resolved]), [['hsts@file', true]]);
});

test('check: file-provider middlewares are compared when their files are mounted; locations point into them', async () => {
  const { dir } = fileConfiguredStack();
  const topology = [
    '# yaml-language-server: $schema=../public/schema/topology.schema.json',
    'id: shop',
    'name: Shop',
    'compose: { files: [stacks/shop/compose.yaml] }',
    'proxy: proxy',
    'entrypoints:',
    '  websecure: { port: 443, protocol: https }',
    'tls:',
    '  resolvers:',
    '    le: { challenge: tls-alpn-01, storage: { path: /certs/acme.json, volume: certs } }',
    'middlewares:',
    '  hsts: { provider: file, headers: { stsSeconds: 31536000 } }',
    'networks: { web: {} }',
    'volumes: { certs: { persists: certificates } }',
    'services:',
    '  proxy: { kind: proxy, ports: { https: { port: 443, published: 443 } }, networks: [web],',
    '           volumes: [{ volume: ./traefik/traefik.yml, target: /etc/traefik/traefik.yml, readOnly: true },',
    '                     { volume: ./traefik/dynamic, target: /etc/traefik/dynamic, readOnly: true }, { volume: certs, target: /certs }] }',
    '  shop: { kind: app, image: "shop:1", ports: { main: 8000 }, networks: [web] }',
    'routes:',
    '  shop: { host: shop.example.com, service: shop, entrypoints: [websecure], middlewares: [hsts@file], tls: { certResolver: le } }',
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'topology/shop.yaml'), topology);
  const result = checkTopology(await loadTopologyFile(path.join(dir, 'topology/shop.yaml'), dir), { cwd: dir, env: {} });
  assert.deepEqual(result.findings.map(compact), [
    {
      rule: 'drift/middleware-setting',
      severity: 'error',
      message: 'setting stsSeconds of middleware "hsts" is 31536000 in the topology, but 63072000 in compose',
      at: 'topology/stacks/shop/traefik/dynamic/middlewares.yml:5:9',
      related: [`topology/shop.yaml:12:${'  hsts: { provider: file, headers: { '.length + 1} topology setting`],
    },
  ]);
});
