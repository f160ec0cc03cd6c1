/**
 * Traefik v1 labels (`traefik.frontend.rule`, `traefik.port`, …) are ignored by Traefik v2 and later.
 * This recognises them and proposes the v2+ label, after Traefik's "Migration Guide: v1 to v2".
 */

const V2_NAMESPACES = new Set(['http', 'tcp', 'udp', 'tls', 'docker', 'swarm', 'enable']);
const V1_TOP = new Set(['frontend', 'backend', 'port', 'protocol', 'weight', 'tags', 'domain']);
const V1_SEGMENT_KEYS = new Set(['frontend', 'backend', 'port', 'protocol', 'weight']);

export interface V1Label {
  /** Segment name for `traefik.<segment>.frontend.*` labels, else null. */
  segment: string | null;
  /** The v1 key below the root (and segment), lower case, e.g. `frontend.rule`. */
  key: string;
}

/** Recognises a v1 label from its path below `traefik.` (lower case). */
export function recogniseV1Label(path: string[]): V1Label | null {
  const [first, second] = path;
  if (first === undefined) return null;
  if (V1_TOP.has(first)) return { segment: null, key: path.join('.') };
  if (!V2_NAMESPACES.has(first) && second !== undefined && V1_SEGMENT_KEYS.has(second)) {
    return { segment: first, key: path.slice(1).join('.') };
  }
  return null;
}

const V1_MATCHERS: Record<string, { name: string; middleware?: string }> = {
  host: { name: 'Host' },
  hostregexp: { name: 'HostRegexp' },
  path: { name: 'Path' },
  pathprefix: { name: 'PathPrefix' },
  pathstrip: { name: 'Path', middleware: 'stripprefix' },
  pathprefixstrip: { name: 'PathPrefix', middleware: 'stripprefix' },
  method: { name: 'Method' },
  query: { name: 'Query' },
};

/** Converts a v1 frontend rule (`Host:a.com,b.com;PathPrefix:/api`) to the v2+ syntax, or null. */
export function convertV1Rule(rule: string): { rule: string; middlewares: string[] } | null {
  const parts: string[] = [];
  const middlewares: string[] = [];
  const sections = rule.split(';').map((s) => s.trim()).filter((s) => s !== '');
  for (const section of sections) {
    const colon = section.indexOf(':');
    if (colon <= 0) return null;
    const matcher = V1_MATCHERS[section.slice(0, colon).trim().toLowerCase()];
    if (!matcher) return null;
    const values = section.slice(colon + 1).split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (values.length === 0 || values.some((v) => v.includes('`'))) return null;
    const calls = values.map((v) => `${matcher.name}(\`${v}\`)`);
    parts.push(calls.length === 1 ? calls[0]! : `(${calls.join(' || ')})`);
    if (matcher.middleware && !middlewares.includes(matcher.middleware)) middlewares.push(matcher.middleware);
  }
  if (parts.length === 0) return null;
  // A lone OR group needs no parentheses.
  const single = parts.length === 1 ? parts[0]!.replace(/^\((.*)\)$/, '$1') : parts.join(' && ');
  return { rule: single, middlewares };
}

/**
 * The v2+ replacement for a v1 label, as `key=value` text. `value` is the label value; it is shown only
 * for keys that cannot hold credentials.
 */
export function v1Replacement(label: V1Label, value: string, routerName: string): string | null {
  const name = label.segment ?? routerName;
  const router = `traefik.http.routers.${name}`;
  const service = `traefik.http.services.${name}`;
  const middleware = (suffix: string) => `traefik.http.middlewares.${name}-${suffix}`;
  switch (label.key) {
    case 'frontend.rule': {
      const converted = convertV1Rule(value);
      if (!converted) return `${router}.rule=<rule in the v2 syntax>`;
      const strip = converted.middlewares.length > 0 ? ` (plus a stripprefix middleware)` : '';
      return `${router}.rule=${converted.rule}${strip}`;
    }
    case 'port':
      return `${service}.loadbalancer.server.port=${value}`;
    case 'protocol':
      return `${service}.loadbalancer.server.scheme=${value}`;
    case 'weight':
      return `${service}.loadbalancer.server.weight=${value}`;
    case 'backend':
      return `${router}.service=${value}`;
    case 'frontend.entrypoints':
      return `${router}.entrypoints=${value}`;
    case 'frontend.priority':
      return `${router}.priority=${value}`;
    case 'frontend.passhostheader':
      return `${service}.loadbalancer.passhostheader=${value}`;
    case 'frontend.auth.basic':
    case 'frontend.auth.basic.users':
      return `${middleware('auth')}.basicauth.users=<user:hash,…>`;
    case 'frontend.redirect.entrypoint':
    case 'frontend.headers.sslredirect':
      return `${middleware('redirect')}.redirectscheme.scheme=https`;
    case 'frontend.whitelist.sourcerange':
    case 'frontend.whitelistsourcerange':
      return `${middleware('allowlist')}.ipallowlist.sourcerange=${value}`;
    default:
      if (label.key.startsWith('frontend.headers.')) {
        const header = label.key.slice('frontend.headers.'.length);
        if (header.startsWith('customrequestheaders') || header.startsWith('customresponseheaders')) {
          return `${middleware('headers')}.headers.${header}=<…>`;
        }
        return `${middleware('headers')}.headers.${header}=${value}`;
      }
      return null;
  }
}
