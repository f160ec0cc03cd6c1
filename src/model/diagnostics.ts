/** A position in a source file. Lines and columns are 1-based, as editors and CI annotations expect. */
export interface SourceLoc {
  file: string;
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning' | 'note';

/**
 * One problem found in user input. Every layer (topology loader, compose loader,
 * Traefik reader, drift check) reports through this shape so the CLI prints them alike.
 */
export interface Diagnostic {
  severity: Severity;
  /** Stable rule id, e.g. `schema/unknown-key` or `drift/port-missing`. */
  rule: string;
  message: string;
  /** Where the culprit is. Absent only when no file is involved (e.g. a missing file). */
  loc?: SourceLoc;
  /** Dotted path inside the document, e.g. `services.redis.ports.main`. */
  path?: string;
  expected?: string;
  found?: string;
  /** Other places that explain the finding (e.g. the topology line for a compose finding). */
  related?: Array<{ message: string; loc: SourceLoc }>;
}

/** Thrown by adapters for input the user must fix; the CLI prints it and exits 2, without a stack trace. */
export class UserInputError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'UserInputError';
    this.diagnostics = diagnostics;
  }
}

export function formatPath(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.loc?.file ?? '';
  const fb = b.loc?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (a.loc?.line ?? 0) - (b.loc?.line ?? 0) || (a.loc?.column ?? 0) - (b.loc?.column ?? 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
