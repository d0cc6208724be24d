import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, CLEAN, HAZARD, makeTree } from './cli-helpers';

describe('trimsafe --check', () => {
  it('exits 0 on clean code and 1 on a hazard', async () => {
    const dir = makeTree({ 'clean.jl': CLEAN, 'bad.jl': HAZARD });
    expect((await cli(dir, '--check', 'clean.jl')).code).toBe(0);
    const bad = await cli(dir, '--check', 'bad.jl');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('bad.jl:2:5: error[TRIM101]');
  });

  it('prints the text format with source line, underline, fix and summary', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    const { stdout } = await cli(dir, '--check', 'bad.jl');
    expect(stdout).toBe(
      [
        'bad.jl:2:5: error[TRIM101] `println` without an IO argument writes to `Base.stdout`, a global typed `::IO`; the trim verifier cannot resolve the call. Pass `Core.stdout` as the first argument.',
        '  |',
        '2 |     println("hello")',
        '  |     ^^^^^^^',
        '  = fix: Write to Core.stdout',
        '  = via: main',
        '',
        'Found 1 problem (1 error); 1 file checked. 1 fixable with --fix.',
        '',
      ].join('\n'),
    );
  });

  it('prints the documented json document', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    const { stdout, code } = await cli(dir, '--check', '--format', 'json', 'bad.jl');
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.version).toBe(1);
    expect(Object.keys(doc)).toEqual(['version', 'findings', 'summary']);
    expect(Object.keys(doc.findings[0])).toContain('reachable');
    expect(Object.keys(doc.findings[0])).toContain('via');
    for (const f of doc.findings) {
      delete f.reachable;
      delete f.via;
    }
    expect(doc.findings).toEqual([
      {
        path: 'bad.jl',
        line: 2,
        column: 5,
        endLine: 2,
        endColumn: 12,
        severity: 'error',
        code: 'TRIM101',
        name: 'print-without-io',
        message: expect.stringContaining('`println` without an IO argument'),
        fixes: [
          {
            description: 'Write to Core.stdout',
            safety: 'safe',
            edits: [{ line: 2, column: 13, endLine: 2, endColumn: 13, newText: 'Core.stdout, ' }],
          },
        ],
      },
    ]);
    expect(doc.summary).toMatchObject({ files: 1, errors: 1, warnings: 0, fixable: 1, skipped: [] });
  });

  it('prints github annotations and sarif', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    const gh = await cli(dir, '--check', '--format', 'github', 'bad.jl');
    expect(gh.stdout).toMatch(/^::error file=bad\.jl,line=2,col=5,endLine=2,endColumn=12,title=TRIM101 print-without-io::`println` without/);
    const sarif = JSON.parse((await cli(dir, '--check', '--format', 'sarif', 'bad.jl')).stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('trimsafe');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('TRIM101');
    expect(run.results[0]).toMatchObject({
      ruleId: 'TRIM101',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'bad.jl' }, region: { startLine: 2, startColumn: 5 } } }],
    });
    expect(run.results[0].fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe('Core.stdout, ');
  });

  it('--fail-on sets the threshold', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    expect((await cli(dir, '--check', '--fail-on', 'none', 'bad.jl')).code).toBe(0);
  });

  it('rejects unknown options and bad values with exit 2', async () => {
    const dir = makeTree({});
    const r = await cli(dir, '--check', '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --frobnicate');
    expect((await cli(dir, '--check', '--format', 'xml')).code).toBe(2);
  });

  it('searches directories for .jl files, honouring .gitignore', async () => {
    const dir = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'build/\n',
      'src/a.jl': HAZARD,
      'build/gen.jl': HAZARD,
      'notes.txt': 'println(x)',
    });
    const { stdout } = await cli(dir, '--check', '--format', 'json');
    const paths = JSON.parse(stdout).findings.map((f: { path: string }) => f.path);
    expect(paths).toEqual(['src/a.jl']);
  });

  it('reports unreadable input with one line per file and goes on', async () => {
    const dir = makeTree({
      'ok.jl': HAZARD,
      'empty.jl': '',
      'binary.jl': Buffer.from([0x66, 0x00, 0x01, 0x02]),
      'latin1.jl': Buffer.from('x = "caf\xe9"\n', 'latin1'),
    });
    const r = await cli(dir, '--check', 'ok.jl', 'empty.jl', 'binary.jl', 'latin1.jl', 'missing.jl');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('binary.jl: error: binary content (NUL byte at offset 1); not checked');
    expect(r.stdout).toContain('latin1.jl: error: not valid UTF-8 (first bad byte at line 1, byte offset 8); not checked');
    expect(r.stdout).toContain('missing.jl: error: no such file or directory');
    expect(r.stdout).toContain('empty.jl: note: empty file; nothing to check');
    expect(r.stdout).toContain('ok.jl:2:5: error[TRIM101]');
  });

  it('walks a directory named *.jl (a package checkout such as Foo.jl/) as a directory', async () => {
    const dir = makeTree({ 'Foo.jl/src/Foo.jl': HAZARD });
    const r = await cli(dir, '--check', '--format', 'json', 'Foo.jl');
    expect(JSON.parse(r.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['Foo.jl/src/Foo.jl']);
  });

  it('skips directories named *.jl and symlink loops when walking', async () => {
    const dir = makeTree({ 'src/a.jl': CLEAN, 'src/pkg.jl/inner.jl': HAZARD });
    symlinkSync(join(dir, 'src'), join(dir, 'src', 'loop'));
    const r = await cli(dir, '--check', '--format', 'json', 'src');
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: { path: string }) => f.path)).toEqual(['src/pkg.jl/inner.jl']);
  });

  it('does not report hazards in top-level code', async () => {
    const dir = makeTree({ 'script.jl': 'println("building")\n@show 1 + 1\n' });
    expect((await cli(dir, '--check', 'script.jl')).code).toBe(0);
  });

  it('handles a file it cannot read', async () => {
    if (process.getuid?.() === 0) return; // root reads everything; covered by the notice path above
    const dir = makeTree({ 'secret.jl': HAZARD });
    chmodSync(join(dir, 'secret.jl'), 0);
    const r = await cli(dir, '--check', 'secret.jl');
    expect(r.stdout).toContain('secret.jl: error: cannot read: permission denied');
  });

  it('lists rules and prints one rule', async () => {
    const dir = makeTree({});
    const list = await cli(dir, 'rules', '--format', 'json');
    const rules = JSON.parse(list.stdout);
    expect(rules.find((r: { code: string }) => r.code === 'TRIM101')).toMatchObject({ name: 'print-without-io', severity: 'error' });
    const one = await cli(dir, 'rule', 'print-without-io');
    expect(one.stdout).toContain('# TRIM101 print-without-io');
    expect(one.stdout).toContain('## Why it breaks trimming');
    expect((await cli(dir, 'rule', 'TRIM999x')).code).toBe(2);
  });

  it('writes the report to --output-file', async () => {
    const dir = makeTree({ 'bad.jl': HAZARD });
    const r = await cli(dir, '--check', '--format', 'json', '--output-file', 'out.json', 'bad.jl');
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).findings).toHaveLength(1);
    writeFileSync(join(dir, 'unused'), '');
  });
});

describe('unfinished code', () => {
  it('checks a file the native parser cannot finish (an unterminated begin inside a function)', async () => {
    const dir = makeTree({ 'wip.jl': 'function (@main)(args)\n    begin\n        println("x")\n' });
    const r = await cli(dir, '--check', '--format', 'json', '--select', 'TRIM101', 'wip.jl');
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.skipped).toEqual([]);
    expect(doc.findings.map((f: { line: number; code: string }) => `${f.line}:${f.code}`)).toEqual(['3:TRIM101']);
  });
});

describe('the built program', () => {
  // npx and node_modules/.bin run the bin file itself, not `node file`: a build that leaves it
  // without the executable bit gives "Permission denied" whenever npx reuses its cached link.
  it('runs when executed directly, as npx runs it', () => {
    const main = join(__dirname, '..', '..', 'dist', 'server', 'main.js');
    const r = spawnSync(main, ['--version'], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('trimsafe ' + JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  });
});
