import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, HAZARD, makeTree } from './cli-helpers';

describe('--fix and --diff', () => {
  it('applies safe fixes in place, then re-checks', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    const r = await cli(dir, '--check', '--fix', 'bad.jl');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Fixed 1 problem.');
    expect(readFileSync(join(dir, 'bad.jl'), 'utf8')).toBe('function (@main)(args)\n    println(Core.stdout, "hello")\n    return 0\nend\n');
  });

  it('is idempotent', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    await cli(dir, '--check', '--fix', 'bad.jl');
    const once = readFileSync(join(dir, 'bad.jl'));
    await cli(dir, '--check', '--fix', 'bad.jl');
    expect(readFileSync(join(dir, 'bad.jl')).equals(once)).toBe(true);
  });

  it('keeps CRLF line endings and the byte-order mark, byte for byte elsewhere', async () => {
    const text = '\ufefffunction (@main)(args)\r\n    println("h\u00e9llo \u{1d55d}")\r\n    return 0\r\nend\r\n';
    const dir = makeTree({ 'crlf.jl': Buffer.from(text, 'utf8') });
    await cli(dir, '--check', '--fix', 'crlf.jl');
    expect(readFileSync(join(dir, 'crlf.jl'), 'utf8')).toBe(text.replace('println(', 'println(Core.stdout, '));
  });

  it('leaves unsafe fixes alone unless asked', async () => {
    const src = 'function (@main)(args)\n    @show args\n    return 0\nend\n';
    const dir = makeTree({ 'show.jl': src });
    await cli(dir, '--check', '--fix', 'show.jl');
    expect(readFileSync(join(dir, 'show.jl'), 'utf8')).toBe(src);
    await cli(dir, '--check', '--fix', '--unsafe-fixes', 'show.jl');
    expect(readFileSync(join(dir, 'show.jl'), 'utf8')).toBe('function (@main)(args)\n    println(Core.stdout, "args = ", args)\n    return 0\nend\n');
  });

  it('--diff prints a unified diff and writes nothing', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    const r = await cli(dir, '--check', '--diff', 'bad.jl');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '--- a/bad.jl',
        '+++ b/bad.jl',
        '@@ -1,5 +1,5 @@',
        ' function (@main)(args)',
        '-    println("hello")',
        '+    println(Core.stdout, "hello")',
        '     return 0',
        ' end',
        ' ',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(dir, 'bad.jl'), 'utf8')).toBe(HAZARD);
  });

  it('writes nothing without --fix', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    await cli(dir, '--check', 'bad.jl');
    expect(readFileSync(join(dir, 'bad.jl'), 'utf8')).toBe(HAZARD);
    writeFileSync(join(dir, 'x'), '');
  });
});
