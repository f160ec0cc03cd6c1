/**
 * Runs a composite action (action.yml) on this machine the way the GitHub runner does, so tests
 * prove its scripts work rather than only that the file parses: each `run:` step goes to
 * `bash --noprofile --norc -eo pipefail` with GITHUB_OUTPUT, GITHUB_ACTION_PATH and RUNNER_TEMP;
 * `uses:` steps are recorded (with their evaluated `with:`), not run. Expressions are the subset
 * action.yml uses — inputs.X, steps.ID.outputs.X, runner.temp, literals, ==, !=, &&, always() —
 * and anything else throws, so a new construct in action.yml cannot pass untested.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  'working-directory'?: string;
}

export interface CompositeAction {
  name: string;
  description: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface StepResult {
  name: string;
  status: 'success' | 'failure' | 'skipped';
  uses?: string;
  with?: Record<string, string>;
  outputs: Record<string, string>;
  log: string;
}

export interface ActionRun {
  steps: StepResult[];
  outputs: Record<string, string>;
  failed: boolean;
}

export interface RunOptions {
  inputs: Record<string, string>;
  workspace: string;
  actionPath: string;
  env: NodeJS.ProcessEnv;
}

interface Scope {
  inputs: Record<string, string>;
  steps: Record<string, Record<string, string>>;
  runnerTemp: string;
}

function value(expr: string, scope: Scope): string {
  const e = expr.trim();
  const literal = /^'([^']*)'$/.exec(e);
  if (literal) return literal[1]!;
  let m = /^inputs\.([\w-]+)$/.exec(e);
  if (m) return scope.inputs[m[1]!] ?? '';
  m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
  if (m) return scope.steps[m[1]!]?.[m[2]!] ?? '';
  if (e === 'runner.temp') return scope.runnerTemp;
  throw new Error(`composite-action: unsupported expression "${e}"`);
}

/** `${{ … }}` replaced in a string. */
export function interpolate(text: string, scope: Scope): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_m, expr: string) => value(expr, scope));
}

/** Whether a step runs: its `if:` (default `success()`), given whether an earlier step failed. */
function shouldRun(condition: string | undefined, failedBefore: boolean, scope: Scope): boolean {
  if (condition === undefined) return !failedBefore;
  const text = condition.replace(/^\$\{\{(.*)\}\}$/s, '$1');
  if (/\|\||[()]|!(?!=)/.test(text.replace(/always\(\)/g, ''))) throw new Error(`composite-action: unsupported condition "${condition}"`);
  let always = false;
  const terms = text.split('&&').map((term) => {
    const t = term.trim();
    if (t === 'always()') {
      always = true;
      return true;
    }
    const cmp = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(t);
    if (cmp) return (value(cmp[1]!, scope) === value(cmp[3]!, scope)) === (cmp[2] === '==');
    return value(t, scope) !== '';
  });
  return terms.every(Boolean) && (always || !failedBefore);
}

function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([\w-]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) body.push(lines[i]!);
      out[heredoc[1]!] = body.join('\n');
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

export function runCompositeAction(action: CompositeAction, options: RunOptions): ActionRun {
  if (action.runs.using !== 'composite') throw new Error(`not a composite action: ${action.runs.using}`);
  const work = mkdtempSync(path.join(options.workspace, '..', 'runner-'));
  const runnerTemp = path.join(work, 'temp');
  mkdirSync(runnerTemp);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) inputs[name] = spec.default ?? '';
  for (const [name, v] of Object.entries(options.inputs)) {
    if (!(name in inputs)) throw new Error(`action.yml declares no input "${name}"`);
    inputs[name] = v;
  }
  const scope: Scope = { inputs, steps: {}, runnerTemp };
  const results: StepResult[] = [];
  let failed = false;
  action.runs.steps.forEach((step, index) => {
    const name = step.name ?? step.uses ?? `step ${index + 1}`;
    if (!shouldRun(step.if, failed, scope)) {
      results.push({ name, status: 'skipped', outputs: {}, log: '' });
      return;
    }
    if (step.uses) {
      const withValues = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), scope)]));
      results.push({ name, status: 'success', uses: step.uses, with: withValues, outputs: {}, log: '' });
      return;
    }
    if (step.shell !== 'bash' || step.run === undefined) throw new Error(`composite-action: step "${name}" needs shell: bash and run`);
    const script = path.join(work, `step-${index}.sh`);
    const outputFile = path.join(work, `step-${index}.out`);
    writeFileSync(script, step.run);
    writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = {
      ...options.env,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), scope)])),
      GITHUB_OUTPUT: outputFile,
      GITHUB_ACTION_PATH: options.actionPath,
      GITHUB_WORKSPACE: options.workspace,
      RUNNER_TEMP: runnerTemp,
    };
    const cwd = step['working-directory'] ? path.resolve(options.workspace, interpolate(step['working-directory'], scope)) : options.workspace;
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const outputs = readOutputs(outputFile);
    if (step.id) scope.steps[step.id] = outputs;
    const status = r.status === 0 ? 'success' : 'failure';
    if (status === 'failure') failed = true;
    results.push({ name, status, outputs, log: `${r.stdout}${r.stderr}` });
  });
  const outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([k, o]) => [k, interpolate(o.value, scope)]));
  return { steps: results, outputs, failed };
}
