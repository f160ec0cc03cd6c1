/** Public surface of the Traefik model (pure: no file system access). */
export { readTraefikConfig } from './read-config.ts';
export { readStaticConfig, flagEntries, parseAddress, defaultEntrypoints, DEFAULT_RULE_TEMPLATE } from './static-config.ts';
export { readServiceLabels, defaultTraefikName, evaluateDefaultRule } from './labels.ts';
export { parseRule, printRule, ruleTargets, expandMultiValueMatchers } from './rule.ts';
export { convertV1Rule } from './v1-labels.ts';
export { normalizeName } from './values.ts';
export type * from './types.ts';
export type * from './input.ts';
export type { ParseRuleOptions, ParseRuleResult, RuleError, MatcherNode, MatcherName, RuleTargets, Span } from './rule.ts';
