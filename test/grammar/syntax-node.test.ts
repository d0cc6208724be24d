// Syntax nodes derive rows and UTF-16 columns from their offsets and keep their flags and index in
// their parent in one number: positions must equal those counted straight from the text (rows at
// '\n' only, columns in UTF-16 code units), and the packed properties must not disturb each other.

import { describe, expect, it } from 'vitest';
import { getBackend, IncrementalDocument, parseWith, SyntaxNode, walk } from '../../grammar-bindings';

/** Row and UTF-16 column of `index`, counted the plain way. */
function pointOf(text: string, index: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (text.charCodeAt(i) === 10) {
      row++;
      lineStart = i + 1;
    }
  }
  return { row, column: index - lineStart };
}

function expectPositionsCounted(root: SyntaxNode, text: string): number {
  let checked = 0;
  const nodes: SyntaxNode[] = [];
  walk(root, (n) => {
    nodes.push(n);
  });
  // Out of order on purpose: the row lookup remembers the last row found.
  for (let i = nodes.length - 1; i >= 0; i -= 2) nodes.push(nodes[i]);
  for (const n of nodes) {
    const start = pointOf(text, n.startIndex);
    const end = pointOf(text, n.endIndex);
    expect(n.startPosition).toEqual(start);
    expect(n.endPosition).toEqual(end);
    expect([n.startRow, n.startColumn, n.endRow, n.endColumn]).toEqual([start.row, start.column, end.row, end.column]);
    checked++;
  }
  return checked;
}

const TEXTS: Record<string, string> = {
  ascii: 'module M\nfunction f(x::Int)\n    println("x = ", x)\n    return x + 1\nend\nend\n',
  'non-ASCII': 'function grüße(ä)\n    println("héllo wörld", ä)  # café\n    α = ä * 2; β = α\nend\n',
  astral: 'const 𝒳 = "😀😀"\nfunction f(𝑥)\n    println("😀😀", 𝒳, 𝑥)\nend\ng() = "🎉" * string(𝒳)\n',
  CRLF: 'function f(x)\r\n    y = "é😀"\r\n    println(y, x)\r\nend\r\n\r\nf(1)\r\n',
  'no final newline': 'x = 1\ny = "😀"',
  'unfinished code': 'function f(x\n    println("😀", x\nstruct S\n  a::Int\r\n',
  empty: '',
};

describe('syntax node positions', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`equal the rows and UTF-16 columns counted from the text: ${name}`, async () => {
      const tree = parseWith(await getBackend(), text);
      expect(expectPositionsCounted(tree.root, text)).toBeGreaterThan(0);
    });
  }

  it('stay right when nodes of several trees are read in turn', async () => {
    const backend = await getBackend();
    const trees = Object.values(TEXTS).map((t) => parseWith(backend, t));
    for (let round = 0; round < 2; round++) {
      for (const t of trees) expectPositionsCounted(t.root, t.source);
    }
  });

  it('follow edits of an open document (reused, shifted and fresh statements)', async () => {
    const doc = new IncrementalDocument(await getBackend());
    let text = TEXTS.astral + TEXTS.CRLF + TEXTS['non-ASCII'];
    doc.update(text);
    const edits: Array<(t: string) => string> = [
      (t) => t.replace('println("😀😀"', 'println(stdout, "😀😀😀"'),
      (t) => t.replace('y = "é😀"', 'y = "é"\r\n    z = 😀'),
      (t) => 'x = "𝒳"\n' + t,
      (t) => t.replace('α = ä * 2', 'α = ä'),
    ];
    for (const edit of edits) {
      text = edit(text);
      const tree = doc.update(text);
      expectPositionsCounted(tree.root, text);
    }
    doc.dispose();
  });
});

describe('syntax node packed properties', () => {
  it('keep named, missing, field and index in parent apart', () => {
    for (const named of [false, true]) {
      for (const missing of [false, true]) {
        const n = new SyntaxNode('identifier', named, missing, 0, 0, '');
        for (const field of [null, 'name', 'value', null, 'condition']) {
          for (const index of [0, 1, 127, 128, 65_534, 65_535, 1 << 20, (1 << 24) - 2]) {
            n.field = field;
            n.indexInParent = index;
            expect([n.named, n.missing, n.field, n.indexInParent]).toEqual([named, missing, field, index]);
            n.indexInParent = 3;
            n.field = field;
            expect([n.named, n.missing, n.field, n.indexInParent]).toEqual([named, missing, field, 3]);
          }
        }
      }
    }
  });

  it('keep indices of long lists', () => {
    const n = new SyntaxNode('identifier', true, false, 0, 0, '');
    n.field = 'name';
    for (const index of [65_535, 65_536, (1 << 24) - 1, 1 << 24, 2 ** 31 - 1, 5]) {
      n.indexInParent = index;
      expect([n.indexInParent, n.field, n.named]).toEqual([index, 'name', true]);
    }
  });

  it('give siblings through the index', async () => {
    const tree = parseWith(await getBackend(), 'f(a, b, c)\ng(d)\n');
    walk(tree.root, (n) => {
      n.children.forEach((c, i) => {
        expect(c.indexInParent).toBe(i);
        expect(c.parent).toBe(n);
        expect(c.nextSibling).toBe(n.children[i + 1] ?? null);
        expect(c.previousSibling).toBe(i > 0 ? n.children[i - 1] : null);
      });
    });
  });

  // Last: the types made up here use up the small ids for the rest of this file.
  it('keep types past the first 511 with their other properties', () => {
    const nodes: SyntaxNode[] = [];
    for (let i = 0; i < 600; i++) {
      const n = new SyntaxNode(`made_up_type_${i}`, i % 2 === 0, i % 3 === 0, i, i + 1, 'x'.repeat(700));
      n.field = i % 5 === 0 ? 'value' : null;
      n.indexInParent = i * 200;
      nodes.push(n);
    }
    nodes.forEach((n, i) => {
      expect([n.type, n.named, n.missing, n.field, n.indexInParent, n.startIndex, n.endIndex, n.text]).toEqual([`made_up_type_${i}`, i % 2 === 0, i % 3 === 0, i % 5 === 0 ? 'value' : null, i * 200, i, i + 1, 'x']);
    });
  });
});
