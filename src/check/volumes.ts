/**
 * Mounts of each service, matched by target: kind (named volume, bind, tmpfs), source and read-only;
 * and the named volumes declared at the top level. Bind sources in the topology are relative to the
 * compose project directory, as compose resolves them.
 */
import path from 'node:path';
import type { ComposeServiceVolume } from '../compose/types.ts';
import { isHostPath } from '../model/queries.ts';
import type { CheckContext } from './context.ts';
import { related } from './context.ts';

interface TopoMount {
  kind: 'volume' | 'bind' | 'tmpfs' | 'anonymous';
  /** Volume id, or the absolute host path of a bind (undefined when the topology gives none). */
  source?: string;
  /** As written in the topology. */
  written: string;
}

export function compareVolumes(ctx: CheckContext): void {
  for (const id of ctx.sharedServices()) compareMounts(ctx, id);
  compareTopLevel(ctx);
}

function topoMount(ctx: CheckContext, volume: string): TopoMount {
  const projectDir = ctx.compose.projectDirectory;
  if (isHostPath(volume)) return { kind: 'bind', source: hostPath(projectDir, volume), written: volume };
  const declared = ctx.topology.volumes?.[volume];
  if (declared?.kind === 'bind') return { kind: 'bind', source: declared.source === undefined ? undefined : hostPath(projectDir, declared.source), written: volume };
  if (declared?.kind === 'tmpfs') return { kind: 'tmpfs', written: volume };
  if (declared?.kind === 'anonymous') return { kind: 'anonymous', written: volume };
  return { kind: 'volume', source: volume, written: volume };
}

/** An absolute host path as the topology writes it: `./x` inside the compose project, absolute outside it. */
export function projectRelative(ctx: CheckContext, absolute: string): string {
  const rel = path.relative(ctx.compose.projectDirectory, absolute).split(path.sep).join('/');
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? absolute : `./${rel}`;
}

export function composeSource(ctx: CheckContext, mount: ComposeServiceVolume): string {
  if (mount.type === 'bind' && mount.source !== undefined) return projectRelative(ctx, mount.source);
  return mount.source ?? `an anonymous ${mount.type}`;
}

/** A host path as compose resolves it: `~` paths stay as written (the runtime's home decides). */
function hostPath(base: string, source: string): string {
  return source.startsWith('~') ? source : path.resolve(base, source);
}

function kindName(kind: TopoMount['kind']): string {
  return kind === 'volume' ? 'named volume' : kind === 'anonymous' ? 'anonymous volume' : kind;
}

function compareMounts(ctx: CheckContext, id: string): void {
  const service = ctx.topology.services[id]!;
  const compose = ctx.composeService(id)!;
  const topoMounts = service.volumes ?? [];
  const topoLoc = (index?: number) => ctx.topo(['services', id, 'volumes', ...(index === undefined ? [] : [index])], true);
  topoMounts.forEach((m, index) => {
    const actual = compose.volumes.find((v) => path.posix.normalize(v.target) === path.posix.normalize(m.target));
    const expected = topoMount(ctx, m.volume);
    if (!actual) {
      ctx.add('drift/volume', 'error', `service "${id}" mounts ${m.volume} at ${m.target} in the topology, but compose mounts nothing there`, compose.loc, [
        related('topology mount', topoLoc(index)),
      ]);
      return;
    }
    const actualKind = actual.type === 'bind' ? 'bind' : actual.type === 'tmpfs' ? 'tmpfs' : actual.type === 'volume' && actual.source === undefined ? 'anonymous' : 'volume';
    const sameSource =
      expected.kind === actualKind &&
      (expected.source === undefined || (actual.source !== undefined && (expected.kind === 'bind' ? hostPath('', actual.source) === expected.source : actual.source === expected.source)));
    if (!sameSource) {
      ctx.add(
        'drift/volume',
        'error',
        `service "${id}" mounts ${expected.written} (${kindName(expected.kind)}) at ${m.target} in the topology, but ${composeSource(ctx, actual)} (${kindName(actualKind)}) in compose`,
        actual.loc,
        [related('topology mount', topoLoc(index))],
      );
    } else if ((m.readOnly ?? false) !== actual.readOnly) {
      ctx.add('drift/volume', 'error', `service "${id}" mounts ${m.target} ${m.readOnly ? 'read-only' : 'read-write'} in the topology, but ${actual.readOnly ? 'read-only' : 'read-write'} in compose`, actual.loc, [
        related('topology mount', topoLoc(index)),
      ]);
    }
  });
  for (const actual of compose.volumes) {
    if (topoMounts.some((m) => path.posix.normalize(m.target) === path.posix.normalize(actual.target))) continue;
    ctx.add('drift/volume', 'error', `service "${id}" mounts ${composeSource(ctx, actual)} at ${actual.target} in compose, which the topology does not list`, actual.loc, [
      related('topology mounts of the service', topoLoc()),
    ]);
  }
}

function compareTopLevel(ctx: CheckContext): void {
  const topo = ctx.topology.volumes ?? {};
  const compose = ctx.compose.volumes;
  for (const [id, volume] of Object.entries(topo)) {
    if (volume.kind !== 'named') continue;
    const actual = compose[id];
    if (!actual) {
      ctx.add('drift/volume', 'error', `named volume "${id}" is in the topology, but compose declares no such volume`, ctx.topo(['volumes', id], true), [
        related('compose services', ctx.firstComposeLoc()),
      ]);
    } else if ((volume.external ?? false) !== actual.external) {
      ctx.add('drift/volume', 'error', `volume "${id}" is ${actual.external ? '' : 'not '}external in compose, but the topology says external: ${volume.external ?? false}`, actual.loc, [
        related('topology volume', ctx.topo(['volumes', id], true)),
      ]);
    }
  }
  for (const [key, actual] of Object.entries(compose)) {
    if (topo[key]?.kind === 'named') continue;
    ctx.add(
      'drift/volume',
      'error',
      topo[key] ? `volume "${key}" is a named volume in compose, but ${topo[key]!.kind} in the topology` : `compose declares named volume "${key}", which the topology does not list`,
      actual.loc,
      [related('topology volumes', ctx.topo(topo[key] ? ['volumes', key] : ctx.topology.volumes ? ['volumes'] : [], true))],
    );
  }
}
