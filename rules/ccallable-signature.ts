import { SyntaxNode, walk } from '../grammar-bindings';
import { FileFacts, FunctionInfo } from '../analysis/file-facts';
import { judgeType } from '../analysis/base-types';
import { macroCall } from '../analysis/julia-syntax';
import { Project, rangeOf } from '../analysis/project';
import { structNamed, typeHead } from '../analysis/type-facts';
import { Rule } from './rule';

/** Types that map to C scalars. */
const C_SCALARS = new Set([
  'Int', 'Int8', 'Int16', 'Int32', 'Int64', 'Int128', 'UInt', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'UInt128',
  'Float16', 'Float32', 'Float64', 'Bool', 'Char', 'Cint', 'Cuint', 'Clong', 'Culong', 'Cshort', 'Cushort', 'Clonglong',
  'Culonglong', 'Cfloat', 'Cdouble', 'Csize_t', 'Cssize_t', 'Cchar', 'Cuchar', 'Cwchar_t', 'Cstring', 'Cwstring',
  'Cptrdiff_t', 'Cintmax_t', 'Cuintmax_t', 'Cvoid', 'Nothing', 'ComplexF32', 'ComplexF64',
]);
/** Julia objects with no C layout (`String`, `Symbol`) and arrays, which C cannot build: pass a pointer and a length. */
const NOT_C = /^(String|Symbol|Vector|Matrix|Array)$/;

type CJudgement = { ok: true } | { ok: false; reason: string } | { ok: null };

export const ccallableSignature: Rule = {
  meta: {
    code: 'TRIM603',
    name: 'ccallable-signature',
    summary: '`Base.@ccallable` definitions without a return type, with non-C argument or return types, varargs, non-singleton callables or duplicate C names',
    severity: 'error',
    category: 'entrypoints',
    fixable: 'none',
    docs: {
      what:
        'Checks every `Base.@ccallable` definition: it needs a return type (`::RT` on the signature or `Base.@ccallable RT function ...`); every argument needs a concrete, C-mappable type (primitive numbers, `Bool`, `Cint` and friends, `Cstring`, `Ptr{...}`, `NTuple`s of those, and structs of the project, which are passed by their layout); the return type must be concrete and C-mappable (or `Cvoid`/`Nothing`); varargs are not supported; the function must be a singleton (not a lambda or a callable-struct method); and no two `@ccallable`s in the project may export the same C name.',
      why:
        '`@ccallable` builds a C entry point with a fixed C signature when the definition is loaded at build time (`expand_ccallable` in `base/c.jl`, `jl_extern_c` in the runtime); a signature that has no C equivalent is rejected there, before the verifier runs. An unannotated argument is `Any`, which is not concrete.\n\nSeverity: **error** (the build fails).',
      verifierMessage:
        '@ccallable requires a return type\n@ccallable: argument types must be concrete\n@ccallable: return type must be concrete and correspond to a C type\n@ccallable: function object must be a singleton\n@ccallable was already defined for this method name',
      example:
        'Base.@ccallable function scale(x::Real)::Float64\n    return 2.0 * x\nend\n\nBase.@ccallable function greet(name::String)\n    return length(name)\nend',
      useInstead:
        'Base.@ccallable function scale(x::Cdouble)::Cdouble\n    return 2.0 * x\nend\n\nBase.@ccallable function greet(name::Cstring)::Cint\n    return Cint(length(unsafe_string(name)))\nend',
      fixSafety: 'No automatic fix: the C signature is part of the library\'s interface.',
      falsePositives:
        '`Base.@ccallable "c_name" function f(x::CStruct{Float64})::Int64` with an immutable struct of C fields, `Ptr{T}` arguments, `Base.@ccallable Int32 function f(x::Int32)` (return type as a macro argument) and the legacy executable entry `Base.@ccallable function main()::Cint` are not flagged. Types from other packages are not judged.',
      evidence: [
        'https://github.com/JuliaLang/julia/blob/master/base/c.jl',
        'https://github.com/JuliaLang/julia/tree/master/test/trim',
        'https://github.com/JuliaLang/julia/blob/master/Compiler/src/verifytrim.jl',
      ],
    },
  },
  create(ctx) {
    return {
      file() {
        for (const { fn } of ccallableDefinitions(ctx.file)) {
          if (!fn) continue;
          const at = fn.nameNode ?? fn.node;
          if (fn.kind === 'lambda' || fn.callableType) {
            ctx.report({
              node: at,
              owner: fn,
              message: '`@ccallable` needs a named function: a lambda or a callable-struct method is not a singleton function object, and C has no way to pass the object. Define a named function.',
            });
            continue;
          }
          const rt = fn.returnType ?? fn.entry?.macroReturnType ?? null;
          if (!rt) {
            ctx.report({
              node: at,
              owner: fn,
              message: '`@ccallable` requires a return type: add `::Cint` (or another C type) after the signature, or give it as a macro argument (`Base.@ccallable Cint function ...`).',
            });
          } else {
            const j = judgeC(rt, fn, ctx.project, true);
            if (j.ok === false) {
              ctx.report({
                node: rt,
                owner: fn,
                message: `\`@ccallable\`: return type must be concrete and correspond to a C type; \`${rt.text}\` ${j.reason}. Return a C scalar, a \`Ptr\`, an isbits struct or \`Cvoid\`.`,
              });
            }
          }
          for (const p of fn.params) {
            if (p.keyword) {
              ctx.report({ node: p.node, owner: fn, message: '`@ccallable` functions cannot take keyword arguments: C passes positional arguments only.' });
              continue;
            }
            if (p.vararg) {
              ctx.report({ node: p.node, owner: fn, message: '`@ccallable` does not support varargs: a C entry point has a fixed signature. Take a pointer and a length instead.' });
              continue;
            }
            if (!p.typeNode) {
              ctx.report({
                node: p.node,
                owner: fn,
                message: `\`@ccallable\`: argument types must be concrete; \`${p.name ?? p.node.text}\` has no type, so it is \`Any\`. Annotate it with a C type (\`::Cint\`, \`::Cdouble\`, \`::Ptr{T}\`, \`::Cstring\`).`,
              });
              continue;
            }
            const j = judgeC(p.typeNode, fn, ctx.project, false);
            if (j.ok === false) {
              ctx.report({
                node: p.typeNode,
                owner: fn,
                message: `\`@ccallable\`: argument types must be concrete and C-mappable; \`${p.typeNode.text}\` ${j.reason}. Use a C type (\`Cint\`, \`Cdouble\`, \`Ptr{T}\`, \`Cstring\`) or an immutable struct of them.`,
              });
            }
          }
        }
        reportDuplicates();
      },
    };

    function reportDuplicates(): void {
      const all = ctx.projectCache('ccallable-signature:definitions', () => {
        const out: Array<{ file: FileFacts; fn: FunctionInfo; cName: string }> = [];
        for (const file of [...ctx.project.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
          for (const { fn } of ccallableDefinitions(file)) {
            if (!fn || !fn.name || underCondition(fn.node)) continue;
            out.push({ file, fn, cName: fn.entry?.cName ?? fn.name.split('.').pop()! });
          }
        }
        return out;
      });
      const first = new Map<string, { file: FileFacts; fn: FunctionInfo }>();
      for (const d of all) {
        const prev = first.get(d.cName);
        if (!prev) {
          first.set(d.cName, d);
          continue;
        }
        if (d.file !== ctx.file) continue;
        ctx.report({
          node: d.fn.nameNode ?? d.fn.node,
          owner: d.fn,
          message: `\`@ccallable\` was already defined for the C name \`${d.cName}\` (line ${prev.fn.node.startPosition.row + 1}${prev.file === ctx.file ? '' : ` of ${prev.file.path}`}); the second definition fails when loaded. Give one of them another C name (\`Base.@ccallable "other_name" function ...\`).`,
          related: [{ path: prev.file.path, range: rangeOf(prev.fn.nameNode ?? prev.fn.node), message: `first \`@ccallable\` named \`${d.cName}\`` }],
        });
      }
    }
  },
};

/** Definitions in `if`/`@static if` branches may be alternatives for different platforms. */
function underCondition(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'if_statement' || p.type === 'ternary_expression') return true;
  return false;
}

interface CcallableDefinition {
  marker: SyntaxNode;
  /** The definition's function, null when the macro wraps something else. */
  fn: FunctionInfo | null;
  target: SyntaxNode;
}

const definitionsCache = new WeakMap<FileFacts, CcallableDefinition[]>();

/** Every `@ccallable` macro call outside quotes, with the function it defines. */
export function ccallableDefinitions(file: FileFacts): CcallableDefinition[] {
  const cached = definitionsCache.get(file);
  if (cached) return cached;
  const out: CcallableDefinition[] = [];
  // Most files have none: reading the text is much cheaper than walking the tree.
  if (!file.tree.root.text.includes('ccallable')) {
    definitionsCache.set(file, out);
    return out;
  }
  walk(file.tree.root, (n) => {
    if (n.type === 'quote_statement' || (n.type === 'quote_expression' && n.namedChild(0)?.type !== 'identifier')) return false;
    if (n.type !== 'macrocall_expression') return;
    const mc = macroCall(n);
    if (!mc || mc.name !== 'ccallable' || mc.args.length === 0) return;
    const target = mc.args[mc.args.length - 1];
    out.push({ marker: n, fn: file.functionByNode.get(target) ?? null, target });
  });
  definitionsCache.set(file, out);
  return out;
}

/** Whether a type written in a `@ccallable` signature maps to C. */
export function judgeC(typeNode: SyntaxNode, fn: FunctionInfo, project: Project, isReturn: boolean): CJudgement {
  const text = typeNode.text.replace(/\s+/g, '');
  const head = typeHead(text).replace(/^(Base|Core)\./, '');
  if (fn.whereNames.includes(text)) return { ok: false, reason: 'is a type variable, so the C signature is not fixed' };
  if (C_SCALARS.has(head)) return { ok: true };
  if (head === 'Ptr') return text === 'Ptr' ? { ok: false, reason: 'has no element type' } : { ok: true };
  if (head === 'NTuple') return { ok: true };
  if (head === 'Any' || text === 'Any') return { ok: false, reason: 'is not a concrete type' };
  if (head === 'Ref' || head === 'Base.RefValue') return { ok: false, reason: 'is a Julia reference object, not a C pointer; use `Ptr{T}`' };
  if (head === 'Union') return { ok: false, reason: 'is a `Union`, not a concrete type' };
  // Structs of the project are passed by layout (isbits ones as C structs): not judged further.
  if (structNamed(text, project) && !NOT_C.test(head)) return { ok: null };
  if (NOT_C.test(head)) return { ok: false, reason: `is a Julia object with no C layout${isReturn ? '' : ' (pass a pointer and a length instead)'}` };
  const judged = judgeType(typeNode, { typeVars: fn.whereNames });
  if (judged === 'abstract') return { ok: false, reason: 'is abstract' };
  return { ok: null };
}
