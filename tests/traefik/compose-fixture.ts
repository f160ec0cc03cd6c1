/**
 * Test-only mapping from a small compose YAML text to the Traefik reader's input, with real source
 * locations. Deliberately minimal (no interpolation, merge, extends): the real loader lives in src/compose.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode, Scalar, YAMLMap } from 'yaml';
import type { SourceLoc } from '../../src/model/diagnostics.ts';
import type { Located, TraefikServiceInput, TraefikStaticInput } from '../../src/traefik/input.ts';

export interface ComposeFixture {
  projectName: string;
  services: TraefikServiceInput[];
  /** The `command:` of the service whose image is traefik. */
  staticInput?: TraefikStaticInput;
}

export function composeFixture(text: string, file = 'compose.yaml'): ComposeFixture {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
  const at = (offset: number): SourceLoc => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const root = doc.contents as YAMLMap;
  const projectName = String(root.get('name') ?? 'project');
  const servicesNode = root.get('services', true) as unknown as YAMLMap;
  const services: TraefikServiceInput[] = [];
  let staticInput: TraefikStaticInput | undefined;
  for (const pair of servicesNode.items) {
    const key = pair.key as Scalar;
    const body = pair.value as YAMLMap;
    const name = String(key.value);
    const deploy = body.get('deploy', true) as YAMLMap | undefined;
    const service: TraefikServiceInput = {
      name,
      loc: at(key.range![0]),
      labels: readLabels(body.get('labels', true) as YamlNode | undefined, text, at),
      deployLabels: readLabels(deploy?.get('labels', true) as YamlNode | undefined, text, at),
      ports: [],
      expose: [],
      networks: [],
    };
    const ports = body.get('ports', true);
    if (isSeq(ports)) {
      for (const item of ports.items) {
        const spec = String((item as Scalar).value);
        const [portPart, protocol = 'tcp'] = spec.split('/');
        const target = Number(portPart!.split(':').pop());
        service.ports.push({ target, protocol, loc: at((item as Scalar).range![0]) });
      }
    }
    const expose = body.get('expose', true);
    if (isSeq(expose)) {
      for (const item of expose.items) service.expose.push({ port: Number((item as Scalar).value), loc: at((item as Scalar).range![0]) });
    }
    const networks = body.get('networks', true);
    if (isSeq(networks)) for (const item of networks.items) service.networks.push(`${projectName}_${String((item as Scalar).value)}`);
    const containerName = body.get('container_name');
    if (typeof containerName === 'string') service.containerName = containerName;
    services.push(service);

    const image = String(body.get('image') ?? '');
    const command = body.get('command', true);
    if (image.startsWith('traefik') && isSeq(command)) {
      const args: Array<Located<string>> = command.items.map((item) => {
        const scalar = item as Scalar;
        const start = scalar.range![0];
        const quoted = text[start] === '"' || text[start] === "'";
        return { value: String(scalar.value), loc: at(start), valueLoc: at(start + (quoted ? 1 : 0)) };
      });
      staticInput = { args, version: image.split(':')[1] ?? 'latest' };
    } else if (image.startsWith('traefik') && isScalar(command)) {
      // A plain command string: split on spaces (no shell quoting), each word located in the line.
      const start = (command as Scalar).range![0];
      const args: Array<Located<string>> = [];
      for (const match of String((command as Scalar).value).matchAll(/\S+/g)) {
        args.push({ value: match[0], loc: at(start + match.index), valueLoc: at(start + match.index) });
      }
      staticInput = { args, version: image.split(':')[1] ?? 'latest' };
    }
  }
  return staticInput ? { projectName, services, staticInput } : { projectName, services };
}

/** Labels in list (`- "k=v"`) or map (`k: v`) syntax, with the value's own location when it maps 1:1. */
function readLabels(node: YamlNode | undefined, text: string, at: (offset: number) => SourceLoc): Record<string, Located<string>> {
  const labels: Record<string, Located<string>> = {};
  if (isSeq(node)) {
    for (const item of node.items) {
      const scalar = item as Scalar;
      const raw = String(scalar.value);
      const eq = raw.indexOf('=');
      const key = eq < 0 ? raw : raw.slice(0, eq);
      const value = eq < 0 ? '' : raw.slice(eq + 1);
      const start = scalar.range![0];
      const quoted = text[start] === '"' || text[start] === "'";
      const contentStart = start + (quoted ? 1 : 0);
      const plainSource = text.slice(contentStart, contentStart + raw.length) === raw;
      const label: Located<string> = { value, loc: at(start) };
      if (plainSource) label.valueLoc = at(contentStart + eq + 1);
      labels[key] = label;
    }
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Scalar;
      const value = pair.value as Scalar;
      const rendered = isScalar(value) ? String(value.value) : '';
      const start = value.range![0];
      const quoted = text[start] === '"' || text[start] === "'";
      const label: Located<string> = { value: rendered, loc: at(key.range![0]) };
      if (text.slice(start + (quoted ? 1 : 0), start + (quoted ? 1 : 0) + rendered.length) === rendered) {
        label.valueLoc = at(start + (quoted ? 1 : 0));
      }
      labels[String(key.value)] = label;
    }
  }
  return labels;
}
