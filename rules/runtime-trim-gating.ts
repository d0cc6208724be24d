import { SyntaxNode, walk } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { baseName, callArguments, calleeName, dottedName, macroCall } from '../analysis/julia-syntax';
import { isLocalName } from '../analysis/local-types';
import { Rule } from './rule';
import { visitedCalleeName } from './syntax-memo';

const CONST_ADVICE = 'Decide at build time: a `const` flag (constant-folded), `@static if`, or separate entry modules.';

export const runtimeTrimGating: Rule = {
  meta: {
    code: 'TRIM704',
    name: 'runtime-trim-gating',
    summary: 'Hiding code from the trim at run time (`Base.JLOptions().trim`, `jl_generating_output`, `if FLAG` on a non-const global)',
    severity: 'warning',
    category: 'entrypoints',
    fixable: 'none',
    docs: {
      what:
        'Flags, in run-time code, reads of `Base.JLOptions().trim`, `ccall(:jl_generating_output, ...)` and `Base.generating_output()`, and `if FLAG` / `if !FLAG` where `FLAG` is a non-`const` global holding a `Bool`: an untyped `DEBUG = false` whatever the branch holds, a typed `verbose::Bool` when the branch holds logging, stack traces or reflection.',
      why:
        'These values are read when the binary runs, not when it is built, so both branches are compiled and verified: a non-trimmable branch still fails the build (maintainer on `JLOptions().trim`: "that does not work", JuliaC 116; a warning path behind a `jl_generating_output` check was still verified, julia 60083). A non-`const` global cannot be constant-folded either.\n\nSeverity: **warning** (the hidden code is verified anyway and likely fails).',
      example:
        'DEBUG = false\n\nfunction run(x)\n    if Base.JLOptions().trim != 0\n        return fast(x)\n    end\n    if DEBUG\n        @warn "slow path" stacktrace()\n    end\n    return slow(x)\nend',
      useInstead: 'const DEBUG = false\n\nfunction run(x)\n    if DEBUG          # folded away at compile time\n        @warn "slow path"\n    end\n    return fast(x)\nend',
      fixSafety: 'No automatic fix: making a flag `const` changes how it can be set.',
      falsePositives:
        '`@static if ...` on build-time constants, `if CONST_FLAG` with a `const` global, and checks at top level (build time) are not flagged. A typed flag (`verbose::Bool = false`) is flagged only when the branch holds logging, stack traces or reflection; around ordinary code it is a run-time switch. Non-`const` globals that do not hold a `Bool` are TRIM2xx matters, not flagged here.',
      evidence: [
        'https://github.com/JuliaLang/JuliaC.jl/issues/116',
        'https://github.com/JuliaLang/JuliaC.jl/issues/31',
        'https://github.com/JuliaLang/julia/issues/60083',
      ],
    },
  },
  create(ctx) {
    return {
      field_expression(node) {
        const value = node.childByField('value') ?? node.namedChild(0);
        const member = node.namedChildren.filter((c) => c !== value).pop();
        if (!value || member?.text !== 'trim' || value.type !== 'call_expression') return;
        const c = calleeName(value);
        if (c !== 'Base.JLOptions' && c !== 'JLOptions') return;
        ctx.report({
          node,
          message: `\`${node.text}\` is read when the binary runs, not when it is built: both branches of a check on it are compiled and verified, so it cannot hide non-trimmable code (JuliaC 116). ${CONST_ADVICE}`,
        });
      },
      call_expression(node) {
        const name = visitedCalleeName(node);
        if (name === 'ccall' || name === 'Core.ccall') {
          const first = callArguments(node).positional[0];
          if (first?.type !== 'quote_expression' || first.text !== ':jl_generating_output') return;
        } else if (name !== 'Base.generating_output' && name !== 'generating_output') {
          return;
        }
        ctx.report({
          node,
          message: `A check of \`jl_generating_output\` in run-time code is evaluated when the program runs: the code behind it is still compiled and verified (julia 60083). ${CONST_ADVICE}`,
        });
      },
      if_statement(node, owner) {
        if (insideStatic(node)) return;
        checkCondition(node.childByField('condition') ?? node.namedChild(0), owner);
      },
      elseif_clause(node, owner) {
        if (insideStatic(node)) return;
        checkCondition(node.childByField('condition') ?? node.namedChild(0), owner);
      },
    };

    function checkCondition(cond: SyntaxNode | null, owner: FunctionInfo): void {
      if (!cond) return;
      let flag = cond;
      if (flag.type === 'unary_expression' && flag.children[0]?.text === '!') flag = flag.namedChildren[flag.namedChildCount - 1] ?? flag;
      const name = dottedName(flag);
      if (!name || name.includes('.') || isLocalName(name, owner)) return;
      const view = ctx.project.view();
      const g = view.moduleOf(owner.module).globals.find((x) => x.name === name) ?? ctx.file.globals.find((x) => x.name === name);
      // Const flags fold away.
      if (!g || g.kind === 'const') return;
      const holdsBool = g.valueNode?.type === 'boolean_literal' || g.typeNode?.text.trim() === 'Bool';
      if (!holdsBool) return;
      // A typed run-time flag around ordinary code is a plain run-time switch; it matters when it
      // guards code meant to stay out of the binary (logging, stack traces, reflection), as in
      // julia 60083. An untyped `DEBUG = false` reads as a build switch that does not work (the
      // catalogue's H27 trigger), whatever it guards; TRIM202 reports the untyped read itself.
      if (g.kind === 'typed' && !guardsHiddenCode(cond)) return;
      ctx.report({
        node: cond,
        message: `\`${name}\` is a non-\`const\` global, so \`if ${cond.text}\` is decided when the program runs and both branches are compiled and verified: code behind it is not hidden from the trim (julia 60083). Declare \`const ${name} = ...\` so the branch folds away, or use \`@static if\`.`,
      });
    }
  },
};

function insideStatic(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'macrocall_expression') return macroCall(p)?.name === 'static';
    if (p.type === 'function_definition') return false;
  }
  return false;
}

const HIDDEN_MACROS = new Set(['warn', 'info', 'error', 'debug', 'logmsg', 'show', 'eval', 'invokelatest']);
const HIDDEN_CALLS = new Set(['stacktrace', 'catch_backtrace', 'backtrace', 'eval', 'invokelatest', 'display', 'include_string', 'show_backtrace']);

/** True when the branch a condition guards holds logging, stack traces or reflection. */
function guardsHiddenCode(cond: SyntaxNode): boolean {
  const clause = cond.parent;
  if (!clause) return false;
  let found = false;
  for (const stmt of clause.namedChildren) {
    if (stmt === cond || stmt.type === 'elseif_clause' || stmt.type === 'else_clause') continue;
    walk(stmt, (n) => {
      if (found) return false;
      if (n.type === 'macrocall_expression' && HIDDEN_MACROS.has(macroCall(n)?.name ?? '')) found = true;
      else if (n.type === 'call_expression') {
        const name = calleeName(n);
        if (name && HIDDEN_CALLS.has(baseName(name))) found = true;
      }
      return !found;
    });
  }
  return found;
}
