import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UserInputError } from '../../src/model/diagnostics.ts';
import { diagramHash, MANIFEST_FILE, readManifest, serializeManifest } from '../../src/render/cache.ts';
import { launchChromium } from '../../src/render/chromium.ts';
import type { BrowserLauncher } from '../../src/render/chromium.ts';
import { rendererFingerprint } from '../../src/render/mermaid-renderer.ts';
import { findDiagramFiles, renderDiagrams } from '../../src/render/render-all.ts';

const SOURCES: Record<string, string> = {
  'shop/overview.mmd': 'flowchart LR\n  accTitle: Shop overview\n  internet((Internet)) --> traefik[Traefik] --> web[storefront]\n  click web href "/shop/web/"\n',
  'shop/request-flow.mmd': 'sequenceDiagram\n  accTitle: Shop request\n  Browser->>Traefik: GET /\n  Traefik-->>Browser: 200\n',
  'blog/overview.mmd': 'flowchart TB\n  subgraph edge\n    traefik[Traefik]\n  end\n  traefik --> ghost[Ghost]\n',
};

let root = '';
let diagramsDir = '';
let outDir = '';

function write(path: string, source: string): void {
  const file = join(diagramsDir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
}

/** A launcher that counts its calls and starts the real browser. */
function countingLauncher(): { launch: BrowserLauncher; calls: () => number } {
  let calls = 0;
  return {
    launch: () => {
      calls++;
      return launchChromium();
    },
    calls: () => calls,
  };
}

const forbidden: BrowserLauncher = () => {
  throw new Error('no browser may be started when nothing changed');
};

describe('renderDiagrams', () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'topodoc-render-'));
    diagramsDir = join(root, 'diagrams');
    outDir = join(root, 'public', 'diagrams');
    for (const [path, source] of Object.entries(SOURCES)) write(path, source);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('finds every .mmd below the diagrams dir, sorted by name', () => {
    writeFileSync(join(diagramsDir, 'notes.txt'), 'not a diagram');
    assert.deepEqual(
      findDiagramFiles(diagramsDir).map((f) => f.name),
      ['blog/overview', 'shop/overview', 'shop/request-flow'],
    );
  });

  it('renders every diagram on the first run, with one browser', async () => {
    const launcher = countingLauncher();
    const stats = await renderDiagrams({ rootDir: diagramsDir, outDir, launch: launcher.launch });
    assert.equal(launcher.calls(), 1);
    assert.deepEqual({ rendered: stats.rendered, cached: stats.cached, removed: stats.removed }, { rendered: 3, cached: 0, removed: 0 });
    for (const name of ['shop/overview', 'shop/request-flow', 'blog/overview']) {
      const svg = readFileSync(join(outDir, `${name}.svg`), 'utf8');
      assert.ok(svg.startsWith('<svg '), name);
    }
    assert.match(readFileSync(join(outDir, 'shop/overview.svg'), 'utf8'), /<title [^>]*>Shop overview<\/title>/);
    const manifest = readManifest(outDir);
    assert.deepEqual(Object.keys(manifest.diagrams), ['blog/overview', 'shop/overview', 'shop/request-flow']);
    assert.equal(manifest.diagrams['shop/overview']?.svg, 'shop/overview.svg');
    assert.equal(manifest.diagrams['shop/overview']?.hash, diagramHash(SOURCES['shop/overview.mmd'] ?? '', rendererFingerprint()));
    assert.equal(readFileSync(join(outDir, MANIFEST_FILE), 'utf8'), serializeManifest(manifest), 'manifest is written in its canonical form');
  });

  it('starts no browser and renders nothing when nothing changed', async () => {
    const manifestBefore = readFileSync(join(outDir, MANIFEST_FILE), 'utf8');
    const stats = await renderDiagrams({ rootDir: diagramsDir, outDir, launch: forbidden });
    assert.deepEqual({ rendered: stats.rendered, cached: stats.cached }, { rendered: 0, cached: 3 });
    assert.equal(readFileSync(join(outDir, MANIFEST_FILE), 'utf8'), manifestBefore);
  });

  it('re-renders only what changed, and outputs that were edited by hand', async () => {
    write('blog/overview.mmd', `${SOURCES['blog/overview.mmd']}  ghost --> db[(mysql)]\n`);
    writeFileSync(join(outDir, 'shop/request-flow.svg'), '<svg>tampered</svg>');
    const launcher = countingLauncher();
    const stats = await renderDiagrams({ rootDir: diagramsDir, outDir, launch: launcher.launch });
    assert.equal(launcher.calls(), 1);
    assert.deepEqual({ rendered: stats.rendered, cached: stats.cached }, { rendered: 2, cached: 1 });
    assert.match(readFileSync(join(outDir, 'blog/overview.svg'), 'utf8'), /mysql/);
    assert.doesNotMatch(readFileSync(join(outDir, 'shop/request-flow.svg'), 'utf8'), /tampered/);
  });

  it('renders everything again with force, to the same bytes', async () => {
    const before = readFileSync(join(outDir, 'shop/overview.svg'), 'utf8');
    const manifestBefore = readFileSync(join(outDir, MANIFEST_FILE), 'utf8');
    const launcher = countingLauncher();
    const stats = await renderDiagrams({ rootDir: diagramsDir, outDir, force: true, launch: launcher.launch });
    assert.equal(launcher.calls(), 1);
    assert.deepEqual({ rendered: stats.rendered, cached: stats.cached }, { rendered: 3, cached: 0 });
    assert.equal(readFileSync(join(outDir, 'shop/overview.svg'), 'utf8'), before);
    assert.equal(readFileSync(join(outDir, MANIFEST_FILE), 'utf8'), manifestBefore);
  });

  it('removes the SVG of a deleted diagram without starting a browser', async () => {
    rmSync(join(diagramsDir, 'blog/overview.mmd'));
    const stats = await renderDiagrams({ rootDir: diagramsDir, outDir, launch: forbidden });
    assert.deepEqual({ rendered: stats.rendered, cached: stats.cached, removed: stats.removed }, { rendered: 0, cached: 2, removed: 1 });
    assert.equal(existsSync(join(outDir, 'blog/overview.svg')), false);
    assert.deepEqual(Object.keys(readManifest(outDir).diagrams), ['shop/overview', 'shop/request-flow']);
  });

  it('writes the good diagrams and reports a broken one with file and line', async () => {
    write('shop/broken.mmd', 'flowchart LR\n  a --> b\n  b --> --> c\n');
    write('shop/extra.mmd', 'flowchart LR\n  x[extra] --> y\n');
    await assert.rejects(
      renderDiagrams({ rootDir: diagramsDir, outDir, launch: countingLauncher().launch }),
      (error: unknown) => {
        assert.ok(error instanceof UserInputError);
        assert.equal(error.diagnostics.length, 1);
        assert.deepEqual(error.diagnostics[0]?.loc, { file: join(diagramsDir, 'shop/broken.mmd'), line: 3, column: 4 });
        assert.match(error.message, /broken\.mmd: Parse error on line 3/);
        return true;
      },
    );
    assert.ok(existsSync(join(outDir, 'shop/extra.svg')));
    assert.equal(existsSync(join(outDir, 'shop/broken.svg')), false);
    assert.deepEqual(Object.keys(readManifest(outDir).diagrams), ['shop/extra', 'shop/overview', 'shop/request-flow']);
  });

  it('says so when the diagrams dir is missing', async () => {
    await assert.rejects(renderDiagrams({ rootDir: join(root, 'nope'), outDir, launch: forbidden }), /Diagrams directory .*nope does not exist/);
  });
});
