// A plain-JavaScript copy of a tree-sitter tree. Everything above grammar-bindings/ works on these
// nodes, so analysis never touches a native or wasm object, the two backends give identical input
// to the rules, and the tree-sitter tree can be freed as soon as it is copied (native trees hold
// about 30x the source size in native memory until collected).

export interface Point {
  /** 0-based line. */
  row: number;
  /** 0-based column in UTF-16 code units, as LSP expects. */
  column: number;
}

/** The `children` of every leaf: one shared, frozen array instead of an empty array per node. */
export const NO_CHILDREN: SyntaxNode[] = Object.freeze([]) as unknown as SyntaxNode[];

// Field names by small id, so a node stores its field, named-ness and missing-ness in one number.
const FIELD_NAMES: Array<string | null> = [null];
const FIELD_IDS = new Map<string, number>();

function fieldId(name: string | null): number {
  if (name === null) return 0;
  let id = FIELD_IDS.get(name);
  if (id === undefined) {
    id = FIELD_NAMES.length;
    FIELD_NAMES.push(name);
    FIELD_IDS.set(name, id);
  }
  return id;
}

const NAMED = 1;
const MISSING = 2;

export class SyntaxNode {
  parent: SyntaxNode | null = null;
  /** Builders push into a fresh node's array; a finished leaf may hold the shared NO_CHILDREN. */
  children: SyntaxNode[] = [];
  /** Index of this node in its parent's `children`. */
  indexInParent = 0;
  // Plain numbers rather than objects and flags: every property costs 8 bytes on each of millions
  // of nodes (two Point objects per node were a third of a tree's heap).
  private bits: number;
  readonly startRow: number;
  readonly startColumn: number;
  readonly endRow: number;
  readonly endColumn: number;

  constructor(
    readonly type: string,
    named: boolean,
    missing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    startPosition: Point,
    endPosition: Point,
    private readonly source: string,
  ) {
    this.bits = (named ? NAMED : 0) | (missing ? MISSING : 0);
    this.startRow = startPosition.row;
    this.startColumn = startPosition.column;
    this.endRow = endPosition.row;
    this.endColumn = endPosition.column;
  }

  get named(): boolean {
    return (this.bits & NAMED) !== 0;
  }

  get missing(): boolean {
    return (this.bits & MISSING) !== 0;
  }

  /** Field name in the parent, for the few node types the grammar names fields on. */
  get field(): string | null {
    return FIELD_NAMES[this.bits >> 2];
  }

  set field(name: string | null) {
    this.bits = (this.bits & (NAMED | MISSING)) | (fieldId(name) << 2);
  }

  /** A fresh object per call: callers may keep or change it. */
  get startPosition(): Point {
    return { row: this.startRow, column: this.startColumn };
  }

  get endPosition(): Point {
    return { row: this.endRow, column: this.endColumn };
  }

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): SyntaxNode[] {
    return this.children.filter((c) => c.named);
  }

  namedChild(i: number): SyntaxNode | null {
    let k = 0;
    for (const c of this.children) {
      if (!c.named) continue;
      if (k === i) return c;
      k++;
    }
    return null;
  }

  get namedChildCount(): number {
    let k = 0;
    for (const c of this.children) if (c.named) k++;
    return k;
  }

  childByField(field: string): SyntaxNode | null {
    return this.children.find((c) => c.field === field) ?? null;
  }

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get nextSibling(): SyntaxNode | null {
    return this.parent?.children[this.indexInParent + 1] ?? null;
  }

  get previousSibling(): SyntaxNode | null {
    return this.indexInParent > 0 ? (this.parent?.children[this.indexInParent - 1] ?? null) : null;
  }

  get nextNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children ?? [];
    for (let i = this.indexInParent + 1; i < siblings.length; i++) if (siblings[i].named) return siblings[i];
    return null;
  }

  get previousNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children ?? [];
    for (let i = this.indexInParent - 1; i >= 0; i--) if (siblings[i].named) return siblings[i];
    return null;
  }

  /** Nearest ancestor (not self) satisfying `pred`. */
  closest(pred: (n: SyntaxNode) => boolean): SyntaxNode | null {
    for (let n = this.parent; n; n = n.parent) if (pred(n)) return n;
    return null;
  }

  toString(): string {
    return sexp(this);
  }
}

/**
 * Pre-order walk without recursion (files can nest 20,000 levels deep). Return `false` from
 * `visit` to skip a node's children.
 */
export function walk(root: SyntaxNode, visit: (node: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

export function descendantsOfType(root: SyntaxNode, types: string | readonly string[]): SyntaxNode[] {
  const wanted = typeof types === 'string' ? [types] : types;
  const out: SyntaxNode[] = [];
  walk(root, (n) => {
    if (wanted.includes(n.type)) out.push(n);
  });
  return out;
}

/** S-expression of named nodes, like tree-sitter's `toString()`, built without recursion. */
export function sexp(root: SyntaxNode): string {
  const parts: string[] = [];
  const stack: Array<SyntaxNode | string> = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      parts.push(item);
      continue;
    }
    const named = item.children.filter((c) => c.named);
    const head = (item.missing ? 'MISSING ' : '') + item.type;
    const fieldPrefix = item.field ? `${item.field}: ` : '';
    parts.push((parts.length > 0 && !parts[parts.length - 1].endsWith('(') ? ' ' : '') + fieldPrefix + '(' + head);
    stack.push(')');
    for (let i = named.length - 1; i >= 0; i--) stack.push(named[i]);
  }
  return parts.join('');
}

export interface SyntaxTree {
  root: SyntaxNode;
  source: string;
  /** True when the grammar produced ERROR or MISSING nodes (after repair). */
  hasError: boolean;
  /** Which backend produced the tree. */
  backend: 'native' | 'wasm';
}
