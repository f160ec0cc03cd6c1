/**
 * Real stacks: Traefik v1 (flags and labels), TCP and UDP routers, Swarm `deploy.labels`,
 * `network_mode: service:x`, external networks, `include` and `extends` across folders, missing and
 * invalid inputs. Each is imported correctly (and `check` accepts the result) or gets a clear message
 * — exit 2 with file:line for invalid input — never a crash.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir, topodoc, writeFiles } from './helpers.ts';

/** Imports `file` in a temporary project and checks the result; returns the topology text and messages. */
async function importAndCheck(files: Record<string, string>, compose: string[], extra: string[] = []): Promise<{ text: string; stderr: string; check: number; checkOut: string }> {
  const dir = tempDir('topodoc-import-robust-');
  writeFiles(dir, files);
  const imported = await topodoc(['import', ...compose, '--name', 'sys', ...extra], dir);
  assert.equal(imported.code, 0, imported.stderr);
  const text = readFileSync(path.join(dir, 'topology/sys.yaml'), 'utf8');
  const checked = await topodoc(['check', 'topology/sys.yaml'], dir);
  return { text, stderr: imported.stderr, check: checked.code, checkOut: checked.stdout };
}

test('TCP and UDP routers: HostSNI(*) and UDP routes are routes for any host on their entrypoints', async () => {
  const { text, check, checkOut } = await importAndCheck(
    {
      'stack/docker-compose.yml': `services:
  traefik:
    image: traefik:v3.1
    command:
      - --providers.docker.exposedbydefault=false
      - --entrypoints.websecure.address=:443
      - --entrypoints.pg.address=:5432
      - --entrypoints.dns.address=:53/udp
    ports: ["443:443", "5432:5432", "53:53/udp"]
  db:
    image: postgres:16
    labels:
      - traefik.enable=true
      - traefik.tcp.routers.db.rule=HostSNI(\`*\`)
      - traefik.tcp.routers.db.entrypoints=pg
      - traefik.tcp.services.db.loadbalancer.server.port=5432
  dns:
    image: coredns/coredns:1.11.1
    labels:
      - traefik.enable=true
      - traefik.udp.routers.dns.entrypoints=dns
      - traefik.udp.services.dns.loadbalancer.server.port=53
`,
    },
    ['stack/docker-compose.yml'],
  );
  assert.equal(check, 0, checkOut);
  assert.match(text, /\n {2}dns:\n {4}port: 53\n {4}protocol: udp\n/);
  assert.match(text, /\n {2}pg:\n {4}port: 5432\n {4}protocol: tcp\n/);
  assert.match(text, /\n {2}db:\n {4}host: "\*"\n {4}service: db\n {4}entrypoints: \[ pg \]\n/);
  assert.match(text, /\n {2}dns:\n {4}host: "\*"\n {4}service: dns\n {4}entrypoints: \[ dns \]\n/);
  assert.match(text, /main: \{ port: 53, protocol: udp \}/);
});

test('Swarm: routers from deploy.labels, replicas as scaling', async () => {
  const { text, check, checkOut } = await importAndCheck(
    {
      'stack/docker-compose.yml': `services:
  traefik:
    image: traefik:v3.1
    command: [--providers.swarm=true, --providers.swarm.exposedbydefault=false, --entrypoints.web.address=:80]
    ports: ["80:80"]
  whoami:
    image: traefik/whoami:v1.10
    deploy:
      replicas: 2
      labels:
        - traefik.enable=true
        - traefik.http.routers.whoami.rule=Host(\`whoami.example.com\`)
        - traefik.http.routers.whoami.entrypoints=web
        - traefik.http.services.whoami.loadbalancer.server.port=80
`,
    },
    ['stack/docker-compose.yml'],
  );
  assert.equal(check, 0, checkOut);
  assert.match(text, /\n {2}whoami:\n {4}host: whoami\.example\.com\n {4}service: whoami\n {4}entrypoints: \[ web \]\n/);
  assert.match(text, /scaling: \{ replicas: 2 \}/);
});

test('network_mode: service:x and an external network', async () => {
  const { text, check, checkOut } = await importAndCheck(
    {
      'app/compose.yaml': `services:
  vpn:
    image: qmcgaw/gluetun:v3
    ports: ["8888:8888"]
    networks: [proxy]
  client:
    image: alpine:3.20
    network_mode: service:vpn
    depends_on: [vpn]
networks:
  proxy:
    external: true
    name: shared-proxy
`,
    },
    ['app/compose.yaml'],
  );
  assert.equal(check, 0, checkOut);
  assert.match(text, /\n {2}client:\n(?: {4}.*\n)*? {4}notes:\n {6}- 'Uses `network_mode: service:vpn`: shares the network stack of service "vpn" and joins no network of its own\.'\n/);
  assert.doesNotMatch(text.slice(text.indexOf('  client:')), /^ {4}networks:/m);
  assert.match(text, /\nnetworks:\n {2}proxy: \{ name: shared-proxy, external: true \}\n/);
});

test('include and extends across folders', async () => {
  const { text, check, checkOut } = await importAndCheck(
    {
      'app/compose.yaml': `include:
  - ../shared/db.yaml
services:
  api:
    extends: { file: ../common/base.yaml, service: base }
    image: node:22-alpine
    expose: ["3000"]
    depends_on:
      db: { condition: service_healthy }
`,
      'shared/db.yaml': `services:
  db:
    image: postgres:16
    healthcheck: { test: ["CMD-SHELL", "pg_isready -U postgres"], interval: 5s }
    volumes: [db:/var/lib/postgresql/data, ./init:/docker-entrypoint-initdb.d:ro]
volumes:
  db: {}
`,
      'common/base.yaml': `services:
  base:
    restart: unless-stopped
    environment: { NODE_ENV: production }
`,
    },
    ['app/compose.yaml'],
  );
  assert.equal(check, 0, checkOut);
  assert.match(text, /\n {2}api:\n(?: {4}.*\n)*? {4}restart: unless-stopped\n/, 'extends brought the restart policy');
  assert.match(text, /environment: \[ NODE_ENV \]/);
  assert.match(text, /\{ volume: \.\.\/shared\/init, target: \/docker-entrypoint-initdb\.d, readOnly: true \}/, 'an included bind source is relative to its own file');
  assert.match(text, /healthcheck: \{ type: command, command: pg_isready, interval: 5s \}/);
});

test('Traefik v1: flags and labels are reported, not misread', async () => {
  const dir = tempDir('topodoc-import-robust-');
  writeFiles(dir, {
    'v1/docker-compose.yml': `services:
  traefik:
    image: traefik:1.7
    command: --docker --docker.exposedbydefault=false --defaultentrypoints=http
    ports: ["80:80"]
  app:
    image: nginx:1.25
    labels:
      - traefik.enable=true
      - traefik.frontend.rule=Host:app.example.com
      - traefik.port=80
`,
  });
  const imported = await topodoc(['import', 'v1/docker-compose.yml', '--name', 'sys'], dir);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stderr, /v1\/docker-compose\.yml:3:12: warning: service "traefik" runs Traefik 1\.x, whose flags and labels topodoc does not read .* \[import\/traefik-v1\]/);
  assert.match(imported.stderr, /\[traefik\/unknown-static-option\]/);
  assert.equal((await topodoc(['check', 'topology/sys.yaml'], dir)).code, 0);
});

test('Traefik v1 labels without a Traefik service: routes are left out, with the reason', async () => {
  const dir = tempDir('topodoc-import-robust-');
  writeFiles(dir, {
    'app/docker-compose.yml': `services:
  app:
    image: nginx:1.25
    labels: [traefik.enable=true, traefik.frontend.rule=Host:app.example.com, traefik.port=80]
`,
  });
  const imported = await topodoc(['import', 'app/docker-compose.yml', '--name', 'sys'], dir);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stderr, /app\/docker-compose\.yml:4:\d+: warning: Traefik v1 label `traefik\.frontend\.rule` is ignored by Traefik v2 and later/);
  assert.match(imported.stderr, /warning: compose declares Traefik routers \(app-app\) but no Traefik service; .* \[import\/no-traefik\]/);
  assert.doesNotMatch(readFileSync(path.join(dir, 'topology/sys.yaml'), 'utf8'), /^routes:/m);
});

test('missing inputs: compose file, --env-file, a required variable, an env_file of a service', async () => {
  const dir = tempDir('topodoc-import-robust-');
  writeFiles(dir, {
    'app/compose.yaml': `services:
  app:
    image: node:22
    env_file: ./app.env
    environment:
      KEY: \${REQUIRED_KEY:?set REQUIRED_KEY in .env}
`,
  });
  const noFile = await topodoc(['import', 'app/nothere.yaml'], dir);
  assert.equal(noFile.code, 2);
  assert.match(noFile.stderr, /app\/nothere\.yaml: no such compose file \[input\/not-found\]/);

  const noEnv = await topodoc(['import', 'app/compose.yaml', '--env-file', 'app/nothere.env'], dir);
  assert.equal(noEnv.code, 2);
  assert.match(noEnv.stderr, /app\/nothere\.env: no such env file \(--env-file\) \[input\/not-found\]/);

  const required = await topodoc(['import', 'app/compose.yaml'], dir);
  assert.equal(required.code, 2);
  assert.match(required.stderr, /^app\/compose\.yaml:6:12: error: required variable REQUIRED_KEY is missing a value: set REQUIRED_KEY in \.env \[compose\/variable-required\]/m);

  writeFiles(dir, { 'app/.env': 'REQUIRED_KEY=x\n' });
  const envFileMissing = await topodoc(['import', 'app/compose.yaml', '--name', 'sys'], dir);
  assert.equal(envFileMissing.code, 0, envFileMissing.stderr);
  assert.match(envFileMissing.stderr, /app\/compose\.yaml:4:15: warning: service "app" reads env_file app\.env, which does not exist .* \[import\/env-file-missing\]/);
});

test('an unset variable compose cannot do without: exit 2 at its line, with what to do', async () => {
  const dir = tempDir('topodoc-import-robust-');
  writeFiles(dir, { 'media/compose.yaml': 'services:\n  plex:\n    image: linuxserver/plex\n    volumes:\n      - ${MEDIA_PATH}:/media\n' });
  const result = await topodoc(['import', 'media/compose.yaml'], dir);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /media\/compose\.yaml:5:9: error: Invalid volume/);
  assert.match(result.stderr, /MEDIA_PATH is not set: put it in the \.env file beside the first compose file, or name an env file with --env-file \[import\/variables-unset\]/);
});

test('invalid compose YAML: exit 2 with file:line, no stack trace', async () => {
  const dir = tempDir('topodoc-import-robust-');
  writeFiles(dir, { 'bad/compose.yaml': 'services:\n  web:\n    image: [unclosed\n' });
  const result = await topodoc(['import', 'bad/compose.yaml'], dir);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^bad\/compose\.yaml:\d+:\d+: error: /m);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
});

test('an existing topology is never overwritten without --merge; --merge into broken YAML names the line', async () => {
  const dir = tempDir('topodoc-import-robust-');
  writeFiles(dir, { 'app/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n', 'topology/app.yaml': 'id: app\nname: App\nservices: {}\n' });
  const refused = await topodoc(['import', 'app/compose.yaml'], dir);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /topology\/app\.yaml:1:1: error: topology\/app\.yaml already exists; nothing was written \(use --merge to update it, or --out to write elsewhere\) \[import\/exists\]/);
  assert.equal(readFileSync(path.join(dir, 'topology/app.yaml'), 'utf8'), 'id: app\nname: App\nservices: {}\n');

  writeFiles(dir, { 'topology/app.yaml': 'id: app\nservices: [\n' });
  const broken = await topodoc(['import', 'app/compose.yaml', '--merge'], dir);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /^topology\/app\.yaml:\d+:\d+: error: cannot merge into topology\/app\.yaml: /m);
});

test('usage: no compose file, a bad --name', async () => {
  const none = await topodoc(['import'], tempDir());
  assert.equal(none.code, 2);
  assert.match(none.stderr, /topodoc import: name at least one compose file/);
  const dir = tempDir('topodoc-import-robust-');
  writeFiles(dir, { 'compose.yaml': 'services:\n  web:\n    image: nginx\n' });
  const badName = await topodoc(['import', 'compose.yaml', '--name', 'no spaces'], dir);
  assert.equal(badName.code, 2);
  assert.match(badName.stderr, /--name must be an id/);
});

test('file provider: routes and middlewares from a mounted dynamic file', async () => {
  const { text, check, checkOut } = await importAndCheck(
    {
      'edge/docker-compose.yml': `services:
  traefik:
    image: traefik:v3.1
    command: [--providers.file.filename=/etc/traefik/dynamic.yml, --entrypoints.web.address=:80]
    ports: ["80:80"]
    volumes: [./dynamic.yml:/etc/traefik/dynamic.yml:ro]
  app:
    image: node:22-alpine
    expose: ["3000"]
`,
      'edge/dynamic.yml': `http:
  routers:
    app:
      rule: Host(\`app.example.com\`) && PathPrefix(\`/api\`)
      entryPoints: [web]
      middlewares: [compress-all]
      service: app
  middlewares:
    compress-all:
      compress: {}
  services:
    app:
      loadBalancer:
        servers:
          - url: http://app:3000
`,
    },
    ['edge/docker-compose.yml'],
  );
  assert.equal(check, 0, checkOut);
  assert.match(text, /\n {2}compress-all:\n {4}provider: file\n {4}compress: \{\}\n/);
  assert.match(text, /\n {2}app:\n {4}host: app\.example\.com\n {4}path: \/api\n {4}service: app\n {4}entrypoints: \[ web \]\n {4}middlewares: \[ compress-all \]\n/);
});

test('profiles: inactive services are reported; --profile imports them and is recorded', async () => {
  const files = {
    'app/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n  debug:\n    image: busybox:1.36\n    profiles: [debug]\n',
  };
  const dir = tempDir('topodoc-import-robust-');
  writeFiles(dir, files);
  const without = await topodoc(['import', 'app/compose.yaml', '--name', 'sys'], dir);
  assert.equal(without.code, 0);
  assert.match(without.stderr, /app\/compose\.yaml:4:3: warning: service "debug" runs only with compose profile "debug", which is not active; it is left out \(import with --profile to include it\)/);
  const { text, check, checkOut } = await importAndCheck(files, ['app/compose.yaml'], ['--profile', 'debug']);
  assert.equal(check, 0, checkOut);
  assert.match(text, /\ncompose:\n {2}files:\n {4}- \.\.\/app\/compose\.yaml\n {2}profiles: \[ debug \]\n/);
  assert.match(text, /\n {2}debug:\n {4}kind: tool/);
});
