import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compareGenerated, shortDiff, writeGenerated } from '../../io/generated-files.ts';
import { findTopologyFiles, loadTopologyFiles } from '../../io/topology-files.ts';
import { displayPath } from '../../util/display-path.ts';
import { compareDiagnostics, UserInputError, type Diagnostic } from '../../model/diagnostics.ts';
import { generateOutputs, generateSystems, injectableViews, type GeneratedSystem } from '../../views/generate.ts';
import { injectViews } from '../../views/inject.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliContext, type Command } from '../command.ts';
import { formatDiagnostic, paint, plural } from '../output.ts';

export const DEFAULT_OUT_DIR = 'diagrams';

export const generateCommand: Command = {
  name: 'generate',
  summary: 'Generate Mermaid, ASCII and Markdown views of each system into diagrams/<system>/.',
  usage: 'topodoc generate [topology files…] [--out DIR] [--check] [--inject FILE…]',
  description: [
    'Output is byte-identical on every run and machine. With --check nothing is written: the command',
    'exits 1 listing each stale, missing or extra file with a short diff (use it in CI).',
    'With --inject, the content between <!-- topodoc:begin NAME --> and <!-- topodoc:end NAME -->',
    'in your own Markdown files is replaced by the named view (e.g. sothebais/architecture) and',
    'nothing else in the file changes.',
  ].join('\n'),
  options: {
    out: { type: 'string', default: DEFAULT_OUT_DIR },
    check: { type: 'boolean' },
    inject: { type: 'string', multiple: true },
  },
  optionHelp: [
    { flag: '--out <dir>', description: `Write DIR/<system>/… (default ${DEFAULT_OUT_DIR}).` },
    { flag: '--check', description: 'Write nothing; exit 1 when generated files or injected blocks are out of date.' },
    { flag: '--inject <file>', description: 'Also fill topodoc:begin/end blocks in this Markdown file (repeatable).' },
  ],
  async run(values, positionals, ctx) {
    const loaded = await loadTopologyFiles(await findTopologyFiles(positionals, ctx.cwd), ctx.cwd);
    const invalid = loaded.filter((l) => !l.topology);
    if (invalid.length) {
      const sources = new Map(loaded.map((l) => [l.file, l.text]));
      for (const l of invalid) for (const d of [...l.diagnostics].sort(compareDiagnostics)) ctx.stderr(`${formatDiagnostic(d, ctx, sources)}\n`);
      ctx.stderr(`\n${plural(invalid.length, 'topology file')} invalid; nothing generated. Run "topodoc validate" for details.\n`);
      return EXIT_USAGE;
    }
    const systems = loaded.map((l) => l.topology!);
    const outDir = path.resolve(ctx.cwd, String(values.out));
    const generated = generateSystems(systems);
    const outputs = generateOutputs(generated);
    const injectFiles = (values.inject as string[] | undefined) ?? [];

    if (values.check) {
      const changes = await compareGenerated(outDir, outputs);
      const injectDrift = await injectAll(injectFiles, generated, ctx, true);
      for (const c of changes) {
        const shown = displayPath(path.join(outDir, c.file), ctx.cwd);
        ctx.stderr(`${paint(ctx, c.kind === 'stale' ? 'yellow' : 'red', c.kind.padEnd(7))} ${shown}\n`);
        if (c.diff) ctx.stderr(`${c.diff.replace(/^/gm, '    ')}\n`);
      }
      const drift = changes.length + injectDrift;
      if (drift) {
        ctx.stderr(`\n${plural(drift, 'file')} out of date. Run "topodoc generate" and commit the result.\n`);
        return EXIT_FINDINGS;
      }
      ctx.stdout(`${paint(ctx, 'green', '✓')} ${plural(outputs.size, 'generated file')} up to date in ${displayPath(outDir, ctx.cwd)}/\n`);
      return EXIT_OK;
    }

    const { written, removed } = await writeGenerated(outDir, outputs);
    await injectAll(injectFiles, generated, ctx, false);
    for (const f of written) ctx.stdout(`wrote   ${displayPath(path.join(outDir, f), ctx.cwd)}\n`);
    for (const f of removed) ctx.stdout(`removed ${displayPath(path.join(outDir, f), ctx.cwd)}\n`);
    ctx.stdout(`${paint(ctx, 'green', '✓')} ${systems.map((s) => s.id).join(', ')}: ${plural(outputs.size, 'file')} (${written.length} changed, ${removed.length} removed)\n`);
    return EXIT_OK;
  },
};

/** Fills inject blocks; returns how many files are (or were) out of date. Marker errors are user errors. */
async function injectAll(files: string[], generated: GeneratedSystem[], ctx: CliContext, check: boolean): Promise<number> {
  if (files.length === 0) return 0;
  const views = injectableViews(generated);
  let drift = 0;
  const errors: Diagnostic[] = [];
  const updates: Array<{ abs: string; text: string }> = [];
  for (const f of files) {
    const abs = path.resolve(ctx.cwd, f);
    const shown = displayPath(abs, ctx.cwd);
    const text = await readFile(abs, 'utf8').catch(() => undefined);
    if (text === undefined) {
      errors.push({ severity: 'error', rule: 'input/not-found', message: `${shown}: cannot read the file to inject into` });
      continue;
    }
    const result = injectViews(text, shown, views);
    errors.push(...result.diagnostics);
    if (result.diagnostics.length || result.text === text) continue;
    drift++;
    if (check) ctx.stderr(`${paint(ctx, 'yellow', 'stale  ')} ${shown}\n${shortDiff(shown, text, result.text, 40).replace(/^/gm, '    ')}\n`);
    else updates.push({ abs, text: result.text });
  }
  if (errors.length) throw new UserInputError(errors);
  for (const u of updates) {
    await writeFile(u.abs, u.text);
    ctx.stdout(`injected ${displayPath(u.abs, ctx.cwd)}\n`);
  }
  return drift;
}
