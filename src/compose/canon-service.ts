/**
 * Turns one merged service (located tree) into a `ComposeService`: every short syntax is
 * folded into the canonical form of types.ts, host paths are resolved against `baseDir`,
 * and environment values are dropped (keys and their kind only).
 */
import type { DiagnosticSink } from './diagnostic-sink.ts';
import { bagEntries, readLabels } from './bags.ts';
import type { BagEntry } from './bags.ts';
import { readBool, readInt, readLocatedBool, readLocatedInt, readLocatedString, readString, readStringList, uniqueValues, withRaw } from './field-read.ts';
import { readHealthcheck } from './healthcheck.ts';
import type { LEntry, LNode } from './located.ts';
import { EXTENDS_MARKER } from './located.ts';
import { isRemoteContext } from './paths.ts';
import { readExpose, readPorts } from './ports.ts';
import { ShellSyntaxError, splitShellWords } from './shell-words.ts';
import type {
  ComposeBuild,
  ComposeCommand,
  ComposeDependency,
  ComposeDeploy,
  ComposeEnvFile,
  ComposeEnvironmentEntry,
  ComposeNetworkMode,
  ComposeResources,
  ComposeService,
  ComposeServiceFileRef,
  ComposeServiceNetwork,
  Located,
} from './types.ts';
import { resolveHostPath, readServiceVolumes } from './volumes.ts';


/** Service attributes of the Compose Specification schema (anything else but `x-*` is reported). */
const SERVICE_KEYS = new Set([
  'annotations', 'attach', 'blkio_config', 'build', 'cap_add', 'cap_drop', 'cgroup', 'cgroup_parent', 'command', 'configs',
  'container_name', 'cpu_count', 'cpu_percent', 'cpu_shares', 'cpu_quota', 'cpu_period', 'cpu_rt_period', 'cpu_rt_runtime',
  'cpus', 'cpuset', 'credential_spec', 'depends_on', 'deploy', 'develop', 'device_cgroup_rules', 'devices', 'dns', 'dns_opt',
  'dns_search', 'domainname', 'entrypoint', 'env_file', 'environment', 'expose', 'extends', 'external_links', 'extra_hosts',
  'gpus', 'group_add', 'healthcheck', 'hostname', 'image', 'init', 'ipc', 'isolation', 'label_file', 'labels', 'links',
  'logging', 'mac_address', 'mem_limit', 'mem_reservation', 'mem_swappiness', 'memswap_limit', 'models', 'network_mode',
  'networks', 'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit', 'platform', 'ports', 'post_start', 'pre_stop',
  'privileged', 'profiles', 'provider', 'pull_policy', 'pull_refresh_after', 'read_only', 'restart', 'runtime', 'scale',
  'secrets', 'security_opt', 'shm_size', 'stdin_open', 'stop_grace_period', 'stop_signal', 'storage_opt', 'sysctls', 'tmpfs',
  'tty', 'ulimits', 'use_api_socket', 'user', 'userns_mode', 'uts', 'volumes', 'volumes_from', 'working_dir',
]);

export function readService(entry: LEntry, baseDir: string, sink: DiagnosticSink): ComposeService {
  const name = entry.key;
  const what = `services.${name}`;
  const node = entry.value;
  const service: ComposeService = {
    name,
    loc: entry.keyLoc,
    securityOpt: [],
    capAdd: [],
    capDrop: [],
    networks: {},
    ports: [],
    expose: [],
    labels: {},
    environment: {},
    envFiles: [],
    dependsOn: {},
    volumes: [],
    secrets: [],
    configs: [],
    profiles: [],
  };
  if (node.kind === 'scalar' && node.value === null) return withImplicitNetwork(service);
  if (node.kind !== 'map') {
    sink.error('compose/invalid-value', `${what} must be a mapping`, node.loc);
    return service;
  }
  for (const [key, e] of node.entries) {
    if (!SERVICE_KEYS.has(key) && !key.startsWith('x-') && key !== EXTENDS_MARKER) {
      sink.warning('compose/unknown-key', `${what}: unknown attribute "${key}" is ignored`, e.keyLoc, { path: `${what}.${key}` });
    }
  }
  const get = (key: string): LNode | undefined => node.entries.get(key)?.value;
  const setString = (key: 'image' | 'containerName' | 'hostname' | 'restart' | 'user' | 'pid' | 'ipc' | 'usernsMode' | 'memLimit' | 'cpus', attr: string): void => {
    const value = readLocatedString(get(attr), `${what}.${attr}`, sink);
    if (value) service[key] = value;
  };
  setString('image', 'image');
  setString('containerName', 'container_name');
  setString('hostname', 'hostname');
  setString('restart', 'restart');
  setString('user', 'user');
  setString('pid', 'pid');
  setString('ipc', 'ipc');
  setString('usernsMode', 'userns_mode');
  setString('memLimit', 'mem_limit');
  setString('cpus', 'cpus');
  const pidsLimit = readLocatedInt(get('pids_limit'), `${what}.pids_limit`, sink);
  if (pidsLimit) service.pidsLimit = pidsLimit;
  service.securityOpt = uniqueValues(readStringList(get('security_opt'), `${what}.security_opt`, sink));
  const readOnly = readLocatedBool(get('read_only'), `${what}.read_only`, sink);
  if (readOnly) service.readOnly = readOnly;
  const privileged = readLocatedBool(get('privileged'), `${what}.privileged`, sink);
  if (privileged) service.privileged = privileged;
  service.capAdd = uniqueValues(readStringList(get('cap_add'), `${what}.cap_add`, sink));
  service.capDrop = uniqueValues(readStringList(get('cap_drop'), `${what}.cap_drop`, sink));
  service.profiles = uniqueValues(readStringList(get('profiles'), `${what}.profiles`, sink));

  const build = readBuild(get('build'), `${what}.build`, baseDir, sink);
  if (build) service.build = build;
  const command = readCommand(get('command'), `${what}.command`, sink);
  if (command) service.command = command;
  const entrypoint = readCommand(get('entrypoint'), `${what}.entrypoint`, sink);
  if (entrypoint) service.entrypoint = entrypoint;

  const networkMode = readNetworkMode(get('network_mode'), `${what}.network_mode`, sink);
  if (networkMode) service.networkMode = networkMode;
  service.networks = readServiceNetworks(get('networks'), `${what}.networks`, sink);
  if (networkMode && Object.keys(service.networks).length > 0) {
    sink.error('compose/network-mode-conflict', `${what}: "network_mode" and "networks" cannot both be set`, networkMode.loc);
  }
  if (networkMode?.kind === 'host' && node.entries.has('ports')) {
    sink.warning('compose/network-mode-conflict', `${what}: "ports" are ignored with network_mode: host`, node.entries.get('ports')!.keyLoc);
  }

  service.ports = readPorts(get('ports'), `${what}.ports`, sink);
  service.expose = readExpose(get('expose'), `${what}.expose`, sink);
  service.labels = readLabels(get('labels'), `${what}.labels`, sink);
  service.environment = readEnvironment(get('environment'), `${what}.environment`, sink);
  service.envFiles = readEnvFiles(get('env_file'), `${what}.env_file`, baseDir, sink);
  service.dependsOn = readDependsOn(get('depends_on'), `${what}.depends_on`, sink);
  const healthcheck = readHealthcheck(get('healthcheck'), `${what}.healthcheck`, sink);
  if (healthcheck) service.healthcheck = healthcheck;
  service.volumes = readServiceVolumes(get('volumes'), `${what}.volumes`, baseDir, sink);
  service.secrets = readFileRefs(get('secrets'), `${what}.secrets`, '/run/secrets/', sink);
  service.configs = readFileRefs(get('configs'), `${what}.configs`, '/', sink);
  const deploy = readDeploy(get('deploy'), `${what}.deploy`, sink);
  if (deploy) service.deploy = deploy;
  const origin = get(EXTENDS_MARKER);
  if (origin) {
    const ref = extendsReference(origin);
    if (ref) service.extends = ref;
  }
  return networkMode ? service : withImplicitNetwork(service);
}

/** A service that lists no network joins the project's `default` network. */
function withImplicitNetwork(service: ComposeService): ComposeService {
  if (Object.keys(service.networks).length === 0 && !service.networkMode) {
    service.networks.default = { name: 'default', aliases: [], linkLocalIps: [], implicit: true, loc: service.loc };
  }
  return service;
}

/** `extends: name` or `extends: {service, file}` as written (used by the extends stage too). */
export function extendsReference(node: LNode): { service: string; file?: string; loc: LNode['loc'] } | undefined {
  if (node.kind === 'scalar' && node.value !== null) return { service: String(node.value), loc: node.loc };
  if (node.kind !== 'map') return undefined;
  const service = node.entries.get('service')?.value;
  const file = node.entries.get('file')?.value;
  if (service?.kind !== 'scalar' || service.value === null) return undefined;
  const ref: { service: string; file?: string; loc: LNode['loc'] } = { service: String(service.value), loc: node.loc };
  if (file?.kind === 'scalar' && file.value !== null) ref.file = String(file.value);
  return ref;
}

function readBuild(node: LNode | undefined, what: string, baseDir: string, sink: DiagnosticSink): ComposeBuild | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
  const contextPath = (text: string): string => (isRemoteContext(text) ? text : resolveHostPath(text, baseDir));
  if (node.kind === 'scalar') return { context: contextPath(String(node.value)), argKeys: [], loc: node.loc };
  if (node.kind !== 'map') {
    sink.error('compose/invalid-value', `${what} must be a path or a mapping`, node.loc);
    return undefined;
  }
  const get = (key: string): LNode | undefined => node.entries.get(key)?.value;
  const build: ComposeBuild = { context: contextPath(readString(get('context'), `${what}.context`, sink) ?? '.'), argKeys: [], loc: node.loc };
  const dockerfile = readString(get('dockerfile'), `${what}.dockerfile`, sink);
  if (dockerfile !== undefined) build.dockerfile = dockerfile;
  const target = readString(get('target'), `${what}.target`, sink);
  if (target !== undefined) build.target = target;
  build.argKeys = [...bagEntries(get('args'), '=', `${what}.args`, sink).keys()];
  return build;
}

function readCommand(node: LNode | undefined, what: string, sink: DiagnosticSink): ComposeCommand | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind === 'scalar') {
    const text = String(node.value);
    try {
      return { shellForm: true, args: splitShellWords(text).map((value) => ({ value, loc: node.loc })), loc: node.loc };
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      sink.error('compose/invalid-value', `${what}: ${err.message}`, node.loc);
      return undefined;
    }
  }
  if (node.kind === 'seq') {
    const args: Array<Located<string>> = [];
    for (const item of node.items) {
      const value = readString(item, `${what} item`, sink);
      if (value !== undefined) args.push(withRaw({ value, loc: item.loc }, item));
    }
    return { shellForm: false, args, loc: node.loc };
  }
  sink.error('compose/invalid-value', `${what} must be a string or a list`, node.loc);
  return undefined;
}

function readNetworkMode(node: LNode | undefined, what: string, sink: DiagnosticSink): ComposeNetworkMode | undefined {
  const value = readString(node, what, sink);
  if (value === undefined || node === undefined) return undefined;
  const colon = value.indexOf(':');
  const prefix = colon >= 0 ? value.slice(0, colon) : value;
  if (colon >= 0 && (prefix === 'service' || prefix === 'container')) return { value, kind: prefix, target: value.slice(colon + 1), loc: node.loc };
  const kind = value === 'none' || value === 'host' || value === 'bridge' ? value : 'other';
  return { value, kind, loc: node.loc };
}

function readServiceNetworks(node: LNode | undefined, what: string, sink: DiagnosticSink): Record<string, ComposeServiceNetwork> {
  const out: Record<string, ComposeServiceNetwork> = {};
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return out;
  if (node.kind === 'seq') {
    for (const item of node.items) {
      const name = readString(item, `${what} item`, sink);
      if (name !== undefined) out[name] = { name, aliases: [], linkLocalIps: [], implicit: false, loc: item.loc };
    }
    return out;
  }
  if (node.kind !== 'map') {
    sink.error('compose/invalid-value', `${what} must be a list or a mapping`, node.loc);
    return out;
  }
  for (const [name, entry] of node.entries) {
    const attachment: ComposeServiceNetwork = { name, aliases: [], linkLocalIps: [], implicit: false, loc: entry.keyLoc };
    const value = entry.value;
    if (value.kind === 'map') {
      const get = (key: string): LNode | undefined => value.entries.get(key)?.value;
      const at = `${what}.${name}`;
      attachment.aliases = uniqueValues(readStringList(get('aliases'), `${at}.aliases`, sink));
      const ipv4 = readLocatedString(get('ipv4_address'), `${at}.ipv4_address`, sink);
      if (ipv4) attachment.ipv4Address = ipv4;
      const ipv6 = readLocatedString(get('ipv6_address'), `${at}.ipv6_address`, sink);
      if (ipv6) attachment.ipv6Address = ipv6;
      const mac = readLocatedString(get('mac_address'), `${at}.mac_address`, sink);
      if (mac) attachment.macAddress = mac;
      const iface = readLocatedString(get('interface_name'), `${at}.interface_name`, sink);
      if (iface) attachment.interfaceName = iface;
      const priority = readInt(get('priority'), `${at}.priority`, sink);
      if (priority !== undefined) attachment.priority = priority;
      const gwPriority = readInt(get('gw_priority'), `${at}.gw_priority`, sink);
      if (gwPriority !== undefined) attachment.gwPriority = gwPriority;
      attachment.linkLocalIps = readStringList(get('link_local_ips'), `${at}.link_local_ips`, sink).map((ip) => ip.value);
    } else if (!(value.kind === 'scalar' && value.value === null)) {
      sink.error('compose/invalid-value', `${what}.${name} must be a mapping or empty`, value.loc);
    }
    out[name] = attachment;
  }
  return out;
}

function readEnvironment(node: LNode | undefined, what: string, sink: DiagnosticSink): Record<string, ComposeEnvironmentEntry> {
  const out: Record<string, ComposeEnvironmentEntry> = {};
  for (const [key, entry] of bagEntries(node, '=', what, sink)) out[key] = environmentKind(entry, what, sink);
  return out;
}

/** `scheme://user:password@host…` (RFC 3986 userinfo with a password part). */
const CREDENTIALS_IN_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/;

function environmentKind(entry: BagEntry, what: string, sink: DiagnosticSink): ComposeEnvironmentEntry {
  const value = entry.value;
  const loc = entry.keyLoc;
  if (value.kind !== 'scalar') {
    sink.error('compose/invalid-value', `${what}.${entry.key} must be a string, number, boolean or empty`, value.loc);
    return { kind: 'literal', variables: [], loc };
  }
  if (value.value === null) return { kind: 'inherited', variables: [], loc };
  const variables = [...(value.variables ?? [])];
  if (String(value.value) === '') return { kind: 'empty', variables, loc };
  if (variables.length > 0) return { kind: 'interpolated', variables, loc };
  // Only whether a credential is embedded is kept, never the value.
  return CREDENTIALS_IN_URL.test(String(value.value)) ? { kind: 'literal', variables, embedsCredentials: true, loc } : { kind: 'literal', variables, loc };
}

function readEnvFiles(node: LNode | undefined, what: string, baseDir: string, sink: DiagnosticSink): ComposeEnvFile[] {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  const out: ComposeEnvFile[] = [];
  for (const item of items) {
    if (item.kind === 'map') {
      const path = readString(item.entries.get('path')?.value, `${what}.path`, sink);
      if (path === undefined) {
        sink.error('compose/invalid-value', `${what}: an env_file entry needs "path"`, item.loc);
        continue;
      }
      out.push({ path: resolveHostPath(path, baseDir), required: readBool(item.entries.get('required')?.value, `${what}.required`, sink) ?? true, loc: item.loc });
    } else {
      const path = readString(item, what, sink);
      if (path !== undefined) out.push({ path: resolveHostPath(path, baseDir), required: true, loc: item.loc });
    }
  }
  const byPath = new Map<string, ComposeEnvFile>();
  for (const file of out) byPath.set(file.path, file);
  return [...byPath.values()];
}

function readDependsOn(node: LNode | undefined, what: string, sink: DiagnosticSink): Record<string, ComposeDependency> {
  const out: Record<string, ComposeDependency> = {};
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return out;
  if (node.kind === 'seq') {
    for (const item of node.items) {
      const service = readString(item, `${what} item`, sink);
      if (service !== undefined) out[service] = { service, condition: 'service_started', required: true, restart: false, loc: item.loc };
    }
    return out;
  }
  if (node.kind !== 'map') {
    sink.error('compose/invalid-value', `${what} must be a list or a mapping`, node.loc);
    return out;
  }
  for (const [service, entry] of node.entries) {
    const dependency: ComposeDependency = { service, condition: 'service_started', required: true, restart: false, loc: entry.keyLoc };
    const value = entry.value;
    if (value.kind === 'map') {
      const get = (key: string): LNode | undefined => value.entries.get(key)?.value;
      const condition = readString(get('condition'), `${what}.${service}.condition`, sink);
      if (condition !== undefined) {
        if (!['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition)) {
          sink.error('compose/invalid-value', `${what}.${service}.condition: unknown condition "${condition}"`, get('condition')!.loc, {
            expected: 'service_started, service_healthy or service_completed_successfully',
          });
        }
        dependency.condition = condition;
      }
      dependency.required = readBool(get('required'), `${what}.${service}.required`, sink) ?? true;
      dependency.restart = readBool(get('restart'), `${what}.${service}.restart`, sink) ?? false;
    } else if (!(value.kind === 'scalar' && value.value === null)) {
      sink.error('compose/invalid-value', `${what}.${service} must be a mapping`, value.loc);
    }
    out[service] = dependency;
  }
  return out;
}

function readFileRefs(node: LNode | undefined, what: string, defaultDir: string, sink: DiagnosticSink): ComposeServiceFileRef[] {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  if (node.kind !== 'seq') {
    sink.error('compose/invalid-value', `${what} must be a list`, node.loc);
    return [];
  }
  const byTarget = new Map<string, ComposeServiceFileRef>();
  for (const item of node.items) {
    let source: string | undefined;
    let target: string | undefined;
    if (item.kind === 'map') {
      source = readString(item.entries.get('source')?.value, `${what}.source`, sink);
      target = readString(item.entries.get('target')?.value, `${what}.target`, sink);
    } else source = readString(item, `${what} item`, sink);
    if (source === undefined) {
      sink.error('compose/invalid-value', `${what}: each entry needs a source`, item.loc);
      continue;
    }
    const mount = target === undefined ? defaultDir + source : target.startsWith('/') ? target : defaultDir + target;
    byTarget.set(mount, { source, target: mount, loc: item.loc });
  }
  return [...byTarget.values()];
}

function readDeploy(node: LNode | undefined, what: string, sink: DiagnosticSink): ComposeDeploy | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind !== 'map') {
    sink.error('compose/invalid-value', `${what} must be a mapping`, node.loc);
    return undefined;
  }
  const get = (key: string): LNode | undefined => node.entries.get(key)?.value;
  const deploy: ComposeDeploy = { labels: readLabels(get('labels'), `${what}.labels`, sink), resources: {}, loc: node.loc };
  const mode = readLocatedString(get('mode'), `${what}.mode`, sink);
  if (mode) deploy.mode = mode;
  const replicas = readLocatedInt(get('replicas'), `${what}.replicas`, sink);
  if (replicas) deploy.replicas = replicas;
  const resources = get('resources');
  if (resources?.kind === 'map') {
    const limits = readResources(resources.entries.get('limits')?.value, `${what}.resources.limits`, sink);
    if (limits) deploy.resources.limits = limits;
    const reservations = readResources(resources.entries.get('reservations')?.value, `${what}.resources.reservations`, sink);
    if (reservations) deploy.resources.reservations = reservations;
  }
  return deploy;
}

function readResources(node: LNode | undefined, what: string, sink: DiagnosticSink): ComposeResources | undefined {
  if (node?.kind !== 'map') return undefined;
  const get = (key: string): LNode | undefined => node.entries.get(key)?.value;
  const out: ComposeResources = {};
  const cpus = readLocatedString(get('cpus'), `${what}.cpus`, sink);
  if (cpus) out.cpus = cpus;
  const memory = readLocatedString(get('memory'), `${what}.memory`, sink);
  if (memory) out.memory = memory;
  const pids = readLocatedInt(get('pids'), `${what}.pids`, sink);
  if (pids) out.pids = pids;
  return out;
}
