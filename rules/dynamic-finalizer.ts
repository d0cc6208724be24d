import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { callArguments, doClause } from '../analysis/julia-syntax';
import { findParam, isLocalName, localAssignedValue } from '../analysis/local-types';
import { Project } from '../analysis/project';
import { describeFact, isAbstractFact, typeOfExpression } from '../analysis/type-facts';
import { visitedCalleeName } from './syntax-memo';
import { Rule } from './rule';

export const dynamicFinalizer: Rule = {
  meta: {
    code: 'TRIM306',
    name: 'dynamic-finalizer',
    summary: '`finalizer(f, x)` where `f` is a `::Function`/untyped parameter passed through, `@nospecialize`d, or of abstract type',
    severity: 'error',
    category: 'calls',
    fixable: 'none',
    docs: {
      what:
        'Flags `finalizer(f, x)` in run-time code when `f` is a parameter annotated `::Function` (or `Base.Callable`) or left untyped and not called in the body, a `@nospecialize` parameter, or a local or field whose type is abstract or `Any` (a `::Function` field, a `Dict{Symbol,Any}` value).',
      why:
        'The verifier checks that each registered finalizer `f(x)` can be resolved to compiled code. A finalizer typed only as `Function` (a parameter Julia did not specialise on because it is just passed through, or an abstract field) cannot be, and the build fails with `unresolved finalizer registered`.',
      verifierMessage: 'unresolved finalizer registered from statement Core.finalizer(f::Function, x::Handle)::Nothing',
      example: 'mutable struct Handle\n    ptr::Ptr{Cvoid}\nend\ntrack(h::Handle, f::Function) = finalizer(f, h)',
      useInstead: 'release!(h::Handle) = (h.ptr = C_NULL; nothing)\ntrack(h::Handle) = finalizer(release!, h)\n\n# or, if the function must be a parameter:\ntrack(h::Handle, f::F) where {F} = finalizer(f, h)',
      fixSafety: 'No automatic fix: name the finalizer function, or give the parameter a type variable (`f::F ... where {F}`).',
      falsePositives:
        '`finalizer(named_function, obj)`, do-block finalizers (`finalizer(obj) do o ... end`), lambdas (`finalizer(o -> close(o), obj)`), parameters with a type variable (`f::F` with `where {F}`) and untyped parameters the body also calls (then Julia specialises on them) are not flagged. The Trimmability test exercises named, inline and escaping finalizers.',
      evidence: [
        'https://github.com/JuliaLang/julia/blob/master/Compiler/test/verifytrim.jl',
        'https://github.com/JuliaLang/julia/pull/58014',
        'https://github.com/JuliaLang/julia/pull/58311',
        'https://github.com/alex-s-gardner/AutoRIFT.jl',
      ],
    },
  },
  create(ctx) {
    return {
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (name !== 'finalizer' && name !== 'Base.finalizer') return;
        if (doClause(node)) return;
        const f = callArguments(node).positional[0];
        if (!f || callArguments(node).positional.length < 2) return;
        const why = dynamicFunction(f, owner, ctx.project);
        if (!why) return;
        ctx.report({
          node: f,
          message: `The finalizer \`${f.text.length > 30 ? f.text.slice(0, 27) + '...' : f.text}\` is ${why}, so the verifier cannot resolve the call \`f(x)\` it registers (\`unresolved finalizer registered\`). Pass a named function, or give the parameter a type variable (\`f::F\` with \`where {F}\`).`,
        });
      },
    };
  },
};

function dynamicFunction(f: SyntaxNode, owner: FunctionInfo, project: Project): string | null {
  if (f.type === 'arrow_function_expression') return null;
  if (f.type === 'identifier') {
    const p = findParam(f.text, owner);
    if (p) {
      const holder = ownerOfParam(f.text, owner);
      if (p.nospecialize) return 'a `@nospecialize` parameter';
      const t = p.typeNode?.text.replace(/\s+/g, '') ?? '';
      if (holder && holder.whereNames.some((w) => new RegExp(`\\b${w}\\b`).test(t))) return null;
      if (/^(Base\.|Core\.)?(Function|Callable)$/.test(t)) return holder && isCalled(holder, f.text) ? null : `a parameter typed \`${t}\` that is only passed through, which Julia does not specialise on`;
      if (!p.typeNode && holder && !holder.parent && !isCalled(holder, f.text)) return 'an untyped parameter only passed through, which Julia does not specialise on when it holds a function';
      return null;
    }
    if (!isLocalName(f.text, owner)) return null; // a named function or a global
    const value = localAssignedValue(f.text, owner);
    if (value?.type === 'arrow_function_expression') return null;
  }
  const t = typeOfExpression(f, owner, project);
  if (!isAbstractFact(t)) return null;
  return t.kind === 'any' ? 'typed `Any`' : `of the abstract type \`${describeFact(t)}\``;
}

function ownerOfParam(name: string, owner: FunctionInfo): FunctionInfo | null {
  for (let f: FunctionInfo | null = owner; f; f = f.parent) if (f.params.some((p) => p.name === name)) return f;
  return null;
}

function isCalled(f: FunctionInfo, name: string): boolean {
  const stack = [...f.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'call_expression' && n.namedChild(0)?.type === 'identifier' && n.namedChild(0)!.text === name) return true;
    for (const c of n.children) stack.push(c);
  }
  return false;
}
