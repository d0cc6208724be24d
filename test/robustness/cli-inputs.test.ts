// Hostile files through the whole CLI: each gives findings or one clear message for that file, never
// an exception, and positions stay right in every output format.

import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, HAZARD, makeTree } from '../cli/cli-helpers';

interface JsonReport {
  findings: Array<{ path: string; code: string; line: number; column: number; endLine: number; endColumn: number }>;
  summary: { files: number; skipped: Array<{ path: string; message: string }> };
}

async function checkJson(root: string, ...paths: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const r = await cli(root, '--check', ...(paths.length ? paths : ['.']), '--format', 'json');
  expect(r.stderr).not.toMatch(/internal error/);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

function randomBytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

describe('hostile files', () => {
  it('empty, binary, invalid UTF-8, NUL and random files each give one message; good files are still checked', async () => {
    const root = makeTree({
      'empty.jl': '',
      'random.jl': randomBytes(4096, 7),
      'latin1.jl': Buffer.from('x = "caf\xe9"\n', 'latin1'),
      'nul.jl': Buffer.from('x = 1\n\0\ny = 2\n'),
      'lone-surrogate.jl': Buffer.from([0x78, 0x3d, 0xed, 0xa0, 0x80, 0x0a]),
      'main.jl': HAZARD,
    });
    const { code, report } = await checkJson(root);
    expect(code).toBe(1);
    const skipped = Object.fromEntries(report.summary.skipped.map((s) => [s.path, s.message]));
    expect(skipped['random.jl']).toMatch(/binary content|not valid UTF-8/);
    expect(skipped['latin1.jl']).toMatch(/not valid UTF-8 \(first bad byte at line 1, byte offset 8\)/);
    expect(skipped['nul.jl']).toMatch(/binary content \(NUL byte at offset 6\)/);
    expect(skipped['lone-surrogate.jl']).toMatch(/not valid UTF-8/);
    expect(skipped['empty.jl']).toBeUndefined();
    expect(report.findings.map((f) => `${f.path}:${f.code}`)).toContain('main.jl:TRIM101');
  });

  it('a directory named *.jl, an unreadable file, a broken link and a symlink loop give messages', async () => {
    const root = makeTree({ 'main.jl': HAZARD, 'dir.jl/inner.jl': HAZARD, 'locked.jl': HAZARD });
    chmodSync(join(root, 'locked.jl'), 0o000);
    symlinkSync(join(root, 'missing.jl'), join(root, 'broken.jl'));
    mkdirSync(join(root, 'loop'));
    symlinkSync(join(root, 'loop'), join(root, 'loop', 'again'));
    symlinkSync(join(root, 'self.jl'), join(root, 'self.jl'));
    const { report } = await checkJson(root);
    const skipped = Object.fromEntries(report.summary.skipped.map((s) => [s.path, s.message]));
    expect(skipped['broken.jl']).toMatch(/broken symbolic link/);
    expect(skipped['self.jl']).toMatch(/broken symbolic link|loop/);
    // Root can read anything; others get a permission message.
    if (process.getuid?.() !== 0) expect(skipped['locked.jl']).toMatch(/permission denied/);
    const paths = report.findings.map((f) => f.path);
    expect(paths).toContain('main.jl');
    expect(paths).toContain('dir.jl/inner.jl');
    // Named explicitly: a directory called x.jl is searched, a loop is reported.
    const direct = await checkJson(root, 'dir.jl', 'self.jl');
    expect(direct.report.findings.map((f) => f.path)).toEqual(['dir.jl/inner.jl']);
    expect(direct.report.summary.skipped.map((s) => s.message).join('\n')).toMatch(/loop/);
  });

  it('unterminated strings and blocks are checked without an exception', async () => {
    const root = makeTree({
      'string.jl': 'function (@main)(args)\n    println("never closed)\n',
      'block.jl': 'function (@main)(args)\n    for i in 1:3\n        println(i)\n',
      'triple.jl': 'function (@main)(args)\n    println("""\n',
      'comment.jl': '#= never closed\nfunction (@main)(args)\n',
    });
    const { report } = await checkJson(root);
    expect(report.summary.files).toBe(4);
  });

  it('a 10 MB file gives findings or one "took longer" message', async () => {
    const unit = 'function f(x)\n    println(Core.stdout, "hi", x)\nend\n';
    const big = unit.repeat(Math.ceil((10 * 1024 * 1024) / unit.length));
    const root = makeTree({ 'big.jl': big, 'main.jl': HAZARD });
    const saved = process.env.TRIMSAFE_FILE_TIMEOUT_MS;
    process.env.TRIMSAFE_FILE_TIMEOUT_MS = '2000';
    try {
      const started = Date.now();
      const { report } = await checkJson(root);
      expect(Date.now() - started).toBeLessThan(30_000);
      const skipped = report.summary.skipped.filter((s) => s.path === 'big.jl');
      expect(skipped.length === 0 || /took longer than 2000 ms to check; skipped/.test(skipped[0].message)).toBe(true);
      expect(report.findings.map((f) => f.path)).toContain('main.jl');
    } finally {
      if (saved === undefined) delete process.env.TRIMSAFE_FILE_TIMEOUT_MS;
      else process.env.TRIMSAFE_FILE_TIMEOUT_MS = saved;
    }
  }, 120_000);
});

describe('positions with BOM, CRLF, tabs and characters outside the BMP', () => {
  // Line 3 holds the hazard after a tab, a non-BMP identifier and a non-BMP string.
  const lines = ['function (@main)(args)', '\t𝒳 = "😀"', '\t𝒳𝒴 = 1; println("😀😀", 𝒳)', '    return 0', 'end', ''];
  const hazardLine = lines[2];
  const utf16Col = hazardLine.indexOf('println') + 1;
  const cpCol = [...hazardLine.slice(0, hazardLine.indexOf('println'))].length + 1;
  const variants: Record<string, string> = {
    'lf.jl': lines.join('\n'),
    'crlf.jl': '\ufeff' + lines.join('\r\n'),
    'mixed.jl': lines.slice(0, 2).join('\r\n') + '\r\n' + lines.slice(2).join('\n'),
  };

  it('json and sarif count UTF-16 columns, github and text count code points', async () => {
    const root = makeTree(variants);
    const { report } = await checkJson(root);
    for (const name of Object.keys(variants)) {
      const f = report.findings.find((x) => x.path === name && x.code === 'TRIM101');
      expect(f, name).toBeDefined();
      expect(f!.line).toBe(3);
      expect(f!.column).toBe(utf16Col);
      // The range covers the callee or the whole call, in UTF-16 units either way.
      expect([utf16Col + 'println'.length, utf16Col + 'println("😀😀", 𝒳)'.length]).toContain(f!.endColumn);
    }
    const sarif = JSON.parse((await cli(root, '--check', '.', '--format', 'sarif')).stdout);
    const regions = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'TRIM101').map((r: { locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }> }) => r.locations[0].physicalLocation.region);
    expect(regions).toHaveLength(3);
    for (const r of regions) expect([r.startLine, r.startColumn]).toEqual([3, utf16Col]);
    const github = (await cli(root, '--check', '.', '--format', 'github')).stdout.split('\n').filter((l) => l.includes('TRIM101'));
    expect(github).toHaveLength(3);
    for (const l of github) expect(l).toMatch(new RegExp(`line=3,col=${cpCol},`));
    const text = (await cli(root, '--check', '.', '--no-color')).stdout.split('\n');
    for (const name of Object.keys(variants)) {
      const at = text.findIndex((l) => l.startsWith(`${name}:3:${cpCol}: error[TRIM101]`));
      expect(at, name).toBeGreaterThanOrEqual(0);
      const source = text[at + 2];
      const underline = text[at + 3];
      expect(source).toBe(`3 | ${hazardLine}`);
      // The caret sits under the `p` of println, counting code points and keeping the tab.
      const caret = [...underline].indexOf('^');
      expect([...source][caret]).toBe('p');
      expect(underline).not.toMatch(/\r/);
    }
  });
});
