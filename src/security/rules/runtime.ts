/**
 * Runtime hygiene: health checks, resource limits, and a read-only root filesystem where the topology
 * asks for one.
 */
import { dockerfileLoc } from '../../compose/dockerfile.ts';
import type { ComposeService } from '../../compose/types.ts';
import type { SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';

/** Services others wait for to finish (`service_completed_successfully`): one-shot jobs need no health check. */
function oneShot(ctx: SecurityContext): Set<string> {
  const out = new Set<string>();
  for (const s of ctx.services()) for (const dep of Object.values(s.dependsOn)) if (dep.condition === 'service_completed_successfully') out.add(dep.service);
  return out;
}

/** KICS: healthcheck_not_set (Healthcheck Not Set). */
export const noHealthcheck: SecurityRule = {
  id: 'security/no-healthcheck',
  title: 'A service has no health check',
  severity: 'warning',
  rationale:
    'Without a health check Docker only knows whether the process runs, not whether it answers: a hung service keeps receiving traffic, `depends_on: service_healthy` cannot wait for it, and an attack that wedges it goes unnoticed. (An image may declare a HEALTHCHECK of its own: topodoc reads it from the Dockerfile of a service compose builds, but cannot see inside a pulled image.)',
  fix: 'Add a `healthcheck:` with a cheap probe of the service itself (`test: ["CMD", "wget", "-qO-", "http://localhost:3000/health"]`, `pg_isready`, `redis-cli ping`) and an interval, timeout and retries; record it in the topology (`services.<id>.healthcheck`).',
  kics: ['healthcheck_not_set'],
  check(ctx: SecurityContext) {
    const jobs = oneShot(ctx);
    for (const service of ctx.services()) {
      if (jobs.has(service.name)) continue;
      const related = ctx.serviceRelated(service.name);
      if (service.healthcheck?.disabled) ctx.add('warning', `service "${service.name}" disables its health check`, service.healthcheck.loc, related);
      if (service.healthcheck) continue;
      // Without one in compose, the HEALTHCHECK of the Dockerfile compose builds it from applies.
      const built = ctx.builtImage(service.name);
      const fromImage = built?.stage.healthcheck;
      if (built && fromImage?.disabled) ctx.add('warning', `service "${service.name}" has no health check: its Dockerfile disables it (HEALTHCHECK NONE)`, dockerfileLoc(built, fromImage.line), related);
      else if (!fromImage) ctx.add('warning', `service "${service.name}" has no health check in compose${built ? ' or its Dockerfile' : ''}`, service.loc, related);
    }
  },
};

function limits(service: ComposeService): { memory: boolean; cpus: boolean; pids: boolean } {
  const l = service.deploy?.resources.limits;
  return {
    memory: l?.memory !== undefined || service.memLimit !== undefined,
    cpus: l?.cpus !== undefined || service.cpus !== undefined,
    pids: (l?.pids !== undefined && l.pids.value > 0) || (service.pidsLimit !== undefined && service.pidsLimit.value > 0),
  };
}

/** KICS: memory_not_limited (Memory Not Limited), cpus_not_limited (Cpus Not Limited), pids_limit_not_set (Pids Limit Not Set). */
export const noResourceLimits: SecurityRule = {
  id: 'security/no-resource-limits',
  title: 'A service has no memory or CPU limit',
  severity: 'warning',
  rationale:
    'Without limits one container — through a leak, a traffic spike or a request crafted to be expensive — can take all of the host\'s memory or CPU, and the kernel\'s OOM killer then picks a victim among all services, the database included. A PID limit stops fork bombs.',
  fix: 'Set `deploy.resources.limits` (`memory: 512M`, `cpus: "0.5"`, `pids: 200`) — honoured by `docker compose up` — sized from the service\'s observed use, and record them in the topology (`services.<id>.resources`).',
  kics: ['memory_not_limited', 'cpus_not_limited', 'pids_limit_not_set'],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      const set = limits(service);
      const missing = [set.memory ? '' : 'memory', set.cpus ? '' : 'CPU'].filter(Boolean);
      if (missing.length === 0) continue;
      ctx.add('warning', `service "${service.name}" has no ${missing.join(' or ')} limit`, service.deploy?.loc ?? service.loc, ctx.serviceRelated(service.name));
    }
  },
};

export const writableRootFilesystem: SecurityRule = {
  id: 'security/writable-root-filesystem',
  title: 'A container\'s root filesystem is writable although the topology says read-only',
  severity: 'error',
  rationale:
    'The topology documents the service as running on a read-only root filesystem, so reviewers assume an attacker cannot drop binaries or change its code; if compose does not set `read_only: true`, that protection is not there.',
  fix: 'Set `read_only: true` on the service, with `tmpfs:` for the paths it writes (`/tmp`, `/run`) and volumes for its data; or correct the topology if the service needs a writable filesystem.',
  kics: [],
  applies: (ctx) => Object.values(ctx.topology.services).some((s) => s.readOnly === true),
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      if (ctx.topoService(service.name)?.readOnly !== true || service.readOnly?.value === true) continue;
      ctx.add(
        'error',
        `service "${service.name}" runs with a writable root filesystem, but the topology says it is read-only`,
        service.readOnly?.loc ?? service.loc,
        [{ message: 'topology read-only flag', loc: ctx.topo(['services', service.name, 'readOnly']) }],
      );
    }
  },
};
