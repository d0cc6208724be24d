// Loads tree-sitter-julia through the native binding when it loads, else through web-tree-sitter and
// the tree-sitter-julia.wasm that the grammar package ships. TRIMSAFE_PARSER=native|wasm forces one.
// With the native binding, whole texts are parsed by trimsafe's own parser addon when it was built
// at install time (native/): one call returns the whole tree as a flat array and frees the native
// tree at once. TRIMSAFE_NATIVE_ADDON=0 leaves it unused.
// This file and its siblings are the only code that touches tree-sitter.

import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { FlatTree, STRIDE } from './flat-tree';
import { NO_CHILDREN, Point, SyntaxNode } from './syntax';

export type BackendName = 'native' | 'wasm';

/** The subset of tree-sitter's API both bindings share, as we use it. */
export interface RawCursor {
  nodeType: string;
  nodeTypeId: number;
  nodeIsNamed: boolean;
  nodeIsMissing: boolean;
  startIndex: number;
  endIndex: number;
  startPosition: Point;
  endPosition: Point;
  currentFieldName: string | null | undefined;
  currentFieldId: number | null | undefined;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete?(): void;
}

export interface RawTree {
  rootNode: { hasError: boolean };
  walk(): RawCursor;
  edit(edit: RawEdit): void;
  delete?(): void;
}

export interface RawEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Point;
  oldEndPosition: Point;
  newEndPosition: Point;
}

interface RawParser {
  parse(text: string, oldTree?: RawTree | null, options?: { progressCallback?: (state: unknown) => boolean }): RawTree | null;
  reset(): void;
}

export interface Backend {
  readonly name: BackendName;
  /** Why the preferred parser is not the one in use (no wasm fallback, no addon), or null. */
  readonly fallbackReason: string | null;
  /** The line --verbose prints about the parser: which one parses, and why when it is a fallback. */
  readonly description: string;
  /** Which code parses whole texts: the parser addon, the tree-sitter binding, or wasm. */
  readonly path: 'addon' | 'binding' | 'wasm';
  /**
   * Parses a whole text straight into the flat form (the addon only), with the native tree freed
   * before it returns; null once parsing has taken `budgetMs`.
   */
  parseFlat?(text: string, budgetMs?: number): FlatTree | null;
  /** Parses and frees, nothing more: the floor a check's parse is measured against (the addon only). */
  parseAndFree?(text: string): void;
  parse(text: string, oldTree?: RawTree | null): RawTree;
  /** Like `parse`, but gives up and returns null once parsing has taken `budgetMs`. */
  parseWithin(text: string, budgetMs: number, oldTree?: RawTree | null): RawTree | null;
  /**
   * Releases a tree's native memory now (wasm) or lets the collector do it soon (native). A tree
   * replaced by an incremental reparse shares most of its memory with its successor: releasing it
   * never triggers a collection.
   */
  release(tree: RawTree, options?: { incremental?: boolean }): void;
}

// One backend per preference, so a process (or a test) can use both side by side.
const cache = new Map<string, Promise<Backend>>();

export function loadBackend(prefer?: BackendName): Promise<Backend> {
  const forced = prefer ?? envBackend();
  const key = forced ?? 'auto';
  let backend = cache.get(key);
  if (!backend) {
    backend = createBackend(forced);
    cache.set(key, backend);
  }
  return backend;
}

function envBackend(): BackendName | undefined {
  const v = process.env.TRIMSAFE_PARSER;
  if (v === 'native' || v === 'wasm') return v;
  if (v && v !== 'auto') throw new Error(`TRIMSAFE_PARSER must be "native" or "wasm", not "${v}"`);
  return undefined;
}

async function createBackend(forced: BackendName | undefined): Promise<Backend> {
  if (forced === 'wasm') return createWasm(null);
  try {
    return createNative();
  } catch (err) {
    if (forced === 'native') throw new Error(`the native tree-sitter binding did not load: ${(err as Error).message}`);
    return createWasm(`native tree-sitter binding did not load (${firstLine((err as Error).message)}); using wasm`);
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/** The parser addon's exports (native/trimsafe_parser.c). */
interface ParserAddon {
  parse(text: string, timeoutMicros?: number): Int32Array | null;
  parseAndFree(text: string, timeoutMicros?: number): boolean;
  language(): { types: string[]; named: boolean[]; fields: Array<string | null>; stride: number };
}

/** This module runs compiled from dist/grammar-bindings/, or as TypeScript from grammar-bindings/ under the test runner. */
const COMPILED = basename(dirname(__dirname)) === 'dist';

/** Where the install script leaves the addon. */
export function addonPath(): string {
  const packageRoot = COMPILED ? dirname(dirname(__dirname)) : dirname(__dirname);
  return join(packageRoot, 'grammar-bindings', 'native', 'build', 'Release', 'trimsafe_parser.node');
}

function requireAddon(): ParserAddon {
  // Literal paths, the same file as addonPath(): the product loads no module by a computed name.
  /* eslint-disable @typescript-eslint/no-require-imports */
  return COMPILED ? require('../../grammar-bindings/native/build/Release/trimsafe_parser.node') : require('./native/build/Release/trimsafe_parser.node');
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** The addon, or why it is not used. Loaded once per thread (each worker has its own parser). */
type AddonLanguage = ReturnType<ParserAddon['language']>;

function loadAddon(): { addon: ParserAddon; language: AddonLanguage; why?: undefined } | { addon?: undefined; language?: undefined; why: string } {
  if (process.env.TRIMSAFE_NATIVE_ADDON === '0') return { why: 'parser addon disabled by TRIMSAFE_NATIVE_ADDON=0' };
  if (!existsSync(addonPath())) return { why: 'parser addon not built' };
  try {
    const addon = requireAddon();
    // The layout is fixed in the C file and in flat-tree.ts; an addon left from another version is not used.
    const language = addon.language();
    if (language.stride !== STRIDE) return { why: `parser addon is out of date (${language.stride} ints per node, not ${STRIDE}); reinstall to rebuild it` };
    return { addon, language };
  } catch (err) {
    return { why: `parser addon did not load: ${firstLine((err as Error).message)}` };
  }
}

interface NativeBinding {
  parser: RawParser & { setTimeoutMicros(us: number): void };
  collector: ((options?: { type: 'minor' }) => void) | null;
}

function loadBinding(): NativeBinding {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Parser = require('tree-sitter');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Julia = require('tree-sitter-julia');
  const parser = new Parser();
  parser.setLanguage(Julia);
  return { parser, collector: nativeCollector() };
}

function createNative(): Backend {
  const { addon, language, why } = loadAddon();
  // Without the addon the binding parses everything, so it loads now (a failure falls back to
  // wasm). With it, only the editor's incremental reparses use the binding: it loads on first use,
  // which keeps ~13 ms off every CLI start.
  let binding: NativeBinding | null = addon ? null : loadBinding();
  const native = (): NativeBinding => {
    if (binding) return binding;
    try {
      return (binding = loadBinding());
    } catch (err) {
      throw new Error(`the native tree-sitter binding did not load: ${firstLine((err as Error).message)}`);
    }
  };
  let bytesSinceCollect = 0;
  let charsSinceFullCollect = 0;
  const parse = (text: string, oldTree?: RawTree | null): RawTree | null => {
    // An incremental reparse allocates native memory for the changed part only.
    if (!oldTree) charsSinceFullCollect += text.length;
    // Strings over 32 KB need an explicit buffer size in some binding versions.
    return (native().parser.parse as (t: string, o?: unknown, opts?: unknown) => RawTree | null)(text, oldTree ?? undefined, {
      bufferSize: Math.max(32 * 1024, text.length * 2 + 16),
    });
  };
  const flat = addon ? addonParsing(addon, language) : {};
  return {
    name: 'native',
    fallbackReason: addon ? null : why,
    description: addon ? 'parser: native (trimsafe parser addon)' : `parser: native (tree-sitter binding; ${why})`,
    path: addon ? 'addon' : 'binding',
    ...flat,
    // Incremental reparses need a tree that can be edited and kept: those stay with the binding.
    parse(text, oldTree) {
      return parse(text, oldTree)!;
    },
    parseWithin(text, budgetMs, oldTree) {
      // The parser returns null when its timeout runs out; reset it so the next parse starts afresh.
      const { parser } = native();
      parser.setTimeoutMicros(Math.max(1, Math.round(budgetMs * 1000)));
      try {
        const tree = parse(text, oldTree);
        if (!tree) parser.reset();
        return tree ?? null;
      } finally {
        parser.setTimeoutMicros(0);
      }
    },
    release(_tree, options) {
      // Native trees are freed by a finalizer after a GC. Trigger one now and then so a long run
      // stays flat instead of growing by ~30x the source size per file.
      // A full collection walks the whole heap (every tree copied so far included), so one every
      // few files costs time quadratic in the project's size. Instead: a minor collection every 16
      // trees frees the wrappers still young, and a full one after each ~1M characters parsed frees
      // those promoted while a large file was copied (at most ~60 MB of native trees waiting).
      const collector = binding?.collector;
      if (!collector || options?.incremental) return;
      bytesSinceCollect += 1;
      if (charsSinceFullCollect >= 1_000_000) {
        charsSinceFullCollect = 0;
        bytesSinceCollect = 0;
        collector();
      } else if (bytesSinceCollect >= 16) {
        bytesSinceCollect = 0;
        collector({ type: 'minor' });
      }
    },
  };
}

function addonParsing(addon: ParserAddon, { types, fields }: AddonLanguage): Pick<Backend, 'parseFlat' | 'parseAndFree'> {
  const names = { types, fields };
  return {
    parseFlat(text, budgetMs) {
      const micros = budgetMs !== undefined && budgetMs > 0 && Number.isFinite(budgetMs) ? Math.max(1, Math.round(budgetMs * 1000)) : 0;
      const nodes = addon.parse(text, micros);
      return nodes ? { names, nodes } : null;
    },
    parseAndFree(text) {
      addon.parseAndFree(text);
    },
  };
}

function nativeCollector(): ((options?: { type: 'minor' }) => void) | null {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn = vm.runInNewContext('gc') as (options?: { type: 'minor' }) => void;
    return typeof fn === 'function' ? fn : null;
  } catch {
    return null;
  }
}

let wasmFlagsSet = false;

async function createWasm(fallbackReason: string | null): Promise<Backend> {
  // The grammar's wasm is 6 MB: letting V8 tier it up with its optimising compiler costs seconds of
  // CPU at every start, more than the optimised code saves on a typical check. Baseline code only.
  if (!wasmFlagsSet) {
    v8.setFlagsFromString('--liftoff-only');
    wasmFlagsSet = true;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wts = require('web-tree-sitter') as {
    Parser: { init(): Promise<void>; new (): RawParser & { setLanguage(l: unknown): void } };
    Language: { load(path: string): Promise<unknown> };
  };
  await wts.Parser.init();
  const language = await wts.Language.load(require.resolve('tree-sitter-julia/tree-sitter-julia.wasm'));
  const parser = new wts.Parser();
  parser.setLanguage(language);
  return {
    name: 'wasm',
    fallbackReason,
    description: fallbackReason ?? 'parser: wasm',
    path: 'wasm',
    parse(text, oldTree) {
      return parser.parse(text, oldTree ?? null)!;
    },
    parseWithin(text, budgetMs, oldTree) {
      // The progress callback cancels the parse by returning true; the parser then returns null.
      const deadline = performance.now() + budgetMs;
      const tree = parser.parse(text, oldTree ?? null, { progressCallback: () => performance.now() > deadline });
      if (!tree) parser.reset();
      return tree;
    },
    release(tree) {
      tree.delete?.();
    },
  };
}

/** Names and named-ness by node type id (and field names by field id), learnt from the cursor. */
interface SymbolTable {
  types: string[];
  named: boolean[];
  fields: Array<string | null>;
}
const symbolTables = new Map<unknown, SymbolTable>();

/**
 * Builds SyntaxNodes from where a tree-sitter cursor stands (no recursion, few crossings into native
 * code). `source` is the text the nodes report as theirs: the user's original text, which has the
 * same length and line structure as the repaired text that was parsed.
 *
 * Crossings into the binding dominate the cost, so per node it reads only numbers: the type id
 * (names and named-ness are a function of it, cached per binding), the field id, and the offsets.
 * Rows and UTF-16 columns follow from the offsets, and `nodeIsMissing` is asked only of empty
 * nodes, the only ones that can be missing.
 */
export class CursorCopier {
  private readonly types: string[];
  private readonly named: boolean[];
  private readonly fields: Array<string | null>;

  constructor(
    protected readonly cursor: RawCursor,
    protected readonly source: string,
  ) {
    let table = symbolTables.get(cursor.constructor);
    if (!table) symbolTables.set(cursor.constructor, (table = { types: [], named: [], fields: [] }));
    this.types = table.types;
    this.named = table.named;
    this.fields = table.fields;
  }

  /** The type of the cursor's node. */
  typeName(): string {
    const id = this.cursor.nodeTypeId;
    let type = this.types[id];
    if (type === undefined) {
      type = this.types[id] = this.cursor.nodeType;
      this.named[id] = this.cursor.nodeIsNamed;
    }
    return type;
  }

  /** A childless SyntaxNode for the cursor's node. */
  make(): SyntaxNode {
    const c = this.cursor;
    const type = this.typeName();
    const start = c.startIndex;
    const end = c.endIndex;
    return new SyntaxNode(type, this.named[c.nodeTypeId], start === end && c.nodeIsMissing, start, end, this.source);
  }

  /** The field name of the cursor's node in its parent. */
  fieldName(): string | null {
    const id = this.cursor.currentFieldId;
    if (!id) return null;
    let name = this.fields[id];
    if (name === undefined) name = this.fields[id] = this.cursor.currentFieldName ?? null;
    return name;
  }

  /**
   * Copies the cursor's node and everything below it; the cursor ends where it started. `seen` is
   * called with every node made.
   */
  subtree(seen?: (node: SyntaxNode) => void): SyntaxNode {
    const c = this.cursor;
    const top = this.make();
    seen?.(top);
    let current = top;
    let depth = 0;
    for (;;) {
      if (c.gotoFirstChild()) {
        depth++;
        const child = this.make();
        seen?.(child);
        child.field = this.fieldName();
        child.parent = current;
        child.indexInParent = 0;
        current.children.push(child);
        current = child;
        continue;
      }
      // No children: move to the next sibling, climbing as needed.
      if (current.children.length === 0) current.children = NO_CHILDREN;
      for (;;) {
        if (depth === 0) return top;
        if (c.gotoNextSibling()) {
          const parent = current.parent!;
          const sibling = this.make();
          seen?.(sibling);
          sibling.field = this.fieldName();
          sibling.parent = parent;
          sibling.indexInParent = parent.children.length;
          parent.children.push(sibling);
          current = sibling;
          break;
        }
        // The parent's children are complete: an exact-size copy drops the spare capacity that
        // push() reserved (about 120 bytes for a parent of one to three children).
        const parent = current.parent!;
        parent.children = parent.children.slice();
        c.gotoParent();
        depth--;
        current = parent;
      }
    }
  }
}

/** Copies a whole raw tree into plain SyntaxNodes (see CursorCopier). */
export function copyTree(tree: RawTree, source: string): SyntaxNode {
  const cursor = tree.walk();
  try {
    return new CursorCopier(cursor, source).subtree();
  } finally {
    cursor.delete?.();
  }
}
