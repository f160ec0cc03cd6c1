/**
 * The npm package, end to end: `npm pack` this repository, install the tarball into a scratch
 * repository that holds nothing but a compose file, and use it there as a team would:
 * `npx topodoc init --from docker-compose.yml`, `check`, `generate`, `build --base /docs/`, then
 * the built site in a browser under /docs/. Every command runs with this repository's Node 24
 * (first on PATH) and npm installs from its local cache when it can.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/render/chromium.ts';
import { REPO_ROOT, tempDir } from '../helpers/cli.ts';
import { resolveRequest, startStaticServer, type StaticServer } from '../site/static-server.ts';

const BASE = '/docs';
const SITE = 'https://infra.example.org';
const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const COMPOSE = `name: shop
services:
  traefik:
    image: traefik:v3.1
    command:
      - --providers.docker=true
      - --providers.docker.exposedbydefault=false
      - --entrypoints.web.address=:80
    ports:
      - "80:80"
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
    networks: [web]
  api:
    image: traefik/whoami:v1.10
    labels:
      - traefik.enable=true
      - traefik.http.routers.api.rule=Host(\`api.example.com\`)
      - traefik.http.routers.api.entrypoints=web
      - traefik.http.services.api.loadbalancer.server.port=80
    depends_on:
      db:
        condition: service_healthy
    networks: [web, data]
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "postgres"]
      interval: 10s
    networks: [data]
networks:
  web: {}
  data:
    internal: true
`;

/**
 * The environment of a team's shell: Node 24 first on PATH (npm's and topodoc's `#!/usr/bin/env node`
 * then run with it), without what `npm test` or a developer's TOPODOC_* settings would leak in.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^TOPODOC_/.test(k) || k === 'INIT_CWD') continue;
    if (/^npm_/i.test(k) && !/^npm_config_(cache|registry|userconfig|globalconfig|proxy|https_proxy|noproxy|cafile|strict_ssl)$/i.test(k)) continue;
    env[k] = v;
  }
  env['PATH'] = `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`;
  env['NO_COLOR'] = '1';
  env['npm_config_update_notifier'] = 'false';
  env['npm_config_fund'] = 'false';
  env['npm_config_audit'] = 'false';
  return env;
}

const ENV = cleanEnv();

function sh(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.status, 0, `${what} exited ${r.status}:\n${r.stdout.slice(-6000)}\n${r.stderr.slice(-6000)}`);
  return r.stdout;
}

/** `npx topodoc …` in the scratch repository; never installs anything (`--no`; `--` keeps `--version` for topodoc). */
function npxTopodoc(repo: string, args: string[]): SpawnSyncReturns<string> {
  return sh('npx', ['--no', '--', 'topodoc', ...args], repo);
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(abs, out);
    else out.push(abs);
  }
  return out;
}

interface PackReport {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string }>;
}

describe('the npm package in a repository that has only a compose file', { timeout: 20 * 60_000 }, () => {
  let work: string;
  let repo: string;
  let pack: PackReport;

  before(() => {
    work = tempDir('topodoc-pack-');
    const out = ok(sh('npm', ['pack', '--json', '--pack-destination', work], REPO_ROOT), 'npm pack');
    pack = (JSON.parse(out.slice(out.search(/^\[/m))) as PackReport[])[0]!;
    repo = path.join(work, 'infra');
    mkdirSync(repo);
    writeFileSync(path.join(repo, 'package.json'), '{ "name": "shop-infra", "private": true }\n');
    writeFileSync(path.join(repo, 'docker-compose.yml'), COMPOSE);
    const tarball = path.join(work, pack.filename);
    // From npm's cache (filled by `npm run bootstrap`); the registry only for what the cache lacks.
    let install = sh('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], repo);
    if (install.status !== 0) install = sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], repo);
    ok(install, 'npm install <tarball>');
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs the CLI bundle, the site project and the schema; no tests, fixtures, examples or output', () => {
    const files = pack.files.map((f) => f.path);
    for (const needed of ['package.json', 'README.md', 'bin/topodoc.js', 'dist-cli/bin.js', 'astro.config.mjs', 'src/content.config.mjs', 'src/pages/index.astro', 'src/site/loader.ts', 'src/content/docs/guides/use-in-your-repo.md', 'public/schema/topology.schema.json']) {
      assert.ok(files.includes(needed), `the tarball lacks ${needed}`);
    }
    const unwanted = files.filter((f) => /^(tests|topology|diagrams|dist|bench|scripts|test-results|\.topodoc-cache|\.astro|node_modules)\//.test(f) || /fixtures|\.test\.ts$|check-report\.json$/.test(f));
    assert.deepEqual(unwanted, []);
    assert.ok(pack.size < 2 * 1024 * 1024, `tarball is ${pack.size} bytes`);
  });

  it('scaffolds, checks and generates the docs with npx topodoc', () => {
    assert.equal(ok(npxTopodoc(repo, ['--version']), 'topodoc --version').trim(), VERSION);
    const help = ok(npxTopodoc(repo, ['--help']), 'topodoc --help');
    for (const command of ['init', 'import', 'validate', 'generate', 'check', 'render', 'build']) assert.match(help, new RegExp(`^ {2}${command} `, 'm'));

    ok(npxTopodoc(repo, ['init', '--from', 'docker-compose.yml']), 'topodoc init --from docker-compose.yml');
    const topologies = readdirSync(path.join(repo, 'topology')).filter((f) => f.endsWith('.yaml'));
    assert.deepEqual(topologies, ['shop.yaml']);
    assert.match(ok(npxTopodoc(repo, ['validate']), 'topodoc validate'), /✓ shop/);
    assert.match(ok(npxTopodoc(repo, ['check']), 'topodoc check'), /no drift/);
    ok(npxTopodoc(repo, ['generate']), 'topodoc generate');
    assert.ok(existsSync(path.join(repo, 'diagrams/shop/architecture.mmd')));
    ok(npxTopodoc(repo, ['generate', '--check']), 'topodoc generate --check');
    // The installed copy runs the bundle: Node would refuse the TypeScript sources under node_modules.
    assert.ok(existsSync(path.join(repo, 'node_modules/topodoc/dist-cli/bin.js')));
  });

  it(`builds the site under ${BASE}/ into dist/, copying nothing of the site into the repository`, () => {
    const out = ok(npxTopodoc(repo, ['build', '--site', SITE, '--base', `${BASE}/`]), 'topodoc build');
    assert.match(out, new RegExp(`✓ site in dist/ for ${SITE}${BASE}/`));
    const dist = path.join(repo, 'dist');
    const home = readFileSync(path.join(dist, 'index.html'), 'utf8');
    assert.match(home, new RegExp(`href="${BASE}/systems/shop/"`));
    assert.match(readFileSync(path.join(dist, 'systems/shop/index.html'), 'utf8'), /<h1[^>]*>Shop<\/h1>/);
    assert.ok(existsSync(path.join(dist, 'systems/shop/services/api/index.html')));
    const svg = readFileSync(path.join(dist, 'diagrams/shop/architecture.svg'), 'utf8');
    assert.match(svg, new RegExp(`href="${BASE}/systems/shop/services/api/"`));
    // The repository gained its topology, the generated views, the site and caches; no Astro project.
    assert.deepEqual(readdirSync(repo).sort(), ['.topodoc-cache', 'diagrams', 'dist', 'docker-compose.yml', 'node_modules', 'package-lock.json', 'package.json', 'topology']);

    // Every internal link and image of every page stays inside the base path and exists.
    const broken: string[] = [];
    let checked = 0;
    for (const file of walk(dist).filter((f) => /\.(html|svg)$/.test(f))) {
      const rel = path.relative(dist, file).split(path.sep).join('/');
      const pageUrl = new URL(`${BASE}/${rel.replace(/(^|\/)index\.html$/, '$1')}`, SITE);
      for (const m of readFileSync(file, 'utf8').matchAll(/\s(?:href|src|xlink:href)="([^"]+)"/g)) {
        const link = m[1]!.replace(/&amp;/g, '&');
        if (/^(mailto|tel|data|javascript):/i.test(link)) continue;
        const target = new URL(link, pageUrl);
        if (target.origin !== SITE) continue;
        checked++;
        if (!resolveRequest(dist, BASE, target.pathname)) broken.push(`${rel} → ${link}`);
      }
    }
    assert.ok(checked > 100, `only ${checked} links checked`);
    assert.deepEqual(broken, []);
  });

  describe(`the built site in a browser, served under ${BASE}/`, () => {
    let server: StaticServer;
    let browser: Browser;
    before(async () => {
      server = await startStaticServer(path.join(repo, 'dist'), BASE);
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('goes from the home page to the system, its diagram and a service clicked in it', async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      try {
        const page = await context.newPage();
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        // An aborted request was cancelled by the page (a prefetch overtaken by the click), not broken;
        // broken URLs show up as HTTP errors below.
        page.on('requestfailed', (r) => {
          if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
        });
        page.on('response', (r) => {
          if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
        });
        await page.goto(server.url, { waitUntil: 'load' });
        await page.locator('.td-card__title a', { hasText: 'Shop' }).click();
        await page.waitForURL(`**${BASE}/systems/shop/`);
        // The architecture diagram is there, drawn (an SVG with the services), and each service is a link.
        const node = page.locator(`figure.td-diagram svg a[*|href="${BASE}/systems/shop/services/api/"]`);
        assert.equal(await node.count(), 1);
        await node.scrollIntoViewIfNeeded();
        await node.click();
        await page.waitForURL(`**${BASE}/systems/shop/services/api/`);
        assert.match((await page.locator('main').innerText()), /docker-compose\.yml:\d+/);
        // The diagram's own URL (Open full size, Download) answers under the base path too.
        const full = await page.request.get(`${server.origin}${BASE}/diagrams/shop/architecture.svg`);
        assert.equal(full.status(), 200);
        assert.match(await full.text(), /^<svg /);
        await page.waitForLoadState('networkidle');
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  });
});

