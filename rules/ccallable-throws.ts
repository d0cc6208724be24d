import { SyntaxNode } from '../grammar-bindings';
import { forEachUnitNode, getCallGraph } from '../analysis/call-graph';
import { FunctionInfo } from '../analysis/file-facts';
import { baseName, calleeName, macroCall } from '../analysis/julia-syntax';
import { isLocalName } from '../analysis/local-types';
import { rangeOf } from '../analysis/project';
import { displayName } from '../analysis/reachability';
import { Rule } from './rule';

const THROWERS = new Set(['error', 'throw', 'rethrow', 'Base.error', 'Core.throw', 'Base.throw', 'Base.rethrow']);

/** `error(...)`, `throw(...)`, `rethrow()` and `@assert`: the explicit ways to raise. */
function explicitThrow(n: SyntaxNode, owner: FunctionInfo): string | null {
  if (n.type === 'call_expression') {
    const name = calleeName(n);
    if (!name || !THROWERS.has(name)) return null;
    if (name === baseName(name) && isLocalName(name, owner)) return null;
    return `${baseName(name)}(...)`;
  }
  if (n.type === 'macrocall_expression') {
    const mc = macroCall(n);
    if (mc && mc.name === 'assert' && (!mc.qualifier || mc.qualifier === 'Base')) return '@assert';
  }
  return null;
}

/** True when `n` sits in the body of a `try` that has a `catch`, below `top`. */
function caught(n: SyntaxNode, top: SyntaxNode): boolean {
  let child = n;
  for (let p = n.parent; p && p !== top; child = p, p = p.parent) {
    if (p.type === 'try_statement' && p.children.some((c) => c.type === 'catch_clause')) {
      if (child.type !== 'catch_clause' && child.type !== 'finally_clause') return true;
    }
  }
  return false;
}

/** The first explicit throw in a function outside any try/catch, or null. */
function throwSite(fn: FunctionInfo, project: import('../analysis/project').Project): SyntaxNode | null {
  const file = project.view().fileOf(fn);
  if (!file) return null;
  let found: SyntaxNode | null = null;
  forEachUnitNode(fn, file, (node, owner) => {
    if (found || owner !== fn) return;
    if (explicitThrow(node, owner) && !caught(node, fn.node)) found = node;
  });
  return found;
}

export const ccallableThrows: Rule = {
  meta: {
    code: 'TRIM605',
    name: 'ccallable-throws',
    summary: '`@ccallable` bodies that can throw (`error`, `throw`, `@assert`, or a call to a project function that does) outside `try ... catch`',
    severity: 'warning',
    category: 'entrypoints',
    tags: ['runtime-risk'],
    fixable: 'none',
    docs: {
      what:
        'Flags, in the body of a `Base.@ccallable`, explicit `error(...)`, `throw(...)`, `rethrow()` and `@assert`, and calls to functions of the project that themselves explicitly throw (one level deep), when they are not inside a `try ... catch` in the same body.',
      why:
        'A `@ccallable` is called from C, which has no way to receive a Julia exception: an exception escaping it aborts the host process (or prints `fatal: error thrown and no exception handler available.`). The verifier does not check this; the library builds and crashes its caller.\n\nSeverity: **warning tagged `runtime-risk`** (the build passes; the host process dies when the error happens).',
      verifierMessage: 'None: the build passes. At run time: fatal: error thrown and no exception handler available.',
      example: 'Base.@ccallable function checked_sqrt(x::Cdouble)::Cdouble\n    x < 0 && error("negative input")\n    return sqrt(x)\nend',
      useInstead:
        'Base.@ccallable function checked_sqrt(x::Cdouble, out::Ptr{Cdouble})::Cint\n    x < 0 && return Cint(1)        # a status code instead of an exception\n    unsafe_store!(out, sqrt(x))\n    return Cint(0)\nend\n\n# or catch everything at the boundary:\nBase.@ccallable function safe_div(a::Cint, b::Cint)::Cint\n    try\n        return div(a, b)\n    catch\n        return Cint(-1)\n    end\nend',
      fixSafety: 'No automatic fix: return a status code (or a status struct with a fixed-size message buffer) and let the C caller decide.',
      falsePositives:
        'Throws inside a `try` that has a `catch` are not flagged (but a `throw` or `rethrow` inside the `catch` is). Operations that may throw implicitly (indexing, `div` by zero, conversions) are not flagged: that would flag nearly every body. Calls into other packages are not followed.',
      evidence: [
        'https://github.com/JuliaLang/julia/issues/58450',
        'https://github.com/JuliaLang/julia/pull/58543',
      ],
    },
  },
  create(ctx) {
    const graph = () => getCallGraph(ctx.project);
    const siteCache = new Map<FunctionInfo, SyntaxNode | null>();
    const siteOf = (f: FunctionInfo) => {
      if (!siteCache.has(f)) siteCache.set(f, throwSite(f, ctx.project));
      return siteCache.get(f)!;
    };
    const inCcallable = (owner: FunctionInfo) => owner === owner.unit && owner.entry?.kind === 'ccallable';
    return {
      call_expression(node, owner) {
        if (!inCcallable(owner) || caught(node, owner.node)) return;
        const what = explicitThrow(node, owner);
        if (what) {
          ctx.report({ node, message: `\`${what}\` in a \`@ccallable\` lets an exception escape into C, which aborts the host process. Return a status code instead, or wrap the body in \`try ... catch\`.` });
          return;
        }
        for (const target of graph().resolveCall(node, owner)) {
          if (target === owner || target.entry?.kind === 'ccallable') continue;
          const site = siteOf(target);
          if (!site) continue;
          const file = ctx.project.view().fileOf(target);
          ctx.report({
            node: node.namedChild(0) ?? node,
            message: `\`${displayName(target)}\` can throw (\`${site.text.split('\n')[0].slice(0, 50)}\` at line ${site.startPosition.row + 1}), and nothing in this \`@ccallable\` catches it: an exception escaping into C aborts the host process. Catch it here and return a status code.`,
            related: file ? [{ path: file.path, range: rangeOf(site), message: 'throws here' }] : undefined,
          });
          return;
        }
      },
      macrocall_expression(node, owner) {
        if (!inCcallable(owner) || caught(node, owner.node) || !explicitThrow(node, owner)) return;
        ctx.report({ node, message: '`@assert` in a `@ccallable` throws an `AssertionError` into C when it fails, which aborts the host process. Check the condition and return a status code instead.' });
      },
    };
  },
};
