// Parsing on several cores for the CLI. Worker threads repair and parse each file (the bulk of a
// check's time) and send the tree back as one flat Int32Array (with the parser addon, the very
// array it returns; else a flattened copy); the main thread rebuilds the same SyntaxNodes and runs
// everything else (file facts, rules, the cross-file steps) exactly as a single-threaded check
// does, so findings cannot differ. A file a worker cannot return (a worker that died, a parse
// error) is parsed on the main thread instead, with the same code.
//
// This module is also the worker's entry point (see the bottom of the file).

import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { flatHasError, getBackend, inflateTree, parseFlatWith, SyntaxTree } from '../grammar-bindings';
import type { BackendName, FlatNames } from '../grammar-bindings';

/** Below these sizes starting workers costs more than it saves. */
export const PARALLEL_MIN_FILES = 2;
export const PARALLEL_MIN_CHARS = 100_000;

/** Files each worker holds at once: while files are parsed the main thread only rebuilds trees and
 * computes facts (less work than parsing), so two keep a worker busy; more only hold memory. */
const IN_FLIGHT_PER_WORKER = 2;

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** `--jobs`, else TRIMSAFE_JOBS, else the number of cores. Throws on a value that is not a positive integer. */
export function resolveJobs(flag: number | null | undefined, env: NodeJS.ProcessEnv): number {
  if (flag !== null && flag !== undefined) return flag;
  const v = env.TRIMSAFE_JOBS;
  if (v !== undefined && v !== '') {
    const n = parseJobs(v);
    if (n === null) throw new Error(`TRIMSAFE_JOBS must be a positive whole number, not "${v}"`);
    return n;
  }
  return defaultJobs();
}

export function parseJobs(v: string): number | null {
  return /^[1-9]\d{0,3}$/.test(v.trim()) ? Number(v.trim()) : null;
}

/** Whether a check of these sources with `jobs` threads should use workers. */
export function wantsParallel(sources: ReadonlyArray<{ text: string }>, jobs: number | undefined): boolean {
  if (!jobs || jobs < 2 || sources.length < PARALLEL_MIN_FILES) return false;
  // Workers run compiled JavaScript; under a TypeScript test runner this file is not that.
  if (!__filename.endsWith('.js')) return false;
  let chars = 0;
  for (const s of sources) chars += s.text.length;
  return chars >= PARALLEL_MIN_CHARS;
}

interface ParseRequest {
  index: number;
  text: string;
}

type ParseReply =
  | { index: number; ok: true; names: FlatNames; nodes: Int32Array; backend: BackendName }
  | { index: number; ok: false };

/**
 * Parses `texts` on `jobs` workers. `get(i)` resolves to file i's tree, or null when the caller
 * must parse it itself. Call `close()` when done.
 */
export class ParallelParser {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, (tree: SyntaxTree | null) => void>();
  private readonly ready = new Map<number, SyntaxTree | null>();
  /** The files each worker holds. */
  private readonly held = new Map<Worker, Set<number>>();
  private next = 0;
  private closed = false;

  constructor(
    private readonly texts: readonly string[],
    backend: BackendName,
    jobs: number,
    /** Per-file parse budget: a file over it comes back null, so the caller's parse reports it. */
    timeBudgetMs?: number,
  ) {
    const count = Math.min(jobs, texts.length);
    for (let i = 0; i < count; i++) {
      const worker = new Worker(__filename, { workerData: { trimsafeParseWorker: true, backend, timeBudgetMs } });
      worker.unref();
      this.held.set(worker, new Set());
      worker.on('message', (reply: ParseReply) => this.receive(worker, reply));
      worker.on('error', () => this.retire(worker));
      worker.on('exit', () => this.retire(worker));
      this.workers.push(worker);
    }
    for (const w of this.workers) this.feed(w);
  }

  get(index: number): Promise<SyntaxTree | null> {
    if (this.ready.has(index)) {
      const tree = this.ready.get(index)!;
      this.ready.delete(index);
      return Promise.resolve(tree);
    }
    if (this.workers.length === 0) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.set(index, resolve));
  }

  close(): void {
    this.closed = true;
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
    this.ready.clear();
  }

  private feed(worker: Worker): void {
    const held = this.held.get(worker);
    if (!held) return;
    while (held.size < IN_FLIGHT_PER_WORKER && this.next < this.texts.length) {
      const req: ParseRequest = { index: this.next, text: this.texts[this.next] };
      held.add(this.next);
      this.next++;
      worker.postMessage(req);
    }
  }

  private receive(worker: Worker, reply: ParseReply): void {
    if (this.closed) return;
    this.held.get(worker)?.delete(reply.index);
    this.feed(worker);
    const tree = reply.ok ? inflateTree(reply.names, reply.nodes, this.texts[reply.index], flatHasError(reply.nodes), reply.backend) : null;
    this.settle(reply.index, tree);
  }

  private settle(index: number, tree: SyntaxTree | null): void {
    const resolve = this.waiting.get(index);
    if (resolve) {
      this.waiting.delete(index);
      resolve(tree);
    } else {
      this.ready.set(index, tree);
    }
  }

  /** A worker that failed: the caller parses the files it held; the rest go to the other workers. */
  private retire(worker: Worker): void {
    const held = this.held.get(worker);
    if (!held || this.closed) return;
    this.held.delete(worker);
    this.workers.splice(this.workers.indexOf(worker), 1);
    for (const index of held) this.settle(index, null);
    if (this.workers.length === 0) {
      for (let i = this.next; i < this.texts.length; i++) this.settle(i, null);
      this.next = this.texts.length;
    } else {
      for (const w of this.workers) this.feed(w);
    }
  }
}

function runWorker(): void {
  const port = parentPort!;
  const { backend: name, timeBudgetMs } = workerData as { backend: BackendName; timeBudgetMs?: number };
  const backendPromise = getBackend(name);
  port.on('message', async (req: ParseRequest) => {
    try {
      const backend = await backendPromise;
      // The budget keeps one pathological file from holding up the files queued behind it.
      const { names, nodes } = parseFlatWith(backend, req.text, { timeBudgetMs });
      const reply: ParseReply = { index: req.index, ok: true, names, nodes, backend: backend.name };
      port.postMessage(reply, [nodes.buffer as ArrayBuffer]);
    } catch {
      const reply: ParseReply = { index: req.index, ok: false };
      port.postMessage(reply);
    }
  });
}

if (!isMainThread && (workerData as { trimsafeParseWorker?: boolean } | null)?.trimsafeParseWorker) runWorker();
