// Hover: the rule's documentation over a finding's range, or over a code in a suppression comment
// (`# trimsafe: ignore[TRIM101]`).

import { Hover, MarkupKind, Position } from 'vscode-languageserver/node';
import { Finding } from '../../analysis/finding';
import { renderRuleMarkdown } from '../../rules/docs';
import { findRule } from '../../rules/registry';

const SUPPRESSION = /#\s*trimsafe:\s*(?:ignore-file|ignore)\s*\[([^\]]*)\]/g;

export function hoverAt(text: string, position: Position, findings: Finding[]): Hover | null {
  const lines = text.split('\n');
  if (position.line < 0 || position.line >= lines.length) return null;
  const lineText = lines[position.line].replace(/\r$/, '');
  const fromComment = suppressionCodesAt(lineText, position.character);
  if (fromComment) return render(fromComment.codes, { start: { line: position.line, character: fromComment.start }, end: { line: position.line, character: fromComment.end } });
  const hits = findings.filter((f) => contains(f.range, position));
  if (hits.length === 0) return null;
  const codes = [...new Set(hits.map((f) => f.code))];
  return render(codes, hits[0].range);
}

/** The codes of the suppression comment under `character`: the one under it, or all when on the comment. */
export function suppressionCodesAt(lineText: string, character: number): { codes: string[]; start: number; end: number } | null {
  SUPPRESSION.lastIndex = 0;
  for (let m = SUPPRESSION.exec(lineText); m; m = SUPPRESSION.exec(lineText)) {
    const start = m.index;
    const end = m.index + m[0].length;
    if (character < start || character > end) continue;
    const listStart = m.index + m[0].indexOf('[') + 1;
    let offset = listStart;
    const entries: Array<{ key: string; start: number; end: number }> = [];
    for (const part of m[1].split(',')) {
      const lead = part.length - part.trimStart().length;
      const key = part.trim();
      if (key) entries.push({ key, start: offset + lead, end: offset + lead + key.length });
      offset += part.length + 1;
    }
    const under = entries.find((e) => character >= e.start && character <= e.end);
    const chosen = under ? [under] : entries;
    const codes = chosen.map((e) => findRule(e.key)?.meta.code).filter((c): c is string => !!c);
    if (codes.length === 0) return null;
    return under ? { codes, start: under.start, end: under.end } : { codes, start, end };
  }
  return null;
}

function render(codes: string[], range: Hover['range']): Hover | null {
  const docs = codes.map((c) => findRule(c)).filter((r) => !!r).map((r) => renderRuleMarkdown(r!.meta));
  if (docs.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: docs.join('\n---\n\n') }, range };
}

function contains(r: Finding['range'], p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}
