/**
 * A generated system for the drift check's benchmark and size test: one Traefik proxy, a database and
 * `count` app services, each routed by Traefik with a port label, a health check, a dependency, a
 * volume and middlewares. The topology and the compose file describe the same system, so a check
 * finds no drift.
 */

export interface GeneratedSystem {
  topology: string;
  compose: string;
}

export function generateSystem(count: number): GeneratedSystem {
  const compose: string[] = [
    'name: big',
    'services:',
    '  traefik:',
    '    image: traefik:v3.3',
    '    command:',
    '      - --providers.docker=true',
    '      - --providers.docker.exposedbydefault=false',
    '      - --providers.docker.network=big_proxy',
    '      - --entrypoints.web.address=:80',
    '      - --entrypoints.web.http.redirections.entrypoint.to=websecure',
    '      - --entrypoints.websecure.address=:443',
    '      - --certificatesresolvers.le.acme.tlschallenge=true',
    '      - --certificatesresolvers.le.acme.storage=/letsencrypt/acme.json',
    '    ports: ["80:80", "443:443"]',
    '    volumes:',
    '      - /var/run/docker.sock:/var/run/docker.sock:ro',
    '      - letsencrypt:/letsencrypt',
    '    networks: [proxy]',
    '  db:',
    '    image: postgres:16',
    '    expose: ["5432"]',
    '    networks: [data]',
    '    volumes: [db-data:/var/lib/postgresql/data]',
    '    healthcheck:',
    '      test: ["CMD-SHELL", "pg_isready -U app"]',
    '      interval: 10s',
  ];
  const topology: string[] = [
    '# yaml-language-server: $schema=../public/schema/topology.schema.json',
    'id: big',
    'name: Generated system',
    'compose:',
    '  files: [compose.yaml]',
    'proxy: traefik',
    'entrypoints:',
    '  web: { port: 80, protocol: http, redirect: { to: websecure } }',
    '  websecure: { port: 443, protocol: https }',
    'tls:',
    '  resolvers:',
    '    le: { challenge: tls-alpn-01, storage: { path: /letsencrypt/acme.json, volume: letsencrypt } }',
    'middlewares:',
    '  headers: { headers: { stsSeconds: 31536000, frameDeny: true } }',
    '  limit: { rateLimit: { average: 100, burst: 50 } }',
    'networks:',
    '  proxy: {}',
    '  data: { internal: true }',
    'volumes:',
    '  letsencrypt: { persists: certificates }',
    '  db-data: { persists: database }',
    'services:',
    '  traefik:',
    '    kind: proxy',
    '    image: traefik:v3.3',
    '    ports: { http: { port: 80, published: 80 }, https: { port: 443, published: 443 } }',
    '    networks: [proxy]',
    '    volumes:',
    '      - { volume: /var/run/docker.sock, target: /var/run/docker.sock, readOnly: true }',
    '      - { volume: letsencrypt, target: /letsencrypt }',
    '  db:',
    '    kind: database',
    '    image: postgres:16',
    '    ports: { main: 5432 }',
    '    networks: [data]',
    '    volumes: [{ volume: db-data, target: /var/lib/postgresql/data }]',
    '    healthcheck: { type: command, command: pg_isready, interval: 10s }',
  ];
  const routes: string[] = ['routes:'];
  for (let i = 0; i < count; i++) {
    const name = `app${i}`;
    const port = 3000 + (i % 1000);
    compose.push(
      `  ${name}:`,
      `    image: registry.example.com/${name}:1.0`,
      '    restart: unless-stopped',
      `    expose: ["${port}", "9090"]`,
      '    networks: [proxy, data]',
      '    depends_on:',
      '      db:',
      '        condition: service_healthy',
      '    healthcheck:',
      `      test: ["CMD", "wget", "-qO-", "http://localhost:${port}/health"]`,
      '      interval: 30s',
      '    labels:',
      '      - traefik.enable=true',
      `      - traefik.http.routers.${name}.rule=Host(\`${name}.example.com\`)`,
      `      - traefik.http.routers.${name}.entrypoints=websecure`,
      `      - traefik.http.routers.${name}.tls.certresolver=le`,
      `      - traefik.http.routers.${name}.middlewares=headers,limit`,
      `      - traefik.http.services.${name}.loadbalancer.server.port=${port}`,
    );
    // The shared middlewares are declared once, on the first app (the proxy itself is not enabled).
    if (i === 0) {
      compose.push(
        '      - traefik.http.middlewares.headers.headers.stsseconds=31536000',
        '      - traefik.http.middlewares.headers.headers.framedeny=true',
        '      - traefik.http.middlewares.limit.ratelimit.average=100',
        '      - traefik.http.middlewares.limit.ratelimit.burst=50',
      );
    }
    topology.push(
      `  ${name}:`,
      `    { kind: app, image: registry.example.com/${name}:1.0, restart: unless-stopped, ports: { main: ${port}, metrics: 9090 },`,
      '      networks: [proxy, data], dependsOn: { db: service_healthy }, healthcheck: { type: http, path: /health, interval: 30s } }',
    );
    routes.push(`  ${name}: { host: ${name}.example.com, service: ${name}, entrypoints: [websecure], middlewares: [headers, limit], tls: { certResolver: le } }`);
  }
  compose.push('networks:', '  proxy:', '  data:', '    internal: true', 'volumes:', '  letsencrypt:', '  db-data:');
  return { topology: `${[...topology, ...routes].join('\n')}\n`, compose: `${compose.join('\n')}\n` };
}
