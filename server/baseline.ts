// `--baseline FILE` and `--update-baseline`: adopt trimsafe on an existing code base by recording
// today's findings and reporting only new ones. An entry is keyed by rule, file (relative to the
// baseline's directory) and the flagged line's text with whitespace collapsed, plus an occurrence
// index among identical keys, so entries survive edits elsewhere that shift line numbers.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Finding } from '../analysis/finding';
import { addIgnoreComments } from './add-ignore';
import { lineOf } from './format/common';
import { Notice, SourceFile } from './sources';

export const DEFAULT_BASELINE = '.trimsafe-baseline.json';
const FORMAT_VERSION = 1;

export interface BaselineEntry {
  code: string;
  /** Relative to the baseline file's directory, with `/` separators. */
  path: string;
  /** The flagged line, trimmed, with runs of whitespace collapsed to one space. */
  text: string;
  /** 0 for the first finding with the same code, path and text, 1 for the next, ... */
  occurrence: number;
}

export interface Baseline {
  /** Absolute path of the baseline file. */
  file: string;
  entries: BaselineEntry[];
}

export class BaselineError extends Error {}

export interface BaselineOutcome {
  file: string;
  /** Findings the baseline hid. */
  suppressed: number;
  /** Entries that match no current finding: fixed, or their code changed. */
  stale: BaselineEntry[];
}

export function normaliseLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Baseline entries for `findings`, in their order (findings are sorted by file and position). */
export function entriesFor(findings: Finding[], baselineDir: string, sourceText: (path: string) => string | undefined): Array<{ finding: Finding; entry: BaselineEntry }> {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const path = relative(baselineDir, finding.path).split(sep).join('/');
    const text = normaliseLine(lineOf(sourceText(finding.path), finding.range.start.line) ?? '');
    const key = keyOf({ code: finding.code, path, text, occurrence: 0 });
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return { finding, entry: { code: finding.code, path, text, occurrence } };
  });
}

function keyOf(e: BaselineEntry): string {
  return JSON.stringify([e.code, e.path, e.text, e.occurrence]);
}

/** A fingerprint that stays the same while the flagged line's text does (for GitLab code quality). */
export function fingerprintOf(e: BaselineEntry): string {
  return createHash('sha256').update(keyOf(e)).digest('hex').slice(0, 32);
}

export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BaselineError(`${file}: no such file (create it with --update-baseline)`);
    throw new BaselineError(`${file}: cannot read (${code ?? (err as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const entries = (doc as { findings?: unknown } | null)?.findings;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !Array.isArray(entries)) {
    throw new BaselineError(`${file}: not a trimsafe baseline (expected an object with a "findings" list; write one with --update-baseline)`);
  }
  const version = (doc as { version?: unknown }).version;
  if (version !== FORMAT_VERSION) throw new BaselineError(`${file}: unsupported baseline version ${JSON.stringify(version)} (this trimsafe reads version ${FORMAT_VERSION})`);
  const out: BaselineEntry[] = [];
  entries.forEach((e, i) => {
    const ok =
      typeof e === 'object' && e !== null &&
      typeof e.code === 'string' && typeof e.path === 'string' && typeof e.text === 'string' &&
      (e.occurrence === undefined || (Number.isInteger(e.occurrence) && e.occurrence >= 0));
    if (!ok) throw new BaselineError(`${file}: entry ${i + 1} of "findings" needs "code", "path" and "text" strings and a whole-number "occurrence"`);
    out.push({ code: e.code, path: e.path, text: e.text, occurrence: e.occurrence ?? 0 });
  });
  return { file, entries: out };
}

/**
 * Drops the findings the baseline records. Entries for files that were not checked in this run are
 * neither used nor stale, unless the file no longer exists.
 */
export function applyBaseline(
  baseline: Baseline,
  findings: Finding[],
  checkedFiles: Iterable<string>,
  sourceText: (path: string) => string | undefined,
): { kept: Finding[]; outcome: BaselineOutcome } {
  const dir = dirname(baseline.file);
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) remaining.set(keyOf(e), (remaining.get(keyOf(e)) ?? 0) + 1);
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const { finding, entry } of entriesFor(findings, dir, sourceText)) {
    const k = keyOf(entry);
    const n = remaining.get(k) ?? 0;
    if (n > 0) {
      remaining.set(k, n - 1);
      suppressed++;
    } else kept.push(finding);
  }
  const checked = new Set([...checkedFiles].map((p) => relative(dir, p).split(sep).join('/')));
  const stale: BaselineEntry[] = [];
  for (const e of baseline.entries) {
    const k = keyOf(e);
    const n = remaining.get(k) ?? 0;
    if (n === 0) continue;
    if (!checked.has(e.path) && existsSync(resolve(dir, e.path))) continue;
    remaining.set(k, n - 1);
    stale.push(e);
  }
  return { kept, outcome: { file: baseline.file, suppressed, stale } };
}

/**
 * Writes every current finding to `file`, keeping the entries of files that exist but were not
 * checked in this run (so checking part of a project does not forget the rest). Returns the count.
 */
export function writeBaseline(file: string, findings: Finding[], checkedFiles: Iterable<string>, sourceText: (path: string) => string | undefined): number {
  const dir = dirname(file);
  const checked = new Set([...checkedFiles].map((p) => relative(dir, p).split(sep).join('/')));
  let kept: BaselineEntry[] = [];
  if (existsSync(file)) {
    try {
      kept = loadBaseline(file).entries.filter((e) => !checked.has(e.path) && existsSync(resolve(dir, e.path)));
    } catch {
      kept = []; // A broken baseline is replaced whole.
    }
  }
  const entries = [...kept, ...entriesFor(findings, dir, sourceText).map((x) => x.entry)];
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0) || a.occurrence - b.occurrence);
  const doc = { version: FORMAT_VERSION, tool: 'trimsafe', findings: entries };
  const tmp = join(dir, `.${basename(file)}.trimsafe-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, JSON.stringify(doc, null, 2) + '\n');
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing was left behind.
    }
    throw new BaselineError(`${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return entries.length;
}

/** One line for the text report. */
export function baselineSummaryLine(o: BaselineOutcome, cwd: string): string {
  const name = relative(cwd, o.file).split(sep).join('/') || o.file;
  const hidden = `Baseline ${name}: ${o.suppressed} known finding${o.suppressed === 1 ? '' : 's'} hidden`;
  if (o.stale.length === 0) return `${hidden}.\n`;
  return `${hidden}; ${o.stale.length} entr${o.stale.length === 1 ? 'y no longer matches' : 'ies no longer match'} (run --update-baseline to drop ${o.stale.length === 1 ? 'it' : 'them'}).\n`;
}

/** Adds `summary.baseline` to a `--format json` document. */
export function addBaselineToJson(json: string, o: BaselineOutcome, cwd: string): string {
  const doc = JSON.parse(json) as { summary: Record<string, unknown> };
  doc.summary.baseline = {
    path: relative(cwd, o.file).split(sep).join('/') || o.file,
    suppressed: o.suppressed,
    stale: o.stale.map((e) => ({ code: e.code, path: e.path, text: e.text, occurrence: e.occurrence })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export interface AdoptionOptions {
  /** --baseline PATH, or null. */
  baseline: string | null;
  updateBaseline: boolean;
  addIgnore: boolean;
  cwd: string;
}

interface CheckedSet {
  findings: Finding[];
  notices: Notice[];
  sources: Map<string, SourceFile>;
}

/**
 * The adoption steps of `--check`, after any --fix: write the baseline (--update-baseline), hide
 * what it records (--baseline), then suppress the rest in place (--add-ignore) and check again.
 * Throws BaselineError for a missing or malformed baseline.
 */
export async function adoptionSteps<R extends CheckedSet>(
  o: AdoptionOptions,
  result: R,
  recheck: () => Promise<R>,
): Promise<{ result: R; baseline: BaselineOutcome | null; messages: string[] }> {
  const messages: string[] = [];
  if (!o.baseline && !o.updateBaseline && !o.addIgnore) return { result, baseline: null, messages };
  const file = o.baseline || o.updateBaseline ? resolve(o.cwd, o.baseline ?? DEFAULT_BASELINE) : null;
  const textOf = (r: R) => (p: string) => r.sources.get(p)?.text;
  if (file && o.updateBaseline) {
    const n = writeBaseline(file, result.findings, result.sources.keys(), textOf(result));
    messages.push(`wrote ${n} finding${n === 1 ? '' : 's'} to ${relative(o.cwd, file).split(sep).join('/') || file}`);
  }
  const baseline = file ? loadBaseline(file) : null;
  const filter = (r: R) => {
    if (!baseline) return { result: r, outcome: null };
    const { kept, outcome } = applyBaseline(baseline, r.findings, r.sources.keys(), textOf(r));
    return { result: { ...r, findings: kept }, outcome };
  };
  let current = filter(result);
  if (o.addIgnore) {
    const added = await addIgnoreComments(current.result.findings, current.result.sources);
    for (const f of added.failures) current.result.notices.push({ path: f.path, level: 'error', message: `could not add suppressions: ${f.message}` });
    messages.push(`added ${added.added} suppression comment${added.added === 1 ? '' : 's'} to ${added.files} file${added.files === 1 ? '' : 's'}`);
    if (added.unreachable.length > 0) {
      messages.push(`${added.unreachable.length} finding${added.unreachable.length === 1 ? ' starts' : 's start'} on a line inside a multi-line string, where no comment can go; use --baseline for ${added.unreachable.length === 1 ? 'it' : 'them'}`);
    }
    if (added.added > 0) {
      const notices = current.result.notices.filter((n) => n.message.startsWith('could not add suppressions'));
      current = filter(await recheck());
      current.result.notices.push(...notices);
    }
  }
  return { result: current.result, baseline: current.outcome, messages };
}
