#!/usr/bin/env -S node --
// `--` ends node's own options: Node 24 otherwise checks `--env-file <file>` given to topodoc (nodejs/node#54232).
// The `topodoc` executable. In a checkout of the repository it runs the TypeScript sources
// (src/cli/bin.ts), so nothing needs building and nothing can be stale. Installed from the npm
// package it runs the JavaScript bundle (dist-cli/bin.js, rebuilt by `npm pack`'s prepack):
// Node refuses to strip types from files under node_modules.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Node resolves the .bin symlink, so this is the real location of the package.
const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const sources = path.join(packageDir, 'src', 'cli', 'bin.ts');
const bundle = path.join(packageDir, 'dist-cli', 'bin.js');
const installed = packageDir.split(path.sep).includes('node_modules');

if (!installed && existsSync(sources)) {
  await import(new URL('../src/cli/bin.ts', import.meta.url).href);
} else if (existsSync(bundle)) {
  await import(new URL('../dist-cli/bin.js', import.meta.url).href);
} else {
  process.stderr.write(`topodoc: ${bundle} is missing; this copy of topodoc was not packed with "npm pack" (its prepack script builds the bundle: npm run build:cli)\n`);
  process.exitCode = 70;
}
