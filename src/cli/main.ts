import { readFileSync } from 'node:fs';
import { UserInputError, compareDiagnostics } from '../model/diagnostics.ts';
import { commandHelp, EXIT_USAGE, parseCommandArgs, UsageError, type CliContext, type Command } from './command.ts';
import { formatDiagnostic } from './output.ts';
import { didYouMean } from '../util/did-you-mean.ts';

/**
 * Commands load on demand: `topodoc validate` should not pay for the browser renderer or the
 * compose loader. Listed in the order help shows them.
 */
export const COMMAND_LOADERS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./commands/init.ts')).initCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
  validate: async () => (await import('./commands/validate.ts')).validateCommand,
  generate: async () => (await import('./commands/generate.ts')).generateCommand,
  check: async () => (await import('./commands/check.ts')).checkCommand,
  render: async () => (await import('./commands/render.ts')).renderCommand,
  schema: async () => (await import('./commands/schema.ts')).schemaCommand,
  build: async () => (await import('./commands/build.ts')).buildCommand,
};

export async function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()));
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function mainHelp(): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'topodoc — architecture docs for Docker Compose + Traefik, generated from one typed topology per system.',
    '',
    'Usage: topodoc <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width + 2)}${c.summary}`),
    '',
    'Options:',
    '  -h, --help     Show help (also after a command: topodoc validate --help).',
    '  -v, --version  Print the version.',
    '',
    'Exit codes: 0 clean, 1 findings or drift, 2 invalid input or usage.',
    '',
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code; never throws for user errors. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    (name === undefined ? ctx.stderr : ctx.stdout)(await mainHelp());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '-v' || name === '--version') {
    ctx.stdout(`${version()}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMAND_LOADERS, name) ? COMMAND_LOADERS[name] : undefined;
  if (!load) {
    const suggestion = didYouMean(name, Object.keys(COMMAND_LOADERS));
    ctx.stderr(`topodoc: unknown command "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}\n\n${await mainHelp()}`);
    return EXIT_USAGE;
  }
  const cmd = await load();
  try {
    const { values, positionals } = parseCommandArgs(cmd, rest);
    if (values.help) {
      ctx.stdout(commandHelp(cmd));
      return 0;
    }
    return await cmd.run(values, positionals, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      ctx.stderr(`topodoc ${cmd.name}: ${err.message}\n\n${commandHelp(cmd)}`);
      return EXIT_USAGE;
    }
    if (err instanceof UserInputError) {
      for (const d of [...err.diagnostics].sort(compareDiagnostics)) ctx.stderr(`${formatDiagnostic(d, ctx)}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}
