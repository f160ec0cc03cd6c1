import type { Diagnostic } from '../model/diagnostics.ts';
import { didYouMean } from '../util/did-you-mean.ts';

const MARKER = /<!--\s*topodoc:(begin|end)\s+([^\s>]+)\s*-->/g;

export interface InjectResult {
  text: string;
  replaced: string[];
  diagnostics: Diagnostic[];
}

/**
 * Replaces the content between `<!-- topodoc:begin NAME -->` and `<!-- topodoc:end NAME -->`
 * with the named view, leaving every other byte of the document as it was (terraform-docs'
 * inject mode, with named blocks). Marker problems are errors and leave the text untouched.
 */
export function injectViews(text: string, file: string, views: ReadonlyMap<string, string>): InjectResult {
  const diagnostics: Diagnostic[] = [];
  const loc = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { file, line, column: offset - before.lastIndexOf('\n') };
  };
  const blocks: Array<{ name: string; contentStart: number; contentEnd: number }> = [];
  let open: { name: string; start: number; end: number } | undefined;
  for (const m of text.matchAll(MARKER)) {
    const [whole, kind, name] = m as unknown as [string, 'begin' | 'end', string];
    const at = m.index;
    if (kind === 'begin') {
      if (open) {
        diagnostics.push({ severity: 'error', rule: 'inject/crossed-markers', loc: loc(at), message: `"begin ${name}" opens before "begin ${open.name}" (line ${loc(open.start).line}) is closed; markers must not nest or cross` });
      }
      open = { name, start: at, end: at + whole.length };
    } else if (!open) {
      diagnostics.push({ severity: 'error', rule: 'inject/missing-begin', loc: loc(at), message: `"end ${name}" has no matching "<!-- topodoc:begin ${name} -->" before it` });
    } else if (open.name !== name) {
      diagnostics.push({ severity: 'error', rule: 'inject/crossed-markers', loc: loc(at), message: `"end ${name}" closes "begin ${open.name}" (line ${loc(open.start).line}); expected "<!-- topodoc:end ${open.name} -->"` });
      open = undefined;
    } else {
      blocks.push({ name, contentStart: open.end, contentEnd: at });
      open = undefined;
    }
  }
  if (open) diagnostics.push({ severity: 'error', rule: 'inject/missing-end', loc: loc(open.start), message: `"begin ${open.name}" is never closed; add "<!-- topodoc:end ${open.name} -->"` });
  for (const b of blocks) {
    if (!views.has(b.name)) {
      const s = didYouMean(b.name, views.keys());
      diagnostics.push({ severity: 'error', rule: 'inject/unknown-view', loc: loc(b.contentStart), message: `no view named "${b.name}"${s ? `; did you mean "${s}"?` : ''}`, expected: `one of ${[...views.keys()].join(', ')}` });
    }
  }
  if (diagnostics.length) return { text, replaced: [], diagnostics };

  let out = '';
  let last = 0;
  for (const b of blocks) {
    out += text.slice(last, b.contentStart) + `\n${views.get(b.name)!.trimEnd()}\n`;
    last = b.contentEnd;
  }
  out += text.slice(last);
  return { text: out, replaced: blocks.map((b) => b.name), diagnostics };
}
