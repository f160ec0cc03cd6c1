import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UserInputError } from '../../src/model/diagnostics.ts';
import { CHROMIUM_CANDIDATES, findChromium } from '../../src/render/chromium.ts';

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
