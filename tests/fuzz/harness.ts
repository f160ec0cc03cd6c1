/**
 * Fuzzing harness: seed files (the reference topologies and their compose stacks, the awesome-compose
 * corpus read in place), deterministic mutators (bytes, lines, YAML structure), and the pipeline every
 * mutant goes through — parseTopology, the compose loader, the Traefik reader, the drift comparison,
 * the security review and the generators — with the invariants checked on the way:
 * no exception escapes, and every error diagnostic has a file and a 1-based line and column.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { compareSystem } from '../../src/check/compare.ts';
import { composeToTraefikInput, findTraefikService } from '../../src/check/traefik-input.ts';
import { decodeProjectFile } from '../../src/compose/file-checks.ts';
import { loadComposeProjectSync, type ComposeFileSystem, type ComposeProject } from '../../src/compose/index.ts';
import type { Diagnostic } from '../../src/model/diagnostics.ts';
import { parseTopology, type ParsedTopology } from '../../src/model/parse-topology.ts';
import { proxyId } from '../../src/model/queries.ts';
import type { TopologyModel } from '../../src/model/schema/index.ts';
import { securityFacts } from '../../src/model/security-facts.ts';
import { reviewSecurity } from '../../src/security/review.ts';
import { readTraefikConfig } from '../../src/traefik/index.ts';
import { generateSystem } from '../../src/views/generate.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import type { Rng } from '../ascii/prng.ts';

export const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus/awesome-compose');
const COMPOSE_NAMES = new Set(['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml']);

// ---------------------------------------------------------------- seeds

/** A compose project held in memory: every file of its folder, the `-f` files, and a topology to compare with. */
export interface ComposeSeed {
  name: string;
  rootDir: string;
  files: string[];
  envFiles: string[];
  projectName?: string;
  /** Absolute path → bytes. */
  contents: Map<string, Uint8Array>;
  topology: TopologyModel;
  topologyParsed: ParsedTopology;
}

export interface TopologySeed {
  file: string;
  text: string;
  /** The system's compose seed, compared with each valid mutant. */
  compose?: ComposeSeed;
}

function walk(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    const info = statSync(file);
    if (info.isDirectory()) out.push(...walk(file, keep));
    else if (keep(name) && info.size < 256 * 1024) out.push(file);
  }
  return out;
}

const TEXT_FILE = (name: string) => /\.(ya?ml|toml|example|env)$/i.test(name) || name === '.env' || name.startsWith('.env');

/** Topology files that seed the fuzzer, besides topology/*.yaml: small ones make cheap cases. */
const EXTRA_TOPOLOGIES = ['tests/fixtures/topologies/minimal.yaml', 'tests/fixtures/topologies/rich.yaml', 'tests/fixtures/security/careless/topology/careless.yaml'];

export function referenceSeeds(): { topologies: TopologySeed[]; compose: ComposeSeed[] } {
  const topologies: TopologySeed[] = [];
  const compose: ComposeSeed[] = [];
  const topoDir = path.join(REPO_ROOT, 'topology');
  const files = [...readdirSync(topoDir).filter((n) => n.endsWith('.yaml')).sort().map((n) => `topology/${n}`), ...EXTRA_TOPOLOGIES];
  for (const file of files) {
    const abs = path.join(REPO_ROOT, file);
    const text = readFileSync(abs, 'utf8');
    const parsed = parseTopology(text, file);
    const t = parsed.topology;
    if (!t) throw new Error(`seed ${file} is not valid`);
    let seed: ComposeSeed | undefined;
    const stackDir = path.join(path.dirname(abs), 'stacks', t.id);
    if (t.compose && statSync(stackDir, { throwIfNoEntry: false })?.isDirectory()) {
      const dir = path.dirname(abs);
      const contents = new Map(walk(stackDir, TEXT_FILE).map((f) => [f, new Uint8Array(readFileSync(f))] as const));
      seed = {
        name: t.id,
        rootDir: file.startsWith('topology/') ? REPO_ROOT : path.dirname(dir),
        files: t.compose.files.map((f) => path.resolve(dir, f)),
        envFiles: t.compose.envFile ? [path.resolve(dir, t.compose.envFile)] : [],
        ...(t.compose.projectName ? { projectName: t.compose.projectName } : {}),
        contents,
        topology: t,
        topologyParsed: parsed,
      };
      compose.push(seed);
    }
    topologies.push({ file, text, ...(seed ? { compose: seed } : {}) });
  }
  return { topologies, compose };
}

/** Every awesome-compose project, read in place, with a topology naming its services. */
export function corpusSeeds(): ComposeSeed[] {
  const out: ComposeSeed[] = [];
  for (const file of walk(CORPUS, (n) => COMPOSE_NAMES.has(n))) {
    const dir = path.dirname(file);
    const contents = new Map(walk(dir, TEXT_FILE).map((f) => [f, new Uint8Array(readFileSync(f))] as const));
    const fs = memoryFs(contents);
    let services: string[] = [];
    try {
      services = Object.keys(loadComposeProjectSync({ files: [file], tolerateErrors: true, envFiles: [], rootDir: dir }, fs).services);
    } catch {
      services = [];
    }
    const text = ['id: corpus', 'name: Corpus', 'services:', ...(services.length ? services.map((s) => `  ${JSON.stringify(s)}: { kind: app }`) : ['  none: { kind: app }']), ''].join('\n');
    const parsed = parseTopology(text, 'topology/corpus.yaml');
    if (!parsed.topology) continue;
    out.push({ name: path.relative(CORPUS, file), rootDir: dir, files: [file], envFiles: [], contents, topology: parsed.topology, topologyParsed: parsed });
  }
  return out;
}

/** A compose file system over bytes in memory, decoding like the real one (so binary and bad UTF-8 are refused alike). */
export function memoryFs(contents: ReadonlyMap<string, Uint8Array>): ComposeFileSystem & { listDir(dir: string): string[] | undefined } {
  const dirs = new Map<string, Set<string>>();
  for (const file of contents.keys()) {
    let child = file;
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if (!dirs.has(dir)) dirs.set(dir, new Set());
      dirs.get(dir)!.add(path.basename(child));
      if (path.dirname(dir) === dir) break;
      child = dir;
    }
  }
  return {
    readText: (p) => {
      const bytes = contents.get(p);
      return bytes === undefined ? undefined : decodeProjectFile(bytes);
    },
    isFile: (p) => contents.has(p),
    isDirectory: (p) => dirs.has(p),
    realPath: (p) => p,
    listDir: (p) => (dirs.has(p) ? [...dirs.get(p)!].sort() : undefined),
  };
}

// ---------------------------------------------------------------- mutators

const UNICODE = ['é', 'ß', '漢字', '🚀', '\u202e', '\u200b', '\ufeff', '\ufffd', '\u0301', 'ﬁ', '\u2028', 'İ', '\t', '\r', '\u0085'];
/** Strings that try to break out of Markdown, HTML, Mermaid, shell or terminal output. */
export const HOSTILE_STRINGS = [
  '<script>alert(1)</script>',
  '"]] --> evil[("x")] %% ',
  '%%{init: {"securityLevel": "loose"}}%%',
  'click api call alert(1)',
  'end',
  '[link](javascript:alert(1))',
  '| a | b |\n| --- |',
  '`; rm -rf / #',
  "' ; echo pwned '",
  '\u001b[31mred\u001b[0m',
  '${DOMAIN}$${X}',
  '漢字🚀\u202e\u200b',
  'x'.repeat(2000),
  'a b '.repeat(500),
];

const SCALARS: unknown[] = ['', ' ', '~', 'null', 'true', 'NO', '0x1F', '0o777', '1e309', '-0', 'NaN', '.inf', '${VAR}', '${VAR:?required}', '$${X}', '${', '"', "'", '[', '{', '*alias', '&anchor', '!!binary', '<<', ': x', '#', 'a\nb', 'x'.repeat(5000), 9007199254740993, 1e308, -1, 0, 65536, 3.5, true, false, null];

/** A mutated copy of `text`. Each call applies 1–3 mutations picked by `rng`. */
export function mutate(text: string, rng: Rng): { text: string; bytes?: Uint8Array; how: string[] } {
  let out = text;
  const how: string[] = [];
  let bytes: Uint8Array | undefined;
  const rounds = rng.int(1, 3);
  for (let i = 0; i < rounds; i++) {
    const kind = rng.pick(['byte', 'line', 'line', 'structure', 'structure', 'structure', 'text']);
    if (kind === 'byte') {
      const b = new Uint8Array(Buffer.from(out, 'utf8'));
      const at = rng.int(0, Math.max(0, b.length - 1));
      const op = rng.pick(['flip', 'nul', 'high', 'truncate'] as const);
      how.push(`byte-${op}@${at}`);
      if (op === 'flip' && b.length) b[at] = b[at]! ^ (1 << rng.int(0, 7));
      if (op === 'nul' && b.length) b[at] = 0;
      if (op === 'high' && b.length) b[at] = rng.pick([0x80, 0xc0, 0xff, 0xfe, 0xed]);
      bytes = op === 'truncate' ? b.subarray(0, at) : b;
      // Bytes that still decode go on to other mutations as text.
      try {
        out = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        bytes = undefined;
      } catch {
        return { text: out, bytes, how };
      }
    } else if (kind === 'line') {
      const lines = out.split('\n');
      const at = rng.int(0, Math.max(0, lines.length - 1));
      const op = rng.pick(['delete', 'duplicate', 'swap', 'indent', 'dedent', 'truncate', 'tabs', 'blank-key'] as const);
      how.push(`line-${op}@${at + 1}`);
      if (op === 'delete') lines.splice(at, 1);
      if (op === 'duplicate') lines.splice(at, 0, lines[at] ?? '');
      if (op === 'swap') {
        const other = rng.int(0, Math.max(0, lines.length - 1));
        [lines[at], lines[other]] = [lines[other] ?? '', lines[at] ?? ''];
      }
      if (op === 'indent') lines[at] = `${' '.repeat(rng.int(1, 6))}${lines[at] ?? ''}`;
      if (op === 'dedent') lines[at] = (lines[at] ?? '').replace(/^\s{1,4}/, '');
      if (op === 'truncate') lines.length = at;
      if (op === 'tabs') lines[at] = (lines[at] ?? '').replace(/^ +/, '\t');
      if (op === 'blank-key') lines[at] = (lines[at] ?? '').replace(/[\w-]+:/, ':');
      out = lines.join('\n');
    } else if (kind === 'text') {
      const op = rng.pick(['unicode', 'deep-flow', 'deep-block', 'alias-bomb', 'huge-number', 'long-line', 'crlf', 'bom'] as const);
      how.push(`text-${op}`);
      const at = rng.int(0, out.length);
      if (op === 'unicode') out = out.slice(0, at) + rng.pick(UNICODE) + out.slice(at);
      if (op === 'deep-flow') out += `\nx-deep: ${'['.repeat(rng.int(50, 3000))}${']'.repeat(rng.int(0, 3000))}\n`;
      if (op === 'deep-block') out += `\nx-deep:\n${Array.from({ length: rng.int(50, 800) }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')}\n`;
      if (op === 'alias-bomb') {
        out += '\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
        for (let l = 1; l < 9; l++) out += `x-${l}: &l${l} [${Array(9).fill(l === 1 ? '*a' : `*l${l - 1}`).join(', ')}]\n`;
      }
      if (op === 'huge-number') out = out.replace(/\b\d{2,5}\b/, rng.pick(['99999999999999999999999', '1e309', '-1', '0', '65536', '0x10000', '1_000']));
      if (op === 'long-line') out = out.slice(0, at) + 'x'.repeat(rng.int(1000, 100_000)) + out.slice(at);
      if (op === 'crlf') out = out.replace(/\n/g, '\r\n');
      if (op === 'bom') out = `\ufeff${out}`;
    } else {
      const mutated = mutateStructure(out, rng);
      how.push(...mutated.how);
      out = mutated.text;
    }
  }
  return { text: out, how };
}

/** YAML-structure mutations: swap types, delete or duplicate keys, nest deeply, huge numbers, unicode keys. */
function mutateStructure(text: string, rng: Rng): { text: string; how: string[] } {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0 || !doc.contents) return { text, how: ['structure-skipped'] };
  const nodes: Array<{ parent: YamlNode; index: number }> = [];
  const collect = (node: unknown, depth: number) => {
    if (depth > 30) return;
    if (isMap(node) || isSeq(node)) {
      node.items.forEach((item, index) => {
        nodes.push({ parent: node as YamlNode, index });
        collect(isPair(item) ? item.value : item, depth + 1);
      });
    }
  };
  collect(doc.contents, 0);
  if (nodes.length === 0) return { text, how: ['structure-empty'] };
  const { parent, index } = rng.pick(nodes);
  const items = (parent as unknown as { items: unknown[] }).items;
  const item = items[index];
  const op = rng.pick(['swap-type', 'swap-type', 'delete', 'duplicate-key', 'nest', 'rename-key', 'to-list', 'to-map', 'hostile-string', 'hostile-string', 'hostile-string'] as const);
  const set = (value: unknown) => {
    const node = doc.createNode(value);
    if (isPair(item)) item.value = node;
    else items[index] = node;
  };
  if (op === 'swap-type') set(rng.pick(SCALARS));
  if (op === 'hostile-string') {
    // Same type, hostile content: most documents stay valid and reach the generators and escaping.
    const strings = nodes.filter(({ parent: p, index: i }) => {
      const it = (p as unknown as { items: unknown[] }).items[i];
      const value = isPair(it) ? it.value : it;
      return isScalar(value) && typeof value.value === 'string';
    });
    if (strings.length > 0) {
      const pick = rng.pick(strings);
      const it = (pick.parent as unknown as { items: unknown[] }).items[pick.index];
      const value = (isPair(it) ? it.value : it) as { value: unknown };
      value.value = rng.pick(HOSTILE_STRINGS);
    }
  }
  if (op === 'delete') items.splice(index, 1);
  if (op === 'duplicate-key' && isPair(item)) items.splice(index, 0, doc.createPair(isScalar(item.key) ? item.key.value : 'dup', rng.pick(SCALARS)));
  if (op === 'nest') {
    let value: unknown = rng.pick(SCALARS);
    for (let i = rng.int(5, 120); i > 0; i--) value = rng.chance(0.5) ? [value] : { k: value };
    set(value);
  }
  if (op === 'rename-key' && isPair(item) && isScalar(item.key)) item.key.value = `${String(item.key.value)}${rng.pick(UNICODE)}`;
  if (op === 'to-list') set([rng.pick(SCALARS), { a: rng.pick(SCALARS) }]);
  if (op === 'to-map') set({ [String(rng.pick(SCALARS))]: rng.pick(SCALARS), nested: { x: [1, 2] } });
  try {
    return { text: doc.toString({ lineWidth: 0 }), how: [`structure-${op}`] };
  } catch {
    return { text, how: [`structure-${op}-unprintable`] };
  }
}

// ---------------------------------------------------------------- pipeline

export interface Outcome {
  /** Error diagnostics without a usable location. */
  unlocated: Diagnostic[];
  stage: string;
  /** Error diagnostics seen (all located), and rule ids of the refusals among them, for the statistics. */
  errors: number;
  rules: string[];
  /** Findings of the drift comparison and the security review. */
  findings: number;
}

function unlocatedErrors(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error' && !(d.loc && typeof d.loc.file === 'string' && d.loc.file !== '' && d.loc.line >= 1 && d.loc.column >= 1));
}

/** Every finding (error or not) must be located too, when it reports on a file. */
function unlocatedFindings(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => !(d.loc && d.loc.file !== '' && d.loc.line >= 1 && d.loc.column >= 1));
}

/** A topology mutant: parse; when valid, generate every view, prove the facts, and compare with the system's compose. */
export function runTopology(text: string, file: string, compose: ComposeSeed | undefined): Outcome {
  const parsed = parseTopology(text, file);
  const unlocated = unlocatedErrors(parsed.diagnostics);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  const t = parsed.topology;
  if (!t) return { unlocated, stage: 'parse', errors: errors.length, rules: errors.map((d) => d.rule), findings: 0 };
  for (const f of generateSystem(t)) {
    // Hostile strings are escaped: no markup and no Mermaid directive survives into a view.
    // Text diagrams are plain text by design (the site and the README show them in code blocks);
    // code spans (`<script>`) show their text literally in CommonMark, so they are left out too.
    const outsideCode =
      f.kind === 'ascii' ? '' : f.content.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, '');
    if (/<script/i.test(outsideCode)) unlocated.push({ severity: 'error', rule: 'fuzz/unescaped', message: `${f.file} contains <script>` });
    if (f.kind === 'mermaid' && /%%\{/.test(f.content)) unlocated.push({ severity: 'error', rule: 'fuzz/unescaped', message: `${f.file} contains a Mermaid directive` });
  }
  securityFacts(t);
  let findings = 0;
  if (compose) {
    const project = loadProject(compose, compose.contents);
    const compared = compareAndReview(t, parsed, project, compose);
    unlocated.push(...compared.unlocated);
    findings = compared.findings;
  }
  return { unlocated, stage: 'generate', errors: 0, rules: [], findings };
}

/** A compose mutant: load (tolerating errors), read Traefik, compare with the topology, review. */
export function runCompose(seed: ComposeSeed, contents: Map<string, Uint8Array>): Outcome {
  const project = loadProject(seed, contents);
  const unlocated = unlocatedErrors(project.diagnostics);
  const errors = project.diagnostics.filter((d) => d.severity === 'error');
  const compared = compareAndReview(seed.topology, seed.topologyParsed, project, seed, contents);
  unlocated.push(...compared.unlocated);
  return { unlocated, stage: 'compare', errors: errors.length, rules: errors.map((d) => d.rule), findings: compared.findings };
}

function loadProject(seed: ComposeSeed, contents: Map<string, Uint8Array>): ComposeProject {
  return loadComposeProjectSync(
    { files: seed.files, envFiles: seed.envFiles, rootDir: seed.rootDir, tolerateErrors: true, env: {}, ...(seed.projectName ? { projectName: seed.projectName } : {}) },
    memoryFs(contents),
  );
}

function compareAndReview(t: TopologyModel, parsed: ParsedTopology, project: ComposeProject, seed: ComposeSeed, contents = seed.contents): { unlocated: Diagnostic[]; findings: number } {
  const fs = memoryFs(contents);
  const proxy = findTraefikService(project, proxyId(t));
  const traefik = readTraefikConfig(
    composeToTraefikInput(project, {
      ...(proxy ? { proxyService: proxy.name } : {}),
      readText: (p) => {
        try {
          return fs.readText(p);
        } catch {
          return undefined;
        }
      },
      listDir: fs.listDir,
    }),
  );
  const sources = {
    topology: t,
    locateTopology: (p: ReadonlyArray<string | number>, opts?: { key?: boolean }) => parsed.locator.locate(p, opts),
    compose: project,
    traefik,
    expand: (s: string) => s,
    ...(proxy ? { proxyService: proxy.name } : {}),
  };
  const drift = compareSystem(sources);
  const review = reviewSecurity(sources);
  return {
    unlocated: [...unlocatedErrors(traefik.diagnostics), ...unlocatedFindings(drift), ...unlocatedFindings(review.findings)],
    findings: drift.length + review.findings.length,
  };
}
