import { describe, expect, it } from 'vitest';
import { boxedCaptures, describeFact, fieldFact, isAbstractValue, isRuntimeSized, tupleLength, typeOfExpression, variableTypeConflicts } from '../../analysis/type-facts';
import { fn, nodeOf, ownerIn, snippetProject } from './analysis-helpers';

async function typeAt(src: string, type: string, text: string, nth = 0): Promise<string> {
  const project = await snippetProject(src);
  const node = nodeOf(project, type, text, nth);
  return describeFact(typeOfExpression(node, ownerIn(project, node), project));
}

describe('type facts', () => {
  it('types literals, constructors and the Base table', async () => {
    const src = `
struct Point
    x::Int
end
function f(s::String, path)
    a = 1
    b = "x"
    c = Point(1)
    d = IOBuffer()
    e = open(path, "w")
    g = parse(Int, s)
    h = tryparse(Float64, s)
    i = length(s)
    j = split(s, ",")
    k = Int[]
    l = Dict{String,Any}()
    use(a, b, c, d, e, g, h, i, j, k, l)
end`;
    const expected: Record<string, string> = {
      a: 'Int', b: 'String', c: 'Point', d: 'IOBuffer', e: 'IOStream', g: 'Int', h: 'Union{Nothing, Float64}',
      i: 'Int', j: 'Vector{SubString{String}}', k: 'Vector{Int}', l: 'Dict{String,Any}',
    };
    const project = await snippetProject(src);
    const call = nodeOf(project, 'call_expression', 'use(a, b, c, d, e, g, h, i, j, k, l)');
    const owner = ownerIn(project, call);
    for (const arg of call.namedChildren[1].namedChildren) {
      expect([arg.text, describeFact(typeOfExpression(arg, owner, project))]).toEqual([arg.text, expected[arg.text]]);
    }
  });

  it('narrows with isa, nothing checks, ternaries, && and early returns', async () => {
    const src = `
function f(x, y::Union{Nothing,Int})
    if x isa String
        a = x
    end
    if y === nothing
        b = y
    else
        c = y
    end
    d = isnothing(y) ? 0 : y
    y !== nothing && use(y)
    y === nothing && return 0
    return y
end`;
    expect(await typeAt(src, 'identifier', 'x', 2)).toBe('String');
    expect(await typeAt(src, 'identifier', 'y', 2)).toBe('Nothing');
    expect(await typeAt(src, 'identifier', 'y', 3)).toBe('Int');
    expect(await typeAt(src, 'identifier', 'y', 5)).toBe('Int');
    expect(await typeAt(src, 'identifier', 'y', 7)).toBe('Int');
    expect(await typeAt(src, 'identifier', 'y', 9)).toBe('Int');
    // Without narrowing, the declared union.
    expect(await typeAt(src, 'identifier', 'y', 1)).toBe('Union{Nothing, Int}');
  });

  it('reads struct fields: concrete, abstract, untyped and type parameters', async () => {
    const src = `
struct Box{T}
    value::T
    label::AbstractString
    extra
    n::Int
end
function f(b::Box{Float64}, c::Box)
    use(b.value, b.label, b.extra, b.n, c.value)
end`;
    const project = await snippetProject(src);
    const call = nodeOf(project, 'call_expression', 'use(b.value, b.label, b.extra, b.n, c.value)');
    const owner = ownerIn(project, call);
    const types = call.namedChildren[1].namedChildren.map((a) => describeFact(typeOfExpression(a, owner, project)));
    expect(types).toEqual(['Float64', 'AbstractString', 'Any', 'Int', 'T']);
    const abstract = call.namedChildren[1].namedChildren.map((a) => isAbstractValue(a, owner, project));
    expect(abstract).toEqual([false, true, true, false, false]);
    const s = project.view().main.structs[0];
    expect(['value', 'label', 'extra', 'n'].map((f) => fieldFact(s, f, project).fact)).toEqual(['type-parameter', 'abstract', 'untyped', 'concrete']);
  });

  it('types globals, return annotations and simple returns', async () => {
    const src = `
const LIMIT = 10
count::Int = 0
config = Dict()
twice(x::Int)::Int = 2x
name() = "trimsafe"
maybe(x) = x > 0 ? 1 : nothing
function f()
    use(LIMIT, count, config, twice(1), name(), maybe(2))
end`;
    const project = await snippetProject(src);
    const call = nodeOf(project, 'call_expression', 'use(LIMIT, count, config, twice(1), name(), maybe(2))');
    const owner = ownerIn(project, call);
    const types = call.namedChildren[1].namedChildren.map((a) => describeFact(typeOfExpression(a, owner, project)));
    expect(types).toEqual(['Int', 'Int', 'Any', 'Int', 'String', 'Union{Int, Nothing}']);
  });

  it('finds abstract values: Dict{String,Any} values, [] elements, caught exceptions, stdout', async () => {
    const src = `
function f(d::Dict{String,Any}, v::Vector{Int})
    xs = []
    try
        g()
    catch e
        use(d["k"], xs[1], e, stdout, v[1])
    end
end`;
    const project = await snippetProject(src);
    const call = nodeOf(project, 'call_expression', 'use(d["k"], xs[1], e, stdout, v[1])');
    const owner = ownerIn(project, call);
    expect(call.namedChildren[1].namedChildren.map((a) => isAbstractValue(a, owner, project))).toEqual([true, true, true, true, false]);
  });

  it('infers unannotated parameters from their call sites', async () => {
    const src = `
helper(io) = print(io, 1)
function main()
    helper(IOBuffer())
end`;
    expect(await typeAt(src, 'identifier', 'io', 1)).toBe('IOBuffer');
  });

  it('reports variables with different types on different paths', async () => {
    const project = await snippetProject(`
function f(c::Bool)
    x = 1
    if c
        x = "one"
    end
    y = 2
    y = 3
    return x, y
end`);
    const conflicts = variableTypeConflicts(fn(project, 'f'), project);
    expect(conflicts.map((c) => [c.name, c.types.map(describeFact)])).toEqual([['x', ['Int', 'String']]]);
  });

  it('finds captured variables reassigned in closures (Core.Box)', async () => {
    const project = await snippetProject(`
function f(v)
    total = 0
    foreach(x -> (total += x), v)
    n = length(v)
    g = () -> n + 1
    k = 1
    k = 2
    h = () -> k
    return total, g, h
end`);
    const f = fn(project, 'f');
    const boxed = boxedCaptures(f, project.allFunctions());
    expect(boxed.map((b) => b.name).sort()).toEqual(['k', 'total']);
  });

  it('tells run-time Val/ntuple sizes and fixed tuple lengths', async () => {
    const project = await snippetProject(`
const N = 3
function f(n::Int, t::NTuple{4,Int}) where {M}
    a = Val(n)
    b = Val(3)
    c = ntuple(i -> i, N)
    d = ntuple(i -> i, n)
    e = Val(M)
    use(t, (1, 2), [1, 2])
end`);
    const calls = ['Val(n)', 'Val(3)', 'ntuple(i -> i, N)', 'ntuple(i -> i, n)', 'Val(M)'].map((t) => nodeOf(project, 'call_expression', t));
    expect(calls.map((c) => isRuntimeSized(c, ownerIn(project, c), project))).toEqual([true, false, false, true, false]);
    const use = nodeOf(project, 'call_expression', 'use(t, (1, 2), [1, 2])');
    const owner = ownerIn(project, use);
    expect(use.namedChildren[1].namedChildren.map((a) => tupleLength(a, owner, project))).toEqual([4, 2, null]);
  });
});

describe('type facts: assertions, loops and exceptions', () => {
  it('reads ::T assertions, loop variables and caught exceptions', async () => {
    const src = `
function f(v::Vector{Float64}, d::Dict{Symbol,Int})
    a = g()::Int
    for x in v
        use(x)
    end
    for i in 1:10
        use(i)
    end
    for k in eachindex(v)
        use(k)
    end
    try
        a = d[:k]
    catch err
        use(err)
    end
    return a
end`;
    expect(await typeAt(src, 'identifier', 'x', 1)).toBe('Float64');
    expect(await typeAt(src, 'identifier', 'i', 1)).toBe('Int');
    expect(await typeAt(src, 'identifier', 'k', 1)).toBe('Int');
    expect(await typeAt(src, 'identifier', 'err', 1)).toBe('Any');
    expect(await typeAt(src, 'identifier', 'a', 2)).toBe('Int');
  });
});
