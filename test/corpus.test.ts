// The labelled corpus (test/corpus/): precision, recall and error-level findings on trim-safe code
// must not drop below the checked-in thresholds. `npm run corpus` prints the full confusion list.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, discoverCases, evaluateCorpus, formatReport, parseLabels, readThresholds, thresholdFailures } from '../rules/corpus';

const dir = corpusDir();

describe('labelled corpus', () => {
  it('reads labels: codes, alternatives, classes, groups and label-next', () => {
    const text = [
      'println(x)  # label: TRIM101 error',
      'f(v...)  # label: TRIM301|TRIM304 warning ~g, TRIM202 error',
      'ok()  # label: none',
      '# label-next: info TRIM801',
      '@assert x "$(x)"',
      'bad()  # label: TRIM10 maybe',
    ].join('\n');
    const { labels, bad } = parseLabels('/a.jl', text);
    expect(labels.map((l) => [l.line, l.cls, l.codes.join('|'), l.group])).toEqual([
      [1, 'error', 'TRIM101', null],
      [2, 'warning', 'TRIM301|TRIM304', 'g'],
      [2, 'error', 'TRIM202', null],
      [3, 'none', '', null],
      [5, 'info', 'TRIM801', null],
    ]);
    expect(bad).toHaveLength(1);
  });

  it('has at least 250 cases, flag and do-not-flag cases per hazard, and 15 whole programs', () => {
    const cases = discoverCases(dir);
    expect(cases.length).toBeGreaterThanOrEqual(250);
    expect(cases.flatMap((c) => c.badLabels)).toEqual([]);
    for (const h of readdirSync(join(dir, 'hazards'))) {
      const mine = cases.filter((c) => c.id.startsWith(`hazards/${h}/`));
      expect(mine.some((c) => c.labels.some((l) => l.cls === 'error' || l.cls === 'warning' || l.cls === 'info')), `${h} has a flag case`).toBe(true);
      expect(mine.some((c) => c.labels.some((l) => l.cls === 'none')), `${h} has a do-not-flag case`).toBe(true);
    }
    const programs = cases.filter((c) => (c.id.startsWith('programs/') || c.id.startsWith('safe/')) && !c.id.endsWith('.jl'));
    expect(programs.length).toBeGreaterThanOrEqual(15);
  });

  it('meets the checked-in precision, recall and trim-safe thresholds', async () => {
    const metrics = await evaluateCorpus(dir);
    expect(thresholdFailures(metrics, readThresholds(dir)), formatReport(metrics)).toEqual([]);
  });
});
