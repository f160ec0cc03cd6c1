import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { definedEnv, loadSystemCompose, redactor, systemRootDir } from '../../check/load-system.ts';
import { substitute } from '../../compose/interpolation.ts';
import type { ComposeService } from '../../compose/types.ts';
import { buildTopology } from '../../import/build-topology.ts';
import { emitTopology } from '../../import/emit.ts';
import { mergeTopology } from '../../import/merge.ts';
import { schemaReference } from '../../import/schema-ref.ts';
import { SecretGuard } from '../../import/secrets.ts';
import { displayPath } from '../../util/display-path.ts';
import { isFile } from '../../util/is-file.ts';
import { compareDiagnostics, UserInputError, type Diagnostic, type SourceLoc } from '../../model/diagnostics.ts';
import { parseTopology } from '../../model/parse-topology.ts';
import { EXIT_OK, UsageError, type CliContext, type Command } from '../command.ts';
import { formatDiagnostic, paint, plural } from '../output.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export interface ImportRequest {
  /** Compose files as given (relative to the working directory). */
  files: string[];
  /** System id; default: the compose project name. */
  name?: string;
  envFiles?: string[];
  profiles?: string[];
  /** Topology file to write; `-` for stdout; default `topology/<id>.yaml`. */
  out?: string;
  merge: boolean;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Start a topology from existing compose files (services, ports, networks, routes…), guesses marked for review.',
  usage: 'topodoc import <compose files…> [--name ID] [--env-file F] [--profile P] [--out FILE] [--merge]',
  description: [
    'Reads the compose files exactly as "topodoc check" does (merge, include, extends, profiles, the env file) and',
    'the Traefik configuration in them, and writes a topology that check accepts: services with their kind and',
    'technology guessed from the image, ports by role, networks, volumes, health checks, dependencies, routes,',
    'middlewares, entrypoints and certificate resolvers. Every guess carries a "# guessed from …" comment.',
    'Values of environment variables and of the env file, password hashes and URL credentials are never written.',
    '',
    'Without --out the topology goes to topology/<id>.yaml (an existing file is never overwritten; use --merge).',
    'With --merge, an existing topology is brought up to date: what compose states is added or updated, all',
    'hand-written content (descriptions, flows, comments, key order) stays as written, and elements compose no',
    'longer has are reported, not deleted. The changes are listed.',
  ].join('\n'),
  options: {
    name: { type: 'string' },
    'env-file': { type: 'string', multiple: true },
    profile: { type: 'string', multiple: true },
    out: { type: 'string', short: 'o' },
    merge: { type: 'boolean' },
  },
  optionHelp: [
    { flag: '--name <id>', description: 'System id (default: the compose project name).' },
    { flag: '--env-file <file>', description: 'Variables for ${VAR} interpolation instead of .env; recorded as compose.envFile.' },
    { flag: '--profile <name>', description: 'Activate a compose profile (repeatable); recorded as compose.profiles.' },
    { flag: '-o, --out <file>', description: 'Topology file to write (default topology/<id>.yaml; - for stdout).' },
    { flag: '--merge', description: 'Update an existing topology, keeping everything written by hand.' },
  ],
  async run(values, positionals, ctx) {
    if (positionals.length === 0) throw new UsageError('name at least one compose file');
    const request: ImportRequest = { files: positionals, merge: values.merge === true };
    if (typeof values.name === 'string') request.name = values.name;
    if (typeof values.out === 'string') request.out = values.out;
    if (values['env-file']) request.envFiles = values['env-file'] as string[];
    if (values.profile) request.profiles = values.profile as string[];
    return runImport(request, ctx);
  },
};

/** Imports compose files into a topology file (or merges into one); shared with `topodoc init --from`. */
export async function runImport(request: ImportRequest, ctx: CliContext, options: { refuseExisting?: boolean } = {}): Promise<number> {
  if (request.name !== undefined && !ID.test(request.name)) {
    throw new UsageError(`--name must be an id of letters, digits, ".", "_" or "-", starting with a letter or digit; got "${request.name}"`);
  }
  const toStdout = request.out === '-';
  const files = request.files.map((f) => path.resolve(ctx.cwd, f));
  const missing = files.filter((f) => !isFile(f));
  if (missing.length > 0) {
    throw new UserInputError(missing.map((f) => ({ severity: 'error', rule: 'input/not-found', message: `${displayPath(f, ctx.cwd)}: no such compose file` })));
  }
  const envFiles = request.envFiles?.map((f) => path.resolve(ctx.cwd, f));
  const missingEnv = (envFiles ?? []).filter((f) => !isFile(f));
  if (missingEnv.length > 0) {
    throw new UserInputError(missingEnv.map((f) => ({ severity: 'error', rule: 'input/not-found', message: `${displayPath(f, ctx.cwd)}: no such env file (--env-file)` })));
  }
  // Where the topology will live decides, as for check, where include / extends files may be.
  const plannedOut = request.out !== undefined && !toStdout ? path.resolve(ctx.cwd, request.out) : undefined;
  const topologyDir = plannedOut !== undefined ? path.dirname(plannedOut) : path.join(ctx.cwd, toStdout ? '' : 'topology');
  const rootDir = systemRootDir(topologyDir, ctx.cwd);
  const toDisplay = (file: string) => displayPath(path.resolve(rootDir, file), ctx.cwd);

  let sources;
  try {
    sources = loadSystemCompose({
      files,
      env: definedEnv(ctx.env),
      ...(envFiles ? { envFiles } : {}),
      ...(request.profiles ? { profiles: request.profiles } : {}),
      rootDir,
    });
  } catch (err) {
    if (!(err instanceof UserInputError)) throw err;
    const diagnostics = relocate(err.diagnostics, toDisplay);
    const unset = [...new Set(err.diagnostics.filter((d) => d.rule === 'compose/variable-not-set').map((d) => /"([A-Za-z_][A-Za-z0-9_]*)"/.exec(d.message)?.[1]).filter((v) => v !== undefined))];
    if (unset.length > 0) {
      diagnostics.push({
        severity: 'note',
        rule: 'import/variables-unset',
        message: `${unset.join(', ')} ${unset.length === 1 ? 'is' : 'are'} not set: put ${unset.length === 1 ? 'it' : 'them'} in the .env file beside the first compose file, or name an env file with --env-file`,
      });
    }
    throw new UserInputError(diagnostics);
  }
  const { project, traefik } = sources;
  const id = request.name ?? project.name;
  if (!ID.test(id)) throw new UsageError(`the compose project name "${id}" is not a valid system id; give one with --name`);
  const outFile = plannedOut ?? (toStdout ? path.join(ctx.cwd, `${id}.yaml`) : path.join(ctx.cwd, 'topology', `${id}.yaml`));
  const outDir = path.dirname(outFile);
  const exists = !toStdout && existsSync(outFile);
  if (exists && (!request.merge || options.refuseExisting)) {
    throw new UserInputError([
      {
        severity: 'error',
        rule: 'import/exists',
        message: `${displayPath(outFile, ctx.cwd)} already exists; nothing was written (use --merge to update it, or --out to write elsewhere)`,
        loc: { file: displayPath(outFile, ctx.cwd), line: 1, column: 1 },
      },
    ]);
  }

  const relative = (abs: string) => {
    const rel = path.relative(outDir, abs).split(path.sep).join('/');
    return rel === '' ? '.' : rel;
  };
  const result = buildTopology(
    { project, traefik, ...(sources.proxy ? { proxy: sources.proxy } : {}), rawAt: sources.rawAt, guard: new SecretGuard(sources.variables) },
    {
      id,
      composeFiles: files.map(relative),
      ...(envFiles?.[0] !== undefined ? { envFile: relative(envFiles[0]) } : {}),
      ...(request.profiles ? { profiles: request.profiles } : {}),
      dockerfile: (service) => sources.dockerfiles.get(service.name),
      fileExists: isFile,
    },
  );
  if ((envFiles?.length ?? 0) > 1) result.notes.warn('env-file', 'a topology records one env file (compose.envFile); only the first --env-file is recorded');

  // Traefik's findings are built from interpolated values: written back as ${NAME}, as check does.
  const warnings = [...project.diagnostics, ...traefik.diagnostics.map(redactor(project, sources.variables))].filter((d) => d.severity !== 'note');
  for (const d of relocate(warnings, toDisplay).sort(compareDiagnostics)) ctx.stderr(`${formatDiagnostic(d, ctx)}\n`);
  for (const d of relocate(result.notes.warnings, toDisplay)) ctx.stderr(`${formatDiagnostic(d, ctx)}\n`);

  const shown = displayPath(outFile, ctx.cwd);
  let text: string;
  let changes: string[] | undefined;
  if (exists) {
    const lookup = (name: string) => sources.variables.get(name);
    const expand = (text: string) => (text.includes('$') ? substitute(text, lookup).value : text);
    const merged = mergeTopology(readFileSync(outFile, 'utf8'), shown, result.topology, result.notes.comments, expand);
    text = merged.text;
    changes = merged.changes;
  } else {
    text = emitTopology(result.topology, result.notes.comments, {
      schema: schemaReference(outFile, isFile),
      header: ['Imported from compose by `topodoc import`: add descriptions, flows and security notes by hand,', 'and review every "# guessed" line.'],
    });
  }

  const parsed = parseTopology(text, shown);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 && !exists) {
    // An import that does not validate is a bug in topodoc, not in the user's compose files.
    throw new Error(`import produced an invalid topology:\n${errors.map((d) => formatDiagnostic(d, { color: false })).join('\n')}`);
  }

  if (toStdout) {
    ctx.stdout(text);
    return EXIT_OK;
  }
  mkdirSync(outDir, { recursive: true });
  if (!exists || text !== readFileSync(outFile, 'utf8')) writeFileSync(outFile, text);
  const services = Object.keys(result.topology.services as object).length;
  const routes = Object.keys((result.topology.routes as object | undefined) ?? {}).length;
  const networks = Object.keys((result.topology.networks as object | undefined) ?? {}).length;
  if (changes !== undefined) {
    ctx.stdout(`${paint(ctx, 'green', '✓')} merged compose into ${shown}: ${changes.length === 0 ? 'already up to date' : plural(changes.length, 'change')}\n`);
    for (const change of changes) ctx.stdout(`  ${change}\n`);
  } else {
    ctx.stdout(`${paint(ctx, 'green', '✓')} wrote ${shown}: ${plural(services, 'service')}, ${plural(routes, 'route')}, ${plural(networks, 'network')}; ${result.notes.guesses.length} ${result.notes.guesses.length === 1 ? 'guess' : 'guesses'} marked "# guessed" for review\n`);
  }
  if (errors.length > 0) {
    for (const d of errors) ctx.stderr(`${formatDiagnostic(d, ctx, new Map([[shown, text]]))}\n`);
    ctx.stderr(`${shown} does not validate after the merge; fix the lines above by hand\n`);
    return 1;
  }
  ctx.stdout(`  next: npx topodoc check ${shown}\n`);
  return EXIT_OK;
}

/** Compose locations are relative to the root directory; messages show them relative to the working directory. */
function relocate(diagnostics: Diagnostic[], toDisplay: (file: string) => string): Diagnostic[] {
  const move = (loc: SourceLoc): SourceLoc => ({ ...loc, file: toDisplay(loc.file) });
  return diagnostics.map((d) => {
    const out: Diagnostic = { ...d };
    if (d.loc) out.loc = move(d.loc);
    if (d.related) out.related = d.related.map((r) => ({ ...r, loc: move(r.loc) }));
    return out;
  });
}
