// @ts-check
// Bundles the CLI into dist-cli/ for the npm package (run by `npm pack` through prepack).
// Installed packages run this JavaScript because Node does not strip TypeScript types under
// node_modules; a checkout runs the sources (see bin/topodoc.js). Dependencies stay external:
// they are installed next to the package.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-cli');

/**
 * Sources read package.json relative to themselves (`new URL('../../package.json', import.meta.url)`).
 * Every bundle file sits directly in dist-cli/, one level below the package, so the path becomes
 * `../package.json` whatever the source's depth was.
 */
const PACKAGE_JSON_URL = /new URL\((['"])(?:\.\.\/)+package\.json\1, import\.meta\.url\)/g;

/** @type {import('esbuild').Plugin} */
const packageJsonUrls = {
  name: 'package-json-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(PACKAGE_JSON_URL, "new URL('../package.json', import.meta.url)"),
      loader: 'ts',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { bin: 'src/cli/bin.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [packageJsonUrls],
});

// Anything else located relative to a source file would point to the wrong place from dist-cli/.
const files = readdirSync(outdir);
for (const file of files) {
  const text = readFileSync(path.join(outdir, file), 'utf8');
  for (const m of text.matchAll(/new URL\(\s*(['"`])([^'"`]*)\1\s*,\s*import\.meta\.url\s*\)/g)) {
    if (m[2] !== '../package.json') throw new Error(`dist-cli/${file}: ${m[0]} does not resolve from the bundle; locate it another way`);
  }
}
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
// On stderr: `npm pack --json` prints its report on stdout.
process.stderr.write(`dist-cli/: ${files.length} files, ${Math.round(bytes / 1024)} KiB\n`);
