// Property-based checks over generated Julia-like text and mutations of the example and fixture
// files: the engine never throws, every range lies inside its file, and applying all safe fixes
// then checking again gives no new error. Seeded and bounded; FUZZ_RUNS scales the case count.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { computeFileFacts } from '../../analysis/file-facts';
import { Finding, Range } from '../../analysis/finding';
import { Project } from '../../analysis/project';
import { applyFixes } from '../../analysis/text-edits';
import { getBackend, isParseTimeout, parseWith } from '../../grammar-bindings';
import { DEFAULT_RULE_OPTIONS, runRules } from '../../rules/engine';
import { RULES } from '../../rules/registry';

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const PATH = '/virtual/fuzz.jl';
const stats = { cases: 0, findings: 0, timeouts: 0, fixesApplied: 0 };

/** Checks one text; null when the parse ran out of its budget (the CLI reports that file as skipped). */
async function check(text: string): Promise<Finding[] | null> {
  const backend = await getBackend();
  let tree;
  try {
    tree = parseWith(backend, text, { timeBudgetMs: 2_000 });
  } catch (err) {
    if (isParseTimeout(err)) {
      stats.timeouts++;
      return null;
    }
    throw err;
  }
  const project = new Project();
  project.setFile(computeFileFacts(PATH, tree));
  const findings = runRules(project, RULES, DEFAULT_RULE_OPTIONS).findings;
  stats.cases++;
  stats.findings += findings.length;
  return findings;
}

function expectInside(text: string, range: Range, what: string): void {
  const lines = text.split('\n');
  const ok = (p: { line: number; character: number }) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  if (!ok(range.start) || !ok(range.end) || !ordered) throw new Error(`${what} range ${JSON.stringify(range)} is outside the text or reversed`);
}

function checkRanges(text: string, findings: Finding[]): void {
  for (const f of findings) {
    expectInside(text, f.range, f.code);
    for (const fix of f.fixes) for (const e of fix.edits) if (!e.path || e.path === PATH) expectInside(text, e.range, `${f.code} fix`);
  }
}

// Tokens of Julia-like text: keywords, names (some outside the BMP), literals, operators, odd spacing.
const TOKENS = [
  'function', 'end', 'begin', 'if', 'else', 'elseif', 'for', 'while', 'in', 'let', 'do', 'try', 'catch', 'finally',
  'module', 'struct', 'mutable', 'abstract type', 'quote', 'macro', 'return', 'const', 'global', 'local', 'where',
  '(@main)(args)', 'Base.@ccallable', '@info', '@show', '@eval', '@static', 'println', 'print', 'show', 'readline',
  'stdout', 'Core.stdout', 'stdin', 'stderr', 'io', 'x', 'y', 'f', 'g', 'T', 'Int', 'Any', 'Vector{Any}', 'Union{Int,Nothing}',
  '𝒳', 'αβ', '😀', 'x′', '"str"', '"a$(x)b"', '"""tq"""', "'c'", ':sym', '1', '0x1f', '1.5e3', 'true',
  '(', ')', '[', ']', '{', '}', ',', ';', '.', '::', '=', '==', '->', '=>', '+', '*', '|>', '...', '$', '#', '#=', '=#', '"',
  ' ', ' ', ' ', '\t', '\n', '\n', '\n', '\r\n', '\\',
];
const juliaLike = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((parts) => parts.join(' ').replace(/ \n /g, '\n'));

// Run-time code built from statements the rules flag and fix, at random indentation and nesting.
const STATEMENTS = [
  'println("hello")', 'print(x)', 'println()', 'print("a", 1, x)', 'println(stdout, x)', 'println(io, x)', 'show(x)',
  '@info "message" x', '@warn "w"', '@error "e"', '@show x', 'x = readline()', 'for l in eachline() end',
  'x = 1', 'io = IOBuffer()', 'println(Core.stdout, x)', 'printstyled("c"; color=:red)', '@assert x > 0 "msg"',
  'display(x)', 'error("bad: $x")', 'xs = []', 'd = Dict()', 'Threads.@spawn f()', 'global g = 1', 'y = x::Any',
];
const OPENERS = ['if x', 'for i in 1:3', 'while false', 'begin', 'let z = 1', 'try', 'f = () -> begin'];
const hazardProgram = fc
  .array(fc.tuple(fc.constantFrom(...STATEMENTS), fc.constantFrom(...OPENERS), fc.nat({ max: 5 }), fc.constantFrom('\n', '\r\n', '\n\t')), { maxLength: 12 })
  .map((parts) => {
    const body = parts.map(([stmt, opener, k, eol]) => (k === 0 ? `    ${opener}${eol}        ${stmt}${eol}    end` : `    ${stmt}`)).join('\n');
    return `struct S\n    a\n    b::Vector{Any}\nend\nfunction (@main)(args)\n    x = 1\n${body}\n    return 0\nend\n`;
  });

function juliaFiles(dir: string, out: string[] = []): string[] {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) juliaFiles(full, out);
    else if (name.endsWith('.jl')) out.push(full);
  }
  return out;
}

const ROOT = join(__dirname, '..', '..');
const CORPUS = [...juliaFiles(join(ROOT, 'examples')), ...juliaFiles(join(ROOT, 'test', 'fixtures'))].map((p) => readFileSync(p, 'utf8'));

type Mutation = { kind: 'delete' | 'duplicate' | 'insert' | 'truncate' | 'swap-lines' | 'crlf'; at: number; len: number; token: string };
const mutation = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'insert', 'truncate', 'swap-lines', 'crlf'),
  at: fc.nat(),
  len: fc.nat({ max: 80 }),
  token: fc.constantFrom(...TOKENS),
}) as fc.Arbitrary<Mutation>;

function mutate(text: string, ms: Mutation[]): string {
  for (const m of ms) {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    switch (m.kind) {
      case 'delete':
        text = text.slice(0, at) + text.slice(at + m.len);
        break;
      case 'duplicate':
        text = text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
        break;
      case 'insert':
        text = text.slice(0, at) + m.token + text.slice(at);
        break;
      case 'truncate':
        text = text.slice(0, at);
        break;
      case 'swap-lines': {
        const lines = text.split('\n');
        const i = m.at % lines.length;
        const j = (m.at + m.len) % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
        text = lines.join('\n');
        break;
      }
      case 'crlf':
        text = text.replace(/\n/g, '\r\n');
        break;
    }
  }
  return text;
}

const mutated = fc.tuple(fc.nat({ max: Math.max(0, CORPUS.length - 1) }), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([i, ms]) => mutate(CORPUS[i] ?? '', ms));

const errorCodes = (fs: Finding[]) => fs.filter((f) => f.severity === 'error').map((f) => f.code);

async function fixThenRecheck(text: string): Promise<void> {
  const before = await check(text);
  if (!before) return;
  checkRanges(text, before);
  const fixes = before.map((f) => f.fixes.find((x) => x.safety === 'safe')).filter((x) => x !== undefined);
  if (fixes.length === 0) return;
  const fixed = applyFixes(text, fixes.map((x) => ({ edits: x!.edits.filter((e) => !e.path || e.path === PATH) })));
  stats.fixesApplied += fixed.applied;
  const after = await check(fixed.text);
  if (!after) return;
  checkRanges(fixed.text, after);
  // No error the fixes introduced: every error code after occurs at most as often as before.
  const remaining = errorCodes(before);
  for (const code of errorCodes(after)) {
    const i = remaining.indexOf(code);
    if (i === -1) throw new Error(`applying safe fixes introduced ${code}:\n--- before\n${text}\n--- after\n${fixed.text}`);
    remaining.splice(i, 1);
  }
}

describe('fuzz', () => {
  afterAll(() => {
    console.log(`fuzz (seed ${SEED}): ${stats.cases} checks, ${stats.findings} findings, ${stats.fixesApplied} safe fixes applied, ${stats.timeouts} parse timeouts, ${CORPUS.length} corpus files`);
  });

  it('the corpus is there to mutate', () => {
    expect(CORPUS.length).toBeGreaterThan(10);
  });

  it('generated Julia-like text: never throws, ranges inside the text', async () => {
    await fc.assert(
      fc.asyncProperty(juliaLike, async (text) => {
        const findings = await check(text);
        if (findings) checkRanges(text, findings);
      }),
      { seed: SEED, numRuns: 500 * SCALE },
    );
  });

  it('mutated examples and fixtures: never throws, ranges inside the text', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async (text) => {
        const findings = await check(text);
        if (findings) checkRanges(text, findings);
      }),
      { seed: SEED + 1, numRuns: 500 * SCALE },
    );
  });

  it('applying every safe fix then checking again gives no new error', async () => {
    await fc.assert(fc.asyncProperty(mutated, fixThenRecheck), { seed: SEED + 2, numRuns: 150 * SCALE });
    await fc.assert(fc.asyncProperty(juliaLike, fixThenRecheck), { seed: SEED + 3, numRuns: 150 * SCALE });
    await fc.assert(fc.asyncProperty(hazardProgram, fixThenRecheck), { seed: SEED + 4, numRuns: 300 * SCALE });
    await fc.assert(
      fc.asyncProperty(fc.tuple(hazardProgram, fc.array(mutation, { maxLength: 2 })), ([text, ms]) => fixThenRecheck(mutate(text, ms))),
      { seed: SEED + 5, numRuns: 300 * SCALE },
    );
    for (const text of CORPUS) await fixThenRecheck(text);
  });
});
