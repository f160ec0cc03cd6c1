/** Drift rules for services, container ports and host publications, each from a mutated reference stack. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drift, SystemCopy } from './helpers.ts';

const MITO = 'topology/stacks/mito/docker-compose.yml';
const MITO_OVERRIDE = 'topology/stacks/mito/docker-compose.override.yml';
const MITO_TOPOLOGY = 'topology/mito.yaml';
const SELLY = 'topology/stacks/sellybase/docker-compose.prod.yml';
const SELLY_TOPOLOGY = 'topology/sellybase.yaml';

const MOBILE_BUILD = `  mobile-build:
    build: ./mobile-build
    hostname: mobile-build
    expose:
      - "8081"
    depends_on:
      api:
        condition: service_started
    networks:
      - mito-network
    labels:
      - "traefik.enable=true"
      - "traefik.http.routers.mobile-build.rule=Host(\`mobile-build.\${DOMAIN}\`)"
      - "traefik.http.routers.mobile-build.entrypoints=websecure"
      - "traefik.http.routers.mobile-build.tls.certresolver=letsencrypt"
      - "traefik.http.services.mobile-build.loadbalancer.server.port=8081"
`;

test('drift/service-missing: a topology service in no compose file points at the topology, with the compose services as related', async () => {
  const s = new SystemCopy('mito').replace(MITO, MOBILE_BUILD, '');
  const result = await s.check();
  assert.deepEqual(drift(result), [
    {
      rule: 'drift/service-missing',
      severity: 'error',
      message: 'service "mobile-build" is in the topology but in none of the compose files',
      at: `${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '  mobile-build:\n    name: Mobile Build')}:3`,
      related: [`${MITO}:${s.line(MITO, '  traefik:')}:3 compose services`],
    },
  ]);
});

test('drift/service-missing: a service of an inactive profile says which profile', async () => {
  const s = new SystemCopy('mito').replace(MITO, '    build: ./mobile-build\n', '    build: ./mobile-build\n    profiles: [mobile]\n');
  const result = await s.check();
  assert.deepEqual(
    drift(result).map((d) => [d.rule, d.message]),
    [['drift/service-missing', 'service "mobile-build" runs only with compose profile "mobile", which is not active; activate it with --profile or the topology\'s compose.profiles']],
  );
  assert.deepEqual(drift(await s.check({ profiles: ['mobile'] })), []);
});

test('drift/service-extra: a compose service the topology does not know', async () => {
  const s = new SystemCopy('mito').replace(MITO, '  postgres:\n    image: postgres:16-alpine\n', '  adminer:\n    image: adminer:4\n    networks: [mito-network]\n\n  postgres:\n    image: postgres:16-alpine\n');
  const result = await s.check();
  assert.deepEqual(drift(result), [
    {
      rule: 'drift/service-extra',
      severity: 'error',
      message: 'compose service "adminer" is not in the topology',
      at: `${MITO}:${s.line(MITO, '  adminer:')}:3`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, 'services:\n  traefik:')}:1 topology services`],
    },
  ]);
});

test('drift/port-undeclared: an exposed container port the topology does not list', async () => {
  const s = new SystemCopy('mito').replace(MITO, '      - "9001"\n', '      - "9001"\n      - "9002"\n');
  const result = await s.check();
  assert.deepEqual(drift(result), [
    {
      rule: 'drift/port-undeclared',
      severity: 'error',
      message: 'service "minio" has container port 9002/tcp (expose), which the topology does not list among its ports',
      at: `${MITO}:${s.line(MITO, '"9002"')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '    ports:\n      main: { port: 9000')}:5 topology ports of the service`],
    },
  ]);
});

test('drift/port-protocol: same port number, other protocol', async () => {
  const s = new SystemCopy('mito').replace(MITO, '      - "6379"\n', '      - "6379/udp"\n');
  const result = await s.check();
  assert.deepEqual(drift(result), [
    {
      rule: 'drift/port-protocol',
      severity: 'error',
      message: 'service "redis" has container port 6379/udp (expose), but the topology lists port 6379 (main) as tcp',
      at: `${MITO}:${s.line(MITO, '"6379/udp"')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '      main: { port: 6379')}:13 topology port`],
    },
  ]);
});

test('drift/port-unverifiable: a topology port compose never mentions is only a note', async () => {
  const s = new SystemCopy('mito').replace(MITO, '    expose:\n      - "6379"\n', '');
  const result = await s.check();
  assert.deepEqual(drift(result), []);
  const notes = result.findings.filter((f) => f.rule === 'drift/port-unverifiable');
  assert.equal(notes.length, 1);
  assert.equal(notes[0]!.severity, 'note');
  assert.equal(
    notes[0]!.message,
    'port 6379 (main) of service "redis" appears nowhere in compose (no expose, ports or Traefik port label), so it cannot be verified: the image\'s EXPOSE decides',
  );
  assert.deepEqual(notes[0]!.related?.map((r) => r.loc.line), [s.serviceLine(MITO, 'redis')]);
});

test('drift/published-port-undeclared: a database published on the host is an error', async () => {
  const s = new SystemCopy('mito').replace(MITO, '    expose:\n      - "5432"\n', '    expose:\n      - "5432"\n    ports:\n      - "5432:5432"\n');
  const result = await s.check();
  assert.deepEqual(drift(result), [
    {
      rule: 'drift/published-port-undeclared',
      severity: 'error',
      message: 'service "postgres" publishes container port 5432/tcp on host port 5432, which the topology does not declare published',
      at: `${MITO}:${s.line(MITO, '"5432:5432"')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '      main: { port: 5432')}:7 topology port "main" (no published)`],
    },
  ]);
});

test('drift/published-port-undeclared: an ephemeral host port counts too', async () => {
  const s = new SystemCopy('mito').replace(MITO, '    expose:\n      - "6379"\n', '    ports:\n      - "6379"\n');
  const result = await s.check();
  assert.deepEqual(
    drift(result).map((d) => [d.rule, d.message, d.at]),
    [['drift/published-port-undeclared', 'service "redis" publishes container port 6379/tcp on an ephemeral host port, which the topology does not declare published', `${MITO}:${s.line(MITO, '      - "6379"')}:9`]],
  );
});

test('drift/published-port-missing: a declared publication compose does not make (topology mutated: postgres published)', async () => {
  const s = new SystemCopy('sellybase').replace(SELLY_TOPOLOGY, '      main: { port: 5432, scheme: postgres }', '      main: { port: 5432, scheme: postgres, published: 5432 }');
  const result = await s.check();
  assert.deepEqual(drift(result), [
    {
      rule: 'drift/published-port-missing',
      severity: 'error',
      message: 'the topology publishes container port 5432/tcp of "postgres" (main port) on host port 5432, but compose does not publish it',
      at: `${SELLY_TOPOLOGY}:${s.line(SELLY_TOPOLOGY, 'published: 5432')}:${s.read(SELLY_TOPOLOGY).split('\n')[s.line(SELLY_TOPOLOGY, 'published: 5432') - 1]!.indexOf('5432 }') + 1}`,
      related: [`${SELLY}:${s.serviceLine(SELLY, 'postgres')}:3 compose service`],
    },
  ]);
});

test('drift/published-port-mismatch: the same container port on another host port', async () => {
  const s = new SystemCopy('sellybase')
    .replace(SELLY_TOPOLOGY, '      main: { port: 5432, scheme: postgres }', '      main: { port: 5432, scheme: postgres, published: 5432, hostIp: 127.0.0.1 }')
    .replace(SELLY, '    expose:\n      - "5432"\n', '    ports:\n      - "127.0.0.1:15432:5432"\n');
  const result = await s.check();
  assert.deepEqual(
    drift(result).map((d) => [d.rule, d.message, d.at]),
    [
      [
        'drift/published-port-mismatch',
        'service "postgres" publishes container port 5432/tcp (main port) on host port 127.0.0.1:15432; the topology says host port 5432',
        `${SELLY}:${s.line(SELLY, '127.0.0.1:15432:5432')}:9`,
      ],
    ],
  );
});

test('drift/published-port-host-ip: published on every address while the topology says localhost', async () => {
  const s = new SystemCopy('sellybase')
    .replace(SELLY_TOPOLOGY, '      main: { port: 5432, scheme: postgres }', '      main: { port: 5432, scheme: postgres, published: 5432, hostIp: 127.0.0.1 }')
    .replace(SELLY, '    expose:\n      - "5432"\n', '    ports:\n      - "5432:5432"\n');
  const result = await s.check();
  assert.deepEqual(drift(result), [
    {
      rule: 'drift/published-port-host-ip',
      severity: 'error',
      message: 'service "postgres" publishes host port 5432 (main port) on every host address; the topology says 127.0.0.1',
      at: `${SELLY}:${s.line(SELLY, '"5432:5432"')}:9`,
      related: [`${SELLY_TOPOLOGY}:${s.line(SELLY_TOPOLOGY, 'hostIp: 127.0.0.1')}:${s.read(SELLY_TOPOLOGY).split('\n')[s.line(SELLY_TOPOLOGY, 'hostIp: 127.0.0.1') - 1]!.indexOf('hostIp') + 1} topology main port`],
    },
  ]);
});

test('drift/published-port-host-ip: bound to localhost only while the topology says every address is a warning', async () => {
  const s = new SystemCopy('mito').replace(MITO, '      - "80:80"', '      - "127.0.0.1:80:80"');
  const result = await s.check();
  assert.deepEqual(
    drift(result).map((d) => [d.rule, d.severity, d.message, d.at]),
    [
      [
        'drift/published-port-host-ip',
        'warning',
        'service "traefik" publishes host port 80 (entrypoint web) on 127.0.0.1; the topology says every host address',
        `${MITO}:${s.line(MITO, '"127.0.0.1:80:80"')}:9`,
      ],
    ],
  );
});

test('drift/entrypoint-published: an entrypoint on another host port, and one published that the topology keeps internal', async () => {
  const s = new SystemCopy('mito').replace(MITO, '      - "443:443"', '      - "8443:443"');
  const result = await s.check();
  assert.deepEqual(drift(result), [
    {
      rule: 'drift/entrypoint-published',
      severity: 'error',
      message: 'service "traefik" publishes container port 443/tcp (entrypoint websecure) on host port 8443; the topology says host port 443',
      at: `${MITO}:${s.line(MITO, '"8443:443"')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '    port: 443\n    protocol: https')}:11 topology entrypoint websecure`],
    },
  ]);

  const sothebais = new SystemCopy('sothebais').replace('topology/stacks/sothebais/docker-compose.yml', '      - "443:443"\n', '      - "443:443"\n      - "3100:3100"\n');
  assert.deepEqual(
    drift(await sothebais.check()).map((d) => [d.rule, d.message, d.at]),
    [
      [
        'drift/entrypoint-published',
        'compose publishes entrypoint "metrics" (container port 3100/tcp) on host port 3100, but the topology says it is not exposed',
        `topology/stacks/sothebais/docker-compose.yml:${sothebais.line('topology/stacks/sothebais/docker-compose.yml', '"3100:3100"')}:9`,
      ],
    ],
  );
});

test('an optional publication compose leaves out is a note, not drift (mito without its override file)', async () => {
  const s = new SystemCopy('mito').replace(MITO_TOPOLOGY, '    - stacks/mito/docker-compose.override.yml\n', '');
  const result = await s.check();
  assert.deepEqual(drift(result), []);
  const note = result.findings.find((f) => f.rule === 'drift/entrypoint-published');
  assert.equal(note?.severity, 'note');
  assert.equal(note?.message, 'the topology publishes container port 8080/tcp of "traefik" (entrypoint traefik) on host port 8080, but compose does not publish it (marked optional)');
  assert.equal(s.read(MITO_OVERRIDE).includes('8080:8080'), true);
});
