/** Public surface of the security review (pure). */
export { SECURITY_RULES, securityRule, isSecurityRule } from './catalog.ts';
export { reviewSecurity, failsSecurity } from './review.ts';
export { ruleDocsPath, ruleSlug, SECURITY_RULES_PATH } from './paths.ts';
export type { SecurityRule, SecurityReview, RuleOutcome, CheckStatus, FailOn } from './types.ts';
