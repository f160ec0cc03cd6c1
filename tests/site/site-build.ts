/**
 * Builds the docs site for the site tests, once, when dist/ is missing or was built from other
 * inputs. Test files run in parallel processes, so the build is guarded by a lock directory and
 * every caller re-checks the fingerprint after taking it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(REPO_ROOT, 'dist');
/** The tests build under a sub-path, so every link must carry the base path to pass. */
export const TEST_BASE = '/handbook';
export const TEST_SITE = 'https://docs.example.com';

const STAMP = path.join(REPO_ROOT, '.topodoc-cache', 'site-build.json');
const LOCK = path.join(REPO_ROOT, '.topodoc-cache', 'site-build.lock');
/** Everything the site is built from. diagrams/ is left out: the build regenerates it from topology/. */
const INPUTS = ['astro.config.mjs', 'package.json', 'src', 'topology', 'public'];
const SKIP = new Set(['node_modules', '.git', 'check-report.json']);

function listFiles(abs: string, out: string[]): void {
  if (!existsSync(abs)) return;
  if (statSync(abs).isFile()) {
    out.push(abs);
    return;
  }
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    listFiles(path.join(abs, entry.name), out);
  }
}

export function inputFingerprint(env: Record<string, string>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(env));
  const files: string[] = [];
  for (const input of INPUTS) listFiles(path.join(REPO_ROOT, input), files);
  for (const file of files.sort()) {
    hash.update(path.relative(REPO_ROOT, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function isFresh(fingerprint: string): boolean {
  if (!existsSync(path.join(DIST, 'index.html')) || !existsSync(STAMP)) return false;
  try {
    return (JSON.parse(readFileSync(STAMP, 'utf8')) as { fingerprint?: string }).fingerprint === fingerprint;
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock(): void {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock left by a killed run is dropped after a generous build time.
      if (Date.now() - statSync(LOCK).mtimeMs > 10 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
      sleep(500);
    }
  }
}

/**
 * Runs `work` holding the site-build lock: for tests that run Astro in this repository (its
 * `.astro/` folder is shared), so they never overlap a build.
 */
export async function withSiteLock<T>(work: () => Promise<T>): Promise<T> {
  acquireLock();
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface SiteBuild {
  base: string;
  /** Whether this call ran the build (false when dist/ was already up to date). */
  built: boolean;
}

/** `npm run build` with the test base path, unless dist/ already holds exactly that build. */
export function ensureSiteBuilt(): SiteBuild {
  const env = { TOPODOC_BASE: TEST_BASE, TOPODOC_SITE: TEST_SITE, TOPODOC_CHECK_REPORT: process.env['TOPODOC_CHECK_REPORT'] ?? '' };
  if (isFresh(inputFingerprint(env))) return { base: TEST_BASE, built: false };
  acquireLock();
  try {
    const fingerprint = inputFingerprint(env);
    if (isFresh(fingerprint)) return { base: TEST_BASE, built: false };
    rmSync(STAMP, { force: true });
    const result = spawnSync('npm', ['run', 'build', '--silent'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env, NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) {
      throw new Error(`npm run build failed (exit ${result.status}):\n${(result.stdout ?? '').slice(-4000)}\n${(result.stderr ?? '').slice(-4000)}`);
    }
    // The build itself rewrites some inputs (the JSON Schema) when they were stale: stamp what it left.
    writeFileSync(STAMP, `${JSON.stringify({ fingerprint: inputFingerprint(env), base: TEST_BASE }, null, 2)}\n`);
    return { base: TEST_BASE, built: true };
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
