/**
 * Shrinks the path data Mermaid 12 draws node shapes with. Its shapes go through rough.js
 * even in the plain look (roughness 0): every edge of a polygon becomes a cubic Bézier whose
 * control points lie on the edge, drawn twice ("multi-stroke"), and round shapes are polygons
 * of ~100 points. A stadium node costs ~40 KB that way. The rewrite keeps the geometry:
 *
 * - a cubic whose control points lie on its chord, between the ends, traces that chord
 *   (convex-hull property), so it becomes a line (`L`);
 * - a segment that starts and ends at the same point with its control points there draws nothing;
 * - a subpath identical to the one before it draws the same pixels again, so it is dropped
 *   (Mermaid paints with the nonzero fill rule, where a repeated subpath changes nothing).
 *
 * Only absolute M/L/C/Z data is rewritten; anything else is returned untouched.
 */

type Point = [number, number];

interface Segment {
  command: 'L' | 'C' | 'Z';
  /** Coordinates as written (kept verbatim), pairs flattened. */
  text: string[];
}

interface Subpath {
  start: string[];
  segments: Segment[];
}

/** Tolerance, in user units (px), for "lies on the chord". */
const ON_LINE = 0.01;

function parse(d: string): Subpath[] | undefined {
  const tokens = d.match(/[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g);
  if (!tokens) return undefined;
  const subpaths: Subpath[] = [];
  let command = '';
  let i = 0;
  const take = (n: number): string[] | undefined => {
    const values = tokens.slice(i, i + n);
    if (values.length !== n || values.some((v) => /[A-Za-z]/.test(v))) return undefined;
    i += n;
    return values;
  };
  while (i < tokens.length) {
    const token = tokens[i] ?? '';
    if (/[A-Za-z]/.test(token)) {
      if (!'MLCZ'.includes(token)) return undefined;
      command = token;
      i++;
      if (command === 'Z') {
        const current = subpaths.at(-1);
        if (!current) return undefined;
        current.segments.push({ command: 'Z', text: [] });
        continue;
      }
    }
    if (command === 'M') {
      const start = take(2);
      if (!start) return undefined;
      subpaths.push({ start, segments: [] });
      command = 'L'; // coordinates after an M's first pair are implicit line-tos (SVG 1.1 §8.3.2)
    } else if (command === 'L' || command === 'C') {
      const text = take(command === 'L' ? 2 : 6);
      const current = subpaths.at(-1);
      if (!text || !current) return undefined;
      current.segments.push({ command, text });
    } else {
      return undefined;
    }
  }
  return subpaths;
}

function point(text: string[], at: number): Point {
  return [Number(text[at]), Number(text[at + 1])];
}

/** Whether `c` lies on segment a–b (within ON_LINE), between its ends. */
function onChord(a: Point, b: Point, c: Point): boolean {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  if (length2 === 0) return Math.hypot(c[0] - a[0], c[1] - a[1]) <= ON_LINE;
  const t = ((c[0] - a[0]) * dx + (c[1] - a[1]) * dy) / length2;
  const distance = Math.abs((c[0] - a[0]) * dy - (c[1] - a[1]) * dx) / Math.sqrt(length2);
  return t >= 0 && t <= 1 && distance <= ON_LINE;
}

function simplifySubpath(subpath: Subpath): Subpath {
  let at = point(subpath.start, 0);
  const segments: Segment[] = [];
  for (const segment of subpath.segments) {
    if (segment.command === 'Z') {
      segments.push(segment);
      continue;
    }
    const endText = segment.text.slice(-2);
    const end = point(endText, 0);
    if (segment.command === 'C' && onChord(at, end, point(segment.text, 0)) && onChord(at, end, point(segment.text, 2))) {
      if (end[0] !== at[0] || end[1] !== at[1]) segments.push({ command: 'L', text: endText });
    } else if (segment.command === 'L' && end[0] === at[0] && end[1] === at[1]) {
      // A zero-length line draws nothing.
    } else {
      segments.push(segment);
    }
    at = end;
  }
  return { start: subpath.start, segments };
}

function serialize(subpaths: Subpath[]): string {
  let out = '';
  for (const subpath of subpaths) {
    out += `M${subpath.start.join(' ')}`;
    for (const segment of subpath.segments) {
      if (segment.command === 'Z') out += 'Z';
      else if (segment.command === 'L') out += `L${segment.text.join(' ')}`;
      else out += `C${segment.text[0]} ${segment.text[1]},${segment.text[2]} ${segment.text[3]},${segment.text[4]} ${segment.text[5]}`;
    }
  }
  return out;
}

export function simplifyPathData(d: string): string {
  const subpaths = parse(d);
  if (!subpaths || subpaths.length === 0) return d;
  const kept: Subpath[] = [];
  let previous = '';
  for (const subpath of subpaths.map(simplifySubpath)) {
    // A lone moveto draws nothing.
    if (subpath.segments.length === 0) continue;
    const text = serialize([subpath]);
    if (text === previous) continue;
    previous = text;
    kept.push(subpath);
  }
  const out = serialize(kept);
  return out.length < d.length ? out : d;
}

/** Applies `simplifyPathData` to every `d` attribute of an SVG document. */
export function simplifyPaths(svg: string): string {
  return svg.replace(/(\sd=")([^"]*)(")/g, (_all, open: string, d: string, close: string) => open + simplifyPathData(d) + close);
}
