/**
 * Service attributes canonicalised from their short and long forms (Compose Specification
 * 05-services.md, 06-networks.md, 07-volumes.md, 09-secrets.md).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDuration } from '../../src/compose/index.ts';
import { load, loadErrors, rules, svc, warnings } from './helpers.ts';

const values = <T>(record: Record<string, { value: T }>): Record<string, T> => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.value]));

describe('labels', () => {
  test('list form KEY=VALUE', () => {
    assert.deepEqual(values(svc('image: x\nlabels:\n  - "com.example.description=Accounting webapp"\n  - "com.example.department=Finance"').labels), {
      'com.example.description': 'Accounting webapp',
      'com.example.department': 'Finance',
    });
  });

  test('map form', () => {
    assert.deepEqual(values(svc('image: x\nlabels:\n  com.example.description: "Accounting webapp"').labels), { 'com.example.description': 'Accounting webapp' });
  });

  test('non-string values are stringified, null becomes empty', () => {
    assert.deepEqual(values(svc('image: x\nlabels:\n  traefik.enable: true\n  weight: 10\n  empty:').labels), { 'traefik.enable': 'true', weight: '10', empty: '' });
  });

  test('list item without = is an empty label', () => {
    assert.deepEqual(values(svc('image: x\nlabels: ["flag"]').labels), { flag: '' });
  });

  test('value may contain = and backticks', () => {
    assert.deepEqual(values(svc('image: x\nlabels:\n  - "traefik.http.routers.r.rule=Host(`a.b`) && Path(`/x=y`)"').labels), {
      'traefik.http.routers.r.rule': 'Host(`a.b`) && Path(`/x=y`)',
    });
  });

  test('each label carries its location', () => {
    const s = svc('image: x\nlabels:\n  - "a=1"\n  - "b=2"');
    assert.deepEqual(s.labels.b?.loc, { file: 'compose.yaml', line: 6, column: 9 });
  });

  test('deploy.labels are a separate bag', () => {
    const s = svc('image: x\nlabels: {a: "1"}\ndeploy:\n  labels:\n    - "swarm=yes"');
    assert.deepEqual(values(s.labels), { a: '1' });
    assert.deepEqual(values(s.deploy!.labels), { swarm: 'yes' });
  });
});

describe('environment (keys only)', () => {
  test('list and map forms, with value kinds and no values', () => {
    const s = svc('image: x\nenvironment:\n  - RACK_ENV=development\n  - SHOW=${SHOW_FLAG}\n  - EMPTY=\n  - SESSION_SECRET', { env: { SHOW_FLAG: 'true' } });
    assert.deepEqual(
      Object.fromEntries(Object.entries(s.environment).map(([k, v]) => [k, [v.kind, v.variables]])),
      { RACK_ENV: ['literal', []], SHOW: ['interpolated', ['SHOW_FLAG']], EMPTY: ['empty', []], SESSION_SECRET: ['inherited', []] },
    );
    assert.ok(!JSON.stringify(s).includes('development'));
  });

  test('map form: null is inherited, "" is empty, numbers are literal', () => {
    const s = svc('image: x\nenvironment:\n  A:\n  B: ""\n  C: 3\n  D: "${X:-d}"');
    assert.deepEqual(
      Object.fromEntries(Object.entries(s.environment).map(([k, v]) => [k, v.kind])),
      { A: 'inherited', B: 'empty', C: 'literal', D: 'interpolated' },
    );
  });

  test('a variable that interpolates to nothing counts as empty', () => {
    const s = svc('image: x\nenvironment:\n  - TZ=${TIMEZONE}');
    assert.equal(s.environment.TZ?.kind, 'empty');
    assert.deepEqual(s.environment.TZ?.variables, ['TIMEZONE']);
  });

  test('the key location is kept', () => {
    assert.deepEqual(svc('image: x\nenvironment:\n  PASSWORD: hunter2').environment.PASSWORD?.loc, { file: 'compose.yaml', line: 5, column: 7 });
  });

  test('no environment value appears anywhere in the model', () => {
    const project = load('services:\n  s:\n    image: x\n    environment:\n      - PASSWORD=hunter2\n      - TOKEN_FROM_ENV=${TOKEN}\n', { env: { TOKEN: 'tok-123' } });
    assert.deepEqual(Object.keys(project.services.s!.environment), ['PASSWORD', 'TOKEN_FROM_ENV']);
    const text = JSON.stringify(project);
    assert.ok(!text.includes('hunter2'));
    assert.ok(!text.includes('tok-123'));
  });

  test('env_file entries keep paths, not contents', () => {
    const s = svc('image: x\nenv_file:\n  - ./a.env\n  - path: ./b.env\n    required: false');
    assert.deepEqual(s.envFiles.map((f) => [f.path, f.required]), [
      ['/proj/a.env', true],
      ['/proj/b.env', false],
    ]);
  });
});

describe('networks', () => {
  test('a service without networks joins the implicit default network', () => {
    const project = load('services:\n  s:\n    image: x\n');
    assert.deepEqual(Object.keys(project.services.s!.networks), ['default']);
    assert.equal(project.services.s!.networks.default?.implicit, true);
    assert.equal(project.networks.default?.realName, 'proj_default');
    assert.equal(project.networks.default?.implicit, true);
  });

  test('list form', () => {
    const project = load('services:\n  s:\n    image: x\n    networks: [front, back]\nnetworks:\n  front:\n  back:\n');
    assert.deepEqual(Object.keys(project.services.s!.networks), ['front', 'back']);
    assert.equal(project.networks.default, undefined);
  });

  test('map form with aliases and static addresses', () => {
    const project = load(
      'services:\n  s:\n    image: x\n    networks:\n      back:\n        aliases: [db, database]\n        ipv4_address: 172.16.238.10\n        ipv6_address: "2001:3984:3989::10"\n        priority: 1000\n        gw_priority: 1\n        interface_name: eth1\n        mac_address: 02:42:ac:11:65:43\n        link_local_ips: [169.254.8.8]\nnetworks:\n  back:\n',
    );
    const back = project.services.s!.networks.back!;
    assert.deepEqual(back.aliases.map((a) => a.value), ['db', 'database']);
    assert.equal(back.ipv4Address?.value, '172.16.238.10');
    assert.equal(back.ipv6Address?.value, '2001:3984:3989::10');
    assert.equal(back.priority, 1000);
    assert.equal(back.gwPriority, 1);
    assert.equal(back.interfaceName?.value, 'eth1');
    assert.equal(back.macAddress?.value, '02:42:ac:11:65:43');
    assert.deepEqual(back.linkLocalIps, ['169.254.8.8']);
  });

  test('top-level network attributes and project-prefixed real names', () => {
    const project = load(
      'name: shop\nservices:\n  s:\n    image: x\n    networks: [front, back, outside, named]\nnetworks:\n  front:\n    driver: bridge\n    driver_opts:\n      com.docker.network.bridge.name: br0\n    labels: [tier=front]\n  back:\n    internal: true\n    ipam:\n      driver: default\n      config:\n        - subnet: 172.28.0.0/16\n          ip_range: 172.28.5.0/24\n          gateway: 172.28.5.254\n  outside:\n    external: true\n  named:\n    name: my-app-net\n',
    );
    const { front, back, outside, named } = project.networks;
    assert.equal(front?.realName, 'shop_front');
    assert.equal(front?.driver, 'bridge');
    assert.deepEqual(front?.driverOpts, { 'com.docker.network.bridge.name': 'br0' });
    assert.equal(front?.labels.tier?.value, 'front');
    assert.equal(back?.internal, true);
    assert.equal(back?.ipam.driver, 'default');
    assert.deepEqual(back?.ipam.config.map(({ loc: _loc, ...pool }) => pool), [{ subnet: '172.28.0.0/16', ipRange: '172.28.5.0/24', gateway: '172.28.5.254' }]);
    assert.equal(outside?.external, true);
    assert.equal(outside?.realName, 'outside');
    assert.equal(named?.realName, 'my-app-net');
  });

  test('external network with a name uses the name verbatim', () => {
    const project = load('services:\n  s:\n    image: x\n    networks: [proxy]\nnetworks:\n  proxy:\n    external: true\n    name: traefik_proxy\n');
    assert.equal(project.networks.proxy?.realName, 'traefik_proxy');
  });

  test('an explicitly declared default network is used instead of the implicit one', () => {
    const project = load('services:\n  s:\n    image: x\nnetworks:\n  default:\n    name: shared\n    external: true\n');
    assert.equal(project.networks.default?.implicit, false);
    assert.equal(project.networks.default?.realName, 'shared');
  });

  test('undefined network is an error at the reference', () => {
    const [error] = loadErrors('services:\n  s:\n    image: x\n    networks: [nope]\n');
    assert.equal(error?.rule, 'compose/undefined-network');
    assert.equal(error?.loc?.line, 4);
  });

  test('network_mode kinds', () => {
    assert.deepEqual(svc('image: x\nnetwork_mode: host').networkMode?.kind, 'host');
    assert.deepEqual(svc('image: x\nnetwork_mode: none').networks, {});
    const project = load('services:\n  vpn:\n    image: x\n  s:\n    image: x\n    network_mode: "service:vpn"\n');
    assert.deepEqual([project.services.s!.networkMode?.kind, project.services.s!.networkMode?.target], ['service', 'vpn']);
  });

  test('network_mode with networks is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: x\n    network_mode: host\n    networks: [a]\nnetworks:\n  a:\n')), ['compose/network-mode-conflict']);
  });

  test('network_mode of an unknown service is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: x\n    network_mode: "service:ghost"\n')), ['compose/undefined-service']);
  });
});

describe('depends_on', () => {
  test('list form defaults to service_started, required, no restart', () => {
    const project = load('services:\n  db:\n    image: x\n  web:\n    image: x\n    depends_on: [db]\n');
    const { loc: _loc, ...dep } = project.services.web!.dependsOn.db!;
    assert.deepEqual(dep, { service: 'db', condition: 'service_started', required: true, restart: false });
  });

  test('map form with condition, restart and required', () => {
    const project = load(
      'services:\n  db:\n    image: x\n  redis:\n    image: x\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_healthy\n        restart: true\n      redis:\n        condition: service_completed_successfully\n        required: false\n',
    );
    const deps = project.services.web!.dependsOn;
    assert.deepEqual([deps.db?.condition, deps.db?.restart, deps.db?.required], ['service_healthy', true, true]);
    assert.deepEqual([deps.redis?.condition, deps.redis?.required], ['service_completed_successfully', false]);
  });

  test('unknown condition is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  db:\n    image: x\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_ready\n')), ['compose/invalid-value']);
  });

  test('dependency on an undefined service is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  web:\n    image: x\n    depends_on: [db]\n')), ['compose/undefined-service']);
  });

  test('dependency cycles are errors', () => {
    assert.deepEqual(rules(loadErrors('services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n')), ['compose/depends-on-cycle']);
  });

  test('self dependency is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  a:\n    image: x\n    depends_on: [a]\n')), ['compose/depends-on-cycle']);
  });
});

describe('healthcheck', () => {
  test('list test with durations and retries', () => {
    const h = svc('image: x\nhealthcheck:\n  test: ["CMD", "curl", "-f", "http://localhost"]\n  interval: 1m30s\n  timeout: 10s\n  retries: 3\n  start_period: 40s\n  start_interval: 5s').healthcheck!;
    assert.deepEqual(h.test?.value, ['CMD', 'curl', '-f', 'http://localhost']);
    assert.deepEqual([h.interval?.milliseconds, h.timeout?.milliseconds, h.startPeriod?.milliseconds, h.startInterval?.milliseconds], [90_000, 10_000, 40_000, 5_000]);
    assert.equal(h.interval?.text, '1m30s');
    assert.equal(h.retries?.value, 3);
    assert.equal(h.disabled, false);
  });

  test('string test means CMD-SHELL', () => {
    assert.deepEqual(svc('image: x\nhealthcheck:\n  test: curl -f https://localhost || exit 1').healthcheck?.test?.value, ['CMD-SHELL', 'curl -f https://localhost || exit 1']);
  });

  test('CMD-SHELL list is kept', () => {
    assert.deepEqual(svc('image: x\nhealthcheck:\n  test: ["CMD-SHELL", "pg_isready"]').healthcheck?.test?.value, ['CMD-SHELL', 'pg_isready']);
  });

  test('disable: true', () => {
    assert.equal(svc('image: x\nhealthcheck:\n  disable: true').healthcheck?.disabled, true);
  });

  test('test: ["NONE"] disables', () => {
    assert.equal(svc('image: x\nhealthcheck:\n  test: ["NONE"]').healthcheck?.disabled, true);
  });

  test('list not starting with NONE/CMD/CMD-SHELL is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: x\n    healthcheck:\n      test: ["curl", "x"]\n')), ['compose/invalid-value']);
  });

  test('invalid duration is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: x\n    healthcheck:\n      interval: soon\n')), ['compose/invalid-value']);
  });

  const durations: Array<[string, number | undefined]> = [
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['500ms', 500],
    ['1.5s', 1_500],
    ['2us', 0.002],
    ['0', 0],
    ['5', undefined],
    ['1d', undefined],
  ];
  for (const [text, ms] of durations) {
    test(`duration ${text}`, () => assert.equal(parseDuration(text), ms));
  }
});

describe('volumes', () => {
  const volumeView = (body: string) =>
    svc(`image: x\n${body}`).volumes.map(({ loc: _loc, syntax: _syntax, ...v }) => v);

  test('short syntax: named, bind, anonymous, read-only, docker socket', () => {
    const project = load(
      'services:\n  s:\n    image: x\n    volumes:\n      - db-data:/var/lib/db\n      - ./static:/srv/static:ro\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n      - /tmp/cache\n      - ~/configs:/etc/configs:rw\nvolumes:\n  db-data:\n',
    );
    assert.deepEqual(
      project.services.s!.volumes.map(({ loc: _loc, syntax: _syntax, ...v }) => v),
      [
        { type: 'volume', source: 'db-data', target: '/var/lib/db', readOnly: false, dockerSocket: false },
        { type: 'bind', source: '/proj/static', target: '/srv/static', readOnly: true, dockerSocket: false },
        { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: true, dockerSocket: true },
        { type: 'volume', target: '/tmp/cache', readOnly: false, dockerSocket: false },
        { type: 'bind', source: '~/configs', target: '/etc/configs', readOnly: false, dockerSocket: false },
      ],
    );
  });

  test('long syntax: bind and volume', () => {
    assert.deepEqual(
      volumeView('volumes:\n  - type: bind\n    source: ./proxy/nginx.conf\n    target: /etc/nginx/conf.d/default.conf\n    read_only: true\n  - type: tmpfs\n    target: /run'),
      [
        { type: 'bind', source: '/proj/proxy/nginx.conf', target: '/etc/nginx/conf.d/default.conf', readOnly: true, dockerSocket: false },
        { type: 'tmpfs', target: '/run', readOnly: false, dockerSocket: false },
      ],
    );
  });

  test('long syntax docker socket', () => {
    assert.equal(volumeView('volumes:\n  - type: bind\n    source: /run/docker.sock\n    target: /var/run/docker.sock')[0]?.dockerSocket, true);
  });

  test('volumes are unique by target; the later one wins', () => {
    assert.deepEqual(volumeView('volumes:\n  - ./a:/data\n  - ./b:/data:ro').map((v) => [v.source, v.readOnly]), [['/proj/b', true]]);
  });

  test('undefined named volume is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: x\n    volumes: ["data:/data"]\n')), ['compose/undefined-volume']);
  });

  test('too many colons is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: x\n    volumes: ["./a:/b:ro:extra"]\n')), ['compose/invalid-volume']);
  });

  test('top-level volumes with real names', () => {
    const project = load('name: app\nservices: {}\nvolumes:\n  data:\n  shared:\n    external: true\n  named:\n    name: exact\n    driver: local\n    driver_opts: {type: nfs}\n    labels: {a: b}\n');
    assert.deepEqual(
      Object.values(project.volumes).map((v) => [v.name, v.realName, v.external, v.driver]),
      [
        ['data', 'app_data', false, undefined],
        ['shared', 'shared', true, undefined],
        ['named', 'exact', false, 'local'],
      ],
    );
    assert.deepEqual(project.volumes.named?.driverOpts, { type: 'nfs' });
  });
});

describe('secrets and configs', () => {
  test('short and long service syntax with default targets', () => {
    const project = load(
      'services:\n  s:\n    image: x\n    secrets:\n      - server-certificate\n      - source: db_password\n        target: db_pw\n    configs:\n      - my_config\nsecrets:\n  server-certificate:\n    file: ./server.cert\n  db_password:\n    environment: DB_PASSWORD\nconfigs:\n  my_config:\n    content: "inline"\n',
    );
    const s = project.services.s!;
    assert.deepEqual(s.secrets.map((r) => [r.source, r.target]), [
      ['server-certificate', '/run/secrets/server-certificate'],
      ['db_password', '/run/secrets/db_pw'],
    ]);
    assert.deepEqual(s.configs.map((r) => [r.source, r.target]), [['my_config', '/my_config']]);
    assert.equal(project.secrets['server-certificate']?.file, '/proj/server.cert');
    assert.equal(project.secrets.db_password?.environment, 'DB_PASSWORD');
    assert.equal(project.configs.my_config?.inlineContent, true);
    assert.ok(!JSON.stringify(project).includes('"inline"'));
  });

  test('external secret', () => {
    assert.equal(load('services: {}\nsecrets:\n  s:\n    external: true\n    name: real\n').secrets.s?.realName, 'real');
  });

  test('undefined secret is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: x\n    secrets: [nope]\n')), ['compose/undefined-secret']);
  });
});

describe('scalar attributes', () => {
  test('image, container_name, hostname, restart, user, pid, read_only, privileged', () => {
    const s = svc('image: redis:7\ncontainer_name: my-web\nhostname: web\nrestart: unless-stopped\nuser: "1000:1000"\npid: host\nread_only: true\nprivileged: false');
    assert.deepEqual(
      [s.image?.value, s.containerName?.value, s.hostname?.value, s.restart?.value, s.user?.value, s.pid?.value, s.readOnly?.value, s.privileged?.value],
      ['redis:7', 'my-web', 'web', 'unless-stopped', '1000:1000', 'host', true, false],
    );
  });

  test('numeric user is kept as text', () => {
    assert.equal(svc('image: x\nuser: 1000').user?.value, '1000');
  });

  test('cap_add and cap_drop are lists without duplicates', () => {
    const s = svc('image: x\ncap_add: [NET_ADMIN, SYS_ADMIN, NET_ADMIN]\ncap_drop: [ALL]');
    assert.deepEqual(s.capAdd.map((c) => c.value), ['NET_ADMIN', 'SYS_ADMIN']);
    assert.deepEqual(s.capDrop.map((c) => c.value), ['ALL']);
  });

  test('non-boolean read_only is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: x\n    read_only: sometimes\n')), ['compose/invalid-value']);
  });

  test('a service without image or build is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    restart: always\n')), ['compose/service-without-image']);
  });

  test('unknown attribute is a warning, x- attributes are silently ignored', () => {
    const project = load('services:\n  s:\n    image: x\n    imagee: typo\n    x-owner: team-a\n');
    assert.deepEqual(warnings(project).map((w) => [w.rule, w.loc?.line]), [['compose/unknown-key', 4]]);
  });
});

describe('command and entrypoint', () => {
  test('string form is split into words like a shell', () => {
    const s = svc(`image: x\ncommand: bundle exec thin -p 3000 --tag "a b" 'c d'`);
    assert.deepEqual(s.command?.args.map((a) => a.value), ['bundle', 'exec', 'thin', '-p', '3000', '--tag', 'a b', 'c d']);
    assert.equal(s.command?.shellForm, true);
  });

  test('list form keeps items and their locations', () => {
    const s = svc('image: x\ncommand:\n  - --providers.docker=true\n  - --entrypoints.web.address=:80');
    assert.deepEqual(s.command?.args.map((a) => [a.value, a.loc.line]), [
      ['--providers.docker=true', 5],
      ['--entrypoints.web.address=:80', 6],
    ]);
    assert.equal(s.command?.shellForm, false);
  });

  test('entrypoint string and empty list', () => {
    assert.deepEqual(svc('image: x\nentrypoint: /code/entrypoint.sh').entrypoint?.args.map((a) => a.value), ['/code/entrypoint.sh']);
    assert.deepEqual(svc('image: x\nentrypoint: []').entrypoint?.args, []);
  });
});

describe('build and deploy', () => {
  test('build string is the context', () => {
    assert.deepEqual(svc('build: ./dir').build?.context, '/proj/dir');
  });

  test('build mapping keeps dockerfile, target and arg names only', () => {
    const b = svc('build:\n  context: backend\n  dockerfile: Dockerfile.dev\n  target: builder\n  args:\n    - GIT_COMMIT=cdc3b19\n    - NPM_TOKEN=secret').build!;
    assert.deepEqual([b.context, b.dockerfile, b.target, b.argKeys], ['/proj/backend', 'Dockerfile.dev', 'builder', ['GIT_COMMIT', 'NPM_TOKEN']]);
    assert.ok(!JSON.stringify(b).includes('secret'));
  });

  test('remote build context is kept as written', () => {
    assert.equal(svc('build: https://github.com/mycompany/example.git#branch:dir').build?.context, 'https://github.com/mycompany/example.git#branch:dir');
  });

  test('deploy replicas, mode and resource limits', () => {
    const d = svc("image: x\ndeploy:\n  mode: replicated\n  replicas: 2\n  resources:\n    limits:\n      cpus: '0.50'\n      memory: 50M\n      pids: 1\n    reservations:\n      cpus: 0.25\n      memory: 20M").deploy!;
    assert.deepEqual([d.mode?.value, d.replicas?.value], ['replicated', 2]);
    assert.deepEqual([d.resources.limits?.cpus?.value, d.resources.limits?.memory?.value, d.resources.limits?.pids?.value], ['0.50', '50M', 1]);
    assert.deepEqual([d.resources.reservations?.cpus?.value, d.resources.reservations?.memory?.value], ['0.25', '20M']);
  });
});

describe('post-interpolation casts', () => {
  test('external and internal from variables', () => {
    const project = load('services:\n  s:\n    image: x\n    networks: [a, b]\nnetworks:\n  a:\n    external: "${EXT}"\n  b:\n    internal: ${INT}\n', { env: { EXT: 'true', INT: 'false' } });
    assert.deepEqual([project.networks.a?.external, project.networks.b?.internal], [true, false]);
  });

  test('healthcheck retries and deploy replicas from variables', () => {
    const s = svc('image: x\nhealthcheck:\n  retries: ${RETRIES}\ndeploy:\n  replicas: "${REPLICAS:-3}"', { env: { RETRIES: '5' } });
    assert.deepEqual([s.healthcheck?.retries?.value, s.deploy?.replicas?.value], [5, 3]);
  });

  test('depends_on required and restart from variables', () => {
    const project = load('services:\n  db:\n    image: x\n  web:\n    image: x\n    depends_on:\n      db:\n        required: "${REQ}"\n        restart: "true"\n', { env: { REQ: 'false' } });
    assert.deepEqual([project.services.web?.dependsOn.db?.required, project.services.web?.dependsOn.db?.restart], [false, true]);
  });
});
