// A name-based call graph over the project's functions. Calls resolve by name within module scope
// and imports (`using .Sub`, `import ..X: f`, exports), filtered by arity and, where argument types
// are known, by annotated parameter types. Closures, lambdas and do-blocks belong to the function
// that creates them (FunctionInfo.unit). Functions passed as values (`map(f, xs)`, `sort(v; by=key)`)
// count as called. When in doubt an edge is kept: a missed edge would hide real errors as hints.

import { walkUnit } from './runtime-walk';
import { SyntaxNode, walk } from '../grammar-bindings';
import type { FileFacts, FunctionInfo, ParamInfo } from './file-facts';
import { baseName, callArguments, calleeName, doClause, macroCall, shortDottedName } from './julia-syntax';
import { isLocalName } from './local-types';
import type { Project } from './project';
import { addTo, definitionOrder, mergeInOrder, NameLists, Names } from './name-lists';
import { moduleShapeOf } from './project-view';
import type { ProjectModule, ProjectView } from './project-view';
import { factFromTypeNode, setCallSiteHook, structNamed, TypeFact, typeHead, typeOfExpression, TypeQueryOptions, unionOf } from './type-facts';

export type EdgeKind = 'call' | 'reference' | 'functor' | 'show' | 'nested';

export interface CallEdge {
  /** The method called (a top-level function; nested ones are reached through their unit). */
  target: FunctionInfo;
  /** The function whose code holds the call (may be a closure inside the calling unit). */
  caller: FunctionInfo;
  /** The call (or reference) node; null for implied edges (show methods, functors). */
  site: SyntaxNode | null;
  kind: EdgeKind;
}

/**
 * One site's edges: the site, its caller and kind, and the methods it may reach. Sites that resolve
 * alike share one target list (a generic name such as `show` or `length` has hundreds of methods),
 * so the graph grows with sites plus methods rather than with their product.
 */
export interface CallLink {
  /** Shared between links and with resolveName/resolveCall answers: never modified. */
  readonly targets: FunctionInfo[];
  readonly caller: FunctionInfo;
  readonly site: SyntaxNode | null;
  readonly kind: EdgeKind;
}

/** Edges by function, derived from the links when asked (`get`) or iterated. */
export interface EdgeTable extends Iterable<[FunctionInfo, CallEdge[]]> {
  get(f: FunctionInfo): CallEdge[] | undefined;
  has(f: FunctionInfo): boolean;
}

/** Output calls that may end in a user `Base.show`/`print`/`string` method of a printed value. */
const PRINT_LIKE = new Set([
  'print', 'println', 'show', 'display', 'string', 'repr', 'sprint', 'write', 'join', 'printstyled', 'showerror', 'error',
  'print_to_string', 'summary', 'dump',
]);
const SHOW_METHODS = new Set(['show', 'print', 'string', 'repr', 'showerror', 'display', 'summary']);

export class CallGraph {
  /** Top-level functions (units), in file order. */
  readonly units: FunctionInfo[] = [];
  /** Outgoing links per unit, in site order (each unit has a list, possibly empty). */
  readonly links: UnitTable<CallLink[]> = this.unitTable((c) => c.links, (u) => this.fileLinksOf(u)?.links.get(u));
  /** Outgoing edges per unit: its links' targets in order, one edge per (site, target). */
  readonly edges: EdgeTable = {
    get: (unit) => {
      const links = this.links.get(unit);
      return links && edgesOf(links);
    },
    has: (unit) => this.links.has(unit),
    [Symbol.iterator]: () => this.unitEdges(),
  };
  /** Incoming edges per target method, in unit and site order; targets in order of their first edge. */
  readonly callers: EdgeTable = {
    get: (target) => this.callersOf(target),
    has: (target) => this.callerIndex().arraysOf.has(target),
    [Symbol.iterator]: () => this.targetCallers(),
  };
  /** Project types each unit constructs or names (for functors and show methods). */
  readonly typesUsed: UnitTable<Set<string>> = this.unitTable((c) => c.typesUsed, (u) => this.fileLinksOf(u)?.typesUsed.get(u));
  /** Units that print, interpolate or stringify values. */
  readonly printing: UnitSet = {
    has: (unit) => !!this.fileLinksOf(unit)?.printing.has(unit),
    [Symbol.iterator]: () => this.chunkList.flatMap((c) => [...c.printing])[Symbol.iterator](),
  };
  // The name tables below are set while the graph is built and never changed afterwards: a later
  // graph shares the lists (and whole tables) that its changes do not touch.
  /** `(s::T)(x)` methods by T's head name. */
  functorsOf = new Map<string, FunctionInfo[]>();
  /** `Base.show(io, ::T)`/`print`/`string` methods by T's head name. */
  showMethodsOf = new Map<string, FunctionInfo[]>();
  /** Other methods added to outside functions (`Base.iterate`, `Base.:+`) by the project types they mention. */
  typeMethodsOf = new Map<string, FunctionInfo[]>();
  /** Functions named in a global's initialiser (`const HANDLERS = Dict("a" => handle_a)`), by global name. */
  globalRefs = new Map<string, FunctionInfo[]>();
  /** Functions named in a macro's body, by macro name: the code it generates may call them. */
  macroRefs = new Map<string, FunctionInfo[]>();
  /** Names of the project's structs and abstract types. */
  projectTypes: ReadonlySet<string> = new Set<string>();
  /** Identifiers and `.field` names read in each unit (declarations are reached by these). */
  readonly namesUsed: UnitTable<Set<string>> = this.unitTable((c) => c.namesUsed, (u) => this.fileLinksOf(u)?.namesUsed.get(u));
  readonly fieldsRead: UnitTable<Set<string>> = this.unitTable((c) => c.fieldsRead, (u) => this.fileLinksOf(u)?.fieldsRead.get(u));

  private byModule = new Map<ProjectModule, Map<string, FunctionInfo[]>>();
  /** Methods added to functions of modules outside the project (`Base.show`, `import Base: length`). */
  private extensions = new NameLists<FunctionInfo>();
  private byName = new NameLists<FunctionInfo>();

  /** Each file's units and their links, in path order; the tables per unit above read these. */
  private readonly chunkList: FileLinks[] = [];
  private readonly chunks = new Map<FileFacts, FileLinks>();
  /** The project's file paths, sorted. */
  private readonly paths: string[];
  /** Each module's position in the view's module list (the name tables' order follows it). */
  private readonly moduleIndex = new Map<ProjectModule, number>();

  constructor(
    readonly view: ProjectView,
    readonly project: Project,
    /** Reuse the per-unit scans of unchanged files (false: walk every unit again, for tests). */
    reuseScans = true,
    /** The graph of an earlier state of the same project, whose links may be kept. */
    previous: CallGraph | null = null,
  ) {
    this.reuse = reuseScans;
    this.files = new Map(view.files);
    const modules = view.allModules();
    for (let i = 0; i < modules.length; i++) this.moduleIndex.set(modules[i], i);
    const fileChanges = previous && reuseScans ? this.fileChangesSince(previous) : null;
    let changes: LinkChanges | null = null;
    if (fileChanges) {
      const refs = this.patchIndex(previous!, fileChanges);
      if (refs) changes = { ...fileChanges, ...refs };
    }
    if (!changes) {
      this.index();
      if (fileChanges) {
        changes = { ...fileChanges, globals: changedKeys(previous!.globalRefs, this.globalRefs), macros: changedKeys(previous!.macroRefs, this.macroRefs) };
      }
    }
    this.paths = fileChanges ? previous!.paths : [...this.files.keys()].sort();
    for (const path of this.paths) for (const u of unitsOf(this.files.get(path)!)) this.units.push(u);
    for (const path of this.paths) {
      const file = this.files.get(path)!;
      const chunk = (changes && this.keptFile(file, previous!, changes)) || this.linkFile(file, changes ? previous : null, changes);
      this.chunks.set(file, chunk);
      this.chunkList.push(chunk);
    }
    this.complete = true;
  }

  /** The units with an entrypoint mark in source (`FunctionInfo.entry`), in unit order. */
  entryUnits(): FunctionInfo[] {
    return this.chunkList.flatMap((c) => entryUnitsOf(c.file));
  }

  /** Set once every unit is linked; the callers index is kept only from then on. */
  private complete = false;
  private callersIndex: CallersIndex | null = null;

  private fileLinksOf(unit: FunctionInfo): FileLinks | undefined {
    const file = this.view.fileOf(unit);
    return file ? this.chunks.get(file) : undefined;
  }

  /** `get` is written out per table: lookups are frequent (reachability asks per reached unit). */
  private unitTable<V>(pick: (c: FileLinks) => Map<FunctionInfo, V>, get: (unit: FunctionInfo) => V | undefined): UnitTable<V> {
    return {
      get,
      has: (unit) => get(unit) !== undefined,
      [Symbol.iterator]: () => this.chunkList.flatMap((c) => [...pick(c)])[Symbol.iterator](),
    };
  }

  /** Which links use each target list, and which target lists hold each method. */
  private callerIndex(): CallersIndex {
    if (this.callersIndex) return this.callersIndex;
    const index: CallersIndex = { linksOf: new Map(), arraysOf: new Map(), order: new Map() };
    let seq = 0;
    for (const chunk of this.chunkList) {
      for (const unit of chunk.units) {
        for (const link of chunk.links.get(unit) ?? []) {
          index.order.set(link, seq++);
          let users = index.linksOf.get(link.targets);
          if (!users) {
            index.linksOf.set(link.targets, (users = []));
            for (const t of link.targets) {
              const arrays = index.arraysOf.get(t);
              if (arrays) arrays.push(link.targets);
              else index.arraysOf.set(t, [link.targets]);
            }
          }
          users.push(link);
        }
      }
    }
    if (this.complete) this.callersIndex = index;
    return index;
  }

  private callersOf(target: FunctionInfo): CallEdge[] | undefined {
    const index = this.callerIndex();
    const arrays = index.arraysOf.get(target);
    if (!arrays) return undefined;
    let links = index.linksOf.get(arrays[0])!;
    if (arrays.length > 1) {
      links = arrays.flatMap((a) => index.linksOf.get(a)!);
      links.sort((a, b) => index.order.get(a)! - index.order.get(b)!);
    }
    return links.map((l) => ({ target, caller: l.caller, site: l.site, kind: l.kind }));
  }

  private *unitEdges(): Generator<[FunctionInfo, CallEdge[]]> {
    for (const chunk of this.chunkList) for (const [unit, links] of chunk.links) yield [unit, edgesOf(links)];
  }

  private *targetCallers(): Generator<[FunctionInfo, CallEdge[]]> {
    const seen = new Set<FunctionInfo>();
    for (const [, links] of this.links) {
      for (const link of links) {
        for (const t of link.targets) {
          if (seen.has(t)) continue;
          seen.add(t);
          yield [t, this.callersOf(t)!];
        }
      }
    }
  }

  private readonly reuse: boolean;
  /** The files this graph was built from (the project's map changes in place). */
  private readonly files: Map<string, FileFacts>;
  private linkUsedTypes = false;

  /**
   * Which files were set again since `previous`, and the names of the methods they define before or
   * after. Null when the module structure may differ (a file added or removed, modules, includes,
   * imports, exports, types, globals or macros changed), so everything is indexed and linked again.
   */
  private fileChangesSince(previous: CallGraph): FileChanges | null {
    if (previous.files.size !== this.files.size) return null;
    const names = new Set<string>();
    const files = new Set<FileFacts>();
    const oldFiles: FileFacts[] = [];
    for (const [path, facts] of this.files) {
      const old = previous.files.get(path);
      if (!old) return null;
      if (old === facts) continue;
      if (moduleShapeOf(old) !== moduleShapeOf(facts)) return null;
      files.add(facts);
      oldFiles.push(old);
      for (const file of [old, facts]) for (const f of file.functions) if (f.name) names.add(baseName(f.name));
    }
    return { files, oldFiles, names };
  }

  /**
   * An unchanged file's links from `previous`, whole, when none of its units resolved a name that
   * changed and none was linked by inferred argument types; null when some unit must be linked again.
   */
  private keptFile(file: FileFacts, previous: CallGraph, changes: LinkChanges): FileLinks | null {
    const prev = previous.chunks.get(file);
    if (!prev || changes.files.has(file) || prev.typeDependent.size > 0) return null;
    const deps = fileDependencies(prev);
    if (!deps || dependsOn(deps, changes)) return null;
    return prev;
  }

  /** Links a file's units again, keeping each unit's links from `previous` where they cannot differ. */
  private linkFile(file: FileFacts, previous: CallGraph | null, changes: LinkChanges | null): FileLinks {
    const chunk = newFileLinks(file);
    const prev = previous && changes && !changes.files.has(file) ? previous.chunks.get(file) : undefined;
    for (const unit of chunk.units) if (!(prev && this.keepLinks(unit, prev, chunk, changes!))) this.linkUnit(unit, chunk);
    return chunk;
  }

  /** Takes a unit's links from the earlier graph when nothing they were resolved from has changed. */
  private keepLinks(unit: FunctionInfo, prev: FileLinks, chunk: FileLinks, changes: LinkChanges): boolean {
    if (prev.typeDependent.has(unit)) return false;
    const links = prev.links.get(unit);
    const targets = prev.siteTargets.get(unit);
    const scan = unitScans.get(unit.node);
    if (!links || !targets || !scan) return false;
    const deps = dependenciesOf(scan);
    for (const n of deps.methods) if (changes.names.has(n)) return false;
    for (const n of deps.globals) if (changes.globals.has(n)) return false;
    for (const n of deps.macros) if (changes.macros.has(n)) return false;
    chunk.links.set(unit, links);
    chunk.siteTargets.set(unit, targets);
    chunk.typesUsed.set(unit, prev.typesUsed.get(unit)!);
    chunk.namesUsed.set(unit, scan.names);
    chunk.fieldsRead.set(unit, scan.fields);
    if (scan.printing) chunk.printing.add(unit);
    return true;
  }

  private importedFromOutsideCache = new Map<ProjectModule, Set<string>>();

  /** Names a module imports from modules outside the project (`import Base: show`, `import Base.show`). */
  private importedFromOutside(m: ProjectModule): Set<string> {
    let out = this.importedFromOutsideCache.get(m);
    if (out) return out;
    out = new Set<string>();
    for (const imp of m.imports) {
      if (imp.kind !== 'import') continue;
      for (const t of imp.targets) {
        if (this.view.resolveModule(m, t)) continue;
        if (imp.names.length > 0) for (const n of imp.names) out.add(n);
        else if (t.includes('.')) out.add(baseName(t));
      }
    }
    this.importedFromOutsideCache.set(m, out);
    return out;
  }

  /**
   * The name tables a method of module `m` is listed in: `emit(table, key)` per entry, where table
   * is a module's position (its own names) or one of the other tables (see Table).
   */
  private classify(f: FunctionInfo, m: ProjectModule, emit: (table: number, key: string) => void): void {
    if (f.parent || f.kind === 'macro') return;
    if (f.callableType) emit(Table.Functors, headName(f.callableType));
    if (!f.name) return;
    const bare = baseName(f.name);
    emit(Table.ByName, bare);
    let outside: boolean;
    if (f.name.includes('.')) {
      const owner = this.view.resolveModule(m, f.name.slice(0, f.name.lastIndexOf('.')));
      outside = !owner;
      if (!owner) emit(Table.Extensions, bare);
      // A module's own table is started afresh when the module's turn comes (outermost first), so
      // a method added to it from a module listed before it is found by name only.
      else if (this.moduleIndex.get(owner)! <= this.moduleIndex.get(m)!) emit(this.moduleIndex.get(owner)!, bare);
    } else {
      outside = this.importedFromOutside(m).has(bare);
      emit(outside ? Table.Extensions : this.moduleIndex.get(m)!, bare);
    }
    if (outside) {
      // A method added to a Base (or other outside) function for a project type: `Base.show`,
      // `Base.iterate`, `Base.getindex`, `Base.:+`. Syntax calls many of these implicitly
      // (`for`, `x[i]`, `a + b`, interpolation), so they are reached with their types.
      const target = SHOW_METHODS.has(bare) ? Table.ShowMethods : Table.TypeMethods;
      for (const t of this.projectTypesIn(f)) emit(target, t);
    }
  }

  /** The name table `table` (see classify); a module's own table is created when first asked. */
  private tableOf(table: number): Names<FunctionInfo> {
    switch (table) {
      case Table.ByName:
        return this.byName;
      case Table.Extensions:
        return this.extensions;
      case Table.Functors:
        return this.functorsOf;
      case Table.ShowMethods:
        return this.showMethodsOf;
      case Table.TypeMethods:
        return this.typeMethodsOf;
    }
    const m = this.view.allModules()[table];
    let map = this.byModule.get(m);
    if (!map) this.byModule.set(m, (map = new Map()));
    return map;
  }

  private index(): void {
    const types = new Set<string>();
    for (const m of this.view.allModules()) {
      for (const st of m.structs) types.add(st.name);
      for (const a of m.abstractTypes) types.add(a);
    }
    this.projectTypes = types;
    for (const m of this.view.allModules()) {
      this.byModule.set(m, new Map());
      for (const f of m.functions) this.classify(f, m, (table, key) => addTo(this.tableOf(table), key, f));
    }
    for (const m of this.view.allModules()) {
      for (const g of m.globals) {
        if (!g.valueNode) continue;
        // A function called in the initialiser runs at build time; only function values are stored.
        for (const f of this.functionsReferencedIn(g.valueNode, m, true)) addTo(this.globalRefs, g.name, f);
      }
      for (const f of m.functions) {
        if (f.kind !== 'macro' || !f.name) continue;
        for (const b of f.body) for (const target of this.functionsReferencedIn(b, m)) addTo(this.macroRefs, baseName(f.name), target);
      }
    }
  }

  /**
   * The name tables of `previous` with the entries of the changed files' methods replaced, when
   * every file has its earlier shape (so the module tree, imports and types are the same): the
   * work follows the changed files, not the project. Also the global and macro names whose
   * referenced functions changed. Null when the module trees differ after all.
   */
  private patchIndex(previous: CallGraph, changes: FileChanges): { globals: Set<string>; macros: Set<string> } | null {
    const modules = this.view.allModules();
    const before = previous.view.allModules();
    if (modules.length !== before.length) return null;
    for (let i = 0; i < modules.length; i++) {
      const m = modules[i];
      const o = before[i];
      if (m.qualifiedName !== o.qualifiedName || m.name !== o.name || m.parent?.qualifiedName !== o.parent?.qualifiedName) return null;
    }
    this.projectTypes = previous.projectTypes;
    for (let i = 0; i < modules.length; i++) this.byModule.set(modules[i], previous.byModule.get(before[i]) ?? new Map());
    this.byName = previous.byName.derive();
    this.extensions = previous.extensions.derive();
    this.functorsOf = new Map(previous.functorsOf);
    this.showMethodsOf = new Map(previous.showMethodsOf);
    this.typeMethodsOf = new Map(previous.typeMethodsOf);

    // The entries to take out (the earlier files' methods) and to put in, by table and key.
    const removed = new Set<FunctionInfo>();
    const added = new Map<number, Map<string, FunctionInfo[]>>();
    const entry = (table: number, key: string) => {
      let keys = added.get(table);
      if (!keys) added.set(table, (keys = new Map()));
      let list = keys.get(key);
      if (!list) keys.set(key, (list = []));
      return list;
    };
    for (const old of changes.oldFiles) {
      for (const f of old.functions) {
        removed.add(f);
        previous.classify(f, previous.view.moduleOf(f.module), (table, key) => entry(table, key));
      }
    }
    for (const file of changes.files) {
      for (const f of file.functions) this.classify(f, this.view.moduleOf(f.module), (table, key) => entry(table, key).push(f));
    }
    const compare = definitionOrder(this.view);
    const copied = new Set<Names<FunctionInfo>>();
    for (const [table, keys] of added) {
      let map = this.tableOf(table);
      if (table >= 0 && !copied.has(map)) {
        // Copied once per graph: the earlier graph keeps using its own.
        const own = new Map(this.byModule.get(modules[table]));
        this.byModule.set(modules[table], own);
        copied.add((map = own));
      }
      for (const [key, incoming] of keys) {
        const kept = (map.get(key) ?? NO_FUNCTIONS).filter((f) => !removed.has(f));
        const merged = mergeInOrder(kept, incoming, compare);
        if (merged.length > 0) map.set(key, merged);
        else map.delete(key);
      }
    }
    return { globals: this.patchRefs(previous, changes, false), macros: this.patchRefs(previous, changes, true) };
  }

  /**
   * Recomputes the global (or macro) reference lists that may differ from `previous`: those of the
   * changed files and those naming a method name they define. Returns the names whose lists differ.
   */
  private patchRefs(previous: CallGraph, changes: FileChanges, macros: boolean): Set<string> {
    const before = macros ? previous.macroRefs : previous.globalRefs;
    const roots = (file: FileFacts, visit: (key: string, root: SyntaxNode) => void) => {
      if (macros) {
        for (const f of macrosOf(file)) for (const b of f.body) visit(baseName(f.name!), b);
      } else {
        for (const g of file.globals) if (g.valueNode) visit(g.name, g.valueNode);
      }
    };
    const keys = new Set<string>();
    for (const file of [...changes.oldFiles, ...changes.files]) roots(file, (key) => keys.add(key));
    for (const path of previous.paths) {
      roots(this.files.get(path)!, (key, root) => {
        if (keys.has(key)) return;
        for (const r of this.namesIn(root, !macros)) {
          if (changes.names.has(r.dotted ? baseName(r.name) : r.name)) {
            keys.add(key);
            return;
          }
        }
      });
    }
    if (keys.size === 0) {
      // Never modified once built, so the earlier table serves as it is.
      if (macros) this.macroRefs = before;
      else this.globalRefs = before;
      return keys;
    }
    const table = new Map(before);
    const fresh = new Map<string, FunctionInfo[]>();
    for (const m of this.view.allModules()) {
      if (macros) {
        for (const f of m.functions) {
          if (f.kind !== 'macro' || !f.name || !keys.has(baseName(f.name))) continue;
          for (const b of f.body) for (const target of this.functionsReferencedIn(b, m)) addTo(fresh, baseName(f.name), target);
        }
      } else {
        for (const g of m.globals) {
          if (!g.valueNode || !keys.has(g.name)) continue;
          for (const f of this.functionsReferencedIn(g.valueNode, m, true)) addTo(fresh, g.name, f);
        }
      }
    }
    const changed = new Set<string>();
    for (const key of keys) {
      const was = before.get(key);
      const now = fresh.get(key);
      if (now) table.set(key, now);
      else table.delete(key);
      if (!sameList(was, now)) changed.add(key);
    }
    if (macros) this.macroRefs = table;
    else this.globalRefs = table;
    return changed;
  }

  /** Project type names mentioned in a method's parameter annotations (`x::Vec`, `::Type{Foo}`). */
  private projectTypesIn(f: FunctionInfo): string[] {
    let names = this.reuse ? paramTypeNamesCache.get(f) : undefined;
    if (!names) {
      names = paramTypeNames(f);
      if (this.reuse) paramTypeNamesCache.set(f, names);
    }
    const out = new Set<string>();
    for (const n of names) if (this.projectTypes.has(n)) out.add(n);
    return [...out];
  }

  private readonly nameCache = new Map<ProjectModule, Map<string, FunctionInfo[]>>();

  private namesIn(root: SyntaxNode, skipCallees: boolean): NameRef[] {
    const cache = skipCallees ? valueRefsCache : bodyRefsCache;
    let refs = this.reuse ? cache.get(root) : undefined;
    if (!refs) {
      refs = namesReferencedIn(root, skipCallees);
      if (this.reuse) cache.set(root, refs);
    }
    return refs;
  }

  /** Project functions named by identifiers or `Mod.f` inside `root` (a global's value, a macro body). */
  private functionsReferencedIn(root: SyntaxNode, m: ProjectModule, skipCallees = false): FunctionInfo[] {
    const out = new Set<FunctionInfo>();
    for (const r of this.namesIn(root, skipCallees)) {
      if (r.dotted) {
        for (const f of this.resolveName(r.name, m)) out.add(f);
      } else {
        for (const f of this.byName.get(r.name) ?? []) out.add(f);
      }
    }
    return [...out].filter((f) => f.kind !== 'macro');
  }

  /** Methods a name may denote from module `from` (before arity filtering). */
  resolveName(name: string, from: ProjectModule): FunctionInfo[] {
    let cache = this.nameCache.get(from);
    if (!cache) this.nameCache.set(from, (cache = new Map()));
    let r = cache.get(name);
    if (!r) cache.set(name, (r = this.shared(this.resolveNameUncached(name, from))));
    return r;
  }

  /** Lists by their elements: lists with the same methods in the same order are one list. */
  private readonly sharedLists = new Map<string, FunctionInfo[]>();
  private readonly isShared = new Set<FunctionInfo[]>();
  private readonly listIds = new Map<FunctionInfo, number>();

  /** The one list with `list`'s elements (answers and links share it, so it is never modified). */
  private shared(list: FunctionInfo[]): FunctionInfo[] {
    if (list.length === 0) return NO_FUNCTIONS;
    if (this.isShared.has(list)) return list;
    let key = '';
    for (const f of list) {
      let id = this.listIds.get(f);
      if (id === undefined) this.listIds.set(f, (id = this.listIds.size));
      key += id + ',';
    }
    const known = this.sharedLists.get(key);
    if (known) return known;
    this.sharedLists.set(key, list);
    this.isShared.add(list);
    return list;
  }

  /** `list` when `keep` holds for every element, else the shared list of those it holds for. */
  private subset(list: FunctionInfo[], keep: (f: FunctionInfo) => boolean): FunctionInfo[] {
    const kept = list.filter(keep);
    return kept.length === list.length ? list : this.shared(kept);
  }

  private readonly moduleNameCache = new Map<ProjectModule, Map<string, FunctionInfo[]>>();

  /** The methods `name` denotes in module `m` and what it imports (shared list). */
  private inModuleShared(m: ProjectModule, name: string): FunctionInfo[] {
    let cache = this.moduleNameCache.get(m);
    if (!cache) this.moduleNameCache.set(m, (cache = new Map()));
    let r = cache.get(name);
    if (!r) cache.set(name, (r = this.shared(this.inModule(m, name, new Set()))));
    return r;
  }

  /** Shared lists of the name tables' lists (which are built once per graph and never modified). */
  private readonly tableLists = new Map<FunctionInfo[], FunctionInfo[]>();
  private readonly uniqueTableLists = new Map<FunctionInfo[], FunctionInfo[]>();

  private sharedTableList(list: FunctionInfo[] | undefined): FunctionInfo[] {
    if (!list) return NO_FUNCTIONS;
    let r = this.tableLists.get(list);
    if (!r) this.tableLists.set(list, (r = this.shared(list)));
    return r;
  }

  /** A name table's list with each method once, shared. */
  private uniqueTableList(list: FunctionInfo[]): FunctionInfo[] {
    let r = this.uniqueTableLists.get(list);
    if (!r) {
      const once = unique(list);
      this.uniqueTableLists.set(list, (r = once.length === list.length ? this.sharedTableList(list) : this.shared(once)));
    }
    return r;
  }

  private resolveNameUncached(name: string, from: ProjectModule): FunctionInfo[] {
    if (name.includes('.')) {
      const head = name.slice(0, name.lastIndexOf('.'));
      const bare = baseName(name);
      const mod = this.view.resolveModule(from, head);
      if (mod) return this.inModule(mod, bare, new Set());
      return this.sharedTableList(this.extensions.get(bare));
    }
    const own = this.inModule(from, name, new Set());
    const outside = this.extensions.get(name);
    if (own.length === 0 && outside) return this.uniqueTableList(outside);
    const found = outside ? [...own, ...outside] : own;
    if (found.length > 0) return unique(found);
    // Not visible by Julia's rules as we read them: fall back to any method of that name, so a
    // scope we misread never hides a reachable function.
    return this.sharedTableList(this.byName.get(name));
  }

  private inModule(m: ProjectModule, name: string, visited: Set<ProjectModule>): FunctionInfo[] {
    if (visited.has(m)) return [];
    visited.add(m);
    const out = [...(this.byModule.get(m)?.get(name) ?? [])];
    for (const imp of m.imports) {
      for (const t of imp.targets) {
        const target = this.view.resolveModule(m, t);
        if (!target) continue;
        if (imp.names.length > 0) {
          if (imp.names.includes(name)) out.push(...this.inModule(target, name, visited));
        } else if (imp.kind === 'using' && target.exports.has(name)) {
          out.push(...this.inModule(target, name, visited));
        }
      }
    }
    return out;
  }

  /** Resolves a call node seen in `owner` to the methods it may call. */
  resolveCall(call: SyntaxNode, owner: FunctionInfo, opts?: TypeQueryOptions): FunctionInfo[] {
    if (!opts) {
      // Rules ask again about calls the graph already resolved with the same (shallow) options
      // (FileLinks.siteTargets; sites that resolved to nothing are left out: their answer does not
      // depend on types, see filterByArguments, so asking again gives nothing again).
      const known = this.fileLinksOf(owner.unit)?.siteTargets.get(owner.unit)?.get(call);
      if (known && known.owner === owner) return known.targets;
    }
    return this.resolveCallUncached(call, owner, opts ?? { shallow: true });
  }

  private resolveCallUncached(call: SyntaxNode, owner: FunctionInfo, opts: TypeQueryOptions): FunctionInfo[] {
    const name = calleeName(call);
    if (!name || calleeIsLocal(call, name, owner)) return [];
    return this.resolveNamedCall(call, name, owner, opts);
  }

  private readonly functionsOnly = new Map<FunctionInfo[], FunctionInfo[]>();

  private resolveNamedCall(call: SyntaxNode, name: string, owner: FunctionInfo, opts: TypeQueryOptions): FunctionInfo[] {
    const named = this.resolveName(name, this.view.moduleOf(owner.module));
    let candidates = this.functionsOnly.get(named);
    if (!candidates) this.functionsOnly.set(named, (candidates = this.subset(named, (f) => !f.callableType)));
    return this.filterByArguments(candidates, call, owner, opts);
  }

  /** Per candidate list, the methods accepting a number of arguments (`3`, or `3+` with a splat). */
  private readonly byArityCache = new Map<FunctionInfo[], Map<string, FunctionInfo[]>>();

  /** The candidates the call's arguments may select; a shared list (see shared). */
  private filterByArguments(candidates: FunctionInfo[], call: SyntaxNode, owner: FunctionInfo, opts: TypeQueryOptions): FunctionInfo[] {
    if (candidates.length <= 1) return candidates;
    const { positional } = callArguments(call);
    const args = doClause(call) ? [call, ...positional] : positional; // a do-block is the first argument
    const splats = args.filter((a) => a.type === 'splat_expression').length;
    const given = args.length - splats;
    let arities = this.byArityCache.get(candidates);
    if (!arities) this.byArityCache.set(candidates, (arities = new Map()));
    const arityKey = splats > 0 ? `${given}+` : `${given}`;
    let byArity = arities.get(arityKey);
    if (!byArity) arities.set(arityKey, (byArity = this.subset(candidates, (f) => arityAccepts(f.params, given, splats > 0))));
    if (byArity.length <= 1) return byArity.length === 0 ? candidates : byArity;
    if (splats > 0) return byArity;
    this.linkUsedTypes = true;
    const argTypes = positional.map((a) => typeOfExpression(a, owner, this.project, opts));
    const offset = doClause(call) ? 1 : 0;
    const byType = this.subset(byArity, (f) => {
      const ps = f.params.filter((p) => !p.keyword);
      return argTypes.every((t, i) => typeMayMatch(t, ps[i + offset], f, this.project));
    });
    return byType.length === 0 ? byArity : byType;
  }

  /** Where each shared list's methods and their names start: a site elsewhere defines none of them. */
  private readonly startsOf = new Map<FunctionInfo[], Set<number>>();

  /** `targets` without the methods that `name` (an identifier) itself defines or is the name of. */
  private withoutDefinitionAt(targets: FunctionInfo[], name: SyntaxNode): FunctionInfo[] {
    let starts = this.startsOf.get(targets);
    if (!starts) {
      starts = new Set();
      for (const t of targets) {
        starts.add(t.node.startIndex);
        if (t.nameNode) starts.add(t.nameNode.startIndex);
      }
      this.startsOf.set(targets, starts);
    }
    // Both exclusions need the method's node or name to start where the identifier does.
    if (!starts.has(name.startIndex)) return targets;
    return this.subset(targets, (t) => t.node !== name && !isDefinitionName(name, t));
  }

  /**
   * Links one unit's scanned sites against this project state's name tables. The walk over the
   * unit's code (scanUnit) depends on its file alone, so it is reused while the file is unchanged.
   */
  private linkUnit(unit: FunctionInfo, chunk: FileLinks): void {
    const links: CallLink[] = [];
    const types = new Set<string>();
    chunk.links.set(unit, links);
    chunk.typesUsed.set(unit, types);
    const siteTargets = new Map<SyntaxNode, SiteTarget>();
    chunk.siteTargets.set(unit, siteTargets);
    const file = this.view.fileOf(unit)!;
    let scan = this.reuse ? unitScans.get(unit.node) : undefined;
    let owners = scan ? ownersIn(scan, file) : null;
    if (!scan || !owners) {
      scan = scanUnit(unit, file);
      owners = ownersIn(scan, file)!;
      if (this.reuse) unitScans.set(unit.node, scan);
    }
    chunk.namesUsed.set(unit, scan.names);
    chunk.fieldsRead.set(unit, scan.fields);
    if (scan.printing) chunk.printing.add(unit);
    const link = (targets: FunctionInfo[] | undefined, caller: FunctionInfo, site: SyntaxNode | null, kind: EdgeKind) => {
      if (targets && targets.length > 0) links.push({ targets, caller, site, kind });
    };
    const modules = owners.map((o) => this.view.moduleOf(o.module));
    this.linkUsedTypes = false;
    for (const s of scan.sites) {
      const owner = owners[s.owner];
      switch (s.kind) {
        case SiteKind.Call: {
          if (s.typeName !== null && this.projectTypes.has(s.typeName)) types.add(s.typeName);
          const targets = s.localCallee ? NO_FUNCTIONS : this.resolveNamedCall(s.node, s.name, owner, { shallow: true });
          if (targets.length > 0) siteTargets.set(s.node, { owner, targets });
          link(targets, owner, s.node, 'call');
          break;
        }
        case SiteKind.Macro:
          link(this.macroRefs.get(s.name), owner, s.node, 'reference');
          break;
        case SiteKind.Name: {
          if (this.projectTypes.has(s.name)) types.add(s.name);
          if (s.local) break;
          link(this.globalRefs.get(s.name), owner, s.node, 'reference');
          // A function used as a value: passed to map/foreach/sort(by=...), stored, returned.
          link(this.withoutDefinitionAt(this.resolveName(s.name, modules[s.owner]), s.node), owner, s.node, 'reference');
          break;
        }
        case SiteKind.Qualified: {
          const mod = this.view.resolveModule(modules[s.owner], s.head);
          if (!mod) break;
          link(this.inModuleShared(mod, baseName(s.name)), owner, s.node, 'reference');
          break;
        }
      }
    }
    if (this.linkUsedTypes) chunk.typeDependent.add(unit);
  }

  /**
   * Methods implied by a unit's use of types: functors of the types it uses and outside-function
   * methods (`Base.iterate`, `Base.getindex`) for them and their abstract supertypes. Show methods
   * are added by reachability once reachable code also prints.
   */
  impliedByTypes(unit: FunctionInfo): FunctionInfo[] {
    return this.impliedByTypeClosure(this.typeClosure(this.typesUsed.get(unit) ?? []));
  }

  /** The methods implied by types already closed over their supertypes (see typeClosure). */
  impliedByTypeClosure(types: Iterable<string>): FunctionInfo[] {
    const out: FunctionInfo[] = [];
    for (const t of types) {
      out.push(...(this.functorsOf.get(t) ?? []));
      out.push(...(this.typeMethodsOf.get(t) ?? []));
    }
    return out;
  }

  /** The types and their project supertypes (`Circle` gives `Circle`, `Shape`). */
  typeClosure(types: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const t of types) {
      let cur: string | null = t;
      for (let guard = 0; cur && !out.has(cur) && guard < 16; guard++) {
        out.add(cur);
        const st = structNamed(cur, this.project);
        cur = st?.supertype ? headName(st.supertype) : null;
      }
    }
    return out;
  }
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** The shared empty answer (never modified). */
const NO_FUNCTIONS: FunctionInfo[] = [];

/** One edge per (link, target), in order. */
function edgesOf(links: CallLink[]): CallEdge[] {
  const out: CallEdge[] = [];
  for (const l of links) for (const target of l.targets) out.push({ target, caller: l.caller, site: l.site, kind: l.kind });
  return out;
}

interface CallersIndex {
  /** The links using each target list, in unit and site order. */
  linksOf: Map<FunctionInfo[], CallLink[]>;
  /** The target lists holding each method. */
  arraysOf: Map<FunctionInfo, FunctionInfo[][]>;
  /** Each link's position in unit and site order. */
  order: Map<CallLink, number>;
}

function headName(typeText: string): string {
  return typeHead(typeText.replace(/\s+/g, '')).split('.').pop()!;
}

interface FileChanges {
  /** Files set again since the earlier graph (their units are linked afresh). */
  files: Set<FileFacts>;
  /** Their earlier versions. */
  oldFiles: FileFacts[];
  /** Names of methods defined in those files, before or after. */
  names: Set<string>;
}

interface LinkChanges extends FileChanges {
  /** Global and macro names whose referenced functions differ. */
  globals: Set<string>;
  macros: Set<string>;
}

/** Keys whose lists differ (by element identity) between two tables. */
function changedKeys(a: Map<string, FunctionInfo[]>, b: Map<string, FunctionInfo[]>): Set<string> {
  const out = new Set<string>();
  for (const [k, xs] of a) {
    const ys = b.get(k);
    if (!ys || ys.length !== xs.length || xs.some((x, i) => x !== ys[i])) out.add(k);
  }
  for (const k of b.keys()) if (!a.has(k)) out.add(k);
  return out;
}

/** Identifier names in a method's parameter annotations, in order. */
function paramTypeNames(f: FunctionInfo): string[] {
  const out: string[] = [];
  for (const p of f.params) {
    if (!p.typeNode) continue;
    walk(p.typeNode, (n) => {
      if (n.type === 'identifier') out.push(n.text);
    });
  }
  return out;
}

interface NameRef {
  name: string;
  /** `Mod.f` (resolved through modules) rather than a plain identifier (any method of that name). */
  dotted: boolean;
}

/** Identifiers and `Mod.f` names inside `root`, in walk order (optionally skipping callees). */
function namesReferencedIn(root: SyntaxNode, skipCallees: boolean): NameRef[] {
  const out: NameRef[] = [];
  walk(root, (n) => {
    if (skipCallees && n.parent?.type === 'call_expression' && n.parent.namedChild(0) === n) return false;
    if (n.type === 'identifier' && !isFieldMember(n) && !isKeywordName(n)) out.push({ name: n.text, dotted: false });
    if (n.type === 'field_expression' && n.parent?.type !== 'field_expression') {
      const name = shortDottedName(n);
      if (name && name.includes('.')) out.push({ name, dotted: true });
    }
  });
  return out;
}

const enum SiteKind {
  Call,
  Macro,
  Name,
  Qualified,
}

/**
 * Something in a unit's code that may refer to a project function, as read from the unit's own
 * syntax alone. `owner` indexes UnitScan.ownerNodes.
 */
type Site =
  | { kind: SiteKind.Call; node: SyntaxNode; owner: number; name: string; typeName: string | null; localCallee: boolean }
  | { kind: SiteKind.Macro; node: SyntaxNode; owner: number; name: string }
  | { kind: SiteKind.Name; node: SyntaxNode; owner: number; name: string; local: boolean }
  | { kind: SiteKind.Qualified; node: SyntaxNode; owner: number; name: string; head: string };

/** What one walk over a unit's run-time code found; a function of the unit's syntax tree alone. */
interface UnitScan {
  /** The names its links were looked up by (see dependenciesOf). */
  deps?: UnitDependencies;
  sites: Site[];
  /** The defining nodes of the unit and its closures, as owners of sites. */
  ownerNodes: SyntaxNode[];
  printing: boolean;
  names: Set<string>;
  fields: Set<string>;
}

// Keyed by the unit's defining node. Unchanged files keep their nodes; in an edited open document
// the statements before the edit are the previous copy's nodes too (grammar-bindings/incremental.ts),
// so their scans are reused with the new facts' FunctionInfo objects as owners.
const unitScans = new WeakMap<SyntaxNode, UnitScan>();

interface UnitDependencies {
  /** Method names (bare) its calls, references and `Mod.f` names resolve by. */
  methods: string[];
  /** Global names it reads (their initialisers may name functions). */
  globals: string[];
  macros: string[];
}

function dependenciesOf(scan: UnitScan): UnitDependencies {
  if (scan.deps) return scan.deps;
  const methods = new Set<string>();
  const globals = new Set<string>();
  const macros = new Set<string>();
  for (const s of scan.sites) {
    switch (s.kind) {
      case SiteKind.Call:
        if (!s.localCallee) methods.add(baseName(s.name));
        break;
      case SiteKind.Macro:
        macros.add(s.name);
        break;
      case SiteKind.Name:
        if (!s.local) {
          methods.add(s.name);
          globals.add(s.name);
        }
        break;
      case SiteKind.Qualified:
        methods.add(baseName(s.name));
        break;
    }
  }
  scan.deps = { methods: [...methods], globals: [...globals], macros: [...macros] };
  return scan.deps;
}

/** The scan's owners in `file`'s facts; null when one of them is not a function there. */
function ownersIn(scan: UnitScan, file: FileFacts): FunctionInfo[] | null {
  const out: FunctionInfo[] = [];
  for (const n of scan.ownerNodes) {
    const f = file.functionByNode.get(n);
    if (!f) return null;
    out.push(f);
  }
  return out;
}
/** A per-unit table (links, used types, names): each file's part is kept whole while it is valid. */
export interface UnitTable<V> extends Iterable<[FunctionInfo, V]> {
  get(unit: FunctionInfo): V | undefined;
  has(unit: FunctionInfo): boolean;
}

export interface UnitSet extends Iterable<FunctionInfo> {
  has(unit: FunctionInfo): boolean;
}

/** The name tables a method may be listed in; a module's own table is its position (0 and up). */
const enum Table {
  ByName = -1,
  Extensions = -2,
  Functors = -3,
  ShowMethods = -4,
  TypeMethods = -5,
}

type SiteTarget = { owner: FunctionInfo; targets: FunctionInfo[] };

/** One file's units and what linking them gave; a later graph takes it whole when it cannot differ. */
interface FileLinks {
  file: FileFacts;
  units: readonly FunctionInfo[];
  links: Map<FunctionInfo, CallLink[]>;
  /** What each call site resolved to (default options, its owner), per unit; see resolveCall. */
  siteTargets: Map<FunctionInfo, Map<SyntaxNode, SiteTarget>>;
  typesUsed: Map<FunctionInfo, Set<string>>;
  namesUsed: Map<FunctionInfo, Set<string>>;
  fieldsRead: Map<FunctionInfo, Set<string>>;
  printing: Set<FunctionInfo>;
  /** Units whose links depend on inferred argument types: never kept from an earlier graph. */
  typeDependent: Set<FunctionInfo>;
  /** The union of its units' dependencies (see fileDependencies). */
  deps?: FileDependencies | null;
}

function newFileLinks(file: FileFacts): FileLinks {
  return {
    file,
    units: unitsOf(file),
    links: new Map(),
    siteTargets: new Map(),
    typesUsed: new Map(),
    namesUsed: new Map(),
    fieldsRead: new Map(),
    printing: new Set(),
    typeDependent: new Set(),
  };
}

interface FileDependencies {
  methods: string[];
  globals: string[];
  macros: string[];
}

/** Every name a file's units resolved by; null when a unit's scan is not stored (nothing is kept). */
function fileDependencies(chunk: FileLinks): FileDependencies | null {
  if (chunk.deps !== undefined) return chunk.deps;
  const methods = new Set<string>();
  const globals = new Set<string>();
  const macros = new Set<string>();
  for (const unit of chunk.units) {
    const scan = unitScans.get(unit.node);
    if (!scan) return (chunk.deps = null);
    const d = dependenciesOf(scan);
    for (const n of d.methods) methods.add(n);
    for (const n of d.globals) globals.add(n);
    for (const n of d.macros) macros.add(n);
  }
  return (chunk.deps = { methods: [...methods], globals: [...globals], macros: [...macros] });
}

function dependsOn(deps: FileDependencies, changes: LinkChanges): boolean {
  return anyIn(deps.methods, changes.names) || anyIn(deps.globals, changes.globals) || anyIn(deps.macros, changes.macros);
}

function anyIn(names: readonly string[], set: ReadonlySet<string>): boolean {
  if (set.size === 0) return false;
  for (let i = 0; i < names.length; i++) if (set.has(names[i])) return true;
  return false;
}

const fileUnits = new WeakMap<FileFacts, FunctionInfo[]>();

/** A file's top-level functions other than macros (the graph's units), by position. */
function unitsOf(file: FileFacts): FunctionInfo[] {
  let units = fileUnits.get(file);
  if (!units) {
    units = file.functions.filter((f) => !f.parent && f.kind !== 'macro');
    units.sort((a, b) => a.node.startIndex - b.node.startIndex);
    fileUnits.set(file, units);
  }
  return units;
}

const fileEntries = new WeakMap<FileFacts, FunctionInfo[]>();

/** A file's units marked as entrypoints in source (`@main`, `Base.@ccallable`, `__init__`). */
function entryUnitsOf(file: FileFacts): FunctionInfo[] {
  let entries = fileEntries.get(file);
  if (!entries) fileEntries.set(file, (entries = unitsOf(file).filter((u) => u.entry)));
  return entries;
}

const fileMacros = new WeakMap<FileFacts, FunctionInfo[]>();

/** A file's named macros. */
function macrosOf(file: FileFacts): FunctionInfo[] {
  let macros = fileMacros.get(file);
  if (!macros) fileMacros.set(file, (macros = file.functions.filter((f) => f.kind === 'macro' && f.name)));
  return macros;
}

function sameList(a: readonly FunctionInfo[] | undefined, b: readonly FunctionInfo[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
const paramTypeNamesCache = new WeakMap<FunctionInfo, string[]>();
const valueRefsCache = new WeakMap<SyntaxNode, NameRef[]>();
const bodyRefsCache = new WeakMap<SyntaxNode, NameRef[]>();

const PRINTING_MACRO = /^(show|printf|sprintf|info|warn|error|debug|assert)$/;

function scanUnit(unit: FunctionInfo, file: FileFacts): UnitScan {
  const sites: Site[] = [];
  const names = new Set<string>();
  const fields = new Set<string>();
  const ownerNodes: SyntaxNode[] = [];
  const indexOfOwner = new Map<FunctionInfo, number>();
  // Names an earlier site adds to the unit's used types when they name a project type: a local
  // name links nothing else, so only its first such occurrence is kept as a site.
  const typeNames = new Set<string>();
  let lastOwner: FunctionInfo | null = null;
  let ownerIndex = -1;
  let printing = false;
  forEachUnitNode(unit, file, (node, owner) => {
    if (owner !== lastOwner) {
      lastOwner = owner;
      let i = indexOfOwner.get(owner);
      if (i === undefined) indexOfOwner.set(owner, (i = ownerNodes.push(owner.node) - 1));
      ownerIndex = i;
    }
    switch (node.type) {
      case 'call_expression':
      case 'broadcast_call_expression': {
        const name = calleeName(node);
        if (!name) return;
        const bare = baseName(name);
        if (PRINT_LIKE.has(bare)) printing = true;
        const identCallee = node.namedChild(0)?.type === 'identifier';
        const localCallee = calleeIsLocal(node, name, owner);
        // An identifier callee is local exactly when calleeIsLocal says so.
        const typeName = identCallee && localCallee ? null : bare;
        if (typeName !== null) typeNames.add(typeName);
        sites.push({ kind: SiteKind.Call, node, owner: ownerIndex, name, typeName, localCallee });
        return;
      }
      case 'string_literal':
        if (!printing && node.children.some((c) => c.type === 'string_interpolation')) printing = true;
        return;
      case 'macrocall_expression': {
        const mc = macroCall(node);
        if (mc && PRINTING_MACRO.test(mc.name)) printing = true;
        if (mc) sites.push({ kind: SiteKind.Macro, node, owner: ownerIndex, name: mc.name });
        return;
      }
      case 'identifier': {
        const text = node.text;
        names.add(text);
        if (isCalleePosition(node) || isKeywordName(node) || isFieldMember(node)) return;
        const local = isLocalName(text, owner);
        if (local && typeNames.has(text)) return;
        typeNames.add(text);
        sites.push({ kind: SiteKind.Name, node, owner: ownerIndex, name: text, local });
        return;
      }
      case 'field_expression': {
        const member = node.namedChildren[node.namedChildCount - 1];
        if (member?.type === 'identifier') fields.add(member.text);
        if (isCalleePosition(node) || node.parent?.type === 'field_expression') return;
        const name = shortDottedName(node);
        if (!name) return;
        const head = name.slice(0, name.lastIndexOf('.'));
        if (isLocalName(head.split('.')[0], owner)) return;
        sites.push({ kind: SiteKind.Qualified, node, owner: ownerIndex, name, head });
        return;
      }
    }
  });
  return { sites, ownerNodes, printing, names, fields };
}

/** A call of a local value (`step(x)` with `step` a parameter, `obj.f(x)` with `obj` local). */
function calleeIsLocal(call: SyntaxNode, name: string, owner: FunctionInfo): boolean {
  const calleeNode = call.namedChild(0)!;
  if (calleeNode.type === 'identifier' && isLocalName(name, owner)) return true;
  if (calleeNode.type === 'field_expression') {
    const head = name.slice(0, name.lastIndexOf('.'));
    if (isLocalName(head.split('.')[0], owner)) return true;
  }
  return false;
}

function arityAccepts(params: ParamInfo[], given: number, hasSplat: boolean): boolean {
  const positional = params.filter((p) => !p.keyword);
  const vararg = positional.some((p) => p.vararg);
  const required = positional.filter((p) => !p.vararg && !p.defaultValue).length;
  const max = vararg ? Infinity : positional.length;
  if (hasSplat) return given <= max;
  return given >= required && given <= max;
}

/** False only when the argument's concrete type certainly differs from a concrete annotation. */
function typeMayMatch(arg: TypeFact, param: ParamInfo | undefined, f: FunctionInfo, project: Project): boolean {
  if (!param || !param.typeNode || param.vararg || arg.kind !== 'concrete' || arg.typeVar) return true;
  const p = factFromTypeNode(param.typeNode, { typeVars: f.whereNames });
  const judged = p.kind === 'concrete' && !p.typeVar ? p : null;
  if (!judged) {
    // A project struct named in the annotation is concrete too.
    const head = headName(param.typeNode.text);
    if (!structNamed(head, project) || f.whereNames.includes(head)) return true;
    return headName(arg.text) === head;
  }
  const a = headName(arg.text);
  const b = headName(judged.text);
  if (a === b) return true;
  // Int is Int64; Cint is Int32, and so on.
  const alias: Record<string, string> = { Int: 'Int64', UInt: 'UInt64', Cint: 'Int32', Cuint: 'UInt32', Clong: 'Int64', Cdouble: 'Float64', Cfloat: 'Float32', Csize_t: 'UInt64', Culong: 'UInt64' };
  return (alias[a] ?? a) === (alias[b] ?? b);
}

function isCalleePosition(n: SyntaxNode): boolean {
  const p = n.parent;
  return !!p && (p.type === 'call_expression' || p.type === 'broadcast_call_expression') && p.namedChild(0) === n;
}

function isKeywordName(n: SyntaxNode): boolean {
  const p = n.parent;
  return !!p && p.type === 'named_argument' && p.namedChild(0) === n;
}

function isFieldMember(n: SyntaxNode): boolean {
  const p = n.parent;
  return !!p && p.type === 'field_expression' && p.namedChild(0) !== n;
}

function isDefinitionName(n: SyntaxNode, f: FunctionInfo): boolean {
  return !!f.nameNode && f.nameNode.startIndex <= n.startIndex && n.endIndex <= f.nameNode.endIndex && f.nameNode.startIndex === n.startIndex;
}

/**
 * Visits the run-time code of a unit and of the closures it creates (bodies, parameter defaults and
 * parameter types), skipping quoted code and `@eval`/`@generated` arguments, with the innermost
 * function as owner.
 */
export function forEachUnitNode(unit: FunctionInfo, file: FileFacts, visit: (node: SyntaxNode, owner: FunctionInfo) => void): void {
  walkUnit(unit, file, visit, { paramTypes: true });
}

const graphCache = new WeakMap<ProjectView, CallGraph>();
/** Views whose graph is being built: resolving a call may ask for call-site types, which need the graph. */
const building = new WeakSet<ProjectView>();

/**
 * The project's call graph, built once per project view. Building it walks only the units of files
 * whose facts changed since an earlier build; the rest is linking names (see CallGraph.linkUnit).
 */
export function getCallGraph(project: Project): CallGraph {
  const view = project.view();
  let g = graphCache.get(view);
  if (!g) {
    g = buildCallGraph(project, { previous: latestGraph.get(project) ?? null });
    graphCache.set(view, g);
    latestGraph.set(project, g);
  }
  return g;
}

/** Each project's most recent graph, whose links the next state's graph may keep. */
const latestGraph = new WeakMap<Project, CallGraph>();

/** A new graph of the project's current state; `reuseScans: false` walks every unit again (tests compare the two). */
export function buildCallGraph(project: Project, options: { reuseScans?: boolean; previous?: CallGraph | null } = {}): CallGraph {
  const view = project.view();
  building.add(view);
  try {
    return new CallGraph(view, project, options.reuseScans ?? true, options.previous ?? null);
  } finally {
    building.delete(view);
  }
}

// Unannotated parameters are specialised per call: their type is what the callers pass. While the
// graph itself is being built the callers are not known yet, so the answer is "unknown".
setCallSiteHook((f, index, project, opts) => {
  if (building.has(project.view())) return null;
  const graph = getCallGraph(project);
  const sites = (graph.callers.get(f) ?? []).filter((e) => e.kind === 'call' && e.site?.type === 'call_expression');
  if (sites.length === 0) return null;
  const types: TypeFact[] = [];
  for (const e of sites) {
    const args = callArguments(e.site!).positional;
    const offset = doClause(e.site!) ? 1 : 0;
    const a = args[index - offset];
    if (!a || a.type === 'splat_expression' || (index === 0 && offset === 1)) return null;
    types.push(typeOfExpression(a, e.caller, project, opts));
  }
  const u = unionOf(types);
  return u.kind === 'unknown' ? null : u;
});
