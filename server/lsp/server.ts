// The language server: keeps each workspace's project up to date as documents change, schedules
// analysis (the open files first, then the rest in the background), and publishes or serves the
// same findings `trimsafe --check` prints, with fixes as code actions and rule docs on hover.

import { basename } from 'node:path';
import {
  CancellationToken,
  CodeActionKind,
  CodeActionParams,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWatchedFilesParams,
  DocumentDiagnosticReport,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  WorkspaceDocumentDiagnosticReport,
  WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../../analysis/finding';
import { getBackend } from '../../grammar-bindings';
import { Backend } from '../../grammar-bindings/backend';
import { VERSION } from '../cli';
import { CONFIG_FILE_NAME } from '../config';
import { discoverFiles, isExcluded } from '../sources';
import { codeActions, FIX_ALL_KIND } from './actions';
import { JULIAC_SOURCE, pathToUri, toDiagnostic, uriToPath } from './convert';
import { hoverAt } from './hover';
import { isProjectFile, PROJECT_FILE_GLOBS, ProjectTomlDiagnostics } from './project-toml';
import { DEFAULT_DEBOUNCE_MS, EditorSettings, mergeSettings, parseEditorSettings } from './settings';
import { verifierFindings } from './verifier';
import { Workspace } from './workspace';

interface PullState {
  resultId: string;
  key: string;
}

/** Yields to the event loop so pending messages (a newer change, a cancellation) are handled. */
const yieldNow = () => new Promise<void>((r) => setImmediate(r));

/** Pause in typing after which files other than the edited one are re-checked. */
const BACKGROUND_DELAY_MS = 300;
/**
 * The workspace scan adds the files it reads to the project this many at a time: a keystroke in
 * between patches the project-wide tables (call graph, view) instead of rebuilding them for a
 * project that grew.
 */
const SCAN_BATCH_FILES = 200;

export class TrimsafeServer {
  private backend: Backend | null = null;
  private workspaces: Workspace[] = [];
  private loose: Workspace | null = null;
  private readonly documents = new TextDocuments(TextDocument);
  private initSettings: EditorSettings = {};
  private pushedSettings: EditorSettings = {};
  private pullMode = false;
  private refreshSupport = false;
  private configurationSupport = false;
  private dynamicWatchers = false;
  private dynamicConfiguration = false;
  private workspaceFoldersSupport = false;
  private readonly clientUris = new Map<string, string>();
  private readonly pushed = new Map<string, { version: number | null; key: string }>();
  private readonly pullState = new Map<string, PullState>();
  private resultCounter = 0;
  /** Each workspace's scheduled analysis: its timer, when it is due, and its background delay. */
  private readonly pending = new Map<Workspace, { timer: NodeJS.Timeout; at: number; backgroundDelay: number }>();
  private readonly backgroundTimers = new Map<Workspace, NodeJS.Timeout>();
  private readonly scanTokens = new Map<Workspace, object>();
  private changeWaiters: Array<() => void> = [];
  private readonly configDiagnostics = new Map<string, string>();
  private readonly projectTomls = new ProjectTomlDiagnostics(
    (p) => this.uriOf(p),
    (uri, diagnostics) => void this.connection.sendDiagnostics({ uri, diagnostics }).catch((err) => this.logError('publishDiagnostics', err)),
  );
  private readonly shownMessages = new Set<string>();
  private shuttingDown = false;
  private analysing = 0;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.guardAsync('initialized', () => this.initialized()));
    c.onShutdown(() => this.shutdown());
    this.documents.onDidChangeContent((e) => this.guard('didChange', () => this.documentChanged(e.document)));
    this.documents.onDidClose((e) => this.guard('didClose', () => this.documentClosed(e.document)));
    this.documents.listen(c);
    c.onDidChangeWatchedFiles((p) => this.guard('didChangeWatchedFiles', () => this.watchedFilesChanged(p)));
    c.onDidChangeConfiguration((p) => void this.guardAsync('didChangeConfiguration', () => this.configurationChanged(p.settings)));
    c.onCodeAction((p, token) => this.guard('codeAction', () => this.codeAction(p, token), []));
    c.onHover((p, token) => this.guard('hover', () => this.hover(p.textDocument.uri, p.position, token), null));
    c.languages.diagnostics.on((p, token) =>
      this.guard('textDocument/diagnostic', () => this.documentDiagnostic(p.textDocument.uri, p.previousResultId), { kind: 'full', items: [] } as DocumentDiagnosticReport),
    );
    c.languages.diagnostics.onWorkspace(async (p, token) => {
      try {
        return await this.workspaceDiagnostic(p.previousResultIds, token);
      } catch (err) {
        this.logError('workspace/diagnostic', err);
        return { items: [] };
      }
    });
    c.listen();
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  private async initialize(params: InitializeParams): Promise<InitializeResult> {
    this.backend = await getBackend();
    const caps = params.capabilities;
    this.pullMode = !!caps.textDocument?.diagnostic;
    this.refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    this.configurationSupport = !!caps.workspace?.configuration;
    this.dynamicWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.dynamicConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    this.workspaceFoldersSupport = !!caps.workspace?.workspaceFolders;
    const { settings, problems } = parseEditorSettings(params.initializationOptions);
    this.initSettings = settings;
    for (const p of problems) this.log(`initializationOptions: ${p}`);

    const folders: WorkspaceFolder[] =
      params.workspaceFolders && params.workspaceFolders.length > 0
        ? params.workspaceFolders
        : params.rootUri
          ? [{ uri: params.rootUri, name: basename(uriToPath(params.rootUri)) }]
          : params.rootPath
            ? [{ uri: pathToUri(params.rootPath), name: basename(params.rootPath) }]
            : [];
    for (const f of folders) this.addWorkspace(f);
    this.loose = new Workspace(null, null, this.initSettings, this.backend);

    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND] },
        hoverProvider: true,
        diagnosticProvider: { identifier: 'trimsafe', interFileDependencies: true, workspaceDiagnostics: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'trimsafe', version: VERSION },
    };
  }

  private async initialized(): Promise<void> {
    if (this.dynamicWatchers) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/*.jl' }, { globPattern: '**/.gitignore' }, ...PROJECT_FILE_GLOBS.map((globPattern) => ({ globPattern }))],
      });
    }
    if (this.dynamicConfiguration) await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'trimsafe' });
    if (this.workspaceFoldersSupport) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) =>
        this.guard('didChangeWorkspaceFolders', () => {
          for (const f of e.removed) this.removeWorkspace(f.uri);
          for (const f of e.added) {
            const ws = this.addWorkspace(f);
            void this.refreshSettings().then(() => this.startScan(ws));
          }
        }),
      );
    }
    await this.refreshSettings();
    for (const ws of this.workspaces) void this.startScan(ws);
  }

  private shutdown(): void {
    this.shuttingDown = true;
    for (const p of this.pending.values()) clearTimeout(p.timer);
    for (const t of this.backgroundTimers.values()) clearTimeout(t);
    this.pending.clear();
    this.backgroundTimers.clear();
    this.scanTokens.clear();
    for (const ws of this.allWorkspaces()) ws.dispose();
    for (const w of this.changeWaiters) w();
    this.changeWaiters = [];
  }

  private addWorkspace(folder: WorkspaceFolder): Workspace {
    const root = uriToPath(folder.uri);
    const existing = this.workspaces.find((w) => w.root === root);
    if (existing) return existing;
    const ws = new Workspace(root, folder.uri, this.initSettings, this.backend!);
    this.workspaces.push(ws);
    // Open documents that belong to the new folder move into it.
    if (this.loose) {
      for (const doc of [...this.loose.open.values()]) {
        if (!ws.contains(doc.path)) continue;
        this.loose.closeDocument(doc.path);
        ws.openDocument(doc.uri, doc.path, doc.version, doc.text);
      }
    }
    return ws;
  }

  private removeWorkspace(uri: string): void {
    const root = uriToPath(uri);
    const ws = this.workspaces.find((w) => w.root === root);
    if (!ws) return;
    this.workspaces = this.workspaces.filter((w) => w !== ws);
    this.scanTokens.delete(ws);
    this.cancelPending(ws);
    const paths = [...ws.project.files.keys()];
    const open = [...ws.open.values()];
    ws.dispose();
    this.projectTomls.forget(ws);
    for (const p of paths) this.publishPath(ws, p, []);
    for (const doc of open) {
      const target = this.workspaceFor(doc.path);
      target.openDocument(doc.uri, doc.path, doc.version, doc.text);
      this.schedule(target, 0);
    }
  }

  private allWorkspaces(): Workspace[] {
    return this.loose ? [...this.workspaces, this.loose] : [...this.workspaces];
  }

  private workspaceFor(path: string): Workspace {
    let best: Workspace | null = null;
    for (const ws of this.workspaces) {
      if (ws.contains(path) && (!best || ws.root!.length > best.root!.length)) best = ws;
    }
    return best ?? this.loose!;
  }

  // ---- settings and configuration ----------------------------------------------------------

  private debounceMs(): number {
    return this.initSettings.debounceMs ?? this.pushedSettings.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  }

  private async configurationChanged(settings: unknown): Promise<void> {
    if (!this.configurationSupport) {
      const parsed = parseEditorSettings(settings);
      for (const p of parsed.problems) this.log(`settings: ${p}`);
      this.pushedSettings = parsed.settings;
    }
    await this.refreshSettings();
  }

  /** Reads the `trimsafe` section per folder; a workspace whose settings changed is re-checked. */
  private async refreshSettings(): Promise<void> {
    for (const ws of this.allWorkspaces()) {
      let layer: EditorSettings = this.pushedSettings;
      if (this.configurationSupport) {
        try {
          const raw = await this.connection.workspace.getConfiguration(ws.rootUri ? { scopeUri: ws.rootUri, section: 'trimsafe' } : { section: 'trimsafe' });
          const parsed = parseEditorSettings(raw);
          for (const p of parsed.problems) this.log(`settings: ${p}`);
          layer = parsed.settings;
        } catch (err) {
          this.logError('workspace/configuration', err);
        }
      }
      const next = mergeSettings(this.initSettings, layer);
      if (JSON.stringify(next) === JSON.stringify(ws.settings)) continue;
      const capChanged = next.maxWorkspaceFiles !== ws.settings.maxWorkspaceFiles;
      ws.resetConfig(next);
      this.projectTomls.refreshWorkspace(ws);
      if (capChanged && ws.scanDone) void this.startScan(ws);
      else this.schedule(ws, 0);
    }
  }

  /** Config files changed: fresh resolvers, and a rescan since excludes may have changed. */
  private reloadConfigs(): void {
    for (const ws of this.allWorkspaces()) {
      ws.resetConfig();
      for (const doc of ws.open.values()) doc.dirty = true;
      if (ws.root) void this.startScan(ws);
      else this.schedule(ws, 0);
    }
  }

  private reportConfigErrors(): void {
    const now = new Map<string, Diagnostic[]>();
    for (const ws of this.allWorkspaces()) {
      for (const err of ws.resolver.errors.values()) {
        const uri = this.uriOf(err.file);
        const line = Math.max(0, (err.line ?? 1) - 1);
        const list = now.get(uri) ?? [];
        if (!list.some((d) => d.message === err.reason)) {
          list.push({ range: { start: { line, character: 0 }, end: { line, character: 1000 } }, severity: DiagnosticSeverity.Error, source: 'trimsafe', message: `${err.reason} (using default settings until this is fixed)` });
        }
        now.set(uri, list);
        const shown = `${err.file}:${err.message}`;
        if (!this.shownMessages.has(shown)) {
          this.shownMessages.add(shown);
          this.showMessage(MessageType.Error, `trimsafe: config error: ${err.message}; using defaults`);
        }
      }
    }
    for (const [uri, diagnostics] of now) {
      const key = JSON.stringify(diagnostics);
      if (this.configDiagnostics.get(uri) === key) continue;
      this.configDiagnostics.set(uri, key);
      void this.connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of [...this.configDiagnostics.keys()]) {
      if (now.has(uri)) continue;
      this.configDiagnostics.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  // ---- documents ---------------------------------------------------------------------------

  private isJulia(doc: TextDocument): boolean {
    return doc.languageId === 'julia' || doc.uri.endsWith('.jl');
  }

  private documentChanged(doc: TextDocument): void {
    if (doc.uri.endsWith('Project.toml')) return this.projectFileEdited(doc);
    if (!this.isJulia(doc) || !this.backend) return;
    const path = uriToPath(doc.uri);
    this.clientUris.set(path, doc.uri);
    const ws = this.workspaceFor(path);
    if (ws.open.has(path)) {
      ws.changeDocument(path, doc.version, doc.getText());
      this.schedule(ws, this.debounceMs(), BACKGROUND_DELAY_MS);
    } else {
      ws.openDocument(doc.uri, path, doc.version, doc.getText());
      this.schedule(ws, 0, BACKGROUND_DELAY_MS);
    }
  }

  private documentClosed(doc: TextDocument): void {
    if (doc.uri.endsWith('Project.toml')) return this.projectTomls.closed(this.workspaceFor(uriToPath(doc.uri)), uriToPath(doc.uri));
    if (!this.isJulia(doc)) return;
    const path = uriToPath(doc.uri);
    const ws = this.workspaceFor(path);
    const left = ws.closeDocument(path);
    if (left) this.publishPath(ws, path, []);
    this.schedule(ws, this.debounceMs());
  }

  private projectFileEdited(doc: TextDocument): void {
    const path = uriToPath(doc.uri);
    if (!isProjectFile(path)) return;
    this.clientUris.set(path, doc.uri);
    this.projectTomls.changed(this.workspaceFor(path), path, doc.getText());
  }

  private watchedFilesChanged(params: DidChangeWatchedFilesParams): void {
    let configChanged = false;
    const touched = new Set<Workspace>();
    for (const change of params.changes ?? []) {
      const path = uriToPath(change.uri);
      const name = basename(path);
      if (isProjectFile(path)) {
        this.projectTomls.refresh(this.workspaceFor(path), path);
        continue;
      }
      if (name === CONFIG_FILE_NAME || name === '.gitignore') {
        configChanged = true;
        continue;
      }
      if (!path.endsWith('.jl')) continue;
      const ws = this.workspaceFor(path);
      if (!ws.root || ws.open.has(path)) continue;
      if (change.type === FileChangeType.Deleted) {
        if (!ws.project.files.has(path) && !ws.scanned.has(path)) continue;
        ws.removeFile(path);
        this.publishPath(ws, path, []);
        touched.add(ws);
      } else if (ws.scanned.has(path) || (change.type === FileChangeType.Created && !isExcluded(path, ws.configFor(path)))) {
        ws.scanned.add(path);
        if (!ws.loadFromDisk(path)) this.publishPath(ws, path, []);
        touched.add(ws);
      }
    }
    if (configChanged) this.reloadConfigs();
    else for (const ws of touched) this.schedule(ws, this.debounceMs());
  }

  // ---- analysis ----------------------------------------------------------------------------

  /**
   * Analyses `ws` after `delay` ms (a newer call replaces an older one). Files other than the changed
   * documents are re-checked `backgroundDelay` ms later, once typing pauses: a change can alter
   * their findings (reachability, types seen at call sites) but they are not what the user looks at.
   */
  private schedule(ws: Workspace, delay: number, backgroundDelay = 0): void {
    if (this.shuttingDown) return;
    this.cancelPending(ws);
    this.cancelBackground(ws);
    const timer = setTimeout(() => {
      this.pending.delete(ws);
      this.analyse(ws, backgroundDelay);
    }, delay);
    this.pending.set(ws, { timer, at: performance.now() + delay, backgroundDelay });
  }

  /** Drops `ws`'s scheduled analysis, if any, and returns it. */
  private cancelPending(ws: Workspace): { backgroundDelay: number; at: number } | undefined {
    const p = this.pending.get(ws);
    if (!p) return undefined;
    clearTimeout(p.timer);
    this.pending.delete(ws);
    return p;
  }

  /**
   * Runs an analysis whose debounce has run out now, rather than when its timer comes round: the
   * workspace scan and the background re-check call this before each file, so a keystroke waits
   * for at most one file's work.
   */
  private runDue(ws: Workspace): boolean {
    const p = this.pending.get(ws);
    if (!p || p.at > performance.now()) return false;
    this.cancelPending(ws);
    this.analyse(ws, p.backgroundDelay);
    return true;
  }

  private cancelBackground(ws: Workspace): void {
    const bg = this.backgroundTimers.get(ws);
    if (bg) clearTimeout(bg);
    this.backgroundTimers.delete(ws);
  }

  private hasUnanalysedDocument(ws: Workspace): boolean {
    for (const d of ws.open.values()) if (d.dirty && d.analysedVersion === null) return true;
    return false;
  }

  /** Runs any pending analysis of `ws` now, so a request sees findings for the current text. */
  private flush(ws: Workspace): void {
    if (!this.cancelPending(ws) && !ws.hasDirtyDocuments()) return;
    this.analyse(ws, BACKGROUND_DELAY_MS);
  }

  /** The changed documents, synchronously, so the newest text always wins; then the rest later. */
  private analyse(ws: Workspace, backgroundDelay: number): void {
    if (this.shuttingDown) return;
    const generation = ++ws.generation;
    try {
      const changed = ws.refreshOpenDocuments((path, err) => this.logError(`parsing ${path}`, err));
      // Open documents never checked yet (a config reload marks them all dirty, so they are here).
      for (const p of ws.open.keys()) if (!ws.findings.has(p) && !changed.includes(p)) changed.push(p);
      // A document just opened whose findings the scan computed from the same text is not re-checked.
      ws.check(changed.filter((p) => !ws.isUpToDate(p)), generation);
      for (const p of changed) this.publishPath(ws, p);
      for (const p of ws.open.keys()) if (!ws.project.files.has(p)) this.publishPath(ws, p, []);
      this.reportConfigErrors();
    } catch (err) {
      this.logError('analysis', err);
    }
    this.wakeWaiters();
    // Documents parsed for the first time need the binding's tree before the next keystroke's
    // incremental reparse; make it now that their diagnostics are out, one document per turn of the
    // event loop so a keystroke waits for one parse at most, and not while a change is waiting.
    const prime = () => {
      if (this.shuttingDown || this.pending.has(ws)) return;
      if (ws.primeOneDocument()) setImmediate(prime);
    };
    setImmediate(prime);
    if (ws.scanning) return;
    this.cancelBackground(ws);
    this.backgroundTimers.set(
      ws,
      setTimeout(() => {
        this.backgroundTimers.delete(ws);
        void this.analyseRest(ws, generation);
      }, backgroundDelay),
    );
  }

  /**
   * Re-checks every file whose findings predate the project's current state, one file at a time
   * with a yield between files (so a keystroke waits for one file at most), stopping when anything
   * changes.
   */
  private async analyseRest(ws: Workspace, generation: number): Promise<void> {
    if (ws.generation !== generation || this.shuttingDown) return;
    const changedOthers: string[] = [];
    this.analysing++;
    try {
      const rest = [...ws.project.files.keys()].filter((p) => ws.checkedAt.get(p) !== generation && !ws.isUpToDate(p)).sort();
      for (let i = 0; i < rest.length; i++) {
        if (i > 0) {
          await yieldNow();
          if (ws.generation !== generation || this.shuttingDown || this.runDue(ws)) return;
        }
        // A file may have been checked meanwhile (a document opened or edited is checked at once).
        if (ws.isUpToDate(rest[i])) continue;
        ws.check([rest[i]], generation);
        if (this.publishPath(ws, rest[i])) changedOthers.push(rest[i]);
      }
      this.reportConfigErrors();
    } catch (err) {
      this.logError('background analysis', err);
    } finally {
      this.analysing--;
      if (ws.generation === generation) this.wakeWaiters();
    }
    if (this.pullMode && this.refreshSupport && changedOthers.length > 0) {
      this.connection.languages.diagnostics.refresh().catch((err) => this.logError('workspace/diagnostic/refresh', err));
    }
  }

  private async startScan(ws: Workspace): Promise<void> {
    if (!ws.root || this.shuttingDown) return;
    this.projectTomls.refreshWorkspace(ws);
    const token = {};
    this.scanTokens.set(ws, token);
    const current = () => this.scanTokens.get(ws) === token && !this.shuttingDown;
    ws.scanning = true;
    ws.scanDone = false;
    // Let queued messages (didOpen) in, and check the open files before the walk.
    await yieldNow();
    this.flush(ws);
    await yieldNow();
    if (!current()) return;
    let files: string[] = [];
    try {
      files = discoverFiles([ws.root], { cwd: ws.root, configs: ws.resolver }).files;
    } catch (err) {
      this.logError(`scanning ${ws.root}`, err);
    }
    const cap = ws.resolver.forDirectory(ws.root).maxWorkspaceFiles;
    ws.capped = Math.max(0, files.length - cap);
    if (ws.capped > 0) {
      files = files.slice(0, cap);
      const msg = `trimsafe: ${ws.root} has ${files.length + ws.capped} Julia files; checking the first ${cap} (set max-workspace-files in .trimsafe.toml or maxWorkspaceFiles in the editor to change this).`;
      this.log(msg);
      this.showMessage(MessageType.Warning, msg);
    }
    const keep = new Set(files);
    for (const old of [...ws.scanned]) {
      if (keep.has(old)) continue;
      ws.removeFile(old);
      this.publishPath(ws, old, []);
    }
    for (const f of files) ws.scanned.add(f);
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => null);
    progress?.begin('trimsafe', 0, `checking ${files.length} files`, false);
    let lastReport = performance.now();
    try {
      for (let i = 0; i < files.length; i++) {
        if (!current()) return;
        // A document opened or edited during the scan is checked before more files are read.
        if (this.hasUnanalysedDocument(ws)) this.flush(ws);
        else this.runDue(ws);
        if (!ws.open.has(files[i])) {
          try {
            ws.readForScan(files[i]);
          } catch (err) {
            this.logError(`reading ${files[i]}`, err);
          }
        }
        if (ws.scanPendingCount >= SCAN_BATCH_FILES) ws.addScannedFiles();
        if (performance.now() - lastReport > 100) {
          lastReport = performance.now();
          progress?.report(Math.floor(((i + 1) * 100) / files.length), `${i + 1}/${files.length} files`);
        }
        await yieldNow();
      }
      ws.addScannedFiles();
      ws.scanning = false;
      ws.scanDone = true;
      this.schedule(ws, 0);
    } finally {
      progress?.done();
      if (!current()) ws.scanning = ws.scanning && this.scanTokens.has(ws);
    }
  }

  // ---- publishing --------------------------------------------------------------------------

  private uriOf(path: string): string {
    return this.clientUris.get(path) ?? pathToUri(path);
  }

  private diagnosticsFor(ws: Workspace, path: string, findings: Finding[] = ws.findings.get(path) ?? []): Diagnostic[] {
    const doc = ws.open.get(path);
    const ctx = { project: ws.project, uriOf: (p: string) => this.uriOf(p), version: doc ? doc.analysedVersion : null };
    const out = findings.map((f) => toDiagnostic(f, ctx));
    const config = ws.project.files.has(path) ? ws.configFor(path) : null;
    if (config?.verifierLog) {
      const own = () => [...ws.findings.values()].flat();
      for (const f of verifierFindings(config.verifierLog, path, ws.project, own, (m) => this.log(m))) out.push(toDiagnostic(f, ctx, JULIAC_SOURCE));
    }
    return out;
  }

  /** Pushes (or stores for pull) one file's diagnostics; returns whether they changed. */
  private publishPath(ws: Workspace, path: string, findings?: Finding[]): boolean {
    const uri = this.uriOf(path);
    const diagnostics = this.diagnosticsFor(ws, path, findings);
    // Data holds the document version; compare without it so a re-check with equal results is quiet.
    const key = JSON.stringify(diagnostics.map((d) => ({ ...d, data: undefined })));
    if (this.pullMode) {
      const state = this.pullState.get(uri);
      if (state && state.key === key) return false;
      this.pullState.set(uri, { resultId: String(++this.resultCounter), key });
      return true;
    }
    const doc = ws.open.get(path);
    const version = doc ? doc.analysedVersion : null;
    const before = this.pushed.get(uri);
    if (before && before.key === key && before.version === version) return false;
    const changed = before ? before.key !== key : diagnostics.length > 0;
    this.pushed.set(uri, { version, key });
    void this.connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics }).catch((err) => this.logError('publishDiagnostics', err));
    return changed;
  }

  private wakeWaiters(): void {
    const waiters = this.changeWaiters;
    this.changeWaiters = [];
    for (const w of waiters) w();
  }

  private documentDiagnostic(uri: string, previousResultId: string | undefined): DocumentDiagnosticReport {
    const path = uriToPath(uri);
    const configDiags = this.configDiagnostics.get(uri);
    if (configDiags) return { kind: 'full', items: JSON.parse(configDiags) as Diagnostic[] };
    const projectItems = this.projectTomls.diagnosticsOf(path);
    if (projectItems) return { kind: 'full', items: projectItems };
    const ws = this.workspaceFor(path);
    if (!ws.open.has(path) && !ws.project.files.has(path)) return { kind: 'full', items: [] };
    this.flush(ws);
    const items = this.diagnosticsFor(ws, path);
    const key = JSON.stringify(items.map((d) => ({ ...d, data: undefined })));
    let state = this.pullState.get(uri);
    if (!state || state.key !== key) {
      state = { resultId: String(++this.resultCounter), key };
      this.pullState.set(uri, state);
    }
    if (previousResultId !== undefined && previousResultId === state.resultId) return { kind: 'unchanged', resultId: state.resultId };
    return { kind: 'full', resultId: state.resultId, items };
  }

  /**
   * Reports every file whose result changed since the client's previous ids. When nothing changed,
   * holds the request until something does (the client re-sends it as soon as it returns).
   */
  private async workspaceDiagnostic(previous: Array<{ uri: string; value: string }>, token: CancellationToken): Promise<{ items: WorkspaceDocumentDiagnosticReport[] }> {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    for (;;) {
      for (const ws of this.allWorkspaces()) this.flush(ws);
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      for (const ws of this.allWorkspaces()) {
        for (const path of ws.project.files.keys()) {
          const uri = this.uriOf(path);
          const diagnostics = this.diagnosticsFor(ws, path);
          const key = JSON.stringify(diagnostics.map((d) => ({ ...d, data: undefined })));
          let state = this.pullState.get(uri);
          if (!state || state.key !== key) {
            state = { resultId: String(++this.resultCounter), key };
            this.pullState.set(uri, state);
          }
          if (known.get(uri) === state.resultId) continue;
          const doc = ws.open.get(path);
          items.push({ kind: 'full', uri, version: doc ? doc.analysedVersion : null, resultId: state.resultId, items: diagnostics });
        }
      }
      // Files that left the project: clear what the client still shows.
      for (const [uri, id] of known) {
        const path = uriToPath(uri);
        if (this.allWorkspaces().some((ws) => ws.project.files.has(path))) continue;
        const state = this.pullState.get(uri);
        if (state && state.key === '[]' && state.resultId === id) continue;
        const cleared = { resultId: String(++this.resultCounter), key: '[]' };
        this.pullState.set(uri, cleared);
        items.push({ kind: 'full', uri, version: null, resultId: cleared.resultId, items: [] });
      }
      if (items.length > 0 || token.isCancellationRequested || this.shuttingDown) return { items };
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        this.changeWaiters.push(done);
        token.onCancellationRequested(done);
      });
      if (token.isCancellationRequested || this.shuttingDown) return { items: [] };
    }
  }

  // ---- requests ----------------------------------------------------------------------------

  private codeAction(params: CodeActionParams, token: CancellationToken) {
    if (token.isCancellationRequested) return [];
    const uri = params.textDocument.uri;
    const path = uriToPath(uri);
    const ws = this.workspaceFor(path);
    const doc = ws.open.get(path);
    if (!doc && !ws.project.files.has(path)) return [];
    this.flush(ws);
    const facts = ws.project.files.get(path);
    return codeActions(params.context?.diagnostics ?? [], {
      uri,
      path,
      text: doc ? doc.text : (facts?.tree.source ?? ''),
      version: doc ? doc.version : null,
      findings: ws.findings.get(path) ?? [],
      root: facts?.tree.root ?? null,
      uriOf: (p) => this.uriOf(p),
      only: params.context?.only,
    });
  }

  private hover(uri: string, position: { line: number; character: number }, token: CancellationToken) {
    if (token.isCancellationRequested) return null;
    const path = uriToPath(uri);
    const ws = this.workspaceFor(path);
    const doc = ws.open.get(path);
    if (!doc && !ws.project.files.has(path)) return null;
    this.flush(ws);
    const text = doc ? doc.text : (ws.project.files.get(path)?.tree.source ?? '');
    return hoverAt(text, position, ws.findings.get(path) ?? []);
  }

  // ---- errors and logging ------------------------------------------------------------------

  private guard<T>(what: string, fn: () => T, fallback?: T): T {
    try {
      return fn();
    } catch (err) {
      this.logError(what, err);
      return fallback as T;
    }
  }

  private async guardAsync(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.logError(what, err);
    }
  }

  /** A notification, not a request: nothing waits for the user to dismiss it. */
  private showMessage(type: MessageType, message: string): void {
    this.connection.sendNotification(ShowMessageNotification.type, { type, message }).catch((err) => this.logError('showMessage', err));
  }

  private log(message: string): void {
    try {
      this.connection.console.log(message);
    } catch {
      // The connection is gone; nothing to tell.
    }
  }

  private logError(what: string, err: unknown): void {
    try {
      this.connection.console.error(`trimsafe: ${what} failed: ${(err as Error)?.stack ?? String(err)}`);
    } catch {
      // The connection is gone; nothing to tell.
    }
  }

  /** For tests: the workspace that holds `uri`. */
  workspaceOf(uri: string): Workspace {
    return this.workspaceFor(uriToPath(uri));
  }

  /** For tests and the bench: resolves when no analysis is pending or running. */
  async idle(): Promise<void> {
    for (;;) {
      const busy = this.pending.size > 0 || this.backgroundTimers.size > 0 || this.analysing > 0 || this.allWorkspaces().some((w) => w.scanning || w.hasDirtyDocuments());
      if (!busy) return;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

}

export function createTrimsafeServer(connection: Connection): TrimsafeServer {
  const server = new TrimsafeServer(connection);
  server.listen();
  return server;
}
