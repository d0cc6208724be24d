import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { Severity } from '../analysis/finding';
import { baseName, callArguments } from '../analysis/julia-syntax';
import { findParam, isLocalName, judgeIo, localAssignedValue } from '../analysis/local-types';
import { Project } from '../analysis/project';
import { describeFact, destructuredLoopType, isAbstractFact, isConcreteContainerFact, isIoValue, structNamed, typeOfExpression } from '../analysis/type-facts';
import { visitedCalleeName } from './syntax-memo';
import { Rule } from './rule';

/** Calls whose first argument may be the stream and the rest are printed. */
const STREAM_PRINTERS = new Set(['print', 'println', 'show', 'write', 'display', 'showerror']);
/** Calls that print every positional argument into a string. */
const STRING_BUILDERS = new Set(['string', 'repr', 'print_to_string']);

export interface PrintedValue {
  value: SyntaxNode;
  how: string;
}

/** The values a node prints: arguments of print/string/repr/sprint calls, or an interpolated expression. */
export function printedValues(node: SyntaxNode, owner: FunctionInfo, project: Project): PrintedValue[] {
  if (node.type === 'string_interpolation') {
    const v = node.namedChild(0);
    return v ? [{ value: v, how: 'interpolating' }] : [];
  }
  if (node.type !== 'call_expression') return [];
  const name = visitedCalleeName(node);
  if (!name || (name !== baseName(name) && !/^(Base|Core)\.\w+$/.test(name))) return [];
  const fn = baseName(name);
  if (!STREAM_PRINTERS.has(fn) && !STRING_BUILDERS.has(fn) && fn !== 'sprint') return [];
  const args = callArguments(node).positional.filter((a) => a.type !== 'splat_expression');
  if (STREAM_PRINTERS.has(fn)) {
    const first = args[0];
    if (!first) return [];
    const io = judgeIo(first, owner);
    const isStream = io === 'concrete-io' || io === 'abstract-io' || io === 'std-stream' || (io === 'unknown' && isIoValue(first, owner, project) !== null);
    return (isStream ? args.slice(1) : args).map((value) => ({ value, how: `\`${fn}\`` }));
  }
  if (STRING_BUILDERS.has(fn)) return args.map((value) => ({ value, how: `\`${fn}\`` }));
  if (fn === 'sprint' && args.length >= 2) return args.slice(1).map((value) => ({ value, how: '`sprint`' }));
  return [];
}

export const abstractValuePrinted: Rule = {
  meta: {
    code: 'TRIM208',
    name: 'abstract-value-printed',
    summary: 'Printing, interpolating or `string`-ing a value typed `Any` or abstract (an untyped field, a `Dict{String,Any}` value)',
    severity: 'warning',
    category: 'io',
    fixable: 'none',
    docs: {
      what:
        'Flags values printed (`print`, `println`, `show`, `write`), interpolated (`"$x"`), or turned into strings (`string(x)`, `repr(x)`, `sprint(show, x)`) when their type is `Any` or abstract: a read of a struct field declared without a type or with an abstract type (`s.label`, `p.step::Real`), a value of a `Dict{String,Any}` or element of a `Vector{Any}`/`[]`/`Any[]` (also as a loop variable: `for x in xs`, `for (k, v) in d`, `for (i, x) in enumerate(xs)`), or a local bound to one of those. It is an error when the value is certainly `Any` (untyped fields, `Any` containers) and a warning when it is of an abstract type. The finding sits on the value.',
      why:
        'Printing calls `print(io, x)`/`show(io, x)` for the value\'s type; when the type is `Any` or abstract the method is chosen at run time, a dynamic call the trim verifier cannot resolve. Ipopt.jl\'s error strings built from `Any` values failed with exactly this message.',
      verifierMessage: 'unresolved call from statement Base.print(%new()::IOBuffer, φ ()::Any)::Any',
      example: 'label(d::Dict{String,Any}) = "name=$(d["name"])"\n\nstruct Row\n    id::Int\n    value\nend\nshow_row(io::IO, r::Row) = println(io, r.id, ": ", r.value)',
      useInstead:
        'label(d::Dict{String,Any}) = "name=$(d["name"]::String)"\n\nstruct Row{T}\n    id::Int\n    value::T\nend\nshow_row(io::IO, r::Row) = println(io, r.id, ": ", r.value)',
      fixSafety:
        'No automatic fix: the declared field or container type says nothing about the intended type, so trimsafe cannot choose the typeassert (`x::String`) or the type parameter for you.',
      falsePositives:
        'Concrete values (the Trimmability test interpolates a `UnitRange`, an `Int`, a `Float64`, a `Symbol` and a `Char` into one string), values narrowed first (`d["name"]::String`, `x isa String && print(io, x)`), parameters (Julia specialises on their concrete types, whatever the annotation), fields typed by a type parameter, untyped globals (TRIM202), caught exceptions (TRIM209) and values whose type trimsafe cannot see are not flagged. The stream argument of `print(io, ...)` is not a printed value.',
      evidence: [
        'https://github.com/jump-dev/Ipopt.jl/pull/478',
        'https://github.com/JuliaLang/julia/issues/60331',
        'https://github.com/tz-lom/TrimCheck.jl',
        'https://github.com/JuliaLang/julia/tree/master/test/trim',
      ],
    },
  },
  create(ctx) {
    const check = (node: SyntaxNode, owner: FunctionInfo) => {
      for (const { value, how } of printedValues(node, owner, ctx.project)) {
        const v = judgePrinted(value, owner, ctx.project, 0);
        if (!v) continue;
        ctx.report({
          node: value,
          severity: v.severity,
          message:
            `\`${short(value.text)}\` is ${v.source}; ${how} on it is a dynamic call the trim verifier cannot resolve. ` +
            `Narrow it first with a typeassert (\`${short(value.text)}::String\`) or an \`isa\` check, or give the field or container a concrete type.`,
        });
      }
    };
    return { call_expression: check, string_interpolation: check };
  },
};

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? one.slice(0, 37) + '...' : one;
}

interface Verdict {
  severity: Severity;
  source: string;
}

/** Why a printed value is `Any` (error) or abstract (warning), when its source is a field or container read. */
function judgePrinted(v: SyntaxNode, owner: FunctionInfo, project: Project, depth: number): Verdict | null {
  if (depth > 3) return null;
  if (v.type === 'parenthesized_expression' && v.namedChildCount === 1) return judgePrinted(v.namedChild(0)!, owner, project, depth + 1);
  const t = typeOfExpression(v, owner, project);
  if (t.kind === 'unknown' && v.type === 'identifier' && !isCaughtName(v.text, owner)) {
    // `for (k, v) in d` over a `Dict{String,Any}`: `v` is `Any` (narrowing would have typed it above).
    const d = destructuredLoopType(v, owner, project);
    if (d.kind === 'any' || (d.kind === 'abstract' && !/^(Base\.)?IO$/.test(d.text))) {
      const coll = destructuringCollection(v);
      return { severity: d.kind === 'any' ? 'error' : 'warning', source: `a loop variable destructured from \`${short(coll?.text ?? 'a collection')}\`, ${d.kind === 'any' ? 'typed `Any`' : `of the abstract type \`${describeFact(d)}\``}` };
    }
    return null;
  }
  if (!isAbstractFact(t)) return null;
  if (t.kind === 'abstract' && /^(Base\.)?IO$/.test(t.text)) return null;
  const severity: Severity = t.kind === 'any' ? 'error' : 'warning';
  const typed = t.kind === 'any' ? 'typed `Any`' : `of the abstract type \`${describeFact(t)}\``;
  if (v.type === 'identifier') {
    if (findParam(v.text, owner) || !isLocalName(v.text, owner) || isCaughtName(v.text, owner)) return null;
    const value = localAssignedValue(v.text, owner);
    if (!value) {
      // `for x in xs` over a concrete container whose elements are `Any`.
      const coll = loopCollection(v);
      const ct = coll ? typeOfExpression(coll, owner, project) : null;
      if (!coll || !ct || !(ct.kind === 'concrete' || isConcreteContainerFact(ct))) return null;
      return { severity, source: `a loop variable over \`${short(coll.text)}\` (a \`${ct.text}\`), ${typed}` };
    }
    if (value.type !== 'field_expression' && value.type !== 'index_expression') return null;
    const inner = judgePrinted(value, owner, project, depth + 1);
    return inner ? { severity, source: `bound to \`${short(value.text)}\`, ${typed}` } : null;
  }
  if (v.type === 'field_expression') {
    const base = v.childByField('value') ?? v.namedChild(0);
    if (!base || (base.type === 'identifier' && isCaughtName(base.text, owner))) return null;
    const bt = typeOfExpression(base, owner, project);
    if (bt.kind !== 'concrete' || !structNamed(bt.text, project)) return null;
    return { severity, source: `a field of \`${bt.text}\` ${t.kind === 'any' ? 'declared without a type' : `declared with the abstract type \`${describeFact(t)}\``}` };
  }
  if (v.type === 'index_expression') {
    const base = v.namedChild(0);
    if (!base) return null;
    const bt = typeOfExpression(base, owner, project);
    if (bt.kind === 'concrete' || isConcreteContainerFact(bt)) return { severity, source: `an element of \`${bt.text}\`, ${typed}` };
    return null;
  }
  return null;
}

function destructuringCollection(id: SyntaxNode): SyntaxNode | null {
  for (let p = id.parent; p; p = p.parent) {
    if (p.type !== 'for_statement') continue;
    for (const b of p.namedChildren) {
      if (b.type === 'for_binding' && b.namedChild(0)?.type === 'tuple_expression' && b.namedChild(0)!.namedChildren.some((c) => c.text === id.text)) return b.namedChild(b.namedChildCount - 1);
    }
  }
  return null;
}

function loopCollection(id: SyntaxNode): SyntaxNode | null {
  for (let p = id.parent; p; p = p.parent) {
    if (p.type !== 'for_statement') continue;
    for (const b of p.namedChildren) {
      if (b.type === 'for_binding' && b.namedChild(0)?.type === 'identifier' && b.namedChild(0)!.text === id.text) return b.namedChild(b.namedChildCount - 1);
    }
  }
  return null;
}

/** The variable of an enclosing `catch name` clause: TRIM209's concern. */
export function isCaughtName(name: string, owner: FunctionInfo): boolean {
  return caughtNames(owner).has(name);
}

const caughtCache = new WeakMap<FunctionInfo, ReadonlySet<string>>();

/** Names bound by `catch name` (on the `catch` line) anywhere in `owner`: one scan per function. */
function caughtNames(owner: FunctionInfo): ReadonlySet<string> {
  const cached = caughtCache.get(owner);
  if (cached) return cached;
  const names = new Set<string>();
  const stack = [...owner.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'catch_clause') {
      const first = n.namedChild(0);
      if (first?.type === 'identifier' && first.startRow === n.startRow) names.add(first.text);
    }
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) stack.push(kids[i]);
  }
  // Most functions have none: share one empty set rather than keep one each.
  const kept = names.size === 0 ? NO_NAMES : names;
  caughtCache.set(owner, kept);
  return kept;
}

const NO_NAMES: ReadonlySet<string> = new Set<string>();
