// The programmatic entry (`require('trimsafe')`): check files as the CLI does and get Findings.

export { runCheck, checkSources, checkProject } from './check';
export type { CheckRequest, CheckResult } from './check';
export type { Finding, Fix, TextEdit, Range, Position, Severity } from '../analysis/finding';
export { allRuleMetas } from '../rules/all-metas';
export { renderRuleMarkdown } from '../rules/docs';
