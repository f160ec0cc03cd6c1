/**
 * Hostile input through the CLI: alias bombs, huge files, deep nesting, binary files, non-UTF-8
 * text, include/extends cycles, include graphs that multiply, and paths escaping the project each
 * give exit 2 with a message naming the file — within bounded time (a timeout) and memory (a
 * small heap), in a child process as a user would run it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { BIN, tempDir } from '../helpers/cli.ts';

const HEAP_MB = 192;
const TIMEOUT_MS = 60_000;

function run(args: string[], cwd: string): { code: number | null; out: string; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}`, signal: r.signal };
}

const TOPOLOGY_HEAD = '# yaml-language-server: $schema=x\nid: h\nname: Hostile\n';

/** A project: `topology/h.yaml` (a valid topology naming `compose`), plus the given files. */
function project(files: Record<string, string | Uint8Array>, topology = `${TOPOLOGY_HEAD}compose: { files: [stacks/h/compose.yml] }\nservices:\n  web: { kind: app }\n`): string {
  const dir = tempDir('topodoc-hostile-');
  mkdirSync(path.join(dir, '.git')); // the project root
  const all: Record<string, string | Uint8Array> = { 'topology/h.yaml': topology, ...files };
  for (const [file, content] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

function expectInvalid(r: ReturnType<typeof run>, pattern: RegExp, where: RegExp): void {
  assert.equal(r.signal, null, `finished in time and memory (signal ${r.signal})`);
  assert.equal(r.code, 2, r.out);
  assert.match(r.out, pattern);
  assert.match(r.out, where);
  assert.doesNotMatch(r.out, /\n\s+at .+\(.*:\d+:\d+\)/, 'no stack trace');
}

const bomb = (prefix: string) => {
  let text = `${prefix}x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let l = 1; l < 10; l++) text += `x-${l}: &l${l} [${Array(9).fill(l === 1 ? '*a' : `*l${l - 1}`).join(', ')}]\n`;
  return text;
};
const deepFlow = (key: string) => `${key}: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
const deepBlock = (key: string) => `${key}:\n${Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')}\n`;
const huge = (head: string) => `${head}${'# padding line of a file far larger than any real one\n'.repeat(200_000)}`;
const binary = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x73, 0x65, 0x72, 0x76]);
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('hostile topology files: validate and check exit 2, naming the file', () => {
  const cases: Array<[string, string | Uint8Array, RegExp]> = [
    ['a YAML alias bomb', bomb(TOPOLOGY_HEAD), /aliases expand too far/],
    ['deeply nested flow collections', TOPOLOGY_HEAD + deepFlow('x'), /nesting is too deep/],
    ['deeply nested block mappings', TOPOLOGY_HEAD + deepBlock('services'), /nesting is too deep|deeper than \d+ levels/],
    ['a huge file', huge(TOPOLOGY_HEAD), /topology files are limited to \d+ bytes/],
    ['a binary file', binary, /binary file, not YAML text/],
    ['non-UTF-8 text', latin1(`${TOPOLOGY_HEAD}description: caf\u00e9 cr\u00e8me\nservices: {}\n`), /not valid UTF-8/],
  ];
  for (const [name, content, message] of cases) {
    test(name, () => {
      const dir = project({}, content as string);
      for (const command of ['validate', 'check']) expectInvalid(run([command], dir), message, /topology\/h\.yaml:\d+:\d+/);
    });
  }
});

describe('hostile compose files: check exits 2, naming the file and line', () => {
  const compose = 'stacks/h/compose.yml';
  const cases: Array<[string, Record<string, string | Uint8Array>, RegExp, RegExp]> = [
    ['a YAML alias bomb', { [`topology/${compose}`]: bomb('services:\n  web:\n    image: nginx\n') }, /alias/, /compose\.yml:\d+:\d+/],
    ['deeply nested flow collections', { [`topology/${compose}`]: `services: {}\n${deepFlow('x-deep')}` }, /nesting/, /compose\.yml:\d+:\d+/],
    ['deeply nested block mappings', { [`topology/${compose}`]: `services: {}\n${deepBlock('x-deep')}` }, /nesting/, /compose\.yml:\d+:\d+/],
    ['a huge file', { [`topology/${compose}`]: huge('services:\n  web:\n    image: nginx\n') }, /at most \d+ bytes/, /compose\.yml:1:1/],
    ['a binary file', { [`topology/${compose}`]: binary }, /binary file/, /compose\.yml:1:1/],
    ['non-UTF-8 text', { [`topology/${compose}`]: latin1('services:\n  web:\n    image: caf\u00e9\n') }, /not valid UTF-8/, /compose\.yml:1:1/],
    ['a non-UTF-8 env file', { [`topology/${compose}`]: 'services:\n  web:\n    image: nginx\n', 'topology/stacks/h/.env': latin1('A=caf\u00e9\n') }, /not valid UTF-8/, /\.env:1:1/],
    [
      'an include cycle',
      { [`topology/${compose}`]: 'include: [a.yml]\nservices:\n  web:\n    image: nginx\n', 'topology/stacks/h/a.yml': 'include: [b.yml]\nservices: {}\n', 'topology/stacks/h/b.yml': 'include: [a.yml]\nservices: {}\n' },
      /include cycle/,
      /[ab]\.yml:\d+:\d+/,
    ],
    [
      'an extends cycle',
      { [`topology/${compose}`]: 'services:\n  web:\n    extends: { file: other.yml, service: a }\n', 'topology/stacks/h/other.yml': 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n' },
      /cycle/i,
      /\.yml:\d+:\d+/,
    ],
    [
      'an include graph that multiplies (each file includes the next twice, 40 levels)',
      Object.fromEntries([
        [`topology/${compose}`, 'include: [d0.yml]\nservices:\n  web:\n    image: nginx\n'],
        ...Array.from({ length: 40 }, (_, i) => [`topology/stacks/h/d${i}.yml`, i < 39 ? `include:\n  - d${i + 1}.yml\n  - path: d${i + 1}.yml\n    project_directory: .\nservices: {}\n` : 'services: {}\n']),
      ]),
      /More than \d+ compose files/,
      /d\d+\.yml:\d+:\d+/,
    ],
    ['an include escaping the project', { [`topology/${compose}`]: 'include: [../../../../../../../etc/hostname]\nservices:\n  web:\n    image: nginx\n' }, /outside the project root/, /compose\.yml:1:\d+/],
    ['extends of a file escaping the project', { [`topology/${compose}`]: 'services:\n  web:\n    extends: { file: /etc/hostname, service: x }\n' }, /outside the project root/, /compose\.yml:\d+:\d+/],
  ];
  for (const [name, files, message, where] of cases) {
    test(name, () => expectInvalid(run(['check'], project(files)), message, where));
  }

  test('a topology naming compose or env files outside the project', () => {
    const outside = `${TOPOLOGY_HEAD}compose: { files: [../../../../../../etc/hostname], envFile: /etc/passwd }\nservices:\n  web: { kind: app }\n`;
    const r = run(['check'], project({}, outside));
    expectInvalid(r, /compose file "\.\.\/.*etc\/hostname" resolves outside the project root/, /topology\/h\.yaml:4:\d+/);
    assert.match(r.out, /env file "\/etc\/passwd" resolves outside the project root/);
  });
});
