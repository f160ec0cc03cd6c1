/**
 * Service `volumes` (05-services.md): short syntax `[SOURCE:]TARGET[:MODE]` and long syntax
 * (`type`, `source`, `target`, `read_only`, ...). A short-syntax source starting with `.`, `/`
 * or `~` is a bind mount (a relative one is resolved against the base directory); any other
 * source names a top-level volume; no source means an anonymous volume.
 */
import { isAbsolute, resolve } from 'node:path';
import type { DiagnosticSink } from './diagnostic-sink.ts';
import { readBool, readString } from './field-read.ts';
import type { LNode } from './located.ts';
import type { ComposeServiceVolume } from './types.ts';

const VOLUME_TYPES = new Set<ComposeServiceVolume['type']>(['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image']);
const DOCKER_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);

export interface ShortVolume {
  source?: string;
  target: string;
  mode?: string;
}

export class VolumeSyntaxError extends Error {}

/** Splits a short-syntax volume; a Windows drive letter (`C:\`) does not count as a separator. */
export function splitShortVolume(spec: string): ShortVolume {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i]!;
    const windowsDrive = ch === ':' && current.length === 1 && /[a-zA-Z]/.test(current) && (spec[i + 1] === '\\' || spec[i + 1] === '/');
    if (ch === ':' && !windowsDrive) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  if (parts.some((part) => part === '')) throw new VolumeSyntaxError('empty section between colons');
  if (parts.length > 3) throw new VolumeSyntaxError('too many colons');
  if (parts.length === 1) return { target: parts[0]! };
  const out: ShortVolume = { source: parts[0]!, target: parts[1]! };
  if (parts.length === 3) out.mode = parts[2]!;
  return out;
}

export function joinShortVolume(volume: ShortVolume): string {
  return [volume.source, volume.target, volume.mode].filter((part) => part !== undefined).join(':');
}

/** Whether a short-syntax source is a host path rather than a volume name. */
export function isHostPath(source: string): boolean {
  return /^[./~]/.test(source) || source.startsWith('\\\\') || /^[a-zA-Z]:[\\/]/.test(source);
}

/** Absolute form of a host path; `~` paths are kept as written (the home directory is the runtime's). */
export function resolveHostPath(path: string, baseDir: string): string {
  if (path.startsWith('~') || isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\')) return path;
  return resolve(baseDir, path);
}

export function readServiceVolumes(node: LNode | undefined, what: string, baseDir: string, sink: DiagnosticSink): ComposeServiceVolume[] {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  if (node.kind !== 'seq') {
    sink.error('compose/invalid-value', `${what} must be a list`, node.loc);
    return [];
  }
  const all: ComposeServiceVolume[] = [];
  for (const item of node.items) {
    const volume = item.kind === 'map' ? readLong(item, what, baseDir, sink) : readShort(item, what, baseDir, sink);
    if (volume) all.push(volume);
  }
  // Unique by target (13-merge.md): the later mount wins, at the first position.
  const byTarget = new Map<string, number>();
  const out: ComposeServiceVolume[] = [];
  for (const volume of all) {
    const index = byTarget.get(volume.target);
    if (index === undefined) {
      byTarget.set(volume.target, out.length);
      out.push(volume);
    } else out[index] = volume;
  }
  return out;
}

function readShort(item: LNode, what: string, baseDir: string, sink: DiagnosticSink): ComposeServiceVolume | undefined {
  const spec = readString(item, `${what} item`, sink);
  if (spec === undefined) return undefined;
  let parsed: ShortVolume;
  try {
    parsed = splitShortVolume(spec);
  } catch (err) {
    if (!(err instanceof VolumeSyntaxError)) throw err;
    sink.error('compose/invalid-volume', `Invalid volume "${spec}": ${err.message}`, item.loc, { found: spec });
    return undefined;
  }
  const options = (parsed.mode ?? '').split(',');
  const readOnly = options.includes('ro');
  if (parsed.source === undefined) return { type: 'volume', target: parsed.target, readOnly, dockerSocket: false, syntax: 'short', loc: item.loc };
  if (isHostPath(parsed.source)) {
    const source = resolveHostPath(parsed.source, baseDir);
    return { type: 'bind', source, target: parsed.target, readOnly, dockerSocket: DOCKER_SOCKETS.has(source), syntax: 'short', loc: item.loc };
  }
  return { type: 'volume', source: parsed.source, target: parsed.target, readOnly, dockerSocket: false, syntax: 'short', loc: item.loc };
}

function readLong(item: LNode & { kind: 'map' }, what: string, baseDir: string, sink: DiagnosticSink): ComposeServiceVolume | undefined {
  const get = (key: string): LNode | undefined => item.entries.get(key)?.value;
  const target = readString(get('target'), `${what}: target`, sink);
  if (target === undefined || target === '') {
    sink.error('compose/invalid-volume', `${what}: a long-syntax volume needs "target"`, item.loc);
    return undefined;
  }
  const rawSource = readString(get('source'), `${what}: source`, sink);
  let type = readString(get('type'), `${what}: type`, sink) as ComposeServiceVolume['type'] | undefined;
  if (type === undefined) {
    type = rawSource !== undefined && isHostPath(rawSource) ? 'bind' : 'volume';
    sink.warning('compose/invalid-volume', `${what}: a long-syntax volume should state "type"; assuming "${type}"`, item.loc);
  } else if (!VOLUME_TYPES.has(type)) {
    sink.error('compose/invalid-volume', `${what}: unknown volume type "${type}"`, get('type')!.loc);
    return undefined;
  }
  const readOnly = readBool(get('read_only'), `${what}: read_only`, sink) ?? false;
  const volume: ComposeServiceVolume = { type, target, readOnly, dockerSocket: false, syntax: 'long', loc: item.loc };
  if (rawSource !== undefined && rawSource !== '') {
    volume.source = type === 'bind' ? resolveHostPath(rawSource, baseDir) : rawSource;
    volume.dockerSocket = type === 'bind' && DOCKER_SOCKETS.has(volume.source);
  }
  return volume;
}
