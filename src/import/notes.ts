/**
 * What an import says besides the topology itself: the comments to write next to values (each guess
 * is one, `guessed from image postgres:16`), and warnings about compose content the topology cannot
 * hold. Paths are topology paths, e.g. `['services', 'db', 'kind']`.
 */
import type { Diagnostic, SourceLoc } from '../model/diagnostics.ts';

export type TopologyPath = ReadonlyArray<string | number>;

export interface Guess {
  path: TopologyPath;
  /** What was guessed: `kind`, `technology`, `port role`… */
  what: string;
  /** What it was guessed from. */
  from: string;
}

export class ImportNotes {
  readonly guesses: Guess[] = [];
  readonly comments = new Map<string, string>();
  readonly warnings: Diagnostic[] = [];

  /** Records a guess; the written topology carries `# guessed from …` on that line. */
  guess(path: TopologyPath, what: string, from: string): void {
    this.guesses.push({ path: [...path], what, from });
    this.comment(path, from.startsWith('guessed') ? from : `guessed from ${from}`);
  }

  /** A comment for the line of `path` (joined to an existing one). */
  comment(path: TopologyPath, text: string): void {
    const key = pathKey(path);
    const prior = this.comments.get(key);
    if (prior !== text) this.comments.set(key, prior === undefined ? text : `${prior}; ${text}`);
  }

  warn(rule: string, message: string, loc?: SourceLoc): void {
    const warning: Diagnostic = { severity: 'warning', rule: `import/${rule}`, message };
    if (loc) warning.loc = loc;
    this.warnings.push(warning);
  }
}

export function pathKey(path: TopologyPath): string {
  return JSON.stringify(path);
}
