import type { TopologyModel } from '../../model/schema/index.ts';
import { MIDDLEWARE_TYPE_NAMES } from '../../model/schema/index.ts';
import { mdCell, mdCode, mdProse, mdTable } from '../escape.ts';
import type { Fragment } from '../types.ts';

/** Traefik entrypoints, TLS resolvers and middlewares with every setting. */
export function routingTables(t: TopologyModel): Fragment[] {
  const parts: string[] = [];
  const eps = Object.entries(t.entrypoints ?? {});
  if (eps.length) {
    parts.push(
      `**Entrypoints**\n\n${mdTable(
        ['Entrypoint', 'Port', 'Published', 'Protocol', 'Behaviour'],
        eps.map(([id, e]) => [
          mdCode(id),
          String(e.port),
          e.exposed ? String(e.published ?? e.port) + (e.optional ? ' (optional)' : '') : 'no',
          e.protocol.toUpperCase(),
          mdCell(
            [e.redirect ? `Redirect to ${e.redirect.to} (${e.redirect.scheme}, ${e.redirect.permanent ? 'permanent' : 'temporary'})` : '', e.certResolver ? `TLS via ${e.certResolver}` : '', e.description ?? '']
              .filter(Boolean)
              .join('; '),
          ),
        ]),
      )}`,
    );
  }
  const resolvers = Object.entries(t.tls?.resolvers ?? {});
  if (resolvers.length) {
    parts.push(
      `**TLS certificates**${t.tls?.minVersion ? ` — TLS ${t.tls.minVersion}+` : ''}${t.tls?.cipherSuites ? `, ${mdCell(t.tls.cipherSuites)} ciphers` : ''}\n\n${mdTable(
        ['Resolver', 'CA', 'Challenge', 'Alternatives', 'Storage', 'Renewal'],
        resolvers.map(([id, r]) => [
          mdCode(id),
          mdCell(r.provider + (r.staging ? ' (staging)' : '')),
          r.challenge.toUpperCase() + (r.challengeEntrypoint ? ` on ${r.challengeEntrypoint}` : '') + (r.dnsProvider ? ` via ${r.dnsProvider}` : ''),
          r.alternativeChallenges?.map((c) => c.toUpperCase()).join(', ') ?? '–',
          `${mdCode(r.storage.path)}${r.storage.volume ? ` on volume ${mdCode(r.storage.volume)}` : ''}${r.storage.permissions ? `, mode ${r.storage.permissions}` : ''}`,
          r.renewal ? `${r.renewal.automatic ? 'automatic' : 'manual'}${r.renewal.before ? `, ${r.renewal.before} before expiry` : ''}` : 'automatic',
        ]),
      )}${resolvers
        .filter(([, r]) => r.description)
        .map(([id, r]) => `\n\n${mdCode(id)}: ${mdProse(r.description!)}`)
        .join('')}${(t.tls?.notes ?? []).map((n) => `\n- ${mdCell(n)}`).join('')}`,
    );
  }
  const mws = Object.entries(t.middlewares ?? {});
  if (mws.length) {
    const users = (name: string) => Object.entries(t.routes ?? {}).filter(([, r]) => r.middlewares?.some((m) => m.split('@')[0] === name)).map(([rid]) => rid);
    parts.push(
      `**Middlewares**\n\n${mdTable(
        ['Middleware', 'Type', 'Settings', 'Used by routes', 'Notes'],
        mws.map(([id, m]) => {
          const type = MIDDLEWARE_TYPE_NAMES.find((k) => m[k] !== undefined)!;
          return [
            mdCode(`${id}${m.provider !== 'docker' ? `@${m.provider}` : ''}`),
            type,
            settings(m[type] as Record<string, unknown>),
            users(id).map(mdCode).join(', ') || '–',
            mdCell([m.description ?? '', m.optional ? 'optional' : ''].filter(Boolean).join('; ')),
          ];
        }),
      )}`,
    );
  }
  if (parts.length === 0) return [];
  return [
    {
      name: 'routing',
      kind: 'markdown',
      title: 'Traefik: entrypoints, TLS and middlewares',
      description: 'Traefik static configuration and middleware settings.',
      file: 'tables/routing.md',
      content: `${parts.join('\n\n')}\n`,
    },
  ];
}

function settings(obj: Record<string, unknown>): string {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '–';
  return entries.map(([k, v]) => `${k}: ${mdCell(Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v))}`).join('<br>');
}
