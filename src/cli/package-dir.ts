/**
 * Where the topodoc package is: the repository checkout, or node_modules/topodoc when installed.
 * Found by walking up from this module, because it runs from src/cli/ in a checkout and from a
 * bundle chunk in dist-cli/ when installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = 'topodoc';

export function packageDir(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package above ${fileURLToPath(from)}`);
    dir = parent;
  }
}
