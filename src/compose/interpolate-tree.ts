/**
 * Applies interpolation (interpolation.ts) to every string value of a located tree, never to
 * keys (12-interpolation.md: "only values"). Runs per file, after anchors are resolved and
 * before include/extends/merge, like compose-go's loader. Top-level and service-level `x-*`
 * extension fields are skipped: they are ignored by the model, so their variables are noise.
 */
import type { SourceLoc } from '../model/diagnostics.ts';
import type { DiagnosticSink } from './diagnostic-sink.ts';
import { requiredVariableMessage, substitute, unsetVariableMessage } from './interpolation.ts';
import type { VariableLookup } from './interpolation.ts';
import type { LEntry, LMap, LNode, LScalar } from './located.ts';
import { scalarNode } from './located.ts';

/** Reports the problems of one substitution at `loc`; shared by the tree walk and the dotenv parser. */
export function reportTemplateProblems(problems: ReturnType<typeof substitute>['problems'], loc: SourceLoc, sink: DiagnosticSink, path?: string): void {
  const extra = path ? { path } : undefined;
  for (const problem of problems) {
    if (problem.kind === 'unset') sink.warning('compose/variable-not-set', unsetVariableMessage(problem.variable), loc, extra);
    else if (problem.kind === 'required') sink.error('compose/variable-required', requiredVariableMessage(problem.variable, problem.reason), loc, extra);
    else sink.error('compose/invalid-interpolation', 'Invalid interpolation format: a "${" is not closed or holds no valid variable name (write "$$" for a literal "$")', loc, extra);
  }
}

const RESOURCE_SECTIONS = new Set(['services', 'networks', 'volumes', 'secrets', 'configs']);

export function interpolateTree(root: LNode, lookup: VariableLookup, sink: DiagnosticSink): LNode {
  const memo = new WeakMap<LNode, LNode>();

  const visitScalar = (node: LScalar): LNode => {
    if (typeof node.value !== 'string' || !node.value.includes('$')) return node;
    const result = substitute(node.value, lookup);
    reportTemplateProblems(result.problems, node.loc, sink);
    const out = scalarNode(result.value, node.loc, { raw: node.value, variables: result.variables });
    return node.tag ? { ...out, tag: node.tag } : out;
  };

  const visit = (node: LNode, depth: number, section: string | undefined): LNode => {
    const cached = memo.get(node);
    if (cached) return cached;
    let out: LNode;
    if (node.kind === 'scalar') out = visitScalar(node);
    else if (node.kind === 'seq') {
      let changed = false;
      const items = node.items.map((item) => {
        const next = visit(item, depth + 1, section);
        if (next !== item) changed = true;
        return next;
      });
      out = changed ? { ...node, items } : node;
    } else out = visitMap(node, depth, section);
    memo.set(node, out);
    return out;
  };

  const visitMap = (node: LMap, depth: number, section: string | undefined): LMap => {
    let entries: Map<string, LEntry> | undefined; // copied on the first change only
    for (const [key, entry] of node.entries) {
      const skip = key.startsWith('x-') && (depth === 0 || (depth === 2 && section !== undefined && RESOURCE_SECTIONS.has(section)));
      if (skip) continue;
      const value = visit(entry.value, depth + 1, depth === 0 ? key : section);
      if (value === entry.value) continue;
      entries ??= new Map(node.entries);
      entries.set(key, { ...entry, value });
    }
    return entries ? { ...node, entries } : node;
  };

  return visit(root, 0, undefined);
}
