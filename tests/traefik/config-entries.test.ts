import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readConfigEntries } from '../../src/traefik/config-entries.ts';
import { portOfUrl } from '../../src/traefik/provider-unit.ts';
import { readTraefikConfig } from '../../src/traefik/read-config.ts';
import { convertV1Rule } from '../../src/traefik/v1-labels.ts';
import { normalizeName, parseGoBool } from '../../src/traefik/values.ts';
import { composeFixture } from './compose-fixture.ts';

function rows(text: string, format: 'yaml' | 'toml'): Array<[string, unknown, string]> {
  const { entries, diagnostics } = readConfigEntries({ text, file: 'f', format });
  assert.deepEqual(diagnostics, []);
  return entries.map((e) => [e.path.join('.'), e.value, `${e.loc.line}:${e.loc.column}`]);
}

test('YAML: scalars as text, scalar lists, lists of objects as name[i], empty sections, anchors and merge keys', () => {
  const text = `x-defaults: &defaults
  passHostHeader: true
http:
  services:
    app:
      loadBalancer:
        <<: *defaults
        servers:
          - url: http://a:80
          - url: http://b:80
  routers:
    app:
      entryPoints: [web, websecure]
      priority: 10
      tls: {}
`;
  assert.deepEqual(rows(text, 'yaml'), [
    ['x-defaults.passHostHeader', 'true', '2:3'],
    ['http.services.app.loadBalancer.passHostHeader', 'true', '2:3'],
    ['http.services.app.loadBalancer.servers[0].url', 'http://a:80', '9:13'],
    ['http.services.app.loadBalancer.servers[1].url', 'http://b:80', '10:13'],
    ['http.routers.app.entryPoints', ['web', 'websecure'], '13:7'],
    ['http.routers.app.priority', '10', '14:7'],
    ['http.routers.app.tls', null, '15:7'],
  ]);
});

test('YAML values keep the position of their first character when it maps 1:1', () => {
  const { entries } = readConfigEntries({ text: 'a: "Host(`x`)"\nb: Path(`/`)\nc: "esc\\tape"\n', file: 'f', format: 'yaml' });
  assert.deepEqual(
    entries.map((e) => [e.path[0], e.valueLoc ?? null]),
    [
      ['a', { file: 'f', line: 1, column: 5 }],
      ['b', { file: 'f', line: 2, column: 4 }],
      ['c', null],
    ],
  );
});

test('TOML: tables, dotted and quoted keys, arrays of tables, inline tables', () => {
  const text = `[http.routers.app]
  rule = "Host(\`a\`)"
  entryPoints = ["web"]
  tls.certResolver = "le"

[[http.services.app.loadBalancer.servers]]
  url = "http://a:80"
[[http.services.app.loadBalancer.servers]]
  url = "http://b:80"

[http.middlewares."strip-api".stripPrefix]
  prefixes = ["/api"]
[http.middlewares.hdr]
  headers = { frameDeny = true, stsSeconds = 60 }
`;
  assert.deepEqual(rows(text, 'toml'), [
    ['http.routers.app.rule', 'Host(`a`)', '2:3'],
    ['http.routers.app.entryPoints', ['web'], '3:3'],
    ['http.routers.app.tls.certResolver', 'le', '4:3'],
    ['http.services.app.loadBalancer.servers[0].url', 'http://a:80', '7:3'],
    ['http.services.app.loadBalancer.servers[1].url', 'http://b:80', '9:3'],
    ['http.middlewares.strip-api.stripPrefix.prefixes', ['/api'], '12:3'],
    ['http.middlewares.hdr.headers.frameDeny', 'true', '14:3'],
    ['http.middlewares.hdr.headers.stsSeconds', '60', '14:3'],
  ]);
});

test('value helpers follow Traefik (Go) semantics', () => {
  assert.equal(normalizeName('web_my-app'), 'web-my-app');
  assert.equal(normalizeName('__a..b__'), 'a-b');
  assert.equal(normalizeName('café_1'), 'café-1');
  assert.deepEqual(['1', 't', 'TRUE', 'True', '0', 'F', 'false', 'yes', 'tRuE'].map(parseGoBool), [true, true, true, true, false, false, false, null, null]);
  assert.deepEqual(['http://a:8080/x', 'https://a', 'http://[::1]:81', 'h2c://svc', 'ftp://a', '10.0.0.1:5432'].map(portOfUrl), [8080, 443, 81, 80, null, 5432]);
});

test('v1 frontend rules convert to the v2+ syntax', () => {
  assert.deepEqual(convertV1Rule('Host:example.com'), { rule: 'Host(`example.com`)', middlewares: [] });
  assert.deepEqual(convertV1Rule('Host:a.com,b.com'), { rule: 'Host(`a.com`) || Host(`b.com`)', middlewares: [] });
  assert.deepEqual(convertV1Rule('Host: a.com; PathPrefixStrip: /api,/v1'), {
    rule: 'Host(`a.com`) && (PathPrefix(`/api`) || PathPrefix(`/v1`))',
    middlewares: ['stripprefix'],
  });
  assert.equal(convertV1Rule('HeadersRegexp:X,y'), null);
  assert.equal(convertV1Rule('example.com'), null);
});

test('awesome-compose traefik-golang: command string flags, Path rule, label port', () => {
  const text = readFileSync(new URL('../../../shared/corpus/awesome-compose/traefik-golang/compose.yaml', import.meta.url), 'utf8');
  const fixture = composeFixture(text);
  const config = readTraefikConfig({ ...fixture, projectName: 'traefik-golang' });
  // The compose loader locates the words of a string `command` at the string itself.
  assert.deepEqual(
    config.entrypoints.map((ep) => [ep.name, ep.port, ep.loc]),
    [['web', 80, { file: 'compose.yaml', line: 4, column: 14 }]],
  );
  assert.deepEqual(config.providers.docker?.exposedByDefault, { value: false, loc: { file: 'compose.yaml', line: 4, column: 14 }, isDefault: false });
  assert.deepEqual(
    config.routers.map((r) => [r.qualifiedName, r.composeService, r.rule?.canonical, r.paths, r.entrypoints.value, r.targets.map((t) => [t.port, t.source, t.loc?.line])]),
    [['go@docker', 'backend', 'Path(`/`)', ['/'], ['web'], [[80, 'label', 18]]]],
  );
  assert.deepEqual(config.diagnostics, []);
});
