/**
 * The rendered diagrams, served at /diagrams/<system>/<name>.svg ("Open full size", "Download",
 * home previews, lazily inlined diagrams). Links inside get the site's base path.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { svgWithBase } from '../../../site/diagram-html.ts';
import { readDiagramSvg } from '../../../site/page-html.ts';
import { projectDir, SVG_DIR } from '../../../site/paths.ts';
import { astroBase } from '../../../site/settings.ts';

export const getStaticPaths: GetStaticPaths = () => {
  const root = path.join(projectDir(process.env, process.cwd()), SVG_DIR);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(root, d.name))
        .filter((f) => f.endsWith('.svg'))
        .sort()
        .map((f) => ({ params: { system: d.name, name: f.slice(0, -'.svg'.length) } })),
    );
};

export const GET: APIRoute = ({ params }) => {
  const svg = readDiagramSvg(String(params['system']), String(params['name']));
  if (svg === undefined) return new Response('Not rendered yet: run "npx topodoc render".', { status: 404 });
  return new Response(svgWithBase(svg, astroBase()), { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
};
