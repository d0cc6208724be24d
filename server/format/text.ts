// Human output, in the style of rustc and ruff: location, severity and code, the message, the source
// line with an underline, the fix as a hint, the call chain, and a summary line.

import { Finding } from '../../analysis/finding';
import { countBySeverity } from '../check';
import { codePointColumn, displayPath, lineOf, Report } from './common';

export interface TextOptions {
  color: boolean;
  /** Only the findings, no source excerpts or summary. */
  quiet?: boolean;
  showSource?: boolean;
}

const COLORS = { red: 31, yellow: 33, blue: 34, cyan: 36, gray: 90, bold: 1, green: 32, magenta: 35 } as const;

export function formatText(report: Report, options: TextOptions): string {
  const paint = (c: keyof typeof COLORS, s: string) => (options.color ? `\x1b[${COLORS[c]}m${s}\x1b[0m` : s);
  const sevColor = (s: Finding['severity']) => (s === 'error' ? 'red' : s === 'warning' ? 'yellow' : s === 'info' ? 'blue' : 'gray');
  const out: string[] = [];
  for (const n of report.notices) {
    if (options.quiet && n.level !== 'error') continue;
    out.push(`${paint('bold', displayPath(report.cwd, n.path))}: ${paint(n.level === 'error' ? 'red' : 'blue', n.level === 'error' ? 'error' : 'note')}: ${n.message}`);
  }
  for (const f of report.findings) {
    const text = report.sourceText(f.path);
    const line = lineOf(text, f.range.start.line);
    const col = codePointColumn(line, f.range.start.character);
    const head = `${paint('bold', `${displayPath(report.cwd, f.path)}:${f.range.start.line + 1}:${col}`)}: ${paint(sevColor(f.severity), `${f.severity}[${f.code}]`)} ${f.message}`;
    out.push(head);
    if (options.quiet) continue;
    if (line !== undefined && options.showSource !== false) {
      const gutter = String(f.range.start.line + 1);
      const pad = ' '.repeat(gutter.length);
      const endChar = f.range.end.line === f.range.start.line ? f.range.end.character : line.length;
      const startCp = col - 1;
      const endCp = Math.max(startCp + 1, codePointColumn(line, endChar) - 1);
      const lead = [...line].slice(0, startCp).map((ch) => (ch === '\t' ? '\t' : ' ')).join('');
      out.push(`${pad} ${paint('blue', '|')}`);
      out.push(`${paint('blue', gutter)} ${paint('blue', '|')} ${line}`);
      out.push(`${pad} ${paint('blue', '|')} ${lead}${paint(sevColor(f.severity), '^'.repeat(endCp - startCp))}`);
      for (const fix of f.fixes) out.push(`${pad} ${paint('blue', '=')} ${paint('green', 'fix')}: ${fix.description}${fix.safety === 'unsafe' ? ' (unsafe: --unsafe-fixes)' : ''}`);
      if (f.via && f.via.length > 0) out.push(`${pad} ${paint('blue', '=')} ${paint('cyan', 'via')}: ${f.via.join(' -> ')}`);
      if (f.reachable === false) out.push(`${pad} ${paint('blue', '=')} ${paint('gray', 'note')}: not reached from any entrypoint`);
      out.push('');
    }
  }
  if (!options.quiet) out.push(summaryLine(report, paint));
  return out.join('\n') + '\n';
}

function summaryLine(report: Report, paint: (c: keyof typeof COLORS, s: string) => string): string {
  const c = countBySeverity(report.findings);
  const skipped = report.notices.filter((n) => n.level === 'error').length;
  const fixable = report.findings.filter((f) => f.fixes.some((x) => x.safety === 'safe')).length;
  const files = `${report.filesChecked} file${report.filesChecked === 1 ? '' : 's'} checked`;
  const parts: string[] = [];
  if (report.fixed) parts.push(paint('green', `Fixed ${report.fixed} problem${report.fixed === 1 ? '' : 's'}.`));
  const total = report.findings.length;
  if (total === 0) {
    parts.push(paint('green', `All checks passed (${files}).`));
  } else {
    const counts = (['error', 'warning', 'info', 'hint'] as const)
      .filter((s) => c[s] > 0)
      .map((s) => `${c[s]} ${s}${c[s] === 1 ? '' : s === 'info' ? '' : 's'}`)
      .join(', ');
    parts.push(`Found ${total} problem${total === 1 ? '' : 's'} (${counts}); ${files}.`);
    if (fixable > 0) parts.push(`${fixable} fixable with --fix.`);
  }
  if (skipped > 0) parts.push(paint('red', `${skipped} file${skipped === 1 ? '' : 's'} could not be checked.`));
  return parts.join(' ');
}
