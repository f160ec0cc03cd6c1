import * as z from 'zod';
import { Description, Duration, Id, Notes, PortNumber, Status } from './common.ts';

export const SERVICE_KINDS = [
  'proxy',
  'app',
  'frontend',
  'api',
  'worker',
  'database',
  'cache',
  'queue',
  'object-storage',
  'monitoring',
  'exporter',
  'auth',
  'static',
  'tool',
] as const;
export const ServiceKind = z.enum(SERVICE_KINDS).meta({
  description: 'What the service is; drives its shape and colour in diagrams and the security rules that apply.',
});

export const PORT_ROLES = ['main', 'http', 'https', 'stream', 'websocket', 'metrics', 'health', 'admin', 'console', 'dashboard', 'grpc'] as const;
export const PortRole = z.enum(PORT_ROLES).meta({
  description: 'Why a port exists: `main` traffic, `stream`/`websocket`, `metrics` (Prometheus), `health`, `admin`/`console`/`dashboard` UIs.',
});

export const PortSpec = z
  .strictObject({
    port: PortNumber.meta({ description: 'Container port.' }),
    protocol: z.enum(['tcp', 'udp']).default('tcp'),
    scheme: z.enum(['http', 'https', 'ws', 'grpc', 'tcp', 'redis', 'postgres', 'mysql', 'amqp', 'mongodb']).optional().meta({
      description: 'Application protocol spoken on the port.',
    }),
    published: PortNumber.optional().meta({ description: 'Host port it is published on. Unpublished ports are reachable only on Docker networks.' }),
    hostIp: z.string().optional().meta({ description: 'Host address it is published on (default all interfaces).' }),
    optional: z.boolean().optional().meta({ description: 'Published only in some setups (e.g. an optional dashboard).' }),
    description: Description.optional(),
  })
  .meta({ description: 'A port with its details.' });

export const Port = z.union([PortNumber, PortSpec]).meta({ description: 'A container port: a number, or an object with details.' });

export const Ports = z.partialRecord(PortRole, Port).meta({ description: 'Ports by role, e.g. `{ main: 3000, metrics: 3090, health: 3091 }`.' });

export const HealthCheck = z
  .strictObject({
    type: z.enum(['command', 'http', 'tcp']).meta({ description: 'How health is probed.' }),
    command: z.string().optional().meta({ description: 'The probe command for `command` checks, e.g. `pg_isready`.' }),
    path: z.string().optional().meta({ description: 'HTTP path for `http` checks, e.g. `/health`.' }),
    port: z.union([PortRole, PortNumber]).optional().meta({ description: 'Port probed: a role of this service or a number; defaults to `health`, then `main`.' }),
    interval: Duration.optional(),
    timeout: Duration.optional(),
    retries: z.number().int().positive().optional(),
    startPeriod: Duration.optional(),
    implemented: z.boolean().default(true).meta({ description: 'False when the doc says the endpoint may not exist yet ("if implemented").' }),
    description: Description.optional(),
  })
  .meta({ description: 'A Docker health check.' });

export const DependencyCondition = z
  .enum(['service_started', 'service_healthy', 'service_completed_successfully'])
  .meta({ description: 'Compose `depends_on` condition.' });

export const DependsOn = z
  .union([
    z.array(Id),
    z.record(
      Id,
      z.union([
        DependencyCondition,
        z.strictObject({ condition: DependencyCondition, required: z.boolean().optional(), restart: z.boolean().optional() }),
      ]),
    ),
  ])
  .meta({ description: 'Start-up dependencies, as in Compose: a list of service ids, or a map of id to condition.' });

export const Use = z
  .strictObject({
    service: Id.meta({ description: 'The service or external used.' }),
    port: z.union([PortRole, PortNumber]).optional().meta({ description: 'Port used on the target (role or number); defaults to its `main` port.' }),
    label: z.string().optional().meta({ description: 'What flows, e.g. "Query Metrics", "SQL".' }),
    direction: z.enum(['to', 'both']).default('to').meta({ description: '`both` draws a two-way arrow (request/response chatter both ways).' }),
    optional: z.boolean().optional().meta({ description: 'Only in some requests ("if needed").' }),
  })
  .meta({ description: 'A runtime call from this service to another one.' });

export const ServiceVolume = z
  .strictObject({
    volume: z.string().meta({ description: 'A volume id from `volumes`, or a host path for a bind mount (`./backups`, `/var/run/docker.sock`).' }),
    target: z.string().meta({ description: 'Mount path in the container.' }),
    readOnly: z.boolean().optional(),
  })
  .meta({ description: 'A mount.' });

export const Scaling = z
  .strictObject({
    replicas: z.number().int().nonnegative().default(1).meta({ description: 'Instances normally run.' }),
    max: z.number().int().positive().optional().meta({ description: 'Instances it may be scaled to (e.g. `--scale api=3`).' }),
    horizontal: z.boolean().optional().meta({ description: 'Can be scaled out by adding instances.' }),
    strategy: z.string().optional().meta({ description: 'How load spreads, e.g. "workers pull jobs from the Redis queue (BullMQ)".' }),
    notes: Notes.optional(),
  })
  .meta({ description: 'Replicas and how the service scales.' });

export const Resources = z
  .strictObject({
    cpus: z.union([z.number().positive(), z.string()]).optional(),
    memory: z.string().optional().meta({ description: 'Memory limit, e.g. `512M`.' }),
  })
  .meta({ description: 'Resource limits (compose `deploy.resources.limits`).' });

export const Build = z
  .union([
    z.string().min(1),
    z.strictObject({
      context: z.string().min(1).meta({ description: 'Build context: a directory relative to the compose project directory (`./api`), or a Git URL.' }),
      dockerfile: z.string().min(1).optional().meta({ description: 'Dockerfile, relative to the context; defaults to `Dockerfile`.' }),
      target: z.string().min(1).optional().meta({ description: 'Stage of a multi-stage Dockerfile that is built, e.g. `production`.' }),
    }),
  ])
  .meta({
    description: 'Where compose builds the image from (compose `build`): the context directory, or an object with the context, the Dockerfile and the target stage.',
  });

export const Service = z
  .strictObject({
    name: z.string().min(1).optional().meta({ description: 'Display name; defaults to the id.' }),
    kind: ServiceKind,
    technology: z.string().optional().meta({ description: 'Main technology, e.g. "Next.js", "PostgreSQL + pgvector".' }),
    description: Description.optional(),
    notes: Notes.optional(),
    status: Status.optional(),
    group: Id.optional().meta({ description: 'Id of the group (stack, layer) it belongs to.' }),
    image: z.string().optional().meta({ description: 'Container image, e.g. `postgres:16`.' }),
    build: Build.optional(),
    containerName: z.string().optional().meta({ description: 'Compose `container_name`.' }),
    hostname: z.string().optional().meta({ description: 'Internal DNS name on its networks; defaults to the service id.' }),
    ports: Ports.optional(),
    user: z.string().optional().meta({ description: 'User the process runs as (compose `user`, or the image\'s USER). Absent means unknown; `root` is explicit.' }),
    readOnly: z.boolean().optional().meta({ description: 'Root filesystem is read-only.' }),
    healthcheck: HealthCheck.optional(),
    scaling: Scaling.optional(),
    resources: Resources.optional(),
    restart: z.enum(['no', 'always', 'on-failure', 'unless-stopped']).optional(),
    dependsOn: DependsOn.optional(),
    uses: z.array(Use).optional().meta({ description: 'Runtime calls to other services or externals (drawn as edges, used in request flows).' }),
    networks: z.array(Id).optional().meta({ description: 'Networks it joins.' }),
    volumes: z.array(ServiceVolume).optional(),
    scrapes: z.array(Id).optional().meta({ description: 'For a Prometheus-like service: the services whose `metrics` ports it scrapes.' }),
    exports: Id.optional().meta({ description: 'For an exporter: the service whose metrics it exposes.' }),
    logs: z.string().optional().meta({ description: 'Where its logs are read, e.g. `docker logs selly-api` or `/var/log/traefik/`.' }),
    environment: z
      .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'an environment variable name (never NAME=value)'))
      .optional()
      .meta({ description: 'Names of the environment variables it needs (never values).' }),
  })
  .meta({ description: 'A container service.' });
