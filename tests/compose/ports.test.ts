/**
 * `ports` and `expose` (Compose Specification 05-services.md): short syntax with ranges,
 * IPv4/IPv6 host addresses and protocols, long syntax, range expansion and uniqueness.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ComposePort } from '../../src/compose/index.ts';
import { loadErrors, rules, svc } from './helpers.ts';

/** Compact view of a port: [hostIp, published, target, protocol]. */
function brief(ports: ComposePort[]): Array<[string | undefined, string | undefined, number, string]> {
  return ports.map((p) => [p.hostIp, p.published, p.target, p.protocol]);
}

function portsOf(items: string): ComposePort[] {
  return svc(`image: x\nports:\n${items}`).ports;
}

const shortCases: Array<{ spec: string; expected: ReturnType<typeof brief> }> = [
  { spec: '"3000"', expected: [[undefined, undefined, 3000, 'tcp']] },
  {
    spec: '"3000-3005"',
    expected: [3000, 3001, 3002, 3003, 3004, 3005].map((t) => [undefined, undefined, t, 'tcp'] as [undefined, undefined, number, string]),
  },
  { spec: '"8000:8000"', expected: [[undefined, '8000', 8000, 'tcp']] },
  {
    spec: '"9090-9091:8080-8081"',
    expected: [
      [undefined, '9090', 8080, 'tcp'],
      [undefined, '9091', 8081, 'tcp'],
    ],
  },
  { spec: '"49100:22"', expected: [[undefined, '49100', 22, 'tcp']] },
  { spec: '"8000-9000:80"', expected: [[undefined, '8000-9000', 80, 'tcp']] },
  { spec: '"12400-12500:1240"', expected: [[undefined, '12400-12500', 1240, 'tcp']] },
  { spec: '"127.0.0.1:8001:8001"', expected: [['127.0.0.1', '8001', 8001, 'tcp']] },
  { spec: '"127.0.0.1::5000"', expected: [['127.0.0.1', undefined, 5000, 'tcp']] },
  { spec: '"0.0.0.0:80:80"', expected: [['0.0.0.0', '80', 80, 'tcp']] },
  { spec: '"::1:6000:6000"', expected: [['::1', '6000', 6000, 'tcp']] },
  { spec: '"[::1]:6001:6001"', expected: [['::1', '6001', 6001, 'tcp']] },
  { spec: '"[2001:db8::1]:8080:80"', expected: [['2001:db8::1', '8080', 80, 'tcp']] },
  { spec: '"6060:6060/udp"', expected: [[undefined, '6060', 6060, 'udp']] },
  { spec: '"80/sctp"', expected: [[undefined, undefined, 80, 'sctp']] },
  { spec: '"5353:53/UDP"', expected: [[undefined, '5353', 53, 'udp']] },
  { spec: '80', expected: [[undefined, undefined, 80, 'tcp']] },
  { spec: '8080:80', expected: [[undefined, '8080', 80, 'tcp']] },
  {
    spec: '"127.0.0.1:5000-5002:5000-5002"',
    expected: [
      ['127.0.0.1', '5000', 5000, 'tcp'],
      ['127.0.0.1', '5001', 5001, 'tcp'],
      ['127.0.0.1', '5002', 5002, 'tcp'],
    ],
  },
];

describe('ports: short syntax', () => {
  for (const c of shortCases) {
    test(`- ${c.spec}`, () => {
      const ports = portsOf(`  - ${c.spec}`);
      assert.deepEqual(brief(ports), c.expected);
      for (const port of ports) {
        assert.equal(port.mode, 'ingress');
        assert.equal(port.syntax, 'short');
      }
    });
  }

  test('the spec example 127.0.0.1:5000-5010:5000-5010 expands to 11 ports', () => {
    const ports = portsOf('  - "127.0.0.1:5000-5010:5000-5010"');
    assert.equal(ports.length, 11);
    assert.deepEqual(ports.map((p) => p.target), [5000, 5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008, 5009, 5010]);
  });

  test('every expanded entry keeps the location of its item', () => {
    const ports = portsOf('  - "80:80"\n  - "3000-3001"');
    assert.deepEqual(
      ports.map((p) => [p.loc.line, p.loc.column]),
      [
        [5, 9],
        [6, 9],
        [6, 9],
      ],
    );
  });

  const invalid: Array<[string, string]> = [
    ['"abc"', 'not a number'],
    ['"70000"', 'beyond 65535'],
    ['"80:80/icmp"', 'unknown protocol'],
    ['"1.2.3:80:80"', 'bad IPv4 address'],
    ['"[::g]:80:80"', 'bad IPv6 address'],
    ['"9090-9092:8080-8081"', 'range sizes differ'],
    ['"3005-3000"', 'reversed range'],
    ['""', 'empty'],
    ['"80:"', 'missing container port'],
  ];
  for (const [spec, why] of invalid) {
    test(`invalid: ${spec} (${why})`, () => {
      const errors = loadErrors(`services:\n  s:\n    image: x\n    ports:\n      - ${spec}\n`);
      assert.deepEqual(rules(errors), ['compose/invalid-port']);
      assert.deepEqual(errors[0]?.loc, { file: 'compose.yaml', line: 5, column: 9 });
    });
  }
});

describe('ports: long syntax', () => {
  test('all attributes', () => {
    const [port, ...rest] = portsOf(
      '  - name: web\n    target: 80\n    host_ip: 127.0.0.1\n    published: "8080"\n    protocol: tcp\n    app_protocol: http\n    mode: host',
    );
    assert.equal(rest.length, 0);
    assert.deepEqual({ ...port, loc: undefined }, {
      target: 80,
      published: '8080',
      hostIp: '127.0.0.1',
      protocol: 'tcp',
      appProtocol: 'http',
      mode: 'host',
      name: 'web',
      syntax: 'long',
      loc: undefined,
    });
  });

  test('only target: ingress, tcp, not published', () => {
    assert.deepEqual(brief(portsOf('  - target: 80')), [[undefined, undefined, 80, 'tcp']]);
    assert.equal(portsOf('  - target: 80')[0]?.mode, 'ingress');
  });

  test('published range is kept as a range', () => {
    assert.deepEqual(brief(portsOf('  - target: 80\n    published: "8080-8081"')), [[undefined, '8080-8081', 80, 'tcp']]);
  });

  test('published as a number', () => {
    assert.deepEqual(brief(portsOf('  - target: 80\n    published: 8080')), [[undefined, '8080', 80, 'tcp']]);
  });

  test('IPv6 host_ip with or without brackets', () => {
    assert.deepEqual(brief(portsOf('  - target: 80\n    host_ip: "::1"\n  - target: 81\n    host_ip: "[::1]"')), [
      ['::1', undefined, 80, 'tcp'],
      ['::1', undefined, 81, 'tcp'],
    ]);
  });

  test('udp protocol', () => {
    assert.deepEqual(brief(portsOf('  - target: 53\n    published: 53\n    protocol: udp')), [[undefined, '53', 53, 'udp']]);
  });

  test('target given as a string', () => {
    assert.equal(portsOf('  - target: "80"')[0]?.target, 80);
  });

  test('missing target is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: x\n    ports:\n      - published: 80\n')), ['compose/invalid-port']);
  });

  test('unknown mode is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: x\n    ports:\n      - target: 80\n        mode: bridge\n')), ['compose/invalid-value']);
  });
});

describe('ports: uniqueness (host_ip:published:target/protocol)', () => {
  test('the same short port twice is kept once', () => {
    assert.equal(portsOf('  - "80:80"\n  - "80:80"').length, 1);
  });

  test('same port with different protocols are distinct', () => {
    assert.equal(portsOf('  - "80:80/tcp"\n  - "80:80/udp"').length, 2);
  });

  test('expanded ranges that collide are merged', () => {
    assert.deepEqual(brief(portsOf('  - "3000-3001"\n  - "3001"')), [
      [undefined, undefined, 3000, 'tcp'],
      [undefined, undefined, 3001, 'tcp'],
    ]);
  });

  test('short and long forms of the same port collapse; the later wins at the first position', () => {
    const ports = portsOf('  - "8080:80"\n  - "9000:9000"\n  - target: 80\n    published: "8080"\n    app_protocol: http');
    assert.deepEqual(brief(ports), [
      [undefined, '8080', 80, 'tcp'],
      [undefined, '9000', 9000, 'tcp'],
    ]);
    assert.equal(ports[0]?.syntax, 'long');
    assert.equal(ports[0]?.appProtocol, 'http');
  });

  test('different host addresses are distinct', () => {
    assert.equal(portsOf('  - "127.0.0.1:80:80"\n  - "::1:80:80"').length, 2);
  });
});

describe('expose', () => {
  const exposeOf = (items: string) => svc(`image: x\nexpose:\n${items}`).expose.map((e) => [e.port, e.protocol]);

  test('strings and integers', () => {
    assert.deepEqual(exposeOf('  - "3000"\n  - 8000'), [
      [3000, 'tcp'],
      [8000, 'tcp'],
    ]);
  });

  test('range with protocol is expanded', () => {
    assert.deepEqual(exposeOf('  - "8080-8085/tcp"').map(([p]) => p), [8080, 8081, 8082, 8083, 8084, 8085]);
  });

  test('udp', () => {
    assert.deepEqual(exposeOf('  - "53/udp"'), [[53, 'udp']]);
  });

  test('duplicates are kept once', () => {
    assert.deepEqual(exposeOf('  - "3000"\n  - 3000\n  - "3000/tcp"'), [[3000, 'tcp']]);
  });

  test('expose never publishes: ports stay empty', () => {
    assert.deepEqual(svc('image: x\nexpose: ["3000"]').ports, []);
  });

  test('invalid value is an error', () => {
    assert.deepEqual(rules(loadErrors('services:\n  s:\n    image: x\n    expose: ["http"]\n')), ['compose/invalid-port']);
  });
});
