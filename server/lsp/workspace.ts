// One workspace folder as the server sees it: a Project whose per-file facts are cached (open
// documents reparse incrementally, other files come from disk), the config resolver, and the
// current findings per file. Nothing here talks to the client; server.ts schedules and publishes.

import { relative, sep } from 'node:path';
import { computeFileFacts, FileFacts } from '../../analysis/file-facts';
import { Finding } from '../../analysis/finding';
import { Project } from '../../analysis/project';
import { IncrementalDocument, parseWith } from '../../grammar-bindings';
import { Backend } from '../../grammar-bindings/backend';
import { checkProject } from '../check';
import { TrimsafeConfig } from '../config';
import { isExcluded, isNotice, readSource } from '../sources';
import { EditorConfigResolver, EditorSettings } from './settings';

export interface OpenDocument {
  uri: string;
  path: string;
  version: number;
  text: string;
  /** Keeps the previous tree so the next parse is incremental. */
  incremental: IncrementalDocument;
  /** The text changed since its facts were computed. */
  dirty: boolean;
  /** Version whose facts are in the project. */
  analysedVersion: number | null;
}

export class Workspace {
  readonly project = new Project();
  resolver: EditorConfigResolver;
  readonly open = new Map<string, OpenDocument>();
  /** Files found by the workspace scan (they stay in the project while closed). */
  readonly scanned = new Set<string>();
  readonly findings = new Map<string, Finding[]>();
  /** The generation each file's findings were computed at. */
  readonly checkedAt = new Map<string, number>();
  /** The project state and resolver each file's findings were computed with. */
  private readonly checkedWith = new Map<string, { projectGeneration: number; resolver: EditorConfigResolver }>();
  /** Bumped on every change; background work stops when it no longer matches. */
  generation = 0;
  scanning = false;
  scanDone = false;
  /** Files left out by the max-workspace-files cap. */
  capped = 0;

  constructor(
    /** Absolute folder path; null for files outside every folder. */
    readonly root: string | null,
    readonly rootUri: string | null,
    public settings: EditorSettings,
    private readonly backend: Backend,
  ) {
    this.resolver = new EditorConfigResolver(root ?? process.cwd(), settings);
  }

  contains(path: string): boolean {
    if (this.root === null) return true;
    const rel = relative(this.root, path);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-z]+:/i.test(rel));
  }

  /** A fresh resolver (after a config file or settings change). */
  resetConfig(settings: EditorSettings = this.settings): void {
    this.settings = settings;
    this.resolver = new EditorConfigResolver(this.root ?? process.cwd(), settings);
  }

  configFor(path: string): TrimsafeConfig {
    return this.resolver.forFile(path);
  }

  /** Open documents the config excludes are not checked, as `trimsafe --check <folder>` skips them. */
  isChecked(path: string): boolean {
    if (!path.startsWith('/') && !/^[a-z]:[\\/]/i.test(path)) return true;
    return !isExcluded(path, this.configFor(path));
  }

  openDocument(uri: string, path: string, version: number, text: string): OpenDocument {
    const existing = this.open.get(path);
    existing?.incremental.dispose();
    const doc: OpenDocument = { uri, path, version, text, incremental: new IncrementalDocument(this.backend), dirty: true, analysedVersion: null };
    this.open.set(path, doc);
    this.generation++;
    return doc;
  }

  changeDocument(path: string, version: number, text: string): OpenDocument | null {
    const doc = this.open.get(path);
    if (!doc) return null;
    doc.version = version;
    doc.text = text;
    doc.dirty = true;
    this.generation++;
    return doc;
  }

  /** Closes a document: its facts fall back to the file on disk, or leave the project. Returns whether it left. */
  closeDocument(path: string): boolean {
    const doc = this.open.get(path);
    if (!doc) return false;
    doc.incremental.dispose();
    this.open.delete(path);
    this.generation++;
    if (this.scanned.has(path) && this.loadFromDisk(path)) return false;
    this.project.removeFile(path);
    this.findings.delete(path);
    return true;
  }

  /**
   * Reparses every dirty open document (incrementally) and stores its facts. A document that cannot
   * be parsed (a parse past its time budget) leaves the project, so it shows no stale findings, and
   * is reported to `onError`; the other documents are still refreshed.
   */
  refreshOpenDocuments(onError?: (path: string, err: unknown) => void): string[] {
    const changed: string[] = [];
    for (const doc of this.open.values()) {
      if (!doc.dirty) continue;
      doc.dirty = false;
      if (!this.isChecked(doc.path)) {
        this.project.removeFile(doc.path);
        continue;
      }
      try {
        // A file the scan already read with this very text keeps its facts (and findings).
        const pending = this.scanPending.get(doc.path);
        this.scanPending.delete(doc.path);
        const known = doc.analysedVersion === null ? (pending ?? this.project.files.get(doc.path)) : undefined;
        if (known && known.tree.source === doc.text && doc.incremental.adopt(known.tree)) {
          if (known === pending) this.project.setFile(known);
        } else {
          this.project.setFile(computeFileFacts(doc.path, doc.incremental.update(doc.text)));
        }
      } catch (err) {
        this.project.removeFile(doc.path);
        this.findings.delete(doc.path);
        doc.analysedVersion = doc.version;
        onError?.(doc.path, err);
        continue;
      }
      doc.analysedVersion = doc.version;
      changed.push(doc.path);
    }
    return changed;
  }

  /**
   * Makes the tree the next edit of one open document reparses incrementally from (see
   * IncrementalDocument.prime); true when one was made, so there may be more.
   */
  primeOneDocument(): boolean {
    for (const doc of this.open.values()) {
      if (doc.dirty || !doc.incremental.needsPriming) continue;
      doc.incremental.prime();
      return true;
    }
    return false;
  }

  hasDirtyDocuments(): boolean {
    for (const d of this.open.values()) if (d.dirty) return true;
    return false;
  }

  /** Reads a closed file from disk into the project; false when it cannot be read or is empty. */
  loadFromDisk(path: string): boolean {
    this.scanPending.delete(path);
    if (this.open.has(path)) return true;
    const facts = this.readOrDrop(path);
    if (!facts) return false;
    this.project.setFile(facts);
    this.generation++;
    return true;
  }

  /**
   * Files the workspace scan has read but not yet put in the project. The scan adds them in batches
   * (addScannedFiles): every file added changes the project's file set, after which the next
   * keystroke rebuilds the project-wide tables instead of patching them.
   */
  private readonly scanPending = new Map<string, FileFacts>();

  get scanPendingCount(): number {
    return this.scanPending.size;
  }

  /** Reads a file for the scan, to be added with the next batch; false when it cannot be read. */
  readForScan(path: string): boolean {
    if (this.open.has(path)) return true;
    const facts = this.readOrDrop(path);
    if (facts) this.scanPending.set(path, facts);
    return !!facts;
  }

  /**
   * Puts the files the scan has read into the project (open documents keep their own facts; files a
   * later scan no longer lists are left out). A stopped scan's files wait for the next batch.
   */
  addScannedFiles(): void {
    for (const [path, facts] of this.scanPending) {
      if (!this.open.has(path) && this.scanned.has(path)) this.project.setFile(facts);
    }
    if (this.scanPending.size > 0) this.generation++;
    this.scanPending.clear();
  }

  /** The facts of a file on disk; one that cannot be read leaves the project and the scan's batch. */
  private readOrDrop(path: string): FileFacts | null {
    const read = readSource(path);
    if (isNotice(read)) {
      this.scanPending.delete(path);
      this.project.removeFile(path);
      return null;
    }
    return computeFileFacts(path, parseWith(this.backend, read.text));
  }

  removeFile(path: string): void {
    this.scanPending.delete(path);
    this.scanned.delete(path);
    if (this.open.has(path)) return;
    this.project.removeFile(path);
    this.findings.delete(path);
    this.generation++;
  }

  /** Runs the rules for `paths` (files of the project) and stores their findings. */
  check(paths: string[], generation = this.generation): Map<string, Finding[]> {
    const present = paths.filter((p) => this.project.files.has(p));
    const out = new Map<string, Finding[]>();
    for (const p of present) out.set(p, []);
    if (present.length > 0) {
      for (const f of checkProject(this.project, this.resolver, {}, present)) out.get(f.path)?.push(f);
    }
    const checkedWith = { projectGeneration: this.project.generation, resolver: this.resolver };
    for (const [p, list] of out) {
      this.findings.set(p, list);
      this.checkedAt.set(p, generation);
      this.checkedWith.set(p, checkedWith);
    }
    return out;
  }

  /** True when `path`'s findings were computed from the project and config as they are now. */
  isUpToDate(path: string): boolean {
    const w = this.checkedWith.get(path);
    return !!w && w.projectGeneration === this.project.generation && w.resolver === this.resolver && this.findings.has(path);
  }

  dispose(): void {
    for (const d of this.open.values()) d.incremental.dispose();
    this.open.clear();
  }
}
