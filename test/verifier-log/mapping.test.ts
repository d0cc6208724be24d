import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Finding } from '../../analysis/finding';
import { buildProject, Project } from '../../analysis/project';
import { parseVerifierLog } from '../../analysis/verifier-log';
import {
  isLibraryFrame,
  mapVerifierLog,
  VERIFIER_RULE_META,
  verifierLogFindings,
  VerifierLogMapping,
  WorkspacePaths,
} from '../../rules/verifier-log-findings';
import { RULES } from '../../rules/registry';

const FIXTURES = join(__dirname, 'fixtures');
const APP = join(FIXTURES, 'app');
const readLog = (name: string) => readFileSync(join(FIXTURES, 'logs', name), 'utf8');

function juliaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? juliaFiles(join(dir, e.name)) : e.name.endsWith('.jl') ? [join(dir, e.name)] : [],
  );
}

async function loadProject(dir: string): Promise<Project> {
  return buildProject(juliaFiles(dir).map((path) => ({ path, text: readFileSync(path, 'utf8') })));
}

const appTomls = () => [{ path: join(APP, 'Project.toml'), text: readFileSync(join(APP, 'Project.toml'), 'utf8') }];

/** `file:line CODE severity` with 1-based lines, relative to the fixture project. */
function keys(findings: Finding[], root = APP): string[] {
  return findings.map((f) => `${relative(root, f.path)}:${f.range.start.line + 1} ${f.code} ${f.severity}`);
}

function at(findings: Finding[], file: string, line: number, root = APP): Finding {
  const f = findings.find((x) => relative(root, x.path) === file && x.range.start.line === line - 1);
  if (!f) throw new Error(`no finding at ${file}:${line}; have ${keys(findings, root).join(', ')}`);
  return f;
}

describe('mapVerifierLog on a Julia 1.12 log from another machine', () => {
  let project: Project;
  let mapping: VerifierLogMapping;
  beforeAll(async () => {
    project = await loadProject(APP);
    mapping = mapVerifierLog(parseVerifierLog(readLog('julia-1.12.log')), { project, projectTomls: appTomls() });
  });

  it('puts each item on the innermost frame in the project, grouped by line', () => {
    expect(keys(mapping.findings)).toEqual([
      'Project.toml:8 TRIM901 error',
      'src/App.jl:4 TRIM901 error',
      'src/App.jl:13 TRIM901 error',
      'src/App.jl:19 TRIM901 error',
      'src/App.jl:22 TRIM906 error',
      'src/report.jl:3 TRIM901 error',
      'src/report.jl:9 TRIM901 warning',
    ]);
  });

  it('gives the chain from the entrypoint to the first library frame', () => {
    expect(at(mapping.findings, 'src/report.jl', 3).via).toEqual(['main', 'report', 'Base.println']);
    expect(at(mapping.findings, 'src/App.jl', 19).via).toEqual(['main', 'parse_commandline', 'ArgParse.parse_args']);
    expect(at(mapping.findings, 'src/report.jl', 9).via).toEqual(['main', 'report', 'summarize', 'Base.sum']);
    // The statement is on the user's own line: no library frame.
    expect(at(mapping.findings, 'src/App.jl', 13).via).toEqual(['main']);
  });

  it('lists the callers and the library frame as related information', () => {
    const f = at(mapping.findings, 'src/report.jl', 9);
    expect(f.related!.map((r) => `${relative(APP, r.path)}:${r.range.start.line + 1} ${r.message}`)).toEqual([
      'src/report.jl:5 calls summarize on the way to trim verifier warning #1',
      'src/App.jl:11 calls report on the way to trim verifier warning #1',
      'src/report.jl:9 calls Base.sum (Base reduce.jl:532), inside which the verifier found the call',
    ]);
  });

  it('counts the items grouped on one line and keeps the verifier text', () => {
    const println = at(mapping.findings, 'src/report.jl', 3);
    expect(println.message).toMatch(/^2 trim verifier errors trace back to this line \(#1, #2\): unresolved call from statement Base\.print\(Base\.stdout::IO, k::Any, " = ", v::Any, "\\n"\)::Nothing, inside Base\.println \(Base \.\/coreio\.jl:5\)/);
    const argparse = at(mapping.findings, 'src/App.jl', 19);
    expect(argparse.message).toContain('2 trim verifier errors trace back to this line (#4, #5)');
    expect(argparse.message).toContain('unresolved invoke from statement ArgParse.show_help');
  });

  it("says when trimsafe's own rule flags the same line", () => {
    expect(at(mapping.findings, 'src/report.jl', 3).message).toContain('Matches TRIM101: output without an explicit concrete IO');
    expect(at(mapping.findings, 'src/App.jl', 13).message).not.toContain('Matches');
  });

  it('fills every field of a finding, with the whole line as the range', () => {
    const f = at(mapping.findings, 'src/report.jl', 3);
    expect(f.path).toBe(join(APP, 'src', 'report.jl'));
    expect(f.range).toEqual({ start: { line: 2, character: 8 }, end: { line: 2, character: 28 } });
    expect(f.name).toBe('verifier-unresolved-call');
    expect(f.fixes).toEqual([]);
    expect(f.reachable).toBe(true);
    expect(f.tags).toEqual([]);
    for (const g of mapping.findings) {
      expect(g.code).toMatch(/^TRIM9\d\d$/);
      expect(g.path.startsWith('/')).toBe(true);
      expect(Object.keys(g).sort()).toEqual(['code', 'fixes', 'message', 'name', 'path', 'range', 'reachable', 'related', 'severity', 'tags', 'via'].sort());
    }
  });

  it('puts items from inside a dependency on the `using` line naming it', () => {
    const f = at(mapping.findings, 'src/App.jl', 4);
    expect(f.message).toContain('Trim verifier error #6 inside JSON3: unresolved call from statement JSON3.populate_cache!');
    expect(f.message).toContain('reached from JSON3.__init__');
    expect(f.via).toEqual(['JSON3.__init__', 'JSON3.warm_cache']);
    expect(f.range).toEqual({ start: { line: 3, character: 0 }, end: { line: 3, character: 17 } });
  });

  it('falls back to the Project.toml [deps] entry when no `using` names the dependency', () => {
    const f = at(mapping.findings, 'Project.toml', 8);
    expect(f.path).toBe(join(APP, 'Project.toml'));
    expect(f.message).toContain('inside Parsers');
    expect(f.range).toEqual({ start: { line: 7, character: 0 }, end: { line: 7, character: 48 } });
  });

  it('places a stackless @ccallable item on the function it names', () => {
    const f = at(mapping.findings, 'src/App.jl', 22);
    expect(f.code).toBe('TRIM906');
    expect(f.message).toBe('Trim verifier error #8: unresolved ccallable for Tuple{typeof(App.c_entry), Int32} => Int32');
  });

  it('never puts Base-only frames in the project, even where a path suffix matches', () => {
    expect(mapping.findings.filter((f) => /strings\/io\.jl$|coreio\.jl$/.test(f.path))).toEqual([]);
    expect(mapping.unplaced.map((u) => [u.package, u.items.map((i) => i.number)])).toEqual([['libblastrampoline_jll', [7]]]);
  });
});

describe('mapVerifierLog on a coloured log from a later build on Windows', () => {
  it('lands the same items on the same lines', async () => {
    const project = await loadProject(APP);
    const findings = verifierLogFindings(readLog('later-build-colour.log'), { project, projectTomls: appTomls() });
    expect(keys(findings)).toEqual(['src/App.jl:13 TRIM901 error', 'src/report.jl:3 TRIM901 error', 'src/report.jl:9 TRIM901 warning']);
    expect(at(findings, 'src/report.jl', 3).via).toEqual(['main', 'report', 'Base.println']);
    expect(at(findings, 'src/report.jl', 9).via).toEqual(['report', 'summarize', 'Base._empty_reduce_error']);
    expect(at(findings, 'src/App.jl', 13).message).toBe(
      'Trim verifier error #2: unresolved call from statement (f::Any)((Base.getindex(args, 1)::String)::String, extra::Any)::Any',
    );
  });
});

describe('path mapping', () => {
  it.each([
    ['./coreio.jl', 'Base', true],
    ['.\\coreio.jl', 'Base', true],
    ['strings/io.jl', 'Base', true],
    ['logging/logging.jl', null, true],
    ['Sockets/src/Sockets.jl', 'Sockets', true],
    ['none', 'Main', true],
    ['/opt/julia-1.12.1/share/julia/base/strings/io.jl', null, true],
    ['/home/me/.julia/juliaup/julia-1.12.1+0.x64.linux.gnu/share/julia/stdlib/v1.12/Sockets/src/Sockets.jl', 'Sockets', true],
    ['~/.julia/packages/ArgParse/mpp98/src/parsing.jl', 'ArgParse', true],
    ['C:\\Users\\ci\\.julia\\packages\\JuliaC\\EFQEY\\src\\scripts\\juliac-buildscript.jl', 'Main', true],
    ['/home/me/src/julia/base/strings/io.jl', 'Base', true],
    ['/home/me/src/julia/Compiler/src/verifytrim.jl', 'Compiler', true],
    ['/home/me/src/julia/contrib/juliac/juliac-buildscript.jl', 'Main', true],
    ['/home/me/app/src/App.jl', 'App', false],
    ['~/work/App/src/report.jl', 'App', false],
    ['C:\\Users\\ci\\src\\App\\src\\App.jl', 'App', false],
    ['~/.julia/dev/App/src/App.jl', 'App', false],
    ['/home/me/julia/myproject/src/App.jl', 'App', false],
  ])('%s (module %s) is a library frame: %s', (file, module, expected) => {
    expect(isLibraryFrame(file, module)).toBe(expected);
  });

  it('matches by the longest path suffix, and refuses a guess between two equal file names', async () => {
    const twin = join(FIXTURES, 'twin');
    const paths = new WorkspacePaths(juliaFiles(twin).map((path) => ({ path, text: readFileSync(path, 'utf8') })));
    expect(paths.resolve('/build/agent/twin/src/util.jl', 3)?.path).toBe(join(twin, 'src', 'util.jl'));
    expect(paths.resolve('D:\\a\\twin\\scripts\\util.jl', 3)?.path).toBe(join(twin, 'scripts', 'util.jl'));
    expect(paths.resolve('/elsewhere/util.jl', 3)).toBeNull();
    expect(paths.resolve('/build/agent/twin/src/Twin.jl', 6)?.path).toBe(join(twin, 'src', 'Twin.jl'));
    // A line the file does not have means the log is from other code.
    expect(paths.resolve('/build/agent/twin/src/Twin.jl', 400)).toBeNull();
  });

  it('keeps closures and nested calls in a script project on the right file', async () => {
    const twin = join(FIXTURES, 'twin');
    const project = await loadProject(twin);
    const log = [
      'Verifier error #1: unresolved call from statement Base.show(Core.stdout::Core.CoreSTDOUT, x::Any)::Any',
      'Stacktrace:',
      ' [1] (::Twin.var"#1#2")(x::Any)',
      '   @ Twin /Users/ci/build/twin/src/util.jl:3',
      ' [2] foreach(f::Twin.var"#1#2", itr::Vector{String})',
      '   @ Base ./abstractarray.jl:3188 [inlined]',
      ' [3] show_all(xs::Vector{String})',
      '   @ Twin /Users/ci/build/twin/src/util.jl:3 [inlined]',
      ' [4] main(args::Vector{String})',
      '   @ Twin /Users/ci/build/twin/src/Twin.jl:6',
      '',
    ].join('\n');
    const findings = verifierLogFindings(log, { project });
    expect(keys(findings, twin)).toEqual(['src/util.jl:3 TRIM901 error']);
    expect(findings[0].via).toEqual(['main', 'show_all', '(::Twin.var"#1#2")']);
    expect(findings[0].related!.map((r) => `${relative(twin, r.path)}:${r.range.start.line + 1}`)).toEqual(['src/Twin.jl:6']);
  });
});

describe('VERIFIER_RULE_META', () => {
  it('describes TRIM9xx codes in the shape of rule metadata, outside RULES', () => {
    const codes = VERIFIER_RULE_META.map((m) => m.code);
    expect(codes).toEqual(['TRIM901', 'TRIM902', 'TRIM903', 'TRIM904', 'TRIM905', 'TRIM906', 'TRIM907', 'TRIM909']);
    for (const m of VERIFIER_RULE_META) {
      expect(m.name).toMatch(/^verifier-[a-z-]+$/);
      expect(m.fixable).toBe('none');
      expect(m.docs.what.length).toBeGreaterThan(20);
      expect(m.docs.evidence.length).toBeGreaterThan(0);
    }
    expect(RULES.some((r) => r.meta.code.startsWith('TRIM9'))).toBe(false);
  });
});

describe('verifierLogFindings for the language server', () => {
  it('takes the project alone, as the editor passes it', async () => {
    const project = await loadProject(APP);
    const findings = verifierLogFindings(readLog('julia-1.12.log'), project);
    // Without Project.toml texts, the Parsers item has no line; the rest are placed as with them.
    expect(keys(findings)).toEqual([
      'src/App.jl:4 TRIM901 error',
      'src/App.jl:13 TRIM901 error',
      'src/App.jl:19 TRIM901 error',
      'src/App.jl:22 TRIM906 error',
      'src/report.jl:3 TRIM901 error',
      'src/report.jl:9 TRIM901 warning',
    ]);
  });
});
