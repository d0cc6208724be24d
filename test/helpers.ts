// Shared helpers for tests: check a snippet or a fixture file with chosen rules.

import { readFileSync } from 'node:fs';
import { computeFileFacts } from '../analysis/file-facts';
import { Finding } from '../analysis/finding';
import { Project } from '../analysis/project';
import { getBackend, parseWith, SyntaxNode } from '../grammar-bindings';
import { DEFAULT_RULE_OPTIONS, runRules } from '../rules/engine';
import { RULES } from '../rules/registry';
import { Rule, RuleOptions } from '../rules/rule';

export async function checkSources(
  files: Array<{ path: string; text: string }>,
  rules: readonly Rule[] = RULES,
  options: RuleOptions = DEFAULT_RULE_OPTIONS,
): Promise<Finding[]> {
  const backend = await getBackend();
  const project = new Project();
  for (const f of files) project.setFile(computeFileFacts(f.path, parseWith(backend, f.text)));
  return runRules(project, rules, options).findings;
}

export async function checkSnippet(text: string, rules: readonly Rule[] = RULES, options?: RuleOptions): Promise<Finding[]> {
  return checkSources([{ path: '/virtual/snippet.jl', text }], rules, options);
}

/** `# expect: TRIM101 error, TRIM202 warning` comments, as sorted `line:CODE:severity` (1-based lines). */
export function expectationsOf(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /#\s*expect:\s*(.*)$/.exec(line);
    if (!m) return;
    for (const part of m[1].split(',')) {
      const [code, severity] = part.trim().split(/\s+/);
      if (code) out.push(`${i + 1}:${code}:${severity ?? '?'}`);
    }
  });
  return out.sort();
}

export function findingKeys(findings: Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1}:${f.code}:${f.severity}`).sort();
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Every property the rest of trimsafe reads from a tree, in pre-order, as one comparable list. */
export function describeTree(root: SyntaxNode): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(
      [n.type, n.named, n.missing, n.startIndex, n.endIndex, n.startPosition.row, n.startPosition.column, n.endPosition.row, n.endPosition.column, n.field, n.indexInParent, n.children.length, n.parent?.startIndex ?? -1].join(','),
    );
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}
