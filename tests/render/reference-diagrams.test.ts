/** Acceptance: every Mermaid view generated for the reference systems renders with Mermaid 12. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { findDiagramFiles, renderDiagrams } from '../../src/render/render-all.ts';
import { REPO_ROOT, tempDir } from '../helpers/cli.ts';

test('every .mmd under diagrams/ renders to a compact SVG with a title', async () => {
  const rootDir = path.join(REPO_ROOT, 'diagrams');
  const files = findDiagramFiles(rootDir);
  assert.ok(files.length >= 40, `expected the reference systems' diagrams, found ${files.length}`);
  const outDir = tempDir('topodoc-render-');
  const stats = await renderDiagrams({ rootDir, outDir, force: true });
  assert.equal(stats.rendered, files.length);
  for (const { name } of files) {
    const svgPath = path.join(outDir, `${name}.svg`);
    const svg = readFileSync(svgPath, 'utf8');
    assert.match(svg, /^<svg[^>]*>/, `${name}.svg is an SVG document`);
    assert.match(svg, /<title[^>]*>[^<]+<\/title>/, `${name}.svg has an accessible title`);
    assert.ok(statSync(svgPath).size < 80 * 1024, `${name}.svg is under 80 KB`);
    assert.doesNotMatch(svg, /@font-face|data:font/, `${name}.svg embeds no fonts`);
  }
  assert.ok(readdirSync(outDir).includes('manifest.json'));
});
