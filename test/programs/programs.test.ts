// Whole programs under test/programs/<case>/: each is loaded through the project loader, checked
// with every rule and annotated with reachability. `# expect:` comments give the findings (for the
// codes they mention, plus TRIM101); `idioms-*` programs are trim-safe and must have no errors.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProgram, programExpectations, programKeys } from '../program-helpers';

const ROOT = __dirname;
const cases = readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory()).sort();

describe('program fixtures', () => {
  for (const name of cases) {
    const dir = join(ROOT, name);
    it(name, async () => {
      const { findings } = await checkProgram(dir);
      const expected = programExpectations(dir);
      const codes = new Set(['TRIM101', ...expected.map((k) => k.split(':')[2])]);
      expect(programKeys(dir, findings.filter((f) => codes.has(f.code)))).toEqual(expected);
      if (name.startsWith('idioms-')) expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.path}:${f.range.start.line + 1} ${f.code} ${f.message}`)).toEqual([]);
    });
  }
});

describe('program details', () => {
  it('reports a hazard in an included file with the chain from @main', async () => {
    const dir = join(ROOT, 'cli-package');
    const { findings, rootFiles, problems } = await checkProgram(dir);
    expect(rootFiles).toEqual([join(dir, 'src', 'Reporter.jl')]);
    expect(problems).toEqual([]);
    const emit = findings.find((f) => f.path.endsWith('report.jl'))!;
    expect(emit.reachable).toBe(true);
    expect(emit.via).toEqual(['main', 'run_report', 'emit']);
    const legacy = findings.find((f) => f.path.endsWith('legacy.jl'))!;
    expect(legacy.reachable).toBe(false);
    expect(legacy.via).toBeNull();
    expect(legacy.tags).toContain('unreachable');
  });

  it('keeps full severity in library mode and can be forced either way', async () => {
    const lib = join(ROOT, 'library');
    const asLibrary = await checkProgram(lib);
    expect(asLibrary.findings.every((f) => f.reachable === true && f.severity === 'error')).toBe(true);
    const forced = await checkProgram(lib, { mode: 'entrypoints', entrypoints: ['Shapes.describe'] });
    expect(programKeys(lib, forced.findings.filter((f) => f.code === 'TRIM101'))).toEqual([
      'src/Shapes.jl:8:TRIM101:error',
      'src/geometry.jl:8:TRIM101:hint',
    ]);
    expect(forced.findings.find((f) => f.severity === 'error')!.via).toEqual(['Shapes.describe']);
    const cli = join(ROOT, 'cli-package');
    const forcedLibrary = await checkProgram(cli, { mode: 'library' });
    expect(forcedLibrary.findings.filter((f) => f.code === 'TRIM101').every((f) => f.severity === 'error')).toBe(true);
  });

  it('reports stdout passed into a helper at the passing call, with the chain to the print', async () => {
    const dir = join(ROOT, 'stdout-helper');
    const { findings } = await checkProgram(dir);
    const passing = findings.find((f) => f.range.start.line === 11)!;
    expect(passing.message).toContain('write_rows');
    expect(passing.message).toContain('println(io');
    expect(passing.related?.[0].range.start.line).toBe(2);
    const indirect = findings.find((f) => f.range.start.line === 12)!;
    expect(indirect.message).toContain('write_summary');
    expect(indirect.message).toContain('write_rows');
  });

  it('reports an include cycle and a missing include once each', async () => {
    const dir = join(ROOT, 'include-problems');
    const { problems, project } = await checkProgram(dir, { roots: ['main.jl'] });
    const kinds = problems.map((p) => `${p.kind}@${p.path.slice(dir.length + 1)}:${(p.range?.start.line ?? -1) + 1}`).sort();
    expect(kinds).toEqual(['include-cycle@b.jl:1', 'missing-include@main.jl:2']);
    expect(problems.find((p) => p.kind === 'include-cycle')!.message).toMatch(/a\.jl -> b\.jl -> a\.jl/);
    expect(project.files.size).toBe(3);
  });

  it('roots __init__, ccallables and entrypoint(...) calls', async () => {
    const dir = join(ROOT, 'roots');
    const { findings } = await checkProgram(dir);
    const byLine = new Map(findings.map((f) => [f.range.start.line + 1, f]));
    expect(byLine.get(6)!.via).toEqual(['__init__']);
    expect(byLine.get(16)!.via).toEqual(['scale']);
    expect(byLine.get(21)!.via).toEqual(['add_one', 'log_call']);
    expect(byLine.get(25)!.via).toEqual(['task_body']);
    expect(byLine.get(31)!.reachable).toBe(false);
  });

  it('follows submodules, exports and relative imports', async () => {
    const dir = join(ROOT, 'submodules');
    const { findings } = await checkProgram(dir);
    const shout = findings.find((f) => f.range.start.line === 4)!;
    expect(shout.via).toEqual(['main', 'Core2.run', 'Util.shout']);
  });
});
