// Parsing under a time budget, and tree-sitter on pathological nesting: both backends must return a
// tree or a clear timeout, never crash or hang.

import { describe, expect, it } from 'vitest';
import { getBackend, isParseTimeout, parseWith, walk } from '../../grammar-bindings';

const deepParens = (n: number) => '('.repeat(n) + '1' + ')'.repeat(n);
const deepBlocks = (n: number) => 'begin\n'.repeat(n) + 'x\n' + 'end\n'.repeat(n);

describe('parse time budget', () => {
  it('gives up with a ParseTimeoutError when the budget runs out, and parses normally afterwards', async () => {
    const backend = await getBackend();
    const big = 'function f(x)\n    println("hi", x)\nend\n'.repeat(40_000);
    const started = Date.now();
    let error: unknown = null;
    try {
      parseWith(backend, big, { timeBudgetMs: 1 });
    } catch (err) {
      error = err;
    }
    expect(isParseTimeout(error)).toBe(true);
    expect((error as Error).message).toMatch(/longer than 1 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
    // The parser is reset: the next parse of another text is complete and correct.
    const tree = parseWith(backend, 'f(x) = x + 1\n', { timeBudgetMs: 5_000 });
    expect(tree.root.type).toBe('source_file');
    expect(tree.hasError).toBe(false);
    expect(tree.root.text).toBe('f(x) = x + 1\n');
  });

  it('a generous budget changes nothing', async () => {
    const backend = await getBackend();
    const text = 'module M\nf(x) = println(x)\nend\n';
    expect(parseWith(backend, text, { timeBudgetMs: 60_000 }).root.toString()).toBe(parseWith(backend, text).root.toString());
  });
});

describe('tree-sitter on deep nesting', () => {
  it('parses 20,000 nested parentheses', async () => {
    const backend = await getBackend();
    const tree = parseWith(backend, deepParens(20_000));
    let depth = 0;
    walk(tree.root, () => {
      depth++;
    });
    expect(depth).toBeGreaterThan(20_000);
  });

  it('parses 3,000 nested blocks and unterminated nesting', async () => {
    const backend = await getBackend();
    expect(parseWith(backend, deepBlocks(3_000)).hasError).toBe(false);
    expect(parseWith(backend, '('.repeat(20_000)).hasError).toBe(true);
    expect(parseWith(backend, 'function f()\n    x = "unterminated\n').root.type).toBe('source_file');
  });

  // The native binding (tree-sitter 0.22.4) never returns on an unterminated `begin` holding a
  // statement inside another block; wasm parses it. A budget turns the hang into a timeout.
  it.each([
    ['nested', 'begin\nbegin\nx\n'],
    ['in a function', 'function f()\n    begin\n        x\n'],
    ['3,000 deep', 'begin\n'.repeat(3_000)],
  ])('an unterminated begin block ends within its budget (%s)', async (_label, text) => {
    const backend = await getBackend();
    const started = Date.now();
    let outcome: string;
    try {
      outcome = parseWith(backend, text, { timeBudgetMs: 300 }).root.type;
    } catch (err) {
      outcome = isParseTimeout(err) ? 'timed out' : String(err);
    }
    expect(['source_file', 'ERROR', 'timed out']).toContain(outcome);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('IncrementalDocument on unfinished code', () => {
  it('never hangs: a native timeout falls back to wasm, and later edits parse normally', async () => {
    const { IncrementalDocument, getBackend: backendOf } = await import('../../grammar-bindings');
    const backend = await backendOf();
    const doc = new IncrementalDocument(backend, 300);
    const unfinished = 'function f()\n    begin\n        x\n';
    const first = Date.now();
    let outcome: string;
    try {
      outcome = doc.update(unfinished).root.type;
    } catch (err) {
      outcome = isParseTimeout(err) ? 'timed out' : String(err);
    }
    expect(['source_file', 'ERROR', 'timed out']).toContain(outcome);
    expect(Date.now() - first).toBeLessThan(3_000);
    await backendOf('wasm');
    await new Promise((r) => setTimeout(r, 10));
    // Now wasm is loaded: the same text gives a tree.
    expect(doc.update(unfinished + '\n').source).toBe(unfinished + '\n');
    const done = doc.update(unfinished + '    end\nend\n');
    expect(done.hasError).toBe(false);
    expect(done.backend).toBe(backend.name);
    doc.dispose();
  });
});
