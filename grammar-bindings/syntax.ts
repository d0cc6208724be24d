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

// Type and field names by small id, so a node keeps its type, field, named-ness, missing-ness and
// index in its parent in one number (tree-sitter-julia has ~250 node types and 6 field names).
const FIELD_NAMES: Array<string | null> = [null];
const FIELD_IDS = new Map<string, number>();
const TYPE_NAMES: string[] = [];
const TYPE_IDS = new Map<string, number>();

function fieldId(name: string | null): number {
  if (name === null) return 0;
  let id = FIELD_IDS.get(name);
  if (id === undefined) {
    id = FIELD_NAMES.length;
    if (id > FIELD_LIMIT) throw new Error(`too many field names for syntax nodes (${name})`);
    FIELD_NAMES.push(name);
    FIELD_IDS.set(name, id);
  }
  return id;
}

/**
 * The same text as V8's internalized (canonical) string. Names read from the parser are fresh heap
 * strings, so every `node.type === 'call_expression'` in the rules compared characters; against an
 * internalized string it is a pointer comparison. A property key is always internalized.
 */
function internalized(name: string): string {
  return Object.keys({ [name]: 0 })[0];
}

function typeId(name: string): number {
  let id = TYPE_IDS.get(name);
  if (id === undefined) {
    id = TYPE_NAMES.length;
    if (id === TYPE_OVERFLOW) return id;
    TYPE_NAMES.push(internalized(name));
    TYPE_IDS.set(name, id);
  }
  return id;
}

// `bits`, 31 bits in all so the number stays a small integer stored in the object itself:
// named (1 bit), missing (1), field id (4), type id (9), index in parent (16).
const NAMED = 1;
const MISSING = 2;
const FIELD_SHIFT = 2;
const FIELD_LIMIT = 0b1111;
const FIELD_MASK = FIELD_LIMIT << FIELD_SHIFT;
const TYPE_SHIFT = 6;
/** Types past the 511th (never with this grammar) are kept in `RARE_TYPES`. */
const TYPE_OVERFLOW = (1 << 9) - 1;
const INDEX_SHIFT = 15;
/** Indices from this one up (lists of 64K elements) are kept in `LARGE_INDICES`. */
const INDEX_OVERFLOW = (1 << 16) - 1;
const LOW_BITS = (1 << INDEX_SHIFT) - 1;
const LARGE_INDICES = new WeakMap<SyntaxNode, number>();
const RARE_TYPES = new WeakMap<SyntaxNode, string>();

/** The row holding `index`, given where rows start; `hint` (the last row found) is tried first. */
export function rowAtOffset(starts: ArrayLike<number>, index: number, hint = 0): number {
  if (hint < starts.length && starts[hint] <= index && (hint + 1 === starts.length || starts[hint + 1] > index)) return hint;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * One text and where its lines start, shared by every node of a tree. Nodes derive rows and
 * UTF-16 columns from their offsets through it instead of storing four numbers each. Tree-sitter
 * counts rows at '\n' only (a '\r' before it belongs to the line), and so does this.
 */
export class SourceLines {
  private starts: Int32Array | null = null;
  /** The last row found: positions are mostly asked in order or for the same node twice. */
  private lastRow = 0;

  constructor(readonly text: string) {}

  rowOf(index: number): number {
    return (this.lastRow = rowAtOffset(this.starts ?? this.index(), index, this.lastRow));
  }

  lineStart(row: number): number {
    return this.starts![row];
  }

  private index(): Int32Array {
    const text = this.text;
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
    const starts = new Int32Array(count);
    let k = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
    this.starts = starts;
    return starts;
  }
}

// Nodes are made a tree at a time from one source string: the last one's lines serve the next node.
let lastLines = new SourceLines('');

export function linesOf(source: string): SourceLines {
  if (lastLines.text !== source) lastLines = new SourceLines(source);
  return lastLines;
}

export class SyntaxNode {
  parent: SyntaxNode | null = null;
  /** Builders push into a fresh node's array; a finished leaf may hold the shared NO_CHILDREN. */
  children: SyntaxNode[] = [];
  // Plain numbers rather than objects and flags: every property costs 8 bytes on each of millions
  // of nodes. Rows and columns are derived from the offsets (see SourceLines).
  private bits: number;
  private lines: SourceLines;

  /**
   * Positions are not given: `startPosition` and `endPosition` are what `source` gives for the
   * offsets (rows counted at '\n', columns in UTF-16 code units).
   */
  constructor(
    type: string,
    named: boolean,
    missing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    source: string,
  ) {
    const id = typeId(type);
    this.bits = (named ? NAMED : 0) | (missing ? MISSING : 0) | (id << TYPE_SHIFT);
    this.lines = linesOf(source);
    if (id === TYPE_OVERFLOW) RARE_TYPES.set(this, type);
  }

  /**
   * Moves this node and everything below it `delta` characters on, into `source`, whose text there
   * is the same. Only for the incremental copier: a statement after an edit keeps its objects (and
   * what is cached about them) instead of being copied.
   */
  moveInto(source: string, delta: number): void {
    const lines = linesOf(source);
    const stack: SyntaxNode[] = [this];
    while (stack.length > 0) {
      const n = stack.pop()!;
      const offsets = n as { startIndex: number; endIndex: number };
      offsets.startIndex += delta;
      offsets.endIndex += delta;
      n.lines = lines;
      const kids = n.children;
      for (let i = 0; i < kids.length; i++) stack.push(kids[i]);
    }
  }

  get type(): string {
    const id = (this.bits >> TYPE_SHIFT) & TYPE_OVERFLOW;
    return id === TYPE_OVERFLOW ? RARE_TYPES.get(this)! : TYPE_NAMES[id];
  }

  get named(): boolean {
    return (this.bits & NAMED) !== 0;
  }

  get missing(): boolean {
    return (this.bits & MISSING) !== 0;
  }

  /** Field name in the parent, for the few node types the grammar names fields on. */
  get field(): string | null {
    return FIELD_NAMES[(this.bits & FIELD_MASK) >> FIELD_SHIFT];
  }

  set field(name: string | null) {
    this.bits = (this.bits & ~FIELD_MASK) | (fieldId(name) << FIELD_SHIFT);
  }

  /** Index of this node in its parent's `children`. */
  get indexInParent(): number {
    const i = this.bits >> INDEX_SHIFT;
    return i === INDEX_OVERFLOW ? LARGE_INDICES.get(this)! : i;
  }

  set indexInParent(i: number) {
    if (i >= INDEX_OVERFLOW) {
      LARGE_INDICES.set(this, i);
      i = INDEX_OVERFLOW;
    }
    this.bits = (this.bits & LOW_BITS) | (i << INDEX_SHIFT);
  }

  get startRow(): number {
    return this.lines.rowOf(this.startIndex);
  }

  get startColumn(): number {
    const lines = this.lines;
    return this.startIndex - lines.lineStart(lines.rowOf(this.startIndex));
  }

  get endRow(): number {
    return this.lines.rowOf(this.endIndex);
  }

  get endColumn(): number {
    const lines = this.lines;
    return this.endIndex - lines.lineStart(lines.rowOf(this.endIndex));
  }

  /** A fresh object per call: callers may keep or change it. */
  get startPosition(): Point {
    const lines = this.lines;
    const row = lines.rowOf(this.startIndex);
    return { row, column: this.startIndex - lines.lineStart(row) };
  }

  get endPosition(): Point {
    const lines = this.lines;
    const row = lines.rowOf(this.endIndex);
    return { row, column: this.endIndex - lines.lineStart(row) };
  }

  get text(): string {
    return this.lines.text.slice(this.startIndex, this.endIndex);
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
