// Code actions: one quick fix per fix of a finding (safe ones preferred), "Ignore CODE on this line",
// and `source.fixAll.trimsafe` (every safe fix of the file that does not overlap another).

import { CodeAction, CodeActionKind, Diagnostic, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { Finding, Fix, TextEdit } from '../../analysis/finding';
import { applyFixes } from '../../analysis/text-edits';
import { SyntaxNode, walk } from '../../grammar-bindings';
import { isDiagnosticData, sameRange, SOURCE } from './convert';
import { suppressionComment } from '../suppressions';
import { findRule } from '../../rules/registry';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.trimsafe`;

export interface ActionContext {
  uri: string;
  path: string;
  text: string;
  /** Version of the open document; null when the file is not open. */
  version: number | null;
  /** Current findings of the file (after any pending analysis ran). */
  findings: Finding[];
  /** Root of the file's current tree, to find existing comments. */
  root: SyntaxNode | null;
  uriOf: (path: string) => string;
  only?: string[];
}

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/** The finding a client's diagnostic stands for: by code and range, else by range and message. */
export function matchFinding(d: Pick<Diagnostic, 'range' | 'code' | 'message'>, findings: Finding[]): Finding | null {
  const code = d.code === undefined || d.code === null ? null : String(d.code);
  return (
    findings.find((f) => (code === null || f.code === code) && sameRange(f.range, d.range)) ??
    findings.find((f) => (code === null || f.code === code) && f.range.start.line === d.range.start.line && f.message === d.message) ??
    null
  );
}

export function codeActions(diagnostics: Diagnostic[], ctx: ActionContext): CodeAction[] {
  const actions: CodeAction[] = [];
  const eol = dominantEol(ctx.text);
  if (wants(ctx.only, CodeActionKind.QuickFix)) {
    const ignored = new Set<string>();
    for (const d of diagnostics) {
      if (d.source !== undefined && d.source !== SOURCE) continue;
      const fixes = fixesOf(d, ctx);
      if (!fixes) continue;
      const preferredIndex = fixes.findIndex((f) => f.safety === 'safe');
      fixes.forEach((fix, i) => {
        actions.push({
          title: fix.safety === 'safe' ? fix.description : `${fix.description} (unsafe: may change behaviour)`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: i === preferredIndex,
          edit: workspaceEdit(fix.edits, ctx, eol),
        });
      });
      const code = String(d.code ?? '');
      const key = `${code}:${d.range.start.line}`;
      if (code && findRule(code) && code !== 'TRIM001' && !ignored.has(key)) {
        ignored.add(key);
        const edit = ignoreEdit(code, d.range.start.line, ctx, eol);
        if (edit) actions.push({ title: `Ignore ${code} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: workspaceEdit([edit], ctx, eol) });
      }
    }
  }
  const explicitFixAll = !!ctx.only?.some((o) => o === CodeActionKind.SourceFixAll || o === FIX_ALL_KIND);
  if ((!ctx.only || ctx.only.length === 0 || wants(ctx.only, FIX_ALL_KIND)) && (explicitFixAll || !ctx.only || ctx.only.length === 0 || ctx.only.includes(CodeActionKind.Source))) {
    const all = fixAllAction(ctx, eol);
    if (all) actions.push(all);
  }
  return actions;
}

/** The fixes behind a diagnostic: from `data` when it matches the document, else from the current findings. */
function fixesOf(d: Diagnostic, ctx: ActionContext): Fix[] | null {
  if (isDiagnosticData(d.data) && d.data.version === ctx.version) return d.data.fixes;
  const f = matchFinding(d, ctx.findings);
  return f ? f.fixes : null;
}

export function fixAllAction(ctx: ActionContext, eol: string): CodeAction | null {
  const chosen: Array<{ edits: TextEdit[] }> = [];
  for (const f of ctx.findings) {
    const fix = f.fixes.find((x) => x.safety === 'safe');
    if (!fix || fix.edits.some((e) => e.path !== undefined && e.path !== ctx.path)) continue;
    chosen.push({ edits: fix.edits.map((e) => ({ ...e, newText: withEol(e.newText, eol) })) });
  }
  if (chosen.length === 0) return null;
  const after = applyFixes(ctx.text, chosen).text;
  if (after === ctx.text) return null;
  return {
    title: 'Fix all safe trimsafe problems',
    kind: FIX_ALL_KIND,
    edit: { changes: { [ctx.uri]: [minimalEdit(ctx.text, after)] } },
  };
}

/** One edit covering the changed span between two texts, so the editor keeps the rest untouched. */
export function minimalEdit(before: string, after: string): LspTextEdit {
  let start = 0;
  const min = Math.min(before.length, after.length);
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a CRLF or a surrogate pair.
  while (start > 0 && (isLowSurrogate(before.charCodeAt(start)) || (before[start] === '\n' && before[start - 1] === '\r'))) start--;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  while (endB < before.length && endA < after.length && (isLowSurrogate(before.charCodeAt(endB)) || (before[endB] === '\n' && before[endB - 1] === '\r'))) {
    endB++;
    endA++;
  }
  return { range: { start: positionOf(before, start), end: positionOf(before, endB) }, newText: after.slice(start, endA) };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

function workspaceEdit(edits: TextEdit[], ctx: ActionContext, eol: string): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) {
    const uri = e.path && e.path !== ctx.path ? ctx.uriOf(e.path) : ctx.uri;
    (changes[uri] ??= []).push({ range: e.range, newText: withEol(e.newText, eol) });
  }
  return { changes };
}

/**
 * Adds CODE to a trailing `# trimsafe: ignore[...]` on the line, or appends a new one; when the line
 * already ends in another comment, puts a standalone suppression on the line above instead.
 */
function ignoreEdit(code: string, line: number, ctx: ActionContext, eol: string): TextEdit | null {
  const lines = ctx.text.split('\n');
  if (line < 0 || line >= lines.length) return null;
  const lineText = lines[line].replace(/\r$/, '');
  const comment = trailingComment(ctx.root, line);
  if (comment) {
    const existing = /^#\s*trimsafe:\s*ignore\s*\[([^\]]*)\]/.exec(comment.text);
    if (existing) {
      const close = comment.startPosition.column + existing[0].length - 1;
      const codes = existing[1].split(',').map((s) => s.trim()).filter(Boolean);
      if (codes.some((c) => c.toUpperCase() === code || findRule(c)?.meta.code === code)) return null;
      const at = { line, character: close };
      return { range: { start: at, end: at }, newText: codes.length > 0 ? `, ${code}` : code };
    }
    const indent = /^\s*/.exec(lineText)![0];
    const at = { line, character: 0 };
    return { range: { start: at, end: at }, newText: `${indent}${suppressionComment(code)}${eol}` };
  }
  const end = { line, character: lineText.length };
  return { range: { start: end, end }, newText: `${lineText.endsWith(' ') ? '' : '  '}${suppressionComment(code)}` };
}

function trailingComment(root: SyntaxNode | null, line: number): SyntaxNode | null {
  if (!root) return null;
  let found: SyntaxNode | null = null;
  walk(root, (n) => {
    if (found) return false;
    if (n.endPosition.row < line || n.startPosition.row > line) return false;
    if (n.type === 'line_comment' && n.startPosition.row === line) found = n;
    return undefined;
  });
  return found;
}

function dominantEol(text: string): string {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

function withEol(s: string, eol: string): string {
  return eol === '\n' ? s : s.replace(/\r?\n/g, eol);
}
