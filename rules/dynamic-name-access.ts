import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo, StructInfo } from '../analysis/file-facts';
import { judgeType } from '../analysis/base-types';
import { assignmentParts, baseName, callArguments, calleeName, dottedName, isLiteral } from '../analysis/julia-syntax';
import { Project } from '../analysis/project';
import { findParam, isLocalName, localAssignedValue } from '../analysis/local-types';
import { visitedCalleeName } from './syntax-memo';
import { Rule } from './rule';

/** Accessors whose second argument names a field, property or global. */
const ACCESSORS = new Set(['getfield', 'getproperty', 'getglobal', 'setfield!', 'setproperty!', 'setglobal!']);

/** Methods that implement property access for a type: forwarding their `name` argument is the idiom. */
const PROPERTY_METHODS = new Set(['getproperty', 'setproperty!', 'hasproperty', 'propertynames']);

/** Higher-order calls that unroll over a tuple, so a lambda's argument is a constant in each copy. */
const UNROLLING = new Set(['ntuple', 'map', 'foreach', 'Base.Cartesian.@nexprs']);

export const dynamicNameAccess: Rule = {
  meta: {
    code: 'TRIM402',
    name: 'dynamic-name-access',
    summary: '`getfield`/`getproperty`/`getglobal`/`setfield!` with a name computed at run time',
    severity: 'warning',
    category: 'reflection',
    fixable: 'none',
    docs: {
      what:
        'Flags `getfield`, `getproperty`, `getglobal`, `setfield!`, `setproperty!` and `setglobal!` in run-time code when the name argument is not a literal (`:a`, `1`, `"a"`) or a constant, for example `getfield(x, n)` in a loop over `fieldnames(T)` or `getproperty(M, Symbol(s))`.',
      why:
        'These builtins do not dispatch, so the verifier accepts the call itself. But with a name known only at run time, the result is the union of all the field types (or `Any` for a global), and every call that uses the result is dynamic, which the trim verifier cannot resolve. Setting a field by a run-time name converts the value to a type chosen at run time, with the same problem.',
      verifierMessage: 'unresolved call from statement Base.println(Core.stdout, Core.getfield(x, n::Symbol)::Union{Float64, Int64, String})',
      example: 'function dumpfields(x)\n    for n in fieldnames(typeof(x))\n        println(Core.stdout, n, " = ", getfield(x, n))\n    end\nend',
      useInstead:
        'dumpfields(p::Point) = println(Core.stdout, "x = ", p.x, ", y = ", p.y)\n\n' +
        '# or generate accessors at build time:\nfor f in fieldnames(Point)\n    @eval $(Symbol(:get_, f))(p::Point) = p.$f\nend',
      fixSafety: 'No automatic fix.',
      falsePositives:
        '`x.a`, `getfield(x, :a)`, `getfield(x, 1)`, names that are `const` globals, loop variables over a literal tuple of names (`for n in (:a, :b)`), lambdas unrolled over a literal tuple (`map(n -> getfield(x, n), (:a, :b))`, `ntuple`), and `getfield(x, name)` or `getproperty(x, Symbol(name))` forwarded inside a `Base.getproperty` method (constant propagation resolves those), and results only compared with `===` or narrowed at once (`getfield(x, n)::Int`, `getglobal(m, n) isa Function`) are not flagged. Nor is a `getfield`/`setfield!` on a value of a project struct whose fields all have one concrete type (`v::Vec3` with three `Float64` fields, or a name iterating `fieldnames(Vec3)`): the result has that type whatever the name.',
      evidence: ['https://github.com/JuliaLang/julia/issues/58458', 'https://github.com/JuliaLang/julia/blob/master/Compiler/src/verifytrim.jl'],
    },
  },
  create(ctx) {
    const constants = new Set(ctx.file.globals.filter((g) => g.kind === 'const').map((g) => g.name));
    return {
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (!name) return;
        const fn = baseName(name);
        if (!ACCESSORS.has(fn) || (name !== fn && !/^(Base|Core)\.[\w!]+$/.test(name))) return;
        if (name === fn && isLocalName(fn, owner)) return;
        const [receiver, target] = callArguments(node).positional;
        if (!target || isConstantName(target, owner, constants) || resultIsNarrowed(node)) return;
        if (fn !== 'getglobal' && fn !== 'setglobal!' && receiver && fieldsShareOneConcreteType(receiver, target, owner, fn, ctx.project)) return;
        const what =
          fn === 'getglobal' || fn === 'setglobal!'
            ? 'a global chosen at run time: its value is `Any`'
            : fn.startsWith('set')
              ? 'a field chosen at run time: the value is converted to a field type known only at run time'
              : 'a field chosen at run time: the result is the union of all field types';
        ctx.report({
          node: target,
          message: `\`${fn}\` with the name \`${target.text}\` accesses ${what}, so its use is dynamic and the trim verifier cannot resolve it. Access fields explicitly (\`x.a\`), or generate accessors at build time with a top-level \`@eval\` loop.`,
        });
      },
    };
  },
};

/**
 * `getfield(v, n)` where `v` is known to be a struct of the project (a parameter annotated with it, or
 * `n` iterates `fieldnames(T)`) whose fields all have the same concrete type: whatever the name, the
 * result has that type. `getproperty` counts only when the project defines no `getproperty` method.
 */
function fieldsShareOneConcreteType(receiver: SyntaxNode, target: SyntaxNode, owner: FunctionInfo, fn: string, project: Project): boolean {
  const typeName = receiverStructName(receiver, owner) ?? fieldnamesLoopType(target, owner);
  if (!typeName) return false;
  const structs: StructInfo[] = [];
  const userConcrete = new Set<string>();
  let customProperties = false;
  for (const file of project.files.values()) {
    for (const st of file.structs) {
      if (st.typeParams.length === 0) userConcrete.add(st.name);
      if (st.name === typeName) structs.push(st);
    }
    if (fn.endsWith('property') || fn.endsWith('property!')) {
      customProperties ||= file.functions.some((f) => !!f.name && (baseName(f.name) === 'getproperty' || baseName(f.name) === 'setproperty!'));
    }
  }
  if (customProperties || structs.length === 0) return false;
  return structs.every((st) => {
    if (st.typeParams.length > 0 || st.fields.length === 0) return false;
    const types = st.fields.map((f) => f.typeNode);
    if (types.some((t) => !t || judgeType(t, { userConcrete }) !== 'concrete')) return false;
    const first = types[0]!.text.replace(/\s+/g, '');
    return types.every((t) => t!.text.replace(/\s+/g, '') === first);
  });
}

/** The struct name a parameter is annotated with (`v::Vec3`). */
function receiverStructName(receiver: SyntaxNode, owner: FunctionInfo): string | null {
  if (receiver.type !== 'identifier') return null;
  const type = findParam(receiver.text, owner)?.typeNode;
  if (!type) return null;
  const name = dottedName(type);
  return name ? baseName(name) : null;
}

/** `T` when the name is a loop variable bound only by `for n in fieldnames(T)`. */
function fieldnamesLoopType(target: SyntaxNode, owner: FunctionInfo): string | null {
  if (target.type !== 'identifier') return null;
  let found: string | null = null;
  const stack = [...owner.unit.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'for_binding' && n.namedChild(0)?.type === 'identifier' && n.namedChild(0)!.text === target.text) {
      const iter = n.namedChildren[n.namedChildren.length - 1];
      if (!iter || iter.type !== 'call_expression' || calleeName(iter) !== 'fieldnames') return null;
      const arg = callArguments(iter).positional[0];
      const name = arg ? dottedName(arg) : null;
      if (!name || (found && found !== baseName(name))) return null;
      found = baseName(name);
    }
    if (n.type === 'assignment' && assignmentParts(n)?.lhs.text === target.text) return null;
    for (const c of n.children) stack.push(c);
  }
  return found;
}

/** `getglobal(m, n) === x`, `getfield(x, n) isa T`, `getfield(x, n)::T`: builtins that do not dispatch on the result. */
function resultIsNarrowed(call: SyntaxNode): boolean {
  const parent = call.parent;
  if (!parent) return false;
  if (parent.type === 'typed_expression') return parent.namedChild(0) === call;
  if (parent.type !== 'binary_expression') return false;
  const op = parent.namedChildren.find((c) => c.type === 'operator')?.text;
  return op === '===' || op === '!==' || (op === 'isa' && parent.namedChild(0) === call);
}

function isConstantName(n: SyntaxNode, owner: FunctionInfo, constants: Set<string>): boolean {
  if (isLiteral(n)) return true;
  if (n.type === 'call_expression' && calleeName(n) === 'Symbol') {
    const args = callArguments(n).positional;
    if (args.length !== 1) return false;
    // `getproperty(x, Symbol(name))` inside a property method forwards its argument.
    return isLiteral(args[0]) || (args[0].type === 'identifier' && isForwardedPropertyName(args[0].text, owner));
  }
  if (n.type !== 'identifier') return false;
  const name = n.text;
  if (owner.whereNames.includes(name)) return true;
  const param = findParam(name, owner);
  if (param) {
    const holder = functionDeclaring(name, owner);
    if (isForwardedPropertyName(name, owner)) return true;
    if (holder && (holder.kind === 'lambda' || holder.kind === 'do') && unrolledOverLiterals(holder)) return true;
    return false;
  }
  if (!isLocalName(name, owner)) return constants.has(name);
  const value = localAssignedValue(name, owner);
  if (value && isLiteral(value)) return true;
  return loopsOverLiterals(name, owner);
}

function isForwardedPropertyName(name: string, owner: FunctionInfo): boolean {
  const holder = functionDeclaring(name, owner);
  return !!holder && !!holder.name && PROPERTY_METHODS.has(baseName(holder.name));
}

function functionDeclaring(name: string, owner: FunctionInfo): FunctionInfo | null {
  for (let f: FunctionInfo | null = owner; f; f = f.parent) if (f.params.some((p) => p.name === name)) return f;
  return null;
}

function isLiteralCollection(n: SyntaxNode | null | undefined): boolean {
  if (!n || (n.type !== 'tuple_expression' && n.type !== 'vector_expression')) return false;
  return n.namedChildren.length > 0 && n.namedChildren.every(isLiteral);
}

/** `ntuple(i -> ..., Val(3))`, `map(n -> ..., (:a, :b))`, `foreach((:a, :b)) do n ... end`. */
function unrolledOverLiterals(lambda: FunctionInfo): boolean {
  const node = lambda.node;
  const call = node.type === 'do_clause' ? node.parent : node.parent?.type === 'argument_list' ? node.parent.parent : null;
  if (!call || call.type !== 'call_expression') return false;
  const callName = calleeName(call);
  if (!callName || !UNROLLING.has(callName)) return false;
  const others = callArguments(call).positional.filter((a) => a !== node);
  if (callName === 'ntuple') return others.some((a) => a.type === 'integer_literal' || (a.type === 'call_expression' && calleeName(a) === 'Val'));
  return others.length > 0 && others.every(isLiteralCollection);
}

/** True when every `for name in ...` binding of `name` in the function iterates a literal tuple or vector. */
function loopsOverLiterals(name: string, owner: FunctionInfo): boolean {
  let found = false;
  const stack = [...owner.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'for_binding') {
      const target = n.namedChild(0);
      if (target?.type === 'identifier' && target.text === name) {
        if (!isLiteralCollection(n.namedChildren[n.namedChildren.length - 1])) return false;
        found = true;
      }
    }
    if (n.type === 'assignment' && assignmentParts(n)?.lhs.text === name) return false;
    for (const c of n.children) stack.push(c);
  }
  return found;
}
