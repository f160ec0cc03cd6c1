import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { TopologyModel } from '../../src/model/schema/index.ts';
import { securityFacts } from '../../src/model/security-facts.ts';
import { checkDiagram, graphemes, graphemeWidth } from '../../src/views/ascii/index.ts';
import { asciiGenerators } from '../../src/views/ascii-views/index.ts';
import { GENERATORS } from '../../src/views/generate.ts';
import type { Fragment } from '../../src/views/types.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { FIXTURE_TOPOLOGIES, loadTopology, topologyFromYaml } from '../helpers/topologies.ts';

const FIXTURES = FIXTURE_TOPOLOGIES;
const load = loadTopology;
const fromYaml = topologyFromYaml;

const rich = load(path.join(FIXTURES, 'rich.yaml'));
const minimal = load(path.join(FIXTURES, 'minimal.yaml'));
const references = ['infra-production', 'mito', 'sellybase', 'sothebais-v1', 'sothebais'].map((id) => load(path.join(REPO_ROOT, 'topology', `${id}.yaml`)));

function views(t: TopologyModel): Fragment[] {
  return asciiGenerators.flatMap((g) => g(t, {}));
}

function view(t: TopologyModel, name: string): string {
  const f = views(t).find((x) => x.name === name);
  assert.ok(f, `${t.id} has the view ${name}`);
  return f.content;
}

/** A diagram as rows of display cells; a wide character's second column holds ''. */
function cells(diagram: string): string[][] {
  return diagram
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => graphemes(line).flatMap((g) => (graphemeWidth(g) === 2 ? [g, ''] : graphemeWidth(g) === 0 ? [] : [g])));
}

/**
 * The text inside the box whose title or body holds `needle` (the innermost box around its first
 * occurrence), one string per row, frame excluded.
 */
function boxAround(diagram: string, needle: string): string[] {
  const grid = cells(diagram);
  const at = (x: number, y: number) => grid[y]?.[x];
  const y = grid.findIndex((row) => row.join('').includes(needle));
  assert.ok(y >= 0, `the diagram holds ${needle}\n${diagram}`);
  const column = grid[y]!.join('').indexOf(needle);
  // Display column of the needle: count cells up to the code-unit offset.
  let x = 0;
  for (let consumed = 0; consumed < column; x++) consumed += (grid[y]![x] ?? ' ').length;
  let left = x - 1;
  while (left >= 0 && at(left, y) !== '│') left--;
  assert.ok(left >= 0, `a box encloses ${needle}`);
  let top = y;
  while (top > 0 && at(left, top) !== '┌') top--;
  let right = left + 1;
  while (at(right, top) !== undefined && at(right, top) !== '┐') right++;
  let bottom = y;
  while (bottom < grid.length && at(left, bottom) !== '└') bottom++;
  return grid.slice(top + 1, bottom).map((row) => row.slice(left + 1, right).join('').trim());
}

/** The diagram's words with frame characters and line breaks taken out, for finding wrapped sentences. */
function prose(diagram: string): string {
  return diagram.replace(/[│┌┐└┘├┤┬┴┼▼]|─(?!►)/g, ' ').replace(/\s+/g, ' ');
}

function assertWellFormed(f: Fragment): void {
  assert.deepEqual(checkDiagram(f.content, { maxWidth: 100, strict: true }), [], `${f.file}\n${f.content}`);
}

/** Unicode glyphs and the plain characters standing in their place: the only allowed differences. */
const PLAIN_FOR: Record<string, string> = {
  '─': '-',
  '│': '|',
  '┌': '+',
  '┐': '+',
  '└': '+',
  '┘': '+',
  '├': '+',
  '┤': '+',
  '┬': '+',
  '┴': '+',
  '┼': '+',
  '▼': 'v',
  '▲': '^',
  '►': '>',
  '◄': '<',
  '•': '*',
  '…': '~',
  '✓': '+',
  '✗': '!',
};

function assertSameGeometry(unicode: Fragment, plain: Fragment): void {
  const u = cells(unicode.content);
  const p = cells(plain.content);
  assert.equal(u.length, p.length, `${unicode.file} and ${plain.file} have as many lines`);
  u.forEach((row, y) => {
    assert.equal(row.length, p[y]!.length, `line ${y + 1} of ${unicode.file} and ${plain.file} are equally wide`);
    row.forEach((c, x) => {
      const q = p[y]![x]!;
      if (c !== q) assert.equal(PLAIN_FOR[c], q, `line ${y + 1}, column ${x + 1}: '${c}' in ${unicode.file} but '${q}' in ${plain.file}`);
    });
  });
}

describe('ASCII views: fragments', () => {
  it('emit four views, each in Unicode and plain form, with prose titles and descriptions', () => {
    const fragments = views(rich);
    assert.deepEqual(
      fragments.map((f) => `${f.name} ${f.file}`),
      [
        'ascii-system ascii/system.txt',
        'ascii-system-plain ascii/system.plain.txt',
        'ascii-request-flow ascii/request-flow.txt',
        'ascii-request-flow-plain ascii/request-flow.plain.txt',
        'ascii-network-isolation ascii/network-isolation.txt',
        'ascii-network-isolation-plain ascii/network-isolation.plain.txt',
        'ascii-security-layers ascii/security-layers.txt',
        'ascii-security-layers-plain ascii/security-layers.plain.txt',
      ],
    );
    for (const f of fragments) {
      assert.equal(f.kind, 'ascii');
      assert.match(f.title, /^[A-Z][a-z]/);
      assert.match(f.description, /^[A-Z].*\.$/, f.description);
      assert.ok(!f.description.includes('\n'));
    }
  });

  it('are wired into the generator list after the Mermaid ones', () => {
    const names = GENERATORS.map((g) => g.name);
    assert.deepEqual(names.slice(names.indexOf('asciiSystem'), names.indexOf('asciiSystem') + 4), ['asciiSystem', 'asciiRequestFlow', 'asciiNetworkIsolation', 'asciiSecurityLayers']);
    assert.ok(names.indexOf('flowDiagrams') < names.indexOf('asciiSystem'), 'after the Mermaid generators');
  });

  it('are deterministic', () => {
    assert.deepEqual(views(rich), views(rich));
  });

  it('render Unicode and plain variants with identical geometry, plain frames in 7-bit ASCII', () => {
    for (const t of [rich, minimal, ...references]) {
      const fragments = views(t);
      for (const unicode of fragments.filter((f) => !f.name.endsWith('-plain'))) {
        const plain = fragments.find((f) => f.name === `${unicode.name}-plain`)!;
        assertSameGeometry(unicode, plain);
        assert.doesNotMatch(plain.content, /[\u2500-\u257f▼▲►◄•]/, `${t.id}/${plain.file} draws with +-| only`);
      }
    }
  });
});

describe('ASCII system view', () => {
  const system = view(rich, 'ascii-system');

  it('follows the request from the Internet through DNS and the firewall into the server', () => {
    const order = ['INTERNET', 'DNS (Cloudflare)', 'FIREWALL (UFW / AWS Security Group)', 'SERVER: Docker host', 'Traefik (Traefik v3)'].map((s) => system.indexOf(s));
    assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!)), order.join(' '));
    assert.deepEqual(boxAround(system, 'DNS (Cloudflare)').slice(2), ['example.com', '@ A 203.0.113.10', '*.example.com']);
    const firewall = boxAround(system, 'FIREWALL (');
    assert.ok(firewall.includes('• limit 22/tcp: SSH'), firewall.join('\n'));
    assert.ok(firewall.includes('• allow 443/udp: HTTP/3, optional'), firewall.join('\n'));
    // A port published on 127.0.0.1 is not part of what arrives from the Internet.
    assert.match(system, /│ HTTP :80, HTTPS :443\n/);
  });

  it('lists the entrypoints with their redirect, TLS resolvers and middlewares inside the Traefik box', () => {
    const entrypoints = boxAround(system, 'Entrypoints');
    assert.deepEqual(entrypoints.slice(2), [
      '• web :80 HTTP ─► redirect to websecure (HTTPS, permanent)',
      '• websecure :443 HTTPS, TLS via le',
      '• metrics :8082 HTTP (not published)',
    ]);
    const tls = boxAround(system, 'TLS certificates').join('\n');
    assert.match(tls, /le: Let's Encrypt, HTTP-01 challenge on web/);
    assert.match(tls, /wildcard: Let's Encrypt \(staging\), DNS-01 challenge via cloudflare/);
    assert.match(tls, /alpn: ZeroSSL, TLS-ALPN-01 challenge\n.*manual renewal/);
    const mws = boxAround(system, 'Middlewares').join('\n');
    assert.match(mws, /• api-ratelimit: rate limit 100 req per 1s, burst 50/);
    assert.match(mws, /• office-only: IP allow-list 203\.0\.113\.0\/24, 2001:db8::\/32 \(optional\)/);
  });

  it('routes each host to its service and port, arrows aligned', () => {
    const routing = boxAround(system, 'Routing');
    const web = routing.find((l) => l.startsWith('• www.example.com'))!;
    const ws = routing.find((l) => l.startsWith('• api.example.com/ws'))!;
    assert.match(web, /─► Web Frontend :3000$/);
    assert.match(ws, /─► Public API :4001$/);
    assert.equal(web.indexOf('─►'), ws.indexOf('─►'));
    assert.ok(routing.includes('• example.com                         ─► redirect to https://www.example.com'), routing.join('\n'));
  });

  it('boxes containers by group, each with its ports, health and exposure', () => {
    const data = boxAround(system, 'Data stores [persistent]').join('\n');
    for (const name of ['PostgreSQL', 'Redis', 'RabbitMQ', 'MinIO', 'Meilisearch']) assert.ok(data.includes(name), `${name} in the data group\n${data}`);
    assert.ok(!data.includes('Public API'));
    const postgres = boxAround(system, 'PostgreSQL 16');
    assert.ok(postgres.includes('• Port: 5432'), postgres.join('\n'));
    assert.ok(postgres.includes('• Not exposed ✓'), postgres.join('\n'));
    const api = boxAround(system, 'Fastify').join('\n');
    assert.match(api, /• Replicas: 2/);
    assert.match(api, /─► PostgreSQL: SQL/);
    // The hostile name is kept as text, on one logical line, and the frame stays closed.
    assert.ok(prose(system).includes('Admin "Console" [beta] | #1 `x` <script>alert(1)</script> line 2 🚀'));
  });

  it('draws a use as an arrow labelled with what flows (minimal fixture)', () => {
    const out = view(minimal, 'ascii-system');
    const rows = cells(out);
    const y = rows.findIndex((r) => r.join('').includes('│ SQL'));
    const x = rows[y]!.join('').indexOf('│ SQL');
    assert.equal(rows[y - 1]![x], '┬', 'the arrow leaves the api box through its bottom edge');
    assert.equal(rows[y + 1]![x], '▼');
    assert.equal(rows[y + 2]![x - 1] === '─' || rows[y + 2]![x] === '─', true, 'and points at the db box');
    assert.ok(boxAround(out, 'PostgreSQL 16').includes('• Not exposed ✓'));
    assert.ok(boxAround(out, 'PostgreSQL 16').includes('• User: postgres'));
    assert.match(prose(boxAround(out, 'Fastify').join('\n')), /• Health check ✓ HTTP \/health/);
    assert.deepEqual(boxAround(out, 'DOCKER NETWORKS').slice(2), ['• web: bridge, 2 containers', '• data: bridge, internal (no route to the outside world), 2 containers']);
  });

  it('names the host from infrastructure.hosts and lists volumes with what they persist', () => {
    const out = view(references.find((t) => t.id === 'sellybase')!, 'ascii-system');
    assert.match(out, /SERVER: Server \/ EC2 instance \(AWS\)/);
    const volumes = boxAround(out, 'VOLUMES').join('\n');
    assert.match(volumes, /• postgres_data \(named volume\): Database persistence; mounted by PostgreSQL/);
    assert.match(volumes, /• backups \(bind mount of \.\/backups\): Database backups - host/);
    assert.match(boxAround(out, 'DOCKER NETWORKS').join('\n'), /selly-network: bridge, subnet 172\.25\.0\.0\/16/);
  });
});

describe('ASCII network isolation view', () => {
  it('shows the internal network with its database behind the routing network (minimal)', () => {
    const out = view(minimal, 'ascii-network-isolation');
    const web = boxAround(out, 'web: routing network traefik joins').join('\n');
    assert.ok(web.includes('traefik') && web.includes('api'), web);
    assert.ok(!web.includes('db'), web);
    const data = boxAround(out, 'data: internal network').join('\n');
    assert.match(prose(data), /internal: no route to the outside world/);
    assert.match(data, /Reached via api/);
    assert.ok(data.includes('│     db     │') || /│\s+db\s+│/.test(data), data);
    assert.ok(out.indexOf('web: routing network') < out.indexOf('data: internal network'));
    assert.match(prose(out), /✓ NOT reachable from the Internet \(no public route, no published port\): db\./);
    assert.match(prose(out), /✓ NOT reachable from traefik \(on no network it joins\): db\./);
    assert.match(prose(out), /Bridges between traefik's networks and the others: api \(web \+ data\)\./);
  });

  it('marks external networks and lists every network Traefik joins with its members (rich)', () => {
    const out = view(rich, 'ascii-network-isolation');
    const proxyNet = boxAround(out, 'proxy (traefik_public)').join('\n');
    assert.match(proxyNet, /external: created outside this project/);
    for (const name of ['Traefik', 'Web Frontend', 'Public API', 'Grafana']) assert.ok(proxyNet.includes(name), name);
    const data = boxAround(out, 'data: internal network').join('\n');
    for (const name of ['PostgreSQL', 'Redis', 'RabbitMQ', 'MinIO', 'Meilisearch']) assert.ok(data.includes(name), name);
    assert.ok(!data.includes('Web Frontend'));
    assert.match(boxAround(out, 'app: internal-use network').join('\n'), /subnet 172\.25\.0\.0\/16/);
    const text = prose(out);
    assert.match(text, /MinIO publishes host port 9001 \(console port\) on 127\.0\.0\.1 only/);
    assert.match(text, /NOT reachable from Traefik \(on no network it joins\): Search API, .*PostgreSQL, Redis, RabbitMQ, MinIO, Meilisearch and Backup job\./);
  });

  it('flags datastores that share a network with Traefik (sellybase)', () => {
    const out = view(references.find((t) => t.id === 'sellybase')!, 'ascii-network-isolation');
    assert.match(prose(out), /✗ Datastores on a network Traefik joins \(reachable from it, though not routed\): PostgreSQL \(selly-network\)\./);
  });
});

describe('ASCII request flow view', () => {
  it('walks a route from the client to the service and back, middlewares in order (rich)', () => {
    const out = view(rich, 'ascii-request-flow');
    const start = out.indexOf('https://api.example.com/v1 ─► Public API');
    assert.ok(start >= 0, out);
    const flow = out.slice(start, out.indexOf('FLOW', start + 10));
    const steps = ['1. Client: Shoppers & admins 🛒', '2. Traefik :443 (entrypoint websecure)', '3. Public API :4000, Fastify', '4. Public API calls', '5. Response'].map((s) => flow.indexOf(s));
    assert.ok(steps.every((i, k) => i >= 0 && (k === 0 || i > steps[k - 1]!)), steps.join(' '));
    const mws = ['1. api-ratelimit (in chain api-chain): rate limit 100 req per 1s, burst 50', '2. cors (in chain api-chain): CORS origins', '3. compress: compression (gzip, br)'].map((s) => flow.indexOf(s));
    assert.ok(mws.every((i, k) => i >= 0 && (k === 0 || i > mws[k - 1]!)), mws.join(' '));
    const text = prose(flow);
    assert.match(text, /DNS \(Cloudflare\) resolves api\.example\.com to the server \(zone \*\.example\.com\)/);
    assert.match(text, /HTTPS :443, let through by the firewall \(allow 443\/tcp\)/);
    assert.match(text, /TLS termination, certificate from resolver le \(HTTP-01\), TLS 1\.2 or newer/);
    assert.match(text, /Router api: Host\(`api\.example\.com`\) && PathPrefix\(`\/v1`\)/);
    assert.match(text, /Authenticates the request itself \(in the application\)/);
    assert.match(text, /PostgreSQL :5432 \(database\): SQL/);
    assert.match(text, /Public API ─► Traefik ─► client/);
  });

  it('shows forward auth, stripped prefixes, redirects and internal routes', () => {
    const text = prose(view(rich, 'ascii-request-flow'));
    assert.match(text, /clerk-auth: forward auth to https:\/\/auth\.example\.com\/verify\?x="1"&y=\[2\]/);
    assert.match(text, /Receives only requests clerk-auth let through/);
    assert.match(text, /HTTP :4200, path \/"\[beta\]\|#`x`/);
    assert.match(text, /https:\/\/example\.com ─► 301\/308 redirect to https:\/\/www\.example\.com/);
    assert.match(text, /metrics\.example\.com ─► Traefik :8082: not public, on entrypoint metrics/);
    assert.ok(!/FLOW \d+ OF \d+: https:\/\/example\.com /.test(text), 'a redirect-only route gets no flow');
  });

  it('numbers one flow per route of the minimal system', () => {
    const out = view(minimal, 'ascii-request-flow');
    assert.match(out, /^┌─+┐\n│ FLOW 1 OF 1: https:\/\/api\.example\.com ─► api │\n└─+┘\n/);
    assert.match(out, /└─ 1\. api-ratelimit: rate limit 100 req per 1s, burst 50/);
    assert.match(prose(out), /4\. api calls • db :5432 \(database\): SQL/);
  });

  it('groups routes that differ only in their address', () => {
    const t = fromYaml(`
id: twin
name: Twin hosts
services:
  traefik: { kind: proxy }
  app: { kind: app, ports: { main: 8080 } }
routes:
  a: { host: a.example.com, service: app, entrypoints: [web] }
  b: { host: b.example.com, service: app, entrypoints: [web] }
entrypoints:
  web: { port: 80, protocol: http }
`);
    const out = view(t, 'ascii-request-flow');
    assert.match(out, /^┌─+┐\n│ FLOW 1 OF 1: http:\/\/a\.example\.com, http:\/\/b\.example\.com ─► app │\n/);
    assert.match(prose(out), /Router a: Host\(`a\.example\.com`\) • Router b: Host\(`b\.example\.com`\)/);
  });
});

describe('ASCII security layers view', () => {
  it('boxes the stated layers with their measures, then the checked facts by layer', () => {
    const t = references.find((x) => x.id === 'sellybase')!;
    const out = view(t, 'ascii-security-layers');
    const stated = boxAround(out, 'SECURITY LAYERS');
    const layer1 = stated.indexOf('Layer 1: Network Security');
    assert.ok(layer1 >= 0, stated.join('\n'));
    assert.deepEqual(stated.slice(layer1 + 1, layer1 + 4), ['├─ Firewall (UFW / Security Groups)', '├─ Only necessary ports open (22, 80, 443)', '└─ SSH key-based authentication']);
    assert.ok(stated.includes('Layer 5: Database Security'));
    assert.ok(out.indexOf('SECURITY LAYERS') < out.indexOf('CHECKED AGAINST THE MODEL'));
    const text = prose(out);
    for (const f of securityFacts(t)) assert.ok(text.includes(`${f.holds ? '✓' : '✗'} ${f.statement.replace(/\s+/g, ' ')}`), f.statement);
  });

  it('marks every fact of the rich fixture and counts them', () => {
    const out = view(rich, 'ascii-security-layers');
    const facts = securityFacts(rich);
    const text = prose(out);
    assert.ok(!out.includes('SECURITY LAYERS'), 'no stated layers, no box for them');
    assert.ok(text.includes(`${facts.length} facts: ${facts.filter((f) => f.holds).length} hold, ${facts.filter((f) => !f.holds).length} do not.`));
    for (const f of facts) assert.ok(text.includes(`${f.holds ? '✓' : '✗'} ${f.statement.replace(/\s+/g, ' ')}`), f.statement);
    assert.ok(text.indexOf('Network isolation') < text.indexOf('Transport') && text.indexOf('Transport') < text.indexOf('Access control'));
  });
});

describe('ASCII views stay well-formed', () => {
  it('with long names, wide characters and many services', () => {
    const many = Array.from({ length: 14 }, (_, i) => `  svc${i}: { kind: ${i % 3 === 0 ? 'database' : 'app'}, name: "サービス ${i} — ${'long-name-'.repeat(i % 4)}x", group: g${i % 3}, networks: [n${i % 2}], ports: { main: ${3000 + i} }, uses: [{ service: svc${(i + 1) % 14}, label: "calls ${'very '.repeat(i)}often" }] }`).join('\n');
    const t = fromYaml(`
id: stress
name: "Stress 🚀 ${'x'.repeat(150)}"
groups:
  g0: { name: "Gruppe Ä ${'wide 漢字 '.repeat(12)}" }
  g1: { name: g1 }
  g2: { name: g2 }
infrastructure:
  hosts:
    h: { name: "${'host-'.repeat(30)}", provider: "某云" }
entrypoints:
  web: { port: 80, protocol: http, redirect: { to: websecure } }
  websecure: { port: 443, protocol: https }
services:
  traefik: { kind: proxy, networks: [n0, n1] }
${many}
routes:
${Array.from({ length: 6 }, (_, i) => `  r${i}: { host: "${'sub'.repeat(i * 5)}.example.com", path: "/${'p'.repeat(i * 12)}", service: svc${i}, entrypoints: [websecure] }`).join('\n')}
networks:
  n0: { description: "${'Lorem ipsum dolor sit amet. '.repeat(8)}" }
  n1: { internal: true }
`);
    for (const f of views(t)) assertWellFormed(f);
  });
});
