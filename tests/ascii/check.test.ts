import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDiagram, problemsToDiagnostics, type DiagramProblem } from '../../src/views/ascii/check.ts';

const diagram = (...rows: string[]): string => rows.join('\n') + '\n';
const rules = (problems: DiagramProblem[]): string[] => problems.map((p) => `${p.rule}@${p.line}:${p.column}`);

test('a well-formed box, nested boxes, separators and connectors pass', () => {
  const ok = diagram(
    '┌──────────────────────┐',
    '│ SERVER               │',
    '├──────────────────────┤',
    '│ ┌──────────┐         │',
    '│ │ Traefik  │         │',
    '│ └────┬─────┘         │',
    '│      │ routes        │',
    '│ ┌────┴────┬───────┐  │',
    '│ ▼         ▼       ▼  │',
    '│ web      api     db  │',
    '└──────────────────────┘',
  );
  assert.deepEqual(checkDiagram(ok, { strict: true }), []);
});

test('a right edge one column off is reported at the line and display column where it breaks', () => {
  const broken = diagram('┌────────┐', '│ Traefik │', '└────────┘');
  const problems = checkDiagram(broken);
  assert.deepEqual(rules(problems), ['box/right-edge@2:10']);
  assert.match(problems[0]?.message ?? '', /expected a vertical line at column 10, found ' '.*nearest │ is at column 11/);
});

test('a wide glyph counted as one column misaligns the edge by display width', () => {
  // Each row has the same number of code points, but ✅ and 日 take two columns.
  const broken = diagram('┌──────┐', '│ ok ✅ │', '│ 日本 │', '└──────┘');
  assert.deepEqual(rules(checkDiagram(broken)), ['box/right-edge@2:8']);
  const fixed = diagram('┌──────┐', '│ ok ✅│', '│ 日本 │', '└──────┘');
  assert.deepEqual(checkDiagram(fixed), []);
});

test('unclosed boxes: a top edge without ┐, a missing bottom, a shifted bottom corner', () => {
  assert.deepEqual(rules(checkDiagram(diagram('┌──── ', '│ a  │', '└────┘'))), ['box/top-edge@1:6']);
  assert.deepEqual(rules(checkDiagram(diagram('┌────┐', '│ a  │'))), ['box/unclosed@1:1']);
  const shifted = checkDiagram(diagram('┌────┐', '│ a  │', '└─────┘'));
  assert.deepEqual(rules(shifted), ['box/right-edge@3:6', 'line/dangling@3:7']);
});

test('a bottom edge interrupted by text, and a separator that stops short', () => {
  assert.deepEqual(rules(checkDiagram(diagram('┌────┐', '│ a  │', '└──x─┘'))), ['box/bottom-edge@3:4']);
  assert.deepEqual(rules(checkDiagram(diagram('┌────┐', '│ a  │', '├──  │', '│ b  │', '└────┘'))), ['box/separator@3:4']);
});

test('corners and joints must lead into a line; arrowheads must hang from one', () => {
  assert.deepEqual(rules(checkDiagram(diagram('──┐', '  x'))), ['line/dangling@1:3']);
  assert.deepEqual(rules(checkDiagram(diagram('  │', ' ▼'))), ['line/arrow@2:2']);
  assert.deepEqual(rules(checkDiagram(diagram('┌──┴──┐', '│     │', '▼     ▼'))), ['line/dangling@1:4']);
});

test('tree branches and flow arrows under plain text are not dangling', () => {
  const tree = diagram('Layer 1: Network', '├─ external', '└─ internal', '   └─ per stack');
  assert.deepEqual(checkDiagram(tree), []);
  const flow = diagram('1. Client', '       │', '       ├─> DNS', '       ▼', '2. Traefik', '    ├─► TLS', '    └─── done ───► ok');
  assert.deepEqual(checkDiagram(flow), []);
});

test('ASCII frames: boxes are traced, forks into labels are not boxes', () => {
  assert.deepEqual(checkDiagram(diagram('+------+', '| api  |', '+--+---+', '   |', '   v')), []);
  assert.deepEqual(rules(checkDiagram(diagram('+------+', '| api   |', '+------+'))), ['box/right-edge@2:8']);
  const fork = diagram('+------+------+', '|             |', 'Port 80    Port 443');
  assert.deepEqual(checkDiagram(fork), []);
  assert.deepEqual(checkDiagram(diagram('+--++--+', '| a|| b|', '+--++--+')), []);
});

test('lines wider than the limit, tabs, and (strict) trailing spaces and final newline', () => {
  assert.deepEqual(rules(checkDiagram('x'.repeat(12), { maxWidth: 10 })), ['width/too-wide@1:11']);
  assert.deepEqual(rules(checkDiagram('日本語日本語', { maxWidth: 10 })), ['width/too-wide@1:11']);
  assert.deepEqual(rules(checkDiagram('a\tb\n')), ['text/tab@1:2']);
  assert.deepEqual(checkDiagram('a \nb'), []);
  assert.deepEqual(rules(checkDiagram('a \nb', { strict: true })), ['text/trailing-space@1:2', 'text/final-newline@2:1']);
});

test('problems convert to project diagnostics located in the embedding file', () => {
  const problems = checkDiagram(diagram('┌──┐', '│ ab │', '└──┘'));
  assert.deepEqual(problemsToDiagnostics(problems, 'docs/system.md', 40), [
    { severity: 'error', rule: 'ascii/box/right-edge', message: problems[0]?.message, loc: { file: 'docs/system.md', line: 42, column: 4 } },
  ]);
});
