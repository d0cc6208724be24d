// When every file keeps its shape (modules, includes, imports, types, globals), a new project
// state's call graph patches the earlier graph's name tables with the changed files' methods and
// keeps the links of whole unchanged files. Each such graph must answer exactly as one built from
// scratch, after edits that change or keep names, modules, includes, globals and structs.

import { describe, expect, it } from 'vitest';
import { buildCallGraph, CallGraph, getCallGraph } from '../../analysis/call-graph';
import { computeFileFacts, FunctionInfo } from '../../analysis/file-facts';
import { Project } from '../../analysis/project';
import { computeReachability } from '../../analysis/reachability';
import { getBackend, parseWith } from '../../grammar-bindings';
import { editedProject } from '../helpers';
import { label, resolvedCalls, site } from './call-graph-helpers';

const APP = `module App
import Base: length
include("types.jl")
include("util.jl")
using .Util
const HANDLERS = Dict("a" => helper)
const LIMIT = 10
macro twice(ex)
    :(helper(1); $(esc(ex)))
end
Util.extra(x::Int) = x + 1
App.own(x) = x
length(s::Circle) = 1
helper(x) = x
helper(x::Int, y) = y
function run(x)
    helper(x)
    Util.extra(x)
    @twice shout(x)
    map(helper, [1])
    show(stdout, Circle(1.0))
    h = HANDLERS["a"]
    return x
end
function (@main)(args)
    run(length(args))
    return 0
end
end
`;

const TYPES = `abstract type Shape end
struct Circle <: Shape
    r::Float64
end
Base.show(io::IO, c::Circle) = print(io, "circle ", helper(1))
(c::Circle)(x) = shout(x)
`;

const UTIL = `module Util
export extra, shout
extra(x) = x
shout(x) = println(x)
const TABLE = [shout]
function use_table(i)
    return TABLE[i](i)
end
end
`;

const LIB = `module Lib
helper(x) = x + 1
function api(x)
    helper(x)
    return Main.App.run(x)
end
end
`;

type Edit = [path: string, from: string, to: string];

/** Edits applied in order; `same` marks those that keep every file's shape. */
const EDITS: Array<{ edit: Edit; same: boolean }> = [
  { edit: ['/p/app.jl', '    helper(x)\n    Util', '    helper(x + 1)\n    Util'], same: true },
  { edit: ['/p/app.jl', 'helper(x) = x\n', 'helperz(x) = x\n'], same: true },
  { edit: ['/p/app.jl', 'helperz(x) = x\n', 'helper(x) = x\n'], same: true },
  { edit: ['/p/lib.jl', 'helper(x) = x + 1\n', 'helper(x) = x + 1\nhelper(x, y) = y\nshout(x) = x\n'], same: true },
  { edit: ['/p/app.jl', 'Dict("a" => helper)', 'Dict("a" => shout)'], same: true },
  { edit: ['/p/app.jl', ':(helper(1); $(esc(ex)))', ':(run(1); $(esc(ex)))'], same: true },
  { edit: ['/p/types.jl', '(c::Circle)(x) = shout(x)\n', '(c::Circle)(x) = shout(x)\nBase.show(io::IO, s::Shape) = print(io, "shape")\n'], same: true },
  { edit: ['/p/util.jl', 'extra(x) = x\n', ''], same: true },
  { edit: ['/p/app.jl', 'Util.extra(x::Int) = x + 1\n', 'Util.extra(x::Int) = x + 1\nUtil.extra(x::Float64) = x\n'], same: true },
  { edit: ['/p/types.jl', '(c::Circle)(x) = shout(x)\n', ''], same: true },
  { edit: ['/p/lib.jl', 'helper(x, y) = y\n', ''], same: true },
  { edit: ['/p/types.jl', '    r::Float64\n', '    r::Float64\nend\nstruct Box <: Shape\n    w::Float64\n'], same: false },
  { edit: ['/p/app.jl', 'const LIMIT = 10\n', 'const LIMIT = 10\nconst MORE = [helper]\n'], same: false },
  { edit: ['/p/app.jl', '    helper(x + 1)\n', '    helper(x + 2)\n'], same: true },
  { edit: ['/p/util.jl', 'module Util\n', 'module Util\ninclude("extra.jl")\n'], same: false },
  { edit: ['/p/lib.jl', '    helper(x)\n', '    helper(x)\n    Main.App.Util.shout(x)\n'], same: true },
];

/** Everything the graph answers (and its private name tables), with functions named by position. */
function describeGraph(graph: CallGraph, project: Project): unknown {
  const fns = (xs: readonly FunctionInfo[] | undefined) => (xs ?? []).map((f) => label(f, graph));
  // Key order of these lookup tables carries no meaning; their lists' order does.
  const byKey = (m: Map<string, FunctionInfo[]>) => [...m].map(([k, v]): [string, string[]] => [k, fns(v)]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const names = new Set<string>();
  for (const file of project.files.values()) for (const f of file.functions) if (f.name) names.add(f.name.split('.').pop()!);
  for (const extra of ['helperz', 'extra', 'shout', 'nothing_here']) names.add(extra);
  const internals = graph as unknown as {
    byName: { get(k: string): FunctionInfo[] | undefined };
    extensions: { get(k: string): FunctionInfo[] | undefined };
    byModule: Map<unknown, Map<string, FunctionInfo[]>>;
  };
  const tables: unknown[] = [];
  for (const name of [...names].sort()) {
    tables.push([name, fns(internals.byName.get(name)), fns(internals.extensions.get(name))]);
    for (const m of graph.view.allModules()) {
      tables.push([m.qualifiedName, name, fns(internals.byModule.get(m)?.get(name)), fns(graph.resolveName(name, m)), fns(graph.resolveName(`Util.${name}`, m))]);
    }
  }
  const resolved = resolvedCalls(graph, project);
  return {
    units: fns(graph.units),
    links: [...graph.links].map(([u, ls]) => [label(u, graph), ls.map((l) => `${label(l.caller, graph)} ${l.kind} ${site(l.site)} -> ${fns(l.targets).join(' ')}`)]),
    edges: [...graph.edges].map(([u, es]) => [label(u, graph), es.length]),
    callers: [...graph.callers].map(([t, es]) => [label(t, graph), es.map((e) => `${label(e.caller, graph)}@${site(e.site)}`)]),
    typesUsed: [...graph.typesUsed].map(([u, ts]) => [label(u, graph), [...ts]]),
    namesUsed: [...graph.namesUsed].map(([u, ns]) => [label(u, graph), [...ns].sort()]),
    fieldsRead: [...graph.fieldsRead].map(([u, ns]) => [label(u, graph), [...ns].sort()]),
    printing: fns([...graph.printing]),
    functorsOf: byKey(graph.functorsOf),
    showMethodsOf: byKey(graph.showMethodsOf),
    typeMethodsOf: byKey(graph.typeMethodsOf),
    globalRefs: byKey(graph.globalRefs),
    macroRefs: byKey(graph.macroRefs),
    projectTypes: [...graph.projectTypes],
    tables,
    resolved,
  };
}

/** A project holding the same file facts, whose graph and reachability start from nothing. */
function sameFacts(project: Project): Project {
  const fresh = new Project();
  for (const f of project.files.values()) fresh.setFile(f);
  return fresh;
}

/** Every function's reachability and chain, in file order. */
function chains(project: Project): string[] {
  const reach = computeReachability(project);
  const out: string[] = [];
  for (const file of [...project.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    for (const f of file.functions) {
      const r = reach.of(f);
      out.push(`${file.path}:${f.node.startIndex} ${r.reachable} ${r.via?.join(' > ') ?? '-'}`);
    }
  }
  return out;
}

describe('call graph patched from an earlier state', () => {
  it('answers as a graph built from scratch after each edit', async () => {
    const backend = await getBackend();
    const { project, texts, set, dispose } = editedProject(backend);
    set('/p/app.jl', APP);
    set('/p/types.jl', TYPES);
    set('/p/util.jl', UTIL);
    set('/p/lib.jl', LIB);
    set('/p/extra.jl', 'more(x) = x\n');
    let before = getCallGraph(project);
    expect(describeGraph(before, project)).toEqual(describeGraph(buildCallGraph(project, { reuseScans: false }), project));
    for (const [step, { edit, same }] of EDITS.entries()) {
      const [path, from, to] = edit;
      const text = texts.get(path)!;
      expect(text.includes(from), `step ${step}`).toBe(true);
      set(path, text.replace(from, to));
      const after = getCallGraph(project);
      // The patched graph shares the earlier graph's type names; a graph indexed afresh does not.
      expect(after.projectTypes === before.projectTypes, `step ${step} patched`).toBe(same);
      expect(describeGraph(after, project), `step ${step}`).toEqual(describeGraph(buildCallGraph(project, { reuseScans: false }), project));
      expect(chains(project), `step ${step} chains`).toEqual(chains(sameFacts(project)));
      before = after;
    }
    dispose();
  });

  it('keeps the links of whole files that use none of the changed names', async () => {
    const backend = await getBackend();
    const project = new Project();
    const set = (path: string, text: string) => project.setFile(computeFileFacts(path, parseWith(backend, text)));
    set('/p/app.jl', APP);
    set('/p/types.jl', TYPES);
    set('/p/util.jl', UTIL);
    set('/p/lib.jl', LIB);
    const before = getCallGraph(project);
    const util = project.files.get('/p/util.jl')!;
    const lib = project.files.get('/p/lib.jl')!;
    const useTable = util.functions.find((f) => f.name === 'use_table')!;
    const api = lib.functions.find((f) => f.name === 'api')!;
    // lib.jl's `api` calls `helper`, defined in app.jl; util.jl names nothing app.jl defines.
    set('/p/app.jl', APP.replace('helper(x) = x\n', 'helper(x) = x + 0\n'));
    const after = getCallGraph(project);
    expect(after.links.get(useTable)).toBe(before.links.get(useTable));
    expect(after.links.get(api)).not.toBe(before.links.get(api));
    expect(describeGraph(after, project)).toEqual(describeGraph(buildCallGraph(project, { reuseScans: false }), project));
  });
});
