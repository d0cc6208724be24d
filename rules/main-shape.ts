import { SyntaxNode, walk } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { baseName, calleeName, macroCall } from '../analysis/julia-syntax';
import { typeOfExpression } from '../analysis/type-facts';
import { Rule } from './rule';
import { resultExpressions } from './ccallable-return-mismatch';

/** Types of the first parameter that accept a `Vector{String}`. */
const ACCEPTS_ARGS = /^(Any|(Core\.|Base\.)?(AbstractVector|AbstractArray|Vector|Array|DenseVector|DenseArray)(\{(String|<:AbstractString|<:String|<:Any)?(,1)?\}|\{<:AbstractString,1\})?)$/;
const INTEGER_RETURN = /^(Int|Int8|Int16|Int32|Int64|UInt|UInt8|UInt16|UInt32|UInt64|Cint|Cuint|Clong|Culong|Bool|Integer|Signed)$/;
const NOTHING_CALLS = new Set(['println', 'print', 'show', 'printstyled', 'display', 'dump', 'flush', 'close', 'push!', 'sleep', 'wait', 'foreach', 'printf', 'showerror']);
const NON_INTEGER = /^(String|Nothing|Float16|Float32|Float64|Symbol|Char)$/;

export const mainShape: Rule = {
  meta: {
    code: 'TRIM701',
    name: 'main-shape',
    summary: '`@main` that cannot take a `Vector{String}`, that returns a non-integer, or (1.12) that lives in a submodule of a script',
    severity: 'error',
    category: 'entrypoints',
    fixable: 'none',
    docs: {
      what:
        'Checks each `@main`: it must accept one `Vector{String}` argument (`function (@main)()`, `(args::Vector{Any})` and `(args::Int)` cannot); its `return`s and last statement should give an integer exit code (a trailing `println(...)`, `return nothing`, a bare `return`, a trailing loop or a string do not); and, for Julia 1.12, a script\'s `@main` must be defined in `Main`, not in a module of the script.',
      why:
        'JuliaC wraps `@main` in a C `main` that calls `exit(Main.main(ARGS))`. The build fails when `main` cannot be called with a `Vector{String}`. When it returns `nothing`, `exit(nothing)` has no method: the verifier only warns (the call must throw) and the program fails at its very end. The 1.12 `contrib/juliac` script also required a script\'s `main` to be in `Main`.\n\n' +
        'Severity: **error** for a signature that cannot take the arguments (the build fails); **warning tagged `runtime-risk`** for a non-integer result (the build passes, the program fails on exit); **error** for a script\'s `@main` in a submodule on 1.12 (the build script stops with *"The `main` function must be defined in `Main`"*).',
      verifierMessage: '`@main` must accept a `Vector{String}` argument.\nThe `main` function must be defined in `Main`. If you are defining it inside a module, try adding `import .M.main`',
      example: 'function (@main)()\n    println(Core.stdout, "hello")\nend',
      useInstead: 'function (@main)(args::Vector{String})::Cint\n    println(Core.stdout, "hello")\n    return 0\nend',
      fixSafety: 'No automatic fix.',
      falsePositives:
        '`function @main(args)`, `(@main)(args) = ...`, `function @main(ARGS)`, `@main` annotated `::Cint` or `::Int` (the annotation converts), `return 0`, and a trailing `exit(0)` after printing are not flagged. A `@main` in a package module is the package layout JuliaC expects and is not flagged; a script that imports `main` into `Main` (`using .App: main`) is not flagged.',
      versions: 'The submodule check applies to Julia 1.12 only (the `contrib/juliac` build script); JuliaC on 1.13 and later imports `main` from a package module.',
      evidence: [
        'https://github.com/JuliaLang/JuliaC.jl/blob/main/src/scripts/juliac-buildscript.jl',
        'https://docs.julialang.org/en/v1/manual/command-line-interface/#The-Main.main-entry-point',
        'https://github.com/JuliaLang/julia/issues/58450',
      ],
    },
  },
  create(ctx) {
    return {
      file() {
        for (const fn of ctx.file.functions) {
          if (fn.entry?.kind !== 'main' || fn.parent) continue;
          checkSignature(fn);
          // An unfinished `@main` (no `end` yet) has no last statement to judge.
          if (fn.node.type !== 'ERROR') checkResult(fn);
          if (ctx.options.juliaVersion === '1.12') checkModule(fn);
        }
      },
    };

    function checkSignature(fn: FunctionInfo): void {
      const at = fn.nameNode ?? fn.node;
      // A signature still being typed (no closing parenthesis yet) says nothing about its shape.
      const signature = fn.node.children.find((c) => c.type === 'signature') ?? fn.node;
      if (fn.node.type === 'ERROR' || hasSyntaxError(signature)) return;
      const positional = fn.params.filter((p) => !p.keyword);
      if (positional.length === 0) {
        ctx.report({ node: at, owner: fn, message: '`@main` must accept a `Vector{String}` argument: JuliaC calls `main(ARGS)`. Write `function (@main)(args)` (and ignore `args` if unused).' });
        return;
      }
      const first = positional[0];
      if (first.typeNode && !first.vararg) {
        const t = first.typeNode.text.replace(/\s+/g, '');
        if (!ACCEPTS_ARGS.test(t) && !fn.whereNames.includes(t)) {
          ctx.report({ node: first.typeNode, owner: fn, message: `\`@main\` must accept a \`Vector{String}\` argument, and \`${first.typeNode.text}\` does not${/^Vector\{Any\}$/.test(t) ? ' (`Vector{String}` is not a `Vector{Any}`)' : ''}. Use \`args::Vector{String}\` or leave it untyped.` });
        }
      }
      const required = positional.slice(1).filter((p) => !p.defaultValue && !p.vararg);
      if (required.length > 0) {
        ctx.report({ node: required[0].node, owner: fn, message: '`@main` is called with one argument (`ARGS`); this extra required parameter makes the call fail. Give it a default or remove it.' });
      }
    }

    function checkResult(fn: FunctionInfo): void {
      if (fn.returnType && INTEGER_RETURN.test(fn.returnType.text.replace(/\s+/g, '').replace(/^(Base|Core)\./, ''))) return;
      for (const e of resultExpressions(fn)) {
        const why = nonInteger(e, fn);
        if (!why) continue;
        ctx.report({
          node: e,
          owner: fn,
          severity: 'warning',
          tags: ['runtime-risk'],
          message: `\`@main\` ${why}: JuliaC passes the result to \`exit\`, and \`exit\` of a non-integer has no method, so the build passes and the program fails as it ends. Return an exit code (\`return 0\`) or annotate \`::Cint\`.`,
        });
      }
      const last = lastBodyStatement(fn);
      if (last && (last.type === 'for_statement' || last.type === 'while_statement')) {
        ctx.report({
          node: last.children[0] ?? last,
          owner: fn,
          severity: 'warning',
          tags: ['runtime-risk'],
          message: '`@main` ends with a loop, so it returns `nothing`: JuliaC passes the result to `exit`, which has no method for `nothing`; the build passes and the program fails as it ends. Add `return 0` after the loop.',
        });
      }
    }

    function nonInteger(e: SyntaxNode, fn: FunctionInfo): string | null {
      if (e.type === 'return_statement') return 'has a bare `return`, which returns `nothing`';
      if (e.type === 'identifier' && e.text === 'nothing') return 'returns `nothing`';
      if (e.type === 'call_expression') {
        const name = calleeName(e);
        if (name && NOTHING_CALLS.has(baseName(name)) && /^((Base|Core)\.)?[\w!]+$/.test(name)) return `ends with \`${baseName(name)}(...)\`, which returns \`nothing\``;
        return null;
      }
      if (e.type === 'macrocall_expression') {
        const mc = macroCall(e);
        if (mc && (mc.name === 'printf' || mc.name === 'info' || mc.name === 'warn' || mc.name === 'error' || mc.name === 'debug')) return `ends with \`@${mc.name}\`, which returns \`nothing\``;
        return null;
      }
      const t = typeOfExpression(e, fn, ctx.project);
      if (t.kind === 'concrete' && !t.typeVar && NON_INTEGER.test(t.text)) return `returns a \`${t.text}\``;
      return null;
    }

    function checkModule(fn: FunctionInfo): void {
      const view = ctx.project.view();
      const mod = view.moduleOf(fn.module);
      if (mod === view.main) return;
      let outer = mod;
      while (outer.parent && outer.parent !== view.main) outer = outer.parent;
      const home = outer.parts[0]?.file.path ?? '';
      // A package's entry file `src/Name.jl`: JuliaC loads the package and imports its `main`.
      if (mod === outer && new RegExp(`(^|[\\\\/])src[\\\\/]${outer.name}\\.jl$`).test(home)) return;
      const imported = view.main.imports.some((i) => i.names.includes('main') || i.targets.some((t) => /(^|\.)main$/.test(t)));
      if (imported) return;
      // The 1.12 build script stops with an error (no verifier run): the build fails.
      ctx.report({
        node: fn.nameNode ?? fn.node,
        owner: fn,
        message: `On Julia 1.12 the juliac script requires a script's \`main\` to be defined in \`Main\` and stops the build otherwise; this one is in \`${mod.qualifiedName}\`. Add \`using .${mod.qualifiedName}: main\` at the top level of the script, or define \`@main\` outside the module.`,
      });
    }
  },
};

function lastBodyStatement(fn: FunctionInfo): SyntaxNode | null {
  const body = fn.body.filter((n) => n.type !== 'line_comment' && n.type !== 'block_comment');
  return body[body.length - 1] ?? null;
}

function hasSyntaxError(node: SyntaxNode): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'ERROR' || n.missing) found = true;
    return !found;
  });
  return found;
}
