// Metadata of every code trimsafe can report: the rules in the registry, plus the codes the
// verifier-log reader produces. Docs, `trimsafe rules` and SARIF read this list.

import { RULES } from './registry';
import { RuleMeta } from './rule';
import { VERIFIER_RULE_META } from './verifier-log-findings';

export function allRuleMetas(): RuleMeta[] {
  return [...RULES.map((r) => r.meta), ...VERIFIER_RULE_META].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
