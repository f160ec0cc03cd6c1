/**
 * The drift check proper: compares one topology with its compose project and the Traefik configuration
 * read from it, in both directions, one concern per file. Pure (no file system, no process).
 */
import { compareDiagnostics, type Diagnostic } from '../model/diagnostics.ts';
import { CheckContext, type SystemSources } from './context.ts';
import { compareEntrypoints } from './entrypoints.ts';
import { compareMiddlewares } from './middlewares.ts';
import { compareNetworks } from './networks.ts';
import { comparePorts } from './ports.ts';
import { compareRoutes } from './routes.ts';
import { compareRuntime } from './runtime.ts';
import { compareServices } from './services.ts';
import { compareVolumes } from './volumes.ts';

export type { SystemSources } from './context.ts';

/** Every difference between the topology and compose, sorted by file, line and column. */
export function compareSystem(src: SystemSources): Diagnostic[] {
  const ctx = new CheckContext(src);
  compareServices(ctx);
  comparePorts(ctx);
  compareNetworks(ctx);
  compareVolumes(ctx);
  compareRuntime(ctx);
  compareEntrypoints(ctx);
  compareRoutes(ctx);
  compareMiddlewares(ctx);
  return dedupe(ctx.findings).sort(compareDiagnostics);
}

function dedupe(findings: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\u0000${f.message}\u0000${f.loc?.file}:${f.loc?.line}:${f.loc?.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
