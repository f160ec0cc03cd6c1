/**
 * `topodoc import` proper: turns a loaded compose project and the Traefik configuration read from it
 * (the same as `topodoc check` compares, src/check/load-system.ts) into a topology that check accepts,
 * with every guess noted for review. Pure: the adapter reads files and passes what they hold.
 */
import type { BuiltImage } from '../compose/dockerfile.ts';
import path from 'node:path';
import type { ComposeProject, ComposeService } from '../compose/types.ts';
import type { SourceLoc } from '../model/diagnostics.ts';
import type { TraefikConfig } from '../traefik/types.ts';
import { majorVersion } from '../traefik/values.ts';
import { imageTag } from '../check/traefik-input.ts';
import { freeVolumeId, importNetworks, importVolumes } from './networks-volumes.ts';
import { ImportNotes } from './notes.ts';
import type { SecretGuard } from './secrets.ts';
import { importService, type ImportedService } from './services.ts';
import { importMiddlewares } from './traefik-middlewares.ts';
import { importRoutes, type RouteDraft } from './traefik-routes.ts';
import { importStatic, type EntrypointOut } from './traefik-static.ts';

export interface ImportSources {
  project: ComposeProject;
  traefik: TraefikConfig;
  proxy?: ComposeService;
  /** The label text as written, by label location (interpolated labels only). */
  rawAt: (loc: SourceLoc) => string | undefined;
  guard: SecretGuard;
}

export interface ImportSettings {
  id: string;
  /** `compose.files`, relative to the topology file. */
  composeFiles: string[];
  envFile?: string;
  profiles?: string[];
  /** The Dockerfile of a service compose builds and what its built stage says, when readable. */
  dockerfile?: (service: ComposeService) => BuiltImage | undefined;
  /** Whether a host file exists (for `env_file` entries). */
  fileExists?: (absPath: string) => boolean;
}

export interface ImportResult {
  topology: Record<string, unknown>;
  notes: ImportNotes;
}

export function buildTopology(sources: ImportSources, settings: ImportSettings): ImportResult {
  const { project, traefik, guard } = sources;
  const notes = new ImportNotes();
  const rawOf = rawLookup(project, sources.rawAt);
  const proxyName = sources.proxy?.name;

  const proxyImage = sources.proxy?.image?.value;
  if (proxyImage !== undefined && majorVersion(imageTag(proxyImage)) === 1) {
    notes.warn('traefik-v1', `service "${proxyName}" runs Traefik 1.x, whose flags and labels topodoc does not read (it reads Traefik v2 and v3); its routes are not imported`, sources.proxy!.image!.loc);
  }
  const statics = importStatic(traefik, sources.proxy, guard, rawOf, notes);
  const middlewares = importMiddlewares(traefik, guard, rawOf, notes);
  const types = new Map(Object.entries(middlewares.middlewares).map(([name, mw]) => [name, Object.keys(mw).find((k) => k !== 'provider')!]));
  const routes = importRoutes({
    composeServices: new Set(Object.keys(project.services)),
    traefik,
    proxyService: proxyName,
    knownMiddlewares: middlewares.known,
    middlewareTypes: types,
    guard,
    rawOf,
    notes,
  });

  const anonymousVolume = freeVolumeId(project, 'anonymous');
  const tmpfsVolume = freeVolumeId(project, 'tmpfs');
  const services: Record<string, ImportedService> = {};
  for (const service of Object.values(project.services)) {
    const isProxy = service.name === proxyName;
    const dockerfile = service.build ? settings.dockerfile?.(service) : undefined;
    services[service.name] = importService(service, {
      guard,
      notes,
      projectDirectory: project.projectDirectory,
      ports: {
        covered: isProxy ? statics.coveredPublications : new Set(),
        entrypointPorts: isProxy ? statics.entrypointPorts : new Set(),
        labelPorts: routes.labelPorts.get(service.name) ?? [],
        routedPorts: routes.routedPorts.get(service.name) ?? new Set(),
      },
      routed: (routes.routedPorts.get(service.name)?.size ?? 0) > 0 || Object.values(routes.routes).some((r) => r.service === service.name && !r.internal),
      ...(dockerfile !== undefined ? { dockerfile } : {}),
      anonymousVolume,
      tmpfsVolume,
    });
  }
  for (const service of Object.values(project.services)) {
    for (const envFile of service.envFiles) {
      if (settings.fileExists && !settings.fileExists(envFile.path)) {
        notes.warn(
          'env-file-missing',
          `service "${service.name}" reads env_file ${path.relative(project.projectDirectory, envFile.path).split(path.sep).join('/')}, which does not exist${envFile.required ? ' (compose refuses to start the service without it)' : ''}; the names of its variables cannot be listed`,
          envFile.loc,
        );
      }
    }
  }
  for (const [name, inactive] of Object.entries(project.inactiveServices)) {
    notes.warn('inactive-service', `service "${name}" runs only with compose profile ${inactive.profiles.map((p) => `"${p.value}"`).join(' or ')}, which is not active; it is left out (import with --profile to include it)`, inactive.loc);
  }
  if (proxyName !== undefined) services[proxyName]!.service.kind = 'proxy';

  const topology: Record<string, unknown> = {};
  topology.id = settings.id;
  topology.name = humanName(settings.id);
  notes.guess(['name'], 'name', 'the system id');
  const compose: Record<string, unknown> = { files: settings.composeFiles };
  if (settings.envFile !== undefined) compose.envFile = settings.envFile;
  if (settings.profiles && settings.profiles.length > 0) compose.profiles = settings.profiles;
  topology.compose = compose;
  if (proxyName !== undefined) topology.proxy = proxyName;
  if (Object.keys(statics.entrypoints).length > 0) topology.entrypoints = statics.entrypoints;
  if (Object.keys(statics.resolvers).length > 0) topology.tls = { resolvers: statics.resolvers };
  if (Object.keys(middlewares.middlewares).length > 0) topology.middlewares = middlewares.middlewares;
  topology.services = Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.service]));
  // A route needs the Traefik service in the topology; with Traefik outside these compose files there is none.
  const routable = proxyName !== undefined ? Object.entries(routes.routes) : [];
  if (proxyName === undefined && Object.keys(routes.routes).length > 0) {
    notes.warn(
      'no-traefik',
      `compose declares Traefik routers (${Object.keys(routes.routes).join(', ')}) but no Traefik service; the topology needs one to hold routes, so they are left out (import the compose file that runs Traefik too)`,
      project.services[Object.values(routes.routes)[0]!.service]?.loc,
    );
  }
  const routeEntries = routable.map(([name, draft]) => [name, routeOut(name, draft, services, statics.entrypoints, notes)] as const);
  if (routeEntries.length > 0) topology.routes = Object.fromEntries(routeEntries);
  const networks = importNetworks(project, proxyName, routeEntries.length > 0, guard, notes);
  if (Object.keys(networks).length > 0) topology.networks = networks;
  const volumes = importVolumes(
    project,
    {
      ...(Object.values(services).some((s) => s.usesAnonymous) ? { anonymous: anonymousVolume } : {}),
      ...(Object.values(services).some((s) => s.usesTmpfs) ? { tmpfs: tmpfsVolume } : {}),
    },
    notes,
  );
  if (Object.keys(volumes).length > 0) topology.volumes = volumes;
  return { topology, notes };
}

function routeOut(name: string, draft: RouteDraft, services: Record<string, ImportedService>, entrypoints: Record<string, EntrypointOut>, notes: ImportNotes): Record<string, unknown> {
  const out: Record<string, unknown> = { host: draft.host };
  if (draft.path !== undefined) out.path = draft.path;
  out.service = draft.service;
  const target = services[draft.service];
  const roles = target?.roles ?? new Map<string, string>();
  const hasMain = [...roles.values()].includes('main');
  if (draft.internal) {
    const dashboard = [...roles.values()].includes('dashboard');
    out.port = dashboard ? 'dashboard' : 8080;
    if (!dashboard) notes.guess(['routes', name, 'port'], 'port', "guessed: Traefik's own API (api@internal) on its usual port");
  } else if (draft.targetPort !== null) {
    const role = roles.get(`${draft.targetPort}/${draft.protocol === 'udp' ? 'udp' : 'tcp'}`);
    if (role !== 'main') out.port = role ?? draft.targetPort;
  } else if (!hasMain) {
    out.port = 80;
    notes.guess(['routes', name, 'port'], 'port', 'guessed: compose declares no port for it, so the image decides (80 assumed)');
  }
  out.entrypoints = draft.entrypoints;
  if (draft.middlewares) out.middlewares = draft.middlewares;
  if (draft.tls !== undefined) out.tls = draft.tls;
  // Without `tls`, a route on HTTPS entrypoints only is read as terminating TLS: say it does not.
  else if (draft.entrypoints.every((e) => entrypoints[e]?.protocol === 'https')) out.tls = false;
  if (draft.auth !== undefined) out.auth = draft.auth;
  return out;
}

/** `shop-api` → `Shop Api`: a starting point for the human name. */
function humanName(id: string): string {
  return id
    .split(/[-_.]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ') || id;
}

/** Text as written of interpolated labels and command arguments, by location. */
function rawLookup(project: ComposeProject, labels: (loc: SourceLoc) => string | undefined): (loc: SourceLoc | null) => string | undefined {
  const args = new Map<string, string>();
  for (const service of Object.values(project.services)) {
    for (const arg of [...(service.command?.args ?? []), ...(service.entrypoint?.args ?? [])]) {
      if (arg.raw !== undefined) args.set(`${arg.loc.file}:${arg.loc.line}:${arg.loc.column}`, arg.raw);
    }
  }
  return (loc) => (loc === null ? undefined : (labels(loc) ?? args.get(`${loc.file}:${loc.line}:${loc.column}`)));
}
