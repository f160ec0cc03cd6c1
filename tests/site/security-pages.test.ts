/** The security review on the built site: each system's security page, and a page per rule. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { SECURITY_RULES } from '../../src/security/catalog.ts';
import { ruleSlug } from '../../src/security/paths.ts';
import { DIST, ensureSiteBuilt, TEST_BASE } from './site-build.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('security pages of the built site', () => {
  before(() => void ensureSiteBuilt());

  it('shows each system\'s review: checks failed with their rationale, fix and compose line, and checks passed', () => {
    const html = readFileSync(path.join(DIST, 'systems/mito/security/index.html'), 'utf8');
    const body = text(html);
    assert.match(body, /Security review What the compose files \( topology\/stacks\/mito\/docker-compose\.yml , topology\/stacks\/mito\/docker-compose\.override\.yml \) actually run/);
    assert.match(body, /Traefik’?'?s API and dashboard run in insecure mode/);
    assert.match(body, /Fix: Remove --api\.insecure=true/);
    assert.match(body, /topology\/stacks\/mito\/docker-compose\.yml:\d+:\d+ Traefik serves its API and dashboard without authentication/);
    assert.match(body, /Checks passed/);
    assert.ok(html.includes(`href="${TEST_BASE}/reference/security/traefik-api-insecure/"`), 'links the rule page with the base path');
    assert.ok(!html.includes('<script>alert'), 'no markup from compose');
  });

  it('has an index and one page per rule with rationale, fix and how to run it', () => {
    assert.ok(existsSync(path.join(DIST, 'reference/security/index.html')));
    for (const rule of SECURITY_RULES) {
      const file = path.join(DIST, 'reference/security', ruleSlug(rule.id), 'index.html');
      assert.ok(existsSync(file), `${rule.id} has a page`);
      const body = text(readFileSync(file, 'utf8'));
      assert.ok(body.includes('Why it matters') && body.includes('How to fix it') && body.includes('topodoc check --security'), rule.id);
    }
  });
});
