/**
 * Top-level `networks`, `volumes`, `secrets` and `configs` (06-networks.md, 07-volumes.md,
 * 08-configs.md, 09-secrets.md) to their canonical form, including the real names Docker
 * uses: `name:` verbatim, the key for external resources, else `<project>_<key>`.
 */
import type { DiagnosticSink } from './diagnostic-sink.ts';
import { readLabels } from './bags.ts';
import { readBool, readString } from './field-read.ts';
import type { LEntry, LNode } from './located.ts';
import type { ComposeConfig, ComposeNetwork, ComposeSecret, ComposeVolume } from './types.ts';
import { resolveHostPath } from './volumes.ts';

function section(node: LNode | undefined, what: string, sink: DiagnosticSink): LEntry[] {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  if (node.kind !== 'map') {
    sink.error('compose/invalid-value', `${what} must be a mapping`, node.loc);
    return [];
  }
  return [...node.entries.values()].filter((entry) => !entry.key.startsWith('x-'));
}

function attributes(entry: LEntry, what: string, sink: DiagnosticSink): (key: string) => LNode | undefined {
  const value = entry.value;
  if (value.kind === 'map') return (key) => value.entries.get(key)?.value;
  if (!(value.kind === 'scalar' && value.value === null)) sink.error('compose/invalid-value', `${what} must be a mapping or empty`, value.loc);
  return () => undefined;
}

/** `external: true`, or the legacy `external: {name: x}`. */
function readExternal(node: LNode | undefined, what: string, sink: DiagnosticSink): { external: boolean; legacyName?: string } {
  if (node?.kind === 'map') {
    const name = readString(node.entries.get('name')?.value, `${what}.name`, sink);
    return name === undefined ? { external: true } : { external: true, legacyName: name };
  }
  return { external: readBool(node, what, sink) ?? false };
}

function stringMap(node: LNode | undefined, what: string, sink: DiagnosticSink): Record<string, string> {
  const out: Record<string, string> = {};
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return out;
  if (node.kind !== 'map') {
    sink.error('compose/invalid-value', `${what} must be a mapping`, node.loc);
    return out;
  }
  for (const [key, entry] of node.entries) out[key] = readString(entry.value, `${what}.${key}`, sink) ?? '';
  return out;
}

export function readNetworks(node: LNode | undefined, project: string, sink: DiagnosticSink): Record<string, ComposeNetwork> {
  const out: Record<string, ComposeNetwork> = {};
  for (const entry of section(node, 'networks', sink)) {
    const what = `networks.${entry.key}`;
    const get = attributes(entry, what, sink);
    const { external, legacyName } = readExternal(get('external'), `${what}.external`, sink);
    const explicitName = readString(get('name'), `${what}.name`, sink) ?? legacyName;
    const network: ComposeNetwork = {
      name: entry.key,
      realName: explicitName ?? (external ? entry.key : `${project}_${entry.key}`),
      external,
      internal: readBool(get('internal'), `${what}.internal`, sink) ?? false,
      driverOpts: stringMap(get('driver_opts'), `${what}.driver_opts`, sink),
      ipam: { config: [] },
      labels: readLabels(get('labels'), `${what}.labels`, sink),
      implicit: false,
      loc: entry.keyLoc,
    };
    const driver = readString(get('driver'), `${what}.driver`, sink);
    if (driver !== undefined) network.driver = driver;
    const attachable = readBool(get('attachable'), `${what}.attachable`, sink);
    if (attachable !== undefined) network.attachable = attachable;
    const enableIpv6 = readBool(get('enable_ipv6'), `${what}.enable_ipv6`, sink);
    if (enableIpv6 !== undefined) network.enableIpv6 = enableIpv6;
    const ipam = get('ipam');
    if (ipam?.kind === 'map') {
      const ipamDriver = readString(ipam.entries.get('driver')?.value, `${what}.ipam.driver`, sink);
      if (ipamDriver !== undefined) network.ipam.driver = ipamDriver;
      const config = ipam.entries.get('config')?.value;
      if (config?.kind === 'seq') {
        const bySubnet = new Map<string, ComposeNetwork['ipam']['config'][number]>();
        config.items.forEach((item, index) => {
          if (item.kind !== 'map') return;
          const at = `${what}.ipam.config[${index}]`;
          const pool: ComposeNetwork['ipam']['config'][number] = { loc: item.loc };
          const subnet = readString(item.entries.get('subnet')?.value, `${at}.subnet`, sink);
          if (subnet !== undefined) pool.subnet = subnet;
          const gateway = readString(item.entries.get('gateway')?.value, `${at}.gateway`, sink);
          if (gateway !== undefined) pool.gateway = gateway;
          const ipRange = readString(item.entries.get('ip_range')?.value, `${at}.ip_range`, sink);
          if (ipRange !== undefined) pool.ipRange = ipRange;
          bySubnet.set(subnet ?? `#${index}`, pool);
        });
        network.ipam.config = [...bySubnet.values()];
      }
    }
    if (external) {
      for (const key of ['driver', 'driver_opts', 'ipam', 'internal', 'attachable', 'enable_ipv6', 'labels']) {
        const attr = entry.value.kind === 'map' ? entry.value.entries.get(key) : undefined;
        if (attr) sink.warning('compose/external-attribute', `${what}: "${key}" is ignored for an external network`, attr.keyLoc);
      }
    }
    out[entry.key] = network;
  }
  return out;
}

export function readVolumes(node: LNode | undefined, project: string, sink: DiagnosticSink): Record<string, ComposeVolume> {
  const out: Record<string, ComposeVolume> = {};
  for (const entry of section(node, 'volumes', sink)) {
    const what = `volumes.${entry.key}`;
    const get = attributes(entry, what, sink);
    const { external, legacyName } = readExternal(get('external'), `${what}.external`, sink);
    const explicitName = readString(get('name'), `${what}.name`, sink) ?? legacyName;
    const volume: ComposeVolume = {
      name: entry.key,
      realName: explicitName ?? (external ? entry.key : `${project}_${entry.key}`),
      external,
      driverOpts: stringMap(get('driver_opts'), `${what}.driver_opts`, sink),
      labels: readLabels(get('labels'), `${what}.labels`, sink),
      loc: entry.keyLoc,
    };
    const driver = readString(get('driver'), `${what}.driver`, sink);
    if (driver !== undefined) volume.driver = driver;
    out[entry.key] = volume;
  }
  return out;
}

function readFileResource(entry: LEntry, what: string, baseDir: string, sink: DiagnosticSink): ComposeSecret & { inlineContent: boolean } {
  const get = attributes(entry, what, sink);
  const { external, legacyName } = readExternal(get('external'), `${what}.external`, sink);
  const out: ComposeSecret & { inlineContent: boolean } = { name: entry.key, external, inlineContent: get('content') !== undefined, loc: entry.keyLoc };
  const file = readString(get('file'), `${what}.file`, sink);
  if (file !== undefined) out.file = resolveHostPath(file, baseDir);
  const environment = readString(get('environment'), `${what}.environment`, sink);
  if (environment !== undefined) out.environment = environment;
  const realName = readString(get('name'), `${what}.name`, sink) ?? legacyName;
  if (realName !== undefined) out.realName = realName;
  return out;
}

export function readSecrets(node: LNode | undefined, baseDir: string, sink: DiagnosticSink): Record<string, ComposeSecret> {
  const out: Record<string, ComposeSecret> = {};
  for (const entry of section(node, 'secrets', sink)) {
    const { inlineContent: _unused, ...secret } = readFileResource(entry, `secrets.${entry.key}`, baseDir, sink);
    out[entry.key] = secret;
  }
  return out;
}

export function readConfigs(node: LNode | undefined, baseDir: string, sink: DiagnosticSink): Record<string, ComposeConfig> {
  const out: Record<string, ComposeConfig> = {};
  for (const entry of section(node, 'configs', sink)) out[entry.key] = readFileResource(entry, `configs.${entry.key}`, baseDir, sink);
  return out;
}
