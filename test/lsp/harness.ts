// An LSP client and the trimsafe server in one process, over two pairs of streams, as
// vscode-languageserver-node's own connection tests do. The client records every notification and
// answers the server's requests (configuration, registration, progress, refresh).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { ClientCapabilities, createConnection, Diagnostic, InitializeResult, ProtocolConnection, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, WorkDoneProgress } from 'vscode-languageserver-protocol/node';
import { afterEach } from 'vitest';
import { createTrimsafeServer, TrimsafeServer } from '../../server/lsp/server';

export interface StartOptions {
  /** Files to create in a fresh temporary workspace (relative path to text). */
  files?: Record<string, string>;
  /** Use this folder instead of a temporary one. */
  root?: string;
  /** Additional folders for a multi-root workspace. */
  extraRoots?: string[];
  pull?: boolean;
  initializationOptions?: unknown;
  /** What `workspace/configuration` answers for section `trimsafe`. */
  settings?: Record<string, unknown>;
  progress?: boolean;
  capabilities?: ClientCapabilities;
}

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly diagnosticVersions = new Map<string, number | undefined>();
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  readonly serverRequests: Array<{ method: string; params: unknown }> = [];
  readonly logs: string[] = [];
  readonly messages: string[] = [];
  readonly progress: Array<{ kind: string; title?: string; message?: string; percentage?: number }> = [];
  settings: Record<string, unknown>;
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();
  private listeners: Array<() => void> = [];
  initializeResult!: InitializeResult;

  private constructor(
    readonly root: string,
    readonly connection: ProtocolConnection,
    readonly server: TrimsafeServer,
    private readonly ownsRoot: boolean,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const root = options.root ?? mkdtempSync(join(tmpdir(), 'trimsafe-lsp-'));
    for (const [rel, text] of Object.entries(options.files ?? {})) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
    const up = new PassThrough();
    const down = new PassThrough();
    // Reader and writer objects (not raw streams) so the server never calls process.exit.
    const serverConnection = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
    const server = createTrimsafeServer(serverConnection);
    const connection = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    const client = new TestClient(root, connection, server, !options.root, options.settings ?? {});
    client.wire();
    connection.listen();
    const capabilities: ClientCapabilities = options.capabilities ?? {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
        diagnostics: options.pull ? { refreshSupport: true } : undefined,
      },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        diagnostic: options.pull ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
      },
      window: { workDoneProgress: options.progress ?? true },
    };
    const folders = [root, ...(options.extraRoots ?? [])].map((r) => ({ uri: pathToFileURL(r).href, name: r }));
    client.initializeResult = (await connection.sendRequest('initialize', {
      processId: null,
      rootUri: folders[0].uri,
      workspaceFolders: folders,
      capabilities,
      initializationOptions: options.initializationOptions ?? { debounceMs: 0 },
    })) as InitializeResult;
    await connection.sendNotification('initialized', {});
    return client;
  }

  private wire(): void {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[]; version?: number }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.diagnosticVersions.set(p.uri, p.version);
      this.notify();
    });
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    c.onNotification('window/showMessage', (p: { message: string }) => {
      this.messages.push(p.message);
      this.notify();
    });
    c.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.notify();
    });
    c.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => {
      this.serverRequests.push({ method: 'workspace/configuration', params: p });
      return p.items.map((i) => (i.section === 'trimsafe' ? this.settings : null));
    });
    c.onRequest((method: string, params: unknown) => {
      this.serverRequests.push({ method, params });
      if (method === 'window/workDoneProgress/create') {
        c.onProgress(WorkDoneProgress.type, (params as { token: string | number }).token, (value) => {
          this.progress.push(value);
          this.notify();
        });
      }
      this.notify();
      return null;
    });
  }

  private notify(): void {
    const l = this.listeners;
    this.listeners = [];
    for (const f of l) f();
  }

  /** Waits until `pred` holds, re-checking after every message from the server. */
  async waitFor<T>(pred: () => T | undefined | null | false, what = 'condition', timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = pred();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; logs:\n${this.logs.join('\n')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 25);
        this.listeners.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  uri(rel: string): string {
    return pathToFileURL(join(this.root, rel)).href;
  }

  path(rel: string): string {
    return join(this.root, rel);
  }

  write(rel: string, text: string): void {
    mkdirSync(dirname(join(this.root, rel)), { recursive: true });
    writeFileSync(join(this.root, rel), text);
  }

  async open(rel: string, text: string): Promise<string> {
    const uri = this.uri(rel);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'julia', version: 1, text } });
    return uri;
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async replaceAll(uri: string, text: string): Promise<number> {
    this.texts.set(uri, text);
    return this.change(uri, [{ text }]);
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async diagnosticsOf(uri: string, pred: (d: Diagnostic[]) => boolean = (d) => d.length > 0, what?: string): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const d = this.diagnostics.get(uri);
      return d && pred(d) ? d : undefined;
    }, what ?? `diagnostics for ${uri}`);
  }

  /** Waits until the server is idle and every message it sent before that has arrived. */
  async sync(): Promise<void> {
    await this.server.idle();
    await this.request('textDocument/hover', { textDocument: { uri: 'file:///nonexistent/sync.jl' }, position: { line: 0, character: 0 } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    if (this.ownsRoot) rmSync(this.root, { recursive: true, force: true });
  }
}

/** Applies LSP text edits (one document) to a text, last first. */
export function applyTextEdits(text: string, edits: Array<{ range: Diagnostic['range']; newText: string }>): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, p.line + 1 < starts.length ? starts[p.line + 1] - 1 : text.length));
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

export const MAIN_WITH_PRINTLN = 'function (@main)(args)\n    println("hi")\n    return 0\nend\n';

export const REPO_ROOT = join(__dirname, '..', '..');
export const BUILT_MAIN_JS = join(REPO_ROOT, 'dist', 'server', 'main.js');

/** Newest modification time of the TypeScript sources the build compiles. */
function newestSource(): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) visit(p);
      else if (name.endsWith('.ts')) newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const d of ['grammar-bindings', 'analysis', 'rules', 'server']) visit(join(REPO_ROOT, d));
  return newest;
}

/** Builds dist/ when it is missing or older than the sources (npm test builds first, so usually not). */
export function ensureBuilt(): void {
  const serverJs = join(REPO_ROOT, 'dist', 'server', 'lsp', 'server.js');
  if (!existsSync(BUILT_MAIN_JS) || !existsSync(serverJs) || statSync(serverJs).mtimeMs < newestSource()) {
    spawnSync('npx', ['tsc', '-p', '.'], { cwd: REPO_ROOT, stdio: 'ignore' });
  }
}

/**
 * A `start(options)` for a test file: each test's client is disposed after the test. Call at the top
 * level of the file.
 */
export function clientPerTest(): (options?: StartOptions) => Promise<TestClient> {
  let client: TestClient | null = null;
  afterEach(async () => {
    await client?.dispose();
    client = null;
  });
  return async (options = {}) => {
    client = await TestClient.start(options);
    return client;
  };
}
