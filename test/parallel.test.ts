// Parsing on worker threads must not change a single byte of the report, and the fast tree copy
// must give the same nodes as reading every property from the cursor.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyTree, loadBackend, RawTree } from '../grammar-bindings/backend';
import { repairSource } from '../grammar-bindings/repair';
import { SyntaxNode } from '../grammar-bindings/syntax';
import { parseArgs, UsageError } from '../server/cli';
import { describeTree } from './helpers';
import { flattenTree, inflateTree } from '../grammar-bindings';
import { PARALLEL_MIN_CHARS, parseJobs, resolveJobs, wantsParallel } from '../server/parallel';

const root = join(__dirname, '..');
const cliJs = join(root, 'dist', 'server', 'main.js');

async function corpus(lines: number): Promise<Array<{ path: string; text: string }>> {
  const gen = (await import(join(root, 'bench', 'generate-corpus.mjs'))) as {
    generateCorpus(lines: number, seed?: number): Array<{ path: string; text: string }>;
  };
  return gen.generateCorpus(lines, 7);
}

function fixtureTexts(): string[] {
  const out: string[] = [];
  const stack = [join(root, 'test', 'fixtures')];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.jl')) out.push(readFileSync(p, 'utf8'));
    }
  }
  return out;
}

/** The straightforward copy: every property read from the cursor. */
function referenceCopy(tree: RawTree, source: string): SyntaxNode {
  type Cursor = ReturnType<RawTree['walk']>;
  const cursor: Cursor = tree.walk();
  const make = () =>
    new SyntaxNode(cursor.nodeType, cursor.nodeIsNamed, cursor.nodeIsMissing, cursor.startIndex, cursor.endIndex, source);
  const rootNode = make();
  let current = rootNode;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      const child = make();
      child.field = cursor.currentFieldName ?? null;
      child.parent = current;
      child.indexInParent = 0;
      current.children.push(child);
      current = child;
      continue;
    }
    for (;;) {
      if (cursor.gotoNextSibling()) {
        const parent = current.parent!;
        const sibling = make();
        sibling.field = cursor.currentFieldName ?? null;
        sibling.parent = parent;
        sibling.indexInParent = parent.children.length;
        parent.children.push(sibling);
        current = sibling;
        break;
      }
      if (!cursor.gotoParent()) return rootNode;
      current = current.parent!;
    }
  }
}

const SAMPLES = [
  'x = "héllo ∀ 😀 wörld"\ny = 1\r\nz = [1 2; 3 4]\n',
  'function f(x::Int)::Int\n    return x + 1\nend\n',
  'struct A{T<:Real}\n    x::T\nend\nmodule M\n"doc"\nf() = 1\nend\n',
  'f(x,',
  '',
  'mutable struct M\n const a::Int\nend\n y = a +% b\n',
];

describe('tree copy', () => {
  it('gives the same nodes as reading every property from the cursor', async () => {
    const backend = await loadBackend();
    const texts = [...SAMPLES, ...fixtureTexts(), ...(await corpus(3000)).map((f) => f.text)];
    for (const text of texts) {
      const raw = backend.parse(repairSource(text));
      try {
        expect(describeTree(copyTree(raw, text))).toEqual(describeTree(referenceCopy(raw, text)));
      } finally {
        backend.release(raw);
      }
    }
  });

  it('survives flattening for a worker and rebuilding on the main thread', async () => {
    const backend = await loadBackend();
    for (const text of [...SAMPLES, ...(await corpus(2000)).map((f) => f.text)]) {
      const raw = backend.parse(repairSource(text));
      const tree = copyTree(raw, text);
      backend.release(raw);
      const { names, nodes } = flattenTree(tree);
      const rebuilt = inflateTree(names, nodes, text, true, backend.name);
      expect(describeTree(rebuilt.root)).toEqual(describeTree(tree));
      expect(rebuilt.root.text).toBe(text.slice(tree.startIndex, tree.endIndex));
    }
  });
});

describe('--jobs', () => {
  it('parses --jobs and -j, and rejects what is not a positive whole number', () => {
    expect(parseArgs(['--check', '--jobs', '3']).jobs).toBe(3);
    expect(parseArgs(['--check', '-j', '1', 'src']).jobs).toBe(1);
    expect(parseArgs(['--check', '--jobs=2']).jobs).toBe(2);
    expect(parseArgs(['--check']).jobs).toBeNull();
    for (const bad of ['0', '-1', 'two', '1.5']) expect(() => parseArgs(['--check', `--jobs=${bad}`])).toThrow(UsageError);
  });

  it('takes --jobs over TRIMSAFE_JOBS over the number of cores', () => {
    expect(resolveJobs(3, { TRIMSAFE_JOBS: '5' })).toBe(3);
    expect(resolveJobs(null, { TRIMSAFE_JOBS: '5' })).toBe(5);
    expect(resolveJobs(null, {})).toBeGreaterThanOrEqual(1);
    expect(() => resolveJobs(null, { TRIMSAFE_JOBS: 'many' })).toThrow(/TRIMSAFE_JOBS/);
    expect(parseJobs(' 4 ')).toBe(4);
  });

  it('stays on one thread for one thread, few files or little text', () => {
    const big = Array.from({ length: 4 }, () => ({ text: 'x'.repeat(50_000) }));
    expect(wantsParallel(big, 1)).toBe(false);
    expect(wantsParallel(big, undefined)).toBe(false);
    expect(wantsParallel([{ text: 'x = 1' }, { text: 'y = 2' }], 4)).toBe(false);
  });
});

describe('checking on several threads', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it.skipIf(!existsSync(cliJs))('prints byte-identical JSON with --jobs 1 and 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trimsafe-parallel-'));
    dirs.push(dir);
    const files = await corpus(4500);
    expect(files.reduce((n, f) => n + f.text.length, 0)).toBeGreaterThan(PARALLEL_MIN_CHARS);
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.text);
    }
    const run = (jobs: string) => {
      const r = spawnSync(process.execPath, [cliJs, '--check', '.', '--format', 'json', '--jobs', jobs], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        // On a busy machine a wall-clock budget could skip a file in one run and not the other.
        env: { ...process.env, TRIMSAFE_FILE_TIMEOUT_MS: '600000' },
      });
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    const one = run('1');
    const doc = JSON.parse(one) as { findings: unknown[]; summary: { files: number } };
    expect(doc.findings.length).toBeGreaterThan(50);
    expect(doc.summary.files).toBeGreaterThan(10);
    expect(run('2')).toBe(one);
  }, 300_000);
});
