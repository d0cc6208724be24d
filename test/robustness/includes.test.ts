// Includes that form cycles, reach outside the workspace, or chain very deep: the loader ends,
// says what it did, and never reads a file silently outside the root.

import { describe, expect, it } from 'vitest';
import { computeFileFacts } from '../../analysis/file-facts';
import { LoaderHost, loadProject } from '../../analysis/project-loader';
import { getBackend, parseWith } from '../../grammar-bindings';

async function load(files: Record<string, string>, roots: string[], rootDir: string) {
  const backend = await getBackend();
  const reads: string[] = [];
  const host: LoaderHost = {
    readFile: (p) => {
      reads.push(p);
      return files[p] ?? null;
    },
    fileExists: (p) => p in files,
    isDirectory: () => false,
  };
  const loaded = loadProject(roots, host, (path, text) => computeFileFacts(path, parseWith(backend, text)), { rootDir });
  return { ...loaded, reads };
}

describe('include loading', () => {
  it('ends on an include cycle and reports it', async () => {
    const { problems, project } = await load(
      { '/w/a.jl': 'include("b.jl")\n', '/w/b.jl': 'include("c.jl")\n', '/w/c.jl': 'include("a.jl")\ninclude("c.jl")\n' },
      ['/w/a.jl'],
      '/w',
    );
    expect([...project.files.keys()].sort()).toEqual(['/w/a.jl', '/w/b.jl', '/w/c.jl']);
    expect(problems.filter((p) => p.kind === 'include-cycle').length).toBeGreaterThanOrEqual(1);
  });

  it('says so when an include reaches outside the workspace root', async () => {
    const { problems, reads } = await load({ '/w/a.jl': 'include("../secret/x.jl")\ninclude("/etc/y.jl")\n', '/secret/x.jl': 'x = 1\n' }, ['/w/a.jl'], '/w');
    const outside = problems.filter((p) => p.kind === 'include-outside-root');
    expect(outside.map((p) => p.target ?? p.message).join('\n')).toMatch(/secret/);
    // Every read outside the root is one the user was told about.
    for (const r of reads.filter((p) => !p.startsWith('/w/'))) expect(outside.some((p) => p.message.includes(r) || p.target === r || p.message.includes('outside'))).toBe(true);
  });

  it('follows a 2,000-file include chain without overflowing the stack', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2_000; i++) files[`/w/f${i}.jl`] = i < 1_999 ? `include("f${i + 1}.jl")\n` : 'include("f0.jl")\n';
    const { project, problems } = await load(files, ['/w/f0.jl'], '/w');
    expect(project.files.size).toBe(2_000);
    expect(problems.some((p) => p.kind === 'include-cycle')).toBe(true);
  });
});
