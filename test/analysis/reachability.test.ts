import { describe, expect, it } from 'vitest';
import { computeReachability } from '../../analysis/reachability';
import { fn, snippetProject } from './analysis-helpers';

describe('reachability', () => {
  it('gives the shortest chain from @main', async () => {
    const project = await snippetProject(`
function (@main)(args)
    run_report(args)
    emit("direct")
    return 0
end
run_report(args) = (prepare(args); emit(args))
prepare(args) = emit(args)
emit(x) = x
orphan() = emit(1)`);
    const r = computeReachability(project);
    expect(r.mode).toBe('entrypoints');
    expect(r.of(fn(project, 'prepare')).via).toEqual(['main', 'run_report', 'prepare']);
    expect(r.of(fn(project, 'emit')).via).toEqual(['main', 'emit']);
    expect(r.of(fn(project, 'orphan'))).toEqual({ reachable: false, via: null });
  });

  it('recognises every entrypoint form', async () => {
    const project = await snippetProject(`
module M
function @main(args)
    a()
end
(@main)(args) = b()
Base.@ccallable function c()::Cint
    return 0
end
Base.@ccallable "dname" function d(x::Cint)::Cint
    return x
end
function __init__()
    e()
end
f(x::Int) = x
Base.Experimental.entrypoint(f, (Int,))
g() = 1
a() = 1
b() = 1
e() = 1
end`);
    const r = computeReachability(project, { entrypoints: ['M.g', 'nothing_here'] });
    expect(r.roots.map((x) => `${x.kind}:${x.fn.name}`).sort()).toEqual(
      ['ccallable:c', 'ccallable:d', 'config:g', 'entrypoint:f', 'init:__init__', 'main:main', 'main:main'].sort(),
    );
    expect(r.unresolvedEntrypoints).toEqual(['nothing_here']);
    for (const name of ['a', 'b', 'e']) expect(r.of(fn(project, name)).reachable).toBe(true);
  });

  it('treats a project without entrypoints as a library, and honours a forced mode', async () => {
    const project = await snippetProject(`
helper(x) = x
api(x) = helper(x)`);
    const lib = computeReachability(project);
    expect(lib.mode).toBe('library');
    expect(lib.of(fn(project, 'helper'))).toEqual({ reachable: true, via: ['helper'] });
    const forced = computeReachability(project, { mode: 'entrypoints', entrypoints: ['api'] });
    expect(forced.of(fn(project, 'helper')).via).toEqual(['api', 'helper']);
    const none = computeReachability(project, { mode: 'entrypoints' });
    expect(none.of(fn(project, 'api')).reachable).toBe(false);
  });

  it('checks a package whose only entrypoint is __init__ as a library', async () => {
    const project = await snippetProject(`
module Lib
const STATE = Ref(0)
__init__() = setup()
setup() = (STATE[] = 1)
api(x) = x + 1
end`);
    const r = computeReachability(project);
    expect(r.mode).toBe('library');
    expect(r.of(fn(project, 'api'))).toEqual({ reachable: true, via: ['api'] });
    expect(r.of(fn(project, 'setup')).via).toEqual(['setup']);
    expect(r.roots.map((x) => x.kind)).toEqual(['init']);
  });

  it('reaches show methods of types printed in reachable code, and functors of constructed types', async () => {
    const project = await snippetProject(`
struct Temp
    c::Float64
end
struct Unused
    x::Int
end
Base.show(io::IO, t::Temp) = print(io, t.c)
Base.show(io::IO, u::Unused) = print(io, u.x)
(t::Temp)(x) = x
function (@main)(args)
    t = Temp(1.0)
    println(Core.stdout, "t = $t")
    return 0
end`);
    const r = computeReachability(project);
    const shows = project.allFunctions().filter((f) => f.name === 'Base.show');
    expect(r.of(shows[0]).via).toEqual(['main', 'Base.show']);
    expect(r.of(shows[1]).reachable).toBe(false);
    const functor = project.allFunctions().find((f) => f.callableType === 'Temp')!;
    expect(r.of(functor).reachable).toBe(true);
    expect(r.nameUsed('Temp')).toBe(true);
    expect(r.nameUsed('Unused')).toBe(false);
  });

  it('reaches methods syntax calls implicitly, handlers stored in globals and functions macros call', async () => {
    const project = await snippetProject(`
abstract type Shape end
struct Ring <: Shape
    n::Int
end
struct Vec
    x::Float64
end
Base.iterate(r::Ring, i = 1) = i > r.n ? nothing : (i, i + 1)
Base.:+(a::Vec, b::Vec) = Vec(a.x + b.x)
Base.length(s::Shape) = 0
Base.length(v::Vec) = 1
handle_a(x) = x
handle_b(x) = 2x
const HANDLERS = Dict("a" => handle_a, "b" => handle_b)
helper_for_macro(x) = x
macro twice(e)
    :(helper_for_macro($(esc(e))) * 2)
end
function (@main)(args)
    for i in Ring(3)
        HANDLERS["a"](i)
    end
    y = @twice 3
    return 0
end`);
    const r = computeReachability(project);
    const reached = (name: string, nth = 0) => r.of(project.allFunctions().filter((f) => f.name === name)[nth]).reachable;
    expect(reached('Base.iterate')).toBe(true);
    expect(reached('Base.length', 0)).toBe(true);
    expect(reached('Base.length', 1)).toBe(false);
    expect(reached('Base.:+')).toBe(false);
    expect(reached('handle_a')).toBe(true);
    expect(reached('handle_b')).toBe(true);
    expect(reached('helper_for_macro')).toBe(true);
  });

  it('marks closures reachable with their unit and top-level lambdas never', async () => {
    const project = await snippetProject(`
function (@main)(args)
    foreach(a -> work(a), args)
    return 0
end
work(a) = a
map(x -> x, [1])`);
    const r = computeReachability(project);
    const lambdas = project.allFunctions().filter((f) => f.kind === 'lambda');
    expect(r.of(lambdas[0]).via).toEqual(['main']);
    expect(r.of(lambdas[1]).reachable).toBe(false);
    expect(r.of(fn(project, 'work')).via).toEqual(['main', 'work']);
  });
});
