import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceLoc } from '../../src/model/diagnostics.ts';
import { readTraefikConfig } from '../../src/traefik/read-config.ts';
import type { TraefikConfig } from '../../src/traefik/types.ts';
import { composeFixture } from './compose-fixture.ts';
import { STACK } from './stack.ts';

const at = (line: number, column: number): SourceLoc => ({ file: 'compose.yaml', line, column });

let cached: TraefikConfig | undefined;
function stack(): TraefikConfig {
  cached ??= readTraefikConfig(composeFixture(STACK));
  return cached;
}

test('routers of the stack: owners, rules, hosts, entrypoints, middlewares, services, TLS, targets', () => {
  const rows = stack().routers.map((r) => ({
    router: `${r.protocol} ${r.qualifiedName}`,
    owner: r.composeService,
    implicit: r.implicit,
    rule: r.rule?.canonical ?? null,
    hosts: r.hosts,
    prefixes: r.pathPrefixes,
    entrypoints: `${r.entrypoints.value.join(',')}${r.entrypoints.isDefault ? ' (default)' : ''}`,
    middlewares: r.middlewares.map((m) => `${m.qualifiedName}${m.resolved ? '' : ' ?'}`),
    service: r.service ? `${r.service.qualifiedName}${r.service.resolved ? '' : ' ?'}` : null,
    tls: r.tlsFrom,
    resolver: r.certResolver?.value ?? null,
    targets: r.targets.map((t) => `${t.composeService}:${t.port} ${t.source}`),
  }));
  assert.deepEqual(rows, [
    {
      router: 'http api@docker',
      owner: 'api',
      implicit: false,
      rule: 'Host(`api.example.com`) && PathPrefix(`/v1`)',
      hosts: ['api.example.com'],
      prefixes: ['/v1'],
      entrypoints: 'websecure',
      middlewares: ['api-ratelimit@docker', 'api-strip@docker', 'cors@file ?'],
      service: 'api@docker',
      tls: 'router',
      resolver: 'le',
      targets: ['api:4000 label'],
    },
    {
      router: 'http auth@docker',
      owner: 'auth',
      implicit: false,
      rule: 'Host(`auth.example.com`)',
      hosts: ['auth.example.com'],
      prefixes: [],
      entrypoints: 'mqtts,web,websecure (default)',
      middlewares: [],
      service: 'auth-shop@docker',
      tls: null,
      resolver: null,
      targets: ['auth:4181 single-port'],
    },
    {
      router: 'http broken@docker',
      owner: 'broken',
      implicit: false,
      rule: null,
      hosts: [],
      prefixes: [],
      entrypoints: 'websecure,webseure',
      middlewares: [],
      service: 'missing@docker ?',
      tls: 'router',
      resolver: 'letsencrypt',
      targets: [],
    },
    {
      router: 'http dashboard@docker',
      owner: 'traefik',
      implicit: false,
      rule: 'Host(`traefik.example.com`)',
      hosts: ['traefik.example.com'],
      prefixes: [],
      entrypoints: 'websecure',
      middlewares: ['admin-auth@docker'],
      service: 'api@internal',
      tls: 'router',
      resolver: 'le',
      targets: [],
    },
    {
      router: 'http frontend@docker',
      owner: 'frontend',
      implicit: false,
      rule: 'Host(`example.com`) || Host(`www.example.com`)',
      hosts: ['example.com', 'www.example.com'],
      prefixes: [],
      entrypoints: 'websecure',
      middlewares: ['security-headers@docker', 'gzip@docker'],
      service: 'frontend-shop@docker',
      tls: 'router',
      resolver: 'le',
      targets: ['frontend:3000 single-port'],
    },
    {
      router: 'http grafana@docker',
      owner: 'grafana',
      implicit: false,
      rule: 'Host(`example.com`) && PathPrefix(`/grafana`)',
      hosts: ['example.com'],
      prefixes: ['/grafana'],
      entrypoints: 'mqtts,web,websecure (default)',
      middlewares: ['sso@docker', 'grafana-allow@docker', 'to-https@docker'],
      service: 'grafana-shop@docker',
      tls: null,
      resolver: null,
      targets: ['grafana:3000 single-port'],
    },
    {
      router: 'http legacy-shop@docker',
      owner: 'legacy',
      implicit: true,
      rule: 'Host(`legacy-shop`)',
      hosts: ['legacy-shop'],
      prefixes: [],
      entrypoints: 'mqtts,web,websecure (default)',
      middlewares: [],
      service: 'legacy-shop@docker',
      tls: null,
      resolver: null,
      targets: ['legacy:8080 single-port'],
    },
    {
      router: 'tcp mqtt@docker',
      owner: 'mqtt',
      implicit: false,
      rule: 'HostSNI(`mqtt.example.com`)',
      hosts: ['mqtt.example.com'],
      prefixes: [],
      entrypoints: 'mqtts',
      middlewares: [],
      service: 'mqtt@docker',
      tls: 'router',
      resolver: null,
      targets: ['mqtt:8883 label'],
    },
  ]);
});

test('one router in full: every fact with the location of its label', () => {
  const api = stack().routers.find((r) => r.qualifiedName === 'api@docker')!;
  assert.deepEqual(
    { ...api, rule: api.rule && { ...api.rule, ast: api.rule.ast?.kind } },
    {
      protocol: 'http',
      name: 'api',
      qualifiedName: 'api@docker',
      provider: 'docker',
      composeService: 'api',
      implicit: false,
      loc: at(56, 7),
      rule: {
        text: 'Host(`api.example.com`) && PathPrefix(`/v1`)',
        canonical: 'Host(`api.example.com`) && PathPrefix(`/v1`)',
        ast: 'and',
        loc: at(56, 7),
        source: 'config',
        syntax: null,
      },
      hosts: ['api.example.com'],
      paths: [],
      pathPrefixes: ['/v1'],
      routes: [{ host: 'api.example.com', path: null, pathPrefix: '/v1' }],
      entrypoints: { value: ['websecure'], loc: at(57, 7), isDefault: false },
      middlewares: [
        { ref: 'api-ratelimit', qualifiedName: 'api-ratelimit@docker', resolved: true, loc: at(59, 7) },
        { ref: 'api-strip', qualifiedName: 'api-strip@docker', resolved: true, loc: at(59, 7) },
        { ref: 'cors@file', qualifiedName: 'cors@file', resolved: false, loc: at(59, 7) },
      ],
      service: { ref: 'api', qualifiedName: 'api@docker', resolved: true, loc: at(56, 7) },
      tls: { loc: at(58, 7), certResolver: { value: 'le', loc: at(58, 7), isDefault: false }, options: null, domains: [], passthrough: null },
      tlsFrom: 'router',
      certResolver: { value: 'le', loc: at(58, 7), isDefault: false },
      priority: { value: 44, loc: null, isDefault: true },
      targets: [{ composeService: 'api', url: null, candidates: [4000, 9464], port: 4000, source: 'label', loc: at(64, 7) }],
    },
  );
});

test('services: implicit ones are named <service>-<project>; schemes default to http', () => {
  assert.deepEqual(
    stack().services.map((s) => [s.protocol, s.qualifiedName, s.composeServices, s.implicit, s.loc?.line, s.scheme?.value ?? null, s.servers.map((t) => `${t.port} ${t.source}`)]),
    [
      ['http', 'api@docker', ['api'], false, 64, 'http', ['4000 label']],
      ['http', 'auth-shop@docker', ['auth'], true, 65, 'http', ['4181 single-port']],
      ['http', 'broken-shop@docker', ['broken'], true, 111, 'http', ['5000 single-port']],
      ['http', 'frontend-shop@docker', ['frontend'], true, 30, 'http', ['3000 single-port']],
      ['http', 'grafana-shop@docker', ['grafana'], true, 75, 'http', ['3000 single-port']],
      ['http', 'legacy-shop@docker', ['legacy'], true, 103, 'http', ['8080 single-port']],
      ['http', 'traefik-shop@docker', ['traefik'], true, 3, 'http', ['80 lowest-port']],
      ['tcp', 'mqtt@docker', ['mqtt'], false, 94, null, ['8883 label']],
    ],
  );
});

test('middlewares with their settings; basic-auth hashes and secret headers never kept', () => {
  const rows = Object.fromEntries(
    stack().middlewares.map((m) => [
      m.qualifiedName,
      { type: m.type, line: m.loc?.line, owners: m.composeServices, options: Object.fromEntries(Object.entries(m.options).map(([k, v]) => [k, v.redacted ? { redacted: v.value } : v.value])) },
    ]),
  );
  assert.deepEqual(rows, {
    'admin-auth@docker': { type: 'basicAuth', line: 29, owners: ['traefik'], options: { users: { redacted: ['admin', 'ops'] } } },
    'api-ratelimit@docker': { type: 'rateLimit', line: 60, owners: ['api'], options: { average: 100, burst: 50, period: '1m' } },
    'api-strip@docker': { type: 'stripPrefix', line: 63, owners: ['api'], options: { prefixes: ['/v1'] } },
    'grafana-allow@docker': { type: 'ipAllowList', line: 83, owners: ['grafana'], options: { sourceRange: ['10.0.0.0/8', '192.168.0.0/16'] } },
    'gzip@docker': { type: 'compress', line: 49, owners: ['frontend'], options: {} },
    'security-headers@docker': {
      type: 'headers',
      line: 41,
      owners: ['frontend'],
      options: {
        stsSeconds: 31536000,
        stsIncludeSubdomains: true,
        frameDeny: true,
        contentTypeNosniff: true,
        browserXssFilter: true,
        customFrameOptionsValue: 'SAMEORIGIN',
        accessControlAllowOriginList: ['https://example.com', 'https://www.example.com'],
        'customRequestHeaders.X-Api-Key': { redacted: null },
      },
    },
    'sso@docker': {
      type: 'forwardAuth',
      line: 72,
      owners: ['auth'],
      options: { address: 'http://auth:4181', trustForwardHeader: true, authResponseHeaders: ['X-Forwarded-User', 'X-Auth-Email'] },
    },
    'to-https@docker': { type: 'redirectScheme', line: 84, owners: ['grafana'], options: { scheme: 'https', permanent: true } },
  });
  const serialised = JSON.stringify(stack());
  assert.equal(serialised.includes('apr1'), false);
  assert.equal(serialised.includes('s3cr3t'), false);
});

test('findings of the stack, in file order, with exact locations', () => {
  assert.deepEqual(
    stack().diagnostics.map((d) => ({ severity: d.severity, rule: d.rule, at: `${d.loc?.line}:${d.loc?.column}`, message: d.message })),
    [
      {
        severity: 'note',
        rule: 'traefik/unverifiable-reference',
        at: '59:7',
        message: 'router `api@docker` uses middleware `cors@file` from the file provider, whose files were not given',
      },
      {
        severity: 'warning',
        rule: 'traefik/not-enabled',
        at: '102:9',
        message: 'service `worker` has Traefik labels but no `traefik.enable=true`, and exposedByDefault is false: Traefik ignores them',
      },
      {
        severity: 'warning',
        rule: 'traefik/v1-label',
        at: '109:9',
        message: 'Traefik v1 label `traefik.frontend.rule` is ignored by Traefik v2 and later; use `traefik.http.routers.legacy-shop.rule=Host(`legacy.example.com`)`',
      },
      {
        severity: 'warning',
        rule: 'traefik/v1-label',
        at: '110:9',
        message: 'Traefik v1 label `traefik.port` is ignored by Traefik v2 and later; use `traefik.http.services.legacy-shop.loadbalancer.server.port=8080`',
      },
      {
        severity: 'warning',
        rule: 'traefik/network-not-attached',
        at: '111:3',
        message: 'service `broken` is not on Traefik network `shop_proxy` (it is on `shop_backend`); Traefik falls back to its first network',
      },
      {
        severity: 'error',
        rule: 'traefik/malformed-rule',
        // Compose labels carry the label's position, not the value's, so the rule error points at the label.
        at: '117:9',
        message: 'malformed rule for router `broken@docker`: expected a quoted argument or `)`, found the character `/` (column 42 of the rule); Traefik disables the router',
      },
      {
        severity: 'error',
        rule: 'traefik/unresolved-service',
        at: '118:9',
        message: 'router `broken@docker` uses HTTP service `missing@docker`, which no provider defines; Traefik disables the router',
      },
      {
        severity: 'error',
        rule: 'traefik/unknown-entrypoint',
        at: '119:9',
        message: 'router `broken@docker` uses entrypoint `webseure`, which the static configuration does not define',
      },
      {
        severity: 'error',
        rule: 'traefik/unknown-cert-resolver',
        at: '120:9',
        message: 'router `broken@docker` uses certificate resolver `letsencrypt`, which the static configuration does not define',
      },
      {
        severity: 'error',
        rule: 'traefik/unknown-label',
        at: '121:9',
        message: 'unknown Traefik label `traefik.http.routers.broken.tlss`; Traefik cannot decode this label set ("field not found") and skips the container',
      },
    ],
  );
  const malformed = stack().diagnostics.find((d) => d.rule === 'traefik/malformed-rule')!;
  assert.equal(malformed.found, 'Host(`broken.example.com`) && PathPrefix(/x)');
  // Column 83 of line 117 is the `/` the parser stopped at.
  assert.equal(STACK.split('\n')[116]!.charAt(82), '/');
  const related = stack().diagnostics.find((d) => d.rule === 'traefik/network-not-attached')!.related;
  assert.deepEqual(related, [{ message: 'the Traefik network is set here', loc: at(8, 9) }]);
});

test('static facts of the stack come from the traefik service command', () => {
  const config = stack();
  assert.equal(config.staticKnown, true);
  assert.deepEqual(
    config.entrypoints.map((ep) => [ep.name, ep.port, ep.loc?.line, ep.redirect?.to.value ?? null]),
    [
      ['mqtts', 8883, 13, null],
      ['web', 80, 10, 'websecure'],
      ['websecure', 443, 12, null],
    ],
  );
  assert.deepEqual(config.certResolvers.map((r) => [r.name, r.loc.line]), [['le', 14]]);
  assert.deepEqual(config.providers.docker?.exposedByDefault, { value: false, loc: at(7, 9), isDefault: false });
  assert.deepEqual(config.providers.file?.filename?.value, '/etc/traefik/dynamic.yml');
  assert.deepEqual(config.api?.dashboard, { value: true, loc: at(16, 9), isDefault: false });
});
