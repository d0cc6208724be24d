import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { assignmentParts, baseName, callArguments, calleeName, macroCall } from '../analysis/julia-syntax';
import { Rule } from './rule';
import { visitedCalleeName } from './syntax-memo';

/** Uses of a `@nospecialize` argument that do not dispatch on it. */
const HARMLESS = new Set([
  'push!', 'pushfirst!', 'setindex!', 'setfield!', 'setproperty!', 'isa', 'typeof', 'isnothing', 'ismissing', 'Ref',
  'Some', 'tuple', 'identity', 'objectid', 'Base.donotdelete', 'donotdelete', 'throw', 'rethrow', 'getfield',
]);

const IDENTITY_OPS = /^(===|!==|isa|<:)$/;

export const inferenceBarrier: Rule = {
  meta: {
    code: 'TRIM305',
    name: 'inference-barrier',
    summary: '`Base.inferencebarrier(x)` used in a call, `@nospecialize` arguments called or dispatched on',
    severity: 'error',
    category: 'calls',
    fixable: 'none',
    docs: {
      what:
        'Flags `Base.inferencebarrier(x)` whose result is used in a call or an operator (directly or through a local), and parameters marked `@nospecialize` (in the signature or with `@nospecialize x` in the body) that the body calls (`f(x)` where `f` is the argument) or passes to another function or operator (`show(io, x)`, `x + 1`). `Base.@invokelatest` is TRIM401\'s finding.',
      why:
        '`inferencebarrier` exists to hide a value\'s type from inference: the result is `Any`, so every call made with it is dynamic, and JuliaC\'s own "deliberately untrimmable" test is `x = Base.inferencebarrier(1); println(Core.stdout, x + x)`. `@nospecialize` tells the compiler to compile the method for the declared (usually `Any`) type, so calls that dispatch on the argument are dynamic too; FFTW.jl\'s `@nospecialize` plan argument broke trimming this way.',
      verifierMessage: 'unresolved call from statement (%1::Any + %1::Any)::Any',
      example: 'function (@main)(args)\n    x = Base.inferencebarrier(1)\n    println(Core.stdout, x + x)\n    return 0\nend\n\nfunction describe(io::IO, @nospecialize(x))\n    show(io, x)\nend',
      useInstead: 'function (@main)(args)\n    x = 1\n    println(Core.stdout, x + x)\n    return 0\nend\n\nfunction describe(io::IO, x)\n    show(io, x)\nend',
      fixSafety: 'No automatic fix: remove the barrier or the `@nospecialize`, or typeassert the value (`Base.inferencebarrier(x)::Int`) where its type is known.',
      falsePositives:
        '`@nospecialize` arguments that are only stored (`push!(v, x)`, `d[k] = x`, a field), compared by identity (`x === nothing`, `x isa T`), passed to `typeof`, or returned are not flagged, nor `Base.inferencebarrier(x)::T` narrowed by a typeassert, nor a barrier whose result is only stored.',
      evidence: [
        'https://github.com/JuliaLang/JuliaC.jl/blob/main/test/untrimmable.jl',
        'https://github.com/JuliaLang/JuliaC.jl/blob/main/test/quiet.jl',
        'https://github.com/JuliaMath/FFTW.jl/pull/327',
      ],
    },
  },
  create(ctx) {
    return {
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (name !== 'Base.inferencebarrier' && name !== 'inferencebarrier') return;
        const use = barrierUse(node, owner);
        if (!use) return;
        ctx.report({
          node,
          message: `\`${node.text.length > 40 ? 'Base.inferencebarrier(...)' : node.text}\` hides the value's type from inference (it is \`Any\`), and the result is used ${use}: that is a dynamic call the trim verifier rejects. Remove the barrier or typeassert the result.`,
        });
      },
      file() {
        for (const f of ctx.file.functions) {
          if (f.buildTime || f.kind === 'macro') continue;
          const names = new Map<string, SyntaxNode>();
          for (const p of f.params) if (p.nospecialize && p.name) names.set(p.name, p.node);
          for (const n of bodyNospecialize(f)) {
            const p = f.params.find((q) => q.name === n);
            if (p) names.set(n, p.node);
          }
          for (const [name] of names) {
            const use = dispatchingUse(f, name);
            if (!use) continue;
            ctx.report({
              node: use.node,
              owner: f,
              message: `\`${name}\` is \`@nospecialize\`d, so \`${f.name ?? 'this function'}\` is compiled for its declared type and ${use.what} dispatches dynamically, which the trim verifier rejects. Remove \`@nospecialize\`, or only store and compare the argument.`,
            });
          }
        }
      },
    };
  },
};

/** How a barrier's result reaches a call: directly as an argument/operand, or through a local. */
function barrierUse(call: SyntaxNode, owner: FunctionInfo): string | null {
  const p = call.parent;
  if (!p) return null;
  if (p.type === 'typed_expression') return null;
  if (p.type === 'argument_list' && p.parent?.type === 'call_expression' && !HARMLESS.has(baseName(calleeName(p.parent) ?? ''))) return `as an argument of \`${baseName(calleeName(p.parent) ?? 'a call')}\``;
  if (p.type === 'binary_expression' && !IDENTITY_OPS.test(p.namedChildren.find((c) => c.type === 'operator')?.text ?? '')) return 'as an operand';
  if (p.type === 'call_expression' && p.namedChild(0) === call) return 'as the function called';
  const parts = p.type === 'assignment' ? assignmentParts(p) : null;
  if (parts && parts.rhs === call && parts.lhs.type === 'identifier') {
    const use = dispatchingUse(owner, parts.lhs.text, p);
    return use ? `through \`${parts.lhs.text}\` (${use.what} at line ${use.node.startPosition.row + 1})` : null;
  }
  return null;
}

/** Names given to `@nospecialize a b` inside the body. */
function bodyNospecialize(f: FunctionInfo): string[] {
  const out: string[] = [];
  for (const stmt of f.body) {
    const mc = stmt.type === 'macrocall_expression' ? macroCall(stmt) : null;
    if (mc?.name !== 'nospecialize') continue;
    for (const a of mc.args) if (a.type === 'identifier') out.push(a.text);
  }
  return out;
}

/** The first place `name` is called, passed to a dispatching call or used as an operand in `f`. */
function dispatchingUse(f: FunctionInfo, name: string, after?: SyntaxNode): { node: SyntaxNode; what: string } | null {
  let best: { node: SyntaxNode; what: string } | null = null;
  const stack = [...f.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'macrocall_expression' && macroCall(n)?.name === 'nospecialize') continue;
    if (n.type === 'identifier' && n.text === name && (!after || n.startIndex >= after.endIndex) && (!best || n.startIndex < best.node.startIndex)) {
      const p = n.parent;
      if (p?.type === 'call_expression' && p.namedChild(0) === n) best = { node: p, what: `calling \`${name}\`` };
      else if (p?.type === 'argument_list' && p.parent?.type === 'call_expression' && callArguments(p.parent).positional.includes(n)) {
        const callee = calleeName(p.parent);
        if (!callee || !HARMLESS.has(baseName(callee))) best = { node: p.parent, what: `passing it to \`${callee ? baseName(callee) : 'a call'}\`` };
      } else if (p?.type === 'binary_expression' && !IDENTITY_OPS.test(p.namedChildren.find((c) => c.type === 'operator')?.text ?? '')) {
        best = { node: p, what: `\`${p.namedChildren.find((c) => c.type === 'operator')?.text ?? 'an operator'}\` on it` };
      } else if (p?.type === 'field_expression' && p.namedChild(0) === n) {
        best = { node: p, what: 'reading a property of it' };
      }
    }
    for (const c of n.children) stack.push(c);
  }
  return best;
}
