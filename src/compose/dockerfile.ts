/**
 * What a Dockerfile says about the image compose builds from it (Dockerfile reference: FROM, USER,
 * HEALTHCHECK, multi-stage builds): the stage built (compose `build.target`, else the last), the
 * image it starts FROM, and the user and health check it ends with, inherited from earlier stages
 * it builds on. Instructions are read after joining `\` continuations; comments are skipped. Pure.
 */
import type { SourceLoc } from '../model/diagnostics.ts';
import { parseDuration } from './healthcheck.ts';
import type { ComposeHealthcheck } from './types.ts';

export interface DockerfileStage {
  /** The image the stage builds FROM, following stage names back to an image; undefined for `${ARG}` or `scratch`. */
  from?: string;
  /** The line of the FROM that names that image. */
  fromLine?: number;
  /** The last USER instruction in effect, as written, with its 1-based line. */
  user?: { value: string; line: number };
  /** The last HEALTHCHECK in effect: `disabled` for `HEALTHCHECK NONE`. */
  healthcheck?: DockerfileHealthcheck;
}

/** `HEALTHCHECK [--interval=…] [--timeout=…] [--start-period=…] [--start-interval=…] [--retries=…] CMD …`, or `NONE`. */
export interface DockerfileHealthcheck {
  disabled: boolean;
  line: number;
  /** As Docker stores it: `["CMD-SHELL", "…"]` for the shell form, `["CMD", …]` for the JSON form. */
  test?: string[];
  /** Option values as written (Go durations). */
  interval?: string;
  timeout?: string;
  startPeriod?: string;
  startInterval?: string;
  retries?: number;
}

/** A service's Dockerfile (its path relative to the project root, as compose locations are) and its built stage. */
export interface BuiltImage {
  file: string;
  stage: DockerfileStage;
}

/** A line of a service's Dockerfile, as a location findings can point at. */
export function dockerfileLoc(built: BuiltImage, line: number): SourceLoc {
  return { file: built.file, line, column: 1 };
}

interface Stage {
  name?: string;
  /** Line of its FROM. */
  line: number;
  /** As written after FROM: an image, or the name of an earlier stage. */
  base: string;
  user?: DockerfileStage['user'];
  healthcheck?: DockerfileStage['healthcheck'];
}

/** The instructions with the line each starts on; continuation lines joined, comment lines dropped. */
function instructions(dockerfile: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let current: { line: number; text: string } | undefined;
  dockerfile.split(/\r?\n/).forEach((raw, index) => {
    if (/^\s*#/.test(raw)) return;
    const continued = /\\\s*$/.test(raw);
    const text = continued ? raw.replace(/\\\s*$/, ' ') : raw;
    if (current) current.text += text;
    else current = { line: index + 1, text };
    if (!continued) {
      if (current.text.trim() !== '') out.push({ line: current.line, text: current.text.trim() });
      current = undefined;
    }
  });
  if (current && current.text.trim() !== '') out.push({ line: current.line, text: current.text.trim() });
  return out;
}

function stagesOf(dockerfile: string): Stage[] {
  const stages: Stage[] = [];
  for (const { line, text } of instructions(dockerfile)) {
    const [keyword = '', ...rest] = text.split(/\s+/);
    const args = rest.join(' ');
    switch (keyword.toUpperCase()) {
      case 'FROM': {
        const match = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
        if (match) stages.push({ line, base: match[1]!, ...(match[2] !== undefined ? { name: match[2].toLowerCase() } : {}) });
        break;
      }
      case 'USER': {
        const stage = stages.at(-1);
        if (stage && args !== '') stage.user = { value: args, line };
        break;
      }
      case 'HEALTHCHECK': {
        const stage = stages.at(-1);
        if (stage) stage.healthcheck = readHealthcheck(args, line);
        break;
      }
    }
  }
  return stages;
}

const HEALTHCHECK_OPTIONS: Readonly<Record<string, 'interval' | 'timeout' | 'startPeriod' | 'startInterval' | 'retries'>> = {
  interval: 'interval',
  timeout: 'timeout',
  'start-period': 'startPeriod',
  'start-interval': 'startInterval',
  retries: 'retries',
};

function readHealthcheck(args: string, line: number): DockerfileHealthcheck {
  if (/^NONE$/i.test(args)) return { disabled: true, line };
  const out: DockerfileHealthcheck = { disabled: false, line };
  let rest = args;
  for (let option = /^--([a-z-]+)(?:=|\s+)(\S+)\s+/i.exec(rest); option; option = /^--([a-z-]+)(?:=|\s+)(\S+)\s+/i.exec(rest)) {
    const key = HEALTHCHECK_OPTIONS[option[1]!.toLowerCase()];
    if (key === 'retries') {
      if (/^\d+$/.test(option[2]!)) out.retries = Number(option[2]);
    } else if (key !== undefined) out[key] = option[2]!;
    rest = rest.slice(option[0].length);
  }
  const command = /^CMD\s+([\s\S]*)$/i.exec(rest)?.[1]?.trim();
  if (command === undefined || command === '') return out;
  if (command.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(command);
      if (Array.isArray(parsed) && parsed.every((a) => typeof a === 'string')) {
        out.test = ['CMD', ...(parsed as string[])];
        return out;
      }
    } catch {
      // Not JSON: Docker runs it with the shell, as written.
    }
  }
  out.test = ['CMD-SHELL', command];
  return out;
}

/** The HEALTHCHECK of a built image in compose's shape, located at its Dockerfile line; durations Docker would refuse are left out. */
export function dockerfileHealthcheck(built: BuiltImage): ComposeHealthcheck | undefined {
  const health = built.stage.healthcheck;
  if (!health) return undefined;
  const loc = dockerfileLoc(built, health.line);
  const out: ComposeHealthcheck = { disabled: health.disabled, loc };
  if (health.test) out.test = { value: health.test, loc };
  for (const key of ['interval', 'timeout', 'startPeriod', 'startInterval'] as const) {
    const text = health[key];
    const milliseconds = text === undefined ? undefined : parseDuration(text);
    if (text !== undefined && milliseconds !== undefined) out[key] = { text, milliseconds, loc };
  }
  if (health.retries !== undefined) out.retries = { value: health.retries, loc };
  return out;
}

/** The stage compose builds (`target`, else the last) with what it inherits; undefined when there is no such stage. */
export function builtStage(dockerfile: string, target?: string): DockerfileStage | undefined {
  const stages = stagesOf(dockerfile);
  const index = target === undefined ? stages.length - 1 : stages.findLastIndex((s) => s.name === target.toLowerCase());
  if (index < 0) return undefined;
  const result: DockerfileStage = {};
  // Walk back through the stages this one builds FROM; the nearest USER and HEALTHCHECK win.
  for (let at = index; at >= 0; ) {
    const stage = stages[at]!;
    if (result.user === undefined && stage.user !== undefined) result.user = stage.user;
    if (result.healthcheck === undefined && stage.healthcheck !== undefined) result.healthcheck = stage.healthcheck;
    const base = stage.base.toLowerCase();
    const parent = stages.slice(0, at).findLastIndex((s) => s.name === base);
    if (parent < 0) {
      if (!stage.base.includes('$') && base !== 'scratch') {
        result.from = stage.base;
        result.fromLine = stage.line;
      }
      break;
    }
    at = parent;
  }
  return result;
}
