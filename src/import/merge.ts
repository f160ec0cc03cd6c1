/**
 * `topodoc import --merge`: brings an existing, hand-edited topology up to date with compose. What
 * compose states (services, ports, networks, routes, middlewares, entrypoints, resolvers, volumes…) is
 * added or updated; everything else — descriptions, flows, notes, comments, key order, and guesses a
 * person already reviewed (kinds, technologies, names) — is left exactly as written. Nothing is
 * deleted: elements compose no longer has are reported, not removed. The file is edited by splicing
 * (yaml-edit.ts), so untouched lines stay byte for byte. Pure.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { UserInputError, type Diagnostic } from '../model/diagnostics.ts';
import { attachComment, styleNode } from './emit.ts';
import { pathKey, type TopologyPath } from './notes.ts';
import { PORT_ROLE_NAMES } from './port-roles.ts';
import { flowText, YamlTextEditor, type PairStyler } from './yaml-edit.ts';

export interface MergeOutcome {
  text: string;
  /** One line per change: `+ added`, `~ updated`, `- removed`, `! kept although compose no longer has it`. */
  changes: string[];
}

/** Top-level sections in the order a new one is placed in. */
const SECTION_ORDER = ['id', 'name', 'description', 'status', 'compose', 'groups', 'externals', 'sections', 'dns', 'firewall', 'ssh', 'infrastructure', 'proxy', 'entrypoints', 'tls', 'middlewares', 'services', 'routes', 'networks', 'volumes'];

/** Values a person owns once written: added when missing, never overwritten. */
const SOFT: string[][] = [
  ['id'],
  ['name'],
  ['services', '*', 'kind'],
  ['services', '*', 'technology'],
  ['services', '*', 'notes'],
  ['volumes', '*', 'persists'],
  ['networks', '*', 'purpose'],
  ['routes', '*', 'auth'],
];

/** Collections reported (not deleted) when compose no longer has one of their entries. */
const TRACKED: Array<[string[], string]> = [
  [['services'], 'service'],
  [['routes'], 'route'],
  [['networks'], 'network'],
  [['volumes'], 'volume'],
  [['middlewares'], 'middleware'],
  [['entrypoints'], 'entrypoint'],
  [['tls', 'resolvers'], 'certificate resolver'],
];

const SPACED: string[][] = [['services'], ['routes'], ['middlewares'], ['entrypoints']];

/**
 * `expand` interpolates `${VAR}` as compose does: values written differently but meaning the same
 * (`api.example.com` by hand, `api.${DOMAIN}` imported) are left as the author wrote them.
 */
export function mergeTopology(existing: string, file: string, imported: Record<string, unknown>, comments: ReadonlyMap<string, string>, expand: (text: string) => string = (t) => t): MergeOutcome {
  const doc = parseDocument(existing, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    const diagnostics: Diagnostic[] = doc.errors.map((e) => {
      const { line, col } = lineCol(existing, e.pos[0]);
      return { severity: 'error', rule: 'yaml/syntax', message: `cannot merge into ${file}: ${e.message.split('\n', 1)[0]}`, loc: { file, line, column: col } };
    });
    if (diagnostics.length === 0) diagnostics.push({ severity: 'error', rule: 'import/merge', message: `cannot merge into ${file}: it is not a YAML mapping`, loc: { file, line: 1, column: 1 } });
    throw new UserInputError(diagnostics);
  }
  const merger = new Merger(existing, comments, expand, doc.contents.toJSON() as Record<string, unknown>);
  merger.mergeRoot(doc.contents, imported);
  return { text: merger.editor.apply(), changes: merger.changes };
}

class Merger {
  readonly editor: YamlTextEditor;
  readonly changes: string[] = [];
  private readonly comments: ReadonlyMap<string, string>;
  /** Per service: role in the imported topology → role in the merged file. */
  private readonly roleMaps = new Map<string, Map<string, string>>();
  /** Per service: role → container port, as merged. */
  private readonly portsByRole = new Map<string, Map<string, number>>();

  private readonly expand: (text: string) => string;
  /** The existing topology as data, for what a value means (declared volumes, entrypoint resolvers…). */
  private readonly current: Record<string, unknown>;

  constructor(source: string, comments: ReadonlyMap<string, string>, expand: (text: string) => string, current: Record<string, unknown>) {
    this.editor = new YamlTextEditor(source);
    this.comments = comments;
    this.expand = expand;
    this.current = current;
    for (const [id, service] of Object.entries(asRecord(current.services))) {
      const byRole = new Map<string, number>();
      for (const [role, spec] of Object.entries(asRecord(asRecord(service).ports))) {
        const port = portSpec(spec);
        if (port) byRole.set(role, port.port);
      }
      this.portsByRole.set(id, byRole);
    }
  }

  mergeRoot(root: YAMLMap, imported: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(imported)) {
      const pair = findPair(root, key);
      if (!pair && key === 'proxy' && this.impliedProxy() === value) continue;
      if (!pair) {
        const before = SECTION_ORDER.slice(0, Math.max(0, SECTION_ORDER.indexOf(key)));
        const after = [...root.items].reverse().find((p) => before.includes(keyOf(p)));
        this.editor.addSection(after ?? root.items[root.items.length - 1], key, value, this.styler([key]));
        this.changes.push(`+ ${key}`);
        continue;
      }
      this.mergeValue(pair, value, [key]);
    }
  }

  private mergeValue(pair: Pair, value: unknown, path: string[]): void {
    const node = pair.value as Node | null;
    if (matches(SOFT, path) || this.isGuess(path)) return;
    if (path.length === 3 && path[0] === 'services' && path[2] === 'ports' && isMap(node) && isPlainObject(value)) {
      this.mergePorts(node, value, path[1]!);
      return;
    }
    if (path.length === 3 && path[0] === 'services' && path[2] === 'healthcheck' && isPlainObject(value) && isMap(node)) {
      // What a written health check probes (type, command, path, port) is the author's reading of the
      // test; only its timings follow compose.
      const timings = Object.fromEntries(Object.entries(value).filter(([k]) => ['interval', 'timeout', 'retries', 'startPeriod'].includes(k)));
      this.mergeMap(node, timings, path);
      return;
    }
    if (path.length === 3 && path[0] === 'services' && (path[2] === 'networks' || path[2] === 'environment') && isSeq(node) && Array.isArray(value)) {
      this.mergeSet(node, value, path);
      return;
    }
    if (path.length === 3 && path[0] === 'services' && path[2] === 'volumes' && isSeq(node) && Array.isArray(value)) {
      this.mergeMounts(node, value as Array<Record<string, unknown>>, path);
      return;
    }
    if (this.equivalent(path, node === null ? null : node.toJSON(), value)) return;
    if (isMap(node) && isPlainObject(value) && !node.flow) {
      this.mergeMap(node, value, path);
      return;
    }
    if (isMap(node) && isPlainObject(value) && node.flow && !atomic(path)) {
      this.mergeMap(node, value, path);
      return;
    }
    const current: unknown = node === null ? null : node.toJSON();
    if (node === null) return;
    this.editor.replaceValue(node, value);
    this.changes.push(`~ ${show(path)}: ${brief(current)} → ${brief(value)}`);
  }

  private mergeMap(map: YAMLMap, imported: Record<string, unknown>, path: string[]): void {
    if (path.length === 1 && path[0] === 'routes') imported = this.routesWithPorts(imported);
    if (map.items.length === 0 && Object.keys(imported).length > 0 && !atomic(path)) {
      // `services: {}` (a starter) takes everything at once.
      const pairs = Object.entries(imported).map(([key, value]) => ({ key, value, style: this.styler([...path, key]) }));
      this.editor.fillEmptyMap(map, pairs, matches(SPACED, path));
      for (const { key } of pairs) this.changes.push(`+ ${show([...path, key])}`);
      return;
    }
    for (const [key, written] of Object.entries(imported)) {
      const childPath = [...path, key];
      const pair = findPair(map, key);
      // Roles the health check names follow the roles the ports got in this file (merged before it).
      const value = path.length === 2 && path[0] === 'services' && key === 'healthcheck' && isPlainObject(written) ? this.translatePort(path[1]!, written) : written;
      if (!pair) {
        // Guesses are offered for new elements only: a person already reviewed this one.
        if (matches(SOFT, childPath) || this.isGuess(childPath)) continue;
        if (path.length === 2 && path[0] === 'routes' && key === 'port' && value === 'main') continue;
        this.editor.addPair(map, key, value, this.styler(childPath), { spaced: matches(SPACED, path) });
        this.changes.push(`+ ${show(childPath)}${isPlainObject(value) ? '' : `: ${brief(value)}`}`);
        continue;
      }
      if (path.length === 2 && path[0] === 'routes' && key === 'port') {
        const service = (imported.service as string | undefined) ?? '';
        if (this.samePort(service, (pair.value as Node | null)?.toJSON(), value)) continue;
      }
      this.mergeValue(pair, value, childPath);
    }
    if (path.length === 1 || (path.length === 2 && path[0] === 'tls')) this.reportGone(map, imported, path);
  }

  /** Matches ports by number (hand-chosen roles stay), updates publications, adds new ones. */
  private mergePorts(ports: YAMLMap, imported: Record<string, unknown>, service: string): void {
    const base = ['services', service, 'ports'];
    const roleMap = new Map<string, string>();
    const byRole = new Map<string, number>();
    const existing = ports.items.map((pair) => ({ pair, role: keyOf(pair), spec: portSpec((pair.value as Node | null)?.toJSON()) }));
    for (const e of existing) if (e.spec) byRole.set(e.role, e.spec.port);
    const taken = new Set(existing.map((e) => e.role));
    const used = new Set<(typeof existing)[number]>();
    const wanted = Object.entries(imported).map(([role, v]) => ({ role, value: v, spec: portSpec(v)! }));
    const pending: typeof wanted = [];
    for (const w of wanted) {
      const match = existing.find((e) => !used.has(e) && e.spec && e.spec.port === w.spec.port && e.spec.protocol === w.spec.protocol);
      if (!match) {
        pending.push(w);
        continue;
      }
      used.add(match);
      roleMap.set(w.role, match.role);
      this.updatePublication(match.pair, match.spec!, w.spec, [...base, match.role]);
    }
    for (const w of pending) {
      const sameRole = existing.find((e) => !used.has(e) && e.role === w.role);
      if (sameRole && sameRole.spec) {
        // The port behind a role changed in compose.
        used.add(sameRole);
        roleMap.set(w.role, w.role);
        byRole.set(w.role, w.spec.port);
        const node = sameRole.pair.value as Node;
        const portNode = isMap(node) ? (node.get('port', true) as Node | undefined) : node;
        if (portNode) this.editor.replaceValue(portNode, w.spec.port);
        this.changes.push(`~ ${show([...base, w.role])}: ${sameRole.spec.port} → ${w.spec.port}`);
        if (isMap(node)) this.updatePublication(sameRole.pair, sameRole.spec, w.spec, [...base, w.role]);
        continue;
      }
      const role = !taken.has(w.role) ? w.role : PORT_ROLE_NAMES.find((r) => !taken.has(r));
      if (role === undefined) {
        this.changes.push(`! ${show(base)}: no free role left for port ${w.spec.port}/${w.spec.protocol}`);
        continue;
      }
      taken.add(role);
      roleMap.set(w.role, role);
      byRole.set(role, w.spec.port);
      const guess = this.comments.get(pathKey([...base, w.role]));
      const comment = role === w.role ? guess : `guessed: a free role for port ${w.spec.port}`;
      this.editor.addPair(ports, role, w.value, this.styler([...base, role], comment), comment !== undefined ? { comment } : {});
      this.changes.push(`+ ${show([...base, role])}: ${w.spec.port}`);
    }
    for (const e of existing) {
      if (!used.has(e) && e.spec) this.changes.push(`! ${show([...base, e.role])}: port ${e.spec.port} is not in compose any more (kept)`);
    }
    this.roleMaps.set(service, roleMap);
    this.portsByRole.set(service, byRole);
  }

  private updatePublication(pair: Pair, current: PortSpec, wanted: PortSpec, path: string[]): void {
    const keys = ['published', 'hostIp'] as const;
    if (keys.every((k) => current[k] === wanted[k])) return;
    const node = pair.value as Node;
    if (!isMap(node)) {
      // A bare number becomes a port spec with its publication.
      const value: Record<string, unknown> = { port: wanted.port };
      if (wanted.protocol === 'udp') value.protocol = 'udp';
      if (wanted.published !== undefined) value.published = wanted.published;
      if (wanted.hostIp !== undefined) value.hostIp = wanted.hostIp;
      this.editor.replaceValue(node, value);
      this.changes.push(`~ ${show(path)}: ${brief(node.toJSON())} → ${flowText(value)}`);
      return;
    }
    for (const key of keys) {
      if (current[key] === wanted[key]) continue;
      const existingPair = findPair(node, key);
      if (wanted[key] === undefined && existingPair) {
        this.editor.deletePair(node, existingPair);
        this.changes.push(`- ${show([...path, key])} (compose no longer publishes it)`);
      } else if (existingPair) {
        this.editor.replaceValue(existingPair.value as Node, wanted[key]);
        this.changes.push(`~ ${show([...path, key])}: ${brief(current[key])} → ${brief(wanted[key])}`);
      } else {
        this.editor.addPair(node, key, wanted[key], this.styler([...path, key]));
        this.changes.push(`+ ${show([...path, key])}: ${brief(wanted[key])}`);
      }
    }
  }

  /** Lists used as sets (networks, environment names): missing items are appended, others reported. */
  private mergeSet(seq: YAMLSeq, imported: unknown[], path: string[]): void {
    const current = (seq.toJSON() as unknown[]).map(String);
    for (const item of imported) {
      if (current.includes(String(item))) continue;
      this.editor.appendItem(seq, item);
      this.changes.push(`+ ${show(path)}: ${brief(item)}`);
    }
    for (const item of current) if (!imported.map(String).includes(item)) this.changes.push(`! ${show(path)}: ${item} is not in compose any more (kept)`);
  }

  /** Mounts matched by target: changed ones are updated, new ones appended, gone ones reported. */
  private mergeMounts(seq: YAMLSeq, imported: Array<Record<string, unknown>>, path: string[]): void {
    const items = seq.items as Node[];
    const targets = items.map((n) => (isMap(n) ? String(n.get('target')) : undefined));
    for (const mount of imported) {
      const index = targets.indexOf(String(mount.target));
      if (index < 0) {
        this.editor.appendItem(seq, mount);
        this.changes.push(`+ ${show(path)}: ${String(mount.target)}`);
        continue;
      }
      const node = items[index]!;
      const current = node.toJSON() as Record<string, unknown>;
      if (this.mountSource(current.volume) === this.mountSource(mount.volume) && (current.readOnly ?? false) === (mount.readOnly ?? false)) continue;
      this.editor.replaceValue(node, mount);
      this.changes.push(`~ ${show(path)}: ${String(mount.target)}`);
    }
    for (const target of targets) if (target !== undefined && !imported.some((m) => String(m.target) === target)) this.changes.push(`! ${show(path)}: ${target} is not mounted in compose any more (kept)`);
  }

  /** Imported routes with their port written out and named by the merged file's roles. */
  private routesWithPorts(routes: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, route] of Object.entries(routes)) {
      if (!isPlainObject(route)) {
        out[name] = route;
        continue;
      }
      const r = route as Record<string, unknown>;
      const service = String(r.service);
      const port = r.port ?? 'main';
      const translated = typeof port === 'string' ? (this.roleMaps.get(service)?.get(port) ?? port) : port;
      // Keep the key order: `port` after `service`.
      const entries = Object.entries(r).filter(([k]) => k !== 'port');
      const at = entries.findIndex(([k]) => k === 'service') + 1;
      entries.splice(at, 0, ['port', translated]);
      out[name] = Object.fromEntries(entries);
    }
    return out;
  }

  private samePort(service: string, current: unknown, wanted: unknown): boolean {
    if (same(current ?? 'main', wanted)) return true;
    const ports = this.portsByRole.get(service);
    const number = (ref: unknown) => (typeof ref === 'number' ? ref : ports?.get(String(ref ?? 'main')));
    return number(current) !== undefined && number(current) === number(wanted);
  }

  private translatePort(service: string, health: Record<string, unknown>): Record<string, unknown> {
    const port = health.port;
    if (typeof port !== 'string') return health;
    return { ...health, port: this.roleMaps.get(service)?.get(port) ?? port };
  }

  private reportGone(map: YAMLMap, imported: Record<string, unknown>, path: string[]): void {
    for (const [tracked, what] of TRACKED) {
      if (tracked.join('.') !== path.join('.')) continue;
      for (const pair of map.items) {
        const key = keyOf(pair);
        // Bind mounts, tmpfs and anonymous stand-ins are not compose volumes: only named ones can disappear.
        const kind = asRecord((pair.value as Node | null)?.toJSON()).kind;
        if (what === 'volume' && kind !== undefined && kind !== 'named') continue;
        if (!(key in imported)) this.changes.push(`! ${what} "${key}" is not in compose any more (kept; delete it if it is gone)`);
      }
    }
  }

  /** Whether an existing value means what the imported one means (defaults, `${VAR}`, number forms). */
  private equivalent(path: string[], current: unknown, wanted: unknown): boolean {
    if (same(this.expanded(current), this.expanded(wanted))) return true;
    if (matches([['services', '*', 'dependsOn']], path)) return sameDependencies(current, wanted);
    if (matches([['entrypoints', '*', 'redirect']], path)) {
      const full = (r: unknown) => ({ scheme: 'https', permanent: true, ...asRecord(r) });
      return same(full(current), full(wanted));
    }
    if (matches([['services', '*', 'resources']], path)) {
      const norm = (r: unknown) => ({ cpus: numberOf(asRecord(r).cpus), memory: bytes(asRecord(r).memory) });
      return same(norm(current), norm(wanted));
    }
    if (matches([['routes', '*', 'host']], path) && typeof current === 'string' && typeof wanted === 'string') {
      return this.expand(current).toLowerCase() === this.expand(wanted).toLowerCase();
    }
    if (matches([['routes', '*', 'tls']], path)) return this.routeResolver(path[1]!, current) === this.routeResolver(path[1]!, wanted);
    if (path.length === 4 && path[0] === 'middlewares' && Array.isArray(current) && Array.isArray(wanted)) {
      return same([...(this.expanded(current) as unknown[])].map(String).sort(), [...(this.expanded(wanted) as unknown[])].map(String).sort());
    }
    return false;
  }

  private expanded(value: unknown): unknown {
    if (typeof value === 'string') return value.includes('$') ? this.expand(value) : value;
    if (Array.isArray(value)) return value.map((v) => this.expanded(v));
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.expanded(v)]));
    return value;
  }

  /** The certificate resolver a route's `tls` means, its entrypoints' default included; `-` for none. */
  private routeResolver(route: string, tls: unknown): string {
    if (tls === undefined || tls === false || tls === null) return '-';
    const own = asRecord(tls).certResolver;
    if (typeof own === 'string') return own;
    const entrypoints = asRecord(asRecord(this.current.routes)[route]).entrypoints;
    for (const name of Array.isArray(entrypoints) ? entrypoints : []) {
      const resolver = asRecord(asRecord(this.current.entrypoints)[String(name)]).certResolver;
      if (typeof resolver === 'string') return resolver;
    }
    return 'tls';
  }

  /** What a mount's `volume` names: a declared bind, tmpfs or anonymous stand-in resolves to its kind and source. */
  private mountSource(volume: unknown): string {
    const ref = String(volume);
    const declared = asRecord(asRecord(this.current.volumes)[ref]);
    if (declared.kind === 'bind' && typeof declared.source === 'string') return `bind:${normalPath(declared.source)}`;
    if (declared.kind === 'tmpfs' || declared.kind === 'anonymous') return String(declared.kind);
    if (ref === 'tmpfs' || ref === 'anonymous') return ref;
    return /^[./~]/.test(ref) ? `bind:${normalPath(ref)}` : `volume:${ref}`;
  }

  /** Whether the imported value at `path` is a guess (offered for new elements only). */
  private isGuess(path: TopologyPath): boolean {
    return this.comments.get(pathKey(path))?.startsWith('guessed') ?? false;
  }

  /** The Traefik service the existing file implies: its only service of kind proxy. */
  private impliedProxy(): string | undefined {
    const proxies = Object.entries(asRecord(this.current.services)).filter(([, s]) => asRecord(s).kind === 'proxy');
    return proxies.length === 1 ? proxies[0]![0] : undefined;
  }

  private styler(path: TopologyPath, comment?: string): PairStyler {
    const comments = comment === undefined ? this.comments : new Map([...this.comments, [pathKey(path), comment]]);
    return (pair) => {
      attachComment(pair, [...path], comments);
      styleNode(pair.value as Node, [...path], comments);
    };
  }
}

/** Values compared whole: a changed one is replaced, not merged key by key. */
function atomic(path: string[]): boolean {
  return matches([['routes', '*', 'tls'], ['services', '*', 'dependsOn'], ['entrypoints', '*', 'redirect'], ['services', '*', 'resources'], ['services', '*', 'scaling']], path);
}

interface PortSpec {
  port: number;
  protocol: 'tcp' | 'udp';
  published?: number;
  hostIp?: string;
}

function portSpec(value: unknown): PortSpec | undefined {
  if (typeof value === 'number') return { port: value, protocol: 'tcp' };
  if (!isPlainObject(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.port !== 'number') return undefined;
  const spec: PortSpec = { port: v.port, protocol: v.protocol === 'udp' ? 'udp' : 'tcp' };
  if (typeof v.published === 'number') spec.published = v.published;
  if (typeof v.hostIp === 'string') spec.hostIp = v.hostIp;
  return spec;
}

function sameDependencies(current: unknown, wanted: unknown): boolean {
  const normal = (d: unknown): string => {
    if (Array.isArray(d)) return JSON.stringify(d.map((s) => [String(s), 'service_started', true]).sort());
    if (!isPlainObject(d)) return JSON.stringify(d);
    return JSON.stringify(
      Object.entries(d as Record<string, unknown>)
        .map(([s, c]) => (typeof c === 'string' ? [s, c, true] : [s, (c as Record<string, unknown>).condition, (c as Record<string, unknown>).required ?? true]))
        .sort(),
    );
  };
  return normal(current) === normal(wanted);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : Number(value);
  return value === undefined || Number.isNaN(n) ? undefined : n;
}

const MEMORY_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

function bytes(value: unknown): number | string | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(String(value));
  const unit = match ? MEMORY_UNITS[match[2]!.toLowerCase()] : undefined;
  return match && unit !== undefined ? Number(match[1]) * unit : String(value);
}

function normalPath(p: string): string {
  return p.replace(/\/+$/, '').replace(/^\.\//, '');
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyOf(p) === key) as Pair | undefined;
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  return value;
}

function matches(patterns: string[][], path: string[]): boolean {
  return patterns.some((p) => p.length === path.length && p.every((seg, i) => seg === '*' || seg === path[i]));
}

function show(path: TopologyPath): string {
  return path.map(String).join('.');
}

function brief(value: unknown): string {
  const text = value === undefined ? '(none)' : flowText(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}
