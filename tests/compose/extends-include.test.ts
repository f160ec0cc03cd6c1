/**
 * `extends` (05-services.md) and `include` (14-include.md), from fixture files: same-file and
 * other-file extends with path rebasing, chains, cycles; include short and long forms, own
 * `.env` and project directory, nesting, conflicts, cycles; files outside the root directory.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { UserInputError } from '../../src/model/diagnostics.ts';
import type { Diagnostic } from '../../src/model/diagnostics.ts';
import { loadComposeProject, loadComposeProjectSync } from '../../src/compose/index.ts';
import type { ComposeProject, LoadComposeOptions } from '../../src/compose/index.ts';
import { FIXTURES, load, loadErrors, rules, warnings } from './helpers.ts';

const EXT = join(FIXTURES, 'extends');
const INC = join(FIXTURES, 'include');

function errorsOf(options: LoadComposeOptions): Diagnostic[] {
  try {
    loadComposeProjectSync(options);
  } catch (err) {
    assert.ok(err instanceof UserInputError, String(err));
    return err.diagnostics;
  }
  assert.fail('expected UserInputError');
}

describe('extends', () => {
  let project: ComposeProject;
  before(async () => {
    project = await loadComposeProject({ files: [join(EXT, 'compose.yaml')], rootDir: EXT });
  });

  test('loads every service of the fixture', () => {
    assert.deepEqual(Object.keys(project.services), ['base', 'web', 'api', 'remote', 'trimmed']);
  });

  test('string shorthand extends a service of the same file', () => {
    const web = project.services.web!;
    assert.equal(web.image?.value, 'busybox');
    assert.deepEqual(Object.keys(web.labels), ['tier', 'role']);
    assert.deepEqual(Object.keys(web.environment), ['A']);
    assert.deepEqual(web.extends && { service: web.extends.service, file: web.extends.file }, { service: 'base', file: undefined });
  });

  test('chains are followed and locations stay with the file that wrote the value', () => {
    const api = project.services.api!;
    assert.equal(api.image?.value, 'busybox');
    assert.deepEqual(Object.keys(api.labels), ['tier', 'role']);
    assert.deepEqual(api.command?.args.map((a) => a.value), ['api']);
    assert.equal(api.image?.loc.line, 3);
    assert.equal(api.extends?.service, 'web');
  });

  test('extends from another file resolves its relative paths against that file', () => {
    const remote = project.services.remote!;
    assert.equal(remote.build?.context, join(EXT, 'common/app'));
    assert.deepEqual(remote.volumes.map((v) => v.source), [join(EXT, 'common/data')]);
    assert.deepEqual(remote.envFiles.map((f) => f.path), [join(EXT, 'common/common.env')]);
    assert.equal(remote.hostname?.value, 'webapp');
    assert.equal(remote.hostname?.loc.file, 'common/services.yaml');
    assert.deepEqual(Object.keys(remote.environment), ['LOCAL']);
    assert.deepEqual(remote.extends && [remote.extends.service, remote.extends.file], ['webapp', 'common/services.yaml']);
    assert.ok(project.files.includes('common/services.yaml'));
  });

  test('!reset in the extending service removes the inherited value', () => {
    assert.deepEqual(project.services.trimmed!.ports, []);
    assert.equal(project.services.base!.ports.length, 1);
  });

  test('cycles are errors', () => {
    const errors = errorsOf({ files: [join(EXT, 'cycle.yaml')], rootDir: EXT });
    assert.deepEqual(rules(errors), ['compose/extends-cycle']);
    assert.match(errors[0]!.message, /extends cycle: .*a -> .*b -> .*c -> .*a/);
  });

  test('extending an unknown service is an error at the reference', () => {
    const [error] = errorsOf({ files: [join(EXT, 'missing.yaml')], rootDir: EXT });
    assert.equal(error?.rule, 'compose/extends-not-found');
    assert.deepEqual(error?.loc, { file: 'missing.yaml', line: 4, column: 14 });
  });

  test('an extends file outside the root directory is refused', () => {
    const errors = errorsOf({ files: [join(EXT, 'outside-ref/compose.yaml')], rootDir: EXT });
    assert.ok(rules(errors).includes('compose/path-outside-root'));
  });

  test('the same file is fine when the root directory contains it', () => {
    const p = loadComposeProjectSync({ files: [join(EXT, 'outside-ref/compose.yaml')], rootDir: FIXTURES });
    assert.equal(p.services.web?.image?.value, 'outside-root');
  });

  test('a missing extends file is an error', () => {
    assert.ok(rules(loadErrors('services:\n  web:\n    extends:\n      file: nope.yaml\n      service: x\n')).includes('compose/file-not-found'));
  });
});

describe('include', () => {
  let project: ComposeProject;
  before(async () => {
    project = await loadComposeProject({ files: [join(INC, 'app/compose.yaml')], rootDir: INC });
  });

  test('imports the services of short and long include entries', () => {
    assert.deepEqual(Object.keys(project.services).sort(), ['cache', 'db', 'web']);
    assert.equal(project.name, 'app');
  });

  test('the including project variables win over the included .env', () => {
    assert.equal(project.services.db?.image?.value, 'postgres:from-app');
    assert.equal(project.services.db?.hostname?.value, 'db-host');
    assert.equal(project.services.web?.image?.value, 'web:2');
  });

  test('long form: explicit env_file and project_directory', () => {
    assert.equal(project.services.cache?.image?.value, 'redis:7');
  });

  test('relative paths resolve against the included project directory', () => {
    assert.equal(project.services.db?.volumes[0]?.source, join(INC, 'db/data'));
  });

  test('included resources get the including project name', () => {
    assert.equal(project.volumes.dbdata?.realName, 'app_dbdata');
  });

  test('locations point into the included files', () => {
    assert.equal(project.services.db?.loc.file, 'db/compose.yaml');
    assert.deepEqual(project.files, ['app/compose.yaml', 'db/compose.yaml', 'cache/compose.yaml']);
  });

  test('nested includes resolve relative to each included file', async () => {
    const nested = await loadComposeProject({ files: [join(INC, 'nested/compose.yaml')], rootDir: INC });
    assert.deepEqual(Object.keys(nested.services).sort(), ['bottom', 'middle', 'top']);
    assert.equal(nested.services.bottom?.build?.context, join(INC, 'nested/level1/level2'));
  });

  test('a local definition conflicting with an included one is merged over it, with a warning', async () => {
    const conflict = await loadComposeProject({ files: [join(INC, 'conflict/compose.yaml')], rootDir: INC });
    assert.equal(conflict.services.db?.containerName?.value, 'local-db');
    assert.equal(conflict.services.db?.image?.value, 'postgres:from-db');
    assert.deepEqual(rules(warnings(conflict)), ['compose/include-conflict']);
  });

  test('include cycles are errors', () => {
    assert.deepEqual(rules(errorsOf({ files: [join(INC, 'cycle/a.yaml')], rootDir: INC })), ['compose/include-cycle']);
  });

  test('a missing included file is an error at the include entry', () => {
    const [error] = loadErrors('include:\n  - missing.yaml\nservices: {}\n');
    assert.equal(error?.rule, 'compose/file-not-found');
    assert.deepEqual(error?.loc, { file: 'compose.yaml', line: 2, column: 5 });
  });

  test('an include outside the root directory is refused', () => {
    const [error] = loadErrors('include:\n  - ../elsewhere/compose.yaml\nservices: {}\n', { extra: { '../elsewhere/compose.yaml': 'services: {}\n' }, rootDir: '/proj' });
    assert.equal(error?.rule, 'compose/path-outside-root');
    assert.equal(error?.loc?.line, 2);
  });

  test('an include env_file outside the root directory is refused', () => {
    const errors = loadErrors('include:\n  - path: sub/compose.yaml\n    env_file: ../secrets.env\nservices: {}\n', {
      extra: { 'sub/compose.yaml': 'services: {}\n', '../secrets.env': 'A=1\n' },
      rootDir: '/proj',
    });
    assert.deepEqual(rules(errors), ['compose/path-outside-root']);
  });

  test('path may list several files, merged like -f', () => {
    const project2 = load('include:\n  - path: [sub/a.yaml, sub/b.yaml]\nservices: {}\n', {
      extra: { 'sub/a.yaml': 'services:\n  s:\n    image: a\n', 'sub/b.yaml': 'services:\n  s:\n    image: b\n' },
    });
    assert.equal(project2.services.s?.image?.value, 'b');
  });

  test('an included service can be extended by the including file', () => {
    const project2 = load('include:\n  - sub/compose.yaml\nservices:\n  web:\n    extends: base\n    hostname: w\n', {
      extra: { 'sub/compose.yaml': 'services:\n  base:\n    image: shared\n' },
    });
    assert.equal(project2.services.web?.image?.value, 'shared');
  });
});
