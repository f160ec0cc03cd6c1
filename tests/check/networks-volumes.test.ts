/** Drift rules for networks (declarations, flags, membership) and mounts / named volumes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drift, SystemCopy } from './helpers.ts';

const MITO = 'topology/stacks/mito/docker-compose.yml';
const MITO_TOPOLOGY = 'topology/mito.yaml';
const SELLY = 'topology/stacks/sellybase/docker-compose.prod.yml';
const SELLY_TOPOLOGY = 'topology/sellybase.yaml';
const V1 = 'topology/stacks/sothebais-v1/docker-compose.yml';
const V1_TOPOLOGY = 'topology/sothebais-v1.yaml';
const INFRA_AUTOMATION = 'topology/stacks/infra-production/automation/docker-compose.yml';
const INFRA_TOPOLOGY = 'topology/infra-production.yaml';

test('drift/network-missing (and -extra): a network renamed in compose', async () => {
  const s = new SystemCopy('sothebais-v1');
  s.write(V1, s.read(V1).replaceAll('frontend_net', 'front'));
  const result = await s.check();
  const findings = drift(result);
  assert.deepEqual(findings.find((f) => f.rule === 'drift/network-missing'), {
    rule: 'drift/network-missing',
    severity: 'error',
    message: 'network "frontend_net" is in the topology but not declared in compose',
    at: `${V1_TOPOLOGY}:${s.line(V1_TOPOLOGY, '  frontend_net:\n    driver: bridge\n    purpose')}:3`,
    related: [`${V1}:${s.serviceLine(V1, 'traefik')}:3 compose services`],
  });
  assert.deepEqual(findings.find((f) => f.rule === 'drift/network-extra'), {
    rule: 'drift/network-extra',
    severity: 'error',
    message: 'compose network "front" is not in the topology',
    at: `${V1}:${s.line(V1, '\n  front:\n') + 1}:3`,
    related: [`${V1_TOPOLOGY}:${s.line(V1_TOPOLOGY, '\nnetworks:\n') + 1}:1 topology networks`],
  });
  // Every service then joins an undocumented network and leaves the documented one.
  assert.equal(findings.filter((f) => f.rule === 'drift/network-membership').length, 2 * 7);
});

test('drift/network-extra: an unused network declared in compose', async () => {
  const s = new SystemCopy('mito').replace(MITO, '\nvolumes:\n  postgres_data:', '\n  spare:\n    driver: bridge\n\nvolumes:\n  postgres_data:');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/network-extra',
      severity: 'error',
      message: 'compose network "spare" is not in the topology',
      at: `${MITO}:${s.line(MITO, '  spare:')}:3`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '\nnetworks:\n') + 1}:1 topology networks`],
    },
  ]);
});

test('drift/network-internal', async () => {
  const s = new SystemCopy('mito').replace(MITO, '    name: mito-network\n    driver: bridge\n', '    name: mito-network\n    driver: bridge\n    internal: true\n');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/network-internal',
      severity: 'error',
      message: 'network "mito-network" is internal in compose, but the topology says internal: false',
      at: `${MITO}:${s.line(MITO, '  mito-network:\n    name: mito-network')}:3`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '  mito-network:\n    name: mito-network')}:3 topology network`],
    },
  ]);
});

test('drift/network-external', async () => {
  const s = new SystemCopy('mito').replace(MITO, '    name: mito-network\n    driver: bridge\n', '    name: mito-network\n    external: true\n');
  const findings = drift(await s.check());
  assert.deepEqual(
    findings.map((f) => [f.rule, f.message, f.at]),
    [['drift/network-external', 'network "mito-network" is external in compose, but the topology says external: false', `${MITO}:${s.line(MITO, '  mito-network:\n    name: mito-network')}:3`]],
  );
});

test('drift/network-name: an explicit name the topology does not state', async () => {
  const s = new SystemCopy('infra-production').replace(INFRA_AUTOMATION, '  automation-internal:\n    driver: bridge\n', '  automation-internal:\n    name: automation\n    driver: bridge\n');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/network-name',
      severity: 'error',
      message: 'network "automation-internal" is named "automation" in compose, but the topology says name: (none, i.e. "traefik_automation-internal")',
      at: `${INFRA_AUTOMATION}:${s.line(INFRA_AUTOMATION, '  automation-internal:\n    name: automation')}:3`,
      related: [`${INFRA_TOPOLOGY}:${s.line(INFRA_TOPOLOGY, '  automation-internal:\n    driver: bridge')}:3 topology network`],
    },
  ]);
});

test('drift/network-driver', async () => {
  const s = new SystemCopy('sothebais-v1').replace(V1, '  frontend_net:\n    driver: bridge\n', '  frontend_net:\n    driver: overlay\n');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/network-driver',
      severity: 'error',
      message: 'network "frontend_net" uses driver "overlay" in compose, but the topology says "bridge"',
      at: `${V1}:${s.line(V1, '  frontend_net:\n    driver: overlay')}:3`,
      related: [`${V1_TOPOLOGY}:${s.line(V1_TOPOLOGY, '  frontend_net:\n    driver: bridge\n    purpose') + 1}:5 topology network`],
    },
  ]);
});

test('drift/network-subnet', async () => {
  const s = new SystemCopy('sellybase').replace(SELLY, 'subnet: 172.25.0.0/16', 'subnet: 172.26.0.0/16');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/network-subnet',
      severity: 'error',
      message: 'network "selly-network" has subnet 172.26.0.0/16 in compose, but the topology says 172.25.0.0/16',
      at: `${SELLY}:${s.line(SELLY, '- subnet: 172.26.0.0/16')}:11`,
      related: [`${SELLY_TOPOLOGY}:${s.line(SELLY_TOPOLOGY, '    subnet: 172.25.0.0/16')}:5 topology network`],
    },
  ]);
});

test('drift/network-membership: a service joins a network the topology does not list for it', async () => {
  const s = new SystemCopy('infra-production').replace(
    INFRA_AUTOMATION,
    '    networks:\n      - automation-internal\n    healthcheck:',
    '    networks:\n      - automation-internal\n      - traefik-net\n    healthcheck:',
  );
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/network-membership',
      severity: 'error',
      message: 'service "automation-redis" joins network "traefik-net" in compose, which the topology does not list for it',
      at: `${INFRA_AUTOMATION}:${s.line(INFRA_AUTOMATION, '      - traefik-net\n    healthcheck:\n      test: ["CMD-SHELL", "redis-cli')}:9`,
      related: [`${INFRA_TOPOLOGY}:${s.line(INFRA_TOPOLOGY, '    networks: [automation-internal]')}:5 topology networks of the service`],
    },
  ]);
});

test('drift/volume: a mount moved to another target, a bind with another source, read-only lost, a named volume undeclared', async () => {
  const moved = new SystemCopy('mito').replace(MITO, '      - redis_data:/data', '      - redis_data:/var/data');
  assert.deepEqual(drift(await moved.check()), [
    {
      rule: 'drift/volume',
      severity: 'error',
      message: 'service "redis" mounts redis_data at /data in the topology, but compose mounts nothing there',
      at: `${MITO}:${moved.serviceLine(MITO, 'redis')}:3`,
      related: [`${MITO_TOPOLOGY}:${moved.line(MITO_TOPOLOGY, '      - { volume: redis_data, target: /data }')}:9 topology mount`],
    },
    {
      rule: 'drift/volume',
      severity: 'error',
      message: 'service "redis" mounts redis_data at /var/data in compose, which the topology does not list',
      at: `${MITO}:${moved.line(MITO, 'redis_data:/var/data')}:9`,
      related: [`${MITO_TOPOLOGY}:${moved.line(MITO_TOPOLOGY, '    volumes:\n      - { volume: redis_data')}:5 topology mounts of the service`],
    },
  ]);

  const bind = new SystemCopy('sellybase').replace(SELLY, '      - ./backups:/backups', '      - ./dumps:/backups');
  assert.deepEqual(
    drift(await bind.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/volume', 'service "postgres" mounts backups (bind) at /backups in the topology, but ./dumps (bind) in compose', `${SELLY}:${bind.line(SELLY, './dumps:/backups')}:9`]],
  );

  const writable = new SystemCopy('mito').replace(MITO, '/var/run/docker.sock:/var/run/docker.sock:ro', '/var/run/docker.sock:/var/run/docker.sock');
  assert.deepEqual(
    drift(await writable.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/volume', 'service "traefik" mounts /var/run/docker.sock read-only in the topology, but read-write in compose', `${MITO}:${writable.line(MITO, '/var/run/docker.sock:/var/run/docker.sock')}:9`]],
  );

  const extraVolume = new SystemCopy('mito').replace(MITO, '  traefik-letsencrypt:\n', '  traefik-letsencrypt:\n  cache:\n');
  assert.deepEqual(
    drift(await extraVolume.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/volume', 'compose declares named volume "cache", which the topology does not list', `${MITO}:${extraVolume.line(MITO, '  cache:')}:3`]],
  );
});
