// Deeply nested input must be checked like any other: no walker may recurse on the JavaScript stack
// once per nesting level. Each case sits in run-time code (inside `@main`) so every rule walks it.

import { describe, expect, it } from 'vitest';
import { checkSources, makeResolver } from '../../server/check';
import { Notice } from '../../server/sources';

const inMain = (body: string) => `function (@main)(args)\n${body}\n    return 0\nend\n`;

export const CASES: Array<[string, string]> = [
  ['20,000 nested parentheses', inMain('    x = ' + '('.repeat(20_000) + '1' + ')'.repeat(20_000))],
  ['3,000 nested blocks', inMain('begin\n'.repeat(3_000) + 'println(1)\n' + 'end\n'.repeat(3_000))],
  ['3,000 nested if blocks', inMain('if c\n'.repeat(3_000) + 'println(1)\n' + 'end\n'.repeat(3_000))],
  ['3,000 nested closures', inMain('f0 = ' + Array.from({ length: 3_000 }, (_, i) => `x${i} -> `).join('') + 'println(x0)')],
  ['3,000 nested functions', 'function (@main)(args)\n' + Array.from({ length: 3_000 }, (_, i) => `function g${i}(io${i})\n`).join('') + 'println(io0)\n' + 'end\n'.repeat(3_000) + 'return 0\nend\n'],
  ['a 20,000-long field chain', inMain('    println(' + 'a' + '.b'.repeat(20_000) + ')')],
  ['a 20,000-term sum', inMain('    x = ' + Array.from({ length: 20_000 }, () => '1').join(' + '))],
  ['20,000 nested calls', inMain('    println(' + 'f('.repeat(20_000) + 'x' + ')'.repeat(20_000) + ')')],
  ['a 3,000-deep parametric type', 'struct S\n    x::' + 'Vector{'.repeat(3_000) + 'Any' + '}'.repeat(3_000) + '\nend\n' + inMain('    println(S)')],
  ['a 3,000-deep Union type', 'struct S\n    x::' + 'Union{Int,'.repeat(3_000) + 'Any' + '}'.repeat(3_000) + '\nend\n'],
  ['a 20,000-deep tuple target', inMain('    ' + '('.repeat(20_000) + 'a, b' + ')'.repeat(20_000) + ' = f()\n    println(a)')],
  ['a 20,000-deep parenthesised callee', inMain('    ' + '('.repeat(20_000) + 'println' + ')'.repeat(20_000) + '(1)')],
  ['self-referential IO assignments', inMain('    io = io\n    a = b\n    b = a\n    println(io, 1)\n    println(a, 2)')],
  ['3,000 nested string interpolations', inMain('    println("' + '$(string("'.repeat(3_000) + 'x' + '"))'.repeat(3_000) + '")')],
];

describe('deeply nested input', () => {
  it.each(CASES)('%s: checked without a crash', async (_label, text) => {
    const notices: Notice[] = [];
    await checkSources([{ path: '/virtual/deep.jl', text }], makeResolver('/virtual'), { notices, timeBudgetMs: 60_000 });
    expect(notices).toEqual([]);
  });
});
