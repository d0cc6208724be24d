// Names for what a call graph answers, by position, so two graphs of the same code compare equal.

import { CallGraph } from '../../analysis/call-graph';
import { FunctionInfo } from '../../analysis/file-facts';
import { SyntaxNode } from '../../grammar-bindings';

export function label(f: FunctionInfo, graph: CallGraph): string {
  return `${graph.view.fileOf(f)?.path}:${f.node.startIndex}:${f.name ?? f.kind}`;
}

export function site(n: SyntaxNode | null): string {
  return n ? `${n.startIndex}-${n.endIndex}:${n.type}` : '-';
}
