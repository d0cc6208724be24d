// Same-length rewrites of valid Julia that tree-sitter-julia 0.23.1 cannot parse. Every rewrite
// keeps the text's length and line breaks, so positions in the repaired text are positions in the
// user's text, and node text is always read from the user's original.
//
// Rules for every rewrite: it touches only code (never string contents or comments, which a
// lexical pre-pass marks), it replaces code by code or by spaces, it is idempotent (its output
// never matches it again), and it is one regex or scanner pass over the text.

/** Lexical class of each UTF-16 unit: 1 for code, 0 for string contents, comments and char literals. */
export interface CodeMap {
  code: Uint8Array;
  /** Innermost open bracket at each code position: 0 none, 1 `(`, 2 `[`, 3 `{`. */
  bracket: Uint8Array;
  /** Positions of the backslashes that start escapes inside strings. */
  escapes: number[];
}

const ROUND = 1;
const SQUARE = 2;
const CURLY = 3;

function isIdentChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 33 || (c >= 0xa0 && !isOperatorLike(c))
  );
}

/** Unicode operator characters that Julia does not accept in identifiers (the common ones). */
function isOperatorLike(c: number): boolean {
  return (c >= 0x2190 && c <= 0x22ff) || (c >= 0x2a00 && c <= 0x2aff) || c === 0xd7 || c === 0xf7 || c === 0x2026;
}

/**
 * Marks which positions are code. Handles `#` and nested `#= =#` comments, `"`/`"""` strings and
 * backtick commands with `$(...)` interpolation (code again inside), prefixed strings (`r"..."`,
 * `raw"..."`: no interpolation), and char literals (`'x'`, `'\''`) as opposed to the adjoint `a'`.
 */
export function codeMap(text: string): CodeMap {
  const n = text.length;
  const code = new Uint8Array(n);
  const bracket = new Uint8Array(n);
  const brackets: number[] = [];
  const escapes: number[] = [];
  // Open string contexts; each holds the paren depth of the interpolation it is waiting in.
  type Str = { delim: string; interpolates: boolean };
  const strings: Str[] = [];
  const interpDepth: number[] = []; // paren depth inside the current `$(`, per open interpolation
  let inString: Str | null = null;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) {
        escapes.push(i);
        i += 2;
        continue;
      }
      if (text.startsWith(inString.delim, i)) {
        i += inString.delim.length;
        inString = strings.pop() ?? null;
        continue;
      }
      if (c === 36 /* $ */ && inString.interpolates && text.charCodeAt(i + 1) === 40) {
        strings.push(inString);
        inString = null;
        interpDepth.push(0);
        code[i] = 1;
        code[i + 1] = 1;
        bracket[i + 1] = ROUND;
        brackets.push(ROUND);
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    // Code.
    if (c === 35 /* # */) {
      if (text.charCodeAt(i + 1) === 61 /* = */) {
        let depth = 1;
        i += 2;
        while (i < n && depth > 0) {
          if (text.charCodeAt(i) === 35 && text.charCodeAt(i + 1) === 61) {
            depth++;
            i += 2;
          } else if (text.charCodeAt(i) === 61 && text.charCodeAt(i + 1) === 35) {
            depth--;
            i += 2;
          } else i++;
        }
        continue;
      }
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol;
      continue;
    }
    if (c === 34 /* " */ || c === 96 /* ` */) {
      const q = c === 34 ? '"' : '`';
      const triple = text.startsWith(q + q + q, i);
      const prefixed = i > 0 && isIdentChar(text.charCodeAt(i - 1)) && text.charCodeAt(i - 1) !== 33;
      inString = { delim: triple ? q + q + q : q, interpolates: !prefixed };
      i += triple ? 3 : 1;
      continue;
    }
    if (c === 39 /* ' */) {
      const end = charLiteralEnd(text, i);
      if (end > 0) {
        i = end;
        continue;
      }
    }
    code[i] = 1;
    bracket[i] = brackets.length > 0 ? brackets[brackets.length - 1] : 0;
    if (c === 40 /* ( */ || c === 91 /* [ */ || c === 123 /* { */) {
      brackets.push(c === 40 ? ROUND : c === 91 ? SQUARE : CURLY);
      if (interpDepth.length > 0) interpDepth[interpDepth.length - 1]++;
    } else if (c === 41 /* ) */ || c === 93 /* ] */ || c === 125 /* } */) {
      brackets.pop();
      if (interpDepth.length > 0) {
        if (interpDepth[interpDepth.length - 1] === 0 && c === 41) {
          interpDepth.pop();
          inString = strings.pop() ?? null;
        } else interpDepth[interpDepth.length - 1]--;
      }
    }
    i++;
  }
  return { code, bracket, escapes };
}

/** End index (exclusive) of a char literal starting at `i`, or 0 when the quote is an adjoint. */
function charLiteralEnd(text: string, i: number): number {
  if (i > 0) {
    const p = text.charCodeAt(i - 1);
    // After an operand, `'` is the adjoint operator.
    if (isIdentChar(p) || p === 41 || p === 93 || p === 125 || p === 39 || p === 46) return 0;
  }
  const eol = text.indexOf('\n', i + 1);
  const limit = eol === -1 ? text.length : eol;
  let j = i + 1;
  if (text.charCodeAt(j) === 92) {
    // Escape: scan to the closing quote on this line.
    j += 2;
    while (j < limit && text.charCodeAt(j) !== 39) j++;
    return j < limit ? j + 1 : 0;
  }
  if (text.charCodeAt(j) === 39 && text.charCodeAt(j + 1) === 39) return j + 2; // `'''`
  const cp = text.codePointAt(j);
  if (cp === undefined) return 0;
  j += cp > 0xffff ? 2 : 1;
  return text.charCodeAt(j) === 39 ? j + 1 : 0;
}

type Edit = (out: Uint16Array, text: string, map: CodeMap) => void;

function allCode(map: CodeMap, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!map.code[k]) return false;
  return true;
}

function put(out: Uint16Array, at: number, s: string): void {
  for (let k = 0; k < s.length; k++) out[at + k] = s.charCodeAt(k);
}

function blank(out: Uint16Array, start: number, end: number): void {
  for (let k = start; k < end; k++) if (out[k] !== 10 && out[k] !== 13) out[k] = 32;
}

/** Runs `re` over the text and calls `fix` for each match lying wholly in code. */
function onCode(re: RegExp, fix: (m: RegExpExecArray, out: Uint16Array, text: string, map: CodeMap) => void): Edit {
  return (out, text, map) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (allCode(map, m.index, m.index + m[0].length)) fix(m, out, text, map);
    }
  };
}

const KEYWORD_SYMBOLS =
  'for|in|where|if|else|elseif|while|function|macro|module|baremodule|struct|mutable|try|catch|finally|return|break|continue|begin|let|local|global|const|import|using|export|abstract|primitive|type|isa|do|quote|end|public|outer';

const EDITS: Edit[] = [
  // Wrapping integer operators (Julia 1.13): `a +% b` -> `a  + b`, `x +%= 1` -> `x  += 1`, and
  // as functions `+%(x, y)` -> ` +(x, y)`, `function *%(a, b)` -> `function  *(a, b)`.
  onCode(/([+\-*])%/g, (m, out) => put(out, m.index, ' ' + m[1])),

  // `const global X = 1` -> `global const X = 1` (same words, the order the grammar knows).
  onCode(/\bconst(\s+)global\b/g, (m, out) => put(out, m.index, 'global' + m[1] + 'const')),

  // `function @main(args)` -> `function  main(args)`; analysis sees the `@` in the original text.
  onCode(/\bfunction[ \t]+@main\b/g, (m, out) => put(out, m.index + m[0].length - 5, ' ')),

  // Labelled loops (Julia 1.12): `break outer` / `continue outer` -> plain `break` / `continue`.
  // `break blk value` also drops the value up to the end of the statement.
  onCode(/\b(break|continue)([ \t]+)([A-Za-z_][\w!]*)([^\n;#]*)/g, (m, out, text) => {
    const label = m[3];
    if (/^(end|else|elseif|catch|finally|if|for|while|return|do)$/.test(label)) return;
    const start = m.index + m[1].length + m[2].length;
    // Keep a trailing ` end` (one-line `if c break outer end`).
    let stop = start + label.length + m[4].length;
    const tail = /\s+end\b.*$/.exec(m[4]);
    if (tail) stop = start + label.length + tail.index;
    if (text[m.index - 1] === '.' || text[m.index - 1] === ':') return;
    blank(out, start, stop);
  }),

  // `import Base.@kwdef` -> `import Base:@kwdef`; `import ..@reexport` -> `import .. reexport`.
  onCode(/\b(import|using)([ \t]+)([.\w]*?)(\.+)@/g, (m, out) => {
    const dots = m.index + m[1].length + m[2].length + m[3].length;
    if (m[3].length > 0) put(out, dots + m[4].length - 1, ':');
    else put(out, dots + m[4].length, ' ');
  }),

  // Trailing-comma destructuring at the start of a statement: `a, = f()` -> `a  = f()`.
  onCode(/^([ \t]*(?:local[ \t]+|global[ \t]+)?[\w.]+(?:\.\.\.)?(?:[ \t]*,[ \t]*[\w.]+(?:\.\.\.)?)*[ \t]*),([ \t]*=)(?!=)/gm, (m, out) =>
    put(out, m.index + m[1].length, ' '),
  ),

  // `i!=0` lexes as the identifier `i!`; `≠` is the same operator for the grammar.
  onCode(/([\w)\]])!=(?!=)/g, (m, out) => put(out, m.index + m[1].length, '≠ ')),

  // `isa(x, T)` among macro arguments (`@assert isa(x, T) "msg"`) confuses the grammar's `isa`
  // operator; as a call it is an ordinary identifier.
  onCode(/(?<![\w.!])isa\(/g, (m, out) => put(out, m.index, 'Isa')),

  // Keyword symbols as arguments or operands: `isexpr(x, :for)`, `(h === :in)` -> `:For`, `:In`.
  onCode(new RegExp(`:(${KEYWORD_SYMBOLS})\\b(?![!:])`, 'g'), (m, out, text) => {
    const i = m.index;
    let p = i - 1;
    while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
    const prev = p >= 0 ? text[p] : '\n';
    const spaced = p < i - 1;
    // `a:end` and `x[1 :end]` are ranges; so is anything right after an operand without space.
    if (/[\w)\]}'"!.]/.test(prev) && !(spaced && /(return|in|isa|elseif|if|&&|\|\|)$/.test(text.slice(Math.max(0, p - 6), p + 1)))) return;
    if (text[i - 1] === ':') return; // `x::in` is a type annotation, not a symbol
    if (m[1] === 'end' || m[1] === 'begin') {
      // Inside brackets `begin`/`end` mean indices.
      if (!spaced && prev !== '(' && prev !== ',' && prev !== '=') return;
    }
    put(out, i + 1, m[1][0].toUpperCase());
  }),

  // `begin` arithmetic in indexing: `X[begin+1, end-1]` -> `X[Begin+1, end-1]`.
  onCode(/\bbegin\b(?=[ \t]*[-+*\/÷%^])/g, (m, out, text, map) => {
    if (map.bracket[m.index] !== SQUARE) return;
    if (text[m.index - 1] === '.' || text[m.index - 1] === ':') return;
    put(out, m.index, 'B');
  }),

  // One-line `let c = false end` -> `let c = false;end` (the bindings end at a `;` or newline).
  onCode(/\blet([ \t]+)([^\n;#]*?[^\s;])([ \t]+)end\b/g, (m, out, text) => {
    if (text[m.index - 1] === '.' || text[m.index - 1] === ':' || text[m.index - 1] === '@') return;
    if (/\b(if|for|while|begin|let|do|try|function|quote)\b/.test(m[2])) return;
    put(out, m.index + 3 + m[1].length + m[2].length, ';');
  }),

  // `abstract type A; end` / `primitive type P 8; end` -> the `;` becomes a space.
  onCode(/\b(abstract|primitive)([ \t]+type[ \t]+[^\n;#]*?);([ \t]*end)\b/g, (m, out) => put(out, m.index + m[1].length + m[2].length, ' ')),

  // `@nospecialize(x) -> body` -> `(@nospecialize x)-> body` (the lambda keeps its annotated
  // parameter); without a space before `->` the macro is blanked and the parameter kept.
  onCode(/@nospecialize\(([^()\n]*)\)([ \t]*)->/g, (m, out) => {
    if (m[2].length > 0) put(out, m.index, '(@nospecialize ' + m[1] + ')' + ' '.repeat(m[2].length - 1) + '->');
    else blank(out, m.index, m.index + '@nospecialize'.length);
  }),

  // `do @nospecialize(x)` / `do @nospecialize x, y` -> the do-block keeps plain parameters.
  onCode(/\bdo([ \t]+)@nospecialize(\(([^()\n]*)\)|[ \t]+)/g, (m, out) => {
    const at = m.index + 2 + m[1].length;
    blank(out, at, at + '@nospecialize'.length);
    if (m[3] !== undefined) {
      const open = at + '@nospecialize'.length;
      blank(out, open, open + 1);
      blank(out, open + 1 + m[3].length, open + 2 + m[3].length);
    }
  }),

  // `const` fields in struct bodies (Julia 1.8): `const a::Int` -> `      a::Int`.
  constFields,

  // Escapes the grammar's string scanner mishandles (strings keep their extent; node text is the
  // original): `"\\u"` / `"\\x7"` in triple-quoted strings -> `"\\v"`, `"\x7"` -> `"\a7"`.
  (out, text, map) => {
    for (const i of map.escapes) {
      const next = text[i + 1];
      if (next === '\\' && /[xuU]/.test(text[i + 2] ?? '')) put(out, i + 2, 'v');
      else if (next === 'x' && isHex(text[i + 2]) && !isHex(text[i + 3])) put(out, i + 1, 'a');
    }
  },

  // Operator characters used as names: `function ⊇ end`, `x === ⊥`, `let ∞ = 1`, `export ⊆, ⊇`
  // -> a same-length identifier. Unary uses (`√x`) and calls (`⊊(a, b)`) are left alone.
  operatorNames,

  // One-line primitive types whose size is an expression: `primitive type W sizeof(Ptr) * 8 end`
  // -> `primitive type W 8              end` (the grammar takes only a literal size).
  onCode(/\bprimitive[ \t]+type[ \t]+(?:[\w.]+(?:\{[^{}\n]*\})?(?:[ \t]*<:[ \t]*[\w.]+(?:\{[^{}\n]*\})?)?)[ \t]+([^\n#$]*?)[ \t]+end\b/dg, (m, out) => {
    if (/^\d+$/.test(m[1])) return;
    put(out, m.indices![1][0], '8' + ' '.repeat(m[1].length - 1));
  }),

  // Macro names as symbols: `:@which` -> `:_which`.
  onCode(/:@(?=[A-Za-z_])/g, (m, out, text) => {
    const prev = text[m.index - 1] ?? '\n';
    if (/[\w)\]}:'"]/.test(prev)) return;
    put(out, m.index + 1, '_');
  }),

  // `public` and `where` used as variable names: `public = f()`, `@assert where === nothing`,
  // `where.uuid` -> `Public`, `Where` (the grammar reads them as keywords everywhere).
  onCode(/\b(public|where)\b(?=[ \t]*(?:=(?!=)|===|!==|==|\.\w|\)|,))/g, (m, out, text) => {
    let p = m.index - 1;
    while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
    const before = text.slice(Math.max(0, p - 11), p + 1);
    const operandPosition =
      p < 0 || '(,[{=;\n&|!'.includes(text[p]) || /(^|[^\w!])(if|elseif|return|while|local|global)$/.test(before) || /@[\w.]+$/.test(before);
    if (!operandPosition || text[m.index - 1] === '.' || text[m.index - 1] === ':') return;
    put(out, m.index, m[1][0].toUpperCase());
  }),

  // Interpolated names after block keywords inside quotes: `function $name end` -> `function _name end`.
  onCode(/\b(function|macro|struct)[ \t]+\$(?=[A-Za-z_(])/g, (m, out) => put(out, m.index + m[0].length - 1, '_')),

  // Spaced ranges: `a : b`, `return (lo+1) : (hi-1)` -> `a:  b`. Not in ternaries: no code `?` may
  // appear on this line or the two before, and `end : quote` (a block ending a branch) is left alone.
  onCode(/([\w)\]])([ \t]+):[ \t]+(?=[\w(])/g, (m, out, text, map) => {
    let from = text.lastIndexOf('\n', m.index - 1) + 1;
    for (let k = 0; k < 2 && from > 0; k++) from = text.lastIndexOf('\n', from - 2) + 1;
    for (let k = from; k < m.index; k++) if (text[k] === '?' && map.code[k]) return;
    if (/(^|[^\w!])end$/.test(text.slice(Math.max(0, m.index - 3), m.index + 1))) return;
    const at = m.index + m[1].length;
    put(out, at, ':' + ' '.repeat(m[2].length));
  }),

  // `var"@debug"` among imported names (`import Base.CoreLogging: var"@debug"`) -> `var__debug_`.
  importVarNames,
];

function isHex(ch: string | undefined): boolean {
  return ch !== undefined && /[0-9a-fA-F]/.test(ch);
}

function isOperandEnd(prevWord: string): boolean {
  return /(^|[^\w!])(function|return|let|export|public|import|using|global|local|const|in|isa|else)$/.test(prevWord);
}

function operatorNames(out: Uint16Array, text: string, map: CodeMap): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd7 || !map.code[i] || !isOperatorLike(c) || c === 0x2026) continue;
    // Only a lone operator character (optionally suffixed by primes or sub/superscripts).
    let end = i + 1;
    while (end < text.length && /[\u2032-\u2037\u2080-\u209c\u00b2\u00b3\u00b9\u2070-\u207f\u1d62-\u1d6a]/.test(text[end])) end++;
    let p = i - 1;
    while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
    const prev = p >= 0 ? text[p] : '\n';
    if (p >= 0 && (isOperatorLike(text.charCodeAt(p)) || isIdentChar(text.charCodeAt(p)))) {
      if (!isOperandEnd(text.slice(Math.max(0, p - 9), p + 1))) continue;
    } else if (!'(,[{=;\n'.includes(prev)) continue;
    let q = end;
    while (q < text.length && (text[q] === ' ' || text[q] === '\t')) q++;
    const next = q < text.length ? text[q] : '\n';
    const endsOperand = '),]};=&|#\n\r'.includes(next) || /^end\b/.test(text.slice(q, q + 4));
    if (!endsOperand) continue;
    if (next === '=' && (text[q + 1] === '>' || q === end)) continue; // `⊻=` updates, `=>` pairs
    put(out, i, 'ψ');
  }
}

function importVarNames(out: Uint16Array, text: string, map: CodeMap): void {
  const re = /^[ \t]*(?:import|using)\b[^\n]*:/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!map.code[m.index + m[0].length - 1]) continue;
    // The statement runs on while lines end with `,` or `:`.
    let end = m.index;
    for (;;) {
      const eol = text.indexOf('\n', end);
      const line = text.slice(end, eol === -1 ? text.length : eol).replace(/#.*$/, '').trimEnd();
      if (eol === -1 || !/[,:]$/.test(line)) {
        end = eol === -1 ? text.length : eol;
        break;
      }
      end = eol + 1;
    }
    const stmt = text.slice(m.index, end);
    const vr = /\bvar"@?([\w!]*)"/g;
    for (let v = vr.exec(stmt); v; v = vr.exec(stmt)) {
      const at = m.index + v.index;
      put(out, at + 3, '_');
      if (stmt[v.index + 4] === '@') put(out, at + 4, '_');
      put(out, at + v[0].length - 1, '_');
    }
    re.lastIndex = end;
  }
}

/**
 * Finds struct bodies by indentation (the closing `end` of a formatted struct sits at the
 * struct's own indentation) and blanks `const` at the start of field lines within them.
 */
function constFields(out: Uint16Array, text: string, map: CodeMap): void {
  const re = /^([ \t]*)(?:(?:[\w.]*@\w+[ \t]+)*)(?:mutable[ \t]+)?struct\b/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!map.code[m.index + m[0].length - 1]) continue;
    const indent = m[1].length;
    let lineStart = text.indexOf('\n', m.index);
    if (lineStart === -1) return;
    // One-line bodies are left alone.
    while (lineStart !== -1) {
      lineStart++;
      const eol = text.indexOf('\n', lineStart);
      const line = text.slice(lineStart, eol === -1 ? text.length : eol);
      const lead = /^[ \t]*/.exec(line)![0].length;
      if (lead < line.length && map.code[lineStart + lead]) {
        if (lead <= indent) break;
        const cm = /^const[ \t]+(?=[\w@])/.exec(line.slice(lead));
        if (cm) blank(out, lineStart + lead, lineStart + lead + 5);
      }
      lineStart = eol;
    }
    re.lastIndex = lineStart === -1 ? text.length : lineStart;
  }
}

/** Returns text of the same length with known grammar gaps rewritten into parseable shapes. */
export function repairSource(text: string): string {
  const map = codeMap(text);
  // UTF-16 units edited in place; Buffer converts both ways natively.
  let buf = Buffer.from(text, 'utf16le');
  if (buf.byteOffset % 2 !== 0) buf = Buffer.from(buf); // a Uint16Array view needs even alignment
  const out = new Uint16Array(buf.buffer, buf.byteOffset, text.length);
  for (const edit of EDITS) edit(out, text, map);
  return buf.toString('utf16le');
}
