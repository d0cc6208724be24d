// The rule pages and the README's rule table are generated from rule metadata; this fails when the
// committed copies are stale (run `npm run docs`).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRuleMetas } from '../rules/all-metas';
import { renderRuleTable, spliceRuleTable } from '../rules/docs';
import { generatedDocs } from '../rules/generate-docs';

const root = join(__dirname, '..');

describe('generated docs', () => {
  it('every rule page is up to date', () => {
    const files = generatedDocs();
    for (const [rel, text] of files) {
      expect(existsSync(join(root, rel)), `${rel} is missing: run npm run docs`).toBe(true);
      expect(readFileSync(join(root, rel), 'utf8'), `${rel} is stale: run npm run docs`).toBe(text);
    }
    const onDisk = readdirSync(join(root, 'docs', 'rules')).map((n) => `docs/rules/${n}`);
    expect(onDisk.sort()).toEqual([...files.keys()].sort());
  });

  it("the README's rule table is up to date", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(spliceRuleTable(readme, renderRuleTable(allRuleMetas()))).toBe(readme);
  });

  it('every rule documents what, why, example, fix and evidence', () => {
    for (const m of allRuleMetas()) {
      expect(m.code).toMatch(/^TRIM\d{3}$/);
      expect(m.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const key of ['what', 'why', 'example', 'useInstead', 'fixSafety'] as const) expect(m.docs[key].length, `${m.code} docs.${key}`).toBeGreaterThan(10);
    }
    const codes = allRuleMetas().map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('README example', () => {
  it('shows the real output of trimsafe --check examples/', async () => {
    const { exampleBlock, spliceExample } = await import('../server/readme-example');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(spliceExample(readme, await exampleBlock(root)), 'README example is stale: run npm run docs').toBe(readme);
  });
});
