/**
 * Security as a text diagram: the layers the team states (with their measures) in one box, then
 * the facts the model proves or disproves (securityFacts), grouped by layer and marked.
 */
import { securityFacts, type SecurityLayerKind } from '../../model/security-facts.ts';
import type { TopologyModel } from '../../model/schema/index.ts';
import { box, text, tree, vstack, type Content, type Layout, type TreeNode } from '../ascii/index.ts';
import type { Generator } from '../types.ts';
import { asciiFragments, brief, markedList, oneLine, plainProse, plural, type Marks } from './common.ts';

const FACT_LAYERS: Record<SecurityLayerKind, string> = {
  network: 'Network isolation',
  transport: 'Transport',
  'access-control': 'Access control',
  application: 'Application',
  data: 'Data',
};

export const asciiSecurityLayers: Generator = (t) =>
  asciiFragments({
    name: 'ascii-security-layers',
    title: 'Security layers',
    description: `The security layers of ${oneLine(t.name)} as a text diagram: the measures the team states for each layer, followed by the facts checked against the model, each marked as holding or not.`,
    file: 'ascii/security-layers',
    build: (marks) => securityLayout(t, marks),
  });

function securityLayout(t: TopologyModel, marks: Marks): Content {
  const boxes: Array<(width?: number) => Layout> = [];
  const layers = t.security?.layers ?? [];
  if (layers.length) {
    const roots: TreeNode[] = layers.map((l, i) => {
      const name = oneLine(l.name);
      const label = /^layer\b/i.test(name) ? name : `Layer ${i + 1}: ${name}`;
      return {
        label: l.description ? `${label}: ${brief(l.description)}` : label,
        children: l.measures.map((m) => ({ label: plainProse(m) })),
      };
    });
    const body: Content[] = [tree(roots, { gap: 1 })];
    const notes = t.security?.notes ?? [];
    if (notes.length) body.push(text(notes.map((n) => `Note: ${plainProse(n)}`)));
    boxes.push((width) => box(vstack(body, { gap: 1 }), { title: ['SECURITY LAYERS', 'as the team states them'], width, padding: { x: 2, y: 1 } }));
  }

  const facts = securityFacts(t);
  const holding = facts.filter((f) => f.holds).length;
  const factParts: Content[] = (Object.keys(FACT_LAYERS) as SecurityLayerKind[]).map((layer) => {
    const mine = facts.filter((f) => f.layer === layer);
    const items = mine.length
      ? mine.map((f) => ({ mark: f.holds ? marks.holds : marks.fails, text: oneLine(f.statement) }))
      : [{ mark: marks.bullet, text: 'Nothing in the model speaks to this layer.' }];
    return vstack([text(FACT_LAYERS[layer]), markedList(items, 2)]);
  });
  const summary = `${plural(facts.length, 'fact')}: ${holding} ${holding === 1 ? 'holds' : 'hold'}, ${facts.length - holding} ${facts.length - holding === 1 ? 'does' : 'do'} not. ${marks.holds} holds, ${marks.fails} does not hold.`;
  boxes.push((width) =>
    box(vstack([text(summary), ...factParts], { gap: 1 }), {
      title: ['CHECKED AGAINST THE MODEL', 'computed from networks, ports, routes and middlewares'],
      width,
      padding: { x: 2, y: 1 },
    }),
  );

  // Both boxes take the width of the wider one.
  return (maxWidth: number) => {
    const widest = boxes.reduce((w, b) => Math.max(w, b()(maxWidth).width), 0);
    return vstack(boxes.map((b) => b(widest)), { gap: 1 })(maxWidth);
  };
}
