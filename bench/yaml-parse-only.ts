/**
 * The floor under `topodoc check` (spawned by check.bench.ts): a process that only loads the
 * `yaml` library and parses every YAML file below the given directory into a Document and
 * plain values, the least any positioned check must do.
 *
 *   node bench/yaml-parse-only.ts <dir>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

let nodes = 0;
for (const file of yamlFiles(process.argv[2] ?? 'topology')) {
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: false })) {
    if (doc.toJS() !== undefined) nodes++;
  }
}
if (nodes === 0) process.exitCode = 1;
