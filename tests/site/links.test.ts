/**
 * Every internal link and resource of the built site resolves: pages, assets, diagrams and the
 * `#fragment`s of same-site links. The site is built under a base path, so a link that forgets
 * it is caught. No browser needed.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { DIST, ensureSiteBuilt, TEST_BASE, TEST_SITE } from './site-build.ts';
import { resolveRequest } from './static-server.ts';

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** The URL path a file in dist/ is served at. */
function urlPathOf(file: string): string {
  const rel = path.relative(DIST, file).split(path.sep).join('/');
  return `${TEST_BASE}/${rel.replace(/(^|\/)index\.html$/, '$1')}`;
}

const ATTR = /\s(?:href|src|xlink:href|action|poster)\s*=\s*"([^"]*)"/g;
const SRCSET = /\ssrcset\s*=\s*"([^"]*)"/g;

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

function linksIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ATTR)) out.push(decodeEntities(m[1]!));
  for (const m of text.matchAll(SRCSET)) for (const part of m[1]!.split(',')) out.push(decodeEntities(part.trim().split(/\s+/)[0] ?? ''));
  return out.filter((l) => l !== '');
}

const idCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    ids = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => decodeEntities(m[1]!)));
    idCache.set(file, ids);
  }
  return ids;
}

describe('built site: internal links', () => {
  let files: string[] = [];
  before(() => {
    ensureSiteBuilt();
    files = walk(DIST);
  });

  it('has the pages the issue asks for', () => {
    for (const page of ['index.html', 'systems/mito/index.html', 'systems/mito/flows/index.html', 'systems/mito/services/api/index.html', 'reference/schema/index.html', 'drift/index.html', 'guides/getting-started/index.html', 'guides/adding-a-system/index.html', 'schema/topology.schema.json', 'diagrams/mito/architecture.svg', '404.html']) {
      assert.ok(files.includes(path.join(DIST, page)), `dist/${page} is missing`);
    }
  });

  it('every href and src in HTML and SVG files points at something that exists', () => {
    const broken: string[] = [];
    let checked = 0;
    const origin = new URL(TEST_SITE).origin;
    for (const file of files.filter((f) => /\.(html|svg)$/.test(f))) {
      const pageUrl = new URL(urlPathOf(file), origin);
      for (const link of linksIn(readFileSync(file, 'utf8'))) {
        if (/^(mailto|tel|data|javascript):/i.test(link)) continue;
        const target = new URL(link, pageUrl);
        if (target.origin !== origin) continue;
        checked++;
        const where = `${path.relative(DIST, file)} → ${link}`;
        if (!target.pathname.startsWith(`${TEST_BASE}/`) && target.pathname !== TEST_BASE) {
          broken.push(`${where} (outside the base path ${TEST_BASE})`);
          continue;
        }
        const resolved = resolveRequest(DIST, TEST_BASE, target.pathname);
        if (!resolved) {
          broken.push(`${where} (no such file)`);
          continue;
        }
        const fragment = decodeURIComponent(target.hash.slice(1));
        if (fragment && resolved.endsWith('.html') && !idsOf(resolved).has(fragment)) broken.push(`${where} (no element with id "${fragment}")`);
      }
    }
    assert.ok(checked > 500, `only ${checked} internal links checked; is the site built?`);
    assert.deepEqual(broken, []);
  });

  it('ships no Mermaid runtime to readers', () => {
    const assets = files.filter((f) => f.startsWith(path.join(DIST, '_astro') + path.sep));
    assert.ok(assets.some((f) => f.endsWith('.js')), 'expected some scripts in dist/_astro');
    const withMermaid = assets.filter((f) => /mermaid/i.test(path.basename(f)) || (/\.(js|mjs)$/.test(f) && /mermaid/i.test(readFileSync(f, 'utf8'))));
    assert.deepEqual(withMermaid.map((f) => path.relative(DIST, f)), []);
  });

  it('serves the JSON Schema and every diagram links back into the site with the base path', () => {
    const schema = JSON.parse(readFileSync(path.join(DIST, 'schema/topology.schema.json'), 'utf8')) as { properties?: object };
    assert.ok(schema.properties && 'services' in schema.properties);
    const svg = readFileSync(path.join(DIST, 'diagrams/mito/architecture.svg'), 'utf8');
    assert.match(svg, new RegExp(`href="${TEST_BASE}/systems/mito/services/api/"`));
    assert.doesNotMatch(svg, /href="\/systems\//);
  });
});
