/**
 * Acceptance: for each reference system, every host, port, network, service, technology, middleware
 * setting, TLS challenge, firewall rule, health check, volume, user and backup fact of its hand-written
 * seed document (/work/shared/seeds/) appears in its generated docs under diagrams/<system>/.
 *
 * Each fact is written down from the seed, with the seed line as a comment, and names the file where a
 * reader should find it (`ANY` = somewhere under diagrams/<system>/, for facts drawn by views that are
 * not Markdown tables, e.g. the sequence diagrams of the flows). Files are read as a reader sees them
 * rendered: Markdown escapes, inline-code ticks, bold markers and HTML/Mermaid entities are undone, and
 * a `<br>` inside a table cell becomes `; ` so a table row stays on one line.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../helpers/cli.ts';

type Kind =
  | 'host'
  | 'port'
  | 'network'
  | 'service'
  | 'technology'
  | 'middleware'
  | 'tls'
  | 'firewall'
  | 'ssh'
  | 'healthcheck'
  | 'volume'
  | 'user'
  | 'backup'
  | 'scaling'
  | 'security'
  | 'deployment';

/** A fact: what must appear, and the file (relative to diagrams/<system>/) where it belongs. */
type Fact = readonly [what: string | RegExp, file: string];
type SeedFacts = Partial<Record<Kind, Fact[]>>;

// Where facts belong.
const ANY = '*';
const README = 'README.md';
const SECURITY = 'security.md';
const SERVICES = 'services.md';
const URLS = 'tables/urls.md';
const HOSTNAMES = 'tables/hostnames.md';
const NETWORKS = 'tables/networks.md';
const PORTS = 'tables/ports.md';
const PUBLISHED = 'tables/published-ports.md';
const ROUTING = 'tables/routing.md';
const VOLUMES = 'tables/volumes.md';
const STARTUP = 'tables/startup-order.md';
const SCALING = 'tables/scaling.md';
const OPS = 'tables/operations.md';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A part of a larger pattern; a case-insensitive RegExp stays case-insensitive inside it. */
const part = (p: string | RegExp) => (typeof p === 'string' ? escapeRe(p) : p.flags.includes('i') ? `(?i:${p.source})` : p.source);

/** One table row (one line) holding every part, in order. */
function row(...parts: Array<string | RegExp>): RegExp {
  return new RegExp(`^(?=\\|).*?${parts.map(part).join('.*?')}`, 'm');
}

/** The entry `#### <heading>` of the services catalogue holding every part, in order. */
function svc(heading: string, ...parts: Array<string | RegExp>): RegExp {
  const inEntry = '(?:(?!\\n#### )[\\s\\S])*?';
  return new RegExp(`^#### ${escapeRe(heading)}\\n${inEntry}${parts.map(part).join(inEntry)}`, 'm');
}

/** Case-insensitive literal text. */
const ci = (s: string) => new RegExp(escapeRe(s), 'i');

// ---------------------------------------------------------------------------------------------------
// sothebais-v1 — seed 000_4a62fbf51907e259.txt (Networking Architecture)
// ---------------------------------------------------------------------------------------------------
const SOTHEBAIS_V1: SeedFacts = {
  host: [
    ['*.sothebais.com', README], // L7, L42
    [row('Admin Frontend', 'https://admin.sothebais.com', 'admin-frontend:3000'), URLS], // L12, L52
    [row('Event Handler', 'https://events.sothebais.com', 'event-handler:4300'), URLS], // L13, L53
    [row('Grafana', 'https://monitoring.sothebais.com'), URLS], // L14, L54, L66
    [row('Prometheus', 'https://monitoring.sothebais.com'), URLS], // L66 all monitoring UIs via the monitoring subdomain
    [row('Server', 'ports 80 (HTTP) and 443 (HTTPS)'), OPS], // L8, L43
  ],
  port: [
    [row('| 80 | 80 | Traefik'), PUBLISHED], // L8, L43
    [row('| 443 | 443 | Traefik'), PUBLISHED], // L8, L43
    [row('| Admin Frontend | 3000 |'), PORTS], // L12, L52
    [row('| Event Handler | 4300 | 4301 |'), PORTS], // L13, L53
    [row('| Prometheus | 9090 |'), PORTS], // L17
    [row('| Grafana | 3000 |'), PORTS], // L18
    [row('| Redis Exporter |', '| 9121 |'), PORTS], // L19
    [row('| Redis | 6379 |'), PORTS], // L22
  ],
  network: [
    [row('frontend_net', 'bridge', 'Traefik, Admin Frontend, Event Handler, Redis, Prometheus, Grafana, Redis Exporter'), NETWORKS], // L11, L57
    [ci('internal service discovery via Docker DNS'), NETWORKS], // L58
    [ci('isolated network environment'), NETWORKS], // L59
    [ci('services communicate using service names'), NETWORKS], // L60
  ],
  service: [
    [svc('Traefik (traefik)', 'Kind: proxy'), SERVICES], // L9
    [svc('Traefik (traefik)', 'Routes traffic based on Host headers'), SERVICES], // L47
    [svc('Traefik (traefik)', 'Provides load balancing'), SERVICES], // L49
    [svc('Admin Frontend (admin-frontend)', 'Calls: Redis'), SERVICES], // L22
    [svc('Event Handler (event-handler)', 'Calls: Redis'), SERVICES], // L23
    [svc('Redis Exporter (redis-exporter)', 'Calls: Redis'), SERVICES], // L24
    [svc('Prometheus (prometheus)', 'Scrapes: Redis Exporter'), SERVICES], // L25
    [svc('Prometheus (prometheus)', 'Group: Monitoring Stack'), SERVICES], // L16-17
    [svc('Grafana (grafana)', 'Group: Monitoring Stack'), SERVICES], // L16, L18
    [svc('Redis Exporter (redis-exporter)', 'Group: Monitoring Stack'), SERVICES], // L16, L19
    [svc('Prometheus (prometheus)', 'Prometheus collects metrics from services'), SERVICES], // L63
    [svc('Redis Exporter (redis-exporter)', 'Redis Exporter provides Redis metrics'), SERVICES], // L64
    [svc('Grafana (grafana)', 'Grafana visualizes collected metrics'), SERVICES], // L65
  ],
  technology: [
    [svc('Traefik (traefik)', 'Technology: Traefik'), SERVICES], // L9
    [svc('Redis (redis)', 'Technology: Redis'), SERVICES], // L22
    [svc('Prometheus (prometheus)', 'Technology: Prometheus'), SERVICES], // L17
    [svc('Grafana (grafana)', 'Technology: Grafana'), SERVICES], // L18
  ],
  middleware: [
    [row('security-headers', '| headers |', 'admin, events, monitoring'), ROUTING], // L73 security headers
  ],
  tls: [
    [svc('Traefik (traefik)', "Handles SSL/TLS termination using Let's Encrypt"), SERVICES], // L46
    [row('letsencrypt', '| letsencrypt |', 'automatic'), ROUTING], // L46, L48 automatic renewal
    [row('| web | 80 |', 'Redirect to websecure (https'), ROUTING], // L73 HTTPS redirects
    [row('| websecure | 443 |', 'HTTPS'), ROUTING], // L43
    ['SSL/TLS encryption for all public endpoints', SECURITY], // L70
  ],
  security: [
    ['Internal services not directly exposed to internet', SECURITY], // L71
    ['Docker network isolation', SECURITY], // L72
    ['Traefik handles security headers', SECURITY], // L73
    ['Traefik handles HTTPS redirects', SECURITY], // L73
  ],
};

// ---------------------------------------------------------------------------------------------------
// sothebais — seed 001_007d2b29d391c423.txt (Networking Architecture V2)
// ---------------------------------------------------------------------------------------------------
const SOTHEBAIS: SeedFacts = {
  host: [
    ['*.sothebais.com', README], // L76
    [row('Admin Frontend', 'https://admin.sothebais.com', 'admin-frontend:3000', 'clerk-auth'), URLS], // L12, L83, L98-99
    [row('https://sothebais.com', 'redirect → https://admin.sothebais.com'), URLS], // L13-14, L228
    [row('https://admin.sothebais.com/api/health', '| security-headers |'), URLS], // L96 public route, direct to service
    [row('https://admin.sothebais.com/metrics', '| security-headers |'), URLS], // L96 public route, direct to service
    [row('Prometheus', '/prometheus', 'prometheus:9090'), URLS], // L264
    [row('Grafana', '/grafana', 'grafana:3001'), URLS], // L269
    [row('VPS'), OPS], // L148, L165
  ],
  port: [
    [row('| 80 | 80 | Traefik'), PUBLISHED], // L8
    [row('| 443 | 443 | Traefik'), PUBLISHED], // L8
    [row('| Traefik Reverse Proxy | 80/443 |', '| 3100 |'), PORTS], // L308
    [row('| Admin Frontend | 3000 |', '| 3090 | 3091 |'), PORTS], // L12, L238-241, L309
    [row('| Auction Manager | 4100 |', '| 4190 | 4191 |'), PORTS], // L19, L243-246, L310
    [row('| Event Handler | 4300 | 4301 | 4390 | 4391 |'), PORTS], // L20, L248-252, L311
    [row('| Stream Manager | 4200 | 4201 | 4290 | 4291 |'), PORTS], // L21, L254-258, L312
    [row('| Prometheus | 9090 |'), PORTS], // L31, L261, L313
    [row('| Grafana | 3001 |'), PORTS], // L42, L266, L314
    [row('| Redis | 6379 |', '9121*'), PORTS], // L24, L315
    ['Redis metrics are exposed by Redis Exporter', PORTS], // L318
    [row('| Node Exporter |', '| 9100 |'), PORTS], // L36, L274, L316
    [row('stream-manager', '| 4201 | WS |', 'WebSocket'), HOSTNAMES], // L256
    [row('event-handler', '| 4301 |', 'Event stream'), HOSTNAMES], // L250
    ['redis:6379', NETWORKS], // L280
    // Service port convention, L230-235 and L48-51, L293-294.
    [/main xx00/, PORTS], // L232
    [/stream xx01/, PORTS], // L233
    [/websocket xx01/, PORTS], // L233
    [/metrics xx90/, PORTS], // L234, L294
    [/health xx91/, PORTS], // L235, L293
  ],
  network: [
    [
      row('auction_net', 'bridge', 'Traefik Reverse Proxy, Admin Frontend, Auction Manager, Event Handler, Stream Manager, Redis, Prometheus, Grafana, Redis Exporter, Node Exporter'),
      NETWORKS,
    ], // L18, L278
    [ci('internal service discovery via Docker DNS'), NETWORKS], // L279, L300
    [ci('services communicate using service names'), NETWORKS], // L280
    [ci('isolated network environment'), NETWORKS], // L281
  ],
  service: [
    [svc('Admin Frontend (admin-frontend)', 'Main web interface'), SERVICES], // L239
    [svc('Auction Manager (auction-manager)', 'Core auction service'), SERVICES], // L244
    [svc('Event Handler (event-handler)', 'Event processing and distribution'), SERVICES], // L249
    [svc('Stream Manager (stream-manager)', 'Stream composition and management'), SERVICES], // L255
    [svc('Prometheus (prometheus)', 'Central metrics collection'), SERVICES], // L262
    [
      svc('Prometheus (prometheus)', 'Scrapes: Traefik Reverse Proxy, Admin Frontend, Auction Manager, Event Handler, Stream Manager, Redis Exporter, Node Exporter'),
      SERVICES,
    ], // L263
    [svc('Grafana (grafana)', 'Metrics visualization'), SERVICES], // L267
    [svc('Grafana (grafana)', ci('dashboards for all services')), SERVICES], // L268
    [svc('Redis Exporter (redis-exporter)', 'Exports Redis metrics to Prometheus'), SERVICES], // L272
    [svc('Node Exporter (node-exporter)', 'Exports host system metrics'), SERVICES], // L275
    [
      svc('Admin Frontend (admin-frontend)', 'Calls: Auction Manager (Internal), Event Handler (Internal), Stream Manager (Internal), Prometheus (Query Metrics)'),
      SERVICES,
    ], // L19-21, L40
    [svc('Auction Manager (auction-manager)', 'Calls: Redis (:6379)'), SERVICES], // L24
    [svc('Event Handler (event-handler)', 'Calls: Redis (:6379)'), SERVICES], // L25
    [svc('Stream Manager (stream-manager)', 'Calls: Redis (:6379)'), SERVICES], // L26
    [svc('Redis Exporter (redis-exporter)', 'Calls: Redis'), SERVICES], // L37
    [svc('Grafana (grafana)', 'Calls: Prometheus (Query Data)'), SERVICES], // L42
    [svc('Admin Frontend (admin-frontend)', 'Group: Core Services'), SERVICES], // L18
    [svc('Redis (redis)', 'Group: Core Services'), SERVICES], // L18, L24
    [svc('Prometheus (prometheus)', 'Group: Monitoring'), SERVICES], // L29
    [svc('Node Exporter (node-exporter)', 'Group: Monitoring'), SERVICES], // L29, L36
    [svc('Admin Frontend (admin-frontend)', 'Route Handling', 'Middleware Check', 'Component Auth'), SERVICES], // L115-118
    ['Traefik auto-discovers services via Docker labels', README], // L299
    ['Prometheus service discovery via static configuration', README], // L301
    ['Grafana discovers data sources via provisioning', README], // L302
  ],
  technology: [
    [svc('Traefik Reverse Proxy (traefik)', 'Technology: Traefik'), SERVICES], // L8
    [svc('Admin Frontend (admin-frontend)', 'Technology: Next.js'), SERVICES], // L115
    [svc('Redis (redis)', 'Technology: Redis'), SERVICES], // L24
    [svc('Prometheus (prometheus)', 'Technology: Prometheus'), SERVICES], // L31
    [svc('Grafana (grafana)', 'Technology: Grafana'), SERVICES], // L42
    [svc('Redis Exporter (redis-exporter)', 'Technology: redis_exporter'), SERVICES], // L35
    [svc('Node Exporter (node-exporter)', 'Technology: node_exporter'), SERVICES], // L36
    [svc('Traefik Reverse Proxy (traefik)', 'Calls: Clerk Auth'), SERVICES], // L78, L99
  ],
  middleware: [
    [row('clerk-auth', 'forwardAuth', 'admin, prometheus, grafana'), ROUTING], // L98-99 protected admin routes
    [row('clerk-auth', 'Redirect to /sign-in'), ROUTING], // L108-110
    [row('clerk-auth', 'Validate Session', 'Check Permissions', 'Attach User Data'), ROUTING], // L102-105
    [row('security-headers', '| headers |'), ROUTING], // L287
    [row('root-redirect', 'redirectRegex', 'https://admin.sothebais.com'), ROUTING], // L13, L228
  ],
  tls: [
    [row('| websecure | 443 |', 'SSL/TLS termination at Traefik'), ROUTING], // L91, L226
    [row('| web | 80 |', 'Redirect to websecure (https'), ROUTING], // L92, L287
    [row('letsencrypt', '| letsencrypt |', 'automatic'), ROUTING], // L227
    ["Let's Encrypt certificate management", SECURITY], // L227
    ['SSL/TLS encryption for all external traffic', SECURITY], // L284
  ],
  firewall: [
    ['Firewall (ufw)', SECURITY], // L149
    ['ufw default deny incoming', SECURITY], // L171 block other ports
    ['ufw limit 22/tcp', SECURITY], // L170, L172 allow port 22, rate limiting
    ['ufw allow 80/tcp', SECURITY], // L85-86 TCP 80/443 allowed
    ['ufw allow 443/tcp', SECURITY], // L85-86
  ],
  ssh: [
    ['Port 22, key-based authentication only, rate limited by the firewall', SECURITY], // L150, L159, L172, L184
    ['Clients: VSCode Remote', SECURITY], // L161
    [ci('an SSH config'), SECURITY], // L160
    ['SSH key verification', SECURITY], // L184
    ['Session setup', SECURITY], // L186
  ],
  user: [
    ['Users: pliskin', SECURITY], // L185
  ],
  healthcheck: [
    [svc('Admin Frontend (admin-frontend)', 'Health check: HTTP /api/health on 3091'), SERVICES], // L96, L241
    [svc('Auction Manager (auction-manager)', /Health check: HTTP \S+ on 4191/), SERVICES], // L246, L293
    [svc('Event Handler (event-handler)', /Health check: HTTP \S+ on 4391/), SERVICES], // L252, L293
    [svc('Stream Manager (stream-manager)', /Health check: HTTP \S+ on 4291/), SERVICES], // L258, L293
    // L296 "Automatic container restart on failure" for each service with a health check.
    [svc('Admin Frontend (admin-frontend)', 'Restart: on-failure'), SERVICES],
    [svc('Auction Manager (auction-manager)', 'Restart: on-failure'), SERVICES],
    [svc('Event Handler (event-handler)', 'Restart: on-failure'), SERVICES],
    [svc('Stream Manager (stream-manager)', 'Restart: on-failure'), SERVICES],
  ],
  security: [
    ['Internal services not directly exposed to internet', SECURITY], // L285
    ['Docker network isolation', SECURITY], // L286
    ['Traefik handles security headers and HTTPS redirects', SECURITY], // L287
    ['Authentication required for admin interface', SECURITY], // L288
    ['Metrics and health check endpoints protected', SECURITY], // L289
  ],
};

// ---------------------------------------------------------------------------------------------------
// infra-production — seed 002_dcd58f4f9415faf4.repaired.txt (Architecture Diagrams)
// ---------------------------------------------------------------------------------------------------
const INFRA_PRODUCTION: SeedFacts = {
  host: [
    [row('Production Server'), OPS], // L257
    ['DOMAIN=service.yourdomain.com', README], // L187
    [/DNS Resolution/i, ANY], // L92 (request flow)
    [/Development Machine/, ANY], // L249 (deployment flow)
    [/GitHub Repository/, ANY], // L253 (deployment flow)
  ],
  port: [
    [row('| 443 | 443 | Traefik'), PUBLISHED], // L25, L97, L219
    [row('| 80 | 80 | Traefik', 'HTTP-01'), PUBLISHED], // L228
    [row('| 8080 | dotnet-app |', 'Internal HTTP (port 8080)'), PUBLISHED], // L109
    [row('| 8080 | php-app |', 'Internal HTTP (port 8080)'), PUBLISHED], // L109
    [row('| 8080 | static-sites |', 'Internal HTTP (port 8080)'), PUBLISHED], // L109
    [row('| 8080 | web-server |', 'Internal HTTP (port 8080)'), PUBLISHED], // L109
    ['Only Traefik publishes ports on the host.', PUBLISHED], // L146 only application containers exposed (through Traefik)
  ],
  network: [
    [row('traefik-net', 'external', 'routing', 'Traefik, .NET App, PHP App'), NETWORKS], // L29, L58, L132-141
    [ci('allow Traefik to route to all application containers'), NETWORKS], // L145
    [ci('only application containers exposed, not databases'), NETWORKS], // L146
    [row('dotnet-internal', 'bridge', 'internal', '.NET App, .NET Database'), NETWORKS], // L152-159
    [row('php-internal', 'internal', 'PHP App, PHP Database'), NETWORKS], // L39-43
    [row('monitoring-internal', 'internal', 'Prometheus, Grafana'), NETWORKS], // L39-44
    [row('automation-internal', 'internal', 'n8n, Automation Cache'), NETWORKS], // L39-44
    [ci('also connected to traefik-net for routing'), NETWORKS], // L161-162
    [ci('creates networks if needed'), README], // L197
    ['Shared external network for routing', README], // L10
    ['Internal networks for service communication', README], // L11
  ],
  service: [
    ['Centralized reverse proxy (Traefik)', README], // L8, L23
    ['Isolated application stacks', README], // L9
    [svc('.NET App (dotnet-app)', 'Group: .NET Stack'), SERVICES], // L35
    [svc('PHP App (php-app)', 'Group: PHP Stack'), SERVICES], // L35
    [svc('Prometheus (prometheus)', 'Group: Monitoring Stack'), SERVICES], // L35
    [svc('n8n (n8n)', 'Group: Automation Stack'), SERVICES], // L35
    [svc('Static Sites (static-sites)', 'Group: Static Sites'), SERVICES], // L35
    [svc('Web Server (web-server)', 'Group: Web Server'), SERVICES], // L35
    [svc('.NET Database (dotnet-db)', 'Kind: database'), SERVICES], // L43
    [svc('PHP Database (php-db)', 'Kind: database'), SERVICES], // L43
    [svc('Prometheus (prometheus)', ci('time-series data')), SERVICES], // L43-44, L292
    [svc('Automation Cache (automation-redis)', 'Kind: cache'), SERVICES], // L43-44
    [svc('Traefik (traefik)', "SSL/TLS termination (Let's Encrypt)"), SERVICES], // L24
    [svc('Traefik (traefik)', ci('service discovery (Docker')), SERVICES], // L25
    [svc('Traefik (traefik)', ci('routing & load balancing')), SERVICES], // L26
    [svc('Traefik (traefik)', ci('rate limiting & security')), SERVICES], // L27
    [svc('.NET App (dotnet-app)', ci('connection pooling')), SERVICES], // L116
    [svc('Prometheus (prometheus)', ci('scrapes metrics'), 'Kind: monitoring (planned)'), SERVICES], // L276, L290
    [svc('Grafana (grafana)', 'Kind: monitoring (planned)'), SERVICES], // L276
    [svc('Grafana (grafana)', ci('visualizes metrics, creates dashboards and sends alerts')), SERVICES], // L296-298
    ['Environment-based configuration', README], // L12
    [ci('centralized logging (planned)'), README], // L320
    [ci('metrics collection (planned)'), README], // L321
    [ci('alert system (planned)'), README], // L322
  ],
  technology: [
    [svc('Traefik (traefik)', /Technology: Traefik/), SERVICES], // L23
    [svc('.NET App (dotnet-app)', /Technology: .*\.NET/), SERVICES], // L35
    [svc('PHP App (php-app)', /Technology: PHP/), SERVICES], // L35
    [svc('Prometheus (prometheus)', 'Technology: Prometheus'), SERVICES], // L288
    [svc('Grafana (grafana)', 'Technology: Grafana'), SERVICES], // L294
  ],
  middleware: [
    // L27, L72 rate limiting per service; L104 middleware (rate limit, headers); L122 compression, headers.
    [row('.NET App', 'ratelimit', 'security-headers', 'compress'), URLS],
    [row('PHP App', 'ratelimit', 'security-headers', 'compress'), URLS],
    [row('Grafana', 'ratelimit', 'security-headers', 'compress'), URLS],
    [row('n8n', 'ratelimit', 'security-headers', 'compress'), URLS],
    [row('Static Sites', 'ratelimit', 'security-headers', 'compress'), URLS],
    [row('Web Server', 'ratelimit', 'security-headers', 'compress'), URLS],
    [row('security-headers', '| headers |'), ROUTING], // L104
    [row('compress', '| compress |'), ROUTING], // L122
    [row('admin-ipallowlist', 'ipAllowList', 'optional'), ROUTING], // L73 IP whitelisting (optional)
    [row('dashboard-auth', 'basicAuth', 'traefik-dashboard'), ROUTING], // L74 basic authentication (dashboards)
    [svc('.NET App (dotnet-app)', 'JWT tokens'), SERVICES], // L75 JWT tokens (API access)
  ],
  tls: [
    [row('| websecure | 443 |', 'SSL termination'), ROUTING], // L24, L102
    [row('| web | 80 |', 'Redirect to websecure (https', 'HTTP-01'), ROUTING], // L62, L228
    [row('letsencrypt', 'HTTP-01 on web'), ROUTING], // L228
    [row('letsencrypt', 'acme.json', 'mode 600'), ROUTING], // L233, L235
    [/before expiry/, ROUTING], // L236 auto-renewal before expiry
    [/certificate exists/, ROUTING], // L221-223
    [/domain validation/i, ROUTING], // L229
    ['TLS 1.2+, modern ciphers', ROUTING], // L241
    ['TLS 1.2/1.3 with modern ciphers', ROUTING], // L241
    ['HTTPS only (HTTP → HTTPS redirect)', SECURITY], // L62
    ["Let's Encrypt SSL certificates", SECURITY], // L63
    ['Modern TLS configuration', SECURITY], // L64
  ],
  scaling: [
    [ci('easy horizontal scaling'), README], // L325
    [ci('load balancing via Traefik'), README], // L326
    [ci('resource limits per service'), README], // L327
    [ci('stateless applications preferred'), README], // L328
    [row('.NET App', '| yes |', 'Traefik load-balances'), SCALING], // L325-326
  ],
  healthcheck: [
    ['health-check.sh', README], // L206
    [ci('health checks for all services'), README], // L319
    ['Every service declares a health check.', SECURITY], // L319
  ],
  volume: [
    [ci('volumes (data persistence)'), README], // L183
    [row('traefik-letsencrypt', 'acme.json', 'permissions 600'), VOLUMES], // L233-235
    [row('dotnet-db-data', '.NET stack database'), VOLUMES], // L42, L183
    [row('php-db-data', 'PHP stack database'), VOLUMES], // L42, L183
    [row('prometheus-data', /time-series/i), VOLUMES], // L44, L292
  ],
  backup: [
    [row('Tool', 'scripts/backup.sh'), OPS], // L204
    [row('Restore', 'scripts/restore.sh'), OPS], // L205
  ],
  security: [
    ['External network (traefik-net) for routing', SECURITY], // L58
    ['Internal networks (per-stack isolation)', SECURITY], // L59
    ['Environment-based secrets (.env)', SECURITY], // L67
    ['No credentials in code/Git', SECURITY], // L68
    ['Strong password policies (20+ chars)', SECURITY], // L69
    ['Rate limiting (per service)', SECURITY], // L72
    ['IP whitelisting (optional)', SECURITY], // L73
    ['Basic authentication (dashboards)', SECURITY], // L74
    ['JWT tokens (API access)', SECURITY], // L75
    ['Internal network only (no external access)', SECURITY], // L78
    ['Strong credentials', SECURITY], // L79
    ['Encrypted connections (optional)', SECURITY], // L80
    ['.env (not in Git)', README], // L186
    ['.env.example (in Git)', README], // L191
  ],
  deployment: [
    [/git push/, ANY], // L251 (deployment flow)
    [/git (clone \/ git )?pull/, ANY], // L255, L259 (deployment flow)
    [/cp \.env\.example \.env|Create \.env from \.env\.example/i, ANY], // L261 (deployment flow)
    [/deploy\.sh/, README], // L194, L263
    [ci('validates .env exists'), README], // L195
    [ci('checks required variables'), README], // L196
    [/docker compose pull/, ANY], // L265 (deployment flow)
    [/docker compose up -d(?!\s*--scale)/, ANY], // L266 (deployment flow)
    [/Verify deployment/i, ANY], // L268 (deployment flow)
  ],
};

// ---------------------------------------------------------------------------------------------------
// mito — seed 003_4e4194b2d082788e.txt (MITO Platform - Network Architecture)
// ---------------------------------------------------------------------------------------------------
const MITO: SeedFacts = {
  host: [
    [row('API', 'https://api.${DOMAIN}', 'api:3000'), URLS], // L102
    [row('Admin Web', 'https://admin.${DOMAIN}', 'admin-web:3001'), URLS], // L103
    [row('MinIO', 'https://minio.${DOMAIN}', 'minio:9000'), URLS], // L104
    [row('MinIO', 'https://minio-console.${DOMAIN}', 'minio:9001'), URLS], // L105
    [row('Mobile Build', 'https://mobile-build.${DOMAIN}', 'mobile-build:8081'), URLS], // L106
    [row('Traefik', 'https://traefik.${DOMAIN}', 'traefik:8080'), URLS], // L107
    [svc('API (api)', 'container mito-api'), SERVICES], // L338
  ],
  port: [
    [row('| postgres | postgres | 5432 |'), HOSTNAMES], // L82
    [row('| redis | redis | 6379 |'), HOSTNAMES], // L83
    [row('minio', '| minio | 9000 | HTTP | MinIO API'), HOSTNAMES], // L84
    [row('minio', '| minio | 9001 | HTTP | MinIO Console'), HOSTNAMES], // L85
    [row('| api | api | 3000 | HTTP |'), HOSTNAMES], // L86
    [row('| admin-web | admin-web | 3001 | HTTP |'), HOSTNAMES], // L87
    [row('| mobile-build | mobile-build | 8081 | HTTP |'), HOSTNAMES], // L88
    [svc('API (api)', 'Host: postgres', 'Port: 5432'), SERVICES], // L90-94
    ['Only Traefik publishes ports on the host.', PUBLISHED], // L113
    [row('| 80 | 80 | Traefik | HTTP (redirects)'), PUBLISHED], // L117
    [row('| 443 | 443 | Traefik | HTTPS'), PUBLISHED], // L118
    [row('| 8080 | 8080 | Traefik | Dashboard (optional)'), PUBLISHED], // L119
    [row('| 3000 | api | Fastify HTTP |'), PUBLISHED], // L127
    [row('| 3001 | admin-web | Next.js HTTP |'), PUBLISHED], // L128
    [row('| 8081 | mobile-build | React Native Metro |'), PUBLISHED], // L129
    [row('| 5432 | postgres | PostgreSQL |'), PUBLISHED], // L130
    [row('| 6379 | redis | Redis |'), PUBLISHED], // L131
    [row('| 9000 | minio | MinIO API |'), PUBLISHED], // L132
    [row('| 9001 | minio | MinIO Console |'), PUBLISHED], // L133
  ],
  network: [
    [row('mito-network', '| bridge |', 'Traefik, API, Admin Web, Mobile Build, Notifications, AI Pipeline, PostgreSQL, Redis, MinIO'), NETWORKS], // L5, L28-71, L141-143
    ['Automatic DNS resolution for container names', NETWORKS], // L147
    ['Isolated from other Docker networks', NETWORKS], // L148
    ['Allows container-to-container communication', NETWORKS], // L149
    ['NAT for outbound internet access', NETWORKS], // L150
    ["Docker's built-in DNS resolution", NETWORKS], // L78
    ['Service-to-Service: All services can communicate on the mito-network', SECURITY], // L154
    ['External Access: Only through Traefik on ports 80/443', SECURITY], // L155
    ['Database Access: PostgreSQL only accessible from within the network', SECURITY], // L156
    ['Redis Access: Redis only accessible from within the network', SECURITY], // L157
    ['MinIO Access: Direct API access only from within the network (external via Traefik)', SECURITY], // L158
  ],
  service: [
    [svc('Traefik (traefik)', 'Gateway'), SERVICES], // L15
    [svc('Notifications (notifications)', 'Kind: worker'), SERVICES], // L47-48
    [svc('AI Pipeline (ai-pipeline)', 'Kind: worker'), SERVICES], // L52-53
    [svc('PostgreSQL (postgres)', 'Kind: database'), SERVICES], // L57-58
    [svc('MinIO (minio)', 'Kind: object-storage'), SERVICES], // L67-68
    [svc('Traefik (traefik)', 'Logs: docker-compose logs -f traefik'), SERVICES], // L300
    [/access logs, a metrics endpoint and a dashboard with real-time\s+traffic/i, README], // L293-296
  ],
  technology: [
    [svc('API (api)', 'Technology: Fastify'), SERVICES], // L33
    [svc('Admin Web (admin-web)', 'Technology: Next.js'), SERVICES], // L38
    [svc('Mobile Build (mobile-build)', 'Technology: React Native'), SERVICES], // L43
    [svc('Notifications (notifications)', 'Technology: Workers'), SERVICES], // L48
    [svc('AI Pipeline (ai-pipeline)', 'Technology: Workers'), SERVICES], // L53
    [svc('PostgreSQL (postgres)', 'Technology: PostgreSQL'), SERVICES], // L57
    [svc('Redis (redis)', 'Technology: Redis (Cache/Queue)'), SERVICES], // L62-63
    [svc('MinIO (minio)', 'Technology: MinIO (Object Store)'), SERVICES], // L67-68
    [svc('Traefik (traefik)', 'Technology: Traefik'), SERVICES], // L14
    [svc('Redis (redis)', 'BullMQ'), SERVICES], // L266
  ],
  middleware: [
    [row('api-ratelimit', 'rateLimit', 'average: 100', 'burst: 50', '| api |'), ROUTING], // L225-228
    [row('https://api.${DOMAIN}', 'websecure', 'api-ratelimit'), URLS], // L218, L225
  ],
  tls: [
    [row('| web | 80 |', 'Redirect to websecure (https'), ROUTING], // L20-22 auto redirect
    [row('| websecure | 443 |', 'HTTPS'), ROUTING], // L20
    [row('letsencrypt', '| letsencrypt |', 'automatic'), ROUTING], // L177, L219
    ['All external traffic encrypted via HTTPS', SECURITY], // L175
    ['Internal traffic uses HTTP', SECURITY], // L176
    ['Automatic certificate management via Let\'s Encrypt', SECURITY], // L177
    ['ACME_EMAIL', README], // L355
  ],
  firewall: [
    ['Firewall (iptables)', SECURITY], // L179
    ['Allow inbound: TCP 80, 443', SECURITY], // L165
    ['Block all other inbound ports', SECURITY], // L166
    ['Allow outbound for updates and external API calls', SECURITY], // L167
    ['Default: deny incoming, allow outgoing.', SECURITY], // L166-167
    ['# Allow SSH (if needed)\n', SECURITY], // L182
    ['iptables -A INPUT -p tcp --dport 22 -j ACCEPT', SECURITY], // L183
    ['iptables -A INPUT -p tcp --dport 80 -j ACCEPT', SECURITY], // L186
    ['iptables -A INPUT -p tcp --dport 443 -j ACCEPT', SECURITY], // L187
    ['iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', SECURITY], // L190
    ['iptables -A INPUT -j DROP', SECURITY], // L193
  ],
  healthcheck: [
    [svc('PostgreSQL (postgres)', 'Health check: pg_isready'), SERVICES], // L246
    [svc('Redis (redis)', 'Health check: redis-cli ping', 'Ping check'), SERVICES], // L247
    [svc('MinIO (minio)', 'Health check: HTTP', 'HTTP health endpoint'), SERVICES], // L248
    [svc('API (api)', 'Health check: HTTP /health', 'if implemented'), SERVICES], // L249
    // Startup order, L235-242.
    [row('| 1 |', 'MinIO, PostgreSQL, Redis', 'nothing (start in parallel)'), STARTUP], // L238
    [row('| 2 |', 'AI Pipeline, API, Notifications', 'api waits for postgres healthy', 'api waits for redis healthy', 'api waits for minio healthy'), STARTUP], // L239-240
    [row('| 3 |', 'Admin Web, Mobile Build', 'admin-web waits for api started', 'mobile-build waits for api started'), STARTUP], // L241
  ],
  scaling: [
    ['docker-compose up -d --scale notifications=3', SCALING], // L259
    ['docker-compose up -d --scale ai-pipeline=2', SCALING], // L262
    [row('Notifications', '| 3 ', 'Workers pull jobs from Redis queue (BullMQ)'), SCALING], // L258, L266
    [row('AI Pipeline', '| 2 ', 'Workers pull jobs from Redis queue (BullMQ)'), SCALING], // L261, L266
    ['Natural load distribution', SCALING], // L267
    ['No additional load balancer needed', SCALING], // L268
    [row('API', 'can be scaled with external load balancer'), SCALING], // L271
    [row('Admin Web', 'Traefik supports multiple backend instances'), SCALING], // L272
    ['Sticky sessions may be needed for stateful features', SCALING], // L273
  ],
  security: [
    ['Database not exposed to internet', SECURITY], // L170
    ['Redis not exposed to internet', SECURITY], // L171
    ['MinIO API access only through authenticated requests', SECURITY], // L172
  ],
};

// ---------------------------------------------------------------------------------------------------
// sellybase — seed 004_5987727979c35eee.txt (Docker Production Architecture Diagram)
// ---------------------------------------------------------------------------------------------------
const SELLYBASE: SeedFacts = {
  host: [
    ['sellybase.albaly.jp', README], // L14
    ['api.sellybase.albaly.jp', README], // L15
    [row('Frontend', 'https://sellybase.albaly.jp', 'web:3000'), URLS], // L54
    [row('Backend', 'https://api.sellybase.albaly.jp', 'api:3001'), URLS], // L55
    [row('Traefik', 'https://traefik.sellybase.albaly.jp', 'traefik:8080'), URLS], // L56
    [row('Server / EC2 instance', 'AWS / Traditional servers'), OPS], // L24, L456
  ],
  port: [
    [row('| 80 | 80 | Traefik | Port 80 (HTTP) → Redirect to HTTPS'), PUBLISHED], // L32
    [row('| 443 | 443 | Traefik | Port 443 (HTTPS) → Handle requests'), PUBLISHED], // L33
    [row('| 8080 | 8080 | Traefik | Port 8080 (Dashboard) → Traefik UI'), PUBLISHED], // L34, L329
    [row('| Traefik | 80/443 |', /\b8080 \|/), PORTS], // L32-34
    [row('| Frontend | 3000 |'), PORTS], // L66
    [row('| Backend | 3001 |'), PORTS], // L66
    [row('| PostgreSQL | 5432 |'), PORTS], // L80
  ],
  network: [
    [row('selly-network', '| bridge |', '172.25.0.0/16'), NETWORKS], // L88-90
    ['Isolation: Internal communication only', NETWORKS], // L91
    [svc('Backend (api)', 'Calls: PostgreSQL (Database Connection (Internal Network))'), SERVICES], // L74-75
  ],
  service: [
    [svc('Traefik (traefik)', 'Reverse Proxy & Load Balancer'), SERVICES], // L28
    [svc('Frontend (web)', 'Production Build'), SERVICES], // L69
    [svc('Frontend (web)', 'Compression'), SERVICES], // L70
    [svc('Backend (api)', 'Production Build'), SERVICES], // L69
    [svc('Backend (api)', 'JWT Auth'), SERVICES], // L70
    [svc('Backend (api)', 'Swagger Docs'), SERVICES], // L71
    [svc('PostgreSQL (postgres)', 'Persistent Vol.'), SERVICES], // L83
    [svc('PostgreSQL (postgres)', 'Not Exposed'), SERVICES], // L84
    [svc('Traefik (traefik)', 'Logs: /var/log/traefik/'), SERVICES], // L342
    [svc('Backend (api)', 'Logs: docker logs selly-api'), SERVICES], // L343
    [svc('Frontend (web)', 'Logs: docker logs selly-web'), SERVICES], // L344
    [svc('PostgreSQL (postgres)', 'Logs: docker logs selly-postgres'), SERVICES], // L345
    [/Traefik Dashboard \(Port 8080\) — active routes, request metrics, SSL certificate status, middleware\s+performance/i, README], // L329-333
    [ci('docker stats'), README], // L335-339
  ],
  technology: [
    [svc('Traefik (traefik)', 'Technology: Traefik'), SERVICES], // L27
    [svc('Frontend (web)', 'Technology: Next.js'), SERVICES], // L64
    [svc('Backend (api)', 'Technology: NestJS'), SERVICES], // L64
    [svc('PostgreSQL (postgres)', 'Technology: PostgreSQL + pgvector'), SERVICES], // L77-78
    ['SQL injection prevention (TypeORM)', SECURITY], // L256
  ],
  middleware: [
    [row('api-ratelimit', 'rateLimit', 'average: 100', 'period: 1s'), ROUTING], // L46, L242 100 req/sec for API
    [row('security-headers', 'stsSeconds', 'frameDeny: true', 'browserXssFilter: true'), ROUTING], // L47 HSTS, XSS, Frame Options
    [row('compression', 'compress', 'gzip'), ROUTING], // L48
    [row('cors', 'accessControlAllowOriginList'), ROUTING], // L49
    [row('https://sellybase.albaly.jp', 'security-headers → compression'), URLS], // L117
    [row('https://api.sellybase.albaly.jp', 'api-ratelimit → security-headers'), URLS], // L144
  ],
  tls: [
    [row('| letsencrypt | letsencrypt | TLS-ALPN-01 | HTTP-01, DNS-01 |'), ROUTING], // L39, L41, L199-209 (TLS-ALPN-01 default)
    [row('letsencrypt', 'automatic, 30d before expiry'), ROUTING], // L40, L189-191
    [row('letsencrypt', '/letsencrypt/acme.json', 'traefik-certificates'), ROUTING], // L218
    ['TLS 1.2+', ROUTING], // L244
    [/DNS-01[^\n]*wildcard/i, ANY], // L209, L212 (certificate flow)
    [/\/\.well-known\//, ANY], // L205 (certificate flow)
    [/TXT record/, ANY], // L210 (certificate flow)
    ['Automatic HTTPS redirect', SECURITY], // L240
    ['HSTS (HTTP Strict Transport Security)', SECURITY], // L241
    ['TLS 1.2+ only', SECURITY], // L244
  ],
  firewall: [
    ['Firewall (security-group / UFW)', SECURITY], // L19, L235
    ['Default: deny incoming, allow outgoing.', SECURITY], // L236
    ['ufw allow 80/tcp', SECURITY], // L20
    ['ufw allow 443/tcp', SECURITY], // L20
    ['ufw allow 22/tcp', SECURITY], // L20
    ['Only necessary ports open (22, 80, 443)', SECURITY], // L236
  ],
  ssh: [
    ['Port 22, key-based authentication only', SECURITY], // L20, L237
  ],
  user: [
    [svc('Frontend (web)', 'Runs as: nextjs'), SERVICES], // L67
    [svc('Backend (api)', 'Runs as: nestjs'), SERVICES], // L67
    [svc('PostgreSQL (postgres)', 'Runs as: postgres'), SERVICES], // L81
    ['Non-root users (nextjs, nestjs)', SECURITY], // L247
  ],
  healthcheck: [
    [svc('Frontend (web)', 'Health check: HTTP /'), SERVICES], // L68, L349
    [svc('Backend (api)', 'Health check: HTTP /health'), SERVICES], // L68, L348
    [svc('PostgreSQL (postgres)', 'Health check: pg_isready'), SERVICES], // L82
    ['https://api.sellybase.albaly.jp/health', README], // L348
    // L250 "Health checks for auto-restart", L452 "Health checks and auto-restart".
    [svc('Frontend (web)', /Restart: (always|unless-stopped|on-failure)/), SERVICES],
    [svc('Backend (api)', /Restart: (always|unless-stopped|on-failure)/), SERVICES],
    [svc('PostgreSQL (postgres)', /Restart: (always|unless-stopped|on-failure)/), SERVICES],
    ['Health checks for auto-restart', SECURITY], // L250
  ],
  volume: [
    [row('postgres_data', 'Database persistence', 'postgres:/var/lib/postgresql/data'), VOLUMES], // L96
    [row('traefik-certificates', 'SSL certificates', 'traefik:/letsencrypt'), VOLUMES], // L97
    [row('backups', './backups', 'Database backups - host'), VOLUMES], // L98
  ],
  backup: [
    ['Backup: Daily Automated Backup', OPS], // L361
    [row('Schedule', 'daily (cron)'), OPS], // L361
    [row('Tool', 'maintenance.sh'), OPS], // L364
    [row('Method', 'pg_dump', 'full database backup'), OPS], // L366-367
    [row('Compression', 'gzip'), OPS], // L368
    ['Timestamped filename', OPS], // L369
    [row('Destination', 'backups/'), OPS], // L372
    [row('Retention', 'last 7 backups', 'auto-cleanup old backups'), OPS], // L374-375
    [row('Size', '~100-500MB per backup'), OPS], // L376
    [row('Off-site copies', 'AWS S3, Backblaze B2, DigitalOcean Spaces, Any S3-compatible storage (optional)'), OPS], // L379-384
    [row('RTO', '< 15 minutes (restore from backup)'), OPS], // L386-387
    [row('RPO', '< 24 hours (daily backups)'), OPS], // L389-390
    ['< 1 hour with more frequent backups', OPS], // L391
    ['Regular backups', SECURITY], // L262
    [/maintenance\.sh \(backup\)/, ANY], // L416-418 backup before each deployment (deployment flow)
  ],
  scaling: [
    [row('CPU', '2 cores → 4 cores → 8 cores'), SCALING], // L299
    [row('RAM', '4 GB → 8 GB → 16 GB'), SCALING], // L300
    [row('Disk', '20 GB → 50 GB → 100 GB'), SCALING], // L301
    ['docker compose -f docker-compose.prod.yml up -d --scale api=3', SCALING], // L309
    [row('Backend', '| 3 ', 'Traefik automatically distributes load'), SCALING], // L311-319
    ['Load balancer: AWS ALB / DigitalOcean LB', OPS], // L271-272
    ['Server 1: Traefik, Apps', OPS], // L278-280
    ['Server 2: Traefik, Apps', OPS], // L278-280
    ['Shared database: RDS / DB (Managed)', OPS], // L286-287
    ['High availability (optional)', OPS], // L265
  ],
  security: [
    ['Firewall (UFW / Security Groups)', SECURITY], // L235
    ['SSH key-based authentication', SECURITY], // L237
    ['Rate limiting (100 req/sec for API)', SECURITY], // L242
    ['Security headers (XSS, Frame Options, etc.)', SECURITY], // L243
    ['Read-only file systems where possible', SECURITY], // L248
    ['Resource limits (CPU, Memory)', SECURITY], // L249
    ['JWT authentication', SECURITY], // L253
    ['CORS configuration', SECURITY], // L254
    ['Input validation', SECURITY], // L255
    ['Not exposed to internet', SECURITY], // L259
    ['Internal network only', SECURITY], // L260
    ['Strong passwords', SECURITY], // L261
  ],
  deployment: [
    [/git push/, ANY], // L408 (deployment flow)
    [/git pull/, ANY], // L413 (deployment flow)
    [/docker compose (-f \S+ )?build/, ANY], // L423 (deployment flow)
    [/docker compose (-f \S+ )?up -d --force-recreate/, ANY], // L428 (deployment flow)
    [/Zero downtime/i, ANY], // L429, L454
    [/One container at a time/i, ANY], // L430 (deployment flow)
    [/Verify all services healthy/i, ANY], // L435 (deployment flow)
  ],
};

const SEED_FACTS: Record<string, SeedFacts> = {
  'sothebais-v1': SOTHEBAIS_V1,
  sothebais: SOTHEBAIS,
  'infra-production': INFRA_PRODUCTION,
  mito: MITO,
  sellybase: SELLYBASE,
};

// ---------------------------------------------------------------------------------------------------

/** The text as a reader sees it rendered. */
function readable(text: string): string {
  return text
    .replace(/<br\s*\/?>/g, '; ')
    .replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/#(quot|amp|lt|gt);/g, (_, name: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>' })[name as 'quot'])
    .replace(/(?<!\\)\*\*/g, '')
    .replace(/(?<!\\)`/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? filesUnder(path.join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]));
}

function docsOf(system: string): Map<string, string> {
  const dir = path.join(REPO_ROOT, 'diagrams', system);
  const docs = new Map<string, string>();
  if (!existsSync(dir)) return docs;
  for (const file of filesUnder(dir)) docs.set(file, readable(readFileSync(path.join(dir, file), 'utf8')));
  return docs;
}

function found(what: string | RegExp, text: string): boolean {
  return typeof what === 'string' ? text.includes(what) : what.test(text);
}

test('every reference system has its seed facts written down', () => {
  const systems = readdirSync(path.join(REPO_ROOT, 'topology')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length));
  assert.deepEqual(Object.keys(SEED_FACTS).sort(), systems.sort());
  for (const [system, facts] of Object.entries(SEED_FACTS)) {
    const count = Object.values(facts).reduce((n, list) => n + list.length, 0);
    assert.ok(count >= 30, `${system}: only ${count} seed facts written down`);
  }
});

for (const [system, facts] of Object.entries(SEED_FACTS)) {
  describe(`seed facts of ${system} appear in diagrams/${system}/`, () => {
    const docs = docsOf(system);
    const everything = [...docs.values()].join('\n');
    for (const [kind, list] of Object.entries(facts) as Array<[Kind, Fact[]]>) {
      test(`${kind} facts`, () => {
        const missing = list.flatMap(([what, file]) => {
          const text = file === ANY ? everything : docs.get(file);
          if (text !== undefined && found(what, text)) return [];
          const where = file === ANY ? `anywhere under diagrams/${system}/` : text === undefined ? `diagrams/${system}/${file} (file missing)` : `diagrams/${system}/${file}`;
          return [`${typeof what === 'string' ? JSON.stringify(what) : String(what)} not in ${where}`];
        });
        if (missing.length) assert.fail(`${system}: ${missing.length} ${kind} fact(s) of the seed missing from the generated docs:\n  ${missing.join('\n  ')}`);
      });
    }
  });
}
