/**
 * Service `healthcheck` (05-services.md): `test` as a string (run with the container's shell,
 * i.e. `CMD-SHELL`) or a list starting with `NONE`, `CMD` or `CMD-SHELL`; durations
 * `interval`, `timeout`, `start_period`, `start_interval` in Go duration syntax (`1m30s`);
 * `retries`; `disable: true` (same as `test: ["NONE"]`).
 */
import type { DiagnosticSink } from './diagnostic-sink.ts';
import { readBool, readLocatedInt, readString } from './field-read.ts';
import type { LNode } from './located.ts';
import type { ComposeDuration, ComposeHealthcheck } from './types.ts';

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a Go duration string (`1h2m3.5s`, `300ms`, `0`); undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const body = trimmed.replace(/^[+-]/, '');
  if (body === '') return undefined;
  const pattern = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed = pattern.lastIndex;
  }
  if (consumed !== body.length) return undefined;
  return trimmed.startsWith('-') ? -total : total;
}

function readDuration(node: LNode | undefined, what: string, sink: DiagnosticSink): ComposeDuration | undefined {
  const text = readString(node, what, sink);
  if (text === undefined || node === undefined) return undefined;
  const milliseconds = parseDuration(text);
  if (milliseconds === undefined) {
    sink.error('compose/invalid-value', `${what}: invalid duration "${text}" (expected e.g. 30s, 1m30s, 500ms)`, node.loc, { found: text });
    return undefined;
  }
  return { text, milliseconds, loc: node.loc };
}

export function readHealthcheck(node: LNode | undefined, what: string, sink: DiagnosticSink): ComposeHealthcheck | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind !== 'map') {
    sink.error('compose/invalid-value', `${what} must be a mapping`, node.loc);
    return undefined;
  }
  const get = (key: string): LNode | undefined => node.entries.get(key)?.value;
  const health: ComposeHealthcheck = { disabled: readBool(get('disable'), `${what}.disable`, sink) ?? false, loc: node.loc };
  const testNode = get('test');
  if (testNode !== undefined && !(testNode.kind === 'scalar' && testNode.value === null)) {
    if (testNode.kind === 'scalar') {
      health.test = { value: ['CMD-SHELL', String(testNode.value)], loc: testNode.loc };
    } else if (testNode.kind === 'seq') {
      const items = testNode.items.map((item) => readString(item, `${what}.test item`, sink) ?? '');
      const head = items[0];
      if (head !== 'NONE' && head !== 'CMD' && head !== 'CMD-SHELL') {
        sink.error('compose/invalid-value', `${what}.test: a list must start with "NONE", "CMD" or "CMD-SHELL"`, testNode.loc, { found: head ?? '' });
      }
      health.test = { value: items, loc: testNode.loc };
      if (head === 'NONE') health.disabled = true;
    } else {
      sink.error('compose/invalid-value', `${what}.test must be a string or a list`, testNode.loc);
    }
  }
  const interval = readDuration(get('interval'), `${what}.interval`, sink);
  if (interval) health.interval = interval;
  const timeout = readDuration(get('timeout'), `${what}.timeout`, sink);
  if (timeout) health.timeout = timeout;
  const startPeriod = readDuration(get('start_period'), `${what}.start_period`, sink);
  if (startPeriod) health.startPeriod = startPeriod;
  const startInterval = readDuration(get('start_interval'), `${what}.start_interval`, sink);
  if (startInterval) health.startInterval = startInterval;
  const retries = readLocatedInt(get('retries'), `${what}.retries`, sink);
  if (retries) health.retries = retries;
  return health;
}
