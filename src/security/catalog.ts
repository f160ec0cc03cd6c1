/**
 * Every security rule, in the order reports and the docs list them. Rule ids are part of the
 * interface (CI annotations and code-scanning alerts are keyed on them): never rename one.
 *
 * KICS Docker Compose queries (assets/queries/dockerCompose) and where they are covered:
 *   container_traffic_not_bound_to_host_interface → datastore-published, internal-service-published
 *   docker_socket_mounted_in_container            → docker-socket
 *   volume_has_sensitive_host_directory           → sensitive-host-mount, docker-socket
 *   privileged_containers_enabled                 → privileged
 *   container_capabilities_unrestricted, check_cap_add_cap_drop → capabilities-added
 *   shared_host_network_namespace, network_mode_host_exists, host_namespace_is_shared,
 *   shared_host_ipc_namespace, ipc_set_to_host, shared_host_user_namespace, userns_set_to_host → host-namespace
 *   default_seccomp_profile_disabled, seccomp_disabled, security_opt_not_set → confinement-disabled
 *   no_new_privileges_not_set                     → no-new-privileges
 *   healthcheck_not_set                           → no-healthcheck
 *   memory_not_limited, cpus_not_limited, pids_limit_not_set → no-resource-limits
 *   networks_not_set                              → network-not-internal (the nearest intent)
 * Beyond KICS: image-not-pinned (dclint's service-image-require-explicit-tag, hadolint DL3006/DL3007).
 * Not covered, on purpose: privileged_ports_mapped_in_container (Traefik must bind 80/443),
 * restart_policy_on_failure_not_set_to_5 (availability, not security), cgroup_not_default,
 * shared_volumes_between_containers and volume_mounted_in_multiple_containers (sharing a volume
 * between an app and its sidecar is how such stacks work; the topology documents who mounts what).
 */
import { adminRouteWithoutAuth, apiWithoutRateLimit } from './rules/access.ts';
import { containerRoot } from './rules/container-user.ts';
import { dockerSocket, sensitiveHostMount } from './rules/docker-socket.ts';
import { datastorePublished, internalServicePublished } from './rules/exposure.ts';
import { missingSecurityHeaders } from './rules/headers.ts';
import { networkNotInternal } from './rules/networks.ts';
import { capabilitiesAdded, confinementDisabled, hostNamespace, noNewPrivileges, privileged } from './rules/privileges.ts';
import { noHealthcheck, noResourceLimits, writableRootFilesystem } from './rules/runtime.ts';
import { imageNotPinned } from './rules/images.ts';
import { literalSecret } from './rules/secrets.ts';
import { traefikApiInsecure, traefikDashboardUnauthenticated } from './rules/traefik-api.ts';
import { httpWithoutRedirect, routerWithoutTls } from './rules/transport.ts';
import type { SecurityRule } from './types.ts';

export const SECURITY_RULES: readonly SecurityRule[] = [
  datastorePublished,
  internalServicePublished,
  dockerSocket,
  sensitiveHostMount,
  traefikApiInsecure,
  traefikDashboardUnauthenticated,
  routerWithoutTls,
  httpWithoutRedirect,
  adminRouteWithoutAuth,
  apiWithoutRateLimit,
  missingSecurityHeaders,
  literalSecret,
  imageNotPinned,
  privileged,
  capabilitiesAdded,
  hostNamespace,
  confinementDisabled,
  containerRoot,
  writableRootFilesystem,
  noHealthcheck,
  noResourceLimits,
  noNewPrivileges,
  networkNotInternal,
];

const BY_ID = new Map(SECURITY_RULES.map((r) => [r.id, r]));

export function securityRule(id: string): SecurityRule | undefined {
  return BY_ID.get(id);
}

export function isSecurityRule(id: string): boolean {
  return id.startsWith('security/');
}
