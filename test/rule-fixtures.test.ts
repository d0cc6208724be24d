// Every rule has a folder test/fixtures/rules/<rule-name>/ with Julia files whose `# expect:` comments
// list the findings on each line. For each file, `<file>.fixed.jl` (when present) is the text after
// applying the rule's safe fixes, and `<file>.unsafe-fixed.jl` after applying all its fixes.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../analysis/text-edits';
import { RULES } from '../rules/registry';
import { checkSources, expectationsOf, findingKeys, readText } from './helpers';

const ROOT = join(__dirname, 'fixtures', 'rules');

describe('rule fixtures', () => {
  // Suppression findings come from the suppression pass; test/cli/suppressions.test.ts covers them.
  for (const rule of RULES.filter((r) => r.meta.category !== 'suppressions')) {
    const dir = join(ROOT, rule.meta.name);
    it(`${rule.meta.name} has flag and clean fixtures`, () => {
      expect(existsSync(join(dir, 'flag.jl')), `${dir}/flag.jl`).toBe(true);
      expect(existsSync(join(dir, 'clean.jl')), `${dir}/clean.jl`).toBe(true);
    });
    if (!existsSync(dir)) continue;
    const sources = readdirSync(dir).filter((f) => f.endsWith('.jl') && !/[.-]fixed\.jl$/.test(f));
    for (const name of sources) {
      const path = join(dir, name);
      it(`${rule.meta.name}/${name}`, async () => {
        const text = readText(path);
        const findings = await checkSources([{ path, text }], [rule]);
        expect(findingKeys(findings)).toEqual(expectationsOf(text));
        if (name === 'clean.jl') expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
        const base = path.slice(0, -3);
        if (existsSync(base + '.fixed.jl')) {
          const safe = findings.flatMap((f) => f.fixes.filter((x) => x.safety === 'safe'));
          expect(applyFixes(text, safe).text).toBe(readText(base + '.fixed.jl'));
        }
        if (existsSync(base + '.unsafe-fixed.jl')) {
          const all = findings.flatMap((f) => f.fixes.slice(0, 1));
          expect(applyFixes(text, all).text).toBe(readText(base + '.unsafe-fixed.jl'));
        }
      });
    }
  }
});
