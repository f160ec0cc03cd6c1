/** The site's pages as generated from the model: what each system and service page holds. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseTopology } from '../../src/model/parse-topology.ts';
import type { TopologyModel } from '../../src/model/schema/index.ts';
import { BLOCK_PLACEHOLDER_PATTERN, plainText, splitAtBlocks } from '../../src/site/page-model.ts';
import { servicePage } from '../../src/site/service-page.ts';
import { firstSentence, systemPages, systemSummary } from '../../src/site/system-pages.ts';
import { generateSystem } from '../../src/views/generate.ts';
import { REPO_ROOT } from '../helpers/cli.ts';

function load(id: string): TopologyModel {
  const file = `topology/${id}.yaml`;
  const parsed = parseTopology(readFileSync(path.join(REPO_ROOT, file), 'utf8'), file);
  assert.ok(parsed.topology, `${file} is valid`);
  return parsed.topology;
}

const href = (p: string) => `/docs${p}`;

describe('system pages', () => {
  const t = load('mito');
  const fragments = generateSystem(t);
  const pages = systemPages(t, fragments, href);
  const bySlug = new Map(pages.map((p) => [p.slug, p.page]));

  it('gives each system an overview and one page per concern', () => {
    assert.deepEqual(
      pages.map((p) => p.slug),
      ['', 'flows', 'networks', 'ports', 'security', 'operations', 'text'],
    );
    for (const { page } of pages) {
      // Every placeholder has its block and every block its placeholder, in order.
      const indexes = [...page.markdown.matchAll(BLOCK_PLACEHOLDER_PATTERN)].map((m) => Number(m[1]));
      assert.deepEqual(indexes, page.blocks.map((_, i) => i), page.path);
    }
  });

  it('shows the architecture diagram inline on the overview and links every service', () => {
    const overview = bySlug.get('')!;
    assert.equal(overview.title, 'MITO Platform');
    const architecture = overview.blocks.find((b) => b.type === 'diagram' && b.name === 'architecture');
    assert.ok(architecture && architecture.type === 'diagram' && architecture.eager);
    for (const id of Object.keys(t.services)) assert.ok(overview.markdown.includes(`](/docs/systems/mito/services/${id}/)`), `links ${id}`);
    for (const s of t.sections ?? []) assert.ok(overview.markdown.includes(`## ${s.title}`), `carries the section "${s.title}"`);
  });

  it('puts a sequence diagram per route on the request flows page, loaded lazily', () => {
    const flows = bySlug.get('flows')!;
    const names = flows.blocks.map((b) => b.name);
    for (const route of Object.keys(t.routes ?? {})) assert.ok(names.includes(`sequence-${route}`), route);
    assert.ok(flows.blocks.every((b) => b.type !== 'diagram' || !b.eager));
    assert.match(flows.markdown, /External URLs/);
  });

  it('shows each text diagram once, with its plain-ASCII twin folded under it', () => {
    const text = bySlug.get('text')!;
    const ascii = fragments.filter((f) => f.kind === 'ascii');
    assert.ok(text.blocks.length > 0 && text.blocks.length <= ascii.length);
    for (const b of text.blocks) {
      assert.equal(b.type, 'ascii');
      assert.ok(!b.name.endsWith('-plain'), b.name);
      if (b.type === 'ascii' && ascii.some((f) => f.name === `${b.name}-plain`)) assert.ok(b.plain, `${b.name} has its plain version`);
    }
  });

  it('summarises the system for the home page', () => {
    const s = systemSummary(t, fragments);
    assert.equal(s.counts.services, Object.keys(t.services).length);
    assert.equal(s.counts.routes, Object.keys(t.routes ?? {}).length);
    assert.equal(s.counts.diagrams, fragments.filter((f) => f.kind === 'mermaid').length);
    assert.equal(firstSentence('One. Two.'), 'One.');
    assert.equal(firstSentence('No full stop'), 'No full stop');
  });

  it('leaves out pages with nothing to show', () => {
    const bare = structuredClone(t);
    delete bare.routes;
    delete bare.flows;
    const slugs = systemPages(bare, generateSystem(bare), href).map((p) => p.slug);
    assert.equal(slugs[0], '');
    assert.ok(!slugs.includes('flows'), `no routes and no flows, yet a flows page: ${slugs.join(', ')}`);
  });
});

describe('service pages', () => {
  const t = load('sellybase');
  const fragments = generateSystem(t);

  it('holds what a reader and the search need: kind, technology, hostnames, ports, routes, dependencies, health', () => {
    const page = servicePage(t, 'api', fragments, href, { topology: { file: 'topology/sellybase.yaml', line: 209, column: 3 }, compose: [{ file: 'stacks/x.yml', line: 89, column: 3 }] });
    assert.equal(page.path, '/systems/sellybase/services/api/');
    assert.equal(page.title, 'Backend');
    const md = page.markdown;
    for (const fact of ['**api** service', 'NestJS', '`api.sellybase.albaly.jp`', '3001', '## Ports', '## Routes and hosts', '## Middlewares', '## Networks', '## Depends on and depended on by', '## Health and metrics', '`http://api:3001/health`', '## Defined in', '`topology/sellybase.yaml:209`', '`stacks/x.yml:89`', '| **Built from** | `./backend` |']) {
      assert.ok(md.includes(fact), `missing ${fact}`);
    }
    assert.ok(md.includes('](/docs/systems/sellybase/services/postgres/)'), 'links the services it depends on, with the base path');
    assert.ok(page.blocks.some((b) => b.name === 'sequence-api'), 'shows how requests reach it');
    assert.match(page.description, /hostname api, ports 3001/);
  });

  it('says who depends on a service', () => {
    const md = servicePage(t, 'postgres', fragments, href).markdown;
    assert.match(md, /\*\*Depended on by\*\*: \[Backend\]\(\/docs\/systems\/sellybase\/services\/api\/\)/);
  });

  it('never lets topology text inject markup', () => {
    const evil = structuredClone(t);
    evil.services['api']!.description = 'Danger <script>alert(1)</script> & <img src=x onerror=alert(2)>';
    evil.services['api']!.technology = '<b>bold</b> [x](javascript:alert(3))';
    const md = servicePage(evil, 'api', generateSystem(evil), href).markdown;
    assert.ok(!md.includes('<script>') && !md.includes('<img') && !md.includes('<b>'));
    assert.doesNotMatch(md, /(?<!\\)\]\(javascript:/, 'link syntax in plain fields is escaped');
  });

  it('keeps URLs in view descriptions as text, not links', () => {
    assert.equal(plainText('to https://api.${DOMAIN} and back.'), 'to `https://api.${DOMAIN}` and back.');
  });

  it('splits rendered HTML at block placeholders', () => {
    assert.deepEqual(splitAtBlocks('<p>a</p><div data-topodoc-block="0"></div><p>b</p><div data-topodoc-block="1"></div>'), ['<p>a</p>', 0, '<p>b</p>', 1]);
  });
});
