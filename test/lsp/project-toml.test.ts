// Package findings (TRIM703) on the workspace's Project.toml, beside the same finding on the `using` line.

import { describe, expect, it } from 'vitest';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { clientPerTest } from './harness';

const start = clientPerTest();

const PROJECT = ['name = "App"', 'uuid = "00000000-0000-0000-0000-000000000001"', '', '[deps]', 'ArgParse = "c7e460c6-2fb9-53a9-8c5b-16f535851c63"', 'JSON = "682c06a0-de6a-54ab-a142-c8b1cf79cde6"', ''].join('\n');
const WITHOUT_ARGPARSE = PROJECT.replace(/^ArgParse.*\n/m, '');
const APP = 'using ArgParse\n\nfunction (@main)(args)\n    return 0\nend\n';

const lineOf = (d: Diagnostic) => d.range.start.line;

describe('Project.toml diagnostics', () => {
  it('flags the ArgParse entry of the workspace Project.toml and the using line, not JSON', async () => {
    const c = await start({ files: { 'Project.toml': PROJECT, 'src/App.jl': APP } });
    const [d, ...rest] = await c.diagnosticsOf(c.uri('Project.toml'));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'TRIM703', source: 'trimsafe', severity: DiagnosticSeverity.Warning });
    expect(lineOf(d)).toBe(4);
    expect(d.range).toEqual({ start: { line: 4, character: 0 }, end: { line: 4, character: 'ArgParse'.length } });
    expect(d.message).toMatch(/^`ArgParse` is known to break trimmed builds/);
    const inSource = await c.diagnosticsOf(c.uri('src/App.jl'));
    expect(inSource.map((x) => `${x.code}:${lineOf(x)}`)).toEqual(['TRIM703:0']);
  });

  it('re-checks the file when the watcher reports a change, and watches it', async () => {
    const c = await start({ files: { 'Project.toml': PROJECT } });
    await c.diagnosticsOf(c.uri('Project.toml'));
    const reg = c.serverRequests.find((r) => r.method === 'client/registerCapability')!.params as { registrations: Array<{ registerOptions: { watchers: Array<{ globPattern: string }> } }> };
    expect(reg.registrations.flatMap((r) => r.registerOptions.watchers.map((w) => w.globPattern))).toContain('**/Project.toml');
    c.write('Project.toml', WITHOUT_ARGPARSE);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('Project.toml'), type: 2 }] });
    await c.diagnosticsOf(c.uri('Project.toml'), (d) => d.length === 0, 'ArgParse finding cleared');
    c.write('Project.toml', PROJECT);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('Project.toml'), type: 2 }] });
    const [back] = await c.diagnosticsOf(c.uri('Project.toml'));
    expect(lineOf(back)).toBe(4);
  });

  it('follows the editor text of an open Project.toml and the rule severity from settings', async () => {
    const c = await start({ files: { 'Project.toml': WITHOUT_ARGPARSE }, settings: { rules: { TRIM703: 'error' } } });
    await c.sync();
    expect(c.diagnostics.get(c.uri('Project.toml')) ?? []).toEqual([]);
    const uri = c.uri('Project.toml');
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'toml', version: 1, text: WITHOUT_ARGPARSE } });
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: PROJECT }] });
    // The settings may arrive after the text: the finding is re-published at their severity.
    const [d] = await c.diagnosticsOf(uri, (x) => x[0]?.severity === DiagnosticSeverity.Error, 'TRIM703 as an error');
    expect(d).toMatchObject({ code: 'TRIM703', range: { start: { line: 4 } } });
    // Closing falls back to the file on disk, which does not list ArgParse.
    await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await c.diagnosticsOf(uri, (x) => x.length === 0, 'cleared after close');
  });

  it('answers a pull request for Project.toml with the same findings', async () => {
    const c = await start({ files: { 'Project.toml': PROJECT }, pull: true });
    await c.diagnosticsOf(c.uri('Project.toml'));
    const report = await c.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: c.uri('Project.toml') } });
    expect(report.items.map((d) => `${d.code}:${lineOf(d)}`)).toEqual(['TRIM703:4']);
  });

  it('says nothing when the rule is off in .trimsafe.toml', async () => {
    const c = await start({ files: { 'Project.toml': PROJECT, '.trimsafe.toml': '[rules]\nTRIM703 = "off"\n', 'a.jl': APP } });
    await c.diagnosticsOf(c.uri('a.jl'), () => true);
    await c.sync();
    expect(c.diagnostics.get(c.uri('Project.toml')) ?? []).toEqual([]);
  });
});
