/**
 * Parse health of a tree of real Julia code: how often tree-sitter-julia 0.23.1 gives up (ERROR
 * and MISSING nodes) before and after the same-length repairs, and how many function definitions
 * the analysis can still read.
 *
 *   npx tsc -p . && npm run parse-health -- DIR [--backend native|wasm] [--list N]
 *
 * "Readable" definitions: a line scanner independent of the tree counts `function name(`,
 * `function (f::T)(` and short `name(args) = ...` definitions at line starts (after optional
 * prefix macros such as `@inline`), outside strings, comments and quoted code; a definition is
 * readable when computeFileFacts produced a FunctionInfo with that name (or that callable
 * head) on that line.
 *
 * Measured on JuliaLang/julia base/ + stdlib/ (VERSION 1.14.0-DEV, commit fcab4624 of 2026-08-07;
 * 453 files, 255,661 lines), native backend, on a loaded 2-core machine:
 *   git --git-dir=<bare julia mirror> archive HEAD base stdlib | tar -x -C /tmp/julia-src
 *   npx tsc -p . && npm run parse-health -- /tmp/julia-src/base /tmp/julia-src/stdlib
 *                                       before repair    after repair
 *   files with ERROR/MISSING              110 (24.28%)      23 (5.08%)
 *   ERROR / MISSING nodes                   759 / 59          34 / 8
 *   characters inside outermost ERROR         10.76%           0.34%
 *   function definitions readable     13988/14109 (99.14%)  14088/14109 (99.85%)
 *   parse time                              15.3 s            20.0 s (repair 1.5 s of it)
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeFileFacts } from '../analysis/file-facts';
import { BackendName } from './backend';
import { getBackend, parseWith } from './index';
import { codeMap, repairSource } from './repair';
import { SyntaxNode, SyntaxTree } from './syntax';

export interface TreeHealth {
  errors: number;
  missing: number;
  /** Characters inside outermost ERROR nodes. */
  errorChars: number;
}

export function treeHealth(tree: SyntaxTree): TreeHealth {
  let errors = 0;
  let missing = 0;
  let errorChars = 0;
  const stack: Array<{ node: SyntaxNode; inError: boolean }> = [{ node: tree.root, inError: false }];
  while (stack.length > 0) {
    const { node, inError } = stack.pop()!;
    if (node.missing) missing++;
    let under = inError;
    if (node.type === 'ERROR') {
      errors++;
      if (!inError) errorChars += node.endIndex - node.startIndex;
      under = true;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], inError: under });
  }
  return { errors, missing, errorChars };
}

export interface ExpectedDefinition {
  /** 0-based line of the name. */
  line: number;
  /** Name as written (`f`, `Base.show`, `main`), or the callable head `(f::T)` for functors. */
  name: string;
}

// Identifier characters, leaving out the Unicode operator blocks (operator methods such as
// `⊊(a, b) = ...` are not named functions for the analysis).
const ID_START = 'A-Za-z_\\u00A0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u218F\\u2300-\\u27BF\\u2800-\\u297F\\u2B00-\\uFFFF';
const ID = `[${ID_START}][\\w!${ID_START}]*`;
const NAME = `${ID}(?:\\.${ID})*`;
const PREFIX = '(?:[\\w.]*@[\\w.]+(?:[ \\t]+:\\w+)?[ \\t]+)*';
const LONG_FORM = new RegExp(`^${PREFIX}function[ \\t]+(@?${NAME}|\\((?:[^()]|\\([^()]*\\))*\\))\\(`);
const SHORT_HEAD = new RegExp(`^${PREFIX}(${NAME}|\\((?:[^()]|\\([^()]*\\))*\\))\\(`);
const NOT_NAMES = new Set([
  'if', 'elseif', 'for', 'while', 'return', 'function', 'macro', 'local', 'global', 'const', 'let', 'begin', 'do',
  'try', 'catch', 'else', 'end', 'struct', 'module', 'quote', 'using', 'import', 'export', 'public', 'isa', 'in',
]);
const BLOCK_WORDS = /\b(function|macro|quote|begin|let|struct|module|baremodule|try|do|while|if|for|abstract|primitive|end)\b|:\(/g;

/** Function definitions found by scanning lines, without the tree. */
export function scanDefinitions(text: string): ExpectedDefinition[] {
  const map = codeMap(text);
  const depth = bracketDepths(text, map.code);
  const quoted = quotedRanges(text, map.code, map.bracket, depth);
  const out: ExpectedDefinition[] = [];
  let line = 0;
  let q = 0;
  for (let start = 0; start < text.length; line++) {
    const eol = text.indexOf('\n', start);
    const end = eol === -1 ? text.length : eol;
    let lead = start;
    while (lead < end && (text[lead] === ' ' || text[lead] === '\t')) lead++;
    while (q < quoted.length && quoted[q][1] < lead) q++;
    const inQuote = q < quoted.length && quoted[q][0] <= lead;
    if (lead < end && map.code[lead] && !inQuote && depth[lead] === 0) {
      const def = definitionAt(text.slice(lead, end));
      if (def) out.push({ line, name: def });
    }
    start = end + 1;
  }
  return out;
}

function definitionAt(s: string): string | null {
  const long = LONG_FORM.exec(s);
  if (long) return long[1].startsWith('@') ? long[1].slice(1) : long[1];
  const short = SHORT_HEAD.exec(s);
  if (!short || NOT_NAMES.has(short[1])) return null;
  // Balanced argument list on this line, then `= ...` after an optional return type / where.
  let i = short[0].length;
  let d = 1;
  for (; i < s.length && d > 0; i++) {
    const c = s[i];
    if (c === '(' || c === '[' || c === '{') d++;
    else if (c === ')' || c === ']' || c === '}') d--;
    else if (c === '"' || c === '#' || c === "'") return null;
  }
  if (d !== 0) return null;
  const rest = s.slice(i);
  if (!/^(?:[ \t]*::[^=]*?)?(?:[ \t]*where\b[^=]*?)?[ \t]*=(?![=>])/.test(rest)) return null;
  return short[1];
}

function bracketDepths(text: string, code: Uint8Array): Uint16Array {
  const depth = new Uint16Array(text.length);
  let d = 0;
  for (let i = 0; i < text.length; i++) {
    if (!code[i]) {
      depth[i] = d;
      continue;
    }
    const c = text.charCodeAt(i);
    depth[i] = d;
    if (c === 40 || c === 91 || c === 123) d++;
    else if ((c === 41 || c === 93 || c === 125) && d > 0) d--;
  }
  return depth;
}

/** Ranges of `quote ... end` blocks and `:( ... )` expressions (code as data, not read as functions). */
function quotedRanges(text: string, code: Uint8Array, bracket: Uint8Array, depth: Uint16Array): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const blocks: Array<{ word: string; at: number; depth: number }> = [];
  BLOCK_WORDS.lastIndex = 0;
  for (let m = BLOCK_WORDS.exec(text); m; m = BLOCK_WORDS.exec(text)) {
    const at = m.index;
    if (!code[at]) continue;
    const d = depth[at];
    if (m[0] === ':(') {
      const prev = text[at - 1] ?? ' ';
      if (/[\w)\]}'".]/.test(prev) || prev === ':') continue; // a range or `::`
      let j = at + 2;
      while (j < text.length && !(code[j] && text[j] === ')' && depth[j] === d + 1)) j++;
      ranges.push([at, j]);
      continue;
    }
    const prev = text[at - 1];
    if (prev === '.' || prev === ':' || prev === '@') continue;
    const word = m[1];
    const topDepth = blocks.length > 0 ? blocks[blocks.length - 1].depth : 0;
    if (word === 'end') {
      if (d !== topDepth || blocks.length === 0) continue; // `x[end]`, `f(a[end])`
      const b = blocks.pop()!;
      if (b.word === 'quote') ranges.push([b.at, at]);
      continue;
    }
    if ((word === 'for' || word === 'if') && d !== topDepth) continue; // comprehension or generator
    if (word === 'begin' && bracket[at] === 2 && d !== topDepth) continue; // `x[begin]`
    if ((word === 'abstract' || word === 'primitive') && !/^[ \t]+type\b/.test(text.slice(at + word.length, at + word.length + 8))) continue;
    blocks.push({ word, at, depth: d });
  }
  ranges.sort((a, b) => a[0] - b[0]);
  // Merge nested ranges so a scan in line order can step through them.
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** The expected definitions for which the analysis produced a FunctionInfo of that name on that line. */
export function readableDefinitions(path: string, tree: SyntaxTree, expected: ExpectedDefinition[]): ExpectedDefinition[] {
  const facts = computeFileFacts(path, tree);
  const found = new Set<string>();
  for (const f of facts.functions) {
    if (!f.nameNode) continue;
    const line = f.nameNode.startPosition.row;
    if (f.name) found.add(`${line}\u0000${f.name}`);
    found.add(`${line}\u0000${f.nameNode.text}`);
  }
  return expected.filter((e) => found.has(`${e.line}\u0000${e.name}`));
}

function juliaFiles(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) juliaFiles(p, out);
    else if (e.isFile() && e.name.endsWith('.jl')) out.push(p);
  }
  return out;
}

interface Totals {
  files: number;
  lines: number;
  chars: number;
  filesWithErrors: number;
  errors: number;
  missing: number;
  errorChars: number;
  parseMs: number;
}

function emptyTotals(): Totals {
  return { files: 0, lines: 0, chars: 0, filesWithErrors: 0, errors: 0, missing: 0, errorChars: 0, parseMs: 0 };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dirs: string[] = [];
  let prefer: BackendName | undefined;
  let list = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--backend') prefer = args[++i] as BackendName;
    else if (args[i] === '--list') list = Number(args[++i]);
    else dirs.push(args[i]);
  }
  if (dirs.length === 0) {
    console.error('usage: parse-health DIR... [--backend native|wasm] [--list N]');
    process.exit(2);
  }
  const backend = await getBackend(prefer);
  const files = dirs.flatMap((d) => juliaFiles(d)).sort();
  const before = emptyTotals();
  const after = emptyTotals();
  let repairMs = 0;
  let expectedDefs = 0;
  let readableDefs = 0;
  let readableBefore = 0;
  const worst: Array<{ path: string; errorChars: number; chars: number; unread: ExpectedDefinition[] }> = [];
  let sinceYield = 0;
  for (const path of files) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const lines = text.split('\n').length;
    let t = performance.now();
    const raw = parseWith(backend, text, { noRepair: true });
    const rawMs = performance.now() - t;
    t = performance.now();
    repairSource(text);
    repairMs += performance.now() - t;
    t = performance.now();
    const fixed = parseWith(backend, text);
    const fixedMs = performance.now() - t;
    for (const [tot, tree, ms] of [
      [before, raw, rawMs],
      [after, fixed, fixedMs],
    ] as const) {
      const h = treeHealth(tree);
      tot.files++;
      tot.lines += lines;
      tot.chars += text.length;
      if (h.errors + h.missing > 0) tot.filesWithErrors++;
      tot.errors += h.errors;
      tot.missing += h.missing;
      tot.errorChars += h.errorChars;
      tot.parseMs += ms;
    }
    const expected = scanDefinitions(text);
    const readable = readableDefinitions(path, fixed, expected);
    expectedDefs += expected.length;
    readableDefs += readable.length;
    readableBefore += readableDefinitions(path, raw, expected).length;
    if (list > 0) {
      const got = new Set(readable.map((r) => `${r.line}:${r.name}`));
      worst.push({ path, errorChars: treeHealth(fixed).errorChars, chars: text.length, unread: expected.filter((e) => !got.has(`${e.line}:${e.name}`)) });
    }
    // Native trees are freed only after a GC and a turn of the event loop.
    if (++sinceYield >= 20) {
      sinceYield = 0;
      await new Promise((r) => setImmediate(r));
    }
  }

  const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(2)}%`);
  const row = (label: string, b: string, a: string) => console.log(`${label.padEnd(38)}${b.padStart(16)}${a.padStart(16)}`);
  console.log(`parse health of ${dirs.join(', ')} (backend ${backend.name})`);
  console.log(`files ${before.files}, lines ${before.lines}, characters ${before.chars}`);
  row('', 'before repair', 'after repair');
  row('files with ERROR/MISSING', `${before.filesWithErrors} (${pct(before.filesWithErrors, before.files)})`, `${after.filesWithErrors} (${pct(after.filesWithErrors, after.files)})`);
  row('ERROR nodes', String(before.errors), String(after.errors));
  row('MISSING nodes', String(before.missing), String(after.missing));
  row('characters inside outermost ERROR', pct(before.errorChars, before.chars), pct(after.errorChars, after.chars));
  row('function definitions readable', `${readableBefore}/${expectedDefs} (${pct(readableBefore, expectedDefs)})`, `${readableDefs}/${expectedDefs} (${pct(readableDefs, expectedDefs)})`);
  row('parse time (ms)', before.parseMs.toFixed(0), after.parseMs.toFixed(0));
  console.log(`repair time ${repairMs.toFixed(0)} ms (included in the parse time after repair)`);
  if (list > 0) {
    worst.sort((a, b) => b.unread.length - a.unread.length || b.errorChars - a.errorChars);
    for (const w of worst.slice(0, list)) {
      if (w.unread.length === 0 && w.errorChars === 0) break;
      console.log(`${w.path}: ${w.unread.length} unread, ${pct(w.errorChars, w.chars)} in ERROR`);
      for (const u of w.unread.slice(0, 8)) console.log(`    line ${u.line + 1}: ${u.name}`);
    }
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
