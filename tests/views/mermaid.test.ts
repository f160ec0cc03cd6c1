import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseTopology } from '../../src/model/parse-topology.ts';
import type { TopologyModel } from '../../src/model/schema/index.ts';
import { parseMermaid } from '../../src/render/mermaid-renderer.ts';
import { architectureDiagram } from '../../src/views/mermaid/architecture.ts';
import { flowDiagrams } from '../../src/views/mermaid/flows.ts';
import { mermaidGenerators } from '../../src/views/mermaid/index.ts';
import { routeSequenceDiagrams } from '../../src/views/mermaid/route-sequences.ts';
import { tlsFlowDiagrams } from '../../src/views/mermaid/tls-flow.ts';
import type { Fragment } from '../../src/views/types.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { FIXTURE_TOPOLOGIES, loadTopology, topologyFromYaml } from '../helpers/topologies.ts';

const FIXTURES = FIXTURE_TOPOLOGIES;
const load = loadTopology;
const fromYaml = topologyFromYaml;

const rich = load(path.join(FIXTURES, 'rich.yaml'));
const minimal = load(path.join(FIXTURES, 'minimal.yaml'));

const lines = (f: Fragment) => f.content.split('\n').map((l) => l.trim());
const byName = (fragments: Fragment[], name: string) => {
  const f = fragments.find((x) => x.name === name);
  assert.ok(f, `fragment ${name} exists`);
  return f;
};
/** Index of the first line containing `needle`, failing when there is none. */
const lineOf = (f: Fragment, needle: string) => {
  const i = lines(f).findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${f.name} has a line with ${needle}`);
  return i;
};
/** The subgraph ids enclosing the line that declares `node`, outermost first. */
function enclosing(f: Fragment, node: string): string[] {
  const stack: string[] = [];
  for (const line of lines(f)) {
    const open = /^subgraph (\S+?)\[/.exec(line);
    if (open) stack.push(open[1]!);
    else if (line === 'end') stack.pop();
    else if (line.startsWith(`${node}[`) || line.startsWith(`${node}(`) || line.startsWith(`${node}>`)) return [...stack];
  }
  assert.fail(`node ${node} is not declared`);
}
/** Every `rect`/`alt`/`opt`/`loop`/`subgraph` is closed by its own `end`. */
function assertBalanced(f: Fragment): void {
  let depth = 0;
  for (const line of lines(f)) {
    if (/^(rect|alt|opt|loop|subgraph) /.test(line)) depth++;
    else if (line === 'end') depth--;
    assert.ok(depth >= 0, `${f.name}: an end without a block`);
  }
  assert.equal(depth, 0, `${f.name}: every block is closed`);
}

describe('architecture', () => {
  const [arch] = architectureDiagram(rich, {});
  const text = arch!.content;
  const has = (line: string) => assert.ok(lines(arch!).includes(line), `architecture has the line: ${line}`);

  it('is one fragment with a title, a one-sentence description and accessibility lines', () => {
    assert.equal(arch!.name, 'architecture');
    assert.equal(arch!.file, 'architecture.mmd');
    assert.equal(arch!.kind, 'mermaid');
    assert.equal(arch!.title, 'Harbor "Market" [rich] | #1: architecture');
    assert.match(arch!.description, /^How traffic reaches .* 24 services on 4 networks, .*monitoring\.$/);
    assert.match(text, /^---\nconfig:\n {2}flowchart:\n {4}wrappingWidth: \d+\n---\nflowchart TB\n/);
    has('accTitle: Harbor #quot;Market#quot; #91;rich#93; #124; #35;1: architecture');
    assert.ok(lines(arch!).some((l) => l.startsWith('accDescr: How traffic reaches')));
  });

  it('draws the way in: Internet, DNS with the wildcard, firewall ports, entrypoints and the HTTPS redirect', () => {
    has('internet(("Internet"))');
    has('dns["DNS · Cloudflare<br/>example.com<br/>*.example.com"]');
    has('firewall["Firewall · ufw<br/>deny by default<br/>allow 80, 443/tcp<br/>limit 22/tcp<br/>allow 443/udp #40;optional#41;"]');
    has('x_shoppers --> internet');
    has('internet -->|"resolve"| dns');
    has('dns -->|"host IP"| firewall');
    has('firewall -->|":80"| ep_web');
    has('firewall -->|":443"| ep_websecure');
    has('ep_web -.->|"redirect HTTP → HTTPS #40;permanent#41;"| ep_websecure');
    has('ep_websecure -->|"TLS termination"| s_traefik');
    // The unpublished metrics entrypoint is drawn but not reachable through the firewall.
    assert.ok(!text.includes('firewall -->|":8082"|'));
    // A port published on loopback only is not reachable from the Internet either.
    assert.ok(!text.includes('published :9001'));
  });

  it('labels routes by host and path, merges routes to one service, dashes planned ones', () => {
    has('s_traefik -->|"api.example.com/v1<br/>api.example.com/ws"| s_api');
    has('s_traefik -->|"www.example.com"| s_web_frontend');
    has('s_traefik -->|"api.example.com/search/#quot;#91;beta#93;#124;#35;#96;x#96;"| s_search_api');
    has('s_traefik -->|"traefik.example.com<br/>metrics.example.com #40;HTTP, internal#41;"| s_traefik');
    has('s_traefik -.->|"docs.example.com #40;planned#41;"| s_docs');
  });

  it('draws redirect routes as their own node, leading to the service of the target host', () => {
    has('rt_root>"Redirect<br/>example.com → https://www.example.com"]');
    has('s_traefik -->|"example.com"| rt_root');
    has('rt_root -.->|"permanent redirect"| s_web_frontend');
    assert.deepEqual(enclosing(arch!, 'rt_root'), ['ingress']);
  });

  it('places services by the documented rule: proxy in the ingress, groups in the network they share', () => {
    assert.deepEqual(enclosing(arch!, 's_traefik'), ['ingress']);
    assert.deepEqual(enclosing(arch!, 'ep_websecure'), ['ingress']);
    for (const w of ['s_worker_emails', 's_worker_images', 's_scheduler']) assert.deepEqual(enclosing(arch!, w), ['net_app', 'grp_workers']);
    assert.deepEqual(enclosing(arch!, 's_mailpit'), ['net_app']);
    assert.deepEqual(enclosing(arch!, 's_postgres'), ['net_data', 'grp_data']);
    assert.deepEqual(enclosing(arch!, 's_backup'), ['net_data']);
    // Every monitoring member joins the monitoring network, though Grafana's home is the routing one.
    assert.deepEqual(enclosing(arch!, 's_grafana'), ['net_monitoring', 'grp_monitoring']);
    // Core services share no network: the group is a box of its own and labels say where they are.
    assert.deepEqual(enclosing(arch!, 's_api'), ['grp_core']);
    assert.deepEqual(enclosing(arch!, 's_docs'), ['net_proxy', 'grp_docs']);
    has('s_api["Public API ×2<br/>Fastify · :4000<br/>websocket :4001 · metrics :4090 · health :4091<br/>on: app, traefik_public, data"]');
    has('s_grafana["Grafana<br/>Grafana 11 · :3001<br/>also on: traefik_public"]');
    has('s_traefik["Traefik<br/>Traefik v3<br/>dashboard :8080 · metrics :8082<br/>on: traefik_public, monitoring"]');
    has('subgraph net_proxy["Network traefik_public · external"]');
    has('subgraph net_app["Network app · 172.25.0.0/16"]');
    has('subgraph net_data["Network data · internal"]');
  });

  it('uses a shape per kind of store and shows replicas', () => {
    has('s_postgres[("PostgreSQL<br/>PostgreSQL 16 · :5432")]');
    has('s_rabbitmq[["RabbitMQ<br/>RabbitMQ 3.13 · :5672<br/>console :15672 · metrics :15692"]]');
    assert.ok(text.includes('s_worker_images["Image worker ×3<br/>Sharp'));
  });

  it('draws uses edges with labels, two-way when direction is both, dashed when optional', () => {
    has('s_api -->|"SQL"| s_postgres');
    has('s_api <-->|"cache #40;get/set#41;"| s_redis');
    has('s_web_frontend <-->|"REST #96;/v1#96;"| s_api');
    has('s_api -->|":4200"| s_search_api');
    has('s_api -.->|"verify JWT"| x_clerk');
    has('s_notifications -->|"send e-mail"| x_postmark');
    has('s_traefik -.->|"forward auth"| x_clerk');
    assert.deepEqual(enclosing(arch!, 'x_clerk'), ['externals']);
  });

  it('bundles scrape edges: one per fully scraped group, one per remaining service', () => {
    const scrapes = lines(arch!).filter((l) => l.includes('|"scrapes metrics"|'));
    assert.equal(scrapes.filter((l) => l.endsWith(' grp_core')).length, 1);
    assert.equal(scrapes.filter((l) => l.endsWith(' grp_workers')).length, 1);
    for (const member of ['s_web_frontend', 's_admin', 's_api', 's_search_api', 's_notifications', 's_worker_emails', 's_scheduler']) {
      assert.ok(!scrapes.some((l) => l.endsWith(` ${member}`)), `${member} is covered by its group's edge`);
    }
    // The monitoring group holds Prometheus itself, so its exporters keep their own edges; no self-scrape.
    assert.deepEqual(
      scrapes.map((l) => l.split(' ').at(-1)),
      ['grp_core', 'grp_workers', 's_traefik', 's_rabbitmq', 's_minio', 's_node_exporter', 's_cadvisor', 's_postgres_exporter', 's_redis_exporter'],
    );
    assert.ok(scrapes.every((l) => l.startsWith('s_prometheus -.->')));
    has('s_postgres_exporter -.->|"exports metrics of"| s_postgres');
    has('s_redis_exporter -.->|"exports metrics of"| s_redis');
  });

  it('counts a store as scraped when its exporter is, when bundling', () => {
    const t = fromYaml(`id: mon
name: Mon
groups: { core: { name: Core } }
services:
  a: { kind: app, group: core, ports: { metrics: 1090 } }
  b: { kind: app, group: core, ports: { metrics: 1190 } }
  redis: { kind: cache, group: core, ports: { main: 6379 } }
  redis-exporter: { kind: exporter, exports: redis, ports: { metrics: 9121 } }
  prometheus: { kind: monitoring, scrapes: [a, b, redis-exporter] }
`);
    const [f] = architectureDiagram(t, {});
    const scrapes = lines(f!).filter((l) => l.includes('scrapes metrics'));
    assert.deepEqual(scrapes, ['s_prometheus -.->|"scrapes metrics"| grp_core', 's_prometheus -.->|"scrapes metrics"| s_redis_exporter']);
  });

  it('declares a class per service kind and dashes planned and optional elements', () => {
    for (const kind of ['proxy', 'frontend', 'api', 'app', 'worker', 'database', 'cache', 'queue', 'object_storage', 'monitoring', 'exporter', 'static', 'tool', 'external', 'firewall', 'dns', 'entrypoint', 'redirect']) {
      assert.match(text, new RegExp(`^ {2}classDef ${kind} fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},stroke-width:1\\.5px,color:#111827$`, 'm'), kind);
    }
    has('classDef planned stroke-dasharray:6 4');
    has('class s_meilisearch,s_postgres database');
    has('class s_minio object_storage');
    has('class grp_docs,s_alertmanager,s_docs,s_mailpit planned');
    has('class net_data internalNetworkBox');
    assert.match(text, /^ {2}linkStyle [\d,]+ stroke:#16a34a,stroke-width:1\.5px$/m);
  });

  it('links every service node to its page', () => {
    const clicks = lines(arch!).filter((l) => l.startsWith('click '));
    assert.equal(clicks.length, Object.keys(rich.services).length);
    has('click s_web_frontend href "/systems/rich/services/web-frontend/"');
    const [custom] = architectureDiagram(rich, { serviceHref: (system, id) => `https://docs.example.org/${system}/${id}?q="x"\n` });
    assert.ok(lines(custom!).includes('click s_api href "https://docs.example.org/rich/api?q=%22x%22"'));
  });

  it('escapes hostile strings: quoted labels hold no quote, markup or Mermaid syntax', () => {
    has('s_admin["Admin #quot;Console#quot; #91;beta#93; #124; #35;1 #96;x#96; #lt;script#gt;alert#40;1#41;#lt;/script#gt; line 2 🚀<br/>React #lt;18#gt; #amp; #quot;Vite#quot; · :3100<br/>metrics :3190<br/>on: traefik_public"]');
    assert.ok(!text.includes('<script'));
    for (const line of lines(arch!)) {
      for (const [, inner] of line.matchAll(/"([^"]*)"/g)) {
        assert.doesNotMatch(inner!.replaceAll('<br/>', ''), /[<>`|[\]{}]/, `unescaped syntax in ${line}`);
      }
    }
  });

  it('is deterministic', () => {
    assert.equal(architectureDiagram(rich, {})[0]!.content, text);
    assert.equal(architectureDiagram(load(path.join(FIXTURES, 'rich.yaml')), {})[0]!.content, text);
  });

  it('picks top-to-bottom for deep graphs and left-to-right for flat, wide ones', () => {
    assert.match(architectureDiagram(minimal, {})[0]!.content, /^flowchart TB$/m);
    const many = Array.from({ length: 14 }, (_, i) => `s${i}`);
    const flat = fromYaml(`id: flat
name: Flat
entrypoints: { websecure: { port: 443, protocol: https } }
services:
  traefik: { kind: proxy }
${many.map((s) => `  ${s}: { kind: app, ports: { main: 3000 } }`).join('\n')}
routes:
${many.map((s) => `  ${s}: { host: ${s}.example.com, service: ${s}, entrypoints: [websecure] }`).join('\n')}
`);
    assert.match(architectureDiagram(flat, {})[0]!.content, /^flowchart LR$/m);
  });

  it('puts services without networks on the default network box', () => {
    const [f] = architectureDiagram(fromYaml('id: d\nname: D\nservices:\n  a: { kind: app }\n  b: { kind: database, ports: { main: 5432 } }\n'), {});
    assert.deepEqual(enclosing(f!, 's_a'), ['net_default']);
    assert.ok(lines(f!).includes('subgraph net_default["Default network"]'));
    assertBalanced(f!);
  });
});

describe('route sequences', () => {
  const seqs = routeSequenceDiagrams(rich, {});

  it('makes one fragment per public route', () => {
    assert.deepEqual(
      seqs.map((f) => f.name),
      ['sequence-root', 'sequence-web', 'sequence-admin', 'sequence-api', 'sequence-api-ws', 'sequence-search', 'sequence-grafana', 'sequence-dashboard', 'sequence-docs'],
    );
    for (const f of seqs) {
      assert.equal(f.file, `${f.name}.mmd`);
      assert.match(f.content, /^sequenceDiagram\n {2}accTitle: /);
      assertBalanced(f);
    }
    assert.equal(byName(seqs, 'sequence-api').title, 'Request flow: api.example.com/v1');
  });

  it('walks client → DNS → firewall → Traefik with layers and the plain-HTTP redirect as opt', () => {
    const f = byName(seqs, 'sequence-web');
    const order = [
      'actor C as Shoppers #amp; admins 🛒',
      'participant DNS as DNS · Cloudflare',
      'participant FW as Firewall · ufw',
      'participant TR as Traefik',
      'participant s_web_frontend as Web Frontend',
      'rect rgba(148, 163, 184, 0.18)',
      'C->>DNS: Resolve www.example.com',
      'DNS-->>C: Host IP #40;*.example.com#41;',
      'opt Plain HTTP request #40;http://www.example.com:80#41;',
      'TR-->>C: 301 Moved Permanently → https://www.example.com/',
      'C->>FW: HTTPS request to :443',
      'FW->>TR: Allowed: allow 443/tcp',
      'rect rgba(234, 179, 8, 0.16)',
      'TR->>TR: Terminate TLS #40;certificate from le, TLS ≥ 1.2#41;',
      'TR->>TR: Match Host#40;#96;www.example.com#96;#41; on websecure → router web',
      'TR->>TR: Headers #40;secure-headers#41;: HSTS max-age=31536000 incl. subdomains, frame deny, nosniff, XSS filter, Referrer-Policy strict-origin-when-cross-origin',
      'TR->>TR: Compress #40;compress#41;: gzip, br',
      'rect rgba(168, 85, 247, 0.14)',
      'TR->>s_web_frontend: Forward / to :3000',
      's_web_frontend-->>TR: Response',
      'TR-->>C: Response #40;security headers, compressed: gzip, br#41;',
      'Note over C,s_web_frontend: Colours: Grey: Network · Yellow: Traefik · Purple: Application',
    ];
    const at = order.map((l) => lines(f).indexOf(l));
    assert.ok(at.every((i) => i >= 0), `missing: ${order.filter((_, i) => at[i]! < 0).join(' / ')}`);
    assert.deepEqual([...at].sort((a, b) => a - b), at, 'in this order');
  });

  it('runs middlewares in route order, chains expanded, with a 429 branch for the rate limit', () => {
    const f = byName(seqs, 'sequence-api');
    const rate = lineOf(f, 'Rate limit #40;api-ratelimit via api-chain#41;: 100 requests per 1s, burst 50');
    const alt = lineOf(f, 'alt Over 100 requests per 1s, burst 50');
    const tooMany = lineOf(f, 'TR-->>C: 429 Too Many Requests');
    const within = lineOf(f, 'else Within the limit');
    const cors = lineOf(f, 'Headers #40;cors via api-chain#41;: CORS origins https://www.example.com, https://admin.example.com, methods GET, POST');
    const compress = lineOf(f, 'Compress #40;compress#41;: gzip, br');
    const forward = lineOf(f, 'TR->>s_api: Forward /v1 to :4000');
    assert.ok(rate < alt && alt < tooMany && tooMany < within && within < cors && cors < compress && compress < forward);
    assert.ok(lineOf(f, 's_api->>s_api: Authenticate the request') > forward);
  });

  it('gives each store the service uses a participant with a request and a response', () => {
    const f = byName(seqs, 'sequence-api');
    for (const [id, name, ask, answer] of [
      ['s_postgres', 'PostgreSQL', 'SQL #40;:5432#41;', 'Rows'],
      ['s_redis', 'Redis', 'cache #40;get/set#41; #40;:6379#41;', 'Cached value'],
      ['s_minio', 'MinIO', 'S3 objects #40;:9000#41;', 'Object'],
      ['s_rabbitmq', 'RabbitMQ', 'publish jobs #40;:5672#41;', 'Ack'],
    ] as const) {
      assert.ok(lines(f).includes(`participant ${id} as ${name}`));
      assert.equal(lineOf(f, `${id}-->>s_api: ${answer}`), lineOf(f, `s_api->>${id}: ${ask}`) + 1);
    }
    // Other services and externals are not stores.
    assert.ok(!f.content.includes('s_search_api'));
    assert.ok(!f.content.includes('x_clerk'));
  });

  it('shows forward auth with the external provider and Unauthorized / Authorized branches', () => {
    const f = byName(seqs, 'sequence-admin');
    assert.ok(lines(f).includes('participant x_clerk as Clerk #quot;Auth#quot; #124; #91;SSO#93; #35;1 #40;external#41;'));
    const headers = lineOf(f, 'Headers #40;secure-headers#41;');
    const ask = lineOf(f, 'TR->>x_clerk: Forward auth #40;clerk-auth#41;: https://auth.example.com/verify?x=#quot;1#quot;#amp;y=#91;2#93;');
    const alt = lineOf(f, 'alt Unauthorized');
    const denied = lineOf(f, 'TR-->>C: 302 redirect to /sign-in #lt;script#gt;alert#40;1#41;#lt;/script#gt;');
    const ok = lineOf(f, 'else Authorized');
    const granted = lineOf(f, 'x_clerk-->>TR: 2xx + X-User-Id');
    const app = lineOf(f, 'TR->>s_admin: Forward / to :3100');
    assert.ok(headers < ask && ask < alt && alt < denied && denied < ok && ok < granted && granted < app);
    assert.ok(lines(f).includes('rect rgba(59, 130, 246, 0.14)'), 'an auth layer');
    assert.ok(!f.content.includes('<script'));
  });

  it('refuses with 403 outside the IP allow list and 401 without basic auth', () => {
    const grafana = byName(seqs, 'sequence-grafana');
    assert.ok(lineOf(grafana, 'IP allow list #40;office-only, optional#41;: 203.0.113.0/24, 2001:db8::/32') < lineOf(grafana, 'Headers #40;secure-headers#41;'));
    assert.ok(lineOf(grafana, 'alt Client IP not allowed') < lineOf(grafana, 'TR-->>C: 403 Forbidden'));
    const dashboard = byName(seqs, 'sequence-dashboard');
    assert.ok(lineOf(dashboard, 'alt Unauthorized') < lineOf(dashboard, 'TR-->>C: 401 Unauthorized #40;WWW-Authenticate: Basic#41;'));
    lineOf(dashboard, 'Terminate TLS #40;certificate from wildcard, TLS ≥ 1.2#41;');
    lineOf(dashboard, 'TR->>s_traefik: Forward / to :8080 #40;dashboard#41;');
  });

  it('answers redirect routes with the redirect, strips prefixes, and marks planned routes', () => {
    const root = byName(seqs, 'sequence-root');
    assert.ok(lines(root).includes('TR-->>C: 301 Moved Permanently → https://www.example.com'));
    assert.ok(!root.content.includes('s_web_frontend'));
    assert.match(root.description, /is redirected to https:\/\/www\.example\.com\.$/);
    lineOf(byName(seqs, 'sequence-search'), 'TR->>s_search_api: Forward /#quot;#91;beta#93;#124;#35;#96;x#96; to :4200');
    lineOf(byName(seqs, 'sequence-docs'), '· router docs #40;planned#41;');
    lineOf(byName(seqs, 'sequence-api-ws'), 'TR->>s_api: Forward /ws to :4001 #40;websocket#41;');
  });
});

describe('flows', () => {
  const [f] = flowDiagrams(rich, {});

  it('translates participants, groups, alt/else, loop, opt, notes, replies and the legend', () => {
    assert.equal(f!.name, 'flow-deploy');
    assert.equal(f!.file, 'flow-deploy.mmd');
    assert.equal(f!.title, 'Deployment: push → "prod" [CI] | #1');
    assert.equal(f!.description, 'How a change reaches production.');
    const expected = [
      'actor dev as Developer 👩‍💻',
      'participant gh as GitHub',
      'participant ci as CI runner #124; #35;2',
      'participant n_end as Traefik',
      'participant api_1 as Public API',
      'rect rgba(59, 130, 246, 0.14)',
      'Note over dev,ci: Build #91;stage#93; #quot;one#quot;',
      'dev->>gh: git push origin main #35; #96;sha#96;',
      'gh->>ci: Trigger workflow #lt;script#gt;',
      'Note over ci: Runs tests#59; #123;lint#125; #amp; #40;types#41;',
      'end',
      'alt Tests pass ✅',
      'ci->>api_1: docker compose up -d with two lines',
      'loop Every 5s until healthy',
      'ci->>api_1: GET /health',
      'api_1-->>ci: 200 #124; ok',
      'end',
      'opt If #quot;migrations#quot; exist',
      'ci->>api_1: run migrations',
      'end',
      'else Tests fail',
      'ci-->>dev: ❌ failure e-mail#59; end',
      'end',
      'rect rgba(148, 163, 184, 0.18)',
      'Note over n_end,api_1: Traffic switch',
      'n_end->>api_1: route new containers',
      'Note over n_end,api_1: Zero downtime: old and new overlap',
      'end',
      'Note over dev,api_1: Blue: build',
      'Note over dev,api_1: Grey: traffic #124; #35;edge',
    ];
    const body = lines(f!).filter((l) => l && !l.startsWith('acc') && l !== 'sequenceDiagram');
    assert.deepEqual(body, expected);
    assertBalanced(f!);
  });

  it('describes a flow without a description from its participants', () => {
    const t = fromYaml(`id: x
name: X
services: { api: { kind: api } }
flows:
  ping:
    title: Ping
    participants: [{ id: a, label: Alice, kind: actor }, { id: b, ref: api }]
    steps: [{ from: a, to: b, text: ping }]
`);
    const [p] = flowDiagrams(t, {});
    assert.equal(p!.description, 'The “Ping” sequence between Alice, api.');
  });
});

describe('TLS flows', () => {
  const tls = tlsFlowDiagrams(rich, {});

  it('makes one fragment per certificate resolver', () => {
    assert.deepEqual(tls.map((f) => f.name), ['tls-le', 'tls-wildcard', 'tls-alpn']);
    assert.equal(byName(tls, 'tls-le').title, "TLS certificates: le (Let's Encrypt, HTTP-01)");
    tls.forEach(assertBalanced);
  });

  it('HTTP-01: startup, store, certificate check, renewal, challenge on port 80, alternatives, HTTPS', () => {
    const f = byName(tls, 'tls-le');
    const steps = [
      'TR->>TR: Read static configuration: resolver le, account e-mail from ACME_EMAIL',
      'TR->>ST: Load /letsencrypt/acme.json #40;volume certs, mode 600#41;',
      'alt A valid certificate is in the store',
      'TR->>TR: Use the stored certificate',
      'loop Every 24 h: check expiry',
      'opt Expires within 30d',
      'else No certificate yet',
      'TR->>TR: Serve the key authorization at /.well-known/acme-challenge/#lt;token#gt; on web :80',
      'CA->>TR: GET http://example.com/.well-known/acme-challenge/#lt;token#gt; #40;port 80#41;',
      'TR->>ST: Save to /letsencrypt/acme.json #40;mode 600#41;',
      'Note over TR,CA: Alternative: TLS-ALPN-01: TLS handshake with ALPN acme-tls/1 on port 443, no HTTP or DNS change',
      "Note over TR,CA: Alternative: DNS-01: TXT record _acme-challenge via the DNS provider's API#59; needed for wildcards",
      'TR-->>C: Certificate for example.com, TLS ≥ 1.2',
    ];
    const at = steps.map((s) => lineOf(f, s));
    assert.deepEqual([...at].sort((a, b) => a - b), at);
  });

  it('DNS-01 uses the DNS provider for a TXT record; TLS-ALPN-01 answers on 443', () => {
    const wildcard = byName(tls, 'tls-wildcard');
    assert.ok(lines(wildcard).includes('participant DNSP as DNS provider · cloudflare'));
    assert.ok(lines(wildcard).includes("participant CA as Let's Encrypt #40;staging#41; ACME"));
    lineOf(wildcard, 'TR->>DNSP: Create TXT _acme-challenge.example.com via the cloudflare API');
    lineOf(wildcard, 'CA-->>TR: Certificate issued #40;wildcard#41;');
    const alpn = byName(tls, 'tls-alpn');
    lineOf(alpn, 'CA->>TR: TLS handshake to #lt;domain#gt;:443 with ALPN acme-tls/1');
    lineOf(alpn, 'Note over TR: Automatic renewal is off');
    lineOf(alpn, 'participant ST as Certificate store /letsencrypt/alpn #quot;x#quot;.json');
    assert.ok(!alpn.content.includes('loop '));
  });
});

describe('all Mermaid views', () => {
  const referenceDir = path.join(REPO_ROOT, 'topology');
  const references = readdirSync(referenceDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parseTopology(readFileSync(path.join(referenceDir, f), 'utf8'), `topology/${f}`).topology)
    .filter((t): t is TopologyModel => t !== undefined);
  const systems = [rich, minimal, ...references];

  it('have unique names and files, one-line titles and one-sentence descriptions', () => {
    for (const t of systems) {
      const fragments = mermaidGenerators.flatMap((g) => g(t, {}));
      assert.equal(new Set(fragments.map((f) => f.name)).size, fragments.length);
      assert.equal(new Set(fragments.map((f) => f.file)).size, fragments.length);
      for (const f of fragments) {
        assert.equal(f.kind, 'mermaid');
        assert.match(f.title, /^\S.*\S$/);
        assert.doesNotMatch(f.title, /\n/);
        assert.match(f.description, /^\S[^\n]*[.!?]$/);
        assert.match(f.content, /\n$/);
        assert.ok(!f.content.includes('<script'), `${t.id}/${f.file} has raw markup`);
        assertBalanced(f);
      }
    }
  });

  it("parse with Mermaid's own parser", async () => {
    const sources = systems.flatMap((t) => mermaidGenerators.flatMap((g) => g(t, {})).map((f) => ({ name: `${t.id}/${f.name}`, source: f.content })));
    assert.ok(sources.length > 20);
    const outcomes = await parseMermaid(sources);
    const failures = outcomes.filter((o) => !o.ok).map((o) => `${o.name}: ${!o.ok ? o.diagnostic.message : ''}`);
    assert.deepEqual(failures, []);
    const types = new Map(outcomes.map((o) => [o.name, o.ok ? o.diagramType : '']));
    assert.equal(types.get('rich/architecture'), 'flowchart-v2');
    assert.equal(types.get('rich/sequence-admin'), 'sequence');
  });
});
