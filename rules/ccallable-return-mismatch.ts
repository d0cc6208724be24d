import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { typeOfExpression } from '../analysis/type-facts';
import { Project } from '../analysis/project';
import { Rule } from './rule';

/** C aliases as the types they name on 64-bit platforms. */
const ALIASES: Record<string, string> = {
  Int: 'Int64', UInt: 'UInt64', Cint: 'Int32', Cuint: 'UInt32', Cshort: 'Int16', Cushort: 'UInt16', Clonglong: 'Int64',
  Culonglong: 'UInt64', Cchar: 'Int8', Cuchar: 'UInt8', Csize_t: 'UInt64', Cssize_t: 'Int64', Cfloat: 'Float32',
  Cdouble: 'Float64', Cvoid: 'Nothing', Cptrdiff_t: 'Int64', Cintmax_t: 'Int64', Cuintmax_t: 'UInt64',
};
/** Result types this rule trusts from the light type facts. */
const OBVIOUS = /^(Int8|Int16|Int32|Int64|Int128|UInt8|UInt16|UInt32|UInt64|UInt128|Float16|Float32|Float64|Bool|Char|String|Symbol|Nothing)$/;
const INTEGER = /^(Int8|Int16|Int32|Int64|Int128|UInt8|UInt16|UInt32|UInt64|UInt128|Bool)$/;
const FLOAT = /^(Float16|Float32|Float64)$/;
const NUMBER = /^(Int8|Int16|Int32|Int64|Int128|UInt8|UInt16|UInt32|UInt64|UInt128|Bool|Float16|Float32|Float64)$/;

function canonical(t: string): string {
  const bare = t.replace(/\s+/g, '').replace(/^(Base|Core)\./, '');
  return Object.hasOwn(ALIASES, bare) ? ALIASES[bare] : bare;
}

export const ccallableReturnMismatch: Rule = {
  meta: {
    code: 'TRIM604',
    name: 'ccallable-return-mismatch',
    summary: '`@ccallable` bodies whose obvious result type differs from the declared C return type',
    severity: 'error',
    category: 'entrypoints',
    fixable: 'none',
    docs: {
      what:
        'Compares the declared return type of a `Base.@ccallable` with the types its `return` expressions and last expression obviously have (literals, arguments, arithmetic such as `/` on integers giving `Float64`). With the macro-argument form `Base.@ccallable Int32 function f(...)` and no return annotation on the method, a result of another type is reported; with the usual `function f(...)::Cint` form, a result that `convert` cannot turn into the declared type for every value (a `Float64` into an integer, a `String` into a number) is reported as a run-time risk.',
      why:
        'The verifier checks that the inferred return type is a subtype of the declared C return type: it fails when the two are disjoint (`Float64` against `Int32`) and warns when they only overlap (a `Union` holding the declared type). A return annotation on the method inserts a `convert`, so the verifier is satisfied, but `convert(Int32, 2.5)` throws an `InexactError` when the value is not whole, and an exception escaping a `@ccallable` aborts the host process.\n\n' +
        'Severity: **error** when the types are disjoint (the verifier fails); **warning** when they overlap; **warning tagged `runtime-risk`** when a return annotation converts and the conversion can throw.',
      verifierMessage: 'ccallable declared return type does not match inference for Tuple{typeof(half), Int32} => Float64',
      example: 'Base.@ccallable Int32 function half(n::Int32)\n    n / 2\nend\n\nBase.@ccallable function ratio(a::Cint, b::Cint)::Cint\n    return a / b\nend',
      useInstead: 'Base.@ccallable Int32 function half(n::Int32)\n    return n ÷ Int32(2)\nend\n\nBase.@ccallable function ratio(a::Cint, b::Cint)::Cint\n    return div(a, b)\nend',
      fixSafety: 'No automatic fix: choose between integer division, rounding (`round(Cint, x)`) and a floating-point C return type.',
      falsePositives:
        'Results whose type the light type facts cannot see are not judged. Integer results under an integer annotation and integers under a floating-point annotation (exact conversions for small values) are not flagged. `Cint`, `Cdouble` and the other C aliases are compared as the types they name on 64-bit platforms.',
      evidence: ['https://github.com/JuliaLang/julia/blob/master/Compiler/src/verifytrim.jl', 'https://github.com/JuliaLang/julia/blob/master/Compiler/test/verifytrim.jl'],
    },
  },
  create(ctx) {
    return {
      file() {
        for (const fn of ctx.file.functions) {
          if (fn.entry?.kind !== 'ccallable' || fn.parent) continue;
          const declaredNode = fn.returnType ?? fn.entry.macroReturnType ?? null;
          if (!declaredNode) continue;
          const declared = canonical(declaredNode.text);
          if (!OBVIOUS.test(declared)) continue;
          const results = resultExpressions(fn).map((e) => ({ e, t: obviousType(e, fn, ctx.project) }));
          if (fn.returnType) {
            for (const { e, t } of results) {
              if (!t || t === declared) continue;
              const throws = (INTEGER.test(declared) && FLOAT.test(t)) || (NUMBER.test(declared) && /^(String|Symbol|Nothing|Char)$/.test(t)) || (declared === 'Nothing' && t !== 'Nothing');
              if (!throws) continue;
              ctx.report({
                node: e,
                owner: fn,
                severity: 'warning',
                tags: ['runtime-risk'],
                message: `This returns a \`${t}\` where the C return type is \`${declaredNode.text}\`: the return annotation converts it, which ${FLOAT.test(t) ? 'throws an `InexactError` for values that are not whole' : 'has no method for these types'}, and an exception escaping a \`@ccallable\` aborts the host process. Convert explicitly (\`round(${declaredNode.text}, x)\`, \`div(a, b)\`).`,
              });
            }
            continue;
          }
          const known = results.filter((r) => r.t !== null);
          const mismatched = known.filter((r) => r.t !== declared);
          if (mismatched.length === 0) continue;
          const disjoint = known.length === results.length && mismatched.length === known.length;
          for (const { e, t } of mismatched) {
            ctx.report({
              node: e,
              owner: fn,
              severity: disjoint ? 'error' : 'warning',
              message: `This returns a \`${t}\` but the \`@ccallable\` declares \`${declaredNode.text}\` without a return annotation on the method, so nothing converts it: the trim verifier reports \`ccallable declared return type does not match inference\`${disjoint ? '' : ' (a warning when the inferred union still holds the declared type)'}. Return a \`${declaredNode.text}\` (\`${declaredNode.text}(x)\`) or annotate the method with \`::${declaredNode.text}\`.`,
            });
          }
        }
      },
    };
  },
};

function obviousType(e: SyntaxNode, fn: FunctionInfo, project: Project): string | null {
  if (e.type === 'return_statement') return 'Nothing';
  if (e.type === 'parenthesized_expression' && e.namedChildCount === 1) return obviousType(e.namedChild(0)!, fn, project);
  if (e.type === 'binary_expression') {
    const op = e.namedChildren.find((c) => c.type === 'operator')?.text ?? '';
    const [l, , r] = e.namedChildren;
    if (/^(==|!=|===|!==|<|>|<=|>=|isa)$/.test(op)) return 'Bool';
    const lt = l ? obviousType(l, fn, project) : null;
    const rt = r ? obviousType(r, fn, project) : null;
    if (!lt || !rt || !NUMBER.test(lt) || !NUMBER.test(rt)) return null;
    if (op === '/') {
      // Integers divide to Float64; a float operand keeps its width unless the other is a wider float.
      const floats = [lt, rt].filter((t) => FLOAT.test(t));
      return floats.length === 0 ? 'Float64' : floats.includes('Float64') ? 'Float64' : floats.includes('Float32') ? 'Float32' : 'Float16';
    }
    if (/^[+\-*÷%]$/.test(op)) {
      if (lt === rt) return lt === 'Bool' ? 'Int64' : lt;
      if (FLOAT.test(lt) && INTEGER.test(rt)) return lt;
      if (FLOAT.test(rt) && INTEGER.test(lt)) return rt;
    }
    return null;
  }
  const t = typeOfExpression(e, fn, project);
  if (t.kind !== 'concrete' || t.typeVar) return null;
  const c = canonical(t.text);
  return OBVIOUS.test(c) ? c : null;
}

/** `return` values (a bare `return` itself) and the last expression of the body, skipping nested functions. */
export function resultExpressions(fn: FunctionInfo): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [...fn.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'function_definition' || n.type === 'arrow_function_expression' || n.type === 'do_clause' || n.type === 'macro_definition') continue;
    if (n.type === 'return_statement') {
      out.push(n.namedChild(0) ?? n);
      continue;
    }
    for (const c of n.children) stack.push(c);
  }
  const last = lastStatement(fn);
  if (last && last.type !== 'return_statement' && !/_statement$|_clause$/.test(last.type) && last.type !== 'function_definition') out.push(last);
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

/** The last statement of a function body, looking through `begin ... end`. */
export function lastStatement(fn: FunctionInfo): SyntaxNode | null {
  const body = fn.body.filter((n) => n.type !== 'line_comment' && n.type !== 'block_comment');
  let n: SyntaxNode | null = body.length > 0 ? body[body.length - 1] : null;
  while (n && (n.type === 'compound_statement' || n.type === 'block')) {
    const kids = n.namedChildren.filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment');
    n = kids[kids.length - 1] ?? null;
  }
  return n;
}
