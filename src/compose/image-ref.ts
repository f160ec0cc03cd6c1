/**
 * Docker image references (`[registry/][namespace/]name[:tag][@digest]`), split the way the Docker
 * reference grammar does: the first component is a registry when it holds a `.` or a `:`, or is
 * `localhost`. Pure.
 */

export interface ImageRef {
  /** As written. */
  text: string;
  /** Registry host, e.g. `ghcr.io`; absent for Docker Hub. */
  registry?: string;
  /** Path below the registry without the tag, e.g. `library/postgres` → `postgres`, `prom/prometheus`. */
  path: string;
  /** Last path component, lower-cased, e.g. `prometheus`. */
  name: string;
  /** Path components before the name, e.g. `prom`, `bitnami`, `grafana`. */
  namespace: string;
  /** Tag, `latest` when none is given. */
  tag: string;
  /** Whether the reference names its tag (`:16`) rather than falling back to `latest`. */
  tagged: boolean;
  /** Content digest (`sha256:…`), which pins the image whatever its tag says. */
  digest?: string;
}

export function parseImageRef(text: string): ImageRef {
  const [withoutDigestRaw = '', digest] = text.split('@');
  const withoutDigest = withoutDigestRaw.trim();
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > slash;
  const repository = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : 'latest';
  const parts = repository.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && (/[.:]/.test(parts[0]!) || parts[0] === 'localhost')) registry = parts.shift();
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  const name = (parts[parts.length - 1] ?? '').toLowerCase();
  const ref: ImageRef = { text, path: parts.join('/').toLowerCase(), name, namespace: parts.slice(0, -1).join('/').toLowerCase(), tag, tagged: hasTag };
  if (registry !== undefined) ref.registry = registry.toLowerCase();
  if (digest !== undefined && digest.trim() !== '') ref.digest = digest.trim();
  return ref;
}

/**
 * The version a tag names, for a technology label: `16` of `16-alpine`, `v3.3` of `v3.3`, `10.6.4` of
 * `10.6.4-focal`; undefined for `latest`, `alpine`, `stable` and other tags without a number.
 */
export function tagVersion(tag: string): string | undefined {
  const match = /^(v?\d+(?:\.\d+)*)/.exec(tag);
  return match ? match[1] : undefined;
}
