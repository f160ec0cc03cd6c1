/**
 * Profiles (15-profiles.md) and the project name (`-p` > COMPOSE_PROJECT_NAME > `name` >
 * directory name, normalised like compose-go).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadComposeProjectSync, normalizeProjectName } from '../../src/compose/index.ts';
import { load, loadErrors, memoryFs, rules } from './helpers.ts';

const PROFILED = `services:
  web:
    image: web
  debug:
    image: debug
    profiles: [debug]
  tools:
    image: tools
    profiles: [debug, ops]
`;

describe('profiles', () => {
  test('services without profiles are always active; profiled ones are returned separately', () => {
    const project = load(PROFILED);
    assert.deepEqual(Object.keys(project.services), ['web']);
    assert.deepEqual(Object.keys(project.inactiveServices), ['debug', 'tools']);
    assert.deepEqual(project.activeProfiles, []);
  });

  test('an active profile enables its services', () => {
    const project = load(PROFILED, { profiles: ['ops'] });
    assert.deepEqual(Object.keys(project.services), ['web', 'tools']);
    assert.deepEqual(Object.keys(project.inactiveServices), ['debug']);
  });

  test('several active profiles', () => {
    assert.deepEqual(Object.keys(load(PROFILED, { profiles: ['debug', 'ops'] }).services), ['web', 'debug', 'tools']);
  });

  test('* enables every profile', () => {
    const project = load(PROFILED, { profiles: ['*'] });
    assert.deepEqual(Object.keys(project.services), ['web', 'debug', 'tools']);
    assert.deepEqual(project.inactiveServices, {});
  });

  test('COMPOSE_PROFILES is used when no profiles are given', () => {
    assert.deepEqual(Object.keys(load(PROFILED, { env: { COMPOSE_PROFILES: 'debug, ops' } }).services), ['web', 'debug', 'tools']);
  });

  test('given profiles win over COMPOSE_PROFILES', () => {
    assert.deepEqual(Object.keys(load(PROFILED, { profiles: [], env: { COMPOSE_PROFILES: 'debug' } }).services), ['web']);
  });

  test('inactive services are canonicalised too, with their profiles located', () => {
    const debug = load(PROFILED).inactiveServices.debug!;
    assert.equal(debug.image?.value, 'debug');
    assert.deepEqual(debug.profiles.map((p) => [p.value, p.loc.line]), [['debug', 6]]);
  });

  test('a required dependency on an inactive service is an error', () => {
    const errors = loadErrors(`${PROFILED}  app:\n    image: app\n    depends_on: [debug]\n`);
    assert.deepEqual(rules(errors), ['compose/depends-on-inactive']);
  });

  test('an optional dependency on an inactive service is fine', () => {
    const project = load(`${PROFILED}  app:\n    image: app\n    depends_on:\n      debug:\n        required: false\n`);
    assert.ok(project.services.app);
  });

  test('inactive services are not checked for missing images', () => {
    const project = load('services:\n  a:\n    image: x\n  b:\n    profiles: [later]\n');
    assert.deepEqual(Object.keys(project.inactiveServices), ['b']);
  });
});

describe('project name', () => {
  const named = (dir: string, yaml: string, options: { projectName?: string; env?: Record<string, string> } = {}) =>
    loadComposeProjectSync({ files: [`${dir}/compose.yaml`], ...options }, memoryFs({ [`${dir}/compose.yaml`]: yaml }));

  test('defaults to the directory name', () => {
    assert.deepEqual([named('/work/shop', 'services: {}\n').name, named('/work/shop', 'services: {}\n').nameSource.kind], ['shop', 'directory']);
  });

  test('directory names are normalised', () => {
    assert.equal(named('/work/My_App.v2', 'services: {}\n').name, 'my_appv2');
    assert.equal(named('/work/-_Odd Name', 'services: {}\n').name, 'oddname');
  });

  test('the top-level name wins over the directory, with its location', () => {
    const project = named('/work/shop', 'name: storefront\nservices: {}\n');
    assert.equal(project.name, 'storefront');
    assert.deepEqual(project.nameSource, { kind: 'file', loc: { file: 'compose.yaml', line: 1, column: 7 } });
  });

  test('COMPOSE_PROJECT_NAME wins over the top-level name', () => {
    assert.equal(named('/work/shop', 'name: storefront\nservices: {}\n', { env: { COMPOSE_PROJECT_NAME: 'from-env' } }).name, 'from-env');
  });

  test('an explicit project name wins over everything', () => {
    const project = named('/work/shop', 'name: storefront\nservices: {}\n', { projectName: 'explicit', env: { COMPOSE_PROJECT_NAME: 'from-env' } });
    assert.deepEqual([project.name, project.nameSource.kind], ['explicit', 'option']);
  });

  test('the last file that sets name wins', () => {
    const project = load('name: first\nservices: {}\n', { extra: { 'b.yaml': 'name: second\n' }, files: ['compose.yaml', 'b.yaml'] });
    assert.equal(project.name, 'second');
  });

  test('an invalid top-level name is an error at its location', () => {
    const [error] = loadErrors('name: My App\nservices: {}\n');
    assert.equal(error?.rule, 'compose/project-name');
    assert.equal(error?.loc?.line, 1);
  });

  test('an invalid explicit name is an error', () => {
    assert.deepEqual(rules(loadErrors('services: {}\n', { projectName: 'UPPER' })), ['compose/project-name']);
  });

  test('the project name prefixes networks and volumes', () => {
    const project = load('name: demo\nservices:\n  s:\n    image: x\n    networks: [back]\n    volumes: [data:/d]\nnetworks:\n  back:\nvolumes:\n  data:\n');
    assert.deepEqual([project.networks.back?.realName, project.volumes.data?.realName], ['demo_back', 'demo_data']);
  });

  const normalisation: Array<[string, string]> = [
    ['myapp', 'myapp'],
    ['MyApp', 'myapp'],
    ['my app', 'myapp'],
    ['_private', 'private'],
    ['app-1_x', 'app-1_x'],
    ['über', 'ber'],
  ];
  for (const [input, output] of normalisation) {
    test(`normalizeProjectName(${JSON.stringify(input)})`, () => assert.equal(normalizeProjectName(input), output));
  }
});
