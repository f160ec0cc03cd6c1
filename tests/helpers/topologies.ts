import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTopology } from '../../src/model/parse-topology.ts';
import type { TopologyModel } from '../../src/model/schema/index.ts';
import { REPO_ROOT } from './cli.ts';

export const FIXTURE_TOPOLOGIES = path.join(REPO_ROOT, 'tests/fixtures/topologies');

/**
 * The diagnostics reference topologies are known to carry (rule and path), all documented
 * reality of their seeds: SellyBase's seed scales its API (`--scale api=3`) while naming its
 * container `selly-api`, which Compose cannot do.
 */
export const KNOWN_REFERENCE_DIAGNOSTICS: Readonly<Record<string, readonly string[]>> = {
  'topology/sellybase.yaml': ['warning service/fixed-for-one-instance at services.api.scaling.max'],
};

/** A topology file that must validate with no diagnostic but the known ones listed above. */
export function loadTopology(file: string): TopologyModel {
  const parsed = parseTopology(readFileSync(file, 'utf8'), file);
  const known = KNOWN_REFERENCE_DIAGNOSTICS[path.relative(REPO_ROOT, file).split(path.sep).join('/')] ?? [];
  assert.deepEqual(
    parsed.diagnostics.map((d) => `${d.severity} ${d.rule} at ${d.path}`),
    known,
    `${file} must validate with exactly the known diagnostics: ${JSON.stringify(parsed.diagnostics, null, 2)}`,
  );
  return parsed.topology!;
}

/** An inline topology that must validate without errors (warnings allowed). */
export function topologyFromYaml(text: string): TopologyModel {
  const parsed = parseTopology(`# yaml-language-server: $schema=../public/schema/topology.schema.json\n${text}`, 'inline.yaml');
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
  return parsed.topology!;
}
