import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeProjectName } from '../../compose/project-name.ts';
import { schemaReference } from '../../import/schema-ref.ts';
import { displayPath } from '../../util/display-path.ts';
import { isFile } from '../../util/is-file.ts';
import { UserInputError } from '../../model/diagnostics.ts';
import { EXIT_OK, UsageError, type Command } from '../command.ts';
import { paint } from '../output.ts';
import { runImport } from './import.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const initCommand: Command = {
  name: 'init',
  summary: 'Scaffold topology/ for a new system: a commented starter topology, or one imported from compose files.',
  usage: 'topodoc init [--from compose files…] [--name ID]',
  description: [
    'Writes topology/<id>.yaml. Without --from it is a blank but valid starter with comments on what to fill in;',
    'with --from it is imported from the compose files as "topodoc import" does (guesses marked for review).',
    'An existing file is never overwritten. The id defaults to the folder name (or the compose project name).',
  ].join('\n'),
  options: {
    from: { type: 'string', multiple: true },
    name: { type: 'string' },
  },
  optionHelp: [
    { flag: '--from <file…>', description: 'Import these compose files (the -f files, in order) instead of writing a blank starter.' },
    { flag: '--name <id>', description: 'System id (default: the folder name, or the compose project name with --from).' },
  ],
  async run(values, positionals, ctx) {
    const from = (values.from as string[] | undefined) ?? [];
    const name = typeof values.name === 'string' ? values.name : undefined;
    if (name !== undefined && !ID.test(name)) throw new UsageError(`--name must be an id of letters, digits, ".", "_" or "-", starting with a letter or digit; got "${name}"`);
    if (from.length > 0) {
      return runImport({ files: [...from, ...positionals], merge: false, ...(name !== undefined ? { name } : {}) }, ctx, { refuseExisting: true });
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; compose files go after --from`);
    const id = name ?? (normalizeProjectName(path.basename(ctx.cwd)).replace(/^[^A-Za-z0-9]+/, '') || 'my-system');
    const file = path.join(ctx.cwd, 'topology', `${id}.yaml`);
    const shown = displayPath(file, ctx.cwd);
    if (existsSync(file)) {
      throw new UserInputError([{ severity: 'error', rule: 'init/exists', message: `${shown} already exists; nothing was written (edit it, or import into it with "topodoc import <compose files> --merge --out ${shown}")`, loc: { file: shown, line: 1, column: 1 } }]);
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, starterTopology(id, schemaReference(file, isFile)), { flag: 'wx' });
    ctx.stdout(`${paint(ctx, 'green', '✓')} wrote ${shown}\n  next: describe the services, then npx topodoc validate && npx topodoc generate\n`);
    return EXIT_OK;
  },
};

/** A blank topology that validates, with comments saying what goes where. */
export function starterTopology(id: string, schema: string): string {
  const name = id
    .split(/[-_.]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
  return `# yaml-language-server: $schema=${schema}
# A new system for topodoc. Fill it in, then run \`npx topodoc validate\` and \`npx topodoc generate\`.
# Already have compose files? \`npx topodoc import docker-compose.yml --merge --out topology/${id}.yaml\`
# adds their services, ports, networks and routes here and keeps what you wrote.
id: ${id}
name: ${name || id}
description: What the system is and does, in one paragraph.

# The compose files this topology documents (relative to this file); \`npx topodoc check\` proves that
# the topology still matches them.
# compose:
#   files: [../docker-compose.yml]
#   envFile: ../.env.example

# Services by compose service name. Replace {} with yours, e.g.:
#   api:
#     kind: api                      # proxy, app, frontend, api, worker, database, cache, queue, …
#     technology: Node.js 22
#     description: What it does.
#     ports: { main: 3000, metrics: 3090 }
#     networks: [backend]
#     uses: [{ service: db, label: SQL }]
#   db: { kind: database, technology: PostgreSQL 16, ports: { main: 5432 }, networks: [backend] }
services: {}

# Docker networks by compose key, e.g.  backend: { internal: true }
# networks: {}

# Traefik: entrypoints, routes and middlewares, e.g.
#   entrypoints: { websecure: { port: 443, protocol: https } }
#   routes: { api: { host: api.example.com, service: api, entrypoints: [websecure], tls: true } }
`;
}
