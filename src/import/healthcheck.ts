/**
 * A compose health check as the topology states it: an `http` probe when the test calls a local URL
 * on one of the service's ports, else a `command` probe naming the start of the test. Only the
 * leading words of the test are kept, up to the first option that may carry a credential or a value
 * (`-U user`, `-p…`, `--password=…`), a variable or a shell operator, so no secret is written. Pure.
 */
import type { ComposeDuration, ComposeHealthcheck } from '../compose/types.ts';
import type { SecretGuard } from './secrets.ts';

export interface TopologyHealthCheck {
  type: 'command' | 'http';
  command?: string;
  path?: string;
  port?: string | number;
  interval?: string;
  timeout?: string;
  retries?: number;
  startPeriod?: string;
}

const LOCAL_URL = /\bhttps?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d{1,5}))?(\/[^\s"'|;&>?#]*)?/;

/** Flags that take a user, password or token as their value, in the tools health checks use. */
const CREDENTIAL_FLAG = /^(-[pPuUaH]|--?(user(name)?|pass(word)?|auth\w*|token|api-?key|secret|credentials?|header|cookie)\b)/;

/** The topology health check of a compose one; undefined when compose disables it or has none. */
export function importHealthcheck(health: ComposeHealthcheck | undefined, roleOfPort: (port: number) => string | undefined, guard: SecretGuard): TopologyHealthCheck | undefined {
  if (!health || health.disabled) return undefined;
  const text = (health.test?.value ?? []).slice(1).join(' ').replace(/\s+/g, ' ').trim();
  const out: TopologyHealthCheck = { type: 'command' };
  const url = LOCAL_URL.exec(text);
  const urlPort = url?.[1] !== undefined ? Number(url[1]) : undefined;
  const role = urlPort !== undefined ? roleOfPort(urlPort) : undefined;
  if (url && role !== undefined && !guard.holdsSecret(url[0])) {
    out.type = 'http';
    const path = url[2];
    if (path !== undefined && path !== '') out.path = path;
    out.port = role;
  } else {
    const command = safeCommand(text, guard);
    if (command !== '') out.command = command;
  }
  const interval = duration(health.interval);
  if (interval) out.interval = interval;
  const timeout = duration(health.timeout);
  if (timeout) out.timeout = timeout;
  if (health.retries && health.retries.value > 0) out.retries = health.retries.value;
  const startPeriod = duration(health.startPeriod);
  if (startPeriod) out.startPeriod = startPeriod;
  return out;
}

/** The leading words of a test that are safe to publish (see the file comment). */
function safeCommand(text: string, guard: SecretGuard): string {
  const words: string[] = [];
  for (const word of text.split(' ')) {
    if (word === '' || /[$`"'\\@;|&<>()=]/.test(word) || CREDENTIAL_FLAG.test(word)) break;
    if (guard.holdsSecret(word)) break;
    words.push(word);
  }
  return words.join(' ');
}

const DURATION = /^\d+(\.\d+)?(ms|s|m|h|d)(\d+(\.\d+)?(ms|s|m|h|d))*$/;

/** A compose duration in the topology's form (`30s`, `1m30s`); whole milliseconds otherwise. */
function duration(d: ComposeDuration | undefined): string | undefined {
  if (!d) return undefined;
  const text = d.text.trim();
  if (DURATION.test(text)) return text;
  if (Number.isInteger(d.milliseconds) && d.milliseconds >= 0) return `${d.milliseconds}ms`;
  return undefined;
}
