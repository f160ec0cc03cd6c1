/**
 * A sequence-diagram writer for generated walk-throughs: participants, messages, and coloured
 * `rect` layers that open and close themselves around `alt` branches, so a branch never cuts
 * through a rect.
 */
import { mermaidText } from '../escape.ts';
import { LAYER_TINTS, type LayerColor } from './palette.ts';
import { MermaidWriter, accessibility } from './source.ts';

export interface Layer {
  color: LayerColor;
  /** Shown once, as a Note, the first time the layer opens; also used for the legend. */
  name: string;
  /** Participant ids the layer's Note spans (one or two). */
  over: string[];
}

export class SequenceWriter {
  readonly out = new MermaidWriter();
  private current: Layer | undefined;
  private readonly named = new Set<string>();
  private readonly legend: Layer[] = [];
  private openBranches = 0;

  constructor(title: string, description: string) {
    this.out.open('sequenceDiagram');
    accessibility(this.out, title, description);
  }

  /** Declares a participant; `label` is topology text and is escaped here. */
  participant(id: string, label: string, kind: 'participant' | 'actor' = 'participant'): void {
    this.out.line(`${kind} ${id} as ${mermaidText(label)}`);
  }

  note(over: string[], text: string): void {
    this.out.line(`Note over ${over.join(',')}: ${mermaidText(text)}`);
  }

  message(from: string, to: string, text: string, reply = false): void {
    this.out.line(`${from}${reply ? '-->>' : '->>'}${to}: ${mermaidText(text)}`);
  }

  /** Continues in `layer`, opening its rect unless already inside it. */
  layer(layer: Layer): void {
    if (this.current === layer) return;
    this.closeLayer();
    this.out.open(`rect ${LAYER_TINTS[layer.color]}`);
    if (!this.named.has(layer.name)) {
      this.named.add(layer.name);
      this.legend.push(layer);
      this.note(layer.over, layer.name);
    }
    this.current = layer;
  }

  closeLayer(): void {
    if (!this.current) return;
    this.out.close();
    this.current = undefined;
  }

  /**
   * Runs `body` inside `opt`/`loop <text>`, within the current layer's rect when one is open.
   * Blocks and rects must nest, so `body` writes messages and notes but does not switch layers.
   */
  block(keyword: 'opt' | 'loop', text: string, body: () => void): void {
    const layer = this.current;
    this.out.open(`${keyword} ${mermaidText(text)}`);
    body();
    if (this.current !== layer) throw new Error(`a layer changed inside ${keyword} "${text}"`);
    this.out.close();
  }

  /**
   * A check that may stop the request: `alt <stop>` runs `rejected`, and everything written after
   * this call lands in the `else <pass>` branch until `finish()` closes it.
   */
  branch(stop: string, rejected: () => void, pass: string): void {
    this.closeLayer();
    this.out.open(`alt ${mermaidText(stop)}`);
    rejected();
    this.closeLayer();
    this.out.sibling(`else ${mermaidText(pass)}`);
    this.openBranches++;
  }

  /** Ends every open `alt`: what follows holds whichever branch was taken. */
  closeBranches(): void {
    this.closeLayer();
    for (; this.openBranches > 0; this.openBranches--) this.out.close();
  }

  /** Closes open layers and branches, adds the colour legend, and returns the source. */
  finish(legendOver: string[]): string {
    this.closeBranches();
    if (this.legend.length > 1) {
      this.note(legendOver, `Colours: ${this.legend.map((l) => `${capitalise(l.color)}: ${l.name}`).join(' · ')}`);
    }
    return this.out.toString();
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
