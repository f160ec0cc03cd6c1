import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { displayPath } from '../../util/display-path.ts';
import { DEFAULT_SITE_OUT_DIR, DIAGRAMS_DIR, SVG_DIR, TOPOLOGY_DIR } from '../../site/paths.ts';
import { siteSettings } from '../../site/settings.ts';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliContext, type Command } from '../command.ts';
import { paint } from '../output.ts';
import { packageDir } from '../package-dir.ts';
import { generateCommand } from './generate.ts';
import { renderCommand } from './render.ts';

export const buildCommand: Command = {
  name: 'build',
  summary: "Build the static docs site of this repository's topologies (generate, render, then Astro) into dist/.",
  usage: 'topodoc build [--out DIR] [--site URL] [--base PATH] [--check-report FILE]',
  description: [
    `Documents every topology in ${TOPOLOGY_DIR}/ of the working directory: writes the views to`,
    `${DIAGRAMS_DIR}/ (as "topodoc generate" does), renders the diagrams to ${SVG_DIR}/ (needs`,
    'Chromium), then builds the site with the Astro project that ships inside topodoc; nothing is',
    'copied into your repository.',
    'The public URL and base path default to TOPODOC_SITE and TOPODOC_BASE; for a site served from',
    'https://org.github.io/repo/ pass --site https://org.github.io --base /repo/.',
    'The Drift page shows the report of "topodoc check --format json" when --check-report (or',
    'TOPODOC_CHECK_REPORT) names it; by default public/check-report.json when present.',
  ].join('\n'),
  options: {
    out: { type: 'string', default: DEFAULT_SITE_OUT_DIR },
    site: { type: 'string' },
    base: { type: 'string' },
    'check-report': { type: 'string' },
  },
  optionHelp: [
    { flag: '--out <dir>', description: `Where the site goes (default ${DEFAULT_SITE_OUT_DIR}); emptied first.` },
    { flag: '--site <url>', description: 'Public origin of the site, e.g. https://docs.example.com (default TOPODOC_SITE).' },
    { flag: '--base <path>', description: 'Path the site is served under, e.g. /docs/ (default TOPODOC_BASE, else /).' },
    { flag: '--check-report <file>', description: 'A "topodoc check --format json" report for the Drift page.' },
  ],
  async run(values, positionals, ctx) {
    if (positionals.length) throw new UsageError(`build documents every topology in ${TOPOLOGY_DIR}/ of the working directory; it takes no file arguments`);
    const env: Record<string, string | undefined> = { ...ctx.env };
    if (typeof values.site === 'string') env['TOPODOC_SITE'] = values.site;
    if (typeof values.base === 'string') env['TOPODOC_BASE'] = values.base;
    if (typeof values['check-report'] === 'string') env['TOPODOC_CHECK_REPORT'] = values['check-report'];
    let settings: ReturnType<typeof siteSettings>;
    try {
      settings = siteSettings(env);
    } catch (err) {
      throw new UsageError((err as Error).message.replace(/^TOPODOC_SITE/, '--site (TOPODOC_SITE)').replace(/^TOPODOC_BASE/, '--base (TOPODOC_BASE)'));
    }
    const outDir = path.resolve(ctx.cwd, String(values.out));
    refuseToEmpty(outDir, ctx.cwd);

    const generated = await generateCommand.run({ out: DIAGRAMS_DIR }, [], ctx);
    if (generated !== EXIT_OK) return generated;
    const rendered = await renderCommand.run({ diagrams: DIAGRAMS_DIR, out: SVG_DIR, force: false }, [], ctx);
    if (rendered !== EXIT_OK) return rendered;

    const code = await runAstroBuild(ctx, {
      ...env,
      TOPODOC_SITE: settings.site,
      TOPODOC_BASE: settings.base,
      TOPODOC_PROJECT_DIR: ctx.cwd,
      TOPODOC_OUT_DIR: outDir,
      ASTRO_TELEMETRY_DISABLED: '1',
    });
    const shown = displayPath(outDir, ctx.cwd);
    if (code !== 0 || !existsSync(path.join(outDir, 'index.html'))) {
      ctx.stderr(`${paint(ctx, 'red', '✗')} the site could not be built (Astro exited with ${code}); see its output above\n`);
      return EXIT_FINDINGS;
    }
    ctx.stdout(`${paint(ctx, 'green', '✓')} site in ${shown}/ for ${settings.site}${settings.base === '/' ? '/' : `${settings.base}/`}\n`);
    return EXIT_OK;
  },
};

/** Astro empties its output folder: never let that be the repository or its sources. */
function refuseToEmpty(outDir: string, cwd: string): void {
  for (const kept of [cwd, path.join(cwd, TOPOLOGY_DIR), path.join(cwd, DIAGRAMS_DIR), path.join(cwd, '.git')]) {
    if (kept === outDir || kept.startsWith(`${outDir}${path.sep}`)) {
      const shown = (p: string) => path.relative(cwd, p).split(path.sep).join('/') || '.';
      throw new UsageError(`--out ${shown(outDir)} would empty ${kept === cwd ? 'the working directory' : shown(kept)}; choose a folder of its own, such as ${DEFAULT_SITE_OUT_DIR}`);
    }
  }
}

/** `astro build` on the Astro project inside the topodoc package, pointed at the user's repository by env. */
function runAstroBuild(ctx: CliContext, env: Record<string, string | undefined>): Promise<number> {
  const root = packageDir();
  const require = createRequire(path.join(root, 'package.json'));
  const astroManifest = require.resolve('astro/package.json');
  const bin = (JSON.parse(readFileSync(astroManifest, 'utf8')) as { bin: Record<string, string> }).bin['astro'];
  if (!bin) throw new Error(`${astroManifest} names no astro executable`);
  const astro = path.join(path.dirname(astroManifest), bin);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [astro, 'build', '--root', root], { cwd: ctx.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => ctx.stdout(d.toString()));
    child.stderr.on('data', (d: Buffer) => ctx.stderr(d.toString()));
    child.on('error', (err) => {
      ctx.stderr(`topodoc build: cannot start Astro: ${err.message}\n`);
      resolve(-1);
    });
    child.on('close', (code) => resolve(code ?? -1));
  });
}
