/**
 * Maps a loaded compose project (src/compose) onto the Traefik reader's input (src/traefik/input.ts):
 * each service's label bags, container ports and real network names, and the static configuration of
 * the Traefik service (its `command:` flags, or a mounted traefik.yml / traefik.toml, plus file-provider
 * dynamic files). Pure: files are read through the `readText` / `listDir` callbacks, when given.
 */
import { posix } from 'node:path';
import path from 'node:path';
import type { ComposeProject, ComposeService } from '../compose/types.ts';
import type { ConfigFormat, ConfigText, Located, TraefikInput, TraefikServiceInput, TraefikStaticInput } from '../traefik/input.ts';
import { readStaticConfig } from '../traefik/static-config.ts';

export interface TraefikInputOptions {
  /** Compose service running Traefik; default: the first service whose image is Traefik. */
  proxyService?: string;
  /** Reads a host file by absolute path (undefined when missing); enables traefik.yml and file-provider configs. */
  readText?: (absPath: string) => string | undefined;
  /** Names of the entries of a host directory (undefined when missing), for `providers.file.directory`. */
  listDir?: (absPath: string) => string[] | undefined;
}

/** Where Traefik looks for its static configuration file when no `--configFile` is given (container paths). */
const DEFAULT_STATIC_FILES = ['/etc/traefik/traefik.yml', '/etc/traefik/traefik.yaml', '/etc/traefik/traefik.toml'];

/** Whether an image reference names Traefik (`traefik:v3`, `docker.io/library/traefik`, `traefik@sha256:…`). */
export function isTraefikImage(image: string): boolean {
  const withoutDigest = image.split('@')[0]!;
  const lastSegment = withoutDigest.split('/').pop() ?? '';
  return lastSegment.split(':')[0]!.toLowerCase() === 'traefik';
}

/** The tag of an image reference (`v3.1` of `traefik:v3.1`), `latest` when none is given. */
export function imageTag(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSegment = withoutDigest.split('/').pop() ?? '';
  const colon = lastSegment.indexOf(':');
  return colon >= 0 ? lastSegment.slice(colon + 1) : 'latest';
}

/** The compose service running Traefik: `preferred` when it exists, else the first with a Traefik image. */
export function findTraefikService(project: ComposeProject, preferred?: string): ComposeService | undefined {
  if (preferred !== undefined && project.services[preferred]) return project.services[preferred];
  return Object.values(project.services).find((s) => s.image !== undefined && isTraefikImage(s.image.value));
}

export function composeToTraefikInput(project: ComposeProject, options: TraefikInputOptions = {}): TraefikInput {
  const services = Object.values(project.services).map((service) => serviceInput(project, service));
  const proxy = findTraefikService(project, options.proxyService);
  const staticInput = proxy ? staticInputOf(project, proxy, options) : undefined;
  return staticInput ? { projectName: project.name, services, staticInput } : { projectName: project.name, services };
}

function serviceInput(project: ComposeProject, service: ComposeService): TraefikServiceInput {
  const input: TraefikServiceInput = {
    name: service.name,
    loc: service.loc,
    labels: located(service.labels),
    deployLabels: located(service.deploy?.labels ?? {}),
    ports: service.ports.map((p) => ({ target: p.target, protocol: p.protocol, loc: p.loc })),
    expose: service.expose.map((e) => ({ port: e.port, loc: e.loc })),
    // An undeclared network is a compose error; name it as compose would have.
    networks: Object.keys(service.networks).map((key) => project.networks[key]?.realName ?? `${project.name}_${key}`),
  };
  if (service.containerName) input.containerName = service.containerName.value;
  return input;
}

/** Label bags without the compose-only `raw` text (the reader needs values and locations only). */
function located(bag: Record<string, { value: string; loc: Located<string>['loc'] }>): Record<string, Located<string>> {
  const out: Record<string, Located<string>> = {};
  for (const [key, label] of Object.entries(bag)) out[key] = { value: label.value, loc: label.loc };
  return out;
}

function staticInputOf(project: ComposeProject, proxy: ComposeService, options: TraefikInputOptions): TraefikStaticInput {
  // Traefik's image runs `traefik` with `command:` as its arguments; an `entrypoint:` override may carry them instead.
  const words = proxy.command?.args ?? [];
  const fromEntrypoint = words.length === 0 ? (proxy.entrypoint?.args ?? []).filter((a) => a.value.startsWith('-')) : [];
  const args: Array<Located<string>> = [...words, ...fromEntrypoint].map((a) => ({ value: a.value, loc: a.loc }));
  const input: TraefikStaticInput = { args, version: proxy.image ? imageTag(proxy.image.value) : 'latest' };
  const { readText } = options;
  if (!readText) return input;

  const configFlag = args.map((a) => /^--?configfile=(.+)$/i.exec(a.value.trim())?.[1]).find((v) => v !== undefined);
  const candidates = configFlag !== undefined ? [configFlag] : DEFAULT_STATIC_FILES;
  for (const containerPath of candidates) {
    const hostPath = hostPathOf(proxy, containerPath);
    const text = hostPath === undefined ? undefined : readText(hostPath);
    if (hostPath !== undefined && text !== undefined) {
      input.fileConfig = { text, file: display(project, hostPath), format: formatOf(containerPath) };
      break;
    }
  }

  const providers = readStaticConfig(input).providers.file;
  const dynamicFiles: ConfigText[] = [];
  const addFile = (containerPath: string) => {
    const hostPath = hostPathOf(proxy, containerPath);
    const text = hostPath === undefined ? undefined : readText(hostPath);
    if (hostPath !== undefined && text !== undefined) dynamicFiles.push({ text, file: display(project, hostPath), format: formatOf(containerPath) });
  };
  if (providers?.filename) addFile(providers.filename.value);
  if (providers?.directory && options.listDir) {
    const dir = providers.directory.value;
    const hostDir = hostPathOf(proxy, dir);
    const names = hostDir === undefined ? undefined : options.listDir(hostDir);
    for (const name of [...(names ?? [])].sort()) if (/\.(ya?ml|toml)$/i.test(name)) addFile(posix.join(dir, name));
  }
  if (dynamicFiles.length > 0) input.dynamicFiles = dynamicFiles;
  return input;
}

/** The host path behind a container path, through the service's bind mounts (the deepest mount wins). */
export function hostPathOf(service: ComposeService, containerPath: string): string | undefined {
  const target = posix.normalize(containerPath);
  let best: { source: string; target: string } | undefined;
  for (const volume of service.volumes) {
    if (volume.type !== 'bind' || volume.source === undefined) continue;
    const mount = posix.normalize(volume.target);
    const inside = target === mount || target.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
    if (inside && (!best || mount.length > best.target.length)) best = { source: volume.source, target: mount };
  }
  if (!best) return undefined;
  const rest = posix.relative(best.target, target);
  return rest === '' ? best.source : path.join(best.source, ...rest.split('/'));
}

function formatOf(file: string): ConfigFormat {
  return /\.toml$/i.test(file) ? 'toml' : 'yaml';
}

function display(project: ComposeProject, absPath: string): string {
  return path.relative(project.rootDir, absPath).split(path.sep).join('/');
}
