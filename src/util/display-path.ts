import path from 'node:path';

/** A path as messages show it: relative to `cwd` when inside it, else absolute; always `/`-separated. */
export function displayPath(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath);
  return (rel && !rel.startsWith('..') ? rel : absPath).split(path.sep).join('/');
}
