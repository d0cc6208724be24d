import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { Fix } from '../analysis/finding';
import { argumentList, baseName, callArguments, calleeName, macroCall } from '../analysis/julia-syntax';
import { judgeIo, stdStreamRef } from '../analysis/local-types';
import { rangeOf } from '../analysis/project';
import { Rule } from './rule';

/** Output functions whose first argument may be an IO; without one they write to Base.stdout. */
const PRINTERS = new Set(['print', 'println', 'show', 'printstyled', 'dump']);

/** Calls where replacing `stdout` by `Core.stdout` keeps the output the same. */
const STREAM_WRITERS = new Set(['print', 'println', 'show', 'write', 'flush', 'printstyled', 'dump', 'join', 'printf', 'showerror', 'unsafe_write']);

const UNBUFFERED_NOTE =
  '`Core.stdout` is unbuffered: for heavy output build the text in an `IOBuffer` and write it once.';

export const printWithoutIo: Rule = {
  meta: {
    code: 'TRIM101',
    name: 'print-without-io',
    summary: 'Output without an explicit concrete IO (`println(x)`, `print(stdout, x)`, `@show`, `@printf`)',
    severity: 'error',
    category: 'io',
    fixable: 'safe',
    docs: {
      what:
        'Flags `print`, `println`, `show`, `display`, `printstyled`, `dump`, `@show` and `@printf` in run-time code when they write to the default output, and any use of `stdout`/`stderr`/`Base.stdout` as the stream.',
      why:
        '`Base.stdout` and `Base.stderr` are globals typed `::IO`, an abstract type whose concrete value (a TTY, a pipe, a file) is only known when the program runs. Every `print`, `write` or `show` on them is a dynamic call, which the trim verifier cannot resolve, so the build fails.',
      verifierMessage: 'unresolved call from statement Base.print(Base.stdout::IO, x::Int64, "\\n")::Nothing',
      example: 'function (@main)(args)\n    println("got ", length(args), " args")\n    return 0\nend',
      useInstead:
        'function (@main)(args)\n    println(Core.stdout, "got ", length(args), " args")\n    return 0\nend\n\n' +
        UNBUFFERED_NOTE +
        ' (julia issue 59332)',
      fixSafety:
        'Inserting `Core.stdout` as the first argument, or replacing `stdout` by `Core.stdout` in a print/write call, is safe: the same text reaches the same file descriptor, unbuffered. Replacing `stdout` elsewhere (for example `io = stdout`) and the `display`/`@show` rewrites are unsafe: they change types or return values.',
      falsePositives:
        '`println(Core.stdout, x)`, `Core.println(x)`, `print(io, x)` where `io` is a parameter or an `IOBuffer()`/`open(...)` result, `sprint(show, x)`, `string(x)`, and any output at top level (it runs at build time) are not flagged. A one-argument `println(io)` whose argument is named like a stream (`io`, `out`, `buf`, ...) is taken as an IO.',
      evidence: [
        'https://github.com/JuliaLang/julia/issues/58458',
        'https://github.com/JuliaLang/JuliaC.jl/issues/114',
        'https://github.com/JuliaLang/julia/issues/59332',
        'https://github.com/timholy/ProgressMeter.jl/pull/367',
      ],
    },
  },
  create(ctx) {
    const insertStream = (list: SyntaxNode, hasArgs: boolean): Fix => {
      const stream = 'Core.stdout';
      const open = list.children[0];
      const at = { line: open.endPosition.row, character: open.endPosition.column };
      return {
        description: `Write to ${stream}`,
        safety: 'safe',
        edits: [{ range: { start: at, end: { ...at } }, newText: hasArgs ? `${stream}, ` : stream }],
      };
    };

    return {
      call_expression(node, owner) {
        const name = calleeName(node);
        if (!name) return;
        const fn = baseName(name);
        if (name !== fn && !/^(Base|Main)\.\w+$/.test(name)) return; // Core.println is fine
        const list = argumentList(node);
        if (!list) return;
        const { positional } = callArguments(node);
        if (fn === 'display') {
          if (positional.length !== 1) return;
          ctx.report({
            node,
            message: '`display` goes through the display stack and `Base.stdout`, which the trim verifier cannot resolve. Print to `Core.stdout` instead.',
            fixes: [
              {
                description: 'Print with println(Core.stdout, ...)',
                safety: 'unsafe',
                edits: [{ range: rangeOf(node), newText: `println(Core.stdout, ${positional[0].text})` }],
              },
            ],
          });
          return;
        }
        if (!PRINTERS.has(fn)) return;
        const first = positional[0];
        if (first) {
          const io = judgeIo(first, owner);
          // A std stream as the IO is reported by the reference visitor below; a real IO is fine.
          if (io === 'std-stream' || io === 'concrete-io' || io === 'abstract-io') return;
        }
        ctx.report({
          node: node.namedChild(0) ?? node,
          message: `\`${fn}\` without an IO argument writes to \`Base.stdout\`, a global typed \`::IO\`; the trim verifier cannot resolve the call. Pass \`Core.stdout\` as the first argument.`,
          fixes: [insertStream(list, positional.length > 0 || callArguments(node).keywords.length > 0)],
        });
      },

      macrocall_expression(node) {
        const mc = macroCall(node);
        if (!mc) return;
        if (mc.name === 'show') {
          const fixes: Fix[] = [];
          if (mc.args.length === 1) {
            const arg = mc.args[0].text;
            fixes.push({
              description: 'Print with println(Core.stdout, ...)',
              safety: 'unsafe',
              edits: [{ range: rangeOf(node), newText: `println(Core.stdout, ${JSON.stringify(arg + ' = ')}, ${arg})` }],
            });
          }
          ctx.report({
            node: mc.identifier,
            message: '`@show` prints to `Base.stdout`, which the trim verifier cannot resolve. Print to `Core.stdout` instead.',
            fixes,
          });
          return;
        }
        if (mc.name === 'printf') {
          const first = mc.args[0];
          if (!first || (first.type !== 'string_literal' && first.type !== 'prefixed_string_literal')) return;
          const at = { line: first.startPosition.row, character: first.startPosition.column };
          ctx.report({
            node: mc.identifier,
            message: '`@printf` without an IO writes to `Base.stdout`, which the trim verifier cannot resolve. Pass `Core.stdout` as the first argument.',
            fixes: [
              {
                description: 'Write to Core.stdout',
                safety: 'safe',
                edits: [{ range: { start: at, end: { ...at } }, newText: mc.parenthesized ? 'Core.stdout, ' : 'Core.stdout ' }],
              },
            ],
          });
        }
      },

      identifier(node, owner) {
        reportStreamReference(node, owner);
      },
      field_expression(node, owner) {
        reportStreamReference(node, owner);
      },
    };

    function reportStreamReference(node: SyntaxNode, owner: FunctionInfo): void {
      const stream = stdStreamRef(node, owner);
      if (stream !== 'stdout' && stream !== 'stderr') return;
      const parent = node.parent;
      if (parent?.type === 'binary_expression' && /^[!=]==?$/.test(parent.namedChildren.find((c) => c.type === 'operator')?.text ?? '')) return;
      // Assigning to stdout (`global stdout = ...`) is not a read.
      if (parent?.type === 'assignment' && parent.namedChild(0) === node) return;
      const call = parent?.type === 'argument_list' ? parent.parent : null;
      const callName = call?.type === 'call_expression' ? calleeName(call) : null;
      const writer = callName ? STREAM_WRITERS.has(baseName(callName)) && call!.namedChild(0) !== node : false;
      const macroWriter = parent && (parent.type === 'macro_argument_list' || parent.type === 'argument_list') && parent.parent?.type === 'macrocall_expression' && macroCall(parent.parent)?.name === 'printf';
      const replacement = `Core.${stream}`;
      ctx.report({
        node,
        message: `\`${node.text}\` is a global typed \`::IO\`; calls on it cannot be resolved by the trim verifier. Use \`${replacement}\`.`,
        fixes: [
          {
            description: `Use ${replacement}`,
            safety: writer || macroWriter ? 'safe' : 'unsafe',
            edits: [{ range: rangeOf(node), newText: replacement }],
          },
        ],
      });
    }
  },
};
