// The language server under hostile clients: raw bytes on stdin of `node dist/server/main.js --stdio`.
// Bad frames, bad JSON, unknown methods and documents, odd edits and cancellations are logged and
// the server keeps serving; a client that disappears makes it exit. A soak test of random edits
// checks that diagnostics end equal to a fresh check and that memory stays bounded.

import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSources, makeResolver } from '../../server/check';
import { makeTree } from '../cli/cli-helpers';

const MAIN = join(__dirname, '..', '..', 'dist', 'server', 'main.js');
const built = existsSync(MAIN);

interface Message {
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

class RawClient {
  readonly proc: ChildProcess;
  private buffer = Buffer.alloc(0);
  readonly messages: Message[] = [];
  stderr = '';
  private nextId = 1;
  private waiters: Array<() => void> = [];
  exited: Promise<number | null>;

  constructor(cwd: string) {
    this.proc = spawn(process.execPath, ['--expose-gc', MAIN, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.stdin!.on('error', () => undefined);
    this.exited = new Promise((r) => this.proc.on('exit', (code) => r(code)));
  }

  private onData(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const m = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString());
      const len = m ? Number(m[1]) : 0;
      if (this.buffer.length < end + 4 + len) return;
      this.messages.push(JSON.parse(this.buffer.subarray(end + 4, end + 4 + len).toString('utf8')));
      this.buffer = this.buffer.subarray(end + 4 + len);
      for (const w of this.waiters.splice(0)) w();
    }
  }

  raw(bytes: string | Buffer): void {
    this.proc.stdin!.write(bytes);
  }

  send(msg: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    this.raw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  async request(method: string, params: unknown, timeoutMs = 20_000): Promise<Message> {
    const id = this.nextId++;
    this.send({ id, method, params });
    return this.waitFor((m) => m.id === id && m.method === undefined, timeoutMs);
  }

  async waitFor(pred: (m: Message) => boolean, timeoutMs = 20_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(pred);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms; stderr:\n${this.stderr.slice(-2000)}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  async initialize(root: string): Promise<void> {
    const r = await this.request('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {}, workspaceFolders: null });
    expect(r.error).toBeUndefined();
    this.notify('initialized', {});
  }

  async alive(): Promise<void> {
    const r = await this.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere/none.jl' }, position: { line: 0, character: 0 } });
    expect(r.error === undefined || typeof r.error.code === 'number').toBe(true);
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

/** The server's resident memory (Linux), or NaN. The server collects garbage itself between parses. */
function residentBytes(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

const clients: RawClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.kill();
});

function start(root: string): RawClient {
  const c = new RawClient(root);
  clients.push(c);
  return c;
}

const uriOf = (root: string, name: string) => pathToFileURL(join(root, name)).href;

describe.skipIf(!built)('language server under hostile input', () => {
  it('keeps serving after malformed frames, bad JSON, unknown methods and unknown documents', async () => {
    const root = makeTree({ 'a.jl': 'x = 1\n' });
    const c = start(root);
    await c.initialize(root);
    // Invalid JSON in a well-formed frame.
    c.raw('Content-Length: 9\r\n\r\n{"broken:');
    await c.alive();
    // A JSON value that is not a message, and a request with a wrong params shape.
    c.send({ id: 'x', method: 'textDocument/hover', params: 42 });
    c.raw('Content-Length: 2\r\n\r\n[]');
    await c.alive();
    // Unknown request and notification.
    const unknown = await c.request('trimsafe/doesNotExist', {});
    expect(unknown.error?.code).toBe(-32601);
    c.notify('trimsafe/alsoUnknown', { a: 1 });
    // Requests about documents that were never opened.
    for (const method of ['textDocument/codeAction', 'textDocument/hover', 'textDocument/diagnostic']) {
      const r = await c.request(method, { textDocument: { uri: uriOf(root, 'ghost.jl') }, position: { line: 5, character: 5 }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } });
      expect(r.error?.code ?? 0).not.toBe(-32603);
    }
    c.notify('textDocument/didChange', { textDocument: { uri: uriOf(root, 'ghost.jl'), version: 2 }, contentChanges: [{ text: 'x' }] });
    c.notify('textDocument/didClose', { textDocument: { uri: uriOf(root, 'ghost.jl') } });
    await c.alive();
    expect(c.proc.exitCode).toBeNull();
  });

  it('survives out-of-range and overlapping edits, unfinished code and cancelled requests', async () => {
    const root = makeTree({});
    const c = start(root);
    await c.initialize(root);
    const uri = uriOf(root, 'm.jl');
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'julia', version: 1, text: 'function (@main)(args)\n    println("hi")\n    return 0\nend\n' } });
    const edits = [
      { range: { start: { line: 99, character: 0 }, end: { line: 120, character: 4 } }, text: 'oops' },
      { range: { start: { line: 1, character: 500 }, end: { line: 0, character: 0 } }, text: '😀' },
      { range: { start: { line: -1, character: -5 }, end: { line: 1, character: 2 } }, text: '' },
      { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } }, text: 'a' },
      { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 10 } }, text: 'b' },
    ];
    c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: edits });
    // Unfinished code the native parser never finishes: the server must still answer.
    c.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'function (@main)(args)\n    begin\n        println("x")\n' }] });
    const pending = c.request('textDocument/diagnostic', { textDocument: { uri } }, 30_000);
    c.notify('$/cancelRequest', { id: 999 });
    const r = await pending;
    expect(r.error?.code ?? 0).not.toBe(-32603);
    // Cancel a request right after sending it.
    const id = 5_000;
    c.send({ id, method: 'textDocument/diagnostic', params: { textDocument: { uri } } });
    c.notify('$/cancelRequest', { id });
    await c.waitFor((m) => m.id === id, 30_000);
    await c.alive();
    expect(c.stderr).not.toMatch(/unhandled rejection|uncaught error/);
  }, 60_000);

  it('exits when the client disappears mid-request', async () => {
    const root = makeTree({ 'a.jl': 'x = 1\n' });
    const c = start(root);
    await c.initialize(root);
    c.raw('Content-Length: 200\r\n\r\n{"jsonrpc":"2.0","id":77,"method":"textDocument/hover"');
    c.proc.stdin!.end();
    const code = await Promise.race([c.exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 10_000))]);
    expect(code).not.toBe('still running');
  });

  it('soak: random edits end in the same diagnostics as a fresh check, with bounded memory', async () => {
    const edits = Number(process.env.SOAK_EDITS ?? 2_000);
    const root = makeTree({});
    const c = start(root);
    await c.initialize(root);
    const names = ['a.jl', 'b.jl', 'c.jl'];
    const texts = new Map<string, string>();
    const versions = new Map<string, number>();
    const base = 'function (@main)(args)\n    println("hello")\n    x = readline()\n    @info "x" x\n    return 0\nend\n';
    for (const n of names) {
      texts.set(n, base);
      versions.set(n, 1);
      c.notify('textDocument/didOpen', { textDocument: { uri: uriOf(root, n), languageId: 'julia', version: 1, text: base } });
    }
    const snippets = ['println(x)\n', 'end\n', 'begin\n', '""', '(', ')', '#', 'print(io, 1)\n', '@warn "w"\n', '    ', 'Core.stdout', '😀', '\r\n', 'x'];
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const heap: number[] = [];
    for (let i = 0; i < edits; i++) {
      const n = names[rand(names.length)];
      const text = texts.get(n)!;
      const lines = text.split('\n');
      const line = rand(lines.length);
      const ch = rand(lines[line].length + 1);
      const del = rand(3) === 0 ? rand(6) : 0;
      const endCh = Math.min(lines[line].length, ch + del);
      const insert = rand(4) === 0 ? '' : snippets[rand(snippets.length)];
      const offset = lines.slice(0, line).reduce((s, l) => s + l.length + 1, 0);
      texts.set(n, text.slice(0, offset + ch) + insert + text.slice(offset + endCh));
      versions.set(n, versions.get(n)! + 1);
      c.notify('textDocument/didChange', { textDocument: { uri: uriOf(root, n), version: versions.get(n) }, contentChanges: [{ range: { start: { line, character: ch }, end: { line, character: endCh } }, text: insert }] });
      // Now and then ask for diagnostics, so the server parses and checks mid-stream.
      if (i % 100 === 99) await c.request('textDocument/diagnostic', { textDocument: { uri: uriOf(root, n) } }, 60_000);
      if (i === Math.floor(edits / 2) || i === edits - 1) {
        // Let the server catch up, then measure its heap after a collection.
        await c.request('textDocument/diagnostic', { textDocument: { uri: uriOf(root, n) } }, 60_000);
        heap.push(residentBytes(c.proc.pid));
      }
    }
    // A last edit per file appends a finished entrypoint, so the final texts hold findings to compare.
    const tail = '\nend\nend\nfunction (@main)(args)\n    println("z")\n    @info "done"\n    return 0\nend\n';
    for (const n of names) {
      const text = texts.get(n)!;
      const lines = text.split('\n');
      const last = { line: lines.length - 1, character: lines[lines.length - 1].length };
      texts.set(n, text + tail);
      versions.set(n, versions.get(n)! + 1);
      c.notify('textDocument/didChange', { textDocument: { uri: uriOf(root, n), version: versions.get(n) }, contentChanges: [{ range: { start: last, end: last }, text: tail }] });
    }
    let compared = 0;
    for (const n of names) {
      const pulled = await c.request('textDocument/diagnostic', { textDocument: { uri: uriOf(root, n) } }, 60_000);
      const got = ((pulled.result as { items?: Array<{ code?: string; range: { start: { line: number; character: number } } }> })?.items ?? [])
        .map((d) => `${d.range.start.line}:${d.range.start.character}:${d.code}`)
        .sort();
      const fresh = (await checkSources([{ path: join(root, n), text: texts.get(n)! }], makeResolver(root)))
        .map((f) => `${f.range.start.line}:${f.range.start.character}:${f.code}`)
        .sort();
      expect(got, n).toEqual(fresh);
      compared += fresh.length;
    }
    expect(compared).toBeGreaterThan(0);
    expect(c.stderr).not.toMatch(/unhandled rejection|uncaught error/);
    console.log(`soak: ${edits} edits over ${names.length} files, ${compared} final diagnostics equal to a fresh check; resident memory at midpoint/end: ${heap.map((h) => (Number.isNaN(h) ? 'n/a' : `${Math.round(h / 1e6)} MB`)).join(' / ')}`);
    if (heap.every((h) => !Number.isNaN(h))) expect(heap[1]).toBeLessThan(heap[0] * 2 + 50e6);
  }, 120_000);
});
