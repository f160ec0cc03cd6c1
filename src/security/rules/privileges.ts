/**
 * What a container may do to the host: privileged mode, added capabilities, the host's namespaces,
 * disabled kernel confinement (seccomp, AppArmor, SELinux) and privilege escalation.
 */
import type { SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';

/** KICS: privileged_containers_enabled (Privileged Containers Enabled). */
export const privileged: SecurityRule = {
  id: 'security/privileged',
  title: 'A container runs privileged',
  severity: 'error',
  rationale:
    '`privileged: true` gives the container every capability and every host device and turns off seccomp and AppArmor: root in the container is root on the host, with one `mount` away from the host\'s disks.',
  fix: 'Remove `privileged: true`. Add only the capabilities the service needs (`cap_add: [NET_ADMIN]`) and only the devices it needs (`devices:`).',
  kics: ['privileged_containers_enabled'],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      if (service.privileged?.value === true) ctx.add('error', `service "${service.name}" runs privileged, with full access to the host`, service.privileged.loc, ctx.serviceRelated(service.name));
    }
  },
};

/** Capabilities that amount to control of the host (CAP_SYS_ADMIN is "the new root", capabilities(7)). */
const DANGEROUS_CAPS = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'NET_ADMIN', 'BPF', 'PERFMON', 'SYS_BOOT', 'MAC_ADMIN', 'MAC_OVERRIDE']);

/** KICS: container_capabilities_unrestricted (Container Capabilities Unrestricted), check_cap_add_cap_drop (Check Cap Add Cap Drop). */
export const capabilitiesAdded: SecurityRule = {
  id: 'security/capabilities-added',
  title: 'A container adds Linux capabilities',
  severity: 'warning',
  rationale:
    'Docker already grants a default set of capabilities; each one added widens what a compromised process can do to the kernel. SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE and ALL are close to privileged mode.',
  fix: 'Remove capabilities the service does not need; prefer `cap_drop: [ALL]` and add back only what it uses. A service that binds a port below 1024 needs NET_BIND_SERVICE only, not NET_ADMIN.',
  kics: ['container_capabilities_unrestricted', 'check_cap_add_cap_drop'],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      for (const cap of service.capAdd) {
        const name = cap.value.toUpperCase().replace(/^CAP_/, '');
        const dangerous = DANGEROUS_CAPS.has(name);
        ctx.add(dangerous ? 'error' : 'warning', `service "${service.name}" adds capability ${name}${dangerous ? ', which gives control over the host' : ''}`, cap.loc, ctx.serviceRelated(service.name));
      }
    }
  },
};

/**
 * KICS: shared_host_network_namespace (Shared Host Network Namespace), network_mode_host_exists,
 * host_namespace_is_shared (pid), shared_host_ipc_namespace, ipc_set_to_host, shared_host_user_namespace,
 * userns_set_to_host.
 */
export const hostNamespace: SecurityRule = {
  id: 'security/host-namespace',
  title: 'A container shares a namespace with the host (network, PID, IPC or user)',
  severity: 'error',
  rationale:
    '`network_mode: host` puts the container on the host\'s interfaces: every port it listens on is public, past Docker networks and Traefik. `pid: host` lets it see and signal every host process; `ipc: host` shares the host\'s shared memory; `userns_mode: host` turns off user-namespace remapping.',
  fix: 'Remove `network_mode: host`, `pid: host`, `ipc: host` and `userns_mode: host`; join Docker networks and publish only what must be public. Monitoring agents that need host metrics should mount the relevant paths read-only instead.',
  kics: ['shared_host_network_namespace', 'network_mode_host_exists', 'host_namespace_is_shared', 'shared_host_ipc_namespace', 'ipc_set_to_host', 'shared_host_user_namespace', 'userns_set_to_host'],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      const related = ctx.serviceRelated(service.name);
      if (service.networkMode?.kind === 'host') ctx.add('error', `service "${service.name}" uses the host's network (network_mode: host)`, service.networkMode.loc, related);
      for (const [attr, value] of [['pid', service.pid], ['ipc', service.ipc], ['userns_mode', service.usernsMode]] as const) {
        if (value?.value.trim().toLowerCase() === 'host') ctx.add('error', `service "${service.name}" shares the host's ${attr === 'userns_mode' ? 'user' : attr.toUpperCase()} namespace (${attr}: host)`, value.loc, related);
      }
    }
  },
};

/** KICS: default_seccomp_profile_disabled, seccomp_disabled, security_opt_not_set (AppArmor/SELinux disabled). */
export const confinementDisabled: SecurityRule = {
  id: 'security/confinement-disabled',
  title: 'A container turns off seccomp, AppArmor or SELinux confinement',
  severity: 'error',
  rationale:
    'Docker\'s default seccomp profile blocks some 40 dangerous system calls and its AppArmor profile blocks writes to /proc and /sys; `unconfined` removes that layer, which has stopped real container escapes.',
  fix: 'Remove `seccomp:unconfined`, `apparmor:unconfined` and `label:disable` from `security_opt`. If a system call is really needed, use a custom seccomp profile that allows just that one.',
  kics: ['default_seccomp_profile_disabled', 'seccomp_disabled', 'security_opt_not_set'],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      for (const opt of service.securityOpt) {
        const text = opt.value.trim().toLowerCase().replace('=', ':');
        if (text === 'seccomp:unconfined' || text === 'apparmor:unconfined' || text === 'label:disable' || text === 'systempaths:unconfined') {
          ctx.add('error', `service "${service.name}" disables kernel confinement (security_opt: ${opt.value.trim()})`, opt.loc, ctx.serviceRelated(service.name));
        }
      }
    }
  },
};

/** KICS: no_new_privileges_not_set (No New Privileges Not Set), security_opt_not_set. */
export const noNewPrivileges: SecurityRule = {
  id: 'security/no-new-privileges',
  title: 'A container may gain privileges through setuid binaries',
  severity: 'note',
  rationale:
    'Without `no-new-privileges`, a process can gain privileges through setuid or setcap binaries in the image (su, ping, mount); with it the kernel refuses. It costs nothing for almost every service.',
  fix: 'Add `security_opt: ["no-new-privileges:true"]` to the service (or set `"no-new-privileges": true` in the Docker daemon\'s daemon.json for every container).',
  kics: ['no_new_privileges_not_set', 'security_opt_not_set'],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      const set = service.securityOpt.some((o) => /^no-new-privileges(?:[:=]true)?$/i.test(o.value.trim()));
      if (!set) ctx.add('note', `service "${service.name}" does not set security_opt no-new-privileges`, service.loc, ctx.serviceRelated(service.name));
    }
  },
};
