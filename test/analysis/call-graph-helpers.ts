// Names for what a call graph answers, by position, so two graphs of the same code compare equal.

import { CallGraph } from '../../analysis/call-graph';
import { FunctionInfo } from '../../analysis/file-facts';
import { Project } from '../../analysis/project';
import { SyntaxNode, walk } from '../../grammar-bindings';

export function label(f: FunctionInfo, graph: CallGraph): string {
  return `${graph.view.fileOf(f)?.path}:${f.node.startIndex}:${f.name ?? f.kind}`;
}

export function site(n: SyntaxNode | null): string {
  return n ? `${n.startIndex}-${n.endIndex}:${n.type}` : '-';
}

/** What the graph resolves every call in run-time code to, file by file in path order. */
export function resolvedCalls(graph: CallGraph, project: Project): string[] {
  const resolved: string[] = [];
  for (const file of [...project.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    walk(file.tree.root, (n) => {
      if (n.type !== 'call_expression') return;
      let owner: FunctionInfo | null = null;
      for (let p: SyntaxNode | null = n; p && !owner; p = p.parent) owner = file.functionByNode.get(p) ?? null;
      if (owner) resolved.push(`${file.path}:${site(n)} -> ${graph.resolveCall(n, owner).map((f) => label(f, graph)).join(' ')}`);
    });
  }
  return resolved;
}
