import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  arrowRight,
  box,
  bullets,
  chain,
  checkDiagram,
  fanOut,
  graphemes,
  hstack,
  layoutContent,
  numberedFlow,
  render,
  stringWidth,
  text,
  tree,
  vstack,
  withAxis,
  wrapRow,
  ASCII_CHARSET,
  UNICODE_CHARSET,
  type Layout,
  type TreeNode,
} from '../../src/views/ascii/index.ts';
import { createRng, type Rng } from './prng.ts';

/**
 * Name fragments covering the width classes: ASCII, long words, CJK, emoji sequences, marks,
 * controls. Left out on purpose: box drawing and ▼ ► ◄ ▲, which the checker reads as lines
 * wherever they stand (user text is kept as is, so such names would trip it).
 */
const WORDS = [
  'traefik', 'frontend', 'api', 'postgres', 'redis', 'minio', 'web', 'db', 'x',
  'traefik-certificates-volume-for-production-backups',
  'registry.example.com/team/backend-service:1.24.3-alpine',
  'supercalifragilisticexpialidocious',
  '管理画面', 'データベース', '日本語のサービス名', '한국어', 'ＡＢＣ全角', 'ｶﾀｶﾅ',
  '🐘', '👨‍👩‍👧', '🇯🇵', '❤️', '1️⃣', '✅', '✓', '•',
  'café', 'naïve', 'Ångström', 'e\u0301te\u0301', 'Zürich-Straße',
  'tab\there', 'zero\u200bwidth', '\u202eoverride', 'ok\u0007bell',
];

function randomName(rng: Rng): string {
  const words: string[] = [];
  for (let i = rng.int(1, 4); i > 0; i--) words.push(rng.pick(WORDS));
  return words.join(' ');
}

function randomLines(rng: Rng, max: number): string[] {
  return Array.from({ length: rng.int(0, max) }, () => randomName(rng));
}

function randomTree(rng: Rng, depth: number): TreeNode {
  const children = depth > 0 ? Array.from({ length: rng.int(0, 3) }, () => randomTree(rng, depth - 1)) : [];
  return { label: randomName(rng), children };
}

/** What each random layout is made of, shown when a case fails. */
const descriptions = new WeakMap<Layout, string>();

function describe(layout: Layout): string {
  return descriptions.get(layout) ?? '?';
}

function randomLayout(rng: Rng, depth: number): Layout {
  const layout = buildRandomLayout(rng, depth);
  return layout;
}

function described(layout: Layout, description: string): Layout {
  descriptions.set(layout, description);
  return layout;
}

function buildRandomLayout(rng: Rng, depth: number): Layout {
  const leaf = depth <= 0;
  const kind = rng.pick(leaf ? ['text', 'box', 'bullets', 'tree'] : ['text', 'box', 'box', 'hstack', 'vstack', 'wrapRow', 'chain', 'fanOut', 'bullets', 'tree', 'flow']);
  const children = (min: number, max: number): Layout[] => Array.from({ length: rng.int(min, max) }, () => randomLayout(rng, depth - 1));
  const list = (items: readonly Layout[]): string => items.map(describe).join(', ');
  switch (kind) {
    case 'text': {
      const options = { overflow: rng.pick(['wrap', 'truncate'] as const), align: rng.pick(['left', 'center', 'right'] as const) };
      return described(text(randomLines(rng, 3), options), `text${JSON.stringify(options)}`);
    }
    case 'box': {
      const content = leaf ? undefined : randomLayout(rng, depth - 1);
      const lines = randomLines(rng, 3);
      const options = {
        title: rng.chance(0.7) ? randomName(rng) : undefined,
        separator: rng.chance(0.8),
        padding: rng.chance(0.5) ? rng.int(0, 2) : { x: rng.int(0, 2), y: rng.int(0, 1) },
        align: rng.pick(['left', 'center', 'right'] as const),
        titleAlign: rng.pick(['left', 'center'] as const),
        width: rng.pick([undefined, 'fill', rng.int(4, 60)] as const),
        minWidth: rng.chance(0.2) ? rng.int(0, 40) : undefined,
        maxWidth: rng.chance(0.3) ? rng.int(8, 50) : undefined,
      };
      return described(box(content ?? lines, options), `box${JSON.stringify({ ...options, title: undefined })}(${content ? describe(content) : 'lines'})`);
    }
    case 'hstack': {
      const items: Layout[] = children(1, 3);
      if (rng.chance(0.4)) items.splice(1, 0, described(arrowRight(rng.chance(0.5) ? randomName(rng) : undefined), 'arrowRight'));
      const options = { gap: rng.int(0, 3), align: rng.pick(['top', 'middle', 'bottom'] as const) };
      return described(hstack(items, options), `hstack${JSON.stringify(options)}(${list(items)})`);
    }
    case 'vstack': {
      const items = children(1, 3);
      const options = { gap: rng.int(0, 2), align: rng.pick(['left', 'center', 'right', 'axis'] as const) };
      return described(vstack(items, options), `vstack${JSON.stringify(options)}(${list(items)})`);
    }
    case 'wrapRow': {
      const items = Array.from({ length: rng.int(1, 8) }, () => box(randomLines(rng, 2), { title: randomName(rng), maxWidth: rng.pick([undefined, 30]) }));
      const options = { gap: rng.int(0, 3), rowGap: rng.int(0, 1), maxWidth: rng.chance(0.3) ? rng.int(20, 80) : undefined };
      return described(wrapRow(items, options), `wrapRow${JSON.stringify(options)}(${items.length} boxes)`);
    }
    case 'chain': {
      const items = children(1, 4).map((item) => (rng.chance(0.2) ? described(withAxis(item, rng.pick(['left', 'center', 'right'] as const)), `withAxis(${describe(item)})`) : item));
      if (rng.chance(0.3)) {
        const fanned = children(2, 5);
        items.push(described(fanOut(fanned), `fanOut(${list(fanned)})`));
      }
      return described(chain(items, { labels: items.map(() => (rng.chance(0.6) ? randomName(rng) : undefined)) }), `chain(${list(items)})`);
    }
    case 'fanOut': {
      const items = children(1, 7);
      const options = { gap: rng.int(1, 3), rowGap: rng.int(0, 1) };
      return described(fanOut(items, options), `fanOut${JSON.stringify(options)}(${list(items)})`);
    }
    case 'bullets':
      return described(bullets(randomLines(rng, 4)), 'bullets');
    case 'tree':
      return described(tree(Array.from({ length: rng.int(1, 3) }, () => randomTree(rng, 2)), { gap: rng.int(0, 1) }), 'tree');
    default: {
      const steps = Array.from({ length: rng.int(1, 4) }, () => ({ title: randomName(rng), details: randomLines(rng, 2), edgeLabel: rng.chance(0.7) ? randomName(rng) : undefined }));
      const options = { numbered: rng.chance(0.8), uniformWidth: rng.chance(0.7), maxBoxWidth: rng.chance(0.3) ? rng.int(12, 60) : undefined };
      return described(numberedFlow(steps, options), `numberedFlow${JSON.stringify(options)}`);
    }
  }
}

const toAscii = new Map(
  (Object.keys(UNICODE_CHARSET) as Array<keyof typeof UNICODE_CHARSET>).map((g) => [UNICODE_CHARSET[g], ASCII_CHARSET[g]]),
);
const USER_CLUSTERS = new Set(WORDS.flatMap((w) => graphemes(w)));

/** A line as display columns (a wide cluster fills two). */
function columns(line: string): string[] {
  return graphemes(line).flatMap((g) => (stringWidth(g) === 2 ? [g, ''] : stringWidth(g) === 1 ? [g] : []));
}

/**
 * Same geometry in both styles: same lines and widths, and wherever the Unicode rendering has
 * a frame character the plain one has its ASCII counterpart. (• ▼ ✓ also occur in user text,
 * so a column holding one of those is only required to match when the plain one is not user text.)
 */
function assertSameGeometry(unicode: string, ascii: string, context: string): void {
  const u = unicode.split('\n');
  const a = ascii.split('\n');
  assert.equal(a.length, u.length, context);
  u.forEach((line, i) => {
    const uc = columns(line);
    const ac = columns(a[i] ?? '');
    assert.equal(ac.length, uc.length, `line ${i + 1} width differs: ${context}`);
    uc.forEach((g, x) => {
      const mapped = toAscii.get(g);
      if (mapped !== undefined && ac[x] !== g) assert.equal(ac[x], mapped, `line ${i + 1} column ${x + 1}: ${context}`);
      else if (mapped === undefined) assert.equal(ac[x], g, `line ${i + 1} column ${x + 1}: ${context}`);
    });
  });
}

const CASES = 300;

test(`${CASES} random compositions pass the checker in both styles and fit any width above their minimum`, () => {
  const rng = createRng(31);
  let widthChecked = 0;
  for (let i = 0; i < CASES; i++) {
    const layout = randomLayout(rng, rng.int(1, 3));
    // Laid out in one column, everything squeezes to its minimum: nothing can fit narrower.
    const minimum = layoutContent(layout, 1).width;
    const maxWidth = rng.int(40, 100);
    const fits = minimum <= maxWidth;
    if (fits) widthChecked++;
    const unicode = render(layout, { maxWidth, style: 'unicode' });
    const ascii = render(layout, { maxWidth, style: 'ascii' });
    for (const [style, out] of [['unicode', unicode], ['ascii', ascii]] as const) {
      const context = `case ${i}, ${style}, width ${maxWidth} (minimum ${minimum}): ${describe(layout)}\n${out}`;
      // Frames hold even when an over-full composition has to overflow the width.
      assert.deepEqual(checkDiagram(out, { maxWidth: fits ? maxWidth : Infinity, strict: true }), [], context);
      assert.ok(out.endsWith('\n'), context);
      for (const line of out.slice(0, -1).split('\n')) {
        if (fits) assert.ok(stringWidth(line) <= maxWidth, `line wider than ${maxWidth}: ${context}`);
        assert.ok(!/\s$/.test(line), `trailing whitespace: ${context}`);
      }
    }
    assertSameGeometry(unicode, ascii, `case ${i}, width ${maxWidth}:\n${unicode}\n${ascii}`);
    for (const g of graphemes(ascii)) {
      if (!/^[\x00-\x7f]*$/.test(g)) assert.ok(USER_CLUSTERS.has(g), `case ${i}: non-ASCII ${JSON.stringify(g)} in plain style is not user text`);
    }
  }
  // The width property must have been exercised by most cases, not skipped as over-full.
  assert.ok(widthChecked >= CASES * 0.8, `only ${widthChecked} of ${CASES} cases fit their width`);
});
