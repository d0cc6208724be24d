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
    const t = node.text;
    if (t !== 'stdout' && t !== 'stderr' && t !== 'stdin') return null;
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
    const name = dottedName(node);
    const m = name ? /^(?:Base|Main)\.(stdout|stderr|stdin)$/.exec(name) : null;
    return m ? (m[1] as StdStream) : null;
  }
  return null;
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
    const p = f.params.find((q) => q.name === name);
    if (p) return p;
  }
  return null;
}

/** True when `name` is a parameter or is assigned inside `owner` or a function enclosing it. */
export function isLocalName(name: string, owner: FunctionInfo): boolean {
  return localNames(owner).has(name);
}

const localCache = new WeakMap<FunctionInfo, Set<string>>();

/** Parameters and names assigned (so local, unless declared global) in a function and its parents. */
export function localNames(owner: FunctionInfo): Set<string> {
  const cached = localCache.get(owner);
  if (cached) return cached;
  // Fill the cache from the outermost uncached parent inward: closures can nest thousands deep.
  const chain: FunctionInfo[] = [];
  for (let f = owner.parent; f && !localCache.has(f); f = f.parent) chain.push(f);
  for (let i = chain.length - 1; i >= 0; i--) ownLocalNames(chain[i]);
  return ownLocalNames(owner);
}

function ownLocalNames(owner: FunctionInfo): Set<string> {
  const names = new Set<string>(owner.parent ? localCache.get(owner.parent) : []);
  for (const p of owner.params) if (p.name) names.add(p.name);
  const globals = new Set<string>();
  const stack = [...owner.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n !== owner.node && (n.type === 'arrow_function_expression' || n.type === 'do_clause' || n.type === 'function_definition')) continue;
    switch (n.type) {
      case 'global_statement':
        for (const id of bindingTargets(n.namedChild(0))) globals.add(id);
        continue;
      case 'assignment':
      case 'compound_assignment_expression': {
        const parts = assignmentParts(n);
        if (parts) for (const id of bindingTargets(parts.lhs)) names.add(id);
        break;
      }
      case 'for_binding':
      case 'let_binding': {
        const target = n.namedChild(0);
        for (const id of bindingTargets(target)) names.add(id);
        break;
      }
      case 'catch_clause': {
        const first = n.namedChild(0);
        if (first?.type === 'identifier') names.add(first.text);
        break;
      }
      case 'local_statement':
        for (const id of bindingTargets(n.namedChild(0))) names.add(id);
        break;
    }
    for (const c of n.children) stack.push(c);
  }
  for (const g of globals) names.delete(g);
  localCache.set(owner, names);
  return names;
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
  let found: SyntaxNode | null = null;
  let count = 0;
  const stack = [...owner.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'assignment') {
      const parts = assignmentParts(n);
      if (parts && parts.op === '=' && bindingTargets(parts.lhs).includes(name)) {
        count++;
        found = parts.lhs.type === 'identifier' || parts.lhs.type === 'typed_expression' ? parts.rhs : null;
      }
    }
    for (const c of n.children) stack.push(c);
  }
  return count === 1 ? found : null;
}
