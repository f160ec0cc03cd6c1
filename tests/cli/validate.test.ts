import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, tempDir, topodoc, topodocProcess } from '../helpers/cli.ts';

const MINIMAL = path.join(REPO_ROOT, 'tests/fixtures/topologies/minimal.yaml');
const minimalText = readFileSync(MINIMAL, 'utf8');

/** Writes a mutated copy of the minimal topology and validates it. */
async function validateMutation(from: string, to: string) {
  assert.ok(minimalText.includes(from), `fixture contains ${JSON.stringify(from)}`);
  const dir = tempDir();
  const file = path.join(dir, 'minimal.yaml');
  writeFileSync(file, minimalText.replace(from, to));
  return topodoc(['validate', 'minimal.yaml'], dir);
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

test('a valid topology exits 0 and names the system', async () => {
  const r = await topodoc(['validate', MINIMAL]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /✓ minimal {2}tests\/fixtures\/topologies\/minimal\.yaml \(3 services, 1 route, 2 networks, 0 flows\)/);
  assert.equal(r.stderr, '');
});

test('a YAML syntax error gives exit 2 with file:line:col', async () => {
  const r = await validateMutation('    technology: Fastify\n', '    technology: [Fastify\n');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^minimal\.yaml:\d+:\d+: error: YAML syntax error: /m);
  assert.match(r.stderr, /\[yaml\/syntax\]/);
});

test('an unknown key gives its line, the path and a did-you-mean', async () => {
  const r = await validateMutation('    technology: Fastify', '    technolgy: Fastify');
  assert.equal(r.code, 2);
  const line = lineOf(minimalText, '    technology: Fastify');
  assert.match(r.stderr, new RegExp(`^minimal\\.yaml:${line}:5: error: unknown key "technolgy"; did you mean "technology"\\? \\[schema/unknown-key\\]$`, 'm'));
  assert.match(r.stderr, /^ {2}at services\.api\.technolgy$/m);
  assert.match(r.stderr, new RegExp(`^ {2}${line} \\| {5}technolgy: Fastify$`, 'm'));
});

test('a wrong type names what was expected and what was found', async () => {
  const r = await validateMutation('ports: { main: 5432 }', 'ports: { main: "five" }');
  assert.equal(r.code, 2);
  const line = lineOf(minimalText, 'ports: { main: 5432 }');
  assert.match(r.stderr, new RegExp(`^minimal\\.yaml:${line}:20: error: expected a number or a map, found "five" \\[schema/invalid-value\\]$`, 'm'));
  assert.match(r.stderr, /^ {2}at services\.db\.ports\.main$/m);
});

test('an out-of-range port says the allowed range', async () => {
  const r = await validateMutation('ports: { main: 5432 }', 'ports: { main: 70000 }');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /error: expected a port from 1 to 65535, found number 70000/);
});

test('an unknown enum value suggests the closest one', async () => {
  const r = await validateMutation('kind: database', 'kind: databse');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /error: expected one of proxy, app, .*, found "databse"; did you mean "database"\?/);
  assert.match(r.stderr, /at services\.db\.kind/);
});

test('a missing required key points at its parent', async () => {
  const r = await validateMutation('    kind: api\n', '');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /error: missing required key "kind" \(What the service is; .*\) \[schema\/missing-key\]/);
  assert.match(r.stderr, /at services\.api\.kind/);
  assert.match(r.stderr, new RegExp(`^minimal\\.yaml:${lineOf(minimalText, '  api:\n')}:3: `, 'm'));
});

test('a dangling network reference is reported with its line and a suggestion', async () => {
  const r = await validateMutation('    networks: [data]\n', '    networks: [dta]\n');
  assert.equal(r.code, 2);
  const line = lineOf(minimalText, '    networks: [data]\n');
  assert.match(r.stderr, new RegExp(`^minimal\\.yaml:${line}:16: error: network "dta" is not declared in networks; did you mean "data"\\? \\[reference/unknown\\]$`, 'm'));
});

test('schema errors and reference errors are reported together', async () => {
  const dir = tempDir();
  writeFileSync(
    path.join(dir, 't.yaml'),
    minimalText.replace('    technology: Fastify', '    technolgy: Fastify').replace('    networks: [data]\n', '    networks: [dta]\n'),
  );
  const r = await topodoc(['validate', 't.yaml'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown key "technolgy"/);
  assert.match(r.stderr, /network "dta" is not declared/);
  assert.match(r.stderr, /✗ 2 errors in 1 file; 0 systems valid/);
});

test('route references are checked: service, entrypoint, middleware, resolver and DNS', async () => {
  const dir = tempDir();
  const text = minimalText
    .replace('    service: api\n', '    service: apii\n')
    .replace('    entrypoints: [websecure]\n    middlewares: [api-ratelimit]', '    entrypoints: [websecur]\n    middlewares: [ratelimit]')
    .replace("tls: { certResolver: le }", 'tls: { certResolver: acme }')
    .replace('host: api.example.com', 'host: api.example.org');
  writeFileSync(path.join(dir, 't.yaml'), text);
  const r = await topodoc(['validate', 't.yaml'], dir);
  assert.equal(r.code, 2);
  for (const expected of [
    'service "apii" is not declared in services; did you mean "api"?',
    'entrypoint "websecur" is not declared in entrypoints; did you mean "websecure"?',
    'middleware "ratelimit" is not declared in middlewares; did you mean "api-ratelimit"?',
    'certificate resolver "acme" is not declared in tls.resolvers',
    'route host "api.example.org" is not covered by any domain in dns.domains',
  ]) {
    assert.ok(r.stderr.includes(expected), `missing: ${expected}\n${r.stderr}`);
  }
});

test('two services publishing one host port is an error naming both', async () => {
  const r = await validateMutation('ports: { main: 5432 }', 'ports: { main: { port: 5432, published: 443 } }');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /host port 443\/tcp is published by both "db" \(main port\) and "traefik" \(entrypoint websecure\)/);
});

test('a service that may be scaled out but has a fixed container name or host port gets a warning, not an error', async () => {
  const named = await validateMutation(
    '    technology: Fastify\n',
    '    technology: Fastify\n    containerName: shop-api\n    scaling: { replicas: 1, max: 3 }\n',
  );
  assert.equal(named.code, 0, 'warnings do not fail validation');
  const line = lineOf(minimalText, '    technology: Fastify') + 2;
  assert.match(
    named.stderr,
    new RegExp(`^minimal\\.yaml:${line}:\\d+: warning: service "api" may run 3 instances \\(scaling\\.max\\), but its container name "shop-api" can belong to one container only; Compose cannot scale it out until that is removed \\[service/fixed-for-one-instance\\]`, 'm'),
  );
  assert.match(named.stderr, new RegExp(`^ {2}minimal\\.yaml:${line - 1}:\\d+: the container name "shop-api"$`, 'm'), 'points at the container name too');

  const published = await validateMutation('    ports: { main: 3000, health: 3091 }\n', '    ports: { main: { port: 3000, published: 3000 }, health: 3091 }\n    scaling: { replicas: 2 }\n');
  assert.equal(published.code, 0);
  assert.match(published.stderr, /warning: service "api" may run 2 instances \(scaling\.replicas\), but its host port 3000\/tcp can belong to one container only/);

  const single = await validateMutation('    technology: Fastify\n', '    technology: Fastify\n    containerName: shop-api\n    scaling: { replicas: 1, max: 1 }\n');
  assert.equal(single.code, 0);
  assert.equal(single.stderr, '', 'one instance with a fixed name is fine');
});

test('a depends_on cycle is an error', async () => {
  const r = await validateMutation('    user: postgres\n', '    user: postgres\n    dependsOn: [api]\n');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /dependsOn forms a cycle: api → db → api/);
});

test('YAML anchors and merge keys work; an alias bomb is refused quickly', async () => {
  const dir = tempDir();
  writeFileSync(
    path.join(dir, 'anchors.yaml'),
    minimalText.replace('  api:\n    kind: api\n', '  api:\n    <<: &defaults { restart: unless-stopped }\n    kind: api\n').replace('    user: postgres\n', '    user: postgres\n    <<: *defaults\n'),
  );
  const ok = await topodoc(['validate', 'anchors.yaml'], dir);
  assert.equal(ok.code, 0, ok.stderr);

  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  writeFileSync(path.join(dir, 'bomb.yaml'), `${bomb.join('\n')}\n`);
  const r = await topodoc(['validate', 'bomb.yaml'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bomb\.yaml:1:1: error: YAML aliases expand too far/);
});

test('binary and non-UTF-8 files are refused with a clear message', async () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'bin.yaml'), Buffer.from([0x69, 0x64, 0x00, 0xff]));
  writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from('id: caf\xe9\n', 'latin1'));
  const r = await topodoc(['validate', 'bin.yaml', 'latin1.yaml'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bin\.yaml:1:1: error: this is a binary file, not YAML text/);
  assert.match(r.stderr, /latin1\.yaml:1:1: error: the file is not valid UTF-8 text/);
});

test('a missing file or folder is a usage error', async () => {
  const r = await topodoc(['validate', 'nope.yaml'], tempDir());
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nope\.yaml: no such file or directory/);
  const none = await topodoc(['validate'], tempDir());
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no topology\/ folder here/);
});

test('--format json reports every system and diagnostic', async () => {
  const r = await topodoc(['validate', '--format', 'json', MINIMAL]);
  assert.equal(r.code, 0);
  const report = JSON.parse(r.stdout) as { systems: Array<{ id: string; valid: boolean; diagnostics: unknown[] }> };
  assert.deepEqual(report.systems.map((s) => [s.id, s.valid, s.diagnostics.length]), [['minimal', true, 0]]);
});

test('usage errors exit 2 with help; --help and --version exit 0', async () => {
  const bad = await topodoc(['validate', '--bogus']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /Unknown option '--bogus'/);
  assert.match(bad.stderr, /Usage: topodoc validate/);
  const fmt = await topodoc(['validate', '--format', 'xml', MINIMAL]);
  assert.equal(fmt.code, 2);
  assert.match(fmt.stderr, /--format must be one of text, json; got "xml"/);
  assert.equal((await topodoc(['nosuch'])).code, 2);
  const help = await topodoc(['validate', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: topodoc validate/);
  const version = await topodoc(['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('the executable exits 2 on bad input with no stack trace and no colour off a TTY', () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'bad.yaml'), minimalText.replace('kind: database', 'kind: 42'));
  const r = topodocProcess(['validate', 'bad.yaml'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\.yaml:\d+:\d+: error: expected one of/);
  assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/);
  assert.doesNotMatch(r.stderr, /\u001b\[/);
});
