// The workspace model behind the language server, without a client.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getBackend, IncrementalDocument, ParseTimeoutError } from '../../grammar-bindings';
import { Workspace } from '../../server/lsp/workspace';

describe('refreshing open documents', () => {
  it('refreshes the other documents when one cannot be parsed, and drops the stale results of that one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'trimsafe-ws-'));
    try {
      const backend = await getBackend();
      const ws = new Workspace(root, null, {}, backend);
      const a = ws.openDocument('file:///a.jl', join(root, 'a.jl'), 1, 'function (@main)(args)\n    println("a")\n    return 0\nend\n');
      ws.openDocument('file:///b.jl', join(root, 'b.jl'), 1, 'f(x) = x\n');
      expect(ws.refreshOpenDocuments().sort()).toEqual([join(root, 'a.jl'), join(root, 'b.jl')]);
      ws.check([join(root, 'a.jl')]);
      expect(ws.findings.get(join(root, 'a.jl'))?.length).toBeGreaterThan(0);

      // The next parse of a.jl runs out of time; b.jl changed too.
      const timingOut = new IncrementalDocument(backend);
      timingOut.update = () => {
        throw new ParseTimeoutError(5000);
      };
      a.incremental = timingOut;
      ws.changeDocument(join(root, 'a.jl'), 2, 'function (@main)(args)\n    println("a")\n    return 0\nend\n# edited\n');
      ws.changeDocument(join(root, 'b.jl'), 2, 'f(x) = x + 1\n');
      const errors: string[] = [];
      const changed = ws.refreshOpenDocuments((path) => errors.push(path));
      expect(changed).toEqual([join(root, 'b.jl')]);
      expect(errors).toEqual([join(root, 'a.jl')]);
      expect(ws.project.files.has(join(root, 'a.jl'))).toBe(false);
      expect(ws.findings.has(join(root, 'a.jl'))).toBe(false);
      expect(ws.project.files.get(join(root, 'b.jl'))?.tree.source).toBe('f(x) = x + 1\n');
      expect(ws.hasDirtyDocuments()).toBe(false);
      ws.dispose();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('opening a file the workspace scan already read', () => {
  it('keeps the facts and findings read from disk when the text is the same, and parses when it is not', async () => {
    const root = mkdtempSync(join(tmpdir(), 'trimsafe-ws-'));
    try {
      const backend = await getBackend();
      const ws = new Workspace(root, null, {}, backend);
      const path = join(root, 'app.jl');
      const text = 'function (@main)(args)\n    println("a")\n    return 0\nend\n';
      writeFileSync(path, text);
      expect(ws.loadFromDisk(path)).toBe(true);
      ws.check([path]);
      const fromDisk = ws.project.files.get(path)!;
      const generation = ws.project.generation;
      expect(ws.findings.get(path)?.map((f) => `${f.range.start.line + 1}:${f.code}`)).toEqual(['2:TRIM101']);

      const doc = ws.openDocument('file:///app.jl', path, 1, text);
      expect(ws.refreshOpenDocuments()).toEqual([path]);
      expect(ws.project.files.get(path)).toBe(fromDisk);
      expect(ws.project.generation).toBe(generation);
      expect(ws.isUpToDate(path)).toBe(true);
      expect(doc.incremental.needsPriming).toBe(true);

      // The first keystroke reparses from the adopted tree.
      ws.changeDocument(path, 2, text.replace('println("a")', 'println("ab")'));
      expect(ws.refreshOpenDocuments()).toEqual([path]);
      expect(ws.project.files.get(path)).not.toBe(fromDisk);
      expect(ws.isUpToDate(path)).toBe(false);
      ws.check([path]);
      expect(ws.findings.get(path)?.map((f) => `${f.range.start.line + 1}:${f.code}`)).toEqual(['2:TRIM101']);

      // Opened with unsaved changes: the disk's facts are not taken.
      ws.closeDocument(path);
      const before = ws.project.files.get(path);
      ws.openDocument('file:///app.jl', path, 1, text + '# unsaved\n');
      ws.refreshOpenDocuments();
      expect(ws.project.files.get(path)).not.toBe(before);
      expect(ws.project.files.get(path)?.tree.source).toBe(text + '# unsaved\n');
      ws.dispose();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('makes the reparse trees of adopted documents one document at a time', async () => {
    const root = mkdtempSync(join(tmpdir(), 'trimsafe-ws-'));
    try {
      const ws = new Workspace(root, null, {}, await getBackend());
      const docs = ['a.jl', 'b.jl'].map((name, i) => {
        const path = join(root, name);
        writeFileSync(path, `f${i}(x) = x + ${i}\n`);
        ws.loadFromDisk(path);
        return ws.openDocument(`file:///${name}`, path, 1, `f${i}(x) = x + ${i}\n`);
      });
      ws.refreshOpenDocuments();
      expect(docs.map((d) => d.incremental.needsPriming)).toEqual([true, true]);
      expect(ws.primeOneDocument()).toBe(true);
      expect(docs.map((d) => d.incremental.needsPriming)).toEqual([false, true]);
      expect(ws.primeOneDocument()).toBe(true);
      expect(ws.primeOneDocument()).toBe(false);
      ws.dispose();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the workspace scan adding files in batches', () => {
  it('keeps read files out of the project until the batch is added, without overriding open documents or removals', async () => {
    const root = mkdtempSync(join(tmpdir(), 'trimsafe-ws-'));
    try {
      const ws = new Workspace(root, null, {}, await getBackend());
      const path = (n: string) => join(root, n);
      for (const n of ['a.jl', 'b.jl', 'c.jl', 'd.jl']) {
        writeFileSync(path(n), `${n[0]}_fn(x) = x\n`);
        ws.scanned.add(path(n));
        expect(ws.readForScan(path(n))).toBe(true);
      }
      expect(ws.readForScan(path('missing.jl'))).toBe(false);
      expect(ws.scanPendingCount).toBe(4);
      expect(ws.project.files.size).toBe(0);

      // Opened with the text on disk: the read facts are taken at once; opened edited: parsed.
      const a = ws.openDocument('file:///a.jl', path('a.jl'), 1, 'a_fn(x) = x\n');
      ws.openDocument('file:///b.jl', path('b.jl'), 1, 'b_fn(x) = x + 1\n');
      ws.refreshOpenDocuments();
      expect(a.incremental.needsPriming).toBe(true);
      expect(ws.project.files.get(path('a.jl'))?.tree.source).toBe('a_fn(x) = x\n');
      // Deleted while pending: never added.
      ws.removeFile(path('c.jl'));

      ws.addScannedFiles();
      expect([...ws.project.files.keys()].sort()).toEqual([path('a.jl'), path('b.jl'), path('d.jl')]);
      expect(ws.project.files.get(path('b.jl'))?.tree.source).toBe('b_fn(x) = x + 1\n');
      expect(ws.scanPendingCount).toBe(0);
      ws.dispose();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
