// Applying text edits to a string: shared by `--fix`, the test fixtures and the editor's fix-all.

import { rowAtOffset } from '../grammar-bindings';
import { Position, TextEdit } from './finding';

/** Offsets of each line start in `text` (line 0 starts at 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function offsetAt(starts: number[], text: string, pos: Position): number {
  if (pos.line >= starts.length) return text.length;
  const lineStart = starts[pos.line];
  const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] - 1 : text.length;
  return Math.min(lineStart + pos.character, lineEnd);
}

export function positionAt(starts: number[], offset: number): Position {
  const line = rowAtOffset(starts, offset);
  return { line, character: offset - starts[line] };
}

export interface EditResult {
  text: string;
  applied: TextEdit[];
  /** Edits left out because they overlap an edit applied before them. */
  skipped: TextEdit[];
}

/**
 * Applies edits (all for one file), earliest first; an edit overlapping one already taken is skipped,
 * so a fix is never applied half-way by accident when the caller groups edits per fix.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): EditResult {
  const starts = lineStarts(text);
  const located = edits.map((e) => ({ e, from: offsetAt(starts, text, e.range.start), to: offsetAt(starts, text, e.range.end) }));
  located.sort((a, b) => a.from - b.from || a.to - b.to);
  const taken: typeof located = [];
  const skipped: TextEdit[] = [];
  let lastEnd = -1;
  for (const l of located) {
    if (l.from < lastEnd || (l.from === lastEnd && taken.length > 0 && taken[taken.length - 1].from === l.from && l.from === l.to && taken[taken.length - 1].to === l.from)) {
      skipped.push(l.e);
      continue;
    }
    taken.push(l);
    lastEnd = Math.max(lastEnd, l.to);
  }
  let out = '';
  let cursor = 0;
  for (const l of taken) {
    out += text.slice(cursor, l.from) + l.e.newText;
    cursor = l.to;
  }
  out += text.slice(cursor);
  return { text: out, applied: taken.map((l) => l.e), skipped };
}

/** Applies whole fixes: a fix whose edits would overlap an earlier fix is left out entirely. */
export function applyFixes(text: string, fixes: ReadonlyArray<{ edits: readonly TextEdit[] }>): { text: string; applied: number; skipped: number } {
  const starts = lineStarts(text);
  const spans: Array<[number, number]> = [];
  const chosen: TextEdit[] = [];
  let applied = 0;
  let skipped = 0;
  for (const fix of fixes) {
    const mine = fix.edits.map((e) => [offsetAt(starts, text, e.range.start), offsetAt(starts, text, e.range.end)] as [number, number]);
    const clash = mine.some(([a, b]) => spans.some(([c, d]) => (a < d && c < b) || (a === b && a === c && c === d) || (a === c && b === d)));
    if (clash) {
      skipped++;
      continue;
    }
    spans.push(...mine);
    chosen.push(...fix.edits);
    applied++;
  }
  return { text: applyEdits(text, chosen).text, applied, skipped };
}
