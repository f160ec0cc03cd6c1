#!/usr/bin/env -S node --
// `--` ends node's own options: Node 24 otherwise checks `--env-file <file>` given to topodoc (nodejs/node#54232).
import module from 'node:module';

// Node caches compiled, type-stripped modules between runs (in the OS temp dir, like tsc does);
// it halves the start-up of every command. Enabled before the CLI's modules are imported.
module.enableCompileCache?.();
const { runCli } = await import('./main.ts');

const color = Boolean(process.stderr.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
const write = (stream: NodeJS.WriteStream) => (s: string) => void stream.write(s);
// A reader that stops early (`topodoc check | head`) is not an error of topodoc.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw err;
  });
}

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: write(process.stdout),
  stderr: write(process.stderr),
  color,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Not a user error: a bug in topodoc. Keep the stack so it can be reported.
    process.stderr.write(`topodoc: internal error (please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 70;
  },
);
