import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkDiagram, type DiagramProblem } from '../../src/views/ascii/check.ts';
import { extractFencedBlocks } from '../../src/views/ascii/fences.ts';

/**
 * The hand-drawn diagrams in shared/seeds: every fenced block without a language whose content
 * draws (box drawing, arrows, or `+--+` frames). 002 is read in its repaired form; the original
 * is mojibake and draws nothing.
 */
const SEEDS_DIR = new URL('../../../shared/seeds/', import.meta.url);
const SEED_FILES = ['002_dcd58f4f9415faf4.repaired.txt', '003_4e4194b2d082788e.txt', '004_5987727979c35eee.txt'];
const DRAWING = /[\u2500-\u257f\u2190-\u21ff\u25b2-\u25c4]|\+-{2,}|-{2,}\+/;

interface SeedDiagram {
  /** File and line of the opening fence, e.g. `004:5`. */
  id: string;
  problems: DiagramProblem[];
  /** Problems as `rule@line:column`, lines counted in the seed file. */
  found: string[];
}

const diagrams: SeedDiagram[] = SEED_FILES.flatMap((file) =>
  extractFencedBlocks(readFileSync(new URL(file, SEEDS_DIR), 'utf8'))
    .filter((block) => block.info === '' && DRAWING.test(block.content))
    .map((block) => {
      const problems = checkDiagram(block.content);
      return {
        id: `${file.slice(0, 3)}:${block.openingLine}`,
        problems,
        found: problems.map((p) => `${p.rule}@${block.openingLine + p.line}:${p.column}`),
      };
    }),
);

/** Found by reading each diagram: these are broken, the others are well-formed. */
const BROKEN = new Map<string, string>([
  ['002:18', '│Monitor│ and │Database│ are one column wider than their boxes; the boxes after them shift'],
  ['002:52', 'every ├─ / └─ line of the Security Layers box ends one column short'],
  ['002:134', 'the row of inner boxes ends two columns short of the outer right edge'],
  ['002:151', 'the row of inner boxes ends two columns short of the outer right edge'],
  ['002:175', 'every ├─ / └─ line of the Stack Directory box ends one column short'],
  ['002:278', 'the ├─> lines of the Monitoring Flow box end one column short'],
  ['004:5', 'title rows one column too wide, inner boxes off by one or two, a ▼ beside its line'],
  ['004:173', 'the title row is one column wider than its box'],
  ['004:229', 'the title row is one column wider than its box'],
  ['004:269', 'the title row is one column too wide; a ▼ and a ┬ stand beside their lines'],
  ['004:295', 'the title row is one column too wide; the rows below it one too short'],
  ['004:324', 'title and body rows of Monitoring Dashboard disagree on the right edge'],
  ['004:356', 'the title row is one column wider than its box'],
  ['004:396', 'the title row is one column wider than its box'],
]);

test('the seeds hold 22 hand-drawn diagrams: 9 in 002, 2 in 003, 11 in 004', () => {
  assert.equal(diagrams.length, 22, diagrams.map((d) => d.id).join(' '));
  assert.deepEqual(
    ['002', '003', '004'].map((prefix) => diagrams.filter((d) => d.id.startsWith(prefix)).length),
    [9, 2, 11],
  );
});

test('the checker flags exactly the 14 broken diagrams and passes the 8 well-formed ones', () => {
  const flagged = diagrams.filter((d) => d.problems.length > 0).map((d) => d.id);
  assert.deepEqual(flagged, [...BROKEN.keys()]);
  assert.equal(flagged.length, 14);
  assert.deepEqual(
    diagrams.filter((d) => d.problems.length === 0).map((d) => d.id),
    ['002:89', '002:215', '002:248', '003:9', '003:202', '004:108', '004:134', '004:314'],
  );
});

test('problems point at the line and column where each frame breaks', () => {
  const found = (id: string): string[] => diagrams.find((d) => d.id === id)?.found ?? [];
  // Security Layers: the first tree line ends at column 54, the frame is at 55.
  assert.deepEqual(found('002:52'), ['box/right-edge@58:55']);
  // A box title one column too wide: the edge is expected at 67, it stands at 68.
  assert.deepEqual(found('004:173'), ['box/right-edge@175:67']);
  // High availability: a title too wide, and the second server's ▼ and ┬ beside their lines.
  assert.deepEqual(found('004:269'), ['box/right-edge@271:66', 'line/arrow@277:42', 'line/dangling@281:41']);
  // Overall architecture: the Monitor box is one column wider than its frame.
  assert.ok(found('002:18').includes('box/right-edge@35:28'), found('002:18').join(' '));
  const complete = diagrams.find((d) => d.id === '004:5');
  assert.ok(complete?.problems.some((p) => p.rule === 'line/arrow'), 'the misplaced ▼ under BACKEND is found');
});
