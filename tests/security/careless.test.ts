/**
 * Acceptance: a deliberately careless stack (socket mounted, dashboard insecure, database and cache
 * published, a privileged service, HTTP-only routers, an unauthenticated admin route, literal secrets,
 * root containers, no health checks) yields a finding for each, on its compose line.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SECURITY_RULES } from '../../src/security/catalog.ts';
import { Careless, CARELESS_COMPOSE as C, CARELESS_TOPOLOGY as T } from './helpers.ts';

describe('the careless stack', async () => {
  const s = new Careless();
  const result = await s.check();
  const security = result.findings.filter((f) => f.rule.startsWith('security/'));
  const at = (rule: string, line: number, severity?: string) => {
    const hit = security.find((f) => f.rule === rule && f.loc?.file === C && f.loc.line === line && (severity === undefined || f.severity === severity));
    assert.ok(hit, `${rule} at ${C}:${line}; found ${security.filter((f) => f.rule === rule).map((f) => `${f.loc?.file}:${f.loc?.line}`).join(', ') || 'nothing'}`);
    assert.ok(hit.loc!.column >= 1);
    return hit;
  };

  test('is checked, and every rule of the catalog runs', () => {
    assert.equal(result.status, 'checked');
    assert.deepEqual(result.securityChecks?.map((c) => c.rule), SECURITY_RULES.map((r) => r.id));
  });

  test('the Docker socket, mounted read-write', () => {
    assert.match(at('security/docker-socket', s.line(C, '/var/run/docker.sock:/var/run/docker.sock'), 'error').message, /read-write/);
  });

  test('the dashboard: insecure API, and a router to api@internal without authentication', () => {
    assert.match(at('security/traefik-api-insecure', s.line(C, '--api.insecure=true'), 'error').message, /port 8080 is published/);
    at('security/traefik-dashboard-unauthenticated', s.line(C, 'routers.dashboard.rule'), 'error');
  });

  test('the database and the cache publish host ports', () => {
    at('security/datastore-published', s.line(C, '"5432:5432"'), 'error');
    at('security/datastore-published', s.line(C, '"6379:6379"'), 'error');
  });

  test('an API the topology keeps internal is published on all interfaces', () => {
    at('security/internal-service-published', s.line(C, '"3000:3000"'), 'error');
  });

  test('a privileged service on the host network and PID namespace, with SYS_ADMIN, unconfined, mounting /etc', () => {
    at('security/privileged', s.line(C, 'privileged: true'), 'error');
    at('security/host-namespace', s.line(C, 'network_mode: host'), 'error');
    at('security/host-namespace', s.line(C, 'pid: host'), 'error');
    at('security/capabilities-added', s.line(C, '- SYS_ADMIN'), 'error');
    at('security/confinement-disabled', s.line(C, 'seccomp:unconfined'), 'error');
    at('security/sensitive-host-mount', s.line(C, '/etc:/host/etc'), 'error');
  });

  test('HTTP-only routers, and an HTTP entrypoint without a redirect', () => {
    for (const router of ['dashboard', 'shop-api', 'adminer']) at('security/router-without-tls', s.line(C, `routers.${router}.rule`), 'error');
    at('security/http-without-redirect', s.line(C, '--entrypoints.web.address=:80'), 'warning');
  });

  test('an unauthenticated admin route, an API without a rate limit, no security headers', () => {
    const admin = at('security/admin-route-without-auth', s.line(C, 'routers.adminer.rule'), 'error');
    assert.deepEqual(admin.related?.map((r) => `${r.loc.file}:${r.loc.line}`), [`${T}:${s.line(T, '  adminer: { host:')}`]);
    at('security/api-without-rate-limit', s.line(C, 'routers.shop-api.rule'), 'warning');
    at('security/missing-security-headers', s.line(C, 'routers.shop-api.rule'), 'warning');
  });

  test('literal secrets, by key name and in a URL, without their values; secret files and interpolation pass', () => {
    at('security/literal-secret', s.line(C, 'DB_PASSWORD: hunter2'), 'error');
    at('security/literal-secret', s.line(C, 'DATABASE_URL:'), 'error');
    at('security/literal-secret', s.line(C, 'POSTGRES_PASSWORD:'), 'error');
    const secretLines = security.filter((f) => f.rule === 'security/literal-secret').map((f) => f.loc!.line);
    assert.ok(!secretLines.includes(s.line(C, 'API_TOKEN:')), 'an interpolated value is not literal');
    assert.ok(!secretLines.includes(s.line(C, 'DB_PASSWORD_FILE:')), 'a _FILE variable names a file, not a secret');
    assert.ok(!JSON.stringify(result).includes('CANARY'), 'no value reaches the result');
  });

  test('root containers, no health checks, no limits, a writable root filesystem, a non-internal network', () => {
    assert.match(at('security/container-root', s.line(C, 'user: root'), 'warning').message, /runs as root/);
    at('security/container-root', s.line(C, '  db:'), 'warning');
    for (const service of ['traefik', 'shop-api', 'adminer', 'db', 'cache', 'agent']) {
      at('security/no-healthcheck', s.line(C, `  ${service}:`), 'warning');
      at('security/no-resource-limits', s.line(C, `  ${service}:`), 'warning');
    }
    const ro = at('security/writable-root-filesystem', s.line(C, '  shop-api:'), 'error');
    assert.deepEqual(ro.related?.map((r) => r.loc.line), [s.line(T, 'readOnly: true')]);
    at('security/network-not-internal', s.line(C, '  backend: {}'), 'warning');
    at('security/no-new-privileges', s.line(C, '  agent:'), 'note');
  });

  test('every finding has its compose line and the topology line in related', () => {
    for (const f of security) {
      assert.ok(f.loc && f.loc.line >= 1 && f.loc.column >= 1, `${f.rule} has a location`);
      assert.ok((f.related ?? []).every((r) => r.loc.file === T), `${f.rule}: related lines are in the topology`);
    }
  });
});
