/**
 * Middleware types and their options, from Traefik's middleware reference (routing-configuration/http/
 * middlewares/*.md and tcp/middlewares/*.md), including v2 names still accepted by v2 (ipWhiteList…).
 * Option paths are dotted; a trailing `.*` marks a map whose keys are free (header names, plugin options).
 */

/** `userList`: `user:hash` pairs, kept as user names only. `presence`: a section switched on by being set. */
export type OptionKind = 'string' | 'int' | 'bool' | 'list' | 'duration' | 'float' | 'userList' | 'presence';

export type OptionTable = Record<string, OptionKind>;

const SOURCE_CRITERION: OptionTable = {
  'sourceCriterion.ipStrategy.depth': 'int',
  'sourceCriterion.ipStrategy.excludedIPs': 'list',
  'sourceCriterion.ipStrategy.ipv6Subnet': 'int',
  'sourceCriterion.requestHeaderName': 'string',
  'sourceCriterion.requestHost': 'bool',
};

const AUTH: OptionTable = {
  users: 'userList',
  usersFile: 'string',
  realm: 'string',
  removeHeader: 'bool',
  headerField: 'string',
};

const CLIENT_TLS: OptionTable = {
  'tls.ca': 'string',
  'tls.cert': 'string',
  'tls.key': 'string',
  'tls.insecureSkipVerify': 'bool',
  'tls.caOptional': 'bool',
};

export const HTTP_MIDDLEWARES: Record<string, OptionTable> = {
  addPrefix: { prefix: 'string' },
  basicAuth: AUTH,
  digestAuth: AUTH,
  buffering: {
    maxRequestBodyBytes: 'int',
    memRequestBodyBytes: 'int',
    maxResponseBodyBytes: 'int',
    memResponseBodyBytes: 'int',
    retryExpression: 'string',
  },
  chain: { middlewares: 'list' },
  circuitBreaker: {
    expression: 'string',
    checkPeriod: 'duration',
    fallbackDuration: 'duration',
    recoveryDuration: 'duration',
    responseCode: 'int',
  },
  compress: {
    excludedContentTypes: 'list',
    includedContentTypes: 'list',
    minResponseBodyBytes: 'int',
    defaultEncoding: 'string',
    encodings: 'list',
  },
  contentType: { autoDetect: 'bool' },
  errors: { status: 'list', service: 'string', query: 'string', 'statusRewrites.*': 'int' },
  forwardAuth: {
    address: 'string',
    ...CLIENT_TLS,
    trustForwardHeader: 'bool',
    authResponseHeaders: 'list',
    authResponseHeadersRegex: 'string',
    authRequestHeaders: 'list',
    addAuthCookiesToResponse: 'list',
    headerField: 'string',
    forwardBody: 'bool',
    maxBodySize: 'int',
    preserveLocationHeader: 'bool',
    preserveRequestMethod: 'bool',
  },
  grpcWeb: { allowOrigins: 'list' },
  headers: {
    'customRequestHeaders.*': 'string',
    'customResponseHeaders.*': 'string',
    accessControlAllowCredentials: 'bool',
    accessControlAllowHeaders: 'list',
    accessControlAllowMethods: 'list',
    accessControlAllowOrigin: 'string',
    accessControlAllowOriginList: 'list',
    accessControlAllowOriginListRegex: 'list',
    accessControlExposeHeaders: 'list',
    accessControlMaxAge: 'int',
    addVaryHeader: 'bool',
    allowedHosts: 'list',
    hostsProxyHeaders: 'list',
    'sslProxyHeaders.*': 'string',
    stsSeconds: 'int',
    stsIncludeSubdomains: 'bool',
    stsPreload: 'bool',
    forceSTSHeader: 'bool',
    frameDeny: 'bool',
    customFrameOptionsValue: 'string',
    contentTypeNosniff: 'bool',
    browserXssFilter: 'bool',
    customBrowserXSSValue: 'string',
    contentSecurityPolicy: 'string',
    contentSecurityPolicyReportOnly: 'string',
    publicKey: 'string',
    referrerPolicy: 'string',
    permissionsPolicy: 'string',
    featurePolicy: 'string',
    isDevelopment: 'bool',
    // v2 only (removed in v3)
    sslRedirect: 'bool',
    sslTemporaryRedirect: 'bool',
    sslHost: 'string',
    sslForceHost: 'bool',
  },
  ipAllowList: {
    sourceRange: 'list',
    'ipStrategy.depth': 'int',
    'ipStrategy.excludedIPs': 'list',
    'ipStrategy.ipv6Subnet': 'int',
    rejectStatusCode: 'int',
  },
  ipWhiteList: { sourceRange: 'list', 'ipStrategy.depth': 'int', 'ipStrategy.excludedIPs': 'list' },
  inFlightReq: { amount: 'int', ...SOURCE_CRITERION },
  passTLSClientCert: {
    pem: 'bool',
    'info.notAfter': 'bool',
    'info.notBefore': 'bool',
    'info.sans': 'bool',
    'info.serialNumber': 'bool',
    'info.subject.*': 'bool',
    'info.issuer.*': 'bool',
  },
  rateLimit: {
    average: 'int',
    period: 'duration',
    burst: 'int',
    ...SOURCE_CRITERION,
    'redis.*': 'string',
  },
  redirectRegex: { regex: 'string', replacement: 'string', permanent: 'bool' },
  redirectScheme: { scheme: 'string', port: 'string', permanent: 'bool' },
  replacePath: { path: 'string' },
  replacePathRegex: { regex: 'string', replacement: 'string' },
  retry: { attempts: 'int', initialInterval: 'duration' },
  stripPrefix: { prefixes: 'list', forceSlash: 'bool' },
  stripPrefixRegex: { regex: 'list' },
  // Plugin options are free-form: `plugin.<name>.<option>`.
  plugin: { '*': 'string' },
};

export const TCP_MIDDLEWARES: Record<string, OptionTable> = {
  ipAllowList: { sourceRange: 'list' },
  ipWhiteList: { sourceRange: 'list' },
  inFlightConn: { amount: 'int' },
};

/** Free-form option keys (header names, plugin and redis options) whose values must never be shown. */
export const SECRET_KEY = /passw|secret|token|api[-_]?key|credential|authorization|cookie|hmac|private|^key$/i;

export interface MiddlewareTypeMatch {
  type: string;
  options: OptionTable;
}

export function findMiddlewareType(protocol: 'http' | 'tcp', written: string): MiddlewareTypeMatch | null {
  const table = protocol === 'http' ? HTTP_MIDDLEWARES : TCP_MIDDLEWARES;
  const lower = written.toLowerCase();
  for (const [type, options] of Object.entries(table)) {
    if (type.toLowerCase() === lower) return { type, options };
  }
  return null;
}

export interface OptionMatch {
  key: string;
  kind: OptionKind;
  /** The free-form part of a map option (`X-Api-Key` in `customRequestHeaders.X-Api-Key`), else null. */
  mapKey: string | null;
}

/** Canonical option path and kind for a written option path, or null when the table has no such option. */
export function findOption(options: OptionTable, written: string[]): OptionMatch | null {
  const lower = written.map((s) => s.toLowerCase());
  for (const [pattern, kind] of Object.entries(options)) {
    const parts = pattern.split('.');
    const isMap = parts[parts.length - 1] === '*';
    const fixed = isMap ? parts.slice(0, -1) : parts;
    if (isMap ? lower.length <= fixed.length : lower.length !== fixed.length) continue;
    if (!fixed.every((part, i) => part.toLowerCase() === lower[i])) continue;
    // Map keys (header names, plugin options) keep their spelling.
    const free = written.slice(fixed.length);
    return { key: [...fixed, ...free].join('.'), kind, mapKey: isMap ? free.join('.') : null };
  }
  return null;
}

/** Router options topodoc keeps without interpreting. */
export const ROUTER_OPTIONS: OptionTable = {
  'observability.accessLogs': 'bool',
  'observability.metrics': 'bool',
  'observability.tracing': 'bool',
  'observability.traceVerbosity': 'string',
  parentRefs: 'list',
};

/** Load-balancer options besides the server port/url/scheme, per protocol. */
export const LOAD_BALANCER_OPTIONS: Record<'http' | 'tcp' | 'udp', OptionTable> = {
  http: {
    'server.weight': 'int',
    'server.preservePath': 'bool',
    passHostHeader: 'bool',
    serversTransport: 'string',
    strategy: 'string',
    'sticky.cookie': 'presence',
    'sticky.cookie.name': 'string',
    'sticky.cookie.secure': 'bool',
    'sticky.cookie.httpOnly': 'bool',
    'sticky.cookie.sameSite': 'string',
    'sticky.cookie.maxAge': 'int',
    'sticky.cookie.path': 'string',
    'sticky.cookie.domain': 'string',
    'sticky.cookie.partitioned': 'bool',
    'healthCheck.*': 'string',
    'passiveHealthCheck.*': 'string',
    'responseForwarding.flushInterval': 'duration',
  },
  tcp: {
    'server.tls': 'bool',
    'proxyProtocol.version': 'int',
    serversTransport: 'string',
    terminationDelay: 'int',
    'healthCheck.*': 'string',
  },
  udp: {},
};
