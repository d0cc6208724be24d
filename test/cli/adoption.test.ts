import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { cli, CLEAN, HAZARD, makeTree } from './cli-helpers';

const main = (body: string) => `function (@main)(args)\n${body}    return 0\nend\n`;
const TWO = main('    println("a")\n    @info "b"\n    println("c")\n');

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const json = async (dir: string, ...args: string[]) => {
  const r = await cli(dir, '--check', '--format', 'json', ...args);
  return { ...r, doc: JSON.parse(r.stdout) };
};

describe('reporting options', () => {
  it('--statistics counts findings per rule, most frequent first', async () => {
    const dir = makeTree({ 'a.jl': TWO });
    const r = await cli(dir, '--check', '--statistics', 'a.jl');
    expect(r.code).toBe(1);
    const tail = r.stdout.trimEnd().split('\n').slice(-2);
    expect(tail[0]).toMatch(/^\s+2 {2}TRIM101 {2}print-without-io {2}\(2 fixable\)$/);
    expect(tail[1]).toMatch(/^\s+1 {2}TRIM103 {2}logging-macro/);
  });

  it('--quiet prints one line per finding and nothing else', async () => {
    const dir = makeTree({ 'a.jl': TWO, 'clean.jl': CLEAN });
    const r = await cli(dir, '--check', '--quiet', 'a.jl');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => /^a\.jl:\d+:\d+: (error|warning)\[TRIM10[13]\] /.test(l))).toBe(true);
    expect((await cli(dir, '--check', '-q', 'clean.jl')).stdout.trim()).toBe('');
  });

  it('--output-file writes any format to a path relative to the working directory', async () => {
    const dir = makeTree({ 'a.jl': HAZARD, 'out/.keep': '' });
    const r = await cli(dir, '--check', '--output-file', 'out/report.txt', 'a.jl');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    expect(read(dir, 'out/report.txt')).toContain('a.jl:2:5: error[TRIM101]');
    await cli(dir, '--check', '--format=sarif', '-o', 'out/report.sarif', 'a.jl');
    expect(JSON.parse(read(dir, 'out/report.sarif')).runs[0].results).toHaveLength(1);
  });

  it('--help lists every adoption option', async () => {
    const { stdout } = await cli(makeTree({}), '--help');
    for (const flag of ['--baseline PATH', '--update-baseline', '--add-ignore', 'trimsafe init', '--force', 'gitlab', '--statistics', '--quiet', '--output-file', '--force-exclude']) {
      expect(stdout).toContain(flag);
    }
  });
});

describe('--format gitlab', () => {
  it('prints the code quality fields GitLab reads', async () => {
    const dir = makeTree({ 'src/a.jl': TWO });
    const r = await cli(dir, '--check', '--format', 'gitlab', 'src');
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout);
    expect(issues).toHaveLength(3);
    expect(issues[0]).toEqual({
      type: 'issue',
      description: expect.stringMatching(/^TRIM101 print-without-io: `println` without an IO argument/),
      check_name: 'TRIM101',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      severity: 'critical',
      location: { path: 'src/a.jl', lines: { begin: 2 } },
    });
    expect(issues[1]).toMatchObject({ check_name: 'TRIM103', severity: 'major', location: { lines: { begin: 3 } } });
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(3);
  });

  it('keeps fingerprints when lines move, and tells identical lines apart', async () => {
    const src = main('    println("a")\n    println("a")\n');
    const dir = makeTree({ 'a.jl': src });
    const before = JSON.parse((await cli(dir, '--check', '--format', 'gitlab')).stdout);
    expect(before[0].fingerprint).not.toBe(before[1].fingerprint);
    writeFileSync(join(dir, 'a.jl'), '# a comment\n\nconst N = 1\n' + src.replace('    println', '  println'));
    const after = JSON.parse((await cli(dir, '--check', '--format', 'gitlab')).stdout);
    expect(after.map((i: { location: { lines: { begin: number } } }) => i.location.lines.begin)).toEqual([5, 6]);
    expect(after.map((i: { fingerprint: string }) => i.fingerprint)).toEqual(before.map((i: { fingerprint: string }) => i.fingerprint));
  });

  it('prints an empty list when there is nothing to report', async () => {
    const r = await cli(makeTree({ 'a.jl': CLEAN }), '--check', '--format', 'gitlab');
    expect([r.code, JSON.parse(r.stdout)]).toEqual([0, []]);
  });
});

describe('baseline', () => {
  it('--update-baseline records every finding; --baseline then hides them', async () => {
    const dir = makeTree({ 'src/a.jl': TWO, 'src/b.jl': HAZARD });
    const up = await cli(dir, '--check', '--update-baseline');
    expect(up.stderr).toContain('wrote 4 findings to .trimsafe-baseline.json');
    expect(up.code).toBe(0);
    const doc = JSON.parse(read(dir, '.trimsafe-baseline.json'));
    expect(doc.version).toBe(1);
    expect(doc.findings[0]).toEqual({ code: 'TRIM101', path: 'src/a.jl', text: 'println("a")', occurrence: 0 });
    expect(doc.findings).toHaveLength(4);

    const r = await cli(dir, '--check', '--baseline', '.trimsafe-baseline.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('All checks passed (2 files checked).\nBaseline .trimsafe-baseline.json: 4 known findings hidden.\n');
  });

  it('survives edits that shift lines and reports only new findings', async () => {
    const dir = makeTree({ 'a.jl': TWO });
    const nowhere = await cli(dir, '--check', '--update-baseline', '--baseline', 'tools/baseline.json');
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/baseline error: .*tools\/baseline\.json: cannot write \(ENOENT\)/);
    expect(existsSync(join(dir, 'tools'))).toBe(false);
    await cli(dir, '--check', '--update-baseline');
    writeFileSync(join(dir, 'a.jl'), '# header\n\n' + TWO.replace('    println("c")\n', '\t  println("c")   \n    println("new")\n'));
    const r = await json(dir, '--baseline', '.trimsafe-baseline.json');
    expect(r.code).toBe(1);
    expect(r.doc.findings.map((f: { line: number; code: string }) => `${f.line}:${f.code}`)).toEqual(['7:TRIM101']);
    expect(r.doc.summary.baseline).toEqual({ path: '.trimsafe-baseline.json', suppressed: 3, stale: [] });
  });

  it('counts identical lines by occurrence', async () => {
    const dir = makeTree({ 'a.jl': main('    println("x")\n') });
    await cli(dir, '--check', '--update-baseline');
    writeFileSync(join(dir, 'a.jl'), main('    println("x")\n    println("x")\n'));
    const r = await json(dir, '--baseline', '.trimsafe-baseline.json');
    expect(r.doc.findings.map((f: { line: number }) => f.line)).toEqual([3]);
  });

  it('reports entries that no longer match so the baseline can shrink', async () => {
    const dir = makeTree({ 'a.jl': TWO, 'gone.jl': HAZARD });
    await cli(dir, '--check', '--update-baseline');
    writeFileSync(join(dir, 'a.jl'), TWO.replace('println("a")', 'println(Core.stdout, "a")'));
    writeFileSync(join(dir, 'gone.jl'), CLEAN);
    const text = await cli(dir, '--check', '--baseline', '.trimsafe-baseline.json');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Baseline .trimsafe-baseline.json: 2 known findings hidden; 2 entries no longer match (run --update-baseline to drop them).');
    const r = await json(dir, '--baseline', '.trimsafe-baseline.json');
    expect(r.doc.summary.baseline.stale).toEqual([
      { code: 'TRIM101', path: 'a.jl', text: 'println("a")', occurrence: 0 },
      { code: 'TRIM101', path: 'gone.jl', text: 'println("hello")', occurrence: 0 },
    ]);
    await cli(dir, '--check', '--update-baseline');
    expect(JSON.parse(read(dir, '.trimsafe-baseline.json')).findings).toHaveLength(2);
  });

  it('keeps entries of files not checked in this run, and paths are relative to the baseline', async () => {
    const dir = makeTree({ 'pkg/src/a.jl': HAZARD, 'pkg/src/b.jl': HAZARD });
    await cli(join(dir, 'pkg'), '--check', '--update-baseline', '--baseline', 'base.json');
    const sub = await cli(join(dir, 'pkg', 'src'), '--check', '--baseline', '../base.json', 'a.jl');
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('1 known finding hidden.');
    await cli(join(dir, 'pkg'), '--check', '--update-baseline', '--baseline', 'base.json', 'src/a.jl');
    expect(JSON.parse(read(dir, 'pkg/base.json')).findings.map((e: { path: string }) => e.path)).toEqual(['src/a.jl', 'src/b.jl']);
  });

  it('--fix and --diff leave the findings the baseline records alone', async () => {
    const dir = makeTree({ 'a.jl': main('    println("old")\n') });
    await cli(dir, '--check', '--update-baseline');
    writeFileSync(join(dir, 'a.jl'), main('    println("old")\n    println("new")\n'));
    const diff = await cli(dir, '--check', '--diff', '--baseline', '.trimsafe-baseline.json');
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('+    println(Core.stdout, "new")');
    expect(diff.stdout).not.toContain('Core.stdout, "old"');
    const fixed = await cli(dir, '--check', '--fix', '--baseline', '.trimsafe-baseline.json');
    expect(fixed.code).toBe(0);
    expect(read(dir, 'a.jl')).toBe(main('    println("old")\n    println(Core.stdout, "new")\n'));
    const broken = await cli(dir, '--check', '--diff', '--baseline', 'nope.json');
    expect([broken.code, broken.stdout]).toEqual([2, '']);
    expect(broken.stderr).toMatch(/baseline error: .*nope\.json: no such file/);
  });

  it('rejects a missing or malformed baseline with exit 2 and a clear message', async () => {
    const dir = makeTree({ 'a.jl': HAZARD, 'bad.json': '{"findings": [', 'wrong.json': '[1, 2]', 'entry.json': '{"version": 1, "findings": [{"code": 1}]}' });
    const missing = await cli(dir, '--check', '--baseline', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/baseline error: .*nope\.json: no such file \(create it with --update-baseline\)/);
    const bad = await cli(dir, '--check', '--baseline', 'bad.json');
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toMatch(/baseline error: .*bad\.json: not valid JSON/);
    expect((await cli(dir, '--check', '--baseline', 'wrong.json')).stderr).toMatch(/wrong\.json: not a trimsafe baseline/);
    expect((await cli(dir, '--check', '--baseline', 'entry.json')).stderr).toMatch(/entry\.json: entry 1 of "findings" needs/);
  });
});

describe('--add-ignore', () => {
  it('adds a trailing suppression with a reason placeholder, merging codes on one line', async () => {
    const dir = makeTree({ 'a.jl': main('    println("a"); @info "b"\n    @info "c"\n') });
    const r = await cli(dir, '--check', '--add-ignore', 'a.jl');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('added 2 suppression comments to 1 file');
    expect(r.stdout).toBe('All checks passed (1 file checked).\n');
    expect(read(dir, 'a.jl')).toBe(
      main('    println("a"); @info "b"  # trimsafe: ignore[TRIM101, TRIM103] -- TODO: reason\n    @info "c"  # trimsafe: ignore[TRIM103] -- TODO: reason\n'),
    );
  });

  it('is idempotent', async () => {
    const dir = makeTree({ 'a.jl': TWO });
    await cli(dir, '--check', '--add-ignore');
    const once = read(dir, 'a.jl');
    const again = await cli(dir, '--check', '--add-ignore');
    expect(again.stderr).toContain('added 0 suppression comments to 0 files');
    expect(read(dir, 'a.jl')).toBe(once);
  });

  it('extends an existing trimsafe comment and keeps its reason', async () => {
    const dir = makeTree({ 'a.jl': main('    println("a"); @info "b"  # trimsafe: ignore[TRIM101] -- prints at start-up only\n') });
    await cli(dir, '--check', '--add-ignore', 'a.jl');
    expect(read(dir, 'a.jl')).toBe(main('    println("a"); @info "b"  # trimsafe: ignore[TRIM101, TRIM103] -- prints at start-up only\n'));
  });

  it('puts the comment on the line before when the line ends inside a multi-line string or in another comment', async () => {
    const dir = makeTree({ 'a.jl': main('    println("""\n        hello\n        """)\n    println("x")  # say x\n') });
    await cli(dir, '--check', '--add-ignore', 'a.jl');
    expect(read(dir, 'a.jl')).toBe(
      main(
        '    # trimsafe: ignore[TRIM101] -- TODO: reason\n    println("""\n        hello\n        """)\n    # trimsafe: ignore[TRIM101] -- TODO: reason\n    println("x")  # say x\n',
      ),
    );
    expect((await cli(dir, '--check', 'a.jl')).code).toBe(0);
  });

  it('leaves a finding on a line inside a multi-line string reported, and says why', async () => {
    const dir = makeTree({ 'a.jl': main('    s = """\n        $(println("x"))\n        """\n') });
    const r = await cli(dir, '--check', '--add-ignore', 'a.jl');
    expect(r.stderr).toContain('1 finding starts on a line inside a multi-line string');
    expect(r.code).toBe(1);
    expect(read(dir, 'a.jl')).toBe(main('    s = """\n        $(println("x"))\n        """\n'));
  });

  it('skips hints and info, and keeps CRLF line endings and the byte-order mark', async () => {
    const dir = makeTree({
      '.trimsafe.toml': '[rules]\nTRIM103 = "hint"\n',
      'a.jl': Buffer.from('\ufeff' + main('    @info "b"\n    println("a")\n').replace(/\n/g, '\r\n'), 'utf8'),
    });
    await cli(dir, '--check', '--add-ignore', 'a.jl');
    expect(readFileSync(join(dir, 'a.jl'), 'utf8')).toBe('\ufeff' + main('    @info "b"\n    println("a")  # trimsafe: ignore[TRIM101] -- TODO: reason\n').replace(/\n/g, '\r\n'));
  });

  it('never answers an unused suppression with another suppression', async () => {
    const src = main('    println(Core.stdout, "a")  # trimsafe: ignore[TRIM101]\n');
    const dir = makeTree({ '.trimsafe.toml': '[rules]\nTRIM001 = "error"\n', 'a.jl': src });
    const r = await cli(dir, '--check', '--add-ignore', 'a.jl');
    expect(r.stderr).toContain('added 0 suppression comments to 0 files');
    expect(r.code).toBe(1);
    expect(read(dir, 'a.jl')).toBe(src);
  });

  it('applies after the baseline, and refuses to combine with --fix', async () => {
    const dir = makeTree({ 'a.jl': main('    println("a")\n') });
    await cli(dir, '--check', '--update-baseline');
    writeFileSync(join(dir, 'a.jl'), main('    println("a")\n    @info "new"\n'));
    await cli(dir, '--check', '--add-ignore', '--baseline', '.trimsafe-baseline.json');
    expect(read(dir, 'a.jl')).toBe(main('    println("a")\n    @info "new"  # trimsafe: ignore[TRIM103] -- TODO: reason\n'));
    const r = await cli(dir, '--check', '--add-ignore', '--fix');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--add-ignore cannot be combined with --fix');
  });
});

describe('trimsafe init', () => {
  const project = {
    'Project.toml': 'name = "WordCount"\nuuid = "00000000-0000-0000-0000-000000000001"\n\n[compat]\njulia = "1.13"\n',
    'src/WordCount.jl': 'module WordCount\nfunction (@main)(args)\n    println(Core.stdout, "hi")\n    return 0\nend\nBase.@ccallable function wc_count()::Cint\n    return Cint(0)\nend\nend\n',
    'docs/build/gen.jl': 'function (@main)(args)\n    return 0\nend\n',
  };

  it('writes a commented starter config that trimsafe reads back', async () => {
    const dir = makeTree(project);
    const r = await cli(dir, 'init');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Wrote .trimsafe.toml (package WordCount, julia 1.13, 2 entrypoints found). Next: trimsafe --check\n');
    const text = read(dir, '.trimsafe.toml');
    expect(text).toContain('julia = "1.13"');
    expect(text).toContain('#   src/WordCount.jl:2  @main');
    expect(text).toContain('#   src/WordCount.jl:6  Base.@ccallable wc_count');
    expect(text).not.toContain('docs/build/gen.jl');
    expect(text).toContain('exclude = ["docs/build", "deps/build", "deps/usr", ".CondaPkg"]');
    const config = parseConfig(text, join(dir, '.trimsafe.toml'));
    expect(config.julia).toBe('1.13');
    expect(config.entrypoints).toEqual([]);
    expect((await cli(dir, '--check')).code).toBe(0);
  });

  it('refuses to overwrite an existing file unless --force', async () => {
    const dir = makeTree({ ...project, '.trimsafe.toml': 'fail-on = "none"\n' });
    const r = await cli(dir, 'init');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.trimsafe\.toml already exists; not overwritten \(use --force to replace it\)/);
    expect(read(dir, '.trimsafe.toml')).toBe('fail-on = "none"\n');
    expect((await cli(dir, 'init', '--force')).code).toBe(0);
    expect(read(dir, '.trimsafe.toml')).toContain('# trimsafe configuration for WordCount');
  });

  it('works without a Project.toml, in a named directory', async () => {
    const dir = makeTree({ 'app/main.jl': HAZARD });
    const r = await cli(dir, 'init', 'app');
    expect(r.stdout).toBe('Wrote app/.trimsafe.toml (julia 1.12, 1 entrypoint found). Next: trimsafe --check\n');
    expect(read(dir, 'app/.trimsafe.toml')).toContain('# entrypoints = ["MyPackage.run"]');
    expect((await cli(dir, 'init', 'missing')).code).toBe(2);
    expect((await cli(dir, '--check', '--force')).code).toBe(2);
  });
});
