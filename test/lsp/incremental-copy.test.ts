// An open document's tree after an edit must be exactly a full copy of tree-sitter's reparsed tree
// (and, where the code has no syntax errors, the tree a fresh parse gives), whatever the copy
// reused from the previous tree: same types, fields, offsets, rows, UTF-16 columns, text and parent
// links for every node, after random edits of every kind.

import { describe, expect, it } from 'vitest';
import { getBackend, IncrementalDocument, parseWith, sexp, SyntaxNode } from '../../grammar-bindings';
import { seededRandom } from '../helpers';

/** Every difference between two trees, by path (empty when identical). */
function treeDifferences(a: SyntaxNode, b: SyntaxNode, limit = 5): string[] {
  const out: string[] = [];
  const stack: Array<[SyntaxNode, SyntaxNode, string]> = [[a, b, 'root']];
  while (stack.length > 0 && out.length < limit) {
    const [x, y, path] = stack.pop()!;
    const fx = JSON.stringify([x.type, x.named, x.missing, x.field, x.indexInParent, x.startIndex, x.endIndex, x.startPosition, x.endPosition, x.text, x.children.length]);
    const fy = JSON.stringify([y.type, y.named, y.missing, y.field, y.indexInParent, y.startIndex, y.endIndex, y.startPosition, y.endPosition, y.text, y.children.length]);
    if (fx !== fy) {
      out.push(`${path}: ${fx} != ${fy}`);
      continue;
    }
    x.children.forEach((k, i) => {
      if (k.parent !== x) out.push(`${path}/${i}: parent link broken`);
      stack.push([k, y.children[i], `${path}/${i}:${k.type}`]);
    });
  }
  return out;
}


function sampleFile(units: number): string {
  const out = ['module Outer', '', 'const LIMIT = 10', 'a = 1; b = "α😀"', ''];
  for (let i = 0; i < units; i++) {
    switch (i % 5) {
      case 0:
        out.push(`function step_${i}(total::Int, s::String)`, '    acc = total', '    for k in 1:LIMIT', '        acc += k * 2', '    end', `    println(Core.stdout, "αβ $(acc) 😀 ${i}")`, '    return acc', 'end', '');
        break;
      case 1:
        out.push(`struct P_${i}`, '    x::Float64', 'end', `norm_${i}(p::P_${i}) = sqrt(p.x^2) # ünïcode`, '');
        break;
      case 2:
        out.push(`module Inner_${i}`, `g_${i}(x) = x + 1`, '#= block', '   comment =#', `h_${i}() = g_${i}(2)`, 'end', '');
        break;
      case 3:
        out.push(`x_${i} = [1, 2, 3]; y_${i} = x_${i}[1]`, `@inline q_${i}(v) = v .+ 1`, '');
        break;
      default:
        out.push(`let t = ${i}`, '    s = """', '    multi α', '    """', 'end', '');
    }
  }
  out.push('function (@main)(args)', '    return 0', 'end', '', 'end # module', 'top = 2');
  return out.join('\n') + '\n';
}

const SNIPPETS = ['z', 'zz', ' ', '\n', '\n\n', '"', '(', ')', 'end', 'end\n', 'function f(x)\n', 'module M\n', '#=', '=#', '#', ';', 'α', '😀', '[', ']', 'begin ', '1', '.', '::Int', 'x = 2\n', '"""', '$(', 'struct S\n'];

function randomEdit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const kind = rnd();
  // Never split a surrogate pair: editors do not either.
  const safe = (i: number) => (i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]) ? i - 1 : i);
  const p = safe(at);
  if (kind < 0.45) {
    const s = SNIPPETS[Math.floor(rnd() * SNIPPETS.length)];
    return text.slice(0, p) + s + text.slice(p);
  }
  if (kind < 0.85) {
    const len = 1 + Math.floor(rnd() * (rnd() < 0.8 ? 2 : 40));
    return text.slice(0, p) + text.slice(safe(Math.min(text.length, p + len)));
  }
  const len = Math.floor(rnd() * 6);
  const s = SNIPPETS[Math.floor(rnd() * SNIPPETS.length)];
  return text.slice(0, p) + s + text.slice(safe(Math.min(text.length, p + len)));
}

describe('incremental copy of an edited document', () => {
  it('equals a full copy of the reparsed tree after every random edit', async () => {
    const backend = await getBackend();
    const edits = Number(process.env.INCREMENTAL_COPY_EDITS ?? 300);
    let reusedOrMoved = 0;
    for (const seed of [1, 2, 3]) {
      const rnd = seededRandom(seed);
      const doc = new IncrementalDocument(backend);
      let text = sampleFile(12);
      doc.update(text);
      for (let k = 0; k < edits / 3; k++) {
        // Now and then an undo-like jump back to a clean text, so errors do not only pile up.
        text = k % 40 === 39 ? sampleFile(12) : randomEdit(text, rnd);
        const incremental = doc.update(text);
        const diffs = treeDifferences(incremental.root, doc.fullCopy()!);
        if (diffs.length > 0) throw new Error(`seed ${seed}, edit ${k}: trees differ\n${diffs.join('\n')}\ntext:\n${text}`);
        // tree-sitter's own incremental reparse of badly broken code may recover from errors
        // differently than a fresh parse; where neither has errors they must agree.
        const fresh = parseWith(backend, text);
        if (!fresh.hasError && !incremental.hasError) expect(treeDifferences(incremental.root, fresh.root)).toEqual([]);
        expect(incremental.source).toBe(text);
        reusedOrMoved += doc.lastCopy.reused + doc.lastCopy.moved;
      }
      doc.dispose();
    }
    // The edits exercised the reuse, not only fresh copies.
    expect(reusedOrMoved).toBeGreaterThan(edits * 5);
  });

  it('reuses the statements before a one-character edit and clones those after it', async () => {
    const backend = await getBackend();
    const doc = new IncrementalDocument(backend);
    let text = sampleFile(60);
    const first = doc.update(text);
    const middle = text.indexOf('acc += k * 2', Math.floor(text.length / 2)) + 3;
    text = text.slice(0, middle) + 'z' + text.slice(middle);
    const second = doc.update(text);
    expect(doc.lastCopy.reused).toBeGreaterThan(10);
    expect(doc.lastCopy.moved).toBeGreaterThan(10);
    expect(doc.lastCopy.copied).toBeLessThan(5);
    // The module's first statements are the very same objects.
    const firstModule = first.root.children[0];
    const secondModule = second.root.children[0];
    expect(secondModule.children[1]).toBe(firstModule.children[1]);
    expect(secondModule.children[1].parent).toBe(secondModule);
    expect(sexp(second.root)).toBe(sexp(parseWith(backend, text).root));
    expect(treeDifferences(second.root, parseWith(backend, text).root)).toEqual([]);
    doc.dispose();
  });

  it('keeps node text right when many edits in different places reuse older copies', async () => {
    const backend = await getBackend();
    const doc = new IncrementalDocument(backend);
    let text = sampleFile(40);
    doc.update(text);
    const rnd = seededRandom(7);
    let tree = doc.update(text);
    for (let k = 0; k < 40; k++) {
      const lines = text.split('\n');
      const line = Math.floor(rnd() * lines.length);
      lines[line] = lines[line] + ' ';
      text = lines.join('\n');
      tree = doc.update(text);
    }
    expect(treeDifferences(tree.root, parseWith(backend, text).root)).toEqual([]);
    doc.dispose();
  });

  it('starts from the parser addon\'s tree, parse errors included, and reparses incrementally after it', async () => {
    const backend = await getBackend();
    const rnd = seededRandom(11);
    const doc = new IncrementalDocument(backend);
    // Broken from the start: the statements holding errors must never be reused.
    let text = sampleFile(10).replace('acc += k * 2', 'acc += (k * 2') + '\nfunction g(x\n';
    const first = doc.update(text);
    // With the addon, no binding tree is made for the first update; one is made on demand.
    expect(doc.needsPriming).toBe(backend.parseFlat !== undefined);
    expect(first.hasError).toBe(true);
    for (let k = 0; k < 60; k++) {
      text = randomEdit(text, rnd);
      const incremental = doc.update(text);
      expect(doc.needsPriming).toBe(false);
      const diffs = treeDifferences(incremental.root, doc.fullCopy()!);
      if (diffs.length > 0) throw new Error(`edit ${k}: trees differ\n${diffs.join('\n')}\ntext:\n${text}`);
    }
    doc.dispose();
  });

  it('adopts a tree parsed elsewhere as its first update and reuses its statements', async () => {
    const backend = await getBackend();
    let text = sampleFile(30);
    const elsewhere = parseWith(backend, text);
    const doc = new IncrementalDocument(backend);
    expect(doc.adopt(elsewhere)).toBe(true);
    // A document with a tree does not adopt another.
    expect(doc.adopt(parseWith(backend, text))).toBe(false);
    const middle = text.indexOf('acc += k * 2', Math.floor(text.length / 2)) + 3;
    text = text.slice(0, middle) + 'z' + text.slice(middle);
    const edited = doc.update(text);
    expect(edited.root.children[0].children[1]).toBe(elsewhere.root.children[0].children[1]);
    expect(treeDifferences(edited.root, parseWith(backend, text).root)).toEqual([]);
    expect(treeDifferences(edited.root, doc.fullCopy()!)).toEqual([]);
    doc.dispose();
  });
});
