/**
 * The security review's vocabulary: a rule (what it checks, why, how to fix it, where it is documented)
 * and the outcome of running it on one system. Findings are ordinary diagnostics, so every report
 * format prints them like drift findings.
 */
import type { Diagnostic, Severity } from '../model/diagnostics.ts';
import type { SecurityContext } from './context.ts';

export interface SecurityRule {
  /** Stable id, `security/<slug>`; code-scanning alerts are keyed on it. */
  id: string;
  /** What a failure means, as a short sentence fragment ("A datastore publishes a host port"). */
  title: string;
  /** Severity of most findings (a rule may report some findings lower or higher). */
  severity: Severity;
  /** Why it matters (SARIF `fullDescription`, the docs page). */
  rationale: string;
  /** What to change, in compose or the topology. */
  fix: string;
  /** KICS Docker Compose queries covering the same ground (folders under assets/queries/dockerCompose). */
  kics: readonly string[];
  /** Whether the rule has anything to look at in this system (e.g. Traefik rules need Traefik). */
  applies?: (ctx: SecurityContext) => boolean;
  check: (ctx: SecurityContext) => void;
}

export type CheckStatus = 'passed' | 'failed' | 'not-applicable';

export interface RuleOutcome {
  rule: string;
  status: CheckStatus;
  findings: Diagnostic[];
}

export interface SecurityReview {
  /** One per rule, in catalog order. */
  outcomes: RuleOutcome[];
  /** Every finding, sorted by file, line and column. */
  findings: Diagnostic[];
}

/** `--fail-on`: the lowest severity of security findings that fails `topodoc check --security`. */
export type FailOn = 'error' | 'warning';
