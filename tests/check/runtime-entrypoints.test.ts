/** Drift rules for runtime facts (health check, depends_on, user, image…) and Traefik's static configuration. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drift, SystemCopy } from './helpers.ts';

const MITO = 'topology/stacks/mito/docker-compose.yml';
const MITO_TOPOLOGY = 'topology/mito.yaml';
const SOTHEBAIS = 'topology/stacks/sothebais/docker-compose.yml';
const SOTHEBAIS_TOPOLOGY = 'topology/sothebais.yaml';
const SELLY = 'topology/stacks/sellybase/docker-compose.prod.yml';
const SELLY_TOPOLOGY = 'topology/sellybase.yaml';
const INFRA_WEB = 'topology/stacks/infra-production/web-server/docker-compose.yml';
const INFRA_TOPOLOGY = 'topology/infra-production.yaml';

test('drift/healthcheck: interval, retries, probed path and port, and a check compose drops', async () => {
  const interval = new SystemCopy('mito').replace(MITO, '      test: ["CMD", "redis-cli", "ping"]\n      interval: 10s', '      test: ["CMD", "redis-cli", "ping"]\n      interval: 15s');
  assert.deepEqual(drift(await interval.check()), [
    {
      rule: 'drift/healthcheck',
      severity: 'error',
      message: 'health check interval of service "redis" is 10s in the topology, but 15s in compose',
      at: `${MITO}:${interval.line(MITO, 'interval: 15s')}:17`,
      related: [`${MITO_TOPOLOGY}:${interval.line(MITO_TOPOLOGY, '      command: redis-cli ping') + 1}:7 topology health check`],
    },
  ]);

  const retries = new SystemCopy('mito').replace(MITO, '      test: ["CMD", "redis-cli", "ping"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n', '      test: ["CMD", "redis-cli", "ping"]\n      interval: 10s\n      timeout: 5s\n');
  assert.deepEqual(
    drift(await retries.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/healthcheck', 'health check retries of service "redis" is 5 in the topology, but not set (Docker\'s default 3) in compose', `${MITO}:${retries.line(MITO, '      test: ["CMD", "redis-cli", "ping"]')}:7`]],
  );

  const probe = new SystemCopy('sothebais').replace(SOTHEBAIS, 'http://localhost:4191/health', 'http://localhost:4191/healthz');
  assert.deepEqual(drift(await probe.check()), [
    {
      rule: 'drift/healthcheck',
      severity: 'error',
      message: 'the http health check of service "auction-manager" probes path /health in the topology, but compose\'s test does not mention it',
      at: `${SOTHEBAIS}:${probe.line(SOTHEBAIS, '4191/healthz')}:13`,
      related: [`${SOTHEBAIS_TOPOLOGY}:${probe.line(SOTHEBAIS_TOPOLOGY, '    healthcheck: { type: http, port: health, path: /health }')}:46 topology health check`],
    },
  ]);

  const port = new SystemCopy('sothebais').replace(SOTHEBAIS, 'http://localhost:4191/health', 'http://localhost:4190/health');
  assert.deepEqual(
    drift(await port.check()).map((f) => [f.rule, f.message]),
    [['drift/healthcheck', 'the http health check of service "auction-manager" probes port 4191 in the topology, but compose\'s test does not mention it']],
  );

  const command = new SystemCopy('sellybase').replace(SELLY, '["CMD", "pg_isready", "-U", "postgres"]', '["CMD", "pg_isready", "-U", "selly"]');
  assert.deepEqual(
    drift(await command.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/healthcheck', 'the health check of service "postgres" runs `pg_isready -U postgres` in the topology, but compose\'s test does not run it', `${SELLY}:${command.line(SELLY, '"pg_isready", "-U", "selly"')}:13`]],
  );

  const dropped = new SystemCopy('mito').replace(MITO, '    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n', '');
  assert.deepEqual(drift(await dropped.check()), [
    {
      rule: 'drift/healthcheck',
      severity: 'warning',
      message: 'service "redis" has a command health check in the topology, but compose defines none (only the image\'s own HEALTHCHECK could provide it)',
      at: `${MITO}:${dropped.serviceLine(MITO, 'redis')}:3`,
      related: [`${MITO_TOPOLOGY}:${dropped.line(MITO_TOPOLOGY, '      command: redis-cli ping') - 2}:5 topology health check`],
    },
  ]);
});

test('drift/depends-on: another condition, and a dependency the topology lacks', async () => {
  const condition = new SystemCopy('mito').replace(
    MITO,
    '    depends_on:\n      api:\n        condition: service_started\n    networks:\n      - mito-network\n    labels:\n      - "traefik.enable=true"\n      - "traefik.http.routers.admin-web',
    '    depends_on:\n      api:\n        condition: service_healthy\n    networks:\n      - mito-network\n    labels:\n      - "traefik.enable=true"\n      - "traefik.http.routers.admin-web',
  );
  assert.deepEqual(drift(await condition.check()), [
    {
      rule: 'drift/depends-on',
      severity: 'error',
      message: 'service "admin-web" waits for "api" with condition service_started in the topology, but service_healthy in compose',
      at: `${MITO}:${condition.line(MITO, '        condition: service_healthy\n    networks:\n      - mito-network\n    labels:\n      - "traefik.enable=true"\n      - "traefik.http.routers.admin-web') - 1}:7`,
      related: [`${MITO_TOPOLOGY}:${condition.line(MITO_TOPOLOGY, '      api: service_started\n    uses:\n      - { service: api, label: HTTP API }')}:7 topology dependency`],
    },
  ]);

  const extra = new SystemCopy('sellybase').replace(SELLY, '    user: nextjs\n', '    user: nextjs\n    depends_on:\n      - api\n');
  assert.deepEqual(
    drift(await extra.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/depends-on', 'service "web" depends on "api" (service_started) in compose, but not in the topology', `${SELLY}:${extra.line(SELLY, '      - api\n')}:9`]],
  );
});

test('drift/user: another user is an error; a user the topology does not state is a warning', async () => {
  const other = new SystemCopy('sellybase').replace(SELLY, '    user: nextjs\n', '    user: root\n');
  assert.deepEqual(drift(await other.check()), [
    {
      rule: 'drift/user',
      severity: 'error',
      message: 'service "web" runs as user nextjs in the topology, but as root in compose',
      at: `${SELLY}:${other.line(SELLY, '    user: root')}:11`,
      related: [`${SELLY_TOPOLOGY}:${other.line(SELLY_TOPOLOGY, '    user: nextjs')}:5 topology user`],
    },
  ]);
  const unstated = new SystemCopy('mito').replace(MITO, '    image: redis:7-alpine\n', '    image: redis:7-alpine\n    user: redis\n');
  assert.deepEqual(
    drift(await unstated.check()).map((f) => [f.rule, f.severity, f.message]),
    [['drift/user', 'warning', 'service "redis" runs as user redis in compose; the topology does not say (absent means unknown)']],
  );
});

test('drift/image: compared after interpolation, shown as written', async () => {
  const s = new SystemCopy('mito').replace(MITO, 'image: redis:7-alpine', 'image: redis:8-alpine');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/image',
      severity: 'error',
      message: 'service "redis" uses image redis:7-alpine in the topology, but redis:8-alpine in compose',
      at: `${MITO}:${s.line(MITO, 'image: redis:8-alpine')}:12`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '    image: redis:7-alpine')}:5 topology image`],
    },
  ]);
  const tag = new SystemCopy('infra-production').replace('topology/stacks/infra-production/.env.example', 'PHP_APP_TAG=latest', 'PHP_APP_TAG=2.4.1');
  assert.deepEqual(drift(await tag.check()), [], 'the same ${PHP_APP_TAG} on both sides');
  const pinned = new SystemCopy('infra-production').replace(
    'topology/stacks/infra-production/php-app/docker-compose.yml',
    'image: ghcr.io/${GITHUB_OWNER}/php-app:${PHP_APP_TAG:-latest}',
    'image: ghcr.io/${GITHUB_OWNER}/php-app:2.4.1',
  );
  const findings = drift(await pinned.check());
  assert.deepEqual(findings.map((f) => f.message), ['service "php-app" uses image ghcr.io/${GITHUB_OWNER}/php-app:${PHP_APP_TAG:-latest} in the topology, but ghcr.io/${GITHUB_OWNER}/php-app:2.4.1 in compose']);
  assert.ok(!JSON.stringify(findings).includes('your-github-org'), 'the owner from .env is not shown');
});

test('drift/build: context, Dockerfile and target compared as compose resolves them; a build the topology leaves out is a note', async () => {
  const context = new SystemCopy('mito').replace(MITO, '    build: ./api\n', '    build: ./services/api\n');
  assert.deepEqual(drift(await context.check()), [
    {
      rule: 'drift/build',
      severity: 'error',
      message: 'service "api" is built with context ./api in the topology, but ./services/api in compose',
      at: `${MITO}:${context.line(MITO, 'build: ./services/api')}:12`,
      related: [`${MITO_TOPOLOGY}:${context.line(MITO_TOPOLOGY, '    build: ./api')}:5 topology build`],
    },
  ]);

  const target = new SystemCopy('mito').replace(MITO, '    build: ./api\n', '    build:\n      context: api\n      target: production\n');
  assert.deepEqual(
    drift(await target.check()).map((f) => [f.rule, f.message]),
    [['drift/build', 'service "api" is built with target none (the last stage) in the topology, but production in compose']],
  );

  // The same build spelled differently: a context without ./, the default Dockerfile named.
  const same = new SystemCopy('mito').replace(MITO, '    build: ./api\n', '    build: { context: api, dockerfile: ./Dockerfile }\n');
  assert.deepEqual(drift(await same.check()), []);

  const pulled = new SystemCopy('mito').replace(MITO, '    build: ./api\n', '    image: ghcr.io/mito/api:1.4\n');
  assert.deepEqual(
    drift(await pulled.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/build', 'service "api" is built from ./api in the topology, but compose builds nothing (it pulls ghcr.io/mito/api:1.4)', `${MITO}:${pulled.line(MITO, 'image: ghcr.io/mito/api:1.4')}:12`]],
  );

  const unstated = new SystemCopy('mito').replace(MITO_TOPOLOGY, '    build: ./api\n', '');
  const result = await unstated.check();
  assert.deepEqual(drift(result), []);
  assert.deepEqual(
    result.findings.filter((f) => f.rule === 'drift/build').map((f) => [f.severity, f.message]),
    [['note', 'compose builds service "api" from ./api; the topology could record it as `build: ./api`']],
  );
});

test("without user or healthcheck in compose, the Dockerfile compose builds from decides", async () => {
  const DOCKERFILE = 'topology/stacks/mito/api/Dockerfile';
  const COMPOSE_HEALTH = '    healthcheck:\n      test: ["CMD-SHELL", "wget -qO- http://localhost:3000/health > /dev/null || exit 1"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n      start_period: 20s\n';
  const api = (dockerfile: string) =>
    new SystemCopy('mito').replace(MITO_TOPOLOGY, '    build: ./api\n', '    build: ./api\n    user: node\n').replace(MITO, COMPOSE_HEALTH, '').write(DOCKERFILE, dockerfile);

  const same = api('FROM node:22-alpine\nUSER node\nHEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \\\n  CMD wget -qO- http://localhost:3000/health || exit 1\n');
  assert.deepEqual(drift(await same.check()), []);

  // Its HEALTHCHECK is compared as compose's would be: what it probes and its timings.
  const elsewhere = api('FROM node:22-alpine\nUSER node\nHEALTHCHECK --timeout=5s --retries=3 CMD wget -qO- http://localhost:3000/ready || exit 1\n');
  assert.deepEqual(
    drift(await elsewhere.check()).map((f) => [f.message, f.at]),
    [
      ['health check start-period of service "api" is 20s in the topology, but not set (Docker\'s default 0s) in its Dockerfile', `${DOCKERFILE}:3:1`],
      ['the http health check of service "api" probes path /health in the topology, but its Dockerfile\'s HEALTHCHECK does not mention it', `${DOCKERFILE}:3:1`],
    ],
  );

  const other = api('FROM node:22-alpine\nUSER root\nHEALTHCHECK NONE\n');
  assert.deepEqual(
    drift(await other.check()).map((f) => [f.rule, f.severity, f.message, f.at]),
    [
      ['drift/user', 'error', 'service "api" runs as user node in the topology, but as root (the USER of its Dockerfile; compose sets none)', `${DOCKERFILE}:2:1`],
      ['drift/healthcheck', 'error', 'service "api" has a http health check in the topology, but compose defines none and its Dockerfile disables it (HEALTHCHECK NONE)', `${DOCKERFILE}:3:1`],
    ],
  );
});

test('drift/restart, drift/container-name, drift/environment, drift/resources', async () => {
  const restart = new SystemCopy('sothebais').replace(SOTHEBAIS, '  redis:\n    image: redis:7-alpine\n    expose:\n      - "6379"\n    restart: on-failure\n', '  redis:\n    image: redis:7-alpine\n    expose:\n      - "6379"\n    restart: always\n');
  assert.deepEqual(
    drift(await restart.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/restart', 'service "redis" restarts "on-failure" in the topology, but "always" in compose', `${SOTHEBAIS}:${restart.line(SOTHEBAIS, 'restart: always')}:14`]],
  );

  const name = new SystemCopy('mito').replace(MITO, '    container_name: mito-api\n', '    container_name: mito-api-2\n');
  assert.deepEqual(drift(await name.check()), [
    {
      rule: 'drift/container-name',
      severity: 'error',
      message: 'service "api" has container name mito-api in the topology, but mito-api-2 in compose',
      at: `${MITO}:${name.line(MITO, 'container_name: mito-api-2')}:21`,
      related: [`${MITO_TOPOLOGY}:${name.line(MITO_TOPOLOGY, '    containerName: mito-api')}:5 topology container name`],
    },
  ]);

  const env = new SystemCopy('mito').replace(MITO, '      MINIO_PORT: "9000"\n', '      MINIO_PORT: "9000"\n      MINIO_REGION: eu-secret-region\n');
  const envResult = await env.check();
  assert.deepEqual(drift(envResult), [
    {
      rule: 'drift/environment',
      severity: 'error',
      message: 'service "api" sets environment variable "MINIO_REGION" in compose, which the topology does not list',
      at: `${MITO}:${env.line(MITO, 'MINIO_REGION')}:7`,
      related: [`${MITO_TOPOLOGY}:${env.line(MITO_TOPOLOGY, '    environment: [DB_HOST')}:5 topology environment`],
    },
  ]);
  assert.ok(!JSON.stringify(envResult).includes('eu-secret-region'), 'environment values never appear');

  const resources = new SystemCopy('infra-production').replace(INFRA_WEB, '          memory: 128M', '          memory: 256M');
  assert.deepEqual(drift(await resources.check()), [
    {
      rule: 'drift/resources',
      severity: 'error',
      message: 'service "web-server" is limited to 128M of memory in the topology, but to 256M in compose',
      at: `${INFRA_WEB}:${resources.line(INFRA_WEB, 'memory: 256M')}:19`,
      related: [`${INFRA_TOPOLOGY}:${resources.line(INFRA_TOPOLOGY, "    resources: { cpus: '0.25', memory: 128M }\n    restart: unless-stopped\n    networks: [traefik-net]\n    volumes:")}:32 topology resources`],
    },
  ]);
});

test('drift/entrypoint-missing, -extra, -port, -protocol, -cert-resolver', async () => {
  const missing = new SystemCopy('sothebais').replace(SOTHEBAIS, '      - --entrypoints.metrics.address=:3100\n', '');
  assert.deepEqual(
    drift(await missing.check()).filter((f) => f.rule.startsWith('drift/')),
    [
      {
        rule: 'drift/entrypoint-missing',
        severity: 'error',
        message: 'entrypoint "metrics" (:3100) is in the topology, but Traefik\'s static configuration does not define it',
        at: `${SOTHEBAIS_TOPOLOGY}:${missing.line(SOTHEBAIS_TOPOLOGY, '  metrics:\n    # Traefik metrics on 3100')}:3`,
        related: [`${SOTHEBAIS}:${missing.serviceLine(SOTHEBAIS, 'traefik')}:3 Traefik static configuration`],
      },
    ],
  );

  const extra = new SystemCopy('mito').replace(MITO, '      - --entrypoints.websecure.address=:443\n', '      - --entrypoints.websecure.address=:443\n      - --entrypoints.mqtt.address=:1883\n');
  assert.deepEqual(drift(await extra.check()), [
    {
      rule: 'drift/entrypoint-extra',
      severity: 'error',
      message: 'compose defines Traefik entrypoint "mqtt" (:1883), which the topology does not list',
      at: `${MITO}:${extra.line(MITO, '--entrypoints.mqtt.address')}:9`,
      related: [`${MITO_TOPOLOGY}:${extra.line(MITO_TOPOLOGY, '\nentrypoints:\n') + 1}:1 topology entrypoints`],
    },
  ]);

  const port = new SystemCopy('mito').replace(MITO, '--entrypoints.websecure.address=:443', '--entrypoints.websecure.address=:4443');
  assert.deepEqual(drift(await port.check()), [
    {
      rule: 'drift/entrypoint-port',
      severity: 'error',
      message: 'entrypoint "websecure" listens on port 443 in the topology, but on 4443 in compose',
      at: `${MITO}:${port.line(MITO, ':4443')}:9`,
      related: [`${MITO_TOPOLOGY}:${port.line(MITO_TOPOLOGY, '  websecure:\n    port: 443') + 1}:5 topology entrypoint port`],
    },
  ]);

  const protocol = new SystemCopy('sothebais').replace(SOTHEBAIS, '--entrypoints.metrics.address=:3100', '--entrypoints.metrics.address=:3100/udp');
  assert.deepEqual(
    drift(await protocol.check())
      .filter((f) => f.rule.startsWith('drift/entrypoint'))
      .map((f) => [f.rule, f.message, f.at]),
    [['drift/entrypoint-protocol', 'entrypoint "metrics" is http in the topology, but listens on UDP in compose', `${SOTHEBAIS}:${protocol.line(SOTHEBAIS, ':3100/udp')}:9`]],
  );

  const resolver = new SystemCopy('mito').replace(MITO, '      - --entrypoints.websecure.address=:443\n', '      - --entrypoints.websecure.address=:443\n      - --entrypoints.websecure.http.tls.certresolver=letsencrypt\n');
  assert.deepEqual(
    drift(await resolver.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/entrypoint-cert-resolver', 'entrypoint "websecure" gets certificates from no default resolver in the topology, but from "letsencrypt" in compose', `${MITO}:${resolver.line(MITO, 'websecure.http.tls.certresolver')}:9`]],
  );
});

test('drift/redirect: the HTTP→HTTPS entrypoint redirect changed or removed', async () => {
  const temporary = new SystemCopy('mito').replace(MITO, 'redirections.entrypoint.permanent=true', 'redirections.entrypoint.permanent=false');
  assert.deepEqual(drift(await temporary.check()), [
    {
      rule: 'drift/redirect',
      severity: 'error',
      message: 'entrypoint "web" redirects temporarily instead of permanently in compose',
      at: `${MITO}:${temporary.line(MITO, 'redirections.entrypoint.to=websecure')}:9`,
      related: [`${MITO_TOPOLOGY}:${temporary.line(MITO_TOPOLOGY, '    redirect: { to: websecure')}:5 topology redirect`],
    },
  ]);
  const removed = new SystemCopy('sothebais-v1').replace(
    'topology/stacks/sothebais-v1/docker-compose.yml',
    '      - --entrypoints.web.http.redirections.entrypoint.to=websecure\n      - --entrypoints.web.http.redirections.entrypoint.scheme=https\n      - --entrypoints.web.http.redirections.entrypoint.permanent=true\n',
    '',
  );
  assert.deepEqual(
    drift(await removed.check()).map((f) => [f.rule, f.message]),
    [['drift/redirect', 'entrypoint "web" redirects to "websecure" in the topology, but compose configures no redirection on it']],
  );
});

test('drift/cert-resolver-missing, -extra, -challenge, -ca, -storage', async () => {
  const extra = new SystemCopy('mito').replace(MITO, '      - --certificatesresolvers.letsencrypt.acme.httpchallenge=true\n', '      - --certificatesresolvers.letsencrypt.acme.httpchallenge=true\n      - --certificatesresolvers.staging.acme.tlschallenge=true\n');
  assert.deepEqual(
    drift(await extra.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/cert-resolver-extra', 'compose defines certificate resolver "staging", which the topology does not list', `${MITO}:${extra.line(MITO, 'certificatesresolvers.staging')}:9`]],
  );

  const renamed = new SystemCopy('sothebais-v1');
  const v1 = 'topology/stacks/sothebais-v1/docker-compose.yml';
  renamed.write(v1, renamed.read(v1).replaceAll('certificatesresolvers.letsencrypt.', 'certificatesresolvers.le.'));
  const renamedFindings = drift(await renamed.check());
  assert.deepEqual(renamedFindings.find((f) => f.rule === 'drift/cert-resolver-missing'), {
    rule: 'drift/cert-resolver-missing',
    severity: 'error',
    message: 'certificate resolver "letsencrypt" is in the topology, but Traefik\'s static configuration does not define it',
    at: `topology/sothebais-v1.yaml:${renamed.line('topology/sothebais-v1.yaml', '    letsencrypt:\n      provider: letsencrypt')}:5`,
    related: [`${v1}:${renamed.serviceLine(v1, 'traefik')}:3 Traefik static configuration`],
  });

  const challenge = new SystemCopy('mito').replace(
    MITO,
    '      - --certificatesresolvers.letsencrypt.acme.httpchallenge=true\n      - --certificatesresolvers.letsencrypt.acme.httpchallenge.entrypoint=web\n',
    '      - --certificatesresolvers.letsencrypt.acme.tlschallenge=true\n',
  );
  assert.deepEqual(drift(await challenge.check()), [
    {
      rule: 'drift/cert-resolver-challenge',
      severity: 'error',
      message: 'certificate resolver "letsencrypt" uses the http-01 challenge in the topology, but tls-alpn-01 in compose',
      at: `${MITO}:${challenge.line(MITO, 'acme.tlschallenge=true')}:9`,
      related: [`${MITO_TOPOLOGY}:${challenge.line(MITO_TOPOLOGY, '      challenge: http-01')}:7 topology challenge`],
    },
  ]);

  const ca = new SystemCopy('mito').replace(MITO, '      - --certificatesresolvers.letsencrypt.acme.httpchallenge=true\n', '      - --certificatesresolvers.letsencrypt.acme.httpchallenge=true\n      - --certificatesresolvers.letsencrypt.acme.caserver=https://acme-staging-v02.api.letsencrypt.org/directory\n');
  assert.deepEqual(
    drift(await ca.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/cert-resolver-ca', 'certificate resolver "letsencrypt" uses the production CA in the topology, but the staging CA in compose', `${MITO}:${ca.line(MITO, 'acme.caserver')}:9`]],
  );

  const storage = new SystemCopy('mito').replace(MITO, 'acme.storage=/letsencrypt/acme.json', 'acme.storage=/certs/acme.json');
  assert.deepEqual(
    drift(await storage.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/cert-resolver-storage', 'certificate resolver "letsencrypt" stores certificates in /letsencrypt/acme.json in the topology, but in /certs/acme.json in compose', `${MITO}:${storage.line(MITO, 'acme.storage=/certs')}:9`]],
  );

  const volume = new SystemCopy('mito').replace(MITO, '      - traefik-letsencrypt:/letsencrypt\n', '      - ./certs:/letsencrypt\n');
  assert.deepEqual(
    drift(await volume.check())
      .filter((f) => f.rule === 'drift/cert-resolver-storage')
      .map((f) => [f.rule, f.message, f.at]),
    [['drift/cert-resolver-storage', 'certificate resolver "letsencrypt" keeps /letsencrypt/acme.json on volume "traefik-letsencrypt" in the topology, but on ./certs (bind) in compose', `${MITO}:${volume.line(MITO, './certs:/letsencrypt')}:9`]],
  );
});

test('drift/entrypoint-unverifiable: no Traefik static configuration in compose is a note', async () => {
  const s = new SystemCopy('sothebais-v1');
  const file = 'topology/stacks/sothebais-v1/docker-compose.yml';
  const text = s.read(file);
  const start = text.indexOf('    command:\n');
  const end = text.indexOf('    ports:\n');
  s.write(file, text.slice(0, start) + text.slice(end));
  const result = await s.check();
  const note = result.findings.find((f) => f.rule === 'drift/entrypoint-unverifiable');
  assert.equal(note?.severity, 'note');
  assert.equal(note?.loc?.line, s.line('topology/sothebais-v1.yaml', '\nentrypoints:\n') + 1);
});

test('check/no-compose: a topology without compose is skipped with a note', async () => {
  const s = new SystemCopy('mito');
  const text = s.read(MITO_TOPOLOGY);
  s.write(MITO_TOPOLOGY, text.slice(0, text.indexOf('compose:\n')) + text.slice(text.indexOf('externals:\n')));
  const result = await s.check();
  assert.equal(result.status, 'skipped');
  assert.deepEqual(
    result.findings.map((f) => [f.rule, f.severity, f.message, f.loc?.line]),
    [['check/no-compose', 'note', 'system "mito" names no compose files (compose.files), so it is not checked', s.line(MITO_TOPOLOGY, '\nid: mito') + 1]],
  );
});
