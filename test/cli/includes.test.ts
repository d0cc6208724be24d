import { describe, expect, it } from 'vitest';
import { cli, makeTree } from './cli-helpers';
import { join } from 'node:path';

describe('--check follows includes', () => {
  const app = 'module App\ninclude("helpers.jl")\ninclude(joinpath(@__DIR__, "missing.jl"))\nfunction (@main)(args)\n    greet("x")\n    return 0\nend\nend\n';
  const helpers = 'function greet(name)\n    println("hello ", name)\nend\n';

  it('reports hazards in an included file that was not named, with the chain, and a missing include once', async () => {
    const dir = makeTree({ 'src/App.jl': app, 'src/helpers.jl': helpers });
    const r = await cli(dir, '--check', '--format', 'json', 'src/App.jl');
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: { path: string; line: number; code: string; via: string[] }) => [f.path, f.line, f.code, f.via])).toEqual([
      ['src/helpers.jl', 2, 'TRIM101', ['main', 'greet']],
    ]);
    expect(doc.summary.skipped).toEqual([{ path: 'src/App.jl', message: expect.stringMatching(/^line 3: .*missing\.jl/) }]);
    expect(r.code).toBe(1);
  });

  it('fixes the included file too', async () => {
    const dir = makeTree({ 'src/App.jl': app.replace(/include\(joinpath[^\n]*\n/, ''), 'src/helpers.jl': helpers });
    const r = await cli(dir, '--check', '--fix', 'src/App.jl');
    expect(r.code).toBe(0);
  });
});

describe('build-time calls', () => {
  it('a function called only to initialise a const is not reachable at run time', async () => {
    const src = 'function make_table(n::Int)\n    println("building")\n    return n\nend\nconst TABLE = make_table(5)\nhandle(x) = println(x)\nconst HANDLERS = Dict("a" => handle)\nfunction (@main)(args)\n    HANDLERS["a"](TABLE)\n    return 0\nend\n';
    const dir = makeTree({ 'a.jl': src });
    const doc = JSON.parse((await cli(dir, '--check', '--format', 'json', '--select', 'TRIM101', 'a.jl')).stdout);
    expect(doc.findings.map((f: { line: number; severity: string }) => `${f.line}:${f.severity}`)).toEqual(['2:hint', '6:error']);
  });
});

describe('whole directories of unrelated files', () => {
  it('checks many files defining the same names as one project without an internal error', async () => {
    const root = join(__dirname, '..', 'corpus', 'hazards');
    const r = await cli(root, '--check', '--format', 'json', 'H12-runtime-type', 'H14-collection-splat', 'H01-print');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(10);
  });
});
