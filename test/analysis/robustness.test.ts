// Whole-program analysis must never crash or recurse without bound on odd input.

import { describe, expect, it } from 'vitest';
import { computeReachability } from '../../analysis/reachability';
import { annotateReachability, DEFAULT_RULE_OPTIONS, runRules } from '../../rules/engine';
import { RULES } from '../../rules/registry';
import { projectOf } from './analysis-helpers';

async function checkAll(files: Record<string, string>) {
  const project = await projectOf(files);
  const result = runRules(project, RULES, DEFAULT_RULE_OPTIONS);
  return { project, findings: annotateReachability(result, project) };
}

describe('analysis robustness', () => {
  it('handles thousands of nested modules and long && chains', async () => {
    const depth = 3000;
    const nested = 'module M\n'.repeat(depth) + 'f(x) = println(x)\n' + 'end\n'.repeat(depth);
    const chain = `function (@main)(args)\n    x = args[1]\n    if ${Array.from({ length: 3000 }, () => 'x isa String').join(' && ')}\n        println(x, 1)\n    end\n    return 0\nend\n`;
    const { findings } = await checkAll({ '/r/nested.jl': nested, '/r/chain.jl': chain });
    expect(findings.length).toBeGreaterThan(0);
  });

  it('survives syntax errors, recursion and mutual recursion', async () => {
    const { project, findings } = await checkAll({
      '/r/a.jl': `
function (@main)(args)
    ping(3)
    return 0
end
ping(n) = n > 0 ? pong(n - 1) : ping(n)
pong(n) = ping(n)
fact(n) = n <= 1 ? 1 : n * fact(n - 1)
broken(x = ) = println(
`,
    });
    expect(Array.isArray(findings)).toBe(true);
    const r = computeReachability(project);
    expect(r.of(project.allFunctions().find((f) => f.name === 'pong')!).via).toEqual(['main', 'ping', 'pong']);
  });

  it('resolves imports that name each other without looping', async () => {
    const { project } = await checkAll({
      '/r/m.jl': 'module A\nusing ..B\nexport fa\nfa() = fb()\nend\nmodule B\nusing ..A\nexport fb\nfb() = fa()\nend\n(@main)(args) = A.fa()\n',
    });
    const r = computeReachability(project, { mode: 'entrypoints' });
    expect(r.of(project.allFunctions().find((f) => f.name === 'fb')!).via).toEqual(['main', 'A.fa', 'B.fb']);
    // In auto mode, modules without entrypoints of their own stay roots (libraries next to an app).
    expect(computeReachability(project).of(project.allFunctions().find((f) => f.name === 'fb')!).via).toEqual(['fb']);
  });
});
