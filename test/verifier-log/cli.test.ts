import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVerifierLog } from '../../server/verifier-log-command';
import { cli, makeTree } from '../cli/cli-helpers';

const FIXTURES = join(__dirname, 'fixtures');
const APP = join(FIXTURES, 'app');
const LOG_112 = join(FIXTURES, 'logs', 'julia-1.12.log');

const SCRIPT = ['function (@main)(args)', '    x = Base.inferencebarrier(1)', '    println(Core.stdout, x + x)', '    return 0', 'end', ''].join('\n');
const SCRIPT_LOG = [
  'Verifier error #1: unresolved call from statement (x::Any + x::Any)::Any',
  'Stacktrace:',
  ' [1] main(args::Vector{String})',
  '   @ Main /home/runner/work/tool/main.jl:3',
  ' [2] _main(argc::Int32, argv::Ptr{Ptr{Int8}})',
  '   @ Main ~/.julia/packages/JuliaC/EFQEY/src/scripts/juliac-buildscript.jl:77',
  '',
  'Trim verify finished with 1 error, 0 warnings.',
  '',
].join('\n');

describe('trimsafe --verifier-log', () => {
  it('prints the verifier items on the project lines with the text formatter', async () => {
    const { code, stdout } = await cli(APP, '--verifier-log', LOG_112, '.');
    expect(code).toBe(1);
    expect(stdout).toContain('src/report.jl:3:9: error[TRIM901] 2 trim verifier errors trace back to this line (#1, #2)');
    expect(stdout).toContain('  = via: main -> report -> Base.println');
    expect(stdout).toContain('src/App.jl:4:1: error[TRIM901] Trim verifier error #6 inside JSON3');
    expect(stdout).toContain('../logs/julia-1.12.log: note: 1 verifier item (#7) comes from libblastrampoline_jll');
    expect(stdout).toContain('Found 7 problems (6 errors, 1 warning)');
  });

  it('writes json with the TRIM9xx codes, and sarif with their rule metadata', async () => {
    const json = JSON.parse((await cli(APP, '--verifier-log', LOG_112, '--format', 'json', '.')).stdout);
    expect(json.findings.map((f: { path: string; line: number; code: string }) => `${f.path}:${f.line} ${f.code}`)).toEqual([
      'Project.toml:8 TRIM901',
      'src/App.jl:4 TRIM901',
      'src/App.jl:13 TRIM901',
      'src/App.jl:19 TRIM901',
      'src/App.jl:22 TRIM906',
      'src/report.jl:3 TRIM901',
      'src/report.jl:9 TRIM901',
    ]);
    const sarif = JSON.parse((await cli(APP, '--verifier-log', LOG_112, '--format', 'sarif', '.')).stdout);
    const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(rules).toContain('TRIM901');
    expect(rules).toContain('TRIM906');
    expect(sarif.runs[0].results.every((r: { ruleIndex?: number }) => typeof r.ruleIndex === 'number')).toBe(true);
  });

  it('reads the log from stdin with -', async () => {
    const dir = makeTree({ 'main.jl': SCRIPT });
    const result = await runVerifierLog({ paths: ['.'], cwd: dir, logPath: '-', readStdin: () => SCRIPT_LOG });
    expect(result.findings.map((f) => `${f.path.slice(dir.length + 1)}:${f.range.start.line + 1} ${f.code} ${f.via?.join(' -> ')}`)).toEqual(['main.jl:3 TRIM901 main']);
    expect(result.notices).toEqual([]);
  });

  it('honours suppression comments for TRIM9xx codes', async () => {
    const dir = makeTree({ 'main.jl': SCRIPT.replace('x + x)', 'x + x)  # trimsafe: ignore[TRIM901] -- checked by hand'), 'build.log': SCRIPT_LOG });
    const { code, stdout } = await cli(dir, '--verifier-log', 'build.log', '.');
    expect(stdout).not.toContain('TRIM901');
    expect(code).toBe(0);
  });

  it('reports a missing log as a file that could not be checked', async () => {
    const dir = makeTree({ 'main.jl': SCRIPT });
    const { code, stdout } = await cli(dir, '--verifier-log', 'nope.log', '.');
    expect(code).toBe(1);
    expect(stdout).toContain('nope.log: error: could not read the verifier log (no such file)');
  });

  it('notes a log without verifier items', async () => {
    const dir = makeTree({ 'main.jl': SCRIPT, 'build.log': 'Precompiling...\nDone.\n' });
    const { code, stdout } = await cli(dir, '--verifier-log', 'build.log', '.');
    expect(code).toBe(0);
    expect(stdout).toContain('build.log: note: no trim verifier items in this log');
  });

  // When the text format changes, regenerate the example: in test/verifier-log/fixtures/app run
  // `trimsafe --verifier-log ../logs/docs-example.log .` and paste it (log path shown as build.log).
  it('the documented example matches the command output', async () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'verifier-log.md'), 'utf8');
    const example = /```text\n\$ trimsafe --verifier-log build\.log \.\n([\s\S]*?)```/.exec(doc);
    expect(example).not.toBeNull();
    const { stdout } = await cli(APP, '--verifier-log', join(FIXTURES, 'logs', 'docs-example.log'), '.');
    expect(stdout.replace(/\.\.\/logs\/docs-example\.log/g, 'build.log')).toBe(example![1]);
  });
});
