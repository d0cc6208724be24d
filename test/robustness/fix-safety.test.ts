// `--fix` must be idempotent, atomic, byte-exact outside the edits, refuse files that changed since
// they were read, and never touch files it was not given.

import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../server/check';
import { FileChangedError, planFixes, writeFixedFile } from '../../server/fix';
import { readSource, SourceFile } from '../../server/sources';
import { cli, HAZARD, makeTree } from '../cli/cli-helpers';

const FIXED = HAZARD.replace('println(', 'println(Core.stdout, ');

describe('--fix safety', () => {
  it('is idempotent over a mix of line endings, a BOM, tabs and no final newline', async () => {
    const src = '\ufefffunction (@main)(args)\r\n\tprintln("a")\n    x = 1 \t\r\n    println("😀", x)\r\n    return 0\r\nend';
    const dir = makeTree({ 'm.jl': Buffer.from(src, 'utf8') });
    await cli(dir, '--check', '--fix', 'm.jl');
    const once = readFileSync(join(dir, 'm.jl'));
    const r = await cli(dir, '--check', '--fix', 'm.jl');
    expect(readFileSync(join(dir, 'm.jl')).equals(once)).toBe(true);
    expect(r.stdout).not.toMatch(/Fixed/);
    // Byte-exact outside the edited ranges: undo the inserted text and get the original bytes back.
    const after = once.toString('utf8');
    expect(after.startsWith('\ufeff')).toBe(true);
    expect(after.endsWith('end')).toBe(true);
    expect(after.split('Core.stdout, ').join('')).toBe(src);
  });

  it('writes atomically: no temporary file is left, the mode is kept, the file is replaced by rename', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    const path = join(dir, 'bad.jl');
    chmodSync(path, 0o640);
    const inodeBefore = statSync(path).ino;
    await cli(dir, '--check', '--fix', 'bad.jl');
    expect(readFileSync(path, 'utf8')).toBe(FIXED);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(statSync(path).ino).not.toBe(inodeBefore);
    expect(readdirSync(dir)).toEqual(['bad.jl']);
  });

  it('refuses to write a file that changed since it was read, and says so', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    const path = join(dir, 'bad.jl');
    const result = await runCheck({ paths: ['bad.jl'], cwd: dir });
    const plan = planFixes(result.findings, result.sources, false);
    expect(plan.texts.size).toBe(1);
    // Someone saves the file between the check and the write.
    const edited = HAZARD.replace('hello', 'hello, world');
    writeFileSync(path, edited);
    expect(() => writeFixedFile(result.sources.get(path)!, plan.texts.get(path)!)).toThrow(FileChangedError);
    expect(readFileSync(path, 'utf8')).toBe(edited);
    expect(readdirSync(dir)).toEqual(['bad.jl']);
  });

  it('a failed write leaves the original untouched and no temporary file', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    const path = join(dir, 'bad.jl');
    const source = readSource(path) as SourceFile;
    if (process.getuid?.() === 0) return; // root can write into a read-only directory
    chmodSync(dir, 0o500);
    try {
      expect(() => writeFixedFile(source, FIXED)).toThrow();
    } finally {
      chmodSync(dir, 0o700);
    }
    expect(readFileSync(path, 'utf8')).toBe(HAZARD);
    expect(readdirSync(dir)).toEqual(['bad.jl']);
  });

  it('never touches files outside the paths given', async () => {
    const dir = makeTree({ 'a.jl': HAZARD, 'b.jl': HAZARD, 'sub/c.jl': HAZARD });
    await cli(dir, '--check', '--fix', 'a.jl');
    expect(readFileSync(join(dir, 'a.jl'), 'utf8')).toBe(FIXED);
    expect(readFileSync(join(dir, 'b.jl'), 'utf8')).toBe(HAZARD);
    expect(readFileSync(join(dir, 'sub/c.jl'), 'utf8')).toBe(HAZARD);
  });

  it('skips a fix whose edits reach a file that is not being checked', async () => {
    const dir = makeTree({ 'a.jl': HAZARD, 'b.jl': HAZARD });
    const result = await runCheck({ paths: ['a.jl'], cwd: dir });
    const f = result.findings.find((x) => x.fixes.length > 0)!;
    const other = join(dir, 'b.jl');
    const forged = { ...f, fixes: [{ ...f.fixes[0], edits: [...f.fixes[0].edits, { path: other, range: f.range, newText: 'oops' }] }] };
    const plan = planFixes([forged], result.sources, false);
    expect(plan.texts.size).toBe(0);
    expect(plan.skipped).toBe(1);
    expect(readFileSync(other, 'utf8')).toBe(HAZARD);
  });
});
