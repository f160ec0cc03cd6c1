/**
 * The schema reference page, generated from the topology JSON Schema (itself generated from the
 * zod schema): every field with its description, type, default and allowed values. Pure.
 */
import { mdCode, mdProse, mdTable, mdText } from '../views/escape.ts';

type JsonSchema = {
  type?: string | string[];
  description?: string;
  title?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

interface Section {
  path: string;
  depth: number;
  schema: JsonSchema;
  lead?: string;
  /** For a shared definition that is a choice of forms: the Markdown listing them. */
  forms?: string;
}

/** GitHub-style heading anchor, as Astro's Markdown renderer makes them. */
export function headingSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

export function schemaReferenceMarkdown(jsonSchema: object, jsonSchemaUrl: string): string {
  const root = jsonSchema as JsonSchema;
  const defs = root.$defs ?? {};
  const resolve = (s: JsonSchema): JsonSchema => {
    const name = s.$ref?.replace('#/$defs/', '');
    return name !== undefined && defs[name] ? { ...defs[name], description: s.description ?? defs[name].description } : s;
  };
  // Sections found while a parent's table is written; emitted right after it (depth first).
  let sections: Section[] = [];
  const refSection = new Map<string, string>();
  const headingOf = (path: string) => path || 'Top level';

  /** Registers a section for an object schema and returns its heading anchor. */
  const sectionFor = (path: string, schema: JsonSchema, depth: number, lead?: string): string => {
    const ref = schema.$ref;
    if (ref && refSection.has(ref)) return refSection.get(ref)!;
    const anchor = headingSlug(headingOf(path));
    if (ref) refSection.set(ref, anchor);
    sections.push({ path, depth, schema: resolve(schema), lead });
    return anchor;
  };

  const isObject = (s: JsonSchema) => {
    const r = resolve(s);
    return r.type === 'object' && (r.properties !== undefined || r.anyOf === undefined) && r.properties !== undefined;
  };

  const refTypes = new Map<string, string>();

  /** A human type for one field, registering sections for the objects it contains. */
  const typeOf = (s: JsonSchema, path: string, depth: number): string => {
    if (s.$ref) {
      // Shared (and possibly recursive) definitions get one section, linked from every use.
      const known = refTypes.get(s.$ref);
      if (known) return known;
      const name = s.$ref.replace('#/$defs/', '');
      const def = resolve(s);
      if (!(def.anyOf ?? def.oneOf)) {
        const link = `[${mdText(name)}](#${sectionFor(name, s, depth, def.description)})`;
        refTypes.set(s.$ref, link);
        return link;
      }
      const link = `[${mdText(name)}](#${headingSlug(name)})`;
      refTypes.set(s.$ref, link);
      const section: Section = { path: name, depth, schema: {}, lead: def.description };
      sections.push(section);
      section.forms = `One of: ${typeOf({ ...def, $ref: undefined }, name, depth)}`;
      return link;
    }
    const r = resolve(s);
    const variants = r.anyOf ?? r.oneOf;
    if (variants) {
      const objects = variants.filter(isObject);
      return variants
        .map((v) => {
          const vr = resolve(v);
          if (isObject(v)) {
            const suffix = objects.length > 1 ? ` (form with ${(vr.required ?? Object.keys(vr.properties ?? {}).slice(0, 1)).join(', ')})` : '';
            const anchor = sectionFor(`${path}${suffix}`, v, depth, vr.description);
            return `[object${suffix}](#${anchor})`;
          }
          return typeOf(v, path, depth);
        })
        .join(' or ');
    }
    if (r.enum) return r.enum.map((e) => mdCode(JSON.stringify(e))).join(' \\| ');
    if (r.const !== undefined) return mdCode(JSON.stringify(r.const));
    if (r.type === 'array') return `list of ${r.items ? typeOf(r.items, `${path}[]`, depth) : 'values'}`;
    if (r.type === 'object') {
      if (r.properties) return `[object](#${sectionFor(path, s, depth, r.description)})`;
      if (typeof r.additionalProperties === 'object') {
        const keyName = keyLabel(r.propertyNames);
        const value = typeOf(r.additionalProperties, `${path}.${keyName}`, depth);
        const keys = r.propertyNames?.enum ? ` (keys: ${r.propertyNames.enum.map((k) => mdCode(String(k))).join(', ')})` : '';
        return `map of ${keyName} → ${value}${keys}`;
      }
      return 'object';
    }
    if (r.type === 'integer') return `integer${range(r)}`;
    if (r.type === 'number') return `number${range(r)}`;
    if (Array.isArray(r.type)) return r.type.join(' or ');
    return r.type ?? 'any';
  };

  const keyLabel = (names: JsonSchema | undefined) => (names?.enum ? '‹role›' : '‹id›');

  const tableFor = (section: Section): string => {
    const s = section.schema;
    const required = new Set(s.required ?? []);
    const rows = Object.entries(s.properties ?? {}).map(([key, field]) => {
      const r = resolve(field);
      const notes: string[] = [];
      if (r.description) notes.push(mdProse(r.description));
      if (r.pattern) notes.push(`Pattern: ${mdCode(r.pattern)}`);
      if (r.minLength) notes.push(`At least ${r.minLength} character${r.minLength === 1 ? '' : 's'}.`);
      if (r.minItems) notes.push(`At least ${r.minItems} item${r.minItems === 1 ? '' : 's'}${r.maxItems ? `, at most ${r.maxItems}` : ''}.`);
      return [
        mdCode(key),
        typeOf(field, section.path ? `${section.path}.${key}` : key, section.depth + 1),
        required.has(key) ? '**yes**' : '–',
        r.default !== undefined ? mdCode(JSON.stringify(r.default)) : '–',
        notes.join(' ').replace(/\n+/g, ' ') || '–',
      ];
    });
    const extra = s.additionalProperties === false ? 'No other keys are allowed: a misspelt key is an error.' : '';
    return `${rows.length ? mdTable(['Field', 'Type', 'Required', 'Default', 'Description'], rows) : 'No fields.'}${extra ? `\n\n${extra}` : ''}`;
  };

  const out: string[] = [];
  out.push(
    `Every topology file is checked against this schema by \`topodoc validate\` (and by the site build). Editors read the same rules from the JSON Schema at [${mdText(jsonSchemaUrl)}](${jsonSchemaUrl}): start a topology with`,
    '',
    '```yaml\n# yaml-language-server: $schema=../public/schema/topology.schema.json\n```',
    '',
    'to get completion and inline errors. Keys written as ‹id› are yours to choose (letters, digits, `.`, `_`, `-`).',
  );
  const emit = (section: Section) => {
    const found: Section[] = [];
    sections = found;
    const table = section.forms === undefined ? tableFor(section) : '';
    out.push('', `${section.depth <= 2 ? '##' : '###'} ${mdText(headingOf(section.path))}`);
    if (section.lead) out.push('', mdProse(section.lead));
    out.push('', section.forms ?? table);
    for (const child of found) emit(child);
  };
  emit({ path: '', depth: 1, schema: root, lead: root.description });
  return `${out.join('\n')}\n`;
}

function range(s: JsonSchema): string {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
  if (min !== undefined && s.maximum !== undefined) return ` ${min}–${s.maximum}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (s.maximum !== undefined) return ` ≤ ${s.maximum}`;
  return '';
}
