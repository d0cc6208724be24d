import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { assignmentParts, baseName, callArguments, calleeName } from '../analysis/julia-syntax';
import { findParam, isLocalName, localAssignedValue } from '../analysis/local-types';
import { Project } from '../analysis/project';
import { describeFact, elementTypeOf, factKey, isConcreteContainerFact, typeOfExpression, TypeFact, variableTypeConflicts } from '../analysis/type-facts';
import { functionIndex } from './function-index';
import { Rule } from './rule';
import { visitedCalleeName } from './syntax-memo';

/** Inference splits a Union of up to this many types at a call site (`max_union_splitting`). */
const UNION_SPLIT_LIMIT = 4;

/** Calls other rules judge (printing: TRIM208, storage and identity tests are harmless). */
const NOT_DISPATCHING = new Set([
  'print', 'println', 'show', 'string', 'repr', 'write', 'print_to_string', 'display', 'join', 'sprint', 'showerror',
  'push!', 'pushfirst!', 'append!', 'setindex!', 'isa', 'typeof', 'isnothing', 'ismissing', 'throw', 'rethrow',
  'identity', 'Ref', 'Some', 'tuple', 'error', 'something', 'getfield', 'setfield!', 'setproperty!', 'haskey', 'delete!',
]);

/** Calls that do not dispatch on a Union argument's members. */
const IDENTITY_CALLS = new Set(['isa', 'typeof', 'isnothing', 'ismissing', 'push!', 'setindex!', 'identity', 'Ref', 'Some', 'throw']);

/** Reductions that combine elements pairwise: with Union elements the accumulator is a Union too. */
const REDUCTIONS = new Set([
  'sum', 'prod', 'maximum', 'minimum', 'extrema', 'sort', 'sort!', 'reduce', 'foldl', 'foldr', 'mapreduce', 'mapfoldl',
  'mapfoldr', 'cumsum', 'cumprod', 'accumulate', 'findmax', 'findmin', 'argmax', 'argmin', 'mean', 'median',
]);

const ARITHMETIC = /^(\+|-|\*|\/|\^|%|÷|<|>|<=|>=|==|!=|≤|≥|≠)$/;

export const unstableType: Rule = {
  meta: {
    code: 'TRIM205',
    name: 'unstable-type',
    summary: 'Type-unstable values: functions returning 3+ types, variables assigned several types, `Any` values passed to generic calls',
    severity: 'warning',
    category: 'types',
    fixable: 'none',
    docs: {
      what:
        'Flags four shapes of type instability in run-time code: (1) a function whose `return` statements and last expression give values of three or more different concrete types (literals and other values whose type is obvious; `nothing` and `missing` do not count); (2) a local assigned values of three or more different concrete types on different paths and then passed to a call or an operator; (3) a local, field read or container element typed `Any` (an untyped field, a `Dict{String,Any}` value) passed to a generic call or an arithmetic operator; (4) a container whose elements are a `Union` of three or more types (`Union{Int64,Float64,Float32,UInt32}[...]`, a `Vector{Union{...}}` parameter) passed to a reduction (`sum`, `maximum`, `sort`, `reduce`, ...).',
      why:
        'The compiler resolves a call statically only when it knows the argument types. A value that may be one of several types is a `Union`; inference splits a `Union` of up to 4 types at a call site into separate static calls (`max_union_splitting = 4`), but wider unions, unions stored in containers or passed on, and `Any` values lead to dynamic dispatch, which the trim verifier cannot resolve. `sum(::Vector{Union{Int64,Float64,Float32,UInt32}})` is one of the verifier\'s own tests that must fail. Three types are flagged because they are one step from that limit and rarely intended; five or more exceed it outright.',
      verifierMessage: 'unresolved call from statement Base.print(io::IO, %5::Union{Char, Float64, Int64, String, Symbol})::Nothing',
      example: 'pick(k::Int) = k == 1 ? 1 : k == 2 ? 1.0 : k == 3 ? "1" : k == 4 ? :one : \'1\'\n\nfunction scale(cfg::Dict{String,Any}, x::Float64)\n    factor = cfg["factor"]\n    return factor * x\nend',
      useInstead:
        'pick(k::Int) = k == 1 ? "1" : k == 2 ? "1.0" : "one"   # one return type\n\nfunction scale(cfg::Dict{String,Any}, x::Float64)\n    factor = cfg["factor"]::Float64   # a typeassert narrows Any\n    return factor * x\nend',
      fixSafety: 'No automatic fix: choosing one type, adding a typeassert or splitting the function are design decisions.',
      falsePositives:
        'Two-type unions (`Union{Int,Float64}`), `Union{Nothing,T}` from `tryparse`/`findfirst` checked with `=== nothing` or `isnothing`, functions with a return type annotation (`f(x)::Int`), values narrowed by `isa` or a typeassert (`cfg["n"]::Int`), parameters (Julia specialises on their concrete types, whatever the annotation), untyped globals (TRIM202), values printed or interpolated (TRIM208), caught exceptions printed (TRIM209), elements of `[]`/`Any[]` locals (TRIM203) and values whose type trimsafe cannot see are not flagged.',
      evidence: [
        'https://github.com/JuliaLang/julia/blob/master/Compiler/test/verifytrim.jl',
        'https://github.com/tz-lom/TrimCheck.jl',
        'https://github.com/timholy/ProgressMeter.jl/pull/367',
        'https://github.com/alex-s-gardner/AutoRIFT.jl',
      ],
    },
  },
  create(ctx) {
    const reported = new Set<SyntaxNode>();
    const reportAny = (arg: SyntaxNode, owner: FunctionInfo, where: string) => {
      if (reported.has(arg)) return;
      const source = anySource(arg, owner, ctx.project);
      if (!source) return;
      reported.add(arg);
      ctx.report({
        node: arg,
        message: `\`${short(arg.text)}\` is ${source}, typed \`Any\`; ${where} dispatches dynamically, which the trim verifier cannot resolve. Narrow it first with a typeassert (\`${short(arg.text)}::Int\`) or an \`isa\` check.`,
      });
    };
    return {
      file() {
        for (const f of ctx.file.functions) {
          if (f.buildTime || f.kind === 'macro' || f.kind === 'lambda' || f.kind === 'do' || f.returnType) continue;
          checkReturns(f);
          checkConflicts(f);
        }
      },
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (!name || NOT_DISPATCHING.has(baseName(name))) return;
        for (const arg of callArguments(node).positional) reportAny(arg, owner, `passing it to \`${baseName(name)}\``);
        if (REDUCTIONS.has(baseName(name)) && (name === baseName(name) || /^Base\./.test(name))) {
          for (const arg of callArguments(node).positional) reportUnionElements(arg, owner, baseName(name));
        }
      },
      binary_expression(node, owner) {
        const op = node.namedChildren.find((c) => c.type === 'operator')?.text ?? '';
        if (!ARITHMETIC.test(op)) return;
        const [l, , r] = node.namedChildren;
        for (const operand of [l, r]) if (operand) reportAny(operand, owner, `\`${op}\` on it`);
      },
    };

    /** `sum(v)` over a `Vector{Union{Int64,Float64,Float32,UInt32}}`: one of the verifier's own failing tests. */
    function reportUnionElements(arg: SyntaxNode, owner: FunctionInfo, fn: string): void {
      if (reported.has(arg)) return;
      const t = typeOfExpression(arg, owner, ctx.project);
      const el = elementTypeOf(t);
      if (!isConcreteContainerFact(t) || el.kind !== 'union') return;
      const members = el.members.filter((m) => !(m.kind === 'concrete' && (m.text === 'Nothing' || m.text === 'Missing')));
      if (members.length < 3 || members.some((m) => m.kind !== 'concrete')) return;
      reported.add(arg);
      ctx.report({
        node: arg,
        message:
          `\`${short(arg.text)}\` is a \`${t.text}\`: its elements are a \`Union\` of ${members.length} types, and \`${fn}\` combines them pairwise (${members.length}×${members.length} combinations, more than the ${UNION_SPLIT_LIMIT} inference splits), so the calls inside it dispatch dynamically, which the trim verifier cannot resolve. ` +
          'Keep one element type (`Float64[...]`, converting on insertion) or reduce each type separately.',
      });
    }

    function checkReturns(f: FunctionInfo): void {
      const values = returnValues(f);
      const types = new Map<string, TypeFact>();
      for (const v of values) {
        const t = typeOfExpression(v, f, ctx.project, { shallow: true });
        if (t.kind !== 'concrete' || t.typeVar || t.text === 'Nothing' || t.text === 'Missing') continue;
        types.set(factKey(t), t);
      }
      if (types.size < 3) return;
      const list = [...types.values()].map(describeFact).sort().join(', ');
      ctx.report({
        node: f.nameNode ?? f.node,
        owner: f,
        message:
          `\`${f.name ?? 'this function'}\` returns values of ${types.size} different types (${list}), so callers get a \`Union\`` +
          (types.size > UNION_SPLIT_LIMIT ? ` wider than the ${UNION_SPLIT_LIMIT} types inference splits` : ` that generic calls on it may not split`) +
          ': calls on the result can become dynamic, which the trim verifier cannot resolve. Return one type (or annotate the return type and convert).',
      });
    }

    function checkConflicts(f: FunctionInfo): void {
      for (const c of variableTypeConflicts(f, ctx.project)) {
        const types = c.types.filter((t) => !(t.kind === 'concrete' && (t.text === 'Nothing' || t.text === 'Missing')));
        if (types.length < 3 || types.some((t) => t.kind !== 'concrete')) continue;
        const use = firstGenericUse(f, c.name);
        if (!use) continue;
        ctx.report({
          node: use.node,
          owner: f,
          message: `\`${c.name}\` is assigned values of ${types.length} types (${types.map(describeFact).sort().join(', ')}) on different paths, so it is a \`Union\` here; ${use.what} with it may dispatch dynamically, which the trim verifier cannot resolve. Keep one type per variable (convert on assignment) or use separate variables.`,
        });
      }
    }
  },
};

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? one.slice(0, 37) + '...' : one;
}

/** Values a function can return: `return` operands and its tail expressions (through if/else and ternaries). */
export function returnValues(f: FunctionInfo): readonly SyntaxNode[] {
  const cached = returnValuesCache.get(f);
  if (cached) return cached;
  const out: SyntaxNode[] = [];
  for (const r of functionIndex(f).returns) {
    const v = r.namedChild(0);
    if (v) flattenTernary(v, out);
  }
  const tail = f.body[f.body.length - 1];
  if (tail) tailValues(tail, out, 0);
  returnValuesCache.set(f, out);
  return out;
}

const returnValuesCache = new WeakMap<FunctionInfo, readonly SyntaxNode[]>();

function tailValues(n: SyntaxNode, out: SyntaxNode[], depth: number): void {
  if (depth > 16) return;
  if (n.type === 'return_statement') return; // counted above
  if (n.type === 'if_statement') {
    const cond = n.childByField('condition');
    const own = n.namedChildren.filter((c) => c !== cond && c.type !== 'elseif_clause' && c.type !== 'else_clause');
    if (own.length > 0) tailValues(own[own.length - 1], out, depth + 1);
    for (const clause of n.namedChildren.filter((c) => c.type === 'elseif_clause' || c.type === 'else_clause')) {
      const ccond = clause.type === 'elseif_clause' ? clause.childByField('condition') : null;
      const body = clause.namedChildren.filter((c) => c !== ccond);
      if (body.length > 0) tailValues(body[body.length - 1], out, depth + 1);
    }
    return;
  }
  if (n.type === 'compound_statement') {
    const last = n.namedChildren[n.namedChildCount - 1];
    if (last) tailValues(last, out, depth + 1);
    return;
  }
  if (/_statement$/.test(n.type) || n.type === 'line_comment' || n.type === 'block_comment') return;
  flattenTernary(n, out);
}

function flattenTernary(n: SyntaxNode, out: SyntaxNode[]): void {
  const stack = [n];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (v.type === 'ternary_expression') {
      const [, a, b] = v.namedChildren;
      if (b) stack.push(b);
      if (a) stack.push(a);
    } else if (v.type === 'parenthesized_expression' && v.namedChildCount === 1) {
      stack.push(v.namedChild(0)!);
    } else {
      out.push(v);
    }
  }
}

/** The first place `name` is passed to a call or an arithmetic operator in `f` (closures excluded). */
function firstGenericUse(f: FunctionInfo, name: string): { node: SyntaxNode; what: string } | null {
  let best: { node: SyntaxNode; what: string } | null = null;
  const stack = [...f.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'arrow_function_expression' || n.type === 'do_clause' || n.type === 'function_definition') continue;
    if (n.type === 'identifier' && n.text === name && (!best || n.startIndex < best.node.startIndex)) {
      const p = n.parent;
      if (p?.type === 'argument_list' && p.parent?.type === 'call_expression') {
        const callee = calleeName(p.parent);
        if (callee && !IDENTITY_CALLS.has(baseName(callee)) && callArguments(p.parent).positional.includes(n)) best = { node: n, what: `calling \`${baseName(callee)}\`` };
      } else if (p?.type === 'binary_expression' && ARITHMETIC.test(p.namedChildren.find((c) => c.type === 'operator')?.text ?? '')) {
        best = { node: n, what: 'an arithmetic operator' };
      }
    }
    for (const c of n.children) stack.push(c);
  }
  return best;
}

/**
 * Why `arg` is certainly `Any`: a read of an untyped field or of a container whose element type is
 * `Any`, or a local bound once to one. Null when its type is not `Any` or comes from elsewhere.
 */
function anySource(arg: SyntaxNode, owner: FunctionInfo, project: Project): string | null {
  if (arg.type === 'identifier') {
    if (findParam(arg.text, owner) || !isLocalName(arg.text, owner)) return null;
    // Only a local bound to a field or element read can be reported: skip inference for the rest.
    if (!boundToRead(owner).has(arg.text)) return null;
    if (typeOfExpression(arg, owner, project).kind !== 'any') return null;
    const value = localAssignedValue(arg.text, owner);
    if (!value || isCaught(arg.text, owner)) return null;
    const inner = value.type === 'field_expression' || value.type === 'index_expression' ? readSource(value, owner, project) : null;
    return inner ? `bound to \`${short(value.text)}\`, ${inner}` : null;
  }
  if (arg.type === 'field_expression' || arg.type === 'index_expression') {
    if (typeOfExpression(arg, owner, project).kind !== 'any') return null;
    return readSource(arg, owner, project);
  }
  return null;
}

const boundToReadCache = new WeakMap<FunctionInfo, ReadonlySet<string>>();

/**
 * Names that may be bound by `name = x.f` or `name = x[i]` somewhere in `owner` (closures included,
 * as `localAssignedValue` sees them): every identifier in such an assignment's target, a superset
 * of the names it binds. One scan per function.
 */
function boundToRead(owner: FunctionInfo): ReadonlySet<string> {
  const cached = boundToReadCache.get(owner);
  if (cached) return cached;
  const names = new Set<string>();
  const stack = [...owner.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'assignment') {
      const parts = assignmentParts(n);
      if (parts && parts.op === '=' && (parts.lhs.type === 'identifier' || parts.lhs.type === 'typed_expression') && (parts.rhs?.type === 'field_expression' || parts.rhs?.type === 'index_expression')) {
        const targets = [parts.lhs];
        while (targets.length > 0) {
          const t = targets.pop()!;
          if (t.type === 'identifier') names.add(t.text);
          else for (const c of t.children) targets.push(c);
        }
      }
    }
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) stack.push(kids[i]);
  }
  // Most functions have none: share one empty set rather than keep one each.
  const kept = names.size === 0 ? NO_NAMES : names;
  boundToReadCache.set(owner, kept);
  return kept;
}

function readSource(n: SyntaxNode, owner: FunctionInfo, project: Project): string | null {
  const base = n.namedChild(0);
  if (!base) return null;
  if (base.type === 'identifier' && isLocalName(base.text, owner) && !findParam(base.text, owner)) {
    const v = localAssignedValue(base.text, owner);
    // Containers built as `[]`/`Any[]`/`Dict()` here are TRIM203's finding.
    if (v && isUntypedConstructor(v)) return null;
  }
  const bt = typeOfExpression(base, owner, project);
  if (bt.kind !== 'concrete' && !isConcreteContainerFact(bt)) return null;
  return n.type === 'field_expression' ? `a field of \`${bt.text}\` declared without a type` : `an element of \`${bt.text}\``;
}

function isUntypedConstructor(v: SyntaxNode): boolean {
  if (v.type === 'vector_expression' && v.namedChildCount === 0) return true;
  if (v.type === 'index_expression' && v.namedChild(0)?.text === 'Any') return true;
  if (v.type === 'call_expression') {
    const name = calleeName(v);
    if ((name === 'Dict' || name === 'Set' || name === 'IdDict') && callArguments(v).positional.length === 0) return true;
    const c = v.namedChild(0);
    if (c?.type === 'parametrized_type_expression' && /\bAny\b/.test(c.text)) return true;
  }
  return false;
}

function isCaught(name: string, owner: FunctionInfo): boolean {
  const stack = [...owner.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'catch_clause' && n.namedChild(0)?.type === 'identifier' && n.namedChild(0)!.text === name) return true;
    if (n.type === 'assignment') {
      const parts = assignmentParts(n);
      if (parts && parts.lhs.text === name) continue;
    }
    for (const c of n.children) stack.push(c);
  }
  return false;
}

const NO_NAMES: ReadonlySet<string> = new Set<string>();
