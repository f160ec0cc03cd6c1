/** Drift rules for Traefik routes and middlewares read from compose labels. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drift, SystemCopy } from './helpers.ts';

const MITO = 'topology/stacks/mito/docker-compose.yml';
const MITO_TOPOLOGY = 'topology/mito.yaml';
const SOTHEBAIS = 'topology/stacks/sothebais/docker-compose.yml';
const SOTHEBAIS_TOPOLOGY = 'topology/sothebais.yaml';
const SELLY = 'topology/stacks/sellybase/docker-compose.prod.yml';
const SELLY_TOPOLOGY = 'topology/sellybase.yaml';
const INFRA_TRAEFIK = 'topology/stacks/infra-production/traefik/docker-compose.yml';

const MOBILE_ROUTER = [
  '      - "traefik.http.routers.mobile-build.rule=Host(`mobile-build.${DOMAIN}`)"\n',
  '      - "traefik.http.routers.mobile-build.entrypoints=websecure"\n',
  '      - "traefik.http.routers.mobile-build.tls.certresolver=letsencrypt"\n',
].join('');

test('drift/route-missing: the router labels are gone', async () => {
  const s = new SystemCopy('mito').replace(MITO, MOBILE_ROUTER, '');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/route-missing',
      severity: 'error',
      message: 'route "mobile-build" (mobile-build.${DOMAIN}) is in the topology, but no compose router matches it',
      at: `${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '  mobile-build:\n    host:')}:3`,
      related: [`${MITO}:${s.serviceLine(MITO, 'mobile-build')}:3 compose service the route targets`],
    },
    // Without its router the service label yields Traefik's default router.
    {
      rule: 'drift/route-extra',
      severity: 'warning',
      message:
        'Traefik gives compose service "mobile-build" its default router "mobile-build-mito" (Host(`mobile-build-mito`)), as the service has no router of its own; the topology does not document it (document the route, or set traefik.enable=false)',
      at: `${MITO}:${s.serviceLine(MITO, 'mobile-build')}:3`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '\nroutes:\n') + 1}:1 topology routes`],
    },
  ]);
});

test('drift/route-extra: a router the topology does not document; the rule is shown as written', async () => {
  const s = new SystemCopy('mito').replace(
    MITO,
    '      - "traefik.http.routers.minio.service=minio"\n',
    '      - "traefik.http.routers.minio.service=minio"\n      - "traefik.http.routers.minio-s3.rule=Host(`s3.${DOMAIN}`)"\n      - "traefik.http.routers.minio-s3.service=minio"\n',
  );
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/route-extra',
      severity: 'error',
      message: 'compose router "minio-s3" (Host(`s3.${DOMAIN}`)) is not in the topology',
      at: `${MITO}:${s.line(MITO, 'routers.minio-s3.rule')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '\nroutes:\n') + 1}:1 topology routes`],
    },
  ]);
});

test('drift/route-name: the same host and path under another router name', async () => {
  const s = new SystemCopy('mito');
  s.write(MITO, s.read(MITO).replaceAll('routers.mobile-build.', 'routers.mobile.'));
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/route-name',
      severity: 'warning',
      message: 'route "mobile-build" is the compose router "mobile" (same host and path); give both the same name so the docs and Traefik\'s dashboard agree',
      at: `${MITO}:${s.line(MITO, 'routers.mobile.rule')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '  mobile-build:\n    host:')}:3 topology route`],
    },
  ]);
});

test('drift/route-host: another host; the message shows ${DOMAIN}, never its value', async () => {
  const s = new SystemCopy('mito').replace(MITO, 'Host(`api.${DOMAIN}`)', 'Host(`app.${DOMAIN}`)');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/route-host',
      severity: 'error',
      message: 'route "api" matches host api.${DOMAIN} in the topology, but compose router "api" has rule Host(`app.${DOMAIN}`)',
      at: `${MITO}:${s.line(MITO, 'Host(`app.${DOMAIN}`)')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '    host: api.${DOMAIN}')}:5 topology host`],
    },
  ]);
});

test('drift/route-host: hosts compare after interpolation (literal topology host, ${DOMAIN} in compose)', async () => {
  const s = new SystemCopy('sothebais').replace('topology/stacks/sothebais/.env.example', 'DOMAIN=sothebais.com', 'DOMAIN=sothebais.org');
  const result = await s.check();
  const findings = drift(result);
  assert.deepEqual(
    findings.filter((f) => f.rule === 'drift/route-host').map((f) => f.message.split(' in the topology')[0]),
    ['admin', 'admin-health', 'admin-metrics', 'root-redirect', 'prometheus', 'grafana'].map((r) => `route "${r}" matches host ${r === 'root-redirect' ? '' : 'admin.'}sothebais.com`),
  );
  assert.equal(findings.find((f) => f.message.startsWith('route "admin" '))?.message, 'route "admin" matches host admin.sothebais.com in the topology, but compose router "admin" has rule Host(`admin.${DOMAIN}`)');
  // The regex redirect of the root domain drifts with it; no other rule fires.
  assert.deepEqual([...new Set(findings.map((f) => f.rule))].sort(), ['drift/middleware-setting', 'drift/redirect', 'drift/route-host']);
  assert.ok(!JSON.stringify(result).includes('sothebais.org'), 'the value of DOMAIN never appears');
});

test('drift/route-path: a path prefix the topology does not have', async () => {
  const s = new SystemCopy('mito').replace(MITO, 'Host(`mobile-build.${DOMAIN}`)', 'Host(`mobile-build.${DOMAIN}`) && PathPrefix(`/m`)');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/route-path',
      severity: 'error',
      message: 'route "mobile-build" matches every path in the topology, but compose router "mobile-build" has rule Host(`mobile-build.${DOMAIN}`) && PathPrefix(`/m`)',
      at: `${MITO}:${s.line(MITO, 'routers.mobile-build.rule')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '    host: mobile-build.${DOMAIN}')}:5 topology route`],
    },
  ]);
});

test('drift/route-entrypoints', async () => {
  const s = new SystemCopy('mito').replace(MITO, 'routers.mobile-build.entrypoints=websecure', 'routers.mobile-build.entrypoints=web,websecure');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/route-entrypoints',
      severity: 'error',
      message: 'route "mobile-build" listens on websecure in the topology, but compose router "mobile-build" on web and websecure',
      at: `${MITO}:${s.line(MITO, 'routers.mobile-build.entrypoints')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '    host: mobile-build.${DOMAIN}') + 3}:5 topology entrypoints`],
    },
  ]);
});

test('drift/route-tls: a router without tls', async () => {
  const s = new SystemCopy('mito').replace(MITO, '      - "traefik.http.routers.admin-web.tls.certresolver=letsencrypt"\n', '');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/route-tls',
      severity: 'error',
      message: 'route "admin-web" uses TLS in the topology, but compose router "admin-web" has no tls',
      at: `${MITO}:${s.line(MITO, 'routers.admin-web.rule')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '    host: admin.${DOMAIN}') + 4}:5 topology route`],
    },
  ]);
});

test('drift/route-cert-resolver (the unknown resolver is a Traefik finding too)', async () => {
  const s = new SystemCopy('mito').replace(MITO, 'routers.admin-web.tls.certresolver=letsencrypt', 'routers.admin-web.tls.certresolver=le');
  assert.deepEqual(
    drift(await s.check()).map((f) => [f.rule, f.message, f.at]),
    [
      [
        'drift/route-cert-resolver',
        'route "admin-web" gets certificates from resolver "letsencrypt" in the topology, but compose router "admin-web" from "le"',
        `${MITO}:${s.line(MITO, 'routers.admin-web.tls.certresolver=le')}:9`,
      ],
      [
        'traefik/unknown-cert-resolver',
        'router `admin-web@docker` uses certificate resolver `le`, which the static configuration does not define',
        `${MITO}:${s.line(MITO, 'routers.admin-web.tls.certresolver=le')}:9`,
      ],
    ],
  );
});

test('drift/route-middlewares: order and membership', async () => {
  const order = new SystemCopy('sothebais').replace(SOTHEBAIS, 'routers.admin.middlewares=security-headers,clerk-auth', 'routers.admin.middlewares=clerk-auth,security-headers');
  assert.deepEqual(drift(await order.check()), [
    {
      rule: 'drift/route-middlewares',
      severity: 'error',
      message: 'middlewares of route "admin" (compose router "admin") differ: the order differs: security-headers, clerk-auth in the topology, clerk-auth, security-headers in compose',
      at: `${SOTHEBAIS}:${order.line(SOTHEBAIS, 'routers.admin.middlewares')}:9`,
      related: [`${SOTHEBAIS_TOPOLOGY}:${order.line(SOTHEBAIS_TOPOLOGY, '  admin:\n    host: admin.sothebais.com') + 5}:5 topology middlewares`],
    },
  ]);
  const missing = new SystemCopy('sellybase').replace(SELLY, 'routers.web.middlewares=security-headers,compression', 'routers.web.middlewares=security-headers');
  assert.deepEqual(
    drift(await missing.check()).map((f) => [f.rule, f.message]),
    [['drift/route-middlewares', 'middlewares of route "web" (compose router "web") differ: missing in compose: compression']],
  );
});

test('drift/route-service: the router sends traffic to another container', async () => {
  const s = new SystemCopy('sothebais').replace(SOTHEBAIS, 'routers.prometheus.service=prometheus', 'routers.prometheus.service=admin-frontend');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/route-service',
      severity: 'error',
      message: 'route "prometheus" goes to service "prometheus" in the topology, but compose router "prometheus" sends traffic to "admin-frontend"',
      at: `${SOTHEBAIS}:${s.line(SOTHEBAIS, 'routers.prometheus.service=admin-frontend')}:9`,
      related: [`${SOTHEBAIS_TOPOLOGY}:${s.line(SOTHEBAIS_TOPOLOGY, '    service: prometheus')}:5 topology route service`],
    },
  ]);
});

test('drift/route-port: the port label targets another port', async () => {
  const s = new SystemCopy('mito').replace(MITO, 'services.admin-web.loadbalancer.server.port=3001', 'services.admin-web.loadbalancer.server.port=3002');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/route-port',
      severity: 'error',
      message: 'route "admin-web" targets port 3001 of "admin-web" in the topology, but compose router "admin-web" uses port 3002 (its port label)',
      at: `${MITO}:${s.line(MITO, 'services.admin-web.loadbalancer.server.port=3002')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '    host: admin.${DOMAIN}') + 2}:5 topology route port`],
    },
  ]);
});

test('drift/redirect: a redirect route whose middleware is no longer permanent', async () => {
  const s = new SystemCopy('sothebais').replace(SOTHEBAIS, 'redirectregex.permanent=true', 'redirectregex.permanent=false');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/redirect',
      severity: 'error',
      message: 'route "root-redirect" redirects permanently in the topology, but middleware "root-redirect" redirects temporarily',
      at: `${SOTHEBAIS}:${s.line(SOTHEBAIS, 'redirectregex.permanent=false')}:9`,
      related: [`${SOTHEBAIS_TOPOLOGY}:${s.line(SOTHEBAIS_TOPOLOGY, '    redirect: { to: https://admin.sothebais.com')}:5 topology redirect`],
    },
    {
      rule: 'drift/middleware-setting',
      severity: 'error',
      message: 'setting permanent of middleware "root-redirect" is true in the topology, but false in compose',
      at: `${SOTHEBAIS}:${s.line(SOTHEBAIS, 'redirectregex.permanent=false')}:9`,
      related: [`${SOTHEBAIS_TOPOLOGY}:${s.line(SOTHEBAIS_TOPOLOGY, '      permanent: true # the seed')}:7 topology setting`],
    },
  ]);
});

test('drift/middleware-missing (the router reference then fails in Traefik too)', async () => {
  const s = new SystemCopy('mito').replace(
    MITO,
    '      - "traefik.http.middlewares.api-ratelimit.ratelimit.average=100"\n      - "traefik.http.middlewares.api-ratelimit.ratelimit.burst=50"\n',
    '',
  );
  assert.deepEqual(
    drift(await s.check()).map((f) => [f.rule, f.message, f.at]),
    [
      ['drift/middleware-missing', 'middleware "api-ratelimit" (docker provider) is in the topology, but compose declares no such middleware', `${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '  api-ratelimit:')}:3`],
      [
        'traefik/unresolved-middleware',
        'router `api@docker` uses HTTP middleware `api-ratelimit@docker`, which no provider defines; Traefik disables the router',
        `${MITO}:${s.line(MITO, 'routers.api.middlewares')}:9`,
      ],
    ],
  );
});

test('drift/middleware-extra', async () => {
  const s = new SystemCopy('mito').replace(MITO, '      - "traefik.http.middlewares.api-ratelimit.ratelimit.burst=50"\n', '      - "traefik.http.middlewares.api-ratelimit.ratelimit.burst=50"\n      - "traefik.http.middlewares.gzip.compress=true"\n');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/middleware-extra',
      severity: 'error',
      message: 'compose declares middleware "gzip" (compress), which the topology does not document',
      at: `${MITO}:${s.line(MITO, 'middlewares.gzip.compress')}:9`,
      related: [`${MITO_TOPOLOGY}:${s.line(MITO_TOPOLOGY, '\nmiddlewares:\n') + 1}:1 topology middlewares`],
    },
  ]);
});

test('drift/middleware-type', async () => {
  const s = new SystemCopy('sellybase').replace(SELLY, 'middlewares.compression.compress.encodings=gzip', 'middlewares.compression.buffering.maxRequestBodyBytes=1000000');
  assert.deepEqual(drift(await s.check()), [
    {
      rule: 'drift/middleware-type',
      severity: 'error',
      message: 'middleware "compression" is compress in the topology, but buffering in compose',
      at: `${SELLY}:${s.line(SELLY, 'middlewares.compression.buffering')}:9`,
      related: [`${SELLY_TOPOLOGY}:${s.line(SELLY_TOPOLOGY, '  compression:\n') + 2}:5 topology middleware`],
    },
  ]);
});

test('drift/middleware-setting: a changed value, a setting the topology does not state, one compose drops', async () => {
  const changed = new SystemCopy('mito').replace(MITO, 'ratelimit.average=100', 'ratelimit.average=50');
  assert.deepEqual(drift(await changed.check()), [
    {
      rule: 'drift/middleware-setting',
      severity: 'error',
      message: 'setting average of middleware "api-ratelimit" is 100 in the topology, but 50 in compose',
      at: `${MITO}:${changed.line(MITO, 'ratelimit.average=50')}:9`,
      related: [`${MITO_TOPOLOGY}:${changed.line(MITO_TOPOLOGY, '      average: 100')}:7 topology setting`],
    },
  ]);

  const added = new SystemCopy('sothebais').replace(
    SOTHEBAIS,
    '      - traefik.http.middlewares.security-headers.headers.framedeny=true\n',
    '      - traefik.http.middlewares.security-headers.headers.framedeny=true\n      - traefik.http.middlewares.security-headers.headers.referrerpolicy=no-referrer\n',
  );
  assert.deepEqual(
    drift(await added.check()).map((f) => [f.rule, f.message, f.at]),
    [['drift/middleware-setting', 'setting referrerPolicy of middleware "security-headers" is no-referrer in compose, which the topology does not state', `${SOTHEBAIS}:${added.line(SOTHEBAIS, 'referrerpolicy')}:9`]],
  );

  const dropped = new SystemCopy('sellybase').replace(SELLY, '      - "traefik.http.middlewares.api-ratelimit.ratelimit.period=1s"\n', '');
  assert.deepEqual(drift(await dropped.check()), [], 'period 1s is Traefik\'s default');
  const droppedSts = new SystemCopy('sellybase').replace(SELLY, '      - "traefik.http.middlewares.security-headers.headers.stsseconds=31536000"\n', '');
  assert.deepEqual(
    drift(await droppedSts.check()).map((f) => [f.rule, f.message]),
    [['drift/middleware-setting', 'setting stsSeconds of middleware "security-headers" is 31536000 in the topology, but compose does not set it']],
  );
});

test('drift/middleware-setting: basic-auth users come from the documented variable; literal users are drift and never shown with hashes', async () => {
  const s = new SystemCopy('infra-production').replace(INFRA_TRAEFIK, 'basicauth.users=${TRAEFIK_DASHBOARD_USERS}', 'basicauth.users=bob:$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/');
  const result = await s.check();
  assert.deepEqual(
    drift(result).map((f) => [f.rule, f.message, f.at]),
    [
      [
        'drift/middleware-setting',
        'middleware "dashboard-auth" takes its users from TRAEFIK_DASHBOARD_USERS in the topology, but compose lists users that do not come from it',
        `${INFRA_TRAEFIK}:${s.line(INFRA_TRAEFIK, 'basicauth.users=bob')}:9`,
      ],
    ],
  );
  assert.ok(!JSON.stringify(result).includes('apr1'));
  assert.ok(!JSON.stringify(result).includes('H6uskkkW'));
  assert.deepEqual(drift(await new SystemCopy('infra-production').check()), []);
});

test('Traefik reader findings are surfaced: a malformed rule is an error at its label', async () => {
  const s = new SystemCopy('mito').replace(MITO, 'Host(`admin.${DOMAIN}`)', 'Host(admin.${DOMAIN})');
  assert.deepEqual(
    drift(await s.check()).map((f) => [f.rule, f.severity, f.message, f.at]),
    [
      [
        'traefik/malformed-rule',
        'error',
        'malformed rule for router `admin-web@docker`: expected a quoted argument or `)`, found `admin`; quote it with backticks (column 6 of the rule); Traefik disables the router',
        `${MITO}:${s.line(MITO, 'Host(admin.')}:9`,
      ],
    ],
  );
});
