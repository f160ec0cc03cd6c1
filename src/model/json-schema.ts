import * as z from 'zod';
import { Topology } from './schema/index.ts';

/** Where the JSON Schema lives in the repo; the site serves `public/` at its root, so this is also its URL path. */
export const JSON_SCHEMA_PATH = 'public/schema/topology.schema.json';
export const JSON_SCHEMA_ID = 'https://topodoc.dev/schema/topology.schema.json';

/** The topology schema for editors (yaml-language-server), derived from the zod schema so the two never disagree. */
export function topologyJsonSchema(): string {
  const schema = z.toJSONSchema(Topology, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ $id: JSON_SCHEMA_ID, ...schema }, null, 2)}\n`;
}
