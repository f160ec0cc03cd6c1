/**
 * `npm run dev`: Astro's dev server over a scratch project (TOPODOC_PROJECT_DIR, as `topodoc build`
 * uses), so the repository's own topologies stay untouched. It must serve the system, show a
 * topology edit without a restart, and report a broken topology with file and line.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/cli.ts';
import { REPO_ROOT, withSiteLock } from './site-build.ts';

const MINIMAL = readFileSync(path.join(REPO_ROOT, 'tests/fixtures/topologies/minimal.yaml'), 'utf8');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function pageTitle(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url);
    if (!response.ok) return undefined;
    return /<h1[^>]*>([^<]*)<\/h1>/.exec(await response.text())?.[1];
  } catch {
    return undefined; // not listening yet
  }
}

/** Polls `probe` until it returns true; fails with `context()` (the server's log) after `ms`. */
async function waitFor(what: string, probe: () => Promise<boolean> | boolean, context: () => string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; dev server log:\n${context().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('npm run dev serves a system, shows a topology edit without a restart, and reports a broken topology with file:line', { timeout: 240_000 }, async () => {
  const project = tempDir('topodoc-dev-');
  const topologyFile = path.join(project, 'topology', 'minimal.yaml');
  mkdirSync(path.dirname(topologyFile));
  writeFileSync(topologyFile, MINIMAL);
  const port = await freePort();
  const page = `http://127.0.0.1:${port}/systems/minimal/`;

  await withSiteLock(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TOPODOC_PROJECT_DIR: project, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
    delete env['TOPODOC_BASE'];
    delete env['TOPODOC_SITE'];
    const server = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], { cwd: REPO_ROOT, env });
    let log = '';
    server.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise((resolve) => server.on('exit', resolve));
    try {
      await waitFor('the system page', async () => (await pageTitle(page)) === 'Minimal system', () => log);

      writeFileSync(topologyFile, MINIMAL.replace('name: Minimal system', 'name: Renamed system'));
      await waitFor('the edited name', async () => (await pageTitle(page)) === 'Renamed system', () => log, 60_000);

      const logBefore = log.length;
      writeFileSync(topologyFile, MINIMAL.replace('name: Minimal system', 'name: [Minimal system'));
      await waitFor('the error for the broken topology', () => /minimal\.yaml:\d+:\d+: error: YAML syntax error/.test(log.slice(logBefore)), () => log, 60_000);
      assert.match(log.slice(logBefore), /topology\/minimal\.yaml:\d+:\d+: error: YAML syntax error: .*\[yaml\/syntax\]/);
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
  });
});
