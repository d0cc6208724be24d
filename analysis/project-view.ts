// The project view: per-file facts linked into one module tree. An included file's top-level
// statements belong to the module that includes it, so `include("emit.jl")` inside `module App`
// puts emit.jl's functions in App. The view is derived from the per-file facts alone (no parsing),
// so replacing one file's facts and relinking is cheap; Project caches it until a file changes.

import { dirname, isAbsolute, join, normalize } from 'node:path';
import type { FileFacts, FunctionInfo, GlobalInfo, ImportInfo, IncludeInfo, ModuleInfo, StructInfo } from './file-facts';

export interface ProjectModule {
  /** `Main` for the top level of scripts and of files nobody includes. */
  name: string;
  /** Dotted path from the root: `App.Report`. */
  qualifiedName: string;
  parent: ProjectModule | null;
  children: Map<string, ProjectModule>;
  /** The pieces of this module: its `module` blocks and the top levels of files it includes. */
  parts: Array<{ file: FileFacts; info: ModuleInfo }>;
  /** Functions defined directly in this module (nested functions included; see FunctionInfo.unit). */
  functions: FunctionInfo[];
  structs: StructInfo[];
  abstractTypes: string[];
  globals: GlobalInfo[];
  imports: ImportInfo[];
  /** Names exported with `export` (not `public`). */
  exports: Set<string>;
}

export interface IncludeEdge {
  /** The including file. */
  from: string;
  include: IncludeInfo;
  /** Absolute, normalised path of the included file. */
  to: string;
}

/** Resolves an include's literal path against the including file's directory. */
export function resolveIncludePath(fromFile: string, literal: string): string {
  return normalize(isAbsolute(literal) ? literal : join(dirname(fromFile), literal));
}

export class ProjectView {
  readonly main: ProjectModule;
  readonly modules: ProjectModule[];
  /** The edge that brought each included file in (the first one, in path order). */
  readonly includedBy: Map<string, IncludeEdge>;
  /** Every resolved include edge whose target is loaded, in file and source order. */
  readonly includeEdges: IncludeEdge[];
  /**
   * Set when this view was derived from the previous one (files replaced by versions of the same
   * module shape), so project-wide tables can be patched too; cleared once a newer view derives
   * from this one, so views do not hold on to a chain of their predecessors.
   */
  derivation: ViewDerivation | null = null;
  /** For each file-level ModuleInfo: the index in `modules` of its module, and its file. */
  private readonly moduleIndex: Map<ModuleInfo, ModuleSlot>;
  private readonly indexOfModule = new Map<ProjectModule, number>();
  /** The files linked, by the key they were given. */
  private readonly linked: Map<string, FileFacts>;
  /** Module resolutions by module index, shared by the views derived from one another (same module tree and imports). */
  private readonly resolvedByIndex: Map<number, Map<string, number | null>>;
  /** Resolutions asked from modules of other views. */
  private readonly resolvedForeign = new Map<ProjectModule, Map<string, ProjectModule | null>>();

  /** Links `files`; with `previous` (the view of an earlier state of the same files), derives from it when only function bodies and names changed. */
  constructor(
    readonly files: ReadonlyMap<string, FileFacts>,
    previous?: ProjectView | null,
  ) {
    const derived = previous ? ProjectView.deriveFrom(previous, files) : null;
    if (derived) {
      this.modules = derived.modules;
      this.includedBy = derived.includedBy;
      this.includeEdges = derived.includeEdges;
      this.moduleIndex = derived.moduleIndex;
      this.linked = derived.linked;
      this.resolvedByIndex = previous!.resolvedByIndex;
      this.derivation = { previous: previous!, changed: derived.changed };
    } else {
      const linked = linkFiles(files);
      this.modules = linked.modules;
      this.includedBy = linked.includedBy;
      this.includeEdges = linked.includeEdges;
      this.moduleIndex = linked.moduleIndex;
      this.linked = new Map(files);
      this.resolvedByIndex = new Map();
    }
    if (previous) previous.derivation = null;
    this.main = this.modules[0];
    for (let i = 0; i < this.modules.length; i++) this.indexOfModule.set(this.modules[i], i);
  }

  /**
   * The links of `files` made from the previous view's when every changed file kept its module shape:
   * the module tree is the same, and only the changed files' entries are replaced in their modules.
   * Null when the files differ in more than that (then everything is linked again).
   */
  private static deriveFrom(
    previous: ProjectView,
    files: ReadonlyMap<string, FileFacts>,
  ): (Linked & { linked: Map<string, FileFacts>; changed: ViewDerivation['changed'] }) | null {
    if (files.size !== previous.linked.size) return null;
    const changed: ViewDerivation['changed'] = [];
    for (const [path, after] of files) {
      const before = previous.linked.get(path);
      if (before === after) continue;
      if (!before || moduleShapeOf(before) !== moduleShapeOf(after)) return null;
      changed.push({ before, after });
    }
    const moduleIndex = new Map(previous.moduleIndex);
    const partOf = new Map<ModuleInfo, { file: FileFacts; info: ModuleInfo }>();
    const replaced = new Map<unknown, unknown>();
    const touched = new Set<number>();
    for (const { before, after } of changed) {
      for (let i = 0; i < before.modules.length; i++) {
        const index = moduleIndex.get(before.modules[i])?.index;
        if (index === undefined) return null;
        moduleIndex.delete(before.modules[i]);
        moduleIndex.set(after.modules[i], { index, file: after });
        partOf.set(before.modules[i], { file: after, info: after.modules[i] });
        touched.add(index);
      }
      for (let i = 0; i < before.structs.length; i++) replaced.set(before.structs[i], after.structs[i]);
      for (let i = 0; i < before.globals.length; i++) replaced.set(before.globals[i], after.globals[i]);
      for (let i = 0; i < before.imports.length; i++) replaced.set(before.imports[i], after.imports[i]);
      for (let i = 0; i < before.includes.length; i++) replaced.set(before.includes[i], after.includes[i]);
    }
    // New module objects (the previous view keeps its own), sharing the untouched modules' lists.
    const old = previous.modules;
    // An empty children map refers to no module of the previous view: it is shared.
    const modules: ProjectModule[] = old.map((m) => ({ ...m, children: m.children.size > 0 ? new Map() : m.children }));
    const indexOf = previous.indexOfModule;
    for (let i = 0; i < old.length; i++) {
      const m = modules[i];
      m.parent = old[i].parent ? modules[indexOf.get(old[i].parent!)!] : null;
      for (const [name, child] of old[i].children) m.children.set(name, modules[indexOf.get(child)!]);
    }
    const swap = <T>(list: T[]): T[] => list.map((x) => (replaced.get(x) as T | undefined) ?? x);
    for (const index of touched) {
      const m = modules[index];
      m.parts = m.parts.map((p) => partOf.get(p.info) ?? p);
      m.structs = swap(m.structs);
      m.globals = swap(m.globals);
      m.imports = swap(m.imports);
    }
    // A file's functions in a module are one run, in file order: replace the run.
    for (const { before, after } of changed) {
      const runs = new Map<number, { before: FunctionInfo[]; after: FunctionInfo[] }>();
      const runOf = (index: number) => {
        let r = runs.get(index);
        if (!r) runs.set(index, (r = { before: [], after: [] }));
        return r;
      };
      for (const f of before.functions) runOf(previous.moduleIndex.get(f.module)!.index).before.push(f);
      for (const f of after.functions) runOf(moduleIndex.get(f.module)!.index).after.push(f);
      for (const [index, run] of runs) {
        const m = modules[index];
        if (run.before.length === 0) return null; // where the run goes would need the other files' order
        const start = m.functions.indexOf(run.before[0]);
        const end = start + run.before.length;
        if (start < 0 || m.functions[end - 1] !== run.before[run.before.length - 1]) return null;
        m.functions = [...m.functions.slice(0, start), ...run.after, ...m.functions.slice(end)];
      }
    }
    const edges = new Map<IncludeEdge, IncludeEdge>();
    const includeEdges = previous.includeEdges.map((e) => {
      const include = replaced.get(e.include) as IncludeInfo | undefined;
      if (!include) return e;
      const edge = { from: e.from, include, to: e.to };
      edges.set(e, edge);
      return edge;
    });
    const includedBy = new Map<string, IncludeEdge>();
    for (const [to, e] of previous.includedBy) includedBy.set(to, edges.get(e) ?? e);
    return { modules, includedBy, includeEdges, moduleIndex, linked: new Map(files), changed };
  }

  /** The project module a file-level ModuleInfo belongs to. */
  moduleOf(info: ModuleInfo): ProjectModule {
    const slot = this.moduleIndex.get(info);
    return slot === undefined ? this.main : this.modules[slot.index];
  }

  /** Position in `modules` of the module `info` belongs to (-1 when it is not part of this view). */
  moduleIndexOf(info: ModuleInfo): number {
    return this.moduleIndex.get(info)?.index ?? -1;
  }

  fileOf(f: FunctionInfo): FileFacts | null {
    // A function and its module come from the same file's facts.
    return this.moduleIndex.get(f.module)?.file ?? null;
  }

  /**
   * Resolves a module path as written in `using`/`import` or a qualified name, seen from `from`:
   * `.Sub`, `..Parent.X`, `App.Sub`, `Sub`. Null when the module is not part of the project.
   */
  resolveModule(from: ProjectModule, path: string): ProjectModule | null {
    const index = this.indexOfModule.get(from);
    if (index === undefined) {
      let cache = this.resolvedForeign.get(from);
      if (!cache) this.resolvedForeign.set(from, (cache = new Map()));
      if (cache.has(path)) return cache.get(path)!;
      cache.set(path, null); // an import cycle resolves to nothing rather than looping
      const r = this.resolveModuleUncached(from, path);
      cache.set(path, r);
      return r;
    }
    let cache = this.resolvedByIndex.get(index);
    if (!cache) this.resolvedByIndex.set(index, (cache = new Map()));
    const known = cache.get(path);
    if (known !== undefined) return known === null ? null : this.modules[known];
    cache.set(path, null); // an import cycle resolves to nothing rather than looping
    const r = this.resolveModuleUncached(from, path);
    cache.set(path, r ? this.indexOfModule.get(r) ?? null : null);
    return r;
  }

  private resolveModuleUncached(from: ProjectModule, path: string): ProjectModule | null {
    const m = /^(\.*)(.*)$/.exec(path.replace(/\s+/g, ''))!;
    const dots = m[1].length;
    const segs = m[2] ? m[2].split('.') : [];
    let start: ProjectModule | null;
    if (dots > 0) {
      start = from;
      for (let i = 1; i < dots && start; i++) start = start.parent;
      if (!start) return null;
      return walkDown(start, segs);
    }
    if (segs.length === 0) return null;
    // Absolute: a module visible by name from here (itself, an ancestor, a child, a sibling bound
    // by an import) or a top-level module of the project.
    const head = segs[0];
    for (let m2: ProjectModule | null = from; m2; m2 = m2.parent) {
      if (m2.name === head && m2 !== this.main) return walkDown(m2, segs.slice(1));
      const child = m2.children.get(head);
      if (child) return walkDown(child, segs.slice(1));
    }
    for (const imp of from.imports) {
      for (const t of imp.targets) {
        const last = t.split('.').pop();
        if (last === head && t.startsWith('.')) {
          const target = this.resolveModule(from, t);
          if (target) return walkDown(target, segs.slice(1));
        }
      }
    }
    const top = this.main.children.get(head);
    return top ? walkDown(top, segs.slice(1)) : null;
  }

  /** All modules, outermost first. */
  allModules(): ProjectModule[] {
    return this.modules;
  }
}

/** What a derived view changed: files replaced by versions with the same module shape. */
export interface ViewDerivation {
  previous: ProjectView;
  changed: Array<{ before: FileFacts; after: FileFacts }>;
}

interface ModuleSlot {
  index: number;
  file: FileFacts;
}

const shapes = new WeakMap<FileFacts, string>();

/**
 * What of a file decides how the project is linked, other than its methods: its modules, includes,
 * imports, exports, the names (and supertypes) of its types, its globals and macros, by module. Two
 * versions of a file with the same shape give the same module tree, the same resolutions and the
 * same call-graph name tables apart from that file's methods.
 */
export function moduleShapeOf(file: FileFacts): string {
  let s = shapes.get(file);
  if (s !== undefined) return s;
  const index = new Map(file.modules.map((m, i) => [m, i]));
  const mod = (m: ModuleInfo) => index.get(m) ?? -1;
  s = JSON.stringify([
    file.path,
    file.modules.map((m) => [m.name, m.parent ? mod(m.parent) : -1]),
    mod(file.topModule),
    file.includes.map((i) => [i.path, mod(i.module)]),
    file.imports.map((i) => [i.kind, i.targets, i.names, mod(i.module)]),
    (file.exports ?? []).map((e) => [e.names, e.isPublic, mod(e.module)]),
    file.structs.map((t) => [t.name, t.supertype, mod(t.module)]),
    file.abstractTypes.map((t) => [t.name, mod(t.module)]),
    file.globals.map((g) => [g.name, mod(g.module)]),
    file.functions.filter((f) => f.kind === 'macro').map((f) => [f.name, mod(f.module)]),
  ]);
  shapes.set(file, s);
  return s;
}

interface Linked {
  modules: ProjectModule[];
  includedBy: Map<string, IncludeEdge>;
  includeEdges: IncludeEdge[];
  moduleIndex: Map<ModuleInfo, ModuleSlot>;
}

/** Links every file from scratch. */
function linkFiles(files: ReadonlyMap<string, FileFacts>): Linked {
  const main = newModule('Main', null);
  const modules: ProjectModule[] = [main];
  const includedBy = new Map<string, IncludeEdge>();
  const includeEdges: IncludeEdge[] = [];
  const moduleByInfo = new Map<ModuleInfo, ProjectModule>();
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    const file = files.get(path)!;
    for (const inc of file.includes) {
      if (!inc.path) continue;
      const to = resolveIncludePath(path, inc.path);
      if (!files.has(to)) continue;
      const edge = { from: path, include: inc, to };
      includeEdges.push(edge);
      if (!includedBy.has(to) && to !== path) includedBy.set(to, edge);
    }
  }
  const resolving = new Set<string>();
  const topModuleOf = (path: string): ProjectModule => {
    const file = files.get(path)!;
    const known = moduleByInfo.get(file.topModule);
    if (known) return known;
    const edge = includedBy.get(path);
    let m = main;
    if (edge && !resolving.has(path)) {
      // A cycle (a.jl includes b.jl includes a.jl) leaves the file at Main's level.
      resolving.add(path);
      m = moduleFor(edge.include.module, edge.from);
      resolving.delete(path);
    }
    moduleByInfo.set(file.topModule, m);
    return m;
  };
  const moduleFor = (info: ModuleInfo, path: string): ProjectModule => {
    // Iterative: files may nest modules thousands deep.
    const chain: ModuleInfo[] = [];
    let cur: ModuleInfo = info;
    let base: ProjectModule | undefined;
    for (;;) {
      base = moduleByInfo.get(cur);
      if (base) break;
      if (!cur.parent || cur.name === null) {
        base = topModuleOf(path);
        break;
      }
      chain.push(cur);
      cur = cur.parent;
    }
    let m: ProjectModule = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      const step = chain[i];
      let child = m.children.get(step.name!);
      if (!child) {
        child = newModule(step.name!, m);
        m.children.set(step.name!, child);
        modules.push(child);
      }
      moduleByInfo.set(step, child);
      m = child;
    }
    return m;
  };
  for (const path of paths) {
    const file = files.get(path)!;
    for (const info of file.modules) {
      const m = moduleFor(info, path);
      m.parts.push({ file, info });
    }
    for (const f of file.functions) moduleByInfo.get(f.module)!.functions.push(f);
    for (const s of file.structs) moduleByInfo.get(s.module)!.structs.push(s);
    for (const a of file.abstractTypes) moduleByInfo.get(a.module)!.abstractTypes.push(a.name);
    for (const g of file.globals) moduleByInfo.get(g.module)!.globals.push(g);
    for (const i of file.imports) moduleByInfo.get(i.module)!.imports.push(i);
    for (const e of file.exports ?? []) if (!e.isPublic) for (const n of e.names) moduleByInfo.get(e.module)!.exports.add(n);
  }
  const indexOf = new Map(modules.map((m, i) => [m, i]));
  const moduleIndex = new Map<ModuleInfo, ModuleSlot>();
  for (const path of paths) {
    const file = files.get(path)!;
    for (const info of file.modules) moduleIndex.set(info, { index: indexOf.get(moduleByInfo.get(info)!)!, file });
  }
  return { modules, includedBy, includeEdges, moduleIndex };
}

function walkDown(m: ProjectModule, segs: string[]): ProjectModule | null {
  let cur: ProjectModule | null = m;
  for (const s of segs) {
    if (!cur) return null;
    // A module's own name is bound inside it: `..Layers` seen from Layers.Core2 is Layers.
    cur = cur.children.get(s) ?? (s === cur.name ? cur : null);
  }
  return cur;
}

function newModule(name: string, parent: ProjectModule | null): ProjectModule {
  return {
    name,
    qualifiedName: parent && parent.name !== 'Main' ? `${parent.qualifiedName}.${name}` : parent ? name : 'Main',
    parent,
    children: new Map(),
    parts: [],
    functions: [],
    structs: [],
    abstractTypes: [],
    globals: [],
    imports: [],
    exports: new Set(),
  };
}

/** Links `files`, from `previous` (an earlier state's view of the same files) when it can. */
export function buildProjectView(files: ReadonlyMap<string, FileFacts>, previous?: ProjectView | null): ProjectView {
  return new ProjectView(files, previous);
}
