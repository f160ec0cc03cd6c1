/**
 * Secrets are never copied: values of `environment:`, of the `.env` file and credentials in labels
 * (basic-auth hashes, URL userinfo and tokens) appear in no output — not in the imported topology, the
 * import's own messages, the generated views or the check report — while the check still passes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SecretGuard } from '../../src/import/secrets.ts';
import { redactUrlCredentials } from '../../src/util/url-credentials.ts';
import { allFiles, tempDir, topodoc, writeFiles } from './helpers.ts';

const COMPOSE = `services:
  traefik:
    image: traefik:v3.1
    command:
      - --providers.docker=true
      - --providers.docker.exposedbydefault=false
      - --entrypoints.websecure.address=:443
      - --certificatesresolvers.le.acme.email=\${ACME_EMAIL}
      - --certificatesresolvers.le.acme.tlschallenge=true
      - --certificatesresolvers.le.acme.storage=/letsencrypt/acme.json
    ports: ["443:443"]
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - letsencrypt:/letsencrypt
  app:
    image: ghcr.io/acme/app:\${APP_TAG}
    container_name: app-\${SECRET_SUFFIX}
    environment:
      DB_PASSWORD: literal-env-secret-4711
      API_TOKEN: \${API_TOKEN}
      DATABASE_URL: postgres://app:url-password-4711@db:5432/app
    healthcheck:
      test: ["CMD-SHELL", "redis-cli -a \${REDIS_PASSWORD} ping && curl -f http://localhost:8080/health"]
    expose: ["8080"]
    labels:
      - traefik.enable=true
      - traefik.http.routers.app.rule=Host(\`app.\${DOMAIN}\`)
      - traefik.http.routers.app.entrypoints=websecure
      - traefik.http.routers.app.tls.certresolver=le
      - traefik.http.routers.app.middlewares=admin-auth,sso,team-auth,secured-headers
      - traefik.http.middlewares.admin-auth.basicauth.users=admin:$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/
      - traefik.http.middlewares.team-auth.basicauth.users=\${TEAM_USERS}
      - traefik.http.middlewares.sso.forwardauth.address=https://svc:hunter2-url-pass@auth.example.com/verify?token=url-token-4711&tenant=acme
      - traefik.http.middlewares.sso.forwardauth.authResponseHeaders=X-User
      - traefik.http.middlewares.secured-headers.headers.customResponseHeaders.X-Api-Key=header-key-4711
      - traefik.http.middlewares.secured-headers.headers.customResponseHeaders.X-Frame-Options=DENY
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD}
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U app --password=\${DB_PASSWORD}"]
volumes:
  letsencrypt: {}
`;

const DOTENV = `DOMAIN=example.org
APP_TAG=1.2.3
ACME_EMAIL=ops-4711@example.org
API_TOKEN=dotenv-api-token-4711
DB_PASSWORD=dotenv-db-password-4711
REDIS_PASSWORD=dotenv-redis-4711
SECRET_SUFFIX=suffix-secret-4711
TEAM_USERS=bob:$$2y$$05$$dotenvhash4711
`;

/** Every value that must not be written anywhere. */
const SECRETS = [
  'literal-env-secret-4711',
  'url-password-4711',
  'dotenv-api-token-4711',
  'dotenv-db-password-4711',
  'dotenv-redis-4711',
  'suffix-secret-4711',
  'dotenvhash4711',
  '$apr1$',
  'H6uskkkW',
  'IgXLP6ewTrSuBkTrqE8wj',
  'hunter2-url-pass',
  'url-token-4711',
  'header-key-4711',
  'ops-4711@example.org',
];

function leaks(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s));
}

test('secrets: no value of environment, .env or credential labels reaches the topology, the docs or the check report', async () => {
  const dir = tempDir('topodoc-import-secrets-');
  writeFiles(dir, { 'stack/docker-compose.yml': COMPOSE, 'stack/.env': DOTENV });
  const imported = await topodoc(['import', 'stack/docker-compose.yml', '--name', 'secrets'], dir);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual(leaks(imported.stdout + imported.stderr), []);

  const topology = readFileSync(path.join(dir, 'topology/secrets.yaml'), 'utf8');
  assert.deepEqual(leaks(topology), [], topology);
  // What may be written instead: variable names, user names and marked-out credentials.
  for (const expected of [
    'host: app.${DOMAIN}',
    'image: ghcr.io/acme/app:${APP_TAG}',
    'containerName: app-${SECRET_SUFFIX}',
    'users: [ admin ]',
    'usersFileVariable: TEAM_USERS',
    'emailVariable: ACME_EMAIL',
    'address: https://REDACTED@auth.example.com/verify?token=REDACTED&tenant=acme',
    'environment: [ DB_PASSWORD, API_TOKEN, DATABASE_URL ]',
    'X-Frame-Options: DENY',
  ]) {
    assert.ok(topology.includes(expected), `topology holds ${expected}`);
  }
  assert.ok(!topology.includes('X-Api-Key'), 'a secret header is left out with its value');

  const report = await topodoc(['check', 'topology/secrets.yaml', '--format', 'json'], dir);
  assert.equal(report.code, 0, report.stdout);
  assert.deepEqual(leaks(report.stdout + report.stderr), []);

  const generated = await topodoc(['generate', 'topology/secrets.yaml', '--out', 'diagrams'], dir);
  assert.equal(generated.code, 0, generated.stderr);
  const docs = allFiles(path.join(dir, 'diagrams'));
  assert.ok(docs.length > 5);
  for (const { file, text } of docs) assert.deepEqual(leaks(text), [], file);
});

test('secrets: a changed credential is drift the check reports without showing it', async () => {
  const dir = tempDir('topodoc-import-secrets-');
  writeFiles(dir, { 'stack/docker-compose.yml': COMPOSE, 'stack/.env': DOTENV });
  assert.equal((await topodoc(['import', 'stack/docker-compose.yml', '--name', 'secrets'], dir)).code, 0);
  // The address changes outside its credentials: drift, and still no credential in the report.
  writeFiles(dir, { 'stack/docker-compose.yml': COMPOSE.replace('auth.example.com/verify', 'auth.example.com/check') });
  const report = await topodoc(['check', 'topology/secrets.yaml'], dir);
  assert.equal(report.code, 1);
  assert.match(report.stdout, /setting address of middleware "sso" .*REDACTED/);
  assert.deepEqual(leaks(report.stdout + report.stderr), []);
});

test('URL credentials: userinfo and secret-named query parameters are redacted, the rest kept', () => {
  assert.equal(redactUrlCredentials('https://user:pw@host.example/a?token=t&page=2#x'), 'https://REDACTED@host.example/a?token=REDACTED&page=2#x');
  assert.equal(redactUrlCredentials('see http://h/x?api_key=k;sig=s and ftp://a@b'), 'see http://h/x?api_key=REDACTED;sig=REDACTED and ftp://REDACTED@b');
  assert.equal(redactUrlCredentials('https://example.com/path?q=1'), 'https://example.com/path?q=1');
  assert.equal(redactUrlCredentials('no url here'), 'no url here');
});

test('SecretGuard: interpolated text is written back as written, secret values never', () => {
  const guard = new SecretGuard(new Map([['DOMAIN', 'Example.org'], ['DB_PASSWORD', 'pw-4711'], ['LONG', 'x'.repeat(20)], ['SHORT', 'db']]));
  assert.equal(guard.asWritten('api.example.org', 'api.${DOMAIN}'), 'api.${DOMAIN}');
  assert.equal(guard.asWritten('https://example.org/${1}', 'https://${DOMAIN}/$${1}'), 'https://${DOMAIN}/$${1}');
  assert.equal(guard.asWritten('literal', undefined), 'literal');
  assert.equal(guard.scrub('net-pw-4711'), 'net-${DB_PASSWORD}');
  assert.equal(guard.scrub(`a${'x'.repeat(20)}`), 'a${LONG}');
  assert.equal(guard.scrub('db-net'), 'db-net', 'short values of ordinary variables stay');
  assert.equal(guard.safe('postgres'), 'postgres');
});
