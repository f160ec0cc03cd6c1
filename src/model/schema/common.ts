import * as z from 'zod';

/** Identifiers used as YAML keys and cross-references (services, networks, middlewares…). */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'an id of letters, digits, ".", "_" or "-", starting with a letter or digit')
  .meta({ description: 'An identifier: letters, digits, ".", "_" and "-", starting with a letter or digit.' });

export const Description = z.string().meta({ description: 'Free text; Markdown allowed in the generated docs.' });

export const Notes = z
  .array(z.string())
  .meta({ description: 'Bullet points shown under the element in the generated docs.' });

export const PortNumber = z
  .number()
  .int('a whole number')
  .min(1, 'a port from 1 to 65535')
  .max(65535, 'a port from 1 to 65535')
  .meta({ description: 'A TCP or UDP port number (1–65535).' });

export const Duration = z
  .string()
  .regex(/^\d+(\.\d+)?(ms|s|m|h|d)(\d+(\.\d+)?(ms|s|m|h|d))*$/, 'a duration such as 30s, 5m, 1h30m or 30d')
  .meta({ description: 'A duration in Compose/Go form: `30s`, `5m`, `1h30m`, `30d`.' });

export const Status = z
  .enum(['active', 'planned', 'optional', 'deprecated'])
  .meta({ description: 'Lifecycle of the element. `planned` and `optional` elements are drawn dashed and labelled.' });

/** A list of ids referring to elements declared elsewhere in the topology. */
export function refList(what: string) {
  return z.array(Id).meta({ description: `Ids of ${what} declared in this topology.` });
}
