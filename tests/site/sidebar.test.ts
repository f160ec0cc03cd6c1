import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { applySystemsSidebar, FULL_TREE_LIMIT, systemsSidebar, type SidebarSystem } from '../../src/site/sidebar.ts';

const system = (id: string, name: string, services = ['web', 'db']): SidebarSystem => ({
  id,
  name,
  pages: [
    { slug: '', label: 'Overview' },
    { slug: 'flows', label: 'Request flows' },
  ],
  services: services.map((s) => ({ id: s, name: s.toUpperCase() })),
});

type Entry = StarlightRouteData['sidebar'][number];
const group = (e: Entry | undefined) => {
  assert.ok(e && e.type === 'group');
  return e;
};

describe('systems sidebar', () => {
  it('lists each system with its pages and services, sorted by name, with the base path', () => {
    const entries = systemsSidebar([system('b', 'Beta'), system('a', 'Alpha')], '/docs', '/docs/systems/b/services/db/');
    assert.deepEqual(entries.map((e) => e.label), ['Alpha', 'Beta']);
    const beta = group(entries[1]);
    assert.equal(beta.collapsed, false, 'the current system is open');
    assert.equal(group(entries[0]).collapsed, true);
    assert.deepEqual(beta.entries.map((e) => e.label), ['Overview', 'Request flows', 'Services']);
    const services = group(beta.entries[2]);
    assert.equal(services.collapsed, false);
    const db = services.entries[1]!;
    assert.ok(db.type === 'link' && db.href === '/docs/systems/b/services/db/' && db.isCurrent);
  });

  it('keeps large sites light: only the current system is expanded into links', () => {
    const many = Array.from({ length: 60 }, (_, i) => system(`s${String(i).padStart(2, '0')}`, `System ${String(i).padStart(2, '0')}`, ['a', 'b', 'c', 'd', 'e']));
    assert.ok(many.length * 7 > FULL_TREE_LIMIT);
    const entries = systemsSidebar(many, '/', '/systems/s07/');
    assert.equal(entries.filter((e) => e.type === 'group').length, 1);
    assert.equal(entries.length, 60);
  });

  it('fills the placeholder group and recomputes previous/next over pages only', () => {
    const link = (label: string, href: string, isCurrent = false) => ({ type: 'link' as const, label, href, isCurrent, badge: undefined, attrs: {} });
    const route = {
      sidebar: [
        { type: 'group' as const, label: 'Systems', collapsed: false, badge: undefined, entries: [link('All systems', '/')] },
        { type: 'group' as const, label: 'Reference', collapsed: false, badge: undefined, entries: [link('Schema', '/reference/schema/'), link('JSON Schema', '/schema/topology.schema.json')] },
        link('Drift', '/drift/', true),
      ],
      pagination: { prev: undefined, next: undefined },
    } as unknown as Pick<StarlightRouteData, 'sidebar' | 'pagination'>;
    applySystemsSidebar(route, [system('a', 'Alpha')], '/', '/drift/');
    assert.deepEqual(group(route.sidebar[0]).entries.map((e) => e.label), ['All systems', 'Alpha']);
    assert.equal(route.pagination.prev?.label, 'Schema');
    assert.equal(route.pagination.next, undefined);
  });
});
