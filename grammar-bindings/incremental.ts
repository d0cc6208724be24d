// Copies a reparsed tree-sitter tree into SyntaxNodes while reusing the previous copy where the
// text did not change: crossings into the binding dominate a copy's cost, so on a keystroke only
// the top-level statement that holds the edit is read from the backend. The result is the same
// tree a full copy (copyTree) would give; test/lsp/incremental-copy.test.ts checks that.
//
// Statements are the children of the root and of every module_definition that holds the edit:
// - before the edit, a statement the new tree has at the same offsets with the same type and
//   field is the old SyntaxNode itself (same object; its text slices an older source string
//   whose prefix is identical);
// - after the edit, a statement found at the shifted offsets whose first line keeps its column
//   is the old SyntaxNode too, moved in place to the new offsets and source (its text is unchanged;
//   the previous copy is not used after an update);
// - anything else, and any statement holding an ERROR or MISSING node, is copied afresh.

import { CursorCopier } from './backend';
import type { RawCursor, RawTree } from './backend';
import { linesOf, NO_CHILDREN, SourceLines, SyntaxNode } from './syntax';

/** Where two texts differ: [start, oldEnd) in the old text became [start, newEnd) in the new one. */
export interface TextDiff {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export function diffTexts(oldText: string, newText: string): TextDiff {
  let start = 0;
  const minLen = Math.min(oldText.length, newText.length);
  while (start < minLen && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** The smallest diff covering both (of texts with the same lengths, like a text and its repair). */
export function unionDiff(a: TextDiff, b: TextDiff): TextDiff {
  return { start: Math.min(a.start, b.start), oldEnd: Math.max(a.oldEnd, b.oldEnd), newEnd: Math.max(a.newEnd, b.newEnd) };
}

/** What the copier keeps about the statements it placed, between updates of one document. */
export interface CopyMemory {
  /** Statements (at reuse level) that hold an ERROR or MISSING node: never reused. */
  erroneous: WeakSet<SyntaxNode>;
  /** The source string each statement's nodes slice their text from. */
  sourceOf: WeakMap<SyntaxNode, string>;
}

export function newCopyMemory(): CopyMemory {
  return { erroneous: new WeakSet(), sourceOf: new WeakMap() };
}

/**
 * Records what the copier would have noted about `root`'s statements had it copied them itself (a
 * tree decoded from the parser addon): which hold an ERROR or MISSING node, and their source.
 */
export function rememberStatements(root: SyntaxNode, source: string, memory: CopyMemory): void {
  // Iterative (files can nest deeper than the stack): an ERROR or MISSING node marks its ancestors.
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || n.missing) {
      for (let p: SyntaxNode | null = n; p && !memory.erroneous.has(p); p = p.parent) memory.erroneous.add(p);
    }
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) stack.push(kids[i]);
  }
  // Statements: the root's children and, module inside module, those of every module_definition.
  const parents: SyntaxNode[] = [root];
  while (parents.length > 0) {
    for (const k of parents.pop()!.children) {
      memory.sourceOf.set(k, source);
      if (k.type === 'module_definition') parents.push(k);
    }
  }
}

/** Older source strings the reused statements may keep alive before they are re-homed. */
const MAX_HELD_SOURCES = 8;

export interface IncrementalCopyStats {
  reused: number;
  moved: number;
  copied: number;
}

/**
 * Copies `tree` (parsed from a text of `source`'s length and lines) into SyntaxNodes. With `previous`
 * (the copy of the text before `diff`), unchanged statements are taken from it; without, every
 * statement is copied and remembered for the next update.
 */
export function copyTreeIncrementally(
  tree: RawTree,
  source: string,
  previous: { root: SyntaxNode; diff: TextDiff } | null,
  memory: CopyMemory,
  stats?: IncrementalCopyStats,
): SyntaxNode {
  const cursor = tree.walk();
  try {
    return new Copier(cursor, source, previous?.diff ?? null, memory, stats).copyRoot(previous?.root ?? null);
  } finally {
    cursor.delete?.();
  }
}

class Copier extends CursorCopier {
  /** The new source's line table, the one its nodes use. */
  private readonly lines: SourceLines;
  private readonly delta: number;
  /** Reused statements that still slice an older source. */
  private readonly held: SyntaxNode[] = [];

  constructor(
    cursor: RawCursor,
    source: string,
    private readonly diff: TextDiff | null,
    private readonly memory: CopyMemory,
    private readonly stats: IncrementalCopyStats | undefined,
  ) {
    super(cursor, source);
    this.lines = linesOf(source);
    this.delta = diff ? diff.newEnd - diff.oldEnd : 0;
  }

  copyRoot(oldRoot: SyntaxNode | null): SyntaxNode {
    const root = this.make();
    if (oldRoot && this.diff && oldRoot.type === root.type) this.copyStatements(root, oldRoot);
    else this.copyStatements(root, null);
    this.rehomeIfHoldingTooMuch();
    return root;
  }

  private columnOf(index: number): number {
    return index - this.lines.lineStart(this.lines.rowOf(index));
  }

  /** Copies the children of the cursor's node into `parent`, reusing `old`'s where they match. */
  private copyStatements(parent: SyntaxNode, old: SyntaxNode | null): void {
    const c = this.cursor;
    if (!c.gotoFirstChild()) {
      parent.children = NO_CHILDREN;
      return;
    }
    const d = this.diff;
    const oldKids = old?.children ?? [];
    let oi = 0;
    const kids: SyntaxNode[] = [];
    let erroneous = false;
    do {
      const start = c.startIndex;
      const end = c.endIndex;
      const field = this.fieldName();
      let node: SyntaxNode | null = null;
      if (old && d) {
        const oldStart = start <= d.start ? start : start - this.delta;
        while (oi < oldKids.length && oldKids[oi].startIndex < oldStart) oi++;
        const o = oi < oldKids.length && oldKids[oi].startIndex === oldStart ? oldKids[oi] : null;
        const type = this.typeName();
        const same = o !== null && o.type === type && o.field === field && !this.memory.erroneous.has(o);
        if (same && end < d.start && o.endIndex === end) {
          node = o;
          this.held.push(o);
          if (this.stats) this.stats.reused++;
        } else if (same && start > d.newEnd && o.endIndex === end - this.delta) {
          if (this.columnOf(start) === o.startColumn) {
            o.moveInto(this.source, this.delta);
            this.memory.sourceOf.set(o, this.source);
            node = o;
            if (this.stats) this.stats.moved++;
          }
        } else if (o !== null && o.type === type && o.field === field && type === 'module_definition' && start <= d.start && end >= d.newEnd && o.endIndex === end - this.delta) {
          node = this.make();
          this.copyStatements(node, o);
          if (node.children.some((k) => this.memory.erroneous.has(k))) this.memory.erroneous.add(node);
          this.memory.sourceOf.set(node, this.source);
        }
      }
      if (!node) {
        node = this.copySubtree();
        if (this.stats) this.stats.copied++;
      }
      node.parent = parent;
      node.indexInParent = kids.length;
      node.field = field;
      kids.push(node);
      if (this.memory.erroneous.has(node)) erroneous = true;
    } while (c.gotoNextSibling());
    c.gotoParent();
    parent.children = kids;
    if (erroneous || parent.type === 'ERROR' || parent.missing) this.memory.erroneous.add(parent);
  }

  /** Copies the cursor's node and everything below it, remembering whether it holds an error. */
  private copySubtree(): SyntaxNode {
    let erroneous = false;
    const top = this.subtree((n) => {
      if (n.type === 'ERROR' || n.missing) erroneous = true;
    });
    if (erroneous) this.memory.erroneous.add(top);
    this.memory.sourceOf.set(top, this.source);
    return top;
  }

  /**
   * Reused statements keep the source string they were copied with alive. When they hold more
   * than a few older strings, the oldest are replaced by clones that slice the new source.
   */
  private rehomeIfHoldingTooMuch(): void {
    const held = new Set<string>();
    for (const n of this.held) {
      const s = this.memory.sourceOf.get(n);
      if (s !== undefined && s !== this.source) held.add(s);
    }
    if (held.size <= MAX_HELD_SOURCES) return;
    for (const n of this.held) {
      if (this.memory.sourceOf.get(n) === this.source) continue;
      n.moveInto(this.source, 0);
      this.memory.sourceOf.set(n, this.source);
    }
  }
}
