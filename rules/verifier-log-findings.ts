// Turns the trim verifier's items (analysis/verifier-log.ts) into Findings on the user's own lines:
// each item lands on the innermost stack frame that is in the project, items on the same line are
// grouped, and items with no frame in the project land on the `using` line (or Project.toml entry)
// of the dependency they come from. Pure: the caller hands in the parsed files and Project.toml texts.

import { Finding, Range, Severity, compareFindings } from '../analysis/finding';
import { Project } from '../analysis/project';
import { VerifierFrame, VerifierItem, VerifierLog, frameFunctionName, parseVerifierLog } from '../analysis/verifier-log';
import { DEFAULT_RULE_OPTIONS, runRules } from './engine';
import { findRule, RULES } from './registry';
import { RuleMeta } from './rule';

const EVIDENCE_VERIFIER = 'https://github.com/JuliaLang/julia/blob/master/Compiler/src/verifytrim.jl';

const COMMON_FIX_SAFETY = 'No automatic fix: the finding repeats what the verifier reported. Fix the code the message points at, or the dependency it names.';

const COMMON_VERSIONS =
  'Read from `juliac --trim` output of Julia 1.12 (`Verifier error #N:` / `Verifier warning #N:`) and later builds (`Error #N:` / `Warning #N:`). Only as current as the log: rebuild and pass the new log after changing code.';

function verifierMeta(code: string, name: string, summary: string, category: RuleMeta['category'], docs: Partial<RuleMeta['docs']> & Pick<RuleMeta['docs'], 'what' | 'why' | 'example' | 'useInstead'>): RuleMeta {
  return {
    code,
    name,
    summary,
    severity: 'error',
    category,
    fixable: 'none',
    docs: {
      fixSafety: COMMON_FIX_SAFETY,
      versions: COMMON_VERSIONS,
      evidence: [EVIDENCE_VERIFIER],
      falsePositives:
        'None of its own: every finding is an item the verifier printed. Items are placed on the innermost stack frame that is a file of this project, so a dynamic call inside a library shows on the line of your code that called into it.',
      ...docs,
    },
  };
}

/**
 * The verifier's items as trimsafe findings (`trimsafe --verifier-log`). Listed for docs and
 * `trimsafe rules`; they are not in RULES because nothing in the source produces them.
 */
export const VERIFIER_RULE_META: readonly RuleMeta[] = [
  verifierMeta('TRIM901', 'verifier-unresolved-call', 'Trim verifier: a dynamic call the build cannot resolve (`unresolved call`)', 'verifier', {
    what: 'An `unresolved call` item from a `juliac --trim` build log, placed on the line of your code that leads to it.',
    why: 'Inference could not pin the call to one method (an abstract or `Any` argument, a global typed `::IO`, a `Core.Box`), so the call would need dynamic dispatch, which a trimmed program does not have.',
    verifierMessage: 'unresolved call from statement Base.print(Base.stdout::IO, x::Int64, "\\n")::Nothing',
    example: 'function (@main)(args)\n    println(length(args))\n    return 0\nend',
    useInstead: 'function (@main)(args)\n    println(Core.stdout, length(args))\n    return 0\nend',
    evidence: [EVIDENCE_VERIFIER, 'https://github.com/JuliaLang/julia/issues/58458', 'https://github.com/JuliaLang/JuliaC.jl/issues/114', 'https://github.com/carlobaldassi/ArgParse.jl/issues/138'],
  }),
  verifierMeta('TRIM902', 'verifier-unresolved-invoke', 'Trim verifier: a call to a method that was not compiled (`unresolved invoke`)', 'verifier', {
    what: 'An `unresolved invoke` item: the call was resolved to a method, but that method instance is not in the compiled set.',
    why: 'Usually a call whose callee could not be inferred well enough to compile, or a specialization that was skipped (`@nospecialize`, very large tuples).',
    verifierMessage: 'unresolved invoke from statement ...',
    example: 'f(@nospecialize(x)) = x + 1\nfunction (@main)(args)\n    f(Base.inferencebarrier(1))\n    return 0\nend',
    useInstead: 'Give the callee concrete argument types, or remove `@nospecialize`/`inferencebarrier` on the run-time path.',
  }),
  verifierMeta('TRIM903', 'verifier-builtin', 'Trim verifier: a builtin the verifier cannot check (`invokelatest`, `Core._apply`, unknown builtin)', 'verifier', {
    what: 'Items about builtins: `unresolved call to (unknown) builtin` and ``trim verification not yet implemented for builtin `Core.invokelatest` `` (and `Core._apply`, `Core.invoke`, `invoke_in_world`, `modifyfield!`, ...).',
    why: 'These builtins re-enter dispatch at run time (`invokelatest`, `invoke`) or are called through a value whose builtin is unknown; the verifier cannot prove the target is compiled.',
    verifierMessage: 'trim verification not yet implemented for builtin `Core.invokelatest` from statement ...',
    example: 'function (@main)(args)\n    Base.invokelatest(run, args)\n    return 0\nend',
    useInstead: 'function (@main)(args)\n    run(args)\n    return 0\nend',
  }),
  verifierMeta('TRIM904', 'verifier-splat', 'Trim verifier: a splat the build cannot resolve (`unresolved call to function`, `unresolved argument to call`)', 'verifier', {
    what: 'Items about `f(xs...)` calls left in optimized code: `unresolved call to function` (the function applied is not known) and `unresolved argument to call` (the splatted value is not an Array, Tuple, NamedTuple or Memory).',
    why: 'A splat of a value of unknown length or type becomes `Core._apply_iterate`, which the trimmed program can only run for known functions and known containers.',
    verifierMessage: 'unresolved argument to call from statement Core._apply_iterate(Base.iterate, f, xs::Base.Generator{...})::Any',
    example: 'function (@main)(args)\n    println(Core.stdout, (length(a) for a in args)...)\n    return 0\nend',
    useInstead: 'Pass a Tuple or Vector, or loop and call once per element.',
    evidence: [EVIDENCE_VERIFIER, 'https://github.com/JuliaLang/JuliaC.jl/issues/70', 'https://github.com/JuliaLang/julia/pull/60062'],
  }),
  verifierMeta('TRIM905', 'verifier-ccall', 'Trim verifier: a `ccall` or `@cfunction` the build cannot allow (`disallowed ccall`, `unresolved cfunction`)', 'verifier', {
    what: 'Items about C interop: `disallowed ccall into a runtime function` (such as `jl_apply`), `disallowed ccall with non-constant name and no library`, and `unresolved cfunction`.',
    why: 'A `ccall` into the runtime can re-enter dispatch; a computed function name needs a run-time lookup; a `@cfunction` whose Julia target was not compiled has nothing to call.',
    verifierMessage: 'disallowed ccall with non-constant name and no library from statement ...',
    example: 'function (@main)(args)\n    ccall(:jl_apply, Any, ())\n    return 0\nend',
    useInstead: 'Call a C library by a constant `(:name, lib)`, and give `@cfunction` a function with concrete argument types.',
  }),
  verifierMeta('TRIM906', 'verifier-ccallable', 'Trim verifier: a `@ccallable` entry that was not compiled or returns another type', 'verifier', {
    what: '`unresolved ccallable for Tuple{...} => T` and `ccallable declared return type does not match inference for Tuple{...} => T`.',
    why: 'A `Base.@ccallable` function is an entrypoint: its signature must compile, and the inferred return type must be the declared C return type.',
    verifierMessage: 'ccallable declared return type does not match inference for Tuple{typeof(MyLib.f), Int32} => Int64',
    example: 'Base.@ccallable function f(x::Int32)::Int32\n    return x + 1   # Int64 on 64-bit machines\nend',
    useInstead: 'Base.@ccallable function f(x::Int32)::Int32\n    return x + Int32(1)\nend',
  }),
  verifierMeta('TRIM907', 'verifier-finalizer', 'Trim verifier: a finalizer whose function was not compiled (`unresolved finalizer registered`)', 'verifier', {
    what: 'An `unresolved finalizer registered` item: `finalizer(f, x)` where `f(x)` cannot be resolved to compiled code.',
    why: 'The garbage collector calls the finalizer later; if the call `f(x)` is not compiled, the trimmed program has nothing to run.',
    verifierMessage: 'unresolved finalizer registered from statement Core.finalizer(...)',
    example: 'mutable struct Handle; p::Ptr{Cvoid}; end\nfunction open_handle(close_fn)\n    h = Handle(C_NULL)\n    finalizer(close_fn, h)\nend',
    useInstead: 'Register a named function with a concrete argument type: `finalizer(close_handle, h)` with `close_handle(h::Handle)`.',
    evidence: [EVIDENCE_VERIFIER, 'https://github.com/JuliaMath/FFTW.jl/issues/319'],
  }),
  verifierMeta('TRIM909', 'verifier-other', 'Trim verifier: another item (`unresolved opaque closure`, or a message trimsafe does not know yet)', 'verifier', {
    what: 'Any other verifier item, shown with the verifier\'s own text.',
    why: 'See the verifier message; `unresolved opaque closure` is a warning (the closure is not checked).',
    example: '# see the verifier message',
    useInstead: '# depends on the message',
  }),
];

const META_BY_CODE = new Map(VERIFIER_RULE_META.map((m) => [m.code, m]));

function meta(code: string): RuleMeta {
  return META_BY_CODE.get(code)!;
}

/** The TRIM9xx code for a verifier description. */
export function classifyVerifierItem(description: string): string {
  const d = description.trim();
  if (d === 'unresolved call') return 'TRIM901';
  if (d === 'unresolved invoke') return 'TRIM902';
  if (d.startsWith('unresolved call to (unknown) builtin') || d === 'unresolved call to builtin' || d.startsWith('trim verification not yet implemented for builtin')) return 'TRIM903';
  if (d === 'unresolved call to function' || d === 'unresolved argument to call') return 'TRIM904';
  if (d.startsWith('disallowed ccall') || d === 'unresolved cfunction') return 'TRIM905';
  if (d === 'unresolved ccallable' || d.startsWith('ccallable declared return type')) return 'TRIM906';
  if (d === 'unresolved finalizer registered') return 'TRIM907';
  return 'TRIM909';
}

// ---------------------------------------------------------------------------------------------
// Paths

const BASE_MODULES = /^(Base|Core|Compiler)(\.|$)/;

function slashes(path: string): string {
  return path.replace(/\\/g, '/');
}

function isAbsoluteLike(path: string): boolean {
  return path.startsWith('/') || path.startsWith('~') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/**
 * True for frames in Base, the compiler, stdlibs, installed packages and the juliac build scripts,
 * which are never the user's code whatever their path's suffix.
 */
export function isLibraryFrame(file: string, module: string | null): boolean {
  if (module && BASE_MODULES.test(module)) return true;
  const p = slashes(file);
  if (p.startsWith('./') || p.startsWith('../')) return true;
  if (/(^|\/)share\/julia\//.test(p)) return true;
  if (/(^|\/)stdlib\/v\d+\.\d+\//.test(p)) return true;
  // Everything in the depot except developed packages (`~/.julia/dev/X`), which may be the project.
  if (/(^|\/)\.julia\/(?!dev\/)/.test(p)) return true;
  if (/(^|\/)Compiler\/src\//.test(p)) return true;
  // A Julia source checkout; a project that merely lives under a `julia` folder is not excluded.
  if (/(^|\/)julia\/(base|stdlib|Compiler|contrib|usr|src|deps|cli|test)\//.test(p)) return true;
  if (/(^|\/)juliac(-buildscript)?\.jl$/.test(p)) return true;
  // Base and (in later builds) stdlibs print their files relative to the source root
  // (`strings/io.jl`, `./Sockets/src/Sockets.jl`); `include` records a project's files absolute, so
  // they are printed absolute or `~/`-contracted. `none` and `REPL[1]` are not files either.
  return !isAbsoluteLike(p);
}

function pathSegments(path: string): string[] {
  const out: string[] = [];
  for (const s of slashes(path).split('/')) {
    if (s === '' || s === '.' || s === '~') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return out;
}

interface WorkspaceFile {
  path: string;
  segments: string[];
  lines: string[];
}

/** Maps the build machine's paths onto the project's files by the longest matching path suffix. */
export class WorkspacePaths {
  private readonly byBase = new Map<string, WorkspaceFile[]>();
  private readonly cache = new Map<string, WorkspaceFile[]>();

  constructor(files: Iterable<{ path: string; text: string }>) {
    for (const f of files) {
      const segments = pathSegments(f.path);
      const base = segments[segments.length - 1];
      if (!base) continue;
      const list = this.byBase.get(base) ?? [];
      list.push({ path: f.path, segments, lines: f.text.split('\n').map((l) => l.replace(/\r$/, '')) });
      this.byBase.set(base, list);
    }
  }

  /** The project file a log path (and 1-based line) names, or null. */
  resolve(logPath: string, line: number): WorkspaceFile | null {
    let best = this.cache.get(logPath);
    if (!best) {
      best = this.candidates(logPath);
      this.cache.set(logPath, best);
    }
    const fitting = best.filter((f) => line >= 1 && line <= f.lines.length);
    if (fitting.length === 0) return null;
    if (fitting.length === 1) return fitting[0];
    // Several files share the longest suffix: take the shortest path if the match is more than the
    // file name, otherwise it is a guess and the frame is left unplaced.
    const matched = commonSuffix(pathSegments(logPath), fitting[0].segments);
    if (matched < 2) return null;
    return [...fitting].sort((a, b) => a.segments.length - b.segments.length || (a.path < b.path ? -1 : 1))[0];
  }

  private candidates(logPath: string): WorkspaceFile[] {
    const segments = pathSegments(logPath);
    const list = this.byBase.get(segments[segments.length - 1] ?? '') ?? [];
    let bestLength = 0;
    let best: WorkspaceFile[] = [];
    for (const f of list) {
      const n = commonSuffix(segments, f.segments);
      if (n > bestLength) {
        bestLength = n;
        best = [f];
      } else if (n === bestLength && n > 0) best.push(f);
    }
    return best;
  }
}

function commonSuffix(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function lineRange(lines: string[], line: number): Range {
  const text = lines[line] ?? '';
  const first = text.search(/\S/);
  const start = first === -1 ? 0 : first;
  return { start: { line, character: start }, end: { line, character: Math.max(start, text.trimEnd().length) } };
}

// ---------------------------------------------------------------------------------------------
// Dependencies

const NOT_PACKAGES = new Set(['Base', 'Core', 'Main', 'Compiler', 'JuliaC', 'PackageCompiler']);

/** The package a library frame belongs to (`ArgParse`, `LinearAlgebra`), when it names one. */
export function framePackage(frame: VerifierFrame): string | null {
  const p = frame.file ? slashes(frame.file) : '';
  if (/(^|\/)juliac(-buildscript)?\.jl$/.test(p)) return null;
  const fromPath =
    /(?:^|\/)\.julia\/(?:packages|dev)\/([A-Za-z_][\w]*)\//.exec(p)?.[1] ??
    /(?:^|\/)stdlib\/v\d+\.\d+\/([A-Za-z_][\w]*)\//.exec(p)?.[1] ??
    /^\.\/([A-Za-z_][\w]*)\/src\//.exec(p)?.[1] ??
    null;
  const fromModule = frame.module ? frame.module.split('.')[0] : null;
  const name = fromPath ?? fromModule;
  if (!name || NOT_PACKAGES.has(name) || (fromPath === null && frame.module && BASE_MODULES.test(frame.module))) return null;
  return name;
}

interface DependencyPlace {
  path: string;
  range: Range;
  how: 'import' | 'project-toml';
}

function dependencyPlaces(project: Project, projectTomls: Array<{ path: string; text: string }>): Map<string, DependencyPlace> {
  const places = new Map<string, DependencyPlace>();
  const paths = [...project.files.keys()].sort();
  for (const path of paths) {
    const facts = project.files.get(path)!;
    const lines = facts.tree.source.split('\n').map((l) => l.replace(/\r$/, ''));
    const imports = [...facts.imports].sort((a, b) => a.node.startPosition.row - b.node.startPosition.row);
    for (const imp of imports) {
      for (const target of imp.targets) {
        if (target.startsWith('.')) continue;
        const name = target.split('.')[0].replace(/^@/, '');
        if (!name || places.has(name)) continue;
        places.set(name, { path, range: lineRange(lines, imp.node.startPosition.row), how: 'import' });
      }
    }
  }
  for (const toml of [...projectTomls].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const lines = toml.text.split('\n').map((l) => l.replace(/\r$/, ''));
    let section = '';
    lines.forEach((line, row) => {
      const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
      if (header) {
        section = header[1];
        return;
      }
      if (section !== 'deps') return;
      const entry = /^\s*"?([A-Za-z_][\w]*)"?\s*=/.exec(line);
      if (entry && !places.has(entry[1])) places.set(entry[1], { path: toml.path, range: lineRange(lines, row), how: 'project-toml' });
    });
  }
  return places;
}

// ---------------------------------------------------------------------------------------------
// Mapping

export interface VerifierLogInput {
  project: Project;
  /** `Project.toml` files of the project, for dependencies that no `using` line names. */
  projectTomls?: Array<{ path: string; text: string }>;
  /** trimsafe's own findings for the project, to point out matches; computed when absent. */
  ruleFindings?: Finding[];
}

/** Items that could not be placed in the project: no frame in it, and no dependency it names. */
export interface UnplacedVerifierItems {
  /** The package the items come from, when a frame named one. */
  package: string | null;
  items: VerifierItem[];
}

export interface VerifierLogMapping {
  log: VerifierLog;
  findings: Finding[];
  unplaced: UnplacedVerifierItems[];
}

interface Placed {
  item: VerifierItem;
  path: string;
  line: number;
  range: Range;
  /** Index of the innermost project frame in item.frames. */
  frameIndex: number;
  projectFrames: Array<{ frame: VerifierFrame; path: string; lines: string[] }>;
  /** For stackless `@ccallable` items, the function they name. */
  entryName?: string;
}

/**
 * Findings for a build log: what the language server reads for `verifierLog = "path"`. Takes the
 * project alone or with its Project.toml files and trimsafe's own findings; every code is TRIM9xx.
 */
export function verifierLogFindings(logText: string, target: Project | VerifierLogInput): Finding[] {
  const input = target instanceof Project ? { project: target } : target;
  return mapVerifierLog(parseVerifierLog(logText), input).findings;
}

export function mapVerifierLog(log: VerifierLog, input: VerifierLogInput): VerifierLogMapping {
  const { project } = input;
  const workspace = new WorkspacePaths([...project.files.values()].map((f) => ({ path: f.path, text: f.tree.source })));
  const ruleFindings = input.ruleFindings ?? runRules(project, RULES, DEFAULT_RULE_OPTIONS).findings;
  const places = dependencyPlaces(project, input.projectTomls ?? []);

  const onLines = new Map<string, Placed[]>();
  const onDependencies = new Map<string, { place: DependencyPlace; items: VerifierItem[] }>();
  const unplaced = new Map<string, UnplacedVerifierItems>();

  for (const item of log.items) {
    const projectFrames: Placed['projectFrames'] = [];
    let innermost = -1;
    item.frames.forEach((frame, k) => {
      if (!frame.file || frame.line === null || isLibraryFrame(frame.file, frame.module)) return;
      const file = workspace.resolve(frame.file, frame.line);
      if (!file) return;
      if (innermost === -1) innermost = k;
      projectFrames.push({ frame, path: file.path, lines: file.lines });
    });
    if (innermost !== -1) {
      const first = projectFrames[0];
      const line = first.frame.line! - 1;
      const key = `${first.path}\0${line}`;
      const list = onLines.get(key) ?? [];
      list.push({ item, path: first.path, line, range: lineRange(first.lines, line), frameIndex: innermost, projectFrames });
      onLines.set(key, list);
      continue;
    }
    const ccallable = item.frames.length === 0 ? placeCcallable(item, project) : null;
    if (ccallable) {
      const key = `${ccallable.path}\0${ccallable.line}`;
      const list = onLines.get(key) ?? [];
      list.push(ccallable);
      onLines.set(key, list);
      continue;
    }
    // No frame in the project: blame the outermost dependency that the project names.
    const packages: string[] = [];
    for (let k = item.frames.length - 1; k >= 0; k--) {
      const name = framePackage(item.frames[k]);
      if (name && !packages.includes(name)) packages.push(name);
    }
    const named = packages.find((p) => places.has(p));
    if (named) {
      const entry = onDependencies.get(named) ?? { place: places.get(named)!, items: [] };
      entry.items.push(item);
      onDependencies.set(named, entry);
    } else {
      const pkg = packages[0] ?? null;
      const key = pkg ?? '';
      const entry = unplaced.get(key) ?? { package: pkg, items: [] };
      entry.items.push(item);
      unplaced.set(key, entry);
    }
  }

  const findings: Finding[] = [];
  for (const group of onLines.values()) findings.push(lineFinding(group, ruleFindings));
  for (const [pkg, { place, items }] of onDependencies) findings.push(dependencyFinding(pkg, place, items));
  findings.sort(compareFindings);
  return { log, findings, unplaced: [...unplaced.values()] };
}

/** A stackless `@ccallable` item names its function in `Tuple{typeof(M.f), ...}`: find `f`. */
function placeCcallable(item: VerifierItem, project: Project): Placed | null {
  const m = /^Tuple\{typeof\(([^)]+)\)/.exec(item.statement ?? '');
  if (!m) return null;
  const name = m[1].split('.').pop()!;
  const matches: Array<{ path: string; row: number; lines: string[] }> = [];
  for (const facts of project.files.values()) {
    for (const fn of facts.functions) {
      if (!fn.name || fn.name.split('.').pop() !== name) continue;
      if (!fn.entry || fn.entry.kind !== 'ccallable') continue;
      matches.push({ path: facts.path, row: (fn.nameNode ?? fn.node).startPosition.row, lines: facts.tree.source.split('\n').map((l) => l.replace(/\r$/, '')) });
    }
  }
  if (matches.length !== 1) return null;
  const { path, row, lines } = matches[0];
  return { item, path, line: row, range: lineRange(lines, row), frameIndex: -1, projectFrames: [], entryName: name };
}

function qualifiedName(frame: VerifierFrame): string {
  const name = frameFunctionName(frame.signature);
  if (!frame.module || name.startsWith('(') || name.includes('.') || name.includes(' ')) return name;
  return `${frame.module}.${name}`;
}

function frameLocation(frame: VerifierFrame): string {
  const where = frame.file ? `${frame.file}${frame.line !== null ? `:${frame.line}` : ''}` : 'unknown location';
  return frame.module ? `${frame.module} ${where}` : where;
}

const MAX_STATEMENT = 400;

function shorten(text: string): string {
  return text.length > MAX_STATEMENT ? text.slice(0, MAX_STATEMENT - 1) + '…' : text;
}

function countWord(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function itemNumbers(items: VerifierItem[]): string {
  const labels = items.map((it) => (it.severity === 'warning' ? `warning #${it.number}` : `#${it.number}`));
  return labels.length > 8 ? labels.slice(0, 8).join(', ') + ', …' : labels.join(', ');
}

function distinctTexts(items: VerifierItem[]): string {
  const texts = [...new Set(items.map((it) => shorten(it.text)))];
  const shown = texts.slice(0, 3).join('; ');
  return texts.length > 3 ? `${shown}; and ${texts.length - 3} other kinds` : shown;
}

function dominantCode(items: VerifierItem[]): string {
  const counts = new Map<string, number>();
  for (const it of items) {
    const c = classifyVerifierItem(it.description);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = '';
  let bestCount = 0;
  for (const [c, n] of counts) if (n > bestCount) [best, bestCount] = [c, n];
  return best;
}

function headline(items: VerifierItem[], where: string, singleWhere = ''): string {
  const errors = items.filter((i) => i.severity === 'error').length;
  const warnings = items.length - errors;
  if (items.length === 1) {
    const it = items[0];
    return `Trim verifier ${it.severity} #${it.number}${singleWhere}: ${shorten(it.text)}`;
  }
  const parts = [errors > 0 ? countWord(errors, 'trim verifier error') : '', warnings > 0 ? countWord(warnings, errors > 0 ? 'warning' : 'trim verifier warning') : ''].filter(Boolean);
  return `${parts.join(' and ')} ${where} (${itemNumbers(items)}): ${distinctTexts(items)}`;
}

function shortSummary(m: RuleMeta): string {
  const s = m.summary.replace(/\s*\(.*\)\s*$/, '').replace(/`/g, '');
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function severityOf(items: VerifierItem[]): Severity {
  return items.some((i) => i.severity === 'error') ? 'error' : 'warning';
}

function lineFinding(group: Placed[], ruleFindings: Finding[]): Finding {
  const first = group[0];
  const items = group.map((p) => p.item);
  const code = dominantCode(items);
  const m = meta(code);

  // The chain: project frames from the outermost in, then the library frame the innermost calls.
  const via: string[] = [];
  for (let k = first.projectFrames.length - 1; k >= 0; k--) via.push(frameFunctionName(first.projectFrames[k].frame.signature));
  if (first.entryName) via.push(first.entryName);
  const library = first.frameIndex > 0 ? first.item.frames[first.frameIndex - 1] : null;
  if (library) via.push(qualifiedName(library));

  const related: NonNullable<Finding['related']> = [];
  const seen = new Set<string>([`${first.path}\0${first.line}`]);
  for (const p of group) {
    for (let k = 1; k < p.projectFrames.length; k++) {
      const outer = p.projectFrames[k];
      const key = `${outer.path}\0${outer.frame.line! - 1}`;
      if (seen.has(key) || related.length >= 10) continue;
      seen.add(key);
      related.push({
        path: outer.path,
        range: lineRange(outer.lines, outer.frame.line! - 1),
        message: `calls ${frameFunctionName(p.projectFrames[k - 1].frame.signature)} on the way to trim verifier ${p.item.severity} #${p.item.number}`,
      });
    }
  }
  if (library) {
    related.push({ path: first.path, range: first.range, message: `calls ${qualifiedName(library)} (${frameLocation(library)}), inside which the verifier found the call` });
  }

  let message = headline(items, 'trace back to this line');
  if (library) message += `, inside ${qualifiedName(library)} (${frameLocation(library)})`;
  const matches = [
    ...new Set(
      ruleFindings
        // Same start line: a finding spanning a whole block would otherwise match every line in it.
        .filter((f) => f.path === first.path && !/^TRIM[09]/.test(f.code) && f.range.start.line === first.line)
        .map((f) => f.code),
    ),
  ].sort();
  const matchText = matches.map((c) => {
    const rule = findRule(c);
    return rule ? `${c}: ${shortSummary(rule.meta)}` : c;
  });
  if (matchText.length > 0) message += `. Matches ${matchText.join('; ')}`;

  return {
    path: first.path,
    range: first.range,
    code,
    name: m.name,
    severity: severityOf(items),
    message,
    fixes: [],
    reachable: true,
    via,
    tags: [],
    related,
  };
}

function dependencyFinding(pkg: string, place: DependencyPlace, items: VerifierItem[]): Finding {
  const code = dominantCode(items);
  const first = items[0];
  const outermost = [...first.frames].reverse().find((f) => framePackage(f) === pkg) ?? null;
  const via: string[] = [];
  if (outermost) via.push(qualifiedName(outermost));
  if (first.frames.length > 0 && first.frames[0] !== outermost) via.push(qualifiedName(first.frames[0]));
  let message = headline(items, `come from inside ${pkg}`, ` inside ${pkg}`);
  if (outermost) message += `, reached from ${qualifiedName(outermost)} (${frameLocation(outermost)})`;
  message += `. No stack frame is in this project's code: the fix is in ${pkg} (a newer version, or an issue upstream) or in not ${place.how === 'import' ? 'loading' : 'depending on'} it.`;
  return {
    path: place.path,
    range: place.range,
    code,
    name: meta(code).name,
    severity: severityOf(items),
    message,
    fixes: [],
    reachable: true,
    via,
    tags: [],
    related: [],
  };
}
