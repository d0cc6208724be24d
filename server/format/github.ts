// `--format github`: workflow commands that GitHub Actions shows as annotations on the diff.

import { Finding } from '../../analysis/finding';
import { codePointColumn, displayPath, lineOf, Report } from './common';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function level(f: Finding): string {
  return f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
}

export function formatGithub(report: Report): string {
  const out: string[] = [];
  for (const n of report.notices) {
    if (n.level === 'error') out.push(`::error file=${escapeProperty(displayPath(report.cwd, n.path))},title=trimsafe::${escapeData(n.message)}`);
  }
  for (const f of report.findings) {
    const text = report.sourceText(f.path);
    const col = codePointColumn(lineOf(text, f.range.start.line), f.range.start.character);
    const endCol = codePointColumn(lineOf(text, f.range.end.line), f.range.end.character);
    const props = [
      `file=${escapeProperty(displayPath(report.cwd, f.path))}`,
      `line=${f.range.start.line + 1}`,
      `col=${col}`,
      `endLine=${f.range.end.line + 1}`,
      `endColumn=${endCol}`,
      `title=${escapeProperty(`${f.code} ${f.name}`)}`,
    ].join(',');
    const via = f.via && f.via.length > 0 ? ` (via ${f.via.join(' -> ')})` : '';
    out.push(`::${level(f)} ${props}::${escapeData(f.message + via)}`);
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
