/**
 * Compose YAML text → the Traefik reader's input, through the real compose loader (src/compose) and the
 * check's adapter (src/check/traefik-input.ts), with an in-memory file system so tests need no files.
 */
import { loadComposeProjectSync } from '../../src/compose/index.ts';
import type { ComposeFileSystem } from '../../src/compose/index.ts';
import { composeToTraefikInput } from '../../src/check/traefik-input.ts';
import type { TraefikServiceInput, TraefikStaticInput } from '../../src/traefik/input.ts';

export interface ComposeFixture {
  projectName: string;
  services: TraefikServiceInput[];
  /** The `command:` of the service whose image is traefik. */
  staticInput?: TraefikStaticInput;
}

/** The directory the fixture pretends to live in; its name is the default project name. */
const ROOT = '/project';

export function composeFixture(text: string, file = 'compose.yaml'): ComposeFixture {
  const abs = `${ROOT}/${file}`;
  const fs: ComposeFileSystem = {
    readText: (p) => (p === abs ? text : undefined),
    isFile: (p) => p === abs,
    isDirectory: (p) => p === ROOT,
    realPath: (p) => p,
  };
  const project = loadComposeProjectSync({ files: [abs], rootDir: ROOT, tolerateErrors: true }, fs);
  return composeToTraefikInput(project);
}
