/**
 * Output safety: no value from compose `environment:` or from `.env` reaches `diagrams/`, any report
 * format of `topodoc check --security`, or the docs site's pages. The careless stack carries canary
 * values in both places (literal secrets, a `.env` with the domain and a token that labels use).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadTopologyFile } from '../../src/io/topology-files.ts';
import { composeLocations } from '../../src/site/compose-locations.ts';
import { siteSecurityReview } from '../../src/site/security-loader.ts';
import { securityRuleMarkdown, securityRulesIndexMarkdown } from '../../src/site/security-review.ts';
import { servicePage } from '../../src/site/service-page.ts';
import { systemPages } from '../../src/site/system-pages.ts';
import { SECURITY_RULES } from '../../src/security/catalog.ts';
import { generateSystem } from '../../src/views/generate.ts';
import { topodoc } from '../helpers/cli.ts';
import { Careless, CARELESS_TOPOLOGY } from './helpers.ts';

/** Values that must never be printed: from `.env` (interpolated into labels and environment) and literal environment values. */
const CANARIES = ['CANARY', 'canary-domain', 'hunter2', 'supersecret'];

function assertClean(what: string, text: string): void {
  for (const canary of CANARIES) assert.ok(!text.toLowerCase().includes(canary.toLowerCase()), `${what} leaks "${canary}"`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('canary values stay out of every output', () => {
  test('the fixture really holds the canaries (in .env and as literal environment values)', () => {
    const s = new Careless();
    assert.match(s.read('topology/stacks/careless/.env'), /DOMAIN=canary-domain\.example/);
    assert.match(s.read('topology/stacks/careless/docker-compose.yml'), /DB_PASSWORD: hunter2-CANARY-LITERAL/);
  });

  test('topodoc generate: nothing under diagrams/', async () => {
    const s = new Careless();
    const r = await topodoc(['generate'], s.dir);
    assert.equal(r.code, 0, r.stderr);
    const files = filesUnder(path.join(s.dir, 'diagrams'));
    assert.ok(files.length > 10);
    for (const file of files) assertClean(path.relative(s.dir, file), readFileSync(file, 'utf8'));
    assert.equal((await topodoc(['generate', '--check'], s.dir)).code, 0, 'generate --check is clean');
  });

  test('topodoc check --security: text, json, sarif and github', async () => {
    const s = new Careless();
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const r = await topodoc(['check', '--security', '--format', format], s.dir);
      assert.equal(r.code, 1, `${format}: ${r.stderr}`);
      assert.match(r.stdout, /security\/literal-secret/);
      assert.match(r.stdout, /\$\{DOMAIN\}/, `${format} shows the label as written`);
      assertClean(`check --format ${format}`, r.stdout + r.stderr);
    }
  });

  test('the docs site: system pages with the security review, service pages, rule pages', async () => {
    const s = new Careless();
    const loaded = await loadTopologyFile(path.join(s.dir, CARELESS_TOPOLOGY), s.dir);
    const t = loaded.topology!;
    const fragments = generateSystem(t);
    const href = (p: string) => `/base${p}`;
    const review = siteSecurityReview(loaded, s.dir);
    assert.equal(review?.status, 'reviewed');
    const pages = systemPages(t, fragments, href, review);
    const security = pages.find((p) => p.slug === 'security')!;
    assert.match(security.page.markdown, /## Security review/);
    assert.match(security.page.markdown, /security\/literal-secret/);
    const compose = composeLocations(t, loaded.absPath, s.dir);
    const services = Object.keys(t.services).map((id) =>
      servicePage(t, id, fragments, href, { topology: loaded.locator.locate(['services', id], { key: true }), compose: compose?.services.has(id) ? [compose.services.get(id)!] : [], composeFiles: compose?.files }),
    );
    const rules = [securityRulesIndexMarkdown(href), ...SECURITY_RULES.map((r) => securityRuleMarkdown(r, href))];
    assertClean('site pages', JSON.stringify({ pages, services, rules }));
  });
});
