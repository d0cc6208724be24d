// A name-based call graph over the project's functions. Calls resolve by name within module scope
// and imports (`using .Sub`, `import ..X: f`, exports), filtered by arity and, where argument types
// are known, by annotated parameter types. Closures, lambdas and do-blocks belong to the function
// that creates them (FunctionInfo.unit). Functions passed as values (`map(f, xs)`, `sort(v; by=key)`)
// count as called. When in doubt an edge is kept: a missed edge would hide real errors as hints.

import { walkUnit } from './runtime-walk';
import { SyntaxNode, walk } from '../grammar-bindings';
import type { FileFacts, FunctionInfo, ModuleInfo, ParamInfo } from './file-facts';
import { baseName, callArguments, calleeName, doClause, macroCall, shortDottedName } from './julia-syntax';
import { isLocalName } from './local-types';
import type { Project } from './project';
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
  readonly links = new Map<FunctionInfo, CallLink[]>();
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
  readonly typesUsed = new Map<FunctionInfo, Set<string>>();
  /** Units that print, interpolate or stringify values. */
  readonly printing = new Set<FunctionInfo>();
  /** `(s::T)(x)` methods by T's head name. */
  readonly functorsOf = new Map<string, FunctionInfo[]>();
  /** `Base.show(io, ::T)`/`print`/`string` methods by T's head name. */
  readonly showMethodsOf = new Map<string, FunctionInfo[]>();
  /** Other methods added to outside functions (`Base.iterate`, `Base.:+`) by the project types they mention. */
  readonly typeMethodsOf = new Map<string, FunctionInfo[]>();
  /** Functions named in a global's initialiser (`const HANDLERS = Dict("a" => handle_a)`), by global name. */
  readonly globalRefs = new Map<string, FunctionInfo[]>();
  /** Functions named in a macro's body, by macro name: the code it generates may call them. */
  readonly macroRefs = new Map<string, FunctionInfo[]>();
  /** Names of the project's structs and abstract types. */
  readonly projectTypes = new Set<string>();
  /** Identifiers and `.field` names read in each unit (declarations are reached by these). */
  readonly namesUsed = new Map<FunctionInfo, Set<string>>();
  readonly fieldsRead = new Map<FunctionInfo, Set<string>>();

  private readonly byModule = new Map<ProjectModule, Map<string, FunctionInfo[]>>();
  /** Methods added to functions of modules outside the project (`Base.show`, `import Base: length`). */
  private readonly extensions = new Map<string, FunctionInfo[]>();
  private readonly byName = new Map<string, FunctionInfo[]>();

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
    this.index();
    const changes = previous && reuseScans ? this.changesSince(previous) : null;
    for (const unit of this.units) {
      if (!changes || !this.keepLinks(unit, previous!, changes)) this.linkUnit(unit);
    }
    this.complete = true;
  }

  /** Set once every unit is linked; the callers index is kept only from then on. */
  private complete = false;
  private callersIndex: CallersIndex | null = null;

  /** Which links use each target list, and which target lists hold each method. */
  private callerIndex(): CallersIndex {
    if (this.callersIndex) return this.callersIndex;
    const index: CallersIndex = { linksOf: new Map(), arraysOf: new Map(), order: new Map() };
    let seq = 0;
    for (const unit of this.units) {
      for (const link of this.links.get(unit) ?? []) {
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
    for (const [unit, links] of this.links) yield [unit, edgesOf(links)];
  }

  private *targetCallers(): Generator<[FunctionInfo, CallEdge[]]> {
    const seen = new Set<FunctionInfo>();
    for (const unit of this.units) {
      for (const link of this.links.get(unit) ?? []) {
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
  /** Units whose links depend on inferred argument types: never kept from an earlier graph. */
  private readonly typeDependent = new Set<FunctionInfo>();
  private linkUsedTypes = false;

  /**
   * What changed since `previous` as far as linking is concerned: the names of methods in files set
   * again, and global and macro names whose referenced functions differ. Null when the module
   * structure may differ (a file added or removed, modules, includes, imports, exports, types or
   * globals changed), so everything is linked again.
   */
  private changesSince(previous: CallGraph): LinkChanges | null {
    if (previous.files.size !== this.files.size) return null;
    const names = new Set<string>();
    const changedFiles = new Set<FileFacts>();
    for (const [path, facts] of this.files) {
      const old = previous.files.get(path);
      if (!old) return null;
      if (old === facts) continue;
      if (shapeOf(old) !== shapeOf(facts)) return null;
      changedFiles.add(facts);
      for (const file of [old, facts]) for (const f of file.functions) if (f.name) names.add(baseName(f.name));
    }
    return {
      files: changedFiles,
      names,
      globals: changedKeys(previous.globalRefs, this.globalRefs),
      macros: changedKeys(previous.macroRefs, this.macroRefs),
    };
  }

  /** Takes a unit's links from `previous` when nothing they were resolved from has changed. */
  private keepLinks(unit: FunctionInfo, previous: CallGraph, changes: LinkChanges): boolean {
    const file = this.fileOfUnit.get(unit);
    if (!file || changes.files.has(file) || previous.typeDependent.has(unit)) return false;
    const links = previous.links.get(unit);
    const targets = previous.siteTargets.get(unit);
    const scan = unitScans.get(unit.node);
    if (!links || !targets || !scan) return false;
    const deps = dependenciesOf(scan);
    for (const n of deps.methods) if (changes.names.has(n)) return false;
    for (const n of deps.globals) if (changes.globals.has(n)) return false;
    for (const n of deps.macros) if (changes.macros.has(n)) return false;
    this.links.set(unit, links);
    this.siteTargets.set(unit, targets);
    this.typesUsed.set(unit, previous.typesUsed.get(unit)!);
    this.namesUsed.set(unit, scan.names);
    this.fieldsRead.set(unit, scan.fields);
    if (scan.printing) this.printing.add(unit);
    return true;
  }

  private index(): void {
    for (const m of this.view.allModules()) {
      for (const st of m.structs) this.projectTypes.add(st.name);
      for (const a of m.abstractTypes) this.projectTypes.add(a);
    }
    const add = (map: Map<string, FunctionInfo[]>, key: string, f: FunctionInfo) => {
      const list = map.get(key);
      if (list) list.push(f);
      else map.set(key, [f]);
    };
    for (const m of this.view.allModules()) {
      const importedFromOutside = new Set<string>();
      for (const imp of m.imports) {
        if (imp.kind !== 'import') continue;
        for (const t of imp.targets) {
          if (this.view.resolveModule(m, t)) continue;
          // `import Base: show` or `import Base.show`.
          if (imp.names.length > 0) for (const n of imp.names) importedFromOutside.add(n);
          else if (t.includes('.')) importedFromOutside.add(baseName(t));
        }
      }
      const own = new Map<string, FunctionInfo[]>();
      this.byModule.set(m, own);
      for (const f of m.functions) {
        if (f.parent || f.kind === 'macro') continue;
        this.units.push(f);
        if (f.callableType) add(this.functorsOf, headName(f.callableType), f);
        if (!f.name) continue;
        const bare = baseName(f.name);
        add(this.byName, bare, f);
        if (f.name.includes('.')) {
          const owner = this.view.resolveModule(m, f.name.slice(0, f.name.lastIndexOf('.')));
          if (owner) {
            let map = this.byModule.get(owner);
            if (!map) this.byModule.set(owner, (map = new Map()));
            add(map, bare, f);
          } else {
            add(this.extensions, bare, f);
          }
        } else if (importedFromOutside.has(bare)) {
          add(this.extensions, bare, f);
        } else {
          add(own, bare, f);
        }
        if (f.name.includes('.') ? !this.view.resolveModule(m, f.name.slice(0, f.name.lastIndexOf('.'))) : importedFromOutside.has(bare)) {
          // A method added to a Base (or other outside) function for a project type: `Base.show`,
          // `Base.iterate`, `Base.getindex`, `Base.:+`. Syntax calls many of these implicitly
          // (`for`, `x[i]`, `a + b`, interpolation), so they are reached with their types.
          const target = SHOW_METHODS.has(bare) ? this.showMethodsOf : this.typeMethodsOf;
          for (const t of this.projectTypesIn(f)) add(target, t, f);
        }
      }
    }
    for (const m of this.view.allModules()) {
      for (const g of m.globals) {
        if (!g.valueNode) continue;
        // A function called in the initialiser runs at build time; only function values are stored.
        for (const f of this.functionsReferencedIn(g.valueNode, m, true)) add(this.globalRefs, g.name, f);
      }
      for (const f of m.functions) {
        if (f.kind !== 'macro' || !f.name) continue;
        for (const b of f.body) for (const target of this.functionsReferencedIn(b, m)) add(this.macroRefs, baseName(f.name), target);
      }
    }
    // Re-sort units by file and position so traversal order is stable.
    const pathOf = new Map<FunctionInfo, string>();
    for (const u of this.units) {
      const file = this.view.fileOf(u);
      if (file) this.fileOfUnit.set(u, file);
      pathOf.set(u, file?.path ?? '');
    }
    this.units.sort((a, b) => {
      const fa = pathOf.get(a)!;
      const fb = pathOf.get(b)!;
      return fa < fb ? -1 : fa > fb ? 1 : a.node.startIndex - b.node.startIndex;
    });
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

  /** Project functions named by identifiers or `Mod.f` inside `root` (a global's value, a macro body). */
  private functionsReferencedIn(root: SyntaxNode, m: ProjectModule, skipCallees = false): FunctionInfo[] {
    const cache = skipCallees ? valueRefsCache : bodyRefsCache;
    let refs = this.reuse ? cache.get(root) : undefined;
    if (!refs) {
      refs = namesReferencedIn(root, skipCallees);
      if (this.reuse) cache.set(root, refs);
    }
    const out = new Set<FunctionInfo>();
    for (const r of refs) {
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

  /**
   * What each call site scanned while building the graph resolved to (default options, its owner).
   * Sites that resolved to nothing are left out: their answer does not depend on types (see
   * filterByArguments), so asking again gives nothing again.
   */
  private readonly siteTargets = new Map<FunctionInfo, Map<SyntaxNode, { owner: FunctionInfo; targets: FunctionInfo[] }>>();
  private readonly fileOfUnit = new Map<FunctionInfo, FileFacts>();

  /** Resolves a call node seen in `owner` to the methods it may call. */
  resolveCall(call: SyntaxNode, owner: FunctionInfo, opts?: TypeQueryOptions): FunctionInfo[] {
    if (!opts) {
      // Rules ask again about calls the graph already resolved with the same (shallow) options.
      const known = this.siteTargets.get(owner.unit)?.get(call);
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
  private linkUnit(unit: FunctionInfo): void {
    const links: CallLink[] = [];
    const types = new Set<string>();
    this.links.set(unit, links);
    this.typesUsed.set(unit, types);
    const siteTargets = new Map<SyntaxNode, { owner: FunctionInfo; targets: FunctionInfo[] }>();
    this.siteTargets.set(unit, siteTargets);
    const file = this.fileOfUnit.get(unit);
    if (!file) {
      this.namesUsed.set(unit, new Set());
      this.fieldsRead.set(unit, new Set());
      return;
    }
    let scan = this.reuse ? unitScans.get(unit.node) : undefined;
    let owners = scan ? ownersIn(scan, file) : null;
    if (!scan || !owners) {
      scan = scanUnit(unit, file);
      owners = ownersIn(scan, file)!;
      if (this.reuse) unitScans.set(unit.node, scan);
    }
    this.namesUsed.set(unit, scan.names);
    this.fieldsRead.set(unit, scan.fields);
    if (scan.printing) this.printing.add(unit);
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
    if (this.linkUsedTypes) this.typeDependent.add(unit);
  }

  /**
   * Methods implied by a unit's use of types: functors of the types it uses and outside-function
   * methods (`Base.iterate`, `Base.getindex`) for them and their abstract supertypes. Show methods
   * are added by reachability once reachable code also prints.
   */
  impliedByTypes(unit: FunctionInfo): FunctionInfo[] {
    const out: FunctionInfo[] = [];
    for (const t of this.typeClosure(this.typesUsed.get(unit) ?? [])) {
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

interface LinkChanges {
  /** Files set again since the earlier graph (their units are linked afresh). */
  files: Set<FileFacts>;
  /** Names of methods defined in those files, before or after. */
  names: Set<string>;
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

const shapes = new WeakMap<FileFacts, string>();

/**
 * What of a file decides the module structure and the name tables other than its methods: modules,
 * includes, imports, exports, types and globals, by module. Two versions of a file with the same
 * shape resolve every other file's names the same way, except names of their own methods.
 */
function shapeOf(file: FileFacts): string {
  let s = shapes.get(file);
  if (s !== undefined) return s;
  const index = new Map(file.modules.map((m, i) => [m, i]));
  const mod = (m: ModuleInfo) => index.get(m) ?? -1;
  s = JSON.stringify([
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
