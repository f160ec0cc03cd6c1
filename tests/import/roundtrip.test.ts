/**
 * Acceptance: `topodoc import` on real compose files — every stack of the awesome-compose corpus (read
 * in place) and the compose files of each reference system — writes a topology that validates, that
 * `topodoc check` accepts (exit 0) and that `topodoc generate` turns into docs. The topology lives in a
 * temporary directory; its `compose.files` point back at the originals.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { parseTopology } from '../../src/model/parse-topology.ts';
import { allFiles, checkFrom, REPO_ROOT, tempDir, topodoc } from './helpers.ts';

const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus/awesome-compose');

interface Stack {
  name: string;
  files: string[];
  envFile?: string;
  id?: string;
}

function corpusStacks(): Stack[] {
  const lines = readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [sample, , file] = line.split('\t');
    return { name: sample!, files: [path.join(CORPUS, file!)] };
  });
}

function referenceStacks(): Stack[] {
  const ids = ['infra-production', 'mito', 'sellybase', 'sothebais-v1', 'sothebais'];
  return ids.map((id) => {
    const compose = (parseDocument(readFileSync(path.join(REPO_ROOT, 'topology', `${id}.yaml`), 'utf8')).toJS() as { compose: { files: string[]; envFile?: string } }).compose;
    const stack: Stack = { name: `reference ${id}`, id, files: compose.files.map((f) => path.join(REPO_ROOT, 'topology', f)) };
    if (compose.envFile !== undefined) stack.envFile = path.join(REPO_ROOT, 'topology', compose.envFile);
    return stack;
  });
}

async function roundTrip(stack: Stack): Promise<void> {
  const dir = tempDir('topodoc-import-');
  const out = path.join(dir, 'topology.yaml');
  let args = ['import', ...stack.files, '--out', out, ...(stack.id ? ['--name', stack.id] : []), ...(stack.envFile ? ['--env-file', stack.envFile] : [])];
  let imported = await topodoc(args, REPO_ROOT);
  if (imported.code === 2 && imported.stderr.includes('[import/variables-unset]')) {
    // Compose itself refuses the file without these variables (e.g. an empty bind source): give them values.
    const names = /note: (.+?) (?:is|are) not set/.exec(imported.stderr)![1]!.split(', ');
    const envFile = path.join(dir, 'stack.env');
    writeFileSync(envFile, names.map((n) => `${n}=/srv/${n.toLowerCase()}\n`).join(''));
    args = [...args, '--env-file', envFile];
    imported = await topodoc(args, REPO_ROOT);
  }
  assert.equal(imported.code, 0, `import failed:\n${imported.stderr}`);
  assert.match(imported.stdout, /wrote .*topology\.yaml: \d+ services?/);

  const text = readFileSync(out, 'utf8');
  const parsed = parseTopology(text, out);
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), [], 'the imported topology validates');
  assert.ok(parsed.topology, 'the imported topology validates');
  assert.match(text.split('\n', 1)[0]!, /^# yaml-language-server: \$schema=https:\/\/topodoc\.dev\/schema\/topology\.schema\.json$/);
  const files = parsed.topology.compose!.files.map((f) => path.resolve(dir, f));
  assert.deepEqual(files, stack.files, 'compose.files point back at the originals');

  const checked = await checkFrom(out, stack.files[0]!);
  assert.equal(checked.code, 0, `check found drift:\n${checked.stdout}${checked.stderr}`);

  const generated = await topodoc(['generate', out, '--out', path.join(dir, 'diagrams')], dir);
  assert.equal(generated.code, 0, generated.stderr);
  assert.ok(allFiles(path.join(dir, 'diagrams')).length > 5, 'views were generated');

  // Deterministic: the same import again writes the same bytes.
  const again = path.join(dir, 'again.yaml');
  const second = await topodoc(args.map((a) => (a === out ? again : a)), REPO_ROOT);
  assert.equal(second.code, 0);
  assert.equal(readFileSync(again, 'utf8'), text);
}

describe('import round trip: awesome-compose corpus', () => {
  test('the manifest lists the corpus', () => assert.ok(corpusStacks().length >= 30));
  for (const stack of corpusStacks()) test(stack.name, () => roundTrip(stack));
});

describe('import round trip: reference systems', () => {
  for (const stack of referenceStacks()) test(stack.name, () => roundTrip(stack));
});
