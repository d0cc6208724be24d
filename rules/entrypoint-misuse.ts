import { SyntaxNode } from '../grammar-bindings';
import { judgeType } from '../analysis/base-types';
import { callArguments, calleeName } from '../analysis/julia-syntax';
import { isLocalName } from '../analysis/local-types';
import { visitedCalleeName } from './syntax-memo';
import { Rule } from './rule';

const NAMES = new Set(['Base.Experimental.entrypoint', 'Experimental.entrypoint']);

export const entrypointMisuse: Rule = {
  meta: {
    code: 'TRIM705',
    name: 'entrypoint-misuse',
    summary: '`Base.Experimental.entrypoint` called inside a function, or with abstract argument types',
    severity: 'warning',
    category: 'entrypoints',
    fixable: 'none',
    docs: {
      what:
        'Flags `Base.Experimental.entrypoint(f, argtypes)` calls inside function bodies, and top-level calls whose argument types include `Any` or an abstract type (`(Real,)`, `Tuple{typeof(f), AbstractString}`).',
      why:
        '`entrypoint` adds a signature to the roots compiled and verified, and only calls executed while the image is built count: inside a function it never runs at build time, so nothing is rooted. With abstract argument types the root is compiled for the abstract signature, which usually fails verification itself and is not the concrete signature dispatched at run time. It also does not fix a dynamic call site: in `safe` mode the verifier still reports the site.\n\nSeverity: **warning**.',
      example: 'function setup()\n    Base.Experimental.entrypoint(worker, (Int,))\nend\n\nBase.Experimental.entrypoint(process, (Any,))',
      useInstead: '# At top level, with concrete types:\nBase.Experimental.entrypoint(worker, (Int,))\nBase.Experimental.entrypoint(process, (String,))',
      fixSafety: 'No automatic fix.',
      falsePositives:
        '`Base.Experimental.entrypoint(main, (Vector{String},))` next to `@main` is redundant but harmless (HTTP.jl and JSON.jl trim workloads do it) and is not flagged; nor are roots for callable structs (`entrypoint(Tuple{MyJob})`) or for `dlopen(::LazyLibrary)`. Types the checker cannot judge are not flagged.',
      evidence: [
        'https://github.com/JuliaLang/julia/blob/master/base/experimental.jl',
        'https://github.com/JuliaWeb/HTTP.jl/blob/1c028cda92e2c2c486a2990cc17f8188d168ba5d/trim-task-entrypoint-root-cause.md',
      ],
    },
  },
  create(ctx) {
    const importedBare = ctx.file.imports.some((i) => i.names.includes('entrypoint'));
    const isEntrypointCall = (call: SyntaxNode) => {
      const name = calleeName(call);
      return !!name && (NAMES.has(name) || (name === 'entrypoint' && importedBare));
    };
    return {
      call_expression(node, owner) {
        if (!isEntrypointCall(node) || (visitedCalleeName(node) === 'entrypoint' && isLocalName('entrypoint', owner))) return;
        ctx.report({
          node: node.namedChild(0) ?? node,
          message: '`entrypoint(...)` inside a function body never runs while the image is built, so it roots nothing. Call it at top level, next to the definition it roots.',
        });
      },
      file() {
        for (const call of ctx.file.entrypointCalls) {
          if (!isEntrypointCall(call.node)) continue;
          const args = callArguments(call.node).positional;
          const types = signatureTypes(args);
          const bad = types.find((t) => t.text.replace(/\s+/g, '') === 'Any' || judgeType(t) === 'abstract');
          if (!bad) continue;
          ctx.report({
            node: bad,
            owner: null,
            message: `\`${bad.text}\` is not a concrete type: the root is compiled for this abstract signature, which usually fails verification itself and is not what is dispatched at run time. Root each concrete signature you call (\`(String,)\`, \`(Int, Float64)\`).`,
          });
        }
      },
    };
  },
};

/** The argument types named by `entrypoint(f, (T1, T2))` or `entrypoint(Tuple{typeof(f), T1, T2})`. */
function signatureTypes(args: SyntaxNode[]): SyntaxNode[] {
  if (args.length >= 2) {
    const t = args[1];
    return t.type === 'tuple_expression' ? t.namedChildren : [];
  }
  const sig = args[0];
  if (sig?.type === 'parametrized_type_expression' && calleeNameOf(sig) === 'Tuple') {
    const params = sig.namedChild(1)?.namedChildren ?? [];
    return params.slice(1).filter((p) => !/^typeof\(/.test(p.text));
  }
  return [];
}

function calleeNameOf(n: SyntaxNode): string | null {
  const head = n.namedChild(0);
  return head?.type === 'identifier' ? head.text : null;
}
