import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { Io } from './output.ts';

export interface CliContext extends Io {
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface OptionHelp {
  flag: string;
  description: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  description?: string;
  options: ParseArgsOptionsConfig;
  optionHelp: OptionHelp[];
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[], ctx: CliContext): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The option every command takes. */
export const FORMAT_OPTION = { format: { type: 'string', short: 'f', default: 'text' } } as const;

export function parseCommandArgs(cmd: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...cmd.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.replace(/\. To specify a positional.*$/s, '')}`);
  }
}

export function expectFormat(value: unknown, allowed: readonly string[]): string {
  const v = String(value ?? 'text');
  if (!allowed.includes(v)) throw new UsageError(`--format must be one of ${allowed.join(', ')}; got "${v}"`);
  return v;
}

export function commandHelp(cmd: Command): string {
  const width = Math.max(...cmd.optionHelp.map((o) => o.flag.length), 10);
  const opts = [...cmd.optionHelp, { flag: '-h, --help', description: 'Show this help.' }]
    .map((o) => `  ${o.flag.padEnd(width + 2)}${o.description}`)
    .join('\n');
  return `Usage: ${cmd.usage}\n\n${cmd.summary}${cmd.description ? `\n\n${cmd.description}` : ''}\n\nOptions:\n${opts}\n`;
}
