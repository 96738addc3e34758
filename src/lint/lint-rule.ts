import type { Catalog, Fact } from '../catalog/fact.js';

/** What a finding does to the run: an error fails it, a warning is shown, off is not looked for. */
export type Severity = 'error' | 'warning' | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'off'];

/** One object a rule objects to, and why in words about that object. */
export interface Flagged {
  fact: Fact;
  message: string;
}

/**
 * A lint rule reads the declared catalog, as PostgreSQL itself resolved the schema files: types,
 * keys and indexes as they are, not as the SQL text spells them.
 */
export interface LintRule {
  /** Stable: `.schema-bot.yml` and ignore comments name rules by it. */
  id: string;
  severity: Severity;
  /** One line: what goes wrong in production when the rule is ignored. */
  why: string;
  /** One line: what to write instead. */
  fix: string;
  check(catalog: Catalog): Flagged[];
}
