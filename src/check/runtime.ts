/**
 * Runtime facts of each service present on both sides: health check, depends_on (with conditions),
 * run-as user, image, build, restart policy, container name, environment variable names and resource limits.
 * Compose values that may come from `.env` are shown as written (`raw`), health-check commands never.
 */
import path from 'node:path';
import { dockerfileHealthcheck, dockerfileLoc } from '../compose/dockerfile.ts';
import { isRemoteContext } from '../compose/paths.ts';
import type { ComposeBuild, ComposeHealthcheck, ComposeService } from '../compose/types.ts';
import { buildOf, buildSummary, dependencies, resolvePort, type BuildSpec, type Service } from '../model/queries.ts';
import type { CheckContext } from './context.ts';
import { quoted, related, shown } from './context.ts';
import { durationMs } from './middleware-settings.ts';
import { projectRelative } from './volumes.ts';

export function compareRuntime(ctx: CheckContext): void {
  for (const id of ctx.sharedServices()) {
    const service = ctx.topology.services[id]!;
    const compose = ctx.composeService(id)!;
    compareHealthcheck(ctx, id, service, compose);
    compareDependsOn(ctx, id, service, compose);
    compareUser(ctx, id, service, compose);
    compareImage(ctx, id, service, compose);
    compareBuild(ctx, id, service, compose);
    compareSimple(ctx, id, service, compose);
    compareEnvironment(ctx, id, service, compose);
    compareResources(ctx, id, service, compose);
  }
}

/** What the health check runs, as one line (`CMD` arguments joined by spaces). */
function testText(health: ComposeHealthcheck): string {
  const test = health.test?.value ?? [];
  return test.slice(1).join(' ').replace(/\s+/g, ' ').trim();
}

/** Docker's defaults when compose leaves a setting out. */
const HEALTH_DEFAULTS = { interval: '30s', timeout: '30s', startPeriod: '0s', retries: 3 } as const;

/**
 * The health check the container gets: compose's, else the HEALTHCHECK of the Dockerfile compose
 * builds it from; with the words findings use for where it is written.
 */
function effectiveHealthcheck(ctx: CheckContext, id: string, compose: ComposeService): { health?: ComposeHealthcheck; inWhere: string; test: string } {
  if (compose.healthcheck) return { health: compose.healthcheck, inWhere: 'in compose', test: "compose's test" };
  const built = ctx.src.dockerfiles?.get(id);
  const health = built ? dockerfileHealthcheck(built) : undefined;
  return health ? { health, inWhere: 'in its Dockerfile', test: "its Dockerfile's HEALTHCHECK" } : { inWhere: 'in compose', test: "compose's test" };
}

function compareHealthcheck(ctx: CheckContext, id: string, service: Service, compose: ComposeService): void {
  const topo = service.healthcheck;
  const { health, inWhere, test } = effectiveHealthcheck(ctx, id, compose);
  const fromCompose = health === compose.healthcheck;
  const active = health !== undefined && !health.disabled;
  if (!topo) {
    if (active) {
      // A health check in compose is drift; one the image brings along is worth recording, no more.
      ctx.add(
        'drift/healthcheck',
        fromCompose ? 'warning' : 'note',
        `${fromCompose ? 'compose defines' : 'its Dockerfile defines'} a health check for service "${id}", which the topology does not document`,
        health.loc,
        [related('topology service', ctx.topo(['services', id], true))],
      );
    }
    return;
  }
  const topoLoc = (key?: string) => ctx.topo(['services', id, 'healthcheck', ...(key === undefined ? [] : [key])], true);
  if (!active) {
    ctx.add(
      'drift/healthcheck',
      health ? 'error' : 'warning',
      health
        ? `service "${id}" has a ${topo.type} health check in the topology, but ${fromCompose ? 'compose disables it' : 'compose defines none and its Dockerfile disables it (HEALTHCHECK NONE)'}`
        : `service "${id}" has a ${topo.type} health check in the topology, but compose defines none (only the image's own HEALTHCHECK could provide it)`,
      health?.loc ?? compose.loc,
      [related('topology health check', topoLoc())],
    );
    return;
  }
  const text = testText(health);
  const testLoc = health.test?.loc ?? health.loc;
  if (topo.command !== undefined) {
    const command = topo.command.replace(/\s+/g, ' ').trim();
    const expanded = ctx.src.expand(command).replace(/\s+/g, ' ').trim();
    if (!text.includes(command) && !text.includes(expanded)) {
      ctx.add('drift/healthcheck', 'error', `the health check of service "${id}" runs \`${command}\` in the topology, but ${test} does not run it`, testLoc, [
        related('topology health check command', topoLoc('command')),
      ]);
    }
  } else if (topo.type === 'http' || topo.type === 'tcp') {
    const port = resolvePort(service, topo.port ?? (service.ports?.health !== undefined ? 'health' : 'main'))?.port;
    const path = topo.type === 'http' && topo.path !== undefined ? `${escapeRegExp(topo.path)}(?![\\w\\-.~%/])` : '';
    // `:3000/health` in a URL, else the port and the path anywhere in the command.
    const inUrl = port !== undefined && path !== '' && new RegExp(`:${port}${path}`).test(text);
    const probesPort = inUrl || port === undefined || new RegExp(`(^|[^0-9])${port}([^0-9]|$)`).test(text);
    const probesPath = inUrl || path === '' || new RegExp(path).test(text);
    if (!probesPort || !probesPath) {
      const what = [port !== undefined && !probesPort ? `port ${port}` : '', !probesPath ? `path ${topo.path}` : ''].filter(Boolean).join(' and ');
      ctx.add('drift/healthcheck', 'error', `the ${topo.type} health check of service "${id}" probes ${what} in the topology, but ${test} does not mention it`, testLoc, [
        related('topology health check', topoLoc(!probesPath ? 'path' : topo.port !== undefined ? 'port' : undefined)),
      ]);
    }
  }
  for (const key of ['interval', 'timeout', 'startPeriod'] as const) {
    const stated = topo[key];
    if (stated === undefined) continue;
    const actual = health[key];
    const actualMs = actual?.milliseconds ?? durationMs(HEALTH_DEFAULTS[key])!;
    if (durationMs(stated) === actualMs) continue;
    const name = fromCompose ? (key === 'startPeriod' ? 'start_period' : key) : key === 'startPeriod' ? 'start-period' : key;
    ctx.add(
      'drift/healthcheck',
      'error',
      `health check ${name} of service "${id}" is ${stated} in the topology, but ${actual ? actual.text : `not set (Docker's default ${HEALTH_DEFAULTS[key]})`} ${inWhere}`,
      actual?.loc ?? health.loc,
      [related('topology health check', topoLoc(key))],
    );
  }
  if (topo.retries !== undefined) {
    const actual = health.retries?.value ?? HEALTH_DEFAULTS.retries;
    if (actual !== topo.retries) {
      ctx.add(
        'drift/healthcheck',
        'error',
        `health check retries of service "${id}" is ${topo.retries} in the topology, but ${health.retries ? actual : `not set (Docker's default ${HEALTH_DEFAULTS.retries})`} ${inWhere}`,
        health.retries?.loc ?? health.loc,
        [related('topology health check', topoLoc('retries'))],
      );
    }
  }
}

function compareDependsOn(ctx: CheckContext, id: string, service: Service, compose: ComposeService): void {
  const topo = dependencies(service);
  const topoLoc = (dep?: string) => ctx.topo(['services', id, 'dependsOn', ...(dep === undefined ? [] : [dep])], true);
  for (const dep of topo) {
    const actual = compose.dependsOn[dep.service];
    if (!actual) {
      ctx.add('drift/depends-on', 'error', `service "${id}" depends on "${dep.service}" (${dep.condition}) in the topology, but not in compose`, compose.loc, [
        related('topology dependency', topoLoc(dep.service)),
      ]);
      continue;
    }
    if (actual.condition !== dep.condition) {
      ctx.add('drift/depends-on', 'error', `service "${id}" waits for "${dep.service}" with condition ${dep.condition} in the topology, but ${actual.condition} in compose`, actual.loc, [
        related('topology dependency', topoLoc(dep.service)),
      ]);
    } else if (actual.required !== dep.required) {
      ctx.add('drift/depends-on', 'error', `the dependency of service "${id}" on "${dep.service}" is ${dep.required ? '' : 'not '}required in the topology, but ${actual.required ? '' : 'not '}in compose`, actual.loc, [
        related('topology dependency', topoLoc(dep.service)),
      ]);
    }
  }
  for (const [name, actual] of Object.entries(compose.dependsOn)) {
    if (topo.some((d) => d.service === name)) continue;
    ctx.add('drift/depends-on', 'error', `service "${id}" depends on "${name}" (${actual.condition}) in compose, but not in the topology`, actual.loc, [
      related('topology dependencies', topoLoc()),
    ]);
  }
}

function compareUser(ctx: CheckContext, id: string, service: Service, compose: ComposeService): void {
  const user = compose.user;
  if (service.user === undefined) {
    if (user) {
      ctx.add('drift/user', 'warning', `service "${id}" runs as user ${shown(user)} in compose; the topology does not say (absent means unknown)`, user.loc, [
        related('topology service', ctx.topo(['services', id], true)),
      ]);
    }
    return;
  }
  const topoLoc = () => ctx.topo(['services', id, 'user'], true);
  if (!user) {
    // Without `user:` the USER of the Dockerfile compose builds from decides, when topodoc could read it.
    const built = ctx.src.dockerfiles?.get(id);
    const fromDockerfile = built?.stage.user;
    if (built && fromDockerfile) {
      if (ctx.src.expand(service.user) !== fromDockerfile.value) {
        ctx.add('drift/user', 'error', `service "${id}" runs as user ${service.user} in the topology, but as ${fromDockerfile.value} (the USER of its Dockerfile; compose sets none)`, dockerfileLoc(built, fromDockerfile.line), [
          related('topology user', topoLoc()),
        ]);
      }
      return;
    }
    if (service.user !== 'root' && service.user !== '0') {
      ctx.add('drift/user', 'note', `service "${id}" runs as user ${service.user} in the topology, but compose sets no user, so the image's USER decides`, compose.loc, [related('topology user', topoLoc())]);
    }
    return;
  }
  if (ctx.src.expand(service.user) !== user.value) {
    ctx.add('drift/user', 'error', `service "${id}" runs as user ${service.user} in the topology, but as ${shown(user)} in compose`, user.loc, [related('topology user', topoLoc())]);
  }
}

function compareImage(ctx: CheckContext, id: string, service: Service, compose: ComposeService): void {
  if (service.image === undefined) return;
  const topoLoc = () => ctx.topo(['services', id, 'image'], true);
  const image = compose.image;
  if (!image) {
    ctx.add('drift/image', 'note', `service "${id}" uses image ${service.image} in the topology, but compose builds its image, so the name cannot be compared`, compose.build?.loc ?? compose.loc, [
      related('topology image', topoLoc()),
    ]);
    return;
  }
  if (ctx.src.expand(service.image) !== image.value) {
    ctx.add('drift/image', 'error', `service "${id}" uses image ${service.image} in the topology, but ${shown(image)} in compose`, image.loc, [related('topology image', topoLoc())]);
  }
}

/** A build context as compose resolves it: a directory against the project directory; a remote context as written. */
function resolvedContext(ctx: CheckContext, context: string): string {
  return isRemoteContext(context) ? context : path.resolve(ctx.compose.projectDirectory, context);
}

/** A resolved build context as the topology would write it (`./api`). */
function shownContext(ctx: CheckContext, context: string): string {
  return isRemoteContext(context) ? context : projectRelative(ctx, context);
}

/**
 * Where the image is built from: context, Dockerfile (default `Dockerfile`) and target stage. A
 * build compose has and the topology does not mention is only a note: the topology may leave it out.
 */
function compareBuild(ctx: CheckContext, id: string, service: Service, compose: ComposeService): void {
  const expected = buildOf(service);
  const actual = compose.build;
  const topoLoc = () => ctx.topo(['services', id, 'build'], true);
  if (!expected) {
    if (actual && service.image === undefined) {
      ctx.add('drift/build', 'note', `compose builds service "${id}" from ${buildSummary(composeBuild(ctx, actual))}; the topology could record it as ${buildYaml(composeBuild(ctx, actual))}`, actual.loc, [
        related('topology service', ctx.topo(['services', id], true)),
      ]);
    }
    return;
  }
  if (!actual) {
    ctx.add('drift/build', 'error', `service "${id}" is built from ${buildSummary(expected)} in the topology, but compose builds nothing${compose.image ? ` (it pulls ${shown(compose.image)})` : ''}`, compose.image?.loc ?? compose.loc, [
      related('topology build', topoLoc()),
    ]);
    return;
  }
  const differences: string[] = [];
  if (resolvedContext(ctx, ctx.src.expand(expected.context)) !== actual.context) differences.push(`context ${expected.context} in the topology, but ${shownContext(ctx, actual.context)} in compose`);
  const dockerfile = (file: string | undefined) => path.posix.normalize(file ?? 'Dockerfile');
  if (dockerfile(expected.dockerfile === undefined ? undefined : ctx.src.expand(expected.dockerfile)) !== dockerfile(actual.dockerfile)) {
    differences.push(`Dockerfile ${expected.dockerfile ?? 'Dockerfile'} in the topology, but ${actual.dockerfile ?? 'Dockerfile'} in compose`);
  }
  const target = expected.target === undefined ? undefined : ctx.src.expand(expected.target);
  if (target !== actual.target) differences.push(`target ${expected.target ?? 'none (the last stage)'} in the topology, but ${actual.target ?? 'none (the last stage)'} in compose`);
  for (const difference of differences) ctx.add('drift/build', 'error', `service "${id}" is built with ${difference}`, actual.loc, [related('topology build', topoLoc())]);
}

/** The topology line for a build: `build: ./api`, or the flow-style object when there is more than a context. */
function buildYaml(build: BuildSpec): string {
  if (build.dockerfile === undefined && build.target === undefined) return `\`build: ${build.context}\``;
  const fields = Object.entries(build).map(([key, value]) => `${key}: ${String(value)}`);
  return `\`build: { ${fields.join(', ')} }\``;
}

function composeBuild(ctx: CheckContext, build: ComposeBuild): BuildSpec {
  return { context: shownContext(ctx, build.context), ...(build.dockerfile !== undefined ? { dockerfile: build.dockerfile } : {}), ...(build.target !== undefined ? { target: build.target } : {}) };
}

/** Restart policy and container name: compared where the topology states them; a compose-only container name is a warning. */
function compareSimple(ctx: CheckContext, id: string, service: Service, compose: ComposeService): void {
  if (service.restart !== undefined) {
    const actual = compose.restart?.value ?? 'no';
    if (actual !== service.restart) {
      ctx.add(
        'drift/restart',
        'error',
        `service "${id}" restarts "${service.restart}" in the topology, but ${compose.restart ? `"${shown(compose.restart)}"` : 'not at all (no restart policy)'} in compose`,
        compose.restart?.loc ?? compose.loc,
        [related('topology restart', ctx.topo(['services', id, 'restart'], true))],
      );
    }
  }
  const name = compose.containerName;
  if (service.containerName !== undefined ? ctx.src.expand(service.containerName) !== name?.value : name !== undefined) {
    ctx.add(
      'drift/container-name',
      service.containerName === undefined ? 'warning' : 'error',
      service.containerName === undefined
        ? `service "${id}" has container_name ${shown(name!)} in compose, which the topology does not state`
        : `service "${id}" has container name ${service.containerName} in the topology, but ${name ? shown(name) : 'none (compose names it)'} in compose`,
      name?.loc ?? compose.loc,
      [related(service.containerName !== undefined ? 'topology container name' : 'topology service', ctx.topo(['services', id, ...(service.containerName !== undefined ? ['containerName'] : [])], true))],
    );
  }
}

function compareEnvironment(ctx: CheckContext, id: string, service: Service, compose: ComposeService): void {
  if (service.environment === undefined) return;
  const topoLoc = () => ctx.topo(['services', id, 'environment'], true);
  const composeKeys = Object.keys(compose.environment);
  const missing = service.environment.filter((name) => !(name in compose.environment));
  const extra = composeKeys.filter((name) => !service.environment!.includes(name));
  if (missing.length > 0) {
    ctx.add('drift/environment', 'error', `service "${id}" needs environment variable${missing.length > 1 ? 's' : ''} ${quoted(missing)} in the topology, but compose does not set ${missing.length > 1 ? 'them' : 'it'}`, compose.loc, [
      related('topology environment', topoLoc()),
    ]);
  }
  for (const name of extra) {
    ctx.add('drift/environment', 'error', `service "${id}" sets environment variable "${name}" in compose, which the topology does not list`, compose.environment[name]!.loc, [
      related('topology environment', topoLoc()),
    ]);
  }
}

const MEMORY_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };

function bytes(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? MEMORY_UNITS[match[2]!.toLowerCase()] : undefined;
  return match && unit !== undefined ? Number(match[1]) * unit : undefined;
}

function compareResources(ctx: CheckContext, id: string, service: Service, compose: ComposeService): void {
  const topo = service.resources;
  if (!topo) return;
  const limits = compose.deploy?.resources.limits;
  const topoLoc = (key: string) => ctx.topo(['services', id, 'resources', key], true);
  if (topo.cpus !== undefined) {
    const actual = limits?.cpus;
    if (!actual || Number(actual.value) !== Number(topo.cpus)) {
      ctx.add('drift/resources', 'error', `service "${id}" is limited to ${topo.cpus} CPUs in the topology, but ${actual ? `to ${shown(actual)}` : 'not limited'} in compose`, actual?.loc ?? compose.deploy?.loc ?? compose.loc, [
        related('topology resources', topoLoc('cpus')),
      ]);
    }
  }
  if (topo.memory !== undefined) {
    const actual = limits?.memory;
    if (!actual || bytes(actual.value) !== bytes(topo.memory)) {
      ctx.add('drift/resources', 'error', `service "${id}" is limited to ${topo.memory} of memory in the topology, but ${actual ? `to ${shown(actual)}` : 'not limited'} in compose`, actual?.loc ?? compose.deploy?.loc ?? compose.loc, [
        related('topology resources', topoLoc('memory')),
      ]);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
