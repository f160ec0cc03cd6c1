/** What the `include` and `extends` stages need from the loader (kept apart to avoid import cycles). */
import type { SourceLoc } from '../model/diagnostics.ts';
import type { DiagnosticSink } from './diagnostic-sink.ts';
import type { LMap } from './located.ts';

export type Environment = ReadonlyMap<string, string>;

/** The file access the loader needs; the Node implementation lives in loader.ts, tests may fake it. */
export interface ComposeFileSystem {
  /**
   * File content, or undefined when the file does not exist or is not a file. May throw
   * `ProjectFileError` (file-checks.ts) for a file that is too large, binary or not UTF-8.
   */
  readText(path: string): string | undefined;
  isFile(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Canonical path (symlinks resolved); the input when it cannot be resolved. */
  realPath(path: string): string;
}

export interface LoaderContext {
  readonly sink: DiagnosticSink;
  readonly fs: ComposeFileSystem;
  /** Root-relative display path with `/` separators, used in every location. */
  display(path: string): string;
  /**
   * Reports `compose/path-outside-root` and returns false when `path` (referenced from compose
   * content at `loc`) resolves outside the root directory.
   */
  checkInsideRoot(path: string, what: string, loc: SourceLoc): boolean;
  /** Parses and interpolates one file; one located tree per document (empty when unreadable). */
  readDocuments(path: string, env: Environment, referencedAt?: SourceLoc): LMap[];
  /** Loads files as one model (include, extends, merge), like the `-f` files of a project. */
  loadUnit(files: readonly string[], env: Environment, includeChain: readonly string[], referencedAt?: SourceLoc): LMap;
  /** Parses dotenv files in order into variables (for `.env`, `--env-file`, include `env_file`). */
  readEnvFiles(files: readonly string[], env: Environment, referencedAt?: SourceLoc): Map<string, string>;
}
