import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../analysis/project';
import { getCallGraph } from '../../analysis/call-graph';
import { describeFact, typeOfExpression } from '../../analysis/type-facts';
import { isLocalName, localBindings } from '../../analysis/local-types';
import { nodeOf, ownerIn, projectOf, snippetProject } from './analysis-helpers';

// Local types are kept per project view; these check the kept answers equal fresh ones.
describe('kept local types', () => {
  it('ends on assignment cycles and answers the same when asked again', async () => {
    const project = await snippetProject(`
function f(n::Int)
    a = n
    b = a
    a = b
    i = 1
    for i in eachindex(i)
        i = i + 1
    end
    use(a, b, i)
end`);
    const call = nodeOf(project, 'call_expression', 'use(a, b, i)');
    const owner = ownerIn(project, call);
    const args = call.namedChildren[1].namedChildren;
    const first = args.map((a) => describeFact(typeOfExpression(a, owner, project)));
    // The cycle bottoms out at the depth budget: nothing is known, and asking again changes nothing.
    expect(first).toEqual(['?', '?', '?']);
    const again = args.map((a) => describeFact(typeOfExpression(a, owner, project)));
    expect(again).toEqual(first);
  });

  it('sees a caller changed in another file (call-site parameter types)', async () => {
    const files = {
      '/p/main.jl': 'module M\ninclude("a.jl")\ninclude("b.jl")\nend\n',
      '/p/a.jl': 'function g(x)\n    y = x\n    return y\nend\n',
      '/p/b.jl': 'function h()\n    g(1)\nend\n',
    };
    const project = await projectOf(files, ['/p/main.jl']);
    const y = nodeOf(project, 'identifier', 'y', 1);
    const owner = ownerIn(project, y);
    getCallGraph(project);
    expect(describeFact(typeOfExpression(y, owner, project))).toBe('Int');
    project.setFile(await analyzeSource({ path: '/p/b.jl', text: 'function h()\n    g("s")\nend\n' }));
    expect(describeFact(typeOfExpression(y, owner, project))).toBe('String');
  });

  it('sees a return type changed in another file (an unchanged function returning its call)', async () => {
    const files = {
      '/p/main.jl': 'module M\ninclude("a.jl")\ninclude("b.jl")\nend\n',
      '/p/a.jl': 'g() = 1\n',
      '/p/b.jl': 'h() = g()\nfunction k()\n    v = h()\n    use(v)\nend\n',
    };
    const project = await projectOf(files, ['/p/main.jl']);
    const v = nodeOf(project, 'identifier', 'v', 1);
    const owner = ownerIn(project, v);
    expect(describeFact(typeOfExpression(v, owner, project))).toBe('Int');
    project.setFile(await analyzeSource({ path: '/p/a.jl', text: 'g() = "one"\n' }));
    expect(describeFact(typeOfExpression(v, owner, project))).toBe('String');
  });

  it('keeps binding facts the same between the names and bindings questions', async () => {
    const project = await snippetProject(`
function f(p)
    global G
    G = 1
    local q::Int
    g(x) = (z = x; z)
    for (k, v) in pairs(p)
        w = v
    end
    try
        nothing
    catch err
        nothing
    end
    use(q, w, err)
end`);
    const call = nodeOf(project, 'call_expression', 'use(q, w, err)');
    const owner = ownerIn(project, call);
    for (const name of ['p', 'q', 'k', 'v', 'w', 'err', 'z']) expect([name, isLocalName(name, owner)]).toEqual([name, true]);
    expect(isLocalName('G', owner)).toBe(false);
    const b = localBindings(owner);
    expect(b.get('q')?.declared?.text).toBe('Int');
    expect(b.get('k')?.opaque).toBe(1);
    expect(b.get('err')?.caught).toBe(true);
    expect(b.has('z')).toBe(false); // inside the short function definition `g(x) = ...`
    expect(b.get('G')?.values.map((v) => v.text)).toEqual(['1']);
  });
});
