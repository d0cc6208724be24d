// Light, local type facts: what type a Julia expression holds, from literals, constructors,
// annotations, `isa`/`nothing` narrowing, struct fields, globals, return annotations and a small
// table of Base results. Not a compiler: anything not seen answers `unknown`, and rules must never
// report on `unknown` (a type we cannot see is not a hazard we can claim).
//
// Queries for rules:
//   typeOfExpression(node, owner, project)  the value's type as a small lattice (TypeFact)
//   isAbstractValue(node, owner, project)   true when the value is typed Any or abstract
//   isIoValue(node, owner, project)         'concrete-io' | 'abstract-io' | null
//   fieldFact(struct, field)                the declared type of a struct field
//   variableTypeConflicts(owner, project)   locals assigned values of different types
//   boxedCaptures(unit)                     captured variables reassigned (Core.Box)
//   isRuntimeSized(node, owner, project)    `Val(n)` / `ntuple(f, n)` with run-time n
//   tupleLength(node, owner, project)       length of a tuple value when fixed

import { SyntaxNode } from '../grammar-bindings';
import { isKnownAbstractName, judgeType, ioTypeKind } from './base-types';
import type { FunctionInfo, StructInfo } from './file-facts';
import { baseName, callArguments, calleeName, doClause, literalType, macroCall, shortDottedName } from './julia-syntax';
import { findParam, isLocalName, LocalBinding, localBindings, localNames } from './local-types';
import { addTo, definitionOrder, mergeInOrder, NameLists } from './name-lists';
import type { Project } from './project';
import type { ProjectModule, ProjectView } from './project-view';

export type TypeFact =
  /** A concrete type; `text` is the type as Julia would print it, without spaces (`Vector{Int}`). */
  | { kind: 'concrete'; text: string; typeVar?: boolean; /** For a type variable, its upper bound (`IO` in `O<:IO`). */ bound?: string }
  /** An abstract type other than Any (`IO`, `Real`, `AbstractVector{Int}`, a user abstract type). */
  | { kind: 'abstract'; text: string }
  | { kind: 'any' }
  | { kind: 'union'; members: TypeFact[] }
  | { kind: 'unknown' };

export const UNKNOWN: TypeFact = { kind: 'unknown' };
export const ANY: TypeFact = { kind: 'any' };
export const concrete = (text: string): TypeFact => ({ kind: 'concrete', text });

export interface TypeQueryOptions {
  /** Skip facts that need the call graph (parameter types from call sites); used while building it. */
  shallow?: boolean;
  /** Recursion budget through locals, returns and call sites. */
  depth?: number;
}

const MAX_DEPTH = 6;

// ---------------------------------------------------------------------------------------------
// Memoised answers. Rules ask the same questions about the same locals many times, and a local
// assigned from itself (`i = i + 1`, loops over `eachindex(i)`) is asked again at every level of
// the depth budget, so answers are kept per (binding, depth, shallow) for one project view (a new
// view after every edit drops them). An answer is kept only when asking again later would give
// the same one:
// - a return type read while it is still being computed (the recursion guard) may differ later:
//   `volatileReads` counts such reads and an answer computed across one is not kept;
// - a return type cut off by the depth budget answers `unknown` only until some other query
//   caches it: the answer records the function (`cutoffReads`) and is dropped once it is cached;
// - call-site types asked for from a fresh query nested in another (`Val(length(t))`) may come
//   while the call graph is still being built, when they answer `unknown`: not kept either.

interface MemoEntry {
  fact: TypeFact;
  /** Functions whose return type was cut off (uncached) when the answer was computed. */
  cutoffs: FunctionInfo[] | null;
}

/** Depths above this are not memoised (callers never ask so deep). */
const MEMO_MAX_DEPTH = 15;

let volatileReads = 0;
/** Nesting of memoised computations; cut-off reads are only recorded while one is running. */
let memoNesting = 0;
const cutoffReads: FunctionInfo[] = [];
/** Fresh non-shallow queries started from inside another query (Val/ntuple sizes). */
let nestedFreshQueries = 0;
/** Return types being computed (their cache holds the recursion guard). */
const returnsInProgress = new Set<FunctionInfo>();

function memoSlot(opts: TypeQueryOptions): number {
  const depth = opts.depth ?? MAX_DEPTH;
  return depth >= 1 && depth <= MEMO_MAX_DEPTH ? depth * 2 + (opts.shallow ? 1 : 0) : -1;
}

/** The kept answer in `slots[slot]` when it still holds, recording its cut-offs for the caller's answer. */
function memoHit(slots: Array<MemoEntry | undefined>, slot: number): TypeFact | null {
  const e = slots[slot];
  if (!e) return null;
  if (e.cutoffs) {
    for (const f of e.cutoffs) if (memoTables?.returns.has(f)) return null;
    if (memoNesting > 0) for (const f of e.cutoffs) cutoffReads.push(f);
  }
  return e.fact;
}

/** Runs `compute` and keeps its answer in `slots[slot]` unless it read something that may change. */
function memoCompute(slots: Array<MemoEntry | undefined>, slot: number, compute: () => TypeFact): TypeFact {
  const volatileBefore = volatileReads;
  const cutoffsBefore = cutoffReads.length;
  memoNesting++;
  let fact: TypeFact;
  try {
    fact = compute();
  } finally {
    memoNesting--;
  }
  if (volatileReads === volatileBefore) {
    let cutoffs: FunctionInfo[] | null = null;
    if (cutoffReads.length > cutoffsBefore) cutoffs = [...new Set(cutoffReads.slice(cutoffsBefore))];
    slots[slot] = { fact, cutoffs };
  } else {
    slots[slot] = undefined;
  }
  if (memoNesting === 0) cutoffReads.length = 0;
  return fact;
}

interface MemoTables {
  view: ProjectView;
  /** Return types; per view too, since a return type can read other files' functions and globals. */
  returns: WeakMap<FunctionInfo, TypeFact>;
  bindings: Map<Binding, Array<MemoEntry | undefined>>;
  params: Map<FunctionInfo['params'][number], Array<MemoEntry | undefined>>;
}

let memoTables: MemoTables | null = null;

function memoFor(project: Project): MemoTables {
  const view = project.view();
  if (memoTables && memoTables.view === view) return memoTables;
  memoTables = { view, returns: new WeakMap(), bindings: new Map(), params: new Map() };
  return memoTables;
}

function slotsOf<K>(map: Map<K, Array<MemoEntry | undefined>>, key: K): Array<MemoEntry | undefined> {
  let slots = map.get(key);
  if (!slots) map.set(key, (slots = []));
  return slots;
}

/** The head of a type text: `Vector` for `Vector{Int}`, `Base.RefValue` for `Base.RefValue{Int}`. */
export function typeHead(text: string): string {
  const i = text.indexOf('{');
  return i === -1 ? text : text.slice(0, i);
}

/** Top-level parameters of a type text: `Dict{String,Vector{Int}}` gives `String`, `Vector{Int}`. */
export function typeParams(text: string): string[] {
  const i = text.indexOf('{');
  if (i === -1 || !text.endsWith('}')) return [];
  const inner = text.slice(i + 1, -1);
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < inner.length; k++) {
    const c = inner[k];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(inner.slice(start, k));
      start = k + 1;
    }
  }
  if (inner.length > 0) out.push(inner.slice(start));
  return out.map((s) => s.trim());
}

/** A fact from a type written as text (types in the Base table and parameters of known types). */
export function factFromTypeText(raw: string, scope: TypeScopeInfo = {}): TypeFact {
  const text = raw.replace(/\s+/g, '');
  if (!text) return UNKNOWN;
  if (text === 'Any' || text === 'Core.Any') return ANY;
  const head = typeHead(text);
  if (head === 'Union') {
    const members = typeParams(text).map((p) => factFromTypeText(p, scope));
    return unionOf(members);
  }
  if (scope.typeVars?.includes(text)) return { kind: 'concrete', text, typeVar: true };
  if (isKnownAbstractName(head) || isKnownAbstractName(text) || scope.userAbstract?.has(head)) return { kind: 'abstract', text };
  if (scope.userConcrete?.has(head)) return concrete(text);
  if (/^[A-Z][\w.]*(\{.*\})?$/.test(text) || /^(Base|Core)\./.test(text)) return concrete(text);
  return UNKNOWN;
}

interface TypeScopeInfo {
  typeVars?: readonly string[];
  userConcrete?: ReadonlySet<string>;
  userAbstract?: ReadonlySet<string>;
}

/** A fact from a type annotation node, judged with the project's own types. */
export function factFromTypeNode(node: SyntaxNode, scope: TypeScopeInfo = {}): TypeFact {
  const text = node.text.replace(/\s+/g, '');
  if (scope.typeVars?.includes(text)) return { kind: 'concrete', text, typeVar: true };
  if (text === 'Any') return ANY;
  const head = typeHead(text);
  if (head === 'Union' && node.type === 'parametrized_type_expression') {
    const curly = node.namedChild(1);
    return unionOf((curly?.namedChildren ?? []).map((p) => factFromTypeNode(p, scope)));
  }
  const judged = judgeType(node, scope);
  if (judged === 'concrete') return concrete(text);
  if (judged === 'abstract') return { kind: 'abstract', text };
  if (scope.userAbstract?.has(head)) return { kind: 'abstract', text };
  if (scope.userConcrete?.has(head)) return concrete(text);
  return UNKNOWN;
}

export function unionOf(members: TypeFact[]): TypeFact {
  const flat: TypeFact[] = [];
  for (const m of members) {
    if (m.kind === 'union') flat.push(...m.members);
    else flat.push(m);
  }
  if (flat.some((m) => m.kind === 'unknown')) return UNKNOWN;
  if (flat.some((m) => m.kind === 'any')) return ANY;
  const seen = new Map<string, TypeFact>();
  for (const m of flat) seen.set(factKey(m), m);
  const uniq = [...seen.values()];
  if (uniq.length === 0) return UNKNOWN;
  return uniq.length === 1 ? uniq[0] : { kind: 'union', members: uniq };
}

export function factKey(f: TypeFact): string {
  switch (f.kind) {
    case 'concrete':
    case 'abstract':
      return f.text;
    case 'any':
      return 'Any';
    case 'unknown':
      return '?';
    case 'union':
      return `Union{${f.members.map(factKey).sort().join(',')}}`;
  }
}

/** Type as users would read it (`Union{Nothing, Int}`, `Any`, `?`). */
export function describeFact(f: TypeFact): string {
  return f.kind === 'union' ? `Union{${f.members.map(describeFact).join(', ')}}` : factKey(f);
}

/** True for Any, abstract types and unions that hold one of them. */
export function isAbstractFact(f: TypeFact): boolean {
  if (f.kind === 'any' || f.kind === 'abstract') return true;
  if (f.kind === 'union') return f.members.some(isAbstractFact);
  return false;
}

function withoutNothing(f: TypeFact): TypeFact {
  if (f.kind !== 'union') return f;
  const rest = f.members.filter((m) => !(m.kind === 'concrete' && m.text === 'Nothing'));
  return rest.length === f.members.length ? f : rest.length === 1 ? rest[0] : unionOf(rest);
}

// ---------------------------------------------------------------------------------------------
// Project scope: user types, globals, functions by name.

interface ScopeCache {
  userConcrete: Set<string>;
  userAbstract: Set<string>;
  structs: NameLists<StructInfo>;
  /** Top-level functions by last name segment. */
  functions: NameLists<FunctionInfo>;
  /** Type scopes by owner (null: top level), built on first use. */
  scopes: Map<FunctionInfo | null, TypeScopeInfo>;
}

const scopeCache = new WeakMap<ProjectView, ScopeCache>();

function projectScope(project: Project): ScopeCache {
  const view = project.view();
  let c = scopeCache.get(view);
  if (c) return c;
  c = scopeFromPrevious(view) ?? buildScope(view);
  scopeCache.set(view, c);
  return c;
}

function buildScope(view: ProjectView): ScopeCache {
  const functions = new Map<string, FunctionInfo[]>();
  const structs = new Map<string, StructInfo[]>();
  const c: ScopeCache = { userConcrete: new Set(), userAbstract: new Set(), structs: new NameLists(structs), functions: new NameLists(functions), scopes: new Map() };
  for (const m of view.allModules()) {
    for (const f of m.functions) if (!f.parent && f.name) addTo(functions, baseName(f.name), f);
    for (const s of m.structs) {
      c.userConcrete.add(s.name);
      addTo(structs, s.name, s);
    }
    for (const a of m.abstractTypes) c.userAbstract.add(a);
  }
  return c;
}

/**
 * The scope of a view derived from the previous one (files replaced by versions with the same
 * modules, types and globals): the previous scope with the changed files' structs swapped and the
 * lists of their functions' names made again. Lists keep the order of a whole build: by module,
 * then file path, then position in the file.
 */
function scopeFromPrevious(view: ProjectView): ScopeCache | null {
  const d = view.derivation;
  const prev = d ? scopeCache.get(d.previous) : undefined;
  if (!d || !prev) return null;
  const replacedStruct = new Map<StructInfo, StructInfo>();
  const removed = new Set<FunctionInfo>();
  const added = new Map<string, FunctionInfo[]>();
  for (const { before, after } of d.changed) {
    for (let i = 0; i < before.structs.length; i++) replacedStruct.set(before.structs[i], after.structs[i]);
    for (const f of before.functions) {
      if (f.parent || !f.name) continue;
      removed.add(f);
      if (!added.has(baseName(f.name))) added.set(baseName(f.name), []);
    }
    for (const f of after.functions) if (!f.parent && f.name) addTo(added, baseName(f.name), f);
  }
  const structs = prev.structs.derive();
  const swapped = new Set<string>();
  for (const s of replacedStruct.keys()) {
    if (swapped.has(s.name)) continue;
    swapped.add(s.name);
    structs.set(s.name, (prev.structs.get(s.name) ?? []).map((x) => replacedStruct.get(x) ?? x));
  }
  const functions = prev.functions.derive();
  const compare = definitionOrder(view);
  for (const [name, fresh] of added) {
    const kept = (prev.functions.get(name) ?? []).filter((f) => !removed.has(f));
    const merged = mergeInOrder(kept, fresh, compare);
    if (merged.length > 0) functions.set(name, merged);
    else functions.delete(name);
  }
  return { userConcrete: prev.userConcrete, userAbstract: prev.userAbstract, structs, functions, scopes: new Map() };
}

/** The project scope's answers for some names (for tests comparing a patched scope with a whole build). */
export function projectScopeLists(project: Project, names: string[]): { functions: Array<FunctionInfo[] | undefined>; structs: Array<StructInfo[] | undefined>; userConcrete: Set<string>; userAbstract: Set<string> } {
  const c = projectScope(project);
  return { functions: names.map((n) => c.functions.get(n)), structs: names.map((n) => c.structs.get(n)), userConcrete: c.userConcrete, userAbstract: c.userAbstract };
}

/** The type scope inside `owner` (its and its parents' `where` names, the project's types); one object per owner and view. */
function scopeFor(owner: FunctionInfo | null, project: Project): TypeScopeInfo {
  const sc = projectScope(project);
  let scope = sc.scopes.get(owner);
  if (!scope) {
    const vars: string[] = [];
    for (let f = owner; f; f = f.parent) vars.push(...f.whereNames);
    scope = { typeVars: vars, userConcrete: sc.userConcrete, userAbstract: sc.userAbstract };
    sc.scopes.set(owner, scope);
  }
  return scope;
}

/** The struct named by a type text (`Point`, `Box{Int}`), when the project defines one. */
export function structNamed(text: string, project: Project): StructInfo | null {
  const head = typeHead(text);
  const list = projectScope(project).structs.get(head.slice(head.lastIndexOf('.') + 1));
  return list && list.length > 0 ? list[0] : null;
}

export type FieldFact = 'concrete' | 'abstract' | 'untyped' | 'type-parameter' | 'unknown';

/** How a struct field is declared: concretely, abstractly, without a type, or with a type parameter. */
export function fieldFact(s: StructInfo, field: string, project?: Project): { fact: FieldFact; type: TypeFact } {
  const f = s.fields.find((x) => x.name === field);
  if (!f) return { fact: 'unknown', type: UNKNOWN };
  if (!f.typeNode) return { fact: 'untyped', type: ANY };
  const scope: TypeScopeInfo = project ? { ...scopeFor(null, project), typeVars: s.typeParams } : { typeVars: s.typeParams };
  const t = factFromTypeNode(f.typeNode, scope);
  if (t.kind === 'concrete' && s.typeParams.includes(f.typeNode.text.trim())) return { fact: 'type-parameter', type: t };
  if (t.kind === 'concrete') return { fact: 'concrete', type: t };
  if (t.kind === 'unknown') return { fact: 'unknown', type: t };
  return { fact: 'abstract', type: t };
}

// ---------------------------------------------------------------------------------------------
// Base result table.

const STRING_RESULT = new Set([
  'string', 'repr', 'sprint', 'join', 'uppercase', 'lowercase', 'titlecase', 'uppercasefirst', 'lowercasefirst',
  'readline', 'bytes2hex', 'base64encode', 'replace', 'lpad', 'rpad', 'escape_string', 'unescape_string', 'basename',
  'dirname', 'joinpath', 'abspath', 'normpath', 'pwd', 'homedir', 'tempdir', 'String', 'read_string', 'chomp_string',
]);
const INT_RESULT = new Set(['length', 'ndims', 'sizeof', 'firstindex', 'lastindex', 'count', 'ncodeunits', 'textwidth', 'nthreads', 'Threads.nthreads', 'threadid', 'Threads.threadid', 'getpid', 'hash_int', 'Int']);
const BOOL_RESULT = new Set([
  'isempty', 'in', 'haskey', 'startswith', 'endswith', 'occursin', 'contains', 'isnothing', 'ismissing', 'iszero', 'isone',
  'isfile', 'isdir', 'ispath', 'isodd', 'iseven', 'isnan', 'isinf', 'isfinite', 'isequal', 'isless', 'isopen', 'eof',
  'all', 'any', 'issorted', 'isdigit', 'isletter', 'isspace', 'isuppercase', 'islowercase', 'isascii', 'isvalid', 'Bool',
]);

function baseCallResult(name: string, call: SyntaxNode, owner: FunctionInfo | null, project: Project, opts: TypeQueryOptions): TypeFact | null {
  const fn = name.startsWith('Base.') ? name.slice(5) : name;
  const args = callArguments(call).positional;
  const typeArg = (i: number): TypeFact | null => {
    const a = args[i];
    if (!a) return null;
    const t = factFromTypeNode(a, scopeFor(owner, project));
    return t.kind === 'unknown' ? null : t;
  };
  switch (fn) {
    case 'IOBuffer':
    case 'PipeBuffer':
      return concrete('IOBuffer');
    case 'open': {
      // `open(f, path)` and `open(path) do io ... end` return f's result; `open(path[, mode])` an IOStream.
      if (doClause(call)) return UNKNOWN;
      const first = args[0];
      if (!first) return UNKNOWN;
      const t = typeOfExpression(first, owner, project, opts);
      if (t.kind === 'concrete' && (t.text === 'String' || t.text.startsWith('SubString'))) return concrete('IOStream');
      if (first.type === 'string_literal' || first.type === 'identifier' || first.type === 'call_expression') {
        return args.length >= 2 && args[1].type === 'string_literal' ? concrete('IOStream') : t.kind === 'concrete' ? concrete('IOStream') : UNKNOWN;
      }
      return UNKNOWN;
    }
    case 'parse':
    case 'convert':
    case 'round':
    case 'floor':
    case 'ceil':
    case 'trunc':
    case 'reinterpret':
    case 'zero':
    case 'one':
    case 'typemax':
    case 'typemin':
      return args.length >= (fn === 'zero' || fn === 'one' || fn === 'typemax' || fn === 'typemin' ? 1 : 2) ? typeArg(0) : null;
    case 'tryparse': {
      const t = typeArg(0);
      return t ? unionOf([concrete('Nothing'), t]) : null;
    }
    case 'split':
    case 'eachsplit_collect':
      return concrete('Vector{SubString{String}}');
    case 'readlines':
      return concrete('Vector{String}');
    case 'strip':
    case 'lstrip':
    case 'rstrip':
    case 'chomp':
    case 'chop':
      return concrete('SubString{String}');
    case 'take!':
    case 'read':
      if (fn === 'read' && args.length >= 2) return typeArg(1) ?? UNKNOWN;
      return fn === 'take!' ? concrete('Vector{UInt8}') : null;
    case 'time':
    case 'rand':
    case 'randn':
      return args.length === 0 ? concrete('Float64') : null;
    case 'time_ns':
      return concrete('UInt64');
    case 'Symbol':
      return concrete('Symbol');
    case 'Dict':
      return args.length === 0 ? concrete('Dict{Any,Any}') : UNKNOWN;
    case 'Set':
      return args.length === 0 ? concrete('Set{Any}') : UNKNOWN;
    case 'Val': {
      const a = args[0];
      if (!a) return null;
      return nestedCompileTimeConstant(a, owner, project) ? concrete(`Val{${a.text}}`) : { kind: 'abstract', text: 'Val' };
    }
    case 'ntuple': {
      const n = args[1];
      if (!n) return null;
      return nestedCompileTimeConstant(n, owner, project) ? concrete(`NTuple{${n.text}}`) : { kind: 'abstract', text: 'Tuple' };
    }
    case 'stdout':
      return null;
  }
  if (STRING_RESULT.has(fn)) return concrete('String');
  if (INT_RESULT.has(fn)) return concrete('Int');
  if (BOOL_RESULT.has(fn)) return concrete('Bool');
  return null;
}

/** isCompileTimeConstant asked from inside a query: it starts fresh (non-shallow) queries of its own. */
function nestedCompileTimeConstant(n: SyntaxNode, owner: FunctionInfo | null, project: Project): boolean {
  nestedFreshQueries++;
  try {
    return isCompileTimeConstant(n, owner, project);
  } finally {
    nestedFreshQueries--;
  }
}

// ---------------------------------------------------------------------------------------------
// The main query.

/** The type of an expression as far as local facts tell; `unknown` when they do not. */
export function typeOfExpression(node: SyntaxNode, owner: FunctionInfo | null, project: Project, opts: TypeQueryOptions = {}): TypeFact {
  const depth = opts.depth ?? MAX_DEPTH;
  if (depth <= 0) return UNKNOWN;
  const sub: TypeQueryOptions = { ...opts, depth: depth - 1 };
  const lit = literalType(node);
  if (lit) return concrete(lit);
  switch (node.type) {
    case 'string_literal':
      return concrete('String');
    case 'prefixed_string_literal': {
      const prefix = node.childByField('prefix')?.text ?? node.namedChild(0)?.text;
      return prefix === 'r' ? concrete('Regex') : prefix === 'b' ? concrete('Base.CodeUnits{UInt8,String}') : UNKNOWN;
    }
    case 'parenthesized_expression':
      return node.namedChildCount === 1 ? typeOfExpression(node.namedChild(0)!, owner, project, sub) : UNKNOWN;
    case 'typed_expression': {
      const t = node.namedChild(1);
      return t ? factFromTypeNode(t, scopeFor(owner, project)) : UNKNOWN;
    }
    case 'identifier':
      return typeOfName(node.text, node, owner, project, sub);
    case 'field_expression':
      return typeOfField(node, owner, project, sub);
    case 'call_expression':
      return typeOfCall(node, owner, project, sub);
    case 'broadcast_call_expression':
      return UNKNOWN;
    case 'index_expression':
      return typeOfIndex(node, owner, project, sub);
    case 'vector_expression': {
      const els = node.namedChildren;
      if (els.length === 0) return concrete('Vector{Any}');
      if (els.some((e) => e.type === 'splat_expression')) return UNKNOWN;
      const types = els.map((e) => typeOfExpression(e, owner, project, sub));
      const u = unionOf(types);
      return u.kind === 'concrete' ? concrete(`Vector{${u.text}}`) : UNKNOWN;
    }
    case 'tuple_expression': {
      const els = node.namedChildren;
      if (els.some((e) => e.type === 'splat_expression' || e.type === 'named_argument' || e.type === 'assignment')) return UNKNOWN;
      const types = els.map((e) => typeOfExpression(e, owner, project, sub));
      if (types.every((t) => t.kind === 'concrete')) return concrete(`Tuple{${types.map((t) => (t as { text: string }).text).join(',')}}`);
      return UNKNOWN;
    }
    case 'ternary_expression': {
      const [, a, b] = node.namedChildren;
      return a && b ? unionOf([typeOfExpression(a, owner, project, sub), typeOfExpression(b, owner, project, sub)]) : UNKNOWN;
    }
    case 'binary_expression':
      return typeOfBinary(node, owner, project, sub);
    case 'unary_expression': {
      const op = node.children[0]?.text;
      const inner = node.namedChildren[node.namedChildCount - 1];
      if (op === '!') return concrete('Bool');
      return inner ? typeOfExpression(inner, owner, project, sub) : UNKNOWN;
    }
    case 'macrocall_expression': {
      const mc = macroCall(node);
      if (mc && (mc.name === 'sprintf' || mc.name === 'string')) return concrete('String');
      return UNKNOWN;
    }
    case 'comprehension_expression':
    case 'generator':
    default:
      return UNKNOWN;
  }
}

/** True when the value is typed `Any` or abstract: calls on it are dynamic. Unknown is not abstract. */
export function isAbstractValue(node: SyntaxNode, owner: FunctionInfo | null, project: Project, opts: TypeQueryOptions = {}): boolean {
  return isAbstractFact(typeOfExpression(node, owner, project, opts));
}

/** Whether a value is an IO stream by its type: `concrete-io` (IOBuffer, IOStream, ...), `abstract-io` (`::IO`), or null. */
export function isIoValue(node: SyntaxNode, owner: FunctionInfo | null, project: Project, opts: TypeQueryOptions = {}): 'concrete-io' | 'abstract-io' | null {
  const t = typeOfExpression(node, owner, project, opts);
  if (t.kind === 'concrete' && /^(IOBuffer|IOStream|IOContext|Base\.TTY|Base\.PipeEndpoint|Base\.BufferStream|Base\.GenericIOBuffer|Base\.DevNull|Core\.CoreSTDOUT|Core\.CoreSTDERR|TCPSocket|Sockets\.TCPSocket)\b/.test(t.text)) return 'concrete-io';
  if (t.kind === 'abstract' && (t.text === 'IO' || t.text === 'Base.IO' || t.text === 'Base.AbstractPipe')) return 'abstract-io';
  // A field typed by a struct parameter `O<:IO` holds one concrete stream type per instance.
  if (t.kind === 'concrete' && t.typeVar && t.bound && /^(Base\.)?(IO|AbstractPipe)$/.test(t.bound)) return 'concrete-io';
  return null;
}

function typeOfBinary(node: SyntaxNode, owner: FunctionInfo | null, project: Project, opts: TypeQueryOptions): TypeFact {
  const op = node.namedChildren.find((c) => c.type === 'operator')?.text ?? node.children.find((c) => !c.named)?.text ?? '';
  const [l, , r] = node.namedChildren;
  if (/^(==|!=|===|!==|<|>|<=|>=|isa|in|∈|∉|<:|&&|\|\|)$/.test(op)) {
    if (op === '&&' || op === '||') return UNKNOWN; // `c && return x` is control flow
    return concrete('Bool');
  }
  if (!l || !r) return UNKNOWN;
  const lt = typeOfExpression(l, owner, project, opts);
  const rt = typeOfExpression(r, owner, project, opts);
  if (lt.kind !== 'concrete' || rt.kind !== 'concrete') return UNKNOWN;
  const ints = /^(Int|Int64|Int32|UInt|UInt64|UInt32|UInt8|Int8|Int16|UInt16)$/;
  const floats = /^(Float64|Float32)$/;
  if (op === '*' && lt.text === 'String' && rt.text === 'String') return concrete('String');
  if (/^[+\-*%÷]$|^(<<|>>|&|\|)$/.test(op)) {
    if (lt.text === rt.text && (ints.test(lt.text) || floats.test(lt.text))) return lt;
    if ((lt.text === 'Int' && floats.test(rt.text)) || (rt.text === 'Int' && floats.test(lt.text))) return floats.test(lt.text) ? lt : rt;
  }
  if (op === '/' && (ints.test(lt.text) || lt.text === 'Float64') && (ints.test(rt.text) || rt.text === 'Float64')) return concrete('Float64');
  if (op === '^' && lt.text === rt.text && (ints.test(lt.text) || floats.test(lt.text))) return lt;
  return UNKNOWN;
}

function typeOfCall(call: SyntaxNode, owner: FunctionInfo | null, project: Project, opts: TypeQueryOptions): TypeFact {
  const calleeNode = call.namedChild(0);
  if (!calleeNode) return UNKNOWN;
  // `Vector{Int}()`, `Dict{String,Int}()`, `Point{Float64}(1, 2)`: the type applied.
  if (calleeNode.type === 'parametrized_type_expression') {
    const t = factFromTypeNode(calleeNode, scopeFor(owner, project));
    return t.kind === 'concrete' ? t : t.kind === 'abstract' ? t : UNKNOWN;
  }
  const name = calleeName(call);
  if (!name) return UNKNOWN;
  if (owner && calleeNode.type === 'identifier' && isLocalName(name, owner)) return UNKNOWN;
  const base = baseCallResult(name, call, owner, project, opts);
  if (base) return base;
  const bare = baseName(name);
  // A constructor of a project struct or of a concrete Base type.
  const s = structNamed(bare, project);
  if (s && !functionNamedExists(bare, project)) return concrete(s.typeParams.length > 0 ? s.name : s.name);
  if (s) return concrete(s.name);
  const asType = factFromTypeText(name, scopeFor(owner, project));
  if (asType.kind === 'concrete' && /^[A-Z]/.test(bare) && !functionNamedExists(bare, project) && KNOWN_CONSTRUCTORS.has(bare)) return asType;
  // A project function: its return annotation or the type of its simple returns.
  const fns = functionsNamed(bare, project).filter((f) => !f.callableType);
  if (fns.length > 0) {
    const results = fns.map((f) => returnTypeOf(f, project, opts));
    return unionOf(results);
  }
  return UNKNOWN;
}

const KNOWN_CONSTRUCTORS = new Set([
  'Int', 'Int8', 'Int16', 'Int32', 'Int64', 'Int128', 'UInt', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'UInt128',
  'Float16', 'Float32', 'Float64', 'Bool', 'Char', 'String', 'Symbol', 'BigInt', 'BigFloat', 'VersionNumber', 'Regex',
  'IOBuffer', 'ReentrantLock', 'Cint', 'Cuint', 'Clong', 'Culong', 'Cdouble', 'Cfloat', 'Csize_t',
]);

function functionsNamed(name: string, project: Project): FunctionInfo[] {
  return projectScope(project).functions.get(name) ?? [];
}

function functionNamedExists(name: string, project: Project): boolean {
  return functionsNamed(name, project).length > 0;
}

/** The return type of a function: its annotation, or the common type of its `return`s and last expression. */
export function returnTypeOf(f: FunctionInfo, project: Project, opts: TypeQueryOptions = {}): TypeFact {
  if (f.returnType) return factFromTypeNode(f.returnType, scopeFor(f, project));
  const returnCache = memoFor(project).returns;
  const cached = returnCache.get(f);
  if (cached) {
    if (returnsInProgress.has(f)) volatileReads++;
    return cached;
  }
  if ((opts.depth ?? MAX_DEPTH) <= 1) {
    if (memoNesting > 0) cutoffReads.push(f);
    return UNKNOWN;
  }
  returnCache.set(f, UNKNOWN); // recursion guard
  returnsInProgress.add(f);
  const exprs: SyntaxNode[] = [];
  const stack = f.body.slice();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n !== f.node && (n.type === 'function_definition' || n.type === 'arrow_function_expression' || n.type === 'do_clause')) continue;
    if (n.type === 'return_statement') {
      const v = n.namedChild(0);
      if (v) exprs.push(v);
      else exprs.push(n); // bare return: nothing
      continue;
    }
    // Leaves hold no return statement.
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) if (kids[i].children.length > 0) stack.push(kids[i]);
  }
  const last = lastExpression(f);
  if (last && last.type !== 'return_statement') exprs.push(last);
  const sub = { ...opts, depth: (opts.depth ?? MAX_DEPTH) - 1 };
  const types = exprs.map((e) => (e.type === 'return_statement' ? concrete('Nothing') : typeOfExpression(e, f, project, sub)));
  const result = types.length === 0 ? concrete('Nothing') : unionOf(types);
  returnCache.set(f, result);
  returnsInProgress.delete(f);
  return result;
}

function lastExpression(f: FunctionInfo): SyntaxNode | null {
  let n: SyntaxNode | null = f.body.length > 0 ? f.body[f.body.length - 1] : null;
  while (n && (n.type === 'compound_statement' || n.type === 'block')) n = n.namedChildren[n.namedChildCount - 1] ?? null;
  if (!n) return null;
  if (/_statement$/.test(n.type) && n.type !== 'return_statement') return null; // if/for/while/try: skip
  return n;
}

function typeOfIndex(node: SyntaxNode, owner: FunctionInfo | null, project: Project, opts: TypeQueryOptions): TypeFact {
  const base = node.namedChild(0);
  const idx = node.namedChild(1);
  if (!base) return UNKNOWN;
  // `Int[]`, `T[a, b]`, `Any[]`: a typed vector literal.
  const asType = base.type === 'identifier' || base.type === 'field_expression' || base.type === 'parametrized_type_expression' ? factFromTypeNode(base, scopeFor(owner, project)) : UNKNOWN;
  const isTypeName = asType.kind !== 'unknown' && !(base.type === 'identifier' && owner && isLocalName(base.text, owner)) && /^[A-Z]/.test(base.text);
  if (isTypeName && idx && (idx.type === 'vector_expression' || idx.type === 'matrix_expression')) {
    return concrete(`Vector{${base.text.replace(/\s+/g, '')}}`);
  }
  const bt = typeOfExpression(base, owner, project, opts);
  return elementFact(bt, idx);
}

/** The element a container of type `t` yields when indexed (Dict values, Vector elements). */
export function elementFact(t: TypeFact, idx?: SyntaxNode | null): TypeFact {
  if (t.kind === 'any') return ANY;
  if (t.kind !== 'concrete' && t.kind !== 'abstract') return UNKNOWN;
  const head = typeHead(t.text);
  const ps = typeParams(t.text);
  // A range index (`v[2:end]`) gives a container, not an element.
  if (idx && (idx.type === 'range_expression' || (idx.type === 'vector_expression' && idx.namedChildren.some((c) => c.type === 'range_expression')))) return UNKNOWN;
  switch (head) {
    case 'Vector':
    case 'Array':
    case 'Matrix':
    case 'Set':
    case 'AbstractVector':
    case 'AbstractArray':
    case 'Memory':
      return ps[0] ? factFromTypeText(ps[0]) : ANY;
    case 'Dict':
    case 'IdDict':
    case 'AbstractDict':
    case 'OrderedDict':
      return ps[1] ? factFromTypeText(ps[1]) : ANY;
    case 'String':
    case 'SubString':
      return concrete('Char');
    case 'NTuple':
      return ps[1] ? factFromTypeText(ps[1]) : UNKNOWN;
    case 'Tuple': {
      if (ps.length === 0) return UNKNOWN;
      const i = idx?.type === 'integer_literal' ? Number(idx.text) : NaN;
      if (Number.isInteger(i) && i >= 1 && i <= ps.length) return factFromTypeText(ps[i - 1]);
      return unionOf(ps.map((p) => factFromTypeText(p)));
    }
  }
  return UNKNOWN;
}

function typeOfField(node: SyntaxNode, owner: FunctionInfo | null, project: Project, opts: TypeQueryOptions): TypeFact {
  const name = shortDottedName(node);
  if (name === 'Core.stdout' || name === 'Core.stderr') return concrete(name === 'Core.stdout' ? 'Core.CoreSTDOUT' : 'Core.CoreSTDERR');
  if (name && /^(Base|Main)\.(stdout|stderr|stdin)$/.test(name)) return { kind: 'abstract', text: 'IO' };
  const value = node.childByField('value') ?? node.namedChild(0);
  const member = node.namedChildren.filter((c) => c !== value).pop();
  if (!value || !member || member.type !== 'identifier') return UNKNOWN;
  // A module's global: `App.CONFIG`.
  if (name && owner) {
    const view = project.view();
    const head = name.slice(0, name.lastIndexOf('.'));
    const mod = view.resolveModule(view.moduleOf(owner.module), head);
    if (mod && !(value.type === 'identifier' && isLocalName(value.text, owner))) return typeOfGlobal(member.text, mod, project, opts) ?? UNKNOWN;
  }
  const vt = typeOfExpression(value, owner, project, opts);
  if (vt.kind !== 'concrete') return vt.kind === 'any' ? ANY : UNKNOWN;
  const s = structNamed(vt.text, project);
  if (!s) return UNKNOWN;
  const ff = fieldFact(s, member.text, project);
  if (ff.fact === 'type-parameter') {
    // `Box{Int}` fixes `T`; an unparameterised `Box` leaves it concrete but unnamed.
    const ps = typeParams(vt.text);
    const i = s.typeParams.indexOf((ff.type as { text: string }).text);
    if (i >= 0 && ps[i]) return factFromTypeText(ps[i]);
    const varName = (ff.type as { text: string }).text;
    const decl = s.typeParamsNode?.namedChildren.find((p) => p.type === 'binary_expression' && p.namedChild(0)?.text === varName);
    const bound = decl?.namedChildren.find((c, k) => k > 0 && c.type !== 'operator')?.text;
    return { kind: 'concrete', text: varName, typeVar: true, ...(bound ? { bound } : {}) };
  }
  return ff.type;
}

// ---------------------------------------------------------------------------------------------
// Names: locals with narrowing, parameters, globals.

function typeOfName(name: string, at: SyntaxNode, owner: FunctionInfo | null, project: Project, opts: TypeQueryOptions): TypeFact {
  if (name === 'nothing') return concrete('Nothing');
  if (name === 'missing') return concrete('Missing');
  if (name === 'true' || name === 'false') return concrete('Bool');
  if (!owner || !isLocalName(name, owner)) {
    if (name === 'stdout' || name === 'stderr' || name === 'stdin') return { kind: 'abstract', text: 'IO' };
    if (name === 'devnull') return concrete('Base.DevNull');
    if (name === 'ARGS') return concrete('Vector{String}');
    if (name === 'PROGRAM_FILE') return concrete('String');
    if (name === 'nothing') return concrete('Nothing');
    const view = project.view();
    const mod = owner ? view.moduleOf(owner.module) : null;
    if (mod) {
      const g = typeOfGlobal(name, mod, project, opts);
      if (g) return g;
    }
    return UNKNOWN;
  }
  const narrowed = narrowAt(name, at, owner, project, opts);
  if (narrowed) return narrowed;
  return withFlowNarrowing(name, at, owner, declaredLocalType(name, owner!, project, opts));
}

function typeOfGlobal(name: string, mod: ProjectModule, project: Project, opts: TypeQueryOptions): TypeFact | null {
  const gs = mod.globals.filter((g) => g.name === name);
  if (gs.length === 0) return null;
  const typed = gs.find((g) => g.typeNode);
  if (typed?.typeNode) return factFromTypeNode(typed.typeNode, scopeFor(null, project));
  if (gs.every((g) => g.kind === 'const') && gs[0].valueNode) return typeOfExpression(gs[0].valueNode, null, project, opts);
  // A non-const untyped global may be rebound to anything: its binding is `Any`.
  return gs.some((g) => g.kind === 'untyped') ? ANY : UNKNOWN;
}

/** The type of a local from its declarations and assignments in the function, without narrowing. */
function declaredLocalType(name: string, owner: FunctionInfo, project: Project, opts: TypeQueryOptions): TypeFact {
  // The function (or an enclosing one) where the name is bound.
  for (let f: FunctionInfo | null = owner; f; f = f.parent) {
    const param = f.params.find((p) => p.name === name);
    if (param) return paramType(param, f, project, opts);
    const info = localBindings(f).get(name);
    if (info) return bindingType(info, f, project, opts);
  }
  return UNKNOWN;
}

function paramType(param: FunctionInfo['params'][number], f: FunctionInfo, project: Project, opts: TypeQueryOptions): TypeFact {
  if (param.vararg) return param.typeNode ? concrete('Tuple') : UNKNOWN;
  if (param.typeNode) return factFromTypeNode(param.typeNode, scopeFor(f, project));
  if (param.nospecialize) return ANY;
  if (param.defaultValue && param.keyword) return typeOfExpression(param.defaultValue, f.parent, project, opts);
  if (opts.shallow || f.parent || param.keyword) return UNKNOWN;
  // Unannotated: specialised per call, so the types callers pass (when all are known).
  const slot = memoSlot(opts);
  if (slot < 0) return callSiteParamType(param, f, project, opts);
  const slots = slotsOf(memoFor(project).params, param);
  return memoHit(slots, slot) ?? memoCompute(slots, slot, () => callSiteParamType(param, f, project, opts));
}

function callSiteParamType(param: FunctionInfo['params'][number], f: FunctionInfo, project: Project, opts: TypeQueryOptions): TypeFact {
  const sites = callSiteArgumentTypes(f, f.params.filter((p) => !p.keyword).indexOf(param), project, opts);
  return sites ?? UNKNOWN;
}

/** Provided by the call graph once built (kept as a hook to avoid a module cycle). */
let callSiteHook: ((f: FunctionInfo, index: number, project: Project, opts: TypeQueryOptions) => TypeFact | null) | null = null;

export function setCallSiteHook(hook: typeof callSiteHook): void {
  callSiteHook = hook;
}

function callSiteArgumentTypes(f: FunctionInfo, index: number, project: Project, opts: TypeQueryOptions): TypeFact | null {
  if (index < 0 || !callSiteHook) return null;
  // The call graph may still be being built for a fresh query nested in another: see memoCompute.
  if (nestedFreshQueries > 0) volatileReads++;
  return callSiteHook(f, index, project, { ...opts, shallow: true });
}

type Binding = LocalBinding;

function bindingType(b: Binding, f: FunctionInfo, project: Project, opts: TypeQueryOptions): TypeFact {
  if (b.declared) return factFromTypeNode(b.declared, scopeFor(f, project));
  if (b.caught) return ANY;
  if (b.opaque > 0) return UNKNOWN;
  const slot = memoSlot(opts);
  if (slot < 0) return assignedType(b, f, project, opts);
  const slots = slotsOf(memoFor(project).bindings, b);
  return memoHit(slots, slot) ?? memoCompute(slots, slot, () => assignedType(b, f, project, opts));
}

/** The union of the types a local is assigned and iterates over. */
function assignedType(b: Binding, f: FunctionInfo, project: Project, opts: TypeQueryOptions): TypeFact {
  const types: TypeFact[] = b.values.map((v) => typeOfExpression(v, f, project, opts));
  for (const c of b.iterates) types.push(iterationFact(c, f, project, opts));
  return types.length === 0 ? UNKNOWN : unionOf(types);
}

function iterationFact(coll: SyntaxNode, f: FunctionInfo, project: Project, opts: TypeQueryOptions): TypeFact {
  if (coll.type === 'range_expression') {
    const [a, b] = coll.namedChildren;
    const ta = a ? typeOfExpression(a, f, project, opts) : UNKNOWN;
    const tb = b ? typeOfExpression(b, f, project, opts) : UNKNOWN;
    return ta.kind === 'concrete' && tb.kind === 'concrete' && ta.text === tb.text ? ta : UNKNOWN;
  }
  if (coll.type === 'call_expression' && /^(eachindex|axes|keys)$/.test(calleeName(coll) ?? '')) {
    const t = typeOfExpression(callArguments(coll).positional[0] ?? coll, f, project, opts);
    return t.kind === 'concrete' && /^(Vector|Array|Matrix|String)\b/.test(t.text) ? concrete('Int') : UNKNOWN;
  }
  return elementFact(typeOfExpression(coll, f, project, opts));
}

/** Narrowing from the branches `at` sits in: `if x isa T`, `x === nothing`, ternaries and `&&`/`||`. */
function narrowAt(name: string, at: SyntaxNode, owner: FunctionInfo | null, project: Project, opts: TypeQueryOptions): TypeFact | null {
  let child: SyntaxNode = at;
  for (let p = at.parent; p; child = p, p = p.parent) {
    if (owner && p === owner.node) break;
    let cond: SyntaxNode | null = null;
    let positive = true;
    if ((p.type === 'if_statement' || p.type === 'elseif_clause') && child !== p.childByField('condition') && child.type !== 'elseif_clause' && child.type !== 'else_clause') {
      cond = p.childByField('condition') ?? p.namedChild(0);
      if (child === cond) cond = null;
    } else if (p.type === 'else_clause' || (p.type === 'elseif_clause' && child === p.childByField('condition'))) {
      // In an else (or a later elseif's condition), the preceding condition was false.
      const ifNode = p.parent;
      const prev = p.previousNamedSibling;
      const prevCond = prev?.type === 'elseif_clause' ? (prev.childByField('condition') ?? prev.namedChild(0)) : ifNode?.type === 'if_statement' ? (ifNode.childByField('condition') ?? ifNode.namedChild(0)) : null;
      if (prevCond) {
        const r = implied(name, prevCond, false, owner, project, opts);
        if (r) return r;
      }
    } else if (p.type === 'ternary_expression') {
      const [c, a, b] = p.namedChildren;
      if (child === a) cond = c;
      else if (child === b) {
        cond = c;
        positive = false;
      }
    } else if (p.type === 'binary_expression') {
      const op = p.namedChildren.find((c) => c.type === 'operator')?.text;
      const [l, , r] = p.namedChildren;
      if (child === r && op === '&&') cond = l;
      else if (child === r && op === '||') {
        cond = l;
        positive = false;
      }
    }
    if (cond) {
      const r = implied(name, cond, positive, owner, project, opts);
      if (r) return r;
    }
  }
  return null;
}

/** What `cond` being `truth` says about `name`'s type. */
function implied(name: string, cond: SyntaxNode, truth: boolean, owner: FunctionInfo | null, project: Project, opts: TypeQueryOptions, budget = 16): TypeFact | null {
  if (budget <= 0) return null;
  const isName = (n: SyntaxNode | undefined | null) => !!n && n.type === 'identifier' && n.text === name;
  if (cond.type === 'parenthesized_expression' && cond.namedChildCount === 1) return implied(name, cond.namedChild(0)!, truth, owner, project, opts, budget - 1);
  if (cond.type === 'unary_expression' && cond.children[0]?.text === '!') {
    const inner = cond.namedChildren[cond.namedChildCount - 1];
    return inner ? implied(name, inner, !truth, owner, project, opts, budget - 1) : null;
  }
  if (cond.type === 'binary_expression') {
    const op = cond.namedChildren.find((c) => c.type === 'operator')?.text;
    const [l, , r] = cond.namedChildren;
    if (op === '&&' && truth) return implied(name, l, true, owner, project, opts, budget - 1) ?? implied(name, r, true, owner, project, opts, budget - 1);
    if (op === '||' && !truth) return implied(name, l, false, owner, project, opts, budget - 1) ?? implied(name, r, false, owner, project, opts, budget - 1);
    if (op === 'isa' && isName(l) && r && truth) return factFromTypeNode(r, scopeFor(owner, project));
    if ((op === '===' || op === '==' || op === '!==' || op === '!=') && ((isName(l) && r?.text === 'nothing') || (isName(r) && l?.text === 'nothing'))) {
      const equal = op === '===' || op === '==';
      if (equal === truth) return concrete('Nothing');
      return withoutNothing(owner ? declaredLocalType(name, owner, project, opts) : UNKNOWN);
    }
  }
  if (cond.type === 'call_expression' && calleeName(cond) === 'isnothing' && isName(callArguments(cond).positional[0])) {
    if (truth) return concrete('Nothing');
    return withoutNothing(owner ? declaredLocalType(name, owner, project, opts) : UNKNOWN);
  }
  if (cond.type === 'call_expression' && calleeName(cond) === 'isa' && isName(callArguments(cond).positional[0]) && truth) {
    const t = callArguments(cond).positional[1];
    return t ? factFromTypeNode(t, scopeFor(owner, project)) : null;
  }
  return null;
}

/** `x === nothing && return` or `if isnothing(x) return end` earlier in the same block removes Nothing. */
function withFlowNarrowing(name: string, at: SyntaxNode, owner: FunctionInfo | null, t: TypeFact): TypeFact {
  if (t.kind !== 'union' || !owner) return t;
  for (let stmt: SyntaxNode | null = at; stmt && stmt !== owner.node; stmt = stmt.parent) {
    for (let prev = stmt.previousNamedSibling; prev; prev = prev.previousNamedSibling) {
      if (exitsWhenNothing(name, prev)) return withoutNothing(t);
    }
  }
  return t;
}

function exitsWhenNothing(name: string, stmt: SyntaxNode): boolean {
  const isNothingTest = (c: SyntaxNode | null | undefined): boolean => {
    if (!c) return false;
    if (c.type === 'call_expression' && calleeName(c) === 'isnothing') return callArguments(c).positional[0]?.text === name;
    if (c.type === 'binary_expression') {
      const op = c.namedChildren.find((x) => x.type === 'operator')?.text;
      const [l, , r] = c.namedChildren;
      return (op === '===' || op === '==') && ((l?.text === name && r?.text === 'nothing') || (r?.text === name && l?.text === 'nothing'));
    }
    return false;
  };
  const exits = (n: SyntaxNode | null | undefined): boolean =>
    !!n && (n.type === 'return_statement' || n.type === 'break_statement' || n.type === 'continue_statement' || (n.type === 'call_expression' && /^(error|throw)$/.test(calleeName(n) ?? '')));
  if (stmt.type === 'binary_expression') {
    const op = stmt.namedChildren.find((x) => x.type === 'operator')?.text;
    const [l, , r] = stmt.namedChildren;
    return op === '&&' && isNothingTest(l) && exits(r);
  }
  if (stmt.type === 'if_statement') {
    const cond = stmt.childByField('condition') ?? stmt.namedChild(0);
    const body = stmt.namedChildren.filter((c) => c !== cond && c.type !== 'elseif_clause' && c.type !== 'else_clause');
    return isNothingTest(cond) && body.length > 0 && exits(body[body.length - 1]);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Whole-function queries for rules.

/** Locals assigned values of different known types on different paths (a Union or worse at each use). */
export function variableTypeConflicts(owner: FunctionInfo, project: Project): Array<{ name: string; types: TypeFact[]; assignments: SyntaxNode[] }> {
  const out: Array<{ name: string; types: TypeFact[]; assignments: SyntaxNode[] }> = [];
  for (const [name, b] of localBindings(owner)) {
    if (b.declared || b.caught || b.values.length < 2) continue;
    const types = b.values.map((v) => typeOfExpression(v, owner, project, { shallow: true }));
    if (types.some((t) => t.kind === 'unknown')) continue;
    const distinct = new Map(types.map((t) => [factKey(t), t]));
    if (distinct.size > 1) out.push({ name, types: [...distinct.values()], assignments: b.values.map((v) => v.parent ?? v) });
  }
  return out;
}

export interface BoxedCapture {
  name: string;
  /** The function whose local is captured. */
  outer: FunctionInfo;
  /** The closure (lambda, do-block or inner function) capturing it. */
  closure: FunctionInfo;
  /** Assignments to the variable (outer and inner). */
  assignments: SyntaxNode[];
}

/**
 * Captured variables Julia must box (`Core.Box`): a closure uses a local of an enclosing function
 * that is assigned inside the closure, or assigned more than once in the enclosing function.
 */
export function boxedCaptures(unit: FunctionInfo, functions: readonly FunctionInfo[]): BoxedCapture[] {
  const out: BoxedCapture[] = [];
  const closures = functions.filter((f) => f.unit === unit && f.parent);
  for (const closure of closures) {
    const outer = closure.parent!;
    const outerLocals = localNames(outer);
    const own = new Set(closure.params.map((p) => p.name).filter((n): n is string => !!n));
    const used = new Set<string>();
    const assignedInside = new Map<string, SyntaxNode[]>();
    const stack = [...closure.body];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'identifier') used.add(n.text);
      if (n.type === 'assignment' || n.type === 'compound_assignment_expression') {
        const lhs = n.namedChild(0);
        if (lhs?.type === 'identifier') assignedInside.set(lhs.text, [...(assignedInside.get(lhs.text) ?? []), n]);
      }
      for (const c of n.children) stack.push(c);
    }
    for (const name of used) {
      if (own.has(name) || !outerLocals.has(name)) continue;
      if (outer.params.some((p) => p.name === name) && !assignedInside.has(name) && countAssignments(outer, name) === 0) continue;
      const outerAssigns = assignmentsOf(outer, name);
      const inner = assignedInside.get(name) ?? [];
      // `local x` inside the closure makes it a new variable.
      if (inner.length > 0 && localNames(closure).has(name) && !outerAssigns.length) continue;
      const total = outerAssigns.length + inner.length + (outer.params.some((p) => p.name === name) ? 1 : 0);
      if (inner.length > 0 || total > 1) out.push({ name, outer, closure, assignments: [...outerAssigns, ...inner] });
    }
  }
  return out;
}

function assignmentsOf(f: FunctionInfo, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [...f.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'arrow_function_expression' || n.type === 'do_clause' || n.type === 'function_definition') continue;
    if (n.type === 'assignment' || n.type === 'compound_assignment_expression') {
      const lhs = n.namedChild(0);
      if ((lhs?.type === 'identifier' && lhs.text === name) || (lhs?.type === 'typed_expression' && lhs.namedChild(0)?.text === name)) out.push(n);
    } else if (n.type === 'for_binding' && n.namedChild(0)?.text === name) {
      out.push(n);
    }
    for (const c of n.children) stack.push(c);
  }
  return out;
}

function countAssignments(f: FunctionInfo, name: string): number {
  return assignmentsOf(f, name).length;
}

/**
 * True when a `Val(n)` or `ntuple(f, n)` call takes its size from a run-time value: the result's
 * type is then only known at run time and every call on it is dynamic.
 */
export function isRuntimeSized(call: SyntaxNode, owner: FunctionInfo | null, project: Project): boolean {
  if (call.type !== 'call_expression') return false;
  const name = calleeName(call);
  const args = callArguments(call).positional;
  if (name === 'Val' || name === 'Base.Val') return !!args[0] && !isCompileTimeConstant(args[0], owner, project);
  if (name === 'ntuple' || name === 'Base.ntuple') return !!args[1] && !isCompileTimeConstant(args[1], owner, project);
  return false;
}

/** Literals, `const` globals bound to literals, static parameters (`where N`), `Val{N}` type names. */
export function isCompileTimeConstant(n: SyntaxNode, owner: FunctionInfo | null, project: Project, budget = 16): boolean {
  if (budget <= 0) return false;
  if (literalType(n)) return true;
  if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) return isCompileTimeConstant(n.namedChild(0)!, owner, project, budget - 1);
  if (n.type === 'binary_expression') {
    const [l, , r] = n.namedChildren;
    return !!l && !!r && isCompileTimeConstant(l, owner, project, budget - 1) && isCompileTimeConstant(r, owner, project, budget - 1);
  }
  if (n.type === 'identifier') {
    for (let f = owner; f; f = f.parent) if (f.whereNames.includes(n.text)) return true;
    if (owner && isLocalName(n.text, owner)) {
      // A local bound once to a constant.
      const b = localBindings(owner).get(n.text);
      return !!b && b.values.length === 1 && b.opaque === 0 && b.iterates.length === 0 && isCompileTimeConstant(b.values[0], owner, project, budget - 1);
    }
    const view = project.view();
    const mod = owner ? view.moduleOf(owner.module) : view.main;
    const g = mod.globals.find((x) => x.name === n.text);
    return !!g && g.kind === 'const' && !!g.valueNode && !!literalType(g.valueNode);
  }
  if (n.type === 'call_expression' && calleeName(n) === 'length') {
    const arg = callArguments(n).positional[0];
    return !!arg && tupleLength(arg, owner, project) !== null;
  }
  return false;
}

/** The length of a tuple value when its type fixes it; null otherwise (vectors, unknown values). */
export function tupleLength(n: SyntaxNode, owner: FunctionInfo | null, project: Project): number | null {
  if (n.type === 'tuple_expression') {
    if (n.namedChildren.some((c) => c.type === 'splat_expression')) return null;
    return n.namedChildCount;
  }
  const t = typeOfExpression(n, owner, project);
  if (t.kind !== 'concrete') {
    // A parameter annotated `NTuple{3,Int}` or `Tuple{A,B}` is judged through its annotation.
    return null;
  }
  const head = typeHead(t.text);
  const ps = typeParams(t.text);
  if (head === 'Tuple' && ps.length > 0 && !ps.some((p) => p.startsWith('Vararg'))) return ps.length;
  if (head === 'NTuple' && ps[0] && /^\d+$/.test(ps[0])) return Number(ps[0]);
  return null;
}

/** A local or parameter's IO-ness by its declared type, for print rules: `concrete-io`, `abstract-io` or null. */
export function ioKindOfParam(name: string, owner: FunctionInfo): 'concrete-io' | 'abstract-io' | null {
  const p = findParam(name, owner);
  return p ? ioTypeKind(p.typeNode) : null;
}

// ---------------------------------------------------------------------------------------------
// Containers: a concrete container may hold elements of an abstract type.

const CONTAINER_HEADS = /^(Base\.)?(Vector|Array|Matrix|Dict|IdDict|Set|Memory|OrderedDict)$/;

/**
 * True for a container whose own type is concrete whatever its parameters are: `Vector{Any}`,
 * `Dict{String,Any}`, `Set{Real}`. Its fact may be `abstract` (a parameter is), yet the container
 * itself dispatches statically; only its elements are abstract.
 */
export function isConcreteContainerFact(f: TypeFact): f is Extract<TypeFact, { kind: 'concrete' | 'abstract' }> {
  if (f.kind !== 'concrete' && f.kind !== 'abstract') return false;
  if (f.kind === 'concrete' && f.typeVar) return false;
  return CONTAINER_HEADS.test(typeHead(f.text)) && typeParams(f.text).length > 0;
}

/** The element type of a concrete container (a Dict's value type), `unknown` for anything else. */
export function elementTypeOf(f: TypeFact): TypeFact {
  return isConcreteContainerFact(f) ? elementFact(f) : UNKNOWN;
}

/**
 * The type of a name bound by a destructuring loop, `for (k, v) in coll`: key and value of a
 * `Dict`, index and element of `enumerate(xs)`. `unknown` when the name is bound anywhere else in
 * the function or the collection's type is not seen.
 */
export function destructuredLoopType(id: SyntaxNode, owner: FunctionInfo, project: Project): TypeFact {
  const b = localBindings(owner).get(id.text);
  if (!b || b.opaque !== 1 || b.values.length > 0 || b.iterates.length > 0 || b.declared || b.caught) return UNKNOWN;
  for (let p = id.parent; p && p !== owner.node; p = p.parent) {
    if (p.type !== 'for_statement') continue;
    for (const binding of p.namedChildren) {
      if (binding.type !== 'for_binding') continue;
      const target = binding.namedChild(0);
      const coll = binding.namedChildren[binding.namedChildCount - 1];
      if (!target || !coll || target.type !== 'tuple_expression' || target.namedChildCount !== 2) continue;
      const at = target.namedChildren.findIndex((c) => c.type === 'identifier' && c.text === id.text);
      if (at < 0) continue;
      if (coll.type === 'call_expression' && /^(Base\.)?enumerate$/.test(calleeName(coll) ?? '')) {
        const inner = callArguments(coll).positional[0];
        if (!inner || callArguments(coll).positional.length !== 1) return UNKNOWN;
        const it = typeOfExpression(inner, owner, project);
        if (it.kind !== 'concrete' && it.kind !== 'abstract') return UNKNOWN;
        if (!/^(Base\.)?(Vector|Array|Matrix|Set|Memory)$/.test(typeHead(it.text))) return UNKNOWN;
        return at === 0 ? concrete('Int') : elementTypeOf(it);
      }
      const source = coll.type === 'call_expression' && /^(Base\.)?pairs$/.test(calleeName(coll) ?? '') ? callArguments(coll).positional[0] : coll;
      const t = source ? typeOfExpression(source, owner, project) : UNKNOWN;
      if (!isConcreteContainerFact(t) || !/^(Base\.)?(Dict|IdDict|OrderedDict)$/.test(typeHead(t.kind === 'concrete' || t.kind === 'abstract' ? t.text : ''))) return UNKNOWN;
      const ps = typeParams((t as { text: string }).text);
      return ps.length === 2 ? factFromTypeText(ps[at], scopeFor(owner, project)) : UNKNOWN;
    }
  }
  return UNKNOWN;
}
