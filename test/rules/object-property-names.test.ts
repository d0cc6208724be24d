// Julia names that are also properties of every JavaScript object (`constructor`, `toString`) must
// be looked up as names, not found on Object.prototype by the rules' tables.

import { describe, expect, it } from 'vitest';
import { checkSnippet } from '../helpers';

const SNIPPET = [
  'function (@main)(args)',
  '    x = constructor(1)',
  '    y = toString(x)',
  '    @constructor x',
  '    @logmsg hasOwnProperty "m"',
  '    printstyled(Core.stdout, "a"; color = :constructor)',
  '    println(Core.stdout, constructor, valueOf(y), __proto__)',
  '    return 0',
  'end',
  '',
  'Base.@ccallable function c_entry(x::Cint)::constructor',
  '    return x',
  'end',
].join('\n');

describe('names shared with Object.prototype', () => {
  it('are checked like any other name: no error, no finding claims them as eval, a task, a path or a colour', async () => {
    const findings = await checkSnippet(SNIPPET);
    // `@logmsg` and `printstyled` are flagged for themselves; `color = :constructor` is no colour to fix with.
    expect(findings.map((f) => `${f.range.start.line + 1}:${f.code}`)).toEqual(['5:TRIM103', '6:TRIM104']);
    expect(findings.find((f) => f.code === 'TRIM104')?.fixes).toEqual([]);
  });
});
