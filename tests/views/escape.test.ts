import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseTopology } from '../../src/model/parse-topology.ts';
import { mdCell, mdCode, mermaidText } from '../../src/views/escape.ts';
import { generateSystem } from '../../src/views/generate.ts';
import { REPO_ROOT } from '../helpers/cli.ts';

const HOSTILE = 'Evil | name `tick` <script>alert(1)</script> [x](javascript:y) # *b* "q" ;';

test('mermaidText leaves no character Mermaid treats as syntax', () => {
  const out = mermaidText(`${HOSTILE}\nsecond line {brace} (paren)`);
  assert.doesNotMatch(out, /[|`<>"[\](){}\n]/);
  assert.ok(!out.includes('<script>'));
  assert.ok(out.includes('#lt;script#gt;'));
  // Every `;` left is the end of an entity.
  assert.ok(out.split(';').slice(0, -1).every((part) => /#\w+$/.test(part)));
});

test('mdCell and mdCode keep a table row to its columns', () => {
  const row = `| ${mdCell(HOSTILE)} | ${mdCode('a|b`c')} |`;
  const unescapedPipes = row.replace(/\\\|/g, '').split('|').length - 1;
  assert.equal(unescapedPipes, 3);
  assert.ok(!mdCell(HOSTILE).includes('<script>'));
  assert.equal(mdCode('a`b'), '``a`b``');
});

test('hostile topology strings never reach the Markdown views as markup', () => {
  const text = readFileSync(path.join(REPO_ROOT, 'tests/fixtures/topologies/minimal.yaml'), 'utf8')
    .replace('description: One app behind Traefik with a database.', `description: ${JSON.stringify(HOSTILE)}`)
    .replace('    technology: Fastify', `    technology: ${JSON.stringify(HOSTILE)}\n    name: ${JSON.stringify(HOSTILE)}`);
  const parsed = parseTopology(text, 'hostile.yaml');
  assert.ok(parsed.topology, JSON.stringify(parsed.diagnostics));
  /** Separators that start a new cell: pipes neither backslash-escaped nor inside inline code. */
  const cellCount = (line: string) => line.replace(/\\\|/g, '').replace(/(`+)(?:(?!\1).)*\1/g, '').split('|').length;
  for (const f of generateSystem(parsed.topology!)) {
    if (f.kind === 'ascii') {
      // Text diagrams keep user text as written; they reach Markdown only inside a ```text fence,
      // which no line of theirs may close.
      assert.doesNotMatch(f.content, /^ {0,3}(`{3,}|~{3,})/m, `${f.file} has a line that would close a code fence`);
      continue;
    }
    // Fenced code blocks (the embedded text diagrams) are shown literally, never as markup.
    const markdown = f.content.replace(/^```text\n[\s\S]*?^```$/gm, '');
    assert.ok(!markdown.includes('<script>'), `${f.file} contains raw <script>`);
    let header: number | undefined;
    for (const line of markdown.split('\n')) {
      if (!line.startsWith('| ')) {
        header = undefined;
        continue;
      }
      if (header === undefined) header = cellCount(line);
      else assert.equal(cellCount(line), header, `${f.file}: row has extra cells: ${line}`);
    }
  }
  const readme = generateSystem(parsed.topology!).find((f) => f.name === 'readme')!;
  assert.ok(readme.content.includes('Evil \\| name \\`tick\\` &lt;script&gt;'));
});
