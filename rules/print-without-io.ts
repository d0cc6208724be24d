import { SyntaxNode } from '../grammar-bindings';
import { forEachUnitNode, getCallGraph } from '../analysis/call-graph';
import { FunctionInfo } from '../analysis/file-facts';
import { Finding, Fix } from '../analysis/finding';
import { argumentList, baseName, callArguments, calleeName, macroCall } from '../analysis/julia-syntax';
import { judgeIo, stdStreamRef } from '../analysis/local-types';
import { Project, rangeOf } from '../analysis/project';
import { displayName } from '../analysis/reachability';
import { isIoValue } from '../analysis/type-facts';
import { Rule } from './rule';
import { visitedCalleeName } from './syntax-memo';

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
        'Flags `print`, `println`, `show`, `display`, `printstyled`, `dump`, `@show` and `@printf` in run-time code when they write to the default output, and any use of `stdout`/`stderr`/`Base.stdout` as the stream. When `stdout` is passed to one of your functions whose parameter is then printed to (`helper(stdout)` with `println(io, x)` inside), the finding sits at the passing call and names the chain of functions down to the print.',
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
        '`println(Core.stdout, x)`, `Core.println(x)`, `print(io, x)` where `io` is a parameter or an `IOBuffer()`/`open(...)` result, `sprint(show, x)`, `string(x)`, and any output at top level (it runs at build time) are not flagged. A one-argument `println(io)` whose argument is named like a stream (`io`, `out`, `buf`, ...) is taken as an IO. A stream held in a field (`print(p.output, x)` with `output::IO`) is an explicit IO here; its abstract field type is a matter for the field rules.',
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
        const name = visitedCalleeName(node);
        if (!name) return;
        const fn = baseName(name);
        if (fn !== 'display' && !PRINTERS.has(fn)) return;
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
        const first = positional[0];
        if (first) {
          const io = judgeIo(first, owner);
          // A std stream as the IO is reported by the reference visitor below; a real IO is fine.
          if (io === 'std-stream' || io === 'concrete-io' || io === 'abstract-io') return;
          // A field or call result typed as a stream (`print(p.output, x)` with `output::IO`) is
          // an explicit IO: any problem with its abstract type belongs to the field rules.
          if (io === 'unknown' && isIoValue(first, owner, ctx.project)) return;
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
        // Cheap test first, for every identifier: `stdout` and `stderr` have six letters.
        if (node.endIndex - node.startIndex !== 6) return;
        reportStreamReference(node, owner);
      },
      field_expression(node, owner) {
        // Only `Base.stdout`/`Main.stderr` shapes: a plain name before the dot. Checking longer
        // chains at every link would cost quadratic time on `a.b.c...` thousands long.
        const value = node.childByField('value') ?? node.namedChild(0);
        if (value?.type !== 'identifier') return;
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
      const keywordCall = parent?.type === 'named_argument' && parent.parent?.type === 'argument_list' ? parent.parent.parent : null;
      // A keyword default in a signature (`f(; io = stdout)`) is not a call.
      const isSignature = (c: SyntaxNode | null) => !!c && ctx.file.functions.some((f) => f.nameNode === c.namedChild(0));
      const passedTo = call ?? (isSignature(keywordCall) ? null : keywordCall);
      const sink = !writer && passedTo?.type === 'call_expression' ? streamSinkOfArgument(ctx.project, passedTo, node, owner) : null;
      if (sink) {
        const line = sink.print.startPosition.row + 1;
        const printed = sink.print.text.split('\n')[0];
        const related: Finding['related'] = [
          { path: sink.path, range: rangeOf(sink.print), message: `\`${sink.param}\` is printed to here (via ${sink.chain.join(' -> ')})` },
        ];
        ctx.report({
          node,
          message:
            `\`${node.text}\` is passed to \`${sink.chain[0]}\`, which prints to it (${sink.chain.join(' -> ')}: \`${shorten(printed)}\` at line ${line}). ` +
            `\`${node.text}\` is a global typed \`::IO\`, so that call cannot be resolved by the trim verifier. Pass \`${replacement}\`.`,
          related,
          fixes: [
            {
              description: `Pass ${replacement}`,
              safety: sink.acceptsAnyIo ? 'safe' : 'unsafe',
              edits: [{ range: rangeOf(node), newText: replacement }],
            },
          ],
        });
        return;
      }
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

function shorten(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

interface StreamSink {
  /** Function names from the callee to the one that prints (`write_summary`, `write_rows`). */
  chain: string[];
  /** The call that writes to the stream. */
  print: SyntaxNode;
  path: string;
  /** The parameter name printed to, in the last function of the chain. */
  param: string;
  /** Every parameter along the way is untyped or `::IO`, so `Core.stdout` fits. */
  acceptsAnyIo: boolean;
}

/** When `arg` (a std stream) passed in `call` flows into a parameter some project function prints to. */
function streamSinkOfArgument(project: Project, call: SyntaxNode, arg: SyntaxNode, owner: FunctionInfo): StreamSink | null {
  const graph = getCallGraph(project);
  const targets = graph.resolveCall(call, owner);
  for (const f of targets) {
    const param = paramForArgument(f, call, arg);
    if (!param) continue;
    const sink = sinkOfParam(project, f, param, 4, new Set());
    if (sink) return sink;
  }
  return null;
}

function paramForArgument(f: FunctionInfo, call: SyntaxNode, arg: SyntaxNode): FunctionInfo['params'][number] | null {
  const { positional } = callArguments(call);
  const i = positional.indexOf(arg);
  if (i >= 0) return f.params.filter((p) => !p.keyword)[i] ?? null;
  // `helper(x; io = stdout)`
  const named = arg.parent?.type === 'named_argument' ? arg.parent : null;
  const key = named?.namedChild(0)?.text;
  return key ? (f.params.find((p) => p.keyword && p.name === key) ?? null) : null;
}

const ANY_IO_TYPES = /^(IO|Base\.IO|Any)$/;

function sinkOfParam(project: Project, f: FunctionInfo, param: FunctionInfo['params'][number], depth: number, seen: Set<FunctionInfo>): StreamSink | null {
  if (!param.name || depth <= 0 || seen.has(f)) return null;
  seen.add(f);
  const file = project.view().fileOf(f);
  if (!file) return null;
  const name = param.name;
  const fits = !param.typeNode || ANY_IO_TYPES.test(param.typeNode.text.replace(/\s+/g, ''));
  let found: StreamSink | null = null;
  const graph = getCallGraph(project);
  forEachUnitNode(f, file, (node, owner) => {
    if (found || node.type !== 'identifier' || node.text !== name) return;
    // Shadowed by a closure parameter or a reassignment: not our stream.
    if (owner !== f && owner.params.some((p) => p.name === name)) return;
    const list = node.parent;
    const call = list?.type === 'argument_list' ? list.parent : list?.type === 'named_argument' ? list.parent?.parent : null;
    if (call?.type === 'macrocall_expression') {
      const mc = macroCall(call);
      if (mc && mc.name === 'printf' && mc.args[0] === node) found = { chain: [displayName(f)], print: call, path: file.path, param: name, acceptsAnyIo: fits };
      return;
    }
    if (!call || call.type !== 'call_expression') return;
    const callName = calleeName(call);
    if (!callName) return;
    const positional = callArguments(call).positional;
    if (STREAM_WRITERS.has(baseName(callName)) && positional[0] === node && (callName === baseName(callName) || /^(Base|Main)\./.test(callName))) {
      found = { chain: [displayName(f)], print: call, path: file.path, param: name, acceptsAnyIo: fits };
      return;
    }
    for (const g of graph.resolveCall(call, owner)) {
      const p = paramForArgument(g, call, node);
      if (!p) continue;
      const inner = sinkOfParam(project, g, p, depth - 1, seen);
      if (inner) {
        found = { ...inner, chain: [displayName(f), ...inner.chain], acceptsAnyIo: fits && inner.acceptsAnyIo };
        return;
      }
    }
  });
  return found;
}
