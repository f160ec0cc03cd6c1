/**
 * Well-known images: what a service running them is (its kind), what to call the technology, and
 * the roles of the ports the image listens on by default. Used by `topodoc import` to guess; every
 * guess is marked for review in the written topology. Pure.
 */
import type { ImageRef } from '../compose/image-ref.ts';
import { tagVersion } from '../compose/image-ref.ts';

export type ServiceKind =
  | 'proxy'
  | 'app'
  | 'frontend'
  | 'api'
  | 'worker'
  | 'database'
  | 'cache'
  | 'queue'
  | 'object-storage'
  | 'monitoring'
  | 'exporter'
  | 'auth'
  | 'static'
  | 'tool';

export type PortRoleName = 'main' | 'http' | 'https' | 'stream' | 'websocket' | 'metrics' | 'health' | 'admin' | 'console' | 'dashboard' | 'grpc';

export type PortScheme = 'http' | 'https' | 'ws' | 'grpc' | 'tcp' | 'redis' | 'postgres' | 'mysql' | 'amqp' | 'mongodb';

export interface Technology {
  /** Display name; the image tag's version is appended when it has one (`PostgreSQL 16`). */
  name: string;
  kind: ServiceKind;
  /** Ports the image listens on by default, by role. */
  ports?: Partial<Record<number, PortRoleName>>;
  /** Application protocol of the main port. */
  scheme?: PortScheme;
  /** Leave the tag's version out of the name (images whose tags are not the product version). */
  unversioned?: boolean;
  /** The product without version, e.g. `PostgreSQL` (set on matches). */
  product?: string;
}

interface Entry extends Technology {
  /** Image names (last path component) this entry stands for. */
  names?: string[];
  /** Full image paths (below the registry), checked before names. */
  paths?: string[];
  pattern?: RegExp;
}

const DB = 'database' as const;

/** Checked in order; paths first, then names, then patterns. */
const ENTRIES: Entry[] = [
  // Reverse proxies and web servers.
  { names: ['traefik'], name: 'Traefik', kind: 'proxy', ports: { 8080: 'dashboard', 8082: 'metrics' } },
  { names: ['nginx', 'nginx-unprivileged', 'openresty'], name: 'Nginx', kind: 'proxy', ports: { 80: 'main', 443: 'https' }, scheme: 'http' },
  { names: ['httpd'], name: 'Apache httpd', kind: 'static', ports: { 80: 'main', 443: 'https' }, scheme: 'http' },
  { names: ['caddy'], name: 'Caddy', kind: 'proxy', ports: { 80: 'main', 443: 'https', 2019: 'admin' }, scheme: 'http' },
  { names: ['haproxy'], name: 'HAProxy', kind: 'proxy', scheme: 'http' },
  { names: ['envoy'], name: 'Envoy', kind: 'proxy', ports: { 9901: 'admin' } },
  { names: ['cloudflared'], name: 'cloudflared', kind: 'proxy' },
  // Databases.
  { paths: ['postgis/postgis'], name: 'PostgreSQL + PostGIS', kind: DB, ports: { 5432: 'main' }, scheme: 'postgres' },
  { paths: ['pgvector/pgvector', 'ankane/pgvector'], name: 'PostgreSQL + pgvector', kind: DB, ports: { 5432: 'main' }, scheme: 'postgres' },
  { paths: ['timescale/timescaledb', 'timescale/timescaledb-ha'], name: 'TimescaleDB', kind: DB, ports: { 5432: 'main' }, scheme: 'postgres' },
  { names: ['postgres', 'postgresql'], name: 'PostgreSQL', kind: DB, ports: { 5432: 'main' }, scheme: 'postgres' },
  { names: ['mysql', 'mysql-server', 'percona-server'], name: 'MySQL', kind: DB, ports: { 3306: 'main', 33060: 'stream' }, scheme: 'mysql' },
  { names: ['mariadb'], name: 'MariaDB', kind: DB, ports: { 3306: 'main' }, scheme: 'mysql' },
  { names: ['mongo', 'mongodb', 'mongodb-community-server'], name: 'MongoDB', kind: DB, ports: { 27017: 'main' }, scheme: 'mongodb' },
  { paths: ['mssql/server', 'mssql/rhel/server'], name: 'SQL Server', kind: DB, ports: { 1433: 'main' } },
  { paths: ['azure-sql-edge'], name: 'Azure SQL Edge', kind: DB, ports: { 1433: 'main' } },
  { names: ['cassandra'], name: 'Cassandra', kind: DB, ports: { 9042: 'main' } },
  { names: ['couchdb'], name: 'CouchDB', kind: DB, ports: { 5984: 'main' }, scheme: 'http' },
  { names: ['neo4j'], name: 'Neo4j', kind: DB, ports: { 7687: 'main', 7474: 'http' } },
  { names: ['clickhouse-server'], name: 'ClickHouse', kind: DB, ports: { 8123: 'main', 9000: 'stream' } },
  { names: ['influxdb'], name: 'InfluxDB', kind: DB, ports: { 8086: 'main' }, scheme: 'http' },
  { names: ['elasticsearch'], name: 'Elasticsearch', kind: DB, ports: { 9200: 'main', 9300: 'stream' }, scheme: 'http' },
  { names: ['opensearch'], name: 'OpenSearch', kind: DB, ports: { 9200: 'main', 9300: 'stream' }, scheme: 'http' },
  { names: ['cockroach'], name: 'CockroachDB', kind: DB, ports: { 26257: 'main', 8080: 'console' } },
  // Caches.
  { names: ['redis', 'redis-stack-server', 'redismod'], name: 'Redis', kind: 'cache', ports: { 6379: 'main' }, scheme: 'redis' },
  { names: ['redis-stack'], name: 'Redis Stack', kind: 'cache', ports: { 6379: 'main', 8001: 'console' }, scheme: 'redis' },
  { names: ['valkey'], name: 'Valkey', kind: 'cache', ports: { 6379: 'main' }, scheme: 'redis' },
  { names: ['keydb'], name: 'KeyDB', kind: 'cache', ports: { 6379: 'main' }, scheme: 'redis' },
  { names: ['dragonfly'], name: 'Dragonfly', kind: 'cache', ports: { 6379: 'main' }, scheme: 'redis' },
  { names: ['memcached'], name: 'Memcached', kind: 'cache', ports: { 11211: 'main' } },
  // Queues and brokers.
  { names: ['rabbitmq'], name: 'RabbitMQ', kind: 'queue', ports: { 5672: 'main', 15672: 'admin', 15692: 'metrics' }, scheme: 'amqp' },
  { names: ['nats', 'nats-streaming'], name: 'NATS', kind: 'queue', ports: { 4222: 'main', 8222: 'admin', 6222: 'stream' } },
  { names: ['kafka', 'cp-kafka', 'cp-server'], name: 'Kafka', kind: 'queue', ports: { 9092: 'main' }, unversioned: true },
  { names: ['redpanda'], name: 'Redpanda', kind: 'queue', ports: { 9092: 'main', 9644: 'admin', 8081: 'http', 8082: 'stream' } },
  { names: ['zookeeper', 'cp-zookeeper'], name: 'ZooKeeper', kind: 'tool', ports: { 2181: 'main' }, unversioned: true },
  { names: ['activemq', 'activemq-classic', 'activemq-artemis'], name: 'ActiveMQ', kind: 'queue', ports: { 61616: 'main', 8161: 'console' } },
  { names: ['eclipse-mosquitto', 'mosquitto'], name: 'Mosquitto (MQTT)', kind: 'queue', ports: { 1883: 'main', 9001: 'websocket' } },
  // Object storage.
  { names: ['minio'], name: 'MinIO', kind: 'object-storage', ports: { 9000: 'main', 9001: 'console' }, scheme: 'http', unversioned: true },
  { names: ['seaweedfs'], name: 'SeaweedFS', kind: 'object-storage' },
  { names: ['localstack'], name: 'LocalStack', kind: 'object-storage', ports: { 4566: 'main' } },
  // Monitoring and its exporters.
  { names: ['prometheus'], name: 'Prometheus', kind: 'monitoring', ports: { 9090: 'main' }, scheme: 'http' },
  { names: ['grafana', 'grafana-enterprise', 'grafana-oss'], name: 'Grafana', kind: 'monitoring', ports: { 3000: 'main' }, scheme: 'http' },
  { names: ['alertmanager'], name: 'Alertmanager', kind: 'monitoring', ports: { 9093: 'main' }, scheme: 'http' },
  { names: ['loki'], name: 'Loki', kind: 'monitoring', ports: { 3100: 'main' }, scheme: 'http' },
  { names: ['promtail'], name: 'Promtail', kind: 'monitoring', ports: { 9080: 'main' } },
  { names: ['tempo'], name: 'Tempo', kind: 'monitoring', ports: { 3200: 'main' } },
  { names: ['all-in-one', 'jaeger'], name: 'Jaeger', kind: 'monitoring', ports: { 16686: 'main', 4317: 'grpc' } },
  { names: ['uptime-kuma'], name: 'Uptime Kuma', kind: 'monitoring', ports: { 3001: 'main' }, scheme: 'http' },
  { names: ['netdata'], name: 'Netdata', kind: 'monitoring', ports: { 19999: 'main' }, scheme: 'http' },
  { names: ['kibana'], name: 'Kibana', kind: 'monitoring', ports: { 5601: 'main' }, scheme: 'http' },
  { names: ['logstash'], name: 'Logstash', kind: 'worker', ports: { 5044: 'main', 9600: 'admin' } },
  { names: ['fluentd', 'fluent-bit'], name: 'Fluentd', kind: 'worker', ports: { 24224: 'main' } },
  { names: ['otel-collector', 'opentelemetry-collector', 'opentelemetry-collector-contrib'], name: 'OpenTelemetry Collector', kind: 'monitoring', ports: { 4317: 'grpc', 4318: 'main' } },
  { names: ['cadvisor'], name: 'cAdvisor', kind: 'exporter', ports: { 8080: 'metrics' }, unversioned: true },
  { names: ['node-exporter'], name: 'Node Exporter', kind: 'exporter', ports: { 9100: 'metrics' } },
  { pattern: /(^|[-_])exporter$/, name: '', kind: 'exporter' },
  // Tools and admin UIs.
  { names: ['portainer-ce', 'portainer', 'portainer-ee'], name: 'Portainer', kind: 'tool', ports: { 9000: 'main', 9443: 'https', 8000: 'stream' } },
  { names: ['pgadmin4'], name: 'pgAdmin', kind: 'tool', ports: { 80: 'main', 443: 'https' }, scheme: 'http' },
  { names: ['adminer'], name: 'Adminer', kind: 'tool', ports: { 8080: 'main' }, scheme: 'http' },
  { names: ['phpmyadmin'], name: 'phpMyAdmin', kind: 'tool', ports: { 80: 'main' }, scheme: 'http' },
  { names: ['mailhog', 'mailpit'], name: 'Mail catcher', kind: 'tool', ports: { 1025: 'stream', 8025: 'main' } },
  { names: ['watchtower'], name: 'Watchtower', kind: 'tool' },
  { names: ['whoami'], name: 'whoami', kind: 'app', ports: { 80: 'main' }, scheme: 'http' },
  // Identity.
  { names: ['keycloak'], name: 'Keycloak', kind: 'auth', ports: { 8080: 'main', 8443: 'https', 9000: 'health' }, scheme: 'http' },
  { names: ['authelia'], name: 'Authelia', kind: 'auth', ports: { 9091: 'main' }, scheme: 'http' },
  { names: ['oauth2-proxy'], name: 'OAuth2 Proxy', kind: 'auth', ports: { 4180: 'main' }, scheme: 'http' },
  { paths: ['goauthentik/server'], name: 'authentik', kind: 'auth' },
  // Applications shipped as images.
  { names: ['wordpress'], name: 'WordPress', kind: 'app', ports: { 80: 'main' }, scheme: 'http' },
  { names: ['nextcloud'], name: 'Nextcloud', kind: 'app', ports: { 80: 'main' }, scheme: 'http' },
  { names: ['gitea'], name: 'Gitea', kind: 'app', ports: { 3000: 'main', 22: 'stream' }, scheme: 'http' },
  { names: ['ghost'], name: 'Ghost', kind: 'app', ports: { 2368: 'main' }, scheme: 'http' },
  { names: ['n8n'], name: 'n8n', kind: 'app', ports: { 5678: 'main' }, scheme: 'http' },
  { names: ['pms-docker', 'plex'], name: 'Plex Media Server', kind: 'app', ports: { 32400: 'main' }, unversioned: true },
  { names: ['pihole'], name: 'Pi-hole', kind: 'app', ports: { 53: 'main', 80: 'http', 443: 'https', 67: 'stream' } },
  { names: ['wireguard'], name: 'WireGuard', kind: 'app', ports: { 51820: 'main' }, unversioned: true },
  { names: ['minecraft-server'], name: 'Minecraft server', kind: 'app', ports: { 25565: 'main' }, unversioned: true },
  // Language runtimes: the service's own code runs on them.
  { names: ['node'], name: 'Node.js', kind: 'app' },
  { names: ['bun'], name: 'Bun', kind: 'app' },
  { names: ['deno'], name: 'Deno', kind: 'app' },
  { names: ['python', 'pypy'], name: 'Python', kind: 'app' },
  { names: ['php'], name: 'PHP', kind: 'app' },
  { names: ['golang'], name: 'Go', kind: 'app' },
  { names: ['openjdk', 'eclipse-temurin', 'amazoncorretto', 'ibmjava', 'maven', 'gradle'], name: 'Java', kind: 'app' },
  { names: ['ruby'], name: 'Ruby', kind: 'app' },
  { names: ['rust'], name: 'Rust', kind: 'app' },
  { paths: ['dotnet/aspnet', 'dotnet/sdk', 'dotnet/core/aspnet', 'dotnet/core/sdk'], name: '.NET', kind: 'app' },
  { names: ['elixir'], name: 'Elixir', kind: 'app' },
  { names: ['alpine', 'busybox', 'debian', 'ubuntu'], name: '', kind: 'tool' },
];

/** The well-known technology an image stands for, with the version its tag names. */
export function technologyOfImage(image: ImageRef): Technology | undefined {
  const entry =
    ENTRIES.find((e) => e.paths?.some((p) => image.path === p || image.path.endsWith(`/${p}`))) ??
    ENTRIES.find((e) => e.names?.includes(image.name)) ??
    ENTRIES.find((e) => e.pattern?.test(image.name));
  if (!entry) return undefined;
  const { names: _n, paths: _p, pattern: _r, ...technology } = entry;
  const base = technology.name || (technology.kind === 'exporter' ? exporterName(image.name) : '');
  const version = technology.unversioned ? undefined : tagVersion(image.tag);
  // Traefik is named by its `v3` tags; other products drop the `v`.
  const shownVersion = version === undefined ? undefined : base === 'Traefik' ? version : version.replace(/^v/, '');
  const flavour = tagFlavour(image);
  const name = base === '' ? '' : `${base}${shownVersion ? ` ${shownVersion}` : ''}${flavour ? ` + ${flavour}` : ''}`;
  return { ...technology, name, product: base };
}

/** `postgres-exporter` → `Postgres Exporter`, `redis_exporter` → `Redis Exporter`. */
function exporterName(name: string): string {
  return name
    .split(/[-_]/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/** The runtime named on a variant tag, e.g. `php:8.2-apache` runs Apache too. */
function tagFlavour(image: ImageRef): string | undefined {
  if (image.name === 'php' && /apache/.test(image.tag)) return 'Apache';
  if (image.name === 'php' && /fpm/.test(image.tag)) return 'FPM';
  return undefined;
}
