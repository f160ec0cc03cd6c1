/**
 * One compose service as a topology service: kind and technology (guessed), image, build, container name,
 * hostname, ports by role, run-as user, health check, replicas, limits, restart policy, dependencies,
 * networks, mounts and the names (never the values) of its environment variables. Pure.
 */
import path from 'node:path';
import { dockerfileHealthcheck, type BuiltImage } from '../compose/dockerfile.ts';
import { isRemoteContext } from '../compose/paths.ts';
import type { ComposeBuild, ComposeService } from '../compose/types.ts';
import { importHealthcheck } from './healthcheck.ts';
import type { ImportNotes } from './notes.ts';
import { assignPortRoles, type AssignedPort } from './port-roles.ts';
import type { SecretGuard } from './secrets.ts';
import { identifyService } from './service-kind.ts';
import { portCandidates, type PortSources } from './service-ports.ts';
import type { PortScheme } from './technologies.ts';

export type ServiceOut = Record<string, unknown>;

export interface ServiceContext {
  guard: SecretGuard;
  notes: ImportNotes;
  projectDirectory: string;
  ports: PortSources;
  /** Whether an HTTP router sends traffic to the service. */
  routed: boolean;
  /** Its Dockerfile and what the built stage says (FROM, USER, HEALTHCHECK), when compose builds it from one that could be read. */
  dockerfile?: BuiltImage;
  /** Topology volume id standing for anonymous volumes, and for tmpfs mounts. */
  anonymousVolume: string;
  tmpfsVolume: string;
}

export interface ImportedService {
  service: ServiceOut;
  /** Roles by container port (`3000/tcp` → `main`), for routes and health checks. */
  roles: Map<string, string>;
  kind: string;
  usesAnonymous: boolean;
  usesTmpfs: boolean;
}

const RESTART = new Set(['no', 'always', 'on-failure', 'unless-stopped']);

export function importService(compose: ComposeService, ctx: ServiceContext): ImportedService {
  const { guard, notes } = ctx;
  const at = (...rest: Array<string | number>) => ['services', compose.name, ...rest];
  const image = compose.image ? guard.safe(compose.image.raw ?? compose.image.value) : undefined;
  const identity = identifyService({
    name: compose.name,
    ...(image !== undefined ? { image } : {}),
    ...(ctx.dockerfile?.stage.from !== undefined ? { buildFrom: ctx.dockerfile.stage.from } : {}),
    command: [...(compose.entrypoint?.args ?? []), ...(compose.command?.args ?? [])].map((a) => a.value),
    dependsOn: Object.keys(compose.dependsOn),
    routed: ctx.routed,
  });
  const out: ServiceOut = {};
  out.kind = identity.kind.value;
  notes.guess(at('kind'), 'kind', identity.kind.from);
  if (identity.technology) {
    out.technology = identity.technology.value;
    notes.guess(at('technology'), 'technology', identity.technology.from);
  }
  if (image !== undefined) out.image = image;
  if (compose.build) out.build = buildValue(compose.build, ctx.projectDirectory, guard);
  if (compose.containerName) out.containerName = guard.safe(compose.containerName.raw ?? compose.containerName.value);
  if (compose.hostname) out.hostname = guard.safe(compose.hostname.raw ?? compose.hostname.value);

  const roles = new Map<string, string>();
  const candidates = portCandidates(compose, ctx.ports, notes);
  const assigned = assignPortRoles(candidates, identity.known, identity.kind.value);
  for (const lost of assigned.unassigned) {
    notes.warn('port-roles', `service "${compose.name}" has more ports than the topology has roles; port ${lost.port}/${lost.protocol} is left out`, compose.loc);
  }
  if (assigned.assigned.length > 0) {
    const ports: Record<string, unknown> = {};
    for (const a of assigned.assigned) {
      ports[a.role] = portValue(a, a.role === 'main' ? identity.known?.scheme : undefined);
      if (!roles.has(`${a.candidate.port}/${a.candidate.protocol}`)) roles.set(`${a.candidate.port}/${a.candidate.protocol}`, a.role);
      if (a.guess !== undefined) notes.guess(at('ports', a.role), 'port role', `guessed: ${a.guess}`);
    }
    out.ports = ports;
  }
  if (compose.user) out.user = guard.safe(compose.user.raw ?? compose.user.value);
  else if (ctx.dockerfile?.stage.user) {
    // Without `user:` the Dockerfile's USER decides; `check` compares the two the same way.
    out.user = guard.safe(ctx.dockerfile.stage.user.value);
    notes.guess(at('user'), 'user', "guessed from the Dockerfile's USER");
  }
  if (compose.readOnly?.value) out.readOnly = true;
  // Without one in compose, the Dockerfile's HEALTHCHECK is the container's; `check` compares it the same way.
  const fromDockerfile = compose.healthcheck === undefined && ctx.dockerfile !== undefined ? dockerfileHealthcheck(ctx.dockerfile) : undefined;
  const health = importHealthcheck(compose.healthcheck ?? fromDockerfile, (port) => roles.get(`${port}/tcp`), guard);
  if (health) {
    out.healthcheck = health;
    if (fromDockerfile) notes.guess(at('healthcheck'), 'health check', "guessed from the Dockerfile's HEALTHCHECK");
  }
  const replicas = compose.deploy?.replicas?.value;
  if (replicas !== undefined && replicas !== 1) out.scaling = { replicas };
  const limits = compose.deploy?.resources.limits;
  if (limits?.cpus || limits?.memory) {
    const resources: Record<string, unknown> = {};
    if (limits.cpus) {
      const cpus = limits.cpus.raw ?? limits.cpus.value;
      resources.cpus = /^\d+(\.\d+)?$/.test(cpus) && Number(cpus) > 0 ? Number(cpus) : cpus;
    }
    if (limits.memory) resources.memory = limits.memory.raw ?? limits.memory.value;
    out.resources = resources;
  }
  if (compose.restart && RESTART.has(compose.restart.value)) out.restart = compose.restart.value;
  else if (compose.restart) notes.warn('restart', `service "${compose.name}" restarts "${compose.restart.raw ?? compose.restart.value}", which the topology cannot state (no, always, on-failure, unless-stopped)`, compose.restart.loc);

  const deps = Object.values(compose.dependsOn);
  if (deps.length > 0) {
    if (deps.every((d) => d.condition === 'service_started' && d.required)) out.dependsOn = deps.map((d) => d.service);
    else {
      out.dependsOn = Object.fromEntries(deps.map((d) => [d.service, d.required ? d.condition : { condition: d.condition, required: false }]));
    }
  }
  if (compose.networkMode) {
    out.notes = [networkModeNote(compose.networkMode.value, compose.networkMode.target)];
  } else {
    const networks = Object.keys(compose.networks);
    if (networks.length > 0) out.networks = networks;
  }

  let usesAnonymous = false;
  let usesTmpfs = false;
  const mounts: Array<Record<string, unknown>> = [];
  for (const v of compose.volumes) {
    let volume: string;
    if (v.type === 'bind' && v.source !== undefined) volume = hostPath(v.source, ctx.projectDirectory);
    else if (v.type === 'volume' && v.source !== undefined) volume = v.source;
    else if (v.type === 'volume') {
      volume = ctx.anonymousVolume;
      usesAnonymous = true;
    } else if (v.type === 'tmpfs') {
      volume = ctx.tmpfsVolume;
      usesTmpfs = true;
    } else {
      notes.warn('mount', `service "${compose.name}" mounts a ${v.type} at ${v.target}, which the topology cannot state; it is left out`, v.loc);
      continue;
    }
    const mount: Record<string, unknown> = { volume, target: v.target };
    if (v.readOnly) mount.readOnly = true;
    mounts.push(mount);
  }
  if (mounts.length > 0) out.volumes = mounts;
  const environment = Object.keys(compose.environment);
  if (environment.length > 0) out.environment = environment;
  return { service: out, roles, kind: identity.kind.value, usesAnonymous, usesTmpfs };
}

function portValue(a: AssignedPort, scheme: PortScheme | undefined): unknown {
  const c = a.candidate;
  if (c.protocol === 'tcp' && c.published === undefined && scheme === undefined) return c.port;
  const spec: Record<string, unknown> = { port: c.port };
  if (c.protocol === 'udp') spec.protocol = 'udp';
  if (scheme !== undefined) spec.scheme = scheme;
  if (c.published !== undefined) spec.published = c.published;
  if (c.hostIp !== undefined) spec.hostIp = c.hostIp;
  return spec;
}

/** Compose `build` as the topology writes it: the context alone when that is all compose sets. */
function buildValue(build: ComposeBuild, projectDirectory: string, guard: SecretGuard): unknown {
  // A remote context (Git URL) is kept as written; a directory is written relative to the project.
  const context = guard.safe(isRemoteContext(build.context) ? build.context : hostPath(build.context, projectDirectory));
  if (build.dockerfile === undefined && build.target === undefined) return context;
  const spec: Record<string, unknown> = { context };
  if (build.dockerfile !== undefined) spec.dockerfile = guard.safe(build.dockerfile);
  if (build.target !== undefined) spec.target = guard.safe(build.target);
  return spec;
}

/** A bind source as the topology writes it: `./x` inside the project, system paths absolute, `~` kept. */
export function hostPath(source: string, projectDirectory: string): string {
  if (source.startsWith('~')) return source;
  const rel = path.relative(projectDirectory, source).split(path.sep).join('/');
  if (rel === '') return '.';
  if (path.isAbsolute(rel)) return source;
  if (!rel.startsWith('..')) return `./${rel}`;
  // Outside the project: nearby folders relative to it (the topology stays valid on another machine),
  // host paths that share only the root with it (`/var/run/docker.sock`) absolute, as written.
  const ups = rel.split('/').filter((s) => s === '..').length;
  const sharesOnlyRoot = projectDirectory.split(path.sep).filter((s) => s !== '').length <= ups;
  return ups > 2 || sharesOnlyRoot ? source : rel;
}

function networkModeNote(mode: string, target: string | undefined): string {
  if (target !== undefined && mode.startsWith('service:')) return `Uses \`network_mode: ${mode}\`: shares the network stack of service "${target}" and joins no network of its own.`;
  if (target !== undefined) return `Uses \`network_mode: ${mode}\`: shares the network stack of container "${target}".`;
  return `Uses \`network_mode: ${mode}\`, so it joins no compose network.`;
}
