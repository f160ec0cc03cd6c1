/**
 * Splits a string `command` / `entrypoint` into words the way compose does (POSIX-shell-like:
 * blanks separate words, single quotes are literal, double quotes allow `\"` `\\` `\$` escapes,
 * a backslash outside quotes escapes the next character). No expansion happens here.
 */
export class ShellSyntaxError extends Error {}

export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated single quote');
      current += text.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      i++;
      let closed = false;
      while (i < text.length) {
        const c = text[i]!;
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) {
          current += text[i + 1];
          i += 2;
        } else {
          current += c;
          i++;
        }
      }
      if (!closed) throw new ShellSyntaxError('unterminated double quote');
    } else if (ch === '\\') {
      if (i + 1 < text.length) current += text[i + 1];
      i += 2;
    } else {
      current += ch;
      i++;
    }
  }
  if (inWord) words.push(current);
  return words;
}
