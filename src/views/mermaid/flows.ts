/**
 * One sequence diagram per explicit topology flow, translated step by step: messages (replies
 * dashed), notes over one or two participants, `group` as a tinted `rect` named by a Note, and
 * `alt`/`opt`/`loop` blocks; the flow's legend closes the diagram as Notes.
 */
import { displayName } from '../../model/queries.ts';
import type { FlowStep, TopologyModel } from '../../model/schema/index.ts';
import { mermaidText } from '../escape.ts';
import type { Fragment, Generator } from '../types.ts';
import { LAYER_TINTS, type LayerColor } from './palette.ts';
import { IdAllocator, MermaidWriter, accessibility, firstSentence, oneLine } from './source.ts';

/** Words the sequence grammar reads as syntax; a participant id equal to one gets a suffix. */
const SEQUENCE_KEYWORDS = [
  'participant', 'actor', 'as', 'end', 'loop', 'alt', 'else', 'opt', 'par', 'and', 'rect', 'note', 'over', 'left', 'right',
  'of', 'activate', 'deactivate', 'autonumber', 'title', 'box', 'critical', 'option', 'break', 'create', 'destroy', 'link',
  'links', 'properties', 'details', 'accTitle', 'accDescr', 'sequenceDiagram',
];

type Flow = NonNullable<TopologyModel['flows']>[string];

export const flowDiagrams: Generator = (t) => Object.entries(t.flows ?? {}).map(([id, flow]) => flowDiagram(t, id, flow));

function flowDiagram(t: TopologyModel, flowId: string, flow: Flow): Fragment {
  // Participant ids come from the topology; Mermaid needs them free of keywords and odd characters.
  const ids = new IdAllocator(SEQUENCE_KEYWORDS);
  const pid = (id: string) => ids.id('', id);
  const order = flow.participants.map((p) => p.id);
  const labels = flow.participants.map((p) => p.label ?? (p.ref !== undefined ? displayName(t, p.ref) : p.id));

  const title = oneLine(flow.title);
  const description = flow.description
    ? firstSentence(flow.description)
    : oneLine(`The “${flow.title}” sequence between ${labels.join(', ')}.`);

  const out = new MermaidWriter();
  out.open('sequenceDiagram');
  accessibility(out, title, description);
  flow.participants.forEach((p, i) => out.line(`${p.kind} ${pid(p.id)} as ${mermaidText(labels[i]!)}`));

  const span = (over: string[]) => over.map(pid).join(',');
  /** The participants a block involves, as the first and last of them in declaration order. */
  const involved = (steps: FlowStep[]): string[] => {
    const seen = new Set<string>();
    const walk = (list: FlowStep[]) =>
      list.forEach((s) => {
        if (s.from !== undefined) seen.add(s.from);
        if (s.to !== undefined) seen.add(s.to);
        s.over?.forEach((o) => seen.add(o));
        if (s.steps) walk(s.steps);
        s.alt?.forEach((b) => walk(b.steps));
      });
    walk(steps);
    const present = order.filter((id) => seen.has(id));
    const ends = present.length ? [present[0]!, present[present.length - 1]!] : [order[0]!, order[order.length - 1]!];
    return [...new Set(ends)];
  };

  const write = (steps: FlowStep[]) => {
    for (const step of steps) {
      if (step.from !== undefined && step.to !== undefined) {
        out.line(`${pid(step.from)}${step.reply ? '-->>' : '->>'}${pid(step.to)}: ${mermaidText(step.text ?? '')}`);
      } else if (step.note !== undefined) {
        out.line(`Note over ${span(step.over ?? [order[0]!])}: ${mermaidText(step.note)}`);
      } else if (step.group !== undefined) {
        out.open(`rect ${LAYER_TINTS[(step.color ?? 'grey') as LayerColor]}`);
        out.line(`Note over ${span(involved(step.steps ?? []))}: ${mermaidText(step.group)}`);
        write(step.steps ?? []);
        out.close();
      } else if (step.alt !== undefined) {
        step.alt.forEach((branch, i) => {
          if (i === 0) out.open(`alt ${mermaidText(branch.when)}`);
          else out.sibling(`else ${mermaidText(branch.when)}`);
          write(branch.steps);
        });
        out.close();
      } else if (step.opt !== undefined) {
        out.open(`opt ${mermaidText(step.opt)}`);
        write(step.steps ?? []);
        out.close();
      } else if (step.loop !== undefined) {
        out.open(`loop ${mermaidText(step.loop)}`);
        write(step.steps ?? []);
        out.close();
      }
    }
  };
  write(flow.steps);

  const whole = span([order[0]!, order[order.length - 1]!]);
  for (const line of flow.legend ?? []) out.line(`Note over ${whole}: ${mermaidText(line)}`);

  return { name: `flow-${flowId}`, kind: 'mermaid', title, description, file: `flow-${flowId}.mmd`, content: out.toString() };
}
