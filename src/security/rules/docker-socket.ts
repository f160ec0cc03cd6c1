/**
 * The Docker socket and other sensitive host paths mounted into containers.
 * KICS: docker_socket_mounted_in_container (Docker Socket Mounted In Container),
 * volume_has_sensitive_host_directory (Volume Has Sensitive Host Directory).
 */
import { imageName, type SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';

/** Images that filter the Docker API for others (tecnativa/docker-socket-proxy, linuxserver/socket-proxy…). */
const SOCKET_PROXY_IMAGE = /(socket-proxy|docker-proxy|dockerproxy)/i;

export const dockerSocket: SecurityRule = {
  id: 'security/docker-socket',
  title: 'The Docker socket is mounted into a container',
  severity: 'error',
  rationale:
    'Whoever can talk to the Docker socket controls the host: they can start a privileged container that mounts `/`. A `:ro` mount does not change that — it makes the socket file read-only, not the API behind it. A container exposed to the Internet (Traefik is) that holds the socket turns any remote code execution in it into root on the host.',
  fix: 'Give the container a filtered view of the API instead: run a socket proxy (e.g. `tecnativa/docker-socket-proxy` with only `CONTAINERS=1`) on an internal network and point the client at it (`--providers.docker.endpoint=tcp://socket-proxy:2375`). If the socket must stay, mount it `:ro` and keep that container off public networks.',
  kics: ['docker_socket_mounted_in_container', 'volume_has_sensitive_host_directory'],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      const isSocketProxy = SOCKET_PROXY_IMAGE.test(imageName(service.image?.value));
      for (const mount of service.volumes) {
        if (!mount.dockerSocket) continue;
        const related = ctx.serviceRelated(service.name);
        if (isSocketProxy) {
          if (!mount.readOnly) ctx.add('warning', `socket proxy "${service.name}" mounts the Docker socket read-write; mount it read-only (":ro")`, mount.loc, related);
          continue;
        }
        if (!mount.readOnly) {
          ctx.add('error', `service "${service.name}" mounts the Docker socket read-write, with full control of the Docker host`, mount.loc, related);
        } else {
          ctx.add('warning', `service "${service.name}" mounts the Docker socket (read-only does not restrict the Docker API); put a socket proxy in between`, mount.loc, related);
        }
      }
    }
  },
};

/** Host paths that give a container the host's secrets, devices or other containers. */
const SENSITIVE = ['/', '/etc', '/root', '/home', '/boot', '/dev', '/proc', '/sys', '/var/lib/docker', '/var/run', '/run', '/usr', '/lib', '/bin', '/sbin', '/var/lib/kubelet'];
/** Read-only files that are safe and common (time zone). */
const HARMLESS = new Set(['/etc/localtime', '/etc/timezone']);

function isInside(path: string, dir: string): boolean {
  const base = dir.replace(/[\\/]+$/, '');
  return path === base || path.startsWith(`${base}/`) || path.startsWith(`${base}\\`);
}

function sensitiveRoot(source: string): string | undefined {
  const path = source.replace(/\/+$/, '') || '/';
  if (HARMLESS.has(path)) return undefined;
  return SENSITIVE.find((root) => path === root || (root !== '/' && path.startsWith(`${root}/`)));
}

export const sensitiveHostMount: SecurityRule = {
  id: 'security/sensitive-host-mount',
  title: 'A sensitive host directory is mounted into a container',
  severity: 'error',
  rationale:
    'Mounting `/`, `/etc`, `/proc`, `/sys`, `/root`, `/var/lib/docker` and similar host paths hands the container the host\'s credentials, devices and other containers\' data; written to, they change the host itself. Monitoring agents need some of them, read-only.',
  fix: 'Mount only the files the service needs, from a directory of the project, and read-only (`:ro`). For monitoring agents (node-exporter, cAdvisor), keep the mounts read-only and the agent off public networks.',
  kics: ['volume_has_sensitive_host_directory'],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      for (const mount of service.volumes) {
        if (mount.type !== 'bind' || mount.dockerSocket || mount.source === undefined) continue;
        // Binds of the project's own folders (`./data`) are not host paths in this sense, wherever the project lives.
        if (isInside(mount.source, ctx.compose.rootDir) || isInside(mount.source, ctx.compose.projectDirectory)) continue;
        const root = sensitiveRoot(mount.source);
        if (root === undefined) continue;
        const related = ctx.serviceRelated(service.name);
        if (mount.readOnly) ctx.add('warning', `service "${service.name}" mounts the host path ${mount.source} read-only at ${mount.target}`, mount.loc, related);
        else ctx.add('error', `service "${service.name}" mounts the host path ${mount.source} read-write at ${mount.target}`, mount.loc, related);
      }
    }
  },
};
