import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir, topodoc, topodocProcess } from '../helpers/cli.ts';

test('render --help explains where the SVGs go', async () => {
  const r = await topodoc(['render', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: topodoc render \[--force\]/);
  assert.match(r.stdout, /\.topodoc-cache\/svg\/<system>\/<name>\.svg/);
});

test('render writes one SVG per diagram, then finds them cached; --force renders again', async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'diagrams/shop'), { recursive: true });
  writeFileSync(path.join(dir, 'diagrams/shop/architecture.mmd'), 'flowchart LR\n  accTitle: Shop\n  a[Traefik] --> b[API]\n  click b href "/systems/shop/services/api/"\n');
  const first = topodocProcess(['render'], dir, { NO_COLOR: '1' });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /✓ 1 diagram in \.topodoc-cache\/svg\/: 1 rendered, 0 cached/);
  const svg = readFileSync(path.join(dir, '.topodoc-cache/svg/shop/architecture.svg'), 'utf8');
  assert.match(svg, /^<svg /);
  assert.match(svg, /href="\/systems\/shop\/services\/api\/"/);
  const again = await topodoc(['render'], dir);
  assert.match(again.stdout, /0 rendered, 1 cached/);
  const forced = await topodoc(['render', '--force', '--out', 'public/diagrams'], dir);
  assert.equal(forced.code, 0, forced.stderr);
  assert.ok(existsSync(path.join(dir, 'public/diagrams/shop/architecture.svg')));
});

test('render reports a diagram Mermaid rejects with its file, and exits 2', async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'diagrams/shop'), { recursive: true });
  writeFileSync(path.join(dir, 'diagrams/shop/broken.mmd'), 'flowchart LR\n  a[unclosed --> b\n');
  const r = await topodoc(['render'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /shop\/broken/);
});

test('render without generated diagrams says to generate them first', async () => {
  const r = await topodoc(['render'], tempDir());
  assert.equal(r.code, 2);
  assert.match(r.stderr, /generate the diagrams first/);
});
