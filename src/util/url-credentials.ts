/**
 * Credentials written into URLs: the userinfo of `https://user:pass@host` (RFC 3986 §3.2.1) and the
 * values of query parameters named like secrets (`?token=…`, `&api_key=…`). `topodoc import` writes
 * such URLs with the credentials replaced, and the drift check compares and shows them the same way,
 * so a credential in a label never reaches a topology, a report or the docs.
 */

export const REDACTED = 'REDACTED';

/** Query parameter names whose values are credentials. */
const SECRET_PARAM = /^(.*[-_])?(token|access[-_]?token|auth|authorization|api[-_]?key|apikey|key|secret|client[-_]?secret|password|passwd|pwd|pass|sig|signature|session|credentials?)$/i;

const URL_IN_TEXT = /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'`<>]+/g;

/** `text` with the credentials of every URL in it replaced by `REDACTED`. */
export function redactUrlCredentials(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}

/** Whether `text` holds a URL with credentials. */
export function hasUrlCredentials(text: string): boolean {
  return redactUrlCredentials(text) !== text;
}

function redactUrl(url: string): string {
  const schemeEnd = url.indexOf('://') + 3;
  const rest = url.slice(schemeEnd);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  const at = authority.lastIndexOf('@');
  const host = at >= 0 ? `${REDACTED}@${authority.slice(at + 1)}` : authority;
  return `${url.slice(0, schemeEnd)}${host}${redactQuery(tail)}`;
}

function redactQuery(tail: string): string {
  const q = tail.indexOf('?');
  if (q < 0) return tail;
  const hash = tail.indexOf('#', q);
  const query = hash < 0 ? tail.slice(q + 1) : tail.slice(q + 1, hash);
  const params = query.split(/([&;])/).map((part) => {
    const eq = part.indexOf('=');
    if (eq <= 0) return part;
    const name = part.slice(0, eq);
    return SECRET_PARAM.test(decodeSafe(name)) ? `${name}=${REDACTED}` : part;
  });
  return `${tail.slice(0, q)}?${params.join('')}${hash < 0 ? '' : tail.slice(hash)}`;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
