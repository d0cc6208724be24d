// Shared helpers for tests: check a snippet or a fixture file with chosen rules.

import { readFileSync } from 'node:fs';
import { computeFileFacts } from '../analysis/file-facts';
import { Finding } from '../analysis/finding';
import { Project } from '../analysis/project';
import { Backend, getBackend, IncrementalDocument, parseWith, SyntaxNode } from '../grammar-bindings';
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

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A project whose files are edited as the editor does: each file reparsed incrementally. */
export function editedProject(backend: Backend): {
  project: Project;
  texts: Map<string, string>;
  set(path: string, text: string): void;
  dispose(): void;
} {
  const project = new Project();
  const docs = new Map<string, IncrementalDocument>();
  const texts = new Map<string, string>();
  return {
    project,
    texts,
    set(path, text) {
      let doc = docs.get(path);
      if (!doc) docs.set(path, (doc = new IncrementalDocument(backend)));
      texts.set(path, text);
      project.setFile(computeFileFacts(path, doc.update(text)));
    },
    dispose() {
      for (const d of docs.values()) d.dispose();
    },
  };
}
