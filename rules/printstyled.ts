import { SyntaxNode } from '../grammar-bindings';
import { Fix } from '../analysis/finding';
import { baseName, callArguments } from '../analysis/julia-syntax';
import { judgeIo } from '../analysis/local-types';
import { rangeOf } from '../analysis/project';
import { isIoValue } from '../analysis/type-facts';
import { Rule } from './rule';
import { visitedCalleeName } from './syntax-memo';

/** ANSI foreground codes for the colour symbols `printstyled` accepts. */
const ANSI: Record<string, string> = {
  black: '30', red: '31', green: '32', yellow: '33', blue: '34', magenta: '35', cyan: '36', white: '37',
  light_black: '90', light_red: '91', light_green: '92', light_yellow: '93', light_blue: '94',
  light_magenta: '95', light_cyan: '96', light_white: '97',
};

export const printstyled: Rule = {
  meta: {
    code: 'TRIM104',
    name: 'printstyled',
    summary: '`printstyled(io, ...)` with an explicit IO: its colour handling goes through a dynamic call',
    severity: 'warning',
    category: 'io',
    fixable: 'unsafe',
    docs: {
      what:
        'Flags `printstyled(io, ...)` (and `Base.printstyled`) in run-time code when the first argument is a stream, including `Core.stdout` and `IOBuffer`s. A `printstyled(...)` without an IO is already reported by TRIM101 and is not reported again here.',
      why:
        '`printstyled` formats through `with_output_color(f::Function, color, io, args...)`, whose `f` argument is a `Function` passed through without specialisation, so the call to it is dynamic whatever stream you pass. ProgressMeter had to replace `printstyled` by writing ANSI escape codes itself to trim.',
      verifierMessage: 'unresolved call from statement f::Function(io::IOContext{...}, ...)::Any (inside Base.with_output_color)',
      example: 'function report(ok::Bool)\n    printstyled(Core.stdout, ok ? "PASS\\n" : "FAIL\\n"; color = ok ? :green : :red)\nend',
      useInstead:
        'function report(ok::Bool)\n    code = ok ? "\\e[32m" : "\\e[31m"\n    print(Core.stdout, code, ok ? "PASS\\n" : "FAIL\\n", "\\e[0m")\nend',
      fixSafety:
        'Unsafe: when every keyword is a literal `color = :name` (one of the 16 named colours) or `bold = true/false`, the call is rewritten to `print(io, "\\e[..m", args..., "\\e[0m")`. The text is the same on a terminal, but escape codes are now written even when the stream is not a terminal or colour is disabled (`printstyled` checks `get(io, :color, false)`). Other keywords (`underline`, `blink`, a computed colour) get no fix.',
      falsePositives:
        '`printstyled(...)` without an IO argument is TRIM101\'s finding, not this rule\'s. `printstyled` at top level runs at build time and is not flagged.',
      evidence: ['https://github.com/timholy/ProgressMeter.jl/pull/367'],
    },
  },
  create(ctx) {
    return {
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (!name || baseName(name) !== 'printstyled' || (name !== 'printstyled' && name !== 'Base.printstyled')) return;
        const { positional, keywords } = callArguments(node);
        const first = positional[0];
        if (!first || positional.length < 2) return;
        const io = judgeIo(first, owner);
        const isStream = io === 'concrete-io' || io === 'abstract-io' || io === 'std-stream' || (io === 'unknown' && isIoValue(first, owner, ctx.project) !== null);
        if (!isStream) return;
        const fix = ansiFix(node, first, positional.slice(1), keywords);
        ctx.report({
          node: node.namedChild(0) ?? node,
          message:
            '`printstyled` goes through `with_output_color(f::Function, ...)`, a dynamic call the trim verifier cannot resolve, even with an explicit IO. Write ANSI escape codes with `print` instead (for example `print(io, "\\e[31m", text, "\\e[0m")`).',
          fixes: fix ? [fix] : [],
        });
      },
    };
  },
};

function ansiFix(call: SyntaxNode, io: SyntaxNode, values: SyntaxNode[], keywords: SyntaxNode[]): Fix | null {
  let color: string | null = null;
  let bold = false;
  for (const kw of keywords) {
    if (kw.type !== 'named_argument') return null;
    const [key, , value] = kw.namedChildren;
    if (!key || !value) return null;
    if (key.text === 'color' && value.type === 'quote_expression' && value.namedChild(0)?.type === 'identifier') {
      const name = value.namedChild(0)!.text;
      color = Object.hasOwn(ANSI, name) ? ANSI[name] : null;
      if (!color) return null;
    } else if (key.text === 'bold' && value.type === 'boolean_literal') {
      bold = value.text === 'true';
    } else {
      return null;
    }
  }
  if (values.some((v) => v.type === 'splat_expression')) return null;
  const codes = [bold ? '1' : null, color].filter((c): c is string => !!c);
  const open = codes.length > 0 ? `"\\e[${codes.join(';')}m", ` : '';
  const close = codes.length > 0 ? ', "\\e[0m"' : '';
  return {
    description: 'Print with ANSI escape codes',
    safety: 'unsafe',
    edits: [{ range: rangeOf(call), newText: `print(${io.text}, ${open}${values.map((v) => v.text).join(', ')}${close})` }],
  };
}
