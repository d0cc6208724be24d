import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeTree } from './cli-helpers';

const main = (body: string) => `function (@main)(args)\n${body}    return 0\nend\n`;

async function codes(dir: string, file: string) {
  const { stdout } = await cli(dir, '--check', '--format', 'json', file);
  return JSON.parse(stdout).findings.map((f: { line: number; code: string; severity: string }) => `${f.line}:${f.code}:${f.severity}`);
}

describe('suppressions', () => {
  it('a trailing comment suppresses its line, by code or by name', async () => {
    const dir = makeTree({
      'a.jl': main('    println("a")  # trimsafe: ignore[TRIM101] -- build-time tool\n    println("b")  # trimsafe: ignore[print-without-io]\n    println("c")\n'),
    });
    expect(await codes(dir, 'a.jl')).toEqual(['4:TRIM101:error']);
  });

  it('a comment alone on a line covers the next code line', async () => {
    const dir = makeTree({ 'a.jl': main('    # trimsafe: ignore[TRIM101] -- reason\n\n    println("a")\n    println("b")\n') });
    expect(await codes(dir, 'a.jl')).toEqual(['5:TRIM101:error']);
  });

  it('ignore-file covers the whole file', async () => {
    const dir = makeTree({ 'a.jl': '# trimsafe: ignore-file[TRIM101]\n' + main('    println("a")\n    println("b")\n') });
    expect(await codes(dir, 'a.jl')).toEqual([]);
  });

  it('reports a suppression that suppresses nothing, with a fix that removes it', async () => {
    const src = main('    println(Core.stdout, "a")  # trimsafe: ignore[TRIM101] -- stale\n    # trimsafe: ignore[TRIM101]\n    x = 1\n');
    const dir = makeTree({ 'a.jl': src });
    expect(await codes(dir, 'a.jl')).toEqual(['2:TRIM001:info', '3:TRIM001:info']);
    const r = await cli(dir, '--check', '--fix', 'a.jl');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'a.jl'), 'utf8')).toBe(main('    println(Core.stdout, "a")\n    x = 1\n'));
  });

  it('reports unknown codes in a suppression', async () => {
    const dir = makeTree({ 'a.jl': main('    println("a")  # trimsafe: ignore[TRIM101, no-such-rule]\n') });
    const { stdout } = await cli(dir, '--check', 'a.jl');
    expect(stdout).toContain('info[TRIM001] Suppression names unknown rule "no-such-rule"');
  });

  it('does not read suppressions inside strings', async () => {
    const dir = makeTree({ 'a.jl': main('    println("# trimsafe: ignore[TRIM101]")\n') });
    expect(await codes(dir, 'a.jl')).toEqual(['2:TRIM101:error']);
  });
});
