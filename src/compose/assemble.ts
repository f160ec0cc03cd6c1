/**
 * Builds the `ComposeProject` from the fully merged model: canonical services split by the
 * active profiles (15-profiles.md: no `profiles` = always active, `*` = all), top-level
 * resources with their real names, the implicit `default` network, and the consistency checks
 * compose applies to the active services (references to undefined services, networks, volumes,
 * secrets and configs; dependency cycles; services without image or build).
 */
import type { SourceLoc } from '../model/diagnostics.ts';
import { readConfigs, readNetworks, readSecrets, readVolumes } from './canon-resources.ts';
import { readService } from './canon-service.ts';
import type { DiagnosticSink } from './diagnostic-sink.ts';
import type { LMap } from './located.ts';
import type { ComposeNetwork, ComposeProject, ComposeService } from './types.ts';

export type AssembledParts = Pick<ComposeProject, 'services' | 'inactiveServices' | 'networks' | 'volumes' | 'secrets' | 'configs'>;

export function isServiceActive(service: ComposeService, profiles: readonly string[]): boolean {
  if (service.profiles.length === 0) return true;
  if (profiles.includes('*')) return true;
  return service.profiles.some((p) => profiles.includes(p.value));
}

export function assembleProject(root: LMap, projectName: string, projectDirectory: string, profiles: readonly string[], sink: DiagnosticSink): AssembledParts {
  const services: Record<string, ComposeService> = {};
  const inactiveServices: Record<string, ComposeService> = {};
  const servicesNode = root.entries.get('services')?.value;
  if (servicesNode?.kind === 'map') {
    for (const entry of servicesNode.entries.values()) {
      if (entry.key.startsWith('x-')) continue;
      const service = readService(entry, projectDirectory, sink);
      if (isServiceActive(service, profiles)) services[entry.key] = service;
      else inactiveServices[entry.key] = service;
    }
  } else if (servicesNode && !(servicesNode.kind === 'scalar' && servicesNode.value === null)) {
    sink.error('compose/invalid-value', 'services must be a mapping', servicesNode.loc);
  }
  const parts: AssembledParts = {
    services,
    inactiveServices,
    networks: readNetworks(root.entries.get('networks')?.value, projectName, sink),
    volumes: readVolumes(root.entries.get('volumes')?.value, projectName, sink),
    secrets: readSecrets(root.entries.get('secrets')?.value, projectDirectory, sink),
    configs: readConfigs(root.entries.get('configs')?.value, projectDirectory, sink),
  };
  addImplicitDefaultNetwork(parts, projectName);
  validateReferences(parts, sink);
  return parts;
}

function addImplicitDefaultNetwork(parts: AssembledParts, projectName: string): void {
  if (parts.networks.default) return;
  const used = Object.values(parts.services).some((service) => service.networks.default !== undefined);
  if (!used) return;
  const network: ComposeNetwork = {
    name: 'default',
    realName: `${projectName}_default`,
    external: false,
    internal: false,
    driverOpts: {},
    ipam: { config: [] },
    labels: {},
    implicit: true,
  };
  parts.networks = { ...parts.networks, default: network };
}

function validateReferences(parts: AssembledParts, sink: DiagnosticSink): void {
  const { services, inactiveServices } = parts;
  for (const service of Object.values(services)) {
    const at = `services.${service.name}`;
    if (!service.image && !service.build) {
      sink.error('compose/service-without-image', `service "${service.name}" has neither an image nor a build context`, service.loc, { path: at });
    }
    for (const dependency of Object.values(service.dependsOn)) {
      if (dependency.service === service.name) {
        sink.error('compose/depends-on-cycle', `service "${service.name}" depends on itself`, dependency.loc, { path: `${at}.depends_on` });
      } else if (inactiveServices[dependency.service]) {
        if (dependency.required) {
          sink.error('compose/depends-on-inactive', `service "${service.name}" depends on "${dependency.service}", which no active profile enables`, dependency.loc, {
            path: `${at}.depends_on`,
            related: [{ message: `"${dependency.service}" is declared here`, loc: inactiveServices[dependency.service]!.loc }],
          });
        }
      } else if (!services[dependency.service]) {
        sink.error('compose/undefined-service', `service "${service.name}" depends on undefined service "${dependency.service}"`, dependency.loc, { path: `${at}.depends_on` });
      }
    }
    const mode = service.networkMode;
    if (mode?.kind === 'service' && mode.target !== undefined && !services[mode.target]) {
      sink.error('compose/undefined-service', `service "${service.name}" uses network_mode of undefined or inactive service "${mode.target}"`, mode.loc);
    }
    for (const attachment of Object.values(service.networks)) {
      if (!parts.networks[attachment.name]) {
        sink.error('compose/undefined-network', `service "${service.name}" refers to undefined network "${attachment.name}"`, attachment.loc, { path: `${at}.networks` });
      }
    }
    for (const volume of service.volumes) {
      if (volume.type === 'volume' && volume.source !== undefined && !parts.volumes[volume.source]) {
        sink.error('compose/undefined-volume', `service "${service.name}" refers to undefined volume "${volume.source}"`, volume.loc, { path: `${at}.volumes` });
      }
    }
    for (const secret of service.secrets) {
      if (!parts.secrets[secret.source]) sink.error('compose/undefined-secret', `service "${service.name}" refers to undefined secret "${secret.source}"`, secret.loc);
    }
    for (const config of service.configs) {
      if (!parts.configs[config.source]) sink.error('compose/undefined-config', `service "${service.name}" refers to undefined config "${config.source}"`, config.loc);
    }
  }
  reportDependencyCycles(services, sink);
}

/** Depth-first search over `depends_on`; each cycle is reported once, at the dependency closing it. */
function reportDependencyCycles(services: Record<string, ComposeService>, sink: DiagnosticSink): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const dependency of Object.values(services[name]!.dependsOn)) {
      const next = dependency.service;
      if (next === name || !services[next]) continue;
      const seen = state.get(next);
      if (seen === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(next)), next].join(' -> ');
        const loc: SourceLoc = dependency.loc;
        sink.error('compose/depends-on-cycle', `dependency cycle: ${cycle}`, loc);
      } else if (seen === undefined) visit(next);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of Object.keys(services)) if (!state.has(name)) visit(name);
}
