// After an edit the project view, the type facts' project scope and the untyped-global tables are
// patched from the previous state's when the edited file kept its module shape. After random edits
// (that keep or change names, modules, includes, globals, structs) each must equal a whole build
// over the same facts, in every order that can reach a finding; and the earlier view stays as it was.

import { describe, expect, it } from 'vitest';
import { FileFacts, FunctionInfo, ModuleInfo } from '../../analysis/file-facts';
import { Project } from '../../analysis/project';
import { ProjectView } from '../../analysis/project-view';
import { projectScopeLists } from '../../analysis/type-facts';
import { getBackend } from '../../grammar-bindings';
import { editedProject, seededRandom } from '../helpers';
import { concreteStructNames } from '../../rules/abstract-field';
import { runRules } from '../../rules/engine';
import { projectTables } from '../../rules/untyped-global';
import { RULES } from '../../rules/registry';


function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

const FNS = ['alpha', 'beta', 'gamma', 'Base.show', 'emit', 'App.alpha'];
const GLOBALS = ['verbose', 'level', 'count'];
const TYPES = ['Point', 'Box', 'Shape'];

function statement(r: () => number): string {
  switch (Math.floor(r() * 7)) {
    case 0:
      return `println(${pick(r, GLOBALS)})`;
    case 1:
      return `global ${pick(r, GLOBALS)} = 2`;
    case 2:
      return `y = ${pick(r, ['alpha', 'beta', 'gamma'])}(x)`;
    case 3:
      return `p = ${pick(r, TYPES)}(1.0)`;
    case 4:
      return `${pick(r, GLOBALS)} && return 1`;
    case 5:
      return `f = z -> z + ${pick(r, GLOBALS)}`;
    default:
      return `return ${pick(r, GLOBALS)} + x`;
  }
}

function fn(r: () => number, name = pick(r, FNS)): string {
  const body = Array.from({ length: 1 + Math.floor(r() * 3) }, () => '    ' + statement(r)).join('\n');
  return r() < 0.2 ? `${name}(x) = x + 1` : `function ${name}(x)\n${body}\n    return x\nend`;
}

function global(r: () => number, name = pick(r, GLOBALS)): string {
  return pick(r, [`${name} = true`, `${name}::Bool = true`, `const ${name} = 1`, `${name} = 1`]);
}

/** A file as sections (module bodies), each a list of items; rendered to text by `render`. */
interface Model {
  head: string[];
  sections: Array<{ open: string; close: string; items: string[] }>;
}

function models(r: () => number): Record<string, Model> {
  const items = (n: number) => Array.from({ length: n }, () => (r() < 0.7 ? fn(r) : global(r)));
  return {
    '/p/main.jl': {
      head: [],
      sections: [
        { open: 'module App\ninclude("a.jl")\ninclude("sub/b.jl")\nusing .Inner', close: '', items: [...items(3), 'struct Point\n    x::Float64\nend', global(r)] },
        { open: 'module Inner\nexport alpha', close: 'end\nend', items: items(2) },
      ],
    },
    '/p/a.jl': { head: [], sections: [{ open: '', close: '', items: [...items(3), 'abstract type Shape end', global(r)] }] },
    '/p/sub/b.jl': { head: [], sections: [{ open: '', close: '', items: items(2) }, { open: 'module B\nimport ..Inner', close: 'end', items: [...items(2), 'struct Box\n    w\nend'] }] },
    '/p/script.jl': { head: ['include("c.jl")'], sections: [{ open: '', close: '', items: [...items(3), global(r)] }] },
    '/p/c.jl': { head: [], sections: [{ open: '', close: '', items: [...items(2), 'struct Point\n    y::Int\nend'] }] },
    '/p/tool.jl': { head: [], sections: [{ open: 'module Tool\nusing App', close: 'end', items: items(3) }] },
  };
}

function render(m: Model): string {
  const out = [...m.head];
  for (const s of m.sections) {
    if (s.open) out.push(s.open);
    out.push(...s.items);
    if (s.close) out.push(s.close);
  }
  return out.join('\n') + '\n';
}

/** One edit to the model (most keep the file's module shape) or to the text itself. */
function edit(r: () => number, m: Model): { model: Model; typo?: boolean } {
  const next: Model = { head: [...m.head], sections: m.sections.map((s) => ({ ...s, items: [...s.items] })) };
  const s = pick(r, next.sections);
  const fnIndexes = s.items.map((t, i) => (/^function |^\w[\w.]*\(x\) =/.test(t) ? i : -1)).filter((i) => i >= 0);
  const globalIndexes = s.items.map((t, i) => (GLOBALS.some((g) => t.startsWith(g) || t.startsWith('const ' + g)) ? i : -1)).filter((i) => i >= 0);
  const roll = r();
  if (roll < 0.3 && fnIndexes.length > 0) s.items[pick(r, fnIndexes)] = fn(r, /^function ([\w.]+)/.exec(s.items[fnIndexes[0]])?.[1] ?? 'alpha');
  else if (roll < 0.45 && fnIndexes.length > 0) s.items[pick(r, fnIndexes)] = fn(r);
  else if (roll < 0.55) s.items.push(fn(r));
  else if (roll < 0.62 && fnIndexes.length > 0) s.items.splice(pick(r, fnIndexes), 1);
  else if (roll < 0.72 && globalIndexes.length > 0) {
    const i = pick(r, globalIndexes);
    const name = GLOBALS.find((g) => s.items[i].includes(g))!;
    s.items[i] = global(r, name);
  } else if (roll < 0.77) s.items.push(global(r));
  else if (roll < 0.82) {
    const structs = s.items.map((t, i) => (t.startsWith('struct ') ? i : -1)).filter((i) => i >= 0);
    if (structs.length > 0 && r() < 0.5) s.items.splice(pick(r, structs), 1);
    else s.items.push(`struct ${pick(r, TYPES)}${Math.floor(r() * 3)}\n    v\nend`);
  }
  else if (roll < 0.86) next.head = next.head.length > 0 ? [] : ['include("c.jl")'];
  else if (roll < 0.9) s.items.push(`module Extra${Math.floor(r() * 2)}\n${fn(r)}\nend`);
  else return { model: next, typo: true };
  return { model: next };
}

/** Every object of the facts named by file and position, so two descriptions compare by identity. */
function namer(files: ReadonlyMap<string, FileFacts>): (x: object) => string {
  const names = new Map<object, string>();
  for (const [path, f] of files) {
    const lists: Record<string, readonly object[]> = { f: f.functions, s: f.structs, g: f.globals, i: f.imports, n: f.includes, m: f.modules };
    for (const [k, list] of Object.entries(lists)) list.forEach((x, i) => names.set(x, `${path}#${k}${i}`));
  }
  return (x) => names.get(x) ?? 'STALE';
}

const QUERIES = ['App', '.Inner', '..Inner', 'Inner', 'B', 'App.B', '.B', 'Tool', 'App.Inner', 'Main', 'Nope', '...App'];

function describeView(view: ProjectView, files: ReadonlyMap<string, FileFacts>): unknown {
  const name = namer(files);
  const idx = (m: unknown) => view.modules.indexOf(m as never);
  return {
    main: view.main === view.modules[0] && view.allModules() === view.modules,
    modules: view.modules.map((m) => ({
      name: m.name,
      qualifiedName: m.qualifiedName,
      parent: m.parent ? idx(m.parent) : null,
      children: [...m.children].map(([k, c]) => [k, idx(c)]),
      parts: m.parts.map((p) => [p.file === files.get(p.file.path) ? p.file.path : 'STALE', name(p.info)]),
      functions: m.functions.map(name),
      structs: m.structs.map(name),
      abstractTypes: m.abstractTypes,
      globals: m.globals.map(name),
      imports: m.imports.map(name),
      exports: [...m.exports],
      resolved: QUERIES.map((q) => {
        const t = view.resolveModule(m, q);
        return t ? idx(t) : null;
      }),
    })),
    includeEdges: view.includeEdges.map((e) => [e.from, name(e.include), e.to]),
    includedBy: [...view.includedBy].map(([to, e]) => [to, view.includeEdges.indexOf(e)]),
    moduleOf: [...files.values()].map((f) => f.modules.map((info: ModuleInfo) => idx(view.moduleOf(info)))),
    fileOf: [...files.values()].map((f) => f.functions.map((fn: FunctionInfo) => view.fileOf(fn)?.path ?? null)),
  };
}

const NAMES = ['alpha', 'beta', 'gamma', 'show', 'emit', 'Point', 'Box', 'Shape', 'Point0', 'Box1', 'nothing'];

function describeScope(project: Project): unknown {
  const name = namer(project.files);
  const lists = projectScopeLists(project, NAMES);
  return {
    functions: lists.functions.map((l) => l?.map(name) ?? null),
    structs: lists.structs.map((l) => l?.map(name) ?? null),
    userConcrete: [...lists.userConcrete].sort(),
    userAbstract: [...lists.userAbstract].sort(),
  };
}

function describeTables(project: Project): unknown {
  const name = namer(project.files);
  const t = projectTables(project);
  return {
    contexts: [...t.byContext.keys()].sort().map((k) => {
      const table = t.byContext.get(k)!;
      return {
        key: k,
        untyped: [...table.untyped.keys()].sort().map((n) => [n, table.untyped.get(n)!.map((d) => `${d.path}:${name(d.global)}`)]),
        settled: [...table.settled].sort(),
        reassigned: [...table.reassigned].sort(),
      };
    }).filter((c) => c.untyped.length + c.settled.length + c.reassigned.length > 0),
    contextOf: [...project.files.values()].map((f) => f.modules.map((m) => t.contextOf.get(m) ?? null)),
    untypedNames: [...t.untypedNames.keys()].sort(),
    lengths: [...t.untypedNameLengths.keys()].sort(),
  };
}

/** A project with the same facts and nothing carried over from earlier states. */
function freshCopy(project: Project): Project {
  const p = new Project();
  for (const f of project.files.values()) p.setFile(f);
  return p;
}

/** The rules with project-wide tables kept between states. */
const TABLE_RULES = RULES.filter((r) => r.meta.name === 'untyped-global' || r.meta.name === 'abstract-field');

describe('incremental project view, project scope and untyped-global tables', () => {
  it('equal a whole build after random edits', async () => {
    const backend = await getBackend();
    let derived = 0;
    let flagged = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = seededRandom(seed);
      const { project, texts, set, dispose } = editedProject(backend);
      const model = models(r);
      for (const [path, m] of Object.entries(model)) set(path, render(m));
      let view = project.view();
      let viewFiles = new Map(project.files);
      let described = describeView(view, viewFiles);
      for (let step = 0; step < 50; step++) {
        const path = pick(r, Object.keys(model));
        const e = edit(r, model[path]);
        model[path] = e.model;
        if (e.typo) {
          const text = texts.get(path)!;
          const at = Math.floor(r() * text.length);
          set(path, text.slice(0, at) + pick(r, ['x', 'end\n', '(', ' ', 'global ']) + text.slice(at));
        } else {
          set(path, render(e.model));
        }
        // Some states are never asked for, so a later view derives across several edits.
        if (r() < 0.25) continue;
        const before = view;
        view = project.view();
        if (view.derivation) derived++;
        const where = `seed ${seed}, step ${step}`;
        const fresh = freshCopy(project);
        expect(describeView(view, project.files), where).toEqual(describeView(fresh.view(), fresh.files));
        expect(describeScope(project), where).toEqual(describeScope(fresh));
        expect(describeTables(project), where).toEqual(describeTables(fresh));
        expect([...concreteStructNames({ project })].sort(), where).toEqual([...concreteStructNames({ project: fresh })].sort());
        const findings = JSON.stringify(runRules(project, TABLE_RULES, { juliaVersion: '1.12' }).findings);
        if (findings.includes('TRIM')) flagged++;
        expect(findings, where).toBe(JSON.stringify(runRules(fresh, TABLE_RULES, { juliaVersion: '1.12' }).findings));
        // The earlier view is untouched by the one derived from it.
        expect(describeView(before, viewFiles), where).toEqual(described);
        viewFiles = new Map(project.files);
        described = describeView(view, viewFiles);
      }
      dispose();
    }
    // Most edits keep the module shape, so most views were derived.
    expect(derived).toBeGreaterThan(100);
    expect(flagged).toBeGreaterThan(0);
  });
});
