// Package findings on a Project.toml's `[deps]` entries (TRIM703), so a dependency known to break
// trimmed builds is flagged where it is added, not only on its `using` line. The workspace folder's
// own Project.toml is read from disk (at each scan and when the file watcher reports it); any
// Project.toml open in the editor is checked from the editor's text. Diagnostics are pushed, as
// config errors are, whichever diagnostic model the client uses.

import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Diagnostic } from 'vscode-languageserver/node';
import { projectTomlFindings } from '../../rules/package-compat';
import { toDiagnostic } from './convert';
import { Workspace } from './workspace';

/** Julia reads JuliaProject.toml in preference to Project.toml; either one names the deps. */
const PROJECT_FILE_NAMES = ['JuliaProject.toml', 'Project.toml'];

export function isProjectFile(path: string): boolean {
  return PROJECT_FILE_NAMES.includes(basename(path));
}

/** File watcher globs for the project files. */
export const PROJECT_FILE_GLOBS = PROJECT_FILE_NAMES.map((n) => `**/${n}`);

export class ProjectTomlDiagnostics {
  /** Editor text of open project files. */
  private readonly open = new Map<string, string>();
  /** What was last sent per path, to stay quiet when nothing changed. */
  private readonly sent = new Map<string, { key: string; diagnostics: Diagnostic[] }>();

  constructor(
    private readonly uriOf: (path: string) => string,
    private readonly send: (uri: string, diagnostics: Diagnostic[]) => void,
  ) {}

  /** Re-reads the folder's project files and re-checks the open ones it holds (after a scan or a settings change). */
  refreshWorkspace(ws: Workspace): void {
    if (ws.root) for (const name of PROJECT_FILE_NAMES) this.refresh(ws, join(ws.root, name));
    for (const path of this.open.keys()) if (ws.contains(path)) this.refresh(ws, path);
    for (const path of [...this.sent.keys()]) if (ws.contains(path)) this.refresh(ws, path);
  }

  /** The file changed on disk (or in the editor): checks it again. */
  refresh(ws: Workspace, path: string): void {
    const tracked = this.open.has(path) || (ws.root !== null && dirname(path) === ws.root);
    const text = tracked ? (this.open.get(path) ?? readText(path)) : null;
    this.publish(path, text === null ? [] : this.diagnose(ws, path, text));
  }

  changed(ws: Workspace, path: string, text: string): void {
    this.open.set(path, text);
    this.refresh(ws, path);
  }

  /** Closed in the editor: the folder's own file falls back to the disk, any other is cleared. */
  closed(ws: Workspace, path: string): void {
    if (!this.open.delete(path)) return;
    this.refresh(ws, path);
  }

  /** The current diagnostics of a project file, for a pull request; undefined for other files. */
  diagnosticsOf(path: string): Diagnostic[] | undefined {
    return isProjectFile(path) ? (this.sent.get(path)?.diagnostics ?? []) : undefined;
  }

  /** A folder left the workspace: clears what was shown for its files. */
  forget(ws: Workspace): void {
    for (const path of [...this.sent.keys()]) if (ws.contains(path) && !this.open.has(path)) this.publish(path, []);
  }

  private diagnose(ws: Workspace, path: string, text: string): Diagnostic[] {
    const config = ws.configFor(path);
    const setting = config.rules.get('TRIM703');
    if (setting === 'off') return [];
    const ctx = { project: null, uriOf: this.uriOf, version: null };
    return projectTomlFindings(path, text, config.julia).map((f) => toDiagnostic(setting ? { ...f, severity: setting } : f, ctx));
  }

  private publish(path: string, diagnostics: Diagnostic[]): void {
    const key = JSON.stringify(diagnostics);
    const before = this.sent.get(path);
    if (before ? before.key === key : diagnostics.length === 0) return;
    if (diagnostics.length === 0) this.sent.delete(path);
    else this.sent.set(path, { key, diagnostics });
    this.send(this.uriOf(path), diagnostics);
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
