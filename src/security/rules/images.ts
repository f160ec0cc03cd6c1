/**
 * Images not pinned to a version. KICS has no compose query for it; dclint's
 * service-image-require-explicit-tag covers compose `image:`, hadolint's DL3006/DL3007 a
 * Dockerfile's FROM. For a service compose builds, the FROM of the stage it builds counts.
 */
import { dockerfileLoc } from '../../compose/dockerfile.ts';
import { parseImageRef } from '../../compose/image-ref.ts';
import type { SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';

/** Why a reference is not pinned, or undefined when a version tag or a digest pins it. */
function unpinned(reference: string): 'untagged' | 'latest' | undefined {
  const ref = parseImageRef(reference);
  if (ref.digest !== undefined) return undefined;
  if (!ref.tagged) return 'untagged';
  return ref.tag === 'latest' ? 'latest' : undefined;
}

export const imageNotPinned: SecurityRule = {
  id: 'security/image-not-pinned',
  title: 'An image is not pinned to a version',
  severity: 'warning',
  rationale:
    'Without a version tag, or with `latest`, every pull may bring another image: an upgrade nobody reviewed, a breaking change at the next restart, or a compromised release pushed under the same name. A version tag makes a deployment reproducible and each upgrade a reviewed change; a digest pins the exact bytes.',
  fix: 'Name a version tag (`postgres:16.4-alpine`, `traefik:v3.1`), or a digest (`image@sha256:…`) where the bytes must never change; in a Dockerfile, the same for `FROM`. Let a bot such as Renovate or Dependabot propose the upgrades.',
  kics: [],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      const related = ctx.serviceRelated(service.name);
      const image = service.image;
      if (image) {
        const why = unpinned(image.value);
        if (why === undefined) continue;
        // The image as written: a tag that comes from a variable is not shown resolved.
        const written = image.raw ?? image.value;
        const message =
          why === 'untagged'
            ? `service "${service.name}" runs image ${written} without a tag, so it gets whatever \`latest\` is when pulled`
            : written.slice(written.lastIndexOf('/') + 1).includes('$')
              ? `service "${service.name}" runs image ${written}, whose tag (set by a variable) is not a version`
              : `service "${service.name}" runs image ${written}, whose tag \`latest\` is not a version`;
        ctx.add('warning', message, image.loc, related);
        continue;
      }
      const built = ctx.builtImage(service.name);
      const from = built?.stage.from;
      if (!built || from === undefined || built.stage.fromLine === undefined) continue;
      const why = unpinned(from);
      if (why === undefined) continue;
      ctx.add('warning', `service "${service.name}" is built FROM ${from}${why === 'untagged' ? ' without a tag' : ''}, which is not pinned to a version`, dockerfileLoc(built, built.stage.fromLine), related);
    }
  },
};
