/**
 * Traefik router rule language: parser, canonical printer and host/path extraction.
 *
 * Grammar follows Traefik's "Rules & Priority" reference (routing-configuration/http/routing/
 * rules-and-priority.md) and its parser, which reads rules as Go expressions:
 *   rule   := or
 *   or     := and ('||' and)*
 *   and    := unary ('&&' unary)*
 *   unary  := '!' unary | '(' or ')' | matcher
 *   matcher:= NAME '(' [string (',' string)* [',']] ')'
 * Strings are Go raw strings (backticks) or interpreted strings (double quotes).
 * Matcher names are accepted as written in the docs, all lower case, all upper case, or
 * capitalised-then-lower (Traefik registers exactly those four spellings).
 */

export type HttpMatcherName =
  | 'Host'
  | 'HostRegexp'
  | 'Path'
  | 'PathPrefix'
  | 'PathRegexp'
  | 'Method'
  | 'Header'
  | 'HeaderRegexp'
  | 'Query'
  | 'QueryRegexp'
  | 'ClientIP'
  // v2-only spellings (removed by Traefik v3's default rule syntax)
  | 'Headers'
  | 'HeadersRegexp'
  | 'HostHeader';

export type TcpMatcherName = 'HostSNI' | 'HostSNIRegexp' | 'ClientIP' | 'ALPN';

export type MatcherName = HttpMatcherName | TcpMatcherName;

/** Which rule syntax versions (Traefik v2 rules vs the v3 default syntax) accept a construct. */
export type RuleSyntax = 'v2' | 'v3';

export type RuleProtocol = 'http' | 'tcp';

/** Offsets into the rule text: 0-based, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface MatcherNode {
  kind: 'matcher';
  /** Canonical spelling, e.g. `PathPrefix` even when written `pathprefix`. */
  name: MatcherName;
  args: string[];
  span: Span;
  argSpans: Span[];
  /** Syntaxes that accept this call (e.g. ``Host(`a`,`b`)`` is v2 only). */
  syntaxes: RuleSyntax[];
}

export interface AndNode {
  kind: 'and';
  left: RuleNode;
  right: RuleNode;
  span: Span;
}

export interface OrNode {
  kind: 'or';
  left: RuleNode;
  right: RuleNode;
  span: Span;
}

export interface NotNode {
  kind: 'not';
  operand: RuleNode;
  span: Span;
}

export type RuleNode = MatcherNode | AndNode | OrNode | NotNode;

export interface RuleError {
  message: string;
  /** 0-based offset of the offending character inside the rule text. */
  offset: number;
  /** 1-based column inside the rule text (offset + 1). */
  column: number;
}

export type ParseRuleResult =
  | { ok: true; ast: RuleNode; syntaxes: RuleSyntax[] }
  | { ok: false; error: RuleError };

export interface ParseRuleOptions {
  /** HTTP routers use Host/Path/…; TCP routers use HostSNI/ALPN/ClientIP. Default `http`. */
  protocol?: RuleProtocol;
  /** Restrict to one syntax; `any` (default) accepts what either v2 or v3 accepts. */
  syntax?: RuleSyntax | 'any';
}

interface MatcherSpec {
  name: MatcherName;
  protocols: RuleProtocol[];
  /** Accepted argument counts under the v3 syntax; absent = not a v3 matcher. */
  v3?: number[];
  /** Accepted argument counts under the v2 syntax; `'variadic'` = one or more. */
  v2?: number[] | 'variadic';
  /** Arguments that must start with `/`. */
  pathArgs?: boolean;
}

// Arity per Traefik's muxer matcher tables (pkg/muxer/http, pkg/muxer/tcp; *_v2 for the v2 syntax).
const MATCHER_SPECS: MatcherSpec[] = [
  { name: 'Host', protocols: ['http'], v3: [1], v2: 'variadic' },
  { name: 'HostRegexp', protocols: ['http'], v3: [1], v2: 'variadic' },
  { name: 'HostHeader', protocols: ['http'], v2: 'variadic' },
  { name: 'Path', protocols: ['http'], v3: [1], v2: 'variadic', pathArgs: true },
  { name: 'PathPrefix', protocols: ['http'], v3: [1], v2: 'variadic', pathArgs: true },
  { name: 'PathRegexp', protocols: ['http'], v3: [1] },
  { name: 'Method', protocols: ['http'], v3: [1], v2: 'variadic' },
  { name: 'Header', protocols: ['http'], v3: [2] },
  { name: 'HeaderRegexp', protocols: ['http'], v3: [2] },
  { name: 'Headers', protocols: ['http'], v2: [2] },
  { name: 'HeadersRegexp', protocols: ['http'], v2: [2] },
  { name: 'Query', protocols: ['http'], v3: [1, 2], v2: 'variadic' },
  { name: 'QueryRegexp', protocols: ['http'], v3: [1, 2] },
  { name: 'ClientIP', protocols: ['http', 'tcp'], v3: [1], v2: 'variadic' },
  { name: 'HostSNI', protocols: ['tcp'], v3: [1], v2: 'variadic' },
  { name: 'HostSNIRegexp', protocols: ['tcp'], v3: [1], v2: 'variadic' },
  { name: 'ALPN', protocols: ['tcp'], v3: [1], v2: 'variadic' },
];

/** Traefik accepts a matcher as documented, lower case, upper case, or Title case of the lower case. */
function acceptedSpellings(name: string): string[] {
  const lower = name.toLowerCase();
  return [name, lower, name.toUpperCase(), lower.charAt(0).toUpperCase() + lower.slice(1)];
}

const SPELLINGS = new Map<string, MatcherSpec>();
for (const spec of MATCHER_SPECS) {
  for (const spelling of acceptedSpellings(spec.name)) SPELLINGS.set(spelling, spec);
}

function findSpecIgnoringCase(written: string): MatcherSpec | undefined {
  const lower = written.toLowerCase();
  return MATCHER_SPECS.find((s) => s.name.toLowerCase() === lower);
}

// ---------------------------------------------------------------- tokens

/** `invalid`: a character outside the rule language, reported by the parser where it is met. */
type TokenKind = 'ident' | 'string' | 'lparen' | 'rparen' | 'comma' | 'and' | 'or' | 'not' | 'invalid' | 'eof';

interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Decoded string value, or identifier text. */
  text: string;
  /** A newline follows this token before the next one (relevant for Go's semicolon insertion). */
  newlineAfter: boolean;
}

class RuleSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const GO_SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

function readInterpretedString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') return { value, end: i + 1 };
    if (ch === '\n') break;
    if (ch !== '\\') {
      value += ch;
      i++;
      continue;
    }
    const esc = text[i + 1];
    if (esc === undefined) break;
    const simple = GO_SIMPLE_ESCAPES[esc];
    if (simple !== undefined) {
      value += simple;
      i += 2;
      continue;
    }
    const hexLength = esc === 'x' ? 2 : esc === 'u' ? 4 : esc === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const digits = text.slice(i + 2, i + 2 + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(digits)) {
        throw new RuleSyntaxError(`invalid \\${esc} escape in double-quoted string`, i);
      }
      value += String.fromCodePoint(parseInt(digits, 16));
      i += 2 + hexLength;
      continue;
    }
    if (/[0-7]/.test(esc)) {
      const digits = text.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits)) throw new RuleSyntaxError('invalid octal escape in double-quoted string', i);
      value += String.fromCharCode(parseInt(digits, 8));
      i += 4;
      continue;
    }
    throw new RuleSyntaxError(`unknown escape sequence \\${esc} in double-quoted string`, i);
  }
  throw new RuleSyntaxError('double-quoted string is not terminated', start);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value: string): void => {
    tokens.push({ kind, start, end, text: value, newlineAfter: false });
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      if (ch === '\n' && tokens.length > 0) tokens[tokens.length - 1]!.newlineAfter = true;
      i++;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      push('ident', i, j, text.slice(i, j));
      i = j;
      continue;
    }
    if (ch === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) throw new RuleSyntaxError('backtick string is not terminated', i);
      push('string', i, close + 1, text.slice(i + 1, close).replaceAll('\r', ''));
      i = close + 1;
      continue;
    }
    if (ch === '"') {
      const { value, end } = readInterpretedString(text, i);
      push('string', i, end, value);
      i = end;
      continue;
    }
    if (ch === "'") {
      throw new RuleSyntaxError("single quotes are not allowed in rules; use backticks or double quotes", i);
    }
    if (ch === '(') push('lparen', i, i + 1, ch);
    else if (ch === ')') push('rparen', i, i + 1, ch);
    else if (ch === ',') push('comma', i, i + 1, ch);
    else if (ch === '!') push('not', i, i + 1, ch);
    else if (ch === '&' || ch === '|') {
      if (text[i + 1] !== ch) {
        throw new RuleSyntaxError(`expected \`${ch}${ch}\`, found a single \`${ch}\``, i);
      }
      push(ch === '&' ? 'and' : 'or', i, i + 2, ch + ch);
      i += 2;
      continue;
    } else {
      const char = String.fromCodePoint(text.codePointAt(i)!);
      push('invalid', i, i + char.length, char);
      i += char.length;
      continue;
    }
    i++;
  }
  tokens.push({ kind: 'eof', start: text.length, end: text.length, text: '', newlineAfter: false });
  return tokens;
}

// ---------------------------------------------------------------- parser

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private readonly protocol: RuleProtocol;
  private readonly allowed: RuleSyntax[];

  constructor(tokens: Token[], protocol: RuleProtocol, allowed: RuleSyntax[]) {
    this.tokens = tokens;
    this.protocol = protocol;
    this.allowed = allowed;
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const token = this.tokens[this.pos]!;
    if (token.kind !== 'eof') {
      // Go inserts a semicolon after `)`, identifiers and strings at a line end, which ends the expression.
      const following = this.tokens[this.pos + 1]!;
      if (
        token.newlineAfter &&
        following.kind !== 'eof' &&
        (token.kind === 'rparen' || token.kind === 'ident' || token.kind === 'string')
      ) {
        throw new RuleSyntaxError(
          'a line break after this token ends the rule (Go semicolon insertion); put `&&`/`||` at the end of the line instead',
          following.start,
        );
      }
      this.pos++;
    }
    return token;
  }

  parseRule(): RuleNode {
    if (this.peek().kind === 'eof') throw new RuleSyntaxError('rule is empty', 0);
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== 'eof') {
      throw new RuleSyntaxError(`expected \`&&\` or \`||\` after a complete expression, found ${describe(rest)}`, rest.start);
    }
    return node;
  }

  private parseOr(): RuleNode {
    let left = this.parseAnd();
    while (this.peek().kind === 'or') {
      this.next();
      const right = this.parseAnd();
      left = { kind: 'or', left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  private parseAnd(): RuleNode {
    let left = this.parseUnary();
    while (this.peek().kind === 'and') {
      this.next();
      const right = this.parseUnary();
      left = { kind: 'and', left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  private parseUnary(): RuleNode {
    const token = this.peek();
    if (token.kind === 'not') {
      this.next();
      const operand = this.parseUnary();
      return { kind: 'not', operand, span: { start: token.start, end: operand.span.end } };
    }
    if (token.kind === 'lparen') {
      this.next();
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind !== 'rparen') {
        throw new RuleSyntaxError(
          `expected \`)\` to close the \`(\` at column ${token.start + 1}, found ${describe(close)}`,
          close.start,
        );
      }
      this.next();
      // Parentheses only group; keep the span of the whole group for error reporting.
      return { ...inner, span: { start: token.start, end: close.end } };
    }
    if (token.kind === 'ident') return this.parseMatcher();
    if (token.kind === 'eof') throw new RuleSyntaxError('rule ends where a matcher was expected', token.start);
    throw new RuleSyntaxError(`expected a matcher such as Host(\`example.com\`), found ${describe(token)}`, token.start);
  }

  private parseMatcher(): MatcherNode {
    const nameToken = this.next();
    const open = this.peek();
    if (open.kind !== 'lparen') {
      throw new RuleSyntaxError(`expected \`(\` after matcher \`${nameToken.text}\`, found ${describe(open)}`, open.start);
    }
    this.next();
    const args: string[] = [];
    const argSpans: Span[] = [];
    let close = this.peek();
    while (close.kind !== 'rparen') {
      if (close.kind !== 'string') {
        const hint = close.kind === 'ident' ? '; quote it with backticks' : '';
        throw new RuleSyntaxError(`expected a quoted argument or \`)\`, found ${describe(close)}${hint}`, close.start);
      }
      this.next();
      args.push(close.text);
      argSpans.push({ start: close.start, end: close.end });
      const sep = this.peek();
      if (sep.kind === 'comma') {
        this.next();
      } else if (sep.kind !== 'rparen') {
        throw new RuleSyntaxError(`expected \`,\` or \`)\` after an argument, found ${describe(sep)}`, sep.start);
      }
      close = this.peek();
    }
    this.next();
    const span = { start: nameToken.start, end: close.end };
    const spec = this.resolveMatcher(nameToken);
    const syntaxes = this.checkArity(spec, args.length, nameToken);
    if (spec.pathArgs) {
      args.forEach((arg, index) => {
        if (!arg.startsWith('/')) {
          throw new RuleSyntaxError(`${spec.name} argument \`${arg}\` must start with \`/\``, argSpans[index]!.start);
        }
      });
    }
    return { kind: 'matcher', name: spec.name, args, span, argSpans, syntaxes };
  }

  private resolveMatcher(nameToken: Token): MatcherSpec {
    const spec = SPELLINGS.get(nameToken.text);
    if (!spec) {
      const near = findSpecIgnoringCase(nameToken.text);
      const hint = near
        ? `; Traefik accepts only ${acceptedSpellings(near.name).filter(unique).map((s) => `\`${s}\``).join(', ')}`
        : '';
      throw new RuleSyntaxError(`unknown matcher \`${nameToken.text}\`${hint}`, nameToken.start);
    }
    if (!spec.protocols.includes(this.protocol)) {
      const alternative = this.protocol === 'http' ? 'HTTP routers use Host, Path, PathPrefix, …' : 'TCP routers use HostSNI, HostSNIRegexp, ClientIP, ALPN';
      throw new RuleSyntaxError(
        `\`${spec.name}\` is not a ${this.protocol.toUpperCase()} matcher; ${alternative}`,
        nameToken.start,
      );
    }
    return spec;
  }

  private checkArity(spec: MatcherSpec, count: number, nameToken: Token): RuleSyntax[] {
    const syntaxes: RuleSyntax[] = [];
    if (spec.v2 !== undefined && (spec.v2 === 'variadic' ? count >= 1 : spec.v2.includes(count))) syntaxes.push('v2');
    if (spec.v3 !== undefined && spec.v3.includes(count)) syntaxes.push('v3');
    const usable = syntaxes.filter((s) => this.allowed.includes(s));
    if (usable.length > 0) return usable;
    if (spec.v3 === undefined && !this.allowed.includes('v2')) {
      const v3Name = spec.name === 'Headers' ? 'Header' : spec.name === 'HeadersRegexp' ? 'HeaderRegexp' : 'Host';
      throw new RuleSyntaxError(`\`${spec.name}\` exists only in the v2 rule syntax; use \`${v3Name}\``, nameToken.start);
    }
    if (spec.v2 === undefined && !this.allowed.includes('v3')) {
      throw new RuleSyntaxError(`\`${spec.name}\` exists only in the v3 rule syntax`, nameToken.start);
    }
    throw new RuleSyntaxError(`${spec.name} expects ${expectedCounts(spec, this.allowed)}, got ${count}`, nameToken.start);
  }
}

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}

function expectedCounts(spec: MatcherSpec, allowed: RuleSyntax[]): string {
  const counts = new Set<number>();
  let variadic = false;
  if (allowed.includes('v3')) for (const n of spec.v3 ?? []) counts.add(n);
  if (allowed.includes('v2') && spec.v2 !== undefined) {
    if (spec.v2 === 'variadic') variadic = true;
    else for (const n of spec.v2) counts.add(n);
  }
  if (variadic) return 'at least 1 argument';
  const list = [...counts].sort((a, b) => a - b);
  const plural = list.length === 1 && list[0] === 1 ? 'argument' : 'arguments';
  return `${list.join(' or ')} ${plural}`;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the rule';
    case 'string':
      return 'a string';
    case 'ident':
      return `\`${token.text}\``;
    case 'invalid':
      return `the character \`${token.text}\``;
    default:
      return `\`${token.text}\``;
  }
}

/** Parse a router rule. Never throws: a malformed rule yields `{ ok: false, error }` with the offending offset. */
export function parseRule(text: string, options: ParseRuleOptions = {}): ParseRuleResult {
  const protocol = options.protocol ?? 'http';
  const allowed: RuleSyntax[] = !options.syntax || options.syntax === 'any' ? ['v2', 'v3'] : [options.syntax];
  try {
    const ast = new Parser(tokenize(text), protocol, allowed).parseRule();
    const syntaxes = ruleSyntaxes(ast, allowed);
    if (syntaxes.length === 0) {
      const conflict = firstConflict(ast, allowed);
      throw new RuleSyntaxError(
        `\`${conflict.name}\` here needs the ${conflict.syntaxes.join('/')} rule syntax but an earlier matcher needs the other one`,
        conflict.span.start,
      );
    }
    return { ok: true, ast, syntaxes };
  } catch (error) {
    if (error instanceof RuleSyntaxError) {
      return { ok: false, error: { message: error.message, offset: error.offset, column: error.offset + 1 } };
    }
    throw error;
  }
}

function matchersOf(node: RuleNode): MatcherNode[] {
  switch (node.kind) {
    case 'matcher':
      return [node];
    case 'not':
      return matchersOf(node.operand);
    default:
      return [...matchersOf(node.left), ...matchersOf(node.right)];
  }
}

function ruleSyntaxes(ast: RuleNode, allowed: RuleSyntax[]): RuleSyntax[] {
  let result = [...allowed];
  for (const matcher of matchersOf(ast)) result = result.filter((s) => matcher.syntaxes.includes(s));
  return result;
}

function firstConflict(ast: RuleNode, allowed: RuleSyntax[]): MatcherNode {
  let result = [...allowed];
  const matchers = matchersOf(ast);
  for (const matcher of matchers) {
    result = result.filter((s) => matcher.syntaxes.includes(s));
    if (result.length === 0) return matcher;
  }
  return matchers[0]!;
}

// ---------------------------------------------------------------- printing

function quoteArg(arg: string): string {
  if (!arg.includes('`')) return `\`${arg}\``;
  let out = '"';
  for (const ch of arg) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else out += ch;
  }
  return `${out}"`;
}

const PRECEDENCE = { or: 1, and: 2, not: 3, matcher: 4 } as const;

/**
 * Whether a matcher's extra arguments are alternatives (v2 ``Host(`a`,`b`)`` = ``Host(`a`) || Host(`b`)``).
 * Not for v2 `Query` (all pairs must match) nor the key/value pairs of `Headers`.
 */
function isAlternativesList(node: MatcherNode): boolean {
  return node.args.length > 1 && !node.syntaxes.includes('v3') && !NOT_ALTERNATIVES.includes(node.name);
}

const NOT_ALTERNATIVES: MatcherName[] = ['Query', 'Headers', 'HeadersRegexp'];

/** Expands v2 multi-value matchers into OR chains; other nodes are returned unchanged. */
export function expandMultiValueMatchers(node: RuleNode): RuleNode {
  switch (node.kind) {
    case 'matcher': {
      if (!isAlternativesList(node)) return node;
      const parts: RuleNode[] = node.args.map((arg, index) => ({
        kind: 'matcher',
        name: node.name,
        args: [arg],
        span: node.span,
        argSpans: [node.argSpans[index]!],
        syntaxes: ['v2', 'v3'].filter((s) => s === 'v2' || matcherHasV3(node.name)) as RuleSyntax[],
      }));
      return parts.reduce((left, right) => ({ kind: 'or', left, right, span: node.span }));
    }
    case 'not':
      return { ...node, operand: expandMultiValueMatchers(node.operand) };
    default:
      return { ...node, left: expandMultiValueMatchers(node.left), right: expandMultiValueMatchers(node.right) };
  }
}

function matcherHasV3(name: MatcherName): boolean {
  return MATCHER_SPECS.some((s) => s.name === name && s.v3 !== undefined);
}

/**
 * Canonical text of a rule: documented matcher spelling, backtick arguments, single spaces around
 * operators, only the parentheses precedence needs, and v2 multi-value matchers expanded to `||`.
 */
export function printRule(node: RuleNode): string {
  return print(expandMultiValueMatchers(node));
}

function print(node: RuleNode): string {
  switch (node.kind) {
    case 'matcher':
      return `${node.name}(${node.args.map(quoteArg).join(', ')})`;
    case 'not': {
      const inner = print(node.operand);
      return PRECEDENCE[node.operand.kind] < PRECEDENCE.not ? `!(${inner})` : `!${inner}`;
    }
    default: {
      const wrap = (child: RuleNode): string => {
        const text = print(child);
        return PRECEDENCE[child.kind] < PRECEDENCE[node.kind] ? `(${text})` : text;
      };
      return `${wrap(node.left)} ${node.kind === 'and' ? '&&' : '||'} ${wrap(node.right)}`;
    }
  }
}

// ---------------------------------------------------------------- extraction

/** One way a request can match: the host and path constraints of one disjunct of the rule. */
export interface RuleRoute {
  /** Lower-cased Host / HostSNI value, or null when this alternative matches any host. */
  host: string | null;
  path: string | null;
  pathPrefix: string | null;
}

export interface RuleTargets {
  /** Hosts (Host, HostHeader, HostSNI) in positive positions, lower-cased, sorted, unique. */
  hosts: string[];
  hostRegexps: string[];
  paths: string[];
  pathPrefixes: string[];
  pathRegexps: string[];
  /** Disjunctive normal form restricted to host and path, sorted; unsatisfiable alternatives dropped. */
  routes: RuleRoute[];
  /**
   * True when `routes` describe the rule completely: no negation, regexp, method, header, query,
   * client-IP or ALPN constraint narrows or widens them.
   */
  exact: boolean;
}

interface Literal {
  matcher: MatcherNode;
  negated: boolean;
}

/** Cap on DNF alternatives; beyond it the extraction stops expanding and reports `exact: false`. */
const MAX_ALTERNATIVES = 256;

function toDnf(node: RuleNode, negated: boolean, state: { truncated: boolean }): Literal[][] {
  switch (node.kind) {
    case 'matcher':
      if (isAlternativesList(node)) return toDnf(expandMultiValueMatchers(node), negated, state);
      return [[{ matcher: node, negated }]];
    case 'not':
      return toDnf(node.operand, !negated, state);
    default: {
      // De Morgan: a negated AND is an OR of negations and vice versa.
      const isAnd = (node.kind === 'and') !== negated;
      const left = toDnf(node.left, negated, state);
      const right = toDnf(node.right, negated, state);
      if (!isAnd) return capped([...left, ...right], state);
      const product: Literal[][] = [];
      for (const a of left) {
        for (const b of right) {
          product.push([...a, ...b]);
          if (product.length > MAX_ALTERNATIVES) return capped(product, state);
        }
      }
      return product;
    }
  }
}

function capped(alternatives: Literal[][], state: { truncated: boolean }): Literal[][] {
  if (alternatives.length <= MAX_ALTERNATIVES) return alternatives;
  state.truncated = true;
  return alternatives.slice(0, MAX_ALTERNATIVES);
}

const HOST_MATCHERS: MatcherName[] = ['Host', 'HostHeader', 'HostSNI'];

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Hosts and paths a rule matches, for comparison with documented routes. */
export function ruleTargets(ast: RuleNode): RuleTargets {
  const state = { truncated: false };
  const alternatives = toDnf(ast, false, state);
  const hosts: string[] = [];
  const hostRegexps: string[] = [];
  const paths: string[] = [];
  const pathPrefixes: string[] = [];
  const pathRegexps: string[] = [];
  let exact = !state.truncated;
  const routes = new Map<string, RuleRoute>();

  for (const alternative of alternatives) {
    let host: string | null = null;
    let path: string | null = null;
    let pathPrefix: string | null = null;
    let satisfiable = true;
    for (const { matcher, negated } of alternative) {
      const value = matcher.args[0] ?? '';
      if (negated) {
        exact = false;
        continue;
      }
      if (HOST_MATCHERS.includes(matcher.name)) {
        const lowered = value.toLowerCase();
        hosts.push(lowered);
        if (host !== null && host !== lowered) satisfiable = false;
        host = lowered;
      } else if (matcher.name === 'Path') {
        paths.push(value);
        if (path !== null && path !== value) satisfiable = false;
        path = value;
      } else if (matcher.name === 'PathPrefix') {
        pathPrefixes.push(value);
        // Two prefixes in one conjunction: the longer one decides when it extends the shorter.
        if (pathPrefix === null || value.startsWith(pathPrefix)) pathPrefix = value;
        else if (!pathPrefix.startsWith(value)) satisfiable = false;
      } else {
        exact = false;
        if (matcher.name === 'HostRegexp' || matcher.name === 'HostSNIRegexp') hostRegexps.push(value);
        if (matcher.name === 'PathRegexp') pathRegexps.push(value);
      }
    }
    if (path !== null && pathPrefix !== null) {
      if (!path.startsWith(pathPrefix)) satisfiable = false;
      else pathPrefix = null; // the exact path already implies the prefix
    }
    if (!satisfiable) continue;
    const route = { host, path, pathPrefix };
    routes.set(JSON.stringify([host, path, pathPrefix]), route);
  }

  const routeList = [...routes.values()].sort(compareRoutes);
  return {
    hosts: sortedUnique(hosts),
    hostRegexps: sortedUnique(hostRegexps),
    paths: sortedUnique(paths),
    pathPrefixes: sortedUnique(pathPrefixes),
    pathRegexps: sortedUnique(pathRegexps),
    routes: routeList,
    exact,
  };
}

function compareRoutes(a: RuleRoute, b: RuleRoute): number {
  const keyA = [a.host ?? '', a.path ?? '', a.pathPrefix ?? ''];
  const keyB = [b.host ?? '', b.path ?? '', b.pathPrefix ?? ''];
  for (let i = 0; i < keyA.length; i++) {
    if (keyA[i] !== keyB[i]) return keyA[i]! < keyB[i]! ? -1 : 1;
  }
  return 0;
}
