// A project: the files under analysis and their per-file facts. Files are parsed once; an editor
// replaces one file's facts without touching the others.

import { getBackend, parseWith, SyntaxNode } from '../grammar-bindings';
import { computeFileFacts, FileFacts, FunctionInfo } from './file-facts';
import { Range } from './finding';
import { buildProjectView, ProjectView } from './project-view';

export interface SourceInput {
  path: string;
  text: string;
}

export class Project {
  readonly files = new Map<string, FileFacts>();
  private linked: ProjectView | null = null;
  /** The last view made, which the next one is derived from when the files kept their module shapes. */
  private lastView: ProjectView | null = null;
  private changes = 0;

  setFile(facts: FileFacts): void {
    this.files.set(facts.path, facts);
    this.linked = null;
    this.changes++;
  }

  removeFile(path: string): void {
    this.files.delete(path);
    this.linked = null;
    this.changes++;
  }

  /** Bumped by every change to the files, so caches of project-wide tables know when to drop them. */
  get generation(): number {
    return this.changes;
  }

  /**
   * The module tree across files. Made again (linking only, no parsing) after a file changes, from
   * the previous view when the changed files kept their module shapes; derived caches (call graph,
   * type facts) key on the view object, so they are dropped with it.
   */
  view(): ProjectView {
    if (!this.linked) this.linked = this.lastView = buildProjectView(this.files, this.lastView);
    return this.linked;
  }

  allFunctions(): FunctionInfo[] {
    const out: FunctionInfo[] = [];
    for (const f of this.files.values()) out.push(...f.functions);
    return out;
  }
}

export async function analyzeSource(input: SourceInput): Promise<FileFacts> {
  const backend = await getBackend();
  return computeFileFacts(input.path, parseWith(backend, input.text));
}

export async function buildProject(inputs: SourceInput[]): Promise<Project> {
  const project = new Project();
  for (const input of inputs) project.setFile(await analyzeSource(input));
  return project;
}

export function rangeOf(node: SyntaxNode): Range {
  return {
    start: { line: node.startRow, character: node.startColumn },
    end: { line: node.endRow, character: node.endColumn },
  };
}

/** An empty range at the start of `node`, for insertions. */
export function startOf(node: SyntaxNode): Range {
  const p = { line: node.startRow, character: node.startColumn };
  return { start: p, end: { ...p } };
}

export function endOf(node: SyntaxNode): Range {
  const p = { line: node.endRow, character: node.endColumn };
  return { start: p, end: { ...p } };
}
