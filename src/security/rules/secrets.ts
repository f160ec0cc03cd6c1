/**
 * Secrets written into compose files as literal environment values. Only the variable's name and
 * position are known here: the compose loader never keeps environment values.
 * KICS has no compose query for it (its "Passwords And Secrets" queries scan every file type).
 */
import type { SecurityContext } from '../context.ts';
import type { SecurityRule } from '../types.ts';

/** Name parts that mark a secret (`DB_PASSWORD`, `JWT_SECRET`, `API_KEY`, `GITHUB_TOKEN`). */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PWD', 'SECRET', 'SECRETS', 'TOKEN', 'KEY', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'PASSPHRASE', 'PRIVATE', 'AUTH', 'SALT', 'DSN']);
/** Name endings that hold a reference to a secret, or a non-secret setting about one (`_FILE`, `_PATH`, `_LENGTH`). */
const NOT_A_VALUE = new Set(['FILE', 'PATH', 'DIR', 'URL', 'URI', 'HOST', 'PORT', 'NAME', 'ID', 'USER', 'USERNAME', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'LENGTH', 'SIZE', 'ENABLED', 'ENABLE', 'DISABLED', 'REQUIRED', 'TYPE', 'ALGORITHM', 'ALG', 'HEADER', 'PREFIX', 'FORMAT', 'VERSION', 'MODE', 'TIMEOUT', 'ISSUER', 'AUDIENCE', 'METHOD', 'PROVIDER', 'REGION', 'POLICY']);

/** Whether an environment variable name says it holds a secret. */
export function isSecretName(key: string): boolean {
  const parts = key.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  const last = parts[parts.length - 1];
  if (last === undefined || NOT_A_VALUE.has(last)) return false;
  if (SECRET_WORDS.has(last)) return true;
  // `SECRETKEY`, `DBPASSWORD`: the word at the end of one part.
  return /(PASSWORD|PASSWD|SECRET|TOKEN|APIKEY|PRIVATEKEY|ACCESSKEY)$/.test(last);
}

export const literalSecret: SecurityRule = {
  id: 'security/literal-secret',
  title: 'A secret is written into the compose file as a literal environment value',
  severity: 'error',
  rationale:
    'A password, token or key written into docker-compose.yml is in the repository\'s history forever, in every clone and CI log of `docker compose config`, and visible to anyone who can run `docker inspect`. Values interpolated from an untracked `.env` file, or Docker secrets mounted as files, keep it out of the repository.',
  fix: 'Move the value to an untracked `.env` file and write `DB_PASSWORD: ${DB_PASSWORD}`, or better use a Docker secret: `secrets: [db_password]` with `DB_PASSWORD_FILE: /run/secrets/db_password` where the image supports `_FILE` variables. Rotate the secret: it is already in the history.',
  kics: [],
  check(ctx: SecurityContext) {
    for (const service of ctx.services()) {
      for (const [key, entry] of Object.entries(service.environment)) {
        if (entry.kind !== 'literal') continue;
        const related = ctx.serviceRelated(service.name);
        if (entry.embedsCredentials) ctx.add('error', `service "${service.name}" sets ${key} to a URL with a literal password in the compose file`, entry.loc, related);
        else if (isSecretName(key)) ctx.add('error', `service "${service.name}" sets the secret ${key} as a literal value in the compose file`, entry.loc, related);
      }
    }
  },
};
