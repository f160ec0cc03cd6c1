import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRule, printRule, ruleTargets } from '../../src/traefik/rule.ts';
import type { RuleNode } from '../../src/traefik/rule.ts';

/** Compact view of an AST: `Host(a)`, `and(x, y)`, `or(x, y)`, `not(x)`. */
function shape(node: RuleNode): string {
  switch (node.kind) {
    case 'matcher':
      return `${node.name}(${node.args.join(',')})`;
    case 'not':
      return `not(${shape(node.operand)})`;
    default:
      return `${node.kind}(${shape(node.left)}, ${shape(node.right)})`;
  }
}

function ast(rule: string, options: Parameters<typeof parseRule>[1] = {}): RuleNode {
  const result = parseRule(rule, options);
  if (!result.ok) assert.fail(`expected ${rule} to parse: ${result.error.message}`);
  return result.ast;
}

function error(rule: string, options: Parameters<typeof parseRule>[1] = {}): { message: string; offset: number; column: number } {
  const result = parseRule(rule, options);
  if (result.ok) assert.fail(`expected ${rule} to fail`);
  return result.error;
}

test('&& binds tighter than ||, both left-associative', () => {
  assert.equal(shape(ast('Host(`a`) || Host(`b`) && Path(`/p`)')), 'or(Host(a), and(Host(b), Path(/p)))');
  assert.equal(shape(ast('Host(`a`) && Path(`/p`) || Host(`b`)')), 'or(and(Host(a), Path(/p)), Host(b))');
  assert.equal(shape(ast('Host(`a`) || Host(`b`) || Host(`c`)')), 'or(or(Host(a), Host(b)), Host(c))');
});

test('parentheses override precedence and keep their span', () => {
  const node = ast('(Host(`a`) || Host(`b`)) && Path(`/p`)');
  assert.equal(shape(node), 'and(or(Host(a), Host(b)), Path(/p))');
  assert.equal(node.kind === 'and' && node.left.span.start, 0);
  assert.equal(node.kind === 'and' && node.left.span.end, 24);
});

test('negation applies to the next operand only, and can be doubled', () => {
  assert.equal(shape(ast('!Host(`a`) && Path(`/p`)')), 'and(not(Host(a)), Path(/p))');
  assert.equal(shape(ast('!(Host(`a`) && Path(`/p`))')), 'not(and(Host(a), Path(/p)))');
  assert.equal(shape(ast('!!Method(`GET`)')), 'not(not(Method(GET)))');
});

test('backticks are raw, double quotes are Go strings with escapes', () => {
  const node = ast('Header(`X-Tag`, "a\\"b\\\\c\\u00e9") && Path(`/raw\\n`)');
  assert.equal(shape(node), 'and(Header(X-Tag,a"b\\cé), Path(/raw\\n))');
  assert.deepEqual(node.kind === 'and' && node.left.kind === 'matcher' && node.left.argSpans, [
    { start: 7, end: 14 },
    { start: 16, end: 31 },
  ]);
});

test('matcher names: documented, lower, UPPER and Title spellings; canonical name kept', () => {
  assert.equal(shape(ast('pathprefix(`/a`) && PATHPREFIX(`/b`) && Pathprefix(`/c`)')), 'and(and(PathPrefix(/a), PathPrefix(/b)), PathPrefix(/c))');
  assert.deepEqual(error('pathPrefix(`/x`)'), {
    message: 'unknown matcher `pathPrefix`; Traefik accepts only `PathPrefix`, `pathprefix`, `PATHPREFIX`, `Pathprefix`',
    offset: 0,
    column: 1,
  });
});

test('every HTTP matcher parses with its arity', () => {
  const rule =
    'Host(`a.com`) && HostRegexp(`^.+\\.a\\.com$`) && Path(`/x`) && PathPrefix(`/y`) && PathRegexp(`^/z`) && Method(`GET`) && ' +
    'Header(`K`, `v`) && HeaderRegexp(`K`, `^v`) && Query(`q`) && Query(`q`, `1`) && QueryRegexp(`q`, `^1`) && ClientIP(`10.0.0.0/8`)';
  const result = parseRule(rule);
  assert.equal(result.ok, true);
  assert.deepEqual(result.ok && result.syntaxes, ['v3']);
});

test('TCP matchers: HostSNI, HostSNIRegexp, ClientIP, ALPN; HTTP matchers rejected', () => {
  assert.equal(
    shape(ast('HostSNI(`db.example.com`) || HostSNIRegexp(`^.+\\.example\\.com$`) && ALPN(`h2`) && ClientIP(`10.0.0.1`)', { protocol: 'tcp' })),
    'or(HostSNI(db.example.com), and(and(HostSNIRegexp(^.+\\.example\\.com$), ALPN(h2)), ClientIP(10.0.0.1)))',
  );
  assert.deepEqual(error('Host(`a`)', { protocol: 'tcp' }), {
    message: '`Host` is not a TCP matcher; TCP routers use HostSNI, HostSNIRegexp, ClientIP, ALPN',
    offset: 0,
    column: 1,
  });
  assert.deepEqual(error('Path(`/`) && HostSNI(`x`)'), {
    message: '`HostSNI` is not a HTTP matcher; HTTP routers use Host, Path, PathPrefix, …',
    offset: 13,
    column: 14,
  });
});

test('v2 multi-value Host is an OR: syntax v2 only, printed and extracted as alternatives', () => {
  const result = parseRule('Host(`a.com`, `b.com`) && PathPrefix(`/api`)');
  assert.equal(result.ok, true);
  if (!result.ok) return;
  assert.deepEqual(result.syntaxes, ['v2']);
  assert.equal(printRule(result.ast), '(Host(`a.com`) || Host(`b.com`)) && PathPrefix(`/api`)');
  const targets = ruleTargets(result.ast);
  assert.deepEqual(targets.hosts, ['a.com', 'b.com']);
  assert.deepEqual(targets.routes, [
    { host: 'a.com', path: null, pathPrefix: '/api' },
    { host: 'b.com', path: null, pathPrefix: '/api' },
  ]);
  assert.equal(targets.exact, true);
  assert.deepEqual(error('Host(`a`, `b`)', { syntax: 'v3' }), { message: 'Host expects 1 argument, got 2', offset: 0, column: 1 });
});

test('v2-only and v3-only matchers, and rules that mix them', () => {
  assert.deepEqual(parseRule('Headers(`X`, `1`)').ok && (parseRule('Headers(`X`, `1`)') as { syntaxes: string[] }).syntaxes, ['v2']);
  assert.deepEqual(error('Headers(`X`, `1`)', { syntax: 'v3' }), {
    message: '`Headers` exists only in the v2 rule syntax; use `Header`',
    offset: 0,
    column: 1,
  });
  assert.deepEqual(error('Host(`a`) && PathRegexp(`^/x`)', { syntax: 'v2' }), {
    message: '`PathRegexp` exists only in the v3 rule syntax',
    offset: 13,
    column: 14,
  });
  assert.deepEqual(error('Host(`a`, `b`) || Header(`X`, `1`)'), {
    message: '`Header` here needs the v3 rule syntax but an earlier matcher needs the other one',
    offset: 18,
    column: 19,
  });
});

test('malformed rules report the exact column', () => {
  const cases: Array<[string, string, number]> = [
    ['', 'rule is empty', 0],
    ['   ', 'rule is empty', 0],
    ['Host(`a.com`', 'expected `,` or `)` after an argument, found the end of the rule', 12],
    ['Host(`a.com)', 'backtick string is not terminated', 5],
    ['Host("a.com)', 'double-quoted string is not terminated', 5],
    ["Host('a.com')", 'single quotes are not allowed in rules; use backticks or double quotes', 5],
    ['Host(a.com)', 'expected a quoted argument or `)`, found `a`; quote it with backticks', 5],
    ['Host(`a`) & Path(`/`)', 'expected `&&`, found a single `&`', 10],
    ['Host(`a`) | Path(`/`)', 'expected `||`, found a single `|`', 10],
    ['Host(`a`) && ', 'rule ends where a matcher was expected', 13],
    ['Host(`a`) Path(`/`)', 'expected `&&` or `||` after a complete expression, found `Path`', 10],
    ['(Host(`a`) || Path(`/`)', 'expected `)` to close the `(` at column 1, found the end of the rule', 23],
    ['Host(`a`))', 'expected `&&` or `||` after a complete expression, found `)`', 9],
    ['Host `a`', 'expected `(` after matcher `Host`, found a string', 5],
    ['Host(`a` `b`)', 'expected `,` or `)` after an argument, found a string', 9],
    ['Hots(`a`)', 'unknown matcher `Hots`', 0],
    ['Host(`a`) && Header(`X`)', 'Header expects 2 arguments, got 1', 13],
    ['Host()', 'Host expects at least 1 argument, got 0', 0],
    ['PathPrefix(`api`)', 'PathPrefix argument `api` must start with `/`', 11],
    ['Host(`a`) && Path(`/`) # comment', 'expected `&&` or `||` after a complete expression, found the character `#`', 23],
    ['Host(`a`) && ~Path(`/`)', 'expected a matcher such as Host(`example.com`), found the character `~`', 13],
    ['Host("a\\qb")', 'unknown escape sequence \\q in double-quoted string', 7],
    ['Host(`a`)\n&& Path(`/`)', 'a line break after this token ends the rule (Go semicolon insertion); put `&&`/`||` at the end of the line instead', 10],
  ];
  for (const [rule, message, offset] of cases) {
    assert.deepEqual(error(rule), { message, offset, column: offset + 1 }, rule);
  }
});

test('an operator at the end of a line lets the rule continue', () => {
  assert.equal(shape(ast('Host(`a`) &&\n  Path(`/`)')), 'and(Host(a), Path(/))');
});

test('trailing comma in an argument list is accepted (Go call syntax)', () => {
  assert.equal(shape(ast('Host(`a`,)')), 'Host(a)');
});

test('canonical form: documented names, backticks, single spaces, minimal parentheses', () => {
  const cases: Array<[string, string]> = [
    ['host("a.com")&&pathprefix(`/x`)', 'Host(`a.com`) && PathPrefix(`/x`)'],
    ['((Host(`a`)) || (Host(`b`)))', 'Host(`a`) || Host(`b`)'],
    ['(Host(`a`) && Path(`/`)) || Host(`b`)', 'Host(`a`) && Path(`/`) || Host(`b`)'],
    ['Host(`a`) && (Path(`/x`) || Path(`/y`))', 'Host(`a`) && (Path(`/x`) || Path(`/y`))'],
    ['!(Host(`a`)) && !(Path(`/`) || Method(`GET`))', '!Host(`a`) && !(Path(`/`) || Method(`GET`))'],
    ['Header("X-Quote", "a`b")', 'Header(`X-Quote`, "a`b")'],
    ['Host(`a`) && (Path(`/x`) && Method(`GET`))', 'Host(`a`) && Path(`/x`) && Method(`GET`)'],
  ];
  for (const [rule, canonical] of cases) {
    assert.equal(printRule(ast(rule)), canonical, rule);
    assert.equal(printRule(ast(canonical)), canonical, `${canonical} is a fixed point`);
  }
});

test('hosts and path prefixes a rule matches', () => {
  const targets = ruleTargets(ast('(Host(`Example.com`) || Host(`www.example.com`)) && (PathPrefix(`/api`) || Path(`/health`))'));
  assert.deepEqual(targets, {
    hosts: ['example.com', 'www.example.com'],
    hostRegexps: [],
    paths: ['/health'],
    pathPrefixes: ['/api'],
    pathRegexps: [],
    routes: [
      { host: 'example.com', path: null, pathPrefix: '/api' },
      { host: 'example.com', path: '/health', pathPrefix: null },
      { host: 'www.example.com', path: null, pathPrefix: '/api' },
      { host: 'www.example.com', path: '/health', pathPrefix: null },
    ],
    exact: true,
  });
});

test('negated, regexp and other matchers are left out of hosts and make the routes inexact', () => {
  const targets = ruleTargets(ast('Host(`a.com`) && !PathPrefix(`/admin`) || HostRegexp(`^.+\\.b\\.com$`) && Method(`GET`)'));
  assert.deepEqual(targets, {
    hosts: ['a.com'],
    hostRegexps: ['^.+\\.b\\.com$'],
    paths: [],
    pathPrefixes: [],
    pathRegexps: [],
    routes: [
      { host: null, path: null, pathPrefix: null },
      { host: 'a.com', path: null, pathPrefix: null },
    ],
    exact: false,
  });
});

test('negation is pushed inward (De Morgan) before extraction', () => {
  const targets = ruleTargets(ast('!(!Host(`a.com`) || !PathPrefix(`/x`))'));
  assert.deepEqual(targets.routes, [{ host: 'a.com', path: null, pathPrefix: '/x' }]);
  assert.equal(targets.exact, true);
});

test('unsatisfiable alternatives are dropped; a longer prefix refines a shorter one', () => {
  assert.deepEqual(ruleTargets(ast('Host(`a`) && Host(`b`) || Host(`c`)')).routes, [{ host: 'c', path: null, pathPrefix: null }]);
  assert.deepEqual(ruleTargets(ast('PathPrefix(`/api`) && PathPrefix(`/api/v1`)')).routes, [{ host: null, path: null, pathPrefix: '/api/v1' }]);
  assert.deepEqual(ruleTargets(ast('PathPrefix(`/api`) && Path(`/api/x`)')).routes, [{ host: null, path: '/api/x', pathPrefix: null }]);
  assert.deepEqual(ruleTargets(ast('PathPrefix(`/api`) && Path(`/web`)')).routes, []);
});

test('HostSNI counts as a host for TCP rules', () => {
  assert.deepEqual(ruleTargets(ast('HostSNI(`db.example.com`) && ALPN(`postgresql`)', { protocol: 'tcp' })).hosts, ['db.example.com']);
});
