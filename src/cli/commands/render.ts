import path from 'node:path';
import { renderDiagrams } from '../../render/render-all.ts';
import { DIAGRAMS_DIR, SVG_DIR } from '../../site/paths.ts';
import { EXIT_OK, type Command } from '../command.ts';
import { displayPath } from '../../util/display-path.ts';
import { paint, plural } from '../output.ts';

export const renderCommand: Command = {
  name: 'render',
  summary: 'Render the generated Mermaid diagrams to theme-adaptive SVG for the docs site.',
  usage: 'topodoc render [--force] [--diagrams DIR] [--out DIR]',
  description: [
    `Reads every .mmd under ${DIAGRAMS_DIR}/ (written by "topodoc generate") and writes one SVG per diagram`,
    `to ${SVG_DIR}/<system>/<name>.svg, which the site serves at /diagrams/<system>/<name>.svg.`,
    'Only diagrams whose source, Mermaid version or render settings changed are rendered; when',
    'nothing changed no browser is started. Needs Chromium (CHROMIUM_PATH, or the usual install paths).',
  ].join('\n'),
  options: {
    force: { type: 'boolean' },
    diagrams: { type: 'string', default: DIAGRAMS_DIR },
    out: { type: 'string', default: SVG_DIR },
  },
  optionHelp: [
    { flag: '--force', description: 'Render every diagram again, ignoring the cache.' },
    { flag: '--diagrams <dir>', description: `Where the .mmd files are (default ${DIAGRAMS_DIR}).` },
    { flag: '--out <dir>', description: `Where the SVGs go (default ${SVG_DIR}).` },
  ],
  async run(values, _positionals, ctx) {
    const rootDir = path.resolve(ctx.cwd, String(values.diagrams));
    const outDir = path.resolve(ctx.cwd, String(values.out));
    const stats = await renderDiagrams({ rootDir, outDir, force: Boolean(values.force) });
    const parts = [`${stats.rendered} rendered`, `${stats.cached} cached`, ...(stats.removed ? [`${stats.removed} removed`] : [])];
    ctx.stdout(
      `${paint(ctx, 'green', '✓')} ${plural(stats.rendered + stats.cached, 'diagram')} in ${displayPath(outDir, ctx.cwd)}/: ${parts.join(', ')} ${paint(ctx, 'dim', `(${stats.ms} ms)`)}\n`,
    );
    return EXIT_OK;
  },
};
