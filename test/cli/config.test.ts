import { describe, expect, it } from 'vitest';
import { cli, HAZARD, makeTree } from './cli-helpers';

async function findings(dir: string, ...args: string[]) {
  const r = await cli(dir, '--check', '--format', 'json', ...args);
  return { code: r.code, stderr: r.stderr, list: r.stdout ? JSON.parse(r.stdout).findings.map((f: { path: string; code: string; severity: string }) => `${f.path}:${f.code}:${f.severity}`) : [] };
}

describe('.trimsafe.toml', () => {
  it('turns rules off or changes their severity, by code or name', async () => {
    const off = makeTree({ '.trimsafe.toml': '[rules]\nTRIM101 = "off"\n', 'a.jl': HAZARD });
    expect((await findings(off)).list).toEqual([]);
    const warn = makeTree({ '.trimsafe.toml': '[rules]\nprint-without-io = "warning"\n', 'a.jl': HAZARD });
    const r = await findings(warn);
    expect(r.list).toEqual(['a.jl:TRIM101:warning']);
    expect(r.code).toBe(0);
  });

  it('sets fail-on', async () => {
    const dir = makeTree({ '.trimsafe.toml': 'fail-on = "none"\n', 'a.jl': HAZARD });
    expect((await findings(dir)).code).toBe(0);
  });

  it('is found by walking up from each file, nearest first', async () => {
    const dir = makeTree({
      '.trimsafe.toml': '[rules]\nTRIM101 = "warning"\n',
      'sub/.trimsafe.toml': '[rules]\nTRIM101 = "off"\n',
      'a.jl': HAZARD,
      'sub/b.jl': HAZARD,
    });
    expect((await findings(dir)).list).toEqual(['a.jl:TRIM101:warning']);
  });

  it('excludes paths when walking, and explicit files only with --force-exclude', async () => {
    const dir = makeTree({ '.trimsafe.toml': 'exclude = ["gen/**"]\n', 'gen/x.jl': HAZARD, 'a.jl': HAZARD });
    expect((await findings(dir)).list).toEqual(['a.jl:TRIM101:error']);
    expect((await findings(dir, 'gen/x.jl')).list).toEqual(['gen/x.jl:TRIM101:error']);
    expect((await findings(dir, '--force-exclude', 'gen/x.jl')).list).toEqual([]);
  });

  it('--config overrides discovery', async () => {
    const dir = makeTree({ 'conf/strict.toml': '[rules]\nTRIM101 = "info"\n', 'a.jl': HAZARD });
    expect((await findings(dir, '--config', 'conf/strict.toml')).list).toEqual(['a.jl:TRIM101:info']);
  });

  it('rejects malformed TOML with file, line and reason (exit 2)', async () => {
    const dir = makeTree({ '.trimsafe.toml': 'julia = "1.12"\nrules = [\n', 'a.jl': HAZARD });
    const r = await cli(dir, '--check');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/config error: .*\.trimsafe\.toml:\d+: invalid TOML/);
  });

  it('rejects unknown keys and unknown rules with their line', async () => {
    const dir = makeTree({ '.trimsafe.toml': 'julia = "1.12"\nfial-on = "error"\n', 'a.jl': HAZARD });
    const r = await cli(dir, '--check');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.trimsafe\.toml:2: unknown key "fial-on"/);
    const dir2 = makeTree({ '.trimsafe.toml': '\n[rules]\nTRIM999 = "off"\n', 'a.jl': HAZARD });
    expect((await cli(dir2, '--check')).stderr).toMatch(/\.trimsafe\.toml:3: unknown rule "TRIM999"/);
    const dir3 = makeTree({ '.trimsafe.toml': 'julia = "2.0"\n', 'a.jl': HAZARD });
    expect((await cli(dir3, '--check')).stderr).toMatch(/\.trimsafe\.toml:1: "julia" must be one of/);
  });
});

describe('.trimsafe.toml analysis mode and extra entrypoints', () => {
  const src = 'function helper()\n    println("unreached")\nend\n\nfunction (@main)(args)\n    return 0\nend\n';
  it('lowers unreachable hazards to hints by default when there is an entrypoint', async () => {
    const dir = makeTree({ 'a.jl': src });
    expect((await findings(dir)).list).toEqual(['a.jl:TRIM101:hint']);
  });
  it('mode = "library" keeps every function at full severity', async () => {
    const dir = makeTree({ '.trimsafe.toml': 'mode = "library"\n', 'a.jl': src });
    expect((await findings(dir)).list).toEqual(['a.jl:TRIM101:error']);
  });
  it('entrypoints names extra roots', async () => {
    const dir = makeTree({ '.trimsafe.toml': 'entrypoints = ["helper"]\n', 'a.jl': src });
    expect((await findings(dir)).list).toEqual(['a.jl:TRIM101:error']);
  });
});
