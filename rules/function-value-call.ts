import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { Severity } from '../analysis/finding';
import { dottedName } from '../analysis/julia-syntax';
import { findParam, isLocalName, localAssignedValue } from '../analysis/local-types';
import { Project } from '../analysis/project';
import { describeFact, fieldFact, isAbstractFact, structNamed, typeHead, typeOfExpression, typeParams, TypeFact } from '../analysis/type-facts';
import { Rule } from './rule';

/** Element types that are callables of unknown concrete type. */
const CALLABLE_ELEMENT = /^(Function|Base\.Function|Core\.Function|Base\.Callable|Callable)$/;

interface Verdict {
  severity: Severity;
  source: string;
}

export const functionValueCall: Rule = {
  meta: {
    code: 'TRIM204',
    name: 'function-value-call',
    summary: 'Calling a function value whose type is `Function`, `Any` or abstract (`s.f(x)`, `HANDLERS[op](a, b)`)',
    severity: 'warning',
    category: 'types',
    fixable: 'none',
    docs: {
      what:
        'Flags calls whose callee is a value of unknown concrete type: a struct field typed `::Function` or left untyped (`s.f(x)`), a lookup in a `Dict{..., Function}`, `Vector{Function}`, `Dict{Symbol,Any}` or other container of callables or of `Any` (`HANDLERS[op](a, b)`), or a local bound to one of those. Lookups in containers typed with `Function` elements are errors; fields and `Any` elements are warnings.',
      why:
        '`Function` is an abstract type: each function has its own concrete type, and a value typed `Function` (or `Any`) could be any of them. Calling it is dynamic dispatch, which the trim verifier cannot resolve. MPI.jl calling hooks from a `Vector{Any}`, Ipopt.jl\'s callbacks in an untyped problem struct and registries such as `SOLVER_REGISTRY[solver](...)` all failed this way.',
      verifierMessage: 'unresolved call from statement (%1::Function)(a::Int64, b::Int64)::Any',
      example: 'const HANDLERS = Dict{String,Function}("add" => +, "mul" => *)\napply_op(op::String, a::Int, b::Int) = HANDLERS[op](a, b)\n\nstruct Job\n    callback::Function\nend\nrun(j::Job, x::Int) = j.callback(x)',
      useInstead:
        'function apply_op(op::String, a::Int, b::Int)\n    op == "add" && return a + b\n    op == "mul" && return a * b\n    error("unknown op")\nend\n\nstruct Job{F}\n    callback::F\nend\nrun(j::Job, x::Int) = j.callback(x)',
      fixSafety: 'No automatic fix: a type parameter changes the struct\'s type, and a registry must become explicit branches, which only the author can write.',
      falsePositives:
        'Fields typed by a type parameter (`struct Op{F}; f::F; end`), parameters annotated `f::F` with `where {F}` or left untyped and called directly (Julia specialises on a function argument it calls), `const f = sin` globals, closed `if`/`elseif` chains that call named functions, and callees whose type trimsafe cannot see are not flagged. A parameter annotated `::Function` and called in the body is specialised too and is not flagged; passing it on without calling it is TRIM303\'s finding.',
      evidence: [
        'https://github.com/JuliaParallel/MPI.jl/issues/931',
        'https://github.com/jump-dev/Ipopt.jl/pull/478',
        'https://github.com/jump-dev/Ipopt.jl/pull/535',
        'https://github.com/alex-s-gardner/AutoRIFT.jl',
      ],
    },
  },
  create(ctx) {
    return {
      call_expression(node, owner) {
        const callee = node.namedChild(0);
        if (!callee) return;
        const verdict = judgeCallee(callee, owner, ctx.project, 0);
        if (!verdict) return;
        ctx.report({
          node: callee,
          severity: verdict.severity,
          message: `\`${short(callee.text)}\` is ${verdict.source}: calling it is dynamic dispatch, which the trim verifier cannot resolve. Store the function in a type-parameterised field (\`struct S{F}; f::F; end\`) or replace the lookup with explicit branches that call named functions.`,
        });
      },
    };
  },
};

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? one.slice(0, 37) + '...' : one;
}

function judgeCallee(callee: SyntaxNode, owner: FunctionInfo, project: Project, depth: number): Verdict | null {
  if (depth > 3) return null;
  if (callee.type === 'field_expression') return fieldVerdict(callee, owner, project);
  if (callee.type === 'index_expression') return lookupVerdict(callee, owner, project);
  if (callee.type === 'parenthesized_expression' && callee.namedChildCount === 1) return judgeCallee(callee.namedChild(0)!, owner, project, depth + 1);
  if (callee.type === 'identifier') {
    // Parameters are specialised when called; globals are TRIM202's concern.
    if (findParam(callee.text, owner) || !isLocalName(callee.text, owner)) return null;
    const value = localAssignedValue(callee.text, owner);
    if (!value) {
      const coll = loopCollection(callee);
      if (!coll) return null;
      const inner = elementVerdict(typeOfExpression(coll, owner, project));
      return inner ? { severity: inner.severity, source: `a loop variable over \`${short(coll.text)}\`, ${inner.source}` } : null;
    }
    const t = typeOfExpression(callee, owner, project);
    if (!isAbstractFact(t)) return null;
    const inner = value.type === 'field_expression' || value.type === 'index_expression' ? judgeCallee(value, owner, project, depth + 1) : null;
    return inner ? { severity: inner.severity, source: `bound to \`${short(value.text)}\`, ${inner.source}` } : null;
  }
  return null;
}

function fieldVerdict(callee: SyntaxNode, owner: FunctionInfo, project: Project): Verdict | null {
  const value = callee.childByField('value') ?? callee.namedChild(0);
  const member = callee.namedChildren.filter((c) => c !== value).pop();
  if (!value || !member || member.type !== 'identifier') return null;
  // `Base.f(x)`, `Mod.g(x)`: a qualified function name, not a field.
  if (dottedName(callee) && value.type === 'identifier' && !isLocalName(value.text, owner) && !findParam(value.text, owner)) return null;
  const vt = typeOfExpression(value, owner, project);
  if (vt.kind !== 'concrete') return null;
  const s = structNamed(vt.text, project);
  if (!s) return null;
  const ff = fieldFact(s, member.text, project);
  if (ff.fact === 'untyped') return { severity: 'warning', source: `field \`${member.text}\` of \`${s.name}\`, declared without a type (so \`Any\`)` };
  if (ff.fact === 'abstract') return { severity: 'warning', source: `field \`${member.text}::${describeFact(ff.type)}\` of \`${s.name}\`, an abstract type` };
  return null;
}

function lookupVerdict(callee: SyntaxNode, owner: FunctionInfo, project: Project): Verdict | null {
  const base = callee.namedChild(0);
  if (!base) return null;
  return elementVerdict(typeOfExpression(base, owner, project));
}

/** The collection of the innermost `for name in coll` loop around `id` that binds its name. */
function loopCollection(id: SyntaxNode): SyntaxNode | null {
  for (let p = id.parent; p; p = p.parent) {
    if (p.type !== 'for_statement') continue;
    for (const b of p.namedChildren) {
      if (b.type !== 'for_binding') continue;
      if (b.namedChild(0)?.type === 'identifier' && b.namedChild(0)!.text === id.text) return b.namedChild(b.namedChildCount - 1);
    }
  }
  return null;
}

function elementVerdict(container: TypeFact): Verdict | null {
  if (container.kind !== 'concrete' && container.kind !== 'abstract') return null;
  const head = typeHead(container.text);
  const ps = typeParams(container.text);
  const element = /^(Dict|IdDict|AbstractDict|OrderedDict)$/.test(head) ? ps[1] : /^(Vector|Array|AbstractVector|AbstractArray|Memory|Tuple|NTuple)$/.test(head) ? ps[head === 'NTuple' ? 1 : 0] : undefined;
  if (!element) return null;
  if (CALLABLE_ELEMENT.test(element)) return { severity: 'error', source: `an element of \`${container.text}\`, typed \`${element}\`` };
  if (element === 'Any' || element === 'Core.Any') return { severity: 'warning', source: `an element of \`${container.text}\`, typed \`Any\`` };
  return null;
}
