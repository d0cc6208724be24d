import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { baseName, callArguments, calleeName } from '../analysis/julia-syntax';
import { typeOfExpression } from '../analysis/type-facts';
import { printedValues } from './abstract-value-printed';
import { visitedCalleeName } from './syntax-memo';
import { Rule } from './rule';

/** Backtrace producers: printing their result goes through `stacktrace`'s boxed captures. */
const BACKTRACES = new Set(['catch_backtrace', 'backtrace']);

export const exceptionPrinted: Rule = {
  meta: {
    code: 'TRIM209',
    name: 'exception-printed',
    summary: 'Printing a caught exception (`catch e; println(io, e)`, `showerror`, `sprint(showerror, e)`) or a stack trace',
    severity: 'warning',
    category: 'io',
    fixable: 'none',
    docs: {
      what:
        'Flags, in run-time code, a `catch e` variable (or one of its fields, `e.msg`) that is printed, interpolated, turned into a string or passed to `showerror`/`sprint(showerror, e)` without being narrowed first, and any call to `stacktrace(...)` or `Base.show_backtrace(...)`, or `catch_backtrace()`/`backtrace()` printed.',
      why:
        'A caught exception has the type `Any`: printing it picks `showerror`/`show` for its run-time type, a dynamic call the trim verifier cannot resolve. `stacktrace()` keeps its state in a `Core.Box`, and on Julia 1.12.4 a single call produced 11 verifier errors (julia issue 60669).',
      verifierMessage: 'unresolved call from statement Base.print(io::IO, e::Any)::Any',
      example: 'function run(io::IO)\n    try\n        work()\n    catch e\n        println(io, "failed: ", e)\n        Base.show_backtrace(io, catch_backtrace())\n    end\nend',
      useInstead:
        'function run(io::IO)\n    try\n        work()\n    catch e\n        msg = e isa ArgumentError ? (e::ArgumentError).msg : "unexpected error"\n        println(io, "failed: ", msg)\n    end\nend',
      fixSafety: 'No automatic fix: which exception types to expect, and what to print for the others, is a decision for the author.',
      falsePositives:
        'Narrowed exceptions (`e isa ArgumentError ? (e::ArgumentError).msg : ""`, the JSON.jl idiom, or `e isa ErrorException && print(io, e.msg)`), literal messages printed in a `catch` block, `rethrow()`/`rethrow(e)`/`throw(e)`, storing the exception, and `catch_backtrace()` kept without printing are not flagged.',
      evidence: [
        'https://github.com/JuliaLang/julia/issues/60669',
        'https://github.com/JuliaLang/julia/issues/60083',
        'https://github.com/JuliaIO/JSON.jl/pull/486',
        'https://github.com/JuliaLang/julia/issues/58450',
      ],
    },
  },
  create(ctx) {
    const check = (node: SyntaxNode, owner: FunctionInfo) => {
      if (node.type === 'call_expression') {
        const name = visitedCalleeName(node);
        const fn = name ? baseName(name) : null;
        if (fn === 'stacktrace' || fn === 'show_backtrace') {
          ctx.report({
            node,
            message: `\`${fn}\` walks the stack through a \`Core.Box\` and \`Any\`-typed frames: on Julia 1.12.4 it gives 11 verifier errors (julia issue 60669). Print a fixed message or an error code instead.`,
          });
          return;
        }
        // `sprint(showerror, e)`: the function argument is the printer, the exception the value.
        if (fn === 'sprint' && callArguments(node).positional[0]?.text === 'showerror') {
          const e = callArguments(node).positional[1];
          if (e) reportIfCaught(e, owner, '`sprint(showerror, ...)`');
          return;
        }
      }
      for (const { value, how } of printedValues(node, owner, ctx.project)) {
        if (value.type === 'call_expression' && BACKTRACES.has(baseName(calleeName(value) ?? ''))) {
          ctx.report({ node: value, message: `Printing \`${value.text}\` formats stack frames through \`stacktrace\`, which does not trim (11 verifier errors on Julia 1.12.4, julia issue 60669). Print a fixed message instead.` });
          continue;
        }
        reportIfCaught(value, owner, how === 'interpolating' ? 'interpolating it' : `${how} on it`);
      }
    };

    function reportIfCaught(value: SyntaxNode, owner: FunctionInfo, how: string): void {
      const id = value.type === 'identifier' ? value : value.type === 'field_expression' ? (value.childByField('value') ?? value.namedChild(0)) : null;
      if (!id || id.type !== 'identifier') return;
      const clause = catchClauseOf(id, owner);
      if (!clause) return;
      // Narrowed by `isa` (type facts follow ternaries, `&&` and `if`).
      if (typeOfExpression(id, owner, ctx.project).kind !== 'any') return;
      ctx.report({
        node: value,
        message:
          `\`${id.text}\` is the exception caught here, typed \`Any\`; ${how} is a dynamic call the trim verifier cannot resolve. ` +
          `Narrow it first (\`${id.text} isa ArgumentError ? (${id.text}::ArgumentError).msg : "unexpected error"\`) or print a fixed message.`,
      });
    }

    return { call_expression: check, string_interpolation: check };
  },
};

/** The `catch name` clause that binds `id`, when `id` sits inside it and the name is not rebound. */
function catchClauseOf(id: SyntaxNode, owner: FunctionInfo): SyntaxNode | null {
  for (let p = id.parent; p && p !== owner.node; p = p.parent) {
    if (p.type === 'arrow_function_expression' || p.type === 'do_clause') {
      const params = p.type === 'do_clause' ? p.children.find((c) => c.type === 'argument_list') : p.namedChild(0);
      if (params && (params.text === id.text || params.namedChildren.some((c) => c.text === id.text))) return null;
    }
    if (p.type !== 'catch_clause') continue;
    const first = p.namedChild(0);
    if (first?.type === 'identifier' && first.text === id.text && first.startPosition.row === p.startPosition.row && first !== id) return p;
  }
  return null;
}
