// The one door to parsing: text in, a plain SyntaxTree out, with the backend's tree released.

import { Backend, BackendName, copyTree, loadBackend, RawTree } from './backend';
import { flatHasError, flattenTree, FlatTree, inflateTree } from './flat-tree';
import { copyTreeIncrementally, diffTexts, IncrementalCopyStats, newCopyMemory, rememberStatements, TextDiff, unionDiff } from './incremental';
import { repairSource } from './repair';
import { SyntaxNode, SyntaxTree, walk } from './syntax';

export { SyntaxNode, SyntaxTree, walk, descendantsOfType, sexp, rowAtOffset } from './syntax';
export type { Point } from './syntax';
export type { Backend, BackendName } from './backend';
export { flatHasError, flattenTree, inflateTree } from './flat-tree';
export type { FlatNames, FlatTree } from './flat-tree';
export { repairSource } from './repair';

export interface ParseOptions {
  /** Skip the same-length repairs of known grammar gaps (for measuring them). */
  noRepair?: boolean;
  /** Give up parsing after this many milliseconds and throw a ParseTimeoutError. */
  timeBudgetMs?: number;
}

/** Thrown by `parseWith` when parsing took longer than `timeBudgetMs`; no tree is returned. */
export class ParseTimeoutError extends Error {
  readonly timedOut = true;
  constructor(readonly budgetMs: number) {
    super(`parsing took longer than ${budgetMs} ms`);
    this.name = 'ParseTimeoutError';
  }
}

export function isParseTimeout(err: unknown): err is ParseTimeoutError {
  return err instanceof ParseTimeoutError;
}

export async function getBackend(prefer?: BackendName): Promise<Backend> {
  return loadBackend(prefer);
}

/** Parses a whole text and returns a backend-independent tree. */
export function parseWith(backend: Backend, text: string, options: ParseOptions = {}): SyntaxTree {
  if (backend.parseFlat) {
    const flat = parseFlatWith(backend, text, options);
    return inflateTree(flat.names, flat.nodes, text, flatHasError(flat.nodes), backend.name);
  }
  const parsedText = options.noRepair ? text : repairSource(text);
  const budget = budgetOf(options);
  const raw = budget !== undefined ? backend.parseWithin(parsedText, budget) : backend.parse(parsedText);
  if (!raw) throw new ParseTimeoutError(budget!);
  try {
    const root = copyTree(raw, text);
    return { root, source: text, hasError: raw.rootNode.hasError, backend: backend.name };
  } finally {
    backend.release(raw);
  }
}

/**
 * Like `parseWith`, but returns the tree in its flat form (for a worker to send to the main thread,
 * where `inflateTree` rebuilds what `parseWith` would have returned). With the parser addon this is
 * the addon's own array; otherwise the SyntaxNodes are flattened.
 */
export function parseFlatWith(backend: Backend, text: string, options: ParseOptions = {}): FlatTree {
  if (!backend.parseFlat) {
    const tree = parseWith(backend, text, options);
    return flattenTree(tree.root, tree.hasError);
  }
  const budget = budgetOf(options);
  const flat = backend.parseFlat(options.noRepair ? text : repairSource(text), budget);
  if (!flat) throw new ParseTimeoutError(budget!);
  return flat;
}

function budgetOf(options: ParseOptions): number | undefined {
  const budget = options.timeBudgetMs;
  return budget !== undefined && budget > 0 && Number.isFinite(budget) ? budget : undefined;
}

export async function parseJulia(text: string, options: ParseOptions = {}): Promise<SyntaxTree> {
  return parseWith(await loadBackend(), text, options);
}

/**
 * Keeps one document's backend tree between edits so a reparse reuses it. The edit is derived from
 * the old and new repaired texts, so repairs that change far from the user's edit stay correct. The
 * copy into SyntaxNodes reuses the previous copy's statements outside the edit (see incremental.ts).
 */
export class IncrementalDocument {
  private raw: RawTree | null = null;
  private parsedText = '';
  /** The text and copy of the last update whose tree is `raw`. */
  private text = '';
  private root: SyntaxNode | null = null;
  private readonly memory = newCopyMemory();
  /** The last update was parsed by the addon: `root` is set, `raw` is not made yet. */
  private unprimed = false;
  /** How the last update's copy was made (for tests and the bench). */
  lastCopy: IncrementalCopyStats = { reused: 0, moved: 0, copied: 0 };

  constructor(
    private readonly backend: Backend,
    /** Parse time allowed per update; past it `update` throws ParseTimeoutError (see below). */
    private readonly timeBudgetMs = INCREMENTAL_PARSE_BUDGET_MS,
  ) {}

  update(text: string): SyntaxTree {
    const newParsed = repairSource(text);
    // The first parse of a document is on the diagnostics' critical path: the parser addon gives
    // the tree fastest, without loading the binding. The binding's tree, which later edits need,
    // is made by `prime()` once the diagnostics are out, or by the next update.
    if (!this.raw && !this.root && this.backend.parseFlat) return this.firstParse(text, newParsed);
    if (this.unprimed) this.prime();
    let raw: RawTree;
    let previous: { root: SyntaxNode; diff: TextDiff } | null = null;
    if (this.raw) {
      const old = this.parsedText;
      const edit = diffTexts(old, newParsed);
      this.raw.edit({
        startIndex: edit.start,
        oldEndIndex: edit.oldEnd,
        newEndIndex: edit.newEnd,
        startPosition: pointAt(old, edit.start),
        oldEndPosition: pointAt(old, edit.oldEnd),
        newEndPosition: pointAt(newParsed, edit.newEnd),
      });
      // A node's text is the user's text, which a repair may map to the same parsed text.
      if (this.root && this.text.length === old.length) previous = { root: this.root, diff: unionDiff(edit, diffTexts(this.text, text)) };
      const reparsed = this.backend.parseWithin(newParsed, this.timeBudgetMs, this.raw);
      // Incremental: the old tree shares most of its memory with the new one, so freeing it is no
      // reason to collect garbage (see Backend.release).
      this.backend.release(this.raw, { incremental: true });
      this.raw = null;
      this.root = null;
      if (!reparsed) return this.fallback(text, newParsed);
      raw = reparsed;
    } else {
      const parsed = this.backend.parseWithin(newParsed, this.timeBudgetMs);
      if (!parsed) return this.fallback(text, newParsed);
      raw = parsed;
    }
    this.raw = raw;
    this.parsedText = newParsed;
    this.text = text;
    this.lastCopy = { reused: 0, moved: 0, copied: 0 };
    const root = copyTreeIncrementally(raw, text, previous, this.memory, this.lastCopy);
    this.root = root;
    return { root, source: text, hasError: raw.rootNode.hasError, backend: this.backend.name };
  }

  private firstParse(text: string, parsedText: string): SyntaxTree {
    const flat = this.backend.parseFlat!(parsedText, this.timeBudgetMs);
    if (!flat) return this.fallback(text, parsedText);
    const tree = inflateTree(flat.names, flat.nodes, text, flatHasError(flat.nodes), this.backend.name);
    this.takeUnprimed(tree, parsedText);
    return tree;
  }

  /** Starts from a tree made without the binding: `prime()` makes the binding's tree later. */
  private takeUnprimed(tree: SyntaxTree, parsedText: string): void {
    rememberStatements(tree.root, tree.source, this.memory);
    this.root = tree.root;
    this.text = tree.source;
    this.parsedText = parsedText;
    this.unprimed = true;
  }

  /**
   * Takes `tree` (of the document's current text, parsed elsewhere: the workspace scan read the file
   * from disk) as the first update, so opening a file already read costs no parse. False when this
   * document already has a tree.
   */
  adopt(tree: SyntaxTree): boolean {
    if (this.raw || this.root) return false;
    this.takeUnprimed(tree, repairSource(tree.source));
    return true;
  }

  /**
   * Parses the last update's text with the binding, so the next update can reparse incrementally.
   * Cheap to call again; after a parse past the time budget the next update parses in full.
   */
  prime(): void {
    if (!this.unprimed) return;
    this.unprimed = false;
    const raw = this.backend.parseWithin(this.parsedText, this.timeBudgetMs);
    if (raw) this.raw = raw;
    else this.root = null;
  }

  /** True when the last update came from the addon and `prime()` has work to do. */
  get needsPriming(): boolean {
    return this.unprimed;
  }

  /** A full copy of the backend tree behind the last update (for tests: `update` must equal it). */
  fullCopy(): SyntaxNode | null {
    this.prime();
    return this.raw ? copyTree(this.raw, this.text) : null;
  }

  dispose(): void {
    if (this.raw) this.backend.release(this.raw);
    this.raw = null;
    this.root = null;
    this.unprimed = false;
  }

  /**
   * The native binding never returns on some unfinished code (an unterminated `begin` inside a
   * block) that wasm parses at once, and editors hold such code all the time. After a native
   * timeout the text is parsed once with wasm, loaded in the background on the first timeout;
   * until it is ready, or when wasm times out too, `update` throws ParseTimeoutError.
   */
  private fallback(text: string, parsedText: string): SyntaxTree {
    this.unprimed = false;
    this.parsedText = '';
    this.text = '';
    this.root = null;
    if (this.backend.name === 'native') {
      const wasm = wasmFallback();
      const raw = wasm?.parseWithin(parsedText, this.timeBudgetMs) ?? null;
      if (wasm && raw) {
        try {
          return { root: copyTree(raw, text), source: text, hasError: raw.rootNode.hasError, backend: wasm.name };
        } finally {
          wasm.release(raw);
        }
      }
    }
    throw new ParseTimeoutError(this.timeBudgetMs);
  }
}

export const INCREMENTAL_PARSE_BUDGET_MS = 5_000;

let wasmBackend: Backend | null = null;
let wasmLoading = false;

function wasmFallback(): Backend | null {
  if (!wasmBackend && !wasmLoading) {
    wasmLoading = true;
    loadBackend('wasm').then(
      (b) => (wasmBackend = b),
      () => undefined,
    );
  }
  return wasmBackend;
}

function pointAt(text: string, index: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

/** Counts ERROR and MISSING nodes (for parse-health and the debug diagnostic). */
export function countErrors(tree: SyntaxTree): { errors: number; missing: number } {
  let errors = 0;
  let missing = 0;
  walk(tree.root, (n) => {
    if (n.type === 'ERROR') errors++;
    if (n.missing) missing++;
  });
  return { errors, missing };
}
