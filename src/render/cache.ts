import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Lives in the output directory, next to the SVGs it describes. */
export const MANIFEST_FILE = 'manifest.json';
const MANIFEST_VERSION = 1;

export interface ManifestEntry {
  /** Cache key: see `diagramHash`. */
  hash: string;
  /** The SVG, relative to the output directory, `/`-separated. */
  svg: string;
  /** Hash of the SVG bytes, so a hand-edited or truncated output is rendered again. */
  svgSha256: string;
}

export interface Manifest {
  version: number;
  /** Keyed by diagram name (`<system>/<name>`). */
  diagrams: Record<string, ManifestEntry>;
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Cache key of one diagram: its source plus everything else that decides its SVG bytes. */
export function diagramHash(source: string, rendererFingerprint: string): string {
  return sha256(JSON.stringify([rendererFingerprint, source]));
}

export function emptyManifest(): Manifest {
  return { version: MANIFEST_VERSION, diagrams: {} };
}

/** The manifest in `outDir`; an absent, unreadable or foreign one counts as empty (everything renders). */
export function readManifest(outDir: string): Manifest {
  try {
    const data = JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>;
    if (data.version !== MANIFEST_VERSION || typeof data.diagrams !== 'object' || data.diagrams === null) return emptyManifest();
    return { version: MANIFEST_VERSION, diagrams: { ...data.diagrams } };
  } catch {
    return emptyManifest();
  }
}

/** Sorted keys, fixed indentation, no timestamps: the same diagrams always give the same bytes. */
export function serializeManifest(manifest: Manifest): string {
  const diagrams: Record<string, ManifestEntry> = {};
  for (const name of Object.keys(manifest.diagrams).sort()) {
    const entry = manifest.diagrams[name];
    if (entry) diagrams[name] = { hash: entry.hash, svg: entry.svg, svgSha256: entry.svgSha256 };
  }
  return `${JSON.stringify({ version: manifest.version, diagrams }, null, 2)}\n`;
}

/** Writes the manifest unless the file already has these bytes. Returns whether it wrote. */
export function writeManifest(outDir: string, manifest: Manifest): boolean {
  const path = join(outDir, MANIFEST_FILE);
  const text = serializeManifest(manifest);
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  writeFileSync(path, text);
  return true;
}

/** Whether the SVG recorded for `name` was made from this hash and is still on disk unchanged. */
export function isCached(outDir: string, manifest: Manifest, name: string, hash: string): boolean {
  const entry = manifest.diagrams[name];
  if (!entry || entry.hash !== hash) return false;
  try {
    return sha256(readFileSync(join(outDir, entry.svg))) === entry.svgSha256;
  } catch {
    return false;
  }
}
