import type * as z from 'zod';
import { didYouMean } from '../util/did-you-mean.ts';
import { formatPath, type Diagnostic } from './diagnostics.ts';
import type { PathSegment, YamlLocator } from '../util/yaml-positions.ts';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** Turns zod issues into diagnostics that name the file position, the path, what was expected and what was found. */
export function schemaIssuesToDiagnostics(
  issues: readonly Issue[],
  root: AnySchema,
  value: unknown,
  locator: YamlLocator,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) out.push(...describe(issue, [], root, value, locator));
  return out;
}

function describe(issue: Issue, prefix: PathSegment[], root: AnySchema, rootValue: unknown, locator: YamlLocator): Diagnostic[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const found = valueAt(rootValue, path);
  const base = { severity: 'error' as const, path: formatPath(path) };

  if (found === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value') && path.length > 0) {
    const key = path[path.length - 1];
    return [
      {
        ...base,
        rule: 'schema/missing-key',
        loc: locator.locate(path.slice(0, -1), { key: true }),
        message: `missing required key "${String(key)}"${describeExpectedAt(root, path)}`,
        expected: issue.code === 'invalid_value' ? `one of ${issue.values.map(String).join(', ')}` : typeWords(issue.expected),
        found: 'nothing',
      },
    ];
  }

  switch (issue.code) {
    case 'unrecognized_keys': {
      return issue.keys.map((key) => {
        const known = knownKeysAt(root, path);
        const suggestion = known ? didYouMean(key, known) : undefined;
        const keyPath = formatPath([...path, key]);
        return {
          ...base,
          rule: 'schema/unknown-key',
          path: keyPath,
          loc: locator.locateKey(path, key),
          message: `unknown key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          expected: known ? `one of ${known.join(', ')}` : undefined,
          found: JSON.stringify(key),
        };
      });
    }
    case 'invalid_union': {
      const branch = bestUnionBranch(issue.errors, found);
      if (branch) return branch.flatMap((sub) => describe(sub, path, root, rootValue, locator));
      return [
        {
          ...base,
          rule: 'schema/invalid-value',
          loc: locator.locate(path),
          message: `expected ${describeUnionExpectation(issue.errors)}, found ${describeValue(found)}`,
          expected: describeUnionExpectation(issue.errors),
          found: describeValue(found),
        },
      ];
    }
    case 'invalid_type': {
      const expected = typeWords(issue.expected);
      return [{ ...base, rule: 'schema/wrong-type', loc: locator.locate(path), message: `expected ${expected}, found ${describeValue(found)}`, expected, found: describeValue(found) }];
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v));
      const suggestion = typeof found === 'string' ? didYouMean(found, options) : undefined;
      const expected = options.length === 1 ? JSON.stringify(options[0]) : `one of ${options.join(', ')}`;
      return [
        {
          ...base,
          rule: 'schema/invalid-value',
          loc: locator.locate(path),
          message: `expected ${expected}, found ${describeValue(found)}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          expected,
          found: describeValue(found),
        },
      ];
    }
    case 'invalid_key': {
      const key = path[path.length - 1];
      const sub = issue.issues[0];
      const expected = sub ? expectationFromMessage(sub.message) : 'a valid key';
      return [
        {
          ...base,
          rule: 'schema/invalid-key',
          loc: locator.locateKey(path.slice(0, -1), String(key)),
          message: `invalid key ${JSON.stringify(key)}: expected ${expected}`,
          expected,
          found: JSON.stringify(key),
        },
      ];
    }
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'not_multiple_of': {
      const expected = expectationFromMessage(issue.message, issue);
      return [{ ...base, rule: 'schema/invalid-value', loc: locator.locate(path), message: `expected ${expected}, found ${describeValue(found)}`, expected, found: describeValue(found) }];
    }
    default:
      return [{ ...base, rule: 'schema/invalid-value', loc: locator.locate(path), message: issue.message, found: describeValue(found) }];
  }
}

/** Zod's own messages start with "Invalid"/"Too"; ours are phrased as the expectation ("a port from 1 to 65535"). */
function expectationFromMessage(message: string, issue?: Issue): string {
  if (!/^(Invalid|Too (small|big))/.test(message)) return message;
  if (issue && (issue.code === 'too_small' || issue.code === 'too_big')) {
    const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    const word = issue.code === 'too_small' ? 'at least' : 'at most';
    if (issue.origin === 'array') return `${word} ${String(bound)} item${Number(bound) === 1 ? '' : 's'}`;
    if (issue.origin === 'string') return `${word} ${String(bound)} character${Number(bound) === 1 ? '' : 's'}`;
    return `a number ${issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<'} ${String(bound)}`;
  }
  return message.replace(/^Invalid input: /, '');
}

function bestUnionBranch(branches: Issue[][], found: unknown): Issue[] | undefined {
  // A branch that failed only on the root type (e.g. "expected number") says nothing useful when another branch got further.
  const informative = branches.filter((b) => !b.every((i) => i.path.length === 0 && i.code === 'invalid_type'));
  if (informative.length === 0) return undefined;
  if (found === null || typeof found !== 'object') {
    // Scalar found: prefer the branch complaining about the scalar itself (format, range, enum).
    const scalar = informative.find((b) => b.every((i) => i.path.length === 0));
    if (scalar) return scalar;
  }
  let best = informative[0]!;
  let bestScore = -Infinity;
  for (const b of informative) {
    const depth = Math.max(...b.map((i) => i.path.length));
    const score = depth * 100 - b.length;
    if (score > bestScore) {
      best = b;
      bestScore = score;
    }
  }
  return best;
}

function describeUnionExpectation(branches: Issue[][]): string {
  const words = new Set<string>();
  for (const b of branches) {
    for (const i of b) if (i.path.length === 0 && i.code === 'invalid_type') words.add(typeWords(i.expected));
  }
  return words.size ? [...words].join(' or ') : 'a valid value';
}

function typeWords(t: string): string {
  switch (t) {
    case 'object':
      return 'a map';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'number':
    case 'int':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return t;
  }
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (empty value)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return `${typeof v} ${String(v)}`;
}

function valueAt(root: unknown, path: ReadonlyArray<PathSegment>): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function describeExpectedAt(root: AnySchema, path: ReadonlyArray<PathSegment>): string {
  const s = schemaAt(root, path);
  const desc = s ? (descriptionOf(s) ?? '') : '';
  return desc ? ` (${desc.replace(/\.$/, '')})` : '';
}

function descriptionOf(s: AnySchema): string | undefined {
  const meta = (s as unknown as { meta?: () => { description?: string } | undefined }).meta?.();
  return meta?.description;
}

/** The zod schema that validates the value at `path`, following objects, records, arrays and wrappers. */
export function schemaAt(root: AnySchema, path: ReadonlyArray<PathSegment>): AnySchema | undefined {
  let candidates: AnySchema[] = [root];
  for (const seg of path) {
    const next: AnySchema[] = [];
    for (const c of candidates.flatMap(unwrap)) {
      const def = c._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === 'object') {
        const shape = def.shape as Record<string, AnySchema>;
        if (typeof seg === 'string' && shape[seg]) next.push(shape[seg]);
      } else if (def.type === 'record') next.push(def.valueType as AnySchema);
      else if (def.type === 'array' && typeof seg === 'number') next.push(def.element as AnySchema);
    }
    if (next.length === 0) return undefined;
    candidates = next;
  }
  return candidates[0];
}

function unwrap(s: AnySchema): AnySchema[] {
  const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return unwrap(def.innerType as AnySchema);
    case 'pipe':
      return unwrap(def.in as AnySchema);
    case 'lazy':
      return unwrap((def.getter as () => AnySchema)());
    case 'union':
      return (def.options as AnySchema[]).flatMap(unwrap);
    default:
      return [s];
  }
}

/** Keys allowed in the object at `path`, for did-you-mean suggestions. */
export function knownKeysAt(root: AnySchema, path: ReadonlyArray<PathSegment>): string[] | undefined {
  const s = schemaAt(root, path);
  if (!s) return undefined;
  const keys = new Set<string>();
  for (const c of unwrap(s)) {
    const def = c._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') for (const k of Object.keys(def.shape as object)) keys.add(k);
    if (def.type === 'record') {
      const keyDef = (def.keyType as AnySchema)._zod.def as unknown as { type: string; entries?: Record<string, string> };
      if (keyDef.type === 'enum' && keyDef.entries) for (const k of Object.values(keyDef.entries)) keys.add(k);
    }
  }
  return keys.size ? [...keys] : undefined;
}
