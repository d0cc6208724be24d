// The language server's protocol surface, driven by an in-process client (see harness.ts).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CodeAction, Diagnostic, DiagnosticSeverity, DiagnosticTag, Hover } from 'vscode-languageserver/node';
import { runCheck } from '../../server/check';
import { applyTextEdits, clientPerTest, MAIN_WITH_PRINTLN } from './harness';

const start = clientPerTest();

function editsFor(action: CodeAction, uri: string) {
  return action.edit?.changes?.[uri] ?? [];
}

const TWO_PRINTS = 'function (@main)(args)\n    println("a")\n    print("b")\n    return 0\nend\n';

describe('initialize', () => {
  it('advertises incremental sync, code actions, hover and pull diagnostics', async () => {
    const c = await start();
    const caps = c.initializeResult.capabilities;
    expect(caps.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(caps.codeActionProvider).toMatchObject({ codeActionKinds: expect.arrayContaining(['quickfix', 'source.fixAll.trimsafe']) });
    expect(caps.hoverProvider).toBe(true);
    expect(caps.diagnosticProvider).toMatchObject({ identifier: 'trimsafe', interFileDependencies: true, workspaceDiagnostics: true });
    expect(c.initializeResult.serverInfo?.name).toBe('trimsafe');
    // The watcher for .trimsafe.toml is registered dynamically.
    await c.waitFor(() => c.serverRequests.find((r) => r.method === 'client/registerCapability'), 'registration');
    const reg = c.serverRequests.find((r) => r.method === 'client/registerCapability')!.params as { registrations: Array<{ method: string; registerOptions: { watchers: Array<{ globPattern: string }> } }> };
    const watchers = reg.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions.watchers.map((w) => w.globPattern);
    expect(watchers).toContain('**/.trimsafe.toml');
  });
});

describe('push diagnostics', () => {
  it('publishes a diagnostic with code, source, severity, fixes and the call chain on open', async () => {
    const c = await start();
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    const [d] = await c.diagnosticsOf(uri);
    expect(d).toMatchObject({
      code: 'TRIM101',
      source: 'trimsafe',
      severity: DiagnosticSeverity.Error,
      range: { start: { line: 1, character: 4 }, end: { line: 1, character: 11 } },
    });
    if (d.codeDescription) expect(d.codeDescription.href).toMatch(/^file:.*docs\/rules\/TRIM101\.md$/);
    expect((d.data as { fixes: Array<{ description: string }> }).fixes[0].description).toBe('Write to Core.stdout');
    expect(d.relatedInformation?.[0].message).toMatch(/entrypoint/);
    expect(c.diagnosticVersions.get(uri)).toBe(1);
  });

  it('updates diagnostics on incremental changes', async () => {
    const c = await start();
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    await c.diagnosticsOf(uri);
    // Insert `Core.stdout, ` after `println(`.
    await c.change(uri, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 12 } }, text: 'Core.stdout, ' }]);
    await c.diagnosticsOf(uri, (d) => d.length === 0, 'diagnostics cleared');
    expect(c.diagnosticVersions.get(uri)).toBe(2);
    // And break it again.
    await c.change(uri, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 25 } }, text: '' }]);
    await c.diagnosticsOf(uri, (d) => d.length === 1, 'diagnostic back');
  });

  it('keeps only the newest of quick successive changes (debounced)', async () => {
    const c = await start({ initializationOptions: { debounceMs: 500 } });
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    await c.diagnosticsOf(uri);
    // The workspace scan may analyse open documents when it finishes: let it finish first.
    await c.waitFor(() => c.progress.find((p) => p.kind === 'end'), 'progress end');
    await c.sync();
    const published: number[] = [];
    c.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      c.diagnostics.set(p.uri, p.diagnostics);
      c.diagnosticVersions.set(p.uri, p.version);
      if (p.uri === uri && p.version) published.push(p.version);
    });
    for (let i = 0; i < 5; i++) await c.change(uri, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '#' }]);
    await c.waitFor(() => c.diagnosticVersions.get(uri) === 6, 'version 6');
    expect(published).toEqual([6]);
  });

  it('diagnoses unopened workspace files in the background, with progress', async () => {
    const c = await start({ files: { 'src/b.jl': MAIN_WITH_PRINTLN, 'ignored/c.jl': MAIN_WITH_PRINTLN, '.gitignore': 'ignored/\n' } });
    const b = await c.diagnosticsOf(c.uri('src/b.jl'));
    expect(b[0].code).toBe('TRIM101');
    await c.waitFor(() => c.progress.find((p) => p.kind === 'end'), 'progress end');
    expect(c.progress[0]).toMatchObject({ kind: 'begin', title: 'trimsafe' });
    await c.sync();
    expect(c.diagnostics.has(c.uri('ignored/c.jl'))).toBe(false);
  });

  it('honours the max-workspace-files cap', async () => {
    const c = await start({ files: { 'a.jl': MAIN_WITH_PRINTLN, 'b.jl': MAIN_WITH_PRINTLN, 'c.jl': MAIN_WITH_PRINTLN, '.trimsafe.toml': 'max-workspace-files = 2\n' } });
    await c.waitFor(() => c.progress.find((p) => p.kind === 'end'), 'progress end');
    await c.sync();
    expect(c.diagnostics.has(c.uri('a.jl'))).toBe(true);
    expect(c.diagnostics.has(c.uri('c.jl'))).toBe(false);
    expect(c.messages.some((m) => m.includes('checking the first 2'))).toBe(true);
  });

  it('re-diagnoses another file when a change makes its function reachable', async () => {
    const c = await start({
      files: {
        'a.jl': 'function helper()\n    println("from helper")\nend\n',
        'b.jl': 'function (@main)(args)\n    return 0\nend\n',
      },
    });
    const aUri = c.uri('a.jl');
    const [before] = await c.diagnosticsOf(aUri);
    expect(before.severity).toBe(DiagnosticSeverity.Hint);
    expect(before.tags).toContain(DiagnosticTag.Unnecessary);
    const bUri = await c.open('b.jl', 'function (@main)(args)\n    return 0\nend\n');
    await c.change(bUri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '    helper()\n' }]);
    const [after] = await c.diagnosticsOf(aUri, (d) => d[0]?.severity === DiagnosticSeverity.Error, 'a.jl raised to error');
    expect(after.tags ?? []).not.toContain(DiagnosticTag.Unnecessary);
    expect(after.relatedInformation?.map((r) => r.message)).toEqual(['entrypoint `main`', '`main` calls `helper`']);
    expect(after.relatedInformation?.[1].location.uri).toBe(aUri);
  });
});

describe('code actions', () => {
  it('offers the fix as a preferred quick fix whose edit inserts Core.stdout', async () => {
    const c = await start();
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    const diags = await c.diagnosticsOf(uri);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags } });
    const fix = actions.find((a) => a.title === 'Write to Core.stdout')!;
    expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(applyTextEdits(MAIN_WITH_PRINTLN, editsFor(fix, uri))).toContain('println(Core.stdout, "hi")');
  });

  it('offers "Ignore CODE on this line", and the comment it inserts silences the finding', async () => {
    const c = await start();
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    const diags = await c.diagnosticsOf(uri);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags } });
    const ignore = actions.find((a) => a.title === 'Ignore TRIM101 on this line')!;
    const text = applyTextEdits(MAIN_WITH_PRINTLN, editsFor(ignore, uri));
    expect(text.split('\n')[1]).toBe('    println("hi")  # trimsafe: ignore[TRIM101] -- TODO: why this is safe');
    await c.replaceAll(uri, text);
    await c.diagnosticsOf(uri, (d) => d.length === 0, 'suppressed');
  });

  it('puts the suppression on its own line when the line already ends in a comment', async () => {
    const c = await start();
    const text = 'function (@main)(args)\n    println("hi") # greet\n    return 0\nend\n';
    const uri = await c.open('a.jl', text);
    const diags = await c.diagnosticsOf(uri);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags } });
    const fixed = applyTextEdits(text, editsFor(actions.find((a) => a.title.startsWith('Ignore'))!, uri));
    expect(fixed.split('\n').slice(1, 3)).toEqual(['    # trimsafe: ignore[TRIM101] -- TODO: why this is safe', '    println("hi") # greet']);
    await c.replaceAll(uri, fixed);
    await c.diagnosticsOf(uri, (d) => d.length === 0, 'suppressed');
  });

  it('source.fixAll.trimsafe applies every safe fix in one edit', async () => {
    const c = await start();
    const uri = await c.open('a.jl', TWO_PRINTS);
    const diags = await c.diagnosticsOf(uri, (d) => d.length === 2);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.trimsafe']);
    const edits = editsFor(actions[0], uri);
    expect(edits).toHaveLength(1);
    const fixed = applyTextEdits(TWO_PRINTS, edits);
    expect(fixed).toBe('function (@main)(args)\n    println(Core.stdout, "a")\n    print(Core.stdout, "b")\n    return 0\nend\n');
    expect(diags).toHaveLength(2);
  });

  it('answers a Neovim 0.7 style request (no data, no source) by matching code and range', async () => {
    const c = await start();
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    const [d] = await c.diagnosticsOf(uri);
    const bare = { range: d.range, message: d.message, code: d.code };
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [bare] } });
    const fix = actions.find((a) => a.title === 'Write to Core.stdout');
    expect(fix?.isPreferred).toBe(true);
    expect(applyTextEdits(MAIN_WITH_PRINTLN, editsFor(fix!, uri))).toContain('println(Core.stdout, "hi")');
  });

  it('recomputes fixes when the diagnostic data belongs to an older version', async () => {
    const c = await start();
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    const [old] = await c.diagnosticsOf(uri);
    // Shift the call right by four spaces; the stale diagnostic still names the old range.
    await c.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '    ' }]);
    await c.diagnosticsOf(uri, (d) => d[0]?.range.start.character === 8, 'moved');
    const [now] = c.diagnostics.get(uri)!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: now.range, context: { diagnostics: [{ ...now, data: old.data }] } });
    const edits = editsFor(actions.find((a) => a.title === 'Write to Core.stdout')!, uri);
    expect(edits[0].range.start).toEqual({ line: 1, character: 16 });
  });
});

describe('hover', () => {
  it('shows the rule documentation over a finding and over a suppression comment', async () => {
    const c = await start();
    const text = 'function (@main)(args)\n    println("hi")\n    print(Core.stdout, 1)  # trimsafe: ignore[TRIM101]\n    return 0\nend\n';
    const uri = await c.open('a.jl', text);
    await c.diagnosticsOf(uri, (d) => d.length === 2);
    const onFinding = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 6 } });
    expect((onFinding.contents as { value: string }).value).toContain('# TRIM101 print-without-io');
    const onComment = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 48 } });
    expect((onComment.contents as { kind: string; value: string })).toMatchObject({ kind: 'markdown', value: expect.stringContaining('## Why it breaks trimming') });
    const nothing = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 2 } });
    expect(nothing).toBeNull();
  });
});

describe('pull diagnostics', () => {
  it('serves textDocument/diagnostic with result ids and does not push to pull clients', async () => {
    const c = await start({ pull: true, files: { 'b.jl': MAIN_WITH_PRINTLN } });
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    const first = await c.request<{ kind: string; resultId: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(first.kind).toBe('full');
    expect(first.items[0].code).toBe('TRIM101');
    const second = await c.request<{ kind: string; resultId: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    expect(second).toEqual({ kind: 'unchanged', resultId: first.resultId });
    await c.change(uri, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 12 } }, text: 'Core.stdout, ' }]);
    const third = await c.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    expect(third).toMatchObject({ kind: 'full', items: [] });
    await c.sync();
    const ws = await c.request<{ items: Array<{ uri: string; items: Diagnostic[] }> }>('workspace/diagnostic', { previousResultIds: [] });
    expect(ws.items.find((i) => i.uri === c.uri('b.jl'))?.items[0].code).toBe('TRIM101');
    expect(c.diagnostics.size).toBe(0);
  });
});

describe('configuration', () => {
  it('reloads .trimsafe.toml when it changes and re-diagnoses', async () => {
    const c = await start();
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    expect((await c.diagnosticsOf(uri))[0].severity).toBe(DiagnosticSeverity.Error);
    c.write('.trimsafe.toml', '[rules]\nTRIM101 = "warning"\n');
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('.trimsafe.toml'), type: 1 }] });
    await c.diagnosticsOf(uri, (d) => d[0]?.severity === DiagnosticSeverity.Warning, 'warning');
  });

  it('reports a broken config on the file and keeps serving with defaults', async () => {
    const c = await start({ files: { '.trimsafe.toml': 'julia = "0.1"\n' } });
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    expect((await c.diagnosticsOf(uri))[0].code).toBe('TRIM101');
    const [problem] = await c.diagnosticsOf(c.uri('.trimsafe.toml'));
    expect(problem).toMatchObject({ severity: DiagnosticSeverity.Error, range: { start: { line: 0 } } });
    expect(problem.message).toMatch(/"julia" must be one of/);
    await c.waitFor(() => c.messages.find((m) => m.includes('config error')), 'showMessage');
    // Fixing the file clears the problem.
    c.write('.trimsafe.toml', 'julia = "1.12"\n');
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('.trimsafe.toml'), type: 2 }] });
    await c.diagnosticsOf(c.uri('.trimsafe.toml'), (d) => d.length === 0, 'config problem cleared');
  });

  it('applies editor settings from workspace/configuration over the file config', async () => {
    const c = await start({ settings: { rules: { 'print-without-io': 'info' } } });
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    await c.diagnosticsOf(uri, (d) => d[0]?.severity === DiagnosticSeverity.Information, 'info');
    c.settings = { rules: { TRIM101: 'off' } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.diagnosticsOf(uri, (d) => d.length === 0, 'rule turned off');
  });

  it('serves each folder of a multi-root workspace with its own config', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const other = mkdtempSync(join(tmpdir(), 'trimsafe-lsp-other-'));
    writeFileSync(join(other, '.trimsafe.toml'), '[rules]\nTRIM101 = "hint"\n');
    writeFileSync(join(other, 'x.jl'), MAIN_WITH_PRINTLN);
    const c = await start({ files: { 'y.jl': MAIN_WITH_PRINTLN }, extraRoots: [other] });
    const { pathToFileURL } = await import('node:url');
    const x = await c.diagnosticsOf(pathToFileURL(join(other, 'x.jl')).href);
    const y = await c.diagnosticsOf(c.uri('y.jl'));
    expect(x[0].severity).toBe(DiagnosticSeverity.Hint);
    expect(y[0].severity).toBe(DiagnosticSeverity.Error);
  });
});

describe('agreement with the CLI', () => {
  it('gives the same findings as trimsafe --check for the same files on disk', async () => {
    const files = {
      'src/App.jl': 'module App\ninclude("io.jl")\nfunction (@main)(args)\n    greet(args)\n    x = readline()\n    @show x\n    return 0\nend\nend\n',
      'src/io.jl': 'function greet(args)\n    println("hello ", length(args))\n    print(stdout, "!")\nend\nfunction unused()\n    println("never")\nend\n',
      'scripts/tool.jl': 'function (@main)(args)\n    println(Core.stdout, "ok")\n    # trimsafe: ignore[TRIM101] -- checked\n    show(1)\n    print(1)  # trimsafe: ignore[TRIM102]\n    return 0\nend\n',
      '.trimsafe.toml': '[rules]\nTRIM102 = "warning"\n',
    };
    const c = await start({ files });
    await c.waitFor(() => c.progress.find((p) => p.kind === 'end'), 'scan');
    await c.sync();
    const cli = await runCheck({ paths: ['.'], cwd: c.root });
    const fromCli = cli.findings.map((f) => `${f.path}:${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.code} ${f.severity} ${f.message}`).sort();
    const sev = ['', 'error', 'warning', 'info', 'hint'];
    const fromLsp: string[] = [];
    for (const [uri, diags] of c.diagnostics) {
      const path = new URL(uri).pathname;
      for (const d of diags) fromLsp.push(`${path}:${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${sev[d.severity!]} ${d.message}`);
    }
    expect(fromCli.length).toBeGreaterThan(3);
    expect(fromLsp.sort()).toEqual(fromCli);
    // Opening a file with its disk text changes nothing.
    const uri = await c.open('src/io.jl', readFileSync(c.path('src/io.jl'), 'utf8'));
    await c.sync();
    const reopened = c.diagnostics.get(uri)!.map((d) => `${d.range.start.line} ${d.code} ${sev[d.severity!]}`);
    expect(reopened).toEqual(cli.findings.filter((f) => f.path === c.path('src/io.jl')).map((f) => `${f.range.start.line} ${f.code} ${f.severity}`));
  });
});

describe('verifier log', () => {
  it('shows the findings of a juliac build log beside trimsafe\'s own, with source juliac', async () => {
    const { cpSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const root = mkdtempSync(join(tmpdir(), 'trimsafe-lsp-log-'));
    const fixtures = join(__dirname, '..', 'verifier-log', 'fixtures');
    cpSync(join(fixtures, 'app'), root, { recursive: true });
    cpSync(join(fixtures, 'logs', 'julia-1.12.log'), join(root, 'build.log'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(root, '.trimsafe.toml'), 'verifier-log = "build.log"\n');
    const c = await start({ root });
    try {
      const diags = await c.diagnosticsOf(c.uri('src/App.jl'), (d) => d.some((x) => x.source === 'juliac'), 'juliac findings');
      const fromLog = diags.filter((d) => d.source === 'juliac');
      expect(fromLog.map((d) => d.range.start.line + 1)).toEqual(expect.arrayContaining([4, 13, 19]));
      expect(fromLog.every((d) => String(d.code).startsWith('TRIM9'))).toBe(true);
      const report = await c.diagnosticsOf(c.uri('src/report.jl'), (d) => d.some((x) => x.source === 'juliac'), 'juliac findings in report.jl');
      expect(report.some((d) => d.source === 'trimsafe' && d.code === 'TRIM101')).toBe(true);
    } finally {
      const { rmSync } = await import('node:fs');
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('robustness', () => {
  it('answers requests for unknown documents and survives bad edits and params', async () => {
    const c = await start();
    const unknown = c.uri('nope.jl');
    expect(await c.request('textDocument/hover', { textDocument: { uri: unknown }, position: { line: 0, character: 0 } })).toBeNull();
    expect(await c.request('textDocument/codeAction', { textDocument: { uri: unknown }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } })).toEqual([]);
    expect(await c.request('textDocument/diagnostic', { textDocument: { uri: unknown } })).toMatchObject({ kind: 'full', items: [] });
    await c.change(unknown, [{ text: 'x' }]);
    await c.close(unknown);
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    await c.diagnosticsOf(uri);
    // An edit far past the end of the document is clamped, not fatal.
    await c.change(uri, [{ range: { start: { line: 99, character: 5 }, end: { line: 120, character: 0 } }, text: '\nfoo(' }]);
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri } });
    await c.request('textDocument/codeAction', { textDocument: { uri } }).catch(() => null);
    await c.request('textDocument/hover', { textDocument: { uri }, position: { line: -4, character: 1e9 } }).catch(() => null);
    await expect(c.request('trimsafe/noSuchMethod', {})).rejects.toThrow();
    // Still serving: a fresh edit is diagnosed.
    const v = await c.replaceAll(uri, MAIN_WITH_PRINTLN);
    await c.waitFor(() => c.diagnosticVersions.get(uri) === v && c.diagnostics.get(uri)!.length === 1, 'still serving');
  });

  it('returns no actions for a cancelled request without failing later ones', async () => {
    const c = await start();
    const uri = await c.open('a.jl', MAIN_WITH_PRINTLN);
    const diags = await c.diagnosticsOf(uri);
    const { CancellationTokenSource } = await import('vscode-languageserver-protocol/node');
    const source = new CancellationTokenSource();
    const pending = c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags } }, source.token);
    source.cancel();
    await pending.catch(() => null);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags } });
    expect(actions.length).toBeGreaterThan(0);
  });
});
