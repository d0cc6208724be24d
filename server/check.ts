// One check of a set of files, shared by the CLI and the language server: discover, read, parse,
// run rules, apply config severities, reachability and suppressions.

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { computeFileFacts, FileFacts, FunctionInfo } from '../analysis/file-facts';
import { compareFindings, Finding, SEVERITY_RANK, Severity } from '../analysis/finding';
import { Project } from '../analysis/project';
import { completeProject } from '../analysis/project-loader';
import { Backend, getBackend, isParseTimeout, parseWith, SyntaxTree } from '../grammar-bindings';
import { computeReachability, Reachability } from '../analysis/reachability';
import { annotateReachability, EngineResult, runRules } from '../rules/engine';
import { findRule, RULES } from '../rules/registry';
import { Rule } from '../rules/rule';
import { ConfigResolver, loadConfigFile, TrimsafeConfig } from './config';
import { ParallelParser, wantsParallel } from './parallel';
import { discoverFiles, isExcluded, isNotice, Notice, readSource, SourceFile } from './sources';
import { applySuppressions, parseSuppressions } from './suppressions';

export interface CheckRequest {
  paths: string[];
  cwd: string;
  /** --config: one config for every file. */
  configPath?: string;
  forceExclude?: boolean;
  /** --julia overrides the config's version. */
  julia?: TrimsafeConfig['julia'];
  /** Codes or names from --select / --ignore. */
  select?: string[];
  ignore?: string[];
  /** Threads to parse with (the CLI's --jobs); absent or 1: parse on this thread. */
  jobs?: number;
  /** Time one file may take to parse, analyse and check before it is skipped (see fileTimeBudgetMs). */
  timeBudgetMs?: number;
}

/** Where checkSources and checkProject report files they skipped; without it they skip silently. */
export interface NoticeSink {
  notices?: Notice[];
}

/** How checkSources reads files that checked files include but that were not given. */
export interface IncludeReader {
  includes?: {
    read(path: string): SourceFile | Notice;
    /** Includes outside this directory are reported (never followed silently). */
    rootDir: string;
  };
}

export const DEFAULT_FILE_TIME_BUDGET_MS = 10_000;

/** The per-file budget: the requested one, else TRIMSAFE_FILE_TIMEOUT_MS, else 10 s. */
export function fileTimeBudgetMs(requested?: number, env: NodeJS.ProcessEnv = process.env): number {
  if (requested !== undefined && requested > 0) return requested;
  const v = Number(env.TRIMSAFE_FILE_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_FILE_TIME_BUDGET_MS;
}

/**
 * Parses with the given backend, except that the native runtime, which never returns on some
 * unfinished code (an unterminated `begin` inside another block), gets a short leash and the text
 * is then parsed with the wasm runtime, which recovers at once.
 */
async function parseWithinBudget(backend: Backend, text: string, budgetMs: number): Promise<SyntaxTree> {
  if (backend.name !== 'native') return parseWith(backend, text, { timeBudgetMs: budgetMs });
  // Native parses ~3 MB/s; allow ten times that before suspecting the hang.
  const nativeBudget = Math.min(budgetMs, 1000 + text.length / 300);
  const started = performance.now();
  try {
    return parseWith(backend, text, { timeBudgetMs: nativeBudget });
  } catch (err) {
    if (!isParseTimeout(err)) throw err;
    const wasm = await getBackend('wasm');
    return parseWith(wasm, text, { timeBudgetMs: Math.max(1, budgetMs - (performance.now() - started)) });
  }
}

function tooSlow(path: string, budgetMs: number): Notice {
  return { path, level: 'error', message: `took longer than ${budgetMs} ms to check; skipped` };
}

function crashed(path: string, err: unknown): Notice {
  const why = err instanceof RangeError && /call stack/i.test(err.message) ? 'nested too deeply' : `internal error: ${(err as Error)?.message ?? err}`;
  return { path, level: 'error', message: `could not be checked (${why}); skipped` };
}

export interface CheckResult {
  findings: Finding[];
  notices: Notice[];
  /** Files checked, by absolute path. */
  sources: Map<string, SourceFile>;
  configs: ConfigResolver;
}

export function makeResolver(cwd: string, configPath?: string): ConfigResolver {
  return new ConfigResolver(cwd, configPath ? loadConfigFile(resolve(cwd, configPath)) : null);
}

export async function runCheck(req: CheckRequest): Promise<CheckResult> {
  const configs = makeResolver(req.cwd, req.configPath);
  const { files, notices } = discoverFiles(req.paths.length > 0 ? req.paths : ['.'], { cwd: req.cwd, configs, forceExclude: req.forceExclude });
  const sources = new Map<string, SourceFile>();
  for (const path of files) {
    const read = readSource(path);
    if (isNotice(read)) notices.push(read);
    else sources.set(path, read);
  }
  const includes = {
    rootDir: req.cwd,
    read(path: string): SourceFile | Notice {
      const read = readSource(path);
      if (!isNotice(read)) sources.set(path, read);
      return read;
    },
  };
  const findings = await checkSources([...sources.values()], configs, { ...req, notices, includes });
  return { findings, notices, sources, configs };
}

/** Checks already-read sources as one project. */
export async function checkSources(
  sources: Array<Pick<SourceFile, 'path' | 'text'>>,
  configs: ConfigResolver,
  overrides: Pick<CheckRequest, 'julia' | 'select' | 'ignore' | 'jobs' | 'timeBudgetMs'> & NoticeSink & IncludeReader = {},
): Promise<Finding[]> {
  const backend = await getBackend();
  const project = new Project();
  const budget = fileTimeBudgetMs(overrides.timeBudgetMs);
  const checked: string[] = [];
  // Many files: parse on worker threads; the trees come back identical, everything else runs here.
  const parallel = wantsParallel(sources, overrides.jobs) ? new ParallelParser(sources.map((s) => s.text), backend.name, overrides.jobs!, budget) : null;
  try {
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i];
      // A file that is too slow or breaks the analysis is skipped with a notice; the run goes on.
      const started = performance.now();
      try {
        const fromWorker = parallel ? await withinBudget(parallel.get(i), budget) : null;
        if (fromWorker === 'timeout') throw new TimedOut();
        const tree = fromWorker ?? (await parseWithinBudget(backend, s.text, budget));
        const facts = computeFileFacts(s.path, tree);
        if (performance.now() - started > budget) throw new TimedOut();
        project.setFile(facts);
        checked.push(s.path);
      } catch (err) {
        overrides.notices?.push(err instanceof TimedOut || isParseTimeout(err) ? tooSlow(s.path, budget) : crashed(s.path, err));
      }
      // Let native trees be collected between files (see grammar-bindings/backend.ts).
      if (!parallel && backend.name === 'native' && project.files.size % 32 === 0) await new Promise((r) => setImmediate(r));
    }
  } finally {
    parallel?.close();
  }
  if (overrides.includes) {
    // Pull in files the checked ones include, so calls into them resolve and their hazards are
    // reported with the chain from the entrypoint; config excludes still hide their findings.
    const includes = overrides.includes;
    const problems = completeProject(
      project,
      {
        readFile: (path) => {
          const read = includes.read(path);
          return isNotice(read) ? { error: read.message } : read.text;
        },
        fileExists: (path) => existsSync(path),
        isDirectory: (path) => {
          try {
            return statSync(path).isDirectory();
          } catch {
            return false;
          }
        },
      },
      (path, text) => computeFileFacts(path, parseWith(backend, text, { timeBudgetMs: budget })),
      { rootDir: includes.rootDir },
    );
    const checkedSet = new Set(checked);
    for (const path of project.files.keys()) {
      if (!checkedSet.has(path) && !isExcluded(path, configs.forFile(path))) checked.push(path);
    }
    for (const p of problems) {
      const where = p.range ? `line ${p.range.start.line + 1}: ` : '';
      overrides.notices?.push({ path: p.path, level: p.severity === 'error' ? 'error' : 'info', message: where + p.message });
    }
  }
  return checkProject(project, configs, overrides, checked);
}

class TimedOut extends Error {}

async function withinBudget(tree: Promise<SyntaxTree | null>, budgetMs: number): Promise<SyntaxTree | null | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), budgetMs);
    timer.unref?.();
  });
  try {
    return await Promise.race([tree, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs rules over `targets` (files of `project`), grouping files by the config that governs them. */
export function checkProject(
  project: Project,
  configs: ConfigResolver,
  overrides: Pick<CheckRequest, 'julia' | 'select' | 'ignore' | 'timeBudgetMs'> & NoticeSink = {},
  targets: string[] = [...project.files.keys()],
): Finding[] {
  const budget = fileTimeBudgetMs(overrides.timeBudgetMs);
  const groups = new Map<TrimsafeConfig, string[]>();
  for (const path of targets) {
    const c = configs.forFile(path);
    const list = groups.get(c) ?? [];
    list.push(path);
    groups.set(c, list);
  }
  const all: Finding[] = [];
  const reachabilityBySetting = new Map<string, Reachability>();
  for (const [config, paths] of groups) {
    const rules = enabledRules(config, overrides);
    // One file at a time, so a file whose rules are too slow or throw is skipped alone.
    const result: EngineResult = { findings: [], owners: new Map<Finding, FunctionInfo | null>() };
    const done: string[] = [];
    for (const path of paths) {
      const started = performance.now();
      let part: EngineResult;
      try {
        part = runRules(project, rules, { juliaVersion: overrides.julia ?? config.julia }, [path]);
      } catch (err) {
        overrides.notices?.push(crashed(path, err));
        continue;
      }
      if (performance.now() - started > budget) {
        overrides.notices?.push(tooSlow(path, budget));
        continue;
      }
      result.findings.push(...part.findings);
      for (const [f, owner] of part.owners) result.owners.set(f, owner);
      done.push(path);
    }
    result.findings.sort(compareFindings);
    for (const f of result.findings) {
      const setting = config.rules.get(f.code);
      if (setting && setting !== 'off') f.severity = setting;
    }
    // Reachability depends only on the project and the config's roots: compute it once per setting.
    const key = `${config.mode}\0${config.entrypoints.join('\0')}`;
    let reachability = reachabilityBySetting.get(key);
    let annotated: Finding[];
    try {
      if (!reachability) {
        reachability = computeReachability(project, { mode: config.mode, entrypoints: config.entrypoints });
        reachabilityBySetting.set(key, reachability);
      }
      annotated = annotateReachability(result, project, { reachability });
    } catch (err) {
      // Findings still stand at their own severity; say once why their chains are missing.
      overrides.notices?.push({ path: config.path ?? config.root, level: 'info', message: `call chains could not be computed (${(err as Error).message}); findings are shown at full severity` });
      annotated = result.findings;
    }
    all.push(...applyFileSuppressions(annotated, done, project, config));
  }
  return all.sort(compareFindings);
}

function enabledRules(config: TrimsafeConfig, overrides: Pick<CheckRequest, 'select' | 'ignore'>): Rule[] {
  const resolveKeys = (keys?: string[]) => new Set((keys ?? []).map((k) => findRule(k)?.meta.code ?? k.toUpperCase()));
  const selected = overrides.select && overrides.select.length > 0 ? resolveKeys(overrides.select) : null;
  const ignored = resolveKeys(overrides.ignore);
  return RULES.filter((r) => {
    if (config.rules.get(r.meta.code) === 'off') return false;
    if (ignored.has(r.meta.code)) return false;
    if (selected && !selected.has(r.meta.code)) return false;
    return true;
  });
}

function applyFileSuppressions(findings: Finding[], paths: string[], project: Project, config: TrimsafeConfig): Finding[] {
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byPath.get(f.path) ?? [];
    list.push(f);
    byPath.set(f.path, list);
  }
  const reportUnused = config.rules.get('TRIM001') !== 'off';
  const out: Finding[] = [];
  for (const path of paths) {
    const facts: FileFacts | undefined = project.files.get(path);
    const mine = byPath.get(path) ?? [];
    if (!facts) {
      out.push(...mine);
      continue;
    }
    const suppressions = parseSuppressions(facts.tree.root, facts.tree.source, (key) => {
      if (/^TRIM9\d\d$/i.test(key)) return key.toUpperCase();
      return findRule(key)?.meta.code ?? null;
    });
    const kept = applySuppressions(path, mine, suppressions, facts.tree.source, reportUnused);
    const setting = config.rules.get('TRIM001');
    for (const f of kept) if (f.code === 'TRIM001' && setting && setting !== 'off') f.severity = setting;
    out.push(...kept);
  }
  return out;
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function atOrAbove(findings: Finding[], threshold: Severity | 'none'): Finding[] {
  if (threshold === 'none') return [];
  return findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
}
