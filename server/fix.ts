// `--fix` and `--diff`: apply fixes to files. Writes are atomic (temporary file, then rename), keep
// the byte-order mark and line endings, never touch a file that changed since it was read, and
// never write outside the files that were checked.

import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Finding, Fix, TextEdit } from '../analysis/finding';
import { applyFixes } from '../analysis/text-edits';
import { SourceFile } from './sources';

export interface FixPlan {
  /** New text per file (without BOM, as analysed). */
  texts: Map<string, string>;
  applied: number;
  skipped: number;
}

/** Chooses fixes (first eligible fix of each finding) and computes the new texts; writes nothing. */
export function planFixes(findings: Finding[], sources: Map<string, SourceFile>, unsafe: boolean): FixPlan {
  const perFile = new Map<string, Array<{ edits: TextEdit[] }>>();
  let skipped = 0;
  for (const f of findings) {
    const fix: Fix | undefined = f.fixes.find((x) => x.safety === 'safe' || unsafe);
    if (!fix) continue;
    // A fix spanning several files is applied only when every file is one being checked.
    const paths = new Set(fix.edits.map((e) => e.path ?? f.path));
    if ([...paths].some((p) => !sources.has(p))) {
      skipped++;
      continue;
    }
    if (paths.size > 1) {
      // Keep multi-file fixes whole by grouping per file; overlap checks are per file.
      for (const p of paths) {
        const list = perFile.get(p) ?? [];
        list.push({ edits: fix.edits.filter((e) => (e.path ?? f.path) === p) });
        perFile.set(p, list);
      }
      continue;
    }
    const p = [...paths][0];
    const list = perFile.get(p) ?? [];
    list.push({ edits: fix.edits });
    perFile.set(p, list);
  }
  const texts = new Map<string, string>();
  let applied = 0;
  for (const [path, fixes] of perFile) {
    const src = sources.get(path)!;
    const eolFixes = src.eol === '\r\n' ? fixes.map((x) => ({ edits: x.edits.map((e) => ({ ...e, newText: e.newText.replace(/\r?\n/g, '\r\n') })) })) : fixes;
    const result = applyFixes(src.text, eolFixes);
    applied += result.applied;
    skipped += result.skipped;
    if (result.text !== src.text) texts.set(path, result.text);
  }
  return { texts, applied, skipped };
}

export class FileChangedError extends Error {}

/** Writes one file atomically, refusing if it changed on disk since `source` was read. */
export function writeFixedFile(source: SourceFile, newText: string): void {
  const current = readFileSync(source.path);
  if (!current.equals(source.bytes)) throw new FileChangedError(`${source.path} changed since it was read; not written`);
  const bytes = Buffer.from((source.hadBom ? '\ufeff' : '') + newText, 'utf8');
  const tmp = join(dirname(source.path), `.${basename(source.path)}.trimsafe-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    try {
      chmodSync(tmp, statSync(source.path).mode & 0o7777);
    } catch {
      // Keeping the mode is best effort; the content is what matters.
    }
    renameSync(tmp, source.path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing was left behind.
    }
    throw err;
  }
}

/** A unified diff of one file's change, for --diff. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const a = before.split('\n');
  const b = after.split('\n');
  // Fixes change few lines: diff by common prefix/suffix per hunk region via an LCS on lines.
  const ops = diffLines(a, b);
  const out: string[] = [`--- a/${path}`, `+++ b/${path}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && i - start < context && ops[start - 1].kind === ' ') start--;
    let end = i;
    let quiet = 0;
    while (end < ops.length) {
      if (ops[end].kind === ' ') {
        quiet++;
        if (quiet > context * 2) break;
      } else quiet = 0;
      end++;
    }
    end = Math.min(ops.length, end - Math.max(0, quiet - context));
    const hunk = ops.slice(start, end);
    const aStart = hunk[0].a + 1;
    const bStart = hunk[0].b + 1;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const o of hunk) out.push(o.kind + o.text);
    i = end;
  }
  return out.join('\n') + '\n';
}

interface DiffOp {
  kind: ' ' | '-' | '+';
  text: string;
  a: number;
  b: number;
}

function diffLines(a: string[], b: string[]): DiffOp[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  const ops: DiffOp[] = [];
  for (let k = 0; k < pre; k++) ops.push({ kind: ' ', text: a[k], a: k, b: k });
  // LCS over the changed middle, bounded: fixes touch few lines.
  const n = midA.length;
  const m = midB.length;
  if (n * m > 4_000_000) {
    midA.forEach((t, k) => ops.push({ kind: '-', text: t, a: pre + k, b: pre }));
    midB.forEach((t, k) => ops.push({ kind: '+', text: t, a: pre + n, b: pre + k }));
  } else {
    const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
    for (let x = n - 1; x >= 0; x--) for (let y = m - 1; y >= 0; y--) dp[x][y] = midA[x] === midB[y] ? dp[x + 1][y + 1] + 1 : Math.max(dp[x + 1][y], dp[x][y + 1]);
    let x = 0;
    let y = 0;
    while (x < n || y < m) {
      if (x < n && y < m && midA[x] === midB[y]) {
        ops.push({ kind: ' ', text: midA[x], a: pre + x, b: pre + y });
        x++;
        y++;
      } else if (x < n && (y === m || dp[x + 1][y] >= dp[x][y + 1])) {
        ops.push({ kind: '-', text: midA[x], a: pre + x, b: pre + y });
        x++;
      } else {
        ops.push({ kind: '+', text: midB[y], a: pre + x, b: pre + y });
        y++;
      }
    }
  }
  for (let k = 0; k < suf; k++) ops.push({ kind: ' ', text: a[a.length - suf + k], a: a.length - suf + k, b: b.length - suf + k });
  return ops;
}
