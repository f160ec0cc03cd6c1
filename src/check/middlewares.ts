/**
 * Middlewares declared in the topology against those Traefik reads from compose labels (and file-provider
 * files when given): present on both sides, same type, same settings. Settings the topology cannot
 * express are left alone; credentials are compared by user name only and never shown.
 */
import type { Middleware } from '../model/queries.ts';
import { MIDDLEWARE_TYPE_NAMES } from '../model/schema/index.ts';
import type { OptionValue, TraefikMiddleware } from '../traefik/types.ts';
import type { CheckContext } from './context.ts';
import { isNotRunning, related } from './context.ts';
import { redactUrlCredentials } from '../util/url-credentials.ts';
import { MAP_SETTINGS, MIDDLEWARE_SETTINGS, normalise, sameValue, TYPE_ALIASES } from './middleware-settings.ts';

export function compareMiddlewares(ctx: CheckContext): void {
  const composeMiddlewares = ctx.traefik.middlewares.filter((m) => m.provider !== 'internal');
  const filesKnown = composeMiddlewares.some((m) => m.provider === 'file');
  const used = new Set<TraefikMiddleware>();
  for (const [id, mw] of Object.entries(ctx.topology.middlewares ?? {})) {
    if (mw.provider === 'internal' || (mw.provider === 'file' && !filesKnown)) continue;
    const candidates = composeMiddlewares.filter((m) => !used.has(m) && m.name.toLowerCase() === id.toLowerCase());
    // docker and swarm namespaces resolve alike for unsuffixed references, so either documents the other.
    const found =
      candidates.find((m) => m.provider === mw.provider) ?? candidates.find((m) => (mw.provider === 'docker' || mw.provider === 'swarm') && (m.provider === 'docker' || m.provider === 'swarm'));
    if (!found) {
      ctx.add(
        'drift/middleware-missing',
        isNotRunning(mw) ? 'note' : 'error',
        `middleware "${id}" (${mw.provider} provider) is in the topology, but compose declares no such middleware`,
        ctx.topo(['middlewares', id], true),
        [related('compose services', ctx.firstComposeLoc())],
      );
      continue;
    }
    used.add(found);
    compareMiddleware(ctx, id, mw, found);
  }
  for (const m of composeMiddlewares) {
    if (used.has(m)) continue;
    if (m.provider === 'file' && ctx.topology.middlewares === undefined) continue;
    ctx.add('drift/middleware-extra', 'error', `compose declares middleware "${m.name}"${m.type ? ` (${m.type})` : ''}, which the topology does not document`, m.loc ?? ctx.firstComposeLoc(), [
      related('topology middlewares', ctx.topo(ctx.topology.middlewares ? ['middlewares'] : [], true)),
    ]);
  }
}

function topologyType(mw: Middleware): string {
  return MIDDLEWARE_TYPE_NAMES.find((k) => mw[k] !== undefined)!;
}

function compareMiddleware(ctx: CheckContext, id: string, mw: Middleware, found: TraefikMiddleware): void {
  const type = topologyType(mw);
  const loc = found.loc ?? ctx.firstComposeLoc();
  const aliases = TYPE_ALIASES[type] ?? [type];
  if (!found.type || !aliases.some((a) => a.toLowerCase() === found.type!.toLowerCase())) {
    ctx.add('drift/middleware-type', 'error', `middleware "${id}" is ${type} in the topology, but ${found.type ?? 'has no type'} in compose`, loc, [
      related('topology middleware', ctx.topo(['middlewares', id, type], true)),
    ]);
    return;
  }
  const settings = (mw[type as keyof Middleware] ?? {}) as Record<string, unknown>;
  const specs = MIDDLEWARE_SETTINGS[type] ?? {};
  const topoPath = (key?: string) => ctx.topo(['middlewares', id, type, ...(key === undefined ? [] : [key])], true);
  const describe = (key: string) => `setting ${key} of middleware "${id}"`;

  for (const [key, spec] of Object.entries(specs)) {
    const option = found.options[spec.option];
    if (option?.redacted && option.value === null) continue; // a secret: not compared
    const topoValue = settings[key];
    const expected = topoValue === undefined ? normalise(spec.kind, spec.default) : normalise(spec.kind, expandValue(ctx, topoValue));
    const actual = option === undefined ? normalise(spec.kind, spec.default) : normalise(spec.kind, option.value);
    if (sameValue(expected, actual)) continue;
    if (topoValue === undefined && option === undefined) continue;
    if (key === 'users' && topoValue === undefined) continue; // user names come from the users variable; documented by usersFileVariable
    if (option === undefined) {
      ctx.add('drift/middleware-setting', 'error', `${describe(key)} is ${written(topoValue)} in the topology, but compose does not set it`, loc, [
        related('topology setting', topoPath(key)),
      ]);
    } else if (topoValue === undefined) {
      ctx.add('drift/middleware-setting', 'error', `${describe(key)} is ${shownOption(ctx, option)} in compose, which the topology does not state`, option.loc, [
        related('topology middleware', topoPath()),
      ]);
    } else {
      ctx.add('drift/middleware-setting', 'error', `${describe(key)} is ${written(topoValue)} in the topology, but ${shownOption(ctx, option)} in compose`, option.loc, [
        related('topology setting', topoPath(key)),
      ]);
    }
  }

  for (const [key, prefix] of Object.entries(MAP_SETTINGS[type] ?? {})) {
    const topoMap = (settings[key] ?? {}) as Record<string, string>;
    const composeKeys = Object.keys(found.options).filter((k) => k.toLowerCase().startsWith(`${prefix.toLowerCase()}.`));
    const names = new Set([...Object.keys(topoMap).map((k) => k.toLowerCase()), ...composeKeys.map((k) => k.slice(prefix.length + 1).toLowerCase())]);
    for (const name of [...names].sort()) {
      const topoEntry = Object.entries(topoMap).find(([k]) => k.toLowerCase() === name);
      const composeKey = composeKeys.find((k) => k.slice(prefix.length + 1).toLowerCase() === name);
      const option = composeKey === undefined ? undefined : found.options[composeKey]!;
      if (option?.redacted) continue;
      const expected = topoEntry === undefined ? undefined : ctx.src.expand(topoEntry[1]);
      const actual = option === undefined ? undefined : String(option.value ?? '');
      if (expected === actual) continue;
      const header = topoEntry?.[0] ?? composeKey!.slice(prefix.length + 1);
      const label = `${key}.${header}`;
      if (option === undefined) {
        ctx.add('drift/middleware-setting', 'error', `${describe(label)} is ${written(topoEntry![1])} in the topology, but compose does not set it`, loc, [
          related('topology setting', ctx.topo(['middlewares', id, type, key, header], true)),
        ]);
      } else if (topoEntry === undefined) {
        ctx.add('drift/middleware-setting', 'error', `${describe(label)} is ${shownOption(ctx, option)} in compose, which the topology does not state`, option.loc, [
          related('topology middleware', topoPath()),
        ]);
      } else {
        ctx.add('drift/middleware-setting', 'error', `${describe(label)} is ${written(topoEntry[1])} in the topology, but ${shownOption(ctx, option)} in compose`, option.loc, [
          related('topology setting', ctx.topo(['middlewares', id, type, key, header], true)),
        ]);
      }
    }
  }

  if (type === 'basicAuth' && typeof settings.usersFileVariable === 'string') compareUsersSource(ctx, id, settings.usersFileVariable, found);
}

/** `usersFileVariable`: the variable (or file) the users come from, seen in `users=${VAR}` or `usersFile`. */
function compareUsersSource(ctx: CheckContext, id: string, variable: string, found: TraefikMiddleware): void {
  const users = found.options.users;
  const usersFile = found.options.usersFile;
  const raw = users ? ctx.src.rawAt?.(users.loc) : undefined;
  const fromVariable = raw !== undefined && new RegExp(`\\$\\{?${escapeRegExp(variable)}(?![A-Za-z0-9_])`).test(raw);
  const fromFile = typeof usersFile?.value === 'string' && (usersFile.value === variable || (ctx.src.rawAt?.(usersFile.loc) ?? '').includes(variable));
  if (fromVariable || fromFile) return;
  ctx.add(
    'drift/middleware-setting',
    'error',
    `middleware "${id}" takes its users from ${variable} in the topology, but compose ${users ? 'lists users that do not come from it' : usersFile ? 'reads another users file' : 'sets no users'}`,
    users?.loc ?? usersFile?.loc ?? found.loc ?? ctx.firstComposeLoc(),
    [related('topology setting', ctx.topo(['middlewares', id, 'basicAuth', 'usersFileVariable'], true))],
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function expandValue(ctx: CheckContext, value: unknown): unknown {
  if (typeof value === 'string') return ctx.src.expand(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? ctx.src.expand(v) : v));
  return value;
}

/** A topology value as written in the topology. */
function written(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

/** A compose option as it may be shown: as written when interpolated, user names only for credentials. */
function shownOption(ctx: CheckContext, option: OptionValue): string {
  const raw = ctx.src.rawAt?.(option.loc);
  if (raw !== undefined && !option.redacted) return redactUrlCredentials(raw);
  if (option.value === null) return '(hidden)';
  return redactUrlCredentials(written(option.value));
}

