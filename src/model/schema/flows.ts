import * as z from 'zod';
import { Description, Id } from './common.ts';

export const Participant = z
  .strictObject({
    id: Id.meta({ description: 'Short id used in steps, e.g. `TR`.' }),
    label: z.string().optional().meta({ description: 'Display name; defaults to the referenced element\'s name.' }),
    ref: Id.optional().meta({ description: 'A service or external this participant stands for.' }),
    kind: z.enum(['actor', 'participant']).default('participant'),
  })
  .meta({ description: 'A lifeline in a sequence diagram.' });

export const MessageStep = z
  .strictObject({
    from: Id,
    to: Id,
    text: z.string().meta({ description: 'What is sent.' }),
    reply: z.boolean().optional().meta({ description: 'A response (dashed arrow).' }),
  })
  .meta({ description: 'A message from one participant to another (or to itself).' });

export const NoteStep = z
  .strictObject({
    note: z.string().meta({ description: 'Note text.' }),
    over: z.array(Id).min(1).max(2).meta({ description: 'One participant, or two to span.' }),
  })
  .meta({ description: 'A note over one or two participants.' });

export interface FlowStep {
  from?: string;
  to?: string;
  text?: string;
  reply?: boolean;
  note?: string;
  over?: string[];
  group?: string;
  color?: string;
  alt?: Array<{ when: string; steps: FlowStep[] }>;
  opt?: string;
  loop?: string;
  steps?: FlowStep[];
}

export const GroupStep = z
  .strictObject({
    group: z.string().meta({ description: 'Label of a highlighted block (Mermaid `rect`).' }),
    color: z
      .enum(['grey', 'blue', 'purple', 'red', 'green', 'yellow'])
      .optional()
      .meta({ description: 'Layer colour of the block.' }),
    get steps() {
      return z.array(FlowStepSchema);
    },
  })
  .meta({ description: 'A highlighted block of steps.' });

export const AltStep = z
  .strictObject({
    get alt() {
      return z.array(z.strictObject({ when: z.string(), get steps() { return z.array(FlowStepSchema); } })).min(2);
    },
  })
  .meta({ description: 'Alternatives: the first branch whose `when` holds runs.' });

export const OptStep = z
  .strictObject({
    opt: z.string().meta({ description: 'Condition under which the steps run.' }),
    get steps() {
      return z.array(FlowStepSchema);
    },
  })
  .meta({ description: 'Optional steps.' });

export const LoopStep = z
  .strictObject({
    loop: z.string().meta({ description: 'What repeats.' }),
    get steps() {
      return z.array(FlowStepSchema);
    },
  })
  .meta({ description: 'Repeated steps.' });

export const FlowStepSchema: z.ZodType<FlowStep> = z
  .union([MessageStep, NoteStep, GroupStep, AltStep, OptStep, LoopStep])
  .meta({ id: 'FlowStep', description: 'A message, a note, or a block (`group`, `alt`, `opt`, `loop`) of further steps.' });

export const Flow = z
  .strictObject({
    title: z.string().min(1),
    description: Description.optional(),
    kind: z
      .enum(['request', 'access', 'deployment', 'backup', 'certificate', 'other'])
      .default('other')
      .meta({ description: 'What the flow shows; decides where it appears in the docs.' }),
    participants: z.array(Participant).min(2),
    steps: z.array(FlowStepSchema).min(1),
    legend: z.array(z.string()).optional().meta({ description: 'Colour legend lines shown under the diagram.' }),
  })
  .meta({ description: 'An explicit sequence (SSH access, deployment workflow, a request walk-through).' });
