/**
 * Realistic Mermaid sources of the kind topodoc generates for a Compose + Traefik system:
 * flowcharts with one subgraph per network and sequence diagrams of a request through Traefik.
 * Used by the render benchmark; deterministic (no randomness), `count` sources in total.
 */

interface SampleService {
  id: string;
  label: string;
  port: number;
  network: 'edge' | 'backend' | 'data';
  route?: string;
  datastore?: boolean;
}

interface SampleSystem {
  name: string;
  services: SampleService[];
}

const SYSTEMS: SampleSystem[] = [
  {
    name: 'shop',
    services: [
      { id: 'web', label: 'storefront (nginx)', port: 80, network: 'edge', route: 'Host(`shop.example.com`)' },
      { id: 'api', label: 'api (node)', port: 3000, network: 'backend', route: 'Host(`shop.example.com`) && PathPrefix(`/api`)' },
      { id: 'worker', label: 'worker', port: 9000, network: 'backend' },
      { id: 'db', label: 'postgres 16', port: 5432, network: 'data', datastore: true },
      { id: 'cache', label: 'redis 7', port: 6379, network: 'data', datastore: true },
    ],
  },
  {
    name: 'blog',
    services: [
      { id: 'ghost', label: 'ghost', port: 2368, network: 'edge', route: 'Host(`blog.example.com`)' },
      { id: 'mysql', label: 'mysql 8', port: 3306, network: 'data', datastore: true },
      { id: 'mail', label: 'mailpit', port: 8025, network: 'backend', route: 'Host(`mail.example.com`)' },
    ],
  },
  {
    name: 'monitoring',
    services: [
      { id: 'grafana', label: 'grafana', port: 3000, network: 'edge', route: 'Host(`grafana.example.com`)' },
      { id: 'prometheus', label: 'prometheus', port: 9090, network: 'backend', route: 'Host(`metrics.example.com`)' },
      { id: 'loki', label: 'loki', port: 3100, network: 'backend' },
      { id: 'alertmanager', label: 'alertmanager', port: 9093, network: 'backend' },
      { id: 'tsdb', label: 'tsdb volume', port: 0, network: 'data', datastore: true },
    ],
  },
  {
    name: 'auth',
    services: [
      { id: 'keycloak', label: 'keycloak', port: 8080, network: 'edge', route: 'Host(`sso.example.com`)' },
      { id: 'fwd', label: 'forward-auth', port: 4181, network: 'backend' },
      { id: 'pg', label: 'postgres 15', port: 5432, network: 'data', datastore: true },
    ],
  },
  {
    name: 'media',
    services: [
      { id: 'jellyfin', label: 'jellyfin', port: 8096, network: 'edge', route: 'Host(`tv.example.com`)' },
      { id: 'sonarr', label: 'sonarr', port: 8989, network: 'backend', route: 'Host(`sonarr.example.com`)' },
      { id: 'radarr', label: 'radarr', port: 7878, network: 'backend', route: 'Host(`radarr.example.com`)' },
      { id: 'qbit', label: 'qbittorrent', port: 8081, network: 'backend' },
      { id: 'nas', label: 'media volume', port: 0, network: 'data', datastore: true },
    ],
  },
  {
    name: 'ci',
    services: [
      { id: 'gitea', label: 'gitea', port: 3000, network: 'edge', route: 'Host(`git.example.com`)' },
      { id: 'runner', label: 'act runner', port: 0, network: 'backend' },
      { id: 'registry', label: 'registry 2', port: 5000, network: 'edge', route: 'Host(`registry.example.com`)' },
      { id: 'giteadb', label: 'postgres 16', port: 5432, network: 'data', datastore: true },
    ],
  },
];

function overview(system: SampleSystem): string {
  const lines = [
    'flowchart LR',
    `  accTitle: ${system.name}: overview`,
    `  accDescr: How requests reach the ${system.name} services through Traefik, by network.`,
    '  internet((Internet))',
    '  subgraph edge_net[edge network]',
    '    traefik[Traefik<br/>:80 :443]',
  ];
  for (const s of system.services.filter((x) => x.network === 'edge')) lines.push(`    ${s.id}["${s.label}"]`);
  lines.push('  end', '  subgraph backend_net[backend network]');
  for (const s of system.services.filter((x) => x.network === 'backend')) lines.push(`    ${s.id}["${s.label}"]`);
  lines.push('  end', '  subgraph data_net[data network]');
  for (const s of system.services.filter((x) => x.network === 'data')) lines.push(`    ${s.id}[("${s.label}")]`);
  lines.push('  end', '  internet -->|https :443| traefik');
  for (const s of system.services) {
    if (s.route) lines.push(`  traefik -->|"${s.route.replaceAll('`', "'")}"| ${s.id}`);
  }
  const apps = system.services.filter((s) => !s.datastore);
  const stores = system.services.filter((s) => s.datastore);
  apps.forEach((a, i) => {
    const store = stores[i % Math.max(1, stores.length)];
    if (store) lines.push(`  ${a.id} -->|:${store.port || 'volume'}| ${store.id}`);
  });
  for (const s of system.services) lines.push(`  click ${s.id} href "/systems/${system.name}/services/${s.id}/" "${s.label}"`);
  lines.push('  classDef store fill:#e8f1ff,stroke:#4a74b5,color:#1b2b44');
  if (stores.length > 0) lines.push(`  class ${stores.map((s) => s.id).join(',')} store`);
  return `${lines.join('\n')}\n`;
}

function ports(system: SampleSystem): string {
  const lines = ['flowchart TB', `  accTitle: ${system.name}: published ports`, '  host[Docker host]'];
  for (const s of system.services) {
    if (s.port > 0) lines.push(`  host -- "${s.port}/tcp" --> ${s.id}["${s.label}<br/>container :${s.port}"]`);
    else lines.push(`  ${s.id}["${s.label}"]`);
  }
  return `${lines.join('\n')}\n`;
}

function networks(system: SampleSystem): string {
  const lines = ['flowchart TB', `  accTitle: ${system.name}: networks`];
  for (const net of ['edge', 'backend', 'data'] as const) {
    lines.push(`  subgraph ${net}[${net}]`, '    direction LR');
    for (const s of system.services.filter((x) => x.network === net)) lines.push(`    ${net}_${s.id}["${s.label}"]`);
    lines.push('  end');
  }
  lines.push('  edge --- backend', '  backend --- data');
  return `${lines.join('\n')}\n`;
}

function requestFlow(system: SampleSystem): string {
  const app = system.services.find((s) => s.route) ?? system.services[0];
  const store = system.services.find((s) => s.datastore);
  const lines = [
    'sequenceDiagram',
    `  accTitle: ${system.name}: request flow`,
    `  accDescr: A browser request to ${app?.label ?? 'the app'} through Traefik.`,
    '  autonumber',
    '  actor U as User',
    '  participant B as Browser',
    '  participant T as Traefik',
    `  participant A as ${app?.label ?? 'app'}`,
  ];
  if (store) lines.push(`  participant D as ${store.label}`);
  lines.push('  U->>B: open page', '  B->>T: GET / (TLS, SNI)', '  Note over T: router match, middlewares', `  T->>A: GET / :${app?.port ?? 80}`);
  if (store) lines.push('  A->>D: query', '  D-->>A: rows');
  lines.push('  alt cached', '    A-->>T: 304 Not Modified', '  else fresh', '    A-->>T: 200 OK', '  end', '  T-->>B: response', '  B-->>U: render');
  return `${lines.join('\n')}\n`;
}

function login(system: SampleSystem): string {
  const lines = [
    'sequenceDiagram',
    `  accTitle: ${system.name}: sign-in`,
    '  participant B as Browser',
    '  participant T as Traefik',
    '  participant F as forward-auth',
    '  participant K as keycloak',
    '  participant A as app',
    '  B->>T: GET /private',
    '  T->>F: check session',
    '  alt no session',
    '    F-->>T: 302 to SSO',
    '    T-->>B: 302',
    '    B->>K: login form',
    '    K-->>B: code',
    '    B->>F: callback ?code',
    '    F->>K: exchange code',
    '    K-->>F: tokens',
    '  end',
    '  F-->>T: 200 + headers',
    '  T->>A: GET /private',
    '  A-->>B: page',
    '  loop every 5 min',
    '    B->>T: refresh',
    '  end',
  ];
  return `${lines.join('\n')}\n`;
}

const KINDS: Array<[string, (s: SampleSystem) => string]> = [
  ['overview', overview],
  ['request-flow', requestFlow],
  ['ports', ports],
  ['networks', networks],
  ['sign-in', login],
];

/** `count` sample diagrams as `{ path: '<system>/<kind>.mmd', source }`, cycling kinds across systems. */
export function sampleDiagrams(count: number): Array<{ path: string; source: string }> {
  const out: Array<{ path: string; source: string }> = [];
  for (let round = 0; out.length < count; round++) {
    for (const system of SYSTEMS) {
      for (const [kind, make] of KINDS) {
        if (out.length >= count) break;
        const suffix = round === 0 ? '' : `-${round + 1}`;
        out.push({ path: `${system.name}${suffix}/${kind}.mmd`, source: make(system) });
      }
    }
  }
  return out;
}
