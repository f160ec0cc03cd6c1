/**
 * The Astro content loaders, driven with a stand-in for Astro's loader context: an invalid
 * topology fails the build with file:line:column, a valid one becomes a system entry with its pages.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type { LoaderContext } from 'astro/loaders';
import { referenceLoader, topologyLoader, type ReferenceEntryData, type SystemEntryData } from '../../src/site/loader.ts';
import { REPO_ROOT, tempDir } from '../helpers/cli.ts';

interface FakeContext {
  ctx: LoaderContext;
  entries: Map<string, { id: string; data: Record<string, unknown> }>;
  logs: string[];
}

function fakeContext(root: string, base = '/'): FakeContext {
  const entries = new Map<string, { id: string; data: Record<string, unknown> }>();
  const logs: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    entries: () => [...entries],
    set: (e: { id: string; data: Record<string, unknown> }) => (entries.set(e.id, e), true),
    values: () => [...entries.values()],
    keys: () => [...entries.keys()],
    delete: (id: string) => void entries.delete(id),
    clear: () => entries.clear(),
    has: (id: string) => entries.has(id),
    addModuleImport: () => {},
  };
  const log = (level: string) => (m: string) => void logs.push(`${level}: ${m}`);
  const ctx = {
    collection: 'systems',
    store,
    meta: new Map(),
    logger: { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') },
    config: { root: pathToFileURL(`${root}/`), base },
    parseData: async (p: { data: unknown }) => p.data,
    // Astro's Markdown renderer is not needed to test what goes into it.
    renderMarkdown: async (md: string) => ({ html: md, metadata: { headings: [] } }),
    generateDigest: (d: unknown) => String(JSON.stringify(d).length),
  } as unknown as LoaderContext;
  return { ctx, entries, logs };
}

function project(): string {
  const root = tempDir('topodoc-site-');
  mkdirSync(path.join(root, 'topology'));
  cpSync(path.join(REPO_ROOT, 'tests/fixtures/topologies/minimal.yaml'), path.join(root, 'topology/minimal.yaml'));
  return root;
}

describe('topology loader', () => {
  it('fails with file:line:column and a source frame when a topology is invalid', async () => {
    const root = project();
    const text = readFileSync(path.join(root, 'topology/minimal.yaml'), 'utf8').replace('technology: Traefik v3', 'technolgy: Traefik v3');
    writeFileSync(path.join(root, 'topology/minimal.yaml'), text);
    const line = text.split('\n').findIndex((l) => l.includes('technolgy')) + 1;
    const { ctx } = fakeContext(root);
    await assert.rejects(topologyLoader({ diagrams: false }).load(ctx), (err: Error) => {
      assert.match(err.message, new RegExp(`topology/minimal\\.yaml:${line}:\\d+: error: unknown key "technolgy"; did you mean "technology"\\?`));
      assert.match(err.message, /\|\s+technolgy: Traefik v3/);
      return true;
    });
  });

  it('turns each topology into a system entry with its pages and a page per service', async () => {
    const root = project();
    const { ctx, entries } = fakeContext(root, '/docs/');
    await topologyLoader({ diagrams: false }).load(ctx);
    const entry = entries.get('minimal');
    assert.ok(entry, 'an entry for the system');
    const data = entry.data as SystemEntryData;
    assert.equal(data.name, 'Minimal system');
    assert.equal(data.file, 'topology/minimal.yaml');
    assert.deepEqual(
      data.pages.map((p) => p.path),
      data.pages.map((p) => (p.slug ? `/systems/minimal/${p.slug}/` : '/systems/minimal/')),
    );
    assert.equal(data.pages[0]?.slug, '', 'the overview comes first');
    const overview = data.pages[0]!;
    assert.ok(overview.blocks.some((b) => b.type === 'diagram' && b.name === 'architecture' && b.eager), 'the overview inlines the architecture diagram');
    // Links in the generated Markdown carry the base path.
    assert.match(overview.html, /\]\(\/docs\/systems\/minimal\/services\/api\/\)/);
    assert.deepEqual(data.services.map((s) => s.id), ['traefik', 'api', 'db']);
    const api = data.services.find((s) => s.id === 'api');
    assert.ok(api);
    assert.equal(api.path, '/systems/minimal/services/api/');
    assert.match(api.html, /topology\/minimal\.yaml:\d+/, 'names where the service is defined');
  });
});

describe('reference loader', () => {
  it('renders the schema reference and explains how to get a drift report when there is none', async () => {
    const root = project();
    const { ctx, entries } = fakeContext(root);
    await referenceLoader({ checkReport: 'public/check-report.json' }).load(ctx);
    const schema = entries.get('schema')?.data as ReferenceEntryData;
    assert.match(schema.html, /## services\.‹id›/);
    const drift = entries.get('drift')?.data as ReferenceEntryData & { reportFound: boolean };
    assert.equal(drift.reportFound, false);
    assert.match(drift.html, /topodoc check --format json > public\/check-report\.json/);
  });

  it('shows the findings of a check report', async () => {
    const root = project();
    mkdirSync(path.join(root, 'public'));
    const report = {
      systems: [
        {
          id: 'minimal',
          topology: 'topology/minimal.yaml',
          composeFiles: ['stacks/minimal/docker-compose.yml'],
          status: 'checked',
          findings: [{ rule: 'drift/port-missing', severity: 'error', message: 'port 3090 of api is not in compose', file: 'stacks/minimal/docker-compose.yml', line: 12, column: 5 }],
        },
      ],
    };
    writeFileSync(path.join(root, 'public/check-report.json'), JSON.stringify(report));
    const { ctx, entries } = fakeContext(root);
    await referenceLoader({ checkReport: 'public/check-report.json' }).load(ctx);
    const drift = entries.get('drift')?.data as ReferenceEntryData & { reportFound: boolean };
    assert.equal(drift.reportFound, true);
    assert.match(drift.html, /\*\*1 finding\*\*/);
    assert.match(drift.html, /`stacks\/minimal\/docker-compose\.yml:12`/);
    assert.match(drift.html, /port 3090 of api is not in compose `drift\/port-missing`/);
    assert.match(drift.html, /\[minimal\]\(\/systems\/minimal\/\)/);
  });
});
