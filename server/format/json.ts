// `--format json`: a stable document for tools. Lines and columns are 1-based; columns count UTF-16
// code units, as the language server protocol does.

import { Finding, TextEdit } from '../../analysis/finding';
import { countBySeverity } from '../check';
import { displayPath, Report } from './common';

export function findingToJson(f: Finding, cwd: string) {
  const edit = (e: TextEdit) => ({
    ...(e.path && e.path !== f.path ? { path: displayPath(cwd, e.path) } : {}),
    line: e.range.start.line + 1,
    column: e.range.start.character + 1,
    endLine: e.range.end.line + 1,
    endColumn: e.range.end.character + 1,
    newText: e.newText,
  });
  return {
    path: displayPath(cwd, f.path),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    code: f.code,
    name: f.name,
    message: f.message,
    reachable: f.reachable,
    via: f.via,
    fixes: f.fixes.map((x) => ({ description: x.description, safety: x.safety, edits: x.edits.map(edit) })),
  };
}

export function formatJson(report: Report): string {
  const counts = countBySeverity(report.findings);
  const doc = {
    version: 1,
    findings: report.findings.map((f) => findingToJson(f, report.cwd)),
    summary: {
      files: report.filesChecked,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      hints: counts.hint,
      fixable: report.findings.filter((f) => f.fixes.some((x) => x.safety === 'safe')).length,
      ...(report.fixed !== undefined ? { fixed: report.fixed } : {}),
      skipped: report.notices.filter((n) => n.level === 'error').map((n) => ({ path: displayPath(report.cwd, n.path), message: n.message })),
    },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
