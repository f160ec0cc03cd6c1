/**
 * A generated 1,000-service stack with an override file loads completely and correctly.
 * (Timing lives in bench/compose-load.bench.ts; tests assert behaviour only.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateOverride, generateStack } from './stack-generator.ts';
import { load } from './helpers.ts';

describe('large stack', () => {
  const count = 1000;
  const project = load(generateStack(count), { extra: { 'override.yaml': generateOverride(count) }, files: ['compose.yaml', 'override.yaml'], env: { TAG: '2.0' } });

  test('every service is loaded, in order', () => {
    const names = Object.keys(project.services);
    assert.equal(names.length, count);
    assert.equal(names[0], 'svc0');
    assert.equal(names[count - 1], `svc${count - 1}`);
    assert.deepEqual(project.diagnostics, []);
  });

  test('anchors, interpolation and merging applied to each service', () => {
    for (let i = 0; i < count; i += 97) {
      const s = project.services[`svc${i}`]!;
      assert.equal(s.image?.value, `registry.example.com/svc${i}:2.0`);
      assert.equal(s.restart?.value, 'unless-stopped');
      assert.deepEqual(s.ports.map((p) => [p.published, p.target]), [
        [String(10000 + i), 8080],
        [String(30000 + i), 9090],
      ]);
      assert.deepEqual(Object.keys(s.labels), ['com.example.team', `traefik.http.routers.r${i}.rule`]);
      assert.deepEqual(s.command?.args.map((a) => a.value), ['serve', '--fast']);
      assert.deepEqual(Object.keys(s.environment), ['SERVICE_INDEX', 'DB_URL']);
      assert.deepEqual(s.expose.map((e) => e.port), [9000, 9001]);
      assert.deepEqual(Object.keys(s.dependsOn), i === 0 ? [] : [`svc${i - 1}`]);
      assert.deepEqual(Object.keys(s.networks), ['back']);
    }
  });

  test('shared resources', () => {
    assert.equal(project.networks.back?.realName, 'big_back');
    assert.equal(Object.keys(project.volumes).length, 10);
  });
});
