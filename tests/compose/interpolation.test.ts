/**
 * Interpolation conformance (Compose Specification 12-interpolation.md; compose-go template
 * semantics for `:+`/`+`). Cases written from the spec text and its examples.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { requiredVariableMessage, substitute, unsetVariableMessage } from '../../src/compose/index.ts';
import type { TemplateProblem } from '../../src/compose/index.ts';
import { load, loadErrors, rules, service, svc, warnings } from './helpers.ts';

interface Case {
  name: string;
  template: string;
  env?: Record<string, string>;
  value: string;
  problems?: TemplateProblem[];
}

const cases: Case[] = [
  { name: 'text without variables is unchanged', template: 'plain text', value: 'plain text' },
  { name: '$VAR unbraced', template: '$A', env: { A: '1' }, value: '1' },
  { name: '${VAR} braced', template: '${A}', env: { A: '1' }, value: '1' },
  { name: 'unbraced name ends at the first non-name character', template: 'x$A-y', env: { A: '1' }, value: 'x1-y' },
  { name: 'unbraced name is greedy over [_a-zA-Z0-9]', template: '$A_B', env: { A: '1' }, value: '', problems: [{ kind: 'unset', variable: 'A_B' }] },
  { name: 'braces delimit the name', template: '${A}_B', env: { A: '1' }, value: '1_B' },
  { name: 'two variables side by side', template: '$A$B', env: { A: '1', B: '2' }, value: '12' },
  { name: 'variables inside text', template: 'a${A}b${B}c', env: { A: '1', B: '2' }, value: 'a1b2c' },
  { name: 'lowercase names are valid', template: '${lower_case}', env: { lower_case: 'ok' }, value: 'ok' },
  { name: '$$ is a literal $', template: '$$', value: '$' },
  { name: '$$VAR is not interpolated', template: '$$VAR_NOT_INTERPOLATED_BY_COMPOSE', value: '$VAR_NOT_INTERPOLATED_BY_COMPOSE' },
  { name: '$${VAR} is not interpolated', template: '$${A}', env: { A: '1' }, value: '${A}' },
  { name: '$$$VAR is a $ then the value', template: '$$$A', env: { A: '1' }, value: '$1' },
  { name: 'trailing $ is kept', template: 'cost: 5$', value: 'cost: 5$' },
  { name: '$ before a digit is kept', template: '$1', value: '$1' },
  { name: '$ before a blank is kept', template: '$ A', value: '$ A' },
  { name: 'unset variable becomes empty with a warning', template: '${UNSET}', value: '', problems: [{ kind: 'unset', variable: 'UNSET' }] },
  { name: 'set but empty variable gives empty without warning', template: '${A}', env: { A: '' }, value: '' },
  { name: ':- uses the value when set', template: '${A:-d}', env: { A: '1' }, value: '1' },
  { name: ':- uses the default when empty', template: '${A:-d}', env: { A: '' }, value: 'd' },
  { name: ':- uses the default when unset, without warning', template: '${A:-d}', value: 'd' },
  { name: '- keeps an empty value', template: '${A-d}', env: { A: '' }, value: '' },
  { name: '- uses the default when unset', template: '${A-d}', value: 'd' },
  { name: ':- with an empty default', template: '${A:-}', value: '' },
  { name: 'default may contain the operator text', template: '${A:-a:-b}', value: 'a:-b' },
  { name: 'default may contain a plain brace', template: '${A:-{x}}', value: '{x}' },
  { name: 'default may contain spaces and colons', template: '${BIND:-127.0.0.1}:8983:8983', value: '127.0.0.1:8983:8983' },
  { name: ':? passes a set value through', template: '${A:?must be set}', env: { A: '1' }, value: '1' },
  { name: ':? fails when unset', template: '${A:?must be set}', value: '', problems: [{ kind: 'required', variable: 'A', reason: 'must be set' }] },
  { name: ':? fails when empty', template: '${A:?must be set}', env: { A: '' }, value: '', problems: [{ kind: 'required', variable: 'A', reason: 'must be set' }] },
  { name: '? accepts an empty value', template: '${A?must be set}', env: { A: '' }, value: '' },
  { name: '? fails when unset', template: '${A?must be set}', value: '', problems: [{ kind: 'required', variable: 'A', reason: 'must be set' }] },
  { name: ':? without message', template: '${A:?}', value: '', problems: [{ kind: 'required', variable: 'A', reason: '' }] },
  { name: ':+ gives the replacement when set', template: '${A:+alt}', env: { A: '1' }, value: 'alt' },
  { name: ':+ gives empty when the value is empty', template: '${A:+alt}', env: { A: '' }, value: '' },
  { name: ':+ gives empty when unset, without warning', template: '${A:+alt}', value: '' },
  { name: '+ gives the replacement when set but empty', template: '${A+alt}', env: { A: '' }, value: 'alt' },
  { name: '+ gives empty when unset', template: '${A+alt}', value: '' },
  { name: 'nested default, all unset', template: '${A:-${B:-x}}', value: 'x' },
  { name: 'nested default, inner set', template: '${A:-${B:-x}}', env: { B: '2' }, value: '2' },
  { name: 'nested default, outer set', template: '${A:-${B:-x}}', env: { A: '1' }, value: '1' },
  { name: 'default from an unbraced variable', template: '${A:-$B}', env: { B: '2' }, value: '2' },
  { name: 'error message from a variable', template: '${A?$B}', env: { B: 'oops' }, value: '', problems: [{ kind: 'required', variable: 'A', reason: 'oops' }] },
  { name: 'unused nested branch raises nothing', template: '${A:-${B:?inner}}', env: { A: '1' }, value: '1' },
  { name: 'escaped dollar inside a default', template: '${A:-$$}', value: '$' },
  { name: 'text around a nested template', template: 'pre-${A:-${B:-x}}-post', value: 'pre-x-post' },
  { name: 'non-ASCII text around a variable', template: 'é${A}ü', env: { A: '1' }, value: 'é1ü' },
  { name: 'unclosed ${ is invalid', template: '${A', value: '${A', problems: [{ kind: 'invalid', template: '${A' }] },
  { name: 'lone ${ is invalid', template: 'x ${', value: 'x ${', problems: [{ kind: 'invalid', template: 'x ${' }] },
  { name: 'empty braces are invalid', template: '${}', value: '${}', problems: [{ kind: 'invalid', template: '${}' }] },
  { name: 'name starting with a digit is invalid', template: '${1A}', value: '${1A}', problems: [{ kind: 'invalid', template: '${1A}' }] },
  { name: 'blank inside braces is invalid', template: '${A B}', value: '${A B}', problems: [{ kind: 'invalid', template: '${A B}' }] },
  { name: 'unknown operator is invalid', template: '${A:x}', value: '${A:x}', problems: [{ kind: 'invalid', template: '${A:x}' }] },
  { name: 'unclosed default is invalid', template: '${A:-${B}', value: '${A:-${B}', problems: [{ kind: 'invalid', template: '${A:-${B}' }] },
];

describe('substitute (template semantics)', () => {
  for (const c of cases) {
    test(c.name, () => {
      const env = c.env ?? {};
      const result = substitute(c.template, (name) => (Object.hasOwn(env, name) ? env[name] : undefined));
      assert.equal(result.value, c.value);
      assert.deepEqual(result.problems, c.problems ?? []);
    });
  }

  test('reports every referenced variable name once, in order', () => {
    assert.deepEqual(substitute('${A:-${B}} $A $C', (n) => (n === 'B' ? 'b' : undefined)).variables, ['A', 'B', 'C']);
  });

  test('messages match compose', () => {
    assert.equal(unsetVariableMessage('X'), 'The "X" variable is not set. Defaulting to a blank string.');
    assert.equal(requiredVariableMessage('X', 'set it'), 'required variable X is missing a value: set it');
    assert.equal(requiredVariableMessage('X', ''), 'required variable X is missing a value');
  });
});

describe('interpolation in compose files', () => {
  test('values are interpolated from the given environment', () => {
    const s = svc('image: "nginx:${TAG:-latest}"\ncontainer_name: $NAME', { env: { NAME: 'web1' } });
    assert.equal(s.image?.value, 'nginx:latest');
    assert.equal(s.containerName?.value, 'web1');
  });

  test('mapping keys are never interpolated', () => {
    const s = svc('image: x\nlabels:\n  "$VAR_NOT_INTERPOLATED_BY_COMPOSE": BAR', { env: { VAR_NOT_INTERPOLATED_BY_COMPOSE: 'k' } });
    assert.deepEqual(Object.keys(s.labels), ['$VAR_NOT_INTERPOLATED_BY_COMPOSE']);
  });

  test('a list item KEY=VALUE is a value, so its key is interpolated', () => {
    const s = svc('image: x\nlabels:\n  - "$K=v"', { env: { K: 'team' } });
    assert.equal(s.labels.team?.value, 'v');
  });

  test('unset variable: warning with the compose message and the value location', () => {
    const project = load('services:\n  s:\n    image: "nginx:${TAG}"\n');
    const [warning] = warnings(project);
    assert.equal(warning?.message, 'The "TAG" variable is not set. Defaulting to a blank string.');
    assert.deepEqual(warning?.loc, { file: 'compose.yaml', line: 3, column: 12 });
    assert.equal(service(project).image?.value, 'nginx:');
  });

  test(':? in a file is a fatal error with the message and location', () => {
    const [error] = loadErrors('services:\n  s:\n    image: "${IMAGE:?set IMAGE first}"\n');
    assert.equal(error?.rule, 'compose/variable-required');
    assert.equal(error?.message, 'required variable IMAGE is missing a value: set IMAGE first');
    assert.deepEqual(error?.loc, { file: 'compose.yaml', line: 3, column: 12 });
  });

  test('? in a file accepts an empty variable', () => {
    assert.equal(svc('image: "x${SUFFIX?needed}"', { env: { SUFFIX: '' } }).image?.value, 'x');
  });

  test('malformed ${ is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: "${IMAGE"\n')), ['compose/invalid-interpolation']);
  });

  test('$$ survives as a single $ in a command', () => {
    const s = svc('image: x\ncommand: ["sh", "-c", "echo $$HOME"]');
    assert.deepEqual(s.command?.args.map((a) => a.value), ['sh', '-c', 'echo $HOME']);
  });

  test('x- extension fields are not interpolated', () => {
    const project = load('x-notes: "${NOT_SET_ANYWHERE}"\nservices:\n  s:\n    image: x\n    x-meta: "${ALSO_NOT_SET}"\n');
    assert.deepEqual(project.diagnostics, []);
  });

  test('interpolated strings are cast where numbers or booleans are expected', () => {
    const s = svc('image: x\nread_only: "${RO}"\nports:\n  - target: ${PORT}\n    published: "${PUB}"', { env: { RO: 'true', PORT: '8080', PUB: '80' } });
    assert.equal(s.readOnly?.value, true);
    assert.equal(s.ports[0]?.target, 8080);
    assert.equal(s.ports[0]?.published, '80');
  });

  test('a default host address in a port (IPv4 default syntax)', () => {
    const s = svc('image: x\nports:\n  - "${BIND_IP:-127.0.0.1}:8983:8983"');
    assert.deepEqual(
      s.ports.map((p) => [p.hostIp, p.published, p.target]),
      [['127.0.0.1', '8983', 8983]],
    );
  });

  test('the top-level name is interpolated', () => {
    assert.equal(load('name: "app-${STAGE}"\nservices: {}\n', { env: { STAGE: 'prod' } }).name, 'app-prod');
  });

  test('a variable used through a YAML alias warns once', () => {
    const project = load('x-img: &img "${IMG}"\nservices:\n  a:\n    image: *img\n  b:\n    image: *img\n');
    assert.equal(warnings(project).length, 1);
  });
});
