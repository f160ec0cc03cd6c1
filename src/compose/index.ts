/**
 * Public entry of the compose loader: `loadComposeProject` reads docker-compose files into the
 * canonical, located model of types.ts (see loader.ts for the pipeline).
 */
export { loadComposeProject, loadComposeProjectSync, nodeFileSystem } from './loader.ts';
export type { ComposeFileSystem } from './loader-context.ts';
export { parseDotenv } from './dotenv.ts';
export { substitute, requiredVariableMessage, unsetVariableMessage } from './interpolation.ts';
export type { TemplateProblem, TemplateResult, VariableLookup } from './interpolation.ts';
export { parseShortPort, portKey } from './ports.ts';
export { parseDuration } from './healthcheck.ts';
export { normalizeProjectName } from './project-name.ts';
export type * from './types.ts';
