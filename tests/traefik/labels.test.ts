import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultTraefikName, evaluateDefaultRule } from '../../src/traefik/labels.ts';
import { readTraefikConfig } from '../../src/traefik/read-config.ts';
import type { TraefikConfig } from '../../src/traefik/types.ts';
import { input, loc } from './helpers.ts';

/** `rule@line:column message` for compact finding assertions. */
function findings(config: TraefikConfig): string[] {
  return config.diagnostics.map((d) => `${d.rule}@${d.loc ? `${d.loc.line}:${d.loc.column}` : '-'} ${d.message}`);
}

function routerRows(config: TraefikConfig): string[] {
  return config.routers.map(
    (r) => `${r.protocol} ${r.qualifiedName} [${r.composeService}] ${r.rule?.text ?? '-'} -> ${r.service?.qualifiedName ?? '-'}${r.implicit ? ' (implicit)' : ''}`,
  );
}

test('default names normalise <service>_<project> (Docker) and <stack>_<service> (Swarm)', () => {
  assert.equal(defaultTraefikName('docker', 'web', 'myapp'), 'web-myapp');
  assert.equal(defaultTraefikName('docker', 'api_v2', 'my-app'), 'api-v2-my-app');
  assert.equal(defaultTraefikName('swarm', 'api', 'shop'), 'shop-api');
  assert.equal(defaultTraefikName('docker', '_edge.', 'x__y'), 'edge-x-y');
});

test('exposedByDefault (Traefik default): every service gets a service and a Host(<name>) router; traefik.enable=false opts out', () => {
  const config = readTraefikConfig(
    input({
      web: { ports: [8080] },
      db: { labels: { 'traefik.enable': 'false' }, ports: [5432] },
      api_v2: { expose: [3000] },
    }),
  );
  assert.equal(config.staticKnown, false);
  assert.deepEqual(routerRows(config), [
    'http api-v2-myapp@docker [api_v2] Host(`api-v2-myapp`) -> api-v2-myapp@docker (implicit)',
    'http web-myapp@docker [web] Host(`web-myapp`) -> web-myapp@docker (implicit)',
  ]);
  const web = config.routers[1]!;
  assert.deepEqual(web.rule, {
    text: 'Host(`web-myapp`)',
    canonical: 'Host(`web-myapp`)',
    ast: web.rule?.ast,
    loc: null,
    source: 'default-rule',
    syntax: null,
  });
  assert.deepEqual(web.entrypoints, { value: [], loc: null, isDefault: true });
  assert.deepEqual(web.loc, loc(100, 3));
  assert.deepEqual(config.providers.docker?.enabled, { value: true, loc: null, isDefault: true });
  assert.deepEqual(findings(config), []);
});

test('exposedByDefault=false: only traefik.enable=true services; labels without it are a finding', () => {
  const config = readTraefikConfig(
    input(
      {
        web: { labels: { 'traefik.enable': 'true' }, ports: [80] },
        worker: { labels: { 'traefik.http.routers.worker.rule': 'Host(`w.example.com`)' }, ports: [80] },
        db: { ports: [5432] },
      },
      ['--providers.docker.exposedByDefault=false', '--entrypoints.web.address=:80'],
    ),
  );
  assert.deepEqual(routerRows(config), ['http web-myapp@docker [web] Host(`web-myapp`) -> web-myapp@docker (implicit)']);
  assert.deepEqual(config.routers[0]!.entrypoints, { value: ['web'], loc: null, isDefault: true });
  assert.deepEqual(findings(config), [
    'traefik/not-enabled@240:9 service `worker` has Traefik labels but no `traefik.enable=true`, and exposedByDefault is false: Traefik ignores them',
  ]);
  assert.deepEqual(config.diagnostics[0]!.related, [{ message: 'exposedByDefault is set here', loc: loc(10) }]);
});

test('custom defaultRule templates are evaluated; unsupported ones are a finding', () => {
  const config = readTraefikConfig(
    input({ web: { ports: [80] } }, ['--providers.docker.defaultRule=Host(`{{ index .Labels "com.docker.compose.service" }}.example.com`)']),
  );
  assert.deepEqual(routerRows(config), ['http web-myapp@docker [web] Host(`web.example.com`) -> web-myapp@docker (implicit)']);
  assert.deepEqual(config.routers[0]!.rule?.loc, loc(10));

  const unsupported = readTraefikConfig(input({ web: { ports: [80] } }, ['--providers.docker.defaultRule=Host(`{{ .Name | sha256sum }}`)']));
  assert.deepEqual(routerRows(unsupported), []);
  assert.deepEqual(findings(unsupported), [
    'traefik/default-rule-unevaluated@10:9 router `web-myapp` has no rule and topodoc cannot evaluate the default rule `Host(`{{ .Name | sha256sum }}`)`',
  ]);
});

test('default rule template subset', () => {
  const model = { Name: 'web-myapp', ContainerName: 'myapp-web-1', Labels: { 'com.docker.compose.service': 'web', team: 'core' } };
  assert.equal(evaluateDefaultRule('Host(`{{ normalize .Name }}`)', model), 'Host(`web-myapp`)');
  assert.equal(evaluateDefaultRule('Host(`{{ .ContainerName }}.lan`)', model), 'Host(`myapp-web-1.lan`)');
  assert.equal(evaluateDefaultRule('Host(`{{ index .Labels "team" | upper }}.{{ trimSuffix "-myapp" .Name }}.io`)', model), 'Host(`CORE.web.io`)');
  assert.equal(evaluateDefaultRule('Host(`{{- .Name -}}`)', model), 'Host(`web-myapp`)');
  assert.equal(evaluateDefaultRule('Host(`{{ .Name }`)', model), null);
  assert.equal(evaluateDefaultRule('Host(`{{ printf "%s" .Name }}`)', model), null);
});

test('router without service: the only service, else dropped; no default router next to several services', () => {
  const config = readTraefikConfig(
    input({
      single: {
        labels: {
          'traefik.http.routers.one.rule': 'Host(`one.example.com`)',
          'traefik.http.services.main.loadbalancer.server.port': '8080',
        },
      },
      multi: {
        labels: {
          'traefik.http.routers.two.rule': 'Host(`two.example.com`)',
          'traefik.http.routers.three.rule': 'Host(`three.example.com`)',
          'traefik.http.routers.three.service': 'admin',
          'traefik.http.services.app.loadbalancer.server.port': '80',
          'traefik.http.services.admin.loadbalancer.server.port': '9000',
        },
      },
      nameless: {
        labels: {
          'traefik.http.services.a.loadbalancer.server.port': '80',
          'traefik.http.services.b.loadbalancer.server.port': '81',
        },
      },
    }),
  );
  assert.deepEqual(routerRows(config), [
    'http one@docker [single] Host(`one.example.com`) -> main@docker',
    'http three@docker [multi] Host(`three.example.com`) -> admin@docker',
  ]);
  assert.deepEqual(config.routers[0]!.service, { ref: 'main', qualifiedName: 'main@docker', resolved: true, loc: loc(140) });
  assert.deepEqual(findings(config), [
    'traefik/router-without-service@240:9 router `two` names no service and service `multi` declares 2 HTTP services (`admin`, `app`); Traefik drops the router',
    'traefik/no-default-router@340:9 service `nameless` declares several HTTP services and no router; Traefik creates no default router',
  ]);
});

test('TCP and UDP routers; TCP-only labels suppress the implicit HTTP router', () => {
  const config = readTraefikConfig(
    input(
      {
        postgres: {
          labels: {
            'traefik.tcp.routers.pg.rule': 'HostSNI(`db.example.com`)',
            'traefik.tcp.routers.pg.entrypoints': 'postgres',
            'traefik.tcp.routers.pg.tls': 'true',
            'traefik.tcp.routers.pg.tls.certresolver': 'le',
            'traefik.tcp.routers.pg.tls.domains[0].main': 'example.com',
            'traefik.tcp.routers.pg.tls.domains[0].sans': '*.example.com,db.example.org',
          },
          ports: [5432],
        },
        dns: {
          labels: {
            'traefik.udp.routers.dns.entrypoints': 'dns',
            'traefik.udp.services.dns.loadbalancer.server.port': '53',
          },
        },
        broker: {
          labels: {
            'traefik.tcp.routers.amqp.entrypoints': 'postgres',
            'traefik.http.middlewares.noop.compress': 'true',
          },
          expose: [5672, 15672],
        },
      },
      [
        '--providers.docker',
        '--entrypoints.web.address=:80',
        '--entrypoints.postgres.address=:5432',
        '--entrypoints.dns.address=:53/udp',
        '--certificatesresolvers.le.acme.tlschallenge=true',
      ],
    ),
  );
  assert.deepEqual(routerRows(config), [
    // A TCP definition plus an HTTP middleware: Traefik still builds the HTTP defaults.
    'http broker-myapp@docker [broker] Host(`broker-myapp`) -> broker-myapp@docker (implicit)',
    'tcp pg@docker [postgres] HostSNI(`db.example.com`) -> postgres-myapp@docker',
    'udp dns@docker [dns] - -> dns@docker',
  ]);
  const pg = config.routers[1]!;
  assert.deepEqual(pg.tls, {
    loc: loc(142),
    certResolver: { value: 'le', loc: loc(143), isDefault: false },
    options: null,
    domains: [{ main: 'example.com', sans: ['*.example.com', 'db.example.org'], loc: loc(144) }],
    passthrough: null,
  });
  assert.deepEqual(pg.hosts, ['db.example.com']);
  assert.deepEqual(pg.targets.map((t) => [t.port, t.source]), [[5432, 'single-port']]);
  const dns = config.routers[2]!;
  assert.deepEqual([dns.rule, dns.priority, dns.entrypoints.value], [null, null, ['dns']]);
  assert.deepEqual(dns.targets.map((t) => [t.port, t.source]), [[53, 'label']]);
  assert.deepEqual(findings(config), [
    'traefik/ambiguous-port@300:3 `broker` has ports 5672, 15672; Traefik picks the lowest (5672). Set `traefik.http.services.broker-myapp.loadbalancer.server.port` to make it explicit',
    'traefik/missing-rule@340:9 TCP router `amqp` has no rule; Traefik drops it (TCP routers have no default rule)',
  ]);
});

test('Swarm provider reads deploy.labels, names <stack>-<service>, requires the port label', () => {
  const config = readTraefikConfig(
    input(
      {
        api: {
          deployLabels: {
            'traefik.enable': 'true',
            'traefik.http.routers.api.rule': 'Host(`api.example.com`)',
            'traefik.http.services.api.loadbalancer.server.port': '3000',
            'traefik.swarm.network': 'shop_proxy',
          },
          labels: { 'traefik.http.routers.ignored.rule': 'Host(`x`)' },
          networks: ['shop_proxy'],
        },
        web: { deployLabels: { 'traefik.enable': 'true' }, ports: [80] },
      },
      ['--providers.swarm.exposedByDefault=false', '--providers.swarm.endpoint=unix:///var/run/docker.sock'],
      { projectName: 'shop' },
    ),
  );
  assert.deepEqual(routerRows(config), [
    'http api@swarm [api] Host(`api.example.com`) -> api@swarm',
    'http shop-web@swarm [web] Host(`shop-web`) -> shop-web@swarm (implicit)',
  ]);
  assert.deepEqual(config.routers[1]!.targets, [{ composeService: 'web', url: null, candidates: [80], port: null, source: 'unverifiable', loc: null }]);
  assert.deepEqual(findings(config), [
    'traefik/labels-ignored@140:9 Traefik labels of `api` are not read: the Docker provider (container labels) is not enabled',
    'traefik/swarm-port-required@200:3 the Swarm provider needs `traefik.http.services.shop-web.loadbalancer.server.port` for service `shop-web`: Swarm services expose no container ports to Traefik',
  ]);
});

test('without static configuration, deploy.labels alone imply the Swarm provider only', () => {
  const config = readTraefikConfig(
    input({ api: { deployLabels: { 'traefik.http.routers.api.rule': 'Host(`api.example.com`)', 'traefik.http.services.api.loadbalancer.server.port': '3000' } } }),
  );
  assert.deepEqual(routerRows(config), ['http api@swarm [api] Host(`api.example.com`) -> api@swarm']);
  assert.equal(config.providers.docker, null);
  assert.deepEqual(config.providers.swarm?.enabled, { value: true, loc: null, isDefault: true });
});

test('label keys are case-insensitive; names keep their spelling; case-only duplicates are a finding', () => {
  const config = readTraefikConfig(
    input({
      web: {
        labels: {
          'Traefik.HTTP.Routers.Web.Rule': 'Host(`a.example.com`)',
          'traefik.http.routers.web.ENTRYPOINTS': 'websecure',
          'TRAEFIK.HTTP.SERVICES.Web.LoadBalancer.Server.Port': '8080',
        },
      },
    }),
  );
  assert.deepEqual(routerRows(config), ['http Web@docker [web] Host(`a.example.com`) -> Web@docker']);
  assert.deepEqual(config.routers[0]!.entrypoints.value, ['websecure']);
  assert.deepEqual(config.services.map((s) => [s.qualifiedName, s.servers[0]?.port]), [['Web@docker', 8080]]);
  assert.deepEqual(findings(config), []);

  const duplicate = readTraefikConfig(
    input({ web: { labels: { 'traefik.http.routers.web.rule': 'Host(`a`)', 'traefik.http.routers.web.Rule': 'Host(`b`)' }, ports: [80] } }),
  );
  assert.deepEqual(routerRows(duplicate), ['http web@docker [web] Host(`a`) -> web-myapp@docker']);
  assert.deepEqual(findings(duplicate), [
    'traefik/duplicate-label@140:9 labels `traefik.http.routers.web.Rule` and `traefik.http.routers.web.rule` differ only in case; Traefik reads keys ignoring case and keeps one of them',
  ]);
});

test('unknown labels: outside Traefik namespaces ignored (warning), inside them undecodable (error)', () => {
  const config = readTraefikConfig(
    input({
      web: {
        labels: {
          'traefik.foo': 'bar',
          'traefik.http.routers.web.rulez': 'Host(`a`)',
          'traefik.http.middlewares.rl.ratelimit.averag': '10',
          'traefik.http.middlewares.x.frobnicate.level': '3',
          'traefik.http.middlewares.y': 'true',
          'traefik.http.servicez.web.port': '80',
          'traefik.udp.routers.u.rule': 'Host(`a`)',
          'traefik.tcp.middlewares.t.headers.frameDeny': 'true',
          'traefik.swarm.network': 'proxy',
        },
        ports: [80],
      },
    }),
  );
  assert.deepEqual(findings(config), [
    'traefik/unknown-label@140:9 unknown Traefik label `traefik.foo`; Traefik ignores it',
    'traefik/unknown-label@141:9 unknown Traefik label `traefik.http.routers.web.rulez`; Traefik cannot decode this label set ("field not found") and skips the container',
    'traefik/unknown-label@142:9 unknown Traefik label `traefik.http.middlewares.rl.ratelimit.averag` (`rateLimit` has no option `averag`); Traefik cannot decode this label set ("field not found") and skips the container',
    'traefik/unknown-label@143:9 unknown Traefik label `traefik.http.middlewares.x.frobnicate.level` (`frobnicate` is not a HTTP middleware type); Traefik cannot decode this label set ("field not found") and skips the container',
    'traefik/unknown-label@144:9 unknown Traefik label `traefik.http.middlewares.y` (a middleware key needs a type such as `headers` or `ratelimit`); Traefik cannot decode this label set ("field not found") and skips the container',
    'traefik/unknown-label@145:9 unknown Traefik label `traefik.http.servicez.web.port`; Traefik cannot decode this label set ("field not found") and skips the container',
    'traefik/unknown-label@146:9 unknown Traefik label `traefik.udp.routers.u.rule` (UDP routers take only entrypoints and service); Traefik cannot decode this label set ("field not found") and skips the container',
    'traefik/unknown-label@147:9 unknown Traefik label `traefik.tcp.middlewares.t.headers.frameDeny` (`headers` is not a TCP middleware type); Traefik cannot decode this label set ("field not found") and skips the container',
    'traefik/unknown-label@148:9 unknown Traefik label `traefik.swarm.network`; Traefik ignores it',
  ]);
  // Keys without a known type declare no middleware; `rl` exists through its known type.
  assert.deepEqual(config.middlewares.map((m) => [m.qualifiedName, m.type, m.options]), [['rl@docker', 'rateLimit', {}]]);
});

test('invalid label values are findings; credentials never appear in them', () => {
  const config = readTraefikConfig(
    input({
      web: {
        labels: {
          'traefik.enable': 'yes',
        },
      },
      api: {
        labels: {
          'traefik.http.routers.api.priority': 'high',
          'traefik.http.routers.api.tls': 'maybe',
          'traefik.http.middlewares.rl.ratelimit.average': 'lots',
          'traefik.http.middlewares.rl.ratelimit.period': 'a minute',
          'traefik.http.services.api.loadbalancer.server.port': '70000',
          'traefik.http.middlewares.auth.basicauth.users': 'admin:$apr1$secret$hash',
          'traefik.http.middlewares.b@d.compress': 'true',
        },
        ports: [80],
      },
    }),
  );
  assert.deepEqual(
    config.diagnostics.map((d) => [d.rule, d.loc?.line, d.message, d.found]),
    [
      ['traefik/invalid-label-value', 140, '`traefik.enable` expects true or false; Traefik skips the container', 'yes'],
      ['traefik/invalid-label-value', 240, '`traefik.http.routers.api.priority` expects an integer; Traefik cannot decode this label set ("field not found") and skips the container', 'high'],
      ['traefik/invalid-label-value', 241, '`traefik.http.routers.api.tls` expects true or false; Traefik cannot decode this label set ("field not found") and skips the container', 'maybe'],
      ['traefik/invalid-label-value', 242, '`traefik.http.middlewares.rl.ratelimit.average` expects an integer; Traefik cannot decode this label set ("field not found") and skips the container', 'lots'],
      [
        'traefik/invalid-label-value',
        243,
        '`traefik.http.middlewares.rl.ratelimit.period` expects a duration such as `10s` or a number of seconds; Traefik cannot decode this label set ("field not found") and skips the container',
        'a minute',
      ],
      ['traefik/invalid-label-value', 244, '`traefik.http.services.api.loadbalancer.server.port` expects a port between 1 and 65535; Traefik cannot decode this label set ("field not found") and skips the container', '70000'],
      ['traefik/invalid-name', 246, '`b@d` contains `@`, which Traefik reserves for provider namespaces', 'b@d'],
    ],
  );
  assert.equal(JSON.stringify(config).includes('secret'), false);
  assert.deepEqual(config.middlewares.find((m) => m.name === 'auth')?.options, {
    users: { value: ['admin'], loc: loc(245), redacted: true },
  });
});

test('references: unknown middleware, service and entrypoint, with case hints', () => {
  const config = readTraefikConfig(
    input(
      {
        web: {
          labels: {
            'traefik.http.routers.web.rule': 'Host(`web.example.com`)',
            'traefik.http.routers.web.entrypoints': 'WebSecure,udpin',
            'traefik.http.routers.web.middlewares': 'Auth,ghost@docker,api@internal',
            'traefik.http.routers.web.service': 'backend',
          },
          ports: [80],
        },
        auth: {
          labels: {
            'traefik.http.middlewares.auth.basicauth.usersfile': '/auth/users',
            'traefik.http.services.Backend.loadbalancer.server.port': '80',
            'traefik.http.middlewares.secure.chain.middlewares': 'auth,missing',
          },
        },
      },
      ['--providers.docker', '--entrypoints.websecure.address=:443', '--entrypoints.udpin.address=:9999/udp'],
    ),
  );
  assert.deepEqual(findings(config), [
    'traefik/entrypoint-protocol@141:9 router `web@docker` is a HTTP router but entrypoint `udpin` listens on UDP',
    'traefik/unknown-entrypoint@141:9 router `web@docker` uses entrypoint `WebSecure`, which the static configuration does not define (names are case-sensitive: did you mean `websecure`?)',
    'traefik/unresolved-middleware@142:9 router `web@docker` uses HTTP middleware `Auth@docker`, which no provider defines; Traefik disables the router (names are case-sensitive: did you mean `auth@docker`?)',
    'traefik/unresolved-middleware@142:9 router `web@docker` uses HTTP middleware `api@internal`, which no provider defines; Traefik disables the router',
    'traefik/unresolved-middleware@142:9 router `web@docker` uses HTTP middleware `ghost@docker`, which no provider defines; Traefik disables the router',
    'traefik/unresolved-service@143:9 router `web@docker` uses HTTP service `backend@docker`, which no provider defines; Traefik disables the router (names are case-sensitive: did you mean `Backend@docker`?)',
    'traefik/unresolved-middleware@242:9 middleware `secure@docker` uses HTTP middleware `missing@docker`, which no provider defines; Traefik disables the router',
  ]);
  assert.deepEqual(
    config.middlewares.find((m) => m.name === 'secure')?.references.map((r) => [r.qualifiedName, r.resolved]),
    [
      ['auth@docker', true],
      ['missing@docker', false],
    ],
  );
});

test('definitions shared across containers: identical ones merge, different ones are dropped', () => {
  const shared = {
    'traefik.http.services.app.loadbalancer.server.port': '8080',
    'traefik.http.middlewares.auth.forwardauth.address': 'http://sso:4181',
  };
  const config = readTraefikConfig(
    input({
      blue: { labels: { ...shared, 'traefik.http.routers.app.rule': 'Host(`app.example.com`)', 'traefik.http.middlewares.hdr.headers.frameDeny': 'true' } },
      green: { labels: { ...shared, 'traefik.http.middlewares.hdr.headers.frameDeny': 'false' } },
    }),
  );
  assert.deepEqual(
    config.services.map((s) => [s.qualifiedName, s.composeServices, s.servers.map((t) => `${t.composeService}:${t.port}`)]),
    [['app@docker', ['blue', 'green'], ['blue:8080', 'green:8080']]],
  );
  assert.deepEqual(
    config.routers.map((r) => [r.qualifiedName, r.targets.map((t) => t.composeService)]),
    [
      ['app@docker', ['blue', 'green']],
      ['green-myapp@docker', ['blue', 'green']],
    ],
  );
  assert.deepEqual(config.middlewares.map((m) => [m.qualifiedName, m.composeServices]), [['auth@docker', ['blue', 'green']]]);
  assert.deepEqual(findings(config), [
    'traefik/conflicting-definition@143:9 middleware `hdr` is defined several times with different settings; Traefik drops it',
  ]);
  assert.deepEqual(config.diagnostics[0]!.related, [{ message: 'also defined here', loc: loc(242) }]);
});

test('v2 multi-value rules: a warning without a version, an error on Traefik v3, fine on v2 or with ruleSyntax=v2', () => {
  const labels = { 'traefik.http.routers.web.rule': 'Host(`a.example.com`, `b.example.com`)' };
  const unknownVersion = readTraefikConfig(input({ web: { labels, ports: [80] } }));
  assert.deepEqual(findings(unknownVersion), [
    'traefik/rule-syntax@140:9 rule of router `web@docker` uses the v2 rule syntax, which Traefik v3 rejects unless `ruleSyntax=v2`; in the v3 syntax: `Host(`a.example.com`) || Host(`b.example.com`)`',
  ]);
  assert.deepEqual(unknownVersion.routers[0]!.hosts, ['a.example.com', 'b.example.com']);

  const v3 = readTraefikConfig(input({ web: { labels, ports: [80] } }, ['--providers.docker'], { staticInput: { args: [], version: 'v3.2' } }));
  assert.deepEqual(v3.diagnostics.map((d) => [d.severity, d.rule]), [['error', 'traefik/rule-syntax']]);

  const v2 = readTraefikConfig(input({ web: { labels, ports: [80] } }, ['--providers.docker'], { staticInput: { args: [], version: '2.11' } }));
  assert.deepEqual(findings(v2), []);

  const perRouter = readTraefikConfig(
    input({ web: { labels: { ...labels, 'traefik.http.routers.web.ruleSyntax': 'v2' }, ports: [80] } }, ['--providers.docker'], {
      staticInput: { args: [], version: 'v3.2' },
    }),
  );
  assert.deepEqual(findings(perRouter), []);
  assert.equal(perRouter.routers[0]!.rule?.syntax, 'v2');
});

test('file-provider configs declare @file middlewares, routers and services', () => {
  const dynamicYaml = `http:
  middlewares:
    cors:
      headers:
        accessControlAllowMethods: [GET, POST]
        accessControlAllowOriginList:
          - https://example.com
    secure-chain:
      chain:
        middlewares: [cors, hsts@docker]
  routers:
    legacy:
      rule: Host(\`legacy.example.com\`)
      entryPoints: [websecure]
      service: legacy
      tls:
        certResolver: le
  services:
    legacy:
      loadBalancer:
        servers:
          - url: http://10.0.0.5:8080
          - url: https://10.0.0.6
`;
  const dynamicToml = `[http.middlewares.hsts-file.headers]
  stsSeconds = 63072000
`;
  const config = readTraefikConfig(
    input(
      {
        web: {
          labels: {
            'traefik.http.routers.web.rule': 'Host(`web.example.com`)',
            'traefik.http.routers.web.middlewares': 'cors@file,secure-chain@file,hsts-file@file,nope@file',
            'traefik.http.middlewares.hsts.headers.stsSeconds': '31536000',
          },
          ports: [80],
        },
      },
      ['--providers.docker', '--providers.file.directory=/dynamic', '--entrypoints.websecure.address=:443', '--certificatesresolvers.le.acme.tlschallenge=true'],
      {
        staticInput: {
          args: [],
          dynamicFiles: [
            { text: dynamicYaml, file: 'dynamic/http.yml', format: 'yaml' },
            { text: dynamicToml, file: 'dynamic/hsts.toml', format: 'toml' },
          ],
        },
      },
    ),
  );
  assert.deepEqual(
    config.middlewares.map((m) => [m.qualifiedName, m.type, m.loc, m.options]),
    [
      [
        'cors@file',
        'headers',
        { file: 'dynamic/http.yml', line: 3, column: 5 },
        {
          accessControlAllowMethods: { value: ['GET', 'POST'], loc: { file: 'dynamic/http.yml', line: 5, column: 9 } },
          accessControlAllowOriginList: { value: ['https://example.com'], loc: { file: 'dynamic/http.yml', line: 6, column: 9 } },
        },
      ],
      ['hsts-file@file', 'headers', { file: 'dynamic/hsts.toml', line: 1, column: 1 }, { stsSeconds: { value: 63072000, loc: { file: 'dynamic/hsts.toml', line: 2, column: 3 } } }],
      ['hsts@docker', 'headers', loc(142), { stsSeconds: { value: 31536000, loc: loc(142) } }],
      [
        'secure-chain@file',
        'chain',
        { file: 'dynamic/http.yml', line: 8, column: 5 },
        { middlewares: { value: ['cors', 'hsts@docker'], loc: { file: 'dynamic/http.yml', line: 10, column: 9 } } },
      ],
    ],
  );
  assert.deepEqual(
    config.middlewares.find((m) => m.name === 'secure-chain')?.references.map((r) => [r.qualifiedName, r.resolved]),
    [
      ['cors@file', true],
      ['hsts@docker', true],
    ],
  );
  assert.deepEqual(routerRows(config), [
    'http legacy@file [null] Host(`legacy.example.com`) -> legacy@file',
    'http web@docker [web] Host(`web.example.com`) -> web-myapp@docker',
  ]);
  assert.deepEqual(
    config.routers[0]!.targets.map((t) => [t.url, t.port, t.source, t.loc?.line]),
    [
      ['http://10.0.0.5:8080', 8080, 'file', 22],
      ['https://10.0.0.6', 443, 'file', 23],
    ],
  );
  assert.deepEqual(config.routers[0]!.certResolver, { value: 'le', loc: { file: 'dynamic/http.yml', line: 17, column: 9 }, isDefault: false });
  assert.deepEqual(findings(config), [
    'traefik/unresolved-middleware@141:9 router `web@docker` uses HTTP middleware `nope@file`, which no provider defines; Traefik disables the router',
  ]);
});

test('labels no enabled provider reads, and a network label missing the project prefix', () => {
  const ignored = readTraefikConfig(
    input({ web: { labels: { 'traefik.http.routers.web.rule': 'Host(`a`)' } } }, ['--providers.file.filename=/dynamic.yml']),
  );
  assert.deepEqual(ignored.routers, []);
  assert.deepEqual(findings(ignored), [
    'traefik/labels-ignored@140:9 Traefik labels of `web` are not read: the Docker provider (container labels) is not enabled',
  ]);

  const prefix = readTraefikConfig(
    input({ web: { labels: { 'traefik.docker.network': 'proxy' }, ports: [80], networks: ['myapp_proxy', 'myapp_default'] } }),
  );
  assert.deepEqual(findings(prefix), [
    'traefik/network-name@140:9 Traefik network `proxy` must be the real network name `myapp_proxy`; Traefik falls back to the first network of `web`',
  ]);
});

test('the dashboard needs a router to api@internal unless api.insecure is set', () => {
  const config = readTraefikConfig(input({}, ['--api.dashboard=true', '--providers.docker']));
  assert.deepEqual(findings(config), [
    'traefik/dashboard-unrouted@10:9 the dashboard is enabled but no router uses `service=api@internal` and api.insecure is off, so it is not reachable',
  ]);
  assert.deepEqual(findings(readTraefikConfig(input({}, ['--api.insecure=true', '--providers.docker']))), []);
});

test('v1 labels, including segment labels, with their v2+ equivalent', () => {
  const config = readTraefikConfig(
    input({
      legacy: {
        labels: {
          'traefik.enable': 'true',
          'traefik.web.frontend.rule': 'Host:a.example.com,b.example.com;PathPrefixStrip:/app',
          'traefik.web.port': '8080',
          'traefik.frontend.entryPoints': 'http,https',
          'traefik.frontend.auth.basic.users': 'admin:$apr1$xyz',
          'traefik.frontend.headers.STSSeconds': '315360000',
          'traefik.backend': 'legacy',
        },
        expose: [8080],
      },
    }),
  );
  assert.deepEqual(
    config.diagnostics.filter((d) => d.rule === 'traefik/v1-label').map((d) => [d.loc?.line, d.expected]),
    [
      [141, 'traefik.http.routers.web.rule=(Host(`a.example.com`) || Host(`b.example.com`)) && PathPrefix(`/app`) (plus a stripprefix middleware)'],
      [142, 'traefik.http.services.web.loadbalancer.server.port=8080'],
      [143, 'traefik.http.routers.legacy-myapp.entrypoints=http,https'],
      [144, 'traefik.http.middlewares.legacy-myapp-auth.basicauth.users=<user:hash,…>'],
      [145, 'traefik.http.middlewares.legacy-myapp-headers.headers.stsseconds=315360000'],
      [146, 'traefik.http.routers.legacy-myapp.service=legacy'],
    ],
  );
  assert.equal(JSON.stringify(config.diagnostics).includes('xyz'), false);
});

test('two middleware types under one name are an error', () => {
  const config = readTraefikConfig(
    input({ web: { labels: { 'traefik.http.middlewares.m.compress': 'true', 'traefik.http.middlewares.m.headers.frameDeny': 'true' }, ports: [80] } }),
  );
  assert.deepEqual(findings(config), [
    'traefik/middleware-multiple-types@141:9 middleware `m@docker` declares several types (compress, headers); Traefik supports one type per middleware',
  ]);
});

test('a rule error points at the exact character of the label value', () => {
  const config = readTraefikConfig(input({ web: { labels: { 'traefik.http.routers.web.rule': 'Host(`a`) && Path(`x`)' }, ports: [80] } }));
  // The value starts at column 9 + len("traefik.http.routers.web.rule=") = 39; the argument `x` starts at offset 18.
  assert.deepEqual(
    config.diagnostics.map((d) => [d.rule, d.loc, d.message]),
    [['traefik/malformed-rule', loc(140, 57), 'malformed rule for router `web@docker`: Path argument `x` must start with `/` (column 19 of the rule); Traefik disables the router']],
  );
});

test('entrypoint-level TLS and resolver apply to routers without their own tls section', () => {
  const config = readTraefikConfig(
    input(
      { web: { labels: { 'traefik.http.routers.web.rule': 'Host(`web.example.com`)', 'traefik.http.routers.web.entrypoints': 'websecure' }, ports: [80] } },
      [
        '--providers.docker',
        '--entrypoints.websecure.address=:443',
        '--entrypoints.websecure.http.tls.certresolver=le',
        '--certificatesresolvers.le.acme.tlschallenge=true',
      ],
    ),
  );
  const router = config.routers[0]!;
  assert.deepEqual([router.tls, router.tlsFrom, router.certResolver], [null, 'entrypoint', { value: 'le', loc: loc(12), isDefault: true }]);
  assert.deepEqual(findings(config), []);
});

test('middleware catalogue: v2 names, regex redirects, custom response headers, plugins with secret options', () => {
  const config = readTraefikConfig(
    input({
      web: {
        labels: {
          'traefik.http.middlewares.legacy-allow.ipwhitelist.sourcerange': '127.0.0.1/32',
          'traefik.http.middlewares.legacy-allow.ipwhitelist.ipstrategy.depth': '2',
          'traefik.http.middlewares.www.redirectregex.regex': '^https://www\\.(.*)',
          'traefik.http.middlewares.www.redirectregex.replacement': 'https://$${1}',
          'traefik.http.middlewares.www.redirectregex.permanent': 'true',
          'traefik.http.middlewares.hdr.headers.customresponseheaders.X-Robots-Tag': 'noindex',
          'traefik.http.middlewares.hdr.headers.customrequestheaders.Authorization': 'Bearer abc123',
          'traefik.http.middlewares.geo.plugin.geoblock.allowedCountries': 'DE,FR',
          'traefik.http.middlewares.geo.plugin.geoblock.apiToken': 'tok-999',
          'traefik.tcp.middlewares.tcp-allow.ipallowlist.sourcerange': '10.0.0.0/8',
          'traefik.tcp.middlewares.conn.inflightconn.amount': '10',
        },
        ports: [80],
      },
    }),
  );
  assert.deepEqual(
    config.middlewares.map((m) => [m.protocol, m.qualifiedName, m.type, Object.fromEntries(Object.entries(m.options).map(([k, v]) => [k, v.value]))]),
    [
      ['http', 'geo@docker', 'plugin', { 'geoblock.allowedCountries': 'DE,FR', 'geoblock.apiToken': null }],
      ['http', 'hdr@docker', 'headers', { 'customResponseHeaders.X-Robots-Tag': 'noindex', 'customRequestHeaders.Authorization': null }],
      ['http', 'legacy-allow@docker', 'ipWhiteList', { sourceRange: ['127.0.0.1/32'], 'ipStrategy.depth': 2 }],
      ['http', 'www@docker', 'redirectRegex', { regex: '^https://www\\.(.*)', replacement: 'https://$${1}', permanent: true }],
      ['tcp', 'conn@docker', 'inFlightConn', { amount: 10 }],
      ['tcp', 'tcp-allow@docker', 'ipAllowList', { sourceRange: ['10.0.0.0/8'] }],
    ],
  );
  const serialised = JSON.stringify(config);
  assert.equal(serialised.includes('abc123'), false);
  assert.equal(serialised.includes('tok-999'), false);
});
