/**
 * Variable substitution in compose values, per the Compose Specification (12-interpolation.md)
 * and the template semantics of the reference implementation (compose-go `template`):
 *
 *   $VAR  ${VAR}            value, or "" with an "is not set" warning
 *   ${VAR:-d} / ${VAR-d}    default when unset or empty / only when unset
 *   ${VAR:?m} / ${VAR?m}    error with message m when unset or empty / only when unset
 *   ${VAR:+a} / ${VAR+a}    a when set and non-empty / when set, else the (empty) value
 *   $$                      a literal `$`
 *
 * Names match `[_a-zA-Z][_a-zA-Z0-9]*`; a `$` not followed by a name, `{` or `$` is kept as is.
 * Defaults and alternatives may nest (`${A:-${B:-x}}`); they are expanded only when used,
 * so an unused branch raises no warning. Pure: the caller supplies the variable lookup.
 */

export type TemplateProblem =
  | { kind: 'unset'; variable: string }
  | { kind: 'required'; variable: string; reason: string }
  | { kind: 'invalid'; template: string };

export interface TemplateResult {
  value: string;
  /** Every variable name the template referenced, in order of first use (names only). */
  variables: string[];
  problems: TemplateProblem[];
}

export type VariableLookup = (name: string) => string | undefined;

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;

/** Substitutes variables in `template`. On an invalid template the value is returned unchanged. */
export function substitute(template: string, lookup: VariableLookup): TemplateResult {
  const state: State = { variables: [], problems: [], lookup };
  if (!template.includes('$')) return { value: template, variables: [], problems: [] };
  const value = expand(template, state);
  if (value === undefined) {
    return { value: template, variables: state.variables, problems: [...state.problems.filter((p) => p.kind !== 'invalid'), { kind: 'invalid', template }] };
  }
  return { value, variables: state.variables, problems: state.problems };
}

/** The message compose prints for a `:?` / `?` failure. */
export function requiredVariableMessage(variable: string, reason: string): string {
  return reason ? `required variable ${variable} is missing a value: ${reason}` : `required variable ${variable} is missing a value`;
}

/** The warning compose prints for an unset variable without default. */
export function unsetVariableMessage(variable: string): string {
  return `The "${variable}" variable is not set. Defaulting to a blank string.`;
}

interface State {
  variables: string[];
  problems: TemplateProblem[];
  lookup: VariableLookup;
}

/** Returns undefined when the template is malformed. */
function expand(text: string, state: State): string | undefined {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const parsed = expandBraced(text, dollar + 2, state);
      if (parsed === undefined) return undefined;
      out += parsed.value;
      i = parsed.end;
    } else if (next !== undefined && NAME_START.test(next)) {
      let end = dollar + 2;
      while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
      out += lookupOrWarn(text.slice(dollar + 1, end), state);
      i = end;
    } else {
      out += '$';
      i = dollar + 1;
    }
  }
  return out;
}

function lookupOrWarn(name: string, state: State): string {
  noteVariable(name, state);
  const value = state.lookup(name);
  if (value === undefined) {
    state.problems.push({ kind: 'unset', variable: name });
    return '';
  }
  return value;
}

function noteVariable(name: string, state: State): void {
  if (!state.variables.includes(name)) state.variables.push(name);
}

/** Parses `${...}` starting just after `${`; returns the substituted text and the index after `}`. */
function expandBraced(text: string, start: number, state: State): { value: string; end: number } | undefined {
  let i = start;
  if (i >= text.length || !NAME_START.test(text[i]!)) return undefined;
  while (i < text.length && NAME_CHAR.test(text[i]!)) i++;
  const name = text.slice(start, i);
  if (text[i] === '}') return { value: lookupOrWarn(name, state), end: i + 1 };
  const colon = text[i] === ':';
  const op = text[colon ? i + 1 : i];
  if (op !== '-' && op !== '?' && op !== '+') return undefined;
  const argStart = i + (colon ? 2 : 1);
  const close = matchingBrace(text, argStart);
  if (close < 0) return undefined;
  const argument = text.slice(argStart, close);
  noteVariable(name, state);
  const value = state.lookup(name);
  const missing = value === undefined || (colon && value === '');
  let result: string | undefined;
  if (op === '-') {
    result = missing ? expand(argument, state) : value;
  } else if (op === '+') {
    result = missing ? (value ?? '') : expand(argument, state);
  } else if (missing) {
    const reason = expand(argument, state);
    if (reason === undefined) return undefined;
    state.problems.push({ kind: 'required', variable: name, reason });
    result = '';
  } else {
    result = value;
  }
  if (result === undefined) return undefined;
  return { value: result, end: close + 1 };
}

/**
 * Index of the `}` closing a substitution whose argument starts at `from`: every `${` opens a
 * level and every `}` closes one, as compose-go counts them.
 */
function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Names of the variables `text` refers to, without needing their values. */
export function referencedVariables(text: string): string[] {
  if (!text.includes('$')) return [];
  return substitute(text, () => undefined).variables;
}
