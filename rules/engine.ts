// Runs rules over a project: one walk per file over run-time code, dispatching nodes to every rule's
// visitors, then declaration hooks. Returns Findings; knows nothing of the CLI or the editor.

import { SyntaxNode } from '../grammar-bindings';
import { FileFacts, FunctionInfo } from '../analysis/file-facts';
import { compareFindings, Finding } from '../analysis/finding';
import { Project, rangeOf } from '../analysis/project';
import { computeReachability, Reachability, ReachabilityOptions } from '../analysis/reachability';
import { walk as walkTree } from '../grammar-bindings';
import { NodeVisitor, Rule, RuleContext, RuleOptions, RuleVisitors } from './rule';
import { walkRuntime } from '../analysis/runtime-walk';
import { forgetCalleeName } from './syntax-memo';

export interface EngineResult {
  findings: Finding[];
  /** The function each finding sits in (absent for declarations), for reachability. */
  owners: Map<Finding, FunctionInfo | null>;
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = { juliaVersion: '1.12' };

/** Checks the given files of a project (all files when `paths` is absent). */
export function runRules(project: Project, rules: readonly Rule[], options: RuleOptions, paths?: Iterable<string>): EngineResult {
  const findings: Finding[] = [];
  const owners = new Map<Finding, FunctionInfo | null>();
  const targets = paths ? [...paths].map((p) => project.files.get(p)).filter((f): f is FileFacts => !!f) : [...project.files.values()];
  for (const file of targets) {
    const perType = new Map<string, NodeVisitor[]>();
    const fileHooks: Array<() => void> = [];
    for (const rule of rules) {
      const ctx = makeContext(rule, file, project, options, findings, owners);
      const visitors: RuleVisitors = rule.create(ctx);
      for (const key in visitors) {
        const fn = visitors[key];
        if (!fn) continue;
        if (key === 'file') fileHooks.push(fn as () => void);
        else {
          const list = perType.get(key);
          if (list) list.push(fn as NodeVisitor);
          else perType.set(key, [fn as NodeVisitor]);
        }
      }
    }
    // Runs for every run-time node: an indexed loop, no iterator.
    if (perType.size > 0) walkRuntime(file, (node, owner) => {
      const list = perType.get(node.type);
      if (list === undefined) return;
      for (let i = 0; i < list.length; i++) list[i](node, owner);
    });
    for (const hook of fileHooks) hook();
    forgetCalleeName();
  }
  findings.sort(compareFindings);
  return { findings: dedupe(findings, owners), owners };
}

function dedupe(findings: Finding[], owners: Map<Finding, FunctionInfo | null>): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.path}:${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}:${f.code}`;
    if (seen.has(key)) {
      owners.delete(f);
      return false;
    }
    seen.add(key);
    return true;
  });
}

const projectTables = new WeakMap<Project, { generation: number; tables: Map<string, unknown> }>();

/** See RuleContext.projectCache: tables are dropped when a file of the project is set or removed. */
export function projectCache<T>(project: Project, key: string, compute: () => T): T {
  let entry = projectTables.get(project);
  if (!entry || entry.generation !== project.generation) {
    entry = { generation: project.generation, tables: new Map() };
    projectTables.set(project, entry);
  }
  if (entry.tables.has(key)) return entry.tables.get(key) as T;
  const value = compute();
  entry.tables.set(key, value);
  return value;
}

/** Cache key of `topLevelFunctionNames`, shared by the rules that ask whether a name is the project's. */
export const TOP_LEVEL_FUNCTION_NAMES = 'engine:top-level-function-names';

/** Names (as written: `f`, `Base.show`) of the project's functions that are not nested in another. */
export function topLevelFunctionNames(project: Project): Set<string> {
  const names = new Set<string>();
  for (const file of project.files.values()) for (const f of file.functions) if (!f.parent && f.name) names.add(f.name);
  return names;
}

function makeContext(
  rule: Rule,
  file: FileFacts,
  project: Project,
  options: RuleOptions,
  findings: Finding[],
  owners: Map<Finding, FunctionInfo | null>,
): RuleContext {
  return {
    file,
    project,
    options,
    projectCache: (key, compute) => projectCache(project, key, compute),
    report(input) {
      const range = input.range ?? (input.node ? rangeOf(input.node) : null);
      if (!range) throw new Error(`rule ${rule.meta.code} reported without a node or range`);
      const finding: Finding = {
        path: file.path,
        range,
        code: rule.meta.code,
        name: rule.meta.name,
        severity: input.severity ?? rule.meta.severity,
        message: input.message,
        fixes: input.fixes ?? [],
        reachable: null,
        via: null,
        tags: [...(input.withoutRuleTags ? [] : (rule.meta.tags ?? [])), ...(input.tags ?? [])].filter((t, i, a) => a.indexOf(t) === i),
        ...(input.related ? { related: input.related } : {}),
      };
      findings.push(finding);
      owners.set(finding, input.owner !== undefined ? input.owner : input.node ? ownerOf(file, input.node) : null);
    },
  };
}

/** The innermost function whose code holds `node`, or null at top level. */
export function ownerOf(file: FileFacts, node: SyntaxNode): FunctionInfo | null {
  for (let p: SyntaxNode | null = node; p; p = p.parent) {
    const f = file.functionByNode.get(p);
    if (f) return f;
  }
  return null;
}

/** Visits every node executed at run time (see analysis/runtime-walk.ts). */
export { walkRuntime } from '../analysis/runtime-walk';

export interface ReachabilityAnnotationOptions extends ReachabilityOptions {
  /** A reachability already computed for this project (the language server keeps one). */
  reachability?: Reachability;
}

/**
 * Sets `reachable` and `via` on each finding from its owner function, and lowers findings in code no
 * entrypoint reaches to hints tagged `unreachable`. Declaration findings (no owner: struct fields,
 * globals) are reachable when the declared name is used in reachable code. In library mode (no
 * entrypoints) every function is a root and severities stand.
 */
export function annotateReachability(result: EngineResult, project: Project, options: ReachabilityAnnotationOptions = {}): Finding[] {
  const reach = options.reachability ?? computeReachability(project, options);
  for (const finding of result.findings) {
    const owner = result.owners.get(finding) ?? null;
    let reachable: boolean | null;
    let via: string[] | null = null;
    if (owner) {
      const r = reach.of(owner);
      reachable = r.reachable;
      via = r.via;
    } else {
      reachable = declarationReachable(finding, project, reach);
    }
    finding.reachable = reachable;
    finding.via = via;
    if (reachable === false && reach.mode === 'entrypoints') {
      finding.severity = 'hint';
      if (!finding.tags.includes('unreachable')) finding.tags.push('unreachable');
    }
  }
  return result.findings;
}

/** A finding outside functions: reachable when the struct or global it sits in is used in reachable code. */
function declarationReachable(finding: Finding, project: Project, reach: Reachability): boolean | null {
  if (reach.mode === 'library') return true;
  const file = project.files.get(finding.path);
  if (!file) return null;
  const inside = (node: SyntaxNode) => {
    const r = rangeOf(node);
    const a = finding.range.start;
    const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character <= q.character);
    return before(r.start, a) && before(a, r.end);
  };
  const s = file.structs.find((x) => inside(x.node));
  if (s && reach.inLibrary(s.module)) return true;
  if (s) {
    if (reach.nameUsed(s.name)) return true;
    const field = s.fields.find((f) => inside(f.node));
    return field ? reach.fieldRead(field.name) : false;
  }
  const g = file.globals.find((x) => inside(x.statement));
  if (g) return reach.inLibrary(g.module) || reach.nameUsed(g.name);
  const fn = ownerOf(file, nodeAtFinding(file, finding) ?? file.tree.root);
  if (fn) return reach.of(fn).reachable;
  return null;
}

function nodeAtFinding(file: FileFacts, finding: Finding): SyntaxNode | null {
  let best: SyntaxNode | null = null;
  const want = finding.range.start;
  walkTree(file.tree.root, (n) => {
    const startsBefore = n.startRow < want.line || (n.startRow === want.line && n.startColumn <= want.character);
    const endsAfter = n.endRow > want.line || (n.endRow === want.line && n.endColumn >= want.character);
    if (!startsBefore || !endsAfter) return false;
    best = n;
  });
  return best;
}
