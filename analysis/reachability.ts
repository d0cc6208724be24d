// Which functions run in a trimmed program: a breadth-first walk of the call graph from the
// entrypoints (`@main`, `Base.@ccallable`, `Base.Experimental.entrypoint(f, ...)`, every
// `__init__`, and roots named in config), keeping the shortest call chain to each function.
// A project without entrypoints is a library: every function is a root and nothing is demoted.

import type { FunctionInfo, ModuleInfo } from './file-facts';
import { baseName, callArguments } from './julia-syntax';
import type { Project } from './project';
import type { ProjectModule } from './project-view';
import { CallGraph, getCallGraph } from './call-graph';

export type ReachabilityMode = 'auto' | 'entrypoints' | 'library';

export interface ReachabilityOptions {
  /** `auto` (default): entrypoint mode when the project has entrypoints, library mode otherwise. */
  mode?: ReachabilityMode;
  /** Extra roots from config: `Mod.f` or `g`. */
  entrypoints?: readonly string[];
}

export interface EntrypointRoot {
  fn: FunctionInfo;
  kind: 'main' | 'ccallable' | 'entrypoint' | 'init' | 'config';
  /** How users would name the root in a chain (`main`, `__init__`, `App.run`). */
  label: string;
}

export interface FunctionReach {
  reachable: boolean;
  /** Shortest chain of names from a root to the function (the root first), null when unreachable. */
  via: string[] | null;
}

export interface Reachability {
  /**
   * The mode actually used (`auto` resolved): `library` when nothing has entrypoints. In auto mode a
   * top-level module without entrypoints is still checked as a library next to entrypoint code.
   */
  mode: 'entrypoints' | 'library';
  roots: EntrypointRoot[];
  /** Config entrypoints that name no function in the project. */
  unresolvedEntrypoints: string[];
  graph: CallGraph;
  /** Per function (nested functions share their unit's answer). */
  of(f: FunctionInfo): FunctionReach;
  /** True when a type or field name is used somewhere in reachable code (for declaration findings). */
  nameUsed(name: string): boolean;
  fieldRead(name: string): boolean;
  /** True when declarations in this module are checked as a library (every function a root). */
  inLibrary(module: ModuleInfo): boolean;
}

/** How a function reads in a chain: its name as written, `main` for `@main`, `(::T)` for functors. */
export function displayName(f: FunctionInfo): string {
  if (f.entry?.kind === 'main') return 'main';
  if (f.name) return f.name;
  if (f.callableType) return `(::${f.callableType})`;
  if (f.unit !== f) return displayName(f.unit);
  return f.kind === 'do' ? 'do-block' : 'anonymous function';
}

/** The top-level module tree a module belongs to (the module just below Main, or Main). */
function topGroup(m: ProjectModule): ProjectModule {
  let cur = m;
  while (cur.parent && cur.parent.parent) cur = cur.parent;
  return cur;
}

/** A function's name in a chain, qualified by its module path relative to the root's module. */
function chainName(f: FunctionInfo, m: ProjectModule, home: ProjectModule): string {
  const n = displayName(f);
  if (m === home || n.includes('.') || m.name === 'Main') return n;
  const prefix = home.name === 'Main' ? '' : home.qualifiedName + '.';
  const rel = m.qualifiedName.startsWith(prefix) ? m.qualifiedName.slice(prefix.length) : m.qualifiedName;
  return `${rel}.${n}`;
}

/** The project's entrypoints: in-source roots plus config roots (resolved by qualified or plain name). */
export function findEntrypoints(project: Project, graph: CallGraph, extra: readonly string[] = []): { roots: EntrypointRoot[]; unresolved: string[] } {
  const view = project.view();
  const roots: EntrypointRoot[] = [];
  const seen = new Set<FunctionInfo>();
  const add = (fn: FunctionInfo, kind: EntrypointRoot['kind'], label?: string) => {
    if (seen.has(fn) || fn.buildTime) return;
    seen.add(fn);
    roots.push({ fn, kind, label: label ?? displayName(fn) });
  };
  for (const unit of graph.entryUnits()) {
    const e = unit.entry;
    if (!e) continue;
    if (e.kind === 'main' || e.kind === 'ccallable' || e.kind === 'init') add(unit, e.kind, e.kind === 'init' ? '__init__' : undefined);
  }
  for (const file of [...project.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    for (const call of file.entrypointCalls) {
      const from = view.moduleOf(call.module);
      let target = call.target;
      const args = callArguments(call.node).positional;
      // `entrypoint(Tuple{typeof(f), Int})`
      if (!target && args[0]) target = /typeof\(\s*([\w.]+)\s*\)/.exec(args[0].text)?.[1] ?? null;
      if (!target) continue;
      const arity = call.argTypes?.type === 'tuple_expression' ? call.argTypes.namedChildCount : null;
      let fns = graph.resolveName(target, from).filter((f) => !f.callableType);
      if (arity !== null) {
        const matching = fns.filter((f) => f.params.filter((p) => !p.keyword).length === arity || f.params.some((p) => p.vararg));
        if (matching.length > 0) fns = matching;
      }
      // A callable struct rooted as `entrypoint(Tuple{MyJob})`.
      if (fns.length === 0) fns = graph.functorsOf.get(baseName(target)) ?? [];
      for (const f of fns) add(f, 'entrypoint');
    }
  }
  const unresolved: string[] = [];
  for (const spec of extra) {
    const fns = resolveConfigName(spec, project, graph);
    if (fns.length === 0) unresolved.push(spec);
    for (const f of fns) add(f, 'config', spec);
  }
  return { roots, unresolved };
}

function resolveConfigName(spec: string, project: Project, graph: CallGraph): FunctionInfo[] {
  const view = project.view();
  const name = spec.trim();
  if (!name) return [];
  if (!name.includes('.')) return graph.units.filter((f) => f.name !== null && baseName(f.name) === name);
  const head = name.slice(0, name.lastIndexOf('.'));
  const bare = baseName(name);
  const candidates: ProjectModule[] = view.allModules().filter((m) => m.qualifiedName === head || m.qualifiedName.endsWith('.' + head) || m.name === head);
  const out: FunctionInfo[] = [];
  for (const m of candidates) out.push(...graph.resolveName(bare, m));
  if (out.length === 0) out.push(...graph.units.filter((f) => f.name === name));
  return [...new Set(out)];
}

const reachabilityCache = new WeakMap<CallGraph, Map<string, Reachability>>();

/**
 * Computes reachability for the project, cached per call graph (so per project view) and options:
 * the language server checks files one at a time and asks again for each.
 */
export function computeReachability(project: Project, options: ReachabilityOptions = {}): Reachability {
  const graph = getCallGraph(project);
  const key = `${options.mode ?? 'auto'}\0${(options.entrypoints ?? []).join('\0')}`;
  let byOptions = reachabilityCache.get(graph);
  if (!byOptions) reachabilityCache.set(graph, (byOptions = new Map()));
  let known = byOptions.get(key);
  if (!known) byOptions.set(key, (known = computeReachabilityUncached(project, graph, options)));
  return known;
}

function computeReachabilityUncached(project: Project, graph: CallGraph, options: ReachabilityOptions): Reachability {
  const { roots, unresolved } = findEntrypoints(project, graph, options.entrypoints ?? []);
  const requested = options.mode ?? 'auto';
  // Every loaded module's `__init__` runs, so it is always a root; but it alone does not make a
  // package an application: without `@main`, `@ccallable`, `entrypoint(...)` or config roots the
  // package's API is what a trimmed build compiles, so it is checked as a library.
  const isAppRoot = (r: EntrypointRoot) => r.kind !== 'init';
  const mode: 'entrypoints' | 'library' = requested === 'auto' ? (roots.some(isAppRoot) ? 'entrypoints' : 'library') : requested;

  const view = project.view();
  const via = new Map<FunctionInfo, string[]>();
  const reachedUnits: FunctionInfo[] = [];
  // In auto mode a top-level module tree without entrypoints of its own (a library package checked
  // next to an app or example scripts that use it) keeps its functions as roots.
  const libraryGroups = new Set<ProjectModule>();
  if (mode === 'library') {
    for (const m of view.allModules()) libraryGroups.add(topGroup(m));
  } else if (requested === 'auto') {
    const withRoots = new Set(roots.filter(isAppRoot).map((r) => topGroup(view.moduleOf(r.fn.module))));
    for (const m of view.allModules()) {
      const g = topGroup(m);
      if (!withRoots.has(g) && m.functions.length > 0) libraryGroups.add(g);
    }
  }
  const queue: FunctionInfo[] = [];
  const rootModule = new Map<FunctionInfo, ProjectModule>();
  const addRoot = (fn: FunctionInfo, label: string) => {
    if (via.has(fn)) return;
    via.set(fn, [label]);
    rootModule.set(fn, view.moduleOf(fn.module));
    queue.push(fn);
  };
  for (const r of roots) addRoot(r.fn, r.label);
  if (libraryGroups.size > 0) {
    for (const u of graph.units) if (!u.buildTime && libraryGroups.has(topGroup(view.moduleOf(u.module)))) addRoot(u, displayName(u));
  }
  // Show methods and functors wait until a reached unit prints / uses their type.
  const typesReached: Array<[string, FunctionInfo]> = [];
  const typesSeen = new Set<string>();
  let typesDone = 0;
  let printing = false;
  const reach = (target: FunctionInfo, from: FunctionInfo) => {
    const unit = target.unit;
    if (via.has(unit)) return;
    const home = rootModule.get(from)!;
    rootModule.set(unit, home);
    via.set(unit, [...via.get(from)!, chainName(unit, view.moduleOf(unit.module), home)]);
    queue.push(unit);
  };
  // Links share target lists: once a list has been walked every method in it is reached, so a later
  // link to the same list adds nothing (the walk stays linear in links plus methods).
  const listsWalked = new Set<FunctionInfo[]>();
  for (let i = 0; i < queue.length; i++) {
    const unit = queue[i];
    reachedUnits.push(unit);
    for (const link of graph.links.get(unit) ?? []) {
      if (listsWalked.has(link.targets)) continue;
      listsWalked.add(link.targets);
      for (const t of link.targets) reach(t, unit);
    }
    const types = graph.typeClosure(graph.typesUsed.get(unit) ?? []);
    for (const f of graph.impliedByTypeClosure(types)) reach(f, unit);
    for (const t of types) {
      if (typesSeen.has(t)) continue;
      typesSeen.add(t);
      typesReached.push([t, unit]);
    }
    printing ||= graph.printing.has(unit);
    if (printing) {
      for (; typesDone < typesReached.length; typesDone++) {
        const [t, user] = typesReached[typesDone];
        for (const s of graph.showMethodsOf.get(t) ?? []) reach(s, user);
      }
    }
  }
  const resolvedMode: 'entrypoints' | 'library' = mode;

  let names: Set<string> | null = null;
  let fields: Set<string> | null = null;
  const collect = () => {
    if (names) return;
    names = new Set();
    fields = new Set();
    for (const u of reachedUnits) {
      for (const n of graph.namesUsed.get(u) ?? []) names.add(n);
      for (const n of graph.fieldsRead.get(u) ?? []) fields.add(n);
    }
  };
  return {
    mode: resolvedMode,
    roots,
    unresolvedEntrypoints: unresolved,
    graph,
    of(f: FunctionInfo): FunctionReach {
      if (f.buildTime) return { reachable: false, via: null };
      const chain = via.get(f.unit);
      return chain ? { reachable: true, via: chain } : { reachable: false, via: null };
    },
    nameUsed(name: string) {
      collect();
      return names!.has(name);
    },
    fieldRead(name: string) {
      collect();
      return fields!.has(name);
    },
    inLibrary(module: ModuleInfo) {
      return libraryGroups.has(topGroup(view.moduleOf(module)));
    },
  };
}

/** Qualified-or-plain name of a function for messages (`App.emit`). */
export function qualifiedName(f: FunctionInfo, project: Project): string {
  const m = project.view().moduleOf(f.module);
  const n = displayName(f);
  return m.name === 'Main' ? n : `${m.qualifiedName}.${n}`;
}

