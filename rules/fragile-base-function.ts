import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { Fix, FindingTag, Severity } from '../analysis/finding';
import { baseName, callArguments, calleeName, doClause, lineIndent } from '../analysis/julia-syntax';
import { getCallGraph } from '../analysis/call-graph';
import { rangeOf } from '../analysis/project';
import { typeOfExpression } from '../analysis/type-facts';
import { JuliaVersion, Rule, RuleContext } from './rule';
import { visitedCalleeName } from './syntax-memo';

type Level = Severity | null;

interface Entry {
  /** Severity per Julia version; null means not reported on that version. */
  levels: Record<JuliaVersion, Level>;
  tags?: FindingTag[];
  what: string;
  evidence: string;
}

/** The version table: how each fragile Base construct fares, with the report it comes from. */
const TABLE: Record<string, Entry> = {
  regex: {
    levels: { '1.12': null, '1.13': 'info', nightly: 'warning' },
    what: '`match`, `dirname` and `splitdir` broke Hello World on 1.13-alpha2 through an error path that reached `print_to_string(::String, ::Vararg{Any})`; JuliaC\'s `max_args` patch fixed it, and it recurred on a 2026 master build',
    evidence: 'https://github.com/JuliaLang/julia/issues/60331',
  },
  parseString: {
    levels: { '1.12': null, '1.13': 'info', nightly: 'warning' },
    what: '`string(parse(Int, s))` gave 10 verifier errors on 1.13-alpha2 and 1.14-dev (the same `print_to_string` root cause, fixed by JuliaC\'s `max_args` patch)',
    evidence: 'https://github.com/JuliaLang/JuliaC.jl/issues/84',
  },
  version: {
    levels: { '1.12': 'info', '1.13': null, nightly: null },
    what: '`VersionNumber(s)` from a string failed on 1.12.1 with `_apply_iterate` errors; julia PR 60062, backported to later 1.12 releases, fixed it',
    evidence: 'https://github.com/JuliaLang/JuliaC.jl/issues/70',
  },
  repeat: {
    levels: { '1.12': 'warning', '1.13': 'warning', nightly: 'warning' },
    what: '`repeat(::String, n)` and `s^n` gave an `unresolved invoke` on 1.13 (ProgressMeter had to replace them; no fix is known, so 1.12 is warned too)',
    evidence: 'https://github.com/timholy/ProgressMeter.jl/pull/367',
  },
  pad: {
    levels: { '1.12': 'warning', '1.13': 'info', nightly: 'info' },
    what: '`lpad`/`rpad` with a `Char` pad were unresolved on 1.12 (AutoRIFT.jl, through `DateTime` formatting and `Scratch.@get_scratch!`); not re-measured on later versions',
    evidence: 'https://github.com/alex-s-gardner/AutoRIFT.jl',
  },
  openDo: {
    levels: { '1.12': 'warning', '1.13': 'warning', nightly: 'warning' },
    what: '`open(f, path, mode)` and its `do` form take the path and mode as `Vararg{String}`, which became an `_apply_iterate` (3 verifier errors in AutoRIFT.jl on 1.12)',
    evidence: 'https://github.com/alex-s-gardner/AutoRIFT.jl',
  },
  colon: {
    levels: { '1.12': 'info', '1.13': 'info', nightly: 'info' },
    tags: ['behaviour-change'],
    what: '`reshape(x, :, ...)` error paths print the `Colon` with `show(io, ::Colon)`, which did not trim until JuliaC patched it; the trimmed program prints the patched form',
    evidence: 'https://github.com/JuliaLang/JuliaC.jl/pull/32',
  },
};

const VERSION_TABLE =
  '| construct | 1.12 | 1.13 (JuliaC) | nightly | evidence |\n|---|---|---|---|---|\n' +
  [
    ['`match(r"...", s)`, `dirname`, `splitdir`', 'regex'],
    ['`string(parse(Int, s))`', 'parseString'],
    ['`VersionNumber("1.2.3")` from a string', 'version'],
    ['`repeat(s::String, n)`, `"\\n"^n`', 'repeat'],
    ['`lpad`/`rpad` with a `Char` pad', 'pad'],
    ['`open(f, path, mode)`, `open(path) do io ... end`', 'openDo'],
    ['`reshape(x, :, ...)` (`show(io, ::Colon)`)', 'colon'],
  ]
    .map(([label, key]) => {
      const e = TABLE[key];
      const cell = (v: JuliaVersion) => e.levels[v] ?? '—';
      return `| ${label} | ${cell('1.12')} | ${cell('1.13')} | ${cell('nightly')} | ${e.evidence} |`;
    })
    .join('\n');

export const fragileBaseFunction: Rule = {
  meta: {
    code: 'TRIM307',
    name: 'fragile-base-function',
    summary: 'Base functions known to break trimming on some Julia versions (`match`, `dirname`, `repeat`, `rpad` with a `Char`, `open(f, ...)`)',
    severity: 'warning',
    category: 'calls',
    fixable: 'unsafe',
    docs: {
      what:
        'Flags calls to Base functions that failed verification on a given Julia version in public reports, with a severity per version (`juliaVersion` option): `match(r"...", s)`, `dirname`, `splitdir`; `string(parse(Int, s))`; `VersionNumber(s)` from a string; `repeat(s::String, n)` and `s^n` on strings; `lpad`/`rpad` with a `Char` pad; the `open(f, path, mode)` function form and `open(path, mode) do io ... end`; `reshape(x, :, ...)`. Only literal or obvious shapes are flagged.',
      why:
        'These functions are fine in ordinary Julia, but each one reached code the trim verifier could not resolve on some version: an error path that builds a message with too many `print_to_string` arguments, a `Vararg` splat, an `invoke` of a method that was not compiled. The table below lists what was reported where; later fixes (JuliaC\'s `max_args` patch, julia PR 60062) are why some entries are infos.',
      verifierMessage: 'unresolved call from statement Base.print(%new()::IOBuffer, φ ()::Any)::Any (inside print_to_string(::String, ::Vararg{Any}))',
      example: 'function save(path::String, text::String)\n    open(path, "w") do io\n        write(io, text)\n    end\n    println(Core.stdout, rpad("saved", 10, \'.\'), repeat("=", 20))\nend',
      useInstead:
        'function save(path::String, text::String)\n    io = open(path, "w")\n    try\n        write(io, text)\n    finally\n        close(io)\n    end\n    println(Core.stdout, rpad("saved", 10), "=" ^ 0, "====================")\nend',
      fixSafety:
        'Unsafe: `open(path, mode) do io ... end` used as a statement, with one do-argument and no `return` inside, becomes `io = open(path, mode)` followed by `try ... finally close(io) end`. The value of the expression (the do-block\'s result) is lost, so it is only offered where the result is unused. Other shapes get no fix.',
      falsePositives:
        'Calls at top level (build time), `match` with a computed regex, `repeat` on arrays (`repeat(A; inner, outer)` is in the Trimmability test), `lpad`/`rpad` with a `String` pad or none, `open(path, mode)` without a function, and `v"1.2.3"` literals (built at parse time) are not flagged. Versions not listed for an entry are silent.',
      versions: VERSION_TABLE,
      evidence: [
        'https://github.com/JuliaLang/julia/issues/60331',
        'https://github.com/JuliaLang/JuliaC.jl/issues/84',
        'https://github.com/JuliaLang/JuliaC.jl/issues/70',
        'https://github.com/JuliaLang/julia/pull/60062',
        'https://github.com/timholy/ProgressMeter.jl/pull/367',
        'https://github.com/alex-s-gardner/AutoRIFT.jl',
        'https://github.com/JuliaLang/JuliaC.jl/pull/32',
        'https://github.com/JuliaLang/julia/pull/62222',
      ],
    },
  },
  create(ctx) {
    const report = (node: SyntaxNode, key: keyof typeof TABLE, advice: string, fixes: Fix[] = []) => {
      const e = TABLE[key];
      const level = e.levels[ctx.options.juliaVersion];
      if (!level) return;
      ctx.report({
        node,
        severity: level,
        tags: e.tags,
        message: `${e.what} (${e.evidence}). On Julia ${ctx.options.juliaVersion} this is ${level === 'info' ? 'reported as fixed, kept as a note' : 'a likely verifier failure'}. ${advice}`,
        fixes,
      });
    };
    return {
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (!name || (name !== baseName(name) && !/^Base\.\w+$/.test(name))) return;
        const fn = baseName(name);
        const args = callArguments(node).positional;
        switch (fn) {
          case 'match':
            if (args[0]?.type === 'prefixed_string_literal' && args[0].text.startsWith('r')) report(node, 'regex', 'Build with JuliaC, or use `occursin`/`findfirst` with a plain string.');
            return;
          case 'dirname':
          case 'splitdir':
            if (args.length === 1) report(node, 'regex', 'Build with JuliaC, or split the path with `findlast(\'/\', path)`.');
            return;
          case 'string':
            if (args.length === 1 && args[0].type === 'call_expression' && calleeName(args[0]) === 'parse' && /^(U?Int\d*)$/.test(callArguments(args[0]).positional[0]?.text ?? '')) {
              report(node, 'parseString', 'Build with JuliaC 0.2.3 or later.');
            }
            return;
          case 'VersionNumber':
            if (args.length === 1 && isString(args[0], owner, ctx)) report(node, 'version', 'Use Julia 1.12.2 or later, or a `v"..."` literal.');
            return;
          case 'repeat':
            if (args.length === 2 && isString(args[0], owner, ctx)) report(node, 'repeat', 'Build the text with a loop of `print(io, s)` calls into an `IOBuffer`.');
            return;
          case 'lpad':
          case 'rpad':
            if (args.length === 3 && args[2].type === 'character_literal') report(node, 'pad', 'Pass a `String` pad (`rpad(s, n, " ")`) or pad by hand.');
            return;
          case 'open': {
            const doc = doClause(node);
            if (doc && args.length >= 1) {
              const fix = openFix(node, doc, args, ctx);
              report(node.namedChild(0) ?? node, 'openDo', 'Open the file with `io = open(path, mode)` and close it in `try ... finally close(io) end`.', fix ? [fix] : []);
            } else if (args.length >= 2 && isFunctionValue(args[0], node, owner, ctx)) {
              report(node.namedChild(0) ?? node, 'openDo', 'Open the file with `io = open(path, mode)` and close it in `try ... finally close(io) end`.');
            }
            return;
          }
          case 'reshape':
            if (args.slice(1).some((a) => a.type === 'operator' && a.text === ':')) report(node, 'colon', 'No change needed with JuliaC; with a bare `julia --trim`, pass explicit sizes.');
            return;
        }
      },
      binary_expression(node, owner) {
        const op = node.namedChildren.find((c) => c.type === 'operator')?.text;
        if (op !== '^') return;
        const left = node.namedChild(0);
        if (left && (left.type === 'string_literal' || left.type === 'character_literal' || isString(left, owner, ctx))) {
          report(node, 'repeat', 'Build the text with a loop of `print(io, s)` calls into an `IOBuffer`.');
        }
      },
    };
  },
};

function isString(n: SyntaxNode, owner: FunctionInfo, ctx: RuleContext): boolean {
  if (n.type === 'string_literal') return true;
  const t = typeOfExpression(n, owner, ctx.project);
  return t.kind === 'concrete' && /^(String|SubString(\{String\})?)$/.test(t.text);
}

function isFunctionValue(n: SyntaxNode, call: SyntaxNode, owner: FunctionInfo, ctx: RuleContext): boolean {
  if (n.type === 'arrow_function_expression') return true;
  if (n.type !== 'identifier') return false;
  const graph = getCallGraph(ctx.project);
  return graph.resolveName(n.text, ctx.project.view().moduleOf(owner.module)).length > 0 && !!call;
}

/** `open(path, mode) do io ... end` as a statement, with no `return` inside: `io = open(...); try ... finally close(io) end`. */
function openFix(call: SyntaxNode, doc: SyntaxNode, args: SyntaxNode[], ctx: RuleContext): Fix | null {
  const parent = call.parent;
  const statement = parent && (parent.type === 'function_definition' || parent.type === 'compound_statement' || parent.type === 'source_file' || /_statement$|_clause$/.test(parent.type));
  if (!statement || parent.type === 'return_statement' || parent.type === 'assignment') return null;
  if (callArguments(call).keywords.length > 0) return null;
  const params = doc.children.find((c) => c.type === 'argument_list');
  const io = (params?.namedChildren ?? []).filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment');
  const comments = (params?.namedChildren ?? []).filter((c) => c.type === 'line_comment').map((c) => '  ' + c.text).join('');
  if (io.length !== 1 || io[0].type !== 'identifier') return null;
  const body = doc.namedChildren.filter((c) => c !== params);
  const stack = [...body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'return_statement') return null;
    if (n.type === 'arrow_function_expression' || n.type === 'function_definition') continue;
    for (const c of n.children) stack.push(c);
  }
  if (body.length === 0) return null;
  const indent = lineIndent(ctx.file.tree.source, call.startIndex);
  const source = ctx.file.tree.source;
  const lines = source.slice(body[0].startIndex, body[body.length - 1].endIndex);
  const bodyIndent = lineIndent(source, body[0].startIndex);
  const inner = indent + '    ';
  const reindented = lines
    .split('\n')
    .map((l, i) => (i === 0 ? inner + l : l.startsWith(bodyIndent) ? inner + l.slice(bodyIndent.length) : l))
    .join('\n');
  const name = io[0].text;
  const text = `${name} = open(${args.map((a) => a.text).join(', ')})${comments}\n${indent}try\n${reindented}\n${indent}finally\n${inner}close(${name})\n${indent}end`;
  return { description: `Open with ${name} = open(...) and close it in try/finally`, safety: 'unsafe', edits: [{ range: rangeOf(call), newText: text }] };
}
