// Builds small in-memory projects for the analysis unit tests.

import { SyntaxNode, walk } from '../../grammar-bindings';
import { FunctionInfo } from '../../analysis/file-facts';
import { Project } from '../../analysis/project';
import { loadWith, memoryHost } from '../program-helpers';

export async function projectOf(files: Record<string, string>, roots?: string[]): Promise<Project> {
  const loaded = await loadWith(roots ?? Object.keys(files), memoryHost(files));
  return loaded.project;
}

export async function snippetProject(text: string): Promise<Project> {
  return projectOf({ '/p/main.jl': text });
}

/** The first node of `type` whose text is `text`, in any file. */
export function nodeOf(project: Project, type: string, text: string, nth = 0): SyntaxNode {
  let k = 0;
  let found: SyntaxNode | null = null;
  for (const f of project.files.values()) {
    walk(f.tree.root, (n) => {
      if (found) return false;
      if (n.type === type && n.text === text && k++ === nth) found = n;
    });
  }
  if (!found) throw new Error(`no ${type} ${text}`);
  return found;
}

/** The innermost function holding `node`. */
export function ownerIn(project: Project, node: SyntaxNode): FunctionInfo {
  for (const f of project.files.values()) {
    for (let p: SyntaxNode | null = node; p; p = p.parent) {
      const fn = f.functionByNode.get(p);
      if (fn) return fn;
    }
  }
  throw new Error('no owner');
}

export function fn(project: Project, name: string, nth = 0): FunctionInfo {
  const all = project.allFunctions().filter((f) => f.name === name);
  if (!all[nth]) throw new Error(`no function ${name}`);
  return all[nth];
}
