import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JSON_SCHEMA_PATH, topologyJsonSchema } from '../../model/json-schema.ts';
import { EXIT_FINDINGS, EXIT_OK, type Command } from '../command.ts';

export const schemaCommand: Command = {
  name: 'schema',
  summary: `Write the topology JSON Schema (for editors) to ${JSON_SCHEMA_PATH}.`,
  usage: 'topodoc schema [--out FILE] [--check] [--stdout]',
  options: { out: { type: 'string', default: JSON_SCHEMA_PATH }, check: { type: 'boolean' }, stdout: { type: 'boolean' } },
  optionHelp: [
    { flag: '--out <file>', description: `Where to write it (default ${JSON_SCHEMA_PATH}).` },
    { flag: '--check', description: 'Write nothing; exit 1 when the file is missing or stale.' },
    { flag: '--stdout', description: 'Print the schema instead of writing it.' },
  ],
  async run(values, _positionals, ctx) {
    const json = topologyJsonSchema();
    if (values.stdout) {
      ctx.stdout(json);
      return EXIT_OK;
    }
    const target = path.resolve(ctx.cwd, String(values.out));
    if (values.check) {
      const current = await readFile(target, 'utf8').catch(() => undefined);
      if (current === json) return EXIT_OK;
      ctx.stderr(`${String(values.out)} is ${current === undefined ? 'missing' : 'out of date'}; run "topodoc schema"\n`);
      return EXIT_FINDINGS;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, json);
    ctx.stdout(`wrote ${String(values.out)}\n`);
    return EXIT_OK;
  },
};
