import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { Fix, Severity } from '../analysis/finding';
import { baseName, callArguments, calleeName, dottedName } from '../analysis/julia-syntax';
import { findParam, localAssignedValue } from '../analysis/local-types';
import { Project, rangeOf } from '../analysis/project';
import { visitedCalleeName } from './syntax-memo';
import { Rule } from './rule';

/** Builtins whose splatted calls the verifier accepts since julia PR 60062. */
const BUILTIN_APPLY = new Set(['tuple', 'Core.tuple', 'Core.svec']);

/** Calls that return a tuple: splatting their result has a length known to inference. */
const TUPLE_CALLS = new Set([
  'tuple', 'Core.tuple', 'Tuple', 'NTuple', 'ntuple', 'promote', 'axes', 'size', 'strides', 'divrem', 'fldmod',
  'minmax', 'extrema', 'sincos', 'sincospi', 'reim', 'frexp', 'modf', 'findmin', 'findmax', 'to_indices',
  'parentindices', 'Base.front', 'Base.tail', 'front', 'tail', 'Base.promote', 'Base.axes', 'Base.size',
]);

/** Calls that return an array, set, dict or string: never a tuple. */
const COLLECTION_CALLS = new Set([
  'collect', 'split', 'keys', 'values', 'readlines', 'vcat', 'hcat', 'zeros', 'ones', 'fill', 'Vector', 'Array',
  'Set', 'Dict', 'similar', 'push!', 'append!', 'eachsplit', 'readdir', 'string', 'join', 'range', 'findall',
]);

/** Parameter types that are collections of run-time length. */
const COLLECTION_TYPE = /^(Base\.)?(Abstract)?(Vector|Array|Matrix|VecOrMat|Dict|Set|Range|UnitRange|StepRange|String|BitVector|SubString|Memory)\b/;

/** Calls that give a collection when (the first of) their iterated arguments is one. */
const ELEMENTWISE_CALLS = new Set(['map', 'Base.map', 'filter', 'Base.filter', 'sort', 'Base.sort', 'reverse', 'Base.reverse', 'unique', 'Base.unique', 'copy', 'Base.copy']);

type Operand = 'tuple' | 'collection' | 'unknown';

export const collectionSplat: Rule = {
  meta: {
    code: 'TRIM301',
    name: 'collection-splat',
    summary: 'Splatting a collection of run-time length into a call or array literal (`f(v...)`, `[a..., b...]`)',
    severity: 'error',
    category: 'calls',
    fixable: 'unsafe',
    docs: {
      what:
        'Flags `...` splats in calls (`f(v...)`, `f.(v...)`), array literals (`[a..., b...]`, `[a...; b...]`) and typed literals or indexing (`T[v...]`, `A[i...]`) in run-time code, when the splatted value is not a tuple of known length. It is an error when the value is known to be an array, set, dict, string or range (a literal, `collect(...)`, `split(...)`, `keys/values(...)`, `map`/`filter`/`sort` over one of those, a parameter typed `Vector{...}`, a field declared `Vector{...}` in the struct a parameter is annotated with, the `@main` arguments, or a local assigned one of those) and a warning otherwise.',
      why:
        'A splat becomes `Core._apply_iterate(iterate, f, v)`: the number of arguments, so the method to call, is known only when the program runs. Inference cannot turn that into a resolved call (julia issue 57830), so the trim verifier reports it. Since julia PR 60062 (backported to 1.12) splats into builtins such as `tuple` over arrays and tuples are accepted, but splatting into a generic function remains an error.',
      verifierMessage:
        'unresolved call from statement Core._apply_iterate(Base.iterate, Base.tuple, %new()::Vector{Union{UInt64, String}})::Tuple{Vararg{...}}',
      example: 'addall(v::Vector{Int}) = +(v...)\nmerge_lists(a::Vector{Int}, b::Vector{Int}) = [a..., b...]',
      useInstead: 'addall(v::Vector{Int}) = sum(v)          # or reduce(+, v), or a loop\nmerge_lists(a::Vector{Int}, b::Vector{Int}) = vcat(a, b)',
      fixSafety:
        'Unsafe: `[a..., b...]` (two or more splatted operands and nothing else) is rewritten to `vcat(a, b)`, which gives the same vector for vectors but differs when an operand is a tuple, a string or a scalar collection of another shape. Other splats get no fix: the right rewrite (a loop, `reduce`, a method taking the collection) depends on the callee.',
      falsePositives:
        'Splats in signatures (`f(xs...) = ...`), forwarding a vararg parameter of the enclosing function (`g(args...)` where `args...` is a parameter), tuple literals `(v...,)`, `tuple(v...)`/`Core.tuple(v...)`, splatting a tuple literal, and parameters typed `NTuple{N,T}`, `Tuple{...}` or `Vararg{T,N}` are not flagged. Keyword splats (`f(; kw...)`) belong to TRIM302.',
      versions: 'Before julia PR 60062 (November 2025) even splats into builtins failed: `VersionNumber("1.2.3")` did not trim on 1.12.1 (JuliaC issue 70).',
      evidence: [
        'https://github.com/JuliaLang/julia/issues/57830',
        'https://github.com/JuliaLang/julia/pull/60062',
        'https://github.com/JuliaLang/JuliaC.jl/issues/70',
        'https://github.com/jump-dev/Ipopt.jl/pull/478',
      ],
    },
  },
  create(ctx) {
    const judge = (splat: SyntaxNode, owner: FunctionInfo): Operand => {
      const operand = splat.namedChild(0);
      return operand ? classify(operand, owner, 0, ctx.project) : 'unknown';
    };
    const severityOf = (ops: Operand[]): Severity => (ops.includes('collection') ? 'error' : 'warning');

    const checkCall = (node: SyntaxNode, owner: FunctionInfo) => {
      const name = visitedCalleeName(node);
      if (node.type === 'call_expression' && name && BUILTIN_APPLY.has(name)) return;
      const calleeText = node.namedChild(0)?.text ?? '';
      const target = name ? `\`${baseName(name)}\`` : calleeText.length > 0 && calleeText.length <= 30 ? `\`${calleeText}\`` : 'the call';
      for (const arg of callArguments(node).positional) {
        if (arg.type !== 'splat_expression') continue;
        const op = judge(arg, owner);
        if (op === 'tuple') continue;
        const value = `\`${arg.namedChild(0)?.text ?? arg.text}\``;
        const head =
          op === 'collection'
            ? `${value} is a collection, not a tuple: splatting it into ${target} makes a call whose number of arguments is known only at run time`
            : `Splatting ${value} into ${target} makes a call whose number of arguments is known only at run time unless ${value} is a tuple`;
        ctx.report({
          node: arg,
          severity: severityOf([op]),
          message: `${head} (\`Core._apply_iterate\`); the trim verifier cannot resolve it. Pass the collection itself, loop over it, or use \`reduce\`, \`sum\`, \`vcat\` or \`append!\`.`,
        });
      }
    };

    const checkLiteral = (container: SyntaxNode, splats: SyntaxNode[], owner: FunctionInfo, allSplats: boolean) => {
      const ops = splats.map((s) => judge(s, owner));
      if (ops.every((o) => o === 'tuple')) return;
      const indexed = container.parent?.type === 'index_expression' ? container.parent : null;
      const fixes: Fix[] = [];
      if (!indexed && container.type === 'vector_expression' && allSplats && splats.length >= 2 && !ops.includes('tuple')) {
        fixes.push({
          description: 'Concatenate with vcat',
          safety: 'unsafe',
          edits: [{ range: rangeOf(container), newText: `vcat(${splats.map((s) => s.namedChild(0)!.text).join(', ')})` }],
        });
      }
      const node = indexed ?? container;
      ctx.report({
        node,
        severity: severityOf(ops),
        message:
          `Splatting into ${indexed ? (indexed.text.length > 40 ? 'an indexed or typed array literal' : `\`${indexed.text}\``) : 'an array literal'} makes a call whose number of arguments is known only at run time` +
          (ops.includes('collection') ? '' : ' unless every splatted value is a tuple') +
          ' (`Core._apply_iterate`); the trim verifier cannot resolve it' +
          (fixes.length > 0 ? '. Use `vcat(...)` instead.' : '. Use `vcat`, `append!` or a loop instead.'),
        fixes,
      });
    };

    return {
      call_expression: checkCall,
      broadcast_call_expression: checkCall,
      vector_expression(node, owner) {
        const named = node.namedChildren.filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment');
        const splats = named.filter((c) => c.type === 'splat_expression');
        if (splats.length === 0 || isAssignmentTarget(node)) return;
        checkLiteral(node, splats, owner, splats.length === named.length);
      },
      matrix_expression(node, owner) {
        const splats = node.namedChildren.flatMap((row) => (row.type === 'matrix_row' ? row.namedChildren : [row])).filter((c) => c.type === 'splat_expression');
        if (splats.length === 0) return;
        checkLiteral(node, splats, owner, false);
      },
    };
  },
};

function isAssignmentTarget(vector: SyntaxNode): boolean {
  // `A[i...] = v` still splats (setindex!), but `[a, b...] = v` would be destructuring; only the former parses here.
  return vector.parent?.type === 'assignment' && vector.parent.namedChild(0) === vector;
}

function classify(node: SyntaxNode, owner: FunctionInfo, depth: number, project: Project): Operand {
  const n = unwrapParentheses(node);
  switch (n.type) {
    case 'tuple_expression':
      return 'tuple';
    case 'parenthesized_expression':
      return n.children.some((c) => c.type === 'for_clause') ? 'collection' : 'unknown'; // a generator
    case 'vector_expression':
    case 'matrix_expression':
    case 'comprehension_expression':
    case 'range_expression':
    case 'string_literal':
      return 'collection';
    case 'index_expression':
      // `String[]`, `Int[1, 2]`: typed array literals.
      return n.namedChild(1)?.type === 'vector_expression' && /^[A-Z]/.test(n.namedChild(0)?.text ?? '') ? 'collection' : 'unknown';
    case 'call_expression': {
      const name = calleeName(n);
      if (!name) return 'unknown';
      if (TUPLE_CALLS.has(name)) return 'tuple';
      // `map(f, t)` over a tuple gives a tuple.
      if ((name === 'map' || name === 'Base.map') && depth <= 2) {
        const over = callArguments(n).positional.slice(1);
        if (over.length > 0 && over.every((a) => classify(a, owner, depth + 1, project) === 'tuple')) return 'tuple';
      }
      // `map(length, words)` over an array gives an array (over a tuple, a tuple: handled above).
      if (ELEMENTWISE_CALLS.has(name) && depth <= 2) {
        const args = callArguments(n).positional;
        const over = name.endsWith('map') || name.endsWith('filter') ? args.slice(1) : args.slice(0, 1);
        if (over.length > 0 && over.some((a) => classify(a, owner, depth + 1, project) === 'collection')) return 'collection';
      }
      const base = n.namedChild(0)?.type === 'parametrized_type_expression' ? dottedName(n.namedChild(0)!.namedChild(0)) : null;
      if (base && /^(Vector|Array|Set|Dict|Matrix)$/.test(base)) return 'collection';
      return COLLECTION_CALLS.has(baseName(name)) && /^(Base\.)?[\w!]+$/.test(name) ? 'collection' : 'unknown';
    }
    case 'broadcast_call_expression': {
      // `f.(t)` over tuples (and scalars) gives a tuple.
      const over = callArguments(n).positional;
      return depth <= 2 && over.some((a) => classify(a, owner, depth + 1, project) === 'tuple') && over.every((a) => classify(a, owner, depth + 1, project) !== 'collection') ? 'tuple' : 'unknown';
    }
    case 'identifier': {
      const param = findParam(n.text, owner);
      if (param) {
        if (param.vararg) return 'tuple';
        const type = param.typeNode?.text.replace(/\s+/g, '') ?? '';
        // Tuple arguments are specialised on their concrete type, so their length is known.
        if (/^(Core\.|Base\.)?(NTuple|Tuple|Vararg|Dims|Indices)(\{|$)/.test(type)) return 'tuple';
        if (COLLECTION_TYPE.test(type)) return 'collection';
        if (isMainArguments(n.text, owner)) return 'collection';
        return 'unknown';
      }
      if (depth > 2) return 'unknown';
      const value = localAssignedValue(n.text, owner);
      return value ? classify(value, owner, depth + 1, project) : 'unknown';
    }
    case 'field_expression':
      return classifyField(n, owner, project);
    default:
      return 'unknown';
  }
}

/** `p.x` where `p` is a parameter annotated with a struct of the project: the field's declared type. */
function classifyField(n: SyntaxNode, owner: FunctionInfo, project: Project): Operand {
  const receiver = n.namedChild(0);
  const field = n.namedChildren[n.namedChildren.length - 1];
  if (!receiver || receiver.type !== 'identifier' || !field || field === receiver) return 'unknown';
  const typeNode = findParam(receiver.text, owner)?.typeNode;
  const typeName = typeNode ? dottedName(typeNode) : null;
  if (!typeName) return 'unknown';
  const judged = new Set<Operand>();
  for (const file of project.files.values()) {
    for (const st of file.structs) {
      if (st.name !== baseName(typeName)) continue;
      const type = st.fields.find((f) => f.name === field.text)?.typeNode?.text.replace(/\s+/g, '') ?? '';
      judged.add(/^(Core\.|Base\.)?(NTuple|Tuple)(\{|$)/.test(type) ? 'tuple' : COLLECTION_TYPE.test(type) ? 'collection' : 'unknown');
    }
  }
  return judged.size === 1 ? [...judged][0] : 'unknown';
}

/** `((x))` as `x`, without recursion: parentheses may nest thousands deep. */
function unwrapParentheses(n: SyntaxNode): SyntaxNode {
  let cur = n;
  while (cur.type === 'parenthesized_expression' && cur.namedChildCount === 1 && !cur.children.some((c) => c.type === 'for_clause')) cur = cur.namedChild(0)!;
  return cur;
}

/** The first parameter of `@main`: a `Vector{String}`. */
function isMainArguments(name: string, owner: FunctionInfo): boolean {
  for (let f: FunctionInfo | null = owner; f; f = f.parent) {
    if (f.params.some((p) => p.name === name)) return f.entry?.kind === 'main' && f.params[0]?.name === name;
  }
  return false;
}
