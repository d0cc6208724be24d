import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo, GlobalInfo } from '../analysis/file-facts';
import { baseName, callArguments, calleeName, dottedName, macroCall } from '../analysis/julia-syntax';
import { findParam, isLocalName, localAssignedValue } from '../analysis/local-types';
import { Project } from '../analysis/project';
import { visitedCalleeName } from './syntax-memo';
import { Rule } from './rule';

/** The verifier's denylist (`runtime_functions` in verifytrim.jl). */
const DENYLISTED = new Set(['jl_apply']);
/** Runtime entry points that dispatch or evaluate: they pass the verifier, but need code the binary lacks. */
const REENTRY = new Set(['jl_apply_generic', 'jl_call', 'jl_call0', 'jl_call1', 'jl_call2', 'jl_call3', 'jl_eval_string', 'jl_invoke', 'jl_toplevel_eval', 'jl_toplevel_eval_in', 'jl_load', 'jl_load_file_string', 'jl_f_invokelatest']);

const NAME_TYPES = /^(Symbol|String|AbstractString|Core\.Symbol|Base\.String)$/;
const POINTER_CALLS = new Set(['dlsym', 'Libdl.dlsym', 'Base.Libc.Libdl.dlsym', 'dlsym_e', 'Libdl.dlsym_e', 'cglobal', 'pointer', 'Ptr', 'reinterpret']);

type LibJudgement = 'constant' | 'dynamic' | 'unknown';

export const ccallDynamic: Rule = {
  meta: {
    code: 'TRIM601',
    name: 'ccall-dynamic',
    summary: '`ccall` with a run-time function name, into a runtime re-entry function, or with a library that is not constant',
    severity: 'error',
    category: 'c-interop',
    fixable: 'none',
    docs: {
      what:
        'Flags run-time `ccall`s and `@ccall`s whose target cannot be fixed at build time: a function name held in a variable (`ccall(fname, ...)` where `fname` is a `Symbol` or `String`, `ccall(Symbol("f"), ...)`), calls into `jl_apply`, calls into other runtime functions that dispatch or evaluate code (`jl_apply_generic`, `jl_call`, `jl_eval_string`, `jl_invoke`, ...), and a library given by a non-`const` global, a local variable, a function call or a field (`ccall((:f, libpath), ...)`, `@ccall lib.f()`).',
      why:
        'The trim verifier rejects a `ccall` whose name is not constant and has no library, and a `ccall` into `jl_apply`, which re-enters dispatch on code that may have been trimmed. Other runtime entry points such as `jl_call` or `jl_eval_string` are not on its denylist, but they dispatch or evaluate at run time in a binary that has no compiler and only the methods it was built with. A library that is not a constant makes the runtime `dlopen`/`dlsym` the library when the call first runs, through Julia code the trim removed: the build passes and the program fails (`Core.MethodError(f=Base.Libc.Libdl.var"#dlsym"(), ...)`, julia 57707; `LazyLibrary` products in a trimmed `.so`, julia 61906).\n\n' +
        'Severity: **error** for a non-constant name and for `jl_apply` (the verifier fails); **warning tagged `runtime-risk`** for other runtime re-entry functions and for non-constant libraries (the build passes, the call fails when run).',
      verifierMessage: 'disallowed ccall with non-constant name and no library\ndisallowed ccall into a runtime function',
      example:
        'libpath = find_library()\n\ngetversion() = ccall((:version, libpath), Cint, ())\n\nfunction call_named(fname::Symbol)\n    return ccall(fname, Cint, ())\nend',
      useInstead:
        'const libpath = "libfoo.so.1"   # or a JLL product such as Zstd_jll.libzstd\n\ngetversion() = ccall((:version, libpath), Cint, ())\n\n# A run-time choice of symbol: look the pointer up and call the pointer\nusing Libdl\nfunction call_named(handle::Ptr{Cvoid}, fname::Symbol)\n    fptr = Libdl.dlsym(handle, fname)\n    return ccall(fptr, Cint, ())\nend',
      fixSafety: 'No automatic fix: the library must become a `const` or the call a pointer call.',
      falsePositives:
        '`ccall((:f, "libfoo"), ...)`, a library held in a `const` global of the file or the project, a name imported from another package (a JLL product), `ccall(fptr, ...)` with a pointer from `dlsym`, `cglobal` or `@cfunction`, `@ccall f()` without a library, `@ccall "libfoo".f()` and `@ccall $(fptr)(...)` are not flagged. A `ccall` at top level runs at build time (JLLs compute `const build_ver` that way) and is not flagged. A local bound once to a string literal is left alone.',
      versions:
        'The non-constant-name check is in the verifier since julia PR 59165 made the difference between a name and a pointer syntactic (1.13); on 1.12 such a call is not caught by the verifier and fails when it runs. `LazyLibrary` stdlib JLLs (BLAS, LAPACK) in a trimmed `.so` failed on 1.13-rc1 (julia 61906); a 1.12.3 executable calling `qr` worked.',
      evidence: [
        'https://github.com/JuliaLang/julia/blob/master/Compiler/src/verifytrim.jl',
        'https://github.com/JuliaLang/julia/issues/57707',
        'https://github.com/JuliaLang/julia/pull/58444',
        'https://github.com/JuliaLang/julia/issues/61906',
        'https://github.com/JuliaLang/julia/pull/59165',
        'https://github.com/alex-s-gardner/AutoRIFT.jl/blob/main/app/README.md',
      ],
    },
  },
  create(ctx) {
    const checkName = (nameNode: SyntaxNode, report: SyntaxNode, bare = false) => {
      const sym = literalName(nameNode, bare);
      if (sym === null) return false;
      if (DENYLISTED.has(sym)) {
        ctx.report({
          node: report,
          message: `\`ccall(:${sym}, ...)\` calls back into the Julia runtime's dispatch, which the trim verifier rejects: the called code may have been trimmed away. Call the Julia function directly.`,
        });
      } else if (REENTRY.has(sym)) {
        ctx.report({
          node: report,
          severity: 'warning',
          tags: ['runtime-risk'],
          message: `\`ccall(:${sym}, ...)\` dispatches or evaluates Julia code at run time: the verifier lets it through, but a trimmed binary has no compiler and only the methods it was built with, so the program fails when this runs. Call the Julia function directly.`,
        });
      }
      return true;
    };
    const reportLibrary = (lib: SyntaxNode, owner: FunctionInfo) => {
      if (judgeLibrary(lib, owner, ctx.project, ctx.file.globals) !== 'dynamic') return;
      ctx.report({
        node: lib,
        severity: 'warning',
        tags: ['runtime-risk'],
        message: `The library \`${short(lib.text)}\` is not a constant: the runtime must \`dlopen\`/\`dlsym\` it when the call first runs, through Julia code the trim removed, so the build passes and the call fails at run time (julia 57707). Use a string literal or a \`const\` global.`,
      });
    };

    return {
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (name !== 'ccall' && name !== 'Core.ccall' && name !== 'Base.ccall') return;
        const target = callArguments(node).positional[0];
        if (!target) return;
        if (target.type === 'tuple_expression') {
          const [sym, lib] = target.namedChildren;
          if (!sym) return;
          const constantGlobal = sym.type === 'identifier' && !isLocalName(sym.text, owner) && judgeLibrary(sym, owner, ctx.project, ctx.file.globals) !== 'dynamic';
          if (!checkName(sym, target) && !constantGlobal && lib) {
            ctx.report({
              node: sym,
              severity: 'warning',
              tags: ['runtime-risk'],
              message: `The function name \`${short(sym.text)}\` is computed at run time, so the runtime looks the symbol up when the call runs, through Julia code the trim removed: the call fails at run time. Name the symbol literally (\`:name\`).`,
            });
            return;
          }
          if (lib) reportLibrary(lib, owner);
          return;
        }
        if (checkName(target, target)) return;
        if (holdsName(target, owner)) {
          ctx.report({
            node: target,
            message: `\`${short(target.text)}\` is a function name computed at run time with no library: the trim verifier rejects the call. Name the function literally (\`ccall(:name, ...)\`), or look it up with \`dlsym\` and call the pointer.`,
          });
        }
      },
      macrocall_expression(node, owner) {
        const mc = macroCall(node);
        if (!mc || mc.name !== 'ccall') return;
        let call = mc.args[0];
        if (call?.type === 'typed_expression') call = call.namedChild(0) ?? call;
        if (!call || call.type !== 'call_expression') return;
        const callee = call.namedChild(0);
        if (!callee) return;
        if (callee.type === 'identifier') {
          checkName(callee, callee, true);
          return;
        }
        if (callee.type !== 'field_expression') return;
        const lib = callee.childByField('value') ?? callee.namedChild(0);
        const member = callee.namedChildren.filter((c) => c !== lib).pop();
        if (member) checkName(member, member, true);
        if (lib) reportLibrary(lib, owner);
      },
    };
  },
};

/** `:name`, `"name"`, or the bare name in `@ccall name(...)`; null for computed names. */
function literalName(n: SyntaxNode, bare: boolean): string | null {
  if (n.type === 'quote_expression' && n.namedChild(0)?.type === 'identifier') return n.namedChild(0)!.text;
  if (n.type === 'string_literal' && !n.children.some((c) => c.type === 'string_interpolation')) return n.text.replace(/^"+|"+$/g, '');
  if (bare && n.type === 'identifier') return n.text;
  return null;
}

/** True when the first argument of `ccall` holds a Symbol or String (a name, not a pointer). */
function holdsName(n: SyntaxNode, owner: FunctionInfo): boolean {
  if (n.type === 'call_expression') {
    const c = calleeName(n);
    return c === 'Symbol' || c === 'string' || c === 'String';
  }
  if (n.type === 'string_literal') return true;
  if (n.type !== 'identifier') return false;
  const param = findParam(n.text, owner);
  if (param) return !!param.typeNode && NAME_TYPES.test(param.typeNode.text.replace(/\s+/g, ''));
  if (!isLocalName(n.text, owner)) return false;
  const value = localAssignedValue(n.text, owner);
  if (!value) return false;
  if (value.type === 'quote_expression' || value.type === 'string_literal') return true;
  if (value.type === 'call_expression') {
    const c = calleeName(value);
    if (c && POINTER_CALLS.has(c)) return false;
    return c === 'Symbol' || c === 'string';
  }
  return false;
}

function judgeLibrary(lib: SyntaxNode, owner: FunctionInfo, project: Project, fileGlobals: GlobalInfo[]): LibJudgement {
  switch (lib.type) {
    case 'string_literal':
      return lib.children.some((c) => c.type === 'string_interpolation') ? 'dynamic' : 'constant';
    case 'prefixed_string_literal':
      return 'constant';
    case 'call_expression':
    case 'macrocall_expression':
    case 'index_expression':
    case 'binary_expression':
      return 'dynamic';
    case 'identifier': {
      if (isLocalName(lib.text, owner)) {
        const value = findParam(lib.text, owner) ? null : localAssignedValue(lib.text, owner);
        if (value && value.type === 'string_literal' && !value.children.some((c) => c.type === 'string_interpolation')) return 'constant';
        return 'dynamic';
      }
      const g = globalNamed(lib.text, owner, project) ?? fileGlobals.find((x) => x.name === lib.text) ?? null;
      if (!g) return 'unknown';
      return g.kind === 'const' ? 'constant' : 'dynamic';
    }
    case 'field_expression': {
      const name = dottedName(lib);
      if (!name) return 'dynamic';
      const head = name.slice(0, name.lastIndexOf('.'));
      const root = head.split('.')[0];
      if (isLocalName(root, owner)) return 'dynamic'; // a field of a local value
      const view = project.view();
      const mod = view.resolveModule(view.moduleOf(owner.module), head);
      if (!mod) return 'unknown'; // another package's binding (a JLL product)
      const g = mod.globals.find((x) => x.name === baseName(name));
      if (!g) return 'unknown';
      return g.kind === 'const' ? 'constant' : 'dynamic';
    }
    default:
      return 'unknown';
  }
}

function globalNamed(name: string, owner: FunctionInfo, project: Project): GlobalInfo | null {
  const view = project.view();
  return view.moduleOf(owner.module).globals.find((x) => x.name === name) ?? null;
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? one.slice(0, 37) + '...' : one;
}
