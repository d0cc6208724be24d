// The built server as editors run it: `node dist/server/main.js --stdio` spoken to over pipes, and a
// real client, Neovim 0.7 headless, applying a quick fix end to end.

import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtocolConnection, ProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, MAIN_WITH_PRINTLN } from './harness';

const repo = join(__dirname, '..', '..');
const mainJs = join(repo, 'dist', 'server', 'main.js');

beforeAll(() => {
  ensureBuilt();
  expect(existsSync(join(repo, 'dist', 'server', 'lsp', 'server.js'))).toBe(true);
}, 120_000);

describe('trimsafe --stdio', () => {
  let child: ChildProcess;
  let connection: ProtocolConnection;
  let root: string;
  let stderr = '';

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'trimsafe-stdio-'));
    writeFileSync(join(root, 'a.jl'), MAIN_WITH_PRINTLN);
    child = spawn(process.execPath, [mainJs, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', (b) => (stderr += b));
  });

  afterAll(() => {
    connection?.dispose();
    if (child.exitCode === null) child.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('survives a malformed message, serves diagnostics and exits cleanly on shutdown/exit', async () => {
    // Invalid JSON in a well-framed message first: the server must log it and keep reading.
    const bad = '{"jsonrpc": "2.0", "method": ';
    child.stdin!.write(`Content-Length: ${Buffer.byteLength(bad)}\r\n\r\n${bad}`);
    connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const diagnostics = new Promise<Array<{ code: string }>>((resolve) => {
      connection.onNotification('textDocument/publishDiagnostics', (p: { diagnostics: Array<{ code: string }> }) => {
        if (p.diagnostics.length > 0) resolve(p.diagnostics);
      });
    });
    connection.onRequest(() => null);
    connection.listen();
    const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {}, initializationOptions: { debounceMs: 0 } })) as {
      capabilities: { textDocumentSync: unknown };
    };
    expect(init.capabilities.textDocumentSync).toMatchObject({ change: 2 });
    await connection.sendNotification('initialized', {});
    const uri = pathToFileURL(join(root, 'a.jl')).href;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'julia', version: 1, text: MAIN_WITH_PRINTLN } });
    const [d] = await diagnostics;
    expect(d.code).toBe('TRIM101');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});

function hasNvim(): boolean {
  return spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;
}

const NVIM = hasNvim();
if (!NVIM) console.warn('skipping the Neovim end-to-end test: nvim is not on PATH (apt-get install neovim)');

describe.skipIf(!NVIM)('Neovim 0.7 headless (skipped when nvim is not on PATH)', () => {
  it('shows the diagnostic with its code and applies the Core.stdout quick fix', () => {
    const root = mkdtempSync(join(tmpdir(), 'trimsafe-nvim-'));
    try {
      writeFileSync(join(root, 'a.jl'), MAIN_WITH_PRINTLN);
      const out = join(root, 'result.txt');
      const script = join(root, 'test.lua');
      writeFileSync(script, NVIM_SCRIPT);
      const run = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${script}`], {
        cwd: root,
        env: { ...process.env, TS_ROOT: root, TS_OUT: out, TS_MAIN: mainJs, TS_NODE: process.execPath },
        timeout: 60_000,
        encoding: 'utf8',
      });
      const result = existsSync(out) ? readFileSync(out, 'utf8').split('\n') : [];
      expect(result, `nvim exited ${run.status}: ${run.stderr}`).toContain('code=TRIM101');
      expect(result).toContain('line=    println(Core.stdout, "hi")');
      expect(run.status).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

// The user's path through Neovim 0.7: diagnostics arrive, `vim.lsp.buf.code_action()` asks the server
// (Neovim 0.7 sends the line's diagnostics), the user picks the fix, Neovim applies its edit.
const NVIM_SCRIPT = String.raw`
local root, out = os.getenv('TS_ROOT'), os.getenv('TS_OUT')
local function finish(lines, ok)
  vim.fn.writefile(lines, out)
  vim.cmd(ok and 'qa!' or 'cq')
end
local id = vim.lsp.start_client({
  name = 'trimsafe',
  cmd = { os.getenv('TS_NODE'), os.getenv('TS_MAIN'), '--stdio' },
  root_dir = root,
  init_options = { debounceMs = 0 },
})
vim.cmd('edit ' .. root .. '/a.jl')
vim.lsp.buf_attach_client(0, id)
if not vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50) then
  finish({ 'no diagnostics' }, false)
  return
end
local d = vim.diagnostic.get(0)[1]
local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
vim.ui.select = function(items, opts, on_choice)
  for i, item in ipairs(items) do
    local action = item[2] or item.action or item
    if action.title == 'Write to Core.stdout' then return on_choice(item, i) end
  end
  on_choice(nil, nil)
end
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
vim.lsp.buf.code_action()
local fixed = vim.wait(20000, function()
  return vim.api.nvim_buf_get_lines(0, 1, 2, false)[1]:find('Core.stdout', 1, true) ~= nil
end, 50)
local line = vim.api.nvim_buf_get_lines(0, 1, 2, false)[1]
finish({ 'code=' .. tostring(code), 'line=' .. line }, fixed)
`;
