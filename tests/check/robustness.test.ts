/**
 * The check never crashes on real compose files, and no value from `.env` or `environment:` reaches
 * any report format, even when the drift involves labels built from them.
 */
import assert from 'node:assert/strict';
import { cpSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { checkTopology } from '../../src/check/load-system.ts';
import { loadComposeProjectSync } from '../../src/compose/index.ts';
import { loadTopologyFile } from '../../src/io/topology-files.ts';
import { REPO_ROOT, tempDir, topodoc } from '../helpers/cli.ts';
import { SystemCopy } from './helpers.ts';

const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus/awesome-compose');
const COMPOSE_NAMES = new Set(['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml']);

function composeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...composeFiles(file));
    else if (COMPOSE_NAMES.has(name)) out.push(file);
  }
  return out;
}

describe('awesome-compose corpus: a topology naming the services is checked without crashing', () => {
  for (const file of composeFiles(CORPUS)) {
    test(path.relative(CORPUS, file), async () => {
      const project = loadComposeProjectSync({ files: [file], tolerateErrors: true, envFiles: [] });
      const services = Object.keys(project.services);
      const dir = tempDir('topodoc-check-corpus-');
      // The project's folder is copied beside the topology: topodoc reads only files inside the project.
      cpSync(path.dirname(file), path.join(dir, 'stack'), { recursive: true });
      const topology = [
        '# yaml-language-server: $schema=x',
        'id: corpus',
        'name: Corpus',
        `compose: { files: [${JSON.stringify(`stack/${path.basename(file)}`)}] }`,
        'services:',
        ...services.map((s) => `  ${JSON.stringify(s)}: { kind: app }`),
        '',
      ].join('\n');
      writeFileSync(path.join(dir, 'corpus.yaml'), topology);
      const loaded = await loadTopologyFile(path.join(dir, 'corpus.yaml'), dir);
      assert.ok(loaded.topology, JSON.stringify(loaded.diagnostics));
      const result = checkTopology(loaded, { cwd: dir, env: {}, security: true });
      assert.ok(['checked', 'invalid'].includes(result.status));
      assert.ok(!result.findings.some((f) => f.rule === 'check/path-outside-root'), 'the copied project is inside the root');
      if (result.status === 'checked') {
        assert.deepEqual(result.findings.filter((f) => f.rule === 'drift/service-missing' || f.rule === 'drift/service-extra'), []);
        for (const f of result.findings) assert.ok(f.loc && f.loc.line >= 1 && f.loc.column >= 1, `${f.rule} has a location`);
      }
    });
  }
});

test('no value from .env or environment: reaches text, json, sarif or github output', async () => {
  const env = 'topology/stacks/infra-production/.env.example';
  const automation = 'topology/stacks/infra-production/automation/docker-compose.yml';
  const s = new SystemCopy('infra-production')
    .replace(env, 'TRAEFIK_DASHBOARD_USERS=admin:replace-with-htpasswd-hash', "TRAEFIK_DASHBOARD_USERS='admin:$apr1$SENTINELSALT$SENTINELHASH,ops:$apr1$x$SENTINELHASH2'")
    .replace(env, 'ADMIN_ALLOWED_CIDRS=203.0.113.0/24', 'ADMIN_ALLOWED_CIDRS=198.51.100.77/32')
    .replace(env, 'N8N_DOMAIN=n8n.yourdomain.com', 'N8N_DOMAIN=sentinel-n8n.example.net')
    .replace(env, 'N8N_ENCRYPTION_KEY=change-me-to-a-long-random-key', 'N8N_ENCRYPTION_KEY=SENTINELKEY')
    // Drift that involves those values: another entrypoint from a variable, other CIDRs and users in the topology…
    .replace(automation, 'traefik.http.routers.n8n.entrypoints=websecure', 'traefik.http.routers.n8n.entrypoints=${N8N_DOMAIN}')
    .replace('topology/infra-production.yaml', "sourceRange: ['${ADMIN_ALLOWED_CIDRS}']", 'sourceRange: [10.0.0.0/8]')
    .replace('topology/infra-production.yaml', '      usersFileVariable: TRAEFIK_DASHBOARD_USERS', '      users: [bob]')
    // …and an environment variable the topology does not list.
    .replace(automation, '      N8N_ENCRYPTION_KEY: ${N8N_ENCRYPTION_KEY}\n', '      N8N_ENCRYPTION_KEY: ${N8N_ENCRYPTION_KEY}\n      N8N_API_TOKEN: SENTINELTOKEN\n');
  const outputs: string[] = [];
  for (const format of ['text', 'json', 'sarif', 'github']) {
    const r = await topodoc(['check', '--format', format], s.dir);
    assert.equal(r.code, 1, `${format}: ${r.stderr}`);
    outputs.push(r.stdout, r.stderr);
  }
  const all = outputs.join('\n');
  for (const secret of ['SENTINEL', 'sentinel-n8n', '198.51.100.77', 'apr1']) assert.ok(!all.includes(secret), `"${secret}" leaked`);
  // The findings are there, naming variables and user names instead.
  assert.match(all, /setting sourceRange of middleware "admin-ipallowlist" is 10\.0\.0\.0\/8 in the topology, but \$\{ADMIN_ALLOWED_CIDRS\} in compose/);
  assert.match(all, /setting users of middleware "dashboard-auth" is bob in the topology, but admin, ops in compose/);
  assert.match(all, /compose router "n8n" on \$\{N8N_DOMAIN\}/);
  assert.match(all, /sets environment variable "N8N_API_TOKEN" in compose/);
});
