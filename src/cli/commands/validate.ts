import { findTopologyFiles, loadTopologyFiles } from '../../io/topology-files.ts';
import { compareDiagnostics } from '../../model/diagnostics.ts';
import { EXIT_OK, EXIT_USAGE, expectFormat, FORMAT_OPTION, type Command } from '../command.ts';
import { diagnosticToJson, formatDiagnostic, paint, plural } from '../output.ts';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check topology files against the schema and their cross-references.',
  usage: 'topodoc validate [topology files or folders…] [--format text|json]',
  description: 'Without arguments, validates every *.yaml in topology/. Exits 0 when all are valid, 2 when any is not.',
  options: { ...FORMAT_OPTION },
  optionHelp: [{ flag: '-f, --format <text|json>', description: 'Output format (default text).' }],
  async run(values, positionals, ctx) {
    const format = expectFormat(values.format, ['text', 'json']);
    const loaded = await loadTopologyFiles(await findTopologyFiles(positionals, ctx.cwd), ctx.cwd);
    const failed = loaded.filter((l) => !l.topology);

    if (format === 'json') {
      const report = {
        systems: loaded.map((l) => ({
          id: l.topology?.id ?? null,
          file: l.file,
          valid: Boolean(l.topology),
          diagnostics: [...l.diagnostics].sort(compareDiagnostics).map(diagnosticToJson),
        })),
      };
      ctx.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return failed.length ? EXIT_USAGE : EXIT_OK;
    }

    const sources = new Map(loaded.map((l) => [l.file, l.text]));
    for (const l of loaded) {
      for (const d of [...l.diagnostics].sort(compareDiagnostics)) ctx.stderr(`${formatDiagnostic(d, ctx, sources)}\n`);
      if (l.topology) {
        const t = l.topology;
        const counts = [
          plural(Object.keys(t.services).length, 'service'),
          plural(Object.keys(t.routes ?? {}).length, 'route'),
          plural(Object.keys(t.networks ?? {}).length, 'network'),
          plural(Object.keys(t.flows ?? {}).length, 'flow'),
        ].join(', ');
        ctx.stdout(`${paint(ctx, 'green', '✓')} ${t.id}  ${paint(ctx, 'dim', `${l.file} (${counts})`)}\n`);
      }
    }
    if (failed.length) {
      const errors = failed.reduce((n, l) => n + l.diagnostics.filter((d) => d.severity === 'error').length, 0);
      ctx.stderr(`\n${paint(ctx, 'red', '✗')} ${plural(errors, 'error')} in ${plural(failed.length, 'file')}; ${plural(loaded.length - failed.length, 'system')} valid\n`);
      return EXIT_USAGE;
    }
    return EXIT_OK;
  },
};
