/**
 * What a file must be before the loader parses it: not too large, not binary, valid UTF-8. Shared
 * by the Node file system of the compose loader and by the other readers of project files (Traefik
 * configuration, env files), so hostile input fails the same clear way everywhere.
 */

/** Compose, env and Traefik files larger than this are refused (real ones are a few kilobytes). */
export const MAX_PROJECT_FILE_BYTES = 8 * 1024 * 1024;

/** A file the loader refuses to read; `rule` is the diagnostic's rule id. */
export class ProjectFileError extends Error {
  readonly rule: string;
  constructor(rule: string, message: string) {
    super(message);
    this.name = 'ProjectFileError';
    this.rule = rule;
  }
}

/** Throws when a file of `size` bytes is too large to read. */
export function checkProjectFileSize(size: number): void {
  if (size > MAX_PROJECT_FILE_BYTES) {
    throw new ProjectFileError('compose/file-too-large', `the file is ${size} bytes; topodoc reads files of at most ${MAX_PROJECT_FILE_BYTES} bytes`);
  }
}

/** Decodes a file's bytes as text, or throws `ProjectFileError` saying why it is not a text file. */
export function decodeProjectFile(bytes: Uint8Array): string {
  checkProjectFileSize(bytes.length);
  if (bytes.includes(0)) throw new ProjectFileError('compose/binary-file', 'this is a binary file, not YAML text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProjectFileError('compose/encoding', 'the file is not valid UTF-8 text');
  }
}
