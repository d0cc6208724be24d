// trimsafe's parser addon (grammar-bindings/native/) must give exactly the trees the tree-sitter
// binding gives through the cursor copy, honour the parse budget, load in worker threads, and be
// switched off by TRIMSAFE_NATIVE_ADDON=0. It is built by `npm ci`; without it these tests are
// skipped and say why.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { addonPath, Backend, copyTree, loadBackend, RawTree } from '../../grammar-bindings/backend';
import { FIELD_SHIFT, flatHasError, inflateTree, MISSING, NAMED, STRIDE } from '../../grammar-bindings/flat-tree';
import { isParseTimeout, parseFlatWith, parseWith, repairSource } from '../../grammar-bindings';
import { describeTree } from '../helpers';

const root = join(__dirname, '..', '..');
const cliJs = join(root, 'dist', 'server', 'main.js');
const built = existsSync(addonPath());
const disabled = process.env.TRIMSAFE_NATIVE_ADDON === '0';
const skipReason = !built ? 'not built (npm ci builds it; see grammar-bindings/native/build.mjs)' : disabled ? 'disabled by TRIMSAFE_NATIVE_ADDON=0' : null;
if (skipReason) console.warn(`test/grammar/native-addon.test.ts: parser addon ${skipReason}; its tests are skipped`);

function julia(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) julia(p, out);
    else if (e.isFile() && e.name.endsWith('.jl')) out.push(p);
  }
  return out;
}

const EDGE_CASES: Array<[string, string]> = [
  ['empty file', ''],
  ['only a newline', '\n'],
  ['non-ASCII', 'x = "héllo ∀ wörld"\nα = 1; β₂ = α + 1\n'],
  ['astral characters', '# 🎉 party\n𝕃ₚ = f(𝑥) + "😀😀"\nzz = 3\nfunction 𝒻(𝓍)\n    return 𝓍^2\nend\n'],
  ['lone surrogates', 'x = "\uD800"\ny = "\uDC00z"\n\uD83D = 1\n'],
  ['CRLF line ends', 'function f(x)\r\n    if x > 1\r\n        return x\r\n    end\r\nend\r\n'],
  ['lone CR', 'a = 1\rb = 2\n c = 3\r\r\n'],
  ['BOM', '\uFEFFmodule M\nx = 1\nend\n'],
  ['BOM alone', '\uFEFF'],
  ['BOM in the middle', 'x = 1\n\uFEFFy = 2\n'],
  ['NUL and tabs', 'x = "a\0b"\n\tf(\t1)\n'],
  ['ERROR nodes', 'mutable struct M\n const a::Int\nend\n y = a +% b\nisexpr(x, :for, 2)\n'],
  ['MISSING nodes', 'f(x,\nfunction g(\n    (1 + \n'],
  ['unfinished string', 'function f()\n    x = "unterminated\n'],
  ['fields', 'if a\n b\nelseif c\n d\nelse\n e\nend\nmodule M end\nx.y.z\nr"abc"i\nwhile c end\n'],
  ['deep nesting', '['.repeat(3_000) + ']'.repeat(3_000) + '\n' + 'begin\n'.repeat(400) + 'end\n'.repeat(400)],
  ['unbalanced nesting', '('.repeat(5_000)],
];

/** The binding's tree read straight from its cursor, in the flat layout's order and units. */
function cursorRows(tree: RawTree): string[] {
  const cursor = tree.walk();
  const out: string[] = [];
  // Pre-order with child counts filled in when a node's children are done.
  const open: number[] = [];
  const counts: number[] = [];
  const row = () => {
    if (open.length > 0) counts[open[open.length - 1]]++;
    out.push(
      [cursor.nodeType, cursor.nodeIsNamed, cursor.nodeIsMissing, cursor.startIndex, cursor.endIndex, cursor.startPosition.row, cursor.startPosition.column, cursor.endPosition.row, cursor.endPosition.column, cursor.currentFieldName ?? null].join(','),
    );
    counts.push(0);
  };
  row();
  for (;;) {
    if (cursor.gotoFirstChild()) {
      open.push(out.length - 1);
      row();
      continue;
    }
    for (;;) {
      if (cursor.gotoNextSibling()) {
        row();
        break;
      }
      if (!cursor.gotoParent()) return out.map((r, i) => `${r},${counts[i]}`);
      open.pop();
    }
  }
}

/** The addon's flat array, in the same terms. */
function flatRows(nodes: Int32Array, names: { types: readonly string[]; fields: ReadonlyArray<string | null> }): string[] {
  const out: string[] = [];
  for (let o = 0; o < nodes.length; o += STRIDE) {
    const flags = nodes[o + 1];
    out.push(
      [
        names.types[nodes[o]],
        (flags & NAMED) !== 0,
        (flags & MISSING) !== 0,
        nodes[o + 3],
        nodes[o + 4],
        nodes[o + 5],
        nodes[o + 6],
        nodes[o + 7],
        nodes[o + 8],
        names.fields[flags >> FIELD_SHIFT] ?? null,
        nodes[o + 2],
      ].join(','),
    );
  }
  return out;
}

describe.skipIf(skipReason !== null)(`the parser addon${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let backend: Backend;
  const texts = (): Array<[string, string]> => [...EDGE_CASES, ...julia(join(root, 'test')).map((p): [string, string] => [p, readFileSync(p, 'utf8')])];

  it('is the native backend in use', async () => {
    backend = await loadBackend('native');
    expect(backend.path).toBe('addon');
    expect(backend.parseFlat).toBeTypeOf('function');
    expect(backend.description).toBe('parser: native (trimsafe parser addon)');
    expect(backend.fallbackReason).toBeNull();
  });

  it('returns the nodes, fields, ranges, rows and columns the binding has, on every test file and edge case', () => {
    let errors = 0;
    let missing = 0;
    for (const [name, text] of texts()) {
      const parsed = repairSource(text);
      const flat = backend.parseFlat!(parsed)!;
      const raw = backend.parse(parsed);
      try {
        expect(flatRows(flat.nodes, flat.names), name).toEqual(cursorRows(raw));
        expect(flatHasError(flat.nodes), name).toBe(raw.rootNode.hasError);
      } finally {
        backend.release(raw);
      }
      for (let o = 0; o < flat.nodes.length; o += STRIDE) {
        if (flat.names.types[flat.nodes[o]] === 'ERROR') errors++;
        if (flat.nodes[o + 1] & MISSING) missing++;
      }
    }
    // The edge cases do reach error recovery.
    expect(errors).toBeGreaterThan(0);
    expect(missing).toBeGreaterThan(0);
  });

  it('gives parseWith the same SyntaxNodes as the cursor copy, and workers the same flat tree', () => {
    for (const [name, text] of texts()) {
      const raw = backend.parse(repairSource(text));
      const reference = { root: copyTree(raw, text), hasError: raw.rootNode.hasError };
      backend.release(raw);
      const tree = parseWith(backend, text);
      expect(describeTree(tree.root), name).toEqual(describeTree(reference.root));
      expect([tree.hasError, tree.backend, tree.source === text], name).toEqual([reference.hasError, 'native', true]);
      const flat = parseFlatWith(backend, text);
      expect(describeTree(inflateTree(flat.names, flat.nodes, text, flatHasError(flat.nodes), 'native').root), name).toEqual(describeTree(reference.root));
    }
  });

  it('gives up within the budget on the input the native runtime never finishes, and parses normally after', () => {
    const started = Date.now();
    expect(backend.parseFlat!('begin\nbegin\nx\n', 200)).toBeNull();
    expect(Date.now() - started).toBeLessThan(3_000);
    let caught: unknown = null;
    try {
      parseWith(backend, 'function f()\n    begin\n        x\n', { timeBudgetMs: 200 });
    } catch (err) {
      caught = err;
    }
    expect(isParseTimeout(caught)).toBe(true);
    // The parser was reset, and a budget does not stay set for the next parse.
    const big = 'x = [1, 2, 3]\n'.repeat(5_000);
    expect(backend.parseFlat!(big, 1)).toBeNull();
    expect(parseWith(backend, big).root.children.length).toBe(5_000);
    expect(parseWith(backend, 'x = 1', { timeBudgetMs: 1_000 }).root.type).toBe('source_file');
  });

  it('loads in worker threads, one parser per thread', async () => {
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const addon = require(workerData.path);
      let n = 0;
      for (let i = 0; i < 50; i++) n += addon.parse(workerData.text).length;
      parentPort.postMessage(n);`;
    const text = 'function f(x)\n    return x + 1\nend\n'.repeat(200);
    const expected = backend.parseFlat!(text)!.nodes.length * 50;
    const results = await Promise.all(
      [1, 2].map(
        () =>
          new Promise<number>((resolve, reject) => {
            const w = new Worker(code, { eval: true, workerData: { path: addonPath(), text } });
            w.once('message', (n: number) => {
              resolve(n);
              void w.terminate();
            });
            w.once('error', reject);
          }),
      ),
    );
    expect(results).toEqual([expected, expected]);
    // The main thread's parser is unaffected.
    expect(backend.parseFlat!(text)!.nodes.length * 50).toBe(expected);
  });
});

describe.skipIf(skipReason !== null || !existsSync(cliJs))('TRIMSAFE_NATIVE_ADDON=0', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('parses with the tree-sitter binding instead, says so under --verbose, and finds the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trimsafe-addon-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'bad.jl'), 'function (@main)(args)\n    println("héllo 😀")\r\n    return 0\nend\n');
    writeFileSync(join(dir, 'other.jl'), 'mutable struct M\n const a::Int\nend\nfunction g()\n    print(1)\nend\n');
    const run = (extra: Record<string, string>) => {
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
      delete env.TRIMSAFE_PARSER;
      return spawnSync(process.execPath, [cliJs, '--check', '--verbose', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', env });
    };
    const withAddon = run({});
    const without = run({ TRIMSAFE_NATIVE_ADDON: '0' });
    expect(withAddon.stderr).toContain('trimsafe: parser: native (trimsafe parser addon)');
    expect(without.stderr).toContain('trimsafe: parser: native (tree-sitter binding; parser addon disabled by TRIMSAFE_NATIVE_ADDON=0)');
    expect([without.status, without.stdout]).toEqual([withAddon.status, withAddon.stdout]);
    expect(withAddon.status).toBe(1);
  });
});
