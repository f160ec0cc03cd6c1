import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UserInputError } from '../../src/model/diagnostics.ts';
import { CHROMIUM_CANDIDATES, CHROMIUM_FLAGS, findChromium, launchChromium, PLAYWRIGHT_DISABLED_FEATURES } from '../../src/render/chromium.ts';

const scratch = mkdtempSync(join(tmpdir(), 'topodoc-chromium-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('findChromium', () => {
  it('reports a CHROMIUM_PATH that points at a missing file, with the fix', () => {
    const missing = join(scratch, 'no-such-chromium');
    assert.throws(
      () => findChromium({ CHROMIUM_PATH: missing }),
      (error: unknown) => {
        assert.ok(error instanceof UserInputError);
        assert.match(error.message, new RegExp(missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        assert.match(error.message, /apt-get install -y chromium/);
        assert.match(error.message, /set CHROMIUM_PATH/);
        assert.equal(error.diagnostics[0]?.rule, 'render/chromium-missing');
        return true;
      },
    );
  });

  it('does not fall back to another browser when CHROMIUM_PATH is wrong', () => {
    assert.throws(() => findChromium({ CHROMIUM_PATH: scratch }, () => false), UserInputError);
    // A directory is not an executable, even though it exists.
    assert.throws(() => findChromium({ CHROMIUM_PATH: scratch }), /no executable file/);
  });

  it('uses CHROMIUM_PATH when it names an executable', () => {
    const fake = join(scratch, 'my-chrome');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    assert.equal(findChromium({ CHROMIUM_PATH: fake }), fake);
  });

  it('finds the system Chromium at /usr/bin/chromium when CHROMIUM_PATH is unset', () => {
    assert.equal(findChromium({}), '/usr/bin/chromium');
    assert.equal(findChromium({ CHROMIUM_PATH: '' }), '/usr/bin/chromium');
  });

  it('tries the usual paths in order', () => {
    const seen: string[] = [];
    const found = findChromium({}, (path) => {
      seen.push(path);
      return path === '/usr/bin/google-chrome-stable';
    });
    assert.equal(found, '/usr/bin/google-chrome-stable');
    assert.deepEqual(seen, ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']);
  });

  it('explains how to install Chromium when none is found', () => {
    assert.throws(
      () => findChromium({}, () => false),
      (error: unknown) => {
        assert.ok(error instanceof UserInputError);
        assert.match(error.message, /No Chromium found/);
        assert.match(error.message, /apt-get install -y chromium/);
        for (const candidate of CHROMIUM_CANDIDATES) assert.ok(error.message.includes(candidate), candidate);
        return true;
      },
    );
  });
});

/** The value of the last `--disable-features` switch on a process's command line (the one Chromium keeps). */
function disabledFeaturesOf(pid: number): string[] {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const value = args.findLast((a) => a.startsWith('--disable-features='))?.slice('--disable-features='.length) ?? '';
  return value.split(',').filter((f) => f !== '');
}

describe('launchChromium', () => {
  it("repeats Playwright's own --disable-features list, which its switch replaces", async () => {
    const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');
    const server = await chromium.launchServer({ executablePath: findChromium(), headless: true, args: [...CHROMIUM_FLAGS] });
    try {
      const pid = server.process().pid;
      assert.ok(pid !== undefined);
      assert.deepEqual([...disabledFeaturesOf(pid)].sort(), [...PLAYWRIGHT_DISABLED_FEATURES].sort());
    } finally {
      await server.close();
    }
  });

  it('starts no renderer for browser UI (the omnibox popup) besides the page', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.route('**/*', (route) => route.fulfill({ contentType: 'text/html', body: '<title>t</title>' }));
      await page.goto('http://topodoc.invalid/');
      const session = await browser.newBrowserCDPSession();
      const { targetInfos } = (await session.send('Target.getTargets', { filter: [{}] })) as { targetInfos: Array<{ type: string; url: string }> };
      assert.deepEqual(
        targetInfos.filter((t) => t.type !== 'page' && t.type !== 'tab').map((t) => t.url),
        [],
      );
    } finally {
      await browser.close();
    }
  });
});
