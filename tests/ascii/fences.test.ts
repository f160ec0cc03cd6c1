import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractFencedBlocks } from '../../src/views/ascii/fences.ts';

test('extractFencedBlocks finds backtick and tilde fences with their info string and line', () => {
  const markdown = ['# Title', '', '```', '┌─┐', '└─┘', '```', 'text', '~~~text', 'a', '~~~', '````mermaid', 'graph TD', '```', '````'].join('\n');
  assert.deepEqual(extractFencedBlocks(markdown), [
    { info: '', openingLine: 3, content: '┌─┐\n└─┘\n' },
    { info: 'text', openingLine: 8, content: 'a\n' },
    // A shorter fence inside a longer one does not close it.
    { info: 'mermaid', openingLine: 11, content: 'graph TD\n```\n' },
  ]);
});

test('an unclosed fence runs to the end of the document', () => {
  assert.deepEqual(extractFencedBlocks('```\nx\ny'), [{ info: '', openingLine: 1, content: 'x\ny\n' }]);
  assert.deepEqual(extractFencedBlocks('no fences'), []);
});
