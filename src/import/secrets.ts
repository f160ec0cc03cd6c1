/**
 * Keeps values that are not the team's to publish out of an imported topology:
 * - text compose interpolated is written as written (`api.${DOMAIN}`): the values of the variables the
 *   original text referenced become their `${NAME}` again (the check expands them back);
 * - text without a record of how it was written (a network's real name, a health-check command) loses
 *   the values of variables named like secrets, and long token-like values, the same way;
 * - credentials in URLs become `REDACTED` (src/util/url-credentials.ts).
 * Environment values never get here: the compose loader keeps their keys only. Pure.
 */
import { referencedVariables } from '../compose/interpolation.ts';
import { redactUrlCredentials } from '../util/url-credentials.ts';

/** Variable names whose values are credentials. */
export const SECRET_NAME = /passw|secret|token|api[-_]?key|_key$|^key$|credential|auth|private|salt|hash|cookie|session|signature|cert/i;

/** Values this long are treated as tokens whatever their variable is called. */
const TOKEN_LENGTH = 16;

type Pair = readonly [name: string, value: string];

export class SecretGuard {
  private readonly variables: ReadonlyMap<string, string>;
  private readonly secrets: Pair[];

  constructor(variables: ReadonlyMap<string, string>) {
    this.variables = variables;
    this.secrets = [...variables].filter(([name, value]) => (SECRET_NAME.test(name) && value.length >= 3) || value.length >= TOKEN_LENGTH);
  }

  /**
   * `value` (interpolated from `raw`) with the values of the variables `raw` referenced written back
   * as `${NAME}` (case-insensitively: Traefik lower-cases hosts), and no URL credential. Expanding the
   * result gives `value` again, up to case.
   */
  asWritten(value: string, raw: string | undefined): string {
    const pairs = raw === undefined ? [] : referencedVariables(raw).map((name): Pair => [name, this.variables.get(name) ?? '']);
    // A `$` the value holds literally (from `$$` in compose) is written `$$`, so expanding gives it back.
    return redactUrlCredentials(replaceValues(value, pairs, 'gi', (literal) => literal.replaceAll('$', '$$$$')));
  }

  /** Text written literally in a compose file: only URL credentials are taken out. */
  safe(text: string): string {
    return redactUrlCredentials(text);
  }

  /** Text that may hold interpolated values without a record of how it was written (see the file comment). */
  scrub(text: string): string {
    return redactUrlCredentials(replaceValues(text, this.secrets, 'g'));
  }

  /** Whether `text` holds a secret value or a URL credential. */
  holdsSecret(text: string): boolean {
    return this.scrub(text) !== text;
  }
}

/** Every value of `pairs` in `text` replaced by `${NAME}` in one pass, longest value first. */
function replaceValues(text: string, pairs: readonly Pair[], flags: string, literal: (text: string) => string = (t) => t): string {
  const usable = pairs.filter(([, v]) => v !== '' && !v.includes('$')).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  if (usable.length === 0) return literal(text);
  const pattern = new RegExp(usable.map(([, v]) => escapeRegExp(v)).join('|'), flags);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    out += literal(text.slice(last, match.index)) + `\${${usable.find(([, v]) => v.toLowerCase() === match[0].toLowerCase())![0]}}`;
    last = match.index + match[0].length;
  }
  return out + literal(text.slice(last));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
