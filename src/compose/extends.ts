/**
 * `extends` (05-services.md): a service starts from another service, of the same file or of
 * `file` (relative to the extending file), then merges its own attributes on top with the
 * usual merge rules (13-merge.md). Chains are followed; cycles are errors. Relative paths of
 * a service taken from another file are resolved against that file's directory.
 */
import { dirname, resolve } from 'node:path';
import type { SourceLoc } from '../model/diagnostics.ts';
import { extendsReference } from './canon-service.ts';
import type { LoaderContext, Environment } from './loader-context.ts';
import type { LEntry, LMap, LNode } from './located.ts';
import { EXTENDS_MARKER, setEntry } from './located.ts';
import { mergeNodes, stripMergeTags } from './merge.ts';
import { rebaseService } from './paths.ts';

interface FileServices {
  path: string;
  services: Map<string, LEntry>;
  resolved: Map<string, LNode>;
}

/** Resolves every `extends` in the services of one document of `path`. */
export function applyExtends(doc: LMap, path: string, env: Environment, ctx: LoaderContext): LMap {
  const servicesEntry = doc.entries.get('services');
  if (servicesEntry?.value.kind !== 'map') return doc;
  const servicesNode = servicesEntry.value;
  const hasExtends = [...servicesNode.entries.values()].some((e) => e.value.kind === 'map' && e.value.entries.has('extends'));
  if (!hasExtends) return doc;
  const resolver = new ExtendsResolver(env, ctx);
  const own: FileServices = { path, services: new Map(servicesNode.entries), resolved: new Map() };
  resolver.files.set(path, own);
  const entries = new Map<string, LEntry>();
  for (const [name, entry] of servicesNode.entries) {
    entries.set(name, { ...entry, value: resolver.resolve(own, name, []) ?? entry.value });
  }
  return setEntry(doc, 'services', { ...servicesNode, entries }, servicesEntry.keyLoc);
}

class ExtendsResolver {
  readonly files = new Map<string, FileServices | undefined>();
  private readonly env: Environment;
  private readonly ctx: LoaderContext;

  constructor(env: Environment, ctx: LoaderContext) {
    this.env = env;
    this.ctx = ctx;
  }

  /** The service with its `extends` chain applied; undefined when the service does not exist. */
  resolve(file: FileServices, name: string, chain: readonly string[]): LNode | undefined {
    const done = file.resolved.get(name);
    if (done) return done;
    const entry = file.services.get(name);
    if (!entry) return undefined;
    const node = entry.value;
    const extendsEntry = node.kind === 'map' ? node.entries.get('extends') : undefined;
    if (node.kind !== 'map' || !extendsEntry) {
      file.resolved.set(name, node);
      return node;
    }
    const own = setEntry(node, 'extends', undefined);
    const id = `${this.ctx.display(file.path)}#${name}`;
    if (chain.includes(id)) {
      const cycle = [...chain.slice(chain.indexOf(id)), id].map((link) => link.replace('#', ' service ')).join(' -> ');
      this.ctx.sink.error('compose/extends-cycle', `extends cycle: ${cycle}`, extendsEntry.value.loc);
      return own;
    }
    const ref = extendsReference(extendsEntry.value);
    if (!ref) {
      this.ctx.sink.error('compose/invalid-value', `services.${name}.extends must be a service name or {service, file}`, extendsEntry.value.loc);
      return own;
    }
    let baseFile = file;
    if (ref.file !== undefined) {
      const target = this.loadFile(resolve(dirname(file.path), ref.file), ref.loc);
      if (!target) {
        file.resolved.set(name, own);
        return own;
      }
      baseFile = target;
    }
    let base = this.resolve(baseFile, ref.service, [...chain, id]);
    if (base === undefined) {
      const where = ref.file !== undefined ? ` in ${this.ctx.display(baseFile.path)}` : '';
      this.ctx.sink.error('compose/extends-not-found', `services.${name} extends "${ref.service}"${where}, which does not exist`, ref.loc);
      file.resolved.set(name, own);
      return own;
    }
    if (base.kind === 'scalar' && base.value === null) base = { kind: 'map', entries: new Map(), loc: base.loc };
    if (baseFile !== file) base = rebaseService(base, dirname(baseFile.path));
    const merged = mergeNodes(stripMergeTags(base), own, ['services', name]) ?? own;
    const result = merged.kind === 'map' ? setEntry(merged, EXTENDS_MARKER, extendsEntry.value, extendsEntry.keyLoc) : merged;
    file.resolved.set(name, result);
    return result;
  }

  private loadFile(path: string, loc: SourceLoc): FileServices | undefined {
    if (this.files.has(path)) return this.files.get(path);
    let loaded: FileServices | undefined;
    if (this.ctx.checkInsideRoot(path, 'extends file', loc)) {
      const services = new Map<string, LEntry>();
      for (const doc of this.ctx.readDocuments(path, this.env, loc)) {
        const section = doc.entries.get('services')?.value;
        if (section?.kind === 'map') for (const [key, entry] of section.entries) services.set(key, entry);
      }
      loaded = { path, services, resolved: new Map() };
    }
    this.files.set(path, loaded);
    return loaded;
  }
}
