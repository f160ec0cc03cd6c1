/**
 * Service `ports` and `expose` (05-services.md), canonicalised to one entry per port.
 *
 * Short syntax `[[HOST_IP:]HOST:]CONTAINER[/PROTOCOL]`, where HOST and CONTAINER may be ranges:
 * `"3000"`, `"3000-3005"`, `"9090-9091:8080-8081"`, `"8000-9000:80"` (one container port, any
 * host port of the range), `"127.0.0.1:5000-5010:5000-5010"`, `"::1:6000:6000"`,
 * `"[::1]:6001:6001"`, `"6060:6060/udp"`, bare integers. The host address is everything before
 * the last two `:`-separated parts, as Docker splits it. Long syntax: `target`, `published`,
 * `host_ip`, `protocol`, `app_protocol`, `mode`, `name`.
 */
import { isIP } from 'node:net';
import type { SourceLoc } from '../model/diagnostics.ts';
import type { DiagnosticSink } from './diagnostic-sink.ts';
import { readInt, readString } from './field-read.ts';
import type { LNode } from './located.ts';
import type { ComposeExpose, ComposePort } from './types.ts';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const MAX_PORT = 65535;

interface PortRange {
  start: number;
  end: number;
}

/** Parses a port or `start-end` range; undefined when malformed. */
export function parsePortRange(text: string): PortRange | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (start > end || end > MAX_PORT) return undefined;
  return { start, end };
}

export class PortSyntaxError extends Error {}

/** One short-syntax port string to canonical entries (ranges expanded). Throws PortSyntaxError. */
export function parseShortPort(spec: string, loc: SourceLoc): ComposePort[] {
  let body = spec.trim();
  let protocol = 'tcp';
  const slash = body.lastIndexOf('/');
  if (slash >= 0) {
    protocol = body.slice(slash + 1).toLowerCase();
    body = body.slice(0, slash);
    if (!PROTOCOLS.has(protocol)) throw new PortSyntaxError(`invalid protocol "${protocol}" (expected tcp, udp or sctp)`);
  }
  const parts = body.split(':');
  const containerText = parts[parts.length - 1] ?? '';
  const hostText = parts.length >= 2 ? parts[parts.length - 2]! : '';
  let hostIp = parts.length >= 3 ? parts.slice(0, -2).join(':') : '';
  if (hostIp.startsWith('[') && hostIp.endsWith(']')) hostIp = hostIp.slice(1, -1);
  if (hostIp !== '' && isIP(hostIp) === 0 && !hostIp.includes('$')) throw new PortSyntaxError(`invalid IP address "${hostIp}"`);
  const container = parsePortRange(containerText);
  if (!container) throw new PortSyntaxError(`invalid container port "${containerText}"`);
  const host = hostText === '' ? undefined : parsePortRange(hostText);
  if (hostText !== '' && !host) throw new PortSyntaxError(`invalid host port "${hostText}"`);
  const containerCount = container.end - container.start + 1;
  const hostCount = host ? host.end - host.start + 1 : 0;
  if (host && hostCount !== containerCount && containerCount !== 1) {
    throw new PortSyntaxError(`host range ${hostText} and container range ${containerText} differ in size`);
  }
  const out: ComposePort[] = [];
  for (let i = 0; i < containerCount; i++) {
    const port: ComposePort = { target: container.start + i, protocol, mode: 'ingress', syntax: 'short', loc };
    if (host) port.published = containerCount === 1 && hostCount > 1 ? `${host.start}-${host.end}` : String(host.start + i);
    if (hostIp !== '') port.hostIp = hostIp;
    out.push(port);
  }
  return out;
}

/** Identity of a port for uniqueness (13-merge.md): `host_ip:published:target/protocol`. */
export function portKey(port: ComposePort): string {
  return `${port.hostIp ?? ''}:${port.published ?? ''}:${port.target}/${port.protocol}`;
}

/** Canonical `ports` of a service, duplicates removed (the later one wins, at the first position). */
export function readPorts(node: LNode | undefined, what: string, sink: DiagnosticSink): ComposePort[] {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  if (node.kind !== 'seq') {
    sink.error('compose/invalid-value', `${what} must be a list`, node.loc);
    return [];
  }
  const all: ComposePort[] = [];
  for (const item of node.items) {
    if (item.kind === 'scalar') {
      if (item.value === null) continue;
      try {
        all.push(...parseShortPort(String(item.value), item.loc));
      } catch (err) {
        if (!(err instanceof PortSyntaxError)) throw err;
        sink.error('compose/invalid-port', `Invalid port "${String(item.value)}": ${err.message}`, item.loc, { found: String(item.value) });
      }
    } else if (item.kind === 'map') {
      all.push(...readLongPort(item, what, sink));
    } else {
      sink.error('compose/invalid-port', `${what} items must be strings, numbers or mappings`, item.loc);
    }
  }
  const byKey = new Map<string, number>();
  const out: ComposePort[] = [];
  for (const port of all) {
    const key = portKey(port);
    const index = byKey.get(key);
    if (index === undefined) {
      byKey.set(key, out.length);
      out.push(port);
    } else out[index] = port;
  }
  return out;
}

function readLongPort(item: LNode & { kind: 'map' }, what: string, sink: DiagnosticSink): ComposePort[] {
  const get = (key: string): LNode | undefined => item.entries.get(key)?.value;
  const targetNode = get('target');
  const target = readInt(targetNode, `${what}: target`, sink);
  if (target === undefined) {
    if (targetNode === undefined) sink.error('compose/invalid-port', `${what}: a long-syntax port needs "target"`, item.loc);
    return [];
  }
  if (target < 0 || target > MAX_PORT) {
    sink.error('compose/invalid-port', `${what}: target ${target} is not a port number`, targetNode!.loc);
    return [];
  }
  const port: ComposePort = { target, protocol: 'tcp', mode: 'ingress', syntax: 'long', loc: item.loc };
  const published = readString(get('published'), `${what}: published`, sink);
  if (published !== undefined && published !== '') {
    if (!parsePortRange(published)) {
      sink.error('compose/invalid-port', `${what}: invalid published port "${published}"`, get('published')!.loc, { found: published });
      return [];
    }
    port.published = published.trim();
  }
  const hostIp = readString(get('host_ip'), `${what}: host_ip`, sink);
  if (hostIp !== undefined && hostIp !== '') {
    const bare = hostIp.startsWith('[') && hostIp.endsWith(']') ? hostIp.slice(1, -1) : hostIp;
    if (isIP(bare) === 0) {
      sink.error('compose/invalid-port', `${what}: invalid host_ip "${hostIp}"`, get('host_ip')!.loc, { found: hostIp });
      return [];
    }
    port.hostIp = bare;
  }
  const protocol = readString(get('protocol'), `${what}: protocol`, sink);
  if (protocol !== undefined) {
    const lower = protocol.toLowerCase();
    if (!PROTOCOLS.has(lower)) {
      sink.error('compose/invalid-port', `${what}: invalid protocol "${protocol}" (expected tcp, udp or sctp)`, get('protocol')!.loc);
      return [];
    }
    port.protocol = lower;
  }
  const mode = readString(get('mode'), `${what}: mode`, sink);
  if (mode !== undefined) {
    if (mode !== 'ingress' && mode !== 'host') sink.error('compose/invalid-value', `${what}: mode must be "ingress" or "host"`, get('mode')!.loc);
    else port.mode = mode;
  }
  const appProtocol = readString(get('app_protocol'), `${what}: app_protocol`, sink);
  if (appProtocol !== undefined) port.appProtocol = appProtocol;
  const name = readString(get('name'), `${what}: name`, sink);
  if (name !== undefined) port.name = name;
  return [port];
}

/** Canonical `expose`: `"3000"`, `"8080-8085/tcp"`, integers; ranges expanded, duplicates removed (the later one wins). */
export function readExpose(node: LNode | undefined, what: string, sink: DiagnosticSink): ComposeExpose[] {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  if (node.kind !== 'seq') {
    sink.error('compose/invalid-value', `${what} must be a list`, node.loc);
    return [];
  }
  const out: ComposeExpose[] = [];
  const indexByKey = new Map<string, number>();
  for (const item of node.items) {
    if (item.kind !== 'scalar' || item.value === null) {
      sink.error('compose/invalid-port', `${what} items must be ports or port ranges`, item.loc);
      continue;
    }
    const text = String(item.value).trim();
    const slash = text.indexOf('/');
    const protocol = slash >= 0 ? text.slice(slash + 1).toLowerCase() : 'tcp';
    const range = parsePortRange(slash >= 0 ? text.slice(0, slash) : text);
    if (!range || !PROTOCOLS.has(protocol)) {
      sink.error('compose/invalid-port', `Invalid exposed port "${text}"`, item.loc, { found: text });
      continue;
    }
    for (let port = range.start; port <= range.end; port++) {
      const key = `${port}/${protocol}`;
      const index = indexByKey.get(key);
      if (index === undefined) {
        indexByKey.set(key, out.length);
        out.push({ port, protocol, loc: item.loc });
      } else out[index] = { port, protocol, loc: item.loc };
    }
  }
  return out;
}
