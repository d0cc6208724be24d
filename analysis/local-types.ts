// Light, local facts about what a name holds inside one function: enough to tell an IO argument from
// a value to print, and `Base.stdout` from `Core.stdout`. Not a Julia type inference.

import { SyntaxNode } from '../grammar-bindings';
import { ioTypeKind } from './base-types';
import { FunctionInfo, ParamInfo } from './file-facts';
import { assignmentParts, calleeName, dottedName } from './julia-syntax';

export type StdStream = 'stdout' | 'stderr' | 'stdin';

/** `stdout`, `Base.stdout`, `Main.stderr`, ...: the abstractly typed standard streams. */
export function stdStreamRef(node: SyntaxNode, owner: FunctionInfo | null): StdStream | null {
  if (node.type === 'identifier') {
    if (!isStdStreamName(node)) return null;
    const t = node.text as StdStream;
    const parent = node.parent;
    // The member of `Core.stdout` is not a reference of its own.
    if (parent?.type === 'field_expression' && parent.namedChild(0) !== node) return null;
    // `:stdout` is a symbol, and `stdout` in `pipeline(cmd, stdout = devnull)` a keyword name.
    if (parent?.type === 'quote_expression') return null;
    if ((parent?.type === 'named_argument' || parent?.type === 'assignment') && parent.namedChild(0) === node && parent.parent?.type === 'argument_list') return null;
    if (owner && isLocalName(t, owner)) return null;
    return t;
  }
  if (node.type === 'field_expression') {
    // The member is the last named child: most field expressions end elsewhere.
    const kids = node.children;
    let member: SyntaxNode | null = null;
    for (let i = kids.length - 1; i >= 0 && !member; i--) if (kids[i].named) member = kids[i];
    if (!member || member.type !== 'identifier' || !isStdStreamName(member)) return null;
    const name = dottedName(node);
    const m = name ? /^(?:Base|Main)\.(stdout|stderr|stdin)$/.exec(name) : null;
    return m ? (m[1] as StdStream) : null;
  }
  return null;
}

/** `stdout`, `stderr` or `stdin`, read without slicing the text of every other identifier. */
function isStdStreamName(id: SyntaxNode): boolean {
  const length = id.endIndex - id.startIndex;
  if (length !== 5 && length !== 6) return false;
  const t = id.text;
  return t === 'stdout' || t === 'stderr' || t === 'stdin';
}

/** Names that are conventionally IO streams; `println(io)` prints a newline to `io`. */
const IO_NAME = /^(io|out|output|outio|outstream|stream|ostream|istream|buf|buffer|iobuf|iob|fh|fp|file|sink|dest|target|f?io\d*|\w+_io|io_\w+|\w+io)$/i;

export type IoJudgement = 'concrete-io' | 'std-stream' | 'abstract-io' | 'not-io' | 'unknown';

/** Judges whether an argument is an IO stream, and whether a concrete one. */
export function judgeIo(node: SyntaxNode, owner: FunctionInfo | null): IoJudgement {
  return judgeIoVia(node, owner, new Set());
}

/** `seen` holds the names already followed through assignments (`a = b; b = a` must end). */
function judgeIoVia(node: SyntaxNode, owner: FunctionInfo | null, seen: Set<string>): IoJudgement {
  const std = stdStreamRef(node, owner);
  if (std) return 'std-stream';
  const name = dottedName(node);
  if (name === 'Core.stdout' || name === 'Core.stderr' || name === 'devnull' || name === 'Base.devnull') return 'concrete-io';
  switch (node.type) {
    case 'string_literal':
    case 'integer_literal':
    case 'float_literal':
    case 'character_literal':
    case 'boolean_literal':
    case 'binary_expression':
    case 'quote_expression':
    case 'vector_expression':
    case 'tuple_expression':
    case 'comprehension_expression':
    case 'prefixed_string_literal':
      return 'not-io';
    case 'call_expression': {
      const c = calleeName(node);
      if (c === 'IOBuffer' || c === 'open' || c === 'IOContext' || c === 'PipeBuffer' || c === 'Base.BufferStream') return 'concrete-io';
      if (c && /^(string|repr|length|sum|join|uppercase|lowercase|strip|sprint|round|floor|ceil|abs|size|first|last)$/.test(c)) return 'not-io';
      return 'unknown';
    }
    case 'identifier': {
      if (owner) {
        const param = findParam(node.text, owner);
        if (param) {
          const k = ioTypeKind(param.typeNode);
          if (k) return k;
          if (param.typeNode) return 'not-io';
        }
        const assigned = seen.has(node.text) || seen.size > 32 ? null : localAssignedValue(node.text, owner);
        if (assigned) {
          seen.add(node.text);
          const j = judgeIoVia(assigned, owner, seen);
          if (j !== 'unknown') return j;
        }
      }
      return IO_NAME.test(node.text) ? 'abstract-io' : 'unknown';
    }
    default:
      return 'unknown';
  }
}

export function findParam(name: string, owner: FunctionInfo): ParamInfo | null {
  for (let f: FunctionInfo | null = owner; f; f = f.parent) {
    for (const p of f.params) if (p.name === name) return p;
  }
  return null;
}

/** True when `name` is a parameter or is assigned inside `owner` or a function enclosing it. */
export function isLocalName(name: string, owner: FunctionInfo): boolean {
  // Rules ask about many names of one function in a row.
  if (owner !== lastOwner) {
    lastNames = localNames(owner);
    lastOwner = owner;
  }
  return lastNames!.has(name);
}

let lastOwner: FunctionInfo | null = null;
let lastNames: Set<string> | null = null;

/** Where a local of one function (closures excluded) gets its values. */
export interface LocalBinding {
  /** `x::T = v` or `local x::T`: the type node. */
  declared: SyntaxNode | null;
  /** Right-hand sides of `x = v`, in source order. */
  values: SyntaxNode[];
  /** `for x in coll`: the collection. */
  iterates: SyntaxNode[];
  caught: boolean;
  /** Assignments the type cannot be read from (`a, b = f()`, `x += 1`). */
  opaque: number;
}

interface LocalScan {
  /** Parameters and assigned names of the function and the functions enclosing it. */
  names: Set<string>;
  bindings: Map<string, LocalBinding>;
}

const scanCache = new WeakMap<FunctionInfo, LocalScan>();

/** Parameters and names assigned (so local, unless declared global) in a function and its parents. */
export function localNames(owner: FunctionInfo): Set<string> {
  return localScan(owner).names;
}

/** Where each local of a function (closures excluded) gets its values, by name. */
export function localBindings(owner: FunctionInfo): Map<string, LocalBinding> {
  return localScan(owner).bindings;
}

function localScan(owner: FunctionInfo): LocalScan {
  const cached = scanCache.get(owner);
  if (cached) return cached;
  // Fill the cache from the outermost uncached parent inward: closures can nest thousands deep.
  const chain: FunctionInfo[] = [];
  for (let f = owner.parent; f && !scanCache.has(f); f = f.parent) chain.push(f);
  for (let i = chain.length - 1; i >= 0; i--) scanFunction(chain[i]);
  return scanFunction(owner);
}

// One walk over a function body serves both questions; a node's mode says which it is walked for:
// names skip what `global` declares, bindings skip short function definitions (`g(x) = ...`).
const FOR_NAMES = 1;
const FOR_BINDINGS = 2;

function scanFunction(owner: FunctionInfo): LocalScan {
  const inherited = owner.parent ? scanCache.get(owner.parent)?.names : undefined;
  const names = inherited ? new Set<string>(inherited) : new Set<string>();
  for (const p of owner.params) if (p.name) names.add(p.name);
  const bindings = new Map<string, LocalBinding>();
  const binding = (name: string): LocalBinding => {
    let b = bindings.get(name);
    if (!b) bindings.set(name, (b = { declared: null, values: [], iterates: [], caught: false, opaque: 0 }));
    return b;
  };
  let globals: Set<string> | null = null;
  // This runs once over every function body of a project: no per-node allocations, leaves (which
  // bind nothing) are not pushed, and a number on the stack restores the mode after a subtree
  // walked for one question only.
  const stack: Array<SyntaxNode | number> = owner.body.slice();
  let current = FOR_NAMES | FOR_BINDINGS;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'number') {
      current = item;
      continue;
    }
    const n = item;
    let mode = current;
    switch (n.type) {
      case 'arrow_function_expression':
      case 'do_clause':
      case 'function_definition':
        if (n !== owner.node) continue;
        mode &= FOR_NAMES;
        break;
      case 'global_statement':
        if (mode & FOR_NAMES) addBindingTargets(n.namedChild(0), (globals ??= new Set()));
        mode &= FOR_BINDINGS;
        break;
      case 'assignment':
      case 'compound_assignment_expression': {
        const parts = assignmentParts(n);
        if (!parts) break;
        if (mode & FOR_NAMES) addBindingTargets(parts.lhs, names);
        if (!(mode & FOR_BINDINGS)) break;
        const lhs = parts.lhs;
        if (n.type === 'assignment' && parts.op === '=' && (lhs.type === 'call_expression' || lhs.type === 'where_expression')) {
          mode &= FOR_NAMES; // a short function definition
        } else if (lhs.type === 'identifier') {
          if (parts.op === '=' && parts.rhs) binding(lhs.text).values.push(parts.rhs);
          else binding(lhs.text).opaque++;
        } else if (lhs.type === 'typed_expression') {
          const id = lhs.namedChild(0);
          if (id?.type === 'identifier') binding(id.text).declared = lhs.namedChild(1);
        } else if (lhs.type === 'open_tuple' || lhs.type === 'tuple_expression') {
          for (const el of lhs.children) if (el.named && el.type === 'identifier') binding(el.text).opaque++;
        }
        break;
      }
      case 'for_binding': {
        const target = n.namedChild(0);
        if (mode & FOR_NAMES) addBindingTargets(target, names);
        if (mode & FOR_BINDINGS) {
          const coll = lastNamedChild(n);
          if (target?.type === 'identifier' && coll && coll !== target) binding(target.text).iterates.push(coll);
          else if (target) for (const el of target.children) if (el.named && el.type === 'identifier') binding(el.text).opaque++;
        }
        break;
      }
      case 'let_binding':
        if (mode & FOR_NAMES) addBindingTargets(n.namedChild(0), names);
        break;
      case 'local_statement': {
        const t = n.namedChild(0);
        if (mode & FOR_NAMES) addBindingTargets(t, names);
        if (mode & FOR_BINDINGS && t?.type === 'typed_expression') {
          const id = t.namedChild(0);
          if (id?.type === 'identifier') binding(id.text).declared = t.namedChild(1);
        }
        break;
      }
      case 'catch_clause': {
        const first = n.namedChild(0);
        if (first?.type === 'identifier') {
          if (mode & FOR_NAMES) names.add(first.text);
          if (mode & FOR_BINDINGS) binding(first.text).caught = true;
        }
        break;
      }
    }
    if (mode === 0) continue;
    if (mode !== current) {
      stack.push(current);
      current = mode;
    }
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) if (kids[i].children.length > 0) stack.push(kids[i]);
  }
  if (globals) for (const g of globals) names.delete(g);
  for (const b of bindings.values()) if (b.values.length > 1) b.values.sort((a, c) => a.startIndex - c.startIndex);
  const scan = { names, bindings };
  scanCache.set(owner, scan);
  return scan;
}

/** The last named child, without building the list of named children. */
function lastNamedChild(n: SyntaxNode): SyntaxNode | null {
  const kids = n.children;
  for (let i = kids.length - 1; i >= 0; i--) if (kids[i].named) return kids[i];
  return null;
}

/** Adds the names a binding target binds to `out`, in order; iterative (destructuring can nest deeply). */
function addBindingTargets(target: SyntaxNode | null, out: Set<string>): void {
  if (!target) return;
  if (target.type === 'identifier') {
    out.add(target.text);
    return;
  }
  for (const id of bindingTargets(target)) out.add(id);
}

/** The names a binding target binds, in order; iterative (destructuring can nest deeply). */
function bindingTargets(target: SyntaxNode | null): string[] {
  const out: string[] = [];
  const stack: Array<SyntaxNode | null> = [target];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n) continue;
    switch (n.type) {
      case 'identifier':
        out.push(n.text);
        break;
      case 'typed_expression':
        stack.push(n.namedChild(0));
        break;
      case 'assignment':
        stack.push(assignmentParts(n)?.lhs ?? null);
        break;
      case 'open_tuple':
      case 'tuple_expression':
      case 'parenthesized_expression': {
        const kids = n.namedChildren;
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
        break;
      }
    }
  }
  return out;
}

/** The value of the single assignment `name = value` in the function, when there is exactly one. */
export function localAssignedValue(name: string, owner: FunctionInfo): SyntaxNode | null {
  let table = assignedCache.get(owner);
  if (!table) assignedCache.set(owner, (table = assignedValues(owner)));
  const e = table.get(name);
  return e && e.count === 1 ? e.value : null;
}

const assignedCache = new WeakMap<FunctionInfo, Map<string, { count: number; value: SyntaxNode | null }>>();

/** For every name `=`-assigned anywhere in the function (closures included): how often, and the value. */
function assignedValues(owner: FunctionInfo): Map<string, { count: number; value: SyntaxNode | null }> {
  const out = new Map<string, { count: number; value: SyntaxNode | null }>();
  const stack = owner.body.slice();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'assignment') {
      const parts = assignmentParts(n);
      if (parts && parts.op === '=') {
        const value = parts.lhs.type === 'identifier' || parts.lhs.type === 'typed_expression' ? parts.rhs : null;
        for (const name of new Set(bindingTargets(parts.lhs))) {
          const e = out.get(name);
          if (e) {
            e.count++;
            e.value = value;
          } else out.set(name, { count: 1, value });
        }
      }
    }
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) if (kids[i].children.length > 0) stack.push(kids[i]);
  }
  return out;
}
