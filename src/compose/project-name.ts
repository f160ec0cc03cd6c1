/**
 * Compose project names: `-p` > `COMPOSE_PROJECT_NAME` > top-level `name` > the project
 * directory's base name. A name given explicitly must already be valid; a directory name is
 * normalised (lowercased, only `[a-z0-9_-]` kept, leading `_`/`-` dropped), like compose-go.
 */

/** The normalised form of a candidate name. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
}

export function isValidProjectName(name: string): boolean {
  return name !== '' && normalizeProjectName(name) === name;
}

export const PROJECT_NAME_RULE =
  'a project name must contain only lowercase letters, digits, dashes and underscores, and start with a letter or digit';
