/**
 * What the `# yaml-language-server: $schema=…` line of a written topology points at: the repository's
 * own `public/schema/topology.schema.json` (or the one of an installed topodoc package) by a path
 * relative to the file, when the file sits inside such a layout, so editors work offline and against
 * the version in use; else the published schema URL. Pure: `exists` answers for absolute paths.
 */
import path from 'node:path';
import { JSON_SCHEMA_ID } from '../model/json-schema.ts';

const CANDIDATES = ['public/schema/topology.schema.json', 'node_modules/topodoc/public/schema/topology.schema.json'];

export function schemaReference(topologyFile: string, exists: (absPath: string) => boolean): string {
  const dir = path.dirname(path.resolve(topologyFile));
  for (let current = dir; ; current = path.dirname(current)) {
    for (const candidate of CANDIDATES) {
      const schema = path.join(current, candidate);
      if (exists(schema)) return path.relative(dir, schema).split(path.sep).join('/');
    }
    if (path.dirname(current) === current) return JSON_SCHEMA_ID;
  }
}
