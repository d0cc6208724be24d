// Inline suppressions:
//   code()  # trimsafe: ignore[TRIM101] -- reason       (this line)
//   # trimsafe: ignore[print-without-io] -- reason     (alone on a line: the next code line)
//   # trimsafe: ignore-file[TRIM202]                   (the whole file)
// Codes and kebab-case names are both accepted; a suppression that suppresses nothing is reported
// (TRIM001) with a fix that removes it.

import { SyntaxNode, walk } from '../grammar-bindings';
import { Finding, Fix, Range } from '../analysis/finding';
import { unusedSuppression } from '../rules/unused-suppression';

export interface Suppression {
  /** Range of the whole comment. */
  range: Range;
  /** 0-based line it applies to; -1 for file-wide. */
  targetLine: number;
  fileWide: boolean;
  /** Codes as written, and the rule codes they resolve to (null for unknown). */
  entries: Array<{ written: string; code: string | null; used: boolean }>;
  reason: string | null;
  /** True when the comment is alone on its line. */
  standalone: boolean;
  commentStart: number;
  commentEnd: number;
}

const DIRECTIVE = /^#\s*trimsafe:\s*(ignore-file|ignore)\s*(?:\[([^\]]*)\])?\s*(?:--\s*(.*))?$/;

export function parseSuppressions(root: SyntaxNode, source: string, resolveCode: (key: string) => string | null): Suppression[] {
  const out: Suppression[] = [];
  // Most files have none: reading the text is much cheaper than walking the tree.
  if (!root.text.includes('trimsafe')) return out;
  const lines = source.split('\n');
  walk(root, (node) => {
    if (node.type !== 'line_comment') return;
    const m = DIRECTIVE.exec(node.text.trim());
    if (!m) return;
    const fileWide = m[1] === 'ignore-file';
    const written = (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const line = node.startPosition.row;
    const before = lines[line].slice(0, node.startPosition.column);
    const standalone = before.trim() === '';
    let targetLine = line;
    if (standalone && !fileWide) targetLine = nextCodeLine(lines, line);
    out.push({
      range: { start: { line, character: node.startPosition.column }, end: { line: node.endPosition.row, character: node.endPosition.column } },
      targetLine: fileWide ? -1 : targetLine,
      fileWide,
      entries: written.length > 0 ? written.map((w) => ({ written: w, code: resolveCode(w), used: false })) : [{ written: '*', code: '*', used: false }],
      reason: m[3]?.trim() || null,
      standalone,
      commentStart: node.startIndex,
      commentEnd: node.endIndex,
    });
  });
  return out;
}

function nextCodeLine(lines: string[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '' || t.startsWith('#')) continue;
    return i;
  }
  return from;
}

/**
 * Drops suppressed findings and appends an unused-suppression finding for each comment entry that
 * suppressed nothing. A finding is matched by the line it starts on.
 */
export function applySuppressions(path: string, findings: Finding[], suppressions: Suppression[], source: string, reportUnused: boolean): Finding[] {
  const kept: Finding[] = [];
  for (const f of findings) {
    const hit = suppressions.find(
      (s) => (s.fileWide || s.targetLine === f.range.start.line) && s.entries.some((e) => e.code === '*' || e.code === f.code),
    );
    if (hit) {
      for (const e of hit.entries) if (e.code === '*' || e.code === f.code) e.used = true;
      continue;
    }
    kept.push(f);
  }
  if (!reportUnused) return kept;
  for (const s of suppressions) {
    const unused = s.entries.filter((e) => !e.used);
    if (unused.length === 0) continue;
    const unknown = unused.filter((e) => e.code === null);
    const names = unused.map((e) => e.written).join(', ');
    const message =
      unknown.length > 0
        ? `Suppression names unknown rule ${unknown.map((e) => `"${e.written}"`).join(', ')}`
        : s.entries[0].code === '*'
          ? 'Suppression comment suppresses nothing'
          : `Suppression of ${names} suppresses nothing`;
    kept.push({
      path,
      range: s.range,
      code: unusedSuppression.meta.code,
      name: unusedSuppression.meta.name,
      severity: unusedSuppression.meta.severity,
      message,
      fixes: [removalFix(s, unused.length === s.entries.length ? null : s.entries.filter((e) => e.used), source)],
      reachable: null,
      via: null,
      tags: [],
    });
  }
  return kept;
}

function removalFix(s: Suppression, keep: Suppression['entries'] | null, source: string): Fix {
  if (keep) {
    const reason = s.reason ? ` -- ${s.reason}` : '';
    const directive = s.fileWide ? 'ignore-file' : 'ignore';
    return {
      description: 'Remove the unused codes from the suppression',
      safety: 'safe',
      edits: [{ range: s.range, newText: `# trimsafe: ${directive}[${keep.map((e) => e.written).join(', ')}]${reason}` }],
    };
  }
  if (s.standalone) {
    // Delete the whole line, newline included.
    const line = s.range.start.line;
    return {
      description: 'Remove the unused suppression',
      safety: 'safe',
      edits: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }],
    };
  }
  // Trailing comment: delete it and the spaces before it.
  let start = s.commentStart;
  while (start > 0 && (source[start - 1] === ' ' || source[start - 1] === '\t')) start--;
  const removed = s.commentStart - start;
  return {
    description: 'Remove the unused suppression',
    safety: 'safe',
    edits: [{ range: { start: { line: s.range.start.line, character: s.range.start.character - removed }, end: s.range.end }, newText: '' }],
  };
}

/** The comment text that suppresses `code` on one line, for editors and `--add-ignore`. */
export function suppressionComment(code: string, reason = 'TODO: why this is safe'): string {
  return `# trimsafe: ignore[${code}] -- ${reason}`;
}
