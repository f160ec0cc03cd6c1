/**
 * Bad input never escapes as a raw exception: every malformed file either loads with
 * diagnostics or throws `UserInputError` whose diagnostics say where the problem is.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UserInputError } from '../../src/model/diagnostics.ts';
import { loadComposeProject, loadComposeProjectSync } from '../../src/compose/index.ts';
import { load, loadErrors, rules } from './helpers.ts';

const malformed: Array<[string, string]> = [
  ['services as a list', 'services: [a, b]\n'],
  ['services as a string', 'services: web\n'],
  ['service as a number', 'services:\n  s: 5\n'],
  ['service as null', 'services:\n  s:\n'],
  ['ports as a string', 'services:\n  s:\n    image: x\n    ports: "80:80"\n'],
  ['port as a list', 'services:\n  s:\n    image: x\n    ports: [[80]]\n'],
  ['labels as a number', 'services:\n  s:\n    image: x\n    labels: 5\n'],
  ['label value as a mapping', 'services:\n  s:\n    image: x\n    labels: {a: {b: c}}\n'],
  ['environment as a string', 'services:\n  s:\n    image: x\n    environment: FOO=bar\n'],
  ['networks as a number', 'services:\n  s:\n    image: x\n    networks: 5\n'],
  ['network attachment as a list', 'services:\n  s:\n    image: x\n    networks:\n      a: [x]\nnetworks:\n  a:\n'],
  ['healthcheck as a list', 'services:\n  s:\n    image: x\n    healthcheck: [CMD, x]\n'],
  ['healthcheck test as a mapping', 'services:\n  s:\n    image: x\n    healthcheck:\n      test: {a: b}\n'],
  ['deploy as a string', 'services:\n  s:\n    image: x\n    deploy: fast\n'],
  ['depends_on as a number', 'services:\n  s:\n    image: x\n    depends_on: 5\n'],
  ['volumes as a mapping', 'services:\n  s:\n    image: x\n    volumes: {a: b}\n'],
  ['long volume without target', 'services:\n  s:\n    image: x\n    volumes:\n      - type: bind\n        source: ./a\n'],
  ['extends as a number', 'services:\n  s:\n    image: x\n    extends: 5\n'],
  ['extends as a list', 'services:\n  s:\n    image: x\n    extends: [a]\n'],
  ['include as a mapping', 'include: {path: x}\nservices: {}\n'],
  ['include item as a list', 'include:\n  - [a]\nservices: {}\n'],
  ['top-level networks as a list', 'services: {}\nnetworks: [a]\n'],
  ['image as a mapping', 'services:\n  s:\n    image: {name: x}\n'],
  ['command with an unclosed quote', 'services:\n  s:\n    image: x\n    command: echo "unclosed\n'],
  ['cap_add as a string', 'services:\n  s:\n    image: x\n    cap_add: NET_ADMIN\n'],
  ['build as a list', 'services:\n  s:\n    build: [a]\n'],
  ['secrets as a mapping', 'services:\n  s:\n    image: x\n    secrets: {a: b}\n'],
  ['replicas as text', 'services:\n  s:\n    image: x\n    deploy:\n      replicas: many\n'],
  ['merge key on a scalar', 'services:\n  s:\n    <<: 5\n    image: x\n'],
  ['tab indentation', 'services:\n\ts:\n\t\timage: x\n'],
  ['binary garbage', '\u0000\u0001\u0002 : : : [ {\n'],
  ['deeply nested flow', `services: ${'['.repeat(200)}${']'.repeat(200)}\n`],
  ['absurdly nested flow', `services: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
  ['absurdly nested block mappings', `x-a:\n${Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')}\nservices: {}\n`],
];

describe('malformed input', () => {
  for (const [name, yaml] of malformed) {
    test(name, () => {
      try {
        load(yaml);
      } catch (err) {
        assert.ok(err instanceof UserInputError, `raw exception: ${String(err)}`);
        assert.ok(err.diagnostics.length > 0);
        for (const d of err.diagnostics) assert.ok(d.loc === undefined || d.loc.line >= 1);
      }
    });
  }

  test('with tolerateErrors the model and its errors are returned', () => {
    const project = load('services:\n  s:\n    image: x\n    ports: ["nope"]\n', { tolerateErrors: true });
    assert.deepEqual(rules(project.diagnostics), ['compose/invalid-port']);
    assert.deepEqual(project.services.s?.ports, []);
  });

  test('all errors of a file are reported at once, sorted by position', () => {
    const errors = loadErrors('services:\n  s:\n    image: x\n    ports: ["nope"]\n    expose: ["also-nope"]\n    read_only: maybe\n');
    assert.deepEqual(errors.map((e) => e.loc?.line), [4, 5, 6]);
  });
});

describe('files', () => {
  test('a missing compose file is a UserInputError naming it', async () => {
    await assert.rejects(loadComposeProject({ files: ['/definitely/not/here/compose.yaml'], rootDir: '/definitely' }), (err: unknown) => {
      assert.ok(err instanceof UserInputError);
      assert.equal(err.diagnostics[0]?.rule, 'compose/file-not-found');
      assert.match(err.message, /not\/here\/compose\.yaml/);
      return true;
    });
  });

  test('no files at all is a UserInputError', () => {
    assert.throws(() => loadComposeProjectSync({ files: [] }), UserInputError);
  });

  test('a directory given as a file is reported as not found', () => {
    assert.deepEqual(rules(loadErrors('services: {}\n', { files: ['compose.yaml', '.'] })), ['compose/file-not-found']);
  });
});
