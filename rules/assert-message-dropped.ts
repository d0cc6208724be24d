import { SyntaxNode } from '../grammar-bindings';
import { macroCall } from '../analysis/julia-syntax';
import { Rule } from './rule';

export const assertMessageDropped: Rule = {
  meta: {
    code: 'TRIM801',
    name: 'assert-message-dropped',
    summary: '`@assert cond msg` with a computed message: a trimmed build replaces it with an empty string',
    severity: 'info',
    category: 'behaviour',
    tags: ['behaviour-change'],
    fixable: 'none',
    docs: {
      what: 'Flags, in run-time code, `@assert` whose message is not a plain string literal: an interpolated string (`"x=$(x)"`), a call (`string(...)`), a variable.',
      why:
        '`@assert` turns a computed message into `Base._assert_tostring(msg)`; JuliaC redefines `_assert_tostring(msg) = ""` in trimmed builds (printing arbitrary values needs dynamic dispatch). The build passes, but a failing assertion reports an `AssertionError` with an empty message. Literal messages, and the default message (the condition\'s text), are kept.\n\nSeverity: **info tagged `behaviour-change`** (the trimmed program behaves differently).',
      example: 'function check(x::Int)\n    @assert x > 0 "x must be positive, got $(x)"\n    return x\nend',
      useInstead: 'function check(x::Int)\n    x > 0 || throw(ArgumentError(string("x must be positive, got ", x)))\n    return x\nend\n\n# or keep a literal message:\nfunction check2(x::Int)\n    @assert x > 0 "x must be positive"\n    return x\nend',
      fixSafety: 'No automatic fix.',
      falsePositives: '`@assert cond`, `@assert cond "literal message"` and assertions at top level (build time) are not flagged.',
      evidence: ['https://github.com/JuliaLang/JuliaC.jl/blob/main/src/scripts/juliac-trim-base.jl', 'https://github.com/JuliaLang/julia/blob/master/base/error.jl'],
    },
  },
  create(ctx) {
    return {
      macrocall_expression(node) {
        const mc = macroCall(node);
        if (!mc || mc.name !== 'assert' || (mc.qualifier && mc.qualifier !== 'Base')) return;
        const message = assertMessage(mc.args);
        if (!message || isPlainString(message)) return;
        ctx.report({
          node: message,
          message: 'In a trimmed build this computed `@assert` message becomes an empty string (JuliaC redefines `Base._assert_tostring` to return `""`): a failing assertion reports no message. Use a literal message, or `cond || throw(ArgumentError(string(...)))`.',
        });
      },
    };
  },
};

/** The message of `@assert cond msg` (also when the grammar glued `0 "msg"` into a juxtaposition). */
function assertMessage(args: SyntaxNode[]): SyntaxNode | null {
  if (args.length >= 2) return args[1];
  let n: SyntaxNode | null = args[0] ?? null;
  while (n && n.namedChildCount > 0) {
    if (n.type === 'juxtaposition_expression') {
      const [a, b] = n.namedChildren;
      if (a && b && b.startIndex > a.endIndex && (b.type === 'string_literal' || b.type === 'call_expression' || b.type === 'identifier')) return b;
      return null;
    }
    if (n.type !== 'binary_expression' && n.type !== 'unary_expression' && n.type !== 'call_expression') return null;
    n = n.namedChildren[n.namedChildCount - 1] ?? null;
    if (n?.type === 'argument_list') return null;
  }
  return null;
}

function isPlainString(n: SyntaxNode): boolean {
  return n.type === 'string_literal' && !n.children.some((c) => c.type === 'string_interpolation');
}
