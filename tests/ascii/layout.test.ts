import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  arrowDown,
  arrowRight,
  box,
  bullets,
  chain,
  checkDiagram,
  fanOut,
  hstack,
  layoutContent,
  numberedFlow,
  render,
  spacer,
  stringWidth,
  text,
  tree,
  vstack,
  withAxis,
  wrapRow,
} from '../../src/views/ascii/index.ts';

/** Joins expected lines into a rendered diagram (trailing newline included). */
const lines = (...rows: string[]): string => rows.join('\n') + '\n';

function assertWellFormed(diagram: string, maxWidth = 100): void {
  assert.deepEqual(checkDiagram(diagram, { maxWidth, strict: true }), [], diagram);
}

test('box with a title draws a separator and sizes itself to its content', () => {
  const out = render(box(['Port 80', 'Port 443'], { title: 'Traefik' }));
  assert.equal(out, lines('┌──────────┐', '│ Traefik  │', '├──────────┤', '│ Port 80  │', '│ Port 443 │', '└──────────┘'));
  assertWellFormed(out);
});

test('the plain style renders the same layout with 7-bit frame characters', () => {
  const out = render(box(['Port 80', 'Port 443'], { title: 'Traefik' }), { style: 'ascii' });
  assert.equal(out, lines('+----------+', '| Traefik  |', '+----------+', '| Port 80  |', '| Port 443 |', '+----------+'));
  assert.match(out, /^[\x00-\x7f]*$/);
  assertWellFormed(out);
});

test('box padding and title without separator', () => {
  const out = render(box('x', { title: 'only', separator: false, padding: { x: 2, y: 1 } }));
  assert.equal(out, lines('┌────────┐', '│  only  │', '│        │', '│  x     │', '│        │', '└────────┘'));
});

test('box width options: a fixed width, fill, a minimum, a cap', () => {
  assert.equal(layoutContent(box('a', { width: 12 }), 100).width, 12);
  assert.equal(layoutContent(box('a', { width: 'fill' }), 37).width, 37);
  assert.equal(layoutContent(box('a', { minWidth: 9 }), 100).width, 9);
  const capped = render(box('one two three four five six', { maxWidth: 12 }));
  assert.ok(capped.split('\n').every((l) => stringWidth(l) <= 12), capped);
  assertWellFormed(capped);
});

test('hstack aligns blocks of different heights; vstack centres them', () => {
  assert.equal(render(hstack([box('a'), box(['b', 'c'])], { gap: 2, align: 'bottom' })), lines('       ┌───┐', '┌───┐  │ b │', '│ a │  │ c │', '└───┘  └───┘'));
  assert.equal(
    render(vstack([box('wide box here'), box('n')], { align: 'center' })),
    lines('┌───────────────┐', '│ wide box here │', '└───────────────┘', '      ┌───┐', '      │ n │', '      └───┘'),
  );
});

test('hstack squeezes its children to fit the width', () => {
  const out = render(hstack([box('alpha beta gamma delta'), box('epsilon zeta eta theta')], { gap: 2 }), { maxWidth: 30 });
  assertWellFormed(out, 30);
});

test('wrapRow continues on a new row instead of exceeding the width', () => {
  const out = render(wrapRow(['alpha', 'beta', 'gamma', 'delta'].map((n) => box(n)), { gap: 1 }), { maxWidth: 20 });
  assert.equal(out, lines('┌───────┐ ┌──────┐', '│ alpha │ │ beta │', '└───────┘ └──────┘', '', '┌───────┐ ┌───────┐', '│ gamma │ │ delta │', '└───────┘ └───────┘'));
  const capped = render(wrapRow(Array.from({ length: 12 }, (_, i) => box(`service-${i}`)), { maxWidth: 50 }));
  assert.ok(capped.split('\n').every((l) => stringWidth(l) <= 50), capped);
  assertWellFormed(capped, 50);
});

test('chain joins boxes with a labelled arrow leaving a ┬ in the bottom edge', () => {
  assert.equal(
    render(chain([box('Client'), box('Traefik')], { labels: ['HTTPS :443'] })),
    lines('┌────────┐', '│ Client │', '└────┬───┘', '     │ HTTPS :443', '     ▼', '┌─────────┐', '│ Traefik │', '└─────────┘'),
  );
});

test('chain wraps a long arrow label within the width and leaves a branch end alone', () => {
  const out = render(chain([tree({ label: 'ab', children: [{ label: 'c', children: [{ label: 'de' }] }] }), 'next'], { labels: ['a label long enough to wrap twice over'] }), {
    maxWidth: 24,
  });
  assertWellFormed(out, 24);
  assert.ok(!out.includes('┬'), out);
});

test('withAxis moves the connector column', () => {
  const out = render(chain([withAxis(text('Client Request'), 'left'), withAxis(text('Traefik'), 'left')]));
  assert.equal(out, lines('Client Request', '│', '▼', 'Traefik'));
});

test('fanOut feeds each child from one trunk', () => {
  assert.equal(
    render(fanOut([box('web'), box('api'), box('db')])),
    lines('            │', '   ┌────────┼────────┐', '   ▼        ▼        ▼', '┌─────┐  ┌─────┐  ┌────┐', '│ web │  │ api │  │ db │', '└─────┘  └─────┘  └────┘'),
  );
});

test('fanOut continues on further rows fed by a rail when the children do not fit', () => {
  const out = render(fanOut([box('a'), box('b'), box('c')], { gap: 1 }), { maxWidth: 12 });
  assert.equal(
    out,
    lines('  │', '┌─┴─┐', '│   ▼', '│ ┌───┐', '│ │ a │', '│ └───┘', '│', '├───┐', '│   ▼', '│ ┌───┐', '│ │ b │', '│ └───┘', '│', '└───┐', '    ▼', '  ┌───┐', '  │ c │', '  └───┘'),
  );
  assertWellFormed(out, 12);
  // Tiny children: the trunk meets a joint rather than standing beside it.
  assert.equal(render(fanOut(['x', 'y'], { gap: 1 })), lines('│', '├─┐', '▼ ▼', 'x y'));
});

test('chain into a fanOut joins the trunk without an arrowhead', () => {
  const out = render(chain([box('Traefik'), fanOut([box('web'), box('api')])], { labels: ['routes'] }));
  assertWellFormed(out);
  assert.equal(out.split('\n').filter((l) => l.includes('▼')).length, 1, out);
});

test('tree draws branches and wraps long labels under their branch', () => {
  assert.equal(
    render(tree({ label: 'Layer 1: Network', children: [{ label: 'external traefik-net' }, { label: 'internal', children: [{ label: 'per stack' }] }] })),
    lines('Layer 1: Network', '├─ external traefik-net', '└─ internal', '   └─ per stack'),
  );
  const wrapped = render(tree({ label: 'L', children: [{ label: 'one two three four' }, { label: 'x' }] }), { maxWidth: 12 });
  assert.equal(wrapped, lines('L', '├─ one two', '│  three', '│  four', '└─ x'));
});

test('bullets hang wrapped lines under the first word', () => {
  assert.equal(render(bullets(['one', 'a longer item that wraps']), { maxWidth: 14 }), lines('• one', '• a longer', '  item that', '  wraps'));
  assert.equal(render(bullets(['one']), { style: 'ascii' }), lines('* one'));
});

test('numberedFlow numbers step boxes of one width and labels the arrows', () => {
  assert.equal(
    render(numberedFlow([{ title: 'Browser', edgeLabel: 'HTTPS' }, { title: 'Traefik', details: ['TLS'] }])),
    lines('┌────────────┐', '│ 1. Browser │', '└──────┬─────┘', '       │ HTTPS', '       ▼', '┌────────────┐', '│ 2. Traefik │', '├────────────┤', '│ TLS        │', '└────────────┘'),
  );
});

test('arrows: a labelled shaft and a horizontal connector', () => {
  assert.equal(render(arrowDown('label')), lines('│ label', '▼'));
  assert.equal(render(hstack([box('app'), arrowRight('tcp'), box('db')], { align: 'middle' })), lines('┌─────┐          ┌────┐', '│ app │ ─ tcp ─► │ db │', '└─────┘          └────┘'));
  assert.equal(render(arrowRight('a label far too long'), { maxWidth: 12 }), lines('─ a labe… ─►'));
});

test('non-ASCII text keeps the frame aligned by display width', () => {
  const out = render(box(['日本語のサービス 🐘', 'café ✓', 'ｶﾀｶﾅ 👨‍👩‍👧 🇯🇵'], { title: 'データベース' }));
  assert.equal(out, lines('┌─────────────────────┐', '│    データベース     │', '├─────────────────────┤', '│ 日本語のサービス 🐘 │', '│ café ✓              │', '│ ｶﾀｶﾅ 👨‍👩‍👧 🇯🇵          │', '└─────────────────────┘'));
  const widths = out.trimEnd().split('\n').map(stringWidth);
  assert.ok(widths.every((w) => w === 23), String(widths));
});

test('long names wrap by default or are cut with an ellipsis, never breaking the frame', () => {
  const name = 'a-very-long-service-name-that-will-not-fit';
  assert.equal(render(box(name), { maxWidth: 20 }), lines('┌────────────────┐', '│ a-very-long-   │', '│ service-name-  │', '│ that-will-not- │', '│ fit            │', '└────────────────┘'));
  assert.equal(render(box(text(name, { overflow: 'truncate' })), { maxWidth: 20 }), lines('┌──────────────────┐', '│ a-very-long-ser… │', '└──────────────────┘'));
  assert.equal(render(box(text(name, { overflow: 'truncate' })), { maxWidth: 20, style: 'ascii' }), lines('+------------------+', '| a-very-long-ser~ |', '+------------------+'));
  const cjk = render(box(text('日本語のとても長いサービス名です', { overflow: 'truncate' })), { maxWidth: 14 });
  // 10 columns inside: four wide characters and the ellipsis; a fifth would leave it no room.
  assert.equal(cjk, lines('┌───────────┐', '│ 日本語の… │', '└───────────┘'));
  assertWellFormed(cjk, 14);
});

test('render output has no trailing spaces or blank lines and ends with a newline', () => {
  const out = render(vstack([box('a', { width: 'fill' }), text('x   '), spacer(5, 3)]), { maxWidth: 10 });
  assert.equal(out, lines('┌────────┐', '│ a      │', '└────────┘', 'x'));
  assert.equal(render(text([])), '\n');
});

test('text keeps alignment and sanitizes controls', () => {
  assert.equal(render(box(text(['a', 'bbb'], { align: 'right' }))), lines('┌─────┐', '│   a │', '│ bbb │', '└─────┘'));
  assert.equal(render(text('tab\there\u0007')), lines('tab here'));
  assert.equal(render(text('two\nlines')), lines('two', 'lines'));
});

test('a server diagram like the seeds composes from the primitives, well-formed at every width', () => {
  const service = (name: string, details: string[]) => box(bullets(details), { title: name, maxWidth: 28 });
  const server = box(
    vstack(
      [
        chain(
          [
            box(['entrypoints: web :80 → websecure :443', 'certresolver: letsencrypt'], { title: 'traefik' }),
            fanOut([
              service('frontend', ['Next.js :3000', 'sellybase.albaly.jp']),
              service('backend', ['NestJS :3001', 'api.sellybase.albaly.jp']),
              service('管理画面 admin', ['port 8080']),
            ]),
          ],
          { labels: ['Host() routers'] },
        ),
        wrapRow([
          box(bullets(['selly-network (bridge)', 'traefik-public (external)']), { title: 'Networks' }),
          box(bullets(['postgres_data', 'traefik-certificates']), { title: 'Volumes' }),
        ]),
      ],
      { gap: 1, align: 'center' },
    ),
    { title: 'server: ec2-prod-1' },
  );
  for (const maxWidth of [100, 72, 50]) {
    for (const style of ['unicode', 'ascii'] as const) {
      const out = render(server, { maxWidth, style });
      assertWellFormed(out, maxWidth);
      assert.ok(out.includes('管理画面 admin'), out);
    }
  }
  // Three services fit side by side at 100 columns; at 50 they stack, fed by a rail.
  assert.equal(render(server, { maxWidth: 100 }).split('\n').filter((l) => l.includes('▼')).length, 1);
  assert.equal(render(server, { maxWidth: 50 }).split('\n').filter((l) => l.includes('▼')).length, 3);
});
