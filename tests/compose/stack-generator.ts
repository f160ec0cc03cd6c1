/** Generates large compose stacks for the compose loader's size test and benchmark. */

/** A stack of `count` services using anchors, labels, environment, ports, networks, volumes and depends_on. */
export function generateStack(count: number): string {
  const lines = [
    'name: big',
    'x-defaults: &defaults',
    '  restart: unless-stopped',
    '  networks: [back]',
    '  labels:',
    '    com.example.team: platform',
    'services:',
  ];
  for (let i = 0; i < count; i++) {
    lines.push(
      `  svc${i}:`,
      '    <<: *defaults',
      `    image: "registry.example.com/svc${i}:\${TAG:-latest}"`,
      '    ports:',
      `      - "${10000 + i}:8080"`,
      '    expose: ["9000-9001"]',
      '    environment:',
      `      - SERVICE_INDEX=${i}`,
      '      - DB_URL=${DB_URL:-postgres://db}',
      '    volumes:',
      `      - data${i % 10}:/data`,
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      interval: 30s',
    );
    if (i > 0) lines.push('    depends_on:', `      svc${i - 1}:`, '        condition: service_started');
  }
  lines.push('networks:', '  back:', 'volumes:');
  for (let v = 0; v < 10; v++) lines.push(`  data${v}:`);
  return `${lines.join('\n')}\n`;
}

/** An override file touching every service (labels, ports, command), to exercise merging. */
export function generateOverride(count: number): string {
  const lines = ['services:'];
  for (let i = 0; i < count; i++) {
    lines.push(`  svc${i}:`, '    labels:', `      traefik.http.routers.r${i}.rule: "Host(\`s${i}.example.com\`)"`, '    ports:', `      - "${30000 + i}:9090"`, '    command: ["serve", "--fast"]');
  }
  return `${lines.join('\n')}\n`;
}
