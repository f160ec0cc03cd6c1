import { didYouMean } from '../util/did-you-mean.ts';
import { formatPath, type Diagnostic, type SourceLoc } from './diagnostics.ts';
import { PORT_ROLES, type TopologyModel, type FlowStep } from './schema/index.ts';
import { dependencies, isHostPath, parseMiddlewareRef, proxyId, publications, resolvePort, servicePorts } from './queries.ts';

type Path = Array<string | number>;
export type Locate = (path: Path, opts?: { key?: boolean }) => SourceLoc;

/**
 * Checks what the schema alone cannot: that every reference points at something declared,
 * that no two services publish the same host port, that depends_on has no cycle, and that
 * ports follow the declared convention. Pure; positions come from `locate`.
 */
export function checkReferences(t: TopologyModel, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const services = Object.keys(t.services);
  const externals = Object.keys(t.externals ?? {});
  const networks = Object.keys(t.networks ?? {});
  const volumes = Object.keys(t.volumes ?? {});
  const middlewares = Object.keys(t.middlewares ?? {});
  const entrypoints = Object.keys(t.entrypoints ?? {});
  const resolvers = Object.keys(t.tls?.resolvers ?? {});
  const groups = Object.keys(t.groups ?? {});

  const dangling = (path: Path, kind: string, name: string, known: string[], where = 'declared') => {
    const suggestion = didYouMean(name, known);
    out.push({
      severity: 'error',
      rule: 'reference/unknown',
      path: formatPath(path),
      loc: locate(path),
      message: `${kind} "${name}" is not ${where}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      expected: known.length ? `one of ${known.join(', ')}` : `a ${kind} ${where}`,
      found: JSON.stringify(name),
    });
  };
  const ref = (path: Path, kind: string, name: string, known: string[], where?: string) => {
    if (!known.includes(name)) dangling(path, kind, name, known, where);
  };
  const portRef = (path: Path, serviceId: string, port: string | number | undefined) => {
    const svc = t.services[serviceId];
    if (!svc || port === undefined || typeof port === 'number') return;
    if (!resolvePort(svc, port)) {
      const roles = servicePorts(svc).map((p) => p.role);
      dangling(path, 'port role', port, roles, `a port of service "${serviceId}"`);
    }
  };

  for (const [id, svc] of Object.entries(t.services)) {
    const at = (...rest: Path): Path => ['services', id, ...rest];
    if (svc.group !== undefined) ref(at('group'), 'group', svc.group, groups, 'declared in groups');
    svc.networks?.forEach((n, i) => ref(at('networks', i), 'network', n, networks, 'declared in networks'));
    const deps = svc.dependsOn;
    if (Array.isArray(deps)) deps.forEach((d, i) => ref(at('dependsOn', i), 'service', d, services, 'declared in services'));
    else if (deps) for (const d of Object.keys(deps)) ref(at('dependsOn', d), 'service', d, services, 'declared in services');
    svc.uses?.forEach((u, i) => {
      if (!services.includes(u.service) && !externals.includes(u.service)) {
        dangling(at('uses', i, 'service'), 'service', u.service, [...services, ...externals], 'declared in services or externals');
      } else portRef(at('uses', i, 'port'), u.service, u.port);
    });
    svc.scrapes?.forEach((s, i) => ref(at('scrapes', i), 'service', s, services, 'declared in services'));
    if (svc.exports !== undefined) ref(at('exports'), 'service', svc.exports, services, 'declared in services');
    svc.volumes?.forEach((v, i) => {
      if (!isHostPath(v.volume)) ref(at('volumes', i, 'volume'), 'volume', v.volume, volumes, 'declared in volumes (host paths start with "/" or ".")');
    });
    if (svc.healthcheck?.port !== undefined) portRef(at('healthcheck', 'port'), id, svc.healthcheck.port);
  }

  for (const [id, route] of Object.entries(t.routes ?? {})) {
    const at = (...rest: Path): Path => ['routes', id, ...rest];
    ref(at('service'), 'service', route.service, services, 'declared in services');
    portRef(at('port'), route.service, route.port);
    route.entrypoints.forEach((e, i) => ref(at('entrypoints', i), 'entrypoint', e, entrypoints, 'declared in entrypoints'));
    route.middlewares?.forEach((m, i) => {
      const { name, provider } = parseMiddlewareRef(m);
      if (provider === 'internal') return;
      ref(at('middlewares', i), 'middleware', name, middlewares, 'declared in middlewares');
    });
    if (typeof route.tls === 'object' && route.tls.certResolver !== undefined) {
      ref(at('tls', 'certResolver'), 'certificate resolver', route.tls.certResolver, resolvers, 'declared in tls.resolvers');
    }
    if (t.dns && !t.dns.domains.some((d) => hostUnder(route.host, d.name))) {
      out.push({
        severity: 'error',
        rule: 'reference/host-without-dns',
        path: formatPath(at('host')),
        loc: locate(at('host')),
        message: `route host "${route.host}" is not covered by any domain in dns.domains`,
        expected: `one of ${t.dns.domains.map((d) => d.name).join(', ')} or a subdomain of a wildcard`,
        found: JSON.stringify(route.host),
      });
    }
  }

  for (const [id, ep] of Object.entries(t.entrypoints ?? {})) {
    if (ep.redirect) ref(['entrypoints', id, 'redirect', 'to'], 'entrypoint', ep.redirect.to, entrypoints, 'declared in entrypoints');
    if (ep.certResolver !== undefined) ref(['entrypoints', id, 'certResolver'], 'certificate resolver', ep.certResolver, resolvers, 'declared in tls.resolvers');
  }
  for (const [id, r] of Object.entries(t.tls?.resolvers ?? {})) {
    if (r.challengeEntrypoint !== undefined) ref(['tls', 'resolvers', id, 'challengeEntrypoint'], 'entrypoint', r.challengeEntrypoint, entrypoints, 'declared in entrypoints');
    if (r.storage.volume !== undefined) ref(['tls', 'resolvers', id, 'storage', 'volume'], 'volume', r.storage.volume, volumes, 'declared in volumes');
  }
  for (const [id, mw] of Object.entries(t.middlewares ?? {})) {
    const provider = mw.forwardAuth?.provider;
    if (provider !== undefined && !services.includes(provider) && !externals.includes(provider)) {
      dangling(['middlewares', id, 'forwardAuth', 'provider'], 'service or external', provider, [...services, ...externals], 'declared in services or externals');
    }
    mw.chain?.middlewares.forEach((m, i) => ref(['middlewares', id, 'chain', 'middlewares', i], 'middleware', parseMiddlewareRef(m).name, middlewares, 'declared in middlewares'));
  }

  if (t.proxy !== undefined) {
    ref(['proxy'], 'service', t.proxy, services, 'declared in services');
  } else if ((t.routes && Object.keys(t.routes).length) || t.entrypoints) {
    const proxies = services.filter((s) => t.services[s]!.kind === 'proxy');
    if (proxies.length !== 1) {
      out.push({
        severity: 'error',
        rule: 'reference/proxy',
        path: 'proxy',
        loc: locate([]),
        message: proxies.length
          ? `several services are of kind "proxy" (${proxies.join(', ')}); name the Traefik one in "proxy"`
          : 'routes and entrypoints need a Traefik service: add a service of kind "proxy" or name it in "proxy"',
      });
    }
  }

  for (const [id, flow] of Object.entries(t.flows ?? {})) {
    const ids = flow.participants.map((p) => p.id);
    flow.participants.forEach((p, i) => {
      if (ids.indexOf(p.id) !== i) {
        out.push({ severity: 'error', rule: 'reference/duplicate', path: formatPath(['flows', id, 'participants', i, 'id']), loc: locate(['flows', id, 'participants', i, 'id']), message: `participant id "${p.id}" is declared twice in flow "${id}"` });
      }
      if (p.ref !== undefined && !services.includes(p.ref) && !externals.includes(p.ref)) {
        dangling(['flows', id, 'participants', i, 'ref'], 'service or external', p.ref, [...services, ...externals], 'declared in services or externals');
      }
    });
    const walk = (steps: FlowStep[], base: Path) =>
      steps.forEach((step, i) => {
        const at = [...base, i];
        if (step.from !== undefined) ref([...at, 'from'], 'participant', step.from, ids, `a participant of flow "${id}"`);
        if (step.to !== undefined) ref([...at, 'to'], 'participant', step.to, ids, `a participant of flow "${id}"`);
        step.over?.forEach((o, j) => ref([...at, 'over', j], 'participant', o, ids, `a participant of flow "${id}"`));
        if (step.steps) walk(step.steps, [...at, 'steps']);
        step.alt?.forEach((b, j) => walk(b.steps, [...at, 'alt', j, 'steps']));
      });
    walk(flow.steps, ['flows', id, 'steps']);
  }

  t.backups?.forEach((b, i) => {
    if (!services.includes(b.target) && !volumes.includes(b.target)) dangling(['backups', i, 'target'], 'service or volume', b.target, [...services, ...volumes], 'declared in services or volumes');
  });

  out.push(...checkPublishedPorts(t, locate));
  out.push(...checkScalingConflicts(t, locate));
  out.push(...checkDependencyCycles(t, locate));
  if (t.portConvention) out.push(...checkPortConvention(t, locate, services));
  return out;
}

/**
 * Compose runs every replica under the service's container_name and binds every replica to its
 * published host ports, so a service with either cannot start a second instance: `--scale` fails
 * with "container name already in use" or "port is already allocated". Warnings: the topology
 * may document a plan the compose file does not support yet.
 */
function checkScalingConflicts(t: TopologyModel, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pubs = publications(t);
  for (const [id, service] of Object.entries(t.services)) {
    const scaling = service.scaling;
    const key = scaling?.max !== undefined ? 'max' : 'replicas';
    const instances = Math.max(scaling?.replicas ?? 1, scaling?.max ?? 1);
    if (instances <= 1) continue;
    const path = ['services', id, 'scaling', key];
    const fixed: Array<{ what: string; loc: SourceLoc }> = [];
    if (service.containerName !== undefined) fixed.push({ what: `container name "${service.containerName}"`, loc: locate(['services', id, 'containerName']) });
    for (const p of pubs) if (p.owner === id) fixed.push({ what: `host port ${p.hostPort}/${p.protocol}`, loc: locate(p.path) });
    if (fixed.length === 0) continue;
    out.push({
      severity: 'warning',
      rule: 'service/fixed-for-one-instance',
      path: formatPath(path),
      loc: locate(path),
      message: `service "${id}" may run ${instances} instances (scaling.${key}), but its ${fixed.map((f) => f.what).join(' and ')} can belong to one container only; Compose cannot scale it out until ${fixed.length > 1 ? 'they are' : 'that is'} removed`,
      related: fixed.map((f) => ({ message: `the ${f.what}`, loc: f.loc })),
    });
  }
  return out;
}

/** `api.example.com` is under `example.com`'s zone only through a wildcard or an exact match. */
export function hostUnder(host: string, domain: string): boolean {
  const h = host.toLowerCase();
  const d = domain.toLowerCase();
  if (d.startsWith('*.')) {
    const base = d.slice(2);
    return h.endsWith(`.${base}`) && !h.slice(0, -base.length - 1).includes('.');
  }
  return h === d;
}

function checkPublishedPorts(t: TopologyModel, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, (typeof pubs)[number]>();
  const pubs = publications(t);
  for (const p of pubs) {
    const key = `${p.hostIp ?? '*'}:${p.hostPort}/${p.protocol}`;
    const wildcardKey = `*:${p.hostPort}/${p.protocol}`;
    const prior = seen.get(key) ?? seen.get(wildcardKey);
    if (prior && prior.owner !== p.owner) {
      out.push({
        severity: 'error',
        rule: 'reference/host-port-conflict',
        path: formatPath(p.path),
        loc: locate(p.path),
        message: `host port ${p.hostPort}/${p.protocol} is published by both "${prior.owner}" (${prior.what}) and "${p.owner}" (${p.what})`,
        related: [{ message: `first published by "${prior.owner}"`, loc: locate(prior.path) }],
      });
    } else if (!prior) seen.set(key, p);
  }
  return out;
}

function checkDependencyCycles(t: TopologyModel, locate: Locate): Diagnostic[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const out: Diagnostic[] = [];
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      out.push({
        severity: 'error',
        rule: 'reference/dependency-cycle',
        path: formatPath(['services', id, 'dependsOn']),
        loc: locate(['services', id, 'dependsOn']),
        message: `dependsOn forms a cycle: ${cycle.join(' → ')}`,
      });
      return;
    }
    state.set(id, 'visiting');
    const svc = t.services[id];
    if (svc) for (const d of dependencies(svc)) if (t.services[d.service]) visit(d.service, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of Object.keys(t.services).sort()) visit(id, []);
  return out;
}

function checkPortConvention(t: TopologyModel, locate: Locate, services: string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const conv = t.portConvention!;
  conv.rules.forEach((rule, i) => {
    if (!(PORT_ROLES as readonly string[]).includes(rule.role)) {
      const s = didYouMean(rule.role, PORT_ROLES);
      out.push({
        severity: 'error',
        rule: 'reference/unknown',
        path: formatPath(['portConvention', 'rules', i, 'role']),
        loc: locate(['portConvention', 'rules', i, 'role']),
        message: `port role "${rule.role}" does not exist${s ? `; did you mean "${s}"?` : ''}`,
        expected: `one of ${PORT_ROLES.join(', ')}`,
      });
    }
  });
  conv.services.forEach((id, i) => {
    const svc = t.services[id];
    if (!svc) {
      const s = didYouMean(id, services);
      out.push({ severity: 'error', rule: 'reference/unknown', path: formatPath(['portConvention', 'services', i]), loc: locate(['portConvention', 'services', i]), message: `service "${id}" is not declared in services${s ? `; did you mean "${s}"?` : ''}` });
      return;
    }
    const main = resolvePort(svc, 'main');
    for (const rule of conv.rules) {
      const p = servicePorts(svc).find((x) => x.role === rule.role);
      if (!p) continue;
      const problem = conventionMismatch(rule.pattern, p.port, main?.port);
      if (problem) {
        const path = ['services', id, 'ports', rule.role];
        out.push({
          severity: 'error',
          rule: 'topology/port-convention',
          path: formatPath(path),
          loc: locate(path),
          message: `${rule.role} port ${p.port} of "${id}" breaks the port convention ${rule.pattern}: ${problem}`,
          expected: rule.pattern,
          found: String(p.port),
        });
      }
    }
  });
  return out;
}

/** `xx90` means: same length, the last two digits are 90, and the x-digits equal those of the main port. */
export function conventionMismatch(pattern: string, port: number, mainPort: number | undefined): string | undefined {
  const digits = String(port);
  if (digits.length !== pattern.length) return `expected ${pattern.length} digits`;
  const fixed = pattern.replace(/^x*/, '');
  const prefixLen = pattern.length - fixed.length;
  if (!digits.endsWith(fixed)) return `expected it to end in ${fixed}`;
  if (mainPort !== undefined && prefixLen > 0) {
    const mainDigits = String(mainPort);
    if (mainDigits.length === pattern.length && mainDigits.slice(0, prefixLen) !== digits.slice(0, prefixLen)) {
      return `expected it to start with ${mainDigits.slice(0, prefixLen)} like the main port ${mainPort}`;
    }
  }
  return undefined;
}
