/**
 * The image a Dockerfile's final stage builds FROM (Dockerfile reference, `FROM [--platform=…] image
 * [AS name]`), following stage names back to an image. Undefined when the image is built from
 * `${ARG}`s or `scratch`. Pure.
 */
export function finalBaseImage(dockerfile: string): string | undefined {
  const stages = new Map<string, string>();
  let last: string | undefined;
  // Line continuations join the instruction; comments and parser directives are skipped.
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    const match = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
    if (!match) continue;
    const written = match[1]!;
    const image = stages.get(written.toLowerCase()) ?? written;
    if (match[2] !== undefined) stages.set(match[2].toLowerCase(), image);
    last = image;
  }
  if (last === undefined || last.includes('$') || last.toLowerCase() === 'scratch') return undefined;
  return last;
}
