import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkTopology, repositoryRoot } from '../../check/load-system.ts';
import { exitCode, type CheckReport } from '../../check/report.ts';
import { githubReport } from '../../check/report-github.ts';
import { jsonReport } from '../../check/report-json.ts';
import { sarifReport } from '../../check/report-sarif.ts';
import { textReport } from '../../check/report-text.ts';
import { findTopologyFiles, loadTopologyFiles } from '../../io/topology-files.ts';
import { expectFormat, FORMAT_OPTION, type Command } from '../command.ts';
import { paint, plural } from '../output.ts';

const FORMATS = ['text', 'github', 'json', 'sarif'] as const;

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check that each topology still matches the compose files it names (docs drift against the running truth).',
  usage: 'topodoc check [topology files…] [--format text|github|json|sarif] [--env-file F] [--profile P]',
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
  ].join('\n'),
  options: {
    ...FORMAT_OPTION,
    'env-file': { type: 'string', multiple: true },
    profile: { type: 'string', multiple: true },
  },
  optionHelp: [
    { flag: '-f, --format <fmt>', description: 'text (default), github, json or sarif.' },
    { flag: '--env-file <file>', description: "Variables for ${VAR} interpolation, replacing each topology's compose.envFile (repeatable)." },
    { flag: '--profile <name>', description: 'Activate a compose profile, in addition to compose.profiles (repeatable).' },
  ],
  async run(values, positionals, ctx) {
    const format = expectFormat(values.format, FORMATS);
    const loaded = await loadTopologyFiles(await findTopologyFiles(positionals, ctx.cwd), ctx.cwd);
    const envFiles = values['env-file'] as string[] | undefined;
    const profiles = values.profile as string[] | undefined;
    const report: CheckReport = {
      systems: loaded.map((l) =>
        checkTopology(l, { cwd: ctx.cwd, env: ctx.env, ...(envFiles ? { envFiles } : {}), ...(profiles ? { profiles } : {}) }),
      ),
    };

    if (format === 'json') ctx.stdout(jsonReport(report));
    else if (format === 'sarif') ctx.stdout(sarifReport(report, { toolVersion: toolVersion(), uriOf: repositoryUri(ctx.cwd) }));
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
