import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTraefikConfig } from '../../src/traefik/read-config.ts';
import type { TraefikConfig } from '../../src/traefik/types.ts';
import { input, loc } from './helpers.ts';
import type { ServiceSpec } from './helpers.ts';

function single(spec: ServiceSpec, args?: string[]): TraefikConfig {
  return readTraefikConfig(input({ web: spec }, args));
}

function findings(config: TraefikConfig): string[] {
  return config.diagnostics.map((d) => `${d.rule}@${d.loc?.line}:${d.loc?.column} ${d.message}`);
}

test('loadbalancer.server.port wins over compose ports', () => {
  const config = single({ labels: { 'traefik.http.services.web.loadbalancer.server.port': '8080' }, ports: [80, 443], expose: [9000] });
  assert.deepEqual(config.routers[0]!.targets, [
    { composeService: 'web', url: null, candidates: [80, 443, 9000], port: 8080, source: 'label', loc: loc(140) },
  ]);
  assert.deepEqual(findings(config), []);
});

test('loadbalancer.server.url gives the port of the URL (scheme default port otherwise)', () => {
  const withPort = single({ labels: { 'traefik.http.services.web.loadbalancer.server.url': 'https://web:8443/base' } });
  assert.deepEqual(withPort.routers[0]!.targets, [
    { composeService: 'web', url: 'https://web:8443/base', candidates: [], port: 8443, source: 'url', loc: loc(140) },
  ]);
  const withoutPort = single({ labels: { 'traefik.http.services.web.loadbalancer.server.url': 'https://web' } });
  assert.equal(withoutPort.routers[0]!.targets[0]!.port, 443);
});

test('the only published port: its container side, located at the ports entry', () => {
  const config = single({ ports: [80] });
  assert.deepEqual(config.routers[0]!.targets, [
    { composeService: 'web', url: null, candidates: [80], port: 80, source: 'single-port', loc: loc(101) },
  ]);
  assert.deepEqual(findings(config), []);
});

test('the only exposed port', () => {
  const config = single({ expose: [3000] });
  assert.deepEqual(config.routers[0]!.targets, [
    { composeService: 'web', url: null, candidates: [3000], port: 3000, source: 'single-port', loc: loc(120) },
  ]);
});

test('several ports: the lowest (numerically), with a note; duplicates across ports and expose count once', () => {
  const config = single({ ports: [9090, 443], expose: [80, 443, 10000] });
  assert.deepEqual(config.routers[0]!.targets, [
    { composeService: 'web', url: null, candidates: [80, 443, 9090, 10000], port: 80, source: 'lowest-port', loc: loc(120) },
  ]);
  assert.deepEqual(findings(config), [
    'traefik/ambiguous-port@100:3 `web` has ports 80, 443, 9090, 10000; Traefik picks the lowest (80). Set `traefik.http.services.web-myapp.loadbalancer.server.port` to make it explicit',
  ]);
});

test('no port in compose: unverifiable (the image EXPOSE decides), with a note', () => {
  const config = single({ labels: { 'traefik.http.routers.web.rule': 'Host(`web.example.com`)' } });
  assert.deepEqual(config.routers[0]!.targets, [
    { composeService: 'web', url: null, candidates: [], port: null, source: 'unverifiable', loc: null },
  ]);
  assert.deepEqual(findings(config), [
    'traefik/port-unverifiable@100:3 compose declares no port for `web`; Traefik uses the lowest port the image EXPOSEs, which topodoc cannot see. Set `traefik.http.services.web-myapp.loadbalancer.server.port`',
  ]);
});

test('an implicit service no router uses gets no port note; a declared one does', () => {
  const unused = single({
    labels: { 'traefik.http.routers.dash.rule': 'Host(`traefik.example.com`)', 'traefik.http.routers.dash.service': 'api@internal' },
  });
  assert.deepEqual(
    unused.services.map((s) => [s.qualifiedName, s.implicit, s.servers[0]?.source]),
    [['web-myapp@docker', true, 'unverifiable']],
  );
  assert.deepEqual(findings(unused), []);

  const declared = single({
    labels: {
      'traefik.http.routers.dash.rule': 'Host(`traefik.example.com`)',
      'traefik.http.routers.dash.service': 'api@internal',
      'traefik.http.services.metrics.loadbalancer.server.scheme': 'h2c',
    },
  });
  assert.deepEqual(declared.services[0]!.scheme, { value: 'h2c', loc: loc(142), isDefault: false });
  assert.deepEqual(findings(declared), [
    'traefik/port-unverifiable@142:9 compose declares no port for `web`; Traefik uses the lowest port the image EXPOSEs, which topodoc cannot see. Set `traefik.http.services.metrics.loadbalancer.server.port`',
  ]);
});

test('TCP services pick their port the same way', () => {
  const config = single({ labels: { 'traefik.tcp.routers.db.rule': 'HostSNI(`*`)' }, ports: [5433, 5432] });
  assert.deepEqual(
    config.routers.map((r) => [r.protocol, r.qualifiedName, r.targets.map((t) => [t.port, t.source])]),
    [['tcp', 'db@docker', [[5432, 'lowest-port']]]],
  );
  assert.deepEqual(findings(config), [
    'traefik/ambiguous-port@100:3 `web` has ports 5432, 5433; Traefik picks the lowest (5432). Set `traefik.tcp.services.web-myapp.loadbalancer.server.port` to make it explicit',
  ]);
});

test('Swarm services need the port label even when compose lists ports', () => {
  const config = readTraefikConfig(
    input({ web: { deployLabels: { 'traefik.http.routers.web.rule': 'Host(`web.example.com`)' }, ports: [80] } }, ['--providers.swarm']),
  );
  assert.deepEqual(config.routers[0]!.targets, [
    { composeService: 'web', url: null, candidates: [80], port: null, source: 'unverifiable', loc: null },
  ]);
  assert.deepEqual(findings(config), [
    'traefik/swarm-port-required@100:3 the Swarm provider needs `traefik.http.services.myapp-web.loadbalancer.server.port` for service `myapp-web`: Swarm services expose no container ports to Traefik',
  ]);
});
