/**
 * Guesses what a compose service is (its topology `kind`) and names its technology, from its image,
 * the image its Dockerfile starts FROM, its command and its name. Each answer says what it was guessed
 * from, so the written topology can mark it for review. Pure.
 */
import { parseImageRef } from '../compose/image-ref.ts';
import { technologyOfImage, type ServiceKind, type Technology } from './technologies.ts';

export interface ServiceFacts {
  name: string;
  /** Image as written (with `${VAR}` kept), when compose names one. */
  image?: string;
  /** The image the service's Dockerfile builds FROM (its last stage), when it could be read. */
  buildFrom?: string;
  /** `command` and `entrypoint` words. */
  command: string[];
  /** Services it depends on. */
  dependsOn: string[];
  /** Whether a Traefik HTTP router sends traffic to it. */
  routed: boolean;
}

export interface Guess<T> {
  value: T;
  /** What it was guessed from, e.g. `image postgres:16`. */
  from: string;
}

export interface ServiceIdentity {
  kind: Guess<ServiceKind>;
  technology?: Guess<string>;
  /** The well-known technology, for its default port roles. */
  known?: Technology;
}

const WORKER_COMMAND = /\b(worker|celery|sidekiq|queue:work|queue:listen|rq|consumer|consume|scheduler|cron|beat|horizon)\b/i;

const NAME_KINDS: Array<[RegExp, ServiceKind]> = [
  [/exporter/, 'exporter'],
  [/worker|consumer|scheduler|cron|jobs?$|celery|sidekiq|queue-?runner/, 'worker'],
  [/prometheus|grafana|monitor|metrics|alertmanager|loki/, 'monitoring'],
  [/^(db|database|postgres|postgresql|mysql|mariadb|mongo|mongodb|sql)([-_]|$)|[-_](db|database)$/, 'database'],
  [/redis|cache|memcache|valkey/, 'cache'],
  [/rabbit|kafka|nats|broker|mq$/, 'queue'],
  [/minio|storage|s3$/, 'object-storage'],
  [/traefik|proxy|gateway|ingress|nginx|^lb$|load-?balancer/, 'proxy'],
  [/auth|keycloak|sso|identity/, 'auth'],
  [/^(api|backend|server)([-_]|$)|[-_](api|backend|server)$/, 'api'],
  [/front|^web$|^ui$|[-_]ui$|client|^site$|www|^spa$|react|vue|angular|svelte|^next/, 'frontend'],
  [/static|docs/, 'static'],
];

/** The service's kind and technology, each with what it was guessed from. */
export function identifyService(facts: ServiceFacts): ServiceIdentity {
  const image = facts.image !== undefined ? parseImageRef(facts.image) : undefined;
  const fromImage = image ? technologyOfImage(image) : undefined;
  const built = facts.buildFrom !== undefined ? parseImageRef(facts.buildFrom) : undefined;
  const fromBuild = fromImage === undefined && built ? technologyOfImage(built) : undefined;
  const known = fromImage ?? fromBuild;
  const source = fromImage ? `image ${facts.image}` : fromBuild ? `the Dockerfile's FROM ${facts.buildFrom}` : undefined;
  const out: ServiceIdentity = { kind: kindOf(facts, known, source) };
  if (known && known.name !== '' && source) out.technology = { value: known.name, from: source };
  if (known) out.known = known;
  return out;
}

function kindOf(facts: ServiceFacts, known: Technology | undefined, source: string | undefined): Guess<ServiceKind> {
  const command = facts.command.join(' ');
  const byName = NAME_KINDS.find(([pattern]) => pattern.test(facts.name.toLowerCase()))?.[1];
  // A runtime image (node, python…) or a base image runs the service's own code: its name and
  // command tell more than the image.
  const ownCode = known === undefined || (known.ports === undefined && (known.kind === 'app' || known.kind === 'tool'));
  if (known && !ownCode) {
    if ((known.kind === 'proxy' || known.kind === 'static') && known.name !== 'Traefik' && known.name !== '' && /^(Nginx|Apache httpd|Caddy)/.test(known.name)) {
      // A web server in front of other services is a reverse proxy; alone it serves files.
      const proxies = facts.dependsOn.length > 0 || byName === 'proxy';
      return { value: proxies ? 'proxy' : 'static', from: `${source}${proxies ? ' in front of other services' : ' serving files'}` };
    }
    return { value: known.kind, from: source! };
  }
  // Only the matched word is quoted: other command words may hold interpolated values.
  const worker = WORKER_COMMAND.exec(command)?.[1];
  if (worker !== undefined && !facts.routed) return { value: 'worker', from: `its command ("${worker}")` };
  if (byName !== undefined) return { value: byName, from: `the service name "${facts.name}"` };
  if (known) return { value: known.kind === 'tool' && facts.routed ? 'app' : known.kind, from: source! };
  return { value: 'app', from: 'nothing specific (the default)' };
}
