/**
 * YAML handling: anchors, aliases and `<<` merge keys resolved before interpolation
 * (10-fragments.md), `x-` extensions ignored (11-extension.md), alias bombs bounded, syntax
 * errors located, and every value keeping its file:line:column.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { load, loadErrors, rules, warnings } from './helpers.ts';

describe('fragments and extensions', () => {
  test('anchors with << merge keys (the spec example)', () => {
    const project = load(
      'x-common: &common\n  restart: always\n  environment:\n    TZ: UTC\nservices:\n  first:\n    <<: *common\n    image: my-image:latest\n  second:\n    <<: *common\n    image: another-image:latest\n',
    );
    assert.deepEqual(Object.values(project.services).map((s) => [s.image?.value, s.restart?.value, Object.keys(s.environment)]), [
      ['my-image:latest', 'always', ['TZ']],
      ['another-image:latest', 'always', ['TZ']],
    ]);
  });

  test('keys written in the mapping win over merged keys, wherever << appears', () => {
    const project = load('x-a: &a {image: from-anchor, hostname: h}\nservices:\n  s:\n    image: explicit\n    <<: *a\n');
    assert.deepEqual([project.services.s?.image?.value, project.services.s?.hostname?.value], ['explicit', 'h']);
  });

  test('with a list of merge sources, earlier ones win', () => {
    const project = load('x-a: &a {image: a}\nx-b: &b {image: b, hostname: hb}\nservices:\n  s:\n    <<: [*a, *b]\n');
    assert.deepEqual([project.services.s?.image?.value, project.services.s?.hostname?.value], ['a', 'hb']);
  });

  test('an aliased sequence (ports) is reused', () => {
    const project = load('x-ports: &ports ["80:80"]\nservices:\n  a:\n    image: x\n    ports: *ports\n  b:\n    image: x\n    ports: *ports\n');
    assert.deepEqual([project.services.a?.ports.length, project.services.b?.ports.length], [1, 1]);
  });

  test('values from an alias are located at the anchored text', () => {
    const project = load('x-img: &img nginx\nservices:\n  s:\n    image: *img\n');
    assert.deepEqual(project.services.s?.image?.loc, { file: 'compose.yaml', line: 1, column: 13 });
  });

  test('interpolation applies to values brought in by aliases', () => {
    const project = load('x-img: &img "nginx:${TAG}"\nservices:\n  s:\n    image: *img\n', { env: { TAG: '1.2' } });
    assert.equal(project.services.s?.image?.value, 'nginx:1.2');
  });

  test('x- top-level and service-level extensions are ignored without warnings', () => {
    const project = load('x-custom:\n  foo: [bar, zot]\nservices:\n  s:\n    image: x\n    x-foo: bar\nnetworks:\n  n:\n    x-note: y\n');
    assert.deepEqual(project.diagnostics, []);
    assert.deepEqual(Object.keys(project.services), ['s']);
  });

  test('the obsolete version attribute is a warning', () => {
    assert.deepEqual(rules(warnings(load('version: "3.8"\nservices: {}\n'))), ['compose/version-obsolete']);
  });

  test('an unknown top-level attribute is a warning', () => {
    assert.deepEqual(rules(warnings(load('service:\n  s: {}\n'))), ['compose/unknown-key']);
  });

  test('an unknown YAML tag is a warning', () => {
    assert.deepEqual(rules(warnings(load('services:\n  s:\n    image: !custom x\n'))), ['compose/yaml-warning']);
  });
});

describe('YAML errors', () => {
  test('syntax error with its location', () => {
    const [error] = loadErrors('services:\n  s:\n    image: [unclosed\n');
    assert.equal(error?.rule, 'compose/yaml-syntax');
    assert.equal(error?.loc?.file, 'compose.yaml');
    assert.ok((error?.loc?.line ?? 0) >= 3);
  });

  test('duplicate keys are an error', () => {
    const [error] = loadErrors('services:\n  s:\n    image: a\n    image: b\n');
    assert.equal(error?.rule, 'compose/yaml-syntax');
    assert.equal(error?.loc?.line, 4);
  });

  test('an alias without anchor is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: *nowhere\n')), ['compose/yaml-syntax']);
  });

  test('a self-referencing alias is an error, not a hang', () => {
    assert.ok(rules(loadErrors('x-a: &a\n  - *a\nservices: {}\n')).every((r) => r === 'compose/yaml-syntax'));
  });

  test('an alias bomb is refused', () => {
    const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const yaml = `x-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\nservices: {}\n`;
    assert.deepEqual(rules(loadErrors(yaml)), ['compose/alias-limit']);
  });

  test('anchors that contain aliases (legitimate nesting) still load', () => {
    const project = load(
      'x-labels: &labels {team: core}\nx-base: &base\n  image: x\n  labels: *labels\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n  c:\n    <<: *base\n',
    );
    assert.deepEqual(Object.values(project.services).map((s) => s.labels.team?.value), ['core', 'core', 'core']);
  });

  test('a top level that is not a mapping is an error', () => {
    assert.deepEqual(rules(loadErrors('- just\n- a list\n')), ['compose/invalid-value']);
  });

  test('an empty file is a warning and an empty project', () => {
    const project = load('# nothing here\n');
    assert.deepEqual(rules(project.diagnostics), ['compose/empty-file']);
    assert.deepEqual(project.services, {});
  });
});

describe('locations', () => {
  const project = load('services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n    labels:\n      traefik.enable: "true"\n    networks:\n      - front\nnetworks:\n  front: {}\n');
  const web = project.services.web!;

  test('service key', () => assert.deepEqual(web.loc, { file: 'compose.yaml', line: 2, column: 3 }));
  test('scalar value', () => assert.deepEqual(web.image?.loc, { file: 'compose.yaml', line: 3, column: 12 }));
  test('sequence item', () => assert.deepEqual(web.ports[0]?.loc, { file: 'compose.yaml', line: 5, column: 9 }));
  test('map entry key', () => assert.deepEqual(web.labels['traefik.enable']?.loc, { file: 'compose.yaml', line: 7, column: 7 }));
  test('network reference', () => assert.deepEqual(web.networks.front?.loc, { file: 'compose.yaml', line: 9, column: 9 }));
  test('top-level network', () => assert.deepEqual(project.networks.front?.loc, { file: 'compose.yaml', line: 11, column: 3 }));
});
