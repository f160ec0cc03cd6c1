import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { astroDirs, projectDir } from '../../src/site/paths.ts';

describe('site paths: the documented repository and the build outputs', () => {
  it('documents the Astro root unless TOPODOC_PROJECT_DIR points at another repository', () => {
    assert.equal(projectDir({}, '/pkg'), '/pkg');
    assert.equal(projectDir({ TOPODOC_PROJECT_DIR: ' ' }, '/pkg'), '/pkg');
    assert.equal(projectDir({ TOPODOC_PROJECT_DIR: '/work/infra' }, '/pkg'), '/work/infra');
    assert.equal(projectDir({ TOPODOC_PROJECT_DIR: 'infra' }, '/pkg'), path.resolve('infra'));
  });

  it("leaves Astro's defaults alone for this repository's own build", () => {
    assert.deepEqual(astroDirs({}), {});
    assert.deepEqual(astroDirs({ TOPODOC_OUT_DIR: '/tmp/site' }), { outDir: '/tmp/site' });
  });

  it('puts the site and the caches in the documented repository, never in the package', () => {
    assert.deepEqual(astroDirs({ TOPODOC_PROJECT_DIR: '/work/infra' }), {
      outDir: '/work/infra/dist',
      cacheDir: '/work/infra/.topodoc-cache/astro',
      viteCacheDir: '/work/infra/.topodoc-cache/vite',
    });
    assert.equal(astroDirs({ TOPODOC_PROJECT_DIR: '/work/infra', TOPODOC_OUT_DIR: 'public-site' }).outDir, '/work/infra/public-site');
    assert.equal(astroDirs({ TOPODOC_PROJECT_DIR: '/work/infra', TOPODOC_OUT_DIR: '/srv/www' }).outDir, '/srv/www');
  });
});
