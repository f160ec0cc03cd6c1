/**
 * `.env` files (Docker docs "Syntax for environment files"; compose-go dotenv rules) and the
 * precedence of the variables used for interpolation.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DiagnosticSink } from '../../src/compose/diagnostic-sink.ts';
import { loadComposeProject, parseDotenv } from '../../src/compose/index.ts';
import { UserInputError } from '../../src/model/diagnostics.ts';
import type { Diagnostic } from '../../src/model/diagnostics.ts';
import { FIXTURES, load, rules } from './helpers.ts';

function parse(text: string, env: Record<string, string> = {}): { values: Record<string, string>; sink: DiagnosticSink } {
  const sink = new DiagnosticSink();
  const values = parseDotenv(text, '.env', (name) => env[name], sink);
  return { values: Object.fromEntries(values), sink };
}

const cases: Array<{ name: string; text: string; env?: Record<string, string>; expected: Record<string, string> }> = [
  { name: 'KEY=VAL', text: 'VAR=VAL\n', expected: { VAR: 'VAL' } },
  { name: 'double-quoted value', text: 'VAR="VAL"', expected: { VAR: 'VAL' } },
  { name: 'single-quoted value', text: "VAR='VAL'", expected: { VAR: 'VAL' } },
  { name: 'comment lines and blank lines are ignored', text: '# comment\n\n  # indented comment\nA=1\n\n', expected: { A: '1' } },
  { name: 'inline comment after a blank in an unquoted value', text: 'VAR=VAL # comment', expected: { VAR: 'VAL' } },
  { name: '# without a blank before it is part of the value', text: 'VAR=VAL# not a comment', expected: { VAR: 'VAL# not a comment' } },
  { name: '# inside double quotes is part of the value', text: 'VAR="VAL # not a comment"', expected: { VAR: 'VAL # not a comment' } },
  { name: 'comment after the closing quote', text: 'VAR="VAL" # comment', expected: { VAR: 'VAL' } },
  { name: 'single quotes are literal', text: "VAR='$OTHER'\nVAR2='${OTHER}'", env: { OTHER: 'x' }, expected: { VAR: '$OTHER', VAR2: '${OTHER}' } },
  { name: 'escaped single quote in single quotes', text: "VAR='Let\\'s go!'", expected: { VAR: "Let's go!" } },
  { name: 'escaped double quotes in double quotes', text: 'VAR="{\\"hello\\": \\"json\\"}"', expected: { VAR: '{"hello": "json"}' } },
  { name: 'shell escapes in double quotes', text: 'VAR="some\\tvalue\\nnext\\\\end"', expected: { VAR: 'some\tvalue\nnext\\end' } },
  { name: 'no escapes in single quotes', text: "VAR='some\\tvalue'", expected: { VAR: 'some\\tvalue' } },
  { name: 'unquoted value is taken literally apart from variables', text: 'VAR=some\\tvalue', expected: { VAR: 'some\\tvalue' } },
  { name: 'export prefix is dropped', text: 'export VAR=VAL\nexport  B="x"', expected: { VAR: 'VAL', B: 'x' } },
  { name: 'blanks around = and the value are trimmed', text: 'VAR =  VAL   ', expected: { VAR: 'VAL' } },
  { name: 'empty value', text: 'EMPTY=\nQ=""', expected: { EMPTY: '', Q: '' } },
  { name: 'value containing =', text: 'URL=postgres://u@h/db?sslmode=disable', expected: { URL: 'postgres://u@h/db?sslmode=disable' } },
  { name: 'YAML-style colon separator', text: 'VAR: VAL', expected: { VAR: 'VAL' } },
  { name: 'multi-line double-quoted value', text: 'CERT="line1\nline2"\nNEXT=1', expected: { CERT: 'line1\nline2', NEXT: '1' } },
  { name: '${VAR} refers to an earlier key', text: 'A=1\nB=${A}-2\nC="$A"', expected: { A: '1', B: '1-2', C: '1' } },
  { name: 'substitution defaults work in .env', text: 'B=${UNSET:-dflt}', expected: { B: 'dflt' } },
  { name: 'the environment wins inside .env substitution', text: 'A=1\nB=${A}', env: { A: 'env' }, expected: { A: '1', B: 'env' } },
  { name: '\\$ in double quotes is a literal dollar', text: 'P="pa\\$word"', expected: { P: 'pa$word' } },
  { name: '$$ in an unquoted value is a literal dollar', text: 'P=pa$$word', expected: { P: 'pa$word' } },
  { name: 'bare KEY inherits the environment value', text: 'FROM_ENV\nNOT_IN_ENV', env: { FROM_ENV: 'e' }, expected: { FROM_ENV: 'e' } },
  { name: 'byte order mark is ignored', text: '\uFEFFA=1', expected: { A: '1' } },
  { name: 'dots and dashes are allowed in keys', text: 'my.key-1=v', expected: { 'my.key-1': 'v' } },
  { name: 'CRLF line endings', text: 'A=1\r\nB=2\r\n', expected: { A: '1', B: '2' } },
  { name: 'a later key replaces an earlier one', text: 'A=1\nA=2', expected: { A: '2' } },
];

describe('parseDotenv', () => {
  for (const c of cases) {
    test(c.name, () => {
      const { values, sink } = parse(c.text, c.env);
      assert.deepEqual(values, c.expected);
      assert.deepEqual(sink.items, []);
    });
  }

  test('unterminated quote is an error that does not reveal the value', () => {
    const { sink } = parse('OK=1\nSECRET="hunter2\n');
    assert.deepEqual(rules(sink.items), ['compose/dotenv-syntax']);
    assert.equal(sink.items[0]?.loc?.line, 2);
    assert.ok(!sink.items[0]?.message.includes('hunter2'));
  });

  test('invalid character in a key is an error with its line', () => {
    const { values, sink } = parse('A=1\nB@D=2\nC=3');
    assert.deepEqual(values, { A: '1', C: '3' });
    assert.equal(sink.items[0]?.rule, 'compose/dotenv-syntax');
    assert.equal(sink.items[0]?.loc?.line, 2);
  });

  test('unset variable inside .env warns at the .env line', () => {
    const { sink } = parse('A=1\nB=${MISSING}');
    assert.equal(sink.items[0]?.message, 'The "MISSING" variable is not set. Defaulting to a blank string.');
    assert.deepEqual(sink.items[0]?.loc, { file: '.env', line: 2, column: 1 });
  });
});

describe('environment sources for interpolation', () => {
  test('.env beside the first file fills variables', async () => {
    const project = await loadComposeProject({ files: [join(FIXTURES, 'dotenv/compose.yaml')], rootDir: join(FIXTURES, 'dotenv') });
    assert.equal(project.services.web?.image?.value, 'nginx:1.27');
    assert.equal(project.services.web?.containerName?.value, 'from-dotenv');
    assert.deepEqual(project.envFiles, ['.env']);
  });

  test('the given environment wins over .env', async () => {
    const project = await loadComposeProject({ files: [join(FIXTURES, 'dotenv/compose.yaml')], env: { TAG: 'from-env' } });
    assert.equal(project.services.web?.image?.value, 'nginx:from-env');
    assert.equal(project.services.web?.containerName?.value, 'from-dotenv');
  });

  test('.env values never reach the model or diagnostics except through interpolated fields', async () => {
    const project = await loadComposeProject({ files: [join(FIXTURES, 'dotenv/compose.yaml')], rootDir: join(FIXTURES, 'dotenv') });
    assert.ok(!JSON.stringify(project).includes('s3cr3t-from-dotenv'));
    assert.deepEqual(project.services.web?.environment.DB_PASSWORD, { kind: 'interpolated', variables: ['DB_PASSWORD'], loc: { file: 'compose.yaml', line: 6, column: 7 } });
  });

  test('explicit env files replace the default .env, later files win', async () => {
    const dir = join(FIXTURES, 'env-files');
    const project = await loadComposeProject({ files: [join(dir, 'compose.yaml')], envFiles: [join(dir, 'one.env'), join(dir, 'two.env')], rootDir: dir });
    assert.equal(project.services.web?.image?.value, 'nginx:from-two');
    assert.equal(project.services.web?.hostname?.value, 'host-from-one');
    assert.deepEqual(project.envFiles, ['one.env', 'two.env']);
  });

  test('a missing explicit env file is an error', () => {
    assert.deepEqual(rules(loadErrorsOf(() => load('services: {}\n', { envFiles: ['/proj/missing.env'] }))), ['compose/file-not-found']);
  });

  test('COMPOSE_DISABLE_ENV_FILE skips the default .env', () => {
    const project = load('services:\n  s:\n    image: "x:${TAG:-none}"\n', { extra: { '.env': 'TAG=1' }, env: { COMPOSE_DISABLE_ENV_FILE: 'true' } });
    assert.equal(project.services.s?.image?.value, 'x:none');
  });

  test('.env is read from the project directory when one is given', () => {
    const project = load('services:\n  s:\n    image: "x:${TAG}"\n', { extra: { 'other/.env': 'TAG=other' }, projectDirectory: '/proj/other' });
    assert.equal(project.services.s?.image?.value, 'x:other');
  });
});

function loadErrorsOf(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof UserInputError);
    return err.diagnostics;
  }
  assert.fail('expected an error');
}
