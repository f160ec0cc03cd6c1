/** The security rules one by one: what passes as well as what fails, on variations of the careless stack. */
import assert from 'node:assert/strict';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { SECURITY_RULES } from '../../src/security/catalog.ts';
import { isSecretName } from '../../src/security/rules/secrets.ts';
import { tempDir } from '../helpers/cli.ts';
import { Careless, CARELESS_COMPOSE as C } from './helpers.ts';

async function rulesAt(s: Careless, rule: string): Promise<number[]> {
  const result = await s.check();
  return result.findings.filter((f) => f.rule === rule).map((f) => f.loc!.line);
}

describe('catalog', () => {
  test('every rule has an id, a severity, a rationale, a fix; ids are unique and stable in form', () => {
    const ids = SECURITY_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of SECURITY_RULES) {
      assert.match(r.id, /^security\/[a-z]+(-[a-z]+)*$/);
      assert.ok(['error', 'warning', 'note'].includes(r.severity));
      assert.ok(r.title.length > 10 && r.rationale.length > 80 && r.fix.length > 40, r.id);
      for (const q of r.kics) assert.match(q, /^[a-z_0-9]+$/, `${r.id}: KICS query folder name`);
    }
  });
});

describe('what passes', () => {
  test('a datastore published on loopback only', async () => {
    const s = new Careless().replace(C, '"5432:5432"', '"127.0.0.1:5432:5432"');
    assert.deepEqual(await rulesAt(s, 'security/datastore-published'), [s.line(C, '"6379:6379"')]);
  });

  test('the Docker socket behind a socket proxy, read-only', async () => {
    const s = new Careless().replace(C, '    image: traefik:v3.1\n', '    image: tecnativa/docker-socket-proxy:0.2\n').replace(C, '/var/run/docker.sock:/var/run/docker.sock', '/var/run/docker.sock:/var/run/docker.sock:ro');
    assert.deepEqual(await rulesAt(s, 'security/docker-socket'), []);
    const plain = new Careless().replace(C, '/var/run/docker.sock:/var/run/docker.sock', '/var/run/docker.sock:/var/run/docker.sock:ro');
    const found = (await plain.check()).findings.find((f) => f.rule === 'security/docker-socket');
    assert.equal(found?.severity, 'warning', 'read-only without a proxy is still a warning');
  });

  test('an admin route behind basic auth, and one the application authenticates (auth: app)', async () => {
    const s = new Careless().replace(
      C,
      '      - traefik.http.routers.adminer.entrypoints=web\n',
      '      - traefik.http.routers.adminer.entrypoints=web\n      - traefik.http.routers.adminer.middlewares=admin-auth\n      - traefik.http.middlewares.admin-auth.basicauth.usersfile=/run/secrets/users\n',
    );
    assert.deepEqual(await rulesAt(s, 'security/admin-route-without-auth'), []);
    const app = new Careless().replace('topology/careless.yaml', 'port: admin, entrypoints: [web] }', 'port: admin, entrypoints: [web], auth: app }');
    assert.deepEqual(await rulesAt(app, 'security/admin-route-without-auth'), []);
  });

  test('HTTPS with a redirect: routers on TLS, the HTTP entrypoint redirecting', async () => {
    const s = new Careless()
      .replace(C, '      - --entrypoints.web.address=:80\n', '      - --entrypoints.web.address=:80\n      - --entrypoints.web.http.redirections.entrypoint.to=websecure\n      - --entrypoints.websecure.address=:443\n      - --entrypoints.websecure.http.tls=true\n')
      .replace(C, 'routers.shop-api.entrypoints=web', 'routers.shop-api.entrypoints=websecure');
    const result = await s.check();
    const lines = (rule: string) => result.findings.filter((f) => f.rule === rule).map((f) => f.loc!.line);
    assert.ok(!lines('security/router-without-tls').includes(s.line(C, 'routers.shop-api.rule')), 'the router on the TLS entrypoint');
    assert.ok(!lines('security/router-without-tls').includes(s.line(C, 'routers.adminer.rule')), 'a router on a redirecting entrypoint never serves HTTP');
    assert.ok(!lines('security/http-without-redirect').includes(s.line(C, '--entrypoints.web.address=:80')));
  });

  test('security headers and a rate limit on the API router', async () => {
    const s = new Careless().replace(
      C,
      '      - traefik.http.routers.shop-api.entrypoints=web\n',
      [
        '      - traefik.http.routers.shop-api.entrypoints=web',
        '      - traefik.http.routers.shop-api.middlewares=limit,secure',
        '      - traefik.http.middlewares.limit.ratelimit.average=50',
        '      - traefik.http.middlewares.secure.headers.stsseconds=31536000',
        '      - traefik.http.middlewares.secure.headers.framedeny=true',
        '      - traefik.http.middlewares.secure.headers.contenttypenosniff=true',
        '',
      ].join('\n'),
    );
    const line = s.line(C, 'routers.shop-api.rule');
    assert.ok(!(await rulesAt(s, 'security/api-without-rate-limit')).includes(line));
    assert.ok(!(await rulesAt(s, 'security/missing-security-headers')).includes(line));
  });

  test('a non-root user, a health check, limits, read-only, an internal network', async () => {
    const s = new Careless()
      .replace(C, '    user: root\n', '    user: "1000:1000"\n    read_only: true\n    healthcheck:\n      test: ["CMD", "wget", "-qO-", "http://localhost:3000/health"]\n    deploy:\n      resources:\n        limits: { memory: 256M, cpus: "0.5" }\n')
      .replace(C, '  backend: {}', '  backend: { internal: true }');
    const result = await s.check();
    const about = (rule: string, line: number) => result.findings.some((f) => f.rule === rule && f.loc!.line === line);
    const api = s.line(C, '  shop-api:');
    for (const rule of ['security/container-root', 'security/no-healthcheck', 'security/writable-root-filesystem']) assert.ok(!about(rule, api), rule);
    assert.ok(!result.findings.some((f) => f.rule === 'security/no-resource-limits' && f.message.includes('"shop-api"')));
    assert.ok(!result.findings.some((f) => f.rule === 'security/network-not-internal'));
  });

  test("a built service: its Dockerfile's USER and HEALTHCHECK count, those of the stage compose builds", async () => {
    const DOCKERFILE = 'topology/stacks/careless/shop-api/Dockerfile';
    const built = (dockerfile: string, target = '') =>
      new Careless()
        .replace(C, '    image: example/shop-api:1.0\n    user: root\n', `    build:\n      context: ./shop-api\n${target}`)
        .replace('topology/careless.yaml', '    image: example/shop-api:1.0\n    user: root\n', '')
        .write(DOCKERFILE, dockerfile);
    const about = async (s: Careless) => (await s.check()).findings.filter((f) => f.message.includes('"shop-api"') && /container-root|no-healthcheck/.test(f.rule));
    const clean = built('FROM node:22-alpine AS deps\nRUN npm ci\n\nFROM node:22-alpine\n# drop root\nUSER node\nHEALTHCHECK --interval=30s \\\n  CMD wget -qO- http://localhost:3000/health || exit 1\n');
    assert.deepEqual(await about(clean), []);

    const root = built('FROM node:22-alpine\nUSER root\nHEALTHCHECK NONE\n');
    assert.deepEqual(
      (await about(root)).map((f) => [f.rule, f.message, `${f.loc!.file}:${f.loc!.line}`]),
      [
        ['security/container-root', 'service "shop-api" runs as root (USER root in its Dockerfile)', `${DOCKERFILE}:2`],
        ['security/no-healthcheck', 'service "shop-api" has no health check: its Dockerfile disables it (HEALTHCHECK NONE)', `${DOCKERFILE}:3`],
      ],
    );

    // A Dockerfile that is a link to a file outside the project is not read, like any file out there.
    const outside = path.join(tempDir('topodoc-outside-'), 'Dockerfile');
    writeFileSync(outside, 'FROM node:22-alpine\nUSER node\nHEALTHCHECK CMD true\n');
    const linked = built('unused');
    rmSync(path.join(linked.dir, DOCKERFILE));
    symlinkSync(outside, path.join(linked.dir, DOCKERFILE));
    assert.deepEqual(
      (await about(linked)).map((f) => f.rule),
      ['security/no-healthcheck', 'security/container-root'],
    );

    // compose builds the `dev` stage, which has neither: the final stage's USER does not apply.
    const staged = built('FROM node:22-alpine AS dev\nCMD ["npm", "run", "dev"]\n\nFROM node:22-alpine\nUSER node\n', '      target: dev\n');
    assert.deepEqual(
      (await about(staged)).map((f) => [f.rule, f.message]),
      [
        ['security/no-healthcheck', 'service "shop-api" has no health check in compose or its Dockerfile'],
        ['security/container-root', 'service "shop-api" sets no user, so it runs as the image\'s default user (root unless the image sets USER)'],
      ],
    );
  });

  test('images pinned by a version tag or a digest; one without a tag, on latest, or built FROM latest is not', async () => {
    assert.deepEqual(await rulesAt(new Careless(), 'security/image-not-pinned'), [], 'every image of the careless stack names a version');
    const messages = async (s: Careless) => (await s.check()).findings.filter((f) => f.rule === 'security/image-not-pinned').map((f) => [f.message, `${f.loc!.file}:${f.loc!.line}`]);
    const untagged = new Careless().replace(C, '    image: redis:7\n', '    image: redis\n');
    assert.deepEqual(await messages(untagged), [['service "cache" runs image redis without a tag, so it gets whatever `latest` is when pulled', `${C}:${untagged.line(C, 'image: redis')}`]]);
    const latest = new Careless().replace(C, '    image: redis:7\n', '    image: redis:latest\n');
    assert.deepEqual(await messages(latest), [['service "cache" runs image redis:latest, whose tag `latest` is not a version', `${C}:${latest.line(C, 'image: redis:latest')}`]]);
    const digest = new Careless().replace(C, '    image: redis:7\n', '    image: redis:latest@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n');
    assert.deepEqual(await messages(digest), []);

    const DOCKERFILE = 'topology/stacks/careless/shop-api/Dockerfile';
    const built = new Careless()
      .replace(C, '    image: example/shop-api:1.0\n', '    build: ./shop-api\n')
      .replace('topology/careless.yaml', '    image: example/shop-api:1.0\n', '')
      .write(DOCKERFILE, 'FROM node:22 AS deps\nRUN npm ci\nFROM node:latest\nCOPY --from=deps /app /app\n');
    assert.deepEqual(await messages(built), [['service "shop-api" is built FROM node:latest, which is not pinned to a version', `${DOCKERFILE}:3`]]);
  });

  test('one-shot jobs need no health check', async () => {
    const s = new Careless().replace(C, '    ports:\n      - "6379:6379"\n', '    ports:\n      - "6379:6379"\n    depends_on:\n      agent: { condition: service_completed_successfully }\n');
    const health = (await s.check()).findings.filter((f) => f.rule === 'security/no-healthcheck').map((f) => f.message);
    assert.ok(!health.some((m) => m.includes('"agent"')));
  });
});

describe('secret names', () => {
  test('names that hold secrets, and names about them that do not', () => {
    for (const name of ['DB_PASSWORD', 'POSTGRES_PASSWORD', 'JWT_SECRET', 'API_KEY', 'GITHUB_TOKEN', 'SECRET_KEY', 'AWS_SECRET_ACCESS_KEY', 'MINIO_ROOT_PASSWORD', 'N8N_ENCRYPTION_KEY', 'SMTP_PASS', 'apiKey', 'DBPASSWORD'])
      assert.ok(isSecretName(name), name);
    for (const name of ['DB_PASSWORD_FILE', 'SECRET_KEY_PATH', 'TOKEN_TTL', 'API_KEY_HEADER', 'DB_USER', 'NODE_ENV', 'KEYCLOAK_URL', 'PASSWORD_MIN_LENGTH', 'AUTH_ENABLED', 'KEY_PREFIX', 'MONKEY'])
      assert.ok(!isSecretName(name), name);
  });
});
