/**
 * Real-world files: every compose file of the awesome-compose corpus (shared, read in place)
 * loads without throwing, with plausible services.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadComposeProject } from '../../src/compose/index.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = resolve(REPO_ROOT, '../shared/corpus/awesome-compose');
const COMPOSE_NAMES = new Set(['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml']);

function composeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...composeFiles(path));
    else if (COMPOSE_NAMES.has(name)) out.push(path);
  }
  return out;
}

/** Every `${NAME` / `$NAME` a file mentions, so the strict run can give each a harmless value. */
function referencedVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))];
}

describe('awesome-compose corpus', () => {
  const files = composeFiles(CORPUS);

  test('the corpus is there and listed in its manifest', () => {
    const manifest = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8');
    assert.ok(files.length >= 30, `found ${files.length} compose files`);
    for (const file of files) assert.ok(manifest.includes(relative(CORPUS, file)), `${relative(CORPUS, file)} not in MANIFEST.tsv`);
  });

  for (const file of files) {
    const name = relative(CORPUS, file);
    test(name, async () => {
      // As found: unset variables are warnings; errors (e.g. an empty bind source) come back as diagnostics.
      const asFound = await loadComposeProject({ files: [file], tolerateErrors: true });
      assert.ok(Object.keys(asFound.services).length > 0);
      // With every referenced variable set, the file loads strictly, without any error.
      const env = Object.fromEntries(referencedVariables(readFileSync(file, 'utf8')).map((v) => [v, '/placeholder']));
      const project = await loadComposeProject({ files: [file], env });
      assert.deepEqual(project.diagnostics.filter((d) => d.severity === 'error'), []);
      for (const service of Object.values(project.services)) {
        assert.ok(service.image || service.build, `${service.name} has image or build`);
        assert.equal(service.loc.file, relative(project.rootDir, file).split('\\').join('/'));
      }
    });
  }
});
