// Rules whose truth differs by Julia version, run on chosen snippets with each `juliaVersion`.
// The fixture harness runs with the default options (1.12); this covers 1.13 and nightly.

import { describe, expect, it } from 'vitest';
import { JuliaVersion } from '../rules/rule';
import { taskSpawn } from '../rules/task-spawn';
import { mainShape } from '../rules/main-shape';
import { packageCompat, projectTomlFindings } from '../rules/package-compat';
import { checkSnippet, checkSources, findingKeys } from './helpers';

const VERSIONS: JuliaVersion[] = ['1.12', '1.13', 'nightly'];
const opts = (juliaVersion: JuliaVersion) => ({ juliaVersion });

const TASKS = `work() = println(Core.stdout, 1)
struct Job end
(j::Job)() = work()
function run(t::Task)
    a = Threads.@spawn work()
    Threads.@threads for i in 1:4
        work()
    end
    b = Task(() -> work())
    c = Task(work)
    d = Task(Job())
    ch = Channel{Int}(4) do ch
        put!(ch, 1)
    end
    schedule(t)
    return a, b, c, d, ch
end
function (@main)(args)
    run(Task(work))
    return 0
end
`;

describe('rules by Julia version', () => {
  it('task-spawn: every task is a runtime-risk warning on 1.12', async () => {
    const f = await checkSnippet(TASKS, [taskSpawn], opts('1.12'));
    expect(findingKeys(f)).toEqual(['10:TRIM501:warning', '11:TRIM501:warning', '12:TRIM501:warning', '15:TRIM501:warning', '19:TRIM501:warning', '5:TRIM501:warning', '6:TRIM501:warning', '9:TRIM501:warning']);
    expect(f.every((x) => x.tags.includes('runtime-risk'))).toBe(true);
  });

  for (const v of ['1.13', 'nightly'] as const) {
    it(`task-spawn: closures are infos on ${v}, Task(named) stays a warning`, async () => {
      const f = await checkSnippet(TASKS, [taskSpawn], opts(v));
      expect(findingKeys(f)).toEqual(['10:TRIM501:warning', '11:TRIM501:warning', '12:TRIM501:info', '15:TRIM501:info', '19:TRIM501:warning', '5:TRIM501:info', '6:TRIM501:info', '9:TRIM501:info']);
      expect(f.find((x) => x.range.start.line === 9)!.message).toContain(`Julia ${v} roots task closures`);
      // Rooted closures are expected to work: only the warnings keep the runtime-risk tag.
      expect(f.filter((x) => x.tags.includes('runtime-risk')).map((x) => x.severity)).toEqual(['warning', 'warning', 'warning']);
      expect(f.filter((x) => x.severity === 'info').every((x) => x.tags.length === 0)).toBe(true);
    });
  }

  const SCRIPT = 'module App\nfunction (@main)(args)\n    return 0\nend\nend\n';
  it('main-shape: a script @main in a submodule is flagged on 1.12 only', async () => {
    for (const v of VERSIONS) {
      const f = await checkSnippet(SCRIPT, [mainShape], opts(v));
      expect(findingKeys(f)).toEqual(v === '1.12' ? ['2:TRIM701:error'] : []);
    }
  });

  it('main-shape: a package entry file src/App.jl is not a script', async () => {
    const f = await checkSources([{ path: '/pkg/App/src/App.jl', text: SCRIPT }], [mainShape], opts('1.12'));
    expect(f).toEqual([]);
  });

  it('package-compat: LinearAlgebra is an info on 1.13 and nightly only', async () => {
    for (const v of VERSIONS) {
      const f = await checkSnippet('using LinearAlgebra\nnorm2(v) = norm(v)\n', [packageCompat], opts(v));
      expect(findingKeys(f)).toEqual(v === '1.12' ? [] : ['1:TRIM703:info']);
    }
  });

  it('package-compat: Project.toml [deps] findings sit on the dependency line', () => {
    const toml = [
      'name = "Tool"',
      'uuid = "00000000-0000-0000-0000-000000000001"',
      '',
      '[deps]',
      'ArgParse = "c7e460c6-2fb9-53a9-8c5b-16f535851c63"',
      'JSON = "682c06a0-de6a-54ab-a142-c8b1cf79cde6"',
      'LinearAlgebra = "37e2e46d-f89d-539d-b4ee-838fcccc9c8e"',
      '',
      '[compat]',
      'ArgParse = "1"',
      '',
    ].join('\n');
    const f = projectTomlFindings('/p/Project.toml', toml);
    expect(f.map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.character}:${x.severity}`)).toEqual(['4:0-8:warning']);
    expect(projectTomlFindings('/p/Project.toml', toml, '1.13').map((x) => `${x.range.start.line}:${x.severity}`)).toEqual(['4:warning', '6:info']);
    expect(projectTomlFindings('/p/Project.toml', 'not = [valid')).toEqual([]);
  });
});
