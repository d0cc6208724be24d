// `--add-ignore`: suppress every current error and warning in place, so a project can turn trimsafe
// on today and work through the TODO reasons later. A finding's line gets a trailing
// `# trimsafe: ignore[CODES] -- TODO: reason`, merged into a trimsafe comment already there. Where
// a trailing comment cannot go (the line ends inside a multi-line string, or already ends in another
// comment) the comment goes alone on the line before, which covers the next code line. Running it
// again changes nothing: suppressed findings are no longer reported.

import { Finding } from '../analysis/finding';
import { lineStarts } from '../analysis/text-edits';
import { getBackend, parseWith, SyntaxNode, walk } from '../grammar-bindings';
import { findRule } from '../rules/registry';
import { unusedSuppression } from '../rules/unused-suppression';
import { writeFixedFile } from './fix';
import { SourceFile } from './sources';
import { parseSuppressions, Suppression } from './suppressions';

export const TODO_REASON = 'TODO: reason';

export interface AddIgnoreResult {
  /** Comments written or extended. */
  added: number;
  files: number;
  /** Findings no line comment can reach (they start on a line inside a multi-line string). */
  unreachable: Finding[];
  /** Files that could not be written, with why. */
  failures: Array<{ path: string; message: string }>;
}

const MULTILINE_TOKENS = new Set(['string_literal', 'command_literal', 'prefixed_string_literal', 'prefixed_command_literal', 'block_comment']);

/** Adds suppression comments for the error and warning findings, file by file. */
export async function addIgnoreComments(findings: Finding[], sources: Map<string, SourceFile>): Promise<AddIgnoreResult> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity !== 'error' && f.severity !== 'warning') continue;
    // An unused suppression is fixed by removing it, never by another suppression.
    if (f.code === unusedSuppression.meta.code) continue;
    if (!sources.has(f.path)) continue;
    const list = byFile.get(f.path) ?? [];
    list.push(f);
    byFile.set(f.path, list);
  }
  const result: AddIgnoreResult = { added: 0, files: 0, unreachable: [], failures: [] };
  const backend = await getBackend();
  for (const [path, list] of byFile) {
    const source = sources.get(path)!;
    const planned = planFile(source, list, backend);
    result.unreachable.push(...planned.unreachable);
    if (planned.added === 0) continue;
    try {
      writeFixedFile(source, planned.text);
      result.added += planned.added;
      result.files++;
    } catch (err) {
      result.failures.push({ path, message: (err as Error).message });
    }
  }
  return result;
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

function planFile(source: SourceFile, findings: Finding[], backend: Awaited<ReturnType<typeof getBackend>>): { text: string; added: number; unreachable: Finding[] } {
  const text = source.text;
  const tree = parseWith(backend, text);
  const starts = lineStarts(text);
  const spans: Array<[number, number]> = [];
  const commentOnLine = new Map<number, SyntaxNode>();
  walk(tree.root, (node) => {
    if (MULTILINE_TOKENS.has(node.type) && node.startPosition.row !== node.endPosition.row) spans.push([node.startIndex, node.endIndex]);
    if (node.type === 'line_comment') commentOnLine.set(node.startPosition.row, node);
  });
  const inside = (offset: number) => spans.some(([s, e]) => offset > s && offset < e);
  const suppressions = parseSuppressions(tree.root, text, (key) => (/^TRIM9\d\d$/i.test(key) ? key.toUpperCase() : (findRule(key)?.meta.code ?? null)));

  const codesByLine = new Map<number, Set<string>>();
  const unreachable: Finding[] = [];
  for (const f of findings) {
    const line = f.range.start.line;
    if (line >= starts.length || inside(starts[line])) {
      unreachable.push(f);
      continue;
    }
    const set = codesByLine.get(line) ?? new Set<string>();
    set.add(f.code);
    codesByLine.set(line, set);
  }

  const splices: Splice[] = [];
  let added = 0;
  for (const [line, codeSet] of codesByLine) {
    const codes = [...codeSet].sort();
    const lineEnd = endOfLine(text, starts, line);
    const trailing = suppressions.find((s) => !s.fileWide && !s.standalone && s.range.start.line === line);
    const before = suppressions.find((s) => !s.fileWide && s.standalone && s.targetLine === line && s.range.start.line < line);
    if (trailing) {
      splices.push(merge(trailing, codes, text));
    } else if (!inside(lineEnd) && !commentOnLine.has(line)) {
      let at = lineEnd;
      while (at > starts[line] && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
      splices.push({ start: at, end: lineEnd, text: `  ${directive(codes, TODO_REASON)}` });
    } else if (before) {
      splices.push(merge(before, codes, text));
    } else {
      const indent = /^[ \t]*/.exec(text.slice(starts[line], lineEnd))![0];
      splices.push({ start: starts[line], end: starts[line], text: `${indent}${directive(codes, TODO_REASON)}${source.eol}` });
    }
    added++;
  }
  splices.sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of splices) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return { text: out, added, unreachable };
}

function directive(codes: string[], reason: string | null): string {
  return `# trimsafe: ignore[${codes.join(', ')}]${reason ? ` -- ${reason}` : ''}`;
}

function merge(s: Suppression, codes: string[], text: string): Splice {
  let end = s.commentEnd;
  if (text[end - 1] === '\r') end--;
  const written = s.entries.map((e) => e.written);
  const have = new Set(s.entries.map((e) => e.code ?? e.written));
  const extra = codes.filter((c) => !have.has(c));
  return { start: s.commentStart, end, text: directive([...written, ...extra], s.reason ?? TODO_REASON) };
}

/** Offset of the end of `line`, before its `\r\n` or `\n`. */
function endOfLine(text: string, starts: number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  if (end > starts[line] && text[end - 1] === '\r') end--;
  return end;
}
