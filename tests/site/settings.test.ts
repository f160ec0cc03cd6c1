import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SITE, normalizeBase, siteSettings, withBase } from '../../src/site/settings.ts';

describe('site settings', () => {
  it('reads the public URL and base path from the environment, with defaults', () => {
    assert.deepEqual(siteSettings({}), { site: DEFAULT_SITE, base: '/' });
    assert.deepEqual(siteSettings({ TOPODOC_SITE: 'https://docs.example.com/ignored/path', TOPODOC_BASE: 'handbook/' }), { site: 'https://docs.example.com', base: '/handbook' });
  });

  it('normalises the base path and refuses what is not a path', () => {
    for (const [input, expected] of [
      [undefined, '/'],
      ['', '/'],
      ['/', '/'],
      ['docs', '/docs'],
      ['/docs/', '/docs'],
      ['//team//docs/', '/team/docs'],
    ] as const) {
      assert.equal(normalizeBase(input), expected, String(input));
    }
    assert.throws(() => normalizeBase('/a/../b'), /TOPODOC_BASE must be a URL path/);
    assert.throws(() => normalizeBase('/a b'), /TOPODOC_BASE/);
    assert.throws(() => siteSettings({ TOPODOC_SITE: 'docs.example.com' }), /TOPODOC_SITE must be an absolute URL/);
    assert.throws(() => siteSettings({ TOPODOC_SITE: 'ftp://docs.example.com' }), /http\(s\)/);
  });

  it('prefixes root-relative paths with the base and leaves other URLs alone', () => {
    assert.equal(withBase('/', '/systems/a/'), '/systems/a/');
    assert.equal(withBase('/docs', '/systems/a/'), '/docs/systems/a/');
    assert.equal(withBase('/docs', '/'), '/docs/');
    // A base that happens to equal a site path is still added.
    assert.equal(withBase('/systems', '/systems/a/'), '/systems/systems/a/');
    for (const other of ['#top', 'https://example.com/', '//cdn.example.com/x', 'relative/path']) assert.equal(withBase('/docs', other), other);
  });
});
