/**
 * Escaping for every place topology strings land. Topology text is user input: quotes, brackets,
 * `|`, `#`, backticks or `<script>` must never break a diagram or inject markup.
 */

/** Characters Mermaid would read as syntax or markup, replaced in one pass by its `#code;` entities. */
const MERMAID_ENTITIES: Record<string, string> = {
  '&': '#amp;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
  '#': '#35;',
  ';': '#59;',
  '|': '#124;',
  '`': '#96;',
  '[': '#91;',
  ']': '#93;',
  '{': '#123;',
  '}': '#125;',
  '(': '#40;',
  ')': '#41;',
};

/** Text inside a Mermaid quoted label `["..."]`, edge label `|"..."|`, message or note. */
export function mermaidText(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/[&"<>#;|`[\]{}()]/g, (c) => MERMAID_ENTITIES[c]!);
}

/** A Mermaid node id: ids come from topology keys, but keep them to safe characters and away from keywords. */
export function mermaidId(s: string): string {
  const safe = s.replace(/[^A-Za-z0-9_]/g, '_');
  return /^(end|graph|subgraph|flowchart|click|style|class|classDef|linkStyle|direction)$/i.test(safe) || /^[0-9]/.test(safe) ? `n_${safe}` : safe;
}

/** Inline Markdown text: characters that would start markup are backslash-escaped, HTML is neutralised. */
export function mdText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/([`*_[\]|#~])/g, '\\$1')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** A Markdown table cell. */
export function mdCell(s: string | number | undefined): string {
  if (s === undefined || s === '') return '–';
  return mdText(String(s));
}

/** Inline code that survives backticks inside the value. */
export function mdCode(s: string | number): string {
  const v = String(s).replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(v.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = v.startsWith('`') || v.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${v.replace(/\|/g, '\\|')}${pad}${fence}`;
}

export function mdTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Link targets that run code or embed content when followed: never emitted as links. */
const UNSAFE_LINK = /(\]\(\s*|^\s*\[[^\]\n]*\]:\s*)(?:javascript|vbscript|data|file)\s*:/gim;

/**
 * Prose fields documented as Markdown (descriptions, notes): Markdown is kept, raw HTML is neutralised,
 * and links to `javascript:`, `vbscript:`, `data:` or `file:` URLs lose their scheme.
 */
export function mdProse(s: string): string {
  return s
    .replace(/&(?![a-z]+;|#\d+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(UNSAFE_LINK, (_m, lead: string) => `${lead}#unsafe-link:`)
    .trim();
}

/** A fenced code block that its content cannot close: the fence is longer than any backtick run inside. */
export function mdFence(content: string, lang: string): string {
  const longest = Math.max(2, ...(content.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${content}\n${fence}`;
}
