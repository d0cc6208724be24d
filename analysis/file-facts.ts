// Per-file facts, computed from one file's tree alone: modules, functions in all their forms,
// structs, globals, includes, imports and entrypoints. The project view combines these, so an
// editor can recompute one file without redoing the rest.

import { SyntaxNode, SyntaxTree, walk } from '../grammar-bindings';
import {
  assignmentParts,
  callArguments,
  calleeName,
  dottedName,
  macroCall,
  splitArguments,
} from './julia-syntax';

export interface ModuleInfo {
  /** Module name; null for the file's own top level (whatever module includes the file). */
  name: string | null;
  node: SyntaxNode | null;
  parent: ModuleInfo | null;
}

export interface ParamInfo {
  name: string | null;
  node: SyntaxNode;
  nameNode: SyntaxNode | null;
  typeNode: SyntaxNode | null;
  vararg: boolean;
  keyword: boolean;
  defaultValue: SyntaxNode | null;
  /** Wrapped in `@nospecialize`. */
  nospecialize: boolean;
}

export type FunctionKind = 'function' | 'short' | 'lambda' | 'do' | 'macro';

export type EntryKind = 'main' | 'ccallable' | 'entrypoint' | 'init' | 'config';

export interface EntryInfo {
  kind: EntryKind;
  /** C name given to `@ccallable "name"`. */
  cName?: string | null;
  /** Return type given as a macro argument: `Base.@ccallable Int32 function f(...)`. */
  macroReturnType?: SyntaxNode | null;
  /** The `@ccallable`/`@main` macro call or `entrypoint(...)` call node. */
  marker?: SyntaxNode;
}

export interface FunctionInfo {
  id: number;
  /** Name as written (`main`, `Base.show`), null for lambdas and computed names. */
  name: string | null;
  kind: FunctionKind;
  /** The defining node: function_definition, assignment, arrow_function_expression, do_clause, macro_definition. */
  node: SyntaxNode;
  nameNode: SyntaxNode | null;
  params: ParamInfo[];
  whereNames: string[];
  returnType: SyntaxNode | null;
  body: SyntaxNode[];
  parent: FunctionInfo | null;
  /** The outermost function this one belongs to (itself when not nested). */
  unit: FunctionInfo;
  module: ModuleInfo;
  entry: EntryInfo | null;
  /** For functors `(s::T)(x) = ...`, the type T. */
  callableType: string | null;
  /** Top-level lambdas and do-blocks run at build time; macro bodies run at expansion time. */
  buildTime: boolean;
}

export interface FieldInfo {
  name: string;
  node: SyntaxNode;
  nameNode: SyntaxNode;
  typeNode: SyntaxNode | null;
}

export interface StructInfo {
  name: string;
  node: SyntaxNode;
  nameNode: SyntaxNode;
  typeHead: SyntaxNode;
  mutable: boolean;
  typeParams: string[];
  /** The `{...}` node of `S{T}` when present. */
  typeParamsNode: SyntaxNode | null;
  supertype: string | null;
  fields: FieldInfo[];
  hasInnerConstructor: boolean;
  module: ModuleInfo;
}

export type GlobalKind = 'const' | 'typed' | 'untyped';

export interface GlobalInfo {
  name: string;
  kind: GlobalKind;
  /** The statement to edit when fixing the declaration (assignment, const_statement, global_statement). */
  statement: SyntaxNode;
  nameNode: SyntaxNode;
  typeNode: SyntaxNode | null;
  valueNode: SyntaxNode | null;
  module: ModuleInfo;
}

export interface IncludeInfo {
  node: SyntaxNode;
  /** The literal path as written (joined for joinpath(@__DIR__, ...)); null when computed. */
  path: string | null;
  module: ModuleInfo;
}

export interface ImportInfo {
  node: SyntaxNode;
  kind: 'using' | 'import';
  module: ModuleInfo;
  /** Top-level package or module paths named (`LinearAlgebra`, `.Sub`, `..X`). */
  targets: string[];
  /** Names brought in by `using A: a, b` / `import A: a`. */
  names: string[];
}

export interface EntrypointCall {
  node: SyntaxNode;
  target: string | null;
  argTypes: SyntaxNode | null;
  module: ModuleInfo;
}

export interface ExportInfo {
  node: SyntaxNode;
  module: ModuleInfo;
  names: string[];
  /** `public` names are part of the API but not brought in by `using`. */
  isPublic: boolean;
}

export interface FileFacts {
  path: string;
  tree: SyntaxTree;
  topModule: ModuleInfo;
  modules: ModuleInfo[];
  functions: FunctionInfo[];
  structs: StructInfo[];
  abstractTypes: Array<{ name: string; node: SyntaxNode; module: ModuleInfo }>;
  globals: GlobalInfo[];
  includes: IncludeInfo[];
  imports: ImportInfo[];
  entrypointCalls: EntrypointCall[];
  /** `export a, b` (and `public a`) statements at module level. */
  exports: ExportInfo[];
  /** Defining node to function. */
  functionByNode: Map<SyntaxNode, FunctionInfo>;
}

/**
 * `function f(x) ... ` without its `end` (code being typed) parses as an ERROR node that starts with
 * the `function` keyword and a signature: read it as the function it is meant to be.
 */
function isUnfinishedFunction(node: SyntaxNode): boolean {
  return node.type === 'ERROR' && node.children[0]?.type === 'function' && node.children[1]?.type === 'signature';
}

const FUNCTION_NODE_TYPES = new Set(['function_definition', 'assignment', 'arrow_function_expression', 'do_clause', 'macro_definition']);

export function computeFileFacts(path: string, tree: SyntaxTree): FileFacts {
  const topModule: ModuleInfo = { name: null, node: null, parent: null };
  const facts: FileFacts = {
    path,
    tree,
    topModule,
    modules: [topModule],
    functions: [],
    structs: [],
    abstractTypes: [],
    globals: [],
    includes: [],
    imports: [],
    entrypointCalls: [],
    exports: [],
    functionByNode: new Map(),
  };
  const moduleByNode = new Map<SyntaxNode, ModuleInfo>();
  const moduleOf = (n: SyntaxNode): ModuleInfo => {
    for (let p = n.parent; p; p = p.parent) {
      const m = moduleByNode.get(p);
      if (m) return m;
    }
    return topModule;
  };
  const functionOf = (n: SyntaxNode): FunctionInfo | null => {
    for (let p = n.parent; p; p = p.parent) {
      const f = facts.functionByNode.get(p);
      if (f) return f;
    }
    return null;
  };

  // Pre-order walk: parents are registered before their children.
  walk(tree.root, (node) => {
    if (node.type === 'module_definition') {
      const nameNode = node.childByField('name');
      const m: ModuleInfo = { name: nameNode?.text ?? null, node, parent: moduleOf(node) };
      moduleByNode.set(node, m);
      facts.modules.push(m);
      return;
    }
    if (node.type === 'quote_statement' || (node.type === 'quote_expression' && node.namedChild(0)?.type !== 'identifier')) {
      return false; // code as data
    }
    if (FUNCTION_NODE_TYPES.has(node.type) || isUnfinishedFunction(node)) {
      const info = readFunction(node, facts.functions.length, functionOf(node), moduleOf(node));
      if (info) {
        facts.functions.push(info);
        facts.functionByNode.set(node, info);
      }
      return;
    }
    if (node.type === 'struct_definition') {
      const s = readStruct(node, moduleOf(node));
      if (s) facts.structs.push(s);
      return;
    }
    if (node.type === 'abstract_definition') {
      const head = node.children.find((c) => c.type === 'type_head');
      const nameNode = head ? typeHeadName(head) : null;
      if (nameNode) facts.abstractTypes.push({ name: nameNode.text, node, module: moduleOf(node) });
      return;
    }
  });

  // Module-level statements: globals, includes, imports, entrypoint calls.
  for (const m of facts.modules) {
    const container = m.node ?? tree.root;
    for (const stmt of moduleStatements(container)) readTopLevelStatement(stmt, m, facts);
  }

  for (const f of facts.functions) markEntry(f, tree.source);
  return facts;
}

const TRANSPARENT_MACROS = new Set(['static', 'eval', 'doc', 'inline', 'noinline', 'kwdef', 'ccallable', 'generated', 'assume_effects', 'constprop', 'nospecialize', 'specialize', 'public', 'enum', 'main']);

/** Statements executed in a module's scope, looking through begin/if/@static blocks and macros. */
export function moduleStatements(container: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [...container.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!n.named) continue;
    if (container.type === 'module_definition' && n === container.childByField('name')) continue;
    switch (n.type) {
      case 'compound_statement':
      case 'if_statement':
      case 'elseif_clause':
      case 'else_clause':
      case 'ERROR':
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
        if (n.type === 'ERROR') out.push(n);
        break;
      case 'macrocall_expression': {
        out.push(n);
        const mc = macroCall(n);
        // Only macros that leave their argument's top-level meaning intact; others (`@deprecate`,
        // `@testset`, workload macros) build their own scopes.
        if (mc && !mc.parenthesized && TRANSPARENT_MACROS.has(mc.name)) for (let i = mc.args.length - 1; i >= 0; i--) stack.push(mc.args[i]);
        break;
      }
      default:
        out.push(n);
    }
  }
  return out;
}

function readTopLevelStatement(stmt: SyntaxNode, module: ModuleInfo, facts: FileFacts): void {
  switch (stmt.type) {
    case 'const_statement':
    case 'global_statement': {
      const kind = stmt.type === 'const_statement' ? 'const' : undefined;
      for (const inner of stmt.namedChildren) {
        if (inner.type === 'assignment') readGlobalAssignment(inner, stmt, module, facts, kind);
        else if (inner.type === 'const_statement') readTopLevelStatement(inner, module, facts);
      }
      return;
    }
    case 'assignment':
      readGlobalAssignment(stmt, stmt, module, facts, undefined);
      return;
    case 'call_expression': {
      const name = calleeName(stmt);
      if (name === 'include') {
        const arg = callArguments(stmt).positional[0];
        facts.includes.push({ node: stmt, path: arg ? includePath(arg) : null, module });
      } else if (name === 'Base.Experimental.entrypoint' || name === 'Experimental.entrypoint' || name === 'entrypoint') {
        const args = callArguments(stmt).positional;
        facts.entrypointCalls.push({ node: stmt, target: args[0] ? dottedName(args[0]) : null, argTypes: args[1] ?? null, module });
      }
      return;
    }
    case 'using_statement':
    case 'import_statement':
      facts.imports.push(readImport(stmt, module));
      return;
    case 'export_statement':
    case 'public_statement':
      facts.exports.push({
        node: stmt,
        module,
        names: stmt.namedChildren.filter((c) => c.type === 'identifier' || c.type === 'macro_identifier').map((c) => c.text),
        isPublic: stmt.type === 'public_statement',
      });
      return;
  }
}

function readGlobalAssignment(
  assign: SyntaxNode,
  statement: SyntaxNode,
  module: ModuleInfo,
  facts: FileFacts,
  forced: GlobalKind | undefined,
): void {
  const parts = assignmentParts(assign);
  if (!parts || parts.op !== '=') return;
  const { lhs, rhs } = parts;
  const add = (nameNode: SyntaxNode, typeNode: SyntaxNode | null, value: SyntaxNode | null) => {
    facts.globals.push({
      name: nameNode.text,
      kind: forced ?? (typeNode ? 'typed' : 'untyped'),
      statement,
      nameNode,
      typeNode,
      valueNode: value,
      module,
    });
  };
  if (lhs.type === 'identifier') {
    add(lhs, null, rhs);
    // `x = y = 1` declares both.
    if (rhs && rhs.type === 'assignment') readGlobalAssignment(rhs, statement, module, facts, forced);
  } else if (lhs.type === 'typed_expression' && lhs.namedChild(0)?.type === 'identifier') {
    add(lhs.namedChild(0)!, lhs.namedChild(1), rhs);
  } else if (lhs.type === 'open_tuple' || lhs.type === 'tuple_expression') {
    for (const el of lhs.namedChildren) {
      if (el.type === 'identifier') add(el, null, null);
      else if (el.type === 'typed_expression' && el.namedChild(0)?.type === 'identifier') add(el.namedChild(0)!, el.namedChild(1), null);
    }
  }
}

function includePath(arg: SyntaxNode): string | null {
  if (arg.type === 'string_literal' && !arg.children.some((c) => c.type === 'string_interpolation')) {
    return stringValue(arg);
  }
  if (arg.type === 'call_expression' && calleeName(arg) === 'joinpath') {
    const parts = callArguments(arg).positional;
    if (parts.length === 0) return null;
    const first = parts[0];
    const segs: string[] = [];
    const startAt = first.type === 'macrocall_expression' && macroCall(first)?.name === '__DIR__' ? 1 : 0;
    for (const p of parts.slice(startAt)) {
      if (p.type !== 'string_literal' || p.children.some((c) => c.type === 'string_interpolation')) return null;
      segs.push(stringValue(p));
    }
    return segs.join('/');
  }
  return null;
}

/** The content of a plain string literal without its quotes (escapes left as written). */
export function stringValue(lit: SyntaxNode): string {
  const t = lit.text;
  if (t.startsWith('"""')) return t.slice(3, -3);
  return t.slice(1, -1);
}

function readImport(stmt: SyntaxNode, module: ModuleInfo): ImportInfo {
  const kind = stmt.type === 'using_statement' ? 'using' : 'import';
  const targets: string[] = [];
  const names: string[] = [];
  for (const c of stmt.namedChildren) {
    if (c.type === 'selected_import') {
      const [head, ...rest] = c.namedChildren;
      if (head) targets.push(head.text.replace(/\s+/g, ''));
      for (const r of rest) names.push(r.type === 'import_alias' ? (r.namedChild(1)?.text ?? r.text) : r.text);
    } else if (c.type === 'import_alias') {
      targets.push(c.namedChild(0)?.text ?? c.text);
    } else {
      targets.push(c.text.replace(/\s+/g, ''));
    }
  }
  return { node: stmt, kind, module, targets, names };
}

function typeHeadName(head: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = head.namedChild(0);
  while (n && n.type !== 'identifier') {
    if (n.type === 'binary_expression' || n.type === 'parametrized_type_expression') n = n.namedChild(0);
    else return null;
  }
  return n;
}

function readStruct(node: SyntaxNode, module: ModuleInfo): StructInfo | null {
  const typeHead = node.children.find((c) => c.type === 'type_head');
  if (!typeHead) return null;
  const nameNode = typeHeadName(typeHead);
  if (!nameNode) return null;
  let supertype: string | null = null;
  let typeParams: string[] = [];
  let typeParamsNode: SyntaxNode | null = null;
  let head = typeHead.namedChild(0);
  if (head?.type === 'binary_expression') {
    supertype = head.namedChild(2)?.text ?? null;
    head = head.namedChild(0);
  }
  if (head?.type === 'parametrized_type_expression') {
    typeParamsNode = head.namedChild(1);
    typeParams = (typeParamsNode?.namedChildren ?? []).map((p) => typeVarName(p)).filter((x): x is string => !!x);
  }
  const fields: FieldInfo[] = [];
  let hasInnerConstructor = false;
  for (const c of node.namedChildren) {
    if (c === typeHead) continue;
    const field = readField(c);
    if (field) fields.push(field);
    else if (c.type === 'function_definition' || (c.type === 'assignment' && assignmentParts(c)?.lhs.type !== 'identifier' && !isTypedIdent(assignmentParts(c)?.lhs))) {
      hasInnerConstructor = true;
    }
  }
  return {
    name: nameNode.text,
    node,
    nameNode,
    typeHead,
    mutable: node.children[0]?.type === 'mutable',
    typeParams,
    typeParamsNode,
    supertype,
    fields,
    hasInnerConstructor,
    module,
  };
}

function isTypedIdent(n: SyntaxNode | undefined): boolean {
  return !!n && n.type === 'typed_expression' && n.namedChild(0)?.type === 'identifier';
}

function readField(c: SyntaxNode): FieldInfo | null {
  if (c.type === 'identifier') return { name: c.text, node: c, nameNode: c, typeNode: null };
  if (isTypedIdent(c)) return { name: c.namedChild(0)!.text, node: c, nameNode: c.namedChild(0)!, typeNode: c.namedChild(1) };
  if (c.type === 'assignment') {
    // @kwdef default: `a::Int = 1` or `a = 1`.
    const parts = assignmentParts(c);
    if (parts?.lhs.type === 'identifier') return { name: parts.lhs.text, node: parts.lhs, nameNode: parts.lhs, typeNode: null };
    if (parts && isTypedIdent(parts.lhs)) {
      return { name: parts.lhs.namedChild(0)!.text, node: parts.lhs, nameNode: parts.lhs.namedChild(0)!, typeNode: parts.lhs.namedChild(1) };
    }
    return null;
  }
  if (c.type === 'macrocall_expression') {
    // `@atomic x::Int`
    const mc = macroCall(c);
    if (mc && mc.args.length === 1) return readField(mc.args[0]);
  }
  return null;
}

export function typeVarName(p: SyntaxNode): string | null {
  if (p.type === 'identifier') return p.text;
  if (p.type === 'binary_expression') return p.namedChild(0)?.type === 'identifier' ? p.namedChild(0)!.text : null;
  return null;
}

function readFunction(node: SyntaxNode, id: number, parent: FunctionInfo | null, module: ModuleInfo): FunctionInfo | null {
  let kind: FunctionKind;
  let sig: SyntaxNode | null = null;
  let body: SyntaxNode[] = [];
  let params: ParamInfo[] = [];
  switch (node.type) {
    case 'ERROR':
    case 'function_definition':
    case 'macro_definition': {
      kind = node.type === 'macro_definition' ? 'macro' : 'function';
      const signature = node.children.find((c) => c.type === 'signature');
      sig = signature?.namedChild(0) ?? null;
      if (sig?.type === 'identifier') return null; // `function f end` declares a name, no method
      body = node.namedChildren.filter((c) => c !== signature);
      break;
    }
    case 'assignment': {
      const parts = assignmentParts(node);
      if (!parts || parts.op !== '=' || !isCallSignature(parts.lhs)) return null;
      kind = 'short';
      sig = parts.lhs;
      body = parts.rhs ? [parts.rhs] : [];
      break;
    }
    case 'arrow_function_expression': {
      kind = 'lambda';
      const [p, b] = node.namedChildren;
      params = p ? lambdaParams(p) : [];
      body = b ? [b] : [];
      break;
    }
    case 'do_clause': {
      kind = 'do';
      const list = node.children.find((c) => c.type === 'argument_list');
      params = list ? readParams(list) : [];
      body = node.namedChildren.filter((c) => c !== list);
      break;
    }
    default:
      return null;
  }

  let name: string | null = null;
  let nameNode: SyntaxNode | null = null;
  let whereNames: string[] = [];
  let returnType: SyntaxNode | null = null;
  let callableType: string | null = null;
  let isMain = false;
  if (sig) {
    const s = unwrapSignature(sig);
    whereNames = s.whereNames;
    returnType = s.returnType;
    if (s.call?.type === 'call_expression') {
      const target = s.call.namedChild(0);
      const list = s.call.children.find((c) => c.type === 'argument_list') ?? null;
      params = list ? readParams(list) : [];
      if (target) {
        if (target.type === 'parenthesized_expression' && target.namedChild(0)?.type === 'macrocall_expression') {
          isMain = macroCall(target.namedChild(0)!)?.name === 'main';
          name = isMain ? 'main' : null;
          nameNode = target;
        } else if (target.type === 'parenthesized_expression' && target.namedChild(0)?.type === 'typed_expression') {
          callableType = target.namedChild(0)!.namedChild(1)?.text ?? null;
          nameNode = target;
        } else {
          name = dottedName(target);
          nameNode = target;
        }
      }
    } else if (s.call?.type === 'argument_list') {
      params = readParams(s.call);
    } else if (s.call?.type === 'macrocall_expression') {
      // `function @main(args)` when not repaired.
      const mc = macroCall(s.call);
      if (mc?.name === 'main') {
        isMain = true;
        name = 'main';
        nameNode = s.call;
        params = mc.argList ? readParams(mc.argList) : [];
      }
    }
  }
  if (kind === 'lambda' || kind === 'do') {
    // A top-level lambda bound by `const f = x -> ...` is callable by that name.
    const holder = node.parent;
    if (!parent && holder?.type === 'assignment') {
      const parts = assignmentParts(holder);
      if (parts?.rhs === node && parts.lhs.type === 'identifier') {
        name = parts.lhs.text;
        nameNode = parts.lhs;
      }
    }
  }
  const info: FunctionInfo = {
    id,
    name,
    kind,
    node,
    nameNode,
    params,
    whereNames,
    returnType,
    body,
    parent,
    unit: null as unknown as FunctionInfo,
    module,
    entry: isMain ? { kind: 'main' } : null,
    callableType,
    buildTime: false,
  };
  info.unit = parent ? parent.unit : info;
  info.buildTime = kind === 'macro' || (parent ? parent.buildTime : (kind === 'lambda' || kind === 'do') && !name);
  return info;
}

function isCallSignature(lhs: SyntaxNode): boolean {
  const s = unwrapSignature(lhs);
  if (!s.call || s.call.type !== 'call_expression') return false;
  const target = s.call.namedChild(0);
  return !!target && (target.type === 'identifier' || target.type === 'field_expression' || target.type === 'parenthesized_expression');
}

function unwrapSignature(sig: SyntaxNode): { call: SyntaxNode | null; whereNames: string[]; returnType: SyntaxNode | null } {
  const whereNames: string[] = [];
  let returnType: SyntaxNode | null = null;
  let n: SyntaxNode | null = sig;
  for (let guard = 0; n && guard < 8; guard++) {
    if (n.type === 'where_expression') {
      const constraint = n.namedChild(1);
      if (constraint) {
        const vars = constraint.type === 'curly_expression' ? constraint.namedChildren : [constraint];
        for (const v of vars) {
          const nm = typeVarName(v);
          if (nm) whereNames.push(nm);
        }
      }
      n = n.namedChild(0);
    } else if (n.type === 'typed_expression') {
      returnType = n.namedChild(1);
      n = n.namedChild(0);
    } else {
      break;
    }
  }
  return { call: n, whereNames, returnType };
}

function lambdaParams(p: SyntaxNode): ParamInfo[] {
  if (p.type === 'argument_list' || p.type === 'tuple_expression') return readParams(p);
  const one = readParam(p, false);
  return one ? [one] : [];
}

function readParams(list: SyntaxNode): ParamInfo[] {
  const { positional, keywords } = splitArguments(list);
  const out: ParamInfo[] = [];
  for (const p of positional) {
    const r = readParam(p, false);
    if (r) out.push(r);
  }
  for (const p of keywords) {
    const r = readParam(p, true);
    if (r) out.push(r);
  }
  return out;
}

function readParam(p: SyntaxNode, keyword: boolean): ParamInfo | null {
  const base: ParamInfo = {
    name: null,
    node: p,
    nameNode: null,
    typeNode: null,
    vararg: false,
    keyword,
    defaultValue: null,
    nospecialize: false,
  };
  let n: SyntaxNode | null = p;
  if (n.type === 'named_argument') {
    const named = n.namedChildren;
    base.defaultValue = named[named.length - 1] ?? null;
    if (!keyword) base.keyword = false;
    n = named[0] ?? null;
  }
  if (n?.type === 'macrocall_expression') {
    const mc = macroCall(n);
    if (mc && (mc.name === 'nospecialize' || mc.name === 'specialize') && mc.args.length > 0) {
      base.nospecialize = mc.name === 'nospecialize';
      n = mc.args[0];
      if (n.type === 'named_argument' || n.type === 'assignment') {
        const named = n.namedChildren;
        base.defaultValue = named[named.length - 1] ?? null;
        n = named[0] ?? null;
      }
    }
  }
  if (n?.type === 'splat_expression') {
    base.vararg = true;
    n = n.namedChild(0);
  }
  if (!n) return base;
  if (n.type === 'identifier') {
    base.name = n.text;
    base.nameNode = n;
  } else if (n.type === 'typed_expression') {
    const id = n.namedChild(0);
    if (id?.type === 'identifier') {
      base.name = id.text;
      base.nameNode = id;
    }
    base.typeNode = n.namedChild(1);
  } else if (n.type === 'unary_typed_expression') {
    base.typeNode = n.namedChild(0);
  }
  return base;
}

function markEntry(f: FunctionInfo, source: string): void {
  if (f.kind === 'macro' || f.buildTime) return;
  if (!f.entry && f.name === 'main' && f.nameNode && source[f.nameNode.startIndex - 1] === '@') {
    f.entry = { kind: 'main' }; // `function @main(args)`, repaired to `function  main(args)` before parsing
  }
  // Base.@ccallable [RT|"cname"] function ... end
  const holder = f.node.parent;
  if (holder?.type === 'macro_argument_list' && !f.parent) {
    const mc = macroCall(holder.parent!);
    if (mc?.name === 'ccallable') {
      const before = mc.args.filter((a) => a.endIndex <= f.node.startIndex);
      const cNameNode = before.find((a) => a.type === 'string_literal');
      const rt = before.find((a) => a.type !== 'string_literal') ?? null;
      f.entry = { kind: 'ccallable', cName: cNameNode ? stringValue(cNameNode) : null, macroReturnType: rt, marker: holder.parent! };
      return;
    }
  }
  if (!f.entry && f.name && /(^|\.)__init__$/.test(f.name) && !f.parent) f.entry = { kind: 'init' };
}
