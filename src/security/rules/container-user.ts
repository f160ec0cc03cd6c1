/**
 * Containers running as root. KICS has no compose query for `user` (its Dockerfile query
 * "Missing User Instruction" covers the image side); this is the compose side of the same advice, and
 * for a service compose builds, the USER its Dockerfile ends with.
 */
import { dockerfileLoc } from '../../compose/dockerfile.ts';
import type { SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';

const isRootUser = (user: string) => /^(root|0)(:.*)?$/.test(user.trim());

export const containerRoot: SecurityRule = {
  id: 'security/container-root',
  title: 'A container runs as root',
  severity: 'warning',
  rationale:
    'A process running as root inside a container is root on the host\'s kernel, kept in only by namespaces and capabilities; any container escape or writable host mount then acts as root. Without `user:` a container runs as the image\'s default user, which is root unless the image sets `USER` (for a service compose builds, topodoc reads the USER of the Dockerfile stage it builds).',
  fix: 'Set `user: "1000:1000"` (or a named user the image has) in compose and give that user the files it needs; many official images document a non-root mode. When the image drops root by itself (e.g. PostgreSQL\'s entrypoint) or sets `USER`, record that user in the topology (`services.<id>.user`).',
  kics: [],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      const related = ctx.serviceRelated(service.name);
      if (service.user) {
        if (isRootUser(service.user.value)) ctx.add('warning', `service "${service.name}" runs as root (user: ${service.user.raw ?? service.user.value})`, service.user.loc, related);
        continue;
      }
      const built = ctx.builtImage(service.name);
      const dockerfileUser = built?.stage.user;
      if (built && dockerfileUser) {
        if (isRootUser(dockerfileUser.value)) ctx.add('warning', `service "${service.name}" runs as root (USER ${dockerfileUser.value} in its Dockerfile)`, dockerfileLoc(built, dockerfileUser.line), related);
        continue;
      }
      const documented = ctx.topoService(service.name)?.user;
      if (documented !== undefined && !isRootUser(documented)) continue; // the image's USER, as the topology records it
      ctx.add('warning', `service "${service.name}" sets no user, so it runs as the image's default user (root unless the image sets USER)`, service.loc, related);
    }
  },
};
