import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { topologyJsonSchema } from '../../src/model/json-schema.ts';
import { PORT_ROLES, SERVICE_KINDS } from '../../src/model/schema/index.ts';
import { headingSlug, schemaReferenceMarkdown } from '../../src/site/schema-reference.ts';

describe('schema reference', () => {
  const schema = JSON.parse(topologyJsonSchema()) as { properties: Record<string, unknown>; required: string[] };
  const md = schemaReferenceMarkdown(schema, '/docs/schema/topology.schema.json');
  const section = (heading: string) => {
    const start = md.indexOf(`\n${heading}\n`);
    assert.ok(start >= 0, `no section ${heading}`);
    const next = md.indexOf('\n#', start + heading.length + 2);
    return md.slice(start, next < 0 ? undefined : next);
  };

  it('lists every top-level field with its type and whether it is required', () => {
    const top = section('## Top level');
    for (const key of Object.keys(schema.properties)) assert.match(top, new RegExp(`\\| \`${key}\` \\|`), key);
    assert.match(top, /\| `services` \| map of ‹id› → \[object\]\(#servicesid\) \| \*\*yes\*\* \|/);
  });

  it('documents nested objects with their descriptions, defaults and allowed values', () => {
    const services = section('## services.‹id›');
    for (const kind of SERVICE_KINDS) assert.ok(services.includes(`\`"${kind}"\``), `kind ${kind}`);
    assert.match(services, /\| `ports` \| map of ‹role› → integer 1–65535 or \[object\]\(#servicesidportsrole\)/);
    for (const role of PORT_ROLES) assert.ok(services.includes(`\`${role}\``), `role ${role}`);
    assert.match(section('### services.‹id›.healthcheck'), /\| `implemented` \| boolean \| – \| `true` \|/);
    assert.match(md, /No other keys are allowed/);
  });

  it('links only to sections that exist, including the recursive flow steps', () => {
    const anchors = new Set([...md.matchAll(/^#{2,3} (.+)$/gm)].map((m) => headingSlug(m[1]!.replace(/\\(.)/g, '$1'))));
    const links = [...md.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    assert.ok(links.length > 40);
    for (const l of links) assert.ok(anchors.has(l), `#${l} has no heading`);
    assert.match(md, /### FlowStep\n/);
  });

  it('points editors at the served JSON Schema', () => {
    assert.match(md, /\[\/docs\/schema\/topology\.schema\.json\]\(\/docs\/schema\/topology\.schema\.json\)/);
  });
});
