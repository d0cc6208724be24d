// Findings to LSP diagnostics and back: severities, tags, the call chain as related information, and
// the fixes carried in `data` so a code action needs no re-check.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location } from 'vscode-languageserver/node';
import { Finding, Fix, Range, Severity } from '../../analysis/finding';
import { Project, rangeOf } from '../../analysis/project';

export const SOURCE = 'trimsafe';
export const JULIAC_SOURCE = 'juliac';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries in `data`: enough to build its code actions without re-checking. */
export interface DiagnosticData {
  /** Document version the fixes were computed for (null for files not open). */
  version: number | null;
  name: string;
  fixes: Fix[];
}

/** Absolute path for a `file:` URI; other schemes keep the URI as their key. */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return resolve(fileURLToPath(uri));
    } catch {
      return uri;
    }
  }
  return uri;
}

export function pathToUri(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return path;
  return pathToFileURL(path).href;
}

let packageRoot: string | null | undefined;

/** The installed package's root (holding package.json), where docs/rules/<CODE>.md live. */
function findPackageRoot(): string | null {
  if (packageRoot !== undefined) return packageRoot;
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'trimsafe') return (packageRoot = dir);
      } catch {
        // Keep climbing.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return (packageRoot = null);
    dir = parent;
  }
}

const docLinks = new Map<string, string | null>();

/** A file URL of the rule's documentation page when the package ships it; no invented hosts. */
export function ruleDocUrl(code: string): string | null {
  let link = docLinks.get(code);
  if (link === undefined) {
    const root = findPackageRoot();
    const page = root ? join(root, 'docs', 'rules', `${code}.md`) : null;
    link = page && existsSync(page) ? pathToFileURL(page).href : null;
    docLinks.set(code, link);
  }
  return link;
}

export interface ConvertContext {
  project: Project | null;
  /** URI to use for a path (the client's spelling for open documents). */
  uriOf: (path: string) => string;
  version: number | null;
}

export function toDiagnostic(f: Finding, ctx: ConvertContext, source = SOURCE): Diagnostic {
  const d: Diagnostic = {
    range: clampRange(f.range),
    severity: SEVERITY[f.severity],
    code: f.code,
    source,
    message: f.message,
  };
  const href = source === SOURCE ? ruleDocUrl(f.code) : null;
  if (href) d.codeDescription = { href };
  if (f.tags.includes('unreachable')) d.tags = [DiagnosticTag.Unnecessary];
  const related = relatedInformation(f, ctx);
  if (related.length > 0) d.relatedInformation = related;
  const data: DiagnosticData = { version: ctx.version, name: f.name, fixes: f.fixes };
  d.data = data;
  return d;
}

function clampRange(r: Range): Range {
  const fix = (p: Range['start']) => ({ line: Math.max(0, p.line), character: Math.max(0, p.character) });
  return { start: fix(r.start), end: fix(r.end) };
}

/** The call chain from the entrypoint (each function's definition), then the finding's own related places. */
function relatedInformation(f: Finding, ctx: ConvertContext): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  if (f.via && f.via.length > 0 && ctx.project) {
    f.via.forEach((name, i) => {
      const loc = functionLocation(ctx.project!, name, ctx.uriOf);
      if (!loc) return;
      const message = i === 0 ? `entrypoint \`${name}\`` : `\`${f.via![i - 1]}\` calls \`${name}\``;
      out.push({ location: loc, message });
    });
  }
  for (const r of f.related ?? []) out.push({ location: { uri: ctx.uriOf(r.path), range: clampRange(r.range) }, message: r.message });
  return out;
}

function functionLocation(project: Project, name: string, uriOf: (p: string) => string): Location | null {
  const short = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  for (const facts of project.files.values()) {
    for (const fn of facts.functions) {
      if (fn.name !== name && fn.name !== short) continue;
      return { uri: uriOf(facts.path), range: rangeOf(fn.nameNode ?? fn.node) };
    }
  }
  return null;
}

export function isDiagnosticData(x: unknown): x is DiagnosticData {
  return typeof x === 'object' && x !== null && Array.isArray((x as DiagnosticData).fixes) && typeof (x as DiagnosticData).name === 'string';
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
