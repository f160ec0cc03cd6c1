import { memoLayout, type Block, type Layout } from './block.ts';
import { box } from './box.ts';
import { chain } from './connectors.ts';

export interface FlowStep {
  title: string;
  /** Lines shown under the title, inside the step's box. */
  details?: readonly string[];
  /** Label of the arrow from this step to the next (ignored on the last step). */
  edgeLabel?: string;
}

export interface NumberedFlowOptions {
  /** Prefix titles with "1. ", "2. " … (default true). */
  numbered?: boolean;
  /** Give every step box the width of the widest (default true). */
  uniformWidth?: boolean;
  /** Cap on a step box's width (default: the room). */
  maxBoxWidth?: number;
}

/** A request flow: numbered step boxes under each other, joined by labelled arrows. */
export function numberedFlow(steps: readonly FlowStep[], options: NumberedFlowOptions = {}): Layout {
  const numbered = options.numbered ?? true;
  const titles = steps.map((step, i) => (numbered ? `${i + 1}. ${step.title}` : step.title));
  const stepBox = (i: number, width?: number): Layout =>
    box(steps[i]?.details ?? [], { title: titles[i], titleAlign: 'left', width, maxWidth: options.maxBoxWidth });
  const labels = steps.map((step) => step.edgeLabel);
  return memoLayout((maxWidth: number): Block => {
    let boxes = steps.map((_, i) => stepBox(i));
    if (options.uniformWidth ?? true) {
      const widest = boxes.reduce((w, layout) => Math.max(w, layout(maxWidth).width), 0);
      boxes = steps.map((_, i) => stepBox(i, widest));
    }
    return chain(boxes, { labels })(maxWidth);
  });
}
