// What a rule is: declarative metadata beside a `create` that returns node visitors. The engine walks
// each file's run-time code once and calls every rule's visitor for the node types it names.

import type { SyntaxNode } from '../grammar-bindings';
import type { FileFacts, FunctionInfo } from '../analysis/file-facts';
import type { Finding, FindingTag, Fix, Range, Severity } from '../analysis/finding';
import type { Project } from '../analysis/project';

export type Category =
  | 'io'
  | 'types'
  | 'calls'
  | 'reflection'
  | 'concurrency'
  | 'c-interop'
  | 'entrypoints'
  | 'behaviour'
  | 'suppressions'
  | 'verifier';

export const CATEGORY_TITLES: Record<Category, string> = {
  io: 'I/O',
  types: 'Types and data',
  calls: 'Calls and dispatch',
  reflection: 'Reflection and code loading',
  concurrency: 'Concurrency',
  'c-interop': 'C interop',
  entrypoints: 'Entrypoints and packages',
  behaviour: 'Behaviour changes',
  suppressions: 'Suppressions',
  verifier: 'Verifier output (--verifier-log)',
};

export type JuliaVersion = '1.12' | '1.13' | 'nightly';

export interface RuleDocs {
  /** What the rule flags, in a sentence or two. */
  what: string;
  /** Why it breaks a trimmed build (or the program built from it). */
  why: string;
  /** The verifier's message users will see, when there is one. */
  verifierMessage?: string;
  /** Julia code that is flagged. */
  example: string;
  /** The trim-safe way to write it. */
  useInstead: string;
  /** What the automatic fixes do and when they are unsafe. */
  fixSafety: string;
  /** Look-alikes the rule deliberately does not flag. */
  falsePositives?: string;
  /** How the rule's truth differs between Julia versions. */
  versions?: string;
  /** Public reports and source files the rule is based on. */
  evidence: string[];
}

export interface RuleMeta {
  /** Stable code: TRIM1xx I/O, 2xx types and data, 3xx calls, 4xx reflection, ... */
  code: string;
  /** Kebab-case name, accepted wherever a code is. */
  name: string;
  /** One line for tables and hovers. */
  summary: string;
  severity: Severity;
  category: Category;
  tags?: FindingTag[];
  fixable: 'safe' | 'unsafe' | 'none';
  docs: RuleDocs;
}

export interface ReportInput {
  /** The node to underline; or give `range`. */
  node?: SyntaxNode;
  range?: Range;
  message: string;
  fixes?: Fix[];
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  tags?: FindingTag[];
  /** Leave the rule's own tags (meta.tags) off this finding, when they do not hold for it. */
  withoutRuleTags?: boolean;
  related?: Finding['related'];
  /** The function holding the finding, for reachability; found from `node` when absent. */
  owner?: FunctionInfo | null;
}

export interface RuleOptions {
  juliaVersion: JuliaVersion;
}

export interface RuleContext {
  readonly file: FileFacts;
  readonly project: Project;
  readonly options: RuleOptions;
  report(input: ReportInput): void;
  /**
   * A project-wide table computed once per project state rather than once per file (rules run per
   * file, so a table built from every file in `create()` would make a check quadratic). `key` must
   * be unique to the rule and the table; `compute` must depend only on the project.
   */
  projectCache<T>(key: string, compute: () => T): T;
}

export type NodeVisitor = (node: SyntaxNode, owner: FunctionInfo) => void;

export interface RuleVisitors {
  /** Called for each run-time node of this type (inside functions, outside quotes). */
  [nodeType: string]: NodeVisitor | (() => void) | undefined;
  /** Called once per file, for declarations (structs, globals) rather than run-time code. */
  file?: () => void;
}

export interface Rule {
  meta: RuleMeta;
  create(ctx: RuleContext): RuleVisitors;
}
