import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../helpers/cli.ts';
import { resolveRequest, startStaticServer, type StaticServer } from './static-server.ts';

describe('static server for the site tests', () => {
  const root = tempDir('topodoc-dist-');
  let server: StaticServer;
  before(async () => {
    mkdirSync(path.join(root, 'systems/a'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<h1>home</h1>');
    writeFileSync(path.join(root, 'systems/a/index.html'), '<h1>a</h1>');
    writeFileSync(path.join(root, '404.html'), '<h1>not found</h1>');
    writeFileSync(path.join(root, 'd.svg'), '<svg/>');
    server = await startStaticServer(root, '/base');
  });
  after(() => server.close());

  it('maps URLs inside the base path to files, and nothing else', () => {
    assert.equal(resolveRequest(root, '/base', '/base/'), path.join(root, 'index.html'));
    assert.equal(resolveRequest(root, '/base', '/base'), path.join(root, 'index.html'));
    assert.equal(resolveRequest(root, '/base', '/base/systems/a/?q=1#x'), path.join(root, 'systems/a/index.html'));
    assert.equal(resolveRequest(root, '/base', '/systems/a/'), undefined, 'outside the base');
    assert.equal(resolveRequest(root, '/base', '/basement/'), undefined);
    assert.equal(resolveRequest(root, '/base', '/base/../../etc/passwd'), undefined);
    assert.equal(resolveRequest(root, '/base', '/base/%2e%2e/%2e%2e/etc/passwd'), undefined);
    assert.equal(resolveRequest(root, '/base', '/base/%E0%A4%A'), undefined, 'malformed escapes');
    assert.equal(resolveRequest(root, '/', '/systems/a/'), path.join(root, 'systems/a/index.html'));
  });

  it('serves files with their type and answers unknown paths with the 404 page', async () => {
    const ok = await fetch(`${server.url}d.svg`);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'image/svg+xml');
    const missing = await fetch(`${server.origin}/elsewhere/`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /not found/);
  });
});
