/** Where each rule is documented on the docs site (root-relative, without the base path). */
export const SECURITY_RULES_PATH = '/reference/security/';

export function ruleSlug(id: string): string {
  return id.replace(/^security\//, '');
}

export function ruleDocsPath(id: string): string {
  return `${SECURITY_RULES_PATH}${ruleSlug(id)}/`;
}
