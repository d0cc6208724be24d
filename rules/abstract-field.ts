import { SyntaxNode } from '../grammar-bindings';
import { FieldInfo, StructInfo } from '../analysis/file-facts';
import { Fix } from '../analysis/finding';
import { isKnownAbstractName, judgeType, TypeScope } from '../analysis/base-types';
import { dottedName, isInsideQuote } from '../analysis/julia-syntax';
import { FileFacts } from '../analysis/file-facts';
import { findParam } from '../analysis/local-types';
import { rangeOf } from '../analysis/project';
import { walkRuntime } from './engine';
import { Rule } from './rule';

export const abstractField: Rule = {
  meta: {
    code: 'TRIM201',
    name: 'abstract-field',
    summary: 'Struct fields without a type or with an abstract type (`x`, `x::Real`, `x::IO`, `x::Vector{Any}`)',
    severity: 'warning',
    category: 'types',
    fixable: 'unsafe',
    docs: {
      what:
        'Flags struct fields declared without a type (they hold `Any`) or with an abstract type: `x::Real`, `x::AbstractVector`, `x::Function`, `x::IO`, a bare parametric type such as `x::Vector`, or a container of abstract elements such as `x::Vector{Any}` or `x::Dict{String,Any}`.',
      why:
        'Julia compiles code for the types it can see. A field typed `::IO` or `::Real` may hold any subtype, so every call that uses it (`print(m.out, ...)`, `t + m.step`) is a dynamic call the trim verifier cannot resolve; elements read from a `Vector{Any}` field are `Any` and have the same problem.',
      verifierMessage: 'unresolved call from statement Base.print(Core.getfield(m, :out)::IO, ...)',
      example: 'struct Meter\n    out::IO\n    step::Real\nend\n\ntick(m::Meter, t) = print(m.out, t + m.step)',
      useInstead: 'struct Meter{T_out<:IO}\n    out::T_out\n    step::Float64\nend',
      fixSafety:
        'Unsafe: the fix turns the field into a type parameter (`struct Meter{T_out<:IO}`, extending an existing parameter list and keeping `<: Super`). That changes the type\'s name in signatures (`Meter` becomes a `UnionAll`), so methods typed `::Meter{...}` or code that constructs `Meter{...}` explicitly may need updating. No fix is offered when the struct has an inner constructor (its `new` calls would need parameters too) or for containers of abstract elements such as `Vector{Any}`, whose element type needs a decision.',
      falsePositives:
        'Type parameters of the struct (`x::T` in `struct S{T}`), concrete types (`Int`, `Vector{Float64}`, `Tuple{Int,String}`), small unions of concrete types (`Union{Nothing,Int}`) and type names trimsafe does not know (package or user types, unless the same file declares them `abstract type`) are not flagged. A field whose every run-time use in the project is narrowed with a typeassert (`(s.value::Int) + 1`), compared by identity or `isa` (`s.value === nothing`), or overwritten (`s.value = x`) is not flagged either. Uses are matched by field name, so a same-named field of another struct read without narrowing keeps the finding (unless the receiver is a parameter annotated with that other struct); a field never used at run time is still flagged.',
      evidence: ['https://github.com/timholy/ProgressMeter.jl/pull/367', 'https://github.com/tz-lom/TrimCheck.jl'],
    },
  },
  create(ctx) {
    return {
      file() {
        const scope: TypeScope = {
          userConcrete: ctx.projectCache('abstract-field:concrete-structs', () => concreteStructNames(ctx)),
          userAbstract: new Set(ctx.file.abstractTypes.map((a) => a.name)),
        };
        for (const s of ctx.file.structs) {
          if (isInsideQuote(s.node)) continue;
          for (const field of s.fields) checkField(s, field, { ...scope, typeVars: s.typeParams });
        }
      },
    };

    function checkField(s: StructInfo, field: FieldInfo, scope: TypeScope): void {
      const type = field.typeNode;
      if (type && judgeType(type, scope) !== 'abstract') return;
      const uses = ctx.projectCache('abstract-field:field-uses', () => projectFieldUses(ctx.project.files.values()));
      if (onlyHarmlessUses(s, uses.get(field.name) ?? [], scope)) return;
      const container = !!type && isContainerOfAbstract(type, scope);
      let message: string;
      if (!type) {
        message = `Field \`${field.name}\` of \`${s.name}\` has no type, so it holds \`Any\`: every use of it is a dynamic call the trim verifier cannot resolve. Give it a concrete type or a type parameter.`;
      } else if (container) {
        message = `Field \`${field.name}::${type.text}\` of \`${s.name}\` holds elements of an abstract type: each element read from it is used through dynamic calls the trim verifier cannot resolve. Use a concrete element type.`;
      } else {
        message = `Field \`${field.name}::${type.text}\` of \`${s.name}\` has an abstract type: every use of it is a dynamic call the trim verifier cannot resolve. Use a concrete type or a type parameter (\`${s.name}{T_${field.name}<:${type.text}}\`).`;
      }
      const fix = container || s.hasInnerConstructor ? null : typeParameterFix(s, field);
      ctx.report({ node: field.node, message, fixes: fix ? [fix] : [], owner: null });
    }
  },
};

/** How a run-time `x.name` expression uses the field. */
interface FieldUse {
  /** The receiver's declared type when it is a parameter annotated with a plain name. */
  receiverType: string | null;
  harmless: boolean;
}

const useCache = new WeakMap<FileFacts, Map<string, FieldUse[]>>();

/** Every `x.name` in a file's run-time code, by field name (computed once per parsed file). */
function fieldUsesOf(file: FileFacts): Map<string, FieldUse[]> {
  const cached = useCache.get(file);
  if (cached) return cached;
  const uses = new Map<string, FieldUse[]>();
  walkRuntime(file, (node, owner) => {
    if (node.type !== 'field_expression') return;
    const receiver = node.namedChild(0);
    const field = node.namedChildren[node.namedChildren.length - 1];
    if (!receiver || !field || field === receiver || field.type !== 'identifier') return;
    let receiverType: string | null = null;
    if (receiver.type === 'identifier') {
      const typeNode = findParam(receiver.text, owner)?.typeNode;
      if (typeNode) receiverType = dottedName(typeNode.type === 'parametrized_type_expression' ? typeNode.namedChild(0) : typeNode);
    }
    const list = uses.get(field.text) ?? [];
    list.push({ receiverType, harmless: isHarmlessUse(node) });
    uses.set(field.text, list);
  });
  useCache.set(file, uses);
  return uses;
}

/**
 * A use that makes no dynamic call on the field's value: narrowed by a typeassert to a type that is
 * not abstract (`(s.value::Int) + 1`), compared by identity or `isa`, or overwritten (`s.value = x`).
 */
function isHarmlessUse(access: SyntaxNode): boolean {
  let node = access;
  let parent = node.parent;
  while (parent && parent.type === 'parenthesized_expression') {
    node = parent;
    parent = node.parent;
  }
  if (!parent) return false;
  if (parent.type === 'typed_expression') {
    const type = parent.namedChild(1);
    return parent.namedChild(0) === node && !!type && judgeType(type) !== 'abstract';
  }
  if (parent.type === 'binary_expression') {
    const op = parent.children.find((c) => c.type === 'operator')?.text;
    if (op === '===' || op === '!==' || op === '≡' || op === '≢') return true;
    return op === 'isa' && parent.namedChild(0) === node;
  }
  if (parent.type === 'assignment') {
    const op = parent.children.find((c) => c.type === 'operator')?.text;
    return op === '=' && parent.namedChild(0) === node && access === node;
  }
  return false;
}

/**
 * True when the field is used at run time somewhere in the project and every use that may be of
 * this struct is harmless (a field nobody uses is still reported: the rule cannot tell it is dead).
 * Uses are matched by field name; a receiver annotated with another type is not this struct's.
 */
function onlyHarmlessUses(s: StructInfo, uses: readonly FieldUse[], scope: TypeScope): boolean {
  let seen = 0;
  for (const use of uses) {
    if (use.receiverType && use.receiverType !== s.name && baseOf(use.receiverType) !== s.name && isOtherType(use.receiverType, scope)) continue;
    if (!use.harmless) return false;
    seen++;
  }
  return seen > 0;
}

/** The run-time uses of every field name across the project's files. */
function projectFieldUses(files: Iterable<FileFacts>): Map<string, FieldUse[]> {
  const all = new Map<string, FieldUse[]>();
  for (const file of files) {
    for (const [name, uses] of fieldUsesOf(file)) {
      let list = all.get(name);
      if (!list) all.set(name, (list = []));
      for (const use of uses) list.push(use);
    }
  }
  return all;
}

function baseOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1) : name;
}

/** A receiver type that is surely not the struct: another concrete struct of the project. */
function isOtherType(name: string, scope: TypeScope): boolean {
  return !!scope.userConcrete?.has(baseOf(name));
}

interface StructNames {
  files: FileFacts[];
  /** How many concrete structs of the project have each name. */
  counts: Map<string, number>;
  names: Set<string>;
}

/** Per project, the names of the last state asked for: the next state counts only the replaced files' structs again. */
const structNames = new WeakMap<object, StructNames>();

/** Names of the project's structs without type parameters (exported for tests). */
export function concreteStructNames(ctx: { project: { files: Map<string, FileFacts> } }): Set<string> {
  const files = [...ctx.project.files.values()];
  const last = structNames.get(ctx.project);
  if (last && last.files.length === files.length && files.every((f, i) => f === last.files[i] || sameNames(f, last.files[i]))) {
    structNames.set(ctx.project, { ...last, files });
    return last.names;
  }
  const same = last && last.files.length === files.length;
  const counts = same ? new Map(last.counts) : new Map<string, number>();
  const names = same ? new Set(last.names) : new Set<string>();
  const add = (f: FileFacts, by: number) => {
    for (const s of f.structs) {
      if (s.typeParams.length !== 0) continue;
      const n = (counts.get(s.name) ?? 0) + by;
      if (n === 0) {
        counts.delete(s.name);
        names.delete(s.name);
      } else {
        counts.set(s.name, n);
        names.add(s.name);
      }
    }
  };
  for (let i = 0; i < files.length; i++) {
    if (!same) add(files[i], 1);
    else if (last.files[i] !== files[i]) {
      add(last.files[i], -1);
      add(files[i], 1);
    }
  }
  structNames.set(ctx.project, { files, counts, names });
  return names;
}

function sameNames(a: FileFacts, b: FileFacts): boolean {
  const x = a.structs.filter((s) => s.typeParams.length === 0);
  const y = b.structs.filter((s) => s.typeParams.length === 0);
  return x.length === y.length && x.every((s, i) => s.name === y[i].name);
}

/** `Vector{Any}`, `Dict{String,Any}`: a concrete container whose parameters are abstract (invariant). */
function isContainerOfAbstract(type: SyntaxNode, scope: TypeScope): boolean {
  if (type.type !== 'parametrized_type_expression') return false;
  const base = dottedName(type.namedChild(0));
  if (!base) return false;
  if (base === 'Union' || base === 'Core.Union') {
    // `Union{Nothing, Dict{String,Any}}`: the abstract part is inside the container.
    const abstractMembers = (type.namedChild(1)?.namedChildren ?? []).filter((m) => judgeType(m, scope) === 'abstract');
    return abstractMembers.length > 0 && abstractMembers.every((m) => isContainerOfAbstract(m, scope));
  }
  return !isKnownAbstractName(base) && !scope.userAbstract?.has(base);
}

function typeParameterFix(s: StructInfo, field: FieldInfo): Fix {
  let param = `T_${field.name}`;
  for (let i = 2; s.typeParams.includes(param); i++) param = `T_${field.name}${i}`;
  const bound = field.typeNode && field.typeNode.text !== 'Any' ? `${param}<:${field.typeNode.text}` : param;
  const edits = [];
  const curly = s.typeParamsNode;
  if (curly && curly.children.length > 0 && curly.children[curly.children.length - 1].type === '}') {
    const close = rangeOf(curly.children[curly.children.length - 1]).start;
    edits.push({ range: { start: close, end: { ...close } }, newText: s.typeParams.length > 0 ? `, ${bound}` : bound });
  } else {
    const at = rangeOf(s.nameNode).end;
    edits.push({ range: { start: at, end: { ...at } }, newText: `{${bound}}` });
  }
  if (field.typeNode) {
    edits.push({ range: rangeOf(field.typeNode), newText: param });
  } else {
    const at = rangeOf(field.nameNode).end;
    edits.push({ range: { start: at, end: { ...at } }, newText: `::${param}` });
  }
  return { description: `Make \`${field.name}\` a type parameter of ${s.name}`, safety: 'unsafe', edits };
}
