import type { TopologyModel } from '../../model/schema/index.ts';
import { displayName, resolvePort } from '../../model/queries.ts';
import { mdCell, mdCode, mdTable } from '../escape.ts';
import type { Fragment } from '../types.ts';

/** External URL → internal service:port, with what stands in between (seed 003's external access table). */
export function externalUrls(t: TopologyModel): Fragment[] {
  const routes = Object.entries(t.routes ?? {});
  if (routes.length === 0) return [];
  const rows = routes.map(([name, r]) => {
    const svc = t.services[r.service];
    const port = svc ? resolvePort(svc, r.port)?.port : undefined;
    const scheme = r.tls ? 'https' : 'http';
    const url = `${scheme}://${r.host}${r.path ?? ''}`;
    const target = r.redirect ? `redirect → ${r.redirect.to}` : `${svc?.hostname ?? r.service}:${port ?? '?'}`;
    const flags = [r.status && r.status !== 'active' ? r.status : '', r.public ? '' : 'internal only'].filter(Boolean).join(', ');
    return [
      mdCell(displayName(t, r.service) + (flags ? ` (${flags})` : '')),
      mdCode(url),
      mdCode(target),
      mdCell(r.entrypoints.join(', ')),
      r.middlewares?.length ? r.middlewares.map(mdCode).join(' → ') : '–',
      mdCell(name),
    ];
  });
  return [
    {
      name: 'urls',
      kind: 'markdown',
      title: 'External URLs',
      description: 'Every public URL, the internal service and port it reaches, and the middlewares on the way.',
      file: 'tables/urls.md',
      content: `${mdTable(['Service', 'External URL', 'Internal target', 'Entrypoints', 'Middlewares', 'Router'], rows)}\n`,
    },
  ];
}
