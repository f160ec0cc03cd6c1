/**
 * Every text diagram topodoc writes is well-formed: all `.txt` files under diagrams/ and every
 * ASCII view generated for the test fixtures pass checkDiagram at 100 columns, strictly (no
 * trailing spaces, a final newline), and none has a line that would close the Markdown code fence
 * it is embedded in.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseTopology } from '../../src/model/parse-topology.ts';
import { checkDiagram } from '../../src/views/ascii/index.ts';
import { generateSystem } from '../../src/views/generate.ts';
import { REPO_ROOT } from '../helpers/cli.ts';

const MAX_WIDTH = 100;
/** A line CommonMark reads as a closing code fence. */
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/m;

function textFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

describe('ASCII well-formedness', () => {
  const files = textFiles(path.join(REPO_ROOT, 'diagrams'));

  it('diagrams/ holds the eight ASCII files of each of the five systems', () => {
    assert.equal(files.length, 40, files.join('\n'));
  });

  for (const file of files) {
    const rel = path.relative(REPO_ROOT, file);
    it(`${rel} is well-formed`, () => {
      const content = readFileSync(file, 'utf8');
      assert.deepEqual(checkDiagram(content, { maxWidth: MAX_WIDTH, strict: true }), [], `${rel}\n${content}`);
      assert.doesNotMatch(content, FENCE_LINE, `${rel}: a line would close the Markdown fence the diagram is embedded in`);
    });
  }

  const fixtures = path.join(REPO_ROOT, 'tests/fixtures/topologies');
  for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.yaml')).sort()) {
    it(`the ASCII views of fixture ${name} are well-formed`, () => {
      const parsed = parseTopology(readFileSync(path.join(fixtures, name), 'utf8'), name);
      assert.ok(parsed.topology, `${name} parses`);
      const ascii = generateSystem(parsed.topology).filter((f) => f.kind === 'ascii');
      assert.equal(ascii.length, 8);
      for (const f of ascii) {
        assert.deepEqual(checkDiagram(f.content, { maxWidth: MAX_WIDTH, strict: true }), [], `${name}: ${f.file}\n${f.content}`);
        assert.doesNotMatch(f.content, FENCE_LINE, `${name}: ${f.file}`);
      }
    });
  }
});
