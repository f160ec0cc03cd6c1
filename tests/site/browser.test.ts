/**
 * The built site in a real browser (the system Chromium, driven by playwright-core), served from
 * dist/ under a base path by a small static server: navigation, search, theme, diagram links,
 * text-diagram copy, console errors. Screenshots of key pages go to test-results/site/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../src/render/chromium.ts';
import { ensureSiteBuilt, REPO_ROOT, TEST_BASE } from './site-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'site');

let server: StaticServer;
let browser: Browser;

interface Tab {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  problems: string[];
}

async function open(urlPath: string, options: { colorScheme?: 'light' | 'dark'; width?: number; clipboard?: boolean } = {}): Promise<Tab> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1400, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    ...(options.clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {}),
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // An aborted request was cancelled by the page (a prefetch overtaken by a click), not broken;
  // broken URLs show up as HTTP errors below.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(server.url + urlPath.replace(/^\//, ''), { waitUntil: 'load' });
  return { context, page, problems };
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

/** Scrolls through the page so lazy diagrams load, then back to the top. */
async function scrollThrough(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 700) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(40);
  }
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => window.scrollTo(0, 0));
}

describe('docs site in a browser', { timeout: 20 * 60_000 }, () => {
  before(async () => {
    ensureSiteBuilt();
    mkdirSync(SHOTS, { recursive: true });
    server = await startStaticServer(path.join(REPO_ROOT, 'dist'), TEST_BASE);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('goes from the home page to a system and on to one of its services', async () => {
    const { context, page } = await open('/');
    try {
      assert.equal(await page.locator('h1').textContent(), 'Systems');
      assert.equal(await page.locator('.td-card').count(), 5);
      await shot(page, 'home-light');
      await page.locator('.td-card__title a', { hasText: 'MITO Platform' }).click();
      await page.waitForURL(`**${TEST_BASE}/systems/mito/`);
      assert.equal((await page.locator('h1').textContent())?.trim(), 'MITO Platform');
      // The overview's services table links every service.
      await page.locator('.sl-markdown-content table a', { hasText: /^API$/ }).click();
      await page.waitForURL(`**${TEST_BASE}/systems/mito/services/api/`);
      assert.equal((await page.locator('h1').textContent())?.trim(), 'API');
      const body = await page.locator('main').innerText();
      for (const fact of ['api.${DOMAIN}', '3000', 'Fastify', 'mito-network', 'PostgreSQL', 'Routes and hosts', 'Defined in']) assert.ok(body.includes(fact), `service page lacks "${fact}"`);
      assert.match(body, /topology\/stacks\/mito\/docker-compose\.yml:\d+/, 'names the compose file and line');
      // The sidebar shows where we are.
      assert.equal(await page.locator('nav[aria-label] a[aria-current="page"]').first().textContent().then((t) => t?.trim()), 'API');
    } finally {
      await context.close();
    }
  });

  it('finds a service by its public hostname and by a port number', async () => {
    const { context, page } = await open('/');
    try {
      for (const [query, expected] of [
        ['api.sellybase.albaly.jp', '/systems/sellybase/services/api/'],
        ['5432', '/services/postgres/'],
      ] as const) {
        await page.locator('site-search button[data-open-modal]').click();
        await page.locator('.pagefind-ui__search-input').fill(query);
        const first = page.locator('.pagefind-ui__result-link').first();
        await first.waitFor();
        assert.ok((await first.getAttribute('href'))?.includes(expected), `first result for "${query}" is ${await first.getAttribute('href')}`);
        if (query.includes('.')) await shot(page, 'search-hostname');
        await first.click();
        await page.waitForURL((url) => url.pathname.includes(expected));
        assert.ok((await page.locator('main').innerText()).includes(query));
      }
    } finally {
      await context.close();
    }
  });

  it("switches the diagrams' colours with Starlight's theme toggle", async () => {
    const { context, page } = await open('/systems/mito/');
    try {
      const edge = page.locator('figure.td-diagram svg .flowchart-link').first();
      const label = page.locator('figure.td-diagram svg .cluster-label, figure.td-diagram svg .edgeLabel').first();
      const colours = () => Promise.all([edge.evaluate((e) => getComputedStyle(e).stroke), label.evaluate((e) => getComputedStyle(e).color)]);
      await edge.scrollIntoViewIfNeeded();
      const light = await colours();
      await shot(page, 'system-overview-light');
      await page.locator('starlight-theme-select select').first().selectOption('dark');
      await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
      const dark = await colours();
      assert.notEqual(dark[0], light[0], 'edge colour follows the theme');
      assert.notEqual(dark[1], light[1], 'label colour follows the theme');
      await shot(page, 'system-overview-dark');
      await page.locator('starlight-theme-select select').first().selectOption('light');
      await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'light');
      assert.deepEqual(await colours(), light);
    } finally {
      await context.close();
    }
  });

  it('opens a service when its node in the architecture diagram is clicked', async () => {
    const { context, page } = await open('/systems/mito/');
    try {
      // Mermaid writes the link as xlink:href; `*|href` matches it in any namespace.
      const node = page.locator(`figure.td-diagram svg a[*|href="${TEST_BASE}/systems/mito/services/postgres/"]`);
      assert.equal(await node.count(), 1);
      await node.scrollIntoViewIfNeeded();
      await node.click();
      await page.waitForURL(`**${TEST_BASE}/systems/mito/services/postgres/`);
      assert.equal((await page.locator('h1').textContent())?.trim(), 'PostgreSQL');
    } finally {
      await context.close();
    }
  });

  it('opens a diagram wider than its canvas at its first node, on the page and enlarged', async () => {
    const { context, page } = await open('/systems/mito/');
    try {
      // The first node, where the architecture starts, is inside the box that scrolls it.
      const inView = (scrollerSelector: string) =>
        page.evaluate((selector) => {
          const scroller = document.querySelector(selector);
          const node = scroller?.querySelector('svg g.node');
          if (!scroller || !node) return { wide: false, inView: false, id: 'no node found' };
          const outer = scroller.getBoundingClientRect();
          const box = node.getBoundingClientRect();
          return { wide: scroller.scrollWidth > scroller.clientWidth, inView: box.left >= outer.left && box.right <= outer.right, id: node.id };
        }, scrollerSelector);
      const canvas = await inView('figure.td-diagram .td-diagram__canvas');
      assert.ok(canvas.wide && canvas.inView, JSON.stringify(canvas));
      assert.match(canvas.id, /-internet-/);
      await page.locator('figure.td-diagram').first().getByRole('button', { name: 'Enlarge' }).click();
      await page.locator('dialog.td-lightbox[open] svg').waitFor();
      const enlarged = await inView('dialog.td-lightbox[open] .td-lightbox__body');
      assert.ok(enlarged.wide && enlarged.inView, JSON.stringify(enlarged));
      await shot(page, 'architecture-enlarged');
    } finally {
      await context.close();
    }
  });

  it('gives every diagram an accessible name and description, and enlarges it on demand', async () => {
    const { context, page } = await open('/systems/mito/flows/');
    try {
      const figures = page.locator('figure.td-diagram');
      assert.ok((await figures.count()) >= 6);
      // Below the fold diagrams start as <img> with alt text and are inlined when scrolled to.
      const last = figures.last();
      assert.ok((await last.locator('img[alt]').count()) === 1 || (await last.locator('svg').count()) === 1);
      await scrollThrough(page);
      await page.waitForFunction(() => [...document.querySelectorAll('figure.td-diagram')].every((f) => f.querySelector('svg')));
      for (const svg of await page.locator('figure.td-diagram svg').all()) {
        const name = await svg.evaluate((e) => document.getElementById(e.getAttribute('aria-labelledby') ?? '')?.textContent ?? '');
        const description = await svg.evaluate((e) => document.getElementById(e.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
        assert.ok(name.length > 3 && description.length > 10, `diagram without an accessible name or description: "${name}"`);
      }
      const first = figures.first();
      for (const link of ['Open full size', 'Download SVG']) {
        const href = await first.getByRole('link', { name: link }).getAttribute('href');
        assert.match(href ?? '', new RegExp(`^${TEST_BASE}/diagrams/mito/.+\\.svg$`));
      }
      await first.getByRole('button', { name: 'Enlarge' }).click();
      const dialog = page.locator('dialog.td-lightbox[open]');
      await dialog.locator('svg').waitFor();
      await shot(page, 'diagram-enlarged');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // Clicking the picture (away from any linked node) enlarges it too.
      await first.locator('.td-diagram__canvas').click({ position: { x: 4, y: 4 } });
      await dialog.locator('svg').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await shot(page, 'system-flows');
    } finally {
      await context.close();
    }
  });

  it('copies a text diagram with its copy button', async () => {
    const { context, page } = await open('/systems/mito/text/', { clipboard: true });
    try {
      const frame = page.locator('.td-ascii__frame').first();
      const expected = await frame.locator('pre').textContent();
      assert.ok(expected && expected.includes('┌'), 'the text diagram uses box-drawing characters');
      await frame.getByRole('button', { name: 'Copy' }).click();
      await page.waitForFunction(() => document.querySelector('.td-copy')?.textContent === 'Copied');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
      await shot(page, 'system-text-diagrams');
    } finally {
      await context.close();
    }
  });

  it('shows key pages without console errors or failed requests, in light and dark', async () => {
    const pages = [
      ['/', 'home'],
      ['/systems/mito/', 'system-overview'],
      ['/systems/infra-production/flows/', 'system-flows-large'],
      ['/systems/sellybase/services/api/', 'service'],
      ['/systems/mito/security/', 'system-security'],
      ['/systems/sellybase/operations/', 'system-operations'],
      ['/reference/schema/', 'schema-reference'],
      ['/drift/', 'drift'],
      ['/guides/getting-started/', 'guide'],
    ] as const;
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [urlPath, name] of pages) {
        const { context, page, problems } = await open(urlPath, { colorScheme });
        try {
          await scrollThrough(page);
          assert.deepEqual(problems, [], `${urlPath} (${colorScheme})`);
          if (colorScheme === 'dark' || name === 'service' || name === 'schema-reference' || name === 'drift') await shot(page, `${name}-${colorScheme}`);
        } finally {
          await context.close();
        }
      }
    }
  });

  it('works on a phone-sized screen', async () => {
    const { context, page, problems } = await open('/systems/sellybase/services/api/', { width: 390 });
    try {
      // No horizontal page scroll: wide tables and diagrams scroll inside their own boxes.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
      await shot(page, 'service-mobile');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('answers a missing page with the not-found page inside the base path', async () => {
    const { context, page } = await open('/systems/no-such-system/');
    try {
      assert.equal((await page.locator('h1').textContent())?.trim(), 'Page not found');
      assert.equal(await page.locator('main').getByRole('link', { name: 'all systems' }).getAttribute('href'), `${TEST_BASE}/`);
    } finally {
      await context.close();
    }
  });
});
