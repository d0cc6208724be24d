import { SyntaxNode } from '../grammar-bindings';
import { getCallGraph } from '../analysis/call-graph';
import { FunctionInfo, ParamInfo } from '../analysis/file-facts';
import { Fix } from '../analysis/finding';
import { assignmentParts, baseName, callArguments, calleeName, doClause } from '../analysis/julia-syntax';
import { isLocalName } from '../analysis/local-types';
import { Project, rangeOf } from '../analysis/project';
import { factFromTypeText } from '../analysis/type-facts';
import { Rule } from './rule';

/** Base functions commonly passed as values. */
const BASE_FUNCTIONS = new Set([
  'sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'abs2', 'identity', 'isless', 'isequal', 'string', 'length', 'first',
  'last', 'uppercase', 'lowercase', 'strip', 'parse', 'println', 'print', 'show', 'isempty', 'iszero', 'isodd', 'iseven',
  'max', 'min', 'sum', 'prod', 'round', 'floor', 'ceil', 'float', 'Int', 'Float64', 'isdigit', 'isletter', 'isspace',
]);

type Kind = 'function' | 'type';

export const nonspecializedPassthrough: Rule = {
  meta: {
    code: 'TRIM303',
    name: 'nonspecialized-passthrough',
    summary: 'A function or type argument only passed on to another call, without a `where {F}` type variable',
    severity: 'warning',
    category: 'calls',
    fixable: 'unsafe',
    docs: {
      what:
        'Flags a parameter annotated `::Function`, `Base.Callable`, `::Type` or `::DataType`, or left untyped (or a vararg) while its callers pass functions or types, when the body only passes it on to other calls (`map(f, xs)`, `zeros(T, n)`) and never calls it itself, and it has no type variable (`f::F ... where {F}`).',
      why:
        'Julia deliberately does not specialise a method on a `Function`, `Type` or `Vararg` argument that is only passed through to another call (manual, "Be aware of when Julia avoids specializing"): the method is compiled for the abstract `Function`/`Type`, so the call it passes the argument to is dynamic dispatch, which the trim verifier cannot resolve. JuliaC itself re-declares `issorted` and `searchsorted*` with `lt::T=isless, by::F=identity ... where {T,F}` for this reason, and FFTW.jl\'s unspecialised plan argument broke trimming.',
      verifierMessage: 'unresolved call from statement Base.map(f::Function, xs::Vector{Int64})::Any',
      example: 'apply_all(f, xs::Vector{Int}) = map(f, xs)\nmake(T::Type, n::Int) = zeros(T, n)\n\napply_all(abs, [1, -2])\nmake(Float64, 3)',
      useInstead: 'apply_all(f::F, xs::Vector{Int}) where {F} = map(f, xs)\nmake(::Type{T}, n::Int) where {T} = zeros(T, n)',
      fixSafety:
        'Unsafe: the fix annotates the parameter with a new type variable (`f::F`, `::Type{T}` or `x::Type{T_x}`) and appends `where {F}` to the signature. That forces specialisation, which is what trimming needs, but it also compiles one method instance per function or type passed, and a `where` name could clash with a global of the same name.',
      falsePositives:
        'Parameters called in the body (`f(x)`: Julia specialises on them), parameters with a type variable (`f::F` with `where {F}`, `::Type{T}`), untyped parameters whose callers pass ordinary values (or that no caller trimsafe can see passes a function or type), lambdas passed to `map`/`any`/`all`/`mapreduce` inside the body, `@nospecialize` parameters (TRIM305) and a function only handed to `finalizer` (TRIM306) are not flagged. Small methods that Julia inlines into a caller where the argument is concrete may trim despite the finding.',
      evidence: [
        'https://docs.julialang.org/en/v1/manual/performance-tips/#Be-aware-of-when-Julia-avoids-specializing',
        'https://github.com/JuliaLang/JuliaC.jl/blob/main/src/scripts/juliac-trim-base.jl',
        'https://github.com/JuliaMath/FFTW.jl/issues/319',
      ],
    },
  },
  create(ctx) {
    return {
      file() {
        for (const f of ctx.file.functions) {
          if (f.buildTime || f.parent || (f.kind !== 'function' && f.kind !== 'short') || !f.name || f.entry) continue;
          for (const p of f.params) {
            if (p.keyword || !p.name || p.nospecialize || !p.nameNode) continue;
            const kind = declaredKind(p, f) ?? (p.typeNode ? null : passedKind(f, p, ctx.project));
            if (!kind) continue;
            const target = passThrough(f, p.name);
            if (!target) continue;
            const fix = p.vararg ? null : specialiseFix(f, p, kind);
            const what = kind === 'function' ? 'function' : 'type';
            ctx.report({
              node: p.node,
              owner: f,
              message:
                `\`${p.name}\` is a ${what} argument that \`${f.name}\` only passes on (to \`${target}\`) without calling it, so Julia compiles \`${f.name}\` for the abstract \`${kind === 'function' ? 'Function' : 'Type'}\` and that call is dynamic, which the trim verifier cannot resolve. ` +
                (kind === 'function' ? `Declare \`${p.name}::F\` with \`where {F}\` to force specialisation.` : `Declare it \`::Type{T}\` with \`where {T}\`.`),
              fixes: fix ? [fix] : [],
            });
          }
        }
      },
    };
  },
};

function declaredKind(p: ParamInfo, f: FunctionInfo): Kind | null {
  if (!p.typeNode) return null;
  const t = p.typeNode.text.replace(/\s+/g, '');
  if (f.whereNames.some((w) => new RegExp(`\\b${w}\\b`).test(t))) return null;
  if (/^(Base\.|Core\.)?(Function|Callable)$/.test(t)) return 'function';
  if (/^(Core\.)?(Type|DataType)$/.test(t)) return 'type';
  return null;
}

/** What callers pass for `p`: functions or types (all known sites must agree on one). */
function passedKind(f: FunctionInfo, p: ParamInfo, project: Project): Kind | null {
  const graph = getCallGraph(project);
  const index = f.params.filter((q) => !q.keyword).indexOf(p);
  if (index < 0) return null;
  let found: Kind | null = null;
  for (const e of graph.callers.get(f) ?? []) {
    if (e.kind !== 'call' || e.site?.type !== 'call_expression') continue;
    const site = e.site;
    const args = callArguments(site).positional;
    const withDo = !!doClause(site);
    const passed: Array<SyntaxNode | 'do'> = withDo ? ['do', ...args] : args;
    const values = p.vararg ? passed.slice(index) : [passed[index]];
    for (const a of values) {
      if (!a) continue;
      const k = a === 'do' ? 'function' : kindOfArgument(a, e.caller, project);
      if (!k) continue;
      if (found && found !== k) return null;
      found = k;
    }
  }
  return found;
}

function kindOfArgument(a: SyntaxNode, caller: FunctionInfo, project: Project): Kind | null {
  if (a.type === 'arrow_function_expression') return 'function';
  if (a.type === 'parenthesized_expression' && a.namedChildCount === 1 && a.namedChild(0)!.type === 'operator') return 'function';
  if (a.type === 'parametrized_type_expression') return 'type';
  if (a.type !== 'identifier' || isLocalName(a.text, caller)) return null;
  const graph = getCallGraph(project);
  if (graph.resolveName(a.text, project.view().moduleOf(caller.module)).length > 0) return /^[A-Z]/.test(a.text) ? null : 'function';
  if (BASE_FUNCTIONS.has(a.text) && !/^[A-Z]/.test(a.text)) return 'function';
  const t = factFromTypeText(a.text);
  if (/^[A-Z]/.test(a.text) && (t.kind === 'concrete' || t.kind === 'abstract')) return 'type';
  return null;
}

/**
 * The call `name` is passed to when every use of it in `f` (closures included) is a plain
 * argument, an identity test or an `isa`; null when it is called, used otherwise, or only finalised.
 */
function passThrough(f: FunctionInfo, name: string): string | null {
  let target: string | null = null;
  const stack = [...f.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && n.text === name) {
      const p = n.parent;
      if (p?.type === 'named_argument' && p.namedChild(0) === n) continue; // a keyword's name
      // A keyword value (`sort(xs; by = by)`) is passed on too.
      const kwCall = p?.type === 'named_argument' && p.parent?.type === 'argument_list' ? p.parent.parent : null;
      if (kwCall?.type === 'call_expression' && calleeName(kwCall)) {
        target = target ?? baseName(calleeName(kwCall)!);
        continue;
      }
      const list = p?.type === 'splat_expression' ? p.parent : p;
      if (list?.type === 'argument_list' && list.parent?.type === 'call_expression' && list.parent.namedChild(0) !== n) {
        const call = list.parent;
        if (!callArguments(call).positional.includes(p?.type === 'splat_expression' ? p : n)) return null;
        const callee = calleeName(call);
        if (!callee) return null;
        if (baseName(callee) === 'finalizer') continue;
        target = target ?? baseName(callee);
        continue;
      }
      if (p?.type === 'binary_expression' && /^(===|!==|isa)$/.test(p.namedChildren.find((c) => c.type === 'operator')?.text ?? '')) continue;
      if (p?.type === 'call_expression' && p.namedChild(0) === n) return null; // called: specialised
      return null;
    }
    for (const c of n.children) stack.push(c);
  }
  return target;
}

function specialiseFix(f: FunctionInfo, p: ParamInfo, kind: Kind): Fix | null {
  const sigEnd = signatureEnd(f);
  if (!sigEnd || !p.nameNode || !p.name) return null;
  const used = (v: string) => f.whereNames.includes(v) || new RegExp(`\\b${v}\\b`).test(f.node.text);
  const whole = p.typeNode ? (p.typeNode.parent ?? p.node) : p.nameNode;
  const where = (v: string) => ({ range: { start: sigEnd, end: { ...sigEnd } }, newText: ` where {${v}}` });
  // `T::Type` becomes `::Type{T}`: the static parameter keeps the name the body uses.
  if (kind === 'type' && /^[A-Z][A-Za-z0-9]{0,2}$/.test(p.name) && !f.whereNames.includes(p.name)) {
    return { description: `Specialise with ::Type{${p.name}} where {${p.name}}`, safety: 'unsafe', edits: [{ range: rangeOf(whole), newText: `::Type{${p.name}}` }, where(p.name)] };
  }
  const base = kind === 'function' ? 'F' : 'T';
  const v = !used(base) ? base : `${base}_${p.name}`;
  if (v !== base && used(v)) return null;
  const annotation = kind === 'function' ? v : `Type{${v}}`;
  const edit = p.typeNode
    ? { range: rangeOf(p.typeNode), newText: annotation }
    : { range: { start: rangeOf(p.nameNode).end, end: rangeOf(p.nameNode).end }, newText: `::${annotation}` };
  return { description: `Specialise on ${p.name} with a type variable (where {${v}})`, safety: 'unsafe', edits: [edit, where(v)] };
}

function signatureEnd(f: FunctionInfo): { line: number; character: number } | null {
  if (f.kind === 'function') {
    const sig = f.node.children.find((c) => c.type === 'signature');
    return sig ? rangeOf(sig).end : null;
  }
  const parts = assignmentParts(f.node);
  return parts ? rangeOf(parts.lhs).end : null;
}
