// The untyped-global rule keeps its project tables between edits and makes again only the module
// contexts the edited file has a part in. A context's key depends on other files' includes, so
// these edits to included and including files must give the findings of a project built afresh.

import { describe, expect, it } from 'vitest';
import { computeFileFacts } from '../../analysis/file-facts';
import { Project } from '../../analysis/project';
import { getBackend, parseWith } from '../../grammar-bindings';
import { runRules } from '../../rules/engine';
import { RULES } from '../../rules/registry';
import { projectTables } from '../../rules/untyped-global';

const RULE = RULES.filter((r) => r.meta.name === 'untyped-global');

const MAIN = `module App
include("state.jl")
include("other.jl")
function (@main)(args)
    verbose && println(Core.stdout, "on")
    return run(level)
end
end
`;
const STATE = 'verbose = false\nlevel = 1\nrun(x) = x + shared\n';
const OTHER = 'shared = 2\nfunction bump()\n    global level = 3\nend\n';
const SCRIPT = 'include("state.jl")\nfunction __init__()\n    println(verbose)\nend\n';

async function projectWith(files: Record<string, string>): Promise<Project> {
  const backend = await getBackend();
  const p = new Project();
  for (const [path, text] of Object.entries(files)) p.setFile(computeFileFacts(path, parseWith(backend, text)));
  return p;
}

function findings(p: Project): string {
  return JSON.stringify(runRules(p, RULE, { juliaVersion: '1.12' }).findings);
}

function fresh(p: Project): Project {
  const q = new Project();
  for (const f of p.files.values()) q.setFile(f);
  return q;
}

describe('untyped-global project tables across edits', () => {
  const edits: Array<[string, string, string]> = [
    ['the included file types a global (same names)', '/p/state.jl', 'verbose::Bool = false\nlevel = 1\nrun(x) = x + shared\n'],
    ['the included file makes a global const', '/p/state.jl', 'verbose = false\nconst level = 1\nrun(x) = x + shared\n'],
    ['a sibling include assigns a global in a function', '/p/other.jl', 'shared = 2\nfunction bump()\n    global verbose = true\nend\n'],
    ['a sibling include defines a function of a global name', '/p/other.jl', 'shared = 2\nlevel() = 1\n'],
    ['the including file drops an include', '/p/main.jl', MAIN.replace('include("other.jl")\n', '')],
    ['the including file renames its module', '/p/main.jl', MAIN.replace('module App', 'module Application')],
    ['the script including the same file is edited', '/p/script.jl', SCRIPT.replace('println(verbose)', 'println(level)')],
    ['a global is added', '/p/state.jl', STATE + 'extra = 1\n'],
  ];

  for (const [what, path, text] of edits) {
    it(`after ${what}`, async () => {
      const backend = await getBackend();
      const p = await projectWith({ '/p/main.jl': MAIN, '/p/state.jl': STATE, '/p/other.jl': OTHER, '/p/script.jl': SCRIPT });
      const first = findings(p);
      expect(first).toBe(findings(fresh(p)));
      expect(JSON.parse(first).length).toBeGreaterThan(0);
      const before = projectTables(p);
      p.setFile(computeFileFacts(path, parseWith(backend, text)));
      expect(findings(p)).toBe(findings(fresh(p)));
      const after = projectTables(p);
      expect(after).not.toBe(before);
      // The contexts the edited file has no part in are shared with the earlier tables.
      const edited = p.files.get(path)!;
      const mine = new Set(edited.modules.map((m) => after.contextOf.get(m)));
      const contextsKept = !what.startsWith('the including file');
      if (contextsKept) for (const [key, table] of after.byContext) if (!mine.has(key)) expect(table).toBe(before.byContext.get(key));
    });
  }

  it('keeps the tables when nothing changed', async () => {
    const p = await projectWith({ '/p/main.jl': MAIN, '/p/state.jl': STATE });
    expect(projectTables(p)).toBe(projectTables(p));
  });
});
