import { describe, expect, it } from 'vitest';
import { getCallGraph } from '../../analysis/call-graph';
import { displayName } from '../../analysis/reachability';
import { fn, nodeOf, ownerIn, projectOf, snippetProject } from './analysis-helpers';

async function targetsOf(src: string, callText: string, nth = 0): Promise<string[]> {
  const project = await snippetProject(src);
  const call = nodeOf(project, 'call_expression', callText, nth);
  const graph = getCallGraph(project);
  return graph.resolveCall(call, ownerIn(project, call)).map((f) => `${displayName(f)}/${f.params.length}@${f.node.startPosition.row}`);
}

describe('call graph', () => {
  it('filters methods by arity, including defaults, varargs and do-blocks', async () => {
    const src = `
f(x) = 1
f(x, y) = 2
f(x, y, z = 0; k = 1) = 3
g(xs...) = 4
h(fun, x) = fun(x)
h(x) = x
function main()
    f(1, 2)
    g(1, 2, 3)
    h(3) do x
        x
    end
end`;
    expect(await targetsOf(src, 'f(1, 2)')).toEqual(['f/2@2', 'f/4@3']);
    expect(await targetsOf(src, 'g(1, 2, 3)')).toEqual(['g/1@4']);
    expect(await targetsOf(src, 'h(3) do x\n        x\n    end')).toEqual(['h/2@5']);
  });

  it('filters by annotated parameter types when argument types are known', async () => {
    const src = `
struct A end
struct B end
run(a::A) = 1
run(b::B) = 2
run(s::String) = 3
function main()
    run(A())
    run("x")
    run(unknown_value())
end`;
    expect(await targetsOf(src, 'run(A())')).toEqual(['run/1@3']);
    expect(await targetsOf(src, 'run("x")')).toEqual(['run/1@5']);
    expect((await targetsOf(src, 'run(unknown_value())')).length).toBe(3);
  });

  it('does not resolve calls of local values to global functions', async () => {
    const src = `
step(x) = x
function apply(step, x)
    step(x)
end`;
    expect(await targetsOf(src, 'step(x)', 1)).toEqual([]);
  });

  it('counts functions passed as values and keyword callbacks as called', async () => {
    const project = await snippetProject(`
keyfn(x) = -x
double(x) = 2x
positive(x) = x > 0
function main(v)
    sort(v; by = keyfn)
    map(double, v)
    count(positive, v)
end`);
    const graph = getCallGraph(project);
    const edges = graph.edges.get(fn(project, 'main'))!.map((e) => `${e.kind}:${e.target.name}`);
    expect(edges.sort()).toEqual(['reference:double', 'reference:keyfn', 'reference:positive']);
  });

  it('resolves through submodules, exports and relative imports across files', async () => {
    const project = await projectOf(
      {
        '/pkg/Project.toml': 'name = "P"\n',
        '/pkg/src/P.jl': 'module P\ninclude("util.jl")\nusing .Util\nusing .Util: hidden\nmain() = (shout(1); hidden(2); Util.quiet(3))\nend\n',
        '/pkg/src/util.jl': 'module Util\nexport shout\nshout(x) = x\nhidden(x) = x\nquiet(x) = x\nend\n',
      },
      ['/pkg'],
    );
    const graph = getCallGraph(project);
    const main = fn(project, 'main');
    expect(graph.edges.get(main)!.map((e) => e.target.name).sort()).toEqual(['hidden', 'quiet', 'shout']);
    expect(project.view().moduleOf(fn(project, 'shout').module).qualifiedName).toBe('P.Util');
  });

  it('ties closures to their unit and Base.show methods to printed types', async () => {
    const project = await snippetProject(`
struct Temp
    c::Float64
end
Base.show(io::IO, t::Temp) = print(io, t.c, "C")
(t::Temp)(x) = t.c + x
function main()
    t = Temp(1.0)
    foreach(x -> inner(x), [1])
    print(Core.stdout, t)
end
inner(x) = x`);
    const graph = getCallGraph(project);
    const main = fn(project, 'main');
    expect(graph.edges.get(main)!.map((e) => e.target.name)).toContain('inner');
    expect(graph.typesUsed.get(main)!.has('Temp')).toBe(true);
    expect(graph.printing.has(main)).toBe(true);
    expect(graph.showMethodsOf.get('Temp')!.map((f) => f.name)).toEqual(['Base.show']);
    expect(graph.functorsOf.get('Temp')!.length).toBe(1);
    expect(graph.impliedByTypes(main).map((f) => f.callableType)).toEqual(['Temp']);
  });
});
