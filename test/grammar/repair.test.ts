// Same-length repairs of valid Julia that tree-sitter-julia 0.23.1 cannot parse: each snippet must
// parse without ERROR after repair, keep its length and line breaks, and show the expected node.

import { describe, expect, it } from 'vitest';
import { computeFileFacts } from '../../analysis/file-facts';
import { descendantsOfType, getBackend, parseWith, repairSource, sexp, SyntaxNode } from '../../grammar-bindings';

interface Case {
  name: string;
  code: string;
  /** A node of this type must exist and (when given) have exactly this original text. */
  node: string;
  text?: string;
}

const CASES: Case[] = [
  { name: 'wrapping operator', code: 'y = a +% b', node: 'binary_expression', text: 'a +% b' },
  { name: 'wrapping update', code: 'x +%= 1', node: 'compound_assignment_expression' },
  {
    name: 'wrapping operators as functions',
    code: 'function +%(x::R, y::R)\n    +%(*%(x.a, y.a), -%(x.b))\nend',
    node: 'function_definition',
  },
  { name: 'const field', code: 'mutable struct M\n    const a::Int\n    b::Float64\nend', node: 'typed_expression', text: 'a::Int' },
  { name: 'const field with @kwdef default', code: '@kwdef mutable struct K\n    const a::Int = 1\n    @atomic b::Int\nend', node: 'struct_definition' },
  { name: 'keyword symbol argument', code: 'isexpr(x, :for, 2) || f(:in)', node: 'quote_expression', text: ':for' },
  { name: 'keyword symbol in comparison', code: 'ok = (x === :where) && head === :if', node: 'quote_expression', text: ':where' },
  { name: '@nospecialize lambda', code: 'f = @nospecialize(x) -> g(x)', node: 'arrow_function_expression' },
  { name: '@nospecialize lambda without space', code: 'any(@nospecialize(a)->isa(a, Int), xs)', node: 'arrow_function_expression' },
  { name: '@nospecialize do argument', code: 'map(xs) do @nospecialize(x)\n    g(x)\nend', node: 'do_clause' },
  { name: 'interpolated function name in a quote', code: 'ex = :(function $f end)', node: 'function_definition' },
  { name: 'operator character as a name', code: 'function ⊇ end\nx === ⊥ && return ∞\nlet ∞ = 1\n    ∞\nend', node: 'let_statement' },
  { name: 'begin arithmetic in indexing', code: 'y = X[begin+1, end-1]', node: 'index_expression', text: 'X[begin+1, end-1]' },
  { name: 'macro import by path', code: 'import Base.@kwdef\nimport ..@reexport', node: 'import_statement', text: 'import Base.@kwdef' },
  { name: 'trailing-comma destructuring', code: 'function f(x)\n    m, = g(x)\n    m\nend', node: 'function_definition' },
  { name: 'spaced range', code: 'r = a : b : c\nreturn (lo + 1) : (hi - 1)', node: 'range_expression' },
  { name: 'const global', code: 'const global X = 1', node: 'const_statement' },
  {
    name: 'labelled break and continue',
    code: '@label outer for i in 1:3\n    for j in 1:3\n        j == 2 && continue outer\n        break outer\n    end\nend',
    node: 'break_statement',
  },
  { name: 'one-hex-digit escape', code: 's = "\\x7"', node: 'string_literal', text: '"\\x7"' },
  { name: 'escaped backslash before u in a docstring', code: '"""\nhex (`"\\\\x"` prefix) or (`"\\\\u"`).\n"""\nf(x) = 1', node: 'assignment' },
  { name: 'isa among macro arguments', code: '@assert isa(x, T) "msg"', node: 'macro_argument_list' },
  { name: 'one-line let', code: 'let c = false end', node: 'let_statement' },
  { name: 'abstract type with semicolon', code: 'abstract type A; end', node: 'abstract_definition' },
  { name: 'unspaced !=', code: 'while i!=0\n    i -= 1\nend', node: 'while_statement' },
  { name: 'function @main', code: 'function @main(args)\n    return 0\nend', node: 'function_definition' },
  { name: 'primitive type with computed size', code: 'primitive type W sizeof(Ptr) * 8 end', node: 'primitive_definition' },
  { name: 'var"@m" in an import list', code: 'import Base.CoreLogging:\n    LogLevel,\n    var"@debug",\n    NullLogger', node: 'import_statement' },
  { name: 'macro name symbol', code: 'ms = (:@which, :@less)', node: 'quote_expression', text: ':@which' },
  { name: 'public and where as variables', code: 'public = f(x)\n@assert where === nothing || where.uuid !== nothing', node: 'assignment' },
];

function lineBreaks(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (s[i] === '\n' || s[i] === '\r') out.push(i);
  return out;
}

function errorNodes(root: SyntaxNode): SyntaxNode[] {
  return descendantsOfType(root, 'ERROR').concat(missingNodes(root));
}

function missingNodes(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.missing) out.push(n);
    stack.push(...n.children);
  }
  return out;
}

describe('repairSource', () => {
  for (const c of CASES) {
    it(`${c.name}: same length, no ERROR, expected node`, async () => {
      const repaired = repairSource(c.code);
      expect(repaired.length).toBe(c.code.length);
      expect(lineBreaks(repaired)).toEqual(lineBreaks(c.code));
      // Without the repair the grammar fails or misreads the snippet (`x +%= 1` as an assignment to
      // `x +%`, a `const` field as a const statement).
      const backend = await getBackend();
      const tree = parseWith(backend, c.code);
      expect(sexp(parseWith(backend, c.code, { noRepair: true }).root)).not.toBe(sexp(tree.root));
      expect(errorNodes(tree.root).map((n) => n.text)).toEqual([]);
      const nodes = descendantsOfType(tree.root, c.node);
      expect(nodes.length).toBeGreaterThan(0);
      if (c.text !== undefined) expect(nodes.map((n) => n.text)).toContain(c.text);
    });
  }

  it('is idempotent', () => {
    for (const c of CASES) {
      const once = repairSource(c.code);
      expect(repairSource(once)).toBe(once);
    }
  });

  it('leaves strings, comments and char literals alone', () => {
    const code = [
      's = "a +% b, const x, :for, break outer, i!=0, isa(x, T)"',
      't = """',
      'const a::Int',
      'x, = y',
      '"""',
      '# a +% b; const global X; import Base.@kwdef',
      "c = '%'",
      'r = raw"a +% b"',
      '#= break outer =#',
    ].join('\n');
    expect(repairSource(code)).toBe(code);
  });

  it('leaves ternaries, ranges, adjoints and ordinary code alone', () => {
    const code = [
      'x = c ? a : b',
      'y = cond ?',
      '    f(a) : g(b)',
      'r = a[2:end] .+ b[begin:end-1]',
      "z = A' * B'",
      'w = a % b + c * d - e',
      'if x break end',
      'let a = 1; a end',
      'f(x) = x != y',
      'begin',
      '    q = 1',
      'end',
    ].join('\n');
    expect(repairSource(code)).toBe(code);
  });

  it('keeps the meaning of strings that contain repairable text', async () => {
    const code = 'function f(x)\n    println("x +% y const z")\n    y = x +% 1\nend';
    const tree = parseWith(await getBackend(), code);
    const strings = descendantsOfType(tree.root, 'string_literal');
    expect(strings.map((s) => s.text)).toEqual(['"x +% y const z"']);
    expect(tree.hasError).toBe(false);
  });

  it('lets the analysis read repaired functions by name, including the @main entrypoint', async () => {
    const code = [
      'module M',
      'mutable struct S',
      '    const n::Int',
      'end',
      'step(s::S) = s.n +% 1',
      'function @main(args)',
      '    isexpr(args, :for) && return 1',
      '    return 0',
      'end',
      'end',
    ].join('\n');
    const facts = computeFileFacts('/virtual/m.jl', parseWith(await getBackend(), code));
    expect(facts.functions.map((f) => f.name)).toEqual(['step', 'main']);
    expect(facts.functions[1].entry?.kind).toBe('main');
    expect(facts.structs[0].fields.map((f) => f.name)).toEqual(['n']);
  });
});

describe('native and wasm backends', () => {
  it('give identical trees for every repaired snippet', async () => {
    const native = await getBackend('native');
    const wasm = await getBackend('wasm');
    expect(native.name).toBe('native');
    expect(wasm.name).toBe('wasm');
    for (const c of CASES) {
      // Error recovery differs between the two runtimes, so only repaired (error-free) trees are compared.
      expect(sexp(parseWith(wasm, c.code).root), c.name).toBe(sexp(parseWith(native, c.code).root));
    }
  });
});
