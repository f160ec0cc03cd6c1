import type { Diagnostic } from '../../model/diagnostics.ts';
import { graphemes, graphemeWidth, stringWidth } from './width.ts';

/**
 * Well-formedness check for text diagrams, by display column (not code unit): boxes closed with
 * aligned edges, corners and joints whose lines lead somewhere, arrowheads attached to a line,
 * and no line wider than the limit. Understands Unicode box drawing and `+-|` ASCII frames.
 */

export type DiagramRule =
  | 'width/too-wide'
  | 'box/top-edge'
  | 'box/left-edge'
  | 'box/right-edge'
  | 'box/bottom-edge'
  | 'box/separator'
  | 'box/unclosed'
  | 'line/dangling'
  | 'line/arrow'
  | 'text/tab'
  | 'text/trailing-space'
  | 'text/final-newline';

export interface DiagramProblem {
  rule: DiagramRule;
  /** 1-based line within the diagram. */
  line: number;
  /** 1-based display column. */
  column: number;
  message: string;
}

export interface CheckOptions {
  /** Widest line allowed, in display columns (default 100). */
  maxWidth?: number;
  /** Also require what generated output guarantees: no trailing spaces, a final newline. */
  strict?: boolean;
}

type Direction = 'U' | 'D' | 'L' | 'R';
const OPPOSITE: Record<Direction, Direction> = { U: 'D', D: 'U', L: 'R', R: 'L' };
const STEP: Record<Direction, [number, number]> = { U: [0, -1], D: [0, 1], L: [-1, 0], R: [1, 0] };

/** Which sides each line glyph reaches. An arrowhead reaches back towards its shaft. */
const ARMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'UD': '│┃║',
    'LR': '─━═',
    'RD': '┌╭┏╔',
    'LD': '┐╮┓╗',
    'UR': '└╰┗╚',
    'UL': '┘╯┛╝',
    'UDR': '├┣╠',
    'UDL': '┤┫╣',
    'LRD': '┬┳╦',
    'LRU': '┴┻╩',
    'UDLR': '┼╋╬',
    'U': '▼▽',
    'D': '▲△',
    'L': '►▶',
    'R': '◄◀',
  }).flatMap(([arms, glyphs]) => Array.from(glyphs, (g) => [g, arms] as [string, string])),
);
const ARROWHEADS = new Set(['▼', '▽', '▲', '△', '►', '▶', '◄', '◀']);
const WIDE_TAIL = '\u0000';

function armsOf(cell: string | undefined): string {
  return (cell !== undefined && ARMS.get(cell)) || '';
}

function has(cell: string | undefined, arms: string): boolean {
  const own = armsOf(cell);
  return [...arms].every((a) => own.includes(a));
}

function exactly(cell: string | undefined, arms: string): boolean {
  const own = armsOf(cell);
  return own.length === arms.length && has(cell, arms);
}

const show = (cell: string | undefined): string => (cell === undefined ? 'end of line' : cell === WIDE_TAIL ? 'a wide character' : `'${cell}'`);

/** The diagram as rows of display columns; a wide cluster's second column holds WIDE_TAIL. */
function toGrid(lines: readonly string[]): string[][] {
  return lines.map((line) => {
    const row: string[] = [];
    for (const g of graphemes(line)) {
      const w = g === '\t' ? 1 : graphemeWidth(g);
      if (w === 0) continue;
      row.push(g);
      if (w === 2) row.push(WIDE_TAIL);
    }
    return row;
  });
}

type EdgeEnd = { kind: 'corner' | 'connector' | 'open'; row: number; cell: string | undefined };

export function checkDiagram(diagram: string, options: CheckOptions = {}): DiagramProblem[] {
  const maxWidth = options.maxWidth ?? 100;
  const lines = diagram.split('\n');
  if (diagram.endsWith('\n')) lines.pop();
  const grid = toGrid(lines);
  const at = (x: number, y: number): string | undefined => grid[y]?.[x];
  const problems: DiagramProblem[] = [];
  const reported = new Set<string>();
  /** Corners whose lines a box trace has already followed. */
  const traced = new Set<string>();
  const report = (rule: DiagramRule, y: number, x: number, message: string): void => {
    reported.add(`${y}:${x}`);
    problems.push({ rule, line: y + 1, column: x + 1, message });
  };

  lines.forEach((line, y) => {
    const width = stringWidth(line.replace(/\t/g, ' '));
    if (width > maxWidth) report('width/too-wide', y, maxWidth, `line is ${width} columns wide, over the limit of ${maxWidth}`);
    const tab = line.indexOf('\t');
    if (tab >= 0) report('text/tab', y, stringWidth(line.slice(0, tab)), 'tab character: its width depends on the viewer');
    if (options.strict && /\s$/.test(line)) report('text/trailing-space', y, Math.max(0, width - 1), 'trailing whitespace');
  });
  if (options.strict && diagram.length > 0 && !diagram.endsWith('\n')) {
    report('text/final-newline', Math.max(0, lines.length - 1), 0, 'diagram does not end with a newline');
  }

  const nearestVertical = (y: number, x: number, vertical: (c: string | undefined) => boolean): string => {
    for (let d = 1; d <= 3; d++) {
      for (const cx of [x + d, x - d]) if (vertical(at(cx, y))) return ` (the nearest ${at(cx, y)} is at column ${cx + 1})`;
    }
    return '';
  };

  // Unicode boxes: follow each ┌ right to its ┐, down both sides, and along the bottom.
  const isHorizontalEdge = (c: string | undefined): boolean => has(c, 'LR') || c === '▼' || c === '▲';
  const isVerticalEdge = (c: string | undefined): boolean => has(c, 'UD');
  /** Follows a box side down from `fromRow` to its bottom corner, or to where it stops. */
  const followDown = (
    x: number,
    fromRow: number,
    isEdge: (c: string | undefined) => boolean,
    isCorner: (x: number, y: number) => boolean,
    isConnectorEnd: (c: string | undefined) => boolean,
  ): EdgeEnd => {
    let y = fromRow;
    while (isEdge(at(x, y)) && !isCorner(x, y)) y++;
    const cell = at(x, y);
    if (isCorner(x, y)) return { kind: 'corner', row: y, cell };
    return { kind: isConnectorEnd(cell) ? 'connector' : 'open', row: y, cell };
  };

  const checkBox = (
    x0: number,
    y0: number,
    x1: number,
    left: EdgeEnd,
    right: EdgeEnd,
    style: { bottomRun: (c: string | undefined) => boolean; vertical: (c: string | undefined) => boolean; leftJoint: (x: number, y: number) => boolean; rightJoint: (c: string | undefined) => boolean },
  ): void => {
    const origin = `box at line ${y0 + 1}, column ${x0 + 1}`;
    // Corners this box accounts for are not reported again as dangling lines.
    if (left.kind === 'corner') traced.add(`${left.row}:${x0}`);
    if (right.kind === 'corner') traced.add(`${right.row}:${x1}`);
    if (left.kind === 'corner' && right.kind === 'open' && exactly(at(x1, left.row), 'UL')) traced.add(`${left.row}:${x1}`);
    if (left.kind === 'open' && right.kind === 'open') {
      report('box/unclosed', y0, x0, `${origin} is never closed: its sides break at line ${left.row + 1} (left) and line ${right.row + 1} (right)`);
      return;
    }
    if (left.kind === 'open') {
      report('box/left-edge', left.row, x0, `left edge of the ${origin} breaks: expected a vertical line at column ${x0 + 1}, found ${show(left.cell)}${nearestVertical(left.row, x0, style.vertical)}`);
      return;
    }
    if (right.kind === 'open') {
      report('box/right-edge', right.row, x1, `right edge of the ${origin} is misaligned: expected a vertical line at column ${x1 + 1}, found ${show(right.cell)}${nearestVertical(right.row, x1, style.vertical)}`);
      return;
    }
    if (left.row !== right.row) {
      const y = Math.min(left.row, right.row);
      const x = left.row < right.row ? x1 : x0;
      report('box/bottom-edge', y, x, `${origin} has its bottom corners on different lines (${left.row + 1} and ${right.row + 1})`);
      return;
    }
    for (let x = x0 + 1; x < x1; x++) {
      if (!style.bottomRun(at(x, left.row))) {
        report('box/bottom-edge', left.row, x, `bottom edge of the ${origin} breaks at column ${x + 1}: found ${show(at(x, left.row))}`);
        return;
      }
    }
    for (let y = y0 + 1; y < left.row; y++) {
      if (!style.leftJoint(x0, y)) continue;
      let x = x0 + 1;
      while (x < x1 && style.bottomRun(at(x, y))) x++;
      if (x !== x1 || !style.rightJoint(at(x1, y))) {
        report('box/separator', y, x, `separator of the ${origin} does not reach the right edge at column ${x1 + 1}: found ${show(at(x, y))} at column ${x + 1}`);
      }
    }
  };

  grid.forEach((row, y) => {
    row.forEach((cell, x) => {
      if (!exactly(cell, 'RD')) return;
      let x1 = x + 1;
      while (isHorizontalEdge(at(x1, y)) && !exactly(at(x1, y), 'LD')) x1++;
      if (!exactly(at(x1, y), 'LD')) {
        if (!ARROWHEADS.has(at(x1, y) ?? '')) {
          report('box/top-edge', y, x1, `top edge starting at column ${x + 1} ends at column ${x1 + 1} without a corner: found ${show(at(x1, y))}`);
        }
        return;
      }
      const corner = (arms: string) => (cx: number, cy: number): boolean => exactly(at(cx, cy), arms);
      const connectorEnd = (c: string | undefined): boolean => ARROWHEADS.has(c ?? '') || has(c, 'U');
      const left = followDown(x, y + 1, isVerticalEdge, corner('UR'), connectorEnd);
      const right = followDown(x1, y + 1, isVerticalEdge, corner('UL'), connectorEnd);
      if (left.kind === 'connector' || right.kind === 'connector') return;
      traced.add(`${y}:${x}`).add(`${y}:${x1}`);
      checkBox(x, y, x1, left, right, {
        bottomRun: isHorizontalEdge,
        vertical: isVerticalEdge,
        leftJoint: (cx, cy) => has(at(cx, cy), 'R'),
        rightJoint: (c) => has(c, 'L'),
      });
    });
  });

  // ASCII boxes: `+` is every corner and joint, so a box is a `+-…-+` run whose two sides
  // both come down to a `+`. Sides that end in text are a fork into labels, not a box.
  const asciiVertical = (c: string | undefined): boolean => c === '|';
  const asciiRun = (c: string | undefined): boolean => c === '-' || c === '+';
  grid.forEach((row, y) => {
    row.forEach((cell, x) => {
      if (cell !== '+' || at(x + 1, y) !== '-' || at(x - 1, y) === '-' || at(x, y + 1) !== '|') return;
      if (traced.has(`${y}:${x}`)) return; // the bottom of a box above, with a line leaving its corner
      let x1 = x + 1;
      // `++` is two boxes side by side: the run ends at the first of them.
      while (asciiRun(at(x1 + 1, y)) && !(at(x1, y) === '+' && at(x1 + 1, y) === '+')) x1++;
      if (at(x1, y) !== '+') return;
      // A `+` with `|` below is a joint, unless its row closes the box: a full `+--+` whose two
      // ends do not both continue down (that would be a separator), e.g. an arrow leaving a corner.
      const closesBox = (cy: number): boolean => {
        if (at(x, cy) !== '+' || at(x1, cy) !== '+' || (at(x, cy + 1) === '|' && at(x1, cy + 1) === '|')) return false;
        for (let cx = x + 1; cx < x1; cx++) if (!asciiRun(at(cx, cy))) return false;
        return true;
      };
      const corner = (cx: number, cy: number): boolean => at(cx, cy) === '+' && (at(cx, cy + 1) !== '|' || closesBox(cy));
      const edge = (c: string | undefined): boolean => c === '|' || c === '+';
      const connectorEnd = (c: string | undefined): boolean => c === 'v' || c === '^' || c === 'V';
      const left = followDown(x, y + 1, edge, corner, connectorEnd);
      const right = followDown(x1, y + 1, edge, corner, connectorEnd);
      if (left.kind === 'connector' || right.kind === 'connector') return;
      if (left.kind === 'open' && right.kind === 'open') return;
      checkBox(x, y, x1, left, right, {
        bottomRun: asciiRun,
        vertical: asciiVertical,
        leftJoint: (cx, cy) => at(cx, cy) === '+' && at(cx + 1, cy) === '-',
        rightJoint: (c) => c === '+',
      });
    });
  });

  // Every corner, joint and arrowhead must meet a line on each side it reaches. A branch such as
  // `├─ item` or `└─> step` may start under plain text: it heads a list, not a box.
  grid.forEach((row, y) => {
    row.forEach((cell, x) => {
      const arms = armsOf(cell);
      if (arms === '' || arms === 'UD' || arms === 'LR' || traced.has(`${y}:${x}`) || reported.has(`${y}:${x}`)) return;
      for (const arm of arms as Iterable<Direction>) {
        const [dx, dy] = STEP[arm];
        const neighbour = at(x + dx, y + dy);
        if (has(neighbour, OPPOSITE[arm])) continue;
        if (arm === 'U' && has(cell, 'R') && !has(cell, 'L') && isOpenBranch(x, y)) continue;
        if (ARROWHEADS.has(cell)) {
          report('line/arrow', y, x, `arrowhead ${cell} has no line behind it: found ${show(neighbour)} at line ${y + dy + 1}, column ${x + dx + 1}`);
        } else {
          report('line/dangling', y, x, `${cell} leads ${{ U: 'up', D: 'down', L: 'left', R: 'right' }[arm]} into ${show(neighbour)} instead of a line`);
        }
        return;
      }
    });
  });

  /** A branch whose horizontal line runs out into text or an arrowhead rather than a joint. */
  function isOpenBranch(x: number, y: number): boolean {
    let cx = x + 1;
    while (at(cx, y) !== undefined && exactly(at(cx, y), 'LR')) cx++;
    const end = at(cx, y);
    return cx > x + 1 && (!has(end, 'L') || ARROWHEADS.has(end ?? ''));
  }

  return problems.sort((a, b) => a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

/**
 * Problems as project diagnostics for a diagram embedded in a file, e.g. a fenced block whose
 * opening fence is on `openingLine` (diagram line 1 is the line after it).
 */
export function problemsToDiagnostics(problems: readonly DiagramProblem[], file: string, openingLine = 0): Diagnostic[] {
  return problems.map((p) => ({
    severity: 'error',
    rule: `ascii/${p.rule}`,
    message: p.message,
    loc: { file, line: openingLine + p.line, column: p.column },
  }));
}
