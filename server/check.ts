// One check of a set of files, shared by the CLI and the language server: discover, read, parse,
// run rules, apply config severities, reachability and suppressions.

import { resolve } from 'node:path';
import { computeFileFacts, FileFacts } from '../analysis/file-facts';
import { compareFindings, Finding, SEVERITY_RANK, Severity } from '../analysis/finding';
import { Project } from '../analysis/project';
import { getBackend, parseWith } from '../grammar-bindings';
import { annotateReachability, runRules } from '../rules/engine';
import { findRule, RULES } from '../rules/registry';
import { Rule } from '../rules/rule';
import { ConfigResolver, loadConfigFile, TrimsafeConfig } from './config';
import { ParallelParser, wantsParallel } from './parallel';
import { discoverFiles, isNotice, Notice, readSource, SourceFile } from './sources';
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
  const findings = await checkSources([...sources.values()], configs, req);
  return { findings, notices, sources, configs };
}

/** Checks already-read sources as one project. */
export async function checkSources(
  sources: Array<Pick<SourceFile, 'path' | 'text'>>,
  configs: ConfigResolver,
  overrides: Pick<CheckRequest, 'julia' | 'select' | 'ignore' | 'jobs'> = {},
): Promise<Finding[]> {
  const backend = await getBackend();
  const project = new Project();
  // Many files: parse on worker threads; the trees come back identical, everything else runs here.
  const parallel = wantsParallel(sources, overrides.jobs) ? new ParallelParser(sources.map((s) => s.text), backend.name, overrides.jobs!) : null;
  try {
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i];
      const tree = (parallel && (await parallel.get(i))) ?? parseWith(backend, s.text);
      project.setFile(computeFileFacts(s.path, tree));
      // Let native trees be collected between files (see grammar-bindings/backend.ts).
      if (!parallel && backend.name === 'native' && project.files.size % 32 === 0) await new Promise((r) => setImmediate(r));
    }
  } finally {
    parallel?.close();
  }
  return checkProject(project, configs, overrides, sources.map((s) => s.path));
}

/** Runs rules over `targets` (files of `project`), grouping files by the config that governs them. */
export function checkProject(
  project: Project,
  configs: ConfigResolver,
  overrides: Pick<CheckRequest, 'julia' | 'select' | 'ignore'> = {},
  targets: string[] = [...project.files.keys()],
): Finding[] {
  const groups = new Map<TrimsafeConfig, string[]>();
  for (const path of targets) {
    const c = configs.forFile(path);
    const list = groups.get(c) ?? [];
    list.push(path);
    groups.set(c, list);
  }
  const all: Finding[] = [];
  for (const [config, paths] of groups) {
    const rules = enabledRules(config, overrides);
    const result = runRules(project, rules, { juliaVersion: overrides.julia ?? config.julia }, paths);
    for (const f of result.findings) {
      const setting = config.rules.get(f.code);
      if (setting && setting !== 'off') f.severity = setting;
    }
    const annotated = annotateReachability(result, project);
    all.push(...applyFileSuppressions(annotated, paths, project, config));
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
