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
  readonly modules: ProjectModule[] = [];
  /** The edge that brought each included file in (the first one, in path order). */
  readonly includedBy = new Map<string, IncludeEdge>();
  /** Every resolved include edge whose target is loaded, in file and source order. */
  readonly includeEdges: IncludeEdge[] = [];
  private readonly moduleByInfo = new Map<ModuleInfo, ProjectModule>();
  private readonly fileByFunction = new Map<FunctionInfo, FileFacts>();
  private readonly resolved = new Map<ProjectModule, Map<string, ProjectModule | null>>();

  constructor(readonly files: ReadonlyMap<string, FileFacts>) {
    this.main = newModule('Main', null);
    this.modules.push(this.main);
    const paths = [...files.keys()].sort();
    for (const path of paths) {
      const file = files.get(path)!;
      for (const inc of file.includes) {
        if (!inc.path) continue;
        const to = resolveIncludePath(path, inc.path);
        if (!files.has(to)) continue;
        const edge = { from: path, include: inc, to };
        this.includeEdges.push(edge);
        if (!this.includedBy.has(to) && to !== path) this.includedBy.set(to, edge);
      }
    }
    const resolving = new Set<string>();
    const topModuleOf = (path: string): ProjectModule => {
      const file = files.get(path)!;
      const known = this.moduleByInfo.get(file.topModule);
      if (known) return known;
      const edge = this.includedBy.get(path);
      let m = this.main;
      if (edge && !resolving.has(path)) {
        // A cycle (a.jl includes b.jl includes a.jl) leaves the file at Main's level.
        resolving.add(path);
        m = moduleFor(edge.include.module, edge.from);
        resolving.delete(path);
      }
      this.moduleByInfo.set(file.topModule, m);
      return m;
    };
    const moduleFor = (info: ModuleInfo, path: string): ProjectModule => {
      // Iterative: files may nest modules thousands deep.
      const chain: ModuleInfo[] = [];
      let cur: ModuleInfo = info;
      let base: ProjectModule | undefined;
      for (;;) {
        base = this.moduleByInfo.get(cur);
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
          this.modules.push(child);
        }
        this.moduleByInfo.set(step, child);
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
      for (const f of file.functions) {
        this.moduleByInfo.get(f.module)!.functions.push(f);
        this.fileByFunction.set(f, file);
      }
      for (const s of file.structs) this.moduleByInfo.get(s.module)!.structs.push(s);
      for (const a of file.abstractTypes) this.moduleByInfo.get(a.module)!.abstractTypes.push(a.name);
      for (const g of file.globals) this.moduleByInfo.get(g.module)!.globals.push(g);
      for (const i of file.imports) this.moduleByInfo.get(i.module)!.imports.push(i);
      for (const e of file.exports ?? []) if (!e.isPublic) for (const n of e.names) this.moduleByInfo.get(e.module)!.exports.add(n);
    }
  }

  /** The project module a file-level ModuleInfo belongs to. */
  moduleOf(info: ModuleInfo): ProjectModule {
    return this.moduleByInfo.get(info) ?? this.main;
  }

  fileOf(f: FunctionInfo): FileFacts | null {
    return this.fileByFunction.get(f) ?? null;
  }

  /**
   * Resolves a module path as written in `using`/`import` or a qualified name, seen from `from`:
   * `.Sub`, `..Parent.X`, `App.Sub`, `Sub`. Null when the module is not part of the project.
   */
  resolveModule(from: ProjectModule, path: string): ProjectModule | null {
    let cache = this.resolved.get(from);
    if (!cache) this.resolved.set(from, (cache = new Map()));
    if (cache.has(path)) return cache.get(path)!;
    cache.set(path, null); // an import cycle resolves to nothing rather than looping
    const r = this.resolveModuleUncached(from, path);
    cache.set(path, r);
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

export function buildProjectView(files: ReadonlyMap<string, FileFacts>): ProjectView {
  return new ProjectView(files);
}
