/**
 * Golden files: every generator's output for every reference system must equal the committed,
 * reviewed file under diagrams/<system>/. After an intended change, run `npx topodoc generate`,
 * read the diff, and commit it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseTopology } from '../../src/model/parse-topology.ts';
import { GENERATORS, generateSystem } from '../../src/views/generate.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { KNOWN_REFERENCE_DIAGNOSTICS } from '../helpers/topologies.ts';

const topologyDir = path.join(REPO_ROOT, 'topology');
const files = readdirSync(topologyDir).filter((f) => f.endsWith('.yaml')).sort();

test('the five reference systems are bundled', () => {
  assert.deepEqual(files, ['infra-production.yaml', 'mito.yaml', 'sellybase.yaml', 'sothebais-v1.yaml', 'sothebais.yaml']);
});

for (const file of files) {
  const parsed = parseTopology(readFileSync(path.join(topologyDir, file), 'utf8'), `topology/${file}`);
  const t = parsed.topology;
  test(`${file} is valid`, () => {
    assert.deepEqual(
      parsed.diagnostics.map((d) => `${d.severity} ${d.rule} at ${d.path}`),
      KNOWN_REFERENCE_DIAGNOSTICS[`topology/${file}`] ?? [],
    );
  });
  if (!t) continue;
  for (const generator of GENERATORS) {
    test(`golden: ${generator.name} on ${t.id}`, () => {
      for (const f of generator(t, {})) {
        const golden: string = readFileSync(path.join(REPO_ROOT, 'diagrams', t.id, f.file), 'utf8');
        assert.equal(f.content, golden, `diagrams/${t.id}/${f.file} differs from ${generator.name}'s output`);
      }
    });
  }
  test(`golden: system README of ${t.id}`, () => {
    const readme = generateSystem(t).find((f) => f.name === 'readme')!;
    assert.equal(readme.content, readFileSync(path.join(REPO_ROOT, 'diagrams', t.id, 'README.md'), 'utf8'));
  });
}
