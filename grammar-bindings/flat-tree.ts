// A syntax tree as one flat Int32Array in pre-order: the form the parser addon returns (see
// native/trimsafe_parser.c, which fixes the layout) and the form workers send to the main thread.
// One decoder turns it into SyntaxNodes for both.

import type { BackendName } from './backend';
import { NO_CHILDREN, SyntaxNode, SyntaxTree } from './syntax';

/**
 * Ints per node: type id, flags (NAMED | MISSING | HAS_ERROR on the root | field id << FIELD_SHIFT),
 * child count, start, end, start row, start column, end row, end column.
 */
export const STRIDE = 9;
export const NAMED = 1;
export const MISSING = 2;
export const HAS_ERROR = 4;
export const FIELD_SHIFT = 8;

/** Names for a flat tree's ids. Field id 0 means "no field". */
export interface FlatNames {
  types: readonly string[];
  fields: ReadonlyArray<string | null>;
}

export interface FlatTree {
  names: FlatNames;
  nodes: Int32Array;
}

/** Whether the tree has ERROR or MISSING nodes (recorded on the root). */
export function flatHasError(nodes: Int32Array): boolean {
  return nodes.length > 0 && (nodes[1] & HAS_ERROR) !== 0;
}

/** The flat form of a tree of SyntaxNodes, with names of its own (for workers without the addon). */
export function flattenTree(root: SyntaxNode, hasError = false): FlatTree {
  const types: string[] = [];
  const fields: Array<string | null> = [null];
  const typeIds = new Map<string, number>();
  const fieldIds = new Map<string, number>();
  let count = 0;
  const countStack: SyntaxNode[] = [root];
  while (countStack.length > 0) {
    const n = countStack.pop()!;
    count++;
    for (const c of n.children) countStack.push(c);
  }
  const out = new Int32Array(count * STRIDE);
  const stack: SyntaxNode[] = [root];
  let o = 0;
  while (stack.length > 0) {
    const n = stack.pop()!;
    let type = typeIds.get(n.type);
    if (type === undefined) {
      typeIds.set(n.type, (type = types.length));
      types.push(n.type);
    }
    let field = 0;
    if (n.field !== null) {
      const known = fieldIds.get(n.field);
      if (known === undefined) {
        fieldIds.set(n.field, (field = fields.length));
        fields.push(n.field);
      } else {
        field = known;
      }
    }
    out[o] = type;
    out[o + 1] = (n.named ? NAMED : 0) | (n.missing ? MISSING : 0) | (field << FIELD_SHIFT);
    out[o + 2] = n.children.length;
    out[o + 3] = n.startIndex;
    out[o + 4] = n.endIndex;
    out[o + 5] = n.startRow;
    out[o + 6] = n.startColumn;
    out[o + 7] = n.endRow;
    out[o + 8] = n.endColumn;
    o += STRIDE;
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  if (hasError && count > 0) out[1] |= HAS_ERROR;
  return { names: { types, fields }, nodes: out };
}

/**
 * Builds the SyntaxNodes of a flat tree. `source` is the text the nodes report as theirs: the
 * user's original text, which has the same length and line structure as the repaired text parsed.
 */
export function inflateTree(names: FlatNames, nodes: Int32Array, source: string, hasError: boolean, backend: BackendName): SyntaxTree {
  const { types, fields } = names;
  // Rows and columns in the array are not read: nodes derive them from the offsets.
  const make = (o: number): SyntaxNode => {
    const flags = nodes[o + 1];
    const node = new SyntaxNode(types[nodes[o]], (flags & NAMED) !== 0, (flags & MISSING) !== 0, nodes[o + 3], nodes[o + 4], source);
    const field = flags >> FIELD_SHIFT;
    if (field !== 0) node.field = fields[field];
    const kids = nodes[o + 2];
    // Children arrays are filled in place at their final size; leaves share one frozen array.
    node.children = kids > 0 ? new Array<SyntaxNode>(kids) : NO_CHILDREN;
    return node;
  };
  const root = make(0);
  // Parents with children still to read, and how many remain.
  const parents: SyntaxNode[] = [];
  const remaining: number[] = [];
  if (nodes[2] > 0) {
    parents.push(root);
    remaining.push(nodes[2]);
  }
  for (let o = STRIDE; o < nodes.length; o += STRIDE) {
    const top = parents.length - 1;
    const parent = parents[top];
    const node = make(o);
    node.parent = parent;
    node.indexInParent = parent.children.length - remaining[top];
    parent.children[node.indexInParent] = node;
    if (--remaining[top] === 0) {
      parents.pop();
      remaining.pop();
    }
    const kids = nodes[o + 2];
    if (kids > 0) {
      parents.push(node);
      remaining.push(kids);
    }
  }
  return { root, source, hasError, backend };
}
