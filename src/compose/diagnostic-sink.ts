/** Collects diagnostics while the compose loader keeps going, so one run reports every problem. */
import type { Diagnostic, SourceLoc } from '../model/diagnostics.ts';

type Extra = Partial<Pick<Diagnostic, 'path' | 'expected' | 'found' | 'related'>>;

export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  error(rule: string, message: string, loc?: SourceLoc, extra?: Extra): void {
    this.add('error', rule, message, loc, extra);
  }

  warning(rule: string, message: string, loc?: SourceLoc, extra?: Extra): void {
    this.add('warning', rule, message, loc, extra);
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  private add(severity: Diagnostic['severity'], rule: string, message: string, loc: SourceLoc | undefined, extra: Extra | undefined): void {
    const diagnostic: Diagnostic = { severity, rule, message };
    if (loc) diagnostic.loc = loc;
    if (extra) Object.assign(diagnostic, extra);
    this.items.push(diagnostic);
  }
}

/** Drops exact repeats (a value shared through a YAML alias is reported once) and keeps the first order. */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.severity}\u0000${d.rule}\u0000${d.message}\u0000${d.loc?.file ?? ''}:${d.loc?.line ?? 0}:${d.loc?.column ?? 0}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
