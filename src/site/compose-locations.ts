/**
 * Adapter: where each service of a topology is declared in its compose files, for the
 * "Defined in" section of service pages. Uses the compose loader's positions; any problem with
 * the compose files (they are `topodoc check`'s business) leaves the page with the file list only.
 */
import path from 'node:path';
import { loadComposeProjectSync } from '../compose/index.ts';
import type { SourceLoc } from '../model/diagnostics.ts';
import type { TopologyModel } from '../model/schema/index.ts';

export interface ComposeLocations {
  /** The compose files the topology names, relative to `rootDir`. */
  files: string[];
  /** Service key → where it is first declared (file relative to `rootDir`, 1-based line). */
  services: Map<string, SourceLoc>;
}

export function composeLocations(t: TopologyModel, topologyPath: string, rootDir: string): ComposeLocations | undefined {
  const source = t.compose;
  if (!source) return undefined;
  const dir = path.dirname(topologyPath);
  const abs = source.files.map((f) => path.resolve(dir, f));
  const rel = (p: string) => path.relative(rootDir, p).split(path.sep).join('/');
  const result: ComposeLocations = { files: abs.map(rel), services: new Map() };
  try {
    const project = loadComposeProjectSync({
      files: abs,
      // Only names and positions are read here; no environment value is used or kept.
      env: {},
      envFiles: source.envFile ? [path.resolve(dir, source.envFile)] : undefined,
      projectName: source.projectName,
      profiles: source.profiles ?? ['*'],
      rootDir,
      tolerateErrors: true,
    });
    for (const [name, svc] of Object.entries({ ...project.inactiveServices, ...project.services })) {
      result.services.set(name, { file: svc.loc.file, line: svc.loc.line, column: svc.loc.column });
    }
  } catch {
    // Unreadable or invalid compose files: the page still names them.
  }
  return result;
}
