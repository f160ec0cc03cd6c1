/**
 * Traefik middlewares as the topology states them: one type each, with the settings the topology can
 * express (those the drift check compares, src/check/middleware-settings.ts). Credentials stay out:
 * basic-auth users are kept by name only (or by the variable they come from), secret header values and
 * URL credentials are never written. Middleware types the topology cannot express are reported. Pure.
 */
import { MAP_SETTINGS, MIDDLEWARE_SETTINGS, TYPE_ALIASES, durationMs, type SettingSpec } from '../check/middleware-settings.ts';
import type { SourceLoc } from '../model/diagnostics.ts';
import { Middleware, MIDDLEWARE_TYPE_NAMES } from '../model/schema/middlewares.ts';
import type { OptionValue, TraefikConfig, TraefikMiddleware } from '../traefik/types.ts';
import type { ImportNotes } from './notes.ts';
import type { SecretGuard } from './secrets.ts';
import { compareStrings } from '../util/compare-strings.ts';

export type MiddlewareOut = Record<string, unknown>;

export interface MiddlewaresImport {
  middlewares: Record<string, MiddlewareOut>;
  /** Qualified names (`name@provider`, lower-cased) the topology holds. */
  known: Set<string>;
}

const DURATION = /^\d+(\.\d+)?(ms|s|m|h|d)(\d+(\.\d+)?(ms|s|m|h|d))*$/;

export function importMiddlewares(traefik: TraefikConfig, guard: SecretGuard, rawOf: (loc: SourceLoc | null) => string | undefined, notes: ImportNotes): MiddlewaresImport {
  const out: MiddlewaresImport = { middlewares: {}, known: new Set() };
  const candidates = traefik.middlewares.filter((m) => m.provider !== 'internal');
  for (const m of [...candidates].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (out.middlewares[m.name]) {
      notes.warn('middleware-name', `middleware "${m.name}" is declared by several providers (${m.provider} too); the topology keeps one of them`, m.loc ?? undefined);
      continue;
    }
    const type = topologyType(m.type);
    if (!type) {
      notes.warn(
        'middleware-type',
        `middleware "${m.name}" is of type ${m.type ?? '(none)'}, which the topology cannot describe (it knows ${MIDDLEWARE_TYPE_NAMES.join(', ')}); it is left out, and routes using it are written without it`,
        m.loc ?? undefined,
      );
      continue;
    }
    const written = middlewareOf(m, type, guard, rawOf);
    const valid = validMiddleware(written, type);
    if (!valid) {
      notes.warn('middleware-settings', `middleware "${m.name}" (${type}) lacks a setting the topology requires; it is left out`, m.loc ?? undefined);
      continue;
    }
    out.middlewares[m.name] = valid;
    out.known.add(`${m.name}@${m.provider}`.toLowerCase());
  }
  return out;
}

function topologyType(type: string | null): string | undefined {
  if (type === null) return undefined;
  const lower = type.toLowerCase();
  const direct = MIDDLEWARE_TYPE_NAMES.find((t) => t.toLowerCase() === lower);
  if (direct) return direct;
  return Object.entries(TYPE_ALIASES).find(([, aliases]) => aliases.some((a) => a.toLowerCase() === lower))?.[0];
}

function middlewareOf(m: TraefikMiddleware, type: string, guard: SecretGuard, rawOf: (loc: SourceLoc | null) => string | undefined): MiddlewareOut {
  const settings: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(MIDDLEWARE_SETTINGS[type] ?? {})) {
    const option = m.options[spec.option];
    if (!option || (option.redacted && option.value === null)) continue;
    if (type === 'basicAuth' && key === 'users') {
      const raw = rawOf(option.loc);
      const variable = raw !== undefined ? /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(raw)?.[1] : undefined;
      if (variable !== undefined) settings.usersFileVariable = variable;
      else if (Array.isArray(option.value)) settings.users = option.value.map((u) => guard.safe(u));
      continue;
    }
    const value = settingValue(spec, option, guard, rawOf);
    if (value !== undefined) settings[key] = value;
  }
  if (type === 'basicAuth' && settings.usersFileVariable === undefined) {
    const file = m.options.usersFile;
    if (file && typeof file.value === 'string') settings.usersFileVariable = guard.asWritten(file.value, rawOf(file.loc));
  }
  for (const [key, prefix] of Object.entries(MAP_SETTINGS[type] ?? {})) {
    const map: Record<string, string> = {};
    for (const [option, value] of Object.entries(m.options).sort(([a], [b]) => compareStrings(a, b))) {
      if (!option.toLowerCase().startsWith(`${prefix.toLowerCase()}.`) || value.redacted) continue;
      map[option.slice(prefix.length + 1)] = guard.asWritten(String(value.value ?? ''), rawOf(value.loc));
    }
    if (Object.keys(map).length > 0) settings[key] = map;
  }
  const out: MiddlewareOut = {};
  if (m.provider !== 'docker') out.provider = m.provider;
  out[type] = settings;
  return out;
}

function settingValue(spec: SettingSpec, option: OptionValue, guard: SecretGuard, rawOf: (loc: SourceLoc | null) => string | undefined): unknown {
  const value = option.value;
  if (value === null) return undefined;
  const raw = rawOf(option.loc);
  switch (spec.kind) {
    case 'int': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      return Number.isInteger(n) ? n : undefined;
    }
    case 'bool':
      return typeof value === 'boolean' ? value : String(value).trim().toLowerCase() === 'true';
    case 'duration': {
      const text = String(value).trim();
      if (/^\d+$/.test(text)) return `${text}s`;
      if (DURATION.test(text)) return text;
      const ms = durationMs(text);
      return ms !== undefined && Number.isInteger(ms) ? `${ms}ms` : undefined;
    }
    case 'string':
      return guard.asWritten(String(value), raw);
    case 'list':
    case 'set': {
      const items = (Array.isArray(value) ? value.map(String) : [String(value)]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
      return items.map((item) => guard.asWritten(item, raw));
    }
  }
}

/**
 * The middleware when the schema accepts it; settings the schema rejects (e.g. an encoding it does
 * not list) are dropped first. Undefined when a required setting is missing.
 */
function validMiddleware(mw: MiddlewareOut, type: string): MiddlewareOut | undefined {
  const settings = { ...(mw[type] as Record<string, unknown>) };
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = { ...mw, [type]: settings };
    const parsed = Middleware.safeParse(candidate);
    if (parsed.success) return candidate;
    const keys = new Set(parsed.error.issues.map((i) => i.path[1]).filter((k): k is string => typeof k === 'string' && k in settings));
    if (keys.size === 0) return undefined;
    for (const key of keys) delete settings[key];
  }
  return undefined;
}
