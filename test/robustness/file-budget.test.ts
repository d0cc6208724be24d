// The per-file time budget: a file that takes too long is skipped with one notice, the run goes on.

import { afterEach, describe, expect, it } from 'vitest';
import { checkSources, fileTimeBudgetMs, makeResolver } from '../../server/check';
import { Notice } from '../../server/sources';
import { cli, HAZARD, makeTree } from '../cli/cli-helpers';

const saved = process.env.TRIMSAFE_FILE_TIMEOUT_MS;
afterEach(() => {
  if (saved === undefined) delete process.env.TRIMSAFE_FILE_TIMEOUT_MS;
  else process.env.TRIMSAFE_FILE_TIMEOUT_MS = saved;
});

describe('per-file time budget', () => {
  it('defaults to 10 s and reads TRIMSAFE_FILE_TIMEOUT_MS', () => {
    expect(fileTimeBudgetMs(undefined, {})).toBe(10_000);
    expect(fileTimeBudgetMs(undefined, { TRIMSAFE_FILE_TIMEOUT_MS: '250' })).toBe(250);
    expect(fileTimeBudgetMs(undefined, { TRIMSAFE_FILE_TIMEOUT_MS: 'soon' })).toBe(10_000);
    expect(fileTimeBudgetMs(40, { TRIMSAFE_FILE_TIMEOUT_MS: '250' })).toBe(40);
  });

  it('skips a slow file with a notice and still checks the others', async () => {
    const slow = 'function f(x)\n    println("hi", x)\nend\n'.repeat(20_000);
    // Warm up first so the small file fits its budget on a busy machine.
    await checkSources([{ path: '/virtual/main.jl', text: HAZARD }], makeResolver('/virtual'));
    const notices: Notice[] = [];
    const findings = await checkSources(
      [
        { path: '/virtual/slow.jl', text: slow },
        { path: '/virtual/main.jl', text: HAZARD },
      ],
      makeResolver('/virtual'),
      { timeBudgetMs: 100, notices },
    );
    expect(notices).toEqual([{ path: '/virtual/slow.jl', level: 'error', message: 'took longer than 100 ms to check; skipped' }]);
    expect(findings.map((f) => f.path)).not.toContain('/virtual/slow.jl');
    expect(findings.map((f) => f.code)).toContain('TRIM101');
  });

  it('the CLI reports the skipped file and exits 1; the unterminated-begin hang ends within the budget', async () => {
    process.env.TRIMSAFE_FILE_TIMEOUT_MS = '300';
    const root = makeTree({ 'hang.jl': 'function f()\n    begin\n        x\n', 'ok.jl': 'f(x) = x + 1\n' });
    const started = Date.now();
    const r = await cli(root, '--check', '.', '--format', 'json');
    expect(Date.now() - started).toBeLessThan(5_000);
    const report = JSON.parse(r.stdout);
    // The native binding never finishes this text (skipped); wasm parses it (no finding).
    const notices = report.summary.skipped as Array<{ path: string; message: string }>;
    expect(notices.every((n) => n.path === 'hang.jl' && /took longer than 300 ms to check; skipped/.test(n.message))).toBe(true);
    expect(r.code).toBe(notices.length > 0 ? 1 : 0);
  });
});
