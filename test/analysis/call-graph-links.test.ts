import { describe, expect, it } from 'vitest';
import { CallEdge, CallGraph, getCallGraph } from '../../analysis/call-graph';
import type { FunctionInfo } from '../../analysis/file-facts';
import { computeReachability } from '../../analysis/reachability';
import { fn, projectOf, snippetProject } from './analysis-helpers';

function label(f: FunctionInfo, graph: CallGraph): string {
  return `${graph.view.fileOf(f)?.path}:${f.node.startPosition.row}:${f.name ?? f.kind}`;
}

function describeEdge(e: CallEdge, graph: CallGraph): string {
  return `${label(e.caller, graph)} ${e.kind} ${e.site ? `${e.site.startIndex}:${e.site.type}` : '-'} -> ${label(e.target, graph)}`;
}

/** Incoming edges per target as one would collect them from every unit's edges, in unit order. */
function callersFromEdges(graph: CallGraph): Array<[string, string[]]> {
  const out = new Map<FunctionInfo, string[]>();
  for (const u of graph.units) {
    for (const e of graph.edges.get(u) ?? []) {
      const list = out.get(e.target);
      if (list) list.push(describeEdge(e, graph));
      else out.set(e.target, [describeEdge(e, graph)]);
    }
  }
  return [...out].map(([t, es]) => [label(t, graph), es]);
}

function callersTable(graph: CallGraph): Array<[string, string[]]> {
  return [...graph.callers].map(([t, es]) => [label(t, graph), es.map((e) => describeEdge(e, graph))]);
}

/** A package with many `show` methods and many sites naming `show`, in several modules. */
function showHeavyPackage(types: number, users: number): Record<string, string> {
  const lines = ['module Pkg', 'import Base: show', 'export run_all'];
  for (let i = 0; i < types; i++) {
    lines.push(`struct T${i}; x::Int; end`);
    lines.push(i % 2 === 0 ? `show(io::IO, t::T${i}) = print(io, t.x)` : `Base.show(io::IO, t::T${i}) = print(io, t.x)`);
  }
  for (let i = 0; i < users; i++) {
    lines.push(`function user${i}(xs)`, '    @show xs', '    foreach(show, xs)', `    return user${(i + 1) % users}(xs)`, 'end');
  }
  lines.push('run_all(xs) = user0(xs)', 'module Inner', 'using ..Pkg', 'inner_user(xs) = map(show, xs)', 'end', 'end');
  return { '/p/Pkg.jl': lines.join('\n') };
}

describe('call graph links', () => {
  it('gives sites that resolve alike one shared target list instead of one edge each', async () => {
    const project = await projectOf(showHeavyPackage(40, 30));
    const graph = getCallGraph(project);
    const showMethods = graph.units.filter((f) => f.name === 'show' || f.name === 'Base.show');
    expect(showMethods).toHaveLength(40);
    const lists = new Set<FunctionInfo[]>();
    let showLinks = 0;
    for (const [, links] of graph.links) {
      for (const l of links) {
        if (l.targets.length !== 40) continue;
        showLinks++;
        lists.add(l.targets);
      }
    }
    // `@show xs` and `foreach(show, xs)` in 30 users, `map(show, xs)` in Inner: 61 sites, one list.
    expect(showLinks).toBe(61);
    expect(lists.size).toBe(1);
    // The edges read the same as one per (site, method).
    let edges = 0;
    for (const u of graph.units) edges += graph.edges.get(u)!.length;
    expect(edges).toBeGreaterThanOrEqual(61 * 40);
    const callers = graph.callers.get(showMethods[7])!;
    expect(callers).toHaveLength(61);
    expect(callers.map((e) => e.caller.name)).toEqual([...Array.from({ length: 30 }, (_, i) => [`user${i}`, `user${i}`]).flat(), 'inner_user']);
    expect(callers.every((e) => e.target === showMethods[7] && e.kind === 'reference')).toBe(true);
  });

  it('lists callers in unit and site order when a method is in several target lists', async () => {
    const project = await snippetProject(`
f(x::Int) = 1
f(x::String) = 2
f(x, y) = 3
a(v) = f(v)
b() = (f(1); f("s"))
c(v) = (f(v, v); f(v); f(2))
d() = map(f, [1])
e() = f`);
    const graph = getCallGraph(project);
    expect(callersTable(graph)).toEqual(callersFromEdges(graph));
    const fInt = graph.units.find((u) => u.name === 'f' && u.params[0].typeNode?.text === 'Int')!;
    expect(graph.callers.get(fInt)!.map((e) => `${e.caller.name}:${e.kind}:${e.site!.text}`)).toEqual([
      'a:call:f(v)',
      'b:call:f(1)',
      'c:call:f(v)',
      'c:call:f(2)',
      'd:reference:f',
      'e:reference:f',
    ]);
    expect(graph.callers.has(fInt)).toBe(true);
    expect(graph.callers.get(fn(project, 'e'))).toBeUndefined();
    expect(graph.callers.has(fn(project, 'e'))).toBe(false);
  });

  it('derives edges and callers from the links in the same order across modules', async () => {
    const project = await projectOf(showHeavyPackage(6, 5));
    const graph = getCallGraph(project);
    expect(callersTable(graph)).toEqual(callersFromEdges(graph));
    for (const u of graph.units) {
      const fromLinks = graph.links.get(u)!.flatMap((l) => l.targets.map((t) => `${t.name}@${l.site?.startIndex}`));
      expect(graph.edges.get(u)!.map((e) => `${e.target.name}@${e.site?.startIndex}`)).toEqual(fromLinks);
    }
    expect([...graph.edges].map(([u]) => u)).toEqual(graph.units);
  });

  it('keeps the first chain found when later units link to a list already walked', async () => {
    const project = await snippetProject(`
struct A; x::Int; end
struct B; x::Int; end
Base.show(io::IO, a::A) = print(io, a.x)
Base.show(io::IO, b::B) = print(io, b.x)
function (@main)(args)
    first_user(args)
    second_user(args)
    return 0
end
first_user(xs) = foreach(show, xs)
second_user(xs) = (foreach(show, xs); third(xs))
third(xs) = foreach(show, xs)`);
    const r = computeReachability(project);
    const shows = r.graph.units.filter((u) => u.name === 'Base.show');
    expect(shows).toHaveLength(2);
    for (const s of shows) expect(r.of(s).via).toEqual(['main', 'first_user', 'Base.show']);
    expect(r.of(fn(project, 'third')).via).toEqual(['main', 'second_user', 'third']);
  });
});
