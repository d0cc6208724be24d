// After edits that leave most of a document's tree reused from before, the language server's
// diagnostics must still equal a fresh check of the text: a reused function's findings can depend
// on code after the edit (a global made const, a callee renamed), and shifted code must report
// shifted ranges.

import { afterEach, describe, expect, it } from 'vitest';
import { Diagnostic } from 'vscode-languageserver/node';
import { checkSources, makeResolver } from '../../server/check';
import { TestClient } from './harness';

let client: TestClient | null = null;
afterEach(async () => {
  await client?.dispose();
  client = null;
});

const SEVERITIES = ['', 'error', 'warning', 'info', 'hint'];

const BASE = [
  'function (@main)(args)',
  '    println(Core.stdout, LIMIT)',
  '    helper(1)',
  '    return 0',
  'end',
  '',
  'function helper(x)',
  '    print(stdout, x)',
  'end',
  '',
  'LIMIT = 10',
  '',
].join('\n');

const EDITS: Array<[string, (t: string) => string]> = [
  ['make the global const', (t) => t.replace('LIMIT = 10', 'const LIMIT = 10')],
  ['make it a plain global again', (t) => t.replace('const LIMIT = 10', 'LIMIT = 10')],
  ['rename the callee', (t) => t.replace('function helper(x)', 'function helper2(x)')],
  ['rename it back', (t) => t.replace('function helper2(x)', 'function helper(x)')],
  ['add a line at the top', (t) => '\n' + t],
  ['print without IO in the callee', (t) => t.replace('    print(stdout, x)', '    print(stdout, x)\n    println("x")')],
  ['type a character in main', (t) => t.replace('helper(1)', 'helper(12)')],
  ['open a string at the end', (t) => t + 's = "'],
  ['close it', (t) => t + '"\n'],
  ['suppress the print', (t) => t.replace('    println("x")', '    println("x")  # trimsafe: ignore[TRIM101] -- test')],
];

describe('diagnostics after incremental edits', () => {
  it('equal a fresh check of the text after each edit', async () => {
    client = await TestClient.start({ files: {} });
    const c = client;
    const uri = await c.open('app.jl', BASE);
    let text = BASE;
    let version = 1;
    const seen = new Set<string>();
    const keyOf = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${SEVERITIES[d.severity!]} ${d.message}`;
    for (const [what, edit] of [['open', (t: string) => t] as [string, (t: string) => string], ...EDITS]) {
      text = edit(text);
      if (what !== 'open') version = await c.replaceAll(uri, text);
      await c.waitFor(() => c.diagnosticVersions.get(uri) === version, `diagnostics of version ${version}`);
      await c.sync();
      const fresh = await checkSources([{ path: c.path('app.jl'), text }], makeResolver(c.root));
      const expected = fresh.map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.code} ${f.severity} ${f.message}`).sort();
      expect((c.diagnostics.get(uri) ?? []).map(keyOf).sort(), what).toEqual(expected);
      seen.add(JSON.stringify(expected));
    }
    // The edits did change the findings.
    expect(seen.size).toBeGreaterThan(4);
  });
});
