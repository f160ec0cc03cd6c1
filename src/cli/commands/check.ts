import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkTopology, repositoryRoot } from '../../check/load-system.ts';
import { exitCode, type CheckReport } from '../../check/report.ts';
import { githubReport } from '../../check/report-github.ts';
import { jsonReport } from '../../check/report-json.ts';
import { sarifReport } from '../../check/report-sarif.ts';
import { textReport } from '../../check/report-text.ts';
import { findTopologyFiles, loadTopologyFiles } from '../../io/topology-files.ts';
import { normalizeBase, normalizeSite, DEFAULT_BASE, DEFAULT_SITE, withBase } from '../../site/settings.ts';
import { expectFormat, FORMAT_OPTION, UsageError, type Command } from '../command.ts';
import { paint, plural } from '../output.ts';

const FORMATS = ['text', 'github', 'json', 'sarif'] as const;

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check that each topology still matches the compose files it names (docs drift against the running truth).',
  usage: 'topodoc check [topology files…] [--format text|github|json|sarif] [--env-file F] [--profile P] [--security [--fail-on error|warning]]',
  description: [
    'Loads the compose files of each topology (compose.files, with compose.envFile, profiles and project name),',
    'reads the Traefik configuration from them, and compares services, ports, networks, volumes, routes,',
    'middlewares, health checks, dependencies, users, images, entrypoints and certificate resolvers in both',
    'directions. Each finding names the compose line and the topology line. Without arguments, checks every',
    'topology in topology/; one without `compose` is skipped with a note.',
    '',
    'Formats: text (grouped by system), github (workflow-command annotations, then the text report), json',
    '({ systems: [{ id, topology, composeFiles, status, findings: [{ rule, severity, message, file, line, column,',
    'related }] }] }) and sarif (SARIF 2.1.0 for code scanning). Exit codes: 0 no drift (notes allowed),',
    '1 drift (errors, or warnings of drift/ rules), 2 invalid input (invalid topology, unreadable compose file, missing required variable).',
    '',
    'With --security, also reviews what the compose files run: published datastores, the Docker socket, Traefik\'s',
    'API and dashboard, TLS and redirects, authentication of admin routes, rate limits, security headers, root,',
    'privileged and host-namespace containers, health checks, resource limits, literal secrets and internal networks',
    '(rules security/…, each documented on the docs site). Security findings fail the check (exit 1) at --fail-on:',
    'error (default) or warning; notes never do.',
  ].join('\n'),
  options: {
    ...FORMAT_OPTION,
    'env-file': { type: 'string', multiple: true },
    profile: { type: 'string', multiple: true },
    security: { type: 'boolean' },
    'fail-on': { type: 'string' },
  },
  optionHelp: [
    { flag: '-f, --format <fmt>', description: 'text (default), github, json or sarif.' },
    { flag: '--env-file <file>', description: "Variables for ${VAR} interpolation, replacing each topology's compose.envFile (repeatable)." },
    { flag: '--profile <name>', description: 'Activate a compose profile, in addition to compose.profiles (repeatable).' },
    { flag: '--security', description: 'Also run the security review of the compose files (rules security/…).' },
    { flag: '--fail-on <severity>', description: 'With --security: error (default) or warning, the lowest severity of security findings that fails the check.' },
  ],
  async run(values, positionals, ctx) {
    const format = expectFormat(values.format, FORMATS);
    const security = values.security === true;
    const failOnValue = values['fail-on'];
    if (failOnValue !== undefined && !security) throw new UsageError('--fail-on needs --security');
    const failOn = String(failOnValue ?? 'error');
    if (failOn !== 'error' && failOn !== 'warning') throw new UsageError(`--fail-on must be error or warning; got "${failOn}"`);
    const loaded = await loadTopologyFiles(await findTopologyFiles(positionals, ctx.cwd), ctx.cwd);
    const envFiles = values['env-file'] as string[] | undefined;
    const profiles = values.profile as string[] | undefined;
    const report: CheckReport = {
      systems: loaded.map((l) =>
        checkTopology(l, { cwd: ctx.cwd, env: ctx.env, ...(envFiles ? { envFiles } : {}), ...(profiles ? { profiles } : {}), ...(security ? { security } : {}) }),
      ),
      ...(security ? { security: { failOn } } : {}),
    };

    if (format === 'json') ctx.stdout(jsonReport(report));
    else if (format === 'sarif') ctx.stdout(sarifReport(report, { toolVersion: toolVersion(), uriOf: repositoryUri(ctx.cwd), docsUrl: docsUrl(ctx.env) }));
    else if (format === 'github') ctx.stdout(githubReport(report));
    else ctx.stdout(textReport(report, ctx));

    const code = exitCode(report);
    const invalid = report.systems.filter((s) => s.status === 'invalid').length;
    if (invalid > 0 && format !== 'text') ctx.stderr(`${paint(ctx, 'red', '✗')} ${plural(invalid, 'system')} could not be checked (invalid input); see the report\n`);
    return code;
  },
};

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Paths in findings are relative to the working directory; SARIF wants them relative to the repository. */
function repositoryUri(cwd: string): (file: string) => string {
  const root = repositoryRoot(cwd) ?? cwd;
  return (file) => {
    const rel = path.relative(root, path.resolve(cwd, file)).split(path.sep).join('/');
    return rel.split('/').map(encodeURIComponent).join('/');
  };
}

/** Absolute URL of a docs-site page, from TOPODOC_SITE / TOPODOC_BASE as the site is built (defaults when unset or invalid). */
function docsUrl(env: Record<string, string | undefined>): (path: string) => string {
  let site = DEFAULT_SITE;
  let base = DEFAULT_BASE;
  try {
    site = normalizeSite(env['TOPODOC_SITE']);
    base = normalizeBase(env['TOPODOC_BASE']);
  } catch {
    // An invalid setting breaks the site build, which says so; the report still links the default site.
  }
  return (path) => `${site}${withBase(base, path)}`;
}
