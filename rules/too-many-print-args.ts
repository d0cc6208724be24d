import { SyntaxNode } from '../grammar-bindings';
import { getCallGraph } from '../analysis/call-graph';
import { baseName, callArguments } from '../analysis/julia-syntax';
import { Rule } from './rule';
import { visitedCalleeName } from './syntax-memo';

/** JuliaC raises `max_args` to this for `print`, `println` and `print_to_string` (and so `string` and interpolation). */
const MAX_ARGS = 10;
/** Arguments into a user vararg beyond which the info note is given. */
const USER_VARARG_ARGS = 4;

const PRINTERS = new Set(['print', 'println', 'string', 'print_to_string']);

export const tooManyPrintArgs: Rule = {
  meta: {
    code: 'TRIM304',
    name: 'too-many-print-args',
    summary: '`print`/`println`/`string` with more than 10 arguments, strings with more than 10 interpolation pieces',
    severity: 'warning',
    category: 'calls',
    fixable: 'none',
    docs: {
      what:
        'Flags `print`, `println`, `string` and `print_to_string` calls with more than 10 positional arguments (the stream counts), and string literals whose interpolation has more than 10 pieces (each `$x`/`$(...)` and each literal chunk between them is one piece). Calls to your own vararg functions (`f(xs...)`) that pass more than 4 arguments into the vararg without a `Vararg{T,N}` annotation get an info note.',
      why:
        'Julia specialises a vararg method only up to a number of arguments (`max_args`); beyond it the arguments are seen as `Vararg{Any}` and every one of them is `Any`, so each `print(io, x)` inside is a dynamic call the trim verifier cannot resolve. JuliaC raises the limit to 10 for `print`, `println` and `print_to_string` (used by `string(...)` and `"$(...)"`) for exactly this reason; Hello World on 1.13-alpha2 failed in `print_to_string(::String, ::Vararg{Any})` before that patch.',
      verifierMessage: 'unresolved call from statement Base.print(%new()::IOBuffer, φ ()::Any)::Any',
      example: 'report(io::IO, a::Int, b::Int, c::Int, d::Int, e::Int) =\n    println(io, "a=", a, " b=", b, " c=", c, " d=", d, " e=", e)',
      useInstead: 'function report(io::IO, a::Int, b::Int, c::Int, d::Int, e::Int)\n    print(io, "a=", a, " b=", b)\n    print(io, " c=", c, " d=", d)\n    println(io, " e=", e)\nend',
      fixSafety: 'No automatic fix: split the call into several `print` calls, or write the pieces to an `IOBuffer` one at a time. For your own varargs, declare `f(xs::Vararg{Any,N}) where {N}`.',
      falsePositives:
        'Calls with up to 10 arguments and strings with up to 10 pieces are not flagged (the Trimmability test interpolates 5 values of 5 types into one string). Splatted calls are TRIM301\'s. Without JuliaC (a bare `julia --trim`) the limit is lower than 10, so shorter calls can fail too; they are not flagged.',
      versions: 'The limit of 10 is JuliaC\'s patch (`juliac-trim-base.jl`), applied on 1.12 and later builds made with JuliaC; julia issue 60331 shows a 1.13-alpha2 Hello World failing without it.',
      evidence: [
        'https://github.com/JuliaLang/julia/issues/60331',
        'https://github.com/JuliaLang/JuliaC.jl/blob/main/src/scripts/juliac-trim-base.jl',
        'https://github.com/JuliaLang/JuliaC.jl/issues/84',
      ],
    },
  },
  create(ctx) {
    return {
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (!name) return;
        const { positional } = callArguments(node);
        if (positional.some((a) => a.type === 'splat_expression')) return;
        const fn = baseName(name);
        if (PRINTERS.has(fn) && (name === fn || /^(Base|Core)\.\w+$/.test(name)) && name !== 'Core.print' && name !== 'Core.println') {
          if (positional.length > MAX_ARGS) {
            ctx.report({
              node: node.namedChild(0) ?? node,
              message: `\`${fn}\` gets ${positional.length} arguments, more than the ${MAX_ARGS} JuliaC specialises on: the rest are seen as \`Vararg{Any}\` and printing them is dynamic, which the trim verifier cannot resolve. Split it into several \`print\` calls.`,
            });
          }
          return;
        }
        // Your own vararg functions, called with many arguments. The vararg takes at most all of
        // them, so with few there is nothing to resolve; the graph is still asked for here, since
        // type facts computed before and after it is built may differ.
        const graph = getCallGraph(ctx.project);
        if (positional.length <= USER_VARARG_ARGS) return;
        for (const f of graph.resolveCall(node, owner)) {
          const fixed = f.params.filter((p) => !p.keyword);
          const last = fixed[fixed.length - 1];
          if (!last?.vararg || (last.typeNode && /Vararg\{.*,/.test(last.typeNode.text))) continue;
          const into = positional.length - (fixed.length - 1);
          if (into <= USER_VARARG_ARGS) continue;
          ctx.report({
            node: node.namedChild(0) ?? node,
            severity: 'info',
            message: `\`${fn}\` passes ${into} arguments into the vararg \`${last.name ?? '...'}...\`; Julia may stop specialising on long varargs and see them as \`Vararg{Any}\`. Declare \`${last.name ?? 'xs'}::Vararg{Any,N}\` with \`where {N}\` if the build reports calls inside \`${f.name}\`.`,
          });
          return;
        }
      },
      string_literal(node) {
        const pieces = interpolationPieces(node);
        if (pieces <= MAX_ARGS) return;
        ctx.report({
          node,
          message: `This string has ${pieces} interpolation pieces (values and literal chunks), more than the ${MAX_ARGS} arguments JuliaC specialises \`print_to_string\` on: the rest are \`Vararg{Any}\` and printing them is dynamic, which the trim verifier cannot resolve. Build it in parts (\`string(a, b)\` twice, or an \`IOBuffer\`).`,
        });
      },
    };
  },
};

/** Arguments `"..."` lowers to in `string(...)`: one per interpolation and one per literal chunk. */
function interpolationPieces(lit: SyntaxNode): number {
  if (!lit.children.some((c) => c.type === 'string_interpolation')) return 0;
  let pieces = 0;
  let inChunk = false;
  for (const c of lit.namedChildren) {
    if (c.type === 'string_interpolation') {
      pieces++;
      inChunk = false;
    } else if (!inChunk) {
      pieces++;
      inChunk = true;
    }
  }
  return pieces;
}
