// Renders a rule's documentation from its metadata: for `trimsafe rule CODE`, editor hovers and the
// generated docs/rules pages.

import { CATEGORY_TITLES, RuleMeta } from './rule';

export function renderRuleMarkdown(m: RuleMeta): string {
  const d = m.docs;
  const parts = [
    `# ${m.code} ${m.name}`,
    '',
    `${m.summary}.`,
    '',
    `Severity: **${m.severity}**${m.tags && m.tags.length > 0 ? ` (${m.tags.join(', ')})` : ''} · Category: ${CATEGORY_TITLES[m.category]} · Fix: ${m.fixable === 'none' ? 'none' : m.fixable}`,
    '',
    '## What it does',
    '',
    d.what,
    '',
    '## Why it breaks trimming',
    '',
    d.why,
  ];
  if (d.verifierMessage) parts.push('', 'The verifier reports:', '', '```', d.verifierMessage, '```');
  parts.push('', '## Example', '', '```julia', d.example, '```', '', '## Use instead', '', '```julia', d.useInstead, '```');
  parts.push('', '## Fix safety', '', d.fixSafety);
  if (d.falsePositives) parts.push('', '## Not flagged', '', d.falsePositives);
  if (d.versions) parts.push('', '## Julia versions', '', d.versions);
  if (d.evidence.length > 0) parts.push('', '## Evidence', '', ...d.evidence.map((e) => `- ${e}`));
  return parts.join('\n') + '\n';
}
