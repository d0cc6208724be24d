import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { Finding, Fix, Severity } from '../analysis/finding';
import { assignmentParts, baseName, callArguments, calleeName, dottedName, literalType } from '../analysis/julia-syntax';
import { Project, rangeOf } from '../analysis/project';
import { getCallGraph } from '../analysis/call-graph';
import { Rule } from './rule';

/** Generic reductions over the elements: `maximum(::Vector{Any})` is a verifier test that must fail. */
const REDUCTIONS = new Set([
  'maximum', 'minimum', 'sum', 'prod', 'sort', 'sort!', 'extrema', 'reduce', 'foldl', 'foldr', 'mapreduce',
  'mapfoldl', 'mapfoldr', 'unique', 'findmax', 'findmin', 'argmax', 'argmin', 'issorted', 'cumsum', 'mean', 'median',
]);

/** Calls that only store into the container or ask for its size: the elements are not used. */
const STORAGE = new Set([
  'push!', 'pushfirst!', 'append!', 'prepend!', 'empty!', 'sizehint!', 'resize!', 'length', 'isempty', 'setindex!',
  'delete!', 'haskey', 'in', 'pop!', 'popfirst!', 'deleteat!', 'splice!', 'keys', 'copy', 'identity',
  // The container goes somewhere whole (as a pointer, or asked about its shape): no element is dispatched on.
  'ccall', 'pointer', 'unsafe_convert', 'cconvert', 'size', 'axes', 'eachindex', 'firstindex', 'lastindex', 'eltype', 'typeof',
]);

const PRINTERS = new Set(['print', 'println', 'show', 'string', 'repr', 'join', 'write', 'display', 'print_to_string']);

interface ElementUse {
  node: SyntaxNode;
  what: string;
  reduction: boolean;
  /** The file of `node` when it is not the container's own file (a use inside a called function). */
  path?: string;
  /** Found inside your own function the container was passed to. */
  viaCallee?: boolean;
}

/** How many calls deep a container is followed into your own functions and back to callers. */
const MAX_FOLLOW = 2;

export const untypedContainer: Rule = {
  meta: {
    code: 'TRIM203',
    name: 'untyped-container',
    summary: 'Containers of `Any` (`[]`, `Any[]`, `Dict()`, `Dict{String,Any}()`, `Set()`) whose elements are then used',
    severity: 'warning',
    category: 'types',
    fixable: 'unsafe',
    docs: {
      what:
        'Flags a local bound in run-time code to a container whose element type is `Any`: `[]`, `Any[]`, `Any[...]`, `Vector{Any}(...)`, `Array{Any}(...)`, `Dict()`, `Dict{K,Any}()`, `Dict{Any,V}()`, `Set()`, `Set{Any}()`, `IdDict()`, when its elements are then used: iterated, read by index, passed to another function, printed or reduced. Uses are followed one or two calls away: a container returned from a helper is judged by what its callers do with the result (`s = settings(); s["width"] * 2`), and a container passed to your own function by what that function does with the parameter. Such a constructor written directly in the argument list (`describe(Any[1, "two"])`, `maximum(Any[...])`) is flagged the same way. It is an error when the container goes to a generic reduction (`maximum`, `minimum`, `sum`, `prod`, `sort`, `extrema`, `reduce`, ...), a warning otherwise. The finding sits on the constructor and names the first use.',
      why:
        'Every element read from a container of `Any` has the type `Any`, so each call made with it (`f(x)`, `x + 1`, `print(io, x)`, the comparisons inside `maximum`) is dynamic dispatch, which the trim verifier cannot resolve. TrimCheck.jl\'s own test asserts that `maximum(::Vector{Any})` fails verification; MPI.jl\'s init hooks kept in a `Vector{Any}` failed the same way.',
      verifierMessage: 'unresolved call from statement Base.isless(%1::Any, %2::Any)::Any (inside maximum(::Vector{Any}))',
      example: 'function total(xs::Vector{Int})\n    acc = []\n    for x in xs\n        push!(acc, 2x)\n    end\n    return maximum(acc)\nend',
      useInstead:
        'function total(xs::Vector{Int})\n    acc = Int[]\n    for x in xs\n        push!(acc, 2x)\n    end\n    return maximum(acc)\nend\n\n# Dict{String,Int}() instead of Dict(); Set{Symbol}() instead of Set()',
      fixSafety:
        'Unsafe: when every `push!(acc, v)` in the function pushes a literal of one type (`1`, `2.5`, `"a"`, `:s`), `[]`/`Any[]`/`Vector{Any}()` becomes `T[]`, and `Dict()` becomes `Dict{K,V}()` when every `acc[k] = v` stores literals of one key and one value type. Pushing a value of another type later (or from another function) then fails with a conversion error, so review it. No fix is offered otherwise: the element type is a decision only the author can make.',
      falsePositives:
        'Containers only filled and measured (`push!`, `length`, `isempty`, `haskey`, `in`), elements narrowed before use (`x isa Int && f(x)`, `acc[i]::Int`), typed literals and constructors (`Float64[]`, `Dict{String,Int}()`, `Set{Symbol}()`), containers only returned (no caller uses the elements) or handed to another variable, containers passed whole to `ccall` or only measured (`size`, `eachindex`), and containers built at top level (build time) are not flagged. Abstract element types other than `Any` (`Vector{Shape}`) are not flagged: with three or fewer methods inference still enumerates them (the Trimmability test sums `area` over a `Vector{Shape}`). Printing one element read from the container is also TRIM208\'s finding, at the element.',
      evidence: [
        'https://github.com/tz-lom/TrimCheck.jl',
        'https://github.com/JuliaParallel/MPI.jl/issues/931',
        'https://github.com/JuliaIO/JSON.jl/pull/486',
      ],
    },
  },
  create(ctx) {
    return {
      assignment(node, owner) {
        const parts = assignmentParts(node);
        if (!parts || parts.op !== '=' || !parts.rhs) return;
        const target = parts.lhs.type === 'typed_expression' ? parts.lhs.namedChild(0) : parts.lhs;
        if (target?.type !== 'identifier') return;
        const kind = untypedConstructor(parts.rhs);
        if (!kind) return;
        const name = target.text;
        if (countBindings(owner, name) !== 1) return;
        const uses = elementUses(owner, name, node, ctx.project, 0);
        if (uses.length === 0) uses.push(...returnedUses(owner, name, ctx.project, 0));
        if (uses.length === 0) return;
        const fix = literalFix(parts.rhs, kind, owner, name);
        report(parts.rhs, `\`${name} = ${parts.rhs.text}\``, kind, uses, fix);
      },
      // `describe(Any[1, "two"])`, `maximum(Any[...])`: a container built in the argument list.
      vector_expression: argument,
      index_expression: argument,
      call_expression: argument,
    };

    function argument(node: SyntaxNode, owner: FunctionInfo): void {
      const kind = untypedConstructor(node);
      if (!kind || node.parent?.type !== 'argument_list' || node.parent.parent?.type !== 'call_expression') return;
      const use = classifyUse(node, owner, ctx.project, 0);
      // Only uses whose element calls are certain: reductions and your own functions using the elements.
      if (!use || !(use.reduction || use.viaCallee)) return;
      report(node, `\`${short(node.text)}\``, kind, [use], null);
    }

    function report(at: SyntaxNode, shown: string, kind: ContainerKind, uses: ElementUse[], fix: Fix | null): void {
      const reduction = uses.find((u) => u.reduction);
      const first = reduction ?? uses[0];
      const severity: Severity = reduction ? 'error' : 'warning';
      const where = (u: ElementUse) => `${u.path && u.path !== ctx.file.path ? `${u.path}:` : 'line '}${u.node.startPosition.row + 1}`;
      const related: Finding['related'] = uses.slice(0, 5).map((u) => ({ path: u.path ?? ctx.file.path, range: rangeOf(u.node), message: `element use: ${u.what}` }));
      ctx.report({
        node: at,
        severity,
        message:
          `${shown} holds elements of type \`Any\`, and they are used (${first.what} at ${where(first)}): ` +
          (reduction
            ? `a generic reduction over \`Any\` elements dispatches dynamically, which the trim verifier rejects.`
            : `every call made with an \`Any\` element is dynamic, which the trim verifier cannot resolve.`) +
          ` Give the container a concrete element type (\`${kind === 'dict' ? 'Dict{String,Int}()' : kind === 'set' ? 'Set{Int}()' : 'Int[]'}\`).`,
        related,
        fixes: fix ? [fix] : [],
      });
    }
  },
};

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? one.slice(0, 37) + '...' : one;
}

type ContainerKind = 'vector' | 'dict' | 'set';

/** The container kind when `n` builds a container whose elements are `Any`. */
function untypedConstructor(n: SyntaxNode): ContainerKind | null {
  if (n.type === 'vector_expression') {
    return n.namedChildren.filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment').length === 0 ? 'vector' : null;
  }
  if (n.type === 'index_expression') {
    const base = n.namedChild(0);
    const idx = n.namedChild(1);
    return base && /^(Core\.)?Any$/.test(base.text) && idx?.type === 'vector_expression' ? 'vector' : null;
  }
  if (n.type !== 'call_expression') return null;
  const callee = n.namedChild(0);
  if (!callee) return null;
  if (callee.type === 'parametrized_type_expression') {
    const base = dottedName(callee.namedChild(0));
    const ps = (callee.namedChild(1)?.namedChildren ?? []).map((p) => p.text.replace(/\s+/g, ''));
    const isAny = (p: string | undefined) => p === 'Any' || p === 'Core.Any';
    if ((base === 'Vector' || base === 'Array') && isAny(ps[0])) return 'vector';
    if ((base === 'Dict' || base === 'IdDict') && (isAny(ps[0]) || isAny(ps[1]))) return 'dict';
    if (base === 'Set' && isAny(ps[0])) return 'set';
    return null;
  }
  const name = calleeName(n);
  const args = callArguments(n);
  if (args.positional.length > 0 || args.keywords.length > 0) return null;
  if (name === 'Dict' || name === 'IdDict' || name === 'Base.IdDict') return 'dict';
  if (name === 'Set') return 'set';
  return null;
}

/** How often `name` is bound in `owner` (assignments and loop bindings; closures excluded). */
function countBindings(owner: FunctionInfo, name: string): number {
  let count = 0;
  const stack = [...owner.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'arrow_function_expression' || n.type === 'do_clause' || n.type === 'function_definition') continue;
    if (n.type === 'assignment' || n.type === 'compound_assignment_expression') {
      const lhs = n.namedChild(0);
      const id = lhs?.type === 'typed_expression' ? lhs.namedChild(0) : lhs;
      if (id?.type === 'identifier' && id.text === name) count++;
      if (lhs && (lhs.type === 'open_tuple' || lhs.type === 'tuple_expression') && lhs.namedChildren.some((c) => c.text === name)) count++;
    } else if (n.type === 'for_binding' || n.type === 'let_binding') {
      const t = n.namedChild(0);
      if (t && (t.text === name || t.namedChildren.some((c) => c.text === name))) count++;
    }
    for (const c of n.children) stack.push(c);
  }
  return count;
}

/** Identifiers naming `name` in the function and closures that do not rebind it, in source order. */
export function occurrences(owner: FunctionInfo, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [...owner.body].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'arrow_function_expression' || n.type === 'do_clause') {
      const params = n.type === 'do_clause' ? n.children.find((c) => c.type === 'argument_list') : n.namedChild(0);
      if (params && (params.text === name || params.namedChildren.some((c) => c.text === name || c.namedChild(0)?.text === name))) continue;
    }
    if (n.type === 'identifier' && n.text === name) out.push(n);
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

function elementUses(owner: FunctionInfo, name: string, binding: SyntaxNode | null, project: Project, depth: number): ElementUse[] {
  const uses: ElementUse[] = [];
  for (const id of occurrences(owner, name)) {
    if (binding && id.startIndex >= binding.startIndex && id.endIndex <= binding.endIndex) continue;
    const use = classifyUse(id, owner, project, depth);
    if (use) uses.push(use);
  }
  return uses;
}

/**
 * A container a function returns (`return d`, or `d` as its last expression) is used by the
 * callers that bind the result once (`s = settings()`) or read it directly (`settings()["k"]`).
 */
function returnedUses(owner: FunctionInfo, name: string, project: Project, depth: number): ElementUse[] {
  if (owner.parent || depth >= MAX_FOLLOW) return [];
  const returned = occurrences(owner, name).some((id) => id.parent?.type === 'return_statement' || isLastExpression(id, owner));
  if (!returned) return [];
  const uses: ElementUse[] = [];
  const view = project.view();
  for (const edge of getCallGraph(project).callers.get(owner) ?? []) {
    const site = edge.site;
    if (edge.kind !== 'call' || !site || site.type !== 'call_expression') continue;
    const path = view.fileOf(edge.caller)?.path;
    const found: ElementUse[] = [];
    const holder = site.parent;
    const parts = holder?.type === 'assignment' ? assignmentParts(holder) : null;
    if (parts && parts.op === '=' && parts.rhs === site) {
      const target = parts.lhs.type === 'typed_expression' ? null : parts.lhs;
      if (target?.type === 'identifier' && countBindings(edge.caller, target.text) === 1) found.push(...elementUses(edge.caller, target.text, holder, project, depth + 1));
    } else {
      const use = classifyUse(site, edge.caller, project, depth + 1);
      if (use) found.push(use);
    }
    for (const u of found) uses.push({ ...u, what: `${u.what} in \`${edge.caller.name ?? 'a caller'}\``, path: u.path ?? path });
  }
  return uses;
}

function isLastExpression(id: SyntaxNode, owner: FunctionInfo): boolean {
  let n: SyntaxNode | null = owner.body.length > 0 ? owner.body[owner.body.length - 1] : null;
  while (n && (n.type === 'compound_statement' || n.type === 'block')) n = n.namedChildren[n.namedChildCount - 1] ?? null;
  return n === id;
}

/** Element uses of a container passed whole to your own function: what the callee does with that parameter. */
function calleeUse(call: SyntaxNode, arg: SyntaxNode, targets: FunctionInfo[], project: Project, depth: number): ElementUse | null {
  if (depth >= MAX_FOLLOW) return null;
  const index = callArguments(call).positional.indexOf(arg);
  if (index < 0 || callArguments(call).positional.some((a) => a.type === 'splat_expression')) return null;
  const view = project.view();
  for (const f of targets) {
    const params = f.params.filter((p) => !p.keyword);
    const param = params[index];
    if (!param?.name || params.slice(0, index + 1).some((p) => p.vararg) || param.nospecialize) continue;
    if (countBindings(f, param.name) !== 0) continue;
    const uses = elementUses(f, param.name, null, project, depth + 1);
    const use = uses.find((u) => u.reduction) ?? uses[0];
    if (use) return { ...use, what: `passed to \`${f.name ?? 'a function'}\`, which uses its elements: ${use.what}`, path: use.path ?? view.fileOf(f)?.path, viaCallee: true };
  }
  return null;
}

function classifyUse(id: SyntaxNode, owner: FunctionInfo, project: Project, depth: number): ElementUse | null {
  const p = id.parent;
  if (!p) return null;
  if (p.type === 'argument_list' && p.parent?.type === 'call_expression') {
    const call = p.parent;
    const fn = calleeName(call);
    if (!fn) {
      const head = call.namedChild(0);
      const what = head?.type === 'parametrized_type_expression' ? `converted by \`${head.text}(...)\`` : 'passed to a computed function';
      return { node: call, what, reduction: false };
    }
    const base = baseName(fn);
    const positional = callArguments(call).positional;
    if (STORAGE.has(base)) return null;
    if (positional.indexOf(id) < 0) return null; // a keyword value
    if (REDUCTIONS.has(base)) return { node: call, what: `\`${base}(${id.text}...)\``, reduction: true };
    // Your own function gets the container whole: its uses of that parameter are the element uses.
    const targets = getCallGraph(project).resolveCall(call, owner);
    if (targets.length > 0) return calleeUse(call, id, targets, project, depth);
    if (PRINTERS.has(base)) return { node: call, what: `printed by \`${base}\``, reduction: false };
    // `sum(f, acc)`, `map(f, acc)`: the elements go to `f`.
    return { node: call, what: `passed to \`${base}\``, reduction: false };
  }
  if (p.type === 'string_interpolation') return { node: p, what: 'interpolated into a string', reduction: false };
  if (p.type === 'for_binding' && p.namedChild(0) !== id) return loopUse(p, id);
  if (p.type === 'index_expression' && p.namedChild(0) === id) {
    const holder = p.parent;
    if (holder && (holder.type === 'assignment' || holder.type === 'compound_assignment_expression') && holder.namedChild(0) === p) return null;
    if (holder?.type === 'typed_expression' && holder.namedChild(0) === p) return null;
    if (holder?.type === 'binary_expression' && /^(isa|===|!==)$/.test(holder.namedChildren.find((c) => c.type === 'operator')?.text ?? '')) return null;
    if (holder?.type === 'call_expression' || holder?.type === 'argument_list' || holder?.type === 'binary_expression' || holder?.type === 'string_interpolation') {
      return { node: p, what: `element \`${p.text}\` used`, reduction: false };
    }
    return null;
  }
  return null;
}

/** `for x in acc`: the elements are used when the loop variable is, unless the body narrows it with `isa` or a typeassert. */
function loopUse(binding: SyntaxNode, id: SyntaxNode): ElementUse | null {
  const target = binding.namedChild(0);
  if (!target) return null;
  const scope = binding.parent?.type === 'for_clause' ? binding.parent.parent : binding.parent;
  if (!scope) return null;
  const names = target.type === 'identifier' ? [target.text] : target.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text);
  let used = false;
  let narrowed = false;
  const stack = [...scope.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === binding) continue;
    if (n.type === 'identifier' && names.includes(n.text)) {
      used = true;
      const q = n.parent;
      if (q?.type === 'typed_expression' && q.namedChild(0) === n) narrowed = true;
      if (q?.type === 'binary_expression' && q.namedChildren.find((c) => c.type === 'operator')?.text === 'isa' && q.namedChild(0) === n) narrowed = true;
      if (q?.type === 'argument_list' && q.parent && calleeName(q.parent) === 'isa') narrowed = true;
    }
    for (const c of n.children) stack.push(c);
  }
  if (!used || narrowed) return null;
  return { node: id, what: `iterated by \`for ${target.text} in ${id.text}\``, reduction: false };
}

function literalFix(ctor: SyntaxNode, kind: ContainerKind, owner: FunctionInfo, name: string): Fix | null {
  const valueTypes = new Set<string>();
  const keyTypes = new Set<string>();
  for (const id of occurrences(owner, name)) {
    const p = id.parent;
    if (p?.type === 'argument_list' && p.parent?.type === 'call_expression' && calleeName(p.parent) === 'push!' && callArguments(p.parent).positional[0] === id) {
      const vals = callArguments(p.parent).positional.slice(1);
      for (const v of vals) valueTypes.add(literalType(v) ?? '?');
    }
    if (p?.type === 'index_expression' && p.namedChild(0) === id && p.parent?.type === 'assignment' && p.parent.namedChild(0) === p) {
      const key = p.namedChild(1)?.namedChild(0);
      const value = assignmentParts(p.parent)?.rhs;
      keyTypes.add(key ? (literalType(key) ?? '?') : '?');
      valueTypes.add(value ? (literalType(value) ?? '?') : '?');
    }
  }
  if (valueTypes.size !== 1 || valueTypes.has('?')) return null;
  const v = [...valueTypes][0];
  let text: string;
  if (kind === 'vector' && keyTypes.size === 0) text = `${v}[]`;
  else if (kind === 'set' && keyTypes.size === 0) text = `Set{${v}}()`;
  else if (kind === 'dict' && keyTypes.size === 1 && !keyTypes.has('?')) text = `${calleeName(ctor) ?? 'Dict'}{${[...keyTypes][0]},${v}}()`;
  else return null;
  if (kind === 'dict' && ctor.type === 'call_expression' && ctor.namedChild(0)?.type === 'parametrized_type_expression') return null;
  return { description: `Use ${text}`, safety: 'unsafe', edits: [{ range: rangeOf(ctor), newText: text }] };
}
