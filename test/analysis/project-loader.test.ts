import { describe, expect, it } from 'vitest';
import { completeProject, packageNameOf } from '../../analysis/project-loader';
import { computeFileFacts } from '../../analysis/file-facts';
import { Project } from '../../analysis/project';
import { getBackend, parseWith } from '../../grammar-bindings';
import { loadWith, memoryHost } from '../program-helpers';

describe('project loader', () => {
  it('loads a package entry file and the files it includes, in their module', async () => {
    const files = {
      '/pkg/Project.toml': 'name = "Demo"\nuuid = "x"\n\n[deps]\nname = "not this"\n',
      '/pkg/src/Demo.jl': 'module Demo\ninclude("a.jl")\nmodule Inner\ninclude(joinpath(@__DIR__, "sub", "b.jl"))\nend\nend\n',
      '/pkg/src/a.jl': 'fa() = 1\n',
      '/pkg/src/sub/b.jl': 'include("c.jl")\nfb() = 2\n',
      '/pkg/src/sub/c.jl': 'fc() = 3\n',
    };
    const { project, problems, rootFiles, packages } = await loadWith(['/pkg'], memoryHost(files));
    expect(problems).toEqual([]);
    expect(rootFiles).toEqual(['/pkg/src/Demo.jl']);
    expect(packages.map((p) => p.name)).toEqual(['Demo']);
    expect([...project.files.keys()].sort()).toEqual(['/pkg/src/Demo.jl', '/pkg/src/a.jl', '/pkg/src/sub/b.jl', '/pkg/src/sub/c.jl']);
    const view = project.view();
    const where = (name: string) => view.moduleOf(project.allFunctions().find((f) => f.name === name)!.module).qualifiedName;
    expect([where('fa'), where('fb'), where('fc')]).toEqual(['Demo', 'Demo.Inner', 'Demo.Inner']);
  });

  it('pulls in included files that were not given and links given ones', async () => {
    const files = { '/w/main.jl': 'module App\ninclude("lib.jl")\nend\n', '/w/lib.jl': 'include("more.jl")\nf() = 1\n', '/w/more.jl': 'g() = 2\n' };
    const { project, rootFiles } = await loadWith(['/w/main.jl', '/w/lib.jl'], memoryHost(files));
    expect(project.files.size).toBe(3);
    expect(rootFiles).toEqual(['/w/main.jl', '/w/lib.jl']);
    const g = project.allFunctions().find((f) => f.name === 'g')!;
    expect(project.view().moduleOf(g.module).qualifiedName).toBe('App');
  });

  it('reports missing includes, cycles, unreadable files and packages without an entry file once', async () => {
    const files = {
      '/w/main.jl': 'include("a.jl")\ninclude("gone.jl")\ninclude("gone.jl")\ninclude(name)\n',
      '/w/a.jl': 'include("main.jl")\n',
      '/bad/Project.toml': 'uuid = "x"\n',
    };
    const { problems } = await loadWith(['/w/main.jl', '/bad', '/w/nowhere.jl'], memoryHost(files));
    expect(problems.map((p) => `${p.kind}:${p.path}:${p.range ? p.range.start.line + 1 : '-'}`).sort()).toEqual([
      'computed-include:/w/main.jl:4',
      'include-cycle:/w/a.jl:1',
      'missing-include:/w/main.jl:2',
      'package-without-entry-file:/bad/Project.toml:-',
      'unreadable-file:/w/nowhere.jl:-',
    ]);
  });

  it('reports includes outside the package folder', async () => {
    const files = { '/pkg/Project.toml': 'name = "P"\n', '/pkg/src/P.jl': 'module P\ninclude("../../shared/x.jl")\nend\n', '/shared/x.jl': 'x() = 1\n' };
    const { problems, project } = await loadWith(['/pkg'], memoryHost(files));
    expect(problems.map((p) => p.kind)).toEqual(['include-outside-root']);
    expect(project.files.has('/shared/x.jl')).toBe(true);
  });

  it('completes a project built elsewhere with the files it includes', async () => {
    const backend = await getBackend();
    const parse = (path: string, text: string) => computeFileFacts(path, parseWith(backend, text));
    const files = { '/w/main.jl': 'include("lib.jl")\ninclude("nope.jl")\n', '/w/lib.jl': 'f() = 1\n' };
    const project = new Project();
    project.setFile(parse('/w/main.jl', files['/w/main.jl']));
    const problems = completeProject(project, memoryHost(files), parse);
    expect([...project.files.keys()].sort()).toEqual(['/w/lib.jl', '/w/main.jl']);
    expect(problems.map((p) => p.kind)).toEqual(['missing-include']);
  });

  it('reads the package name from the top table of Project.toml', () => {
    expect(packageNameOf('name = "A"\n[deps]\nname = "B"\n')).toBe('A');
    expect(packageNameOf('[deps]\nname = "B"\n')).toBeNull();
  });
});
