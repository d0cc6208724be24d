import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { assignmentParts, callArguments, calleeName, doClause, dottedName } from '../analysis/julia-syntax';
import { findParam, isLocalName, localAssignedValue } from '../analysis/local-types';
import { Project } from '../analysis/project';
import { getCallGraph } from '../analysis/call-graph';
import { factFromTypeText, isCompileTimeConstant } from '../analysis/type-facts';
import { returnValues } from './unstable-type';
import { functionIndex } from './function-index';
import { Rule } from './rule';
import { visitedCalleeName } from './syntax-memo';

/** Type constructors whose parameters become part of a type: a run-time value there makes the type run-time. */
const SIZED_TYPES = /^(NTuple|Val|Array|Base\.Val|Core\.NTuple)$/;

/** Calls whose result type is their type argument. */
const TYPE_TAKING = new Set([
  'zeros', 'ones', 'convert', 'parse', 'tryparse', 'rand', 'randn', 'similar', 'reinterpret', 'zero', 'one', 'typemax',
  'typemin', 'Array', 'Vector', 'Matrix', 'fill', 'Ref', 'oftype', 'trunc', 'round', 'floor', 'ceil', 'read',
]);

export const runtimeTypeValue: Rule = {
  meta: {
    code: 'TRIM207',
    name: 'runtime-type-value',
    summary: 'Types built from run-time values (`Val(n)`, `ntuple(f, n)`, `NTuple{n,T}`, `T = c ? Float32 : Float64`)',
    severity: 'warning',
    category: 'types',
    fixable: 'none',
    docs: {
      what:
        'Flags run-time code that turns a value known only at run time into a type: `Val(n)` and `Val{n}()`, `ntuple(f, n)` (and `ntuple(n) do ... end`), `NTuple{n,T}` and `Array{T,n}` with a run-time `n`, and a local holding a type chosen by a condition (`T = cond ? Float32 : Float64`, or assigned different types on different branches, or the result of your own function that returns one of several type names, `T = float_type(single)`, called with a run-time argument) that is then used to build or convert values (`zeros(T, 3)`, `Vector{T}(undef, n)`, `convert(T, x)`, `T(x)`). Parameters annotated `::DataType` used that way are flagged too.',
      why:
        'The type of `Val(n)`, of `ntuple(f, n)` and of `zeros(T, 3)` depends on the value of `n` or `T`, so inference cannot know it: everything done with the result is dynamic dispatch, which the trim verifier cannot resolve. FastGeoProjections.jl counted 40 verifier errors from returning a float type as an ordinary value, and fixed them by returning `Val{T}` and branching.',
      verifierMessage: 'unresolved call from statement Main.work(%3::Val)::Any',
      example: 'first_n(v::Vector{Int}, n::Int) = ntuple(i -> v[i], n)\n\nfunction buffer(single::Bool, n::Int)\n    T = single ? Float32 : Float64\n    return sum(zeros(T, n))\nend',
      useInstead:
        'first_n(v::Vector{Int}, ::Val{N}) where {N} = ntuple(i -> v[i], Val(N))\n\nfunction buffer(single::Bool, n::Int)\n    # branch once, then each call is concrete\n    return single ? Float64(sum(zeros(Float32, n))) : sum(zeros(Float64, n))\nend',
      fixSafety: 'No automatic fix: the branch that turns the run-time value into separate concrete calls must be written by hand (`n == 2 ? g(Val(2)) : n == 3 ? g(Val(3)) : error(...)`).',
      falsePositives:
        '`Val(3)`, `ntuple(f, Val(4))`, `ntuple(f, 3)`, `Val(N)` and `NTuple{N,T}` where `N` is a static parameter (`where {N}`) or a `const` global bound to a literal, `Val(length(t))` for a tuple `t`, type parameters in signatures, locals bound once to a single type name, and helpers called with constant arguments (`float_type(false)`, which the compiler folds) are not flagged. A parameter `n::Int` used in `Val(n)` is flagged even though a caller passing a constant could let the compiler propagate it: that is not something to rely on.',
      evidence: ['https://github.com/alex-s-gardner/FastGeoProjections.jl', 'https://docs.julialang.org/en/v1/manual/performance-tips/#Types-with-values-as-parameters'],
    },
  },
  create(ctx) {
    return {
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        const args = callArguments(node).positional;
        if (name === 'Val' || name === 'Base.Val') {
          const n = args[0];
          if (n && args.length === 1 && isRuntime(n, owner, ctx.project)) report(node, `\`Val(${n.text})\` makes a type from the run-time value \`${n.text}\``);
          return;
        }
        if (name === 'ntuple' || name === 'Base.ntuple') {
          const n = doClause(node) ? args[0] : args[1];
          if (n && isRuntime(n, owner, ctx.project)) report(node, `\`ntuple\` with the run-time length \`${n.text}\` returns a tuple whose type (its length) is known only at run time`);
          return;
        }
        // `zeros(T, n)`, `convert(T, x)`, `T(x)` with `T` chosen at run time.
        const callee = node.namedChild(0);
        if (callee?.type === 'identifier' && runtimeTypeVariable(callee.text, owner, ctx.project)) {
          report(callee, `\`${callee.text}\` holds a type chosen at run time; calling it constructs a value whose type inference cannot know`);
          return;
        }
        for (const a of args) {
          if (!name || !TYPE_TAKING.has(name.replace(/^Base\./, ''))) break;
          if (a.type === 'identifier' && runtimeTypeVariable(a.text, owner, ctx.project)) {
            report(a, `\`${a.text}\` holds a type chosen at run time; \`${name ?? 'the call'}(${a.text}, ...)\` returns a value whose type inference cannot know`);
            return;
          }
        }
      },
      parametrized_type_expression(node, owner) {
        const base = dottedName(node.namedChild(0));
        if (!base) return;
        if (isInSignature(node, owner)) return;
        const params = node.namedChild(1)?.namedChildren ?? [];
        const sizeAt = /^(Core\.)?NTuple$|^(Base\.)?Val$/.test(base) ? 0 : base === 'Array' ? 1 : -1;
        const size = sizeAt >= 0 ? params[sizeAt] : undefined;
        if (size?.type === 'identifier' && isRuntime(size, owner, ctx.project) && !boundToTypeName(size.text, owner)) {
          report(node, `\`${node.text}\` is a type built from the run-time value \`${size.text}\``);
          return;
        }
        if (SIZED_TYPES.test(base) || /^(Vector|Matrix|Dict|Set)$/.test(base)) {
          const chosen = params.find((p) => p.type === 'identifier' && runtimeTypeVariable(p.text, owner, ctx.project));
          if (chosen) report(node, `\`${node.text}\` is a type built from \`${chosen.text}\`, a type chosen at run time`);
        }
      },
    };

    function report(node: SyntaxNode, head: string): void {
      ctx.report({
        node,
        message: `${head}: everything done with the result is dynamic dispatch, which the trim verifier cannot resolve. Branch on the value and call a specialised method in each branch (\`n == 2 ? g(Val(2)) : g(Val(3))\`), or keep a \`Vector\`.`,
      });
    }
  },
};

/** A run-time value: not a literal, constant, static parameter or tuple length. */
function isRuntime(n: SyntaxNode, owner: FunctionInfo, project: Project): boolean {
  if (isCompileTimeConstant(n, owner, project)) return false;
  // `Val(4)`, `Val(N)`: reported on their own when their argument is a run-time value.
  if (n.type === 'call_expression' && /^(Base\.)?Val$/.test(calleeName(n) ?? '')) return false;
  if (n.type === 'call_expression' && n.namedChild(0)?.type === 'parametrized_type_expression' && /^(Base\.)?Val$/.test(dottedName(n.namedChild(0)!.namedChild(0)) ?? '')) return false;
  if (n.type === 'identifier') {
    // Only values we can see are run-time: parameters and locals (globals may be consts elsewhere).
    return !!findParam(n.text, owner) || isLocalName(n.text, owner);
  }
  return n.type === 'call_expression' || n.type === 'binary_expression' || n.type === 'field_expression' || n.type === 'index_expression';
}

/** A local bound once to a type name (`T = Float64`): a constant. */
function boundToTypeName(name: string, owner: FunctionInfo): boolean {
  const v = localAssignedValue(name, owner);
  return !!v && isTypeName(v);
}

function isInSignature(node: SyntaxNode, owner: FunctionInfo): boolean {
  for (let p = node.parent; p && p !== owner.node; p = p.parent) {
    if (p.type === 'signature' || p.type === 'where_expression') return true;
  }
  return false;
}

const typeVarCache = new WeakMap<FunctionInfo, Map<string, boolean>>();

/**
 * A local whose value is a type chosen at run time: assigned type names on different branches
 * (`T = c ? Float32 : Float64`, or `T = Float32` and `T = Float64`), or a parameter typed `::DataType`.
 */
function runtimeTypeVariable(name: string, owner: FunctionInfo, project: Project): boolean {
  for (let f: FunctionInfo | null = owner; f; f = f.parent) {
    const p = f.params.find((q) => q.name === name);
    if (p) return !!p.typeNode && /^(Core\.)?DataType$/.test(p.typeNode.text.trim());
    let cache = typeVarCache.get(f);
    if (!cache) typeVarCache.set(f, (cache = new Map()));
    let hit = cache.get(name);
    if (hit === undefined) {
      hit = chosenType(f, name, project);
      cache.set(name, hit);
    }
    if (hit) return true;
    if (isLocalName(name, f) && !f.parent) return false;
  }
  return false;
}

interface Assigned {
  /** Right-hand sides of plain `name = value` assignments. */
  values: SyntaxNode[];
  /** Also updated another way (`name += 1`, `name .= x`) or assigned nothing. */
  other: boolean;
}

const assignedCache = new WeakMap<FunctionInfo, Map<string, Assigned>>();

/** Assignments to plain identifiers in `f` (closures excluded), by name: one scan per function. */
function assignmentsByName(f: FunctionInfo): Map<string, Assigned> {
  let table = assignedCache.get(f);
  if (table) return table;
  table = new Map();
  for (const n of functionIndex(f).binders) {
    if (n.type === 'for_binding') continue;
    const parts = assignmentParts(n);
    if (parts && parts.lhs.type === 'identifier') {
      const name = parts.lhs.text;
      let entry = table.get(name);
      if (!entry) table.set(name, (entry = { values: [], other: false }));
      if (parts.op === '=' && parts.rhs) entry.values.push(parts.rhs);
      else entry.other = true;
    }
  }
  assignedCache.set(f, table);
  return table;
}

function chosenType(f: FunctionInfo, name: string, project: Project): boolean {
  const entry = assignmentsByName(f).get(name);
  if (!entry) return false;
  const { values, other } = entry;
  if (other || values.length === 0) return false;
  const names = new Set<string>();
  if (values.length === 1 && values[0].type === 'call_expression') return returnsChosenType(values[0], f, project);
  for (const v of values) {
    const alternatives = v.type === 'ternary_expression' ? v.namedChildren.slice(1) : [v];
    for (const a of alternatives) {
      if (!isTypeName(a)) return false;
      names.add(a.text.replace(/\s+/g, ''));
    }
  }
  return names.size > 1;
}

/**
 * `float_type(single)` where your own `float_type` returns one of several type names depending on
 * its arguments (`single ? Float32 : Float64`): with a run-time argument the result is a type
 * chosen at run time. A call with constant arguments may be folded by the compiler and is not judged.
 */
function returnsChosenType(call: SyntaxNode, owner: FunctionInfo, project: Project): boolean {
  const args = callArguments(call).positional;
  if (args.length === 0 || args.every((a) => isCompileTimeConstant(a, owner, project))) return false;
  const targets = getCallGraph(project).resolveCall(call, owner);
  if (targets.length === 0) return false;
  return targets.every((fn) => {
    if (fn.params.filter((p) => !p.keyword).length === 0) return false;
    const returned = returnValues(fn);
    // A capitalised global (`const DEFAULT = 3`) is a value, not a type name.
    const globals = new Set(project.view().moduleOf(fn.module).globals.map((g) => g.name));
    if (returned.length < 2 || !returned.every((r) => isTypeName(r) && !globals.has(r.text))) return false;
    return new Set(returned.map((r) => r.text.replace(/\s+/g, ''))).size > 1;
  });
}

function isTypeName(n: SyntaxNode): boolean {
  if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) return isTypeName(n.namedChild(0)!);
  if (n.type !== 'identifier' && n.type !== 'field_expression' && n.type !== 'parametrized_type_expression') return false;
  const t = factFromTypeText(n.text);
  return t.kind === 'concrete' || t.kind === 'abstract';
}
