import { SyntaxNode } from '../grammar-bindings';
import { Fix } from '../analysis/finding';
import { assignmentParts, dottedName, macroCall, MacroCall } from '../analysis/julia-syntax';
import { rangeOf } from '../analysis/project';
import { Rule } from './rule';

/** Logging macros and the label the default logger prints for them (null: no fix offered). */
const LEVELS: Record<string, string | null> = { info: 'Info', warn: 'Warning', error: 'Error', debug: null, logmsg: null };

const QUALIFIERS = new Set(['Base', 'Logging', 'CoreLogging', 'Base.CoreLogging']);

/** `@logmsg` levels written as the standard constants. */
const LOGMSG_LEVELS: Record<string, string | null> = { Info: 'Info', Warn: 'Warning', Error: 'Error', Debug: null };

/** Keys the logging system consumes itself; they are not part of the printed message. */
const RESERVED_KEY = /^(_\w*|maxlog|exception)$/;

export const loggingMacro: Rule = {
  meta: {
    code: 'TRIM103',
    name: 'logging-macro',
    summary: 'Logging macros (`@info`, `@warn`, `@error`, `@debug`, `@logmsg`) print nothing in trimmed builds',
    severity: 'warning',
    category: 'io',
    tags: ['behaviour-change'],
    fixable: 'unsafe',
    docs: {
      what: 'Flags `@info`, `@warn`, `@error`, `@debug` and `@logmsg` (also written `Base.@info`, `Logging.@warn`, ...) in run-time code.',
      why:
        'The logging system finds its logger dynamically, which trimmed code cannot do. JuliaC therefore replaces the logger lookup with `nothing` when it builds with `--trim`, and every logging macro checks for a logger first: the build succeeds and no message is ever printed, not even `@error`. Without that patch (a bare `julia --trim`), the macro\'s `invokelatest(shouldlog, ...)` is rejected by the verifier instead.',
      verifierMessage:
        'None under JuliaC: the message is dropped silently. With a bare `julia --trim`: unresolved call to builtin from (Core._call_latest)(Base.CoreLogging.shouldlog, ...)',
      example: 'function (@main)(args)\n    @info "starting" n = length(args)\n    return 0\nend',
      useInstead: 'function (@main)(args)\n    println(Core.stderr, "Info: ", "starting", " n=", length(args))\n    return 0\nend',
      fixSafety:
        'Unsafe: the replacement `println(Core.stderr, "<Level>: ", message, " key=", value, ...)` always prints, unformatted, and ignores log levels, `maxlog`, `_id`/`_group` and `exception=` (which is left out: printing a caught exception is itself dynamic). `@debug` and `@logmsg` with a non-standard level get no fix, because printing them unconditionally would change what users see.',
      falsePositives: 'Logging at top level (build time) and inside macro definitions is not flagged.',
      versions: 'The logger patch is in JuliaC.jl (`juliac-trim-base.jl`) and in the 1.12 `contrib/juliac` build script.',
      evidence: [
        'https://github.com/JuliaLang/JuliaC.jl/blob/main/src/scripts/juliac-trim-base.jl',
        'https://github.com/JuliaLang/julia/blob/master/base/logging/logging.jl',
        'https://github.com/JuliaLang/julia/pull/57530',
        'https://github.com/JuliaLang/julia/issues/60083',
      ],
    },
  },
  create(ctx) {
    return {
      macrocall_expression(node, owner) {
        const mc = macroCall(node);
        if (!mc || !Object.hasOwn(LEVELS, mc.name)) return;
        if (mc.qualifier && !QUALIFIERS.has(mc.qualifier)) return;
        const end = rangeOf(mc.identifier).end;
        const fix = printFix(node, mc);
        const dropped = mc.name === 'debug' ? 'and `JULIA_DEBUG` cannot turn it on' : 'but this message is never printed';
        ctx.report({
          range: { start: rangeOf(node).start, end },
          owner,
          message: `\`${mc.fullName}\` does nothing in a trimmed build: JuliaC replaces the logger with \`nothing\`, so the build succeeds ${dropped}. Print to \`Core.stderr\` if the message matters.`,
          fixes: fix ? [fix] : [],
        });
      },
    };
  },
};

function printFix(node: SyntaxNode, mc: MacroCall): Fix | null {
  let args = mc.args;
  let label = LEVELS[mc.name];
  if (mc.name === 'logmsg') {
    const levelName = dottedName(args[0] ?? null);
    const short = levelName?.replace(/^(Base\.CoreLogging|CoreLogging|Logging)\./, '') ?? '';
    label = Object.hasOwn(LOGMSG_LEVELS, short) ? LOGMSG_LEVELS[short] : null;
    args = args.slice(1);
  }
  if (!label || args.length === 0) return null;
  const [message, ...rest] = args;
  if (message.type === 'assignment' || message.type === 'named_argument') return null;
  const pieces = [`"${label}: "`, message.text];
  for (const extra of rest) {
    const kv = keyValue(extra);
    if (!kv) return null;
    if (RESERVED_KEY.test(kv.key)) continue;
    pieces.push(juliaString(` ${kv.key}=`), kv.value);
  }
  return {
    description: 'Print to Core.stderr instead',
    safety: 'unsafe',
    edits: [{ range: rangeOf(node), newText: `println(Core.stderr, ${pieces.join(', ')})` }],
  };
}

/** `k=v` (space or parenthesised form) or a bare expression, logged as `expr = value`. */
function keyValue(n: SyntaxNode): { key: string; value: string } | null {
  if (n.type === 'assignment') {
    const parts = assignmentParts(n);
    if (!parts || parts.op !== '=' || !parts.rhs || parts.lhs.type !== 'identifier') return null;
    return { key: parts.lhs.text, value: parts.rhs.text };
  }
  if (n.type === 'named_argument') {
    const named = n.namedChildren;
    const key = named[0];
    const value = named[named.length - 1];
    if (!key || key.type !== 'identifier' || value === key) return null;
    return { key: key.text, value: value.text };
  }
  if (n.type === 'line_comment' || n.type === 'block_comment') return null;
  return { key: n.text, value: n.text };
}

function juliaString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$') + '"';
}
