import { SyntaxNode } from '../grammar-bindings';
import { FileFacts, FunctionInfo } from '../analysis/file-facts';
import { baseName, callArguments, calleeName, dottedName } from '../analysis/julia-syntax';
import { findParam, isLocalName, localAssignedValue } from '../analysis/local-types';
import { Project } from '../analysis/project';
import { Rule } from './rule';
import { visitedCalleeName } from './syntax-memo';

export const keywordSplat: Rule = {
  meta: {
    code: 'TRIM302',
    name: 'keyword-splat',
    summary: 'Keyword arguments splatted from run-time data (`f(; opts...)` with a `Dict` or a run-time `pairs`/`NamedTuple`)',
    severity: 'warning',
    category: 'calls',
    fixable: 'none',
    docs: {
      what:
        'Flags keyword splats `f(; opts...)` and `f(a; kw...)` in run-time code, unless the splatted value is a `kw...` keyword parameter of the enclosing function being forwarded, a literal named tuple or a `const` bound to one.',
      why:
        'Keyword calls go through a keyword sorter that is specialised on the keyword names and value types. A `Dict{Symbol,Any}`, a `pairs(...)` or a `NamedTuple` assembled at run time hides both from inference, so the call into the sorter (`var"#f#12"`) is dynamic and the trim verifier cannot resolve it. Forwarding a caller\'s `kw...` is fine: it is specialised on the caller\'s literal keywords.',
      verifierMessage: 'unresolved call from statement HTTP.:(var"#request#187")(...)',
      example: 'function make(cfg::Dict{Symbol,Any})\n    return Solver(; cfg...)\nend',
      useInstead:
        'struct SolverOptions\n    tol::Float64\n    maxiter::Int\nend\n\nmake(o::SolverOptions) = Solver(; tol = o.tol, maxiter = o.maxiter)',
      fixSafety: 'No automatic fix: the keyword names must be written out.',
      falsePositives:
        'Forwarding the enclosing function\'s own keyword splat (`g(x; kw...) = f(x; kw...)`) or a parameter typed `NamedTuple`, splatting a literal named tuple (`f(; (a = 1, b = 2)...)`), a local assigned one or a `const` global bound to one (`const DEFAULTS = (width = 120, height = 40)`), and literal keyword calls (`cat(a, b; dims = 2)`) are not flagged.',
      evidence: ['https://discourse.julialang.org/t/using-syntax-and-trim/133201', 'https://github.com/JuliaWeb/HTTP.jl'],
    },
  },
  create(ctx) {
    const check = (node: SyntaxNode, owner: FunctionInfo) => {
      const { keywords } = callArguments(node);
      for (const kw of keywords) {
        if (kw.type !== 'splat_expression') continue;
        const value = kw.namedChild(0);
        if (!value || isStaticKeywords(value, owner, 0, { project: ctx.project, file: ctx.file })) continue;
        const name = visitedCalleeName(node);
        const target = name ? `\`${baseName(name)}\`` : 'the call';
        const dict = isDict(value, owner) ? ` A \`Dict\` has keys known only at run time.` : '';
        ctx.report({
          node: kw,
          message: `Splatting \`${value.text}\` into the keyword arguments of ${target} hides the keyword names and value types from inference, so the call into ${target}'s keyword sorter is dynamic and the trim verifier cannot resolve it.${dict} Pass positional arguments or a concrete options struct built with literal keywords.`,
        });
      }
    };
    return { call_expression: check, broadcast_call_expression: check };
  },
};

interface Where {
  project: Project;
  file: FileFacts;
}

/** A forwarded `kw...` parameter, a literal named tuple (local or `const` global), or a merge of those. */
function isStaticKeywords(node: SyntaxNode, owner: FunctionInfo, depth: number, where: Where): boolean {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  switch (n.type) {
    case 'tuple_expression':
      return n.namedChildren.every((c) => c.type === 'named_field' || c.type === 'named_argument' || c.type === 'assignment');
    case 'identifier': {
      const param = findParam(n.text, owner);
      // A parameter typed NamedTuple is specialised on its concrete type, keyword names included.
      if (param) return (param.vararg && param.keyword) || /^(Core\.|Base\.)?NamedTuple(\{|$)/.test(param.typeNode?.text ?? '');
      if (depth > 2) return false;
      if (!isLocalName(n.text, owner)) return isConstNamedTuple(n.text, owner, where);
      const value = localAssignedValue(n.text, owner);
      return !!value && isStaticKeywords(value, owner, depth + 1, where);
    }
    case 'call_expression': {
      const name = calleeName(n);
      if (name !== 'merge' && name !== 'Base.merge') return false;
      const args = callArguments(n).positional;
      return args.length > 0 && args.every((a) => isStaticKeywords(a, owner, depth + 1, where));
    }
    default:
      return false;
  }
}

/**
 * `const DEFAULTS = (width = 120, height = 40)`: a `const` binding has the concrete type of its
 * value, and a named tuple's type holds its keyword names and value types, so the sorter call is
 * resolved.
 */
function isConstNamedTuple(name: string, owner: FunctionInfo, where: Where): boolean {
  const g =
    where.project.view().moduleOf(owner.module).globals.find((x) => x.name === name) ?? where.file.globals.find((x) => x.name === name);
  if (!g || g.kind !== 'const' || !g.valueNode) return false;
  let v = g.valueNode;
  while (v.type === 'parenthesized_expression' && v.namedChildCount === 1) v = v.namedChild(0)!;
  return v.type === 'tuple_expression' && v.namedChildCount > 0 && v.namedChildren.every((c) => c.type === 'named_field' || c.type === 'named_argument' || c.type === 'assignment');
}

function isDict(n: SyntaxNode, owner: FunctionInfo): boolean {
  if (n.type === 'call_expression') {
    const head = n.namedChild(0);
    const name = head?.type === 'parametrized_type_expression' ? dottedName(head.namedChild(0)) : calleeName(n);
    return !!name && /^(Base\.)?(Dict|IdDict|OrderedDict)$/.test(name);
  }
  if (n.type !== 'identifier') return false;
  const param = findParam(n.text, owner);
  if (param) return /^(Base\.)?(Abstract)?(Dict|IdDict|OrderedDict)\b/.test(param.typeNode?.text ?? '');
  const value = localAssignedValue(n.text, owner);
  return !!value && value.type === 'call_expression' && isDict(value, owner);
}
