// The nodes of one function's own code that several rules look for, gathered in one walk and kept
// per function, so each rule reads a short list instead of walking the body again.

import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';

export interface FunctionIndex {
  /** `assignment`, `compound_assignment_expression` and `for_binding` nodes, in walk order. */
  binders: SyntaxNode[];
  /** `return` statements outside nested short definitions (`g(x) = ...`) and other returns. */
  returns: SyntaxNode[];
  /** Comprehensions, generators and generator arguments: nodes with a `for_clause` child. */
  generators: SyntaxNode[];
}

const cache = new WeakMap<FunctionInfo, FunctionIndex>();

/**
 * The index of `f`'s own code: its body without the bodies of lambdas, `do` blocks and nested
 * `function ... end` definitions. Lists are in the order of the stack walk the rules used before
 * (last child first), which decides which finding is reported first.
 */
export function functionIndex(f: FunctionInfo): FunctionIndex {
  const cached = cache.get(f);
  if (cached) return cached;
  const index: FunctionIndex = { binders: [], returns: [], generators: [] };
  const nodes = [...f.body];
  // Whether a node is under a nested short definition or a `return`: its returns are not `f`'s.
  const hidden: boolean[] = nodes.map(() => false);
  while (nodes.length > 0) {
    const n = nodes.pop()!;
    let under = hidden.pop()!;
    const kids = n.children;
    switch (n.type) {
      case 'arrow_function_expression':
      case 'do_clause':
      case 'function_definition':
        continue;
      case 'assignment':
        index.binders.push(n);
        if (n !== f.node) {
          const lhs = n.namedChild(0)?.type;
          if (lhs === 'call_expression' || lhs === 'where_expression') under = true;
        }
        break;
      case 'compound_assignment_expression':
      case 'for_binding':
        index.binders.push(n);
        break;
      case 'return_statement':
        if (!under) index.returns.push(n);
        under = true;
        break;
      case 'comprehension_expression':
      case 'parenthesized_expression':
      case 'argument_list':
        for (let i = 0; i < kids.length; i++) {
          if (kids[i].type === 'for_clause') {
            index.generators.push(n);
            break;
          }
        }
        break;
    }
    for (let i = 0; i < kids.length; i++) {
      nodes.push(kids[i]);
      hidden.push(under);
    }
  }
  // Most functions have no returns or generators: share one empty list rather than keep one each.
  if (index.returns.length === 0) index.returns = NONE;
  if (index.generators.length === 0) index.generators = NONE;
  if (index.binders.length === 0) index.binders = NONE;
  cache.set(f, index);
  return index;
}

const NONE: SyntaxNode[] = Object.freeze([]) as unknown as SyntaxNode[];
