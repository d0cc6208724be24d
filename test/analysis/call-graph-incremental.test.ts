// The call graph reuses the walk over each unchanged file's code between project states; after
// random edits to a multi-file project it must equal a graph built from scratch.

import { describe, expect, it } from 'vitest';
import { buildCallGraph, CallGraph, getCallGraph } from '../../analysis/call-graph';
import { computeFileFacts, FunctionInfo } from '../../analysis/file-facts';
import { Project } from '../../analysis/project';
import { getBackend } from '../../grammar-bindings';
import { editedProject, seededRandom } from '../helpers';
import { label, resolvedCalls, site } from './call-graph-helpers';


const FNS = ['alpha', 'beta', 'gamma', 'delta', 'emit'];
const TYPES = ['Shape', 'Circle', 'Box'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function statement(r: () => number, local: string): string {
  const f = pick(r, FNS);
  const t = pick(r, TYPES);
  switch (Math.floor(r() * 12)) {
    case 0:
      return `${f}(x)`;
    case 1:
      return `${f}(x, 2)`;
    case 2:
      return `y = map(${f}, [1, 2])`;
    case 3:
      return `println("v = $(x)")`;
    case 4:
      return `s = ${t}(1.0)`;
    case 5:
      return `Util.${f}(x)`;
    case 6:
      return `${local} = 3; ${local}(1)`;
    case 7:
      return `foreach([1]) do k\n        ${f}(k)\n    end`;
    case 8:
      return `@twice ${f}(x)`;
    case 9:
      return `h = HANDLERS["a"]`;
    case 10:
      return `g = z -> ${f}(z, x)`;
    default:
      return `show(stdout, ${t}(2.0))`;
  }
}

function functionText(r: () => number, name: string): string {
  const typed = r() < 0.4 ? `x::${pick(r, ['Int', 'Float64', ...TYPES])}` : 'x';
  const extra = r() < 0.3 ? ', y = 1' : '';
  const body = Array.from({ length: 1 + Math.floor(r() * 4) }, () => '    ' + statement(r, pick(r, FNS))).join('\n');
  return `function ${name}(${typed}${extra})\n${body}\n    return x\nend`;
}

function utilFile(r: () => number): string {
  const fns = FNS.filter(() => r() < 0.6).map((n) => functionText(r, n));
  const exported = FNS.filter(() => r() < 0.5);
  return `module Util\n${exported.length ? `export ${exported.join(', ')}\n` : ''}${fns.join('\n')}\nend\n`;
}

function typesFile(r: () => number): string {
  const out = ['abstract type Shape end'];
  if (r() < 0.8) out.push('struct Circle <: Shape\n    r::Float64\nend');
  if (r() < 0.8) out.push('struct Box <: Shape\n    w::Float64\nend');
  if (r() < 0.6) out.push(`Base.show(io::IO, c::${pick(r, TYPES)}) = print(io, "shape ", ${pick(r, FNS)}(1))`);
  if (r() < 0.5) out.push(`(b::${pick(r, TYPES)})(x) = ${pick(r, FNS)}(x)`);
  if (r() < 0.5) out.push(`Base.length(s::${pick(r, TYPES)}) = ${pick(r, FNS)}(1)`);
  if (r() < 0.5) out.push(`macro twice(ex)\n    :(${pick(r, FNS)}(1); $(esc(ex)))\nend`);
  return out.join('\n') + '\n';
}

function mainFile(r: () => number): string {
  const fns = FNS.filter(() => r() < 0.7).map((n) => functionText(r, n));
  const using = r() < 0.7 ? (r() < 0.5 ? 'using .Util\n' : `using .Util: ${pick(r, FNS)}\n`) : '';
  return `module App\ninclude("types.jl")\ninclude("util.jl")\n${using}const HANDLERS = Dict("a" => ${pick(r, FNS)})\n${fns.join('\n')}\nfunction (@main)(args)\n    ${pick(r, FNS)}(length(args))\n    return 0\nend\nend\n`;
}

function scriptFile(r: () => number): string {
  return FNS.filter(() => r() < 0.5)
    .map((n) => functionText(r, n))
    .concat(['function __init__()\n    ' + statement(r, 'q') + '\nend'])
    .join('\n');
}

const GENERATORS: Record<string, (r: () => number) => string> = {
  '/p/main.jl': mainFile,
  '/p/util.jl': utilFile,
  '/p/types.jl': typesFile,
  '/p/script.jl': scriptFile,
};

/** One edit: a fresh variant of the file, a function replaced, or a character typed or deleted. */
function edit(r: () => number, path: string, text: string): string {
  const roll = r();
  if (roll < 0.25) return GENERATORS[path](r);
  if (roll < 0.5) {
    const name = pick(r, FNS);
    const at = text.indexOf(`function ${name}(`);
    if (at < 0) return text + '\n' + functionText(r, name) + '\n';
    const end = text.indexOf('\nend', at);
    return text.slice(0, at) + functionText(r, name) + text.slice(end + 4);
  }
  const at = Math.floor(r() * text.length);
  if (roll < 0.75) return text.slice(0, at) + pick(r, ['x', '(', ')', ' ', '\n', 'end\n', '.', ',', 'Util.']) + text.slice(at);
  return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
}

/** Everything the graph answers, in order, with functions and nodes named by position. */
function describeGraph(graph: CallGraph, project: Project): unknown {
  const fns = (xs: readonly FunctionInfo[] | undefined) => (xs ?? []).map((f) => label(f, graph));
  const byKey = (m: Map<string, FunctionInfo[]>) => [...m].map(([k, v]) => [k, fns(v)]);
  const resolved = resolvedCalls(graph, project);
  return {
    units: fns(graph.units),
    edges: graph.units.map((u) => (graph.edges.get(u) ?? []).map((e) => `${label(e.caller, graph)} ${e.kind} ${site(e.site)} -> ${label(e.target, graph)}`)),
    callers: [...graph.callers].map(([t, es]) => [label(t, graph), es.map((e) => `${label(e.caller, graph)}@${site(e.site)}`)]),
    typesUsed: graph.units.map((u) => [...(graph.typesUsed.get(u) ?? [])]),
    namesUsed: graph.units.map((u) => [...(graph.namesUsed.get(u) ?? [])].sort()),
    fieldsRead: graph.units.map((u) => [...(graph.fieldsRead.get(u) ?? [])].sort()),
    printing: fns([...graph.printing]),
    functorsOf: byKey(graph.functorsOf),
    showMethodsOf: byKey(graph.showMethodsOf),
    typeMethodsOf: byKey(graph.typeMethodsOf),
    globalRefs: byKey(graph.globalRefs),
    macroRefs: byKey(graph.macroRefs),
    projectTypes: [...graph.projectTypes],
    resolved,
  };
}

describe('incremental call graph', () => {
  it('equals a graph built from scratch after random edits to a multi-file project', async () => {
    const backend = await getBackend();
    for (const seed of [1, 2, 3]) {
      const r = seededRandom(seed);
      const { project, texts, set, dispose } = editedProject(backend);
      for (const [path, gen] of Object.entries(GENERATORS)) set(path, gen(r));
      getCallGraph(project);
      for (let step = 0; step < 40; step++) {
        const path = pick(r, Object.keys(GENERATORS));
        set(path, edit(r, path, texts.get(path)!));
        // Some states are never asked for, so a later build reuses scans across several edits.
        if (r() < 0.3) continue;
        const incremental = getCallGraph(project);
        const fresh = buildCallGraph(project, { reuseScans: false });
        expect(describeGraph(incremental, project), `seed ${seed}, step ${step}`).toEqual(describeGraph(fresh, project));
      }
      dispose();
    }
  });

  it('walks only the edited file again', async () => {
    const backend = await getBackend();
    const { parseWith } = await import('../../grammar-bindings');
    const project = new Project();
    const r = seededRandom(7);
    for (const [path, gen] of Object.entries(GENERATORS)) project.setFile(computeFileFacts(path, parseWith(backend, gen(r))));
    const before = getCallGraph(project);
    const kept = [...project.files.values()].filter((f) => f.path !== '/p/util.jl');
    project.setFile(computeFileFacts('/p/util.jl', parseWith(backend, utilFile(r))));
    const after = getCallGraph(project);
    expect(after).not.toBe(before);
    // The name sets are the scans' own objects: shared for unchanged units, new for the edited file.
    for (const file of kept) {
      for (const f of file.functions) if (before.namesUsed.has(f)) expect(after.namesUsed.get(f)).toBe(before.namesUsed.get(f));
    }
  });
});
