// Deterministic generator of realistic Julia source for the benchmarks: packages of modules with
// structs, functions of varied size, macros, strings, comments and docstrings, and a few trim
// hazards (bare println, untyped globals, stdin reads, logging macros) so the rules have work to do.
//
//   node bench/generate-corpus.mjs DIR [LINES] [SEED]    writes about LINES lines of .jl files
//
// The same LINES and SEED always give the same files, byte for byte.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** mulberry32: a small, fast, seedable PRNG. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const NOUNS = ['record', 'buffer', 'token', 'node', 'edge', 'sample', 'point', 'frame', 'entry', 'block', 'table', 'state', 'event', 'chunk', 'item', 'packet', 'vertex', 'matrix', 'signal', 'query'];
const VERBS = ['parse', 'load', 'merge', 'scale', 'score', 'count', 'filter', 'update', 'render', 'encode', 'decode', 'check', 'build', 'split', 'reduce', 'collect', 'normalize', 'resolve', 'emit', 'visit'];
const ADJ = ['fast', 'raw', 'total', 'local', 'max', 'min', 'next', 'prev', 'first', 'last', 'mean', 'best', 'sorted', 'valid', 'empty'];
const TYPES = ['Int', 'Int64', 'Float64', 'String', 'Bool', 'Symbol', 'UInt8', 'Vector{Int}', 'Vector{Float64}', 'Dict{String,Int}', 'Tuple{Int,Int}', 'Char'];
const WORDS = 'the of and to in is for on with as by at from that this value result input output item list count index size data file line number error warning state'.split(' ');

const cap = (s) => s[0].toUpperCase() + s.slice(1);

class Writer {
  constructor(r) {
    this.r = r;
    this.lines = [];
    this.depth = 0;
  }
  line(s = '') {
    this.lines.push(s === '' ? '' : '    '.repeat(this.depth) + s);
  }
  open(s) {
    this.line(s);
    this.depth++;
  }
  close(s = 'end') {
    this.depth--;
    this.line(s);
  }
  get count() {
    return this.lines.length;
  }
}

function sentence(r, min = 4, max = 12) {
  const n = r.int(min, max);
  const w = [];
  for (let i = 0; i < n; i++) w.push(r.pick(WORDS));
  return cap(w.join(' ')) + '.';
}

function ident(r) {
  return r.chance(0.5) ? `${r.pick(ADJ)}_${r.pick(NOUNS)}` : r.pick(NOUNS) + (r.chance(0.3) ? r.int(1, 9) : '');
}

function expr(r, vars, depth = 0) {
  const v = () => r.pick(vars);
  if (depth > 2) return r.chance(0.5) ? v() : String(r.int(0, 100));
  switch (r.int(0, 11)) {
    case 0: return `${v()} + ${r.int(1, 9)}`;
    case 1: return `${expr(r, vars, depth + 1)} * ${v()}`;
    case 2: return `length(${v()})`;
    case 3: return `sum(x -> x^2, ${v()})`;
    case 4: return `${v()} > ${r.int(0, 50)} ? ${v()} : ${r.int(0, 9)}`;
    case 5: return `min(${v()}, ${expr(r, vars, depth + 1)})`;
    case 6: return `[i * ${r.int(2, 5)} for i in 1:${r.int(3, 20)}]`;
    case 7: return `string("${r.pick(WORDS)}-", ${v()})`;
    case 8: return `get(cache, "${r.pick(NOUNS)}", ${r.int(0, 9)})`;
    case 9: return `${v()} .+ ${r.int(1, 3)}.0`;
    case 10: return `(${v()}, ${r.int(0, 9)})`;
    default: return `${r.pick(VERBS)}_${r.pick(NOUNS)}(${v()})`;
  }
}

function statement(w, r, vars, depth, hazards) {
  const kind = r.int(0, 19);
  const v = () => r.pick(vars);
  if (depth < 3 && kind < 3) {
    w.open(`for i in eachindex(${v()})`);
    const n = r.int(1, 4);
    for (let k = 0; k < n; k++) statement(w, r, [...vars, 'i'], depth + 1, hazards);
    w.close();
    return;
  }
  if (depth < 3 && kind < 5) {
    w.open(`if ${v()} > ${r.int(0, 10)}`);
    statement(w, r, vars, depth + 1, hazards);
    if (r.chance(0.4)) {
      w.depth--;
      w.line(`elseif isempty(${v()})`);
      w.depth++;
      statement(w, r, vars, depth + 1, hazards);
    }
    if (r.chance(0.5)) {
      w.depth--;
      w.line('else');
      w.depth++;
      statement(w, r, vars, depth + 1, hazards);
    }
    w.close();
    return;
  }
  if (depth < 3 && kind === 5) {
    w.open(`while ${v()} < ${r.int(10, 99)}`);
    w.line(`${v()} += 1`);
    if (r.chance(0.5)) w.line('break');
    w.close();
    return;
  }
  if (depth < 2 && kind === 6) {
    w.open('try');
    statement(w, r, vars, depth + 1, hazards);
    w.depth--;
    w.line('catch err');
    w.depth++;
    w.line(r.chance(0.5) ? 'rethrow()' : `@warn "failed to ${r.pick(VERBS)}" exception = err`);
    w.close();
    return;
  }
  if (depth < 2 && kind === 7) {
    w.open(`map(${v()}) do x`);
    w.line(`x + ${r.int(1, 9)}`);
    w.close();
    return;
  }
  if (kind === 8 && hazards) {
    const h = r.int(0, 6);
    if (h === 0) w.line(`println("${r.pick(NOUNS)}: ", ${v()})`);
    else if (h === 1) w.line(`println(Core.stdout, "${r.pick(VERBS)} done")`);
    else if (h === 2) w.line(`print(io, ${v()}, "\\n")`);
    else if (h === 3) w.line(`@info "${r.pick(VERBS)} ${r.pick(NOUNS)}" ${v()}`);
    else if (h === 4) w.line(`line = readline()`);
    else if (h === 5) w.line(`@show ${v()}`);
    else w.line(`write(Core.stdout, string(${v()}))`);
    return;
  }
  if (kind === 9) {
    w.line(`# ${sentence(r, 3, 9)}`);
    return;
  }
  if (kind === 10) {
    w.line(`@inbounds ${v()}[1] = ${expr(r, vars)}`);
    return;
  }
  if (kind === 11) {
    w.line(`@assert ${v()} !== nothing "${r.pick(NOUNS)} must be set"`);
    return;
  }
  if (kind === 12) {
    w.line(`msg = "value $(${v()}) of ${r.pick(NOUNS)} at $${v()}"`);
    return;
  }
  if (kind === 13) {
    w.line(`${v()} = ${v()} isa ${r.pick(['Integer', 'AbstractString', 'Number', 'AbstractVector'])} ? ${expr(r, vars)} : ${r.int(0, 9)}`);
    return;
  }
  if (kind === 14) {
    w.line(`push!(${v()}, ${expr(r, vars)})`);
    return;
  }
  const name = ident(r);
  w.line(`${name} = ${expr(r, vars)}`);
  vars.push(name);
}

function docstring(w, r, signature) {
  if (r.chance(0.5)) {
    w.line('"""');
    w.line(`    ${signature}`);
    w.line('');
    w.line(sentence(r, 6, 16));
    if (r.chance(0.5)) {
      w.line('');
      w.line('# Examples');
      w.line('```julia');
      w.line(`julia> ${signature}`);
      w.line('```');
    }
    w.line('"""');
  } else {
    w.line(`"${sentence(r, 3, 8)}"`);
  }
}

function fn(w, r, structs, hazards, tag) {
  // Most names belong to one package; a quarter are common names many packages define.
  const name = `${r.pick(VERBS)}_${r.pick(NOUNS)}${r.chance(0.75) ? '_' + tag : ''}${r.chance(0.3) ? '!' : ''}`;
  const nparams = r.int(0, 4);
  const params = [];
  const vars = ['cache'];
  for (let i = 0; i < nparams; i++) {
    const p = `${r.pick(NOUNS)}${i}`;
    vars.push(p);
    const t = r.chance(0.6) ? `::${r.chance(0.3) && structs.length ? r.pick(structs) : r.pick(TYPES)}` : '';
    params.push(p + t);
  }
  if (vars.length === 1) vars.push('cache');
  if (r.chance(0.2)) params.push(`; ${r.pick(ADJ)}::Bool = false`);
  const sig = `${name}(${params.join(', ').replace(', ;', ';')})`;
  if (r.chance(0.35)) docstring(w, r, sig);
  const size = r.chance(0.15) ? 0 : r.chance(0.7) ? r.int(2, 12) : r.int(12, 60);
  if (size === 0) {
    w.line(`${sig} = ${expr(r, vars)}`);
    w.line('');
    return;
  }
  const where = r.chance(0.15) ? ` where {T<:${r.pick(['Real', 'Integer', 'AbstractString'])}}` : '';
  const ret = r.chance(0.2) ? `::${r.pick(TYPES)}` : '';
  w.open(`function ${sig}${ret}${where}`);
  const start = w.count;
  while (w.count - start < size) statement(w, r, vars, 0, hazards);
  w.line(`return ${r.pick(vars)}`);
  w.close();
  w.line('');
}

function struct(w, r, name) {
  if (r.chance(0.3)) docstring(w, r, name);
  const param = r.chance(0.25);
  w.open(`${r.chance(0.3) ? 'mutable ' : ''}struct ${name}${param ? '{T<:Real}' : ''}${r.chance(0.2) ? ' <: Abstract' + name : ''}`);
  const n = r.int(1, 6);
  for (let i = 0; i < n; i++) w.line(`${r.pick(NOUNS)}_${i}::${param && i === 0 ? 'T' : r.pick(TYPES)}`);
  w.close();
  w.line('');
}

/** One file of about `target` lines; `module` wraps it in a module. */
function file(r, target, { moduleName, includes, main, tag }) {
  const w = new Writer(r);
  w.line(`# ${sentence(r)}`);
  if (r.chance(0.3)) {
    w.line('#=');
    w.line(sentence(r, 8, 20));
    w.line(sentence(r, 8, 20));
    w.line('=#');
  }
  if (moduleName) {
    w.line(`module ${moduleName}`);
    w.line('');
  }
  w.line(`using ${r.pick(['LinearAlgebra', 'Statistics', 'Printf', 'Dates'])}`);
  if (r.chance(0.5)) w.line(`import Base: show, length, ${r.pick(['iterate', 'getindex', 'size'])}`);
  if (r.chance(0.5)) w.line(`export ${r.pick(VERBS)}_${r.pick(NOUNS)}, ${cap(r.pick(NOUNS))}`);
  w.line('');
  w.line(`const ${r.pick(ADJ).toUpperCase()}_LIMIT = ${r.int(10, 10000)}`);
  w.line(`const cache = Dict{String,Int}()`);
  if (r.chance(0.4)) w.line(`${r.pick(ADJ)}_counter = 0`); // untyped global
  if (r.chance(0.3)) w.line(`global ${r.pick(ADJ)}_total::Int = 0`);
  w.line('');
  for (const inc of includes) w.line(`include("${inc}")`);
  if (includes.length) w.line('');
  const structs = [];
  let macroDone = false;
  while (w.count < target) {
    const roll = r.next();
    if (roll < 0.12) {
      const name = cap(r.pick(NOUNS)) + cap(r.pick(ADJ));
      if (r.chance(0.2)) {
        w.line(`abstract type Abstract${name} end`);
        w.line('');
      }
      structs.push(name);
      struct(w, r, name);
    } else if (roll < 0.14 && !macroDone) {
      macroDone = true;
      w.open(`macro ${r.pick(VERBS)}_twice(ex)`);
      w.line('return esc(quote');
      w.line('    $ex');
      w.line('    $ex');
      w.line('end)');
      w.close();
      w.line('');
    } else if (roll < 0.17 && structs.length) {
      const s = r.pick(structs);
      w.open(`function Base.show(io::IO, x::${s})`);
      w.line(`print(io, "${s}(", x, ")")`);
      w.close();
      w.line('');
    } else {
      fn(w, r, structs, true, tag);
    }
  }
  if (main) {
    w.open('function (@main)(args)');
    w.line('n = length(args)');
    w.line('println("starting with ", n, " arguments")');
    w.line('return 0');
    w.close();
    w.line('');
  }
  if (moduleName) w.line(`end # module ${moduleName}`);
  return w.lines.join('\n') + '\n';
}

/**
 * Files totalling about `lines` lines, as [{ path, text }] with relative paths. Packages of 4-12
 * files: a main module file that includes the rest. File sizes vary from tens to ~2000 lines.
 */
export function generateCorpus(lines, seed = 1) {
  const r = rng(seed);
  const out = [];
  let total = 0;
  let pkg = 0;
  while (total < lines) {
    pkg++;
    const name = `${cap(r.pick(NOUNS))}${cap(r.pick(VERBS))}${pkg}`;
    const nfiles = r.int(4, 12);
    const parts = [];
    for (let i = 1; i < nfiles; i++) parts.push(`${r.pick(NOUNS)}_${i}.jl`);
    const sizes = [];
    for (let i = 0; i < nfiles; i++) {
      // Skewed sizes: most files are a few hundred lines, some are large.
      const u = r.next();
      sizes.push(Math.round(40 + 2000 * u * u * u + 200 * r.next()));
    }
    const tag = `${r.pick(ADJ)}${pkg}`;
    const main = file(r, sizes[0], { moduleName: name, includes: parts, main: r.chance(0.5), tag });
    out.push({ path: `${name}/src/${name}.jl`, text: main });
    total += main.split('\n').length - 1;
    for (let i = 0; i < parts.length && total < lines; i++) {
      const text = file(r, sizes[i + 1], { moduleName: null, includes: [], main: false, tag });
      out.push({ path: `${name}/src/${parts[i]}`, text });
      total += text.split('\n').length - 1;
    }
  }
  return out;
}

export function writeCorpus(dir, lines, seed = 1) {
  const files = generateCorpus(lines, seed);
  for (const f of files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, lines = '50000', seed = '1'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/generate-corpus.mjs DIR [LINES] [SEED]');
    process.exit(2);
  }
  const files = writeCorpus(dir, Number(lines), Number(seed));
  const total = files.reduce((n, f) => n + f.text.split('\n').length - 1, 0);
  console.log(`${files.length} files, ${total} lines in ${dir}`);
}
