import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { baseName, macroCall } from '../analysis/julia-syntax';
import { isLocalName } from '../analysis/local-types';
import { rangeOf } from '../analysis/project';
import { Rule, RuleContext } from './rule';
import { Range, Severity } from '../analysis/finding';
import { visitedCalleeName } from './syntax-memo';

type Kind = 'eval' | 'parse' | 'latest' | 'builtin' | 'reflection' | 'compiler';

/** Called names (as written) and what they do; bare names are also matched with their usual module. */
const CALLS: Record<string, Kind> = {
  eval: 'eval',
  'Core.eval': 'eval',
  'Base.eval': 'eval',
  'Main.eval': 'eval',
  include: 'eval',
  'Base.include': 'eval',
  include_string: 'eval',
  'Base.include_string': 'eval',
  'Meta.parse': 'parse',
  'Meta.parseall': 'parse',
  'Base.Meta.parse': 'parse',
  'Base.Meta.parseall': 'parse',
  invokelatest: 'latest',
  'Base.invokelatest': 'latest',
  'Base.invoke_in_world': 'builtin',
  'Core._call_latest': 'builtin',
  methods: 'reflection',
  'Base.methods': 'reflection',
  which: 'reflection',
  'Base.which': 'reflection',
  'InteractiveUtils.which': 'reflection',
  hasmethod: 'reflection',
  'Base.hasmethod': 'reflection',
  'Base.return_types': 'compiler',
  code_typed: 'compiler',
  'Base.code_typed': 'compiler',
  'InteractiveUtils.code_typed': 'compiler',
  code_lowered: 'compiler',
  'Base.code_lowered': 'compiler',
  'InteractiveUtils.code_lowered': 'compiler',
};

const MACROS: Record<string, Kind> = { eval: 'eval', invokelatest: 'latest' };

const RUNS_WHEN = 'the build passes and the program fails when this runs';

function describe(kind: Kind, name: string): { message: string; severity?: Severity } {
  switch (kind) {
    case 'eval':
      return {
        message: `\`${name}\` runs code at run time, but a trimmed binary has no compiler and keeps only the methods it was built with: ${RUNS_WHEN} (an \`eval(:(sort(...)))\` built, then failed because \`sort\` had been trimmed away; julia PR 56460). Generate the code at build time (a top-level \`@eval\` loop) or branch explicitly to concrete functions.`,
      };
    case 'parse':
      return {
        message: `\`${name}\` parses Julia code at run time; the only use of the result is \`eval\`, which a trimmed binary cannot do (it has no compiler): ${RUNS_WHEN}. Parse the input as data instead (\`tryparse\`, \`split\`).`,
      };
    case 'latest':
      return {
        message: `\`${name}\`: JuliaC rewrites \`invokelatest(f, args...)\` to a plain call \`f(args...)\`, so the build passes without world-age semantics, and a bare \`julia --trim\` reports \`trim verification not yet implemented for builtin Core.invokelatest\`. Call the function directly.`,
      };
    case 'builtin':
      return {
        message: `\`${name}\` re-enters dispatch in another world: the trim verifier reports \`trim verification not yet implemented for builtin\` and the build fails. Call the function directly.`,
        severity: 'error',
      };
    case 'reflection':
      return {
        message: `\`${name}\` inspects method tables at run time; a trimmed binary keeps only the methods compiled into it and has no compiler, so the answer differs from \`julia\`'s or the call fails: ${RUNS_WHEN}. Decide at build time, or dispatch on types.`,
      };
    case 'compiler':
      return {
        message: `\`${name}\` runs the compiler at run time; a trimmed binary has none (its IR is stripped): ${RUNS_WHEN}. Compute it at build time.`,
      };
  }
}

export const runtimeCodeLoading: Rule = {
  meta: {
    code: 'TRIM401',
    name: 'runtime-code-loading',
    summary: 'Run-time `eval`, `include`, `Meta.parse`, `invokelatest` and method-table reflection',
    severity: 'warning',
    category: 'reflection',
    tags: ['runtime-risk'],
    fixable: 'none',
    docs: {
      what:
        'Flags, in run-time code, `eval`, `@eval`, `Core.eval`, `Base.eval`, `include`, `include_string`, `Meta.parse`, `Meta.parseall`, `invokelatest`/`@invokelatest`, `Base.invoke_in_world`, `Core._call_latest`, `methods`, `which`, `hasmethod`, `Base.return_types`, `code_typed` and `code_lowered`.',
      why:
        'A trimmed binary is built with its IR stripped and without a compiler: nothing can be compiled, evaluated or looked up in a complete method table when it runs. A call to `Core.eval` is itself a resolved call, so the verifier is silent and the program fails only when the line runs. `invokelatest` is rewritten by JuliaC to a plain call; without JuliaC\'s patch the verifier rejects it. `Base.invoke_in_world` and `Core._call_latest` are rejected by the verifier outright and are reported as errors.',
      verifierMessage:
        'Usually none: the build passes and the program fails when run. Without JuliaC: trim verification not yet implemented for builtin `Core.invokelatest`',
      example: 'function (@main)(args)\n    ex = Meta.parse(args[1])\n    println(Core.stdout, eval(ex))\n    return 0\nend',
      useInstead:
        'const OPS = (; add = +, mul = *)\n\nfunction (@main)(args)\n    a, b = parse(Int, args[2]), parse(Int, args[3])\n    r = args[1] == "add" ? OPS.add(a, b) : args[1] == "mul" ? OPS.mul(a, b) : error("unknown op")\n    println(Core.stdout, r)\n    return 0\nend\n\n' +
        '# Generating methods is fine at top level (build time):\nfor op in (:add, :mul)\n    @eval $(Symbol(:do_, op))(a, b) = $op(a, b)\nend',
      fixSafety: 'No automatic fix: replacing run-time code loading needs a design decision.',
      falsePositives:
        'Top-level `@eval` and `for ... @eval ... end` loops, `include` at top level and `eval` inside macro definitions run at build time and are not flagged. Functions of the same name defined in the file (a user `which`) and local variables are not flagged.',
      evidence: [
        'https://github.com/JuliaLang/julia/pull/56460',
        'https://github.com/JuliaLang/julia/blob/master/Compiler/src/verifytrim.jl',
        'https://github.com/JuliaLang/JuliaC.jl/blob/main/src/scripts/juliac-trim-base.jl',
      ],
    },
  },
  create(ctx) {
    const userDefined = new Set(ctx.file.functions.filter((f) => f.name && (f.kind === 'function' || f.kind === 'short')).map((f) => f.name!));
    return {
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (!name) return;
        const kind = Object.hasOwn(CALLS, name) ? CALLS[name] : undefined;
        if (!kind) return;
        if (name === baseName(name) && (userDefined.has(name) || isLocalName(name, owner))) return;
        report(ctx, owner, kind, name, node.namedChild(0) ?? node);
      },
      macrocall_expression(node, owner) {
        const mc = macroCall(node);
        if (!mc) return;
        const kind = Object.hasOwn(MACROS, mc.name) ? MACROS[mc.name] : undefined;
        if (!kind || (mc.qualifier && mc.qualifier !== 'Base' && mc.qualifier !== 'Core')) return;
        report(ctx, owner, kind, mc.fullName, { start: rangeOf(node).start, end: rangeOf(mc.identifier).end });
      },
    };
  },
};

function report(ctx: RuleContext, owner: FunctionInfo, kind: Kind, name: string, where: SyntaxNode | Range): void {
  const { message, severity } = describe(kind, name);
  const at = 'type' in where ? { node: where } : { range: where };
  ctx.report({ ...at, owner, message, ...(severity ? { severity } : {}) });
}
