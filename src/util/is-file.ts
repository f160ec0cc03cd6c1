import { statSync } from 'node:fs';

/** True when `file` exists and is a regular file (following links). */
export function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
