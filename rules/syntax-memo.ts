// The callee name of the node being visited, read once for all the rules that ask: the engine calls
// every rule's call_expression visitor with the same node in a row, and each asks for its name.

import { SyntaxNode } from '../grammar-bindings';
import { calleeName } from '../analysis/julia-syntax';

let lastCall: SyntaxNode | null = null;
let lastName: string | null = null;

/** `calleeName(call)`, remembered for the most recent call node asked about. */
export function visitedCalleeName(call: SyntaxNode): string | null {
  if (call !== lastCall) {
    lastName = calleeName(call);
    lastCall = call;
  }
  return lastName;
}

/** Drops the remembered node, so no tree is kept alive after a run or reused by a later one. */
export function forgetCalleeName(): void {
  lastCall = null;
  lastName = null;
}
