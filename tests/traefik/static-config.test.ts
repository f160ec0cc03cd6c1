import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceLoc } from '../../src/model/diagnostics.ts';
import type { Located } from '../../src/traefik/input.ts';
import { flagEntries, parseAddress, readStaticConfig } from '../../src/traefik/static-config.ts';
import type { TraefikStaticConfig } from '../../src/traefik/types.ts';

const F = 'compose.yaml';

/** Flags as they would sit in a compose `command:` list, one per line starting at line 6, column 9. */
function flags(...values: string[]): Array<Located<string>> {
  return values.map((value, i) => ({ value, loc: { file: F, line: 6 + i, column: 9 } }));
}

function at(line: number, column = 9, file = F): SourceLoc {
  return { file, line, column };
}

const fromFlags = (...values: string[]): TraefikStaticConfig => readStaticConfig({ args: flags(...values) });

test('entrypoints, redirection, resolver, providers and API from flags (keys case-insensitive)', () => {
  const config = fromFlags(
    '--providers.docker=true',
    '--providers.docker.exposedbydefault=false',
    '--providers.docker.network=shop_proxy',
    '--entrypoints.web.address=:80',
    '--entryPoints.web.http.redirections.entryPoint.to=websecure',
    '--entrypoints.websecure.address=:443',
    '--entrypoints.websecure.http.tls.certResolver=le',
    '--certificatesresolvers.le.acme.httpchallenge.entrypoint=web',
    '--certificatesresolvers.le.acme.email=ops@example.com',
    '--certificatesresolvers.le.acme.storage=/letsencrypt/acme.json',
    '--api.dashboard=true',
    '--log.level=INFO',
  );
  assert.equal(config.known, true);
  assert.equal(config.source, 'flags');
  assert.deepEqual(config.diagnostics, []);
  assert.deepEqual(config.entrypoints, [
    {
      name: 'web',
      loc: at(9),
      implicit: false,
      address: { value: ':80', loc: at(9), isDefault: false },
      host: null,
      port: 80,
      protocol: 'tcp',
      asDefault: null,
      redirect: {
        to: { value: 'websecure', loc: at(10), isDefault: false },
        scheme: { value: 'https', loc: at(10), isDefault: true },
        permanent: { value: true, loc: at(10), isDefault: true },
        priority: null,
      },
      tls: null,
      middlewares: null,
    },
    {
      name: 'websecure',
      loc: at(11),
      implicit: false,
      address: { value: ':443', loc: at(11), isDefault: false },
      host: null,
      port: 443,
      protocol: 'tcp',
      asDefault: null,
      redirect: null,
      tls: { loc: at(12), certResolver: { value: 'le', loc: at(12), isDefault: false }, options: null, domains: [] },
      middlewares: null,
    },
  ]);
  assert.deepEqual(config.defaultEntrypoints, ['web', 'websecure']);
  assert.deepEqual(config.certResolvers, [
    {
      name: 'le',
      loc: at(13),
      kind: 'acme',
      email: { value: 'ops@example.com', loc: at(14), isDefault: false },
      storage: { value: '/letsencrypt/acme.json', loc: at(15), isDefault: false },
      caServer: null,
      challenges: [{ type: 'http', entrypoint: { value: 'web', loc: at(13), isDefault: false }, loc: at(13) }],
    },
  ]);
  assert.deepEqual(config.providers.docker, {
    kind: 'docker',
    namespace: 'docker',
    enabled: { value: true, loc: at(6), isDefault: false },
    exposedByDefault: { value: false, loc: at(7), isDefault: false },
    defaultRule: { value: 'Host(`{{ normalize .Name }}`)', loc: at(6), isDefault: true },
    network: { value: 'shop_proxy', loc: at(8), isDefault: false },
    constraints: null,
    endpoint: null,
    useBindPortIP: { value: false, loc: at(6), isDefault: true },
    allowEmptyServices: { value: false, loc: at(6), isDefault: true },
  });
  assert.equal(config.providers.swarm, null);
  assert.equal(config.providers.file, null);
  assert.deepEqual(config.api, {
    loc: at(16),
    dashboard: { value: true, loc: at(16), isDefault: false },
    insecure: { value: false, loc: at(16), isDefault: true },
    debug: { value: false, loc: at(16), isDefault: true },
    basePath: null,
  });
  assert.deepEqual(config.unmodelled, [{ key: 'log.level', loc: at(17) }]);
});

test('redirect scheme/permanent/priority, tls/dns challenges, file provider, prometheus, asDefault', () => {
  const config = fromFlags(
    '--entrypoints.web.address=0.0.0.0:80',
    '--entrypoints.web.http.redirections.entrypoint.to=:443',
    '--entrypoints.web.http.redirections.entrypoint.scheme=https',
    '--entrypoints.web.http.redirections.entrypoint.permanent=false',
    '--entrypoints.web.http.redirections.entrypoint.priority=10',
    '--entrypoints.websecure.address=[::]:443',
    '--entrypoints.websecure.asDefault=true',
    '--entrypoints.dns.address=:53/udp',
    '--entrypoints.metrics.address=:8082',
    '--certificatesresolvers.tls.acme.tlschallenge=true',
    '--certificatesresolvers.cf.acme.dnschallenge.provider=cloudflare',
    '--certificatesresolvers.cf.acme.dnschallenge.resolvers=1.1.1.1:53',
    '--providers.file.directory=/etc/traefik/dynamic',
    '--providers.file.watch=true',
    '--metrics.prometheus=true',
    '--metrics.prometheus.entryPoint=metrics',
    '--metrics.prometheus.addrouterslabels=true',
  );
  assert.deepEqual(config.diagnostics, []);
  const web = config.entrypoints.find((ep) => ep.name === 'web')!;
  assert.deepEqual([web.host, web.port, web.protocol], ['0.0.0.0', 80, 'tcp']);
  assert.deepEqual(web.redirect, {
    to: { value: ':443', loc: at(7), isDefault: false },
    scheme: { value: 'https', loc: at(8), isDefault: false },
    permanent: { value: false, loc: at(9), isDefault: false },
    priority: { value: 10, loc: at(10), isDefault: false },
  });
  const secure = config.entrypoints.find((ep) => ep.name === 'websecure')!;
  assert.deepEqual([secure.host, secure.port, secure.asDefault?.value], ['[::]', 443, true]);
  assert.deepEqual(
    config.entrypoints.map((ep) => [ep.name, ep.port, ep.protocol]),
    [
      ['dns', 53, 'udp'],
      ['metrics', 8082, 'tcp'],
      ['web', 80, 'tcp'],
      ['websecure', 443, 'tcp'],
    ],
  );
  // Only asDefault entrypoints are defaults once one is flagged; never UDP ones.
  assert.deepEqual(config.defaultEntrypoints, ['websecure']);
  assert.deepEqual(
    config.certResolvers.map((r) => [r.name, r.challenges]),
    [
      ['cf', [{ type: 'dns', provider: { value: 'cloudflare', loc: at(16), isDefault: false }, loc: at(16) }]],
      ['tls', [{ type: 'tls', loc: at(15) }]],
    ],
  );
  assert.deepEqual(config.providers.file, {
    loc: at(18),
    filename: null,
    directory: { value: '/etc/traefik/dynamic', loc: at(18), isDefault: false },
    watch: { value: true, loc: at(19), isDefault: false },
  });
  assert.deepEqual(config.metrics.prometheus, {
    loc: at(20),
    entryPoint: { value: 'metrics', loc: at(21), isDefault: false },
    manualRouting: { value: false, loc: at(20), isDefault: true },
    addEntryPointsLabels: null,
    addRoutersLabels: { value: true, loc: at(22), isDefault: false },
    addServicesLabels: null,
  });
  assert.deepEqual(config.unmodelled, [{ key: 'certificatesresolvers.cf.acme.dnschallenge.resolvers', loc: at(17) }]);
});

test('insecure API creates the implicit traefik entrypoint on :8080, excluded from defaults', () => {
  const config = fromFlags('--api.insecure=true', '--providers.docker', '--entrypoints.web.address=:80');
  assert.deepEqual(
    config.entrypoints.map((ep) => ({ name: ep.name, implicit: ep.implicit, port: ep.port, loc: ep.loc })),
    [
      { name: 'traefik', implicit: true, port: 8080, loc: null },
      { name: 'web', implicit: false, port: 80, loc: at(8) },
    ],
  );
  assert.deepEqual(config.defaultEntrypoints, ['web']);
  assert.deepEqual(config.api?.insecure, { value: true, loc: at(6), isDefault: false });
  assert.deepEqual(config.api?.dashboard, { value: true, loc: at(6), isDefault: true });
  assert.deepEqual(config.providers.docker?.enabled, { value: true, loc: at(7), isDefault: false });
});

test('no entrypoint configured: Traefik creates http on :80', () => {
  const config = fromFlags('--providers.docker=true');
  assert.deepEqual(
    config.entrypoints.map((ep) => [ep.name, ep.port, ep.implicit]),
    [['http', 80, true]],
  );
  assert.deepEqual(config.defaultEntrypoints, ['http']);
});

test('no static input: nothing known, no implicit entrypoint, no provider', () => {
  const config = readStaticConfig(undefined);
  assert.equal(config.known, false);
  assert.equal(config.source, 'none');
  assert.deepEqual(config.entrypoints, []);
  assert.deepEqual(config.defaultEntrypoints, []);
  assert.equal(config.providers.docker, null);
});

test('separate-value flags, bare booleans, the binary name, and bad arguments', () => {
  const result = flagEntries(flags('traefik', '--entrypoints.web.address', ':80', '--api', '-providers.docker', 'stray'));
  assert.deepEqual(
    result.entries.map((e) => [e.path.join('.'), e.value, e.loc.line]),
    [
      ['entrypoints.web.address', ':80', 7],
      ['api', null, 9],
      ['providers.docker', 'stray', 10],
    ],
  );
  assert.deepEqual(result.diagnostics, []);
  const bad = flagEntries(flags('--api', 'stray', 'again'));
  assert.deepEqual(bad.diagnostics, [
    { severity: 'warning', rule: 'traefik/bad-flag', message: '`again` is not a flag; Traefik stops with "bad flag syntax"', loc: at(8), found: 'again' },
  ]);
});

test('swarm provider (v3) and v2 swarmMode', () => {
  const v3 = fromFlags('--providers.swarm.exposedByDefault=false', '--providers.swarm.network=stack_proxy');
  assert.deepEqual(
    [v3.providers.swarm?.kind, v3.providers.swarm?.namespace, v3.providers.swarm?.exposedByDefault.value, v3.providers.swarm?.network?.value],
    ['swarm', 'swarm', false, 'stack_proxy'],
  );
  const v2 = fromFlags('--providers.docker.swarmMode=true');
  assert.deepEqual([v2.providers.docker?.kind, v2.providers.docker?.namespace], ['swarm', 'docker']);
});

test('invalid values, unknown options and dangling entrypoint references are findings', () => {
  const config = fromFlags(
    '--entrypoints.web.address=80',
    '--entrypoints.web.http.redirections.entrypoint.to=websecur',
    '--entrypoints.web.adress=:80',
    '--providers.docker.exposedbydefault=nope',
    '--certificatesresolvers.le.acme.httpchallenge.entrypoint=Web',
    '--frobnicate=true',
  );
  assert.deepEqual(config.diagnostics, [
    {
      severity: 'error',
      rule: 'traefik/invalid-static-value',
      message: '`entrypoints.web.address` expects an address such as `:80`, `0.0.0.0:443` or `:53/udp`',
      loc: at(6),
      expected: 'an address such as `:80`, `0.0.0.0:443` or `:53/udp`',
      found: '80',
    },
    {
      severity: 'warning',
      rule: 'traefik/unknown-static-option',
      message: 'unknown Traefik static option `entrypoints.web.adress`; Traefik refuses to start with "field not found"',
      loc: at(8),
      found: 'entrypoints.web.adress',
    },
    {
      severity: 'warning',
      rule: 'traefik/unknown-static-option',
      message: 'unknown Traefik static option `frobnicate`; Traefik refuses to start with "field not found"',
      loc: at(11),
      found: 'frobnicate',
    },
    {
      severity: 'error',
      rule: 'traefik/invalid-static-value',
      message: '`providers.docker.exposedbydefault` expects true or false',
      loc: at(9),
      expected: 'true or false',
      found: 'nope',
    },
    {
      severity: 'error',
      rule: 'traefik/unknown-entrypoint',
      message: 'the redirection of entrypoint `web` refers to entrypoint `websecur`, which is not defined',
      loc: at(7),
      found: 'websecur',
      expected: 'web',
    },
    {
      severity: 'error',
      rule: 'traefik/unknown-entrypoint',
      message: 'the HTTP challenge of resolver `le` refers to entrypoint `Web`, which is not defined (names are case-sensitive: did you mean `web`?)',
      loc: at(10),
      found: 'Web',
      expected: 'web',
    },
  ]);
  // The invalid boolean falls back to Traefik's default.
  assert.deepEqual(config.providers.docker?.exposedByDefault, { value: true, loc: at(9), isDefault: true });
});

test('entrypoint addresses', () => {
  assert.deepEqual(parseAddress(':80'), { host: null, port: 80, protocol: 'tcp' });
  assert.deepEqual(parseAddress(':443/tcp'), { host: null, port: 443, protocol: 'tcp' });
  assert.deepEqual(parseAddress('127.0.0.1:53/UDP'), { host: '127.0.0.1', port: 53, protocol: 'udp' });
  assert.deepEqual(parseAddress('[::1]:8080'), { host: '[::1]', port: 8080, protocol: 'tcp' });
  assert.equal(parseAddress('80'), null);
  assert.equal(parseAddress(':99999'), null);
});

const TRAEFIK_YML = `# static configuration
entryPoints:
  web:
    address: ":80"
    http:
      redirections:
        entryPoint:
          to: websecure
  websecure:
    address: ":443"
    http:
      tls:
        certResolver: le
        domains:
          - main: example.com
            sans:
              - "*.example.com"
certificatesResolvers:
  le:
    acme:
      email: ops@example.com
      storage: /letsencrypt/acme.json
      tlsChallenge: {}
providers:
  docker:
    exposedByDefault: false
    defaultRule: "Host(\`{{ normalize .Name }}.example.com\`)"
  file:
    filename: /etc/traefik/dynamic.yml
api:
  dashboard: true
ping: {}
`;

test('traefik.yml: every fact located at its key', () => {
  const config = readStaticConfig({ args: [], fileConfig: { text: TRAEFIK_YML, file: 'traefik.yml', format: 'yaml' } });
  const T = (line: number, column: number): SourceLoc => at(line, column, 'traefik.yml');
  assert.equal(config.source, 'file');
  assert.deepEqual(config.diagnostics, []);
  assert.deepEqual(
    config.entrypoints.map((ep) => [ep.name, ep.loc, ep.address?.loc, ep.port, ep.implicit]),
    [
      ['traefik', null, null, 8080, true],
      ['web', T(3, 3), T(4, 5), 80, false],
      ['websecure', T(9, 3), T(10, 5), 443, false],
    ],
  );
  const web = config.entrypoints[1]!;
  assert.deepEqual(web.redirect?.to, { value: 'websecure', loc: T(8, 11), isDefault: false });
  assert.deepEqual(config.entrypoints[2]!.tls, {
    loc: T(12, 7),
    certResolver: { value: 'le', loc: T(13, 9), isDefault: false },
    options: null,
    domains: [{ main: 'example.com', sans: ['*.example.com'], loc: T(15, 13) }],
  });
  assert.deepEqual(config.certResolvers, [
    {
      name: 'le',
      loc: T(19, 3),
      kind: 'acme',
      email: { value: 'ops@example.com', loc: T(21, 7), isDefault: false },
      storage: { value: '/letsencrypt/acme.json', loc: T(22, 7), isDefault: false },
      caServer: null,
      challenges: [{ type: 'tls', loc: T(23, 7) }],
    },
  ]);
  assert.deepEqual(config.providers.docker?.exposedByDefault, { value: false, loc: T(26, 5), isDefault: false });
  assert.deepEqual(config.providers.docker?.defaultRule, {
    value: 'Host(`{{ normalize .Name }}.example.com`)',
    loc: T(27, 5),
    isDefault: false,
  });
  assert.deepEqual(config.providers.file?.filename, { value: '/etc/traefik/dynamic.yml', loc: T(29, 5), isDefault: false });
  assert.deepEqual(config.api?.loc, T(30, 1));
  // ping defaults to the internal entrypoint, which Traefik then creates.
  assert.deepEqual(config.ping, { loc: T(32, 1), entryPoint: { value: 'traefik', loc: T(32, 1), isDefault: true } });
  assert.deepEqual(config.defaultEntrypoints, ['web', 'websecure']);
});

test('flags next to a traefik.yml are ignored, as Traefik reads only the file', () => {
  const config = readStaticConfig({
    args: flags('--configFile=/etc/traefik/traefik.yml', '--api.insecure=true'),
    fileConfig: { text: 'entryPoints:\n  web:\n    address: ":80"\n', file: 'traefik.yml', format: 'yaml' },
  });
  assert.equal(config.api, null);
  assert.deepEqual(config.diagnostics, [
    {
      severity: 'warning',
      rule: 'traefik/static-flag-ignored',
      message: 'Traefik reads its static configuration from traefik.yml and ignores the flag `--api.insecure=true`',
      loc: at(7),
    },
  ]);
});

test('YAML syntax errors are findings with their position', () => {
  const config = readStaticConfig({ args: [], fileConfig: { text: 'entryPoints:\n  web: [\n', file: 'traefik.yml', format: 'yaml' } });
  assert.deepEqual(
    config.diagnostics.map((d) => [d.rule, d.loc?.line]),
    [['traefik/config-syntax', 3]],
  );
  assert.deepEqual(config.entrypoints.map((ep) => ep.name), ['http']);
});

const TRAEFIK_TOML = `[entryPoints]
  [entryPoints.web]
    address = ":80"
    [entryPoints.web.http.redirections.entryPoint]
      to = "websecure"
      scheme = "https"
  [entryPoints.websecure]
    address = ":443"

[certificatesResolvers.le.acme]
  email = "ops@example.com"
  storage = "acme.json"
  [certificatesResolvers.le.acme.httpChallenge]
    entryPoint = "web"

[providers.docker]
  exposedByDefault = false
  network = "proxy"

[api]
  insecure = true
`;

test('traefik.toml: same model, best-effort key lines', () => {
  const config = readStaticConfig({ args: [], fileConfig: { text: TRAEFIK_TOML, file: 'traefik.toml', format: 'toml' } });
  const T = (line: number, column: number): SourceLoc => at(line, column, 'traefik.toml');
  assert.deepEqual(config.diagnostics, []);
  assert.deepEqual(
    config.entrypoints.map((ep) => [ep.name, ep.loc, ep.port]),
    [
      ['traefik', null, 8080],
      ['web', T(2, 3), 80],
      ['websecure', T(7, 3), 443],
    ],
  );
  assert.deepEqual(config.entrypoints[1]!.redirect, {
    to: { value: 'websecure', loc: T(5, 7), isDefault: false },
    scheme: { value: 'https', loc: T(6, 7), isDefault: false },
    permanent: { value: true, loc: T(5, 7), isDefault: true },
    priority: null,
  });
  assert.deepEqual(config.certResolvers, [
    {
      name: 'le',
      loc: T(10, 1),
      kind: 'acme',
      email: { value: 'ops@example.com', loc: T(11, 3), isDefault: false },
      storage: { value: 'acme.json', loc: T(12, 3), isDefault: false },
      caServer: null,
      challenges: [{ type: 'http', entrypoint: { value: 'web', loc: T(14, 5), isDefault: false }, loc: T(13, 3) }],
    },
  ]);
  assert.deepEqual(config.providers.docker?.exposedByDefault, { value: false, loc: T(17, 3), isDefault: false });
  assert.deepEqual(config.providers.docker?.network, { value: 'proxy', loc: T(18, 3), isDefault: false });
  assert.deepEqual(config.api?.insecure, { value: true, loc: T(21, 3), isDefault: false });
});

test('TOML syntax errors are findings with their position', () => {
  const config = readStaticConfig({ args: [], fileConfig: { text: '[api]\ninsecure = \n', file: 'traefik.toml', format: 'toml' } });
  assert.deepEqual(
    config.diagnostics.map((d) => [d.rule, d.loc?.line]),
    [['traefik/config-syntax', 2]],
  );
});
