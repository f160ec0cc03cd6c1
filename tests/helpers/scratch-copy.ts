/** A temporary directory of fixture files that tests read and mutate by exact text replacement. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './cli.ts';

export class ScratchCopy {
  readonly dir: string;

  constructor(prefix: string) {
    this.dir = tempDir(prefix);
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8');
  }

  write(file: string, text: string): this {
    mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    writeFileSync(path.join(this.dir, file), text);
    return this;
  }

  /** Replaces the one occurrence of `from` (which must exist exactly once) in `file`. */
  replace(file: string, from: string, to: string): this {
    const text = this.read(file);
    const count = text.split(from).length - 1;
    assert.equal(count, 1, `${file} contains ${JSON.stringify(from)} exactly once (found ${count})`);
    return this.write(file, text.replace(from, () => to)); // a function: `$$` in `to` stays as written
  }
}
