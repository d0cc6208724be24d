// `--format gitlab`: the Code Climate JSON subset that GitLab reads as a code quality report
// (artifacts:reports:codequality). Fingerprints follow the flagged line's text, not its number, so
// GitLab can tell new findings in a merge request from old ones that merely moved.

import { Severity } from '../../analysis/finding';
import { entriesFor, fingerprintOf } from '../baseline';
import { displayPath, Report } from './common';

const SEVERITY: Record<Severity, 'critical' | 'major' | 'minor' | 'info'> = {
  error: 'critical',
  warning: 'major',
  info: 'minor',
  hint: 'info',
};

export function formatGitlab(report: Report): string {
  const issues = entriesFor(report.findings, report.cwd, report.sourceText).map(({ finding: f, entry }) => ({
    type: 'issue',
    description: `${f.code} ${f.name}: ${f.message}`,
    check_name: f.code,
    fingerprint: fingerprintOf(entry),
    severity: SEVERITY[f.severity],
    location: { path: displayPath(report.cwd, f.path), lines: { begin: f.range.start.line + 1 } },
  }));
  return JSON.stringify(issues, null, 2) + '\n';
}
