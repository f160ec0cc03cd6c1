import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTopology } from '../../src/model/parse-topology.ts';
import type { TopologyModel } from '../../src/model/schema/index.ts';
import { REPO_ROOT } from './cli.ts';

export const FIXTURE_TOPOLOGIES = path.join(REPO_ROOT, 'tests/fixtures/topologies');

/** A topology file that must validate without any diagnostic. */
export function loadTopology(file: string): TopologyModel {
  const parsed = parseTopology(readFileSync(file, 'utf8'), file);
  assert.deepEqual(parsed.diagnostics, [], `${file} must validate`);
  return parsed.topology!;
}

/** An inline topology that must validate without errors (warnings allowed). */
export function topologyFromYaml(text: string): TopologyModel {
  const parsed = parseTopology(`# yaml-language-server: $schema=../public/schema/topology.schema.json\n${text}`, 'inline.yaml');
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
  return parsed.topology!;
}
