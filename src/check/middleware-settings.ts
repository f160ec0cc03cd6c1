/**
 * How the topology's middleware settings map onto Traefik's canonical option names (see
 * src/traefik/middleware-catalog.ts), with the kind used to compare values and Traefik's default
 * (from its middleware reference) so that an unset option equals its default.
 */
import { redactUrlCredentials } from '../util/url-credentials.ts';

export type SettingKind = 'int' | 'bool' | 'duration' | 'string' | 'list' | 'set';

export interface SettingSpec {
  /** Canonical Traefik option key. */
  option: string;
  kind: SettingKind;
  default?: number | boolean | string;
}

const spec = (option: string, kind: SettingKind, dflt?: number | boolean | string): SettingSpec =>
  dflt === undefined ? { option, kind } : { option, kind, default: dflt };

/** Topology middleware type → topology setting key → Traefik option. Keys left out are not Traefik options. */
export const MIDDLEWARE_SETTINGS: Record<string, Record<string, SettingSpec>> = {
  rateLimit: { average: spec('average', 'int', 0), burst: spec('burst', 'int', 1), period: spec('period', 'duration', '1s') },
  headers: {
    stsSeconds: spec('stsSeconds', 'int', 0),
    stsIncludeSubdomains: spec('stsIncludeSubdomains', 'bool', false),
    stsPreload: spec('stsPreload', 'bool', false),
    forceSTSHeader: spec('forceSTSHeader', 'bool', false),
    frameDeny: spec('frameDeny', 'bool', false),
    customFrameOptionsValue: spec('customFrameOptionsValue', 'string'),
    contentTypeNosniff: spec('contentTypeNosniff', 'bool', false),
    browserXssFilter: spec('browserXssFilter', 'bool', false),
    referrerPolicy: spec('referrerPolicy', 'string'),
    contentSecurityPolicy: spec('contentSecurityPolicy', 'string'),
    accessControlAllowOriginList: spec('accessControlAllowOriginList', 'set'),
    accessControlAllowMethods: spec('accessControlAllowMethods', 'set'),
    accessControlAllowHeaders: spec('accessControlAllowHeaders', 'set'),
    accessControlAllowCredentials: spec('accessControlAllowCredentials', 'bool', false),
    accessControlMaxAge: spec('accessControlMaxAge', 'int', 0),
  },
  compress: { encodings: spec('encodings', 'list'), minResponseBodyBytes: spec('minResponseBodyBytes', 'int', 1024) },
  basicAuth: { users: spec('users', 'set'), realm: spec('realm', 'string', 'traefik') },
  forwardAuth: {
    address: spec('address', 'string'),
    trustForwardHeader: spec('trustForwardHeader', 'bool', false),
    authResponseHeaders: spec('authResponseHeaders', 'set'),
  },
  ipAllowList: { sourceRange: spec('sourceRange', 'set') },
  redirectScheme: { scheme: spec('scheme', 'string'), permanent: spec('permanent', 'bool', false), port: spec('port', 'string') },
  redirectRegex: { regex: spec('regex', 'string'), replacement: spec('replacement', 'string'), permanent: spec('permanent', 'bool', false) },
  stripPrefix: { prefixes: spec('prefixes', 'list') },
  chain: { middlewares: spec('middlewares', 'list') },
};

/** Map-valued settings: topology key → Traefik option prefix (one option per map key). */
export const MAP_SETTINGS: Record<string, Record<string, string>> = {
  headers: { customResponseHeaders: 'customResponseHeaders' },
};

/** Traefik type names the topology type stands for (v2 spellings included). */
export const TYPE_ALIASES: Record<string, string[]> = {
  ipAllowList: ['ipAllowList', 'ipWhiteList'],
};

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a Go/compose duration (`1s`, `1m30s`, `30d`) or of a plain number of seconds (Traefik's int form). */
export function durationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const pattern = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = pattern.exec(trimmed); match; match = pattern.exec(trimmed)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed = pattern.lastIndex;
  }
  return consumed === trimmed.length && consumed > 0 ? total : undefined;
}

export type Normalised = number | boolean | string | string[] | undefined;

/** A comparable form of a setting value; lists of comma-joined text are split like Traefik splits labels. */
export function normalise(kind: SettingKind, value: unknown): Normalised {
  if (value === undefined || value === null) return undefined;
  switch (kind) {
    case 'int': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      return Number.isFinite(n) ? n : String(value);
    }
    case 'bool':
      return typeof value === 'boolean' ? value : String(value).trim().toLowerCase() === 'true';
    case 'duration':
      return durationMs(String(value)) ?? String(value);
    case 'string':
      // Credentials in URLs (forwardAuth addresses…) are compared, and written by import, as REDACTED.
      return redactUrlCredentials(String(value));
    case 'list':
    case 'set': {
      const items = (Array.isArray(value) ? value.map(String) : [String(value)])
        .flatMap((item) => item.split(','))
        .map((item) => item.trim())
        .filter((item) => item !== '');
      return kind === 'set' ? [...new Set(items)].sort() : items;
    }
  }
}

export function sameValue(a: Normalised, b: Normalised): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}
